// ascendgen._core: the compiled layer of the Python package, thin bindings over libascendgen (one
// bind_<module>.cpp per module). The pure-Python package (python/ascendgen) re-exports it and adds
// NumPy/torch conversions, the reward API, dataset export and Ray.
//
// C++ exceptions become Python exceptions carrying the C++ message: TaskError and RecordError ->
// ascendgen.TaskError / RecordError (ValueError subclasses; TaskError also has file, line, field),
// ReferenceError -> ascendgen.ReferenceError (RuntimeError), router::PoolError -> ascendgen.PoolError
// (ValueError), std::invalid_argument -> ValueError,
// std::out_of_range -> KeyError, any other std::exception -> RuntimeError.
#include <pybind11/pybind11.h>

#include "ascendgen/evaluator/reference.h"
#include "ascendgen/router/pool.h"
#include "ascendgen/task/records.h"
#include "ascendgen/task/task.h"
#include "bindings.h"

namespace py = pybind11;
using namespace ascendgen::python;

namespace {

// Raises `type` with `message`, after `decorate` has set attributes on the exception object.
template <typename Decorate>
void raise(const py::handle& type, const char* message, Decorate&& decorate) {
  py::object error = type(message);
  decorate(error);
  PyErr_SetObject(type.ptr(), error.ptr());
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "Compiled core of ascendgen (use the ascendgen package, which re-exports it).";
  m.attr("__version__") = ASCENDGEN_VERSION;
  m.attr("torch_version") = ASCENDGEN_TORCH_VERSION;

  // Created once per interpreter and kept alive by the module; the translator reads them from it.
  static py::exception<ascendgen::TaskError> task_error(m, "TaskError", PyExc_ValueError);
  static py::exception<ascendgen::RecordError> record_error(m, "RecordError", PyExc_ValueError);
  static py::exception<ascendgen::ReferenceError> reference_error(m, "ReferenceError", PyExc_RuntimeError);
  static py::exception<ascendgen::router::PoolError> pool_error(m, "PoolError", PyExc_ValueError);
  py::register_exception_translator([](std::exception_ptr thrown) {
    try {
      if (thrown) std::rethrow_exception(thrown);
    } catch (const ascendgen::TaskError& e) {
      raise(task_error, e.what(), [&](py::object& error) {
        error.attr("file") = e.file().string();
        error.attr("line") = e.line();
        error.attr("field") = e.field();
      });
    } catch (const ascendgen::RecordError& e) {
      raise(record_error, e.what(), [](py::object&) {});
    } catch (const ascendgen::ReferenceError& e) {
      raise(reference_error, e.what(), [](py::object&) {});
    } catch (const ascendgen::router::PoolError& e) {
      raise(pool_error, e.what(), [](py::object&) {});
    } catch (const std::out_of_range& e) {
      raise(PyExc_KeyError, e.what(), [](py::object&) {});
    }
  });

  bind_soc(m);
  bind_task(m);
  bind_records(m);
  bind_compiler(m);
  bind_evaluator(m);
  bind_reference(m);
  bind_metrics(m);
  bind_router(m);
  bind_generator(m);
}
