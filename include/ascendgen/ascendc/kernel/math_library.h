// The high-level math library of Ascend C: Sigmoid, Tanh, Gelu, FasterGelu, FasterGeluV2, SoftMax,
// SimpleSoftMax and LayerNorm (Sin, Log, Power ...: math_functions.h). Every form comes with a
// sharedTmpBuffer argument or without one (then the library takes its temporary space from the UB
// the TPipe left free). Each call reduces to one
// runtime function that checks operands and temporary space and computes in float.
#pragma once
#include "math_library_tiling.h"
#include "vector_common.h"

namespace ascendgen::sim::abi {

// The library's temporary space: the kernel's sharedTmpBuffer, or (shared false) the free UB.
struct TmpSpace {
  bool shared = false;
  TensorRef buffer{};
};

enum class ActivationOp : uint8_t {
  Sigmoid, Tanh, Gelu, FasterGelu, FasterGeluV2,
  Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Erf, Erfc, Sign, Log, Log2, Log10
};
// dst[i] = op(src[i]) for i < count.
void math_activation(const char* api, ActivationOp op, DType dt, TensorRef dst, TensorRef src, TmpSpace tmp,
                     uint64_t count, Site site);

enum class SoftMaxOp : uint8_t { SoftMax, SimpleSoftMax };
struct SoftMaxArgs {
  uint32_t srcM, srcK, oriSrcM, oriSrcK;          // SoftMaxShapeInfo
  uint32_t tilingSrcM, tilingSrcK, tilingSplitM;  // the SoftMaxTiling fields the library relies on
  bool basicBlock;
  bool dataFormatNZ;
  bool withoutBroadcast;  // SoftmaxConfig::mode == SOFTMAX_OUTPUT_WITHOUT_BRC
};
// Row-wise softmax of src [srcM, srcK]. sum/max hold one 32-byte block per row: outputs of SoftMax
// (null for the form without them), inputs of SimpleSoftMax. stat_dt is their dtype.
void softmax(const char* api, SoftMaxOp op, DType dt, DType stat_dt, TensorRef dst, const TensorRef* sum,
             const TensorRef* max, TensorRef src, TmpSpace tmp, const SoftMaxArgs& args, Site site);

struct LayerNormArgs {
  uint32_t bLength, sLength, hLength, originalHLength;
  uint32_t tmpBufSize, oneTmpSize;  // from LayerNormTiling, in floats
  float lastDimValueBack;
  float epsilon;
  bool reuseSource;
};
// output = (x - mean) / sqrt(variance + epsilon) * gamma + beta over rows of hLength elements.
void layer_norm(DType dt, TensorRef output, TensorRef mean, TensorRef variance, TensorRef x, TensorRef gamma,
                TensorRef beta, TmpSpace tmp, const LayerNormArgs& args, Site site);

}  // namespace ascendgen::sim::abi

namespace AscendC {
namespace detail {
inline ascendgen::sim::abi::TmpSpace shared_tmp(const LocalTensor<uint8_t>& t) { return {true, t.ref()}; }
inline constexpr ascendgen::sim::abi::TmpSpace kLibraryTmp{};

inline ascendgen::sim::abi::SoftMaxArgs softmax_args(const SoftMaxTiling& tiling, const SoftMaxShapeInfo& shape,
                                                     bool basicBlock, bool dataFormatNZ, const SoftmaxConfig& config) {
  return {shape.srcM,   shape.srcK,   shape.oriSrcM, shape.oriSrcK, tiling.srcM, tiling.srcK,
          tiling.splitM, basicBlock, dataFormatNZ, config.mode == SoftmaxMode::SOFTMAX_OUTPUT_WITHOUT_BRC};
}
}  // namespace detail

// ---- element-wise activations -----------------------------------------------------------------
// The forms of an element-wise library function, with or without calCount (default: the source's
// size); the 4-form kind adds the sharedTmpBuffer forms. Each is callable through a pointer too.
#define ASCENDGEN_ACTIVATION_CALL(Name, Op, Tmp, Count)                                                      \
  {                                                                                                          \
    ascendgen::sim::abi::math_activation(#Name, ascendgen::sim::abi::ActivationOp::Op,                       \
                                         ascendgen::sim::abi::dtype_of<T>, dstTensor.ref(), srcTensor.ref(), \
                                         Tmp, Count, site);                                                  \
  }
#define ASCENDGEN_ACTIVATION_2_FORMS(Name, Op)                                                                 \
  ASCENDGEN_API(Name, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, const LocalTensor<T>& srcTensor, const uint32_t calCount),   \
                ASCENDGEN_ACTIVATION_CALL(Name, Op, detail::kLibraryTmp, calCount))                            \
  ASCENDGEN_API(Name, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, const LocalTensor<T>& srcTensor),                            \
                ASCENDGEN_ACTIVATION_CALL(Name, Op, detail::kLibraryTmp, srcTensor.GetSize()))
#define ASCENDGEN_ACTIVATION_4_FORMS(Name, Op)                                                                 \
  ASCENDGEN_ACTIVATION_2_FORMS(Name, Op)                                                                       \
  ASCENDGEN_API(Name, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, const LocalTensor<T>& srcTensor,                             \
                 const LocalTensor<uint8_t>& sharedTmpBuffer, const uint32_t calCount),                        \
                ASCENDGEN_ACTIVATION_CALL(Name, Op, detail::shared_tmp(sharedTmpBuffer), calCount))            \
  ASCENDGEN_API(Name, (typename T, bool isReuseSource = false),                                                \
                (const LocalTensor<T>& dstTensor, const LocalTensor<T>& srcTensor,                             \
                 const LocalTensor<uint8_t>& sharedTmpBuffer),                                                 \
                ASCENDGEN_ACTIVATION_CALL(Name, Op, detail::shared_tmp(sharedTmpBuffer), srcTensor.GetSize()))
ASCENDGEN_ACTIVATION_4_FORMS(Sigmoid, Sigmoid)
ASCENDGEN_ACTIVATION_4_FORMS(Tanh, Tanh)

// The Gelu family always takes dataSize; highPrecision/highPerformance only change how the NPU
// evaluates the formula, which the emulator computes in float either way.
#define ASCENDGEN_GELU_FORMS(Name, Op)                                                                        \
  template <typename T, bool highPrecision = false, bool highPerformance = false>                             \
  inline void Name(const LocalTensor<T>& dstLocal, const LocalTensor<T>& srcLocal,                            \
                   const LocalTensor<uint8_t>& sharedTmpBuffer, const uint32_t dataSize,                      \
                   Site site = Site::here()) {                                                                \
    ascendgen::sim::abi::math_activation(#Name, ascendgen::sim::abi::ActivationOp::Op,                        \
                                         ascendgen::sim::abi::dtype_of<T>, dstLocal.ref(), srcLocal.ref(),    \
                                         detail::shared_tmp(sharedTmpBuffer), dataSize, site);               \
  }                                                                                                           \
  template <typename T, bool highPrecision = false, bool highPerformance = false>                             \
  inline void Name(const LocalTensor<T>& dstLocal, const LocalTensor<T>& srcLocal, const uint32_t dataSize,   \
                   Site site = Site::here()) {                                                                \
    ascendgen::sim::abi::math_activation(#Name, ascendgen::sim::abi::ActivationOp::Op,                        \
                                         ascendgen::sim::abi::dtype_of<T>, dstLocal.ref(), srcLocal.ref(),    \
                                         detail::kLibraryTmp, dataSize, site);                                \
  }
ASCENDGEN_GELU_FORMS(Gelu, Gelu)
ASCENDGEN_GELU_FORMS(FasterGelu, FasterGelu)
ASCENDGEN_GELU_FORMS(FasterGeluV2, FasterGeluV2)
#undef ASCENDGEN_GELU_FORMS

// ---- SoftMax and SimpleSoftMax ----------------------------------------------------------------------
namespace detail {
template <typename T, typename U>
inline void softmax_call(const char* api, ascendgen::sim::abi::SoftMaxOp op, const LocalTensor<T>& dst,
                         const LocalTensor<U>* sum, const LocalTensor<U>* max, const LocalTensor<T>& src,
                         ascendgen::sim::abi::TmpSpace tmp, const ascendgen::sim::abi::SoftMaxArgs& args, Site site) {
  ascendgen::sim::abi::softmax(api, op, ascendgen::sim::abi::dtype_of<T>, ascendgen::sim::abi::dtype_of<U>, dst.ref(),
                               sum ? &sum->ref() : nullptr, max ? &max->ref() : nullptr, src.ref(), tmp, args, site);
}
}  // namespace detail

// Declares the same-dtype and half/float forms of SoftMax or SimpleSoftMax, with and without
// sharedTmpBuffer; Stat names the sum/max operands (outputs for SoftMax, inputs for SimpleSoftMax).
#define ASCENDGEN_SOFTMAX_STAT_FORMS(Name, Op, Sum, Max)                                                           \
  template <typename T, bool isReuseSource = false, bool isBasicBlock = false, bool isDataFormatNZ = false,        \
            const SoftmaxConfig& config = SOFTMAX_DEFAULT_CFG>                                                      \
  inline void Name(const LocalTensor<T>& dstTensor, const LocalTensor<T>& Sum, const LocalTensor<T>& Max,          \
                   const LocalTensor<T>& srcTensor, const SoftMaxTiling& tiling,                                   \
                   const SoftMaxShapeInfo& softmaxShapeInfo = {}, Site site = Site::here()) {                      \
    detail::softmax_call(#Name, ascendgen::sim::abi::SoftMaxOp::Op, dstTensor, &Sum, &Max, srcTensor,              \
                         detail::kLibraryTmp,                                                                       \
                         detail::softmax_args(tiling, softmaxShapeInfo, isBasicBlock, isDataFormatNZ, config), site); \
  }                                                                                                                 \
  template <typename T, bool isReuseSource = false, bool isBasicBlock = false, bool isDataFormatNZ = false,        \
            const SoftmaxConfig& config = SOFTMAX_DEFAULT_CFG>                                                      \
  inline void Name(const LocalTensor<half>& dstTensor, const LocalTensor<float>& Sum, const LocalTensor<float>& Max, \
                   const LocalTensor<half>& srcTensor, const SoftMaxTiling& tiling,                                \
                   const SoftMaxShapeInfo& softmaxShapeInfo = {}, Site site = Site::here()) {                      \
    detail::softmax_call(#Name, ascendgen::sim::abi::SoftMaxOp::Op, dstTensor, &Sum, &Max, srcTensor,              \
                         detail::kLibraryTmp,                                                                       \
                         detail::softmax_args(tiling, softmaxShapeInfo, isBasicBlock, isDataFormatNZ, config), site); \
  }                                                                                                                 \
  template <typename T, bool isReuseSource = false, bool isBasicBlock = false, bool isDataFormatNZ = false,        \
            const SoftmaxConfig& config = SOFTMAX_DEFAULT_CFG>                                                      \
  inline void Name(const LocalTensor<T>& dstTensor, const LocalTensor<T>& Sum, const LocalTensor<T>& Max,          \
                   const LocalTensor<T>& srcTensor, const LocalTensor<uint8_t>& sharedTmpBuffer,                   \
                   const SoftMaxTiling& tiling, const SoftMaxShapeInfo& softmaxShapeInfo = {},                     \
                   Site site = Site::here()) {                                                                     \
    detail::softmax_call(#Name, ascendgen::sim::abi::SoftMaxOp::Op, dstTensor, &Sum, &Max, srcTensor,              \
                         detail::shared_tmp(sharedTmpBuffer),                                                      \
                         detail::softmax_args(tiling, softmaxShapeInfo, isBasicBlock, isDataFormatNZ, config), site); \
  }                                                                                                                 \
  template <typename T, bool isReuseSource = false, bool isBasicBlock = false, bool isDataFormatNZ = false,        \
            const SoftmaxConfig& config = SOFTMAX_DEFAULT_CFG>                                                      \
  inline void Name(const LocalTensor<half>& dstTensor, const LocalTensor<float>& Sum, const LocalTensor<float>& Max, \
                   const LocalTensor<half>& srcTensor, const LocalTensor<uint8_t>& sharedTmpBuffer,                \
                   const SoftMaxTiling& tiling, const SoftMaxShapeInfo& softmaxShapeInfo = {},                     \
                   Site site = Site::here()) {                                                                     \
    detail::softmax_call(#Name, ascendgen::sim::abi::SoftMaxOp::Op, dstTensor, &Sum, &Max, srcTensor,              \
                         detail::shared_tmp(sharedTmpBuffer),                                                      \
                         detail::softmax_args(tiling, softmaxShapeInfo, isBasicBlock, isDataFormatNZ, config), site); \
  }
// SoftMax: max = rowmax(x), sum = rowsum(exp(x - max)), dst = exp(x - max) / sum.
ASCENDGEN_SOFTMAX_STAT_FORMS(SoftMax, SoftMax, sumTensor, maxTensor)
// SimpleSoftMax: dst = exp(x - inMax) / inSum with the row statistics of an earlier SoftMax.
ASCENDGEN_SOFTMAX_STAT_FORMS(SimpleSoftMax, SimpleSoftMax, inSumTensor, inMaxTensor)
#undef ASCENDGEN_SOFTMAX_STAT_FORMS

// SoftMax without the sum and max outputs.
template <typename T, bool isReuseSource = false, bool isBasicBlock = false,
          const SoftmaxConfig& config = SOFTMAX_DEFAULT_CFG>
inline void SoftMax(const LocalTensor<T>& dstTensor, const LocalTensor<T>& srcTensor, const SoftMaxTiling& tiling,
                    const SoftMaxShapeInfo& softmaxShapeInfo = {}, Site site = Site::here()) {
  detail::softmax_call<T, T>("SoftMax", ascendgen::sim::abi::SoftMaxOp::SoftMax, dstTensor, nullptr, nullptr,
                             srcTensor, detail::kLibraryTmp,
                             detail::softmax_args(tiling, softmaxShapeInfo, isBasicBlock, false, config), site);
}
template <typename T, bool isReuseSource = false, bool isBasicBlock = false,
          const SoftmaxConfig& config = SOFTMAX_DEFAULT_CFG>
inline void SoftMax(const LocalTensor<T>& dstTensor, const LocalTensor<T>& srcTensor,
                    const LocalTensor<uint8_t>& sharedTmpBuffer, const SoftMaxTiling& tiling,
                    const SoftMaxShapeInfo& softmaxShapeInfo = {}, Site site = Site::here()) {
  detail::softmax_call<T, T>("SoftMax", ascendgen::sim::abi::SoftMaxOp::SoftMax, dstTensor, nullptr, nullptr,
                             srcTensor, detail::shared_tmp(sharedTmpBuffer),
                             detail::softmax_args(tiling, softmaxShapeInfo, isBasicBlock, false, config), site);
}

// ---- LayerNorm --------------------------------------------------------------------------------------
namespace detail {
inline ascendgen::sim::abi::LayerNormArgs layer_norm_args(const LayerNormTiling& tiling, float epsilon,
                                                         bool reuseSource) {
  return {tiling.bLength,    tiling.sLength,    tiling.hLength,          tiling.originalHLength,
          tiling.tmpBufSize, tiling.oneTmpSize, tiling.lastDimValueBack, epsilon,
          reuseSource};
}
}  // namespace detail

// Over rows of [bLength * sLength, hLength]: mean and variance per row ([B, S], one element each).
template <typename T, bool isReuseSource = false>
inline void LayerNorm(const LocalTensor<T>& output, const LocalTensor<T>& outputMean,
                      const LocalTensor<T>& outputVariance, const LocalTensor<T>& inputX, const LocalTensor<T>& gamma,
                      const LocalTensor<T>& beta, const LocalTensor<uint8_t>& sharedTmpBuffer, const T epsilon,
                      LayerNormTiling& tiling, Site site = Site::here()) {
  ascendgen::sim::abi::layer_norm(
      ascendgen::sim::abi::dtype_of<T>, output.ref(), outputMean.ref(), outputVariance.ref(), inputX.ref(),
      gamma.ref(), beta.ref(), detail::shared_tmp(sharedTmpBuffer),
      detail::layer_norm_args(tiling, static_cast<float>(epsilon), isReuseSource),
      site);
}
template <typename T, bool isReuseSource = false>
inline void LayerNorm(const LocalTensor<T>& output, const LocalTensor<T>& outputMean,
                      const LocalTensor<T>& outputVariance, const LocalTensor<T>& inputX, const LocalTensor<T>& gamma,
                      const LocalTensor<T>& beta, const T epsilon, LayerNormTiling& tiling, Site site = Site::here()) {
  ascendgen::sim::abi::layer_norm(
      ascendgen::sim::abi::dtype_of<T>, output.ref(), outputMean.ref(), outputVariance.ref(), inputX.ref(),
      gamma.ref(), beta.ref(), detail::kLibraryTmp,
      detail::layer_norm_args(tiling, static_cast<float>(epsilon), isReuseSource),
      site);
}

}  // namespace AscendC
