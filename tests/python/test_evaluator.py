"""The Evaluator from Python: statuses, per-case errors, predicted time and profile, tensors."""

import pathlib
import pickle

import numpy as np
import pytest
import torch

import ascendgen


@pytest.fixture(scope="module")
def evaluator() -> ascendgen.Evaluator:
    return ascendgen.Evaluator(ascendgen.EvaluatorOptions(workers=2))


def test_the_reference_solution_passes_with_a_predicted_time(evaluator: ascendgen.Evaluator, relu: ascendgen.Task) -> None:
    result = evaluator.evaluate(relu, relu.solution_source())
    assert (result.status, result.compiled, result.correct) == ("pass", True, True)
    assert [c.id for c in result.cases] == [c.id for c in relu.cases]
    case = result.cases[0]
    assert case.status == "pass" and case.message == "" and case.comparison.passed
    assert case.predicted_us > 0
    assert case.profile["predicted_us"] == pytest.approx(case.predicted_us)
    assert case.profile["bound"]
    assert len(case.cores) == relu.kernel.block_dim
    assert sum(core.api_calls.get("Relu", 0) for core in case.cores) > 0
    assert result.predicted_us == pytest.approx(np.mean([c.predicted_us for c in result.cases]))
    as_json = result.to_dict()
    assert as_json["status"] == "pass" and as_json["cases"][0]["id"] == case.id


def test_a_wrong_kernel_reports_each_case(evaluator: ascendgen.Evaluator, relu: ascendgen.Task, wrong_relu: str) -> None:
    result = evaluator.evaluate(relu, wrong_relu, "small_fp16")
    assert result.status == "wrong_answer" and result.compiled and not result.correct
    (case,) = result.cases
    assert case.status == "wrong_answer" and case.comparison.mismatches > 0
    assert case.comparison.max_abs_err > 0 and case.message


def test_candidate_faults_are_results_not_exceptions(evaluator: ascendgen.Evaluator, relu: ascendgen.Task) -> None:
    results = evaluator.evaluate_many([(relu, "prose"), (relu, "extern \"C\" void relu_custom() { int x = ; }")])
    assert [r.status for r in results] == ["parse_error", "compile_error"]
    assert results[1].diagnostics[0].category == "syntax"
    with pytest.raises(KeyError, match="nope"):
        evaluator.evaluate(relu, relu.solution_source(), "nope")


def test_evaluate_many_reports_progress(evaluator: ascendgen.Evaluator, relu: ascendgen.Task) -> None:
    seen = []
    evaluator.evaluate_many([(relu, "a"), (relu, "b"), (relu, "c")], lambda done, total: seen.append((done, total)))
    assert sorted(seen) == [(1, 3), (2, 3), (3, 3)]


def test_results_survive_pickling(evaluator: ascendgen.Evaluator, relu: ascendgen.Task) -> None:
    result = evaluator.evaluate(relu, relu.solution_source(), "small_fp16")
    copy = pickle.loads(pickle.dumps(result))
    assert copy.to_dict() == result.to_dict()
    assert copy.cases[0].profile == result.cases[0].profile
    assert copy.cases[0].cores[0].api_calls == result.cases[0].cores[0].api_calls


def test_case_tensors_are_the_seeded_inputs_and_the_reference(level1: ascendgen.Suite) -> None:
    add = level1["add"]
    inputs, expected = ascendgen.case_tensors(add, "small_fp16")
    assert inputs["x"].dtype == np.float16 and inputs["x"].shape == (1024,)
    np.testing.assert_array_equal(expected["z"], inputs["x"] + inputs["y"])
    again, _ = ascendgen.case_tensors(add, add.find_case("small_fp16"), as_torch=True)
    assert torch.equal(again["x"], torch.from_numpy(inputs["x"]))


def test_bfloat16_crosses_as_torch_bfloat16(relu: ascendgen.Task) -> None:
    inputs, expected = ascendgen.case_tensors(relu, "rows_bf16", as_torch=True)
    assert inputs["x"].dtype == torch.bfloat16 and tuple(inputs["x"].shape) == (37, 515)
    assert torch.equal(expected["y"], torch.relu(inputs["x"].float()).bfloat16())
    back = ascendgen.from_torch(inputs["x"], name="x")
    assert (back.dtype, back.shape) == ("bfloat16", [37, 515])
    assert torch.equal(ascendgen.to_torch(back), inputs["x"])


def test_compare_applies_the_tolerance_rule() -> None:
    ref = ascendgen.HostTensor.from_numpy(np.array([1.0, 2.0, 3.0], dtype=np.float32))
    out = ascendgen.HostTensor.from_numpy(np.array([1.0, 2.5, 3.0005], dtype=np.float32))
    verdict = ascendgen.compare(out, ref, ascendgen.Tolerance(atol=1e-3, rtol=1e-3))
    assert (verdict.passed, verdict.mismatches, verdict.first_mismatch) == (False, 1, 1)
    assert verdict.max_abs_err == pytest.approx(0.5)
    with pytest.raises(ValueError, match="complex128"):  # no task dtype holds it (float64 and complex64 do)
        ascendgen.HostTensor.from_numpy(np.zeros(3, dtype=np.complex128))


def test_default_options_write_nothing_beside_the_caller(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, relu: ascendgen.Task
) -> None:
    options = ascendgen.EvaluatorOptions()
    assert (options.trace_dir, options.reference_cache_dir, ascendgen.CompilerOptions().cache_dir) == (None, None, None)
    monkeypatch.chdir(tmp_path)
    ascendgen.Evaluator(options).evaluate(relu, relu.solution_source(), "small_fp16")
    assert list(tmp_path.iterdir()) == []


def test_traces_go_where_asked(tmp_path: pathlib.Path, relu: ascendgen.Task) -> None:
    evaluator = ascendgen.Evaluator(ascendgen.EvaluatorOptions(trace_dir=tmp_path))
    assert evaluator.options.trace_dir == tmp_path
    evaluator.evaluate(relu, relu.solution_source(), "small_fp16")
    assert [p.name for p in tmp_path.iterdir()] == ["relu.small_fp16.trace.json"]
