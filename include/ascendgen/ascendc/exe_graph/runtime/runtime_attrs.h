// gert::RuntimeAttrs: an operator's attribute values, by their index in the OpDef's Attr list.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace gert {

class RuntimeAttrs {
 public:
  // A pointer to attribute `index` read as T (float for Float, int64_t for Int, bool for Bool,
  // char for String); nullptr when there is no such attribute.
  template <typename T> const T* GetAttrPointer(size_t index) const {
    if (index >= values_.size()) return nullptr;
    const Value& v = values_[index];
    return v.is_string ? reinterpret_cast<const T*>(v.text.c_str()) : reinterpret_cast<const T*>(v.bytes);
  }
  const int64_t* GetInt(size_t index) const { return GetAttrPointer<int64_t>(index); }
  const float* GetFloat(size_t index) const { return GetAttrPointer<float>(index); }
  const bool* GetBool(size_t index) const { return GetAttrPointer<bool>(index); }
  const char* GetStr(size_t index) const { return GetAttrPointer<char>(index); }
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

 private:
  struct Value {
    alignas(8) unsigned char bytes[8] = {};
    bool is_string = false;
    std::string text;
  };
  std::vector<Value> values_;
};

}  // namespace gert
