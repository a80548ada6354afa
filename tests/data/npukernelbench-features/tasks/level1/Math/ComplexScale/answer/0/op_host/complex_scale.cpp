// Fixture OpDef: a float32 .Scalar() input beside complex64 x (the kernel is not part of the test).
namespace ops {
class ComplexScale : public OpDef {
 public:
  explicit ComplexScale(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT, ge::DT_COMPLEX64});
    this->Input("value").ParamType(REQUIRED).DataType({ge::DT_FLOAT, ge::DT_FLOAT}).Scalar();
    this->Output("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT, ge::DT_COMPLEX64});
  }
};
}  // namespace ops
