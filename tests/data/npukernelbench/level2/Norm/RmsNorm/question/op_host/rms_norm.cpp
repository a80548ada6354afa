// The operator definition a candidate starts from (fixture): inputs x, gamma; output y; attribute epsilon.
#include "register/op_def_registry.h"

namespace ops {
class RmsNorm : public OpDef {
 public:
  explicit RmsNorm(const char* name) : OpDef(name) {
    this->Input("x").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Input("gamma").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Output("y").ParamType(REQUIRED).DataType({ge::DT_FLOAT16, ge::DT_FLOAT}).Format({ge::FORMAT_ND, ge::FORMAT_ND});
    this->Attr("epsilon").AttrType(OPTIONAL).Float(1e-6);
    this->AICore().AddConfig("ascend910b");
  }
};
OP_ADD(RmsNorm);
}  // namespace ops
