"""The RL reward API: evaluate_batch's shaping by stage and speedup, and the TRL reward function."""

import math

import pytest

import ascendgen


def test_shaping_orders_the_stages_and_rewards_speed() -> None:
    shaping = ascendgen.RewardShaping()
    stages = ["parse_error", "compile_error", "runtime_error", "wrong_answer"]
    rewards = [shaping(_result(status), None) for status in stages]
    assert rewards == sorted(rewards) and len(set(rewards)) == 4
    passed = _result("pass")
    assert shaping(passed, None) == shaping.correct == 1.0
    assert shaping(passed, 2.0) == pytest.approx(1.5)
    assert shaping(passed, 0.5) == pytest.approx(0.5)
    assert shaping(passed, 1e6) == pytest.approx(1.0 + 0.5 * 2.0)
    assert shaping(passed, 1e-6) == pytest.approx(shaping.slowest_pass) and shaping.slowest_pass > rewards[-1]


def test_shaping_that_pays_failures_more_than_passes_is_refused() -> None:
    with pytest.raises(ValueError, match="must not decrease"):
        ascendgen.RewardShaping(wrong_answer=0.9)


def _result(status: str) -> ascendgen.EvalResult:
    result = ascendgen.EvalResult()
    result.status = status
    result.correct = status == "pass"
    return result


def test_evaluate_batch_scores_each_stage(batch: ascendgen.BatchEvaluator, relu: ascendgen.Task, wrong_relu: str) -> None:
    sources = [
        "The kernel would be simple.",
        relu.solution_source().replace("AscendC::Relu(", "AscendC::NoSuchRelu("),
        wrong_relu,
        relu.solution_source(),
        relu.baseline_source(),
    ]
    scored = ascendgen.evaluate_batch(relu, sources, evaluator=batch)
    assert [s.result.status for s in scored] == ["parse_error", "compile_error", "wrong_answer", "pass", "pass"]
    assert [s.reward for s in scored[:3]] == [0.0, 0.1, 0.3]
    solution, baseline = scored[3], scored[4]
    assert baseline.speedup == pytest.approx(1.0) and baseline.reward == pytest.approx(1.0)
    assert solution.speedup == pytest.approx(baseline.result.predicted_us / solution.result.predicted_us)
    assert solution.speedup > 1
    assert solution.reward == pytest.approx(1.0 + 0.5 * min(math.log2(solution.speedup), 2.0))


def test_evaluate_batch_takes_one_task_per_source(batch: ascendgen.BatchEvaluator, level1: ascendgen.Suite) -> None:
    tasks = [level1["relu"], level1["add"]]
    scored = batch.evaluate(tasks, [t.solution_source() for t in tasks])
    assert [(s.result.task, s.result.status) for s in scored] == [("relu", "pass"), ("add", "pass")]
    with pytest.raises(ValueError, match="2 tasks for 1 sources"):
        batch.evaluate(tasks, ["x"])
    with pytest.raises(TypeError):
        batch.evaluate(tasks[0], "one string")


def test_the_shared_evaluator_is_reused() -> None:
    assert ascendgen.reward.shared_evaluator(2) is ascendgen.reward.shared_evaluator(2)
    assert ascendgen.reward.shared_evaluator(2).evaluator.options.workers == 2


def test_extract_source_prefers_the_block_defining_the_entry() -> None:
    kernel = 'extern "C" __global__ __aicore__ void relu_custom(GM_ADDR x) {}'
    answer = f"<think>```cpp\nnot this\n```</think>\n```cpp\n{kernel}\n```\n```cpp\nint helper;\n```\n"
    assert ascendgen.extract_source(answer, "relu_custom").strip() == kernel
    files = "```cpp\n// === FILE: op_host/a.cpp ===\nint a;\n```\ntext\n```cpp\n// === FILE: op_kernel/a.cpp ===\nint b;\n```"
    assert ascendgen.split_operator_source(ascendgen.extract_source(files)) == [
        ("op_host/a.cpp", "int a;\n"),
        ("op_kernel/a.cpp", "int b;\n"),
    ]
    assert ascendgen.extract_source("<think>still thinking") == ""


def test_grpo_reward_has_trls_signature(batch: ascendgen.BatchEvaluator, level1: ascendgen.Suite, wrong_relu: str) -> None:
    reward = ascendgen.make_grpo_reward(level1, evaluator=batch)
    relu, add = level1["relu"], level1["add"]
    completions = [
        [{"role": "assistant", "content": f"```cpp\n{relu.solution_source()}```"}],
        [{"role": "assistant", "content": f"<think>hmm</think>```cpp\n{wrong_relu}```"}],
        [{"role": "assistant", "content": "no code, sorry"}],
        [{"role": "assistant", "content": f"```cpp\n{add.baseline_source()}```"}],
    ]
    rewards = reward(
        prompts=["p"] * 4, completions=completions, task=["relu", "relu", "relu", "add"], completion_ids=[[1]] * 4
    )
    assert all(isinstance(r, float) for r in rewards)
    assert rewards[0] > 1.0 and rewards[1:] == [0.3, 0.0, 1.0]
    assert [s.result.status for s in reward.last_scored] == ["pass", "wrong_answer", "parse_error", "pass"]
    one_task = ascendgen.make_grpo_reward(relu, evaluator=batch)
    assert one_task(["p"], [f"```cpp\n{wrong_relu}```"]) == [0.3]
    with pytest.raises(KeyError, match="'task' column"):
        reward(["p"], ["x"])
