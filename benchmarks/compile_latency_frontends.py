#!/usr/bin/env python3
"""Which candidate compiler accepts more real Ascend C: g++ or clang++, with and without the
bisheng dialect mapping (docs/compiler.md, "Why clang: the measurement").

For every NPUKernelBench answer (answer/0/op_host, op_kernel) it writes the units the Compiler
builds (src/compiler/operator_build.cpp: the kernel unit = tiling headers + op_kernel/<op>.cpp;
one unit per op_host/*.cpp) and runs each front end with -fsyntax-only on each, counting answers
whose every unit is accepted and printing the first error of the others.

Usage: compile_latency_frontends.py NKB_TASKS_DIR [--jobs N] [--show-errors FRONT_END]
The dialect mapping is the Compiler's (src/compiler/dialect.cpp, docs/compiler.md), restated here
because the script drives the compilers directly: bisheng attribute lists ([aicore],
[host, aicore]) become blanks of the same length, `name<<<cfg>>>(args)` becomes
`ASCENDGEN_HOST_LAUNCH(name)(args)`, and kernel/dialect.h (included by kernel_operator.h) maps
__forceinline__. Needs g++ and clang++ on PATH.
"""
import argparse
import concurrent.futures as futures
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
INCLUDE = ROOT / "include" / "ascendgen" / "ascendc"

LAUNCH = re.compile(r"\b([A-Za-z_]\w*)\s*<<<[^;]*?>>>\s*\(")
ATTRIBUTES = re.compile(r"\[\s*(?:aicore|host)(?:\s*,\s*(?:aicore|host))*\s*\]")


def rewrite(text: str) -> str:
    text = ATTRIBUTES.sub(lambda m: " " * len(m.group(0)), text)
    return LAUNCH.sub(lambda m: f"ASCENDGEN_HOST_LAUNCH({m.group(1)})(", text)


def units(answer: pathlib.Path, out: pathlib.Path, dialect: bool):
    files = [p for p in answer.rglob("*") if p.is_file() and p.suffix in (".cpp", ".h", ".cc", ".hpp")]
    for p in files:
        rel = p.relative_to(answer)
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        text = p.read_text(errors="replace")
        (out / rel).write_text(rewrite(text) if dialect else text)
    kernels = sorted(p for p in files if p.parent.name == "op_kernel" and p.suffix == ".cpp")
    if len(kernels) != 1:
        return None
    unit = "#define ASCENDGEN_TILING_KERNEL_SIDE 1\n#define optiling ascendgen_kernel_optiling\n"
    headers = ""
    for h in sorted(p for p in files if p.parent.name == "op_host" and p.suffix == ".h"):
        text = h.read_text(errors="replace")
        if "BEGIN_TILING_DATA_DEF" not in text:
            continue
        headers += f'#include "op_host/{h.name}"\n'
        m = re.search(r"REGISTER_TILING_DATA_CLASS\s*\(\s*(\w+)\s*,", text)
        if m:
            unit += f"#define ASCENDGEN_OP_TILING_DATA ascendgen_tiling_data_{m.group(1)}\n"
    unit += headers + "namespace optiling {}\nusing namespace optiling;\n"
    unit += f'#include "op_kernel/{kernels[0].name}"\n'
    (out / "ascendgen_kernel_unit.cpp").write_text(unit)
    hosts = sorted(out / p.relative_to(answer) for p in files if p.parent.name == "op_host" and p.suffix == ".cpp")
    return [out / "ascendgen_kernel_unit.cpp"] + hosts


def first_error(log: str) -> str:
    for line in log.splitlines():
        if " error: " in line or line.startswith("error"):
            return re.sub(r"^.*?:\d+:\d+: ", "", line)[:160]
    return log.strip().splitlines()[0][:160] if log.strip() else "?"


def check(answer: pathlib.Path, front_end: str, dialect: bool):
    compiler = {"g++": "g++", "clang++": "clang++"}[front_end]
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp)
        us = units(answer, out, dialect)
        if us is None:
            return False, "layout: not exactly one op_kernel/*.cpp", 0.0
        start = time.monotonic()
        for u in us:
            r = subprocess.run([compiler, "-std=c++17", "-fsyntax-only", "-I", str(INCLUDE), "-I", str(out),
                                "-ferror-limit=5" if front_end == "clang++" else "-fmax-errors=5", "-w", str(u)],
                               capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
            if r.returncode != 0:
                kind = "kernel" if u.name == "ascendgen_kernel_unit.cpp" else "host"
                return False, f"{kind}: {first_error(r.stderr)}", time.monotonic() - start
        return True, "", time.monotonic() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tasks")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--show-errors", default="")
    ap.add_argument("--configs", default="g++,g++:dialect,clang++:dialect")
    args = ap.parse_args()
    answers = sorted(p for p in pathlib.Path(args.tasks).glob("level*/*/*/answer/0") if (p / "op_kernel").is_dir())
    configs = [(c.split(":")[0], c.endswith(":dialect")) for c in args.configs.split(",")]
    print(f"{len(answers)} answers")
    for front_end, dialect in configs:
        name = front_end + (" + dialect" if dialect else "")
        with futures.ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda a: check(a, front_end, dialect), answers))
        ok = sum(r[0] for r in results)
        kernel_ok = sum(r[0] or r[1].startswith("host") for r in results)
        print(f"| {name} | {ok}/{len(answers)} | kernel unit {kernel_ok}/{len(answers)} | "
              f"{sum(r[2] for r in results):.0f} s |")
        if args.show_errors == name:
            for a, r in zip(answers, results):
                if not r[0]:
                    print(f"  {a.parent.parent.relative_to(args.tasks)}: {r[1]}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
