// `ascendgen-worker DIR`: runs one untrusted kernel launch in a confined process. Reads
// DIR/request.json and the input files, limits itself, installs the syscall filter, loads the
// kernel, launches it on the emulator and writes the output files and DIR/response.json.
// Crashes, signals and timeouts are for the parent to observe; this program reports what it can
// catch. Exit status 0 means a response was written; 2 means the request itself was unusable.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "ascendgen/sim/errors.h"
#include "ascendgen/sim/global_memory.h"
#include "ascendgen/sim/kernel_library.h"
#include "ascendgen/sim/launcher.h"
#include "ascendgen/sim/tensor_list.h"
#include "ascendgen/timing/model.h"
#include "operator/host_runtime.h"
#include "../timing/soc_json.h"
#include "operator_tiling.h"
#include "protocol.h"
#include "sandbox.h"

namespace fs = std::filesystem;
using namespace ascendgen;

namespace {

void read_file(const fs::path& path, uint8_t* data, uint64_t bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(data), static_cast<std::streamsize>(bytes)))
    throw std::runtime_error(fmt::format("cannot read {} bytes from {}", bytes, path.string()));
}

void write_file(const fs::path& path, const void* data, size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(static_cast<const char*>(data), static_cast<std::streamsize>(bytes));
  if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

// Loads the kernel and runs it; everything the kernel can make go wrong short of killing the
// process becomes a Response.
// A full operator: runs its tiling function, then gives the workspace and tiling buffers the sizes
// and bytes it chose. Returns the error response, or nothing when the launch may go ahead.
std::optional<worker::Response> prepare_operator(const worker::Request& request, sim::GlobalMemory& gm,
                                                 std::vector<uint8_t*>& buffers, worker::Response& response) {
  const OperatorLaunch& launch = *request.operator_launch;
  std::vector<uint64_t> bytes;
  for (const auto& b : request.buffers) bytes.push_back(b.bytes);
  worker::TilingRun tiling = worker::run_operator_tiling(launch, buffers, bytes);
  if (!tiling.error_kind.empty()) return worker::error_response("tiling_error", tiling.error_kind, tiling.message);
  try {
    if (launch.workspace_buffer >= 0)
      buffers[static_cast<size_t>(launch.workspace_buffer)] = gm.allocate(tiling.outcome.workspace_bytes, "workspace");
    if (launch.tiling_buffer >= 0) {
      uint8_t* data = gm.allocate(tiling.tiling_data.size(), "tiling");
      std::copy(tiling.tiling_data.begin(), tiling.tiling_data.end(), data);
      buffers[static_cast<size_t>(launch.tiling_buffer)] = data;
    }
  } catch (const std::exception& e) {
    return worker::error_response("memory_limit", "memory_limit",
                                  fmt::format("the workspace of {} bytes the tiling function asked for does not fit: {}",
                                              tiling.outcome.workspace_bytes, e.what()));
  }
  host::set_launch_tiling(tiling.outcome.tiling_key, tiling.tiling_data.size());
  response.tiling = tiling.outcome;
  return std::nullopt;
}

// The kernel's arguments: every buffer but the tensor-list elements, which it reaches through
// their lists' descriptors.
std::vector<uint8_t*> kernel_arguments(const worker::Request& request, const std::vector<uint8_t*>& buffers) {
  std::vector<bool> element(buffers.size(), false);
  for (const auto& b : request.buffers)
    for (size_t i : b.list) element[i] = true;
  std::vector<uint8_t*> args;
  for (size_t i = 0; i < buffers.size(); ++i)
    if (!element[i]) args.push_back(buffers[i]);
  return args;
}

// Builds the descriptor of every tensor-list buffer over its (already allocated) elements.
void build_tensor_lists(const worker::Request& request, sim::GlobalMemory& gm, std::vector<uint8_t*>& buffers) {
  for (size_t i = 0; i < request.buffers.size(); ++i) {
    const worker::Buffer& b = request.buffers[i];
    if (b.list.empty()) continue;
    std::vector<sim::TensorListElement> elements;
    for (size_t e : b.list) {
      if (e >= buffers.size() || !request.buffers[e].list.empty())
        throw std::runtime_error(fmt::format("tensor list '{}' names buffer {}, which is no plain buffer", b.name, e));
      elements.push_back({buffers[e], request.buffers[e].shape});
    }
    buffers[i] = sim::write_tensor_list(gm, elements, b.name);
  }
}

worker::Response run(const fs::path& dir, const worker::Request& request, sim::GlobalMemory& gm,
                     std::vector<uint8_t*> buffers) {
  worker::Response response;
  sim::KernelEntry entry = nullptr;
  std::unique_ptr<sim::KernelLibrary> library;
  try {
    library = std::make_unique<sim::KernelLibrary>(request.artifact);
    entry = library->entry(request.entry);
  } catch (const std::bad_alloc&) {
    return worker::error_response("memory_limit", "memory_limit", "the kernel library could not be loaded within the memory limit");
  } catch (const std::exception& e) {
    return worker::error_response("load_error", "load_error", e.what());
  }
  if (request.operator_launch)
    if (std::optional<worker::Response> failed = prepare_operator(request, gm, buffers, response)) return *failed;
  const std::vector<uint8_t*> args = kernel_arguments(request, buffers);
  const int block_dim = response.tiling ? static_cast<int>(response.tiling->block_dim) : request.block_dim;
  try {
    sim::LaunchOptions options;
    options.block_dim = block_dim;
    options.limits = request.limits;
    options.core_type = request.core_type;
    response.record = sim::launch(entry, args, options, gm);
  } catch (const sim::KernelError& e) {
    return worker::error_response("kernel_error", sim::to_string(e.kind()), e.what());
  } catch (const std::bad_alloc&) {
    return worker::error_response("memory_limit", "memory_limit", "an allocation failed: the kernel exceeded the memory limit");
  } catch (const std::exception& e) {
    return worker::error_response("exception", "crash", fmt::format("a C++ exception escaped the kernel: {}", e.what()));
  } catch (...) {
    return worker::error_response("exception", "crash", "a C++ exception of unknown type escaped the kernel");
  }
  for (size_t i = 0; i < request.buffers.size(); ++i)
    if (!request.buffers[i].output.empty()) write_file(dir / request.buffers[i].output, buffers[i], request.buffers[i].bytes);
  response.status = "ok";
  if (!request.soc.is_null()) {
    // The trace stays here; only the profile goes back. A failed prediction leaves the result intact.
    try {
      const timing::Prediction p = timing::simulate(response.record, timing::timing_soc_from_json(request.soc));
      response.profile = nlohmann::json::parse(timing::to_json(p.profile));
      if (request.chrome_trace) {
        const std::string trace = timing::chrome_trace(response.record, p);
        write_file(dir / worker::kChromeTraceFile, trace.data(), trace.size());
      }
    } catch (const std::exception& e) {
      response.profile = {{"error", e.what()}};
    }
  }
  return response;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: ascendgen-worker DIR (run by the ascendgen evaluator)\n");
    return 2;
  }
  const fs::path dir = argv[1];
  worker::Request request;
  try {
    std::ifstream in(dir / worker::kRequestFile);
    request = worker::request_from_json(nlohmann::json::parse(in));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ascendgen-worker: bad request in %s: %s\n", dir.c_str(), e.what());
    return 2;
  }
  const int fatal_fd = open((dir / worker::kFatalFile).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fatal_fd < 0) {
    std::perror("ascendgen-worker: cannot create the fatal note");
    return 2;
  }
  try {
    worker::apply_limits({request.cpu_seconds, request.address_space_bytes, request.file_size_bytes, request.open_files});
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ascendgen-worker: %s\n", e.what());
    return 2;
  }

  worker::Response response;
  sim::GlobalMemory gm;
  std::vector<uint8_t*> buffers;
  for (const auto& b : request.buffers) {
    uint8_t* p = nullptr;
    if (!b.list.empty()) {  // built below, once its elements exist
      buffers.push_back(nullptr);
      continue;
    }
    if (b.alias >= 0) {  // an in-place output: its input's GM address
      if (static_cast<size_t>(b.alias) >= buffers.size() || !buffers[static_cast<size_t>(b.alias)]) {
        std::fprintf(stderr, "ascendgen-worker: buffer '%s' aliases buffer %d, which is not an earlier plain buffer\n", b.name.c_str(), b.alias);
        return 2;
      }
      buffers.push_back(buffers[static_cast<size_t>(b.alias)]);
      continue;
    }
    try {
      p = gm.allocate(b.bytes, b.name);
    } catch (const std::exception& e) {
      // GM is mapped under RLIMIT_AS, so buffers that do not fit are the memory limit's doing.
      response = worker::error_response("memory_limit", "memory_limit", fmt::format("the GM buffers do not fit the memory limit: {}", e.what()));
      break;
    }
    try {
      if (!b.input.empty()) read_file(dir / b.input, p, b.bytes);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ascendgen-worker: %s\n", e.what());
      return 2;
    }
    buffers.push_back(p);
  }
  if (response.status.empty()) {
    try {
      build_tensor_lists(request, gm, buffers);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ascendgen-worker: %s\n", e.what());
      return 2;
    }
  }
  if (response.status.empty()) {
    try {
      worker::install_syscall_filter(fatal_fd);
      write_file(dir / worker::kStartedFile, "", 0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "ascendgen-worker: %s\n", e.what());
      return 2;
    }
    response = run(dir, request, gm, buffers);
  }
  try {
    const fs::path tmp = dir / (std::string(worker::kResponseFile) + ".tmp");
    const std::string text = worker::to_json(response).dump();
    write_file(tmp, text.data(), text.size());
    fs::rename(tmp, dir / worker::kResponseFile);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ascendgen-worker: cannot write the response: %s\n", e.what());
    return 2;
  }
  std::fflush(stdout);
  // The kernel may have left threads behind; end them all without running their destructors.
  _exit(0);
}
