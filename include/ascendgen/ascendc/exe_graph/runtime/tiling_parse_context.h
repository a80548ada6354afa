// gert::TilingParseContext: what an operator's TilingParse function (registered with
// IMPL_OP_OPTILING(op).TilingParse<CompileInfo>(fn)) sees. In CANN it runs once per compiled
// operator, before any tiling, to fill the compile info from the platform; the emulator runs it
// before each case's tiling function, with the launch's SoC, and hands what it filled to
// TilingContext::GetCompileInfo.
#pragma once
#include <string>

#include "graph/types.h"
#include "platform/platform_infos_def.h"

namespace ascendgen::host {
struct TilingContextBuilder;
}

namespace gert {

class TilingParseContext {
 public:
  // The compile JSON of the operator's build: Ascend C operators carry none, so "{}".
  const ge::char_t* GetCompiledJson() const { return "{}"; }
  // The compile info object the registration's type T created (value-initialised), for the
  // function to fill. T must be that type, as in CANN.
  template <typename T> T* GetCompiledInfo() { return static_cast<T*>(compile_info_); }
  fe::PlatFormInfos* GetPlatformInfo() const { return platform_; }
  const char* GetNodeName() const { return op_type_.c_str(); }
  const char* GetNodeType() const { return op_type_.c_str(); }

 private:
  friend struct ascendgen::host::TilingContextBuilder;
  TilingParseContext(std::string op_type, void* compile_info, fe::PlatFormInfos* platform)
      : op_type_(std::move(op_type)), compile_info_(compile_info), platform_(platform) {}

  std::string op_type_;
  void* compile_info_;
  fe::PlatFormInfos* platform_;
};

}  // namespace gert
