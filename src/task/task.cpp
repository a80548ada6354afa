#include "ascendgen/task/task.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include "expression.h"

namespace ascendgen {
namespace fs = std::filesystem;
using detail::AttributeType;
using detail::Expression;

namespace {
// Attribute type names of task.yaml (docs/tasks.md).
constexpr std::array<std::pair<std::string_view, AttributeType>, 6> kAttributeTypes = {{
    {"float", AttributeType::Float}, {"int", AttributeType::Int}, {"bool", AttributeType::Bool},
    {"string", AttributeType::String}, {"list_int", AttributeType::ListInt}, {"list_float", AttributeType::ListFloat}}};

std::string error_message(const fs::path& file, int line, const std::string& field, const std::string& problem) {
  std::string where = line > 0 ? fmt::format("{}:{}", file.string(), line) : file.string();
  return field.empty() ? fmt::format("{}: {}", where, problem) : fmt::format("{}: {}: {}", where, field, problem);
}

bool is_c_identifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// Task names and case ids end up in file names and cache keys.
bool is_file_safe_name(std::string_view s) {
  return !s.empty() && s[0] != '.' && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}
}  // namespace

TaskError::TaskError(fs::path file, int line, std::string field, const std::string& problem)
    : std::runtime_error(error_message(file, line, field, problem)),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)) {}

int64_t TensorInstance::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::size_t TensorInstance::bytes() const { return static_cast<std::size_t>(numel()) * dtype_size(dtype); }

std::string TensorInstance::label() const { return list_index < 0 ? name : fmt::format("{}[{}]", name, list_index); }

std::vector<TensorGroup> group_tensors(const std::vector<TensorInstance>& tensors) {
  std::vector<TensorGroup> groups;
  for (size_t i = 0; i < tensors.size(); ++i) {
    const TensorInstance& t = tensors[i];
    if (t.list_index <= 0) groups.push_back({t.name, t.list_index == 0, {}});
    groups.back().instances.push_back(i);
  }
  return groups;
}

std::string group_shapes_text(const TensorGroup& group, const std::vector<TensorInstance>& tensors,
                              std::string (*shape_text)(const std::vector<int64_t>&)) {
  std::vector<std::string> shapes;
  for (size_t i : group.instances) shapes.push_back(shape_text(tensors[i].shape));
  if (!group.list) return shapes.front();
  return fmt::format("list of {}: {}", shapes.size(), fmt::join(shapes, ", "));
}

const TestCase& Task::find_case(std::string_view id) const {
  for (const TestCase& c : cases_)
    if (c.id == id) return c;
  throw std::out_of_range(fmt::format("task '{}' has no case '{}'", name_, id));
}

Tolerance Task::tolerance_for(DType output_dtype) const {
  if (!is_floating_point(output_dtype)) return {0, 0};
  for (const auto& [dtype, tolerance] : per_dtype_tolerance_)
    if (dtype == output_dtype) return tolerance;
  return tolerance_;
}

// Reads task.yaml into a Task: one method per section, each validating its fields.
class TaskLoader {
 public:
  explicit TaskLoader(const fs::path& dir) : file_(dir / "task.yaml") { task_.dir_ = fs::absolute(dir).lexically_normal(); }

  Task load() {
    YAML::Node root = parse_file();
    if (!root.IsMap()) fail(root, "", "expected a mapping of task fields");
    check_keys(root, "", {"name", "level", "category", "description", "kernel", "inputs", "attributes", "outputs",
                          "tiling", "reference", "reference_module", "tolerance", "cases", "solution", "baseline"});
    task_.name_ = string_field(root, "", "name");
    if (!is_file_safe_name(task_.name_))
      fail(root["name"], "name", fmt::format("'{}' must be letters, digits, '_', '-' or '.'", task_.name_));
    const YAML::Node level = required(root, "", "level");
    task_.level_ = static_cast<int>(integer(level, "level"));
    if (task_.level_ < 1 || task_.level_ > 3) fail(level, "level", fmt::format("{} is outside 1..3", task_.level_));
    task_.category_ = string_field(root, "", "category");
    task_.description_ = string_field(root, "", "description");
    load_tensors(root["inputs"], "inputs", /*inputs=*/true, /*needed=*/false, root);
    load_reference(root);
    load_attributes(root["attributes"]);
    load_tensors(root["outputs"], "outputs", /*inputs=*/false, /*needed=*/true, root);
    load_kernel(required(root, "", "kernel"));
    load_tiling(root["tiling"]);
    load_tolerance(root["tolerance"]);
    load_cases(required(root, "", "cases"));
    task_.solution_ = companion_file(root, "solution");
    task_.baseline_ = companion_file(root, "baseline");
    return std::move(task_);
  }

 private:
  struct TensorSpec {
    std::string name;
    std::optional<DType> dtype;                // nullopt: the case's $dtype
    std::optional<std::vector<int64_t>> shape; // nullopt: the case's $shape
    std::optional<int64_t> rank;
    Distribution distribution;
    bool list = false;                         // a tensor list: shapes (and data) per element, from each case
    std::string inplace;                       // outputs: the input updated in place (TensorInstance::inplace)
  };
  struct AttributeSpec {
    std::string name;
    AttributeType type;
    std::optional<AttributeValue> default_value;
  };
  struct TilingField {
    std::string name;
    Expression value;
  };

  // --- errors and typed access -------------------------------------------------------------

  static int line_of(const YAML::Node& n) { return n.Mark().is_null() ? 0 : n.Mark().line + 1; }

  [[noreturn]] void fail(const YAML::Node& at, const std::string& field, const std::string& problem) const {
    throw TaskError(file_, line_of(at), field, problem);
  }

  static std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
  }

  YAML::Node parse_file() const {
    if (!fs::is_regular_file(file_)) throw TaskError(file_, 0, "", "no such file");
    try {
      return YAML::LoadFile(file_.string());
    } catch (const YAML::ParserException& e) {
      throw TaskError(file_, e.mark.line + 1, "", fmt::format("YAML syntax error: {}", e.msg));
    } catch (const YAML::Exception& e) {
      throw TaskError(file_, 0, "", e.what());
    }
  }

  void check_keys(const YAML::Node& map, const std::string& path, const std::vector<std::string_view>& allowed) const {
    std::set<std::string> seen;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (!seen.insert(key).second) fail(it->first, join(path, key), "duplicate field");
      // `{value: dim(x, 1)}` splits at the comma into keys "value: dim(x" and "1)".
      if (key.ends_with(")"))
        fail(it->first, join(path, key), "unknown field (inside {...}, quote an expression holding a comma: 'dim(x, 1)')");
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(it->first, join(path, key), fmt::format("unknown field (expected {})", fmt::join(allowed, ", ")));
    }
  }

  YAML::Node required(const YAML::Node& map, const std::string& path, const char* key) const {
    const YAML::Node n = map[key];
    if (!n || n.IsNull()) fail(map, join(path, key), "missing field");
    return n;
  }

  void expect_map(const YAML::Node& n, const std::string& field) const {
    if (!n.IsMap()) fail(n, field, "expected a mapping");
  }
  void expect_sequence(const YAML::Node& n, const std::string& field) const {
    if (!n.IsSequence()) fail(n, field, "expected a list");
  }

  std::string string_value(const YAML::Node& n, const std::string& field) const {
    if (!n.IsScalar() || n.Scalar().empty()) fail(n, field, "expected a non-empty string");
    return n.Scalar();
  }
  std::string string_field(const YAML::Node& map, const std::string& path, const char* key) const {
    return string_value(required(map, path, key), join(path, key));
  }

  int64_t integer(const YAML::Node& n, const std::string& field) const {
    int64_t v = 0;
    if (!n.IsScalar() || !YAML::convert<int64_t>::decode(n, v)) fail(n, field, "expected an integer");
    return v;
  }
  double number(const YAML::Node& n, const std::string& field) const {
    double v = 0;
    if (!n.IsScalar() || !YAML::convert<double>::decode(n, v)) fail(n, field, "expected a number");
    return v;
  }
  bool boolean(const YAML::Node& n, const std::string& field) const {
    bool v = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v)) fail(n, field, "expected true or false");
    return v;
  }

  DType dtype(const YAML::Node& n, const std::string& field) const {
    const std::string name = string_value(n, field);
    try {
      return parse_dtype(name);
    } catch (const std::runtime_error& e) {
      fail(n, field, e.what());
    }
  }

  std::vector<int64_t> shape(const YAML::Node& n, const std::string& field) const {
    expect_sequence(n, field);
    std::vector<int64_t> dims;
    int64_t bytes = 8;  // the widest element: a shape must fit in int64 bytes whatever its dtype
    for (size_t i = 0; i < n.size(); ++i) {
      const int64_t d = integer(n[i], fmt::format("{}[{}]", field, i));
      if (d < 1) fail(n[i], fmt::format("{}[{}]", field, i), fmt::format("dimension {} must be at least 1", d));
      if (__builtin_mul_overflow(bytes, d, &bytes)) fail(n, field, "the tensor is too large");
      dims.push_back(d);
    }
    return dims;
  }

  // --- sections ------------------------------------------------------------------------------

  // A name for a tensor or attribute: a C identifier, unique, not a reserved parameter name.
  void check_new_name(const YAML::Node& n, const std::string& field, const std::string& name) {
    if (!is_c_identifier(name)) fail(n, field, fmt::format("'{}' is not a C identifier", name));
    if (name == "workspace" || name == "tiling") fail(n, field, fmt::format("'{}' is a reserved parameter name", name));
    if (!names_.insert(name).second) fail(n, field, fmt::format("'{}' is already the name of a tensor or attribute", name));
  }

  void load_tensors(const YAML::Node& list, const std::string& section, bool inputs, bool needed, const YAML::Node& root) {
    if (!list || list.IsNull()) {
      if (needed) fail(root, section, "missing field");
      return;
    }
    expect_sequence(list, section);
    if (needed && list.size() == 0) fail(list, section, "needs at least one tensor");
    for (size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string path = fmt::format("{}[{}]", section, i);
      expect_map(n, path);
      if (inputs) check_keys(n, path, {"name", "dtype", "shape", "rank", "distribution", "list"});
      else check_keys(n, path, {"name", "dtype", "shape", "rank", "list", "inplace"});
      TensorSpec t;
      t.name = string_field(n, path, "name");
      check_new_name(n["name"], join(path, "name"), t.name);
      const YAML::Node dt = required(n, path, "dtype");
      if (!(dt.IsScalar() && dt.Scalar() == "$dtype")) t.dtype = dtype(dt, join(path, "dtype"));
      if (const YAML::Node r = n["rank"]) {
        t.rank = integer(r, join(path, "rank"));
        if (*t.rank < 0 || *t.rank > 8) fail(r, join(path, "rank"), fmt::format("{} is outside 0..8", *t.rank));
      }
      if (const YAML::Node l = n["list"]) t.list = boolean(l, join(path, "list"));
      if (const YAML::Node a = n["inplace"]) t.inplace = inplace_input(a, join(path, "inplace"), t);
      if (t.list) {
        if (n["shape"]) fail(n["shape"], join(path, "shape"), "a tensor list takes its shapes from each case's shapes." + t.name);
        (inputs ? inputs_ : outputs_).push_back(std::move(t));
        continue;
      }
      const YAML::Node sh = required(n, path, "shape");
      if (!(sh.IsScalar() && sh.Scalar() == "$shape")) {
        t.shape = shape(sh, join(path, "shape"));
        check_rank(t, *t.shape, sh, join(path, "shape"));
      }
      if (const YAML::Node d = n["distribution"]) t.distribution = distribution(d, join(path, "distribution"));
      (inputs ? inputs_ : outputs_).push_back(std::move(t));
    }
  }

  // The input an in-place output names: a declared plain input that no other output updates.
  std::string inplace_input(const YAML::Node& n, const std::string& field, const TensorSpec& output) const {
    const std::string name = string_value(n, field);
    const auto input = std::find_if(inputs_.begin(), inputs_.end(), [&](const TensorSpec& t) { return t.name == name; });
    if (input == inputs_.end()) fail(n, field, fmt::format("'{}' is not an input of the task", name));
    if (input->list || output.list) fail(n, field, fmt::format("'{}': tensor lists cannot be updated in place", name));
    for (const TensorSpec& o : outputs_)
      if (o.inplace == name) fail(n, field, fmt::format("input '{}' is already updated in place by output '{}'", name, o.name));
    return name;
  }

  void check_rank(const TensorSpec& t, const std::vector<int64_t>& dims, const YAML::Node& at, const std::string& field) const {
    if (t.rank && static_cast<int64_t>(dims.size()) != *t.rank)
      fail(at, field, fmt::format("shape [{}] of '{}' has rank {}, but the task declares rank {}", fmt::join(dims, ", "),
                                  t.name, dims.size(), *t.rank));
  }

  Distribution distribution(const YAML::Node& n, const std::string& path) const {
    expect_map(n, path);
    Distribution d;
    d.kind = string_field(n, path, "kind");
    const auto param = [&](const char* key) { return number(required(n, path, key), join(path, key)); };
    const auto check = [&](bool ok, const char* what) {
      if (!ok) fail(n, path, fmt::format("{} distribution needs {}", d.kind, what));
    };
    if (d.kind == "uniform") {
      check_keys(n, path, {"kind", "low", "high"});
      d.a = param("low"), d.b = param("high");
      check(d.a < d.b, "low < high");
    } else if (d.kind == "normal") {
      check_keys(n, path, {"kind", "mean", "std"});
      d.a = param("mean"), d.b = param("std");
      check(d.b >= 0, "std >= 0");
    } else if (d.kind == "randint") {
      check_keys(n, path, {"kind", "low", "high"});
      d.a = static_cast<double>(integer(required(n, path, "low"), join(path, "low")));
      d.b = static_cast<double>(integer(required(n, path, "high"), join(path, "high")));
      check(d.a < d.b, "low < high (high is exclusive)");
    } else if (d.kind == "bernoulli") {
      check_keys(n, path, {"kind", "p"});
      d.a = param("p"), d.b = 0;
      check(d.a >= 0 && d.a <= 1, "0 <= p <= 1");
    } else if (d.kind == "arange") {
      check_keys(n, path, {"kind", "start", "step"});
      d.a = param("start"), d.b = param("step");
    } else if (d.kind == "constant") {
      check_keys(n, path, {"kind", "value"});
      d.a = param("value"), d.b = 0;
    } else if (d.kind == "special") {
      check_keys(n, path, {"kind", "p"});
      d.a = param("p"), d.b = 0;
      check(d.a >= 0 && d.a <= 1, "0 <= p <= 1");
    } else {
      fail(n["kind"], join(path, "kind"),
           fmt::format("unknown distribution '{}' (uniform, normal, randint, bernoulli, arange, constant, special)", d.kind));
    }
    if (!std::isfinite(d.a) || !std::isfinite(d.b)) fail(n, path, "parameters must be finite");
    return d;
  }

  // Exactly one of `reference` (TorchScript source) and `reference_module` (saved modules).
  void load_reference(const YAML::Node& root) {
    const YAML::Node source = root["reference"], module = root["reference_module"];
    if (source && module) fail(module, "reference_module", "give either 'reference' or 'reference_module', not both");
    if (!module) {
      task_.reference_ = string_field(root, "", "reference");
      if (task_.reference_.find("def reference(") == std::string::npos)
        fail(root["reference"], "reference", "the TorchScript source must define `def reference(...)`");
      return;
    }
    expect_map(module, "reference_module");
    check_keys(module, "reference_module", {"path", "inputs"});
    ReferenceModule m;
    m.path = string_field(module, "reference_module", "path");
    if (const YAML::Node list = module["inputs"]) {
      expect_sequence(list, "reference_module.inputs");
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string field = fmt::format("reference_module.inputs[{}]", i);
        const std::string name = string_value(list[i], field);
        const auto it = std::find_if(inputs_.begin(), inputs_.end(), [&](const TensorSpec& t) { return t.name == name; });
        if (it == inputs_.end()) fail(list[i], field, fmt::format("'{}' is not an input of the task", name));
        m.inputs.push_back(static_cast<size_t>(it - inputs_.begin()));
      }
    } else {
      for (size_t i = 0; i < inputs_.size(); ++i) m.inputs.push_back(i);
    }
    task_.reference_module_ = std::move(m);
  }

  void load_attributes(const YAML::Node& list) {
    if (!list || list.IsNull()) return;
    expect_sequence(list, "attributes");
    for (size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string path = fmt::format("attributes[{}]", i);
      expect_map(n, path);
      check_keys(n, path, {"name", "type", "default"});
      AttributeSpec a;
      a.name = string_field(n, path, "name");
      check_new_name(n["name"], join(path, "name"), a.name);
      const std::string type = string_field(n, path, "type");
      const auto known = std::find_if(kAttributeTypes.begin(), kAttributeTypes.end(),
                                      [&](const auto& entry) { return entry.first == type; });
      if (known == kAttributeTypes.end())
        fail(n["type"], join(path, "type"),
             fmt::format("unknown attribute type '{}' (float, int, bool, string, list_int, list_float)", type));
      a.type = known->second;
      attributes_.push_back(a);
      task_.attribute_types_.emplace_back(a.name, type);
      if (const YAML::Node d = n["default"]) attributes_.back().default_value = attribute_value(d, join(path, "default"), a);
    }
  }

  AttributeValue attribute_value(const YAML::Node& n, const std::string& field, const AttributeSpec& a) const {
    switch (a.type) {
      case AttributeType::Int:
        return static_cast<double>(integer(n, field));
      case AttributeType::Bool:
        return boolean(n, field) ? 1.0 : 0.0;
      case AttributeType::Float:
        return finite_number(n, field);
      case AttributeType::String:
        return string_value(n, field);
      case AttributeType::ListInt:
      case AttributeType::ListFloat:
        break;
    }
    expect_sequence(n, field);
    std::vector<double> list;
    for (size_t i = 0; i < n.size(); ++i) {
      const std::string element = fmt::format("{}[{}]", field, i);
      list.push_back(a.type == AttributeType::ListInt ? static_cast<double>(integer(n[i], element))
                                                      : finite_number(n[i], element));
    }
    return list;
  }

  double finite_number(const YAML::Node& n, const std::string& field) const {
    const double v = number(n, field);
    if (!std::isfinite(v)) fail(n, field, "must be finite");
    return v;
  }

  // An in-place output is its input's memory: same dtype and shape in every case.
  void check_inplace(const YAML::Node& n, const std::string& path, const TensorInstance& output,
                     const std::vector<TensorInstance>& inputs) const {
    const auto input = std::find_if(inputs.begin(), inputs.end(), [&](const TensorInstance& t) { return t.name == output.inplace; });
    if (input->dtype != output.dtype || input->shape != output.shape)
      fail(n, path, fmt::format("output '{}' updates input '{}' in place but is {} [{}] where the input is {} [{}]", output.name,
                                input->name, dtype_name(output.dtype), fmt::join(output.shape, ", "), dtype_name(input->dtype),
                                fmt::join(input->shape, ", ")));
  }

  void load_kernel(const YAML::Node& n) {
    expect_map(n, "kernel");
    check_keys(n, "kernel", {"entry", "params", "block_dim", "core_type", "workspace", "form", "op"});
    KernelSignature& k = task_.kernel_;
    load_form(n);
    k.entry = string_field(n, "kernel", "entry");
    if (!is_c_identifier(k.entry)) fail(n["entry"], "kernel.entry", fmt::format("'{}' is not a C identifier", k.entry));
    const YAML::Node params = required(n, "kernel", "params");
    expect_sequence(params, "kernel.params");
    std::set<std::string> known{"workspace", "tiling"};
    for (const auto* specs : {&inputs_, &outputs_})
      for (const TensorSpec& t : *specs) known.insert(t.name);
    for (size_t i = 0; i < params.size(); ++i) {
      const std::string field = fmt::format("kernel.params[{}]", i);
      const std::string p = string_value(params[i], field);
      if (!known.count(p)) fail(params[i], field, fmt::format("'{}' is not an input, an output, workspace or tiling", p));
      if (std::find(k.params.begin(), k.params.end(), p) != k.params.end())
        fail(params[i], field, fmt::format("'{}' is listed twice", p));
      k.params.push_back(p);
    }
    for (const auto* specs : {&inputs_, &outputs_})
      for (const TensorSpec& t : *specs)  // an in-place output may reach the kernel only as its input
        if (t.inplace.empty() && std::find(k.params.begin(), k.params.end(), t.name) == k.params.end())
          fail(params, "kernel.params", fmt::format("'{}' is not passed to the kernel", t.name));
    if (const YAML::Node b = n["block_dim"]) {
      const int64_t v = integer(b, "kernel.block_dim");
      if (v < 0 || v > 65535) fail(b, "kernel.block_dim", fmt::format("{} is outside 0..65535 (0: every vector core)", v));
      k.block_dim = static_cast<int>(v);
    }
    if (const YAML::Node t = n["core_type"]) {
      const std::string type = string_value(t, "kernel.core_type");
      if (type == "vector") k.core_type = sim::CoreType::Vector;
      else if (type == "cube") k.core_type = sim::CoreType::Cube;
      else if (type == "mix") k.core_type = sim::CoreType::Mix;
      else fail(t, "kernel.core_type", fmt::format("unknown core type '{}' (vector, cube, mix)", type));
    }
    if (const YAML::Node w = n["workspace"]) {
      workspace_ = expression(w, "kernel.workspace");
    }
    params_node_ = params;
  }

  // kernel.form and kernel.op. An operator's host tiling function sets the block dim and the
  // workspace, so the task gives neither.
  void load_form(const YAML::Node& n) {
    KernelSignature& k = task_.kernel_;
    const YAML::Node form = n["form"], op = n["op"];
    const std::string name = form ? string_value(form, "kernel.form") : "kernel";
    if (name == "operator") k.form = KernelForm::Operator;
    else if (name != "kernel") fail(form, "kernel.form", fmt::format("unknown form '{}' (kernel, operator)", name));
    if (k.form == KernelForm::Kernel) {
      if (op) fail(op, "kernel.op", "only an operator-form task (form: operator) names an operator type");
      return;
    }
    k.op = string_field(n, "kernel", "op");
    if (!is_c_identifier(k.op)) fail(op, "kernel.op", fmt::format("'{}' is not a C identifier (the OpDef class name)", k.op));
    for (const char* key : {"block_dim", "workspace"})
      if (n[key])
        fail(n[key], join("kernel", key), "an operator-form task leaves it to the candidate's tiling function");
  }

  Expression expression(const YAML::Node& n, const std::string& field) const {
    const std::string text = string_value(n, field);
    detail::ExpressionScope scope;
    for (const auto* specs : {&inputs_, &outputs_})
      for (const TensorSpec& t : *specs)
        if (!t.list) scope.tensors.push_back(t.name);  // a list has no one shape
    for (const AttributeSpec& a : attributes_) scope.attributes.emplace_back(a.name, a.type);
    try {
      return Expression::parse(text, scope);
    } catch (const detail::ExpressionError& e) {
      fail(n, field, e.what());
    }
  }

  bool is_tensor(const std::string& name) const {
    for (const auto* specs : {&inputs_, &outputs_})
      for (const TensorSpec& t : *specs)
        if (t.name == name) return true;
    return false;
  }

  bool has_param(std::string_view p) const {
    return std::find(task_.kernel_.params.begin(), task_.kernel_.params.end(), p) != task_.kernel_.params.end();
  }

  void load_tiling(const YAML::Node& list) {
    if (list && !list.IsNull()) {
      expect_sequence(list, "tiling");
      std::set<std::string> seen;
      for (size_t i = 0; i < list.size(); ++i) {
        const YAML::Node n = list[i];
        const std::string path = fmt::format("tiling[{}]", i);
        expect_map(n, path);
        check_keys(n, path, {"name", "value"});
        const std::string name = string_field(n, path, "name");
        if (!is_c_identifier(name)) fail(n["name"], join(path, "name"), fmt::format("'{}' is not a C identifier", name));
        if (!seen.insert(name).second) fail(n["name"], join(path, "name"), fmt::format("'{}' is listed twice", name));
        tiling_.push_back({name, expression(required(n, path, "value"), join(path, "value"))});
      }
    }
    if (task_.kernel_.form == KernelForm::Operator) {
      if (!tiling_.empty())
        fail(list, "tiling", "an operator-form task has no tiling fields: the candidate's tiling function writes the tiling data");
      return;
    }
    // The tiling buffer exists exactly when the kernel takes it.
    if (has_param("tiling") && tiling_.empty())
      fail(params_node_, "kernel.params", "names 'tiling' but the task has no tiling fields");
    if (!has_param("tiling") && !tiling_.empty())
      fail(list, "tiling", "the task has tiling fields but kernel.params has no 'tiling'");
  }

  Tolerance tolerance_values(const YAML::Node& n, const std::string& path, Tolerance base) const {
    expect_map(n, path);
    for (const char* key : {"atol", "rtol"}) {
      if (const YAML::Node v = n[key]) {
        const double x = number(v, join(path, key));
        if (!(x >= 0) || !std::isfinite(x)) fail(v, join(path, key), "must be a finite number >= 0");
        (std::string_view(key) == "atol" ? base.atol : base.rtol) = x;
      }
    }
    return base;
  }

  void load_tolerance(const YAML::Node& n) {
    if (!n || n.IsNull()) return;
    expect_map(n, "tolerance");
    check_keys(n, "tolerance", {"atol", "rtol", "per_dtype"});
    task_.tolerance_ = tolerance_values(n, "tolerance", Tolerance{});
    const YAML::Node per = n["per_dtype"];
    if (!per) return;
    expect_map(per, "tolerance.per_dtype");
    for (auto it = per.begin(); it != per.end(); ++it) {
      const std::string field = join("tolerance.per_dtype", it->first.Scalar());
      const DType d = dtype(it->first, field);
      if (!is_floating_point(d)) fail(it->first, field, "integer and bool outputs compare exactly");
      check_keys(it->second, field, {"atol", "rtol"});
      task_.per_dtype_tolerance_.emplace_back(d, tolerance_values(it->second, field, task_.tolerance_));
    }
  }

  void load_cases(const YAML::Node& list) {
    expect_sequence(list, "cases");
    if (list.size() == 0) fail(list, "cases", "needs at least one case");
    std::set<std::string> ids;
    for (size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      expect_map(n, fmt::format("cases[{}]", i));
      const std::string id = string_field(n, fmt::format("cases[{}]", i), "id");
      const std::string path = fmt::format("cases[{}]", id);
      if (!is_file_safe_name(id)) fail(n["id"], join(path, "id"), "must be letters, digits, '_', '-' or '.'");
      if (!ids.insert(id).second) fail(n["id"], join(path, "id"), fmt::format("duplicate case id '{}'", id));
      task_.cases_.push_back(resolve_case(n, id, path));
    }
  }

  TestCase resolve_case(const YAML::Node& n, const std::string& id, const std::string& path) const {
    std::vector<std::string_view> keys{"id", "shape", "dtype", "shapes", "dtypes", "data"};
    for (const AttributeSpec& a : attributes_) keys.push_back(a.name);
    check_keys(n, path, keys);
    std::optional<DType> case_dtype;
    if (n["dtype"]) case_dtype = dtype(n["dtype"], join(path, "dtype"));
    std::optional<std::vector<int64_t>> case_shape;
    if (n["shape"]) case_shape = shape(n["shape"], join(path, "shape"));
    const YAML::Node shapes = n["shapes"], dtypes = n["dtypes"], data = n["data"];
    for (const auto& [node, key] : {std::pair{shapes, "shapes"}, std::pair{dtypes, "dtypes"}, std::pair{data, "data"}}) {
      if (!node) continue;
      expect_map(node, join(path, key));
      for (auto it = node.begin(); it != node.end(); ++it)
        if (!is_tensor(it->first.Scalar()))
          fail(it->first, fmt::format("{}.{}.{}", path, key, it->first.Scalar()), "not an input or output of the task");
    }

    TestCase c;
    c.id = id;
    for (const auto* specs : {&inputs_, &outputs_})
      for (const TensorSpec& spec : *specs) {
        TensorInstance t;
        t.name = spec.name;
        t.distribution = spec.distribution;
        if (dtypes && dtypes[spec.name]) t.dtype = dtype(dtypes[spec.name], fmt::format("{}.dtypes.{}", path, spec.name));
        else if (spec.dtype) t.dtype = *spec.dtype;
        else if (case_dtype) t.dtype = *case_dtype;
        else fail(n, path, fmt::format("no dtype for '{}' (it is $dtype; give dtype or dtypes.{})", spec.name, spec.name));
        // NaN and infinities exist only in floating types.
        if (t.distribution.kind == "special" && !is_floating_point(t.dtype))
          fail(n, path, fmt::format("input '{}' has a special distribution (NaN, +-inf) but dtype {}", spec.name, dtype_name(t.dtype)));
        std::vector<TensorInstance>& instances = specs == &inputs_ ? c.inputs : c.outputs;
        c.dtype_macros.emplace_back("DTYPE_" + upper(spec.name), std::string(kernel_type_name(t.dtype)));
        if (spec.list) {
          append_list(n, path, spec, std::move(t), specs == &inputs_, instances);
          continue;
        }
        if (shapes && shapes[spec.name]) {
          const std::string field = fmt::format("{}.shapes.{}", path, spec.name);
          t.shape = shape(shapes[spec.name], field);
          check_rank(spec, t.shape, shapes[spec.name], field);
        } else if (spec.shape) {
          t.shape = *spec.shape;
        } else if (case_shape) {
          t.shape = *case_shape;
          check_rank(spec, t.shape, n["shape"], join(path, "shape"));
        } else {
          fail(n, path, fmt::format("no shape for '{}' (it is $shape; give shape or shapes.{})", spec.name, spec.name));
        }
        if (data && data[spec.name]) t.data = recorded_data(data[spec.name], fmt::format("{}.data.{}", path, spec.name), t, specs == &inputs_);
        t.inplace = spec.inplace;
        if (!t.inplace.empty()) check_inplace(n, path, t, c.inputs);
        instances.push_back(std::move(t));
      }

    if (task_.reference_module_) {
      const fs::path module = task_.reference_module_->path_for(task_.dir_, id);
      if (!fs::is_regular_file(module))
        fail(n, path, fmt::format("reference module '{}' not found (reference_module.path)", module.string()));
    }

    detail::ExpressionValues values;
    for (const auto* tensors : {&c.inputs, &c.outputs})
      for (const TensorInstance& t : *tensors)
        if (t.list_index < 0) values.tensors.push_back(&t);
    for (const AttributeSpec& a : attributes_) {
      AttributeValue v;
      if (const YAML::Node given = n[a.name]) v = attribute_value(given, join(path, a.name), a);
      else if (a.default_value) v = *a.default_value;
      else fail(n, path, fmt::format("missing attribute '{}' (it has no default)", a.name));
      const double* number = std::get_if<double>(&v);
      values.attributes.push_back(number ? *number : 0);
      c.attributes.emplace_back(a.name, std::move(v));
    }
    const auto evaluate = [&](const Expression& e, std::string_view what) {
      try {
        return e.evaluate(values);
      } catch (const detail::ExpressionError& error) {
        fail(n, path, fmt::format("{}: {}", what, error.what()));
      }
    };
    for (const TilingField& f : tiling_) c.tiling.push_back(evaluate(f.value, fmt::format("tiling field '{}'", f.name)));
    if (workspace_) {
      const int64_t w = evaluate(*workspace_, "kernel.workspace");
      if (w < 0) fail(n, path, fmt::format("workspace '{}' is negative ({})", workspace_->text(), w));
      if (w > 0 && !has_param("workspace"))
        fail(n, path, fmt::format("workspace '{}' is {} bytes but kernel.params has no 'workspace'", workspace_->text(), w));
      c.workspace_bytes = static_cast<uint64_t>(w);
    }
    return c;
  }

  // A tensor list's elements: one per shape of the case's `shapes.<name>` (a list of shapes), each
  // with the element of `data.<name>` (a list of files) when given.
  void append_list(const YAML::Node& n, const std::string& path, const TensorSpec& spec, TensorInstance t, bool input,
                   std::vector<TensorInstance>& instances) const {
    const std::string field = fmt::format("{}.shapes.{}", path, spec.name);
    // From the const maps: a missing key is an invalid node (false), where YAML::Node() is a null one.
    const YAML::Node all_shapes = n["shapes"], all_data = n["data"];
    const YAML::Node shapes = all_shapes ? all_shapes[spec.name] : all_shapes;
    if (!shapes) fail(n, path, fmt::format("no shapes for tensor list '{}' (give shapes.{}: a list of shapes)", spec.name, spec.name));
    expect_sequence(shapes, field);
    if (shapes.size() == 0) fail(shapes, field, "a tensor list needs at least one tensor");
    const YAML::Node data = all_data ? all_data[spec.name] : all_data;
    const std::string data_field = fmt::format("{}.data.{}", path, spec.name);
    if (data && (!data.IsSequence() || data.size() != shapes.size()))
      fail(data, data_field, fmt::format("expected a list of {} files, one per tensor of the list", shapes.size()));
    for (size_t i = 0; i < shapes.size(); ++i) {
      TensorInstance element = t;
      element.list_index = static_cast<int>(i);
      element.shape = shape(shapes[i], fmt::format("{}[{}]", field, i));
      check_rank(spec, element.shape, shapes[i], fmt::format("{}[{}]", field, i));
      if (data) element.data = recorded_data(data[i], fmt::format("{}[{}]", data_field, i), element, input);
      instances.push_back(std::move(element));
    }
  }

  // An input's recorded values: a file of exactly numel x element size bytes.
  fs::path recorded_data(const YAML::Node& n, const std::string& field, const TensorInstance& t, bool input) const {
    if (!input) fail(n, field, "only inputs have recorded data");
    const fs::path path = task_.dir_ / string_value(n, field);
    std::error_code error;
    const auto size = fs::file_size(path, error);
    if (error) fail(n, field, fmt::format("cannot read '{}': {}", path.string(), error.message()));
    if (size != t.bytes())
      fail(n, field, fmt::format("'{}' holds {} bytes but {} [{}] needs {}", path.string(), size, dtype_name(t.dtype),
                                 fmt::join(t.shape, ", "), t.bytes()));
    return path;
  }

  std::optional<fs::path> companion_file(const YAML::Node& root, const char* key) const {
    const YAML::Node n = root[key];
    if (!n) return std::nullopt;
    const fs::path path = task_.dir_ / string_value(n, key);
    // A full operator's solution may be a directory of op_host/ and op_kernel/ files.
    const bool directory_ok = task_.kernel_.form == KernelForm::Operator && fs::is_directory(path);
    if (!fs::is_regular_file(path) && !directory_ok)
      fail(n, key, fmt::format("{} '{}' not found", task_.kernel_.form == KernelForm::Operator ? "file or directory" : "file",
                               path.string()));
    return path;
  }

  fs::path file_;
  Task task_;
  std::set<std::string> names_;  // tensors and attributes
  std::vector<TensorSpec> inputs_, outputs_;
  std::vector<AttributeSpec> attributes_;
  std::vector<TilingField> tiling_;
  std::optional<Expression> workspace_;
  YAML::Node params_node_;
};

fs::path ReferenceModule::path_for(const fs::path& task_dir, std::string_view case_id) const {
  std::string resolved = path;
  for (size_t at = resolved.find("{case}"); at != std::string::npos; at = resolved.find("{case}", at + case_id.size()))
    resolved.replace(at, 6, case_id);
  return task_dir / resolved;
}

Task Task::load(const fs::path& dir) {
  try {
    return TaskLoader(dir).load();
  } catch (const YAML::Exception& e) {  // a node shape the checks above did not foresee
    throw TaskError(dir / "task.yaml", e.mark.is_null() ? 0 : e.mark.line + 1, "", e.msg);
  }
}

}  // namespace ascendgen
