// The emulator's host runtime for full operators, in libascendgen_sim: the registries OP_ADD and
// IMPL_OP fill when an operator's shared object loads, the platform of the launch being tiled
// (PlatformAscendCManager reads it), the tiling-data overflow note SaveToBuffer leaves, and the
// launch's tiling key and tiling size that TILING_KEY_IS and GET_TILING_DATA read
// (operator/launch_tiling.h, the part kernels include).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "operator/launch_tiling.h"

namespace ops {
class OpDef;
}
namespace gert {
class TilingContext;
class TilingParseContext;
class InferShapeContext;
class InferDataTypeContext;
}  // namespace gert
namespace fe {
class PlatFormInfos;
}

namespace ascendgen::host {

using OpFactory = ops::OpDef* (*)(const char* op_type);

// Records `factory` under `op_type` (a later registration of the same type replaces it). Returns
// true, so OP_ADD can run it in a static initialiser.
bool register_op(const char* op_type, OpFactory factory);
// The factory registered for `op_type`; nullptr when there is none.
OpFactory find_op(const std::string& op_type);
// Every registered type, sorted (for error messages).
std::vector<std::string> registered_ops();

// What IMPL_OP / IMPL_OP_OPTILING / IMPL_OP_INFERSHAPE registered for one operator type (the
// functions return a ge::graphStatus). Null members were not registered.
struct OpImplFunctions {
  uint32_t (*tiling)(gert::TilingContext*) = nullptr;
  uint32_t (*tiling_parse)(gert::TilingParseContext*) = nullptr;
  void* (*create_compile_info)() = nullptr;   // with `tiling_parse`
  void (*delete_compile_info)(void*) = nullptr;
  uint32_t (*infer_shape)(gert::InferShapeContext*) = nullptr;
  uint32_t (*infer_data_type)(gert::InferDataTypeContext*) = nullptr;
};
// Merges the non-null members of `functions` into the record of `op_type` (several
// registrations of one type, e.g. IMPL_OP_INFERSHAPE in one file and IMPL_OP_OPTILING in
// another, add up; a later one replaces what it sets again).
void merge_op_impl(const std::string& op_type, const OpImplFunctions& functions);
// The record of `op_type`; all null when nothing was registered.
OpImplFunctions find_op_impl(const std::string& op_type);

// The SoC of the launch being tiled: set by the runner before it calls TilingParse and the tiling
// function, cleared (nullptr) after. current_platform() is nullptr outside a tiling run.
void set_current_platform(fe::PlatFormInfos* platform);
fe::PlatFormInfos* current_platform();

// SaveToBuffer found `needed` bytes of tiling data for a buffer of `capacity`.
void report_tiling_overflow(size_t needed, size_t capacity);
// The largest overflow reported since the last call ({0, 0} when none), and clears it.
struct TilingOverflow {
  size_t needed = 0, capacity = 0;
};
TilingOverflow take_tiling_overflow();

}  // namespace ascendgen::host
