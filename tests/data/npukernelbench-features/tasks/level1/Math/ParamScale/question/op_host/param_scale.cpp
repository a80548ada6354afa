// Fixture OpDef: one input, no output (the kernel writes x).
namespace ops {
class ParamScale : public OpDef {
 public:
  explicit ParamScale(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT});
    this->Attr("alpha").Float();
  }
};
}  // namespace ops
