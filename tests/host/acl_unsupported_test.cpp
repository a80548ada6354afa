// acl/acl.h and aclnn/aclnn_base.h compile for operators' aclnn wrapper code, and every call into
// the device runtime throws, naming the API.
#include <doctest/doctest.h>

#include <stdexcept>

#include "acl.h"
#include "aclnn/aclnn_base.h"

TEST_CASE("acl, runtime_calls_throw_naming_the_api") {
  void* memory = nullptr;
  CHECK_THROWS_WITH_AS(aclrtMalloc(&memory, 64, ACL_MEM_MALLOC_HUGE_FIRST),
                       doctest::Contains("aclrtMalloc is not supported on the emulator"), std::runtime_error);
  CHECK(memory == nullptr);
  CHECK_THROWS_WITH_AS(aclInit(nullptr), doctest::Contains("aclInit is not supported"), std::runtime_error);
  const int64_t shape[] = {2, 3};
  CHECK_THROWS_WITH_AS(aclCreateTensor(shape, 2, ACL_FLOAT, nullptr, 0, ACL_FORMAT_ND, shape, 2, nullptr),
                       doctest::Contains("aclCreateTensor is not supported"), std::runtime_error);
  CHECK_THROWS_WITH_AS(aclCreateIntArray(shape, 2), doctest::Contains("aclCreateIntArray"), std::runtime_error);
}
