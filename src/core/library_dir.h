// Where libascendgen's companions live. Internal to libascendgen: the SoC descriptions, the prompt
// templates and the worker executable are found relative to the loaded library, so a moved install
// (a Python wheel, a staged package) still finds them.
#pragma once
#include <filesystem>

namespace ascendgen::detail {

// The directory libascendgen was loaded from; empty when the loader cannot say.
std::filesystem::path library_dir();

// A data directory: $env_var when set and not empty, else library_dir()/from_lib when it exists
// (an install), else build_dir (the source tree, for a build tree).
std::filesystem::path data_dir(const char* env_var, const char* from_lib, const char* build_dir);

}  // namespace ascendgen::detail
