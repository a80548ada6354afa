#include <cstring>
#include <functional>
#include <optional>
#include <random>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::Harness;

namespace {
constexpr uint32_t kSrc = 4096;   // source elements loaded from x
constexpr uint32_t kDst = 512;    // destination elements, pre-filled from y and written back
constexpr uint32_t kWork = 2048;  // capacity of the work buffer

// Every case runs the same kernel: g_body<T> calls the API under test on UB tensors.
template <typename T> struct Case {
  static inline std::function<void(const LocalTensor<T>&, const LocalTensor<T>&, const LocalTensor<T>&)> body;
  static inline uint32_t work = kWork;
};

template <typename T> void reduce_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> sb, db, wb;
  pipe.InitBuffer(sb, kSrc * sizeof(T));
  pipe.InitBuffer(db, kDst * sizeof(T));
  pipe.InitBuffer(wb, kWork * sizeof(T));
  GlobalTensor<T> xg, yg;
  xg.SetGlobalBuffer((__gm__ T*)x, kSrc);
  yg.SetGlobalBuffer((__gm__ T*)y, kDst);
  LocalTensor<T> src = sb.Get<T>(), dst = db.Get<T>(), work = wb.Get<T>(Case<T>::work);
  DataCopy(src, xg, kSrc);
  DataCopy(dst, yg, kDst);
  Case<T>::body(dst, src, work);
  DataCopy(yg, dst, kDst);
}

constexpr float kFill = -7.0f;  // what dst holds where the API must not write

template <typename T> std::vector<T> run(const std::vector<float>& xs, decltype(Case<T>::body) body,
                                         uint32_t work = kWork) {
  Case<T>::body = std::move(body);
  Case<T>::work = work;
  Harness h;
  std::vector<T> xv(kSrc), yv(kDst, T(kFill));
  for (size_t i = 0; i < xs.size() && i < kSrc; ++i) xv[i] = T(xs[i]);
  auto x = h.input(xv, "x");
  auto y = h.input(yv, "y");
  h.run(reduce_kernel<T>, {x, y});
  return h.read<T>(y, kDst);
}

template <typename T> ascendgen::sim::KernelError run_error(decltype(Case<T>::body) body, uint32_t work = kWork) {
  return ascendgen::test::expect_kernel_error([&] { run<T>({}, std::move(body), work); });
}

std::vector<float> random_values(uint32_t n, uint32_t seed, float lo = -4.0f, float hi = 4.0f) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto& e : v) e = d(gen);
  return v;
}

// ---- scalar references ----------------------------------------------------------------------
template <typename T> float as_t(float v) { return float(T(v)); }
template <typename T> float value_of(float v) { return as_t<T>(v); }  // the input as stored in UB

// Pairwise tree over slots, rounding each sum to T; nullopt slots are masked-off lanes.
template <typename T> std::optional<float> tree(std::vector<std::optional<float>> v) {
  while (v.size() > 1) {
    std::vector<std::optional<float>> n((v.size() + 1) / 2);
    for (size_t i = 0; i < n.size(); ++i) {
      auto a = v[2 * i];
      auto b = 2 * i + 1 < v.size() ? v[2 * i + 1] : std::nullopt;
      n[i] = a && b ? std::optional<float>(as_t<T>(*a + *b)) : a ? a : b;
    }
    v = n;
  }
  return v[0];
}

template <typename T> constexpr uint32_t lanes = 256 / sizeof(T);
template <typename T> constexpr uint32_t epb = 32 / sizeof(T);

bool lane_on(const uint64_t m[2], uint32_t l) { return (m[l / 64] >> (l % 64)) & 1u; }
void first_lanes(uint64_t m[2], uint32_t n) {
  m[0] = n >= 64 ? ~uint64_t{0} : (uint64_t{1} << n) - 1;
  m[1] = n >= 128 ? ~uint64_t{0} : n <= 64 ? 0 : (uint64_t{1} << (n - 64)) - 1;
}

// Values of repeat r's lanes (nullopt where masked off) for block/repeat strides in blocks.
template <typename T> std::vector<std::optional<float>> repeat_lanes(const std::vector<float>& xs, const uint64_t m[2],
                                                                      uint32_t r, uint32_t blk, uint32_t rep) {
  std::vector<std::optional<float>> v(lanes<T>);
  for (uint32_t l = 0; l < lanes<T>; ++l)
    if (lane_on(m, l)) v[l] = value_of<T>(xs[r * rep * epb<T> + (l / epb<T>)*blk * epb<T> + l % epb<T>]);
  return v;
}

template <typename T> uint32_t index_bits(T v) {
  if constexpr (sizeof(T) == 2) {
    uint16_t b;
    std::memcpy(&b, &v, 2);
    return b;
  } else {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    return b;
  }
}

template <typename T> void check_untouched(const std::vector<T>& out, size_t from) {
  for (size_t i = from; i < out.size(); ++i) REQUIRE(float(out[i]) == kFill);
}
}  // namespace

// ---- ReduceSum ----------------------------------------------------------------------------------
TEST_CASE("ReduceSum count form adds repeat sums in order, the mask form as a tree (half, hand-checked)") {
  std::vector<float> xs(kSrc, 0.0f);
  xs[0] = 2048.0f;  // half spacing at 2048 is 2: a lone +1 is lost, a +2 is not
  xs[128] = xs[256] = xs[384] = 1.0f;
  auto seq = run<half>(xs, [](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 385); });
  CHECK(float(seq[0]) == 2048.0f);
  auto tree_out = run<half>(xs, [](auto& d, auto& s, auto& w) { ReduceSum<half>(d, s, w, 128, 4, 8); });
  CHECK(float(tree_out[0]) == 2050.0f);  // (2048+1) + (1+1)
  check_untouched(tree_out, 1);
}

TEST_CASE_TEMPLATE("ReduceSum count form matches the scalar reference", T, half, float) {
  const auto xs = random_values(kSrc, 7);
  for (uint32_t count : {1u, 100u, 128u, 300u, 2000u, 4096u}) {
    CAPTURE(count);
    auto out = run<T>(xs, [count](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, count); }, 8);
    std::optional<float> acc;
    for (uint32_t r = 0; r * lanes<T> < count; ++r) {
      uint64_t m[2];
      first_lanes(m, std::min(lanes<T>, count - r * lanes<T>));
      const float part = *tree<T>(repeat_lanes<T>(xs, m, r, 1, 8));
      acc = acc ? as_t<T>(*acc + part) : part;
    }
    CHECK(float(out[0]) == *acc);
    check_untouched(out, 1);
  }
}

TEST_CASE_TEMPLATE("ReduceSum mask forms reduce repeat sums in trees and need ceil(repeat/epb) blocks of work", T,
                   half, float) {
  const auto xs = random_values(kSrc, 11);
  const uint32_t repeat = 5, rep_stride = 12;
  uint64_t bits[2] = {0xF0F0F0F0F0F0F0F0ull, sizeof(T) == 2 ? 0x00FF00FF00FF00FFull : 0};
  uint64_t cont[2];
  first_lanes(cont, 50);
  for (const uint64_t* m : {static_cast<const uint64_t*>(bits), static_cast<const uint64_t*>(cont)}) {
    std::vector<std::optional<float>> parts;
    for (uint32_t r = 0; r < repeat; ++r) parts.push_back(tree<T>(repeat_lanes<T>(xs, m, r, 1, rep_stride)));
    const float expect = *tree<T>(parts);
    auto out = m == bits ? run<T>(xs, [&](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, bits, repeat, rep_stride); },
                                  epb<T>)
                         : run<T>(xs, [&](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 50, repeat, rep_stride); },
                                  epb<T>);
    CHECK(float(out[0]) == expect);
  }
  // 200 repeats of 64/128 lanes need 200 work elements rounded up to a block.
  const uint32_t need = (200 + epb<T> - 1) / epb<T> * epb<T>;
  run<T>(xs, [](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 8, 200, 0); }, need);
  auto e = run_error<T>([](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 8, 200, 0); }, need - epb<T>);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("ReduceSum") != std::string::npos);
  CHECK(std::string(e.what()).find("sharedTmpBuffer") != std::string::npos);
}

TEST_CASE("ReduceSum no-ops, dtype and operand misuse") {
  auto out = run<float>({1, 2, 3}, [](auto& d, auto& s, auto& w) {
    ReduceSum(d, s, w, 0);
    ReduceSum(d, s, w, 64, 0, 8);
    uint64_t none[2] = {0, 0};
    ReduceSum(d, s, w, none, 3, 8);
  });
  check_untouched(out, 0);
  CHECK(run_error<float>([](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, kSrc + 8); }).kind() ==
        ErrorKind::UbOutOfBounds);
  CHECK(run_error<float>([](auto& d, auto& s, auto& w) { ReduceSum(d, s[4], w, 64); }).kind() ==
        ErrorKind::Misaligned);
  CHECK(run_error<float>([](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 65, 1, 8); }).kind() ==
        ErrorKind::MaskOutOfRange);
  CHECK(run_error<float>([](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 64, -1, 8); }).kind() ==
        ErrorKind::MaskOutOfRange);
  CHECK(run_error<float>([](auto& d, auto& s, auto& w) { ReduceSum(d, s, w, 64, 1, 70000); }).kind() ==
        ErrorKind::InvalidArgument);
  CHECK(run_error<float>([](auto& d, auto& s, auto& w) { ReduceSum(d[kDst], s, w, 64); }).kind() ==
        ErrorKind::UbOutOfBounds);
  auto e = run_error<float>([](auto& d, auto& s, auto& w) {
    auto di = d.template ReinterpretCast<int32_t>();
    ReduceSum(di, s.template ReinterpretCast<int32_t>(), w.template ReinterpretCast<int32_t>(), 64);
  });
  CHECK(e.kind() == ErrorKind::Unsupported);
}

// ---- ReduceMax / ReduceMin ----------------------------------------------------------------------
TEST_CASE_TEMPLATE("ReduceMax and ReduceMin count forms return the first extreme and its index", T, half, float) {
  auto xs = random_values(kSrc, 3);
  xs[1500] = 9.0f;  // the maximum appears twice: the first index wins
  xs[2500] = 9.0f;
  xs[700] = -9.0f;
  for (uint32_t count : {1u, 77u, 128u, 1000u, 2000u, 4096u}) {
    CAPTURE(count);
    uint32_t imax = 0, imin = 0;
    for (uint32_t i = 1; i < count; ++i) {
      if (value_of<T>(xs[i]) > value_of<T>(xs[imax])) imax = i;
      if (value_of<T>(xs[i]) < value_of<T>(xs[imin])) imin = i;
    }
    auto mx = run<T>(xs, [count](auto& d, auto& s, auto& w) { ReduceMax(d, s, w, count, true); });
    CHECK(float(mx[0]) == value_of<T>(xs[imax]));
    CHECK(index_bits(mx[1]) == imax);
    check_untouched(mx, 2);
    auto mn = run<T>(xs, [count](auto& d, auto& s, auto& w) { ReduceMin(d, s, w, count); });
    CHECK(float(mn[0]) == value_of<T>(xs[imin]));
    check_untouched(mn, 1);  // without calIndex only the value is written
  }
}

TEST_CASE_TEMPLATE("ReduceMax mask form indexes by repeat offset plus lane", T, half, float) {
  auto xs = random_values(kSrc, 5);
  const uint32_t rep_stride = 16, repeat = 6;
  const uint32_t pos = 4 * rep_stride * epb<T> + 9;  // repeat 4, lane 9
  xs[pos] = 50.0f;
  xs[4 * rep_stride * epb<T> + 40] = 60.0f;  // masked off by the continuous mask of 20 lanes
  auto out = run<T>(xs, [&](auto& d, auto& s, auto& w) { ReduceMax(d, s, w, 20, repeat, rep_stride, true); });
  CHECK(float(out[0]) == 50.0f);
  CHECK(index_bits(out[1]) == pos);
  uint64_t bits[2] = {uint64_t{1} << 40, 0};
  auto out2 = run<T>(xs, [&](auto& d, auto& s, auto& w) { ReduceMin(d, s, w, bits, repeat, rep_stride, true); });
  float expect = 1e9f;
  uint32_t at = 0;
  for (uint32_t r = 0; r < repeat; ++r)
    if (value_of<T>(xs[r * rep_stride * epb<T> + 40]) < expect) expect = value_of<T>(xs[at = r * rep_stride * epb<T> + 40]);
  CHECK(float(out2[0]) == expect);
  CHECK(index_bits(out2[1]) == at);
}

TEST_CASE("ReduceMax work size follows the documented formula") {
  // Documentation examples: half, 65 repeats, index -> 176 elements; float, 130 repeats -> 288.
  auto half_case = [](auto& d, auto& s, auto& w) { ReduceMax(d, s, w, 128, 65, 0, true); };
  run<half>({1, 2}, half_case, 176);
  CHECK(run_error<half>(half_case, 175).kind() == ErrorKind::UbOutOfBounds);
  auto float_case = [](auto& d, auto& s, auto& w) { ReduceMax(d, s, w, 64, 130, 0, true); };
  run<float>({1, 2}, float_case, 288);
  CHECK(run_error<float>(float_case, 287).kind() == ErrorKind::UbOutOfBounds);
  // Without the index: 2 x repeats, block-aligned (count 65408/128 = 511 repeats -> 1024).
  auto no_index = [](auto& d, auto& s, auto& w) { ReduceMin(d, s, w, 128, 511, 0); };
  run<half>({1}, no_index, 1024);
  auto e = run_error<half>(no_index, 1008);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("ReduceMin") != std::string::npos);
}

// ---- WholeReduce / ReduceRepeat -----------------------------------------------------------------
TEST_CASE("WholeReduceSum sums each repeat as a tree (half, hand-checked)") {
  std::vector<float> xs = {2048, 1, 1, 1};
  auto out = run<half>(xs, [](auto& d, auto& s, auto&) { WholeReduceSum(d, s, 4, 1, 1, 1, 8); });
  CHECK(float(out[0]) == 2050.0f);
  check_untouched(out, 1);
}

TEST_CASE_TEMPLATE("WholeReduceSum with strides and masks matches the reference", T, half, float) {
  const auto xs = random_values(kSrc, 13);
  const uint32_t repeat = 4, dst_rep = 3, blk = 2, rep = 20;
  uint64_t m[2] = {0x123456789ABCDEF0ull, sizeof(T) == 2 ? 0x0FEDCBA987654321ull : 0};
  auto out = run<T>(xs, [&](auto& d, auto& s, auto&) { WholeReduceSum(d, s, m, repeat, dst_rep, blk, rep); });
  for (uint32_t r = 0; r < repeat; ++r) CHECK(float(out[r * dst_rep]) == *tree<T>(repeat_lanes<T>(xs, m, r, blk, rep)));
  CHECK(float(out[1]) == kFill);
  auto v91 = run<T>(xs, [&](auto& d, auto& s, auto&) {
    ReduceRepeat<ReduceType::SUM>(d, s, m, repeat, dst_rep, blk, rep);
  });
  CHECK(std::memcmp(v91.data(), out.data(), kDst * sizeof(T)) == 0);
}

TEST_CASE_TEMPLATE("WholeReduceMax/Min write value and lane index in each ReduceOrder", T, half, float) {
  auto xs = random_values(kSrc, 17);
  const uint32_t repeat = 3;
  auto expect = [&](uint32_t r, bool max) {
    uint32_t best = 0;
    for (uint32_t l = 1; l < 30; ++l) {
      const float v = value_of<T>(xs[r * lanes<T> + l]), b = value_of<T>(xs[r * lanes<T> + best]);
      if (max ? v > b : v < b) best = l;
    }
    return std::pair{value_of<T>(xs[r * lanes<T> + best]), best};
  };
  auto vi = run<T>(xs, [&](auto& d, auto& s, auto&) { WholeReduceMax(d, s, 30, repeat, 1, 1, 8); });
  auto iv = run<T>(xs, [&](auto& d, auto& s, auto&) {
    WholeReduceMin(d, s, 30, repeat, 2, 1, 8, ReduceOrder::ORDER_INDEX_VALUE);
  });
  auto ov = run<T>(xs, [&](auto& d, auto& s, auto&) {
    WholeReduceMax(d, s, 30, repeat, 1, 1, 8, ReduceOrder::ORDER_ONLY_VALUE);
  });
  auto oi = run<T>(xs, [&](auto& d, auto& s, auto&) {
    ReduceRepeat<ReduceType::MIN>(d, s, 30, repeat, 1, 1, 8, ReduceOrder::ORDER_ONLY_INDEX);
  });
  for (uint32_t r = 0; r < repeat; ++r) {
    CAPTURE(r);
    const auto [vmax, imax] = expect(r, true);
    const auto [vmin, imin] = expect(r, false);
    CHECK(float(vi[2 * r]) == vmax);  // dstRepStride counts [value, index] pairs
    CHECK(index_bits(vi[2 * r + 1]) == imax);
    CHECK(index_bits(iv[4 * r]) == imin);
    CHECK(float(iv[4 * r + 1]) == vmin);
    CHECK(float(ov[r]) == vmax);
    uint32_t idx;  // ORDER_ONLY_INDEX stores a uint32 per repeat, also for half
    std::memcpy(&idx, reinterpret_cast<const uint8_t*>(oi.data()) + 4 * r, 4);
    CHECK(idx == imin);
  }
  check_untouched(ov, repeat);
}

TEST_CASE("WholeReduce no-ops and misuse") {
  auto out = run<float>({1, 2}, [](auto& d, auto& s, auto&) {
    WholeReduceSum(d, s, 0, 2, 1, 1, 8);
    WholeReduceMax(d, s, 64, 0, 1, 1, 8);
  });
  check_untouched(out, 0);
  auto e = run_error<float>([](auto& d, auto& s, auto&) { WholeReduceSum(d, s, 64, 256, 1, 1, 8); });
  CHECK(e.kind() == ErrorKind::MaskOutOfRange);
  CHECK(std::string(e.what()).find("WholeReduceSum") != std::string::npos);
  CHECK(run_error<half>([](auto& d, auto& s, auto&) { WholeReduceMax(d, s, 129, 1, 1, 1, 8); }).kind() ==
        ErrorKind::MaskOutOfRange);
  CHECK(run_error<float>([](auto& d, auto& s, auto&) { WholeReduceMax(d[kDst - 1], s, 64, 1, 1, 1, 8); }).kind() ==
        ErrorKind::Misaligned);  // [value, index] of float needs 8-byte alignment
  CHECK(run_error<float>([](auto& d, auto& s, auto&) { WholeReduceSum(d[kDst - 1], s, 64, 2, 1, 1, 8); }).kind() ==
        ErrorKind::UbOutOfBounds);
  CHECK(run_error<float>([](auto& d, auto& s, auto&) { WholeReduceSum(d, s, 64, 2, 1, 1, 4000); }).kind() ==
        ErrorKind::UbOutOfBounds);
}

// ---- BlockReduce / ReduceDataBlock / PairReduceSum ----------------------------------------------
TEST_CASE_TEMPLATE("BlockReduce reduces each 32-byte block and skips fully masked blocks", T, half, float) {
  const auto xs = random_values(kSrc, 19);
  const uint32_t repeat = 2, dst_rep = 2, rep = 8;
  uint64_t m[2] = {sizeof(T) == 2 ? 0x00000000FFFF0F0Full : 0x0000FF00000000F3ull, 0};  // blocks 2.. partly empty
  auto sum = run<T>(xs, [&](auto& d, auto& s, auto&) { BlockReduceSum(d, s, repeat, m, dst_rep, 1, rep); });
  auto mx = run<T>(xs, [&](auto& d, auto& s, auto&) { BlockReduceMax(d, s, repeat, m, dst_rep, 1, rep); });
  auto mn = run<T>(xs, [&](auto& d, auto& s, auto&) {
    ReduceDataBlock<ReduceType::MIN>(d, s, m, repeat, dst_rep, 1, rep);
  });
  for (uint32_t r = 0; r < repeat; ++r) {
    const auto v = repeat_lanes<T>(xs, m, r, 1, rep);
    for (uint32_t b = 0; b < 8; ++b) {
      CAPTURE(r);
      CAPTURE(b);
      std::vector<std::optional<float>> blk(v.begin() + b * epb<T>, v.begin() + (b + 1) * epb<T>);
      const size_t at = r * dst_rep * 8 + b;  // dstRepStride counts 8 results
      bool any = false;
      float hi = -1e9f, lo = 1e9f;
      for (auto& e : blk)
        if (e) any = true, hi = std::max(hi, *e), lo = std::min(lo, *e);
      if (!any) {
        CHECK(float(sum[at]) == kFill);
        CHECK(float(mx[at]) == kFill);
        continue;
      }
      CHECK(float(sum[at]) == *tree<T>(blk));
      CHECK(float(mx[at]) == hi);
      CHECK(float(mn[at]) == lo);
    }
  }
  CHECK(float(sum[8]) == kFill);  // the gap left by dstRepStride 2
}

TEST_CASE_TEMPLATE("PairReduceSum adds neighbouring lanes", T, half, float) {
  const auto xs = random_values(kSrc, 23);
  auto out = run<T>(xs, [](auto& d, auto& s, auto&) { PairReduceSum(d, s, 2, lanes<T> - 1, 1, 1, 8); });
  auto v91 = run<T>(xs, [](auto& d, auto& s, auto&) {
    ReducePairElem<ReduceType::SUM>(d, s, lanes<T> - 1, 2, 1, 1, 8);
  });
  for (uint32_t r = 0; r < 2; ++r)
    for (uint32_t k = 0; k < lanes<T> / 2; ++k) {
      const float a = value_of<T>(xs[r * lanes<T> + 2 * k]);
      const float expect = 2 * k + 1 == lanes<T> - 1 ? a : as_t<T>(a + value_of<T>(xs[r * lanes<T> + 2 * k + 1]));
      CHECK(float(out[r * lanes<T> / 2 + k]) == expect);
    }
  CHECK(std::memcmp(v91.data(), out.data(), kDst * sizeof(T)) == 0);
  CHECK(run_error<T>([](auto& d, auto& s, auto&) { ReducePairElem<ReduceType::MAX>(d, s, 8, 1, 1, 1, 8); }).kind() ==
        ErrorKind::Unsupported);
}
