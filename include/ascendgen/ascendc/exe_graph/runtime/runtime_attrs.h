// gert::RuntimeAttrs: an operator's attribute values, by their index in the OpDef's Attr list.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "exe_graph/runtime/continuous_vector.h"

namespace gert {

class RuntimeAttrs {
 public:
  // A pointer to attribute `index` read as T (float for Float, int64_t for Int, bool for Bool,
  // char for String, TypedContinuousVector<int64_t> / <float> for ListInt / ListFloat); nullptr
  // when there is no such attribute.
  template <typename T> const T* GetAttrPointer(size_t index) const {
    if (index >= values_.size()) return nullptr;
    const Value& v = values_[index];
    if (v.is_string) return reinterpret_cast<const T*>(v.text.c_str());
    if (v.ints) return reinterpret_cast<const T*>(&*v.ints);
    if (v.floats) return reinterpret_cast<const T*>(&*v.floats);
    return reinterpret_cast<const T*>(v.bytes);
  }
  const int64_t* GetInt(size_t index) const { return GetAttrPointer<int64_t>(index); }
  const float* GetFloat(size_t index) const { return GetAttrPointer<float>(index); }
  const bool* GetBool(size_t index) const { return GetAttrPointer<bool>(index); }
  const char* GetStr(size_t index) const { return GetAttrPointer<char>(index); }
  const TypedContinuousVector<int64_t>* GetListInt(size_t index) const {
    return GetAttrPointer<TypedContinuousVector<int64_t>>(index);
  }
  const TypedContinuousVector<float>* GetListFloat(size_t index) const {
    return GetAttrPointer<TypedContinuousVector<float>>(index);
  }
  size_t GetAttrNum() const { return values_.size(); }

  // Building (the runtime does this before calling the tiling function).
  template <typename T> void Append(T value) {
    static_assert(sizeof(T) <= 8, "scalar attributes only");
    Value v;
    std::memcpy(v.bytes, &value, sizeof(T));
    values_.push_back(v);
  }
  void AppendString(std::string text) {
    Value v;
    v.is_string = true;
    v.text = std::move(text);
    values_.push_back(std::move(v));
  }
  void AppendListInt(std::vector<int64_t> list) {
    Value v;
    v.ints.emplace(std::move(list));
    values_.push_back(std::move(v));
  }
  void AppendListFloat(std::vector<float> list) {
    Value v;
    v.floats.emplace(std::move(list));
    values_.push_back(std::move(v));
  }

 private:
  struct Value {
    alignas(8) unsigned char bytes[8] = {};
    bool is_string = false;
    std::string text;
    std::optional<TypedContinuousVector<int64_t>> ints;
    std::optional<TypedContinuousVector<float>> floats;
  };
  std::vector<Value> values_;
};

}  // namespace gert
