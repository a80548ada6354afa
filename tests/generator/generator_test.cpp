// Generation runs end to end: scripted models (CallableBackend) answer, the real Evaluator judges
// the Level-1 `add` task, the router picks the model.
#include <doctest/doctest.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

#include "ascendgen/core/files.h"
#include "ascendgen/generator/generator.h"
#include "ascendgen/task/records.h"
#include "fake_llm_server.h"

namespace ascendgen {
namespace {
namespace fs = std::filesystem;

const fs::path kAdd = fs::path(ASCENDGEN_SOURCE_DIR) / "suites/level1/add";

router::ModelPool pool(const std::vector<std::string>& names) {
  std::string yaml = "models:\n";
  for (const std::string& name : names)
    yaml += "  - name: " + name +
            "\n    parameters_b: 7\n    endpoint: {base_url: 'http://127.0.0.1:9/v1', model: m}\n"
            "    price_per_mtok: {input: 1, output: 2}\n"
            "    deployment: {instances: 1, max_concurrency: 4, prefill_tokens_per_s: 1000, ttft_base_s: 0.1,"
            " decode_ms_per_token: {1: 10}}\n";
  return router::parse_pool(yaml, "test-pool");
}

// A model that writes `answer(prompt, call)` for each of the n completions, counting its calls.
struct ScriptedModel {
  std::function<std::string(const std::string& prompt)> answer;
  std::shared_ptr<std::atomic<int>> calls = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<Backend> backend(const std::string& name) const {
    return std::make_shared<CallableBackend>(name, [a = answer, c = calls](const GenerationRequest& r) {
      ++*c;
      GenerationResponse out;
      for (int i = 0; i < r.n; ++i) out.choices.push_back({a(r.prompt), "", "stop"});
      out.prompt_tokens = 100;
      out.completion_tokens = 50 * r.n;
      out.latency_s = 0.5;
      return out;
    });
  }
};

std::string solution() { return read_file(kAdd / "solution.cpp"); }

struct Fixture {
  // One directory per process: ctest runs test cases in parallel processes.
  fs::path dir = fs::temp_directory_path() / ("ascendgen-generator-test-" + std::to_string(::getpid()));
  Task add = Task::load(kAdd);
  PromptBuilder prompts{{.templates_dir = {}, .soc = load_soc("Ascend910B2"), .include_example = false}};
  Evaluator evaluator{{.compiler = {}, .soc = "Ascend910B2", .case_timeout_s = 30}};
  Fixture() {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  ~Fixture() { fs::remove_all(dir); }
};

TEST_CASE_FIXTURE(Fixture, "generator: n candidates of one request, evaluated, in a file bench reads") {
  ScriptedModel model{[](const std::string&) { return "Here it is.\n<kernel_impl>\n```cpp\n" + solution() + "```\n</kernel_impl>"; }};
  router::Router router(pool({"good"}), "fixed:good");
  Generator generator(router, {{"good", model.backend("good")}}, prompts, evaluator, {.samples = 2});
  router::RequestFeatures features;
  features.task = "add";
  features.category = "math";
  features.prompt_tokens = 2000;
  const double pass_before = router.estimate(features).at(0).pass_probability;
  size_t progress_calls = 0;
  const GenerationSummary s = generator.run({&add}, dir / "samples.jsonl", [&](size_t done, size_t total, const std::string& status) {
    if (done == 0) return;  // the start: total known
    ++progress_calls;
    CHECK(total == 2);
    CHECK(status == "pass");
  });
  CHECK(s.candidates == 2);
  CHECK(s.passed == 2);
  CHECK(s.attempts == 2);
  CHECK(progress_calls == 2);
  CHECK(*model.calls == 1);  // one request with n = 2
  CHECK(router.estimate(features).at(0).pass_probability > pass_before);  // the router learned the passes
  CHECK_FALSE(fs::exists(attempts_path(dir / "samples.jsonl")));  // no repair rounds: one file

  const std::vector<Sample> samples = read_samples(dir / "samples.jsonl");
  REQUIRE(samples.size() == 2);
  CHECK(samples[0].task == "add");
  CHECK(samples[0].sample + samples[1].sample == 1);
  CHECK(samples[0].source == solution());
  const nlohmann::json& r = samples[0].extra;
  CHECK_MESSAGE(r["status"] == "pass", r["reason"].get<std::string>());
  CHECK(r["model"] == "good");
  CHECK(r["repair_round"] == 0);
  CHECK(r["tokens_in"] == 100);
  CHECK(r["tokens_out"] == 50);
  CHECK(r["latency_s"] == 0.5);
  CHECK(r["response"].get<std::string>().starts_with("Here it is."));
  CHECK(r["prompt"].get<std::string>().find("# Task: add") != std::string::npos);
  CHECK(r["predicted_us"].get<double>() > 0);
  CHECK(r["features"]["level"] == 1);
  // The router learns from these records when a later run starts from them.
  nlohmann::json full = r;
  full["task"] = "add";
  CHECK(router::parse_record(full, "samples.jsonl:1").passed == true);

  // A rerun skips what is done.
  const GenerationSummary again = generator.run({&add}, dir / "samples.jsonl");
  CHECK(again.skipped == 2);
  CHECK(again.attempts == 0);
  CHECK(*model.calls == 1);
}

TEST_CASE_FIXTURE(Fixture, "generator: repair rounds send the compiler's diagnostics back") {
  std::atomic<int> repair_prompts{0};
  ScriptedModel model{[&](const std::string& prompt) -> std::string {
    if (prompt.find("Your previous answer failed: compile_error") == std::string::npos)
      return "```cpp\n#include \"kernel_operator.h\"\nextern \"C\" __global__ __aicore__ void add_custom(GM_ADDR x, GM_ADDR y, "
             "GM_ADDR z, GM_ADDR tiling) { undeclared_thing(); }\n```";
    CHECK(prompt.find("undeclared_thing") != std::string::npos);  // the diagnostic came back
    ++repair_prompts;
    return "```cpp\n" + solution() + "```";
  }};
  router::Router router(pool({"m"}), "fixed:m");
  Generator generator(router, {{"m", model.backend("m")}}, prompts, evaluator, {.samples = 2, .repair_rounds = 2});
  const GenerationSummary s = generator.run({&add}, dir / "s.jsonl");
  CHECK(s.candidates == 2);
  CHECK(s.passed == 2);
  CHECK(s.repaired == 2);
  CHECK(s.attempts == 4);
  CHECK(repair_prompts == 2);

  const JsonlContents attempts = read_jsonl(dir / "s.attempts.jsonl");
  REQUIRE(attempts.records.size() == 4);
  int compile_errors = 0;
  for (const nlohmann::json& a : attempts.records) {
    if (a["status"] == "compile_error") {
      ++compile_errors;
      CHECK(a["repair_round"] == 0);
      CHECK(a["reason"].get<std::string>().find("kernel.cpp:") != std::string::npos);
      CHECK(a["feedback"].get<std::string>().find("undeclared_thing") != std::string::npos);
    } else {
      CHECK(a["status"] == "pass");
      CHECK(a["repair_round"] == 1);
    }
  }
  CHECK(compile_errors == 2);
  const std::vector<Sample> samples = read_samples(dir / "s.jsonl");
  REQUIRE(samples.size() == 2);
  for (const Sample& sm : samples) CHECK(sm.extra["status"] == "pass");
}

TEST_CASE_FIXTURE(Fixture, "generator: failures are records with reasons; an interrupted run resumes") {
  ScriptedModel prose{[](const std::string&) { return std::string("I would rather not."); }};
  auto down = std::make_shared<CallableBackend>("down", [](const GenerationRequest&) -> GenerationResponse {
    throw std::runtime_error("connection refused");
  });
  SUBCASE("no code, and no answer at all") {
    router::Router router(pool({"prose"}), "fixed:prose");
    Generator generator(router, {{"prose", prose.backend("prose")}}, prompts, evaluator, {.samples = 1, .repair_rounds = 1});
    const GenerationSummary s = generator.run({&add}, dir / "s.jsonl");
    CHECK(s.by_status.at("parse_error") == 1);
    CHECK(s.attempts == 2);  // the parse error was sent back once
    const std::vector<Sample> samples = read_samples(dir / "s.jsonl");
    REQUIRE(samples.size() == 1);
    CHECK(samples[0].source.empty());
    CHECK(samples[0].extra["reason"].get<std::string>().find("no code in the answer") != std::string::npos);

    router::Router router2(pool({"down"}), "fixed:down");
    Generator failing(router2, {{"down", down}}, prompts, evaluator, {.samples = 1, .repair_rounds = 3});
    const GenerationSummary f = failing.run({&add}, dir / "d.jsonl");
    CHECK(f.request_errors == 1);
    CHECK(f.attempts == 1);  // nothing to repair without an answer
    const std::vector<Sample> d = read_samples(dir / "d.jsonl");
    REQUIRE(d.size() == 1);
    CHECK(d[0].extra["status"] == "request_error");
    CHECK(d[0].extra["reason"] == "down: connection refused");
  }
  SUBCASE("a run stopped midway goes on where it stopped") {
    ScriptedModel good{[](const std::string&) { return "```cpp\n" + solution() + "```"; }};
    router::Router router(pool({"good"}), "fixed:good");
    Generator generator(router, {{"good", good.backend("good")}}, prompts, evaluator, {.samples = 3});
    {  // sample 1 was written, then the writer died mid-line
      JsonlWriter w(dir / "s.jsonl", false);
      w.write({{"task", "add"}, {"sample", 1}, {"source", ""}, {"status", "request_error"}, {"model", "good"}});
    }
    std::ofstream(dir / "s.jsonl", std::ios::app) << R"({"task": "add", "sam)";
    const GenerationSummary s = generator.run({&add}, dir / "s.jsonl");
    CHECK(s.skipped == 1);
    CHECK(s.candidates == 2);
    CHECK(*good.calls == 1);  // one request for the two missing samples
    const std::vector<Sample> samples = read_samples(dir / "s.jsonl");
    REQUIRE(samples.size() == 3);
    CHECK(samples[1].extra["status"] == "pass");
    CHECK(samples[2].extra["status"] == "pass");
    CHECK(samples[1].sample + samples[2].sample == 2);  // samples 0 and 2
  }
}

TEST_CASE_FIXTURE(Fixture, "generator: the pool's endpoints over HTTP, each answer judged") {
  test::FakeLlmServer server;
  const router::ModelPool p = router::parse_pool(
      "models:\n  - name: served\n    parameters_b: 7\n    endpoint: {base_url: '" + server.base_url() +
          "', model: reasoning, api: chat}\n    price_per_mtok: {input: 1, output: 2}\n"
          "    deployment: {instances: 1, max_concurrency: 4, prefill_tokens_per_s: 1000, ttft_base_s: 0.1,"
          " decode_ms_per_token: {1: 10}}\n",
      "http-pool");
  router::Router router(p, "flare");
  Generator generator(router, make_pool_backends(p), prompts, evaluator, {.samples = 2});
  const GenerationSummary s = generator.run({&add}, dir / "s.jsonl");
  CHECK(s.attempts == 2);
  CHECK(server.requests() == 1);
  CHECK(server.last_body()["n"] == 2);
  const std::vector<Sample> samples = read_samples(dir / "s.jsonl");
  REQUIRE(samples.size() == 2);
  // The server's kernel defines k, not add_custom: judged, and refused before compiling.
  CHECK(samples[0].source == "extern \"C\" void k() {}\n");
  CHECK(samples[0].extra["status"] == "parse_error");
  CHECK(samples[0].extra["reason"].get<std::string>().find("add_custom") != std::string::npos);
  CHECK(samples[0].extra["reasoning"] == "think ");
  CHECK(samples[0].extra["tokens_in"] == 11);
  CHECK(samples[0].extra["ttft_s"].get<double>() > 0);
}

TEST_CASE_FIXTURE(Fixture, "generator: every model of the pool needs a backend; options are checked") {
  router::Router router(pool({"a", "b"}), "round-robin");
  ScriptedModel m{[](const std::string&) { return std::string(); }};
  CHECK_THROWS_WITH_AS(Generator(router, {{"a", m.backend("a")}}, prompts, evaluator),
                       "generator: no backend for model 'b' of the pool", std::invalid_argument);
  CHECK_THROWS_AS(Generator(router, {{"a", m.backend("a")}, {"b", m.backend("b")}}, prompts, evaluator, {.samples = 0}),
                  std::invalid_argument);
}

}  // namespace
}  // namespace ascendgen
