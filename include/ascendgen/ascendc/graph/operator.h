// ge::TensorDesc and ge::Operator: a graph node as GE hands it to an OpDef's check-support and
// select-format functions (SetCheckSupport, SetOpSelectFormat). The emulator runs neither (the
// task decides what is supported), so it never builds an Operator; these exist so those functions
// compile, and on an Operator built here they answer from what was set (nothing by default).
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "graph/ascend_string.h"
#include "graph/tensor.h"
#include "graph/types.h"

namespace ge {

class TensorDesc {
 public:
  TensorDesc() = default;
  explicit TensorDesc(Shape shape, Format format = FORMAT_ND, DataType type = DT_FLOAT)
      : shape_(std::move(shape)), format_(format), type_(type) {}
  Shape GetShape() const { return shape_; }
  void SetShape(const Shape& shape) { shape_ = shape; }
  Shape GetOriginShape() const { return shape_; }
  DataType GetDataType() const { return type_; }
  void SetDataType(DataType type) { type_ = type; }
  Format GetFormat() const { return format_; }
  Format GetOriginFormat() const { return format_; }

 private:
  Shape shape_;
  Format format_ = FORMAT_ND;
  DataType type_ = DT_FLOAT;
};

class Operator {
 public:
  Operator() = default;
  explicit Operator(const char* type) : type_(type ? type : "") {}

  // The named input's or output's description; an empty one when there is none.
  TensorDesc GetInputDescByName(const char* name) const { return find(inputs_, name); }
  TensorDesc GetOutputDescByName(const char* name) const { return find(outputs_, name); }
  void UpdateInputDesc(const char* name, const TensorDesc& desc) { inputs_[name] = desc; }
  void UpdateOutputDesc(const char* name, const TensorDesc& desc) { outputs_[name] = desc; }
  // GRAPH_FAILED (value untouched) when the attribute was not set.
  graphStatus GetAttr(const char* name, int64_t& value) const {
    const auto it = int_attrs_.find(name);
    if (it == int_attrs_.end()) return GRAPH_FAILED;
    value = it->second;
    return GRAPH_SUCCESS;
  }
  Operator& SetAttr(const char* name, int64_t value) {
    int_attrs_[name] = value;
    return *this;
  }
  graphStatus GetOpType(AscendString& type) const {
    type = AscendString(type_.c_str());
    return GRAPH_SUCCESS;
  }

 private:
  static TensorDesc find(const std::map<std::string, TensorDesc>& descs, const char* name) {
    const auto it = descs.find(name ? name : "");
    return it == descs.end() ? TensorDesc() : it->second;
  }
  std::string type_;
  std::map<std::string, TensorDesc> inputs_, outputs_;
  std::map<std::string, int64_t> int_attrs_;
};

}  // namespace ge
