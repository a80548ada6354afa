// The boundary between kernel code and the emulator runtime (libascendgen_sim). Kernel-facing
// templates reduce every API call to one of these non-template functions, so all semantics and
// checks live in the precompiled runtime and a kernel compiles in a fraction of a second.
#pragma once
#include "types.h"

namespace ascendgen::sim::abi {

// A view of Unified Buffer memory: byte address inside the core's UB, element count, and the
// queue buffer it came from (-1 for none), so misuse can be traced back to its origin.
struct TensorRef {
  uint32_t addr = 0;
  uint32_t count = 0;
  int32_t buffer = -1;
  DType dtype = DType::F32;
};

// ---- cores, pipes, queues -------------------------------------------------------------------
int64_t block_idx();
int64_t block_num();
uint8_t* ub_base();
// A scalar load or store of `bytes` UB bytes at `addr` (GetValue/SetValue): recorded for the
// timing model; returns the byte's address in the emulated UB.
uint8_t* ub_scalar(const char* api, uint32_t addr, uint32_t bytes, bool write);
[[noreturn]] void fail_local_index(const char* api, TensorRef t, uint64_t index, Site site);

int32_t pipe_create();
void pipe_destroy(int32_t pipe);
int32_t pipe_current();
// Registers `num` buffers of `len` bytes for a queue (depth = max enqueued) or one for a TBuf.
int32_t queue_init(int32_t pipe, uint8_t position, int32_t depth, int32_t num, uint32_t len,
                   Site site);
TensorRef queue_alloc(int32_t queue, DType dt, Site site);
void queue_enque(int32_t queue, TensorRef t, Site site);
TensorRef queue_deque(int32_t queue, DType dt, Site site);
void queue_free(int32_t queue, TensorRef t, Site site);
bool queue_has_data(int32_t queue);
TensorRef tbuf_get(int32_t queue, DType dt, uint32_t count, uint32_t offset_bytes, bool full,
                   Site site);

// ---- synchronisation ------------------------------------------------------------------------
void pipe_barrier(uint8_t pipe, Site site);
void set_flag(uint8_t src_pipe, uint8_t dst_pipe, int32_t event, Site site);
void wait_flag(uint8_t src_pipe, uint8_t dst_pipe, int32_t event, Site site);
int32_t fetch_event_id(uint8_t src_pipe, uint8_t dst_pipe);
// SyncAll: every core of the launch, or (aiv_only, mixed launches) every AIV.
void sync_all(bool aiv_only, Site site);
// Atomic accumulation of UB->GM copies: op 0 none, 1 add, 2 max, 3 min.
void set_atomic(uint8_t op, DType dt, Site site);

// ---- global memory --------------------------------------------------------------------------
// Checks that [ptr, ptr+bytes) lies in a registered GM allocation and, when `declared_bytes` is
// not ~0, inside the GlobalTensor's declared extent starting at `base`.
void gm_check(const char* api, const void* base, uint64_t declared_bytes, const void* ptr,
              uint64_t bytes, bool write, Site site);
void gm_store(const char* api, const void* base, uint64_t declared_bytes, void* ptr,
              const void* value, uint32_t bytes, Site site);

// ---- data movement --------------------------------------------------------------------------
struct GmRef {
  uint8_t* ptr;
  uint8_t* base;              // start of the GlobalTensor's buffer (for its declared extent)
  uint64_t declared_bytes;    // ~0 when SetGlobalBuffer was given no length
};
// Blocked copy: `blocks` bursts of `block_bytes`, gaps in bytes between bursts on each side.
struct CopyShape {
  uint32_t blocks;
  uint32_t block_bytes;
  uint64_t src_gap_bytes;
  uint64_t dst_gap_bytes;
};
struct PadSpec {
  bool is_pad;
  uint8_t left;
  uint8_t right;
  uint64_t value_bits;
};
void copy_gm_to_ub(const char* api, TensorRef dst, GmRef src, CopyShape shape, bool pad_mode,
                   PadSpec pad, Site site);
void copy_ub_to_gm(const char* api, GmRef dst, TensorRef src, CopyShape shape, bool pad_mode,
                   Site site);
void copy_ub_to_ub(const char* api, TensorRef dst, TensorRef src, CopyShape shape, Site site);
// InitOutput: `count` elements of `dt` at dst set to the value whose bits are `value_bits`.
void gm_fill(const char* api, GmRef dst, uint64_t count, DType dt, uint64_t value_bits, Site site);
// DataCacheCleanAndInvalid of the cache line holding `gm`.
void data_cache_clean(const void* gm, Site site);

// ---- vector unit ----------------------------------------------------------------------------
// How a vector instruction walks its operands: in "count" form the first `count` elements,
// contiguous; otherwise `repeat` repeats of 8 blocks of 32 bytes under a lane mask, with block and
// repeat strides in 32-byte blocks per operand (dst, src0, src1).
enum class MaskForm : uint8_t { Count, Bits, Continuous, Register };
struct VecShape {
  MaskForm form = MaskForm::Count;
  uint64_t mask[2] = {0, 0};
  uint64_t count = 0;
  uint32_t repeat = 1;
  uint16_t blk[3] = {1, 1, 1};
  uint16_t rep[3] = {8, 8, 8};
};

enum class BinaryOp : uint8_t { Add, Sub, Mul, Div, Max, Min, And, Or, AddRelu, SubRelu, MulAddDst };
enum class UnaryOp : uint8_t { Exp, Ln, Abs, Reciprocal, Sqrt, Rsqrt, Relu, Not, Copy };
enum class ScalarOp : uint8_t { Adds, Muls, Maxs, Mins, LeakyRelu, ShiftLeft, ShiftRight, Duplicate };

void vec_binary(const char* api, BinaryOp op, DType dt, TensorRef dst, TensorRef a, TensorRef b,
                const VecShape& shape, Site site);
void vec_unary(const char* api, UnaryOp op, DType dt, TensorRef dst, TensorRef src,
               const VecShape& shape, Site site);
void vec_scalar(const char* api, ScalarOp op, DType dt, TensorRef dst, TensorRef src,
                uint64_t scalar_bits, const VecShape& shape, Site site);
// Axpy: dst = src * scalar + dst (scalar in the source dtype's bits).
void vec_axpy(DType dst_dt, DType src_dt, TensorRef dst, TensorRef src, uint64_t scalar_bits, const VecShape& shape,
              Site site);

// Mask register and mode (normal vs counter), per core.
void set_mask_count();
void set_mask_norm();
void set_vector_mask(uint64_t hi, uint64_t lo, bool counter_form, DType dt, Site site);
void reset_mask();

}  // namespace ascendgen::sim::abi
