// Mmad: C (L0C, NZ) = A (L0A, ZZ) x B (L0B, ZN) [+ C | + bias], on the M pipe. Products of
// fp16/bf16 are exact in float and accumulate in float (fp32 inputs likewise); int8 products
// accumulate exactly in int32. The block product runs through Eigen, so a 1024^3 matmul on the
// emulator costs about what a CPU GEMM costs.
#include <Eigen/Core>

#include "ascendgen/ascendc/kernel/cube.h"
#include "cube_operand.h"
#include "element.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;
using sim::Mem;

namespace {
constexpr uint32_t kMaxDim = 4095;

template <typename S> using RowMajor = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename S> using ColMajor = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

// Converts `n` elements of dtype `dt` at `in` to S.
template <typename S> void widen(DType dt, const uint8_t* in, S* out, uint32_t n) {
  if constexpr (std::is_same_v<S, float>) {
    if (dt == DType::F16) return sim::half_to_float_n(reinterpret_cast<const uint16_t*>(in), out, n);
  }
  sim::dispatch_dtype(dt, [&]<DType D>() {
    using E = sim::Element<D>;
    for (uint32_t i = 0; i < n; ++i) {
      typename E::Storage v;
      std::memcpy(&v, in + i * sizeof(v), sizeof(v));
      out[i] = static_cast<S>(E::load(v));
    }
  });
}

struct Dims {
  uint32_t m, n, k, c0, mb, nb, kb;
};

// A (m x k) from L0A's ZZ fractals: row i, k-block kb holds c0 consecutive elements.
template <typename S> RowMajor<S> read_a(const uint8_t* l0a, DType dt, const Dims& d) {
  RowMajor<S> a(d.m, d.k);
  const size_t es = sim::dtype_size(dt);
  for (uint32_t i = 0; i < d.m; ++i)
    for (uint32_t b = 0; b < d.kb; ++b) {
      const uint8_t* run = l0a + ((uint64_t{i / 16} * d.kb + b) * 16 * d.c0 + (i % 16) * d.c0) * es;
      widen(dt, run, a.data() + uint64_t{i} * d.k + b * d.c0, std::min(d.c0, d.k - b * d.c0));
    }
  return a;
}

// B (k x n) from L0B's ZN fractals: column j, k-block kb holds c0 consecutive elements.
template <typename S> ColMajor<S> read_b(const uint8_t* l0b, DType dt, const Dims& d) {
  ColMajor<S> b(d.k, d.n);
  const size_t es = sim::dtype_size(dt);
  for (uint32_t j = 0; j < d.n; ++j)
    for (uint32_t kb = 0; kb < d.kb; ++kb) {
      const uint8_t* run = l0b + ((uint64_t{kb} * d.nb + j / 16) * 16 * d.c0 + (j % 16) * d.c0) * es;
      widen(dt, run, b.data() + uint64_t{j} * d.k + kb * d.c0, std::min(d.c0, d.k - kb * d.c0));
    }
  return b;
}

// C (L0C, NZ: n-blocks of m rows x 16) = product [+ C] [+ bias row].
template <typename Acc, typename S>
void write_c(uint8_t* l0c, const RowMajor<S>& product, const Dims& d, bool accumulate, const float* bias) {
  for (uint32_t jb = 0; jb < d.nb; ++jb) {
    Acc* block = reinterpret_cast<Acc*>(l0c) + uint64_t{jb} * d.mb * 16 * 16;
    const uint32_t cols = std::min(16u, d.n - jb * 16);
    for (uint32_t i = 0; i < d.m; ++i)
      for (uint32_t j = 0; j < cols; ++j) {
        Acc& out = block[uint64_t{i} * 16 + j];
        Acc v = static_cast<Acc>(product(i, jb * 16 + j));
        if (bias) v += static_cast<Acc>(bias[jb * 16 + j]);
        out = accumulate ? out + v : v;
      }
  }
}

template <typename S, typename Acc>
void multiply(uint8_t* l0c, const uint8_t* l0a, const uint8_t* l0b, DType dt, const Dims& d, bool accumulate,
              const float* bias) {
  const RowMajor<S> a = read_a<S>(l0a, dt, d);
  const ColMajor<S> b = read_b<S>(l0b, dt, d);
  RowMajor<S> product(d.m, d.n);
  product.noalias() = a * b;
  write_c<Acc>(l0c, product, d, accumulate, bias);
}
}  // namespace

void mmad(TensorRef c_ref, TensorRef a, TensorRef b, const TensorRef* bias, const MmadShape& p, Site site) {
  Core& c = current();
  c.enter("Mmad", site);
  c.require(sim::CoreKind::Aic, "Mmad (the cube unit)");
  const bool int8 = a.dtype == DType::I8;
  const bool floating = a.dtype == DType::F16 || a.dtype == DType::BF16 || a.dtype == DType::F32;
  if (a.dtype != b.dtype || (!int8 && !floating))
    c.fail(ErrorKind::Unsupported, "Mmad multiplies half, bfloat16_t, float or int8_t matrices of one type, not {} x {}",
           sim::dtype_name(a.dtype), sim::dtype_name(b.dtype));
  const DType acc = int8 ? DType::I32 : DType::F32;
  if (c_ref.dtype != acc)
    c.fail(ErrorKind::Unsupported, "Mmad of {} accumulates into {} in L0C, not {}", sim::dtype_name(a.dtype),
           sim::dtype_name(acc), sim::dtype_name(c_ref.dtype));
  if (p.m > kMaxDim || p.n > kMaxDim || p.k > kMaxDim)
    c.fail(ErrorKind::InvalidArgument, "m {}, n {}, k {} must each lie in 0..{}", p.m, p.n, p.k, kMaxDim);
  const uint32_t c0 = sim::c0_of(a.dtype);
  const Dims d{p.m, p.n, p.k, c0, (p.m + 15) / 16, (p.n + 15) / 16, (p.k + c0 - 1) / c0};
  Instr& in = c.instr();
  in.kind = InstrKind::Mmad;
  in.pipe = Pipe::M;
  in.dtype = a.dtype;
  if (p.m == 0 || p.n == 0 || p.k == 0) return;
  const uint64_t a_bytes = uint64_t{d.mb} * d.kb * sim::kFractalBytes, b_bytes = uint64_t{d.kb} * d.nb * sim::kFractalBytes;
  const uint64_t c_bytes = uint64_t{d.mb} * d.nb * 16 * 16 * 4;
  const uint8_t* pa = sim::cube_operand(c, a, Mem::L0A, a_bytes, sim::kFractalBytes, "left matrix (L0A)");
  const uint8_t* pb = sim::cube_operand(c, b, Mem::L0B, b_bytes, sim::kFractalBytes, "right matrix (L0B)");
  uint8_t* pc = sim::cube_operand(c, c_ref, Mem::L0C, c_bytes, sim::kFractalBytes, "result matrix (L0C)");
  const float* bias_row = nullptr;
  if (p.from_bias) {
    if (!bias)
      c.fail(ErrorKind::InvalidArgument, "cmatrixSource = true takes C's initial value from the bias table; pass the "
             "bias LocalTensor (TPosition::C2) to Mmad");
    if (bias->dtype != DType::F32 || int8)
      c.fail(ErrorKind::Unsupported, "the bias table holds float for a float Mmad (got {} with {} inputs)",
             sim::dtype_name(bias->dtype), sim::dtype_name(a.dtype));
    bias_row = reinterpret_cast<const float*>(sim::cube_operand(c, *bias, Mem::BT, uint64_t{p.n} * 4, 32, "bias"));
  }
  const bool accumulate = !p.init_zero && !p.from_bias;
  if (!c.timing_only()) {
    if (int8)
      multiply<double, int32_t>(pc, pa, pb, a.dtype, d, accumulate, nullptr);
    else
      multiply<float, float>(pc, pa, pb, a.dtype, d, accumulate, bias_row);
  }
  in.repeats = d.mb * d.nb * d.kb;
  in.amount = uint64_t{p.m} * p.n * p.k;
  in.reads[0] = {a.addr, static_cast<uint32_t>(a.addr + a_bytes)};
  in.reads[1] = {b.addr, static_cast<uint32_t>(b.addr + b_bytes)};
  in.writes = {c_ref.addr, static_cast<uint32_t>(c_ref.addr + c_bytes)};
  c.record.cube_macs += in.amount;
}

}  // namespace ascendgen::sim::abi
