// The instruction stream of one emulated core, as the timing model (include/ascendgen/timing/)
// replays it: one small record per API call, in program order, appended while the kernel runs.
#pragma once
#include <cstdint>

#include "ascendgen/ascendc/kernel/types.h"

namespace ascendgen::sim {

// Pipes, numbered as the kernel-facing pipe_t (PIPE_S = 0 ... PIPE_FIX = 7).
enum class Pipe : uint8_t { S = 0, V = 1, M = 2, MTE1 = 3, MTE2 = 4, MTE3 = 5, All = 6, FIX = 7 };
constexpr int kPipeCount = 8;

// What an instruction does, as far as timing cares.
enum class InstrKind : uint8_t {
  Scalar,       // an API call handled by the scalar unit alone (InitBuffer, SetVectorMask, ...)
  ScalarUb,     // LocalTensor GetValue/SetValue/operator(): a scalar load or store of UB
  ScalarGm,     // GlobalTensor GetValue/SetValue: a scalar load or store of GM
  Vector,       // a vector-unit instruction on UB
  CopyGmToUb,   // MTE2: GM -> UB, or GM -> L1 on a cube core (plain or ND -> NZ)
  CopyUbToGm,   // MTE3
  CopyUbToUb,   // a UB -> UB move on the vector pipe
  AllocTensor,  // queue operations: `id` is the queue, `slot` the buffer
  EnQue,
  DeQue,
  FreeTensor,
  SetFlag,      // pipe = the setting pipe, peer_pipe = the waiting pipe, id = event id
  WaitFlag,
  PipeBarrier,  // pipe = the pipe ordered (Pipe::All for PIPE_ALL)
  SyncAll,      // all cores of the launch
  LoadL0A,      // MTE1: L1 -> L0A fractals (LoadData); repeats = 512-byte fractals
  LoadL0B,      // MTE1: L1 -> L0B fractals (LoadData)
  Mmad,         // M: dtype = the inputs'; repeats = 16 x 16 x kstep blocks; amount = m * n * k
  Fixpipe,      // FIX: L0C -> GM with layout and dtype conversion; amount = bytes written
  CrossCoreSetFlag,   // pipe = the setting pipe, id = flag id, slot = mode
  CrossCoreWaitFlag,  // id = flag id
};

// A half-open byte range of the core's UB; empty when begin == end.
struct UbRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool empty() const { return begin >= end; }
};

// One instruction (64 bytes, trivially copyable).
struct Instr {
  uint16_t api = 0;            // index into CoreRecord::api_names
  InstrKind kind = InstrKind::Scalar;
  Pipe pipe = Pipe::S;         // the pipe that executes it
  abi::DType dtype = abi::DType::F32;
  Pipe peer_pipe = Pipe::S;    // SetFlag: the waiting pipe; WaitFlag: the setting pipe
  bool write = false;          // ScalarUb/ScalarGm: a store; copies with atomic accumulation
  uint8_t mask_form = 0;       // Vector: abi::MaskForm of the call
  int16_t id = -1;             // event id (flags), queue id (queue operations)
  int16_t slot = -1;           // queue buffer (queue operations)
  uint32_t repeats = 0;        // Vector: repeats issued; copies: bursts
  uint64_t amount = 0;         // Vector: active lanes; copies: bytes moved
  UbRange reads[2];            // UB bytes read (envelope of the strided walk)
  UbRange writes;              // UB bytes written
  uint64_t gm_begin = 0;       // GM address range touched: [gm_begin, gm_end)
  uint64_t gm_end = 0;
};

}  // namespace ascendgen::sim
