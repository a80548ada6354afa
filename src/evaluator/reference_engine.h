// The libtorch half of ReferenceRunner, in its own library (libascendgen_torch.so) that
// libascendgen loads on the first reference it has to compute: libtorch's start-up (about 0.8 s
// of static initialisation) is paid only by processes that run a reference, not by every
// `ascendgen` command, by `import ascendgen`, or by an evaluation whose references are cached.
// Internal to libascendgen.
#pragma once
#include <string>

#include "ascendgen/evaluator/reference.h"

namespace ascendgen::detail {

class ReferenceEngine {
 public:
  virtual ~ReferenceEngine() = default;
  // The inputs and expected outputs of `test_case` (docs/tasks.md), computed with libtorch;
  // `task_context` and `context` prefix error messages. Thread-safe. Throws ReferenceError.
  virtual CaseData compute(const Task& task, const TestCase& test_case, const std::string& task_context,
                           const std::string& context) = 0;
};

// The function libascendgen_torch.so exports (extern "C") to make the process's engine.
inline constexpr const char* kReferenceEngineLibrary = "libascendgen_torch.so";
inline constexpr const char* kMakeReferenceEngine = "ascendgen_make_reference_engine";
using MakeReferenceEngine = ReferenceEngine* (*)();

// The process's engine, loaded on first use from beside libascendgen; throws ReferenceError naming
// the library when it cannot be loaded.
ReferenceEngine& reference_engine();

}  // namespace ascendgen::detail
