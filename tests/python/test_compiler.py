"""The Compiler from Python: results, diagnostics, the content-hash cache, the GIL released."""

import pathlib
import threading

import pytest

import ascendgen


@pytest.fixture
def compiler(tmp_path: pathlib.Path) -> ascendgen.Compiler:
    return ascendgen.Compiler(ascendgen.CompilerOptions(cache_dir=tmp_path / "cache", jobs=2))


def request(task: ascendgen.Task, source: str) -> ascendgen.CompileRequest:
    return ascendgen.CompileRequest(source, task.kernel.entry, task.cases[0].dtype_macros)


def test_a_solution_compiles_once_then_hits_the_cache(compiler: ascendgen.Compiler, relu: ascendgen.Task) -> None:
    first = compiler.compile(request(relu, relu.solution_source()))
    assert first.ok and first.status == ascendgen.CompileStatus.ok and first.status.name == "ok"
    assert first.artifact.exists() and first.artifact.parent == compiler.cache_dir
    assert not first.cache_hit
    second = compiler.compile(request(relu, relu.solution_source()))
    assert second.cache_hit and second.artifact == first.artifact


def test_errors_come_back_as_categorised_diagnostics(compiler: ascendgen.Compiler, relu: ascendgen.Task) -> None:
    source = relu.solution_source().replace("AscendC::Relu(", "AscendC::NoSuchRelu(")
    result = compiler.compile(request(relu, source))
    assert result.status == ascendgen.CompileStatus.compile_error
    (error, *_) = [d for d in result.diagnostics if d.severity == "error"]
    assert error.file == "kernel.cpp" and error.line > 0
    assert error.category == "unsupported_api"
    assert "NoSuchRelu" in error.message


def test_prose_is_a_parse_error_without_a_compiler_run(compiler: ascendgen.Compiler, relu: ascendgen.Task) -> None:
    result = compiler.compile(request(relu, "I would write a kernel that applies relu."))
    assert result.status == ascendgen.CompileStatus.parse_error
    assert result.diagnostics[0].category == "syntax"
    assert ascendgen.check_candidate_source("int f() { return 0; }", "relu_custom").category == "missing_entry"
    assert ascendgen.check_candidate_source(relu.solution_source(), "relu_custom") is None


def test_a_bad_entry_name_is_a_value_error(compiler: ascendgen.Compiler) -> None:
    with pytest.raises(ValueError, match="not an identifier|identifier"):
        compiler.compile(ascendgen.CompileRequest("int x;", "not an identifier"))


def test_compile_all_keeps_request_order(compiler: ascendgen.Compiler, relu: ascendgen.Task) -> None:
    results = compiler.compile_all([request(relu, "prose only"), request(relu, relu.solution_source())])
    assert [r.status.name for r in results] == ["parse_error", "ok"]


def test_gcc_output_parses_into_diagnostics() -> None:
    log = "kernel.cpp:3:5: error: 'Foo' is not a member of 'AscendC'\n"
    (d,) = ascendgen.parse_gcc_diagnostics(log)
    assert (d.file, d.line, d.column, d.severity, d.category) == ("kernel.cpp", 3, 5, "error", "unsupported_api")
    assert ascendgen.categorize_diagnostic("expected ';' before '}' token") == "syntax"


def test_python_threads_run_while_g_plus_plus_compiles(compiler: ascendgen.Compiler, relu: ascendgen.Task) -> None:
    source = relu.solution_source() + "\n// a fresh cache key: g++ must run\n"
    done = threading.Event()
    result = []
    thread = threading.Thread(target=lambda: (result.append(compiler.compile(request(relu, source))), done.set()))
    thread.start()
    ticks = 0
    while not done.is_set():  # with the GIL held by compile() this loop could not run
        ticks += 1
    thread.join()
    assert not result[0].cache_hit and result[0].ok
    assert ticks > 1000
