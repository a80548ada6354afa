// The high-level math library (Sigmoid, Tanh, the Gelu family, SoftMax, SimpleSoftMax, LayerNorm).
// Results are computed in float and rounded once to the operand dtype. The checks follow the CANN
// documentation: operand extents and alignment, the documented minimum of temporary space
// (GetXxxMinTmpSize on Atlas A2), and the shape rules each API states.
#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <vector>

#include "ascendgen/ascendc/kernel/math_functions.h"
#include "element.h"
#include "vector_plan.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;

namespace {
constexpr uint32_t kBlockBytes = 32;
constexpr uint32_t kFloatsPerRepeat = 64;

uint64_t bytes_of(const TensorRef& t) { return uint64_t{t.count} * sim::dtype_size(t.dtype); }

float load(Core& c, const TensorRef& t, uint64_t i) {
  const uint8_t* p = c.ub() + t.addr;
  if (t.dtype == DType::F16) return sim::Element<DType::F16>::load(reinterpret_cast<const uint16_t*>(p)[i]);
  return reinterpret_cast<const float*>(p)[i];
}
void store(Core& c, const TensorRef& t, uint64_t i, float v) {
  uint8_t* p = c.ub() + t.addr;
  if (t.dtype == DType::F16)
    reinterpret_cast<uint16_t*>(p)[i] = sim::Element<DType::F16>::store(v);
  else
    reinterpret_cast<float*>(p)[i] = v;
}

struct Operand {
  const TensorRef* tensor;  // null for an operand the form does not have
  const char* role;
  uint64_t elements;  // how many elements the call touches
};

// Every operand starts 32-byte aligned and holds the elements the call touches.
void check_operands(Core& c, std::initializer_list<Operand> operands) {
  c.require(sim::CoreKind::Aiv, "the vector unit");
  for (const Operand& o : operands) {
    if (!o.tensor) continue;
    if (o.tensor->addr % kBlockBytes != 0)
      c.fail(ErrorKind::Misaligned, "{} starts at UB 0x{:x}, not 32-byte aligned ({})", o.role, o.tensor->addr,
             c.describe(*o.tensor));
    if (o.elements > o.tensor->count)
      c.fail(ErrorKind::UbOutOfBounds, "{} needs {} elements but its LocalTensor holds {} at {}", o.role, o.elements,
             o.tensor->count, c.describe(*o.tensor));
  }
}

// Completes the trace record of a library call: one vector-pipe record for all its instructions,
// costed per API in the SoC description.
void note_library(Core& c, DType dt, const TensorRef& dst, uint64_t dst_elements, const TensorRef& src,
                  uint64_t src_elements) {
  Instr& in = c.instr();
  in.kind = InstrKind::Vector;
  in.pipe = Pipe::V;
  in.dtype = dt;
  in.repeats = static_cast<uint32_t>((src_elements * sim::dtype_size(dt) + 255) / 256);
  in.amount = src_elements;
  in.reads[0] = sim::ub_span(src, src_elements);
  in.writes = sim::ub_span(dst, dst_elements);
}

bool overlaps(const TensorRef& a, const TensorRef& b) {
  return a.addr < b.addr + bytes_of(b) && b.addr < a.addr + bytes_of(a);
}

// Bytes of temporary space the call gets: the sharedTmpBuffer, or the UB above every live TPipe's
// buffers (what the library's PopStackBuffer takes). Fails below `minimum`, the size `rule` documents.
uint64_t temporary_space(Core& c, const TmpSpace& tmp, uint64_t minimum, const char* rule,
                         std::initializer_list<Operand> operands) {
  if (!tmp.shared) {
    uint32_t used = 0;
    for (const sim::PipeState& p : c.pipes)
      if (p.alive) used = std::max(used, p.next[static_cast<int>(sim::Mem::UB)]);
    const uint64_t free_bytes = c.limits().ub_bytes - used;
    if (free_bytes < minimum)
      c.fail(ErrorKind::UbOverflow,
             "the library needs at least {} bytes of temporary UB ({}) but only {} bytes are left after the TPipe's "
             "buffers; leave more UB free or pass a sharedTmpBuffer",
             minimum, rule, free_bytes);
    return free_bytes;
  }
  const TensorRef& buffer = tmp.buffer;
  if (buffer.addr % kBlockBytes != 0)
    c.fail(ErrorKind::Misaligned, "sharedTmpBuffer starts at UB 0x{:x}, not 32-byte aligned ({})", buffer.addr,
           c.describe(buffer));
  for (const Operand& o : operands)
    if (o.tensor && overlaps(buffer, *o.tensor))
      c.fail(ErrorKind::InvalidArgument, "sharedTmpBuffer ({}) overlaps {} ({}); the API forbids it",
             c.describe(buffer), o.role, c.describe(*o.tensor));
  if (bytes_of(buffer) < minimum)
    c.fail(ErrorKind::UbOutOfBounds, "sharedTmpBuffer holds {} bytes but the call needs at least {} ({})",
           bytes_of(buffer), minimum, rule);
  return bytes_of(buffer);
}

float activation(ActivationOp op, float x) {
  switch (op) {
    case ActivationOp::Sigmoid: return 1.0f / (1.0f + std::exp(-x));
    case ActivationOp::Tanh: return std::tanh(x);
    // CANN's tanh approximation written as a sigmoid: x / (1 + e^(-2*sqrt(2/pi)*(x + 0.044715 x^3))).
    case ActivationOp::Gelu: return x / (1.0f + std::exp(-1.59576912f * (x + 0.044715f * x * x * x)));
    case ActivationOp::FasterGelu: return x / (1.0f + std::exp(-1.702f * x));
    case ActivationOp::FasterGeluV2: {
      const float shifted = x + 1e-12f;
      const float sign = shifted / std::fabs(shifted);
      const float clipped = std::min(std::fabs(0.7071f * x), 1.769f) - 1.769f;
      return x * (sign * (-0.1444f * clipped * clipped + 0.5f) + 0.5f);
    }
    case ActivationOp::Sin: return std::sin(x);
    case ActivationOp::Cos: return std::cos(x);
    case ActivationOp::Tan: return std::tan(x);
    case ActivationOp::Asin: return std::asin(x);
    case ActivationOp::Acos: return std::acos(x);
    case ActivationOp::Atan: return std::atan(x);
    case ActivationOp::Sinh: return std::sinh(x);
    case ActivationOp::Cosh: return std::cosh(x);
    case ActivationOp::Erf: return std::erf(x);
    case ActivationOp::Erfc: return std::erfc(x);
    case ActivationOp::Sign: return x > 0.0f ? 1.0f : x < 0.0f ? -1.0f : 0.0f;
    case ActivationOp::Log: return std::log(x);
    case ActivationOp::Log2: return std::log2(x);
    case ActivationOp::Log10: return std::log10(x);
  }
  return x;
}

// The minimum temporary space of each function (its GetXxxMaxMinTmpSize on Atlas A2), in 256-byte
// repeats for half and for float, and the name of that tiling function.
struct TmpRule {
  uint32_t half_repeats;
  uint32_t float_repeats;
  const char* rule;
};
TmpRule activation_tmp(ActivationOp op) {
  switch (op) {
    case ActivationOp::Sigmoid: return {1, 1, "GetSigmoidMaxMinTmpSize"};
    case ActivationOp::Tanh: return {4, 1, "GetTanhMaxMinTmpSize"};
    case ActivationOp::Gelu: case ActivationOp::FasterGelu: case ActivationOp::FasterGeluV2:
      return {3, 3, "GetGeluMaxMinTmpSize"};
    case ActivationOp::Sin: return {8, 3, "GetSinMaxMinTmpSize"};
    case ActivationOp::Cos: return {8, 3, "GetCosMaxMinTmpSize"};
    case ActivationOp::Tan: return {10, 4, "GetTanMaxMinTmpSize"};
    case ActivationOp::Asin: return {6, 2, "GetAsinMaxMinTmpSize"};
    case ActivationOp::Acos: return {6, 2, "GetAcosMaxMinTmpSize"};
    case ActivationOp::Atan: return {12, 5, "GetAtanMaxMinTmpSize"};
    case ActivationOp::Sinh: return {4, 1, "GetSinhMaxMinTmpSize"};
    case ActivationOp::Cosh: return {6, 2, "GetCoshMaxMinTmpSize"};
    case ActivationOp::Erf: return {8, 3, "GetErfMaxMinTmpSize"};
    case ActivationOp::Erfc: return {16, 7, "GetErfcMaxMinTmpSize"};
    case ActivationOp::Sign: return {3, 3, "GetSignMaxMinTmpSize"};
    case ActivationOp::Log2: return {1, 0, "GetLogMaxMinTmpSize (Log2)"};
    case ActivationOp::Log: case ActivationOp::Log10: return {0, 0, "GetLogMaxMinTmpSize"};
  }
  return {0, 0, "?"};
}
// Power's minimum: GetPowerMaxMinTmpSize, by operand kind (two tensors or one a scalar) and dtype.
uint64_t power_min_tmp(bool two_tensors, DType dt) {
  const uint32_t repeats = dt == DType::F16 ? 14 : dt == DType::I32 ? (two_tensors ? 6 : 7) : (two_tensors ? 4 : 5);
  return uint64_t{256} * repeats;
}

// Integer power as the vector unit computes it: wrapping products; a negative exponent leaves
// 1 / b^|e| truncated (0 unless |b| is 1).
int32_t int_power(int32_t b, int32_t e) {
  if (e < 0) return b == 1 ? 1 : b == -1 ? ((-static_cast<int64_t>(e)) % 2 ? -1 : 1) : 0;
  uint32_t result = 1, base = static_cast<uint32_t>(b);
  for (uint32_t n = static_cast<uint32_t>(e); n; n >>= 1, base *= base)
    if (n & 1u) result *= base;
  return static_cast<int32_t>(result);
}

uint64_t min_tmp_bytes(const TmpRule& r, DType dt) {
  return uint64_t{256} * (dt == DType::F16 ? r.half_repeats : r.float_repeats);
}
}  // namespace

void math_activation(const char* api, ActivationOp op, DType dt, TensorRef dst, TensorRef src, TmpSpace tmp,
                     uint64_t count, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, sim::kHalfAndFloat);
  check_operands(c, {{&dst, "dst", count}, {&src, "src", count}});
  const TmpRule rule = activation_tmp(op);
  temporary_space(c, tmp, min_tmp_bytes(rule, dt), rule.rule, {{&dst, "dst", 0}, {&src, "src", 0}});
  for (uint64_t i = 0; i < count && !c.timing_only(); ++i) store(c, dst, i, activation(op, load(c, src, i)));
  note_library(c, dt, dst, count, src, count);
  c.record.vector_elements += count;
}

void softmax(const char* api, SoftMaxOp op, DType dt, DType stat_dt, TensorRef dst, const TensorRef* sum,
             const TensorRef* max, TensorRef src, TmpSpace tmp, const SoftMaxArgs& a, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, sim::kHalfAndFloat);
  if (a.dataFormatNZ) c.fail(ErrorKind::Unsupported, "the NZ data format (isDataFormatNZ) is not modelled yet");
  if (a.withoutBroadcast)
    c.fail(ErrorKind::Unsupported, "SoftmaxMode::SOFTMAX_OUTPUT_WITHOUT_BRC cannot be configured on Atlas A2");
  if (a.srcM == 0 || a.srcK == 0)
    c.fail(ErrorKind::InvalidArgument,
           "softmaxShapeInfo is {{{}, {}, {}, {}}}: pass SoftMaxShapeInfo{{srcM, srcK, oriSrcM, oriSrcK}} (ascendgen's "
           "LocalTensor carries no shape of its own)",
           a.srcM, a.srcK, a.oriSrcM, a.oriSrcK);
  const uint32_t elem = static_cast<uint32_t>(sim::dtype_size(dt));
  if (a.srcK * elem % kBlockBytes != 0)
    c.fail(ErrorKind::Misaligned, "srcK = {} {} elements is not a multiple of 32 bytes; pad each row to 32 bytes",
           a.srcK, sim::dtype_name(dt));
  if (a.oriSrcM > a.srcM || a.oriSrcK > a.srcK)
    c.fail(ErrorKind::InvalidArgument, "the original shape [{}, {}] exceeds the padded shape [{}, {}]", a.oriSrcM,
           a.oriSrcK, a.srcM, a.srcK);
  if (a.basicBlock && !(a.srcM % 8 == 0 && a.srcK % 64 == 0 && a.srcK >= 256 / elem && a.srcK < 2048))
    c.fail(ErrorKind::InvalidArgument,
           "isBasicBlock needs srcM % 8 == 0 and srcK a multiple of 64 in [{}, 2048), but the shape is [{}, {}]",
           256 / elem, a.srcM, a.srcK);
  const uint64_t elements = uint64_t{a.srcM} * a.srcK;
  const uint32_t stat_per_row = kBlockBytes / static_cast<uint32_t>(sim::dtype_size(stat_dt));
  const uint64_t stat_elements = uint64_t{a.srcM} * stat_per_row;
  const char* sum_role = op == SoftMaxOp::SoftMax ? "sumTensor" : "inSumTensor";
  const char* max_role = op == SoftMaxOp::SoftMax ? "maxTensor" : "inMaxTensor";
  check_operands(c, {{&dst, "dstTensor", elements},
                     {&src, "srcTensor", elements},
                     {sum, sum_role, stat_elements},
                     {max, max_role, stat_elements}});

  // GetSoftMaxMinTmpSize: one row of float work, (32 / sizeof(T) + srcK + 64) floats.
  const uint64_t row_floats = kBlockBytes / elem + a.srcK + kFloatsPerRepeat;
  const uint64_t tmp_bytes =
      temporary_space(c, tmp, row_floats * 4, "GetSoftMaxMinTmpSize",
                      {{&dst, "dstTensor", 0}, {&src, "srcTensor", 0}, {sum, sum_role, 0}, {max, max_role, 0}});
  // The library uses the tiling as given when it matches the shape, and recomputes it otherwise.
  if (a.tilingSrcM == a.srcM && a.tilingSrcK == a.srcK) {
    if (a.tilingSplitM == 0)
      c.fail(ErrorKind::InvalidArgument,
             "tiling.splitM is 0: the SoftMaxTiling matches the shape but was not filled by SoftMaxTilingFunc");
    if (a.tilingSplitM * row_floats * 4 > tmp_bytes)
      c.fail(ErrorKind::UbOutOfBounds,
             "the SoftMaxTiling works on {} rows at a time ({} bytes of temporary space) but only {} bytes are "
             "available; compute the tiling with the temporary size the kernel really has",
             a.tilingSplitM, a.tilingSplitM * row_floats * 4, tmp_bytes);
  }

  std::vector<float> exps(a.srcK);
  for (uint32_t r = 0; r < a.srcM && !c.timing_only(); ++r) {
    const uint64_t row = uint64_t{r} * a.srcK;
    float row_max = -std::numeric_limits<float>::infinity(), row_sum = 0.0f;
    if (op == SoftMaxOp::SimpleSoftMax) {
      row_max = load(c, *max, uint64_t{r} * stat_per_row);
      row_sum = load(c, *sum, uint64_t{r} * stat_per_row);
      for (uint32_t k = 0; k < a.srcK; ++k) exps[k] = std::exp(load(c, src, row + k) - row_max);
    } else {
      for (uint32_t k = 0; k < a.srcK; ++k) row_max = std::max(row_max, load(c, src, row + k));
      for (uint32_t k = 0; k < a.srcK; ++k) row_sum += exps[k] = std::exp(load(c, src, row + k) - row_max);
      for (uint32_t i = 0; sum && i < stat_per_row; ++i) {
        store(c, *sum, uint64_t{r} * stat_per_row + i, row_sum);
        store(c, *max, uint64_t{r} * stat_per_row + i, row_max);
      }
    }
    for (uint32_t k = 0; k < a.srcK; ++k) store(c, dst, row + k, exps[k] / row_sum);
  }
  note_library(c, dt, dst, elements, src, elements);
  c.record.vector_elements += 3 * elements;
}

void layer_norm(DType dt, TensorRef output, TensorRef mean, TensorRef variance, TensorRef x, TensorRef gamma,
                TensorRef beta, TmpSpace tmp, const LayerNormArgs& a, Site site) {
  Core& c = current();
  c.enter("LayerNorm", site);
  sim::require_dtype(c, dt, sim::kHalfAndFloat);
  const uint64_t rows = uint64_t{a.bLength} * a.sLength;
  if (rows == 0 || a.hLength == 0 || a.originalHLength == 0 || a.originalHLength > a.hLength)
    c.fail(ErrorKind::InvalidArgument,
           "the LayerNormTiling shape B={} S={} H={} originalH={} is empty or inconsistent; fill it with "
           "GetLayerNormNDTilingInfo",
           a.bLength, a.sLength, a.hLength, a.originalHLength);
  if (a.hLength * sim::dtype_size(dt) % kBlockBytes != 0)
    c.fail(ErrorKind::Misaligned, "hLength = {} {} elements is not a multiple of 32 bytes", a.hLength,
           sim::dtype_name(dt));
  if (a.oneTmpSize == 0 || !(a.lastDimValueBack > 0.0f) || !std::isfinite(a.lastDimValueBack))
    c.fail(ErrorKind::InvalidArgument,
           "the LayerNormTiling was not filled by GetLayerNormNDTilingInfo (oneTmpSize {}, lastDimValueBack {})",
           a.oneTmpSize, a.lastDimValueBack);
  const uint64_t elements = rows * a.hLength;
  check_operands(c, {{&output, "output", elements},
                     {&mean, "outputMean", rows},
                     {&variance, "outputVariance", rows},
                     {&x, "inputX", elements},
                     {&gamma, "gamma", a.hLength},
                     {&beta, "beta", a.hLength}});
  // GetLayerNormMaxMinTmpSize: three (two when reusing a float source) rows of float work plus the
  // float mean and variance, each rounded up to 32 bytes.
  auto align32 = [](uint64_t bytes) { return (bytes + kBlockBytes - 1) / kBlockBytes * kBlockBytes; };
  const uint64_t work_rows = a.reuseSource && dt == DType::F32 ? 2 : 3;
  const uint64_t minimum = work_rows * align32(uint64_t{a.hLength} * 4) + 2 * align32(rows * 4);
  const uint64_t tmp_bytes = temporary_space(
      c, tmp, minimum, "GetLayerNormMaxMinTmpSize",
      {{&output, "output", 0}, {&mean, "outputMean", 0}, {&variance, "outputVariance", 0}, {&x, "inputX", 0},
       {&gamma, "gamma", 0}, {&beta, "beta", 0}});
  if (uint64_t{a.tmpBufSize} * 4 > tmp_bytes)
    c.fail(ErrorKind::UbOutOfBounds,
           "the LayerNormTiling was computed for {} bytes of temporary space (tmpBufSize {}) but only {} are available",
           uint64_t{a.tmpBufSize} * 4, a.tmpBufSize, tmp_bytes);

  // As the library does: both sums run over all hLength elements (padding included) scaled by
  // lastDimValueBack = 1 / originalHLength.
  std::vector<float> centered(a.hLength);
  for (uint64_t r = 0; r < rows && !c.timing_only(); ++r) {
    const uint64_t row = r * a.hLength;
    float row_mean = 0.0f, row_var = 0.0f;
    for (uint32_t h = 0; h < a.hLength; ++h) row_mean += load(c, x, row + h) * a.lastDimValueBack;
    for (uint32_t h = 0; h < a.hLength; ++h) {
      centered[h] = load(c, x, row + h) - row_mean;
      row_var += centered[h] * centered[h] * a.lastDimValueBack;
    }
    const float inv_std = 1.0f / std::sqrt(row_var + a.epsilon);
    for (uint32_t h = 0; h < a.hLength; ++h)
      store(c, output, row + h, centered[h] * inv_std * load(c, gamma, h) + load(c, beta, h));
    store(c, mean, r, row_mean);
    store(c, variance, r, row_var);
  }
  note_library(c, dt, output, elements, x, elements);
  c.record.vector_elements += 4 * elements;
}

void math_power(DType dt, TensorRef dst, PowerOperand base, PowerOperand exponent, TmpSpace tmp, uint64_t count,
                Site site) {
  Core& c = current();
  c.enter("Power", site);
  constexpr DType kPowerTypes[] = {DType::F16, DType::F32, DType::I32};
  sim::require_dtype(c, dt, kPowerTypes);
  const TensorRef* b = base.is_scalar ? nullptr : &base.tensor;
  const TensorRef* e = exponent.is_scalar ? nullptr : &exponent.tensor;
  check_operands(c, {{&dst, "dst", count}, {b, "src0", count}, {e, "src1", count}});
  temporary_space(c, tmp, power_min_tmp(b && e, dt), "GetPowerMaxMinTmpSize",
                  {{&dst, "dst", 0}, {b, "src0", 0}, {e, "src1", 0}});
  if (!c.timing_only()) {
    if (dt == DType::I32) {
      const auto at = [&](const PowerOperand& o, uint64_t i) {
        if (o.is_scalar) return static_cast<int32_t>(static_cast<uint32_t>(o.scalar_bits));
        return reinterpret_cast<const int32_t*>(c.ub() + o.tensor.addr)[i];
      };
      int32_t* out = reinterpret_cast<int32_t*>(c.ub() + dst.addr);
      for (uint64_t i = 0; i < count; ++i) out[i] = int_power(at(base, i), at(exponent, i));
    } else {
      const auto at = [&](const PowerOperand& o, uint64_t i) {
        if (!o.is_scalar) return load(c, o.tensor, i);
        return dt == DType::F16 ? sim::Element<DType::F16>::load(static_cast<uint16_t>(o.scalar_bits))
                                : float_of(static_cast<uint32_t>(o.scalar_bits));
      };
      for (uint64_t i = 0; i < count; ++i) store(c, dst, i, std::pow(at(base, i), at(exponent, i)));
    }
  }
  note_library(c, dt, dst, count, b ? *b : *e, count);
  c.record.vector_elements += count;
}

}  // namespace ascendgen::sim::abi
