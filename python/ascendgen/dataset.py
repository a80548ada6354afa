"""Training data from evaluated generations: chat-format JSONL for supervised fine-tuning and
preference pairs for DPO, and loading them back.

An input record is a dict (a line of the Generator's records, or a samples file line with its
evaluation merged in) with ``prompt`` and ``source`` (or ``kernel``), and optionally ``task``,
``reasoning``, ``status`` (or ``outcome``: a status string or a dict holding ``status``) and
``predicted_us``. :func:`record_of` builds one from a Sample and its EvalResult.

SFT line:  {"task": T, "messages": [{"role": "user", "content": PROMPT},
                                    {"role": "assistant", "content": "<think>\\nREASONING\\n</think>\\n\\n```cpp\\nKERNEL```\\n"}]}
           (no <think> section when the record has no reasoning)
DPO line:  {"task": T, "prompt": PROMPT, "chosen": ANSWER, "rejected": ANSWER}
           (TRL's standard preference format; answers written as the SFT assistant message)

Files are written whole and atomically: an error leaves no half-written file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any

from ascendgen._core import EvalResult, RecordError, Sample, read_jsonl, write_file_atomic

Record = Mapping[str, Any]


def record_of(sample: Sample, result: EvalResult) -> dict[str, Any]:
    """A sample (its extra fields: prompt, reasoning, model, ...) merged with its evaluation."""
    record = sample.to_dict()
    record.update(status=result.status, predicted_us=result.predicted_us)
    return record


def answer_text(kernel: str, reasoning: str = "") -> str:
    """The assistant message for a kernel: the reasoning in <think>, then the code in a cpp fence."""
    think = f"<think>\n{reasoning.strip()}\n</think>\n\n" if reasoning.strip() else ""
    return f"{think}```cpp\n{kernel.rstrip()}\n```\n"


def _status(record: Record) -> str:
    outcome = record.get("status", record.get("outcome", ""))
    return outcome.get("status", "") if isinstance(outcome, Mapping) else str(outcome)


def _field(record: Record, index: int, *names: str) -> str:
    for name in names:
        if isinstance(record.get(name), str):
            return record[name]
    raise ValueError(f"record {index}: no {' or '.join(repr(n) for n in names)} string field")


def _write_jsonl(path: str | PathLike[str], lines: list[dict[str, Any]]) -> int:
    write_file_atomic(path, "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return len(lines)


def export_sft(records: Iterable[Record], path: str | PathLike[str], *, passed_only: bool = True) -> int:
    """Writes one chat example per record (only those whose status is 'pass' unless
    ``passed_only`` is False); returns how many. ValueError names a record without prompt/source."""
    lines = []
    for index, record in enumerate(records):
        if passed_only and _status(record) != "pass":
            continue
        prompt = _field(record, index, "prompt")
        answer = answer_text(_field(record, index, "source", "kernel"), record.get("reasoning") or "")
        messages = [{"role": "user", "content": prompt}, {"role": "assistant", "content": answer}]
        lines.append({"task": record.get("task", ""), "messages": messages})
    return _write_jsonl(path, lines)


def export_dpo(records: Iterable[Record], path: str | PathLike[str], *, min_speedup: float = 1.05) -> int:
    """Writes preference pairs; returns how many. Records are grouped by (task, prompt); in each
    group the fastest passing candidate (least predicted_us) is chosen against every failing one
    and every passing one at least ``min_speedup`` times slower. Groups without a pass give none."""
    groups: dict[tuple[str, str], list[tuple[Record, int]]] = defaultdict(list)
    for index, record in enumerate(records):
        groups[(record.get("task", ""), _field(record, index, "prompt"))].append((record, index))
    lines = []
    for (task, prompt), members in groups.items():
        passed = [(r, i) for r, i in members if _status(r) == "pass"]
        if not passed:
            continue
        best, best_index = min(passed, key=lambda m: _time(m[0], m[1]))
        chosen = answer_text(_field(best, best_index, "source", "kernel"), best.get("reasoning") or "")
        for record, index in members:
            slower = _status(record) == "pass" and _time(record, index) >= min_speedup * _time(best, best_index)
            if _status(record) != "pass" or slower:
                rejected = answer_text(_field(record, index, "source", "kernel"), record.get("reasoning") or "")
                lines.append({"task": task, "prompt": prompt, "chosen": chosen, "rejected": rejected})
    return _write_jsonl(path, lines)


def _time(record: Record, index: int) -> float:
    value = record.get("predicted_us")
    if not isinstance(value, (int, float)) or value <= 0:
        raise ValueError(f"record {index}: a passing record needs a positive 'predicted_us' to be ranked")
    return float(value)


def _load(path: str | PathLike[str], check: Any) -> list[dict[str, Any]]:
    records, lines, truncated = read_jsonl(path)
    if truncated:
        raise RecordError(f"{path}:{truncated}: the last line is cut off")
    for record, line in zip(records, lines):
        problem = check(record)
        if problem:
            raise RecordError(f"{path}:{line}: {problem}")
    return records


def _sft_problem(record: dict[str, Any]) -> str:
    messages = record.get("messages")
    if not isinstance(messages, list) or not messages:
        return "'messages' must be a non-empty list"
    for message in messages:
        if not isinstance(message, dict) or not isinstance(message.get("role"), str) or not isinstance(message.get("content"), str):
            return "each message needs 'role' and 'content' strings"
    return ""


def _dpo_problem(record: dict[str, Any]) -> str:
    missing = [k for k in ("prompt", "chosen", "rejected") if not isinstance(record.get(k), str)]
    return f"missing string field(s) {', '.join(missing)}" if missing else ""


def load_sft(path: str | PathLike[str]) -> list[dict[str, Any]]:
    """The examples of an SFT file; RecordError names FILE:LINE of a malformed one."""
    return _load(path, _sft_problem)


def load_dpo(path: str | PathLike[str]) -> list[dict[str, Any]]:
    """The pairs of a DPO file; RecordError names FILE:LINE of a malformed one."""
    return _load(path, _dpo_problem)
