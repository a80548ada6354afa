// TPipe, TQue and TBuf: UB allocation at InitBuffer and the life cycle of each queue buffer.
#include <exception>

#include "core.h"

namespace ascendgen::sim::abi {
using sim::BufferSlot;
using sim::Core;
using sim::current;
using sim::ErrorKind;

namespace {
const char* state_name(BufferSlot::State s) {
  switch (s) {
    case BufferSlot::State::Free: return "free";
    case BufferSlot::State::Allocated: return "allocated";
    case BufferSlot::State::Enqueued: return "enqueued";
    case BufferSlot::State::Dequeued: return "dequeued";
  }
  return "?";
}

sim::Queue& queue_of(Core& c, int32_t queue) {
  if (queue < 0 || queue >= static_cast<int32_t>(c.queues.size()))
    c.fail(ErrorKind::QueueMisuse, "the queue or buffer was used before TPipe::InitBuffer gave it memory");
  return c.queues[queue];
}

TensorRef tensor_of(const BufferSlot& s, int32_t slot, DType dt) {
  return {s.addr, static_cast<uint32_t>(s.len / sim::dtype_size(dt)), slot, dt};
}

// Completes the trace record of a queue operation on buffer `slot` of `queue`.
void note_queue(Core& c, sim::InstrKind kind, int32_t queue, int32_t slot) {
  sim::Instr& in = c.instr();
  in.kind = kind;
  in.id = static_cast<int16_t>(queue);
  in.slot = static_cast<int16_t>(slot);
}

// The slot a tensor came from, checked to belong to `queue`.
BufferSlot& slot_of(Core& c, int32_t queue, const TensorRef& t) {
  if (t.buffer < 0 || t.buffer >= static_cast<int32_t>(c.slots.size()) || c.slots[t.buffer].queue != queue)
    c.fail(ErrorKind::QueueMisuse, "the tensor at {} was not allocated from this queue", c.describe(t));
  return c.slots[t.buffer];
}
}  // namespace

int32_t pipe_create() {
  Core& c = current();
  c.pipes.emplace_back();
  return static_cast<int32_t>(c.pipes.size() - 1);
}

int32_t pipe_current() {
  Core& c = current();
  return static_cast<int32_t>(c.pipes.size()) - 1;
}

void pipe_destroy(int32_t pipe) {
  Core& c = current();
  sim::PipeState& p = c.pipes.at(pipe);
  p.alive = false;
  if (std::uncaught_exceptions() > 0 || c.deferred_error) return;
  for (int32_t q : p.queues) {
    for (int32_t s : c.queues[q].slots) {
      const BufferSlot& slot = c.slots[s];
      if (slot.state == BufferSlot::State::Free || c.queues[q].depth == 0) continue;
      try {
        c.enter("TPipe::~TPipe", {nullptr, 0});
        c.fail(ErrorKind::QueueMisuse,
               "a tensor is still held when the kernel ends: buffer {} at {} of the queue initialised at {}:{} "
               "is {} (AllocTensor at {}:{}) and was never released with FreeTensor",
               s, c.describe({slot.addr, 0, -1, DType::U8}), c.queues[q].init_site.file ? c.queues[q].init_site.file : "?", c.queues[q].init_site.line,
               state_name(slot.state), slot.alloc_site.file ? slot.alloc_site.file : "?", slot.alloc_site.line);
      } catch (...) {
        c.deferred_error = std::current_exception();
        return;
      }
    }
  }
}

int32_t queue_init(int32_t pipe, uint8_t position, int32_t depth, int32_t num, uint32_t len, Site site) {
  Core& c = current();
  c.enter("InitBuffer", site);
  sim::PipeState& p = c.pipes.at(pipe);
  if (num < 1) c.fail(ErrorKind::InvalidArgument, "buffer count {} must be at least 1", num);
  if (len == 0) c.fail(ErrorKind::InvalidArgument, "buffer length must be positive");
  sim::Mem mem;
  if (!sim::position_memory(position, mem))
    c.fail(ErrorKind::Unsupported, "TPosition::{} is not an on-chip buffer of the 910B", sim::position_name(position));
  if (!c.memory().has(mem))
    c.require(mem == sim::Mem::UB ? sim::CoreKind::Aiv : sim::CoreKind::Aic,
              fmt::format("TPosition::{} ({})", sim::position_name(position), sim::mem_name(mem)).c_str());
  // L0A/L0B/L0C buffers start on 512-byte boundaries, as the cube unit's operands must.
  const uint32_t align = mem == sim::Mem::L0A || mem == sim::Mem::L0B || mem == sim::Mem::L0C ? 512 : 32;
  const uint32_t rounded = (len + align - 1) / align * align;
  uint32_t& next = p.next[static_cast<int>(mem)];
  const uint64_t end = next + static_cast<uint64_t>(rounded) * num;
  const uint32_t capacity = c.memory().bytes_of(mem);
  if (end > capacity) {
    if (mem == sim::Mem::UB)
      c.fail(ErrorKind::UbOverflow,
             "{} buffer(s) of {} bytes need UB up to byte {}, but the Unified Buffer holds {} bytes ({} already used)",
             num, rounded, end, capacity, next);
    c.fail(ErrorKind::CubeBufferOverflow,
           "{} buffer(s) of {} bytes for TPosition::{} need {} up to byte {}, but {} holds {} bytes ({} already used)",
           num, rounded, sim::position_name(position), sim::mem_name(mem), end, sim::mem_name(mem), capacity, next);
  }
  if (p.buffers + num > c.limits().max_buffers)
    c.fail(ErrorKind::UbOverflow, "{} buffers in one TPipe exceed the limit of {}", p.buffers + num,
           c.limits().max_buffers);
  const uint32_t base = c.memory().base_of(mem) + next;
  sim::Queue q;
  q.pipe = pipe;
  q.position = position;
  q.depth = depth;
  q.init_site = site;
  const int32_t id = static_cast<int32_t>(c.queues.size());
  for (int32_t i = 0; i < num; ++i) {
    BufferSlot s;
    s.addr = base + i * rounded;
    s.len = rounded;
    s.queue = id;
    s.state = depth == 0 ? BufferSlot::State::Allocated : BufferSlot::State::Free;
    q.slots.push_back(static_cast<int32_t>(c.slots.size()));
    c.slots.push_back(s);
  }
  next = static_cast<uint32_t>(end);
  p.buffers += num;
  p.queues.push_back(id);
  c.queues.push_back(std::move(q));
  return id;
}

TensorRef queue_alloc(int32_t queue, DType dt, Site site) {
  Core& c = current();
  c.enter("AllocTensor", site);
  sim::Queue& q = queue_of(c, queue);
  // In turn, not lowest-free-first: with two buffers, the next tile's copy-in lands in the buffer
  // the vector unit is not reading, which is what double buffering relies on.
  for (size_t k = 0; k < q.slots.size(); ++k) {
    const size_t i = (q.next_alloc + k) % q.slots.size();
    const int32_t s = q.slots[i];
    if (c.slots[s].state != BufferSlot::State::Free) continue;
    q.next_alloc = i + 1;
    c.slots[s].state = BufferSlot::State::Allocated;
    c.slots[s].alloc_site = site;
    note_queue(c, sim::InstrKind::AllocTensor, queue, s);
    return tensor_of(c.slots[s], s, dt);
  }
  c.fail(ErrorKind::QueueMisuse,
         "all {} buffer(s) of this queue are in use; FreeTensor one before allocating again (queue depth exceeded)",
         q.slots.size());
}

void queue_enque(int32_t queue, TensorRef t, Site site) {
  Core& c = current();
  c.enter("EnQue", site);
  sim::Queue& q = queue_of(c, queue);
  BufferSlot& s = slot_of(c, queue, t);
  if (s.state != BufferSlot::State::Allocated)
    c.fail(ErrorKind::QueueMisuse, "the tensor at {} is {}, not freshly allocated", c.describe(t), state_name(s.state));
  if (static_cast<int32_t>(q.fifo.size()) >= q.depth)
    c.fail(ErrorKind::QueueMisuse, "the queue already holds {} tensor(s), its depth", q.fifo.size());
  s.state = BufferSlot::State::Enqueued;
  q.fifo.push_back(t.buffer);
  note_queue(c, sim::InstrKind::EnQue, queue, t.buffer);
}

TensorRef queue_deque(int32_t queue, DType dt, Site site) {
  Core& c = current();
  c.enter("DeQue", site);
  sim::Queue& q = queue_of(c, queue);
  if (q.fifo.empty()) c.fail(ErrorKind::QueueMisuse, "the queue is empty: DeQue without a matching EnQue");
  const int32_t s = q.fifo.front();
  q.fifo.pop_front();
  c.slots[s].state = BufferSlot::State::Dequeued;
  note_queue(c, sim::InstrKind::DeQue, queue, s);
  return tensor_of(c.slots[s], s, dt);
}

void queue_free(int32_t queue, TensorRef t, Site site) {
  Core& c = current();
  c.enter("FreeTensor", site);
  queue_of(c, queue);
  BufferSlot& s = slot_of(c, queue, t);
  if (s.state == BufferSlot::State::Free)
    c.fail(ErrorKind::QueueMisuse, "the tensor at {} was already freed (double FreeTensor)", c.describe(t));
  if (s.state == BufferSlot::State::Enqueued)
    c.fail(ErrorKind::QueueMisuse, "the tensor at {} is still in the queue; DeQue it before FreeTensor", c.describe(t));
  s.state = BufferSlot::State::Free;
  note_queue(c, sim::InstrKind::FreeTensor, queue, t.buffer);
}

bool queue_has_data(int32_t queue) {
  Core& c = current();
  return !queue_of(c, queue).fifo.empty();
}

TensorRef tbuf_get(int32_t queue, DType dt, uint32_t count, uint32_t offset_bytes, bool full, Site site) {
  Core& c = current();
  c.enter("TBuf::Get", site);
  sim::Queue& q = queue_of(c, queue);
  const int32_t s = q.slots.front();
  const BufferSlot& slot = c.slots[s];
  const uint32_t capacity = static_cast<uint32_t>(slot.len / sim::dtype_size(dt));
  if (full) return tensor_of(slot, s, dt);
  if (offset_bytes % 32 != 0)
    c.fail(ErrorKind::Misaligned, "offset {} bytes into the TBuf is not a multiple of 32", offset_bytes);
  if (offset_bytes + static_cast<uint64_t>(count) * sim::dtype_size(dt) > slot.len)
    c.fail(ErrorKind::UbOutOfBounds, "{} {} elements at byte offset {} exceed the TBuf of {} bytes ({} elements)",
           count, sim::dtype_name(dt), offset_bytes, slot.len, capacity);
  return {slot.addr + offset_bytes, count, s, dt};
}

}  // namespace ascendgen::sim::abi
