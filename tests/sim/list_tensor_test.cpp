// Tensor-list descriptors (dynamic inputs and outputs): the GM layout the launch builds, and
// AscendC::ListTensorDesc / TensorDesc reading it as CANN's decoder does, with its assertions as
// KernelErrors.
#include <string>

#include "ascendgen/sim/tensor_list.h"
#include "harness.h"

using namespace AscendC;
using ascendgen::sim::ErrorKind;
using ascendgen::sim::TensorListElement;
using ascendgen::test::expect_kernel_error;
using ascendgen::test::Harness;

namespace {

bool mentions(const ascendgen::sim::KernelError& e, const std::string& text) {
  return std::string(e.what()).find(text) != std::string::npos;
}

// out[0] = size; per tensor i: out[1 + 4i] = rank, out[2 + 4i..] = dims (up to 2), out[4 + 4i] = its first element.
void describe_kernel(GM_ADDR list, GM_ADDR out) {
  ListTensorDesc desc(list);
  GlobalTensor<int64_t> o;
  o.SetGlobalBuffer((__gm__ int64_t*)out, 16);
  const uint32_t n = desc.GetSize();
  o.SetValue(0, n);
  uint64_t shape[8] = {0};
  for (uint32_t i = 0; i < n; ++i) {
    TensorDesc<float> t;
    t.SetShapeAddr(shape);
    desc.GetDesc(t, i);
    o.SetValue(1 + 4 * i, static_cast<int64_t>(t.GetDim()));
    for (uint32_t d = 0; d < t.GetDim() && d < 2; ++d) o.SetValue(2 + 4 * i + d, static_cast<int64_t>(t.GetShape(d)));
    GlobalTensor<float> data = t.GetDataObj();
    o.SetValue(4 + 4 * i, static_cast<int64_t>(data.GetValue(0)));
  }
}

// Doubles every tensor of `xs` into the matching tensor of `ys`, finding the data pointers by hand
// (word 0 is the byte offset of the pointers), as many CANN kernels do.
void double_by_hand_kernel(GM_ADDR xs, GM_ADDR ys, GM_ADDR counts) {
  __gm__ uint64_t* x_words = reinterpret_cast<__gm__ uint64_t*>(xs);
  __gm__ uint64_t* y_words = reinterpret_cast<__gm__ uint64_t*>(ys);
  GlobalTensor<int32_t> n;
  n.SetGlobalBuffer((__gm__ int32_t*)counts, 2);
  for (int32_t i = 0; i < 2; ++i) {
    GlobalTensor<float> x, y;
    x.SetGlobalBuffer(reinterpret_cast<__gm__ float*>(*(x_words + (*x_words >> 3) + i)), n.GetValue(i));
    y.SetGlobalBuffer(reinterpret_cast<__gm__ float*>(*(y_words + (*y_words >> 3) + i)), n.GetValue(i));
    for (int32_t k = 0; k < n.GetValue(i); ++k) y.SetValue(k, 2 * x.GetValue(k));
  }
}

void data_ptr_past_end_kernel(GM_ADDR list) {
  ListTensorDesc desc(list);
  desc.GetDataPtr<float>(2);
}

void get_desc_kernel(GM_ADDR list) {
  ListTensorDesc desc(list);
  uint64_t shape[8];
  TensorDesc<float> t;
  t.SetShapeAddr(shape);
  desc.GetDesc(t, 1);
}

void get_size_kernel(GM_ADDR list) {
  ListTensorDesc desc(list);
  desc.GetSize();
}

void shape_past_rank_kernel(GM_ADDR list) {
  ListTensorDesc desc(list);
  uint64_t shape[8];
  TensorDesc<float> t;
  t.SetShapeAddr(shape);
  desc.GetDesc(t, 0);
  t.GetShape(1);
}

void checked_init_kernel(GM_ADDR list) { ListTensorDesc desc(list, 5 * 8, 1); }

}  // namespace

TEST_CASE("tensor_list_words: pointer offset, (index << 32 | rank) and dims per tensor, then the data pointers") {
  const uint8_t* a = reinterpret_cast<const uint8_t*>(0x1000);
  const uint8_t* b = reinterpret_cast<const uint8_t*>(0x2000);
  const std::vector<uint64_t> words = ascendgen::sim::tensor_list_words({{a, {3}}, {b, {2, 4}}});
  CHECK(words == std::vector<uint64_t>{6 * 8, 1, 3, (uint64_t{1} << 32) | 2, 2, 4, 0x1000, 0x2000});
  CHECK_THROWS_AS(ascendgen::sim::tensor_list_words({}), std::invalid_argument);
}

TEST_CASE("ListTensorDesc reads the size, each tensor's rank, shape and data of a launch's descriptor") {
  Harness h;
  auto x0 = h.input(std::vector<float>{7, 0, 0, 0, 0, 0}, "x0");
  auto x1 = h.input(std::vector<float>(8, 9), "x1");
  uint8_t* list = ascendgen::sim::write_tensor_list(h.gm, {{x0, {2, 3}}, {x1, {4, 2}}}, "xs");
  auto out = h.output<int64_t>(16);
  h.run(describe_kernel, {list, out});
  const auto o = h.read<int64_t>(out, 9);
  CHECK(o == std::vector<int64_t>{2, 2, 2, 3, 7, 2, 4, 2, 9});
}

TEST_CASE("kernels that parse the descriptor by hand reach each tensor's bounds-checked buffer") {
  Harness h;
  auto x0 = h.input(std::vector<float>{1, 2, 3}, "x0");
  auto x1 = h.input(std::vector<float>{4, 5}, "x1");
  auto y0 = h.output<float>(3, "y0");
  auto y1 = h.output<float>(2, "y1");
  uint8_t* xs = ascendgen::sim::write_tensor_list(h.gm, {{x0, {3}}, {x1, {2}}}, "xs");
  uint8_t* ys = ascendgen::sim::write_tensor_list(h.gm, {{y0, {3}}, {y1, {2}}}, "ys");
  auto counts = h.input(std::vector<int32_t>{3, 2}, "counts");
  h.run(double_by_hand_kernel, {xs, ys, counts});
  CHECK(h.read<float>(y0, 3) == std::vector<float>{2, 4, 6});
  CHECK(h.read<float>(y1, 2) == std::vector<float>{8, 10});
  // Too many elements on the second tensor run past the bytes its allocator reserves.
  auto too_many = h.input(std::vector<int32_t>{3, 200}, "counts");
  const auto e = expect_kernel_error([&] { h.run(double_by_hand_kernel, {xs, ys, too_many}); });
  CHECK(e.kind() == ErrorKind::GmOutOfBounds);
}

TEST_CASE("ListTensorDesc fails where CANN's decoder only asserts") {
  Harness h;
  auto x0 = h.input(std::vector<float>(4), "x0");
  auto x1 = h.input(std::vector<float>(4), "x1");
  uint8_t* same_rank = ascendgen::sim::write_tensor_list(h.gm, {{x0, {4}}, {x1, {4}}}, "xs");
  uint8_t* mixed_rank = ascendgen::sim::write_tensor_list(h.gm, {{x0, {4}}, {x1, {2, 2}}}, "mixed");

  auto e = expect_kernel_error([&] { h.run(data_ptr_past_end_kernel, {same_rank}); });
  CHECK(e.kind() == ErrorKind::InvalidArgument);
  CHECK(mentions(e, "tensor 2 of a list of 2"));
  e = expect_kernel_error([&] { h.run(get_desc_kernel, {mixed_rank}); });
  CHECK(mentions(e, "tensor 1 has rank 2 but the list's first tensor has rank 1"));
  e = expect_kernel_error([&] { h.run(get_size_kernel, {mixed_rank}); });
  CHECK(mentions(e, "different ranks"));
  e = expect_kernel_error([&] { h.run(shape_past_rank_kernel, {same_rank}); });
  CHECK(mentions(e, "dimension 1 of a tensor of rank 1"));
  e = expect_kernel_error([&] { h.run(checked_init_kernel, {same_rank}); });
  CHECK(mentions(e, "shapeSize 1"));
  // A plain tensor is not a descriptor: its first word is no pointer offset.
  auto plain = h.input(std::vector<uint64_t>{3, 0, 0, 0}, "plain");
  e = expect_kernel_error([&] { h.run(get_size_kernel, {plain}); });
  CHECK(mentions(e, "not a tensor-list descriptor"));
}
