// SocDescription and the SoC data files.
#include <filesystem>

#include <fmt/format.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "ascendgen/core/soc.h"
#include "bindings.h"

namespace ascendgen::python {

void bind_soc(py::module_& m) {
  py::class_<SocDescription>(m, "SocDescription", "The numbers of one Ascend SoC, read from its YAML data file.")
      .def_readonly("name", &SocDescription::name)
      .def_readonly("cube_cores", &SocDescription::cube_cores, "AI cube cores (AIC)")
      .def_readonly("vector_cores", &SocDescription::vector_cores, "AI vector cores (AIV): the largest blockDim")
      .def_readonly("clock_ghz", &SocDescription::clock_ghz)
      .def_readonly("ub_bytes", &SocDescription::ub_bytes, "Unified Buffer bytes per AIV")
      .def_readonly("l1_bytes", &SocDescription::l1_bytes, "L1 bytes per AIC")
      .def_readonly("l0a_bytes", &SocDescription::l0a_bytes)
      .def_readonly("l0b_bytes", &SocDescription::l0b_bytes)
      .def_readonly("l0c_bytes", &SocDescription::l0c_bytes)
      .def_readonly("max_buffers", &SocDescription::max_buffers, "TQue/TBuf buffers per TPipe")
      .def("__repr__", [](const SocDescription& s) {
        return fmt::format("SocDescription(name='{}', vector_cores={}, cube_cores={}, ub_bytes={}, clock_ghz={})",
                           s.name, s.vector_cores, s.cube_cores, s.ub_bytes, s.clock_ghz);
      });

  m.def(
      "load_soc",
      [](const std::filesystem::path& name_or_path) { return load_soc(name_or_path.string()); },
      py::arg("name_or_path"), py::call_guard<py::gil_scoped_release>(),
      "Loads an SoC description by name ('Ascend910B2') or from a .yaml path; RuntimeError names the file "
      "and field at fault.");
  m.def("builtin_socs", &builtin_socs, py::call_guard<py::gil_scoped_release>(),
        "Names of the SoC descriptions shipped with ascendgen.");
}

}  // namespace ascendgen::python
