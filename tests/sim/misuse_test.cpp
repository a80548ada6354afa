// Misuse the NPU punishes, caught with a message naming the API, the core, the call site and the
// address: UB overflow at InitBuffer, GM accesses outside the GlobalTensor or the allocation, and
// LocalTensor element access outside its buffer.
#include <cmath>
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
// Where the error points: this file, on the given core.
void check_where(const KernelError& e, const std::string& api, int core = 0) {
  CHECK(e.where().api == api);
  CHECK(e.where().core == core);
  CHECK(e.where().file.find("misuse_test.cpp") != std::string::npos);
  CHECK(e.where().line > 0);
  CHECK(e.where().call == 1);
  CHECK(mentions(e, api));
  CHECK(mentions(e, "misuse_test.cpp:" + std::to_string(e.where().line)));
  CHECK(mentions(e, "on core " + std::to_string(core)));
}

void ub_overflow_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 2> in;
  TBuf<TPosition::VECCALC> tmp;
  pipe.InitBuffer(in, 2, 64 * 1024);
  pipe.InitBuffer(tmp, 64 * 1024 + 1);  // rounds to 65568 bytes: 32 past the 192 KiB UB
}
void too_many_buffers_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> a;
  TQue<QuePosition::VECIN, 1> b;
  pipe.InitBuffer(a, 60, 32);
  pipe.InitBuffer(b, 5, 32);
}
void whole_ub_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> all;
  pipe.InitBuffer(all, 196608);
  CHECK(all.Get<uint8_t>().GetSize() == 196608);
}

// Reads 64 floats from a GlobalTensor declared with 48 (the buffer has 64).
void gm_read_past_declared_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 256);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 48);
  LocalTensor<float> t = buf.Get<float>();
  DataCopy(t, xg, 64);
}
// Writes 8 floats at element 56 of a GlobalTensor declared with 60.
void gm_write_past_declared_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 256);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 60);
  LocalTensor<float> t = buf.Get<float>();
  Duplicate(t, 0.0f, 64);
  DataCopy(xg[56], t, 8);
}
// No declared length: only the real allocation (64 floats) bounds the access.
void gm_read_past_allocation_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 512);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x);
  LocalTensor<float> t = buf.Get<float>();
  DataCopy(t, xg[8], 64);
}
// Reads floats [128, 192) of a 64-float tensor: past its 512 reserved bytes.
void gm_read_past_reserved_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 512);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x);
  LocalTensor<float> t = buf.Get<float>();
  DataCopy(t, xg[128], 64);
}
// Copies floats [8, 72) of a 64-float tensor to y: the last 8 come from the allocator's padding.
void gm_read_into_padding_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 512);
  GlobalTensor<float> xg, yg;
  xg.SetGlobalBuffer((__gm__ float*)x, 64);
  yg.SetGlobalBuffer((__gm__ float*)y, 64);
  LocalTensor<float> t = buf.Get<float>();
  DataCopy(t, xg[8], 64);
  DataCopy(yg, t, 64);
}
void gm_write_past_allocation_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 512);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 1000);  // declared larger than the allocation
  LocalTensor<float> t = buf.Get<float>();
  Duplicate(t, 0.0f, 128);
  DataCopyPad(xg[128], t, DataCopyExtParams(1, 20, 0, 0, 0));  // past the 512 bytes reserved for it
}
void gm_get_value_kernel(GM_ADDR x) {
  GlobalTensor<int32_t> xg;
  xg.SetGlobalBuffer((__gm__ int32_t*)x, 16);
  CHECK(xg.GetValue(15) == 15);
  (void)xg.GetValue(16);
}
void gm_set_value_kernel(GM_ADDR x) {
  GlobalTensor<int32_t> xg;
  xg.SetGlobalBuffer((__gm__ int32_t*)x);
  xg.SetValue(63, 1);
  xg[60].SetValue(68, 1);  // element 128: past the 512 bytes reserved for 64 int32
}

enum class LocalAccess { GetValue, SetValue, Call, Offset };
LocalAccess g_access;
void local_access_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> q;
  pipe.InitBuffer(q, 1, 64 * sizeof(half));
  LocalTensor<half> t = q.AllocTensor<half>();
  t.SetValue(63, 1.5f);
  CHECK(float(t.GetValue(63)) == 1.5f);
  switch (g_access) {
    case LocalAccess::GetValue: (void)t.GetValue(64); break;
    case LocalAccess::SetValue: t.SetValue(100, 2.0f); break;
    case LocalAccess::Call: t(64) = half(1.0f); break;
    case LocalAccess::Offset: (void)t[65]; break;
  }
  q.FreeTensor(t);
}
void outside_launch() { (void)GetBlockIdx(); }
}  // namespace

TEST_CASE("InitBuffer beyond the 192 KiB Unified Buffer fails with UbOverflow") {
  Harness h;
  auto e = expect_kernel_error([&] { h.run(ub_overflow_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOverflow);
  check_where(e, "InitBuffer");
  CHECK(mentions(e, "need UB up to byte 196640"));
  CHECK(mentions(e, "holds 196608 bytes (131072 already used)"));
  e = expect_kernel_error([&] { h.run(too_many_buffers_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOverflow);
  CHECK(mentions(e, "65 buffers in one TPipe exceed the limit of 64"));
  h.run(whole_ub_kernel, {nullptr});
  h.limits.ub_bytes = 65536;  // a smaller UB from the SoC description is enforced too
  e = expect_kernel_error([&] { h.run(whole_ub_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOverflow);
}

TEST_CASE("GM accesses outside the GlobalTensor's declared length fail with GmOutOfBounds") {
  Harness h;
  auto x = h.output<float>(64, "x");
  auto e = expect_kernel_error([&] { h.run(gm_read_past_declared_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  check_where(e, "DataCopy");
  CHECK(mentions(e, "reads 256 bytes at GM bytes [0, 256) of buffer 'x'"));
  CHECK(mentions(e, "GlobalTensor's 192 bytes set by SetGlobalBuffer"));
  e = expect_kernel_error([&] { h.run(gm_write_past_declared_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  check_where(e, "DataCopy");
  CHECK(mentions(e, "writes 32 bytes at GM bytes [224, 256)"));
}

TEST_CASE("GM accesses outside the real allocation fail with GmOutOfBounds") {
  Harness h;
  auto x = h.output<float>(64, "x");
  auto e = expect_kernel_error([&] { h.run(gm_read_past_reserved_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  check_where(e, "DataCopy");
  CHECK(mentions(e, "outside the GM allocation"));
  CHECK(mentions(e, "256 bytes past the end of buffer 'x' (256 bytes)"));
  e = expect_kernel_error([&] { h.run(gm_write_past_allocation_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  check_where(e, "DataCopyPad");
  CHECK(mentions(e, "writes 20 bytes"));
  CHECK(mentions(e, "outside the GM allocation"));
}

TEST_CASE("a read past a tensor's end inside the allocator's padding is a warning and reads garbage") {
  CHECK(ascendgen::sim::GlobalMemory::reserved_size(256) == 512);  // torch_npu: + 32 bytes, rounded up to 512
  CHECK(ascendgen::sim::GlobalMemory::reserved_size(480) == 512);
  CHECK(ascendgen::sim::GlobalMemory::reserved_size(481) == 1024);
  Harness h;
  std::vector<float> xs(64);
  for (int i = 0; i < 64; ++i) xs[i] = static_cast<float>(i);
  auto x = h.input(xs, "x");
  auto y = h.output<float>(64, "y");
  const auto record = h.run(gm_read_into_padding_kernel, {x, y});
  REQUIRE(record.warnings.size() == 1);
  CHECK(record.warnings[0].find("[gm_out_of_bounds] DataCopy at") == 0);
  CHECK(record.warnings[0].find("GM bytes [32, 288) of buffer 'x' (256 bytes)") != std::string::npos);
  CHECK(record.warnings[0].find("512 bytes the device allocator reserves") != std::string::npos);
  const auto v = h.read<float>(y, 64);
  for (int i = 0; i < 56; ++i) CHECK(v[i] == static_cast<float>(i + 8));
  for (int i = 56; i < 64; ++i) CHECK(std::isnan(v[i]));  // the padding's 0xff bytes
}

// Writes floats [56, 72) of a 64-float tensor: the last 8 land in the allocator's padding.
void gm_write_into_padding_kernel(GM_ADDR x) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 256);
  GlobalTensor<float> xg;
  xg.SetGlobalBuffer((__gm__ float*)x, 64);
  LocalTensor<float> t = buf.Get<float>();
  Duplicate(t, 7.0f, 64);
  DataCopy(xg[56], t, 16);
}

TEST_CASE("a write past a tensor's end inside the allocator's padding is a warning and the tensor's bytes are right") {
  Harness h;
  auto x = h.output<float>(64, "x");
  const auto record = h.run(gm_write_into_padding_kernel, {x});
  REQUIRE(record.warnings.size() == 1);
  CHECK(record.warnings[0].find("[gm_out_of_bounds] DataCopy at") == 0);
  CHECK(record.warnings[0].find("writes 64 bytes at GM bytes [224, 288) of buffer 'x' (256 bytes)") != std::string::npos);
  CHECK(record.warnings[0].find("which no tensor owns") != std::string::npos);
  const auto v = h.read<float>(x, 64);
  for (int i = 56; i < 64; ++i) CHECK(v[i] == 7.0f);
}

TEST_CASE("GlobalTensor GetValue/SetValue are bounds-checked") {
  Harness h;
  std::vector<int32_t> xs(64);
  for (int i = 0; i < 64; ++i) xs[i] = i;
  auto x = h.input(xs, "x");
  auto e = expect_kernel_error([&] { h.run(gm_get_value_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  check_where(e, "GlobalTensor::GetValue");
  e = expect_kernel_error([&] { h.run(gm_set_value_kernel, {x}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
  check_where(e, "GlobalTensor::SetValue");
  CHECK(mentions(e, "(+4 bytes), 256 bytes past the end of buffer 'x' (256 bytes)"));
}

TEST_CASE("LocalTensor element access outside its buffer fails with UbOutOfBounds") {
  Harness h;
  for (auto [access, api] : {std::pair{LocalAccess::GetValue, "GetValue"}, std::pair{LocalAccess::SetValue, "SetValue"},
                             std::pair{LocalAccess::Call, "LocalTensor::operator()"}}) {
    g_access = access;
    const auto e = expect_kernel_error([&] { h.run(local_access_kernel, {nullptr}); });
    CHECK(e.kind() == ErrorKind::UbOutOfBounds);
    check_where(e, api);
    CHECK(mentions(e, "outside the LocalTensor of 64 half elements at UB 0x0..0x80"));
  }
  // operator[] takes no call-site argument in C++17, so only the API and address are named.
  g_access = LocalAccess::Offset;
  const auto e = expect_kernel_error([&] { h.run(local_access_kernel, {nullptr}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(e.where().api == "LocalTensor::operator[]");
  CHECK(mentions(e, "index 65"));
}

TEST_CASE("an Ascend C API called outside a launch fails with InvalidArgument") {
  try {
    outside_launch();
    FAIL("expected a KernelError");
  } catch (const KernelError& e) {
    CHECK(e.kind() == ErrorKind::InvalidArgument);
    CHECK(mentions(e, "outside a kernel"));
  }
}
