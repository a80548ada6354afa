// Every example kernel, written in the style of real Ascend C, matches its libtorch reference on
// the emulator, for more than one seed.
#include <doctest/doctest.h>

#include "catalog.h"

TEST_CASE("every example kernel matches its libtorch reference") {
  const auto examples = ascendgen::examples::list_examples();
  CHECK(examples.size() >= 12);
  for (const auto& e : examples) {
    for (uint64_t seed : {1u, 2u}) {
      CAPTURE(e.name);
      CAPTURE(seed);
      const auto r = ascendgen::examples::run_example(e.name, seed);
      CHECK_MESSAGE(r.passed, r.error);
      CHECK(r.elements > 0);
      CHECK(r.record.cores.size() == static_cast<size_t>(e.block_dim));
    }
  }
}

TEST_CASE("run_example rejects an unknown name") {
  CHECK_THROWS_AS(ascendgen::examples::run_example("no_such_kernel"), std::invalid_argument);
}
