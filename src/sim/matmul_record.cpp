#include "matmul_record.h"

#include <algorithm>

#include "launch.h"
#include "local_memory.h"
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

Instr& add(Core& cube, const char* api, InstrKind kind, Pipe pipe, abi::DType dt, uint64_t repeats, uint64_t amount) {
  Instr& in = cube.note(api);
  in.kind = kind, in.pipe = pipe, in.dtype = dt, in.repeats = static_cast<uint32_t>(repeats), in.amount = amount;
  return in;
}

UbRange span(uint64_t begin, uint64_t bytes) {
  return {static_cast<uint32_t>(begin), static_cast<uint32_t>(begin + bytes)};
}

// One GM -> L1 panel load (MTE2) of `bytes` in `bursts` rows into `where`; the GM range is the
// operand's rows this block reads.
void load_panel(Core& cube, const char* api, const abi::MatmulOperand& op, uint64_t bursts, uint64_t bytes,
                UbRange where, uint64_t rows_bytes) {
  Instr& in = add(cube, api, InstrKind::CopyGmToUb, Pipe::MTE2, op.dtype, bursts, bytes);
  in.writes = where;
  in.gm_begin = reinterpret_cast<uint64_t>(op.gm.ptr), in.gm_end = in.gm_begin + rows_bytes;
}

// Where the pieces' data sit in the cube core's buffers, as CANN's Matmul places them: A and B
// panels (stepKa / stepKb K steps each) ping-pong in L1, their L0 tiles ping-pong in halves of
// L0A / L0B, and one baseM x baseN accumulator in L0C. The timing model orders the records by
// these ranges (a load waits for the buffer it overwrites to be read, a use for its data).
struct Placement {
  uint64_t a_panel, b_panel;       // bytes of one L1 panel
  uint64_t l1, l1_bytes, l0a_half, l0b_half, l0c;
  // Two slots each when they fit L1 (the tiling's depthA1/depthB1 allow it), else one.
  uint64_t slots() const { return 2 * (a_panel + b_panel) <= l1_bytes ? 2 : 1; }
  UbRange a_l1(uint64_t i) const { return span(l1 + (i % slots()) * a_panel, a_panel); }
  UbRange b_l1(uint64_t i) const { return span(l1 + slots() * a_panel + (i % slots()) * b_panel, b_panel); }
};
}  // namespace

void record_matmul_block(Core& c, const abi::MatmulBlock& blk) {
  Core& cube = cube_core_of(c);
  const abi::MatmulTiles& t = blk.tiles;
  const abi::DType dt = blk.a.dtype;
  const uint64_t es = dtype_size(dt), c0 = cube_c0(dt), out_es = dtype_size(blk.c.dtype);
  const uint64_t bm = t.base_m, bn = t.base_n, bk = t.base_k;
  const uint64_t step_a = std::max(t.step_ka, 1), step_b = std::max(t.step_kb, 1);
  const MemLayout& mem = cube.memory();
  const Placement at{bm * step_a * bk * es, bn * step_b * bk * es, mem.base_of(Mem::L1), mem.bytes_of(Mem::L1),
                     mem.bytes_of(Mem::L0A) / 2, mem.bytes_of(Mem::L0B) / 2, mem.base_of(Mem::L0C)};
  const uint64_t a_rows_bytes = (blk.a.transpose ? blk.k : blk.m) * blk.a.ld * es;
  const uint64_t b_rows_bytes = (blk.b.transpose ? blk.n : blk.k) * blk.b.ld * es;
  uint64_t a_loads = 0, b_loads = 0, l0_steps = 0;
  for (uint64_t m0 = 0; m0 < blk.m; m0 += bm)
    for (uint64_t n0 = 0; n0 < blk.n; n0 += bn) {
      const uint64_t pm = std::min(bm, blk.m - m0), pn = std::min(bn, blk.n - n0);
      UbRange a_panel{}, b_panel{};
      for (uint64_t k0 = 0, step = 0; k0 < blk.k; k0 += bk, ++step, ++l0_steps) {
        const uint64_t pk = std::min(bk, blk.k - k0);
        // GM -> L1 panels (MTE2): stepKa (stepKb) K steps of A (B) per load. A panel's rows are
        // along M (N) unless the operand is stored transposed, then along K.
        if (step % step_a == 0) {
          const uint64_t kk = std::min(step_a * bk, blk.k - k0);
          a_panel = at.a_l1(a_loads++);
          load_panel(cube, "Matmul:CopyGmToL1(A)", blk.a, blk.a.transpose ? kk : pm, pm * kk * es, a_panel, a_rows_bytes);
        }
        if (step % step_b == 0) {
          const uint64_t kk = std::min(step_b * bk, blk.k - k0);
          b_panel = at.b_l1(b_loads++);
          load_panel(cube, "Matmul:CopyGmToL1(B)", blk.b, blk.b.transpose ? pn : kk, pn * kk * es, b_panel, b_rows_bytes);
        }
        // L1 -> L0A / L0B fractals (MTE1), into this step's half of each.
        const uint64_t fa = ceil_div(pm, 16) * ceil_div(pk, c0), fb = ceil_div(pn, 16) * ceil_div(pk, c0);
        const UbRange l0a = span(mem.base_of(Mem::L0A) + (l0_steps % 2) * at.l0a_half, fa * 512);
        const UbRange l0b = span(mem.base_of(Mem::L0B) + (l0_steps % 2) * at.l0b_half, fb * 512);
        Instr& la = add(cube, "Matmul:LoadData(A)", InstrKind::LoadL0A, Pipe::MTE1, dt, fa, fa * 512);
        la.reads[0] = a_panel, la.writes = l0a;
        Instr& lb = add(cube, "Matmul:LoadData(B)", InstrKind::LoadL0B, Pipe::MTE1, dt, fb, fb * 512);
        lb.reads[0] = b_panel, lb.writes = l0b;
        // Mmad (M) into the piece's accumulator in L0C.
        Instr& mm = add(cube, "Matmul:Mmad", InstrKind::Mmad, Pipe::M, dt,
                        ceil_div(pm, 16) * ceil_div(pn, 16) * ceil_div(pk, c0), pm * pn * pk);
        mm.reads[0] = l0a, mm.reads[1] = l0b, mm.writes = span(at.l0c, bm * bn * 4);
      }
      // L0C -> C (FIX), with the dtype conversion.
      Instr& out = add(cube, "Matmul:Fixpipe", InstrKind::Fixpipe, Pipe::FIX, blk.c.dtype, pm, pm * pn * out_es);
      out.reads[0] = span(at.l0c, bm * bn * 4);
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
