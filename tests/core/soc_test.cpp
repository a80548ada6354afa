#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "ascendgen/core/soc.h"

TEST_CASE("load_soc reads the shipped 910B descriptions") {
  const auto b2 = ascendgen::load_soc("Ascend910B2");
  CHECK(b2.vector_cores == 48);
  CHECK(b2.cube_cores == 24);
  CHECK(b2.ub_bytes == 196608);
  const auto b4 = ascendgen::load_soc("Ascend910B4");
  CHECK(b4.vector_cores == 40);
  CHECK(b4.clock_ghz == doctest::Approx(1.5));
  CHECK(b4.core_limits().vector_cores == 40);
}

TEST_CASE("load_soc names the file and field at fault") {
  const auto path = (std::filesystem::temp_directory_path() / "ascendgen_bad_soc_test.yaml").string();
  std::ofstream(path) << "name: Broken\ncube_cores: 1\n";
  CHECK_THROWS_WITH(ascendgen::load_soc(path), doctest::Contains("missing field 'vector_cores'"));
  CHECK_THROWS_WITH(ascendgen::load_soc("NoSuchSoc"), doctest::Contains("NoSuchSoc"));
  std::filesystem::remove(path);
}
