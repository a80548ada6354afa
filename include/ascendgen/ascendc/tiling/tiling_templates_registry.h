// optiling::TilingRegistry: several TilingBaseClass implementations of one operator, each
// registered with a priority (REGISTER_TILING_TEMPLATE("Op", Class, priority)). DoTilingImpl tries
// them from the lowest priority value up: the first whose DoTiling answers other than
// GRAPH_PARAM_INVALID ("not capable") decides; GRAPH_FAILED when none is capable.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tiling/tiling_base.h"

namespace optiling {

class TilingRegistry {
 public:
  using Creator = std::unique_ptr<TilingBaseClass> (*)(gert::TilingContext*);

  static TilingRegistry& GetInstance() {
    static TilingRegistry registry;
    return registry;
  }
  template <typename T> bool RegisterTilingTemplate(const std::string& op_type, int32_t priority) {
    templates_[op_type][priority] = [](gert::TilingContext* context) -> std::unique_ptr<TilingBaseClass> {
      return std::make_unique<T>(context);
    };
    return true;
  }
  // Runs the templates of context->GetNodeType() in priority order.
  ge::graphStatus DoTilingImpl(gert::TilingContext* context) const {
    const auto op = templates_.find(context->GetNodeType());
    if (op == templates_.end()) return ge::GRAPH_FAILED;
    for (const auto& [priority, create] : op->second)
      if (const ge::graphStatus status = create(context)->DoTiling(); status != ge::GRAPH_PARAM_INVALID) return status;
    return ge::GRAPH_FAILED;
  }
  // As above, over the templates of the listed priorities only, in the list's order.
  ge::graphStatus DoTilingImpl(gert::TilingContext* context, const std::vector<int32_t>& priorities) const {
    const auto op = templates_.find(context->GetNodeType());
    if (op == templates_.end()) return ge::GRAPH_FAILED;
    for (int32_t priority : priorities) {
      const auto t = op->second.find(priority);
      if (t == op->second.end()) continue;
      if (const ge::graphStatus status = t->second(context)->DoTiling(); status != ge::GRAPH_PARAM_INVALID) return status;
    }
    return ge::GRAPH_FAILED;
  }

 private:
  std::map<std::string, std::map<int32_t, Creator>> templates_;
};

}  // namespace optiling

#define ASCENDGEN_TILING_TEMPLATE_CONCAT_(a, b) a##b
#define ASCENDGEN_TILING_TEMPLATE_CONCAT(a, b) ASCENDGEN_TILING_TEMPLATE_CONCAT_(a, b)
#define REGISTER_TILING_TEMPLATE(op_type, class_name, priority)                                   \
  static const bool __attribute__((unused)) ASCENDGEN_TILING_TEMPLATE_CONCAT(                     \
      ascendgen_tiling_template_, __COUNTER__) =                                                   \
      ::optiling::TilingRegistry::GetInstance().RegisterTilingTemplate<class_name>(op_type, priority)
