// Generator: requests and responses, the backends (OpenAI-compatible HTTP, replay, and a Python
// function as a backend), answer extraction, the PromptBuilder and generation runs. generate() and
// Generator.run() release the GIL; a Python backend or progress callback takes it back per call.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/core/soc.h"
#include "ascendgen/generator/backend.h"
#include "ascendgen/generator/extract.h"
#include "ascendgen/generator/generator.h"
#include "ascendgen/generator/http_backend.h"
#include "ascendgen/generator/prompt.h"
#include "ascendgen/generator/replay_backend.h"
#include "bindings.h"

namespace ascendgen::python {
namespace {

// A Python callable owned from C++: the last reference may be dropped on a thread without the GIL.
class PythonFunction {
 public:
  explicit PythonFunction(py::function function) : function_(std::move(function)) {}
  ~PythonFunction() {
    py::gil_scoped_acquire gil;
    function_ = py::function();
  }
  PythonFunction(const PythonFunction&) = delete;
  PythonFunction& operator=(const PythonFunction&) = delete;

  // Calls the function with `request`; it returns a GenerationResponse, a string (one completion)
  // or a list of strings (one completion each). A Python exception becomes a std::runtime_error
  // with its message, which CallableBackend records as the response's error.
  GenerationResponse operator()(const GenerationRequest& request) const {
    py::gil_scoped_acquire gil;
    try {
      const py::object answer = function_(request);
      if (py::isinstance<GenerationResponse>(answer)) return answer.cast<GenerationResponse>();
      GenerationResponse response;
      if (py::isinstance<py::str>(answer)) {
        response.choices.push_back({answer.cast<std::string>(), "", ""});
      } else if (py::isinstance<py::list>(answer) || py::isinstance<py::tuple>(answer)) {
        for (const py::handle& text : answer) response.choices.push_back({text.cast<std::string>(), "", ""});
      } else {
        throw py::cast_error(std::string(py::str(py::type::handle_of(answer).attr("__name__"))));
      }
      response.attempts = 1;
      return response;
    } catch (py::error_already_set& e) {
      throw std::runtime_error(e.what());
    } catch (const py::cast_error& e) {
      throw std::runtime_error(fmt::format(
          "the Python backend returned something other than a GenerationResponse, a str or a list of str ({})",
          e.what()));
    }
  }

 private:
  py::function function_;
};

void bind_messages(py::module_& m) {
  py::class_<GenerationRequest>(m, "GenerationRequest", "What to ask a backend: the prompt and how to sample.")
      .def(py::init([](std::string prompt, std::string system, int n, double temperature, double top_p, int max_tokens,
                       std::vector<std::string> stop) {
             return GenerationRequest{std::move(system), std::move(prompt), n, temperature, top_p, max_tokens,
                                      std::move(stop)};
           }),
           py::arg("prompt"), py::arg("system") = "", py::arg("n") = 1, py::arg("temperature") = 0.8,
           py::arg("top_p") = 0.95, py::arg("max_tokens") = 8192, py::arg("stop") = std::vector<std::string>{})
      .def_readwrite("system", &GenerationRequest::system)
      .def_readwrite("prompt", &GenerationRequest::prompt)
      .def_readwrite("n", &GenerationRequest::n)
      .def_readwrite("temperature", &GenerationRequest::temperature)
      .def_readwrite("top_p", &GenerationRequest::top_p)
      .def_readwrite("max_tokens", &GenerationRequest::max_tokens)
      .def_readwrite("stop", &GenerationRequest::stop);

  py::class_<Completion>(m, "Completion", "One completion: text, the server's separate reasoning, finish reason.")
      .def(py::init([](std::string text, std::string reasoning, std::string finish_reason) {
             return Completion{std::move(text), std::move(reasoning), std::move(finish_reason)};
           }),
           py::arg("text"), py::arg("reasoning") = "", py::arg("finish_reason") = "")
      .def_readwrite("text", &Completion::text)
      .def_readwrite("reasoning", &Completion::reasoning)
      .def_readwrite("finish_reason", &Completion::finish_reason);

  py::class_<GenerationResponse>(m, "GenerationResponse",
                                 "The answer to a request: completions, usage, latency; `error` says why it failed.")
      .def(py::init<>())
      .def_readwrite("choices", &GenerationResponse::choices)
      .def_readwrite("model", &GenerationResponse::model)
      .def_readwrite("prompt_tokens", &GenerationResponse::prompt_tokens)
      .def_readwrite("completion_tokens", &GenerationResponse::completion_tokens)
      .def_readwrite("latency_s", &GenerationResponse::latency_s)
      .def_readwrite("ttft_s", &GenerationResponse::ttft_s, "time to first token")
      .def_readwrite("tpot_s", &GenerationResponse::tpot_s, "time per output token after the first")
      .def_readwrite("attempts", &GenerationResponse::attempts)
      .def_readwrite("error", &GenerationResponse::error, "empty on success")
      .def_property_readonly("ok", &GenerationResponse::ok)
      .def("__repr__", [](const GenerationResponse& r) {
        return fmt::format("GenerationResponse(choices={}, model='{}', error='{}')", r.choices.size(), r.model, r.error);
      });
}

void bind_backends(py::module_& m) {
  py::class_<Backend, std::shared_ptr<Backend>>(m, "Backend", "One LLM behind one interface.")
      .def("generate", &Backend::generate, py::arg("request"), py::call_guard<py::gil_scoped_release>(),
           "Answers the request; failures come back in the response's error, never as exceptions.")
      .def_property_readonly("name", &Backend::name);

  py::class_<CallableBackend, Backend, std::shared_ptr<CallableBackend>>(
      m, "PythonBackend",
      "A Python function as a backend: function(GenerationRequest) -> GenerationResponse | str | list[str]. "
      "An exception it raises becomes the response's error.")
      .def(py::init([](std::string name, py::function function) {
             auto owned = std::make_shared<PythonFunction>(std::move(function));
             return std::make_shared<CallableBackend>(
                 std::move(name), [owned](const GenerationRequest& request) { return (*owned)(request); });
           }),
           py::arg("name"), py::arg("function"));

  py::class_<HttpBackendOptions>(m, "HttpBackendOptions")
      .def(py::init([](bool stream, double connect_timeout_s, double read_timeout_s, int max_retries,
                       double backoff_initial_s, double backoff_max_s) {
             HttpBackendOptions options;
             options.stream = stream;
             options.connect_timeout_s = connect_timeout_s;
             options.read_timeout_s = read_timeout_s;
             options.max_retries = max_retries;
             options.backoff_initial_s = backoff_initial_s;
             options.backoff_max_s = backoff_max_s;
             return options;
           }),
           py::arg("stream") = true, py::arg("connect_timeout_s") = 10.0, py::arg("read_timeout_s") = 300.0,
           py::arg("max_retries") = 3, py::arg("backoff_initial_s") = 1.0, py::arg("backoff_max_s") = 30.0)
      .def_readwrite("stream", &HttpBackendOptions::stream)
      .def_readwrite("connect_timeout_s", &HttpBackendOptions::connect_timeout_s)
      .def_readwrite("read_timeout_s", &HttpBackendOptions::read_timeout_s)
      .def_readwrite("max_retries", &HttpBackendOptions::max_retries)
      .def_readwrite("headers", &HttpBackendOptions::headers);

  py::class_<OpenAIBackend, Backend, std::shared_ptr<OpenAIBackend>>(
      m, "OpenAIBackend", "Any server speaking the OpenAI HTTP API (vLLM, SGLang, llama.cpp server, a hosted API).")
      .def(py::init<std::string, router::Endpoint, HttpBackendOptions>(), py::arg("name"), py::arg("endpoint"),
           py::arg("options") = HttpBackendOptions{})
      .def_property_readonly("endpoint", &OpenAIBackend::endpoint);

  py::class_<ReplayBackend, Backend, std::shared_ptr<ReplayBackend>>(m, "ReplayBackend",
                                                                     "Serves recorded answers, prompt by prompt.")
      .def(py::init<std::string>(), py::arg("name") = "replay")
      .def("add", &ReplayBackend::add, py::arg("prompt"), py::arg("completion"), py::arg("prompt_tokens") = 0,
           py::arg("completion_tokens") = 0, py::arg("latency_s") = 0.0)
      .def("load_records", &ReplayBackend::load_records, py::arg("path"), py::arg("model") = "",
           py::call_guard<py::gil_scoped_release>(),
           "Adds the records of a Generator JSONL file (only `model`'s when given); returns how many.");
}

void bind_prompts(py::module_& m) {
  py::class_<Extraction>(m, "Extraction", "The candidate in an answer, its reasoning, or why there is none.")
      .def_readonly("source", &Extraction::source)
      .def_readonly("reasoning", &Extraction::reasoning)
      .def_readonly("error", &Extraction::error)
      .def_property_readonly("ok", &Extraction::ok);
  m.def(
      "extract_candidate",
      [](std::string_view answer, std::string entry, bool want_operator) {
        return extract_candidate(answer, {std::move(entry), want_operator});
      },
      py::arg("answer"), py::arg("entry") = "", py::arg("want_operator") = false,
      "The candidate source in an LLM's answer (<think> dropped, <kernel_impl> blocks, named files, fenced blocks; "
      "docs/generator.md).");

  py::class_<Prompt>(m, "Prompt")
      .def(py::init([](std::string system, std::string user) { return Prompt{std::move(system), std::move(user)}; }),
           py::arg("system"), py::arg("user"))
      .def_readwrite("system", &Prompt::system)
      .def_readwrite("user", &Prompt::user);

  py::class_<PromptBuilder>(m, "PromptBuilder", "The prompt for a task and the repair prompt, from editable templates.")
      .def(py::init([](const std::optional<std::filesystem::path>& templates_dir, const std::string& soc,
                       bool include_example) {
             return PromptBuilder({templates_dir.value_or(std::filesystem::path()), load_soc(soc), include_example});
           }),
           py::arg("templates_dir") = std::nullopt, py::arg("soc") = "Ascend910B2",
           py::arg("include_example") = true)
      .def("add_examples", &PromptBuilder::add_examples, py::arg("suite"),
           "Keeps the suite's reference solutions as examples for tasks of the same category.")
      .def("build", &PromptBuilder::build, py::arg("task"), py::arg("case_id") = std::nullopt,
           "The prompt for `task`, showing `case_id` (default: the first case).")
      .def("repair", &PromptBuilder::repair, py::arg("original"), py::arg("previous_source"), py::arg("outcome"),
           py::arg("feedback"), "The follow-up after a failed attempt.")
      .def_property_readonly("templates_dir", &PromptBuilder::templates_dir);
  m.def("default_prompt_dir", &default_prompt_dir, "The default template directory.");
}

void bind_runs(py::module_& m) {
  py::class_<GenerationOptions>(m, "GenerationOptions", "How a generation run samples and repairs.")
      .def(py::init([](int samples, int repair_rounds, int concurrency, std::optional<GenerationRequest> sampling) {
             return GenerationOptions{samples, repair_rounds, concurrency, sampling.value_or(GenerationRequest{})};
           }),
           py::arg("samples") = 1, py::arg("repair_rounds") = 0, py::arg("concurrency") = 4,
           py::arg("sampling") = std::nullopt)
      .def_readwrite("samples", &GenerationOptions::samples, "candidates per task (one request with n = samples)")
      .def_readwrite("repair_rounds", &GenerationOptions::repair_rounds, "follow-up requests per failed candidate")
      .def_readwrite("concurrency", &GenerationOptions::concurrency, "tasks worked on at once")
      .def_readwrite("sampling", &GenerationOptions::sampling,
                     "temperature, top_p, max_tokens and stop of every request (prompt and n are set per request)");

  py::class_<GenerationSummary>(m, "GenerationSummary", "Counts over the attempts of one run.")
      .def_readonly("candidates", &GenerationSummary::candidates)
      .def_readonly("skipped", &GenerationSummary::skipped, "candidates already in the samples file")
      .def_readonly("attempts", &GenerationSummary::attempts)
      .def_readonly("passed", &GenerationSummary::passed)
      .def_readonly("repaired", &GenerationSummary::repaired)
      .def_readonly("request_errors", &GenerationSummary::request_errors)
      .def_readonly("by_status", &GenerationSummary::by_status)
      .def_readonly("by_model", &GenerationSummary::by_model)
      .def("__repr__", [](const GenerationSummary& s) {
        return fmt::format("GenerationSummary(candidates={}, passed={}, attempts={}, skipped={})", s.candidates,
                           s.passed, s.attempts, s.skipped);
      });

  m.def("make_pool_backends", &make_pool_backends, py::arg("pool"), py::arg("options") = HttpBackendOptions{},
        "An OpenAIBackend on each pool model's endpoint, by model name.");
  m.def("attempts_path", &attempts_path, py::arg("samples_path"),
        "Where a run with repair rounds logs every attempt: samples.jsonl -> samples.attempts.jsonl.");

  // keep_alive: the Generator holds references to the router, prompts and evaluator.
  py::class_<Generator>(m, "Generator",
                        "Generation runs: n candidates per task from the model the router picks, each compiled, "
                        "evaluated and recorded; optional repair rounds; resumable (docs/generator.md).")
      .def(py::init<router::Router&, std::map<std::string, std::shared_ptr<Backend>>, const PromptBuilder&,
                    Evaluator&, GenerationOptions>(),
           py::arg("router"), py::arg("backends"), py::arg("prompts"), py::arg("evaluator"),
           py::arg("options") = GenerationOptions{}, py::keep_alive<1, 2>(), py::keep_alive<1, 4>(),
           py::keep_alive<1, 5>())
      .def(
          "run",
          [](Generator& generator, const std::vector<const Task*>& tasks, const std::filesystem::path& samples_path,
             const std::optional<py::function>& progress) {
            // A raising callback stops being called; its exception is raised once the run is over
            // (the run's records stay written).
            std::function<void(size_t, size_t, const std::string&)> report;
            std::optional<py::error_already_set> failure;
            if (progress) {
              report = [&progress, &failure](size_t done, size_t total, const std::string& status) {
                py::gil_scoped_acquire gil;
                if (failure) return;
                try {
                  (*progress)(done, total, status);
                } catch (py::error_already_set& e) {
                  failure = std::move(e);
                }
              };
            }
            GenerationSummary summary;
            {
              py::gil_scoped_release release;
              summary = generator.run(tasks, samples_path, report);
            }
            if (failure) throw std::move(*failure);
            return summary;
          },
          py::arg("tasks"), py::arg("samples_path"), py::arg("progress") = std::nullopt,
          "Generates for `tasks`, appending records to `samples_path` (skipping candidates already there). "
          "`progress(done, total, status)` is called after each finished candidate.");
}

}  // namespace

void bind_generator(py::module_& m) {
  bind_messages(m);
  bind_backends(m);
  bind_prompts(m);
  bind_runs(m);
}

}  // namespace ascendgen::python
