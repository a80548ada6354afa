// Fixpipe: L0C (NZ) -> GM on the FIX pipe, as ND rows (CFG_ROW_MAJOR) or NZ fractals (CFG_NZ), with
// the quantisation modes of the 910B (float -> half/bfloat16, int32 -> half with a scale, ->
// int8) and an optional ReLU; SetAtomicAdd accumulates into GM as DataCopy does.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "ascendgen/ascendc/kernel/cube.h"
#include "cube_operand.h"
#include "element.h"
#include "gm_access.h"

namespace ascendgen::sim::abi {
using sim::Core;
using sim::current;
using sim::ErrorKind;
using sim::Mem;

namespace {
const char* quant_name(uint8_t q) {
  static const char* names[] = {"NoQuant",     "F322F16",      "F322BF16", "DEQF16", "VDEQF16",
                                "QF322B8_PRE", "VQF322B8_PRE", "REQ8",     "VREQ8"};
  return q < sizeof(names) / sizeof(names[0]) ? names[q] : "an unknown QuantMode_t";
}

bool is_int8(DType d) { return d == DType::I8 || d == DType::U8; }

// Whether quant mode `q` turns an L0C element of `src` into `dst`.
bool legal_conversion(uint8_t q, DType src, DType dst) {
  switch (q) {
    case NoQuant: return dst == src;
    case F322F16: return src == DType::F32 && dst == DType::F16;
    case F322BF16: return src == DType::F32 && dst == DType::BF16;
    case DEQF16: case VDEQF16: return src == DType::I32 && dst == DType::F16;
    case QF322B8_PRE: case VQF322B8_PRE: return src == DType::F32 && is_int8(dst);
    case REQ8: case VREQ8: return src == DType::I32 && is_int8(dst);
    default: return false;
  }
}
bool scaled(uint8_t q) { return q >= DEQF16; }
bool per_column(uint8_t q) { return q == VDEQF16 || q == VQF322B8_PRE || q == VREQ8; }

// The float scale a quantisation parameter carries in its low 32 bits.
float scale_of(uint64_t bits) { return float_of(static_cast<uint32_t>(bits)); }

// Stores `v` as dtype `dt` at `out`: floats round to nearest even, int8 saturates.
void store(DType dt, double v, uint8_t* out) {
  switch (dt) {
    case DType::F16: { const uint16_t h = half_from_float(static_cast<float>(v)); std::memcpy(out, &h, 2); return; }
    case DType::BF16: { const uint16_t h = bf16_from_float(static_cast<float>(v)); std::memcpy(out, &h, 2); return; }
    case DType::F32: { const float f = static_cast<float>(v); std::memcpy(out, &f, 4); return; }
    case DType::I32: { const int32_t i = static_cast<int32_t>(v); std::memcpy(out, &i, 4); return; }
    case DType::I8: { const auto i = static_cast<int8_t>(std::clamp(std::nearbyint(v), -128.0, 127.0)); std::memcpy(out, &i, 1); return; }
    case DType::U8: { const auto i = static_cast<uint8_t>(std::clamp(std::nearbyint(v), 0.0, 255.0)); std::memcpy(out, &i, 1); return; }
    default: return;
  }
}
}  // namespace

void fixpipe_to_gm(GmRef dst, DType dst_dt, TensorRef src, const TensorRef* scale, const FixpipeShape& p, Site site) {
  Core& c = current();
  c.enter("Fixpipe", site);
  c.require(sim::CoreKind::Aic, "Fixpipe (L0C -> GM)");
  if (src.dtype != DType::F32 && src.dtype != DType::I32)
    c.fail(ErrorKind::Unsupported, "Fixpipe reads float or int32_t from L0C, not {}", sim::dtype_name(src.dtype));
  if (!legal_conversion(p.quant, src.dtype, dst_dt))
    c.fail(ErrorKind::InvalidArgument, "quantPre {} does not turn L0C {} into GM {}", quant_name(p.quant),
           sim::dtype_name(src.dtype), sim::dtype_name(dst_dt));
  if (p.n == 0 || p.m == 0 || p.nd_num == 0)
    c.fail(ErrorKind::InvalidArgument, "nSize {}, mSize {} and ndNum {} must be positive", p.n, p.m, p.nd_num);
  if (p.src_stride < p.m || p.src_stride % 16 != 0)
    c.fail(ErrorKind::InvalidArgument, "srcStride {} must be a multiple of 16 and at least mSize {} (L0C rows of a "
           "16-column block)", p.src_stride, p.m);
  if (!p.nz_out && p.dst_stride < p.n)
    c.fail(ErrorKind::InvalidArgument, "dstStride {} elements is less than nSize {}: GM rows would overlap",
           p.dst_stride, p.n);
  if (c.atomic_op != 0 && c.atomic_dtype != dst_dt)
    c.fail(ErrorKind::InvalidArgument, "atomic mode was set for {} but Fixpipe writes {}",
           sim::dtype_name(c.atomic_dtype), sim::dtype_name(dst_dt));
  const uint32_t nb = (p.n + 15) / 16;
  const uint64_t src_elems = uint64_t{p.nd_num - 1} * p.src_nd_stride * 256 + (uint64_t{nb - 1} * p.src_stride + p.m) * 16;
  const uint8_t* l0c = sim::cube_operand(c, src, Mem::L0C, src_elems * 4, 64, "source (L0C)");
  if (per_column(p.quant) && !scale)
    c.fail(ErrorKind::InvalidArgument, "quantPre {} scales per column and needs the uint64_t scale tensor in L1 "
           "(the cbufWorkspace overload)", quant_name(p.quant));
  std::vector<float> scales;
  if (scaled(p.quant)) {
    scales.assign(p.n, scale_of(p.deq_scalar));
    if (per_column(p.quant)) {
      const uint8_t* s = sim::cube_operand(c, *scale, Mem::L1, uint64_t{p.n} * 8, 32, "quantisation scales (L1)");
      for (uint32_t j = 0; j < p.n; ++j) {
        uint64_t bits;
        std::memcpy(&bits, s + j * 8, 8);
        scales[j] = scale_of(bits);
      }
    }
  }
  const size_t des = sim::dtype_size(dst_dt);
  const uint64_t nz_block = 32 / des;  // CFG_NZ: dstStride counts 32-byte blocks
  auto dst_offset = [&](uint64_t nd, uint64_t i, uint64_t j) {
    const uint64_t base = nd * p.dst_nd_stride;
    return p.nz_out ? base + (j / 16) * p.dst_stride * nz_block + i * 16 + j % 16 : base + i * p.dst_stride + j;
  };
  uint64_t gm_lo = ~uint64_t{0}, gm_hi = 0;
  std::vector<uint8_t> row(uint64_t{p.n} * des);
  for (uint32_t nd = 0; nd < p.nd_num; ++nd) {
    const uint8_t* first = dst.ptr + dst_offset(nd, 0, 0) * des;
    const uint8_t* last = dst.ptr + (dst_offset(nd, p.m - 1, p.n - 1) + 1) * des;
    if (p.nz_out) last = dst.ptr + (dst_offset(nd, p.m - 1, (nb - 1) * 16) + std::min(16u, p.n - (nb - 1) * 16)) * des;
    sim::check_gm(c, dst, first, last - first, true);
    gm_lo = std::min(gm_lo, reinterpret_cast<uint64_t>(first));
    gm_hi = std::max(gm_hi, reinterpret_cast<uint64_t>(last));
    for (uint32_t i = 0; i < p.m; ++i) {
      if (!c.timing_only()) {
        for (uint32_t j = 0; j < p.n; ++j) {
          const uint64_t at = uint64_t{nd} * p.src_nd_stride * 256 + (uint64_t{j / 16} * p.src_stride + i) * 16 + j % 16;
          double v;
          if (src.dtype == DType::F32) {
            float f;
            std::memcpy(&f, l0c + at * 4, 4);
            v = f;
          } else {
            int32_t x;
            std::memcpy(&x, l0c + at * 4, 4);
            v = x;
          }
          if (!scales.empty()) v *= scales[j];
          if (p.relu && v < 0) v = 0;
          store(dst_dt, v, row.data() + uint64_t{j} * des);
        }
      }
      if (p.nz_out) {
        for (uint32_t jb = 0; jb < nb; ++jb)
          sim::write_gm(c, dst.ptr + dst_offset(nd, i, jb * 16) * des, row.data() + uint64_t{jb} * 16 * des,
                        std::min(16u, p.n - jb * 16) * des, dst_dt);
      } else {
        sim::write_gm(c, dst.ptr + dst_offset(nd, i, 0) * des, row.data(), uint64_t{p.n} * des, dst_dt);
      }
    }
  }
  const uint64_t bytes = uint64_t{p.nd_num} * p.m * p.n * des;
  Instr& in = c.instr();
  in.kind = InstrKind::Fixpipe;
  in.pipe = Pipe::FIX;
  in.dtype = dst_dt;
  in.write = c.atomic_op != 0;
  in.repeats = p.nd_num * p.m;
  in.amount = bytes;
  in.reads[0] = {src.addr, static_cast<uint32_t>(src.addr + src_elems * 4)};
  in.gm_begin = gm_lo;
  in.gm_end = gm_hi;
  c.record.gm_write_bytes += bytes;
}

}  // namespace ascendgen::sim::abi
