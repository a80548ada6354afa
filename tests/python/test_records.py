"""JSONL records from Python: crash-safe appends, cut-off lines, errors naming FILE:LINE."""

import pathlib

import pytest

import ascendgen


def test_writer_and_reader_round_trip(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "records.jsonl"
    records = [{"task": "relu", "n": 1, "nested": {"x": [1.5, None, True]}}, {"task": "add", "text": "é\n"}]
    with ascendgen.JsonlWriter(path, append=False) as writer:
        for record in records:
            writer.write(record)
    assert ascendgen.read_jsonl(path) == (records, [1, 2], 0)


def test_a_cut_off_last_line_is_reported_and_repaired_by_append(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text('{"a": 1}\n{"a": 2')
    assert ascendgen.read_jsonl(path) == ([{"a": 1}], [1], 2)
    ascendgen.JsonlWriter(path).write({"a": 3})
    assert ascendgen.read_jsonl(path)[0] == [{"a": 1}, {"a": 3}]


def test_non_json_values_are_refused(tmp_path: pathlib.Path) -> None:
    writer = ascendgen.JsonlWriter(tmp_path / "r.jsonl", append=False)
    with pytest.raises(ValueError):
        writer.write({"x": float("nan")})


def test_samples_keep_extra_fields(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "samples.jsonl"
    path.write_text('{"task": "relu", "sample": 3, "source": "int x;", "model": "m", "prompt": "p"}\n')
    (sample,) = ascendgen.read_samples(path)
    assert (sample.task, sample.sample, sample.source) == ("relu", 3, "int x;")
    assert sample.extra == {"model": "m", "prompt": "p"}
    assert sample.to_dict() == {"task": "relu", "sample": 3, "source": "int x;", "model": "m", "prompt": "p"}
    made = ascendgen.Sample("add", "int y;", sample=1, extra={"k": [1]})
    assert made.to_dict() == {"task": "add", "sample": 1, "source": "int y;", "k": [1]}


def test_bad_sample_is_a_record_error_naming_file_line_and_field(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "samples.jsonl"
    path.write_text('{"task": "relu", "source": "a"}\n{"task": "relu"}\n')
    with pytest.raises(ascendgen.RecordError, match=rf"{path}:2: .*source") as caught:
        ascendgen.read_samples(path)
    assert isinstance(caught.value, ValueError)


def test_write_file_atomic_replaces_the_file(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "report.md"
    path.write_text("old")
    ascendgen.write_file_atomic(path, "new")
    assert path.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    with pytest.raises(RuntimeError, match="no_dir"):
        ascendgen.write_file_atomic(tmp_path / "no_dir" / "x", "y")
