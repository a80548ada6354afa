// Fixture OpDef: the attribute kinds the importer reads.
namespace ops {
class ReduceLoss : public OpDef {
 public:
  explicit ReduceLoss(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT});
    this->Output("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT});
    this->Attr("reduction").AttrType(OPTIONAL).String("mean");
    this->Attr("dims").ListInt();
    this->Attr("scale").AttrType(OPTIONAL).Float(1.0);
  }
};
}  // namespace ops
