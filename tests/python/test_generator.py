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
