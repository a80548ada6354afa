// Host-side matmul tiling with CANN's names (namespace matmul_tiling): describe the matrices and
// the shape, then GetTiling fills a TCubeTiling for the kernel's Matmul object.
//
//   matmul_tiling::MultiCoreMatmulTiling tiling(platform);      // or MultiCoreMatmulTiling()
//   tiling.SetDim(platform.GetCoreNumAic());
//   tiling.SetAType(TPosition::GM, CubeFormat::ND, DataType::DT_FLOAT16);
//   tiling.SetBType(TPosition::GM, CubeFormat::ND, DataType::DT_FLOAT16, /*isTrans=*/true);
//   tiling.SetCType(TPosition::GM, CubeFormat::ND, DataType::DT_FLOAT);
//   tiling.SetShape(M, N, K); tiling.SetOrgShape(M, N, K); tiling.SetBias(false);
//   if (tiling.GetTiling(tcubeTiling) == -1) return ge::GRAPH_FAILED;
//
// The split is ascendgen's own (docs/matmul.md): cores over M x N by an estimate of cube and load
// cycles, L0 tiles (baseM/N/K) within L0A/L0B (double-buffered) and L0C, K steps within L1.
// Setters return 0, or -1 for an argument they reject; GetTiling returns 0 or -1 on failure, and
// GetLastError() (an ascendgen addition) says why.
#pragma once
#include <cstdint>
#include <string>
#include <utility>

#include "../kernel_tiling/kernel_tiling.h"

namespace matmul_tiling {

enum class DataType : int32_t {
  DT_FLOAT = 0, DT_FLOAT16 = 1, DT_INT8 = 2, DT_INT32 = 3, DT_UINT8 = 4, DT_INT16 = 6, DT_UINT16 = 7,
  DT_UINT32 = 8, DT_INT64 = 9, DT_UINT64 = 10, DT_DOUBLE = 11, DT_BOOL = 12, DT_BF16 = 27, DT_INT4 = 29,
  DT_BFLOAT16 = 33,
};
enum class TPosition : int32_t { GM, A1, A2, B1, B2, C1, C2, CO1, CO2, VECIN, VECOUT, VECCALC, LCM = VECCALC, SPM,
                                 SHM = SPM, TSCM, MAX };
enum class CubeFormat : int32_t { ND = 0, NZ, ZN, ZZ, NN, ND_ALIGN, SCALAR, VECTOR };
enum class MatrixTraverse : int32_t { NOSET = 0, FIRSTM = 1, FIRSTN = 2 };

// Buffer sizes of one AI cube core, in bytes (the 910B's by default).
struct PlatformInfo {
  uint64_t l1Size = 512 * 1024;
  uint64_t l0CSize = 128 * 1024;
  uint64_t ubSize = 192 * 1024;
  uint64_t l0ASize = 64 * 1024;
  uint64_t l0BSize = 64 * 1024;
};

struct MatTilingType {
  TPosition pos = TPosition::GM;
  CubeFormat type = CubeFormat::ND;
  DataType dataType = DataType::DT_FLOAT16;
  bool isTrans = false;
  bool set = false;
};

// What the tiling classes share: the description of A, B, C and the bias, shapes and buffers.
class MatmulApiTilingBase {
 public:
  MatmulApiTilingBase() = default;
  // Takes the cube core count from a platform_ascendc::PlatformAscendC (GetCoreNumAic()).
  template <class Platform, class = decltype(static_cast<int64_t>(std::declval<const Platform&>().GetCoreNumAic()))>
  explicit MatmulApiTilingBase(const Platform& platform)
      : platformCores_(static_cast<int32_t>(platform.GetCoreNumAic())) {}
  explicit MatmulApiTilingBase(const PlatformInfo& platform) : buffers_(platform) {}
  virtual ~MatmulApiTilingBase() = default;

  int32_t SetAType(TPosition pos, CubeFormat type, DataType dataType, bool isTrans = false);
  int32_t SetBType(TPosition pos, CubeFormat type, DataType dataType, bool isTrans = false);
  int32_t SetCType(TPosition pos, CubeFormat type, DataType dataType);
  int32_t SetBiasType(TPosition pos, CubeFormat type, DataType dataType);
  // The shape to compute: M x K times K x N (on all cores together for MultiCoreMatmulTiling).
  virtual int32_t SetShape(int32_t m, int32_t n, int32_t k);
  // The full matrices' shapes in GM (default: the shape).
  int32_t SetOrgShape(int32_t orgMIn, int32_t orgNIn, int32_t orgKIn);
  int32_t SetOrgShape(int32_t orgMIn, int32_t orgNIn, int32_t orgKaIn, int32_t orgKbIn);
  int32_t SetBias(bool isBiasIn = false);
  int32_t EnableBias(bool isBiasIn = false) { return SetBias(isBiasIn); }
  // Fixes baseM/baseN/baseK (-1: the algorithm chooses).
  int32_t SetFixSplit(int32_t baseMIn = -1, int32_t baseNIn = -1, int32_t baseKIn = -1);
  // Limits the L1 / L0C / UB / bias-table bytes the matmul may use (-1: the whole buffer).
  int32_t SetBufferSpace(int32_t l1Size = -1, int32_t l0CSize = -1, int32_t ubSize = -1, int32_t btSize = -1);
  // Bounds on the chosen baseM/baseN (multiples of 16) and the largest baseK (-1: none; minBaseK unused).
  int32_t SetSplitRange(int32_t maxBaseM = -1, int32_t maxBaseN = -1, int32_t maxBaseK = -1, int32_t minBaseM = -1,
                        int32_t minBaseN = -1, int32_t minBaseK = -1);
  // FIRSTN walks C along N first (iterateOrder 1); FIRSTM / NOSET along M first.
  int32_t SetTraverse(MatrixTraverse traverse);
  // Accepted for compatibility: the tiling always double-buffers L0A/L0B and L1 when they fit.
  int32_t SetDoubleBuffer(bool, bool, bool, bool, bool = true, bool = true) { return 0; }

  int32_t GetBaseM() const { return baseM_; }
  int32_t GetBaseN() const { return baseN_; }
  int32_t GetBaseK() const { return baseK_; }
  virtual int64_t GetTiling(TCubeTiling& tiling) = 0;
  // The same into the host tiling data class (optiling::TCubeTiling, tiling/matmul_tilingdata.h).
  template <class HostTiling, class = decltype(CopyCubeTiling(std::declval<const TCubeTiling&>(), std::declval<HostTiling&>()))>
  int64_t GetTiling(HostTiling& tiling) {
    TCubeTiling t;
    const int64_t r = GetTiling(t);
    if (r == 0) CopyCubeTiling(t, tiling);
    return r;
  }
  // Why the last call returned -1 (ascendgen addition; empty after a success).
  const std::string& GetLastError() const { return error_; }

 protected:
  int32_t fail(std::string why);
  // Fills `tiling` for `cores` cores (singleM/N -1: chosen here) or returns -1.
  int64_t compute(int32_t cores, int32_t singleM, int32_t singleN, TCubeTiling& tiling);

  MatTilingType aType_, bType_, cType_, biasType_;
  bool isBias_ = false;
  int32_t m_ = 0, n_ = 0, k_ = 0;
  int32_t orgM_ = 0, orgN_ = 0, orgKa_ = 0, orgKb_ = 0;
  int32_t fixBaseM_ = -1, fixBaseN_ = -1, fixBaseK_ = -1;
  struct SplitRange {
    int32_t maxBaseM = -1, maxBaseN = -1, maxBaseK = -1, minBaseM = -1, minBaseN = -1, minBaseK = -1;
  } range_;
  int32_t baseM_ = 0, baseN_ = 0, baseK_ = 0;
  int32_t platformCores_ = 0;
  MatrixTraverse traverse_ = MatrixTraverse::FIRSTM;
  PlatformInfo buffers_;
  std::string error_;
};

// The tiling of one core's matmul: usedCoreNum 1, singleCore shape = the shape.
class MatmulApiTiling : public MatmulApiTilingBase {
 public:
  using MatmulApiTilingBase::MatmulApiTilingBase;
  using MatmulApiTilingBase::GetTiling;
  int64_t GetTiling(TCubeTiling& tiling) override;
};

// The tiling of a matmul split over up to SetDim cores, each taking a singleCoreM x singleCoreN
// block of C over the whole K.
class MultiCoreMatmulTiling : public MatmulApiTilingBase {
 public:
  using MatmulApiTilingBase::MatmulApiTilingBase;
  using MatmulApiTilingBase::GetTiling;
  // Cores available (for a mixed kernel whose vector cores hold the Matmul objects: their count).
  int32_t SetDim(int32_t dim);
  // Fixes the per-core block (-1: chosen).
  int32_t SetSingleShape(int32_t singleMIn = -1, int32_t singleNIn = -1, int32_t singleKIn = -1);
  int32_t SetSplitK(bool) { return 0; }
  int64_t GetTiling(TCubeTiling& tiling) override;
  // After GetTiling: the per-core block and the split (cores used, over M, over N).
  int32_t GetSingleShape(int32_t& shapeM, int32_t& shapeN, int32_t& shapeK) const;
  int32_t GetCoreNum(int32_t& dim, int32_t& mDim, int32_t& nDim) const;

 private:
  int32_t dim_ = 0;
  int32_t singleM_ = -1, singleN_ = -1;
  TCubeTiling last_{};
};

}  // namespace matmul_tiling
