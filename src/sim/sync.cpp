// SetFlag/WaitFlag pairing, PipeBarrier and the atomic mode of UB->GM copies. The emulator runs
// each instruction to completion, so flags order nothing here; they are checked for the pairing
// the NPU needs (an unmatched WaitFlag hangs it) and kept for the timing model.
#include "core.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;
using sim::pipe_name;

namespace {
// The pipes each kind of core has: an AIV S, V, MTE2, MTE3; an AIC S, M, MTE1, MTE2, FIX.
bool core_has_pipe(const Core& c, uint8_t pipe) {
  if (c.is_aic()) return pipe == PIPE_S || pipe == PIPE_M || pipe == PIPE_MTE1 || pipe == PIPE_MTE2 || pipe == PIPE_FIX;
  return pipe == PIPE_S || pipe == PIPE_V || pipe == PIPE_MTE2 || pipe == PIPE_MTE3;
}

void check_event(Core& c, uint8_t src, uint8_t dst, int32_t event) {
  if (!core_has_pipe(c, src) || !core_has_pipe(c, dst) || src == dst)
    c.fail(ErrorKind::Unsupported, "HardEvent {}_{} does not exist on an AI {} core", pipe_name(src), pipe_name(dst),
           c.is_aic() ? "cube" : "vector");
  if (event < 0 || event > 7) c.fail(ErrorKind::SyncMisuse, "event id {} is outside 0..7", event);
}

// SetFlag runs on the source pipe, WaitFlag on the destination pipe; each names the other.
void note_flag(Core& c, sim::InstrKind kind, uint8_t src, uint8_t dst, int32_t event) {
  sim::Instr& in = c.instr();
  const bool set = kind == sim::InstrKind::SetFlag;
  in.kind = kind;
  in.pipe = static_cast<sim::Pipe>(set ? src : dst);
  in.peer_pipe = static_cast<sim::Pipe>(set ? dst : src);
  in.id = static_cast<int16_t>(event);
}
}  // namespace

void pipe_barrier(uint8_t pipe, Site site) {
  Core& c = current();
  c.enter("PipeBarrier", site);
  if (pipe > PIPE_FIX) c.fail(ErrorKind::InvalidArgument, "unknown pipe {}", pipe);
  c.instr().kind = sim::InstrKind::PipeBarrier;
  c.instr().pipe = static_cast<sim::Pipe>(pipe);
}

void set_flag(uint8_t src, uint8_t dst, int32_t event, Site site) {
  Core& c = current();
  c.enter("SetFlag", site);
  check_event(c, src, dst, event);
  uint8_t& pending = c.flags[src][dst];
  if (pending & (1u << event))
    c.fail(ErrorKind::SyncMisuse, "event {}_{} id {} is set twice without a WaitFlag in between", pipe_name(src),
           pipe_name(dst), event);
  pending |= static_cast<uint8_t>(1u << event);
  c.flag_sites[src][dst][event] = site;
  note_flag(c, sim::InstrKind::SetFlag, src, dst, event);
}

void wait_flag(uint8_t src, uint8_t dst, int32_t event, Site site) {
  Core& c = current();
  c.enter("WaitFlag", site);
  check_event(c, src, dst, event);
  uint8_t& pending = c.flags[src][dst];
  if (!(pending & (1u << event)))
    c.fail(ErrorKind::SyncMisuse, "WaitFlag on event {}_{} id {} with no SetFlag before it; the NPU would hang",
           pipe_name(src), pipe_name(dst), event);
  pending &= static_cast<uint8_t>(~(1u << event));
  note_flag(c, sim::InstrKind::WaitFlag, src, dst, event);
}

int32_t fetch_event_id(uint8_t src, uint8_t dst) {
  Core& c = current();
  for (int32_t id = 0; id < 8; ++id)
    if (!(c.flags[src][dst] & (1u << id))) return id;
  return 0;
}

void set_atomic(uint8_t op, DType dt, Site site) {
  Core& c = current();
  c.enter(op == 0 ? "SetAtomicNone" : op == 1 ? "SetAtomicAdd" : op == 2 ? "SetAtomicMax" : "SetAtomicMin", site);
  const bool ok = dt == DType::F32 || dt == DType::F16 || dt == DType::BF16 || dt == DType::I32 ||
                  dt == DType::I16 || dt == DType::I8;
  if (op != 0 && !ok) c.fail(ErrorKind::Unsupported, "atomic accumulation of {} is not supported", sim::dtype_name(dt));
  c.atomic_op = op;
  c.atomic_dtype = dt;
}

}  // namespace ascendgen::sim::abi
