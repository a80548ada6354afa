// ops::OpDef: an operator definition as op_host/<op>.cpp writes it (inputs, outputs and attributes
// with their dtypes and formats, the AI Core's tiling function and SoC configs). The emulator reads
// it back to build the tiling context: input and output order, attribute order, types and defaults.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "exe_graph/runtime/infer_shape_context.h"
#include "exe_graph/runtime/tiling_context.h"
#include "graph/types.h"

namespace ops {

enum Option { IGNORE = 0, OPTIONAL = 1, REQUIRED = 2, DYNAMIC = 3, VIRTUAL = 4 };

using TilingKernelFunc = ge::graphStatus (*)(gert::TilingContext*);
using InferShapeKernelFunc = ge::graphStatus (*)(gert::InferShapeContext*);
using InferDataTypeKernelFunc = ge::graphStatus (*)(gert::InferDataTypeContext*);

// One input or output.
class OpParamDef {
 public:
  explicit OpParamDef(const char* name) : name_(name) {}
  OpParamDef& ParamType(Option type) { return set(param_type_, type); }
  OpParamDef& DataType(std::vector<ge::DataType> types) { return set(types_, std::move(types)); }
  OpParamDef& DataTypeList(std::vector<ge::DataType> types) { return set(types_, std::move(types)); }
  OpParamDef& Format(std::vector<ge::Format> formats) { return set(formats_, std::move(formats)); }
  OpParamDef& FormatList(std::vector<ge::Format> formats) { return set(formats_, std::move(formats)); }
  OpParamDef& UnknownShapeFormat(std::vector<ge::Format>) { return *this; }
  OpParamDef& ValueDepend(Option) { return *this; }
  OpParamDef& IgnoreContiguous() { return *this; }
  OpParamDef& AutoContiguous() { return *this; }
  OpParamDef& Scalar() { return *this; }
  OpParamDef& ScalarList() { return *this; }
  OpParamDef& To(ge::DataType) { return *this; }
  OpParamDef& Follow(const char*) { return *this; }
  OpParamDef& InitValue(uint64_t) { return *this; }
  OpParamDef& OutputShapeDependOnCompute() { return *this; }

  const std::string& GetParamName() const { return name_; }
  Option GetParamType() const { return param_type_; }
  const std::vector<ge::DataType>& GetDataTypes() const { return types_; }
  const std::vector<ge::Format>& GetFormats() const { return formats_; }

 private:
  template <typename T, typename V> OpParamDef& set(T& field, V&& value) {
    field = std::forward<V>(value);
    return *this;
  }
  std::string name_;
  Option param_type_ = REQUIRED;
  std::vector<ge::DataType> types_;
  std::vector<ge::Format> formats_;
};

// One attribute: its kind (Float, Int, Bool, String, lists) and optional default.
class OpAttrDef {
 public:
  enum class Kind { Unset, Bool, Float, Int, String, ListBool, ListFloat, ListInt };
  explicit OpAttrDef(const char* name) : name_(name) {}
  OpAttrDef& AttrType(Option type) {
    attr_type_ = type;
    return *this;
  }
  OpAttrDef& Bool() { return kind(Kind::Bool); }
  OpAttrDef& Bool(bool value) { return with_default(Kind::Bool, value ? 1 : 0); }
  OpAttrDef& Float() { return kind(Kind::Float); }
  OpAttrDef& Float(float value) { return with_default(Kind::Float, value); }
  OpAttrDef& Int() { return kind(Kind::Int); }
  OpAttrDef& Int(int64_t value) { return with_default(Kind::Int, static_cast<double>(value)); }
  OpAttrDef& String() { return kind(Kind::String); }
  OpAttrDef& String(const char* value) {
    text_default_ = value;
    has_default_ = true;
    return kind(Kind::String);
  }
  OpAttrDef& ListBool() { return kind(Kind::ListBool); }
  OpAttrDef& ListBool(std::vector<bool>) { return kind(Kind::ListBool); }
  OpAttrDef& ListFloat() { return kind(Kind::ListFloat); }
  OpAttrDef& ListFloat(std::vector<float>) { return kind(Kind::ListFloat); }
  OpAttrDef& ListInt() { return kind(Kind::ListInt); }
  OpAttrDef& ListInt(std::vector<int64_t>) { return kind(Kind::ListInt); }

  const std::string& GetName() const { return name_; }
  Option GetAttrType() const { return attr_type_; }
  Kind GetKind() const { return kind_; }
  bool HasDefault() const { return has_default_; }
  double GetDefault() const { return default_; }
  const std::string& GetStringDefault() const { return text_default_; }

 private:
  OpAttrDef& kind(Kind k) {
    kind_ = k;
    return *this;
  }
  OpAttrDef& with_default(Kind k, double value) {
    default_ = value;
    has_default_ = true;
    return kind(k);
  }
  std::string name_;
  Option attr_type_ = REQUIRED;
  Kind kind_ = Kind::Unset;
  bool has_default_ = false;
  double default_ = 0;
  std::string text_default_;
};

// Per-SoC settings of the AI Core implementation; recorded, not used by the emulator.
class OpAICoreConfig {
 public:
  OpAICoreConfig() = default;
  explicit OpAICoreConfig(const char*) {}
  OpAICoreConfig& DynamicCompileStaticFlag(bool) { return *this; }
  OpAICoreConfig& DynamicFormatFlag(bool) { return *this; }
  OpAICoreConfig& DynamicRankSupportFlag(bool) { return *this; }
  OpAICoreConfig& DynamicShapeSupportFlag(bool) { return *this; }
  OpAICoreConfig& NeedCheckSupportFlag(bool) { return *this; }
  OpAICoreConfig& PrecisionReduceFlag(bool) { return *this; }
  OpAICoreConfig& ExtendCfgInfo(const char*, const char*) { return *this; }
  OpParamDef& Input(const char* name) { return params_.emplace_back(name); }
  OpParamDef& Output(const char* name) { return params_.emplace_back(name); }

 private:
  std::deque<OpParamDef> params_;
};

class OpAICoreDef {
 public:
  OpAICoreDef& SetTiling(TilingKernelFunc func) {
    tiling_ = func;
    return *this;
  }
  template <typename F> OpAICoreDef& SetTilingParse(F) { return *this; }
  template <typename F> OpAICoreDef& SetCheckSupport(F) { return *this; }
  template <typename F> OpAICoreDef& SetOpSelectFormat(F) { return *this; }
  OpAICoreDef& AddConfig(const char* soc) {
    socs_.emplace_back(soc);
    return *this;
  }
  OpAICoreDef& AddConfig(const char* soc, OpAICoreConfig&) { return AddConfig(soc); }

  TilingKernelFunc GetTiling() const { return tiling_; }
  const std::vector<std::string>& GetConfigs() const { return socs_; }

 private:
  TilingKernelFunc tiling_ = nullptr;
  std::vector<std::string> socs_;
};

class OpDef {
 public:
  explicit OpDef(const char* type) : type_(type) {}
  virtual ~OpDef() = default;

  OpParamDef& Input(const char* name) { return inputs_.emplace_back(name); }
  OpParamDef& Output(const char* name) { return outputs_.emplace_back(name); }
  OpAttrDef& Attr(const char* name) { return attrs_.emplace_back(name); }
  OpDef& SetInferShape(InferShapeKernelFunc func) {
    infer_shape_ = func;
    return *this;
  }
  template <typename F> OpDef& SetInferShapeRange(F) { return *this; }
  OpDef& SetInferDataType(InferDataTypeKernelFunc func) {
    infer_data_type_ = func;
    return *this;
  }
  OpAICoreDef& AICore() { return aicore_; }

  const std::string& GetOpType() const { return type_; }
  const std::deque<OpParamDef>& GetInputs() const { return inputs_; }
  const std::deque<OpParamDef>& GetOutputs() const { return outputs_; }
  const std::deque<OpAttrDef>& GetAttrs() const { return attrs_; }
  const OpAICoreDef& GetAICore() const { return aicore_; }

 private:
  std::string type_;
  std::deque<OpParamDef> inputs_, outputs_;
  std::deque<OpAttrDef> attrs_;
  OpAICoreDef aicore_;
  InferShapeKernelFunc infer_shape_ = nullptr;
  InferDataTypeKernelFunc infer_data_type_ = nullptr;
};

}  // namespace ops
