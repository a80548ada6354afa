// KernelError: what the emulator throws when a kernel does something the NPU would punish.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace ascendgen::sim {

// The class of misuse, stable across versions: evaluators and reports key on these names.
enum class ErrorKind {
  UbOverflow,       // buffers beyond the core's Unified Buffer
  Misaligned,       // a length or UB address not 32-byte aligned
  GmOutOfBounds,    // GM access outside the GlobalTensor or the real allocation
  UbOutOfBounds,    // LocalTensor access outside its buffer (directly or by mask/repeat/stride)
  QueueMisuse,      // DeQue of empty queue, AllocTensor beyond depth, double FreeTensor, leaks
  MaskOutOfRange,   // mask or repeat parameters outside the documented range
  SyncMisuse,       // unpaired SetFlag/WaitFlag, SyncAll that would hang
  TooManyCores,     // blockDim above the SoC's core count
  GmWriteConflict,  // different cores writing the same GM bytes outside atomic mode
  Unsupported,      // an API/dtype combination the 910B does not have, or not modelled yet
  InvalidArgument,  // any other illegal argument
  CubeBufferOverflow,  // buffers beyond an AIC's L1, L0A, L0B, L0C or bias table
  WrongCoreKind,    // a vector API on an AIC, a cube API on an AIV
};

// Stable snake_case name of an ErrorKind, e.g. "ub_overflow".
const char* to_string(ErrorKind kind);

// A misuse detected while a kernel ran; what() is a full sentence naming API, core, call site,
// how many times that call site had run, and the address involved.
class KernelError : public std::runtime_error {
 public:
  struct Where {
    std::string api;       // Ascend C API at fault ("DataCopy", "AllocTensor", ...)
    int core = -1;         // block index, -1 outside a core
    std::string file;      // kernel source file of the call, empty if unknown
    uint32_t line = 0;
    uint64_t call = 0;     // how many times this call site had run on this core (1 = first)
  };
  KernelError(ErrorKind kind, Where where, const std::string& detail);
  ErrorKind kind() const { return kind_; }
  const Where& where() const { return where_; }
  const std::string& detail() const { return detail_; }

 private:
  ErrorKind kind_;
  Where where_;
  std::string detail_;
};

}  // namespace ascendgen::sim
