// SetFlag/WaitFlag pairing, event ids, PipeBarrier, and SyncAll that would hang the NPU.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::KernelError;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
bool mentions(const KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

// Manual synchronisation of a copy-in, compute, copy-out sequence, as kernels without queues do.
void paired_flags_kernel(GM_ADDR x, GM_ADDR z) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 512);
  GlobalTensor<float> xg, zg;
  xg.SetGlobalBuffer((__gm__ float*)x, 64);
  zg.SetGlobalBuffer((__gm__ float*)z, 64);
  LocalTensor<float> a = buf.Get<float>(64), b = buf.GetWithOffset<float>(64, 256);
  DataCopy(a, xg, 64);
  const int32_t in = pipe.FetchEventID(HardEvent::MTE2_V);
  SetFlag<HardEvent::MTE2_V>(in);
  WaitFlag<HardEvent::MTE2_V>(in);
  Abs(b, a, 64);
  const int32_t out = pipe.FetchEventID<HardEvent::V_MTE3>();
  SetFlag<HardEvent::V_MTE3>(out);
  // While id `out` is pending, FetchEventID hands out another one.
  CHECK(pipe.FetchEventID<HardEvent::V_MTE3>() != out);
  WaitFlag<HardEvent::V_MTE3>(out);
  PipeBarrier<PIPE_V>();
  PipeBarrier<PIPE_ALL>();
  pipe_barrier(PIPE_MTE3);
  DataCopy(zg, b, 64);
}

void wait_without_set_kernel(GM_ADDR) {
  WaitFlag<HardEvent::MTE2_V>(3);
}
void set_never_waited_kernel(GM_ADDR) {
  SetFlag<HardEvent::V_MTE3>(5);
}
void set_twice_kernel(GM_ADDR) {
  SetFlag<HardEvent::S_V>(0);
  SetFlag<HardEvent::S_V>(0);
}
void bad_event_id_kernel(GM_ADDR) {
  SetFlag<HardEvent::MTE3_MTE2>(8);
}
void cube_event_kernel(GM_ADDR) {
  SetFlag<HardEvent::M_V>(0);
}

// Core 1 returns before the barrier the others wait at.
void early_return_kernel(GM_ADDR) {
  if (GetBlockIdx() == 1) return;
  SyncAll();
}
// Every core passes two barriers; the counts show each was reached.
void two_barriers_kernel(GM_ADDR) {
  SyncAll();
  SyncAll<true>();
}
}  // namespace

TEST_CASE("paired SetFlag/WaitFlag, FetchEventID and PipeBarrier run and are counted") {
  Harness h;
  std::vector<float> xs(64);
  for (int i = 0; i < 64; ++i) xs[i] = static_cast<float>(i % 2 ? i : -i);
  auto x = h.input(xs, "x");
  auto z = h.output<float>(64, "z");
  const auto record = h.run(paired_flags_kernel, {x, z});
  const auto out = h.read<float>(z, 64);
  for (int i = 0; i < 64; ++i) CHECK(out[i] == static_cast<float>(i));
  const auto& calls = record.cores[0].api_calls;
  CHECK(calls.at("SetFlag") == 2);
  CHECK(calls.at("WaitFlag") == 2);
  CHECK(calls.at("PipeBarrier") == 3);
}

TEST_CASE("WaitFlag with no SetFlag before it fails with SyncMisuse") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(wait_without_set_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(e.where().api == "WaitFlag");
  CHECK(e.where().file.find("sync_test.cpp") != std::string::npos);
  CHECK(mentions(e, "event MTE2_V id 3"));
  CHECK(mentions(e, "hang"));
}

TEST_CASE("a SetFlag never waited for fails at kernel end, naming the SetFlag") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(set_never_waited_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(e.where().api == "SetFlag");
  CHECK(e.where().file.find("sync_test.cpp") != std::string::npos);
  CHECK(e.where().line > 0);
  CHECK(mentions(e, "event id 5"));
  CHECK(mentions(e, "from pipe V to pipe MTE3"));
}

TEST_CASE("setting a pending event again, an event id past 7, or a cube event fails") {
  Harness h;
  auto e = expect_kernel_error([&] { h.run(set_twice_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(mentions(e, "set twice"));
  e = expect_kernel_error([&] { h.run(bad_event_id_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(mentions(e, "event id 8"));
  e = expect_kernel_error([&] { h.run(cube_event_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  CHECK(mentions(e, "M_V"));
}

TEST_CASE("SyncAll that a core never reaches fails with SyncMisuse instead of hanging") {
  Harness h;
  const auto e = expect_kernel_error([&] { h.run(early_return_kernel, {nullptr}, 4); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(e.where().api == "SyncAll");
  CHECK(e.where().file.find("sync_test.cpp") != std::string::npos);
  CHECK(mentions(e, "core 1 ended without reaching it"));
}

TEST_CASE("SyncAll releases when every core arrives") {
  Harness h;
  const auto record = h.run(two_barriers_kernel, {nullptr}, 5);
  REQUIRE(record.cores.size() == 5);
  for (const auto& core : record.cores) CHECK(core.api_calls.at("SyncAll") == 2);
}
