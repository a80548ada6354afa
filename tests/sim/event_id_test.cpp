#include "harness.h"

using namespace AscendC;

namespace {
void flags_by_enumerator(GM_ADDR) {
  SetFlag<HardEvent::MTE2_V>(EVENT_ID0);
  WaitFlag<HardEvent::MTE2_V>(EVENT_ID0);
  SetFlag<HardEvent::V_MTE3>(EVENT_ID7);
  WaitFlag<HardEvent::V_MTE3>(EVENT_ID7);
}
void unwaited_event(GM_ADDR) { SetFlag<HardEvent::MTE2_V>(EVENT_ID3); }
}  // namespace

TEST_CASE("SetFlag/WaitFlag take the EVENT_ID enumerators") {
  ascendgen::test::Harness h;
  const auto record = h.run(flags_by_enumerator, {nullptr});
  CHECK(record.cores[0].api_calls.at("SetFlag") == 2);
  const auto e = ascendgen::test::expect_kernel_error([&] { h.run(unwaited_event, {nullptr}); });
  CHECK(e.kind() == ascendgen::sim::ErrorKind::SyncMisuse);
  CHECK(std::string(e.what()).find("id 3") != std::string::npos);
}
