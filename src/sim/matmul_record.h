// What a Matmul API call costs on the cube core, as instruction records for the timing model, and
// which core serves the Matmul objects of a mixed launch.
#pragma once
#include "ascendgen/ascendc/lib/matmul/matmul_abi.h"
#include "core.h"

namespace ascendgen::sim {

// Appends the instructions one block of C costs on the cube core: per piece and baseK step the
// GM -> L1 panel loads of A and B (MTE2, every stepKa / stepKb steps), the L1 -> L0A/L0B loads
// (MTE1) and the Mmad (M); then the L0C -> C move (FIX). Each record names the buffer ranges it
// reads and writes, so the timing model orders them as the hardware's flags would.
void record_matmul_block(Core& c, const abi::MatmulBlock& blk);

// True on the AI cube core of a mixed launch (REGIST_MATMUL_OBJ returns there).
bool matmul_core_serves_clients(Core& c);

}  // namespace ascendgen::sim
