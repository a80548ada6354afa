// TPipe, queues (TQue, TQueBind), TBuf and the synchronisation primitives. Buffer state lives in
// the runtime so that queue misuse (DeQue of an empty queue, double FreeTensor, leaks) is caught.
#pragma once
#include "tensor.h"

namespace AscendC {

enum class HardEvent : uint8_t {
  S_V, S_MTE2, S_MTE3, V_S, V_MTE2, V_MTE3, MTE2_S, MTE2_V, MTE2_MTE3, MTE3_S, MTE3_V, MTE3_MTE2,
  M_V, V_M, M_MTE1, MTE1_M, MTE1_MTE2, MTE2_MTE1, MTE2_M, M_FIX, FIX_M, FIX_MTE2, MTE2_FIX,
  FIX_S, S_FIX, MTE1_FIX, FIX_MTE1, M_S, S_M, MTE1_S, S_MTE1
};

namespace detail {
// The (source pipe, destination pipe) pair each HardEvent orders, in enumerator order.
constexpr uint8_t kEventPipes[][2] = {
    {PIPE_S, PIPE_V},       {PIPE_S, PIPE_MTE2},    {PIPE_S, PIPE_MTE3},    {PIPE_V, PIPE_S},
    {PIPE_V, PIPE_MTE2},    {PIPE_V, PIPE_MTE3},    {PIPE_MTE2, PIPE_S},    {PIPE_MTE2, PIPE_V},
    {PIPE_MTE2, PIPE_MTE3}, {PIPE_MTE3, PIPE_S},    {PIPE_MTE3, PIPE_V},    {PIPE_MTE3, PIPE_MTE2},
    {PIPE_M, PIPE_V},       {PIPE_V, PIPE_M},       {PIPE_M, PIPE_MTE1},    {PIPE_MTE1, PIPE_M},
    {PIPE_MTE1, PIPE_MTE2}, {PIPE_MTE2, PIPE_MTE1}, {PIPE_MTE2, PIPE_M},    {PIPE_M, PIPE_FIX},
    {PIPE_FIX, PIPE_M},     {PIPE_FIX, PIPE_MTE2},  {PIPE_MTE2, PIPE_FIX},  {PIPE_FIX, PIPE_S},
    {PIPE_S, PIPE_FIX},     {PIPE_MTE1, PIPE_FIX},  {PIPE_FIX, PIPE_MTE1},  {PIPE_M, PIPE_S},
    {PIPE_S, PIPE_M},       {PIPE_MTE1, PIPE_S},    {PIPE_S, PIPE_MTE1}};
constexpr uint8_t event_src(HardEvent e) { return kEventPipes[static_cast<uint8_t>(e)][0]; }
constexpr uint8_t event_dst(HardEvent e) { return kEventPipes[static_cast<uint8_t>(e)][1]; }
}  // namespace detail

// The owner of a kernel's on-chip buffers; its destructor reports tensors still held.
class TPipe {
 public:
  TPipe() : id_(ascendgen::sim::abi::pipe_create()) {}
  ~TPipe() { ascendgen::sim::abi::pipe_destroy(id_); }
  TPipe(const TPipe&) = delete;
  TPipe& operator=(const TPipe&) = delete;

  template <class Q> bool InitBuffer(Q& que, uint8_t num, uint32_t len, Site site = Site::here()) {
    que.id_ = ascendgen::sim::abi::queue_init(id_, static_cast<uint8_t>(Q::position), Q::depth, num, len, site);
    return true;
  }
  template <class B> auto InitBuffer(B& buf, uint32_t len, Site site = Site::here())
      -> decltype(B::is_tbuf, true) {
    buf.id_ = ascendgen::sim::abi::queue_init(id_, static_cast<uint8_t>(B::position), 0, 1, len, site);
    return true;
  }
  template <HardEvent evt> int32_t FetchEventID() {
    return ascendgen::sim::abi::fetch_event_id(detail::event_src(evt), detail::event_dst(evt));
  }
  int32_t FetchEventID(HardEvent evt) {
    return ascendgen::sim::abi::fetch_event_id(detail::event_src(evt), detail::event_dst(evt));
  }
  template <HardEvent evt> int32_t AllocEventID() { return FetchEventID<evt>(); }
  template <HardEvent evt> void ReleaseEventID(int32_t) {}
  void Init() {}
  void Reset() {}
  void Destroy() {}

 private:
  int32_t id_;
};

inline TPipe* GetTPipePtr() { return nullptr; }

// A FIFO of UB tensors handed between pipes: AllocTensor -> EnQue -> DeQue -> FreeTensor.
template <TPosition pos, int32_t depthValue = 1, int32_t maskValue = 0> class TQue {
 public:
  static constexpr TPosition position = pos;
  static constexpr int32_t depth = depthValue;

  template <typename T> LocalTensor<T> AllocTensor(Site site = Site::here()) {
    return LocalTensor<T>(ascendgen::sim::abi::queue_alloc(id_, ascendgen::sim::abi::dtype_of<T>, site));
  }
  template <typename T> bool EnQue(const LocalTensor<T>& t, Site site = Site::here()) {
    ascendgen::sim::abi::queue_enque(id_, t.ref(), site);
    return true;
  }
  template <typename T> LocalTensor<T> DeQue(Site site = Site::here()) {
    return LocalTensor<T>(ascendgen::sim::abi::queue_deque(id_, ascendgen::sim::abi::dtype_of<T>, site));
  }
  template <typename T> void FreeTensor(LocalTensor<T>& t, Site site = Site::here()) {
    ascendgen::sim::abi::queue_free(id_, t.ref(), site);
  }
  bool HasTensorInQue() const { return ascendgen::sim::abi::queue_has_data(id_); }
  bool VacantInQue() const { return !HasTensorInQue(); }

 private:
  friend class TPipe;
  int32_t id_ = -1;
};

// A queue that moves data between two positions (e.g. VECIN -> VECOUT) without a copy.
template <TPosition src, TPosition dst, int32_t depthValue = 1, int32_t maskValue = 0>
class TQueBind : public TQue<src, depthValue, maskValue> {};

// A scratch buffer with no queue semantics; Get() returns all or part of it.
template <TPosition pos = TPosition::VECCALC> class TBuf {
 public:
  static constexpr TPosition position = pos;
  static constexpr bool is_tbuf = true;

  template <typename T> LocalTensor<T> Get(Site site = Site::here()) {
    return LocalTensor<T>(ascendgen::sim::abi::tbuf_get(id_, ascendgen::sim::abi::dtype_of<T>, 0, 0, true, site));
  }
  template <typename T> LocalTensor<T> Get(uint32_t len, Site site = Site::here()) {
    return LocalTensor<T>(ascendgen::sim::abi::tbuf_get(id_, ascendgen::sim::abi::dtype_of<T>, len, 0, false, site));
  }
  template <typename T> LocalTensor<T> GetWithOffset(uint32_t size, uint32_t bufOffset, Site site = Site::here()) {
    return LocalTensor<T>(ascendgen::sim::abi::tbuf_get(id_, ascendgen::sim::abi::dtype_of<T>, size, bufOffset, false, site));
  }
  // The queue calls CANN's TBuf inherits: AllocTensor and DeQue are Get, EnQue and FreeTensor do
  // nothing (a TBuf has no queue state).
  template <typename T> LocalTensor<T> AllocTensor(Site site = Site::here()) { return Get<T>(site); }
  template <typename T> LocalTensor<T> DeQue(Site site = Site::here()) { return Get<T>(site); }
  template <typename T> void EnQue(const LocalTensor<T>&) {}
  template <typename T> void FreeTensor(LocalTensor<T>&) {}

 private:
  friend class TPipe;
  int32_t id_ = -1;
};

// ---- synchronisation ------------------------------------------------------------------------
template <pipe_t pipe> inline void PipeBarrier(Site site = Site::here()) {
  ascendgen::sim::abi::pipe_barrier(pipe, site);
}
template <HardEvent evt> inline void SetFlag(int32_t id, Site site = Site::here()) {
  ascendgen::sim::abi::set_flag(detail::event_src(evt), detail::event_dst(evt), id, site);
}
template <HardEvent evt> inline void WaitFlag(int32_t id, Site site = Site::here()) {
  ascendgen::sim::abi::wait_flag(detail::event_src(evt), detail::event_dst(evt), id, site);
}
template <bool isAIVOnly = true> inline void SyncAll(Site site = Site::here()) {
  ascendgen::sim::abi::sync_all(isAIVOnly, site);
}
template <typename T> inline void SetAtomicAdd(Site site = Site::here()) {
  ascendgen::sim::abi::set_atomic(1, ascendgen::sim::abi::dtype_of<T>, site);
}
template <typename T> inline void SetAtomicMax(Site site = Site::here()) {
  ascendgen::sim::abi::set_atomic(2, ascendgen::sim::abi::dtype_of<T>, site);
}
template <typename T> inline void SetAtomicMin(Site site = Site::here()) {
  ascendgen::sim::abi::set_atomic(3, ascendgen::sim::abi::dtype_of<T>, site);
}
inline void SetAtomicNone(Site site = Site::here()) {
  ascendgen::sim::abi::set_atomic(0, ascendgen::sim::abi::DType::F32, site);
}

}  // namespace AscendC

// Older kernels call the barrier as a free function with the pipe as an argument.
inline void pipe_barrier(pipe_t pipe) { ascendgen::sim::abi::pipe_barrier(pipe, ascendgen::sim::abi::Site::here()); }
