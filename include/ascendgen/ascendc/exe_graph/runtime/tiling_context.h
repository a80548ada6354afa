// gert::TilingContext: what a host tiling function (TilingFunc) reads (input and output shapes,
// dtypes and formats, attributes, platform) and sets (block dim, tiling key, tiling data,
// workspace sizes). ascendgen-worker builds one per test case from the case's tensors and the SoC
// and launches the kernel with what the function set.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "exe_graph/runtime/compute_node_info.h"
#include "exe_graph/runtime/runtime_attrs.h"
#include "exe_graph/runtime/storage_shape.h"
#include "exe_graph/runtime/tensor.h"
#include "exe_graph/runtime/tiling_data.h"
#include "graph/types.h"
#include "platform/platform_infos_def.h"

namespace ascendgen::host {
struct TilingContextBuilder;
}

namespace gert {

class TilingContext {
 public:
  // Inputs and outputs by instance index (compute_node_info.h: a tensor list's elements count one
  // each; without lists, the OpDef's order); nullptr past the end.
  const StorageShape* GetInputShape(size_t index) const { return at(inputs_, index, &Port::shape); }
  const StorageShape* GetOutputShape(size_t index) const { return at(outputs_, index, &Port::shape); }
  const CompileTimeTensorDesc* GetInputDesc(size_t index) const { return at(inputs_, index, &Port::desc); }
  const CompileTimeTensorDesc* GetOutputDesc(size_t index) const { return at(outputs_, index, &Port::desc); }
  const Tensor* GetInputTensor(size_t index) const { return at(inputs_, index, &Port::tensor); }
  size_t GetComputeNodeInputNum() const { return inputs_.size(); }
  size_t GetComputeNodeOutputNum() const { return outputs_.size(); }
  // By IR index (the OpDef's Input order): an OPTIONAL input's one instance, nullptr when absent.
  const StorageShape* GetOptionalInputShape(size_t ir_index) const { return GetDynamicInputShape(ir_index, 0); }
  const CompileTimeTensorDesc* GetOptionalInputDesc(size_t ir_index) const { return GetDynamicInputDesc(ir_index, 0); }
  const Tensor* GetOptionalInputTensor(size_t ir_index) const { return GetDynamicInputTensor(ir_index, 0); }
  // By IR index and index in the list: a DYNAMIC input's tensors; nullptr past the list's end.
  const StorageShape* GetDynamicInputShape(size_t ir_index, size_t k) const {
    return at(inputs_, instance(ir_index, k), &Port::shape);
  }
  const CompileTimeTensorDesc* GetDynamicInputDesc(size_t ir_index, size_t k) const {
    return at(inputs_, instance(ir_index, k), &Port::desc);
  }
  const Tensor* GetDynamicInputTensor(size_t ir_index, size_t k) const {
    return at(inputs_, instance(ir_index, k), &Port::tensor);
  }
  const ComputeNodeInfo* GetComputeNodeInfo() const { return &node_; }
  const AnchorInstanceInfo* GetIrInputInstanceInfo(size_t ir_index) const { return node_.GetInputInstanceInfo(ir_index); }

  const RuntimeAttrs* GetAttrs() const { return &attrs_; }
  fe::PlatFormInfos* GetPlatformInfo() const { return platform_; }
  const char* GetNodeName() const { return op_type_.c_str(); }
  const char* GetNodeType() const { return op_type_.c_str(); }
  // What the operator's TilingParse function filled (IMPL_OP_OPTILING(op).TilingParse<T>(fn));
  // nullptr when it registered none. T must be the registered type, as in CANN.
  const void* GetCompileInfo() const { return compile_info_; }
  template <typename T> const T* GetCompileInfo() const { return static_cast<const T*>(compile_info_); }

  ge::graphStatus SetBlockDim(uint32_t block_dim) {
    block_dim_ = block_dim;
    return ge::GRAPH_SUCCESS;
  }
  uint32_t GetBlockDim() const { return block_dim_; }
  ge::graphStatus SetTilingKey(uint64_t key) {
    tiling_key_ = key;
    return ge::GRAPH_SUCCESS;
  }
  uint64_t GetTilingKey() const { return tiling_key_; }
  ge::graphStatus SetNeedAtomic(bool) { return ge::GRAPH_SUCCESS; }
  ge::graphStatus SetScheduleMode(uint32_t) { return ge::GRAPH_SUCCESS; }
  int32_t GetDeterministic() const { return 0; }
  TilingData* GetRawTilingData() { return &tiling_data_; }
  // `count` workspace sizes, zeroed on first request; the kernel's `workspace` buffer gets the
  // first one (CANN launches with one workspace).
  size_t* GetWorkspaceSizes(size_t count) {
    if (workspaces_.size() < count) workspaces_.resize(count, 0);
    return workspaces_.data();
  }
  size_t GetWorkspaceNum() const { return workspaces_.size(); }

 private:
  friend struct ascendgen::host::TilingContextBuilder;
  struct Port {
    StorageShape shape;
    CompileTimeTensorDesc desc;
    Tensor tensor;
  };
  template <typename T> static const T* at(const std::vector<Port>& ports, size_t index, T Port::*member) {
    return index < ports.size() ? &(ports[index].*member) : nullptr;
  }
  // The instance index of tensor k of IR input ir_index; past every port when there is none.
  size_t instance(size_t ir_index, size_t k) const {
    const AnchorInstanceInfo* info = node_.GetInputInstanceInfo(ir_index);
    return info && k < info->GetInstanceNum() ? info->GetInstanceStart() + k : inputs_.size();
  }

  TilingContext(void* tiling_buffer, size_t capacity) : tiling_data_(tiling_buffer, capacity) {}

  std::string op_type_;
  std::vector<Port> inputs_, outputs_;
  ComputeNodeInfo node_;
  RuntimeAttrs attrs_;
  fe::PlatFormInfos* platform_ = nullptr;
  const void* compile_info_ = nullptr;
  uint32_t block_dim_ = 0;
  uint64_t tiling_key_ = 0;
  TilingData tiling_data_;
  std::vector<size_t> workspaces_;
};

}  // namespace gert
