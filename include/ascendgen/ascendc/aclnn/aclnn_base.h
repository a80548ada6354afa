// CANN's aclnn/aclnn_base.h: the types of the aclnn two-phase API (aclnnXxxGetWorkspaceSize, then
// aclnnXxx on a stream) that operators' op_host aclnn wrappers declare and define. The emulator
// runs kernels through the task's harness, never through aclnn, so these exist for such files to
// compile: the objects are opaque and each creation or launch call throws std::runtime_error
// naming it ("... is not supported on the emulator").
#pragma once
#include <stddef.h>
#include <stdint.h>

#include "acl/acl.h"

struct aclTensor;
struct aclScalar;
struct aclIntArray;
struct aclFloatArray;
struct aclBoolArray;
struct aclTensorList;
struct aclScalarList;
struct aclOpExecutor;

using aclnnStatus = int32_t;
constexpr aclnnStatus ACLNN_SUCCESS = 0;
constexpr aclnnStatus ACLNN_ERR_PARAM_NULLPTR = 161001;
constexpr aclnnStatus ACLNN_ERR_PARAM_INVALID = 161002;
constexpr aclnnStatus ACLNN_ERR_RUNTIME_ERROR = 361001;
constexpr aclnnStatus ACLNN_ERR_INNER = 561000;
constexpr aclnnStatus ACLNN_ERR_INNER_NULLPTR = 561103;

inline aclTensor* aclCreateTensor(const int64_t*, uint64_t, aclDataType, const int64_t*, int64_t, aclFormat,
                                  const int64_t*, uint64_t, void*) {
  ::ascendgen::host::unsupported_api("aclCreateTensor");
}
inline aclScalar* aclCreateScalar(void*, aclDataType) { ::ascendgen::host::unsupported_api("aclCreateScalar"); }
inline aclIntArray* aclCreateIntArray(const int64_t*, uint64_t) { ::ascendgen::host::unsupported_api("aclCreateIntArray"); }
inline aclFloatArray* aclCreateFloatArray(const float*, uint64_t) {
  ::ascendgen::host::unsupported_api("aclCreateFloatArray");
}
inline aclBoolArray* aclCreateBoolArray(const bool*, uint64_t) { ::ascendgen::host::unsupported_api("aclCreateBoolArray"); }
inline aclTensorList* aclCreateTensorList(const aclTensor* const*, uint64_t) {
  ::ascendgen::host::unsupported_api("aclCreateTensorList");
}
inline aclnnStatus aclDestroyTensor(const aclTensor*) { ::ascendgen::host::unsupported_api("aclDestroyTensor"); }
inline aclnnStatus aclDestroyScalar(const aclScalar*) { ::ascendgen::host::unsupported_api("aclDestroyScalar"); }
inline aclnnStatus aclDestroyIntArray(const aclIntArray*) { ::ascendgen::host::unsupported_api("aclDestroyIntArray"); }
inline aclnnStatus aclDestroyFloatArray(const aclFloatArray*) {
  ::ascendgen::host::unsupported_api("aclDestroyFloatArray");
}
inline aclnnStatus aclDestroyBoolArray(const aclBoolArray*) { ::ascendgen::host::unsupported_api("aclDestroyBoolArray"); }
inline aclnnStatus aclDestroyTensorList(const aclTensorList*) {
  ::ascendgen::host::unsupported_api("aclDestroyTensorList");
}
inline aclnnStatus aclGetViewShape(const aclTensor*, int64_t**, uint64_t*) {
  ::ascendgen::host::unsupported_api("aclGetViewShape");
}
