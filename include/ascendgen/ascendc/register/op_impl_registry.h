// gert::OpImplRegisterV2 and the IMPL_OP macros: CANN's other way of registering an operator's
// host functions, beside the OpDef's SetTiling/SetInferShape:
//
//   namespace optiling {
//   IMPL_OP_OPTILING(AddCustom).Tiling(TilingFunc).TilingParse<AddCompileInfo>(TilingPrepare);
//   }
//   IMPL_OP_INFERSHAPE(AddCustom).InferShape(InferShape).InferDataType(InferDataType);
//
// The registration lands in the emulator's host runtime when the operator's shared object loads.
// The worker runs a tiling function registered here exactly as an OpDef's (the OpDef's wins when
// both exist), after the TilingParse function, whose compile info GetCompileInfo then returns.
// Infer-shape and infer-datatype functions are recorded, not run (docs/operators.md).
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <type_traits>
#include <vector>

#include "exe_graph/runtime/infer_shape_context.h"
#include "exe_graph/runtime/tiling_context.h"
#include "exe_graph/runtime/tiling_parse_context.h"
#include "graph/ascend_string.h"
#include "graph/types.h"
#include "operator/host_runtime.h"

namespace gert {

class InferShapeRangeContext;

class OpImplRegisterV2 {
 public:
  using InferShapeKernelFunc = uint32_t (*)(InferShapeContext*);
  using InferShapeRangeKernelFunc = uint32_t (*)(InferShapeRangeContext*);
  using InferDataTypeKernelFunc = uint32_t (*)(InferDataTypeContext*);
  using TilingKernelFunc = uint32_t (*)(TilingContext*);
  using TilingParseFunc = uint32_t (*)(TilingParseContext*);

  explicit OpImplRegisterV2(const ge::char_t* op_type) : op_type_(op_type) {}

  OpImplRegisterV2& InferShape(InferShapeKernelFunc func) { return merge(&Functions::infer_shape, func); }
  OpImplRegisterV2& InferDataType(InferDataTypeKernelFunc func) { return merge(&Functions::infer_data_type, func); }
  // The function fills the same tiling buffer as an OpDef's (the launch's capacity); the size
  // bound is not applied.
  OpImplRegisterV2& Tiling(TilingKernelFunc func, size_t /*max_tiling_data_size*/ = 2048) {
    return merge(&Functions::tiling, func);
  }
  // `func` fills a T (created per run, deleted after) that the tiling function reads back.
  template <typename T> OpImplRegisterV2& TilingParse(TilingParseFunc func) {
    static_assert(!std::is_array_v<T>, "TilingParse<T>: the compile info type must not be an array");
    Functions f;
    f.tiling_parse = func;
    f.create_compile_info = [] { return static_cast<void*>(new T()); };
    f.delete_compile_info = [](void* info) { delete static_cast<T*>(info); };
    ascendgen::host::merge_op_impl(op_type_, f);
    return *this;
  }

  // Graph-compilation settings: accepted, no effect on the emulator (output shapes come from the
  // task, every input's data is on the host already, formats are ND).
  OpImplRegisterV2& InferShapeRange(InferShapeRangeKernelFunc) { return *this; }
  OpImplRegisterV2& InferOutDataTypeSameWithFirstInput() { return *this; }
  OpImplRegisterV2& InputsDataDependency(std::initializer_list<int32_t>) { return *this; }
  OpImplRegisterV2& TilingInputsDataDependency(std::initializer_list<int32_t>) { return *this; }
  OpImplRegisterV2& HostInputs(std::initializer_list<int32_t>) { return *this; }
  OpImplRegisterV2& OutputShapeDependOnCompute(std::initializer_list<int32_t>) { return *this; }
  OpImplRegisterV2& PrivateAttr(const ge::char_t*) { return *this; }
  template <typename V> OpImplRegisterV2& PrivateAttr(const ge::char_t*, const V&) { return *this; }

 private:
  using Functions = ascendgen::host::OpImplFunctions;
  template <typename F> OpImplRegisterV2& merge(F Functions::*member, F func) {
    Functions f;
    f.*member = func;
    ascendgen::host::merge_op_impl(op_type_, f);
    return *this;
  }
  std::string op_type_;
};

}  // namespace gert

#define ASCENDGEN_IMPL_OP_CONCAT_(a, b) a##b
#define ASCENDGEN_IMPL_OP_CONCAT(a, b) ASCENDGEN_IMPL_OP_CONCAT_(a, b)
// IMPL_OP(Op).Tiling(...): may appear several times per operator (a counter names each).
#define IMPL_OP(op_type)                                                                               \
  static ::gert::OpImplRegisterV2 __attribute__((unused)) ASCENDGEN_IMPL_OP_CONCAT(                   \
      op_impl_register_##op_type, __COUNTER__) = ::gert::OpImplRegisterV2(#op_type)
#define IMPL_OP_DEFAULT() IMPL_OP(DefaultImpl)
// One of each per operator and namespace, as in CANN (a second is a redefinition).
#define IMPL_OP_INFERSHAPE(op_type) \
  ::gert::OpImplRegisterV2 __attribute__((unused)) op_impl_register_infershape_##op_type = ::gert::OpImplRegisterV2(#op_type)
#define IMPL_OP_OPTILING(op_type) \
  ::gert::OpImplRegisterV2 __attribute__((unused)) op_impl_register_optiling_##op_type = ::gert::OpImplRegisterV2(#op_type)
