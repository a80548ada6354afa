// The emulator's answer to a CANN runtime API it does not provide (aclrt*, aclnn*, ...): a
// std::runtime_error naming the API. Declared alone, without standard headers, because acl/acl.h
// is also read by kernels.
#pragma once

namespace ascendgen::host {

// Throws std::runtime_error("<api> is not supported on the emulator: ...").
[[noreturn]] void unsupported_api(const char* api);

}  // namespace ascendgen::host
