#include "matmul_record.h"

#include <algorithm>

#include "launch.h"
#include "matmul_limits.h"

namespace ascendgen::sim {
namespace {
uint64_t ceil_div(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

// The AI cube core that does `c`'s matmul work: itself, or in a mixed launch its group's AIC,
// which serves both vector cores of the group (so their cube work queues on one timeline).
Core& cube_core_of(Core& c) {
  if (c.is_aic()) return c;
  return c.launch().core_in_group(c.place().group, CoreKind::Aic, 0);
}

Instr& add(Core& cube, const char* api, InstrKind kind, Pipe pipe, abi::DType dt, uint32_t repeats, uint64_t amount) {
  Instr& in = cube.note(api);
  in.kind = kind, in.pipe = pipe, in.dtype = dt, in.repeats = repeats, in.amount = amount;
  return in;
}
}  // namespace

void record_matmul_block(Core& c, const abi::MatmulBlock& blk) {
  Core& cube = cube_core_of(c);
  const abi::MatmulTiles& t = blk.tiles;
  const abi::DType dt = blk.a.dtype;
  const uint64_t es = dtype_size(dt), c0 = cube_c0(dt), out_es = dtype_size(blk.c.dtype);
  const uint64_t bm = t.base_m, bn = t.base_n, bk = t.base_k;
  const uint64_t a_rows_bytes = (blk.a.transpose ? blk.k : blk.m) * blk.a.ld * es;
  const uint64_t b_rows_bytes = (blk.b.transpose ? blk.n : blk.k) * blk.b.ld * es;
  for (uint64_t m0 = 0; m0 < blk.m; m0 += bm)
    for (uint64_t n0 = 0; n0 < blk.n; n0 += bn) {
      const uint64_t pm = std::min<uint64_t>(bm, blk.m - m0), pn = std::min<uint64_t>(bn, blk.n - n0);
      for (uint64_t k0 = 0, step = 0; k0 < blk.k; k0 += bk, ++step) {
        const uint64_t pk = std::min<uint64_t>(bk, blk.k - k0);
        // GM -> L1 panels: stepKa (stepKb) K steps of A (B) per load.
        if (step % std::max(t.step_ka, 1) == 0) {
          const uint64_t kk = std::min<uint64_t>(uint64_t(std::max(t.step_ka, 1)) * bk, blk.k - k0);
          Instr& in = add(cube, "Matmul:CopyGmToL1(A)", InstrKind::CopyGmToUb, Pipe::MTE2, dt,
                          uint32_t(blk.a.transpose ? kk : pm), pm * kk * es);
          in.gm_begin = reinterpret_cast<uint64_t>(blk.a.gm.ptr), in.gm_end = in.gm_begin + a_rows_bytes;
        }
        if (step % std::max(t.step_kb, 1) == 0) {
          const uint64_t kk = std::min<uint64_t>(uint64_t(std::max(t.step_kb, 1)) * bk, blk.k - k0);
          Instr& in = add(cube, "Matmul:CopyGmToL1(B)", InstrKind::CopyGmToUb, Pipe::MTE2, dt,
                          uint32_t(blk.b.transpose ? pn : kk), pn * kk * es);
          in.gm_begin = reinterpret_cast<uint64_t>(blk.b.gm.ptr), in.gm_end = in.gm_begin + b_rows_bytes;
        }
        const uint64_t fa = ceil_div(pm, 16) * ceil_div(pk, c0), fb = ceil_div(pn, 16) * ceil_div(pk, c0);
        add(cube, "Matmul:LoadData(A)", InstrKind::LoadL0A, Pipe::MTE1, dt, uint32_t(fa), fa * 512);
        add(cube, "Matmul:LoadData(B)", InstrKind::LoadL0B, Pipe::MTE1, dt, uint32_t(fb), fb * 512);
        add(cube, "Matmul:Mmad", InstrKind::Mmad, Pipe::M, dt, uint32_t(ceil_div(pm, 16) * ceil_div(pn, 16) * ceil_div(pk, c0)),
            pm * pn * pk);
      }
      Instr& out = add(cube, "Matmul:Fixpipe", InstrKind::Fixpipe, Pipe::FIX, blk.c.dtype, uint32_t(pm), pm * pn * out_es);
      if (!blk.c.to_ub) {
        out.gm_begin = reinterpret_cast<uint64_t>(blk.c.gm.ptr + (m0 * blk.c.ld + n0) * out_es);
        out.gm_end = out.gm_begin + ((pm - 1) * blk.c.ld + pn) * out_es;
      }
    }
  cube.record.cube_macs += uint64_t{blk.m} * blk.n * blk.k;
}

bool matmul_core_serves_clients(Core& c) {
  return c.is_aic() && c.launch().options().core_type == CoreType::Mix;
}

}  // namespace ascendgen::sim
