// The runtime half of AscendC::ListTensorDesc / TensorDesc (kernel/list_tensor.h): decoding a
// tensor-list descriptor as CANN does, with its assertions turned into KernelErrors.
#include "ascendgen/ascendc/kernel/list_tensor.h"

#include "core.h"

namespace ascendgen::sim::abi {
namespace {

constexpr uint32_t kUnchecked = 0xffffffff;

uint32_t rank_of(uint64_t word) { return static_cast<uint32_t>(word & 0xffffffff); }

const ListTensorView& initialised(Core& c, const ListTensorView& view) {
  if (!view.words) c.fail(ErrorKind::InvalidArgument, "the ListTensorDesc was not initialised (construct it on a GM_ADDR or call Init)");
  return view;
}

// The word index of tensor `index`'s (index << 32 | rank) word, walking the real ranks.
uint32_t tensor_word(const ListTensorView& view, uint32_t index) {
  uint32_t at = 1;
  for (uint32_t i = 0; i < index; ++i) at += 1 + rank_of(view.words[at]);
  return at;
}

}  // namespace

ListTensorView list_tensor_decode(const void* data, uint32_t length, uint32_t shape_size, Site site) {
  const char* api = "ListTensorDesc::Init";
  gm_check(api, data, ~uint64_t{0}, data, 2 * sizeof(uint64_t), false, site);
  Core& c = current();
  ListTensorView view;
  view.words = static_cast<const uint64_t*>(data);
  const uint64_t offset = view.words[0];
  if (offset % sizeof(uint64_t) != 0 || offset < 2 * sizeof(uint64_t) || offset > (uint64_t{1} << 32))
    c.fail(ErrorKind::InvalidArgument, "the GM_ADDR is not a tensor-list descriptor: its first word ({}) is not the byte "
           "offset of the data pointers", offset);
  gm_check(api, data, ~uint64_t{0}, data, offset, false, site);
  view.pointer_word = static_cast<uint32_t>(offset / sizeof(uint64_t));
  uint32_t at = 1;
  while (at < view.pointer_word) {
    if (view.words[at] >> 32 != view.count)
      c.fail(ErrorKind::InvalidArgument, "malformed tensor-list descriptor: word {} should begin tensor {} but holds {:#x}", at,
             view.count, view.words[at]);
    at += 1 + rank_of(view.words[at]);
    ++view.count;
  }
  if (at != view.pointer_word)
    c.fail(ErrorKind::InvalidArgument, "malformed tensor-list descriptor: the shapes run past the data pointers at byte {}",
           offset);
  gm_check(api, data, ~uint64_t{0}, view.words + view.pointer_word, view.count * sizeof(uint64_t), false, site);
  // CANN: every tensor has the first's rank, and the last tensor's index word gives the count.
  view.rank = rank_of(view.words[1]);
  const uint32_t stride = view.rank == 0 ? 2 : 1 + view.rank;
  const uint32_t first_high = static_cast<uint32_t>(view.words[1] >> 32);
  view.size = first_high != 0 ? first_high
                              : (view.pointer_word >= stride ? static_cast<uint32_t>(view.words[view.pointer_word - stride] >> 32) + 1 : 0);
  if (length != kUnchecked && shape_size != kUnchecked && (view.size != shape_size || length != offset + view.size * sizeof(uint64_t)))
    c.fail(ErrorKind::InvalidArgument, "the descriptor holds {} tensors in {} bytes but Init was told shapeSize {} and length {}",
           view.size, offset + view.size * sizeof(uint64_t), shape_size, length);
  return view;
}

uint32_t list_tensor_size(const ListTensorView& view, Site site) {
  Core& c = current();
  c.enter("ListTensorDesc::GetSize", site);
  initialised(c, view);
  if (view.size != view.count)
    c.fail(ErrorKind::InvalidArgument, "CANN's decoder would report {} tensors but the list holds {}: its tensors have "
           "different ranks, and ListTensorDesc takes every tensor's rank from the first", view.size, view.count);
  return view.size;
}

void* list_tensor_data(const char* api, const ListTensorView& view, uint32_t index, Site site) {
  Core& c = current();
  c.enter(api, site);
  initialised(c, view);
  if (index >= view.count)
    c.fail(ErrorKind::InvalidArgument, "tensor {} of a list of {} tensors: the NPU would read past the data pointers", index,
           view.count);
  return reinterpret_cast<void*>(view.words[view.pointer_word + index]);
}

void* list_tensor_desc(const ListTensorView& view, uint32_t index, uint64_t* shape, Site site) {
  void* data = list_tensor_data("ListTensorDesc::GetDesc", view, index, site);
  Core& c = current();
  if (!shape) c.fail(ErrorKind::InvalidArgument, "the TensorDesc has no shape storage: call SetShapeAddr before GetDesc");
  if (view.rank == 0) c.fail(ErrorKind::InvalidArgument, "the list's first tensor has rank 0, so CANN's descriptor holds no shapes");
  const uint32_t at = tensor_word(view, index);
  if (at != 1 + index * (1 + view.rank) || rank_of(view.words[at]) != view.rank)
    c.fail(ErrorKind::InvalidArgument, "tensor {} has rank {} but the list's first tensor has rank {}: CANN's ListTensorDesc "
           "takes every rank from the first and would read the wrong shape", index, rank_of(view.words[at]), view.rank);
  for (uint32_t d = 0; d < view.rank; ++d) shape[d] = view.words[at + 1 + d];
  return data;
}

uint64_t tensor_desc_dim(const uint64_t* shape, uint32_t rank, uint32_t offset, Site site) {
  Core& c = current();
  c.enter("TensorDesc::GetShape", site);
  if (!shape) c.fail(ErrorKind::InvalidArgument, "the TensorDesc has no shape storage: call SetShapeAddr before GetDesc");
  if (offset >= rank) c.fail(ErrorKind::InvalidArgument, "dimension {} of a tensor of rank {}", offset, rank);
  return shape[offset];
}

}  // namespace ascendgen::sim::abi
