// Element-wise vector instructions. Floating types compute in float and round once to the
// destination type (for fp16 add/sub/mul/div/sqrt this equals the correctly rounded IEEE result).
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
constexpr DType kFloat[] = {DType::F16, DType::F32};
constexpr DType kBits16[] = {DType::I16, DType::U16};
constexpr DType kReluTypes[] = {DType::F16, DType::F32, DType::I16};
constexpr DType kRelu32[] = {DType::F16, DType::F32, DType::I32};
constexpr DType kShiftTypes[] = {DType::I16, DType::U16, DType::I32, DType::U32};
constexpr DType kFillTypes[] = {DType::F16, DType::BF16, DType::F32, DType::I16, DType::U16, DType::I32, DType::U32};

template <typename T> constexpr bool is_int = std::is_integral_v<T>;

// Integer arithmetic wraps as the hardware's does (no UB in C++ either).
template <typename T> T wrap(uint64_t v) { return static_cast<T>(static_cast<std::make_unsigned_t<T>>(v)); }

template <typename T> T binary(BinaryOp op, T a, T b) {
  if constexpr (is_int<T>) {
    using U = uint64_t;
    switch (op) {
      case BinaryOp::Add: return wrap<T>(U(a) + U(b));
      case BinaryOp::Sub: return wrap<T>(U(a) - U(b));
      case BinaryOp::Mul: return wrap<T>(U(a) * U(b));
      case BinaryOp::Max: return a > b ? a : b;
      case BinaryOp::Min: return a < b ? a : b;
      case BinaryOp::And: return static_cast<T>(a & b);
      case BinaryOp::Or: return static_cast<T>(a | b);
      case BinaryOp::AddRelu: { const T r = wrap<T>(U(a) + U(b)); return r > 0 ? r : T(0); }
      case BinaryOp::SubRelu: { const T r = wrap<T>(U(a) - U(b)); return r > 0 ? r : T(0); }
      default: return a;
    }
  } else {
    switch (op) {
      case BinaryOp::Add: return a + b;
      case BinaryOp::Sub: return a - b;
      case BinaryOp::Mul: return a * b;
      case BinaryOp::Div: return a / b;
      case BinaryOp::Max: return a > b ? a : b;
      case BinaryOp::Min: return a < b ? a : b;
      case BinaryOp::AddRelu: return std::max(a + b, T(0));
      case BinaryOp::SubRelu: return std::max(a - b, T(0));
      default: return a;
    }
  }
}

template <typename T> T unary(UnaryOp op, T x) {
  if constexpr (is_int<T>) {
    switch (op) {
      case UnaryOp::Abs: return x < 0 ? wrap<T>(0 - uint64_t(x)) : x;
      case UnaryOp::Relu: return x > 0 ? x : T(0);
      case UnaryOp::Not: return static_cast<T>(~x);
      default: return x;
    }
  } else {
    switch (op) {
      case UnaryOp::Exp: return std::exp(x);
      case UnaryOp::Ln: return std::log(x);
      case UnaryOp::Abs: return std::fabs(x);
      case UnaryOp::Reciprocal: return T(1) / x;
      case UnaryOp::Sqrt: return std::sqrt(x);
      case UnaryOp::Rsqrt: return T(1) / std::sqrt(x);
      case UnaryOp::Relu: return x > 0 ? x : T(0);
      default: return x;
    }
  }
}

template <typename T> T with_scalar(ScalarOp op, T x, T s) {
  if constexpr (is_int<T>) {
    using U = uint64_t;
    switch (op) {
      case ScalarOp::Adds: return wrap<T>(U(x) + U(s));
      case ScalarOp::Muls: return wrap<T>(U(x) * U(s));
      case ScalarOp::Maxs: return x > s ? x : s;
      case ScalarOp::Mins: return x < s ? x : s;
      case ScalarOp::ShiftLeft: return wrap<T>(U(x) << s);
      case ScalarOp::ShiftRight: return static_cast<T>(x >> s);  // arithmetic for signed types
      case ScalarOp::Duplicate: return s;
      default: return x;
    }
  } else {
    switch (op) {
      case ScalarOp::Adds: return x + s;
      case ScalarOp::Muls: return x * s;
      case ScalarOp::Maxs: return x > s ? x : s;
      case ScalarOp::Mins: return x < s ? x : s;
      case ScalarOp::LeakyRelu: return x >= 0 ? x : x * s;
      case ScalarOp::Duplicate: return s;
      default: return x;
    }
  }
}

template <DType D> typename sim::Element<D>::Storage* at(Core& c, const TensorRef& t) {
  return reinterpret_cast<typename sim::Element<D>::Storage*>(c.ub() + t.addr);
}

DTypes binary_types(BinaryOp op) {
  switch (op) {
    case BinaryOp::Div: return kFloat;
    case BinaryOp::And: case BinaryOp::Or: return kBits16;
    case BinaryOp::AddRelu: case BinaryOp::SubRelu: return kReluTypes;
    default: return kArith;
  }
}
DTypes unary_types(UnaryOp op) {
  switch (op) {
    case UnaryOp::Relu: return kRelu32;
    case UnaryOp::Not: return kBits16;
    case UnaryOp::Abs: return kFloat;
    default: return kFloat;
  }
}
DTypes scalar_types(ScalarOp op) {
  switch (op) {
    case ScalarOp::LeakyRelu: return kFloat;
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
  sim::check_operand(c, p, shape, 0, dst, "dst");
  sim::check_operand(c, p, shape, 1, a, "src0");
  sim::check_operand(c, p, shape, 2, b, "src1");
  sim::dispatch_dtype(dt, [&]<DType D>() {
    using E = sim::Element<D>;
    auto* d = at<D>(c, dst);
    const auto* x = at<D>(c, a);
    const auto* y = at<D>(c, b);
    sim::for_each_run(p, shape, [&](const uint64_t* o, uint64_t n) {
      for (uint64_t i = 0; i < n; ++i) d[o[0] + i] = E::store(binary(op, E::load(x[o[1] + i]), E::load(y[o[2] + i])));
    });
  });
  c.record.vector_elements += p.active;
}

void vec_unary(const char* api, UnaryOp op, DType dt, TensorRef dst, TensorRef src, const VecShape& shape,
               Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, unary_types(op));
  const VectorPlan p = sim::plan_vector(c, shape, dt);
  sim::check_operand(c, p, shape, 0, dst, "dst");
  sim::check_operand(c, p, shape, 1, src, "src");
  sim::dispatch_dtype(dt, [&]<DType D>() {
    using E = sim::Element<D>;
    auto* d = at<D>(c, dst);
    const auto* x = at<D>(c, src);
    sim::for_each_run(p, shape, [&](const uint64_t* o, uint64_t n) {
      for (uint64_t i = 0; i < n; ++i) d[o[0] + i] = E::store(unary(op, E::load(x[o[1] + i])));
    });
  });
  c.record.vector_elements += p.active;
}

void vec_scalar(const char* api, ScalarOp op, DType dt, TensorRef dst, TensorRef src, uint64_t scalar_bits,
                const VecShape& shape, Site site) {
  Core& c = current();
  c.enter(api, site);
  sim::require_dtype(c, dt, scalar_types(op));
  const VectorPlan p = sim::plan_vector(c, shape, dt);
  sim::check_operand(c, p, shape, 0, dst, "dst");
  if (op != ScalarOp::Duplicate) sim::check_operand(c, p, shape, 1, src, "src");
  sim::dispatch_dtype(dt, [&]<DType D>() {
    using E = sim::Element<D>;
    const auto s = sim::scalar_from_bits<D>(scalar_bits);
    auto* d = at<D>(c, dst);
    const auto* x = at<D>(c, src);
    sim::for_each_run(p, shape, [&](const uint64_t* o, uint64_t n) {
      for (uint64_t i = 0; i < n; ++i) d[o[0] + i] = E::store(with_scalar(op, E::load(x[o[1] + i]), s));
    });
  });
  c.record.vector_elements += p.active;
}

void set_mask_count() { current().counter_mode = true; }
void set_mask_norm() { current().counter_mode = false; }
void reset_mask() {
  Core& c = current();
  c.mask[0] = c.mask[1] = ~uint64_t{0};
}
void set_vector_mask(uint64_t hi, uint64_t lo, bool counter_form, DType dt) {
  Core& c = current();
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
  if (lo < 1 || lo > lanes) {
    c.enter("SetVectorMask", {nullptr, 0});
    c.fail(ErrorKind::MaskOutOfRange, "mask length {} is outside 1..{} for {}", lo, lanes, sim::dtype_name(dt));
  }
  c.mask[0] = lo >= 64 ? ~uint64_t{0} : (uint64_t{1} << lo) - 1;
  c.mask[1] = lo >= 128 ? ~uint64_t{0} : lo <= 64 ? 0 : (uint64_t{1} << (lo - 64)) - 1;
}

}  // namespace ascendgen::sim::abi
