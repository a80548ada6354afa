#include "cube_operand.h"

namespace ascendgen::sim {

uint8_t* cube_operand(Core& c, const TensorRef& t, Mem want, uint64_t bytes, uint32_t align, const char* role) {
  const Mem mem = c.mem_of(t, 0, role);
  if (mem != want)
    c.fail(ErrorKind::InvalidArgument, "the {} must lie in {} but lies in {} ({})", role, mem_name(want),
           mem_name(mem), c.describe(t));
  const uint32_t offset = t.addr - c.memory().base_of(mem);
  if (offset % align != 0)
    c.fail(ErrorKind::Misaligned, "the {} starts at {} 0x{:x}, not {}-byte aligned ({})", role, mem_name(mem), offset,
           align, c.describe(t));
  const uint64_t have = static_cast<uint64_t>(t.count) * dtype_size(t.dtype);
  if (bytes > have)
    c.fail(ErrorKind::UbOutOfBounds, "the {} needs {} bytes but its LocalTensor holds {} ({})", role, bytes, have,
           c.describe(t));
  c.mem_of(t, bytes, role);
  return c.ub() + t.addr;
}

}  // namespace ascendgen::sim
