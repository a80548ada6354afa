"""Tasks and suites from Python: the same objects the C++ library loads, errors that name the field."""

import pathlib
import pickle

import pytest

import ascendgen

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_suite_is_a_sorted_collection_of_tasks(level1: ascendgen.Suite) -> None:
    names = [t.name for t in level1]
    assert names == sorted(p.parent.name for p in (ROOT / "suites" / "level1").glob("*/task.yaml"))
    assert len(level1) == len(names)
    assert level1["relu"].name == "relu"
    assert [t.name for t in level1.filter(category="activation")] == [
        t.name for t in level1 if t.category == "activation"
    ]


def test_unknown_task_and_case_are_key_errors(level1: ascendgen.Suite, relu: ascendgen.Task) -> None:
    with pytest.raises(KeyError, match="no_such_task"):
        level1.find("no_such_task")
    with pytest.raises(KeyError, match="no_such_case"):
        relu.find_case("no_such_case")


def test_task_fields_match_task_yaml(relu: ascendgen.Task) -> None:
    assert (relu.level, relu.category) == (1, "activation")
    assert relu.kernel.entry == "relu_custom"
    assert relu.kernel.params == ["x", "y", "tiling"]
    case = relu.find_case("rows_bf16")
    assert [(t.name, t.dtype, t.shape) for t in case.inputs] == [("x", "bfloat16", [37, 515])]
    assert case.inputs[0].distribution.kind == "normal"
    assert case.tiling == [37 * 515]
    assert case.dtype_macros == {"DTYPE_X": "bfloat16_t", "DTYPE_Y": "bfloat16_t"}
    assert relu.tolerance_for("bfloat16").atol == pytest.approx(0.008)
    assert relu.tolerance_for("int32").atol == 0
    assert "def reference" in relu.reference_source
    assert relu.solution_source() == (relu.dir / "solution.cpp").read_text()
    assert relu.dir == ROOT / "suites" / "level1" / "relu"


def test_bad_dtype_name_is_a_value_error(relu: ascendgen.Task) -> None:
    with pytest.raises(ValueError, match="unknown dtype 'half'"):
        relu.tolerance_for("half")


def test_task_error_names_file_line_and_field(tmp_path: pathlib.Path, relu: ascendgen.Task) -> None:
    broken = tmp_path / "relu"
    broken.mkdir()
    text = (relu.dir / "task.yaml").read_text().replace("level: 1", "level: 7")
    (broken / "task.yaml").write_text(text)
    with pytest.raises(ascendgen.TaskError) as caught:
        ascendgen.Task.load(broken)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == "level"
    assert error.line == 2
    assert pathlib.Path(error.file) == broken / "task.yaml"
    assert str(error).startswith(f"{broken / 'task.yaml'}:2: level")


def test_tasks_pickle_as_their_directory(relu: ascendgen.Task) -> None:
    copy = pickle.loads(pickle.dumps(relu))
    assert (copy.name, copy.dir, len(copy.cases)) == (relu.name, relu.dir, len(relu.cases))


def test_operator_sources_split_into_files() -> None:
    source = "// === FILE: op_host/a.cpp ===\nint a;\n// === FILE: op_kernel/a.cpp ===\nint b;\n"
    assert ascendgen.is_operator_source(source)
    assert ascendgen.split_operator_source(source) == [("op_host/a.cpp", "int a;\n"), ("op_kernel/a.cpp", "int b;\n")]
    assert not ascendgen.is_operator_source("int a;\n")
