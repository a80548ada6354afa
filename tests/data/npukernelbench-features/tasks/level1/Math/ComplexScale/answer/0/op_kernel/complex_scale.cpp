// Fixture kernel entry (never compiled by the importer test).
extern "C" __global__ __aicore__ void complex_scale(GM_ADDR x, GM_ADDR value, GM_ADDR y, GM_ADDR workspace, GM_ADDR tiling) {}
