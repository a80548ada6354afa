// Kernel utilities and CCE intrinsics: ASSERT compiles away as in CANN's device build, the integer
// helpers, AscendCUtils::SetMask, set_flag/wait_flag pairing, block_idx per core and the user part
// of the workspace.
#include <cstring>
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
int32_t g_assert_value = 0;

// Neither condition is evaluated; the second names nothing declared and lacks its semicolon before.
void assert_kernel(GM_ADDR) {
  int32_t tiles = 1 ASSERT(g_assert_value != 0 && "value can not be zero!");
  ASSERT(NoSuchFunction() != 0 && "never compiled");
  g_assert_value = tiles;
}

// Writes, per core, block_idx, get_block_idx(), block_num and get_block_num().
void block_vars_kernel(GM_ADDR out) {
  GlobalTensor<int64_t> g;
  g.SetGlobalBuffer((__gm__ int64_t*)out, 4 * 4);
  const int64_t base = 4 * get_block_idx();
  g.SetValue(base + 0, block_idx);
  g.SetValue(base + 1, get_block_idx());
  g.SetValue(base + 2, block_num);
  g.SetValue(base + 3, get_block_num());
}

void cce_flags_kernel(GM_ADDR) {
  set_flag(PIPE_V, PIPE_S, EVENT_ID2);
  wait_flag(PIPE_V, PIPE_S, EVENT_ID2);
}
void cce_wait_without_set_kernel(GM_ADDR) { wait_flag(PIPE_MTE2, PIPE_V, EVENT_ID1); }

// SetMask<float>(len) then Adds under the mask register: only the first `len` lanes change.
int32_t g_mask_len = 0;
void set_mask_kernel(GM_ADDR out) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 64 * sizeof(float));
  LocalTensor<float> t = buf.Get<float>();
  Duplicate(t, 1.0f, 64);
  AscendCUtils::SetMask<float>(g_mask_len);
  Adds<float, false>(t, t, 1.0f, MASK_PLACEHOLDER, 1, UnaryRepeatParams());
  AscendCUtils::ResetMask();
  GlobalTensor<float> g;
  g.SetGlobalBuffer((__gm__ float*)out, 64);
  DataCopy(g, t, 64);
}

// Writes one float at the start of the user workspace.
void user_workspace_kernel(GM_ADDR workspace) {
  GlobalTensor<float> g;
  g.SetGlobalBuffer((__gm__ float*)GetUserWorkspace(workspace), 1);
  g.SetValue(0, 2.5f);
}
}  // namespace

TEST_CASE("ASSERT expands to nothing, as CANN's device build defines it") {
  Harness h;
  g_assert_value = 0;
  h.run(assert_kernel, {nullptr});
  CHECK(g_assert_value == 1);
}

TEST_CASE("DivCeil and AlignUp round up, and are constant expressions") {
  static_assert(AscendC::DivCeil(65, 32) == 3);
  static_assert(AscendC::AlignUp(65, 32) == 96);
  CHECK(AscendC::AlignUp(64, 32) == 64);
  CHECK(AscendC::Ceil(1, 8) == 1);
  CHECK(likely(1 + 1 == 2));
  CHECK_FALSE(unlikely(1 + 1 == 3));
}

TEST_CASE("block_idx and get_block_idx read the running core's index") {
  Harness h;
  auto out = h.output<int64_t>(16, "out");
  h.run(block_vars_kernel, {out}, 4);
  const auto v = h.read<int64_t>(out, 16);
  for (int core = 0; core < 4; ++core) {
    CHECK(v[4 * core + 0] == core);
    CHECK(v[4 * core + 1] == core);
    CHECK(v[4 * core + 2] == 4);
    CHECK(v[4 * core + 3] == 4);
  }
}

TEST_CASE("set_flag/wait_flag pair like SetFlag/WaitFlag") {
  Harness h;
  const auto rec = h.run(cce_flags_kernel, {nullptr});
  CHECK(rec.cores.size() == 1);
  const auto e = expect_kernel_error([&] { h.run(cce_wait_without_set_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::SyncMisuse);
  CHECK(e.where().api == "WaitFlag");
  CHECK(e.where().file.find("kernel_utils_test.cpp") != std::string::npos);
}

TEST_CASE("AscendCUtils::SetMask<T>(len) enables the first len lanes") {
  for (int32_t len : {1, 5, 63, 64}) {
    CAPTURE(len);
    Harness h;
    auto out = h.output<float>(64, "out");
    g_mask_len = len;
    h.run(set_mask_kernel, {out});
    const auto v = h.read<float>(out, 64);
    for (int i = 0; i < 64; ++i) CHECK(v[i] == (i < len ? 2.0f : 1.0f));
  }
}

TEST_CASE("GetUserWorkspace skips the 16 MiB CANN reserves for its library") {
  Harness h;
  auto ws = h.output<uint8_t>(RESERVED_WORKSPACE + 32, "workspace");
  h.run(user_workspace_kernel, {ws});
  float f;
  std::memcpy(&f, ws + RESERVED_WORKSPACE, sizeof f);
  CHECK(f == 2.5f);
  // A workspace sized without the reserved part leaves the user pointer outside it.
  Harness small;
  auto tiny = small.output<uint8_t>(64, "workspace");
  const auto e = expect_kernel_error([&] { small.run(user_workspace_kernel, {tiny}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
}
