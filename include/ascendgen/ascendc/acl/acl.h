// CANN's acl/acl.h (AscendCL runtime): operators include it in host code that drives a device
// (streams, device memory, aclnn calls) and sometimes in kernels without using it. The emulator
// launches kernels itself, so it declares the types and the common runtime calls for such code to
// compile; each call throws std::runtime_error naming it ("... is not supported on the emulator").
// Light on purpose: no standard-library headers, since kernels may include it.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "operator/unsupported.h"

using aclError = int;
constexpr aclError ACL_SUCCESS = 0;
constexpr aclError ACL_ERROR_INVALID_PARAM = 100000;
using aclrtStream = void*;
using aclrtContext = void*;
using aclrtEvent = void*;

enum aclDataType {
  ACL_DT_UNDEFINED = -1,
  ACL_FLOAT = 0,
  ACL_FLOAT16 = 1,
  ACL_INT8 = 2,
  ACL_INT32 = 3,
  ACL_UINT8 = 4,
  ACL_INT16 = 6,
  ACL_UINT16 = 7,
  ACL_UINT32 = 8,
  ACL_INT64 = 9,
  ACL_UINT64 = 10,
  ACL_DOUBLE = 11,
  ACL_BOOL = 12,
  ACL_COMPLEX64 = 16,
  ACL_BF16 = 27,
};
enum aclFormat { ACL_FORMAT_UNDEFINED = -1, ACL_FORMAT_NCHW = 0, ACL_FORMAT_NHWC = 1, ACL_FORMAT_ND = 2 };
enum aclrtMemMallocPolicy { ACL_MEM_MALLOC_HUGE_FIRST = 0, ACL_MEM_MALLOC_HUGE_ONLY = 1, ACL_MEM_MALLOC_NORMAL_ONLY = 2 };
enum aclrtMemcpyKind {
  ACL_MEMCPY_HOST_TO_HOST = 0,
  ACL_MEMCPY_HOST_TO_DEVICE = 1,
  ACL_MEMCPY_DEVICE_TO_HOST = 2,
  ACL_MEMCPY_DEVICE_TO_DEVICE = 3,
};

// Device runtime calls: not supported on the emulator (they throw, naming themselves).
inline aclError aclInit(const char*) { ::ascendgen::host::unsupported_api("aclInit"); }
inline aclError aclFinalize() { ::ascendgen::host::unsupported_api("aclFinalize"); }
inline aclError aclrtSetDevice(int32_t) { ::ascendgen::host::unsupported_api("aclrtSetDevice"); }
inline aclError aclrtResetDevice(int32_t) { ::ascendgen::host::unsupported_api("aclrtResetDevice"); }
inline aclError aclrtCreateStream(aclrtStream*) { ::ascendgen::host::unsupported_api("aclrtCreateStream"); }
inline aclError aclrtDestroyStream(aclrtStream) { ::ascendgen::host::unsupported_api("aclrtDestroyStream"); }
inline aclError aclrtSynchronizeStream(aclrtStream) { ::ascendgen::host::unsupported_api("aclrtSynchronizeStream"); }
inline aclError aclrtMalloc(void**, size_t, aclrtMemMallocPolicy) { ::ascendgen::host::unsupported_api("aclrtMalloc"); }
inline aclError aclrtFree(void*) { ::ascendgen::host::unsupported_api("aclrtFree"); }
inline aclError aclrtMemcpy(void*, size_t, const void*, size_t, aclrtMemcpyKind) {
  ::ascendgen::host::unsupported_api("aclrtMemcpy");
}
