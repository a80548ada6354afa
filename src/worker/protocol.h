// The files the evaluator and `ascendgen-worker` exchange in the worker's private directory. The
// parent writes request.json and the input data files; the worker writes response.json and the
// output data files. Shared by src/worker/ and src/evaluator/worker_client.cpp so the two agree.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <optional>

#include <nlohmann/json.hpp>

#include "ascendgen/evaluator/operator_launch.h"
#include "ascendgen/sim/launcher.h"

namespace ascendgen::worker {

inline constexpr const char* kRequestFile = "request.json";
inline constexpr const char* kResponseFile = "response.json";
// Created just before the kernel is loaded: without it, a failure is the worker's, not the kernel's.
inline constexpr const char* kStartedFile = "started";
// Written by the SIGSYS handler: which forbidden system call the kernel made.
inline constexpr const char* kFatalFile = "fatal.txt";
inline constexpr const char* kChromeTraceFile = "trace.json";  // when Request::chrome_trace

// One GM_ADDR argument. `input` names a file (in the worker's directory) holding the initial
// bytes, else the buffer starts zeroed; `output` names the file the final bytes are written to.
struct Buffer {
  std::string name;
  uint64_t bytes = 0;
  std::string input;
  std::string output;
  std::vector<size_t> list;      // a tensor-list descriptor over these buffers (WorkerBuffer::list)
  std::vector<int64_t> shape;    // a tensor-list element's shape
  int alias = -1;                // the earlier buffer whose memory this is (WorkerBuffer::alias)
};

struct Request {
  std::string artifact;  // absolute path of the kernel .so
  std::string entry;
  int block_dim = 1;
  sim::CoreType core_type = sim::CoreType::Vector;
  sim::CoreLimits limits;
  std::vector<Buffer> buffers;  // the kernel's parameters in order, tensor-list elements among them
  // Resource limits the worker applies to itself before it loads the kernel.
  uint64_t cpu_seconds = 10;
  uint64_t address_space_bytes = 4ull << 30;
  uint64_t file_size_bytes = 64ull << 20;
  uint64_t open_files = 64;
  nlohmann::json soc;  // timing::timing_soc_to_json of the SoC to predict the time on; null: none
  bool chrome_trace = false;  // also write the predicted timeline to kChromeTraceFile
  // A full operator: run its tiling function first; it decides block_dim and the sizes of the
  // workspace and tiling buffers (given as 0 bytes here).
  std::optional<OperatorLaunch> operator_launch;
};

// What the worker reports when it gets far enough to write a response. "ok", "kernel_error"
// (error_kind is the ErrorKind name), "memory_limit", "load_error" (the .so or its entry), or
// "exception" (a C++ exception escaped the kernel).
struct Response {
  std::string status;
  std::string error_kind;
  std::string message;
  sim::LaunchRecord record;
  nlohmann::json profile;  // timing::to_json of the prediction; null when none was asked or it failed
  std::optional<TilingOutcome> tiling;  // what a full operator's tiling function set
};

inline Response error_response(std::string status, std::string error_kind, std::string message) {
  Response r;
  r.status = std::move(status);
  r.error_kind = std::move(error_kind);
  r.message = std::move(message);
  return r;
}

inline nlohmann::json to_json(const OperatorLaunch& l) {
  const auto tensors = [](const std::vector<OperatorTensor>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : list)
      out.push_back({{"name", t.name}, {"dtype", t.dtype}, {"shape", t.shape}, {"buffer", t.buffer}, {"list_index", t.list_index}});
    return out;
  };
  nlohmann::json attributes = nlohmann::json::array();
  for (const auto& a : l.attributes) {
    const nlohmann::json value = std::visit([](const auto& v) { return nlohmann::json(v); }, a.value);
    attributes.push_back({{"name", a.name}, {"type", a.type}, {"value", value}});
  }
  const OperatorPlatform& p = l.platform;
  return {{"op_type", l.op_type},
          {"inputs", tensors(l.inputs)},
          {"outputs", tensors(l.outputs)},
          {"attributes", attributes},
          {"platform",
           {{"soc_name", p.soc_name}, {"short_soc_version", p.short_soc_version}, {"cube_cores", p.cube_cores},
            {"vector_cores", p.vector_cores}, {"ub_bytes", p.ub_bytes}, {"l1_bytes", p.l1_bytes},
            {"l0a_bytes", p.l0a_bytes}, {"l0b_bytes", p.l0b_bytes}, {"l0c_bytes", p.l0c_bytes},
            {"system_workspace_bytes", p.system_workspace_bytes}, {"mix", p.mix}}},
          {"workspace_buffer", l.workspace_buffer},
          {"tiling_buffer", l.tiling_buffer},
          {"tiling_capacity_bytes", l.tiling_capacity_bytes}};
}

inline OperatorLaunch operator_launch_from_json(const nlohmann::json& j) {
  const auto tensors = [](const nlohmann::json& list) {
    std::vector<OperatorTensor> out;
    for (const auto& t : list)
      out.push_back({t.at("name").get<std::string>(), t.at("dtype").get<std::string>(),
                     t.at("shape").get<std::vector<int64_t>>(), t.at("buffer").get<int>(), t.value("list_index", -1)});
    return out;
  };
  OperatorLaunch l;
  l.op_type = j.at("op_type").get<std::string>();
  l.inputs = tensors(j.at("inputs"));
  l.outputs = tensors(j.at("outputs"));
  for (const auto& a : j.at("attributes")) {
    const nlohmann::json& v = a.at("value");
    AttributeValue value = v.is_string()  ? AttributeValue(v.get<std::string>())
                           : v.is_array() ? AttributeValue(v.get<std::vector<double>>())
                                          : AttributeValue(v.get<double>());
    l.attributes.push_back({a.at("name").get<std::string>(), a.at("type").get<std::string>(), std::move(value)});
  }
  const auto& p = j.at("platform");
  l.platform = {p.at("soc_name").get<std::string>(), p.at("short_soc_version").get<std::string>(),
                p.at("cube_cores").get<uint32_t>(), p.at("vector_cores").get<uint32_t>(), p.at("ub_bytes").get<uint64_t>(),
                p.at("l1_bytes").get<uint64_t>(), p.at("l0a_bytes").get<uint64_t>(), p.at("l0b_bytes").get<uint64_t>(),
                p.at("l0c_bytes").get<uint64_t>(), p.at("system_workspace_bytes").get<uint32_t>(), p.at("mix").get<bool>()};
  l.workspace_buffer = j.at("workspace_buffer").get<int>();
  l.tiling_buffer = j.at("tiling_buffer").get<int>();
  l.tiling_capacity_bytes = j.at("tiling_capacity_bytes").get<uint64_t>();
  return l;
}

inline nlohmann::json to_json(const TilingOutcome& t) {
  return {{"block_dim", t.block_dim}, {"tiling_key", t.tiling_key}, {"tiling_bytes", t.tiling_bytes},
          {"workspace_bytes", t.workspace_bytes}};
}

inline TilingOutcome tiling_outcome_from_json(const nlohmann::json& j) {
  return {j.at("block_dim").get<uint32_t>(), j.at("tiling_key").get<uint64_t>(), j.at("tiling_bytes").get<uint64_t>(),
          j.at("workspace_bytes").get<uint64_t>()};
}

inline nlohmann::json to_json(const Request& r) {
  nlohmann::json buffers = nlohmann::json::array();
  for (const auto& b : r.buffers)
    buffers.push_back({{"name", b.name}, {"bytes", b.bytes}, {"input", b.input}, {"output", b.output}, {"list", b.list},
                       {"shape", b.shape}, {"alias", b.alias}});
  return {{"artifact", r.artifact},
          {"entry", r.entry},
          {"block_dim", r.block_dim},
          {"core_type", static_cast<int>(r.core_type)},
          {"limits",
           {{"vector_cores", r.limits.vector_cores}, {"ub_bytes", r.limits.ub_bytes}, {"max_buffers", r.limits.max_buffers},
            {"cube_cores", r.limits.cube_cores}, {"l1_bytes", r.limits.l1_bytes}, {"l0a_bytes", r.limits.l0a_bytes},
            {"l0b_bytes", r.limits.l0b_bytes}, {"l0c_bytes", r.limits.l0c_bytes}}},
          {"buffers", buffers},
          {"cpu_seconds", r.cpu_seconds},
          {"address_space_bytes", r.address_space_bytes},
          {"file_size_bytes", r.file_size_bytes},
          {"open_files", r.open_files},
          {"soc", r.soc},
          {"chrome_trace", r.chrome_trace},
          {"operator_launch", r.operator_launch ? to_json(*r.operator_launch) : nlohmann::json()}};
}

inline Request request_from_json(const nlohmann::json& j) {
  Request r;
  r.artifact = j.at("artifact").get<std::string>();
  r.entry = j.at("entry").get<std::string>();
  r.block_dim = j.at("block_dim").get<int>();
  const auto& l = j.at("limits");
  r.limits.vector_cores = l.at("vector_cores").get<int>();
  r.limits.ub_bytes = l.at("ub_bytes").get<uint32_t>();
  r.limits.max_buffers = l.at("max_buffers").get<uint32_t>();
  r.core_type = static_cast<sim::CoreType>(j.value("core_type", 0));
  r.limits.cube_cores = l.value("cube_cores", r.limits.cube_cores);
  r.limits.l1_bytes = l.value("l1_bytes", r.limits.l1_bytes);
  r.limits.l0a_bytes = l.value("l0a_bytes", r.limits.l0a_bytes);
  r.limits.l0b_bytes = l.value("l0b_bytes", r.limits.l0b_bytes);
  r.limits.l0c_bytes = l.value("l0c_bytes", r.limits.l0c_bytes);
  for (const auto& b : j.at("buffers"))
    r.buffers.push_back({b.at("name").get<std::string>(), b.at("bytes").get<uint64_t>(), b.at("input").get<std::string>(),
                         b.at("output").get<std::string>(), b.value("list", std::vector<size_t>{}),
                         b.value("shape", std::vector<int64_t>{}), b.value("alias", -1)});
  r.cpu_seconds = j.at("cpu_seconds").get<uint64_t>();
  r.address_space_bytes = j.at("address_space_bytes").get<uint64_t>();
  r.file_size_bytes = j.at("file_size_bytes").get<uint64_t>();
  r.open_files = j.at("open_files").get<uint64_t>();
  r.soc = j.value("soc", nlohmann::json());
  r.chrome_trace = j.value("chrome_trace", false);
  if (const auto it = j.find("operator_launch"); it != j.end() && !it->is_null()) r.operator_launch = operator_launch_from_json(*it);
  return r;
}

inline nlohmann::json to_json(const Response& r) {
  nlohmann::json cores = nlohmann::json::array();
  for (const auto& c : r.record.cores)
    cores.push_back({{"core", c.core},
                     {"api_calls", c.api_calls},
                     {"gm_read_bytes", c.gm_read_bytes},
                     {"gm_write_bytes", c.gm_write_bytes},
                     {"ub_copy_bytes", c.ub_copy_bytes},
                     {"vector_elements", c.vector_elements}});
  return {{"status", r.status}, {"error_kind", r.error_kind}, {"message", r.message}, {"cores", cores},
          {"warnings", r.record.warnings}, {"profile", r.profile}, {"tiling", r.tiling ? to_json(*r.tiling) : nlohmann::json()}};
}

inline Response response_from_json(const nlohmann::json& j) {
  Response r;
  r.status = j.at("status").get<std::string>();
  r.error_kind = j.at("error_kind").get<std::string>();
  r.message = j.at("message").get<std::string>();
  r.profile = j.value("profile", nlohmann::json());
  r.record.warnings = j.value("warnings", std::vector<std::string>{});
  if (const auto it = j.find("tiling"); it != j.end() && !it->is_null()) r.tiling = tiling_outcome_from_json(*it);
  for (const auto& c : j.at("cores")) {
    sim::CoreRecord core;
    core.core = c.at("core").get<int>();
    core.api_calls = c.at("api_calls").get<std::map<std::string, uint64_t>>();
    core.gm_read_bytes = c.at("gm_read_bytes").get<uint64_t>();
    core.gm_write_bytes = c.at("gm_write_bytes").get<uint64_t>();
    core.ub_copy_bytes = c.at("ub_copy_bytes").get<uint64_t>();
    core.vector_elements = c.at("vector_elements").get<uint64_t>();
    r.record.cores.push_back(std::move(core));
  }
  return r;
}

}  // namespace ascendgen::worker
