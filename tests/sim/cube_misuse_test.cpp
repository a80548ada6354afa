// What the cube unit refuses, as KernelError: buffers beyond L1/L0A/L0B/L0C, L0 operands off their
// 512-byte boundaries, operands in the wrong memory, unsupported dtype pairs and conversions, and
// APIs on the wrong kind of core.
#include <string>

#include "harness.h"

using namespace AscendC;
namespace sim = ascendgen::sim;
using sim::ErrorKind;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {
bool mentions(const sim::KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

template <TPosition P, uint32_t Bytes> void init_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<P> buf;
  pipe.InitBuffer(buf, Bytes);
}

// L0A/L0B/L0C tensors of one 16x16 block each (fp16 in, fp32 out), ready for LoadData and Mmad.
struct Blocks {
  TPipe pipe;
  TBuf<TPosition::A1> a1;
  TBuf<TPosition::A2> a2;
  TBuf<TPosition::B2> b2;
  TBuf<TPosition::CO1> c1;
  Blocks() {
    pipe.InitBuffer(a1, 4096);
    pipe.InitBuffer(a2, 4096);
    pipe.InitBuffer(b2, 4096);
    pipe.InitBuffer(c1, 4096);
  }
};

void load_misaligned_kernel(GM_ADDR) {
  Blocks k;
  LoadData(k.a2.Get<half>()[16], k.a1.Get<half>(), LoadData2DParams(0, 1, 1, 0, 0, false, 0));
}

void mmad_misaligned_kernel(GM_ADDR) {
  Blocks k;
  LocalTensor<float> c = k.c1.Get<float>();
  Mmad(c, k.a2.Get<half>()[16], k.b2.Get<half>(), MmadParams(16, 16, 16, 0, false, true));
}

void mmad_wrong_memory_kernel(GM_ADDR) {
  Blocks k;
  LocalTensor<float> c = k.c1.Get<float>();
  Mmad(c, k.a1.Get<half>(), k.b2.Get<half>(), MmadParams(16, 16, 16, 0, false, true));
}

void mmad_mixed_dtypes_kernel(GM_ADDR) {
  Blocks k;
  LocalTensor<float> c = k.c1.Get<float>();
  Mmad(c, k.a2.Get<half>(), k.b2.Get<int8_t>(), MmadParams(16, 16, 16, 0, false, true));
}

void mmad_past_buffer_kernel(GM_ADDR) {
  Blocks k;
  LocalTensor<float> c = k.c1.Get<float>();
  Mmad(c, k.a2.Get<half>(), k.b2.Get<half>(), MmadParams(16, 16, 256, 0, false, true));  // A needs 8 KiB
}

void fixpipe_bad_quant_kernel(GM_ADDR out) {
  Blocks k;
  GlobalTensor<half> g;
  g.SetGlobalBuffer((__gm__ half*)out, 256);
  FixpipeParamsV220 p(16, 16, 16, 16, false);
  p.quantPre = DEQF16;  // int32 -> half, but L0C holds float
  Fixpipe(g, k.c1.Get<float>(), p);
}

void vector_on_aic_kernel(GM_ADDR) {
  Blocks k;
  LocalTensor<half> x = k.a1.Get<half>();
  Adds(x, x, half(1.0f), 16);
}

void cube_on_aiv_kernel(GM_ADDR) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> ub;
  pipe.InitBuffer(ub, 4096);
  LocalTensor<float> c = ub.Get<float>();
  Mmad(c, ub.Get<half>(), ub.Get<half>(), MmadParams(16, 16, 16, 0, false, true));
}

void ub_on_aic_kernel(GM_ADDR) {
  TPipe pipe;
  TQue<TPosition::VECIN, 1> q;
  pipe.InitBuffer(q, 1, 1024);
}

void copy_to_gm_on_aic_kernel(GM_ADDR out) {
  Blocks k;
  GlobalTensor<half> g;
  g.SetGlobalBuffer((__gm__ half*)out, 256);
  DataCopy(g, k.a1.Get<half>(), 256);
}
}  // namespace

TEST_CASE("buffers beyond an AIC's L1, L0A, L0B or L0C fail with CubeBufferOverflow") {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  uint8_t* out = h.output<int32_t>(8);
  h.run(init_kernel<TPosition::A2, 65536>, {out});  // exactly L0A
  for (auto kernel : {init_kernel<TPosition::A1, 524288 + 32>, init_kernel<TPosition::A2, 65536 + 512>,
                      init_kernel<TPosition::B2, 65536 + 32>, init_kernel<TPosition::CO1, 131072 + 1>}) {
    const auto e = expect_kernel_error([&] { h.run(kernel, {out}); });
    CHECK(e.kind() == ErrorKind::CubeBufferOverflow);
    CHECK(e.where().api == "InitBuffer");
  }
  const auto e = expect_kernel_error([&] { h.run(init_kernel<TPosition::A2, 65536 + 1>, {out}); });
  CHECK(mentions(e, "L0A"));
  CHECK(mentions(e, "65536"));
}

TEST_CASE("L0 operands must start on 512-byte boundaries") {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  uint8_t* out = h.output<int32_t>(8);
  for (auto kernel : {load_misaligned_kernel, mmad_misaligned_kernel}) {
    const auto e = expect_kernel_error([&] { h.run(kernel, {out}); });
    CHECK(e.kind() == ErrorKind::Misaligned);
    CHECK(mentions(e, "512-byte"));
  }
}

TEST_CASE("Mmad checks where its operands live, their dtypes and their extent") {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  uint8_t* out = h.output<int32_t>(8);
  auto e = expect_kernel_error([&] { h.run(mmad_wrong_memory_kernel, {out}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(mentions(e, "must lie in L0A but lies in L1"));
  e = expect_kernel_error([&] { h.run(mmad_mixed_dtypes_kernel, {out}); });
  CHECK(e.kind() == ErrorKind::Unsupported);
  e = expect_kernel_error([&] { h.run(mmad_past_buffer_kernel, {out}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(mentions(e, "left matrix"));
}

TEST_CASE("Fixpipe refuses a quantisation mode that does not fit the dtypes") {
  Harness h;
  h.core_type = sim::CoreType::Cube;
  const auto e = expect_kernel_error([&] { h.run(fixpipe_bad_quant_kernel, {h.output<half>(256)}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(mentions(e, "DEQF16"));
}

TEST_CASE("vector APIs on an AIC and cube APIs on an AIV fail with WrongCoreKind") {
  Harness aic;
  aic.core_type = sim::CoreType::Cube;
  uint8_t* out = aic.output<half>(256);
  for (auto kernel : {vector_on_aic_kernel, ub_on_aic_kernel, copy_to_gm_on_aic_kernel}) {
    const auto e = expect_kernel_error([&] { aic.run(kernel, {out}); });
    CHECK(e.kind() == ErrorKind::WrongCoreKind);
    CHECK(mentions(e, "ASCEND_IS_AIV"));
  }
  Harness aiv;
  uint8_t* o = aiv.output<half>(256);
  for (auto kernel : {cube_on_aiv_kernel, init_kernel<TPosition::A1, 1024>}) {
    const auto e = expect_kernel_error([&] { aiv.run(kernel, {o}); });
    CHECK(e.kind() == ErrorKind::WrongCoreKind);
    CHECK(mentions(e, "core_type: mix"));
  }
}
