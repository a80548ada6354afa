// Kernel-side tiling macros of full operators (op_kernel/<op>.cpp):
//   GET_TILING_DATA(tilingData, tiling);   // the struct REGISTER_TILING_DATA_CLASS named for this
//                                          // operator, filled with the bytes the host saved
//   GET_TILING_DATA_WITH_STRUCT(MyTiling, tilingData, tiling);  // a named tiling struct
//   if (TILING_KEY_IS(1)) { ... }          // the key the host's TilingFunc set (SetTilingKey)
// The compiler defines ASCENDGEN_OP_TILING_DATA for an operator's kernel; a kernel-only candidate
// has no GET_TILING_DATA, and its tiling key is 0.
#pragma once
#include "operator/launch_tiling.h"

#define GET_TILING_DATA_WITH_STRUCT(tiling_struct, tiling_var, tiling_arg) \
  tiling_struct tiling_var;                                                 \
  ::ascendgen::host::copy_tiling_data(&tiling_var, sizeof(tiling_var), tiling_arg)

#ifdef ASCENDGEN_OP_TILING_DATA
#define GET_TILING_DATA(tiling_var, tiling_arg) GET_TILING_DATA_WITH_STRUCT(ASCENDGEN_OP_TILING_DATA, tiling_var, tiling_arg)
#else
#define GET_TILING_DATA(tiling_var, tiling_arg)                                                               \
  static_assert(sizeof(tiling_arg) == 0,                                                                      \
                "GET_TILING_DATA needs a full operator (op_host/<op>_tiling.h with REGISTER_TILING_DATA_CLASS)"); \
  struct {} tiling_var
#endif

#define TILING_KEY_IS(key) (::ascendgen::host::launch_tiling_key() == static_cast<uint64_t>(key))
