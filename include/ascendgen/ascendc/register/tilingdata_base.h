// Tiling data definitions (op_host/<op>_tiling.h):
//
//   namespace optiling {
//   BEGIN_TILING_DATA_DEF(AddTilingData)
//     TILING_DATA_FIELD_DEF(uint32_t, totalLength);
//     TILING_DATA_FIELD_DEF_ARR(uint32_t, 8, splits);
//     TILING_DATA_FIELD_DEF_STRUCT(TCubeTiling, cubeTilingData);
//   END_TILING_DATA_DEF;
//   REGISTER_TILING_DATA_CLASS(AddCustom, AddTilingData)
//   }
//
// The same header is read twice. On the host (op_host/*.cpp) each definition is a class with
// set_<field>/get_<field>, SaveToBuffer and GetDataSize. In the kernel's translation unit (the
// compiler defines ASCENDGEN_TILING_KERNEL_SIDE) it is a plain struct with the same fields, which
// GET_TILING_DATA fills. Both lay fields out as a C struct does (each at a multiple of its
// alignment, the size rounded up to the largest), so the bytes the host saves are the struct the
// kernel reads.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "operator/host_runtime.h"
// What CANN's host headers bring: always on the host; in the kernel unit only when the operator's
// op_host headers use the standard library (the compiler then defines
// ASCENDGEN_TILING_HEADERS_USE_STD), since parsing it costs every kernel unit about half a second.
#if !defined(ASCENDGEN_TILING_KERNEL_SIDE) || defined(ASCENDGEN_TILING_HEADERS_USE_STD)
#include "operator/host_std.h"
#endif

#ifdef ASCENDGEN_TILING_KERNEL_SIDE

#define BEGIN_TILING_DATA_DEF(class_name) struct class_name {
#define TILING_DATA_FIELD_DEF(data_type, field_name) data_type field_name
#define TILING_DATA_FIELD_DEF_ARR(arr_type, arr_size, field_name) arr_type field_name[arr_size]
#define TILING_DATA_FIELD_DEF_STRUCT(struct_type, field_name) struct_type field_name
#define END_TILING_DATA_DEF };  // CANN's ends the class: a following ';' is optional
#define REGISTER_TILING_DATA_CLASS(op_type, class_name) using ascendgen_tiling_data_##op_type = class_name;

#else

namespace optiling {

// Base of every host tiling data class: its fields, registered in declaration order.
class TilingDef {
 public:
  virtual ~TilingDef() = default;

  // Bytes of the data as the kernel's struct lays them out.
  size_t GetDataSize() const { return layout().size; }
  // Writes the fields to `data`. When they need more than `capacity` bytes nothing is written and
  // the runtime notes the overflow (the case then fails with tiling_data_overflow).
  void SaveToBuffer(void* data, size_t capacity) const {
    const size_t size = GetDataSize();
    if (size > capacity) {
      ascendgen::host::report_tiling_overflow(size, capacity);
      return;
    }
    std::memset(data, 0, size);
    write(static_cast<unsigned char*>(data));
  }

  // Registration, run by the field macros' member initialisers (not for users).
  struct FieldRegistration {
    template <typename Owner, typename T> FieldRegistration(Owner* owner, T* field) {
      TilingDef* self = owner;
      const size_t offset = reinterpret_cast<const unsigned char*>(field) - reinterpret_cast<const unsigned char*>(self);
      if constexpr (std::is_base_of_v<TilingDef, T>) self->fields_.push_back({offset, 0, 0, true});
      else self->fields_.push_back({offset, sizeof(T), alignof(std::remove_all_extents_t<T>), false});
    }
  };

 private:
  struct Field {
    size_t offset;      // of the member in this object
    size_t size, align; // of a plain field
    bool nested;        // a TilingDef member (TILING_DATA_FIELD_DEF_STRUCT)
  };
  struct Layout {
    size_t size = 0, align = 1;
  };
  const TilingDef& nested(const Field& f) const {
    return *reinterpret_cast<const TilingDef*>(reinterpret_cast<const unsigned char*>(this) + f.offset);
  }
  static size_t align_up(size_t n, size_t a) { return (n + a - 1) / a * a; }
  Layout layout() const {
    Layout l;
    for (const Field& f : fields_) {
      const Layout part = f.nested ? nested(f).layout() : Layout{f.size, f.align};
      l.size = align_up(l.size, part.align) + part.size;
      if (part.align > l.align) l.align = part.align;
    }
    l.size = align_up(l.size, l.align);
    return l;
  }
  void write(unsigned char* out) const {
    size_t at = 0;
    for (const Field& f : fields_) {
      const unsigned char* member = reinterpret_cast<const unsigned char*>(this) + f.offset;
      if (f.nested) {
        const Layout part = nested(f).layout();
        at = align_up(at, part.align);
        nested(f).write(out + at);
        at += part.size;
      } else {
        at = align_up(at, f.align);
        std::memcpy(out + at, member, f.size);
        at += f.size;
      }
    }
  }
  std::vector<Field> fields_;
};

}  // namespace optiling

#define BEGIN_TILING_DATA_DEF(class_name)      \
  class class_name : public ::optiling::TilingDef { \
   public:
#define TILING_DATA_FIELD_DEF(data_type, field_name)                                              \
  void set_##field_name(data_type value) { field_name##_ = value; }                               \
  data_type get_##field_name() const { return field_name##_; }                                     \
                                                                                                   \
 private:                                                                                          \
  data_type field_name##_ = data_type();                                                           \
  ::optiling::TilingDef::FieldRegistration ascendgen_field_##field_name{this, &field_name##_};      \
                                                                                                   \
 public:                                                                                           \
  static_assert(true, "")
#define TILING_DATA_FIELD_DEF_ARR(arr_type, arr_size, field_name)                                 \
  void set_##field_name(const arr_type* values) { std::memcpy(field_name##_, values, sizeof(field_name##_)); } \
  arr_type* get_##field_name() { return field_name##_; }                                           \
                                                                                                   \
 private:                                                                                          \
  arr_type field_name##_[arr_size] = {};                                                           \
  ::optiling::TilingDef::FieldRegistration ascendgen_field_##field_name{this, &field_name##_};      \
                                                                                                   \
 public:                                                                                           \
  static_assert(true, "")
#define TILING_DATA_FIELD_DEF_STRUCT(struct_type, field_name) \
  struct_type field_name;                                     \
                                                              \
 private:                                                     \
  ::optiling::TilingDef::FieldRegistration ascendgen_field_##field_name{this, &field_name}; \
                                                              \
 public:                                                      \
  static_assert(true, "")
#define END_TILING_DATA_DEF };  // CANN's ends the class: a following ';' is optional
// Ties a tiling data class to an operator type (the kernel's GET_TILING_DATA reads that class).
#define REGISTER_TILING_DATA_CLASS(op_type, class_name)                                            \
  static_assert(std::is_base_of_v<::optiling::TilingDef, class_name>,                               \
                "REGISTER_TILING_DATA_CLASS(" #op_type ", " #class_name "): not a BEGIN_TILING_DATA_DEF class");

#endif
