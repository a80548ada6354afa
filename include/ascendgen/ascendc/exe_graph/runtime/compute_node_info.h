// gert::ComputeNodeInfo and gert::AnchorInstanceInfo: how an operator's IR inputs and outputs (the
// OpDef's Input/Output declarations) map to the tensors of one call. A REQUIRED port has one
// instance, a DYNAMIC one (a tensor list) as many as the list holds, an absent OPTIONAL one none.
// Instances are numbered across all ports in IR order: GetInputShape(i) takes an instance index,
// GetDynamicInputShape(ir_index, k) and GetOptionalInputShape(ir_index) an IR index.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace ascendgen::host {
struct TilingContextBuilder;
}

namespace gert {

class AnchorInstanceInfo {
 public:
  AnchorInstanceInfo() = default;
  AnchorInstanceInfo(uint32_t start, uint32_t num) : start_(start), num_(num) {}
  uint32_t GetInstanceStart() const { return start_; }
  uint32_t GetInstanceNum() const { return num_; }

 private:
  uint32_t start_ = 0, num_ = 0;
};

class ComputeNodeInfo {
 public:
  const char* GetNodeName() const { return op_type_.c_str(); }
  const char* GetNodeType() const { return op_type_.c_str(); }
  size_t GetIrInputsNum() const { return inputs_.size(); }
  size_t GetIrOutputsNum() const { return outputs_.size(); }
  size_t GetInputsNum() const { return instances(inputs_); }
  size_t GetOutputsNum() const { return instances(outputs_); }
  // nullptr past the last IR port.
  const AnchorInstanceInfo* GetInputInstanceInfo(size_t ir_index) const { return at(inputs_, ir_index); }
  const AnchorInstanceInfo* GetOutputInstanceInfo(size_t ir_index) const { return at(outputs_, ir_index); }

 private:
  friend struct ascendgen::host::TilingContextBuilder;
  static const AnchorInstanceInfo* at(const std::vector<AnchorInstanceInfo>& list, size_t i) {
    return i < list.size() ? &list[i] : nullptr;
  }
  static size_t instances(const std::vector<AnchorInstanceInfo>& list) {
    return list.empty() ? 0 : list.back().GetInstanceStart() + list.back().GetInstanceNum();
  }
  std::string op_type_;
  std::vector<AnchorInstanceInfo> inputs_, outputs_;
};

// The part of a kernel context (tiling, InferShape) that describes the node; operator code reaches
// it by casting an InferShapeContext*, whose functions the emulator compiles but never runs.
class ExtendedKernelContext {
 public:
  const ComputeNodeInfo* GetComputeNodeInfo() const { return &node_; }
  size_t GetComputeNodeInputNum() const { return node_.GetInputsNum(); }
  size_t GetComputeNodeOutputNum() const { return node_.GetOutputsNum(); }
  const AnchorInstanceInfo* GetIrInputInstanceInfo(size_t ir_index) const { return node_.GetInputInstanceInfo(ir_index); }
  const char* GetNodeName() const { return node_.GetNodeName(); }
  const char* GetNodeType() const { return node_.GetNodeType(); }

 private:
  ComputeNodeInfo node_;
};

}  // namespace gert
