#include <cstring>
#include <functional>

#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::test::Harness;

namespace {
constexpr uint32_t kSrc = 1024;  // source elements from x
constexpr uint32_t kDst = 1024;  // destination elements, pre-filled from y and written back
constexpr uint32_t kOff = 512;   // uint32 offsets from z

template <typename T> struct Case {
  static inline std::function<void(const LocalTensor<T>&, const LocalTensor<T>&, const LocalTensor<uint32_t>&)> body;
};

template <typename T> void kernel(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> sb, db, ob;
  pipe.InitBuffer(sb, kSrc * sizeof(T));
  pipe.InitBuffer(db, kDst * sizeof(T));
  pipe.InitBuffer(ob, kOff * sizeof(uint32_t));
  GlobalTensor<T> xg, yg;
  GlobalTensor<uint32_t> zg;
  xg.SetGlobalBuffer((__gm__ T*)x, kSrc);
  yg.SetGlobalBuffer((__gm__ T*)y, kDst);
  zg.SetGlobalBuffer((__gm__ uint32_t*)z, kOff);
  LocalTensor<T> src = sb.Get<T>(), dst = db.Get<T>();
  LocalTensor<uint32_t> off = ob.Get<uint32_t>();
  DataCopy(src, xg, kSrc);
  DataCopy(dst, yg, kDst);
  DataCopy(off, zg, kOff);
  Case<T>::body(dst, src, off);
  DataCopy(yg, dst, kDst);
}

constexpr int kFill = 99;

template <typename T> std::vector<T> source() {
  std::vector<T> v(kSrc);
  for (uint32_t i = 0; i < kSrc; ++i) v[i] = T(static_cast<float>(i % 1000));
  return v;
}

template <typename T> std::vector<T> run(decltype(Case<T>::body) body, const std::vector<uint32_t>& offsets = {}) {
  Case<T>::body = std::move(body);
  Harness h;
  std::vector<uint32_t> off(kOff, 0);
  std::copy(offsets.begin(), offsets.end(), off.begin());
  auto x = h.input(source<T>(), "x");
  auto y = h.input(std::vector<T>(kDst, T(kFill)), "y");
  auto z = h.input(off, "z");
  h.run(kernel<T>, {x, y, z});
  return h.read<T>(y, kDst);
}

template <typename T> ascendgen::sim::KernelError run_error(decltype(Case<T>::body) body,
                                                            const std::vector<uint32_t>& offsets = {}) {
  return ascendgen::test::expect_kernel_error([&] { run<T>(std::move(body), offsets); });
}

template <typename T> bool same(T a, T b) { return std::memcmp(&a, &b, sizeof(T)) == 0; }
}  // namespace

// ---- Brcb -----------------------------------------------------------------------------------------
TEST_CASE_TEMPLATE("Brcb fills one 32-byte block per source element", T, half, bfloat16_t, float, int16_t, uint32_t) {
  const auto src = source<T>();
  constexpr uint32_t epb = 32 / sizeof(T);
  for (auto [blk, rep] : {std::pair<uint16_t, uint16_t>{1, 8}, {2, 20}, {0, 8}}) {
    CAPTURE(blk);
    CAPTURE(rep);
    auto out = run<T>([&](auto& d, auto& s, auto&) { Brcb(d, s, 3, BrcbRepeatParams(blk, rep)); });
    const uint32_t b = blk == 0 ? 1 : blk;  // a block stride of 0 acts as 1
    std::vector<bool> written(kDst, false);
    for (uint32_t r = 0; r < 3; ++r)
      for (uint32_t j = 0; j < 8; ++j)
        for (uint32_t e = 0; e < epb; ++e) {
          const uint32_t at = (r * rep + j * b) * epb + e;
          written[at] = true;
          CHECK(same(out[at], src[r * 8 + j]));
        }
    for (uint32_t i = 0; i < kDst; ++i)
      if (!written[i]) REQUIRE(same(out[i], T(kFill)));
  }
}

TEST_CASE("Brcb misuse") {
  auto e = run_error<float>([](auto& d, auto& s, auto&) { Brcb(d, s[kSrc - 8], 2, {1, 8}); });
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("Brcb") != std::string::npos);
  CHECK(run_error<float>([](auto& d, auto& s, auto&) { Brcb(d[kDst - 64], s, 2, {1, 8}); }).kind() ==
        ErrorKind::UbOutOfBounds);
  CHECK(run_error<float>([](auto& d, auto& s, auto&) { Brcb(d[4], s, 1, {1, 8}); }).kind() == ErrorKind::Misaligned);
  CHECK(run_error<float>([](auto&, auto& s, auto&) { Brcb(s[8], s, 2, {1, 8}); }).kind() ==
        ErrorKind::InvalidArgument);
  CHECK(run_error<int8_t>([](auto& d, auto& s, auto&) { Brcb(d, s, 1, {1, 8}); }).kind() == ErrorKind::Unsupported);
  auto none = run<float>([](auto& d, auto& s, auto&) { Brcb(d, s, 0, {1, 8}); });
  for (float v : none) REQUIRE(v == float(kFill));
}

// ---- Gather ---------------------------------------------------------------------------------------
TEST_CASE_TEMPLATE("Gather collects elements from byte offsets", T, half, float, int32_t, uint16_t) {
  const auto src = source<T>();
  const uint32_t count = 100, base = 64 * sizeof(T);
  std::vector<uint32_t> off(count);
  for (uint32_t i = 0; i < count; ++i) off[i] = ((i * 37) % 500) * sizeof(T);
  auto out = run<T>([&](auto& d, auto& s, auto& o) { Gather(d, s, o, base, count); }, off);
  for (uint32_t i = 0; i < count; ++i) CHECK(same(out[i], src[64 + off[i] / sizeof(T)]));
  for (uint32_t i = count; i < kDst; ++i) REQUIRE(same(out[i], T(kFill)));
}

TEST_CASE_TEMPLATE("Gather mask forms take one offset per lane and repeat", T, half, float) {
  const auto src = source<T>();
  constexpr uint32_t lanes = 256 / sizeof(T), epb = 32 / sizeof(T);
  std::vector<uint32_t> off(kOff);
  for (uint32_t i = 0; i < kOff; ++i) off[i] = ((kOff - 1 - i) % kSrc) * sizeof(T);  // reversed
  const uint16_t dst_rep = 10;
  auto cont = run<T>([&](auto& d, auto& s, auto& o) { Gather(d, s, o, 0, uint64_t{20}, 2, dst_rep); }, off);
  uint64_t bits[2] = {0x8000000000000101ull, 0};
  auto bit = run<T>([&](auto& d, auto& s, auto& o) { Gather(d, s, o, 0, bits, 2, dst_rep); }, off);
  for (uint32_t r = 0; r < 2; ++r)
    for (uint32_t l = 0; l < lanes; ++l) {
      const T expect = src[off[r * lanes + l] / sizeof(T)];
      const uint32_t at = r * dst_rep * epb + l;
      CHECK(same(cont[at], l < 20 ? expect : T(kFill)));
      const bool on = l < 64 && ((bits[0] >> l) & 1u);
      CHECK(same(bit[at], on ? expect : T(kFill)));
    }
}

TEST_CASE("Gather offsets outside src or misaligned fail naming the offset") {
  std::vector<uint32_t> off(16, 0);
  off[5] = kSrc * 4;  // one past the end of a float src
  auto e = run_error<float>([](auto& d, auto& s, auto& o) { Gather(d, s, o, 0, 16); }, off);
  CHECK(e.kind() == ErrorKind::UbOutOfBounds);
  CHECK(std::string(e.what()).find("srcOffset[5]") != std::string::npos);
  CHECK(std::string(e.what()).find("Gather") != std::string::npos);
  off[5] = 4;
  // srcBaseAddr moves every offset: 4 + (kSrc - 1) * 4 is past the end as well.
  CHECK(run_error<float>([](auto& d, auto& s, auto& o) { Gather(d, s, o, (kSrc - 1) * 4, 16); }, off).kind() ==
        ErrorKind::UbOutOfBounds);
  off[5] = 6;
  auto m = run_error<float>([](auto& d, auto& s, auto& o) { Gather(d, s, o, 0, 16); }, off);
  CHECK(m.kind() == ErrorKind::Misaligned);
  CHECK(std::string(m.what()).find("srcOffset[5]") != std::string::npos);
  CHECK(run_error<float>([](auto& d, auto& s, auto& o) { Gather(d, s, o, 0, kOff + 8); }).kind() ==
        ErrorKind::UbOutOfBounds);  // more lanes than offsets
  CHECK(run_error<int8_t>([](auto& d, auto& s, auto& o) { Gather(d, s, o, 0, 32); }).kind() ==
        ErrorKind::Unsupported);
}
