#include <doctest/doctest.h>

#include <vector>

#include "kernel_side_layout.h"
#include "layout_tiling.h"
#include "operator/host_runtime.h"
#include "operator/kernel_tiling_macros.h"

namespace {
optiling::LayoutTiling filled() {
  optiling::LayoutTiling t;
  t.set_flag(7);
  t.set_scale(0.5f);
  const uint32_t splits[3] = {10, 20, 30};
  t.set_splits(splits);
  t.set_total(0x0102030405060708ull);
  t.inner.set_a(9);
  t.inner.set_b(-3);
  t.set_tail(-2);
  return t;
}
}  // namespace

TEST_CASE("tiling_data, host_bytes_are_the_kernel_struct") {
  const std::vector<unsigned char> kernel = kernel_layout_bytes();
  const optiling::LayoutTiling host = filled();
  // flag@0, scale@4, splits@8..20, total@24, inner{a@32, b@40}, tail@48, size rounded to 56.
  CHECK(kernel.size() == 56);
  REQUIRE(host.GetDataSize() == kernel.size());
  std::vector<unsigned char> saved(host.GetDataSize(), 0xAB);
  host.SaveToBuffer(saved.data(), saved.size());
  CHECK(saved == kernel);
  CHECK(host.get_total() == 0x0102030405060708ull);
  CHECK(host.inner.get_b() == -3);
}

TEST_CASE("tiling_data, copies_keep_their_fields") {
  const optiling::LayoutTiling original = filled();
  optiling::LayoutTiling copy = original;
  copy.set_tail(5);
  std::vector<unsigned char> a(original.GetDataSize()), b(copy.GetDataSize());
  original.SaveToBuffer(a.data(), a.size());
  copy.SaveToBuffer(b.data(), b.size());
  CHECK(a != b);
  CHECK(b[48] == 5);
  CHECK(a[48] == 0xFE);  // -2 as int16 little-endian, low byte
}

TEST_CASE("tiling_data, save_to_a_small_buffer_writes_nothing_and_is_noted") {
  const optiling::LayoutTiling host = filled();
  ascendgen::host::take_tiling_overflow();
  std::vector<unsigned char> small(16, 0xAB);
  host.SaveToBuffer(small.data(), small.size());
  CHECK(small == std::vector<unsigned char>(16, 0xAB));
  const ascendgen::host::TilingOverflow overflow = ascendgen::host::take_tiling_overflow();
  CHECK(overflow.needed == 56);
  CHECK(overflow.capacity == 16);
  CHECK(ascendgen::host::take_tiling_overflow().needed == 0);  // taken once
}

TEST_CASE("tiling_data, get_tiling_data_reads_what_the_host_saved") {
  const optiling::LayoutTiling host = filled();
  std::vector<unsigned char> gm(host.GetDataSize());
  host.SaveToBuffer(gm.data(), gm.size());
  ascendgen::host::set_launch_tiling(3, gm.size());
  const KernelView view = kernel_view(gm.data());
  CHECK(view.total == 0x0102030405060708ull);
  CHECK(view.inner_b == -3);
  CHECK(view.tail == -2);
  CHECK(TILING_KEY_IS(3));
  CHECK_FALSE(TILING_KEY_IS(1));
  // The host set fewer bytes than the struct holds: the rest reads as zero, never past the buffer.
  ascendgen::host::set_launch_tiling(3, 32);
  const KernelView cut = kernel_view(gm.data());
  CHECK(cut.total == 0x0102030405060708ull);
  CHECK(cut.inner_b == 0);
  CHECK(cut.tail == 0);
  ascendgen::host::set_launch_tiling(0, 0);
}
