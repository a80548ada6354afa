// FLARE router: the model pool, request features and generation records, the Router itself.
// Submodule ascendgen._core.router mirrors the C++ namespace.
#include <filesystem>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/router/features.h"
#include "ascendgen/router/pool.h"
#include "ascendgen/router/router.h"
#include "bindings.h"

namespace ascendgen::python {
namespace {

using namespace ascendgen::router;

void bind_pool(py::module_& m) {
  py::class_<Endpoint>(m, "Endpoint", "How to reach a model: an OpenAI-compatible server.")
      .def(py::init([](std::string base_url, std::string model, std::string api, std::string api_key_env) {
             return Endpoint{std::move(base_url), std::move(model), parse_api(api), std::move(api_key_env)};
           }),
           py::arg("base_url"), py::arg("model"), py::arg("api") = "chat", py::arg("api_key_env") = "")
      .def_readwrite("base_url", &Endpoint::base_url)
      .def_readwrite("model", &Endpoint::model)
      .def_property(
          "api", [](const Endpoint& e) { return std::string(to_string(e.api)); },
          [](Endpoint& e, std::string_view api) { e.api = parse_api(api); }, "'chat' or 'completions'")
      .def_readwrite("api_key_env", &Endpoint::api_key_env);

  py::class_<Deployment>(m, "Deployment", "One serving deployment: instances, concurrency, prefill and decode speed.")
      .def_readonly("instances", &Deployment::instances)
      .def_readonly("max_concurrency", &Deployment::max_concurrency)
      .def_readonly("prefill_tokens_per_s", &Deployment::prefill_tokens_per_s)
      .def_readonly("ttft_base_s", &Deployment::ttft_base_s)
      .def_readonly("decode_s_per_token", &Deployment::decode_s_per_token, "[(concurrency, seconds)]")
      .def("seconds_per_token", &Deployment::seconds_per_token, py::arg("concurrency"))
      .def_property_readonly("capacity", &Deployment::capacity);

  py::class_<LengthPrior>(m, "LengthPrior")
      .def_readonly("p50", &LengthPrior::p50)
      .def_readonly("p90", &LengthPrior::p90);

  py::class_<ModelSpec>(m, "ModelSpec", "One model of the pool.")
      .def_readonly("name", &ModelSpec::name)
      .def_readonly("parameters_b", &ModelSpec::parameters_b)
      .def_readonly("endpoint", &ModelSpec::endpoint)
      .def_readonly("price_input_per_mtok", &ModelSpec::price_input_per_mtok)
      .def_readonly("price_output_per_mtok", &ModelSpec::price_output_per_mtok)
      .def_readonly("deployment", &ModelSpec::deployment)
      .def_readonly("pass_rate_prior", &ModelSpec::pass_rate_prior)
      .def_readonly("output_tokens_prior", &ModelSpec::output_tokens_prior)
      .def("cost", &ModelSpec::cost, py::arg("tokens_in"), py::arg("tokens_out"), "USD for one request")
      .def("__repr__", [](const ModelSpec& s) { return fmt::format("ModelSpec('{}')", s.name); });

  py::class_<ModelPool>(m, "ModelPool", "The parsed model-pool file.")
      .def_readonly("models", &ModelPool::models)
      .def_readonly("source", &ModelPool::source)
      .def("index_of", &ModelPool::index_of, py::arg("name"))
      .def("find", &ModelPool::find, py::arg("name"), py::return_value_policy::reference_internal)
      .def("largest", &ModelPool::largest)
      .def("smallest", &ModelPool::smallest)
      .def("__len__", [](const ModelPool& p) { return p.models.size(); });
  m.def("load_pool", &load_pool, py::arg("path"), "Reads a pool file; PoolError names the file and field.");
  m.def("parse_pool", &parse_pool, py::arg("yaml"), py::arg("source_name") = "<pool>");
}

void bind_routing(py::module_& m) {
  py::class_<RequestFeatures>(m, "RequestFeatures", "What is known about a request before any model answers it.")
      .def(py::init([](std::string task, int level, std::string category, int prompt_tokens, int num_inputs,
                       double case_elements, std::vector<double> embedding) {
             return RequestFeatures{std::move(task), level,         std::move(category), prompt_tokens,
                                    num_inputs,      case_elements, std::move(embedding)};
           }),
           py::arg("task") = "", py::arg("level") = 1, py::arg("category") = "", py::arg("prompt_tokens") = 0,
           py::arg("num_inputs") = 1, py::arg("case_elements") = 0.0, py::arg("embedding") = std::vector<double>{})
      .def_readwrite("task", &RequestFeatures::task)
      .def_readwrite("level", &RequestFeatures::level)
      .def_readwrite("category", &RequestFeatures::category)
      .def_readwrite("prompt_tokens", &RequestFeatures::prompt_tokens)
      .def_readwrite("num_inputs", &RequestFeatures::num_inputs)
      .def_readwrite("case_elements", &RequestFeatures::case_elements)
      .def_readwrite("embedding", &RequestFeatures::embedding);

  py::class_<GenerationRecord>(m, "GenerationRecord", "One finished generation, as the Generator records it.")
      .def(py::init([](RequestFeatures features, std::string model, int tokens_in, int tokens_out, double latency_s,
                       std::optional<bool> passed) {
             return GenerationRecord{std::move(features), std::move(model), tokens_in, tokens_out, latency_s, passed};
           }),
           py::arg("features"), py::arg("model"), py::arg("tokens_in") = 0, py::arg("tokens_out") = 0,
           py::arg("latency_s") = 0.0, py::arg("passed") = std::nullopt)
      .def_readwrite("features", &GenerationRecord::features)
      .def_readwrite("model", &GenerationRecord::model)
      .def_readwrite("tokens_in", &GenerationRecord::tokens_in)
      .def_readwrite("tokens_out", &GenerationRecord::tokens_out)
      .def_readwrite("latency_s", &GenerationRecord::latency_s)
      .def_readwrite("passed", &GenerationRecord::passed)
      .def("to_dict", [](const GenerationRecord& r) { return to_python(to_json(r)); })
      .def_static(
          "from_dict", [](const py::dict& record) { return parse_record(from_python(record), "record"); },
          py::arg("record"), "Reads a Generator JSONL object; RuntimeError names the field at fault.");

  py::class_<Estimate>(m, "Estimate", "What the router predicts for one model and request.")
      .def_readonly("output_tokens_p50", &Estimate::output_tokens_p50)
      .def_readonly("output_tokens_p90", &Estimate::output_tokens_p90)
      .def_readonly("latency_s", &Estimate::latency_s)
      .def_readonly("cost", &Estimate::cost)
      .def_readonly("pass_probability", &Estimate::pass_probability);

  py::class_<Decision>(m, "Decision", "The router's answer for one request.")
      .def_readonly("model", &Decision::model, "index into pool.models")
      .def_readonly("model_name", &Decision::model_name)
      .def_readonly("samples", &Decision::samples)
      .def_readonly("estimate", &Decision::estimate)
      .def_readonly("ticket", &Decision::ticket)
      .def("__repr__", [](const Decision& d) { return fmt::format("Decision('{}', samples={})", d.model_name, d.samples); });

  m.def("default_policies", &default_policies, "The policies the simulator compares by default.");
  m.def(
      "normalise_policy", [](std::string_view text) { return to_string(parse_policy(text)); }, py::arg("policy"),
      "The canonical form of a policy string; ValueError names a bad one.");

  py::class_<Router>(m, "Router",
                     "FLARE: routes each request to a model of the pool by predicted length, latency, cost and "
                     "pass probability (docs/router.md).")
      .def(py::init([](ModelPool pool, std::string_view policy, uint64_t seed, size_t embedding_dims) {
             RouterOptions options;
             options.seed = seed;
             options.embedding_dims = embedding_dims;
             return std::make_unique<Router>(std::move(pool), policy, options);
           }),
           py::arg("pool"), py::arg("policy") = "flare", py::arg("seed") = 0, py::arg("embedding_dims") = 0)
      .def("route", &Router::route, py::arg("request"), py::call_guard<py::gil_scoped_release>())
      .def("route_batch", &Router::route_batch, py::arg("requests"), py::call_guard<py::gil_scoped_release>())
      .def("finish", py::overload_cast<const Decision&, const std::vector<GenerationRecord>&>(&Router::finish),
           py::arg("decision"), py::arg("records"), py::call_guard<py::gil_scoped_release>(),
           "Releases the decision's in-flight slots and learns from its records.")
      .def("update", &Router::update, py::arg("record"), py::call_guard<py::gil_scoped_release>(),
           "Learns from a record of the past.")
      .def("estimate", &Router::estimate, py::arg("request"), py::arg("samples") = 1,
           "Predictions for every model of the pool at the current load.")
      .def_property_readonly("pool", &Router::pool)
      .def_property_readonly("policy", [](const Router& r) { return to_string(r.policy()); })
      .def("in_flight", &Router::in_flight);
}

}  // namespace

void bind_router(py::module_& m) {
  py::module_ router = m.def_submodule("router", "FLARE routing across a model pool (C++ ascendgen::router).");
  bind_pool(router);
  bind_routing(router);
}

}  // namespace ascendgen::python
