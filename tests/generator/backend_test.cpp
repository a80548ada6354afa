// The local backends: a function, and recorded answers.
#include <doctest/doctest.h>
#include <unistd.h>

#include <stdexcept>

#include "ascendgen/generator/backend.h"
#include "ascendgen/generator/replay_backend.h"
#include "ascendgen/task/records.h"

namespace ascendgen {
namespace {

TEST_CASE("callable_backend: the function's answer, and its exceptions as errors") {
  CallableBackend echo("echo", [](const GenerationRequest& r) {
    GenerationResponse out;
    for (int i = 0; i < r.n; ++i) out.choices.push_back({r.prompt + std::to_string(i), "", "stop"});
    return out;
  });
  const GenerationResponse r = echo.generate({.prompt = "p", .n = 2});
  REQUIRE(r.ok());
  CHECK(r.choices[1].text == "p1");
  CHECK(r.model == "echo");
  CHECK(r.attempts == 1);

  CallableBackend broken("broken", [](const GenerationRequest&) -> GenerationResponse {
    throw std::runtime_error("no GPU");
  });
  CHECK(broken.generate({}).error == "broken: no GPU");
  CallableBackend empty("empty", [](const GenerationRequest&) { return GenerationResponse{}; });
  CHECK(empty.generate({}).error == "empty: the backend returned no completion");
}

TEST_CASE("replay_backend: recorded answers per prompt, in order, each once") {
  ReplayBackend replay("m");
  replay.add("p", {"a0", "r0", "stop"}, 10, 5, 1.5);
  replay.add("p", {"a1", "", "stop"}, 10, 6, 0.5);
  const GenerationResponse first = replay.generate({.prompt = "p", .n = 1});
  REQUIRE(first.ok());
  CHECK(first.choices[0].text == "a0");
  CHECK(first.choices[0].reasoning == "r0");
  CHECK(first.completion_tokens == 5);
  CHECK(first.latency_s == 1.5);
  const GenerationResponse rest = replay.generate({.prompt = "p", .n = 3});
  REQUIRE(rest.choices.size() == 1);
  CHECK(rest.choices[0].text == "a1");
  CHECK(replay.generate({.prompt = "p"}).error.find("all 2 recorded responses") != std::string::npos);
  CHECK(replay.generate({.prompt = "q"}).error == "m: no recorded response for this prompt");
}

TEST_CASE("replay_backend: loads a Generator records file, by model") {
  const auto path = std::filesystem::temp_directory_path() / ("ascendgen-replay-test-" + std::to_string(::getpid()) + ".jsonl");
  {
    JsonlWriter w(path, false);
    w.write({{"task", "add"}, {"model", "a"}, {"prompt", "p"}, {"response", "from a"}, {"tokens_out", 3}});
    w.write({{"task", "add"}, {"model", "b"}, {"prompt", "p"}, {"response", "from b"}});
  }
  ReplayBackend replay("b");
  CHECK(replay.load_records(path, "b") == 1);
  CHECK(replay.generate({.prompt = "p"}).choices.at(0).text == "from b");
  {
    JsonlWriter w(path, false);
    w.write({{"task", "add"}, {"prompt", "p"}});
  }
  CHECK_THROWS_WITH_AS(replay.load_records(path), doctest::Contains(":1: a replay record needs 'prompt' and 'response'"),
                       RecordError);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ascendgen
