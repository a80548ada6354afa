"""Generator pieces from Python: a Python function as a backend, replayed answers, extraction, and
the PromptBuilder's prompts."""

import threading

import pytest

import ascendgen


def test_a_python_function_is_a_backend() -> None:
    seen = []

    def model(request: ascendgen.GenerationRequest) -> list[str]:
        seen.append((request.prompt, request.n, threading.current_thread() is threading.main_thread()))
        return [f"answer {i} to {request.prompt}" for i in range(request.n)]

    backend = ascendgen.PythonBackend("echo", model)
    response = backend.generate(ascendgen.GenerationRequest("write relu", n=2))
    assert response.ok and backend.name == "echo"
    assert [c.text for c in response.choices] == ["answer 0 to write relu", "answer 1 to write relu"]
    assert seen == [("write relu", 2, True)]


def test_a_backend_may_return_a_full_response() -> None:
    def model(request: ascendgen.GenerationRequest) -> ascendgen.GenerationResponse:
        response = ascendgen.GenerationResponse()
        response.choices = [ascendgen.Completion("code", reasoning="thought", finish_reason="stop")]
        response.model, response.completion_tokens = "mine", 7
        return response

    response = ascendgen.PythonBackend("full", model).generate(ascendgen.GenerationRequest("p"))
    assert (response.model, response.completion_tokens, response.choices[0].reasoning) == ("mine", 7, "thought")


def test_a_failing_python_backend_is_a_recorded_error() -> None:
    def broken(request: ascendgen.GenerationRequest) -> str:
        raise ConnectionError("model server down")

    response = ascendgen.PythonBackend("broken", broken).generate(ascendgen.GenerationRequest("p"))
    assert not response.ok and "model server down" in response.error
    wrong = ascendgen.PythonBackend("wrong", lambda request: 42).generate(ascendgen.GenerationRequest("p"))
    assert not wrong.ok and "GenerationResponse" in wrong.error


def test_python_backends_run_from_threads_without_the_gil() -> None:
    backend = ascendgen.PythonBackend("echo", lambda request: request.prompt.upper())
    answers = {}

    def ask(prompt: str) -> None:
        answers[prompt] = backend.generate(ascendgen.GenerationRequest(prompt)).choices[0].text

    threads = [threading.Thread(target=ask, args=(f"p{i}",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {f"p{i}": f"P{i}" for i in range(8)}


def test_replay_backend_serves_recorded_answers_in_order() -> None:
    replay = ascendgen.ReplayBackend()
    replay.add("p", ascendgen.Completion("first"), prompt_tokens=3, completion_tokens=5)
    replay.add("p", ascendgen.Completion("second"))
    texts = [replay.generate(ascendgen.GenerationRequest("p")).choices[0].text for _ in range(2)]
    assert texts == ["first", "second"]
    assert not replay.generate(ascendgen.GenerationRequest("unknown")).ok


def test_extraction_follows_the_generator_rules() -> None:
    code = 'extern "C" __global__ __aicore__ void relu_custom(GM_ADDR x) {}'
    e = ascendgen.extract_candidate(f"<think>plan</think>\n```cpp\n{code}\n```\n", entry="relu_custom")
    assert e.ok and e.source.strip() == code and e.reasoning.strip() == "plan"
    none = ascendgen.extract_candidate("I cannot help with that.")
    assert not none.ok and none.error
    assert ascendgen.extract_source("no code at all") == ""


def test_prompts_show_the_task_and_the_hardware(level1: ascendgen.Suite) -> None:
    builder = ascendgen.PromptBuilder()
    builder.add_examples(level1)
    relu = level1["relu"]
    prompt = builder.build(relu, "rows_bf16")
    assert prompt.system and "relu_custom" in prompt.user
    assert str(ascendgen.load_soc("Ascend910B2").vector_cores) in prompt.user
    repair = builder.repair(prompt, "int x;", "compile_error", "kernel.cpp:1:1: error: boom")
    assert "boom" in repair.user
    with pytest.raises(KeyError):
        builder.build(relu, "no_such_case")
    assert builder.templates_dir == ascendgen.default_prompt_dir()


def _one_model_pool() -> "ascendgen.router.ModelPool":
    return ascendgen.router.parse_pool(
        """
models:
  - name: local
    parameters_b: 7
    endpoint: {base_url: "http://127.0.0.1:9/v1", model: local, api: chat}
    price_per_mtok: {input: 1, output: 2}
    deployment: {instances: 1, max_concurrency: 4, prefill_tokens_per_s: 1000, ttft_base_s: 0.1,
                 decode_ms_per_token: {1: 10}}
"""
    )


def test_a_generation_run_repairs_with_a_python_model_and_resumes(level1: ascendgen.Suite, tmp_path) -> None:
    relu = level1["relu"]
    good = relu.solution_source()
    wrong = good.replace("AscendC::Relu(", "AscendC::Abs(")
    prompts_seen = []

    def model(request: ascendgen.GenerationRequest) -> list[str]:
        # First answer wrong; the repair round (whose prompt carries the mismatch) gets the solution.
        prompts_seen.append(request.prompt)
        code = good if len(prompts_seen) > 1 else wrong
        return [f"<think>try {len(prompts_seen)}</think>\n```cpp\n{code}\n```"] * request.n

    pool = _one_model_pool()
    router = ascendgen.router.Router(pool, "flare")
    backends = {"local": ascendgen.PythonBackend("local", model)}
    evaluator = ascendgen.Evaluator(ascendgen.EvaluatorOptions(workers=1))
    generator = ascendgen.Generator(
        router, backends, ascendgen.PromptBuilder(), evaluator,
        ascendgen.GenerationOptions(samples=1, repair_rounds=1, concurrency=1),
    )
    progress = []
    samples = tmp_path / "samples.jsonl"
    summary = generator.run([relu], samples, progress=lambda done, total, status: progress.append((done, total)))
    assert (summary.candidates, summary.passed, summary.repaired, summary.attempts) == (1, 1, 1, 2)
    assert summary.by_model == {"local": 2}
    assert progress[0] == (0, 1) and progress[-1] == (1, 1)
    assert len(prompts_seen) == 2 and prompts_seen[1] != prompts_seen[0]

    final = ascendgen.read_jsonl(samples)[0]
    attempts = ascendgen.read_jsonl(ascendgen.attempts_path(samples))[0]
    assert len(final) == 1 and len(attempts) == 2
    assert [a["status"] for a in attempts] == ["wrong_answer", "pass"]
    assert final[0]["repair_round"] == 1 and final[0]["reasoning"].strip() == "try 2"

    resumed = generator.run([relu], samples)
    assert (resumed.candidates, resumed.skipped) == (0, 1) and len(prompts_seen) == 2


def test_a_generator_needs_a_backend_for_every_pool_model(level1: ascendgen.Suite) -> None:
    router = ascendgen.router.Router(_one_model_pool(), "flare")
    with pytest.raises(ValueError, match="local"):
        ascendgen.Generator(router, {}, ascendgen.PromptBuilder(), ascendgen.Evaluator())


def test_pool_backends_reach_each_model_over_http() -> None:
    backends = ascendgen.make_pool_backends(_one_model_pool(), ascendgen.HttpBackendOptions(max_retries=0))
    assert list(backends) == ["local"]
    backend = backends["local"]
    assert isinstance(backend, ascendgen.OpenAIBackend) and backend.endpoint.base_url == "http://127.0.0.1:9/v1"
    refused = backend.generate(ascendgen.GenerationRequest("p"))  # port 9 on loopback: nothing listens
    assert not refused.ok and refused.error


def test_a_raising_progress_callback_is_raised_after_the_run(level1: ascendgen.Suite, tmp_path) -> None:
    relu = level1["relu"]
    backend = ascendgen.PythonBackend("local", lambda request: [f"```cpp\n{relu.solution_source()}\n```"])
    generator = ascendgen.Generator(
        ascendgen.router.Router(_one_model_pool(), "flare"), {"local": backend}, ascendgen.PromptBuilder(),
        ascendgen.Evaluator(), ascendgen.GenerationOptions(samples=2),
    )

    def progress(done: int, total: int, status: str) -> None:
        raise RuntimeError("stop the bar")

    samples = tmp_path / "s.jsonl"
    with pytest.raises(RuntimeError, match="stop the bar"):
        generator.run([relu], samples, progress=progress)
    assert len(ascendgen.read_jsonl(samples)[0]) == 2
