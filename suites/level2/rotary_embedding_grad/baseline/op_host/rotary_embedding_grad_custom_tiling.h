// Tiling data of RotaryEmbeddingGradCustom: the host fills it, the kernel reads it with GET_TILING_DATA.
#ifndef ROTARY_EMBEDDING_GRAD_CUSTOM_TILING_H
#define ROTARY_EMBEDDING_GRAD_CUSTOM_TILING_H
#include "register/tilingdata_base.h"

namespace optiling {
BEGIN_TILING_DATA_DEF(RotaryEmbeddingGradCustomTilingData)
  TILING_DATA_FIELD_DEF(int64_t, tokens);
  TILING_DATA_FIELD_DEF(int64_t, seqLen);
  TILING_DATA_FIELD_DEF(int64_t, heads);
  TILING_DATA_FIELD_DEF(int64_t, headDim);
END_TILING_DATA_DEF;

REGISTER_TILING_DATA_CLASS(RotaryEmbeddingGradCustom, RotaryEmbeddingGradCustomTilingData)
}  // namespace optiling
#endif
