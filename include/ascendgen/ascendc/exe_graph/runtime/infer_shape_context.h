// gert::InferShapeContext and gert::InferDataTypeContext: what an operator's InferShape and
// InferDataType functions see. Operator definitions may register them (SetInferShape); the
// emulator takes output shapes and dtypes from the task instead, so these functions compile but
// are never run.
#pragma once
#include <cstddef>
#include <vector>

#include "exe_graph/runtime/runtime_attrs.h"
#include "exe_graph/runtime/shape.h"
#include "exe_graph/runtime/tensor.h"
#include "graph/types.h"

namespace gert {

class InferShapeContext {
 public:
  const Shape* GetInputShape(size_t index) const { return index < inputs_.size() ? &inputs_[index] : nullptr; }
  const Shape* GetOptionalInputShape(size_t index) const { return GetInputShape(index); }
  const Tensor* GetInputTensor(size_t) const { return nullptr; }
  Shape* GetOutputShape(size_t index) { return index < outputs_.size() ? &outputs_[index] : nullptr; }
  const CompileTimeTensorDesc* GetInputDesc(size_t index) const {
    return index < input_descs_.size() ? &input_descs_[index] : nullptr;
  }
  size_t GetComputeNodeInputNum() const { return inputs_.size(); }
  size_t GetComputeNodeOutputNum() const { return outputs_.size(); }
  const RuntimeAttrs* GetAttrs() const { return &attrs_; }
  const char* GetNodeName() const { return ""; }

 private:
  std::vector<Shape> inputs_, outputs_;
  std::vector<CompileTimeTensorDesc> input_descs_;
  RuntimeAttrs attrs_;
};

class InferDataTypeContext {
 public:
  ge::DataType GetInputDataType(size_t index) const { return index < inputs_.size() ? inputs_[index] : ge::DT_UNDEFINED; }
  ge::DataType GetOptionalInputDataType(size_t index) const { return GetInputDataType(index); }
  ge::DataType GetOutputDataType(size_t index) const {
    return index < outputs_.size() ? outputs_[index] : ge::DT_UNDEFINED;
  }
  ge::graphStatus SetOutputDataType(size_t index, ge::DataType type) {
    if (index >= outputs_.size()) outputs_.resize(index + 1, ge::DT_UNDEFINED);
    outputs_[index] = type;
    return ge::GRAPH_SUCCESS;
  }
  const RuntimeAttrs* GetAttrs() const { return &attrs_; }
  const char* GetNodeName() const { return ""; }

 private:
  std::vector<ge::DataType> inputs_, outputs_;
  RuntimeAttrs attrs_;
};

}  // namespace gert
