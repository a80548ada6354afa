#include "operator_tiling.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <memory>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "operator/host_runtime.h"
#include "operator_ports.h"
#include "exe_graph/runtime/tiling_parse_context.h"
#include "register/op_def.h"

namespace ascendgen::host {

// Fills the private parts of a TilingContext (it is a friend).
struct TilingContextBuilder {
  static gert::TilingContext make(const std::string& op_type, void* tiling, size_t capacity, fe::PlatFormInfos* platform) {
    gert::TilingContext context(tiling, capacity);
    context.op_type_ = op_type;
    context.platform_ = platform;
    return context;
  }
  static void add_port(gert::TilingContext& context, bool input, const OperatorTensor& t, const void* data,
                       size_t bytes, ge::DataType type) {
    gert::Shape shape;
    for (int64_t d : t.shape) shape.AppendDim(d);
    const gert::StorageShape storage(shape, shape);
    const gert::StorageFormat format(ge::FORMAT_ND, ge::FORMAT_ND);
    (input ? context.inputs_ : context.outputs_)
        .push_back({storage, gert::CompileTimeTensorDesc(type, format), gert::Tensor(storage, format, type, data, bytes)});
  }
  // Declares the next IR input or output, with the `instances` ports added since the last one.
  static void add_ir_port(gert::TilingContext& context, bool input, uint32_t instances) {
    gert::ComputeNodeInfo& node = context.node_;
    node.op_type_ = context.op_type_;
    auto& ir = input ? node.inputs_ : node.outputs_;
    const uint32_t start = static_cast<uint32_t>((input ? context.inputs_ : context.outputs_).size()) - instances;
    ir.emplace_back(start, instances);
  }
  static gert::RuntimeAttrs& attrs(gert::TilingContext& context) { return context.attrs_; }
  static gert::TilingParseContext make_parse(const std::string& op_type, void* compile_info, fe::PlatFormInfos* platform) {
    return gert::TilingParseContext(op_type, compile_info, platform);
  }
  static void set_compile_info(gert::TilingContext& context, const void* info) { context.compile_info_ = info; }
};

}  // namespace ascendgen::host

namespace ascendgen::worker {
namespace {

using host::TilingContextBuilder;

ge::DataType ge_type(const std::string& dtype) {
  static const std::map<std::string, ge::DataType> types = {
      {"float16", ge::DT_FLOAT16}, {"bfloat16", ge::DT_BF16}, {"float32", ge::DT_FLOAT}, {"int8", ge::DT_INT8},
      {"uint8", ge::DT_UINT8},     {"int16", ge::DT_INT16},   {"int32", ge::DT_INT32},   {"int64", ge::DT_INT64},
      {"bool", ge::DT_BOOL},       {"float64", ge::DT_DOUBLE},  {"complex64", ge::DT_COMPLEX64}};
  const auto it = types.find(dtype);
  return it == types.end() ? ge::DT_UNDEFINED : it->second;
}

TilingRun failure(std::string kind, std::string message) { return {std::move(kind), std::move(message), {}, {}}; }

// Calls one of the operator's host functions (`what`: "tiling function", "TilingParse function");
// an empty error_kind when it returned GRAPH_SUCCESS.
template <typename Call> TilingRun call_host_function(const std::string& op, const char* what, Call call) {
  ge::graphStatus status = ge::GRAPH_FAILED;
  try {
    status = call();
  } catch (const std::exception& e) {
    return failure("tiling_exception", fmt::format("the {} of '{}' threw: {}", what, op, e.what()));
  } catch (...) {
    return failure("tiling_exception", fmt::format("the {} of '{}' threw an exception of unknown type", what, op));
  }
  if (status != ge::GRAPH_SUCCESS)
    return failure("tiling_failed", fmt::format("the {} of '{}' returned {} ({:#x}), not GRAPH_SUCCESS", what, op,
                                                status == ge::GRAPH_FAILED ? "GRAPH_FAILED" : "an error", status));
  return {};
}

// While the launch is tiled, PlatformAscendCManager and fe::PlatformInfoManager answer with its SoC.
struct CurrentPlatform {
  explicit CurrentPlatform(fe::PlatFormInfos* platform) { host::set_current_platform(platform); }
  ~CurrentPlatform() { host::set_current_platform(nullptr); }
  CurrentPlatform(const CurrentPlatform&) = delete;
  CurrentPlatform& operator=(const CurrentPlatform&) = delete;
};


using AttrKind = ops::OpAttrDef::Kind;

AttrKind kind_of(const std::string& type) {
  static const std::map<std::string, AttrKind> kinds = {
      {"float", AttrKind::Float},   {"int", AttrKind::Int},          {"bool", AttrKind::Bool},
      {"string", AttrKind::String}, {"list_int", AttrKind::ListInt}, {"list_float", AttrKind::ListFloat}};
  const auto it = kinds.find(type);
  return it == kinds.end() ? AttrKind::Unset : it->second;
}

// Appends `value` as an attribute of `kind`; false when the value is not of that kind (a string for
// an Int, a number for a ListInt, a fractional element of a ListInt, ...).
bool append_attribute(gert::RuntimeAttrs& attrs, AttrKind kind, const AttributeValue& value) {
  if (const double* number = std::get_if<double>(&value)) {
    switch (kind) {
      case AttrKind::Float: attrs.Append(static_cast<float>(*number)); return true;
      case AttrKind::Int: attrs.Append(static_cast<int64_t>(*number)); return true;
      case AttrKind::Bool: attrs.Append(*number != 0); return true;
      default: return false;
    }
  }
  if (const std::string* text = std::get_if<std::string>(&value)) {
    if (kind != AttrKind::String) return false;
    attrs.AppendString(*text);
    return true;
  }
  const auto& list = std::get<std::vector<double>>(value);
  if (kind == AttrKind::ListFloat) {
    attrs.AppendListFloat(std::vector<float>(list.begin(), list.end()));
    return true;
  }
  if (kind != AttrKind::ListInt || !std::all_of(list.begin(), list.end(), [](double v) { return std::nearbyint(v) == v; }))
    return false;
  attrs.AppendListInt(std::vector<int64_t>(list.begin(), list.end()));
  return true;
}

// Attribute values in the OpDef's order and kinds; the task's when the OpDef declares none.
std::string fill_attributes(const ops::OpDef& def, const std::vector<OperatorAttribute>& values, gert::RuntimeAttrs& attrs) {
  if (def.GetAttrs().empty()) {
    for (const OperatorAttribute& a : values)
      if (!append_attribute(attrs, kind_of(a.type), a.value))
        return fmt::format("attribute '{}' = {} is not a {}", a.name, a.value, a.type);
    return {};
  }
  for (const ops::OpAttrDef& a : def.GetAttrs()) {
    const auto given = std::find_if(values.begin(), values.end(), [&](const OperatorAttribute& v) { return v.name == a.GetName(); });
    const AttrKind kind = a.GetKind();
    if (given != values.end()) {
      if (!append_attribute(attrs, kind == AttrKind::Unset ? kind_of(given->type) : kind, given->value))
        return fmt::format("attribute '{}' of the OpDef does not take the task's {} value {}", a.GetName(), given->type,
                           given->value);
    } else if (a.HasDefault() && kind == AttrKind::String) {
      attrs.AppendString(a.GetStringDefault());
    } else if (a.HasDefault() && (kind == AttrKind::Float || kind == AttrKind::Int || kind == AttrKind::Bool)) {
      append_attribute(attrs, kind, a.GetDefault());
    } else {
      std::vector<std::string> task_names;
      for (const OperatorAttribute& v : values) task_names.push_back(v.name);
      return fmt::format("attribute '{}' of the OpDef is not a task attribute ([{}]) and has no default{}", a.GetName(),
                         fmt::join(task_names, ", "),
                         kind == AttrKind::ListInt || kind == AttrKind::ListFloat || kind == AttrKind::ListBool
                             ? " (the emulator does not keep list defaults)"
                             : "");
    }
  }
  return {};
}

fe::PlatFormInfos platform_infos(const OperatorPlatform& p) {
  fe::PlatFormInfos info;
  info.soc_name = p.soc_name;
  info.short_soc_version = p.short_soc_version;
  info.aic_num = p.cube_cores;
  info.aiv_num = p.vector_cores;
  info.ub_bytes = p.ub_bytes;
  info.l1_bytes = p.l1_bytes;
  info.l0a_bytes = p.l0a_bytes;
  info.l0b_bytes = p.l0b_bytes;
  info.l0c_bytes = p.l0c_bytes;
  info.system_workspace_bytes = p.system_workspace_bytes;
  info.mix = p.mix;
  return info;
}

}  // namespace

TilingRun run_operator_tiling(const OperatorLaunch& launch, const std::vector<uint8_t*>& buffers,
                              const std::vector<uint64_t>& buffer_bytes) {
  const std::string& op = launch.op_type;
  const host::OpFactory factory = host::find_op(op);
  if (!factory)
    return failure("tiling_not_registered",
                   fmt::format("no operator '{}' is registered: op_host/*.cpp must define `class {} : public OpDef` and "
                               "OP_ADD({}) (registered: [{}])",
                               op, op, op, fmt::join(host::registered_ops(), ", ")));
  std::unique_ptr<ops::OpDef> def;
  try {
    def.reset(factory(op.c_str()));
  } catch (const std::exception& e) {
    return failure("tiling_exception", fmt::format("the constructor of OpDef '{}' threw: {}", op, e.what()));
  } catch (...) {
    return failure("tiling_exception", fmt::format("the constructor of OpDef '{}' threw", op));
  }
  // The OpDef's tiling function, else the one IMPL_OP_OPTILING registered.
  const host::OpImplFunctions impl = host::find_op_impl(op);
  const ops::TilingKernelFunc tiling = def->GetAICore().GetTiling() ? def->GetAICore().GetTiling() : impl.tiling;
  if (!tiling)
    return failure("tiling_not_registered",
                   fmt::format("OpDef '{}' registers no tiling function (this->AICore().SetTiling(TilingFunc) or "
                               "IMPL_OP_OPTILING({}).Tiling(TilingFunc))",
                               op, op));

  fe::PlatFormInfos platform = platform_infos(launch.platform);
  std::vector<uint8_t> tiling_buffer(launch.tiling_capacity_bytes);
  gert::TilingContext context = TilingContextBuilder::make(op, tiling_buffer.data(), tiling_buffer.size(), &platform);
  for (const bool input : {true, false}) {
    std::string mismatch;
    const std::vector<worker::IrPort> ports = worker::match_ports(input ? def->GetInputs() : def->GetOutputs(),
                                                                  input ? launch.inputs : launch.outputs,
                                                                  input ? "inputs" : "outputs", mismatch);
    if (!mismatch.empty()) return failure("op_def_mismatch", fmt::format("operator '{}': {}", op, mismatch));
    for (const worker::IrPort& port : ports) {
      for (const OperatorTensor* t : port.instances) {
        const bool has_data = input && t->buffer >= 0 && static_cast<size_t>(t->buffer) < buffers.size();
        TilingContextBuilder::add_port(context, input, *t, has_data ? buffers[static_cast<size_t>(t->buffer)] : nullptr,
                                       has_data ? buffer_bytes[static_cast<size_t>(t->buffer)] : 0, ge_type(t->dtype));
      }
      TilingContextBuilder::add_ir_port(context, input, static_cast<uint32_t>(port.instances.size()));
    }
  }
  if (const std::string mismatch = fill_attributes(*def, launch.attributes, TilingContextBuilder::attrs(context));
      !mismatch.empty())
    return failure("op_def_mismatch", fmt::format("operator '{}': {}", op, mismatch));

  const CurrentPlatform current_platform(&platform);
  // TilingParse first: it fills the compile info (a fresh one per run) the tiling function reads.
  std::unique_ptr<void, void (*)(void*)> compile_info(nullptr, impl.delete_compile_info ? impl.delete_compile_info : [](void*) {});
  if (impl.tiling_parse) {
    compile_info.reset(impl.create_compile_info());
    gert::TilingParseContext parse = TilingContextBuilder::make_parse(op, compile_info.get(), &platform);
    if (TilingRun r = call_host_function(op, "TilingParse function", [&] { return impl.tiling_parse(&parse); });
        !r.error_kind.empty())
      return r;
    TilingContextBuilder::set_compile_info(context, compile_info.get());
  }
  host::take_tiling_overflow();
  if (TilingRun r = call_host_function(op, "tiling function", [&] { return tiling(&context); }); !r.error_kind.empty())
    return r;
  const host::TilingOverflow overflow = host::take_tiling_overflow();
  if (overflow.needed)
    return failure("tiling_data_overflow",
                   fmt::format("SaveToBuffer: the tiling data of '{}' needs {} bytes but the buffer holds {} (GetCapacity)",
                               op, overflow.needed, overflow.capacity));
  const gert::TilingData& data = *context.GetRawTilingData();
  if (data.GetDataSize() > data.GetCapacity())
    return failure("tiling_data_overflow", fmt::format("SetDataSize({}) of '{}' exceeds the tiling buffer's capacity of {} bytes",
                                                       data.GetDataSize(), op, data.GetCapacity()));
  const uint32_t cores = launch.platform.mix ? launch.platform.cube_cores : launch.platform.vector_cores;
  const char* core_kind = launch.platform.mix ? "cube cores (mixed kernel: one block per AIC)" : "vector cores";
  if (context.GetBlockDim() == 0)
    return failure("tiling_block_dim", fmt::format("the tiling function of '{}' set block dim 0 (SetBlockDim not called?)", op));
  if (context.GetBlockDim() > cores)
    return failure("tiling_block_dim", fmt::format("the tiling function of '{}' set block dim {}, above the {} {} of {}", op,
                                                   context.GetBlockDim(), cores, core_kind, launch.platform.soc_name));

  TilingRun run;
  run.outcome.block_dim = context.GetBlockDim();
  run.outcome.tiling_key = context.GetTilingKey();
  run.outcome.tiling_bytes = data.GetDataSize();
  run.outcome.workspace_bytes = context.GetWorkspaceNum() > 0 ? context.GetWorkspaceSizes(1)[0] : 0;
  run.tiling_data.assign(tiling_buffer.begin(), tiling_buffer.begin() + static_cast<ptrdiff_t>(data.GetDataSize()));
  return run;
}

}  // namespace ascendgen::worker
