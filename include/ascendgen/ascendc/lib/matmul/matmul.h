// The Matmul high-level API (CANN's lib/matmul_intf.h): a Matmul object computes one core's
// singleCoreM x singleCoreN block of C = A x B (+ bias) in baseM x baseN pieces as TCubeTiling says.
//
//   Matmul<MatmulType<TPosition::GM, CubeFormat::ND, half>, MatmulType<TPosition::GM, CubeFormat::ND, half>,
//          MatmulType<TPosition::GM, CubeFormat::ND, float>> mm;
//   REGIST_MATMUL_OBJ(&pipe, GetSysWorkSpacePtr(), mm, &tiling);
//   mm.SetTensorA(aGm); mm.SetTensorB(bGm, /*isTransposeB=*/true); mm.IterateAll(cGm); mm.End();
//
// A, B and the bias live in GM (ND); C goes to GM or to a UB LocalTensor (VECIN/VECCALC/VECOUT).
// Each piece of C is computed by one call into the runtime (lib/matmul/matmul_abi.h); see docs/matmul.md
// for the layouts of C in UB and what is not supported.
#pragma once
#include "../../kernel/tensor.h"
#include "../../kernel_tiling/kernel_tiling.h"
#include "matmul_abi.h"
#include "matmul_config.h"

namespace AscendC {

#ifdef ASCENDC_CUBE_ONLY
inline constexpr bool kCubeOnly = true;   // the kernel's Matmul objects live on the cube cores
#else
inline constexpr bool kCubeOnly = false;  // in a mixed launch they live on the vector cores
#endif

template <class A_TYPE, class B_TYPE, class C_TYPE, class BIAS_TYPE = C_TYPE, const auto& MM_CFG = CFG_NORM,
          class MM_CB = MatmulCallBackFunc<nullptr, nullptr, nullptr>>
class Matmul {
  using SrcAT = typename A_TYPE::T;
  using SrcBT = typename B_TYPE::T;
  using DstT = typename C_TYPE::T;
  using BiasT = typename BIAS_TYPE::T;
  static_assert(A_TYPE::pos == TPosition::GM && B_TYPE::pos == TPosition::GM,
                "ascendgen's Matmul takes A and B from GM (TPosition::GM) only");
  static_assert(A_TYPE::format == CubeFormat::ND && B_TYPE::format == CubeFormat::ND && C_TYPE::format == CubeFormat::ND,
                "ascendgen's Matmul supports CubeFormat::ND only");
  static constexpr bool kCToUb =
      C_TYPE::pos == TPosition::VECIN || C_TYPE::pos == TPosition::VECOUT || C_TYPE::pos == TPosition::VECCALC;
  static_assert(C_TYPE::pos == TPosition::GM || kCToUb, "C goes to GM or to UB (VECIN, VECOUT or VECCALC)");

 public:
  // Reads the tiling (copied: the object keeps its own) and checks it against L1/L0 capacities.
  void Init(const TCubeTiling* cubeTiling, TPipe* tpipe = nullptr, Site site = Site::here()) {
    (void)tpipe;
    tiling_ = *cubeTiling;
    tiles_ = {tiling_.baseM, tiling_.baseN, tiling_.baseK, tiling_.depthA1, tiling_.depthB1,
              tiling_.stepKa, tiling_.stepKb, tiling_.isBias};
    ascendgen::sim::abi::matmul_init(tiles_, dt<SrcAT>(), dt<SrcBT>(), dt<DstT>(), dt<BiasT>(), kCubeOnly, site);
    org_m_ = tiling_.M, org_n_ = tiling_.N, org_ka_ = tiling_.Ka, org_kb_ = tiling_.Kb;
    single_m_ = tiling_.singleCoreM, single_n_ = tiling_.singleCoreN, single_k_ = tiling_.singleCoreK;
    has_bias_ = tiling_.isBias != 0;
    initialised_ = true;
    Reset();
  }
  // The full matrices' shapes (leading dimensions of A, B and C in GM).
  void SetOrgShape(int orgM, int orgN, int orgK) { SetOrgShape(orgM, orgN, orgK, orgK); }
  void SetOrgShape(int orgM, int orgN, int orgKa, int orgKb, int orgKc = 0) {
    (void)orgKc;
    org_m_ = orgM, org_n_ = orgN, org_ka_ = orgKa, org_kb_ = orgKb;
  }
  // This core's block of C and its K, in place of the tiling's singleCoreM/N/K.
  void SetSingleShape(int singleM, int singleN, int singleK) {
    single_m_ = singleM, single_n_ = singleN, single_k_ = singleK;
    Reset();
  }
  // The same for a tail core; -1 keeps a dimension as it is.
  void SetTail(int tailM = -1, int tailN = -1, int tailK = -1) {
    if (tailM > 0) single_m_ = tailM;
    if (tailN > 0) single_n_ = tailN;
    if (tailK > 0) single_k_ = tailK;
    Reset();
  }
  // A starts at `gm` (this core's first row); transposed, it is stored K x M.
  void SetTensorA(const GlobalTensor<SrcAT>& gm, bool isTransposeA = false) {
    a_ = gm, trans_a_ = isTransposeA, has_a_ = true;
    Reset();
  }
  // B starts at `gm` (this core's first column); transposed, it is stored N x K.
  void SetTensorB(const GlobalTensor<SrcBT>& gm, bool isTransposeB = false) {
    b_ = gm, trans_b_ = isTransposeB, has_b_ = true;
    Reset();
  }
  // A bias row of singleCoreN values added to every row of C.
  void SetBias(const GlobalTensor<BiasT>& biasGlobal) {
    bias_ = biasGlobal, has_bias_ = true, bias_set_ = true;
  }
  void DisableBias() { has_bias_ = false; }
  void ClearBias() { has_bias_ = false; }
  // Dequantisation of an int32 result to half: one scale (a float's bits in the low 32 bits).
  void SetQuantScalar(const uint64_t quantScalar) {
    quant_ = 1, quant_scale_ = static_cast<uint32_t>(quantScalar);
  }
  // Or one scale per column of C, each a uint64 holding a float's bits in its low 32 bits.
  void SetQuantVector(const GlobalTensor<uint64_t>& quantTensor) { quant_ = 2, quant_vector_ = quantTensor; }
  // Workspaces: the emulator's Matmul needs none; accepted so CANN kernels compile unchanged.
  template <class T> void SetWorkspace(const GlobalTensor<T>&) {}
  void SetWorkspace(GM_ADDR, int) {}
  void SetLocalWorkspace(const LocalTensor<uint8_t>&) {}
  void SetSubBlockIdx(uint8_t) {}

  // Moves to the next baseM x baseN piece of this core's C (iterateOrder 0: down M first);
  // false once every piece has been visited. enPartialSum is not supported.
  template <bool sync = true> bool Iterate(bool enPartialSum = false, Site site = Site::here()) {
    if (enPartialSum) ascendgen::sim::abi::matmul_fail("Matmul::Iterate", "enPartialSum = true is not supported", site);
    check_ready("Matmul::Iterate", site);
    if (cursor_ + 1 >= m_iter() * n_iter()) return false;
    ++cursor_;
    return true;
  }
  // The current piece to GM: at its place in C (row stride orgN), or at `gm` itself when
  // enSequentialWrite (row stride baseN). enAtomic 1 adds to what GM holds.
  template <bool sync = true>
  void GetTensorC(const GlobalTensor<DstT>& gm, uint8_t enAtomic = 0, bool enSequentialWrite = false,
                  Site site = Site::here()) {
    static_assert(!kCToUb, "this Matmul's C_TYPE is a UB position: pass a LocalTensor to GetTensorC");
    check_piece("Matmul::GetTensorC", site);
    const uint64_t ld = enSequentialWrite ? tiling_.baseN : org_n_;
    const uint64_t off = enSequentialWrite ? 0 : piece_m0() * ld + piece_n0();
    compute("Matmul::GetTensorC", piece_m0(), piece_n0(), piece_m(), piece_n(), gm_out(gm[off], ld, enAtomic), site);
  }
  // The current piece to UB: packed at the tensor's start (row stride: its width rounded up to
  // 16) when enSequentialWrite, else at its place in a singleCoreM x CeilAlign(singleCoreN, 16) matrix.
  template <bool sync = true>
  void GetTensorC(const LocalTensor<DstT>& c, uint8_t enAtomic = 0, bool enSequentialWrite = false,
                  Site site = Site::here()) {
    static_assert(kCToUb, "this Matmul's C_TYPE is TPosition::GM: pass a GlobalTensor to GetTensorC");
    if (enAtomic) ascendgen::sim::abi::matmul_fail("Matmul::GetTensorC", "enAtomic applies to GM output only", site);
    check_piece("Matmul::GetTensorC", site);
    const uint64_t ld = enSequentialWrite ? align16(piece_n()) : align16(single_n_);
    const uint64_t off = enSequentialWrite ? 0 : piece_m0() * ld + piece_n0();
    if (off > c.GetSize()) ascendgen::sim::abi::fail_local_index("Matmul::GetTensorC", c.ref(), off, site);
    compute("Matmul::GetTensorC", piece_m0(), piece_n0(), piece_m(), piece_n(), ub_out(c[off], ld), site);
  }
  // This core's whole block of C to GM at `gm` (row stride orgN).
  template <bool sync = true>
  void IterateAll(const GlobalTensor<DstT>& gm, uint8_t enAtomic = 0, bool enSequentialWrite = false,
                  bool waitIterateAll = false, bool fakeMsg = false, Site site = Site::here()) {
    static_assert(!kCToUb, "this Matmul's C_TYPE is a UB position: pass a LocalTensor to IterateAll");
    (void)enSequentialWrite, (void)waitIterateAll, (void)fakeMsg;
    check_ready("Matmul::IterateAll", site);
    compute("Matmul::IterateAll", 0, 0, single_m_, single_n_, gm_out(gm, org_n_, enAtomic), site);
  }
  // This core's whole block of C to UB (row stride CeilAlign(singleCoreN, 16)).
  template <bool sync = true>
  void IterateAll(const LocalTensor<DstT>& ubCmatrix, uint8_t enAtomic = 0, Site site = Site::here()) {
    static_assert(kCToUb, "this Matmul's C_TYPE is TPosition::GM: pass a GlobalTensor to IterateAll");
    if (enAtomic) ascendgen::sim::abi::matmul_fail("Matmul::IterateAll", "enAtomic applies to GM output only", site);
    check_ready("Matmul::IterateAll", site);
    compute("Matmul::IterateAll", 0, 0, single_m_, single_n_, ub_out(ubCmatrix, align16(single_n_)), site);
  }
  void WaitIterateAll() {}
  void WaitGetTensorC() {}
  // Ends this matmul: the next Iterate starts again from the first piece.
  void End() { Reset(); }

 private:
  template <typename T> static constexpr ascendgen::sim::abi::DType dt() { return ascendgen::sim::abi::dtype_of<T>; }
  static uint64_t align16(int64_t v) { return static_cast<uint64_t>((v + 15) / 16 * 16); }
  void Reset() { cursor_ = -1; }
  int64_t m_iter() const { return (single_m_ + tiling_.baseM - 1) / tiling_.baseM; }
  int64_t n_iter() const { return (single_n_ + tiling_.baseN - 1) / tiling_.baseN; }
  int64_t piece_mi() const { return tiling_.iterateOrder == 1 ? cursor_ / n_iter() : cursor_ % m_iter(); }
  int64_t piece_ni() const { return tiling_.iterateOrder == 1 ? cursor_ % n_iter() : cursor_ / m_iter(); }
  int64_t piece_m0() const { return piece_mi() * tiling_.baseM; }
  int64_t piece_n0() const { return piece_ni() * tiling_.baseN; }
  int64_t piece_m() const { return single_m_ - piece_m0() < tiling_.baseM ? single_m_ - piece_m0() : tiling_.baseM; }
  int64_t piece_n() const { return single_n_ - piece_n0() < tiling_.baseN ? single_n_ - piece_n0() : tiling_.baseN; }

  void check_ready(const char* api, Site site) const {
    if (!initialised_) ascendgen::sim::abi::matmul_fail(api, "the Matmul object was not initialised (REGIST_MATMUL_OBJ or Init)", site);
    if (!has_a_ || !has_b_) ascendgen::sim::abi::matmul_fail(api, "SetTensorA and SetTensorB must come first", site);
    if (has_bias_ && !bias_set_) ascendgen::sim::abi::matmul_fail(api, "the tiling says isBias but SetBias was not called (or call DisableBias)", site);
    if (single_m_ <= 0 || single_n_ <= 0 || single_k_ <= 0)
      ascendgen::sim::abi::matmul_fail(api, "the single-core shape (singleCoreM/N/K) must be positive", site);
  }
  void check_piece(const char* api, Site site) const {
    check_ready(api, site);
    if (cursor_ < 0) ascendgen::sim::abi::matmul_fail(api, "GetTensorC comes after an Iterate that returned true", site);
  }
  ascendgen::sim::abi::MatmulOutput gm_out(const GlobalTensor<DstT>& gm, uint64_t ld, uint8_t atomic) const {
    ascendgen::sim::abi::MatmulOutput o;
    o.gm = gm.ref(), o.dtype = dt<DstT>(), o.ld = ld, o.atomic_add = atomic != 0;
    return o;
  }
  ascendgen::sim::abi::MatmulOutput ub_out(const LocalTensor<DstT>& c, uint64_t ld) const {
    ascendgen::sim::abi::MatmulOutput o;
    o.to_ub = true, o.ub = c.ref(), o.dtype = dt<DstT>(), o.ld = ld;
    return o;
  }
  void compute(const char* api, int64_t m0, int64_t n0, int64_t m, int64_t n, const ascendgen::sim::abi::MatmulOutput& out,
               Site site) const {
    ascendgen::sim::abi::MatmulBlock blk;
    blk.m = static_cast<uint32_t>(m), blk.n = static_cast<uint32_t>(n), blk.k = static_cast<uint32_t>(single_k_);
    const uint64_t lda = trans_a_ ? org_m_ : org_ka_, ldb = trans_b_ ? org_kb_ : org_n_;
    blk.a = {a_[trans_a_ ? m0 : m0 * lda].ref(), dt<SrcAT>(), trans_a_, lda};
    blk.b = {b_[trans_b_ ? n0 * ldb : n0].ref(), dt<SrcBT>(), trans_b_, ldb};
    blk.has_bias = has_bias_;
    if (has_bias_) blk.bias = bias_[n0].ref(), blk.bias_dtype = dt<BiasT>();
    blk.quant = quant_, blk.quant_scale_bits = quant_scale_;
    if (quant_ == 2) blk.quant_vector = quant_vector_[n0].ref();
    blk.c = out;
    blk.tiles = tiles_;
    ascendgen::sim::abi::matmul_compute(api, blk, site);
  }

  TCubeTiling tiling_{};
  ascendgen::sim::abi::MatmulTiles tiles_{};
  GlobalTensor<SrcAT> a_;
  GlobalTensor<SrcBT> b_;
  GlobalTensor<BiasT> bias_;
  GlobalTensor<uint64_t> quant_vector_;
  int64_t org_m_ = 0, org_n_ = 0, org_ka_ = 0, org_kb_ = 0;
  int64_t single_m_ = 0, single_n_ = 0, single_k_ = 0;
  int64_t cursor_ = -1;
  uint32_t quant_scale_ = 0;
  uint8_t quant_ = 0;
  bool trans_a_ = false, trans_b_ = false, has_a_ = false, has_b_ = false;
  bool has_bias_ = false, bias_set_ = false, initialised_ = false;
};

// The system workspace the Matmul API may use. The emulator's Matmul needs none: the pointer is
// non-null (kernels test it) and points at no GM a kernel may touch.
inline GM_ADDR GetSysWorkSpacePtr() { return ascendgen::sim::abi::matmul_sys_workspace(); }

namespace detail {
template <class MM> void init_matmul_objects(TPipe* pipe, MM& mm, const TCubeTiling* tiling) { mm.Init(tiling, pipe); }
template <class MM, class... Rest>
void init_matmul_objects(TPipe* pipe, MM& mm, const TCubeTiling* tiling, Rest&&... rest) {
  mm.Init(tiling, pipe);
  init_matmul_objects(pipe, rest...);
}
template <class MM> void init_matmul_objects(TPipe*, MM&) {}  // REGIST_MATMUL_OBJ(pipe, ws, mm): Init follows
}  // namespace detail
}  // namespace AscendC

namespace matmul {
using AscendC::Matmul;
using AscendC::MatmulType;
}  // namespace matmul
