// ReferenceRunner: the inputs and expected outputs of a test case. Inputs are drawn from a
// generator seeded by (task name, case id, input index), so every run and every machine sees the
// same values; expected outputs come from the task's TorchScript reference run by libtorch on the
// CPU. Results are cached in memory and, optionally, on disk.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "ascendgen/evaluator/host_tensor.h"
#include "ascendgen/task/task.h"

namespace ascendgen {

// A reference that cannot be run or returns the wrong thing; what() names the task (and its
// task.yaml) and, where one is involved, the case.
class ReferenceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// One case, materialised: inputs in task order, then the reference's outputs in the order and with
// the dtypes and shapes the task declares.
struct CaseData {
  std::vector<HostTensor> inputs;
  std::vector<HostTensor> expected;
};

// The seed of input `input_index` of a case: 64-bit FNV-1a over the task name, the case id and
// the index, so it is the same in every build and on every machine.
uint64_t input_seed(std::string_view task, std::string_view case_id, size_t input_index);

class ReferenceRunner {
 public:
  // `cache_dir` empty: cache in memory only. Otherwise each case is also stored there as one file
  // (written atomically), keyed by a hash of everything its values depend on: the task name, the
  // reference source, the case id, its resolved inputs (dtype, shape, distribution), outputs and
  // attributes, and the libtorch version. Editing any of these in task.yaml gives a new key.
  explicit ReferenceRunner(std::filesystem::path cache_dir = {});
  ~ReferenceRunner();
  ReferenceRunner(const ReferenceRunner&) = delete;
  ReferenceRunner& operator=(const ReferenceRunner&) = delete;

  // The inputs and expected outputs of `test_case` (one of task.cases()). Inputs are drawn in
  // float64 from the case's distributions and rounded to their dtypes; the reference is called
  // with the inputs, then the attributes (as float, int or bool per its TorchScript signature),
  // and must return one tensor or a tuple matching the declared outputs in count and shape; each
  // is converted to its output's dtype. The reference stays valid as long as the runner.
  // Thread-safe (calls are serialised). Throws ReferenceError for a TorchScript that does not
  // compile, has the wrong signature, fails, or returns the wrong outputs.
  const CaseData& materialise(const Task& task, const TestCase& test_case);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ascendgen
