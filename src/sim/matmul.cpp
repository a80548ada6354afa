// The Matmul high-level API's runtime: one block of C per call, computed as the cube unit computes
// it (fp16/bf16/fp32 products accumulated in fp32, int8 in int32; bias first; dequantisation and
// the output conversion on the way out), with the checks the hardware and CANN's API impose.
#include <cstring>
#include <type_traits>
#include <vector>

#include <Eigen/Core>

#include "ascendgen/ascendc/kernel/cube.h"
#include "ascendgen/ascendc/lib/matmul/matmul_abi.h"
#include "core.h"
#include "launch.h"
#include "element.h"
#include "matmul_limits.h"
#include "matmul_record.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;

namespace {

bool is_float(DType d) { return d == DType::F16 || d == DType::BF16 || d == DType::F32; }

// The (A, B) -> C combinations of the 910B cube unit that the Matmul API offers.
bool supported_types(DType a, DType b, DType c) {
  if (a != b) return false;
  if (a == DType::I8) return c == DType::I32 || c == DType::F16;
  if (a == DType::F32) return c == DType::F32;
  return is_float(a) && (c == a || c == DType::F32);
}

void check_gm(Core& c, const GmRef& t, const uint8_t* ptr, uint64_t bytes, bool write, const char* what) {
  if (!c.gm().find(ptr, bytes))
    c.fail(ErrorKind::GmOutOfBounds, "{} {} of {} bytes at {} lie outside the GM allocation", write ? "writing" : "reading",
           what, bytes, c.describe_gm(ptr, bytes));
  if (t.declared_bytes != ~uint64_t{0} && (ptr < t.base || ptr + bytes > t.base + t.declared_bytes))
    c.fail(ErrorKind::GmOutOfBounds, "{} {} of {} bytes at {} lie outside the GlobalTensor's {} bytes",
           write ? "writing" : "reading", what, bytes, c.describe_gm(ptr, bytes), t.declared_bytes);
}

// Checks the stored rows of an operand and reads it into `out` as rows x cols (row-major), in the
// type the cube multiplies in.
template <typename Acc>
void load_operand(Core& c, const MatmulOperand& op, uint32_t rows, uint32_t cols, bool stored_transposed,
                  const char* what, std::vector<Acc>& out) {
  const size_t es = sim::dtype_size(op.dtype);
  const uint32_t srows = stored_transposed ? cols : rows, scols = stored_transposed ? rows : cols;
  for (uint32_t r = 0; r < srows; ++r)
    check_gm(c, op.gm, op.gm.ptr + r * op.ld * es, uint64_t{scols} * es, false, what);
  if (c.timing_only()) return;
  out.assign(uint64_t{rows} * cols, Acc{});
  if constexpr (std::is_same_v<Acc, float>) {
    if (op.dtype == DType::F16 && !stored_transposed) {  // the common case, converted in bulk
      for (uint32_t r = 0; r < srows; ++r)
        sim::half_to_float_n(reinterpret_cast<const uint16_t*>(op.gm.ptr + r * op.ld * es), out.data() + uint64_t{r} * cols,
                             scols);
      return;
    }
  }
  sim::dispatch_dtype(op.dtype, [&]<DType D>() {
    using E = sim::Element<D>;
    using S = typename E::Storage;
    for (uint32_t r = 0; r < srows; ++r) {
      const S* row = reinterpret_cast<const S*>(op.gm.ptr + r * op.ld * es);
      for (uint32_t q = 0; q < scols; ++q) {
        const Acc v = static_cast<Acc>(E::load(row[q]));
        out[stored_transposed ? uint64_t{q} * cols + r : uint64_t{r} * cols + q] = v;
      }
    }
  });
}

// C (m x n) += A (m x k) x B (k x n) in Acc (float, or int32: exact), through Eigen's GEMM so a
// large block runs at CPU matmul speed. The fp32 summation order is Eigen's (the cube's own order
// is not public; results are within fp32 rounding of any order).
template <typename Acc>
void multiply(const std::vector<Acc>& a, const std::vector<Acc>& b, uint32_t m, uint32_t n, uint32_t k,
              std::vector<Acc>& c) {
  using Matrix = Eigen::Matrix<Acc, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const Matrix> am(a.data(), m, k), bm(b.data(), k, n);
  Eigen::Map<Matrix> cm(c.data(), m, n);
  cm.noalias() += am * bm;
}

// Bias row (n values) into every row of the accumulator, before the products (the bias table).
template <typename Acc>
void add_bias(Core& c, const MatmulBlock& blk, std::vector<Acc>& acc) {
  const size_t es = sim::dtype_size(blk.bias_dtype);
  check_gm(c, blk.bias, blk.bias.ptr, uint64_t{blk.n} * es, false, "the bias");
  if (c.timing_only()) return;
  sim::dispatch_dtype(blk.bias_dtype, [&]<DType D>() {
    using E = sim::Element<D>;
    const auto* row = reinterpret_cast<const typename E::Storage*>(blk.bias.ptr);
    for (uint32_t i = 0; i < blk.m; ++i)
      for (uint32_t j = 0; j < blk.n; ++j) acc[uint64_t{i} * blk.n + j] = static_cast<Acc>(E::load(row[j]));
  });
}

// Per-column dequantisation scales (float bits in the low 32 bits of each value).
std::vector<float> scales(Core& c, const MatmulBlock& blk) {
  std::vector<float> s(blk.n, 1.0f);
  if (blk.quant == 1) std::fill(s.begin(), s.end(), float_of(blk.quant_scale_bits));
  if (blk.quant == 2) {
    check_gm(c, blk.quant_vector, blk.quant_vector.ptr, uint64_t{blk.n} * 8, false, "the quantisation scales");
    for (uint32_t j = 0; j < blk.n; ++j) {
      uint64_t v;
      std::memcpy(&v, blk.quant_vector.ptr + j * 8, 8);
      s[j] = float_of(static_cast<uint32_t>(v));
    }
  }
  return s;
}

// Where row i of the output starts, checked.
uint8_t* output_row(Core& c, const MatmulOutput& o, uint32_t i, uint32_t n) {
  const size_t es = sim::dtype_size(o.dtype);
  const uint64_t off = i * o.ld * es, bytes = uint64_t{n} * es;
  if (!o.to_ub) {
    uint8_t* p = o.gm.ptr + off;
    check_gm(c, o.gm, p, bytes, true, "C");
    c.note_gm_write(p, bytes, o.atomic_add);
    return p;
  }
  const uint64_t have = uint64_t{o.ub.count} * sim::dtype_size(o.ub.dtype);
  if (off + bytes > have)
    c.fail(ErrorKind::UbOutOfBounds, "row {} of C (bytes [{}, {})) exceeds the LocalTensor of {} bytes at {}", i, off,
           off + bytes, have, c.describe(o.ub));
  return c.ub() + o.ub.addr + off;
}

template <typename Acc>
void store(Core& c, const MatmulBlock& blk, const std::vector<Acc>& acc) {
  const std::vector<float> scale = blk.quant ? scales(c, blk) : std::vector<float>{};
  for (uint32_t i = 0; i < blk.m; ++i) {
    uint8_t* row = output_row(c, blk.c, i, blk.n);
    if (c.timing_only()) continue;
    sim::dispatch_dtype(blk.c.dtype, [&]<DType D>() {
      using E = sim::Element<D>;
      using S = typename E::Storage;
      using V = typename E::Compute;
      for (uint32_t j = 0; j < blk.n; ++j) {
        const Acc a = acc[uint64_t{i} * blk.n + j];
        V v = blk.quant ? static_cast<V>(static_cast<float>(a) * scale[j]) : static_cast<V>(a);
        S s;
        if (blk.c.atomic_add) {
          std::memcpy(&s, row + j * sizeof(S), sizeof(S));
          v = static_cast<V>(E::load(s) + v);
        }
        s = E::store(v);
        std::memcpy(row + j * sizeof(S), &s, sizeof(S));
      }
    });
  }
}

template <typename Acc> void compute_block(Core& c, const MatmulBlock& blk) {
  std::vector<Acc> a, b, acc;
  load_operand(c, blk.a, blk.m, blk.k, blk.a.transpose, "A", a);
  load_operand(c, blk.b, blk.k, blk.n, blk.b.transpose, "B", b);
  if (!c.timing_only()) acc.assign(uint64_t{blk.m} * blk.n, Acc{});
  if (blk.has_bias) add_bias(c, blk, acc);
  if (!c.timing_only()) multiply(a, b, blk.m, blk.n, blk.k, acc);
  store(c, blk, acc);
}

}  // namespace

void matmul_init(const MatmulTiles& t, DType a, DType b, DType c, DType bias, bool cube_only, Site site) {
  Core& core = current();
  core.enter("Matmul::Init", site);
  if (cube_only && !core.is_aic())
    core.fail(ErrorKind::WrongCoreKind,
              "with ASCENDC_CUBE_ONLY the Matmul objects live on the cube cores: guard this code with "
              "`if ASCEND_IS_AIC` (or drop ASCENDC_CUBE_ONLY to drive Matmul from the vector cores)");
  if (!core.is_aic() && core.launch().options().core_type != CoreType::Mix)
    core.fail(ErrorKind::WrongCoreKind,
              "Matmul runs on the cube unit: launch the kernel on cube cores or as a mixed kernel "
              "(task.yaml kernel.core_type: cube or mix)");
  if (!supported_types(a, b, c))
    core.fail(ErrorKind::Unsupported, "the cube unit has no {} x {} -> {} matmul", sim::dtype_name(a),
              sim::dtype_name(b), sim::dtype_name(c));
  const bool bias_fits = a == DType::I8 ? bias == DType::I32 : bias == DType::F32 || bias == a;
  if (t.is_bias && !bias_fits)
    core.fail(ErrorKind::Unsupported, "a bias of {} does not fit a {} matmul", sim::dtype_name(bias), sim::dtype_name(a));
  const std::string problem = matmul_tiling_problem(t, a, bias);
  if (!problem.empty()) core.fail(ErrorKind::InvalidArgument, "TCubeTiling: {}", problem);
}

void matmul_compute(const char* api, const MatmulBlock& blk, Site site) {
  Core& c = current();
  c.enter(api, site);
  if (blk.m == 0 || blk.n == 0 || blk.k == 0)
    c.fail(ErrorKind::InvalidArgument, "an empty block of C ({} x {} over K {})", blk.m, blk.n, blk.k);
  if (blk.c.to_ub && blk.c.ub.addr % 32 != 0)
    c.fail(ErrorKind::Misaligned, "the UB address 0x{:x} of C is not 32-byte aligned ({})", blk.c.ub.addr,
           c.describe(blk.c.ub));
  if (blk.quant && blk.a.dtype != DType::I8)
    c.fail(ErrorKind::Unsupported, "SetQuantScalar/SetQuantVector apply to int8 matmuls only");
  if (blk.a.dtype == DType::I8 && blk.c.dtype == DType::F16 && !blk.quant)
    c.fail(ErrorKind::InvalidArgument, "an int8 matmul with a half output needs SetQuantScalar or SetQuantVector");
  if (blk.a.dtype == DType::I8)
    compute_block<int32_t>(c, blk);
  else
    compute_block<float>(c, blk);
  record_matmul_block(c, blk);
}

[[noreturn]] void matmul_fail(const char* api, const char* detail, Site site) {
  Core& c = current();
  c.enter(api, site);
  c.fail(ErrorKind::InvalidArgument, "{}", detail);
}

bool matmul_is_server_core() { return matmul_core_serves_clients(current()); }

uint8_t* matmul_sys_workspace() {
  alignas(64) static uint8_t workspace[64];
  return workspace;
}

}  // namespace ascendgen::sim::abi
