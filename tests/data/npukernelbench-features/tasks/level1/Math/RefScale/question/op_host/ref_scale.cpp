// Fixture OpDef: output `var` is input `var` updated in place.
namespace ops {
class RefScale : public OpDef {
 public:
  explicit RefScale(const char* name) : OpDef(name) {
    this->Input("var").ParamType(REQUIRED).DataType({ge::DT_FLOAT});
    this->Output("var").ParamType(REQUIRED).DataType({ge::DT_FLOAT});
    this->Attr("scale").Float();
  }
};
}  // namespace ops
