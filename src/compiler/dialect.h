// Bisheng (CANN's clang-based kernel compiler) spellings that no macro can map, rewritten in a
// candidate before it is compiled; kernel/dialect.h maps the rest (__forceinline__).
#pragma once
#include <string>
#include <string_view>

namespace ascendgen::detail {

// `source` with bisheng's attribute lists ([aicore], [host, aicore]) blanked and each host-side
// launch `kernel<<<blockDim, l2ctrl, stream>>>(args)` turned into
// `ASCENDGEN_HOST_LAUNCH(kernel)(args)`, which compiles and fails with a clear error if run.
// Comments and literals are left alone; line numbers do not move.
std::string rewrite_dialect(std::string_view source);

}  // namespace ascendgen::detail
