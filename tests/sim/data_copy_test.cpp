// DataCopy and DataCopyPad: count and blocked forms in every direction, byte-exact padded copies,
// and the 32-byte and bounds rules they enforce.
#include <string>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::KernelError;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
constexpr int16_t kSentinel = 0x0777;  // what UB holds where a copy must not write
constexpr uint32_t kUbElems = 256;     // int16 elements of the UB window the tests inspect

std::vector<int16_t> iota16(size_t n, int16_t from = 1) {
  std::vector<int16_t> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = static_cast<int16_t>(from + i);
  return v;
}
bool mentions(const KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

void count_copy_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * 1024 * sizeof(float));
  GlobalTensor<float> xg, yg;
  xg.SetGlobalBuffer((__gm__ float*)x, 1024);
  yg.SetGlobalBuffer((__gm__ float*)y, 1024);
  LocalTensor<float> a = buf.Get<float>(1024), b = buf.GetWithOffset<float>(1024, 4096);
  DataCopy(a, xg, 1024);
  DataCopy(b, a, 1024);
  DataCopy(yg, b, 1024);
}

// x: 9 blocks of 16 int16. Gathers blocks {0,1}, {3,4}, {6,7} into UB blocks {0,1}, {4,5}, {8,9}
// (srcStride/dstStride spelling), dumps UB to y, scatters the same UB blocks to z blocks {0,1},
// {3,4}, {6,7} (srcGap/dstGap spelling) and packs them UB->UB to blocks {0,1}, {2,3}, {4,5}, dumped to w.
void blocked_copy_kernel(GM_ADDR x, GM_ADDR y, GM_ADDR z, GM_ADDR w) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * kUbElems * sizeof(int16_t));
  GlobalTensor<int16_t> xg, yg, zg, wg;
  xg.SetGlobalBuffer((__gm__ int16_t*)x, 9 * 16);
  yg.SetGlobalBuffer((__gm__ int16_t*)y, kUbElems);
  zg.SetGlobalBuffer((__gm__ int16_t*)z, 9 * 16);
  wg.SetGlobalBuffer((__gm__ int16_t*)w, kUbElems);
  LocalTensor<int16_t> u = buf.Get<int16_t>(kUbElems), v = buf.GetWithOffset<int16_t>(kUbElems, kUbElems * 2);
  Duplicate(u, kSentinel, kUbElems);
  Duplicate(v, kSentinel, kUbElems);
  DataCopyParams in;
  in.blockCount = 3;
  in.blockLen = 2;
  in.srcStride = 1;
  in.dstStride = 2;
  DataCopy(u, xg, in);
  DataCopy(yg, u, kUbElems);
  DataCopyParams out;
  out.blockCount = 3;
  out.blockLen = 2;
  out.srcGap = 2;
  out.dstGap = 1;
  DataCopy(zg, u, out);
  DataCopy(v, u, DataCopyParams(3, 2, 2, 0));
  DataCopy(wg, v, kUbElems);
}

struct PadCase {
  bool is_pad;
  uint8_t left, right;
  int16_t value;
  bool old_form;  // DataCopyParams + DataCopyPadParams
};
PadCase g_pad;

// Three bursts of 10 int16 (20 bytes) from x with 6-byte GM gaps, each padded in UB and followed
// by a one-block UB gap; UB is dumped to y.
void pad_in_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, kUbElems * sizeof(int16_t));
  GlobalTensor<int16_t> xg, yg;
  xg.SetGlobalBuffer((__gm__ int16_t*)x, 36);
  yg.SetGlobalBuffer((__gm__ int16_t*)y, kUbElems);
  LocalTensor<int16_t> u = buf.Get<int16_t>();
  Duplicate(u, kSentinel, kUbElems);
  if (g_pad.old_form)
    DataCopyPad(u, xg, DataCopyParams(3, 20, 6, 1),
                DataCopyPadParams(g_pad.is_pad, g_pad.left, g_pad.right, static_cast<uint64_t>(g_pad.value)));
  else
    DataCopyPad(u, xg, DataCopyExtParams(3, 20, 6, 1, 0),
                DataCopyPadExtParams<int16_t>(g_pad.is_pad, g_pad.left, g_pad.right, g_pad.value));
  DataCopy(yg, u, kUbElems);
}

// UB blocks 0, 1, 2 (16 int16 each) to GM as three 20-byte bursts with 4-byte GM gaps.
template <bool old_form> void pad_out_kernel(GM_ADDR x, GM_ADDR z) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 48 * sizeof(int16_t));
  GlobalTensor<int16_t> xg, zg;
  xg.SetGlobalBuffer((__gm__ int16_t*)x, 48);
  zg.SetGlobalBuffer((__gm__ int16_t*)z, 35);
  LocalTensor<int16_t> u = buf.Get<int16_t>();
  DataCopy(u, xg, 48);
  if (old_form)
    DataCopyPad(zg, u, DataCopyParams(3, 20, 0, 4));
  else
    DataCopyPad(zg, u, DataCopyExtParams(3, 20, 0, 4, 0));
}
}  // namespace

TEST_CASE("DataCopy count form moves GM->UB, UB->UB and UB->GM, and is recorded") {
  Harness h;
  std::vector<float> xs(1024);
  for (int i = 0; i < 1024; ++i) xs[i] = 0.5f * i - 100;
  auto x = h.input(xs, "x");
  auto y = h.output<float>(1024, "y");
  const auto record = h.run(count_copy_kernel, {x, y});
  CHECK(h.read<float>(y, 1024) == xs);
  REQUIRE(record.cores.size() == 1);
  CHECK(record.cores[0].gm_read_bytes == 4096);
  CHECK(record.cores[0].gm_write_bytes == 4096);
  CHECK(record.cores[0].ub_copy_bytes == 4096);
  CHECK(record.cores[0].api_calls.at("DataCopy") == 3);
  CHECK(record.cores[0].api_calls.at("TBuf::Get") == 2);
}

TEST_CASE("DataCopy with DataCopyParams honours blockLen and both stride spellings") {
  Harness h;
  const auto xs = iota16(9 * 16);
  auto x = h.input(xs, "x");
  auto y = h.output<int16_t>(kUbElems, "y"), z = h.output<int16_t>(9 * 16, "z"), w = h.output<int16_t>(kUbElems, "w");
  h.run(blocked_copy_kernel, {x, y, z, w});
  std::vector<int16_t> ub(kUbElems, kSentinel), gm(9 * 16, 0), packed(kUbElems, kSentinel);
  for (int i = 0; i < 3; ++i)
    for (int e = 0; e < 32; ++e) {
      ub[(4 * i) * 16 + e] = xs[(3 * i) * 16 + e];
      gm[(3 * i) * 16 + e] = xs[(3 * i) * 16 + e];
      packed[(2 * i) * 16 + e] = xs[(3 * i) * 16 + e];
    }
  CHECK(h.read<int16_t>(y, kUbElems) == ub);
  CHECK(h.read<int16_t>(z, 9 * 16) == gm);
  CHECK(h.read<int16_t>(w, kUbElems) == packed);
}

TEST_CASE("DataCopyPad GM->UB places each burst after left padding and pads it to 32 bytes") {
  const auto xs = iota16(36, 100);
  for (const PadCase pc : {PadCase{true, 0, 6, 5, false}, PadCase{true, 2, 4, -3, false},
                           PadCase{false, 0, 0, 0, false}, PadCase{false, 2, 4, 0, false},
                           PadCase{true, 0, 6, 9, true}, PadCase{true, 1, 5, -8, true}}) {
    CAPTURE(pc.is_pad);
    CAPTURE(int(pc.left));
    CAPTURE(int(pc.right));
    CAPTURE(pc.old_form);
    g_pad = pc;
    Harness h;
    auto x = h.input(xs, "x");
    auto y = h.output<int16_t>(kUbElems, "y");
    h.run(pad_in_kernel, {x, y});
    const auto ub = h.read<int16_t>(y, kUbElems);
    const uint32_t block = (pc.left + 10 + pc.right + 15) / 16 * 16;  // padded burst, int16 elements
    for (uint32_t i = 0; i < 3; ++i) {
      const uint32_t at = i * (block + 16);
      for (uint32_t j = 0; j < 10; ++j) CHECK(ub[at + pc.left + j] == xs[i * 13 + j]);
      if (pc.is_pad) {
        for (uint32_t j = 0; j < pc.left; ++j) CHECK(ub[at + j] == pc.value);
        for (uint32_t j = 0; j < pc.right; ++j) CHECK(ub[at + pc.left + 10 + j] == pc.value);
      }
      for (uint32_t j = 0; j < 16; ++j) CHECK(ub[at + block + j] == kSentinel);  // the dstStride gap
    }
  }
}

TEST_CASE("DataCopyPad UB->GM writes byte-exact bursts and leaves the GM gaps alone") {
  const auto xs = iota16(48, 1);
  auto check = [&](auto kernel) {
    Harness h;
    auto x = h.input(xs, "x");
    auto z = h.input(std::vector<int16_t>(35, -1), "z");
    const auto record = h.run(kernel, {x, z});
    const auto out = h.read<int16_t>(z, 35);
    for (uint32_t i = 0; i < 3; ++i) {
      for (uint32_t j = 0; j < 10; ++j) CHECK(out[i * 12 + j] == xs[i * 16 + j]);
      if (i < 2) CHECK(out[i * 12 + 10] == -1);
      if (i < 2) CHECK(out[i * 12 + 11] == -1);
    }
    CHECK(record.cores[0].gm_write_bytes == 60);
  };
  check(pad_out_kernel<false>);
  check(pad_out_kernel<true>);
}

// ---- misuse -----------------------------------------------------------------------------------
namespace {
// Copies 100 halves x -> UB -> y: 200 bytes, not whole 32-byte blocks.
void unaligned_length_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<half> xg, yg;
  xg.SetGlobalBuffer((__gm__ half*)x, 100);
  yg.SetGlobalBuffer((__gm__ half*)y, 100);
  LocalTensor<half> u = buf.Get<half>();
  DataCopy(u, xg, 100);
  DataCopy(yg, u, 100);
}
void under_one_block_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<half> xg;
  xg.SetGlobalBuffer((__gm__ half*)x, 100);
  LocalTensor<half> u = buf.Get<half>();
  DataCopy(u, xg, 8);  // 16 bytes
}
void unaligned_ub_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<half> xg;
  xg.SetGlobalBuffer((__gm__ half*)x, 128);
  LocalTensor<half> u = buf.Get<half>();
  DataCopy(u[8], xg, 16);  // UB byte 16
}
void unaligned_ub_out_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 128);
  LocalTensor<float> u = buf.Get<float>();
  DataCopyPad(xg, u[3], DataCopyExtParams(1, 12, 0, 0, 0));
}
void ub_too_small_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 512);
  LocalTensor<float> u = buf.Get<float>(64);
  DataCopy(u, xg, 128);
}
void zero_blocks_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 512);
  LocalTensor<float> u = buf.Get<float>();
  DataCopy(u, xg, DataCopyParams(0, 1, 0, 0));
}
void too_much_padding_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 512);
  LocalTensor<float> u = buf.Get<float>();
  DataCopyPad(u, xg, DataCopyExtParams(1, 8, 0, 0, 0), DataCopyPadExtParams<float>(true, 9, 0, 0.f));
}
}  // namespace

TEST_CASE("DataCopy of a length that is not whole 32-byte blocks moves the whole blocks, with a warning") {
  Harness h;
  std::vector<half> xs(100);
  for (int i = 0; i < 100; ++i) xs[i] = half(static_cast<float>(i + 1));
  auto x = h.input(xs, "x");
  auto y = h.output<half>(100, "y");
  const auto record = h.run(unaligned_length_kernel, {x, y});
  const auto v = h.read<half>(y, 100);
  for (int i = 0; i < 96; ++i) CHECK(float(v[i]) == static_cast<float>(i + 1));  // 192 bytes moved
  for (int i = 96; i < 100; ++i) CHECK(float(v[i]) == 0.0f);                      // the tail never left GM
  REQUIRE(record.warnings.size() == 2);  // one per call site: GM -> UB and UB -> GM
  CHECK(record.warnings[0].find("[misaligned] DataCopy at") == 0);
  CHECK(record.warnings[0].find("data_copy_test.cpp") != std::string::npos);
  CHECK(record.warnings[0].find("copy length 200 bytes is not a multiple of 32 bytes; the NPU rounds it down and "
                                "moves 192 bytes, leaving the last 8 uncopied") != std::string::npos);

  const auto e = expect_kernel_error([&] { h.run(under_one_block_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
  CHECK(e.where().api == "DataCopy");
  CHECK(mentions(e, "16 bytes is under one 32-byte block"));
  CHECK(mentions(e, "DataCopyPad"));
}

TEST_CASE("a UB address off the 32-byte grid fails with Misaligned for DataCopy and DataCopyPad") {
  Harness h;
  auto x = h.output<float>(128, "x");
  auto e = expect_kernel_error([&] { h.run(unaligned_ub_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
  CHECK(mentions(e, "UB address 0x10"));
  e = expect_kernel_error([&] { h.run(unaligned_ub_out_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::Misaligned);
  CHECK(e.where().api == "DataCopyPad");
  CHECK(mentions(e, "source UB address 0xc"));
}

TEST_CASE("a copy larger than its LocalTensor fails with UbOutOfBounds") {
  Harness h;
  auto x = h.output<float>(512, "x");
  const auto e = expect_kernel_error([&] { h.run(ub_too_small_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(mentions(e, "[0, 512)"));
  CHECK(mentions(e, "256 bytes"));
}

TEST_CASE("blockCount 0 and padding beyond 32 bytes fail with InvalidArgument") {
  Harness h;
  auto x = h.output<float>(512, "x");
  auto e = expect_kernel_error([&] { h.run(zero_blocks_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(mentions(e, "blockCount 0"));
  e = expect_kernel_error([&] { h.run(too_much_padding_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(mentions(e, "padding"));
}
