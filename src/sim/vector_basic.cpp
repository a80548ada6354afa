// Element-wise vector instructions. Floating types compute in float and round once to the
// destination type (for fp16 add/sub/mul/div/sqrt this equals the correctly rounded IEEE result).
#include <algorithm>
#include <array>
#include <cmath>
#include <type_traits>

#include "element.h"
#include "vector_plan.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;
using sim::VectorPlan;

namespace {
using sim::DTypes;
constexpr DType kArith[] = {DType::F16, DType::F32, DType::I16, DType::I32};
constexpr DType kBits16[] = {DType::I16, DType::U16};
constexpr DType kReluTypes[] = {DType::F16, DType::F32, DType::I16};
constexpr DType kRelu32[] = {DType::F16, DType::F32, DType::I32};
constexpr DType kShiftTypes[] = {DType::I16, DType::U16, DType::I32, DType::U32};
constexpr DType kCopyTypes[] = {DType::F16, DType::BF16, DType::F32, DType::I16, DType::U16, DType::I32, DType::U32};
constexpr DType kFillTypes[] = {DType::F16, DType::BF16, DType::F32, DType::I16, DType::U16, DType::I32, DType::U32};

template <typename T> constexpr bool is_int = std::is_integral_v<T>;

// Integer arithmetic wraps as the hardware's does (no UB in C++ either).
template <typename T> T wrap(uint64_t v) { return static_cast<T>(static_cast<std::make_unsigned_t<T>>(v)); }
template <typename T> T relu(T v) { return v > T(0) ? v : T(0); }

// Each with_* calls cb with the operation as a lambda, so the element loop is compiled per op.
template <typename T, class Cb> void with_binary(BinaryOp op, Cb&& cb) {
  using U = uint64_t;
  switch (op) {
    case BinaryOp::Max: return cb([](T a, T b) { return a > b ? a : b; });
    case BinaryOp::Min: return cb([](T a, T b) { return a < b ? a : b; });
    default: break;
  }
  if constexpr (is_int<T>) {
    switch (op) {
      case BinaryOp::Add: return cb([](T a, T b) { return wrap<T>(U(a) + U(b)); });
      case BinaryOp::Sub: return cb([](T a, T b) { return wrap<T>(U(a) - U(b)); });
      case BinaryOp::Mul: return cb([](T a, T b) { return wrap<T>(U(a) * U(b)); });
      case BinaryOp::And: return cb([](T a, T b) { return static_cast<T>(a & b); });
      case BinaryOp::Or: return cb([](T a, T b) { return static_cast<T>(a | b); });
      case BinaryOp::AddRelu: return cb([](T a, T b) { return relu(wrap<T>(U(a) + U(b))); });
      case BinaryOp::SubRelu: return cb([](T a, T b) { return relu(wrap<T>(U(a) - U(b))); });
      default: return;
    }
  } else {
    switch (op) {
      case BinaryOp::Add: return cb([](T a, T b) { return a + b; });
      case BinaryOp::Sub: return cb([](T a, T b) { return a - b; });
      case BinaryOp::Mul: return cb([](T a, T b) { return a * b; });
      case BinaryOp::Div: return cb([](T a, T b) { return a / b; });
      case BinaryOp::AddRelu: return cb([](T a, T b) { return relu(a + b); });
      case BinaryOp::SubRelu: return cb([](T a, T b) { return relu(a - b); });
      default: return;
    }
  }
}

template <typename T, class Cb> void with_unary(UnaryOp op, Cb&& cb) {
  if constexpr (is_int<T>) {
    switch (op) {
      case UnaryOp::Abs: return cb([](T x) { return x < 0 ? wrap<T>(0 - uint64_t(x)) : x; });
      case UnaryOp::Relu: return cb([](T x) { return relu(x); });
      case UnaryOp::Not: return cb([](T x) { return static_cast<T>(~x); });
      case UnaryOp::Copy: return cb([](T x) { return x; });
      default: return;
    }
  } else {
    switch (op) {
      case UnaryOp::Exp: return cb([](T x) { return std::exp(x); });
      case UnaryOp::Ln: return cb([](T x) { return std::log(x); });
      case UnaryOp::Abs: return cb([](T x) { return std::fabs(x); });
      case UnaryOp::Reciprocal: return cb([](T x) { return T(1) / x; });
      case UnaryOp::Sqrt: return cb([](T x) { return std::sqrt(x); });
      case UnaryOp::Rsqrt: return cb([](T x) { return T(1) / std::sqrt(x); });
      case UnaryOp::Relu: return cb([](T x) { return relu(x); });
      case UnaryOp::Copy: return cb([](T x) { return x; });
      default: return;
    }
  }
}

template <typename T, class Cb> void with_scalar(ScalarOp op, T s, Cb&& cb) {
  using U = uint64_t;
  switch (op) {
    case ScalarOp::Maxs: return cb([s](T x) { return x > s ? x : s; });
    case ScalarOp::Mins: return cb([s](T x) { return x < s ? x : s; });
    case ScalarOp::Duplicate: return cb([s](T) { return s; });
    default: break;
  }
  if constexpr (is_int<T>) {
    switch (op) {
      case ScalarOp::Adds: return cb([s](T x) { return wrap<T>(U(x) + U(s)); });
      case ScalarOp::Muls: return cb([s](T x) { return wrap<T>(U(x) * U(s)); });
      case ScalarOp::ShiftLeft: return cb([s](T x) { return wrap<T>(U(x) << s); });
      case ScalarOp::ShiftRight: return cb([s](T x) { return static_cast<T>(x >> s); });  // arithmetic if signed
      default: return;
    }
  } else {
    switch (op) {
      case ScalarOp::Adds: return cb([s](T x) { return x + s; });
      case ScalarOp::Muls: return cb([s](T x) { return x * s; });
      case ScalarOp::LeakyRelu: return cb([s](T x) { return x >= 0 ? x : x * s; });
      default: return;
    }
  }
}

// dst = f(src...) over the plan's runs. fp16 goes through float in chunks converted in bulk.
template <DType D, size_t N, class F>
void apply(const VectorPlan& p, const VecShape& shape, typename sim::Element<D>::Storage* d,
           std::array<const typename sim::Element<D>::Storage*, N> src, F f) {
  using E = sim::Element<D>;
  sim::for_each_run(p, shape, [&](const uint64_t* o, uint64_t n) {
    if constexpr (D == DType::F16) {
      constexpr uint64_t kChunk = 512;
      float in[N][kChunk], out[kChunk];
      for (uint64_t i = 0; i < n; i += kChunk) {
        const uint64_t m = std::min(kChunk, n - i);
        for (size_t k = 0; k < N; ++k) sim::half_to_float_n(src[k] + o[k + 1] + i, in[k], m);
        for (uint64_t j = 0; j < m; ++j) {
          if constexpr (N == 1) out[j] = f(in[0][j]);
          else out[j] = f(in[0][j], in[1][j]);
        }
        sim::float_to_half_n(out, d + o[0] + i, m);
      }
    } else {
      for (uint64_t i = 0; i < n; ++i) {
        if constexpr (N == 1) d[o[0] + i] = E::store(f(E::load(src[0][o[1] + i])));
        else d[o[0] + i] = E::store(f(E::load(src[0][o[1] + i]), E::load(src[1][o[2] + i])));
      }
    }
  });
}

template <DType D> typename sim::Element<D>::Storage* at(Core& c, const TensorRef& t) {
  return reinterpret_cast<typename sim::Element<D>::Storage*>(c.ub() + t.addr);
}

// A shift by a negative amount or by the element width or more has no documented result.
void check_shift(Core& c, DType dt, uint64_t scalar_bits) {
  sim::dispatch_dtype(dt, [&]<DType D>() {
    if constexpr (is_int<typename sim::Element<D>::Compute>) {
      const int64_t amount = static_cast<int64_t>(sim::scalar_from_bits<D>(scalar_bits));
      const int64_t width = static_cast<int64_t>(8 * sim::dtype_size(dt));
      if (amount < 0 || amount >= width)
        c.fail(ErrorKind::InvalidArgument, "shift amount {} is outside 0..{} for {}", amount, width - 1,
               sim::dtype_name(dt));
    }
  });
}

DTypes binary_types(BinaryOp op) {
  switch (op) {
    case BinaryOp::Div: return sim::kHalfAndFloat;
    case BinaryOp::And: case BinaryOp::Or: return kBits16;
    case BinaryOp::AddRelu: case BinaryOp::SubRelu: return kReluTypes;
    default: return kArith;
  }
}
DTypes unary_types(UnaryOp op) {
  switch (op) {
    case UnaryOp::Relu: return kRelu32;
    case UnaryOp::Not: return kBits16;
    case UnaryOp::Copy: return kCopyTypes;
    default: return sim::kHalfAndFloat;
  }
}
DTypes scalar_types(ScalarOp op) {
  switch (op) {
    case ScalarOp::LeakyRelu: return sim::kHalfAndFloat;
    case ScalarOp::ShiftLeft: case ScalarOp::ShiftRight: return kShiftTypes;
    case ScalarOp::Duplicate: return kFillTypes;
    default: return kArith;
  }
}
}  // namespace

void vec_binary(const char* api, BinaryOp op, DType dt, TensorRef dst, TensorRef a, TensorRef b,
                const VecShape& shape, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, binary_types(op));
  const VectorPlan p = sim::plan_vector(c, shape, dt);
  c.instr().writes = sim::check_operand(c, p, shape, 0, dst, "dst");
  c.instr().reads[0] = sim::check_operand(c, p, shape, 1, a, "src0");
  c.instr().reads[1] = sim::check_operand(c, p, shape, 2, b, "src1");
  if (!c.timing_only()) sim::dispatch_dtype(dt, [&]<DType D>() {
    with_binary<typename sim::Element<D>::Compute>(op, [&](auto f) {
      apply<D, 2>(p, shape, at<D>(c, dst), {at<D>(c, a), at<D>(c, b)}, f);
    });
  });
  sim::note_vector(c, p, dt, shape.form);
}

void vec_unary(const char* api, UnaryOp op, DType dt, TensorRef dst, TensorRef src, const VecShape& shape,
               Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, unary_types(op));
  const VectorPlan p = sim::plan_vector(c, shape, dt);
  c.instr().writes = sim::check_operand(c, p, shape, 0, dst, "dst");
  c.instr().reads[0] = sim::check_operand(c, p, shape, 1, src, "src");
  if (!c.timing_only()) sim::dispatch_dtype(dt, [&]<DType D>() {
    with_unary<typename sim::Element<D>::Compute>(op, [&](auto f) { apply<D, 1>(p, shape, at<D>(c, dst), {at<D>(c, src)}, f); });
  });
  sim::note_vector(c, p, dt, shape.form);
}

void vec_scalar(const char* api, ScalarOp op, DType dt, TensorRef dst, TensorRef src, uint64_t scalar_bits,
                const VecShape& shape, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, scalar_types(op));
  if (op == ScalarOp::ShiftLeft || op == ScalarOp::ShiftRight) check_shift(c, dt, scalar_bits);
  const VectorPlan p = sim::plan_vector(c, shape, dt);
  c.instr().writes = sim::check_operand(c, p, shape, 0, dst, "dst");
  if (op != ScalarOp::Duplicate) c.instr().reads[0] = sim::check_operand(c, p, shape, 1, src, "src");
  if (!c.timing_only()) sim::dispatch_dtype(dt, [&]<DType D>() {
    with_scalar(op, sim::scalar_from_bits<D>(scalar_bits),
                [&](auto f) { apply<D, 1>(p, shape, at<D>(c, dst), {at<D>(c, src)}, f); });
  });
  sim::note_vector(c, p, dt, shape.form);
}

void vec_axpy(DType dst_dt, DType src_dt, TensorRef dst, TensorRef src, uint64_t scalar_bits, const VecShape& shape,
              Site site) {
  Core& c = current();
  c.enter("Axpy", site);
  if (dst_dt == DType::F32 && src_dt == DType::F16)
    c.fail(ErrorKind::Unsupported, "Axpy from half to float (mixed precision) is not modelled yet");
  if (dst_dt != src_dt)
    c.fail(ErrorKind::Unsupported, "Axpy has no {} destination for a {} source on the 910B (half/half, float/float, "
           "half to float)", sim::dtype_name(dst_dt), sim::dtype_name(src_dt));
  sim::require_dtype(c, dst_dt, sim::kHalfAndFloat);
  // dst is read as well as written, with its own strides: operand 2 walks it again.
  VecShape walk = shape;
  walk.blk[2] = walk.blk[0];
  walk.rep[2] = walk.rep[0];
  const VectorPlan p = sim::plan_vector(c, walk, dst_dt);
  c.instr().writes = sim::check_operand(c, p, walk, 0, dst, "dst");
  c.instr().reads[0] = sim::check_operand(c, p, walk, 1, src, "src");
  c.instr().reads[1] = c.instr().writes;
  if (!c.timing_only()) sim::dispatch_dtype(dst_dt, [&]<DType D>() {
    if constexpr (D == DType::F16 || D == DType::F32) {
      const auto a = sim::scalar_from_bits<D>(scalar_bits);
      apply<D, 2>(p, walk, at<D>(c, dst), {at<D>(c, src), at<D>(c, dst)},
                  [a](auto x, auto d) { return x * a + d; });
    }
  });
  sim::note_vector(c, p, dst_dt, shape.form);
}

void set_mask_count() { current().counter_mode = true; }
void set_mask_norm() { current().counter_mode = false; }
void reset_mask() {
  Core& c = current();
  c.mask[0] = c.mask[1] = ~uint64_t{0};
}
void set_vector_mask(uint64_t hi, uint64_t lo, bool counter_form, DType dt, Site site) {
  Core& c = current();
  c.enter("SetVectorMask", site);
  if (c.counter_mode) {
    c.mask[0] = lo;  // the element count
    c.mask[1] = 0;
    return;
  }
  if (!counter_form) {
    c.mask[0] = lo;
    c.mask[1] = hi;
    return;
  }
  // SetVectorMask<T>(len) in normal mode: the first len lanes.
  const uint64_t lanes = 256 / sim::dtype_size(dt);
  if (lo < 1 || lo > lanes)
    c.fail(ErrorKind::MaskOutOfRange, "mask length {} is outside 1..{} for {}", lo, lanes, sim::dtype_name(dt));
  c.mask[0] = lo >= 64 ? ~uint64_t{0} : (uint64_t{1} << lo) - 1;
  c.mask[1] = lo >= 128 ? ~uint64_t{0} : lo <= 64 ? 0 : (uint64_t{1} << (lo - 64)) - 1;
}

}  // namespace ascendgen::sim::abi
