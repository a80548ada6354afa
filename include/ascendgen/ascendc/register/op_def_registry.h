// The header op_host/<op>.cpp includes: ops::OpDef and OP_ADD, which registers the definition with
// the emulator's host runtime when the operator's shared object is loaded. Like CANN's, it brings
// the rest of the host API (IMPL_OP registration, ge::Shape, ge::Operator, the standard headers).
#pragma once
#include "graph/ascend_string.h"
#include "graph/operator.h"
#include "graph/tensor.h"
#include "operator/host_runtime.h"
#include "operator/host_std.h"
#include "register/op_def.h"
#include "register/op_impl_registry.h"
#include "register/tilingdata_base.h"
#include "tiling/platform/platform_ascendc.h"

// OP_ADD(AddCustom): makes `AddCustom` (an ops::OpDef subclass) findable by its type name.
#define OP_ADD(opType, ...)                                                                       \
  static const bool ascendgen_op_added_##opType = ::ascendgen::host::register_op(                \
      #opType, [](const char* name) -> ::ops::OpDef* { return new opType(name); })
