"""The conformance report of scripts/conformance.sh: one row per source task of the benchmark.

    python3 conformance_report.py --tasks SRC --suite SUITE --import-log LOG --out DIR [--level N] [BENCH_DIR ...]

SRC is the benchmark's task tree, SUITE the imported suite (each task.yaml's first line names its
source directory), LOG the stderr of `ascendgen import npukernelbench` (one "ascendgen: import:
MESSAGE" line per task it could not import, MESSAGE naming a file of that task), and each BENCH_DIR
the output of one `ascendgen bench` over SUITE (records.jsonl). Writes DIR/report.md and
DIR/report.json and prints the totals. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

IMPORT_HEADER = "# Imported from NPUKernelBench: "
ERROR_PREFIX = "ascendgen: import: "


@dataclass
class Row:
    level: str
    category: str
    source: str                 # the task directory, relative to the task tree
    task: str = ""              # the imported task's name
    imported: bool = False
    has_answer: bool = False
    compiled: bool | None = None    # None: not benched (not imported, or no answer)
    passed: bool | None = None
    reason: str = ""            # why it stops where it stops
    path: Path = Path()         # the task directory as found under the tree given


def source_tasks(tasks: Path) -> dict[Path, Row]:
    rows = {}
    for csv_path in sorted(tasks.rglob("validation/test_cases.csv")):
        task_dir = csv_path.parent.parent
        rel = task_dir.relative_to(tasks)
        parts = rel.parts
        level = next((p for p in task_dir.parts if p.startswith("level")), "")
        rows[task_dir.resolve()] = Row(level=level, category=parts[-2] if len(parts) > 1 else "", source=str(rel),
                                       has_answer=any(task_dir.glob("answer/**/op_kernel")), path=task_dir)
    return rows


def read_imported(suite: Path, rows: dict[Path, Row]) -> dict[str, Row]:
    """Marks imported rows; returns them by imported task name."""
    by_name = {}
    for yaml in sorted(suite.glob("*/task.yaml")) if suite.is_dir() else []:
        first = yaml.read_text(errors="replace").split("\n", 1)[0]
        if not first.startswith(IMPORT_HEADER):
            continue
        row = rows.get(Path(first[len(IMPORT_HEADER):].strip()).resolve())
        if row:
            row.imported, row.task = True, yaml.parent.name
            by_name[row.task] = row
    return by_name


def read_import_errors(log: Path, rows: dict[Path, Row]) -> None:
    """The import error of each task that did not import: the message that starts with its directory
    (the importer names its files by the path it was given, as source_tasks found them)."""
    if not log.is_file():
        return
    prefixes = sorted(((str(row.path) + "/", row) for row in rows.values()), key=lambda item: -len(item[0]))
    for line in log.read_text(errors="replace").splitlines():
        if not line.startswith(ERROR_PREFIX):
            continue
        message = line[len(ERROR_PREFIX):]
        for prefix, row in prefixes:
            if message.startswith(prefix) and not row.imported and not row.reason:
                row.reason = message[len(prefix):]
                break


def first_problem(record: dict) -> str:
    """The first compiler error, else the first case that did not pass."""
    for d in record.get("diagnostics") or []:
        if d.get("severity") == "error":
            return f"{d.get('file')}:{d.get('line')}: {d.get('message')}"
    for c in record.get("cases") or []:
        if c.get("status") != "pass":
            kind = f" {c['error_kind']}" if c.get("error_kind") else ""
            return f"case {c.get('id')}: {c.get('status')}{kind}: {c.get('message', '')}".rstrip(": ")
    return record.get("status", "")


def read_bench(bench_dir: Path, by_name: dict[str, Row]) -> None:
    records = bench_dir / "records.jsonl"
    for line in records.read_text().splitlines() if records.is_file() else []:
        record = json.loads(line)
        row = by_name.get(record.get("task"))
        if row is None:
            continue
        row.compiled, row.passed = bool(record.get("compiled")), bool(record.get("correct"))
        if not row.passed:
            row.reason = f"{record.get('status')}: {first_problem(record)}"


def cell(text: str, width: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 3] + "..."


def mark(value: bool | None) -> str:
    return "-" if value is None else "yes" if value else "no"


def totals(rows: list[Row]) -> dict:
    answers = [r for r in rows if r.has_answer]
    return {"tasks": len(rows), "imported": sum(r.imported for r in rows), "answers": len(answers),
            "answers_imported": sum(r.imported for r in answers),
            "compiled": sum(bool(r.compiled) for r in answers), "passed": sum(bool(r.passed) for r in answers)}


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def write_report(rows: list[Row], out: Path, tasks: Path) -> dict:
    by_level = {level: totals([r for r in rows if r.level == level]) for level in sorted({r.level for r in rows})}
    total = totals(rows)
    lines = [f"# Conformance: {tasks}", "",
             "| level | tasks | imported | answers | compiled | passed every case |", "|---|---|---|---|---|---|"]
    for name, t in list(by_level.items()) + [("all", total)]:
        lines.append(f"| {name} | {t['tasks']} | {t['imported']} | {t['answers']} | "
                     f"{t['compiled']} ({percent(t['compiled'], t['answers'])}) | "
                     f"{t['passed']} ({percent(t['passed'], t['answers'])}) |")
    lines += ["", "| level | category | source task | task | imported | answer | compiled | passed | reason or first diagnostic |",
              "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r.level} | {r.category} | {r.source} | {r.task or '-'} | {mark(r.imported)} | "
                     f"{mark(r.has_answer)} | {mark(r.compiled)} | {mark(r.passed)} | {cell(r.reason)} |")
    (out / "report.md").write_text("\n".join(lines) + "\n")
    tasks_json = [{k: v for k, v in asdict(r).items() if k != "path"} for r in rows]
    (out / "report.json").write_text(json.dumps({"totals": total, "levels": by_level, "tasks": tasks_json},
                                                indent=1) + "\n")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=Path, required=True, help="the benchmark's task tree")
    parser.add_argument("--suite", type=Path, required=True, help="the imported suite")
    parser.add_argument("--import-log", type=Path, required=True, help="stderr of the import command")
    parser.add_argument("--out", type=Path, required=True, help="where report.md and report.json go")
    parser.add_argument("--level", type=int, choices=(1, 2, 3), help="only the tasks of this level")
    parser.add_argument("bench", type=Path, nargs="*", help="output directories of `ascendgen bench`")
    args = parser.parse_args(argv)
    rows = {path: row for path, row in source_tasks(args.tasks).items()
            if args.level is None or row.level == f"level{args.level}"}
    if not rows:
        print(f"conformance: {args.tasks}: no task directories (validation/test_cases.csv)", file=sys.stderr)
        return 2
    by_name = read_imported(args.suite, rows)
    read_import_errors(args.import_log, rows)
    for bench_dir in args.bench:
        read_bench(bench_dir, by_name)
    for row in rows.values():
        if not row.reason and not row.imported:
            row.reason = "not imported (no error line in the import log)"
        elif not row.reason and row.imported and not row.has_answer:
            row.reason = "no reference answer in the benchmark"
        elif not row.reason and row.has_answer and row.passed is None:
            row.reason = "not benched"
    args.out.mkdir(parents=True, exist_ok=True)
    t = write_report(sorted(rows.values(), key=lambda r: (r.level, r.category, r.source)), args.out, args.tasks)
    print(f"conformance: {t['imported']}/{t['tasks']} tasks imported; of {t['answers']} answers "
          f"{t['compiled']} compiled ({percent(t['compiled'], t['answers'])}) and {t['passed']} passed every case "
          f"({percent(t['passed'], t['answers'])}); report: {args.out / 'report.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
