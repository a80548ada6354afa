// The cube core's data movement into L1 and L0: DataCopy GM -> L1 with ND -> NZ conversion
// (MTE2), LoadData 2D L1 -> L0A/L0B in 512-byte fractals (MTE1), and InitConstValue fills.
#include <cstring>

#include "ascendgen/ascendc/kernel/cube.h"
#include "cube_operand.h"
#include "gm_access.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;
using sim::Mem;

namespace {
uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }
}  // namespace

void copy_gm_to_l1_nd2nz(TensorRef dst, GmRef src, const Nd2NzShape& p, Site site) {
  Core& c = current();
  c.enter("DataCopy", site);
  c.require(sim::CoreKind::Aic, "DataCopy with Nd2NzParams (GM -> L1)");
  const uint64_t es = sim::dtype_size(dst.dtype);
  if (es > 4) c.fail(ErrorKind::Unsupported, "ND -> NZ copies move 1-, 2- or 4-byte elements, not {}", sim::dtype_name(dst.dtype));
  Instr& in = c.instr();
  in.kind = InstrKind::CopyGmToUb;
  in.pipe = Pipe::MTE2;
  in.dtype = dst.dtype;
  if (p.nd_num == 0 || p.n == 0 || p.d == 0) return;  // a NOP on the NPU (with a warning)
  if (p.src_d < p.d)
    c.fail(ErrorKind::InvalidArgument, "srcDValue {} is smaller than dValue {}: source rows would overlap", p.src_d, p.d);
  if (p.dst_c0_stride == 0 || p.dst_n_stride == 0)
    c.fail(ErrorKind::InvalidArgument, "dstNzC0Stride ({}) and dstNzNStride ({}) must be at least 1", p.dst_c0_stride,
           p.dst_n_stride);
  const uint64_t c0 = sim::c0_of(dst.dtype), blocks = ceil_div(p.d, c0);
  const uint64_t dst_elems = (p.nd_num - 1) * uint64_t{p.dst_matrix_stride} + (blocks - 1) * p.dst_c0_stride * c0 +
                             (p.n - 1) * uint64_t{p.dst_n_stride} * c0 + c0;
  uint8_t* l1 = sim::cube_operand(c, dst, Mem::L1, dst_elems * es, 32, "destination");
  const uint64_t row_span = ((p.n - 1) * uint64_t{p.src_d} + p.d) * es;
  for (uint32_t m = 0; m < p.nd_num; ++m)
    sim::check_gm(c, src, src.ptr + m * uint64_t{p.src_matrix_stride} * es, row_span, false);
  if (!c.timing_only()) {
    for (uint32_t m = 0; m < p.nd_num; ++m)
      for (uint32_t r = 0; r < p.n; ++r) {
        const uint8_t* from = src.ptr + (m * uint64_t{p.src_matrix_stride} + r * uint64_t{p.src_d}) * es;
        uint8_t* row = l1 + (m * uint64_t{p.dst_matrix_stride} + r * uint64_t{p.dst_n_stride} * c0) * es;
        for (uint64_t b = 0; b < blocks; ++b) {
          uint8_t* to = row + b * p.dst_c0_stride * c0 * es;
          const uint64_t have = std::min<uint64_t>(c0, p.d - b * c0) * es;
          std::memcpy(to, from + b * c0 * es, have);
          std::memset(to + have, 0, 32 - have);  // a row's last block is padded with zeros in L1
        }
      }
  }
  const uint64_t bytes = uint64_t{p.nd_num} * p.n * p.d * es;
  in.repeats = p.nd_num * p.n;
  in.amount = bytes;
  in.writes = {dst.addr, static_cast<uint32_t>(dst.addr + dst_elems * es)};
  in.gm_begin = reinterpret_cast<uint64_t>(src.ptr);
  in.gm_end = in.gm_begin + (p.nd_num - 1) * uint64_t{p.src_matrix_stride} * es + row_span;
  c.record.gm_read_bytes += bytes;
}

void load_data_2d(TensorRef dst, TensorRef src, const Load2DShape& p, Site site) {
  Core& c = current();
  c.enter("LoadData", site);
  c.require(sim::CoreKind::Aic, "LoadData (L1 -> L0A/L0B)");
  const Mem to = c.mem_of(dst, 0, "destination");
  if (to != Mem::L0A && to != Mem::L0B)
    c.fail(ErrorKind::Unsupported, "LoadData 2D writes L0A (TPosition::A2) or L0B (B2), not {}", sim::mem_name(to));
  if (p.repeat == 0) c.fail(ErrorKind::InvalidArgument, "repeatTimes is 0");
  if (p.addr_mode != 0) c.fail(ErrorKind::Unsupported, "LoadData2DParams::addrMode {} is not modelled yet", p.addr_mode);
  const uint64_t es = sim::dtype_size(src.dtype);
  if (p.transpose && es != 2)
    c.fail(ErrorKind::Unsupported, "ifTranspose transposes 16x16 fractals of 2-byte types; {} needs "
           "LoadDataWithTranspose", sim::dtype_name(src.dtype));
  const uint64_t last_src = p.start + uint64_t{p.repeat - 1} * p.src_stride;
  const uint8_t* l1 = sim::cube_operand(c, src, Mem::L1, (last_src + 1) * sim::kFractalBytes, 32, "source");
  const uint64_t dst_bytes = (uint64_t{p.repeat - 1} * (1 + p.dst_gap) + 1) * sim::kFractalBytes;
  uint8_t* l0 = sim::cube_operand(c, dst, to, dst_bytes, sim::kFractalBytes, "destination");
  if (!c.timing_only()) {
    for (uint32_t i = 0; i < p.repeat; ++i) {
      const uint8_t* from = l1 + (p.start + uint64_t{i} * p.src_stride) * sim::kFractalBytes;
      uint8_t* out = l0 + uint64_t{i} * (1 + p.dst_gap) * sim::kFractalBytes;
      if (!p.transpose) {
        std::memcpy(out, from, sim::kFractalBytes);
        continue;
      }
      for (int r = 0; r < 16; ++r)
        for (int k = 0; k < 16; ++k) std::memcpy(out + (k * 16 + r) * 2, from + (r * 16 + k) * 2, 2);
    }
  }
  Instr& in = c.instr();
  in.kind = to == Mem::L0A ? InstrKind::LoadL0A : InstrKind::LoadL0B;
  in.pipe = Pipe::MTE1;
  in.dtype = src.dtype;
  in.repeats = p.repeat;
  in.amount = uint64_t{p.repeat} * sim::kFractalBytes;
  in.reads[0] = {static_cast<uint32_t>(src.addr + p.start * sim::kFractalBytes),
                 static_cast<uint32_t>(src.addr + (last_src + 1) * sim::kFractalBytes)};
  in.writes = {dst.addr, static_cast<uint32_t>(dst.addr + dst_bytes)};
}

void init_const_value(TensorRef dst, uint32_t repeat, uint32_t blocks, uint32_t gap_blocks, uint64_t value_bits,
                      Site site) {
  Core& c = current();
  c.enter("InitConstValue", site);
  c.require(sim::CoreKind::Aic, "InitConstValue");
  const Mem to = c.mem_of(dst, 0, "destination");
  if (to != Mem::L1 && to != Mem::L0A && to != Mem::L0B)
    c.fail(ErrorKind::Unsupported, "InitConstValue fills L1, L0A or L0B, not {}", sim::mem_name(to));
  if (repeat == 0 || blocks == 0) c.fail(ErrorKind::InvalidArgument, "repeatTimes {} and blockNum {} must be positive",
                                         repeat, blocks);
  const uint64_t bytes = (uint64_t{repeat - 1} * (blocks + gap_blocks) + blocks) * 32;
  uint8_t* out = sim::cube_operand(c, dst, to, bytes, 32, "destination");
  const size_t es = sim::dtype_size(dst.dtype);
  if (!c.timing_only())
    for (uint32_t r = 0; r < repeat; ++r)
      for (uint64_t b = 0; b < uint64_t{blocks} * 32; b += es)
        std::memcpy(out + uint64_t{r} * (blocks + gap_blocks) * 32 + b, &value_bits, es);
  Instr& in = c.instr();
  in.kind = InstrKind::CopyGmToUb;  // a fill on MTE2, timed like a copy of the bytes it writes
  in.pipe = Pipe::MTE2;
  in.dtype = dst.dtype;
  in.repeats = repeat;
  in.amount = uint64_t{repeat} * blocks * 32;
  in.writes = {dst.addr, static_cast<uint32_t>(dst.addr + bytes)};
}

}  // namespace ascendgen::sim::abi
