// The cube unit of the 910B AI core (AIC) and the mixed-kernel APIs: GM -> L1 copies with ND to NZ
// conversion (Nd2NzParams), L1 -> L0A/L0B fractal loads (LoadData2DParams), Mmad into L0C, and
// Fixpipe L0C -> GM with NZ to ND and dtype conversion (FixpipeParamsV220); core kinds (AIC/AIV)
// with ASCEND_IS_AIC/ASCEND_IS_AIV and cross-core flags. Field names and defaults follow CANN 8.x.
//
// Layouts (C0 = 32 bytes / sizeof(T): 16 for half, 32 for int8, 8 for float):
//   L1 "NZ":  element (n, d) of an ND matrix at (d / C0) * dstNzC0Stride * C0 + n * C0 + d % C0
//   L0A "ZZ": element (m, k) at ((m / 16) * ceil(K / C0) + k / C0) * 16 * C0 + (m % 16) * C0 + k % C0
//   L0B "ZN": element (k, n) at ((k / C0) * ceil(N / 16) + n / 16) * 16 * C0 + (n % 16) * C0 + k % C0
//   L0C "NZ": element (m, n) at ((n / 16) * ceil(M / 16) * 16 + m) * 16 + n % 16
#pragma once
#include "pipe.h"

// Quantisation modes of Fixpipe (a plain enum at global scope, as in CANN).
enum QuantMode_t : uint8_t {
  NoQuant,       // no conversion: the L0C type is written (float or int32)
  F322F16,       // float -> half, round to nearest even
  F322BF16,      // float -> bfloat16, round to nearest even
  DEQF16,        // int32 -> half times a scalar scale (deqScalar)
  VDEQF16,       // int32 -> half times a per-column scale (a uint64 tensor in L1)
  QF322B8_PRE,   // float -> int8 times a scalar scale
  VQF322B8_PRE,  // float -> int8 times a per-column scale
  REQ8,          // int32 -> int8 times a scalar scale
  VREQ8,         // int32 -> int8 times a per-column scale
};

namespace AscendC {

// ---- core kinds -----------------------------------------------------------------------------
// A mixed launch runs blockDim groups of 1 AIC (cube core) + 2 AIV (vector cores).
enum CoreType : int32_t { AIC = 1, AIV = 2 };
enum KernelMetaType : int32_t {
  KERNEL_TYPE_AIV_ONLY, KERNEL_TYPE_AIC_ONLY, KERNEL_TYPE_MIX_AIV_1_0, KERNEL_TYPE_MIX_AIC_1_0,
  KERNEL_TYPE_MIX_AIC_1_1, KERNEL_TYPE_MIX_AIC_1_2, KERNEL_TYPE_MIX_AIV_HARD_SYNC
};

// ---- parameter structs (CANN 8.x spellings and defaults) --------------------------------------
// GM (ND) -> L1 (NZ): ndNum matrices of nValue rows x dValue columns; strides in elements except
// dstNzC0Stride and dstNzNStride, which count 32-byte blocks.
struct Nd2NzParams {
  uint16_t ndNum = 0;
  uint16_t nValue = 0;
  uint16_t dValue = 0;
  uint16_t srcNdMatrixStride = 0;
  uint16_t srcDValue = 0;
  uint16_t dstNzC0Stride = 0;
  uint16_t dstNzNStride = 0;
  uint16_t dstNzMatrixStride = 0;
  Nd2NzParams() = default;
  Nd2NzParams(uint16_t ndNumIn, uint16_t nValueIn, uint16_t dValueIn, uint16_t srcNdMatrixStrideIn,
              uint16_t srcDValueIn, uint16_t dstNzC0StrideIn, uint16_t dstNzNStrideIn, uint16_t dstNzMatrixStrideIn)
      : ndNum(ndNumIn), nValue(nValueIn), dValue(dValueIn), srcNdMatrixStride(srcNdMatrixStrideIn),
        srcDValue(srcDValueIn), dstNzC0Stride(dstNzC0StrideIn), dstNzNStride(dstNzNStrideIn),
        dstNzMatrixStride(dstNzMatrixStrideIn) {}
};

// L1 -> L0A/L0B: repeatTimes fractals of 512 bytes, the i-th read from fractal
// startIndex + i * srcStride and written (i * (1 + dstGap)) fractals into dst; ifTranspose
// transposes each 16x16 fractal (16-bit types only); addrMode 1 walks the source downwards.
struct LoadData2DParams {
  uint16_t startIndex = 0;
  uint8_t repeatTimes = 0;
  uint16_t srcStride = 0;
  uint8_t sid = 0;
  uint16_t dstGap = 0;
  bool ifTranspose = false;
  uint8_t addrMode = 0;
  LoadData2DParams() = default;
  LoadData2DParams(uint16_t startIndexIn, uint8_t repeatTimesIn, uint16_t srcStrideIn, uint8_t sidIn,
                   uint16_t dstGapIn, bool ifTransposeIn, uint8_t addrModeIn)
      : startIndex(startIndexIn), repeatTimes(repeatTimesIn), srcStride(srcStrideIn), sid(sidIn),
        dstGap(dstGapIn), ifTranspose(ifTransposeIn), addrMode(addrModeIn) {}
};
using LoadData2dParams = LoadData2DParams;

// C[m x n] (L0C) = A[m x k] (L0A) * B[k x n] (L0B), plus C when cmatrixInitVal is false, plus the
// bias row (bias table) when the bias overload is used or cmatrixSource is true.
struct MmadParams {
  uint16_t m = 0;
  uint16_t n = 0;
  uint16_t k = 0;
  bool isBias = false;
  int32_t fmOffset = 0;
  bool enSsparse = false;
  bool enWinogradA = false;
  bool enWinogradB = false;
  uint8_t unitFlag = 0;
  bool kDirectionAlign = false;
  bool cmatrixSource = false;
  bool cmatrixInitVal = true;
  MmadParams() = default;
  MmadParams(uint16_t mIn, uint16_t nIn, uint16_t kIn, uint8_t unitFlagIn, bool cmatrixSourceIn,
             bool cmatrixInitValIn)
      : m(mIn), n(nIn), k(kIn), unitFlag(unitFlagIn), cmatrixSource(cmatrixSourceIn),
        cmatrixInitVal(cmatrixInitValIn) {}
  MmadParams(uint16_t mIn, uint16_t nIn, uint16_t kIn, bool isBiasIn, int32_t fmOffsetIn, bool enSsparseIn,
             bool enWinogradAIn, bool enWinogradBIn)
      : m(mIn), n(nIn), k(kIn), isBias(isBiasIn), fmOffset(fmOffsetIn), enSsparse(enSsparseIn),
        enWinogradA(enWinogradAIn), enWinogradB(enWinogradBIn) {}
};

enum class CO2Layout : uint8_t { NZ = 0, ROW_MAJOR, COLUMN_MAJOR };
struct FixpipeConfig {
  CO2Layout format;
};
inline constexpr FixpipeConfig CFG_NZ = {CO2Layout::NZ};
inline constexpr FixpipeConfig CFG_ROW_MAJOR = {CO2Layout::ROW_MAJOR};
inline constexpr FixpipeConfig CFG_COLUMN_MAJOR = {CO2Layout::COLUMN_MAJOR};

// L0C (NZ) -> GM. Row-major (NZ2ND): nSize x mSize elements, srcStride = the L0C matrix's row count
// (a multiple of 16), dstStride = elements between GM rows. NZ output: dstStride in 32-byte blocks.
// deqScalar carries the float scale of DEQF16/QF322B8_PRE/REQ8 in its low 32 bits.
struct FixpipeParamsV220 {
  uint16_t nSize = 0;
  uint16_t mSize = 0;
  uint16_t srcStride = 0;
  uint32_t dstStride = 0;
  QuantMode_t quantPre = QuantMode_t::NoQuant;
  uint64_t deqScalar = 0;
  uint16_t ndNum = 1;
  uint16_t srcNdStride = 0;
  uint16_t dstNdStride = 0;
  bool reluEn = false;
  uint8_t unitFlag = 0;
  bool isChannelSplit = false;
  FixpipeParamsV220() = default;
  FixpipeParamsV220(uint16_t nSizeIn, uint16_t mSizeIn, uint16_t srcStrideIn, uint32_t dstStrideIn, bool reluEnIn)
      : nSize(nSizeIn), mSize(mSizeIn), srcStride(srcStrideIn), dstStride(dstStrideIn), reluEn(reluEnIn) {}
  FixpipeParamsV220(uint16_t nSizeIn, uint16_t mSizeIn, uint16_t srcStrideIn, uint32_t dstStrideIn, bool reluEnIn,
                    QuantMode_t quantPreIn, int64_t deqScalarIn, uint16_t ndNumIn, uint16_t srcNdStrideIn,
                    uint16_t dstNdStrideIn, uint8_t unitFlagIn)
      : nSize(nSizeIn), mSize(mSizeIn), srcStride(srcStrideIn), dstStride(dstStrideIn), quantPre(quantPreIn),
        deqScalar(static_cast<uint64_t>(deqScalarIn)), ndNum(ndNumIn), srcNdStride(srcNdStrideIn),
        dstNdStride(dstNdStrideIn), reluEn(reluEnIn), unitFlag(unitFlagIn) {}
};

// DataCopy L0C -> GM (the older spelling of Fixpipe): nz2ndEn selects ND output.
struct DataCopyCO12DstParams {
  uint8_t sid = 0;
  uint16_t nSize = 0;
  uint16_t mSize = 0;
  uint32_t dstStride = 0;
  uint16_t srcStride = 0;
  uint8_t unitFlag = 0;
  uint8_t clipReluPre = 0;
  uint8_t eltWiseOp = 0;
  QuantMode_t quantPre = QuantMode_t::NoQuant;
  uint8_t reluPre = 0;
  bool channelSplit = false;
  bool nz2ndEn = false;
  DataCopyCO12DstParams() = default;
  DataCopyCO12DstParams(uint16_t nSizeIn, uint16_t mSizeIn, uint32_t dstStrideIn, uint16_t srcStrideIn,
                        QuantMode_t quantPreIn, uint8_t reluPreIn, bool channelSplitIn, bool nz2ndEnIn)
      : nSize(nSizeIn), mSize(mSizeIn), dstStride(dstStrideIn), srcStride(srcStrideIn), quantPre(quantPreIn),
        reluPre(reluPreIn), channelSplit(channelSplitIn), nz2ndEn(nz2ndEnIn) {}
};

// Fills repeatTimes x blockNum 32-byte blocks of L1/L0A/L0B with initValue (dstGap blocks between
// repeats).
template <typename T> struct InitConstValueParams {
  uint16_t repeatTimes = 0;
  uint16_t blockNum = 0;
  uint16_t dstGap = 0;
  T initValue = 0;
  InitConstValueParams() = default;
  InitConstValueParams(uint16_t repeatTimesIn, uint16_t blockNumIn, uint16_t dstGapIn, T initValueIn)
      : repeatTimes(repeatTimesIn), blockNum(blockNumIn), dstGap(dstGapIn), initValue(initValueIn) {}
};

}  // namespace AscendC

namespace ascendgen::sim::abi {
// Which kind of core runs the caller: AscendC::AIC or AscendC::AIV.
int32_t core_kind();
// The AIV's index inside its group (0 or 1) in a mixed launch; 0 elsewhere.
int64_t sub_block_idx();
// AIVs per AIC seen from the caller: 2 on an AIV of a mixed launch, 1 otherwise.
int64_t task_ration();

// Field-for-field copies of the parameter structs, so the runtime's ABI is plain data.
struct Nd2NzShape {
  uint32_t nd_num, n, d, src_matrix_stride, src_d, dst_c0_stride, dst_n_stride, dst_matrix_stride;
};
struct Load2DShape {
  uint32_t start, repeat, src_stride, dst_gap;
  bool transpose;
  uint8_t addr_mode;
};
struct MmadShape {
  uint32_t m, n, k;
  bool init_zero;    // cmatrixInitVal
  bool from_bias;    // cmatrixSource, or the bias overload
};
struct FixpipeShape {
  uint32_t n, m, src_stride, dst_stride, nd_num, src_nd_stride, dst_nd_stride;
  uint8_t quant;      // QuantMode_t
  uint64_t deq_scalar;
  bool relu;
  bool nz_out;        // CFG_NZ: keep the NZ layout in GM
};

void copy_gm_to_l1_nd2nz(TensorRef dst, GmRef src, const Nd2NzShape& p, Site site);
void load_data_2d(TensorRef dst, TensorRef src, const Load2DShape& p, Site site);
// `bias` is null without a bias tensor.
void mmad(TensorRef c, TensorRef a, TensorRef b, const TensorRef* bias, const MmadShape& p, Site site);
// `scale` (per-column uint64 scales in L1) is null unless the quant mode is a vector one.
void fixpipe_to_gm(GmRef dst, DType dst_dtype, TensorRef src, const TensorRef* scale, const FixpipeShape& p,
                   Site site);
void init_const_value(TensorRef dst, uint32_t repeat, uint32_t blocks, uint32_t gap_blocks, uint64_t value_bits,
                      Site site);

void cross_core_set_flag(uint8_t mode, uint8_t pipe, uint16_t flag, Site site);
void cross_core_wait_flag(uint8_t mode, uint8_t pipe, uint16_t flag, Site site);
}  // namespace ascendgen::sim::abi

namespace AscendC {
// g_coreType reads the kind of the core running the caller (CANN compiles the kernel once per kind;
// the emulator compiles it once and asks at run time).
#define g_coreType (::ascendgen::sim::abi::core_kind())
#define ASCEND_IS_AIC (g_coreType == ::AscendC::AIC)
#define ASCEND_IS_AIV (g_coreType == ::AscendC::AIV)
#define ASCEND_IS_NOT_AIC (g_coreType != ::AscendC::AIC)
#define ASCEND_IS_NOT_AIV (g_coreType != ::AscendC::AIV)
// The kernel type macro of CANN: the emulator takes the core kinds from the launch (task.yaml).
#define KERNEL_TASK_TYPE_DEFAULT(type)
#define KERNEL_TASK_TYPE(key, type)

inline int64_t GetSubBlockIdx() { return ascendgen::sim::abi::sub_block_idx(); }
inline int64_t GetTaskRation() { return ascendgen::sim::abi::task_ration(); }
inline int64_t GetTaskRatio() { return ascendgen::sim::abi::task_ration(); }

// ---- GM -> L1 ---------------------------------------------------------------------------------
template <typename T>
inline void DataCopy(const LocalTensor<T>& dst, const GlobalTensor<T>& src, const Nd2NzParams& p,
                     Site site = Site::here()) {
  ascendgen::sim::abi::copy_gm_to_l1_nd2nz(
      dst.ref(), src.ref(),
      {p.ndNum, p.nValue, p.dValue, p.srcNdMatrixStride, p.srcDValue, p.dstNzC0Stride, p.dstNzNStride,
       p.dstNzMatrixStride},
      site);
}

// ---- L1 -> L0A / L0B --------------------------------------------------------------------------
template <typename T>
inline void LoadData(const LocalTensor<T>& dst, const LocalTensor<T>& src, const LoadData2DParams& p,
                     Site site = Site::here()) {
  ascendgen::sim::abi::load_data_2d(dst.ref(), src.ref(),
                                    {p.startIndex, p.repeatTimes, p.srcStride, p.dstGap, p.ifTranspose, p.addrMode},
                                    site);
}

// ---- Mmad -------------------------------------------------------------------------------------
template <typename T, typename U, typename S>
inline void Mmad(const LocalTensor<T>& dst, const LocalTensor<U>& fm, const LocalTensor<S>& filter,
                 const MmadParams& p, Site site = Site::here()) {
  ascendgen::sim::abi::mmad(dst.ref(), fm.ref(), filter.ref(), nullptr,
                            {p.m, p.n, p.k, p.cmatrixInitVal, p.cmatrixSource}, site);
}
template <typename T, typename U, typename S, typename B>
inline void Mmad(const LocalTensor<T>& dst, const LocalTensor<U>& fm, const LocalTensor<S>& filter,
                 const LocalTensor<B>& bias, const MmadParams& p, Site site = Site::here()) {
  const ascendgen::sim::abi::TensorRef b = bias.ref();
  ascendgen::sim::abi::mmad(dst.ref(), fm.ref(), filter.ref(), &b, {p.m, p.n, p.k, p.cmatrixInitVal, true}, site);
}

// ---- L0C -> GM --------------------------------------------------------------------------------
namespace detail {
inline ascendgen::sim::abi::FixpipeShape fixpipe_shape(const FixpipeParamsV220& p, bool nz_out) {
  return {p.nSize, p.mSize, p.srcStride, p.dstStride, p.ndNum, p.srcNdStride, p.dstNdStride,
          static_cast<uint8_t>(p.quantPre), p.deqScalar, p.reluEn, nz_out};
}
}  // namespace detail

template <typename T, typename U, const FixpipeConfig& config = CFG_ROW_MAJOR>
inline void Fixpipe(const GlobalTensor<T>& dst, const LocalTensor<U>& src, const FixpipeParamsV220& p,
                    Site site = Site::here()) {
  static_assert(config.format != CO2Layout::COLUMN_MAJOR, "Fixpipe: CFG_COLUMN_MAJOR is not modelled yet");
  ascendgen::sim::abi::fixpipe_to_gm(dst.ref(), ascendgen::sim::abi::dtype_of<T>, src.ref(), nullptr,
                                     detail::fixpipe_shape(p, config.format == CO2Layout::NZ), site);
}
template <typename T, typename U, const FixpipeConfig& config = CFG_ROW_MAJOR>
inline void Fixpipe(const GlobalTensor<T>& dst, const LocalTensor<U>& src, const LocalTensor<uint64_t>& cbufWorkspace,
                    const FixpipeParamsV220& p, Site site = Site::here()) {
  static_assert(config.format != CO2Layout::COLUMN_MAJOR, "Fixpipe: CFG_COLUMN_MAJOR is not modelled yet");
  const ascendgen::sim::abi::TensorRef scale = cbufWorkspace.ref();
  ascendgen::sim::abi::fixpipe_to_gm(dst.ref(), ascendgen::sim::abi::dtype_of<T>, src.ref(), &scale,
                                     detail::fixpipe_shape(p, config.format == CO2Layout::NZ), site);
}
template <typename T, typename U>
inline void DataCopy(const GlobalTensor<T>& dst, const LocalTensor<U>& src, const DataCopyCO12DstParams& p,
                     Site site = Site::here()) {
  ascendgen::sim::abi::fixpipe_to_gm(dst.ref(), ascendgen::sim::abi::dtype_of<T>, src.ref(), nullptr,
                                     {p.nSize, p.mSize, p.srcStride, p.dstStride, 1, 0, 0,
                                      static_cast<uint8_t>(p.quantPre), 0, p.reluPre != 0, !p.nz2ndEn},
                                     site);
}

template <typename T>
inline void InitConstValue(const LocalTensor<T>& dst, const InitConstValueParams<T>& p, Site site = Site::here()) {
  ascendgen::sim::abi::init_const_value(dst.ref(), p.repeatTimes, p.blockNum, p.dstGap,
                                        ascendgen::sim::abi::scalar_bits<T>(p.initValue), site);
}

// ---- cross-core synchronisation (mixed kernels) ------------------------------------------------
// Each core has a counter per flagId (0..10). Mode 0: every core of the caller's kind sets before
// any of them passes its wait; mode 1: both AIVs of a group; mode 2: an AIC's set releases both of
// its AIVs, and the AIC's wait needs a set from each of them.
template <uint8_t modeId, pipe_t pipe>
inline void CrossCoreSetFlag(uint16_t flagId, Site site = Site::here()) {
  ascendgen::sim::abi::cross_core_set_flag(modeId, pipe, flagId, site);
}
template <uint8_t modeId = 0, pipe_t pipe = PIPE_S>
inline void CrossCoreWaitFlag(uint16_t flagId, Site site = Site::here()) {
  ascendgen::sim::abi::cross_core_wait_flag(modeId, pipe, flagId, site);
}

}  // namespace AscendC
