"""SFT and DPO export from evaluated records, and loading them back."""

import json
import pathlib

import pytest

import ascendgen

RECORDS = [
    {"task": "relu", "prompt": "P1", "source": "fast", "reasoning": "why", "status": "pass", "predicted_us": 2.0},
    {"task": "relu", "prompt": "P1", "source": "slow", "status": "pass", "predicted_us": 5.0},
    {"task": "relu", "prompt": "P1", "source": "close", "status": "pass", "predicted_us": 2.05},
    {"task": "relu", "prompt": "P1", "source": "broken", "outcome": {"status": "compile_error"}},
    {"task": "add", "prompt": "P2", "kernel": "bad", "outcome": "wrong_answer"},
]


def test_sft_keeps_the_passing_answers_as_chats(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "sft.jsonl"
    assert ascendgen.export_sft(RECORDS, path) == 3
    examples = ascendgen.load_sft(path)
    first = examples[0]
    assert first["task"] == "relu"
    assert first["messages"][0] == {"role": "user", "content": "P1"}
    assert first["messages"][1]["role"] == "assistant"
    assert first["messages"][1]["content"] == "<think>\nwhy\n</think>\n\n```cpp\nfast\n```\n"
    assert examples[1]["messages"][1]["content"] == "```cpp\nslow\n```\n"
    assert ascendgen.extract_source(first["messages"][1]["content"]) == "fast\n"
    assert ascendgen.export_sft(RECORDS, path, passed_only=False) == 5


def test_dpo_prefers_the_fastest_pass(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "dpo.jsonl"
    assert ascendgen.export_dpo(RECORDS, path) == 2
    pairs = ascendgen.load_dpo(path)
    assert {p["rejected"].split("\n")[1] for p in pairs} == {"slow", "broken"}
    assert all(p["chosen"].endswith("```cpp\nfast\n```\n") and p["prompt"] == "P1" for p in pairs)


def test_records_from_samples_and_results() -> None:
    sample = ascendgen.Sample("relu", "src", sample=2, extra={"prompt": "P"})
    result = ascendgen.EvalResult()
    result.status, result.predicted_us = "pass", 3.0
    record = ascendgen.dataset.record_of(sample, result)
    assert record == {"task": "relu", "sample": 2, "source": "src", "prompt": "P", "status": "pass", "predicted_us": 3.0}


def test_bad_input_names_the_record_or_line(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "out.jsonl"
    with pytest.raises(ValueError, match="record 1: no 'prompt'"):
        ascendgen.export_sft([RECORDS[0], {"source": "x", "status": "pass"}], path)
    assert not path.exists()
    with pytest.raises(ValueError, match="record 0: a passing record needs a positive 'predicted_us'"):
        ascendgen.export_dpo([{"prompt": "p", "source": "x", "status": "pass"}], path)
    path.write_text(json.dumps({"prompt": "p", "chosen": "c"}) + "\n")
    with pytest.raises(ascendgen.RecordError, match=rf"{path}:1: missing string field\(s\) rejected"):
        ascendgen.load_dpo(path)
    path.write_text(json.dumps({"messages": [{"role": "user"}]}) + "\n")
    with pytest.raises(ascendgen.RecordError, match=":1: each message"):
        ascendgen.load_sft(path)
