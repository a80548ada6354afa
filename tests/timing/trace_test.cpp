// What the emulator records for the timing model, and the profile and Chrome trace built from it.
#include <algorithm>
#include <filesystem>
#include <set>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "ascendgen/core/soc.h"
#include "ascendgen/timing/model.h"
#include "harness.h"

using namespace AscendC;
using ascendgen::sim::Instr;
using ascendgen::sim::InstrKind;
using ascendgen::sim::Pipe;
using ascendgen::test::Harness;
namespace timing = ascendgen::timing;

namespace {
constexpr uint32_t kLen = 256;

// One tile through explicit flags: MTE2 -> V -> MTE3, scalar reads of the result in between.
void flagged_scale_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 2 * kLen * sizeof(float));
  GlobalTensor<float> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ float*)x + GetBlockIdx() * kLen, kLen);
  yGm.SetGlobalBuffer((__gm__ float*)y + GetBlockIdx() * kLen, kLen);
  LocalTensor<float> in = buf.Get<float>(kLen);
  LocalTensor<float> out = buf.GetWithOffset<float>(kLen, kLen * sizeof(float));
  DataCopy(in, xGm, kLen);
  SetFlag<HardEvent::MTE2_V>(0);
  WaitFlag<HardEvent::MTE2_V>(0);
  Muls(out, in, 2.0f, kLen);
  SetFlag<HardEvent::V_S>(0);
  WaitFlag<HardEvent::V_S>(0);
  const float first = out.GetValue(0);
  out.SetValue(1, first);
  SetFlag<HardEvent::V_MTE3>(1);
  WaitFlag<HardEvent::V_MTE3>(1);
  DataCopy(yGm, out, kLen);
}

// A scalar loop over UB: what a kernel written without vector instructions costs.
void scalar_loop_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TBuf<TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, kLen * sizeof(float));
  GlobalTensor<float> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ float*)x, kLen);
  yGm.SetGlobalBuffer((__gm__ float*)y, kLen);
  LocalTensor<float> t = buf.Get<float>(kLen);
  DataCopy(t, xGm, kLen);
  for (uint32_t i = 0; i < kLen; ++i) t.SetValue(i, t.GetValue(i) * 2.0f);
  DataCopy(yGm, t, kLen);
}

std::vector<float> ramp() {
  std::vector<float> v(kLen);
  for (uint32_t i = 0; i < kLen; ++i) v[i] = static_cast<float>(i);
  return v;
}

const Instr& find(const ascendgen::sim::CoreRecord& r, const std::string& api, size_t nth = 0) {
  for (const Instr& in : r.instructions)
    if (r.api_names[in.api] == api && nth-- == 0) return in;
  FAIL("no instruction " << api);
  throw std::logic_error("unreachable");
}
}  // namespace

TEST_CASE("each API call appends an instruction record with its pipe, ranges and sync events") {
  Harness h;
  const uint8_t* x = h.input(ramp(), "x");
  const auto record = h.run(&flagged_scale_kernel, {const_cast<uint8_t*>(x), h.output<float>(kLen, "y")});
  const auto& core = record.cores.at(0);

  const Instr& copy_in = find(core, "DataCopy");
  CHECK(copy_in.kind == InstrKind::CopyGmToUb);
  CHECK(copy_in.pipe == Pipe::MTE2);
  CHECK(copy_in.amount == kLen * 4);
  CHECK(copy_in.writes.begin == 0);
  CHECK(copy_in.writes.end == kLen * 4);
  CHECK(copy_in.gm_begin == reinterpret_cast<uint64_t>(x));
  CHECK(copy_in.gm_end == reinterpret_cast<uint64_t>(x) + kLen * 4);

  const Instr& muls = find(core, "Muls");
  CHECK(muls.kind == InstrKind::Vector);
  CHECK(muls.pipe == Pipe::V);
  CHECK(muls.dtype == ascendgen::sim::abi::DType::F32);
  CHECK(muls.amount == kLen);
  CHECK(muls.repeats == kLen / 64);
  CHECK(muls.reads[0].begin == 0);
  CHECK(muls.reads[0].end == kLen * 4);
  CHECK(muls.writes.begin == kLen * 4);
  CHECK(muls.writes.end == 2 * kLen * 4);

  const Instr& set = find(core, "SetFlag", 1);
  CHECK(set.kind == InstrKind::SetFlag);
  CHECK(set.pipe == Pipe::V);
  CHECK(set.peer_pipe == Pipe::S);
  const Instr& wait = find(core, "WaitFlag", 2);
  CHECK(wait.pipe == Pipe::MTE3);
  CHECK(wait.peer_pipe == Pipe::V);
  CHECK(wait.id == 1);

  const Instr& get = find(core, "GetValue");
  CHECK(get.kind == InstrKind::ScalarUb);
  CHECK_FALSE(get.write);
  CHECK(get.reads[0].begin == kLen * 4);
  const Instr& put = find(core, "SetValue");
  CHECK(put.write);
  CHECK(put.writes.begin == kLen * 4 + 4);

  const Instr& copy_out = find(core, "DataCopy", 1);
  CHECK(copy_out.kind == InstrKind::CopyUbToGm);
  CHECK(copy_out.pipe == Pipe::MTE3);
  CHECK(core.api_calls.at("GetValue") == 1);
}

TEST_CASE("recording can be switched off") {
  Harness h;
  ascendgen::sim::LaunchOptions o;
  o.record_trace = false;
  const auto record = ascendgen::sim::launch(reinterpret_cast<ascendgen::sim::KernelEntry>(&flagged_scale_kernel),
                                             {h.input(ramp()), h.output<float>(kLen)}, o, h.gm);
  CHECK(record.cores.at(0).instructions.empty());
  CHECK(record.cores.at(0).api_calls.at("Muls") == 1);
  CHECK_THROWS_WITH(timing::predict(record, ascendgen::load_soc("Ascend910B2")), doctest::Contains("record_trace"));
}

TEST_CASE("flags order the pipes: each stage starts after the one it waits for") {
  Harness h;
  const auto record = h.run(&flagged_scale_kernel, {h.input(ramp()), h.output<float>(kLen)});
  const auto soc = ascendgen::load_soc("Ascend910B2");
  const timing::Prediction p = timing::simulate(record, soc);
  const auto& events = p.timeline.at(0);
  auto span = [&](Pipe pipe) {
    for (const auto& e : events)
      if (e.pipe == pipe) return e;
    FAIL("no event on the pipe");
    return events.front();
  };
  const auto in = span(Pipe::MTE2), vec = span(Pipe::V), out = span(Pipe::MTE3);
  CHECK(vec.start >= in.end + soc.costs.gm_read_latency_cycles);
  CHECK(out.start >= vec.end);
  CHECK(p.profile.predicted_us > p.profile.launch_overhead_us);
}

TEST_CASE("a scalar loop over UB is scalar-bound") {
  Harness h;
  const auto record = h.run(&scalar_loop_kernel, {h.input(ramp()), h.output<float>(kLen)});
  const timing::Profile p = timing::predict(record, ascendgen::load_soc("Ascend910B2"));
  CHECK(p.bound == timing::Bound::Scalar);
  CHECK(p.busy[0] >= kLen * (6 + 4));
}

TEST_CASE("the profile and the Chrome trace are well-formed JSON") {
  Harness h;
  std::vector<float> x = ramp();
  x.insert(x.end(), x.begin(), x.end());
  const auto record = h.run(&flagged_scale_kernel, {h.input(x), h.output<float>(2 * kLen)}, 2);
  const timing::Prediction p = timing::simulate(record, ascendgen::load_soc("Ascend910B2"));
  const auto profile = nlohmann::json::parse(timing::to_json(p.profile));
  CHECK(profile.at("predicted_us").get<double>() == doctest::Approx(p.profile.predicted_us).epsilon(1e-5));
  CHECK(profile.at("cores").size() == 2);
  CHECK(profile.at("pipes").contains("MTE2"));
  const auto trace = nlohmann::json::parse(timing::chrome_trace(record, p));
  int complete = 0;
  std::set<std::pair<int, int>> threads;
  for (const auto& e : trace.at("traceEvents")) {
    if (e.at("ph") != "X") continue;
    ++complete;
    threads.insert({e.at("pid").get<int>(), e.at("tid").get<int>()});
    CHECK(e.at("dur").get<double>() > 0);
  }
  CHECK(complete > 0);
  CHECK(threads.count({1, static_cast<int>(Pipe::MTE2)}) == 1);
  CHECK(threads.count({0, static_cast<int>(Pipe::V)}) == 1);
}

TEST_CASE("costs load from a user's SoC file, and slower numbers predict a slower kernel") {
  Harness h;
  const auto record = h.run(&flagged_scale_kernel, {h.input(ramp()), h.output<float>(kLen)});
  const auto stock = ascendgen::load_soc("Ascend910B2");
  REQUIRE(stock.costs.present);
  CHECK(stock.costs.vector_cost("Exp").rate("half") == 64);
  CHECK(stock.costs.vector_cost("Exp").rate("float") == 128);
  CHECK(stock.costs.vector_cost("NoSuchApi").rate("float") == 256);

  const auto dir = std::filesystem::temp_directory_path() / "ascendgen_timing_test";
  std::filesystem::create_directories(dir);
  std::string text;
  {
    std::ifstream in(std::string(ASCENDGEN_SOC_DIR_FOR_TESTS) + "/Ascend910B2.yaml");
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string from = "gm_read_latency_cycles: 320", to = "gm_read_latency_cycles: 3200";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), to);
  std::ofstream(dir / "Slow.yaml") << text;
  const auto slow = ascendgen::load_soc((dir / "Slow.yaml").string());
  CHECK(slow.costs.gm_read_latency_cycles == 3200);
  CHECK(timing::predict(record, slow).predicted_us > timing::predict(record, stock).predicted_us);

  std::ofstream(dir / "Broken.yaml") << "name: Broken\ncube_cores: 1\nvector_cores: 2\nclock_ghz: 1\nub_bytes: 196608\n"
                                        "l1_bytes: 1\nl0a_bytes: 1\nl0b_bytes: 1\nl0c_bytes: 1\ntiming:\n  gm_peak_gbps: 1\n";
  CHECK_THROWS_WITH(ascendgen::load_soc((dir / "Broken.yaml").string()), doctest::Contains("launch_overhead_us"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a timing-only run says when scalar code read values it did not compute") {
  Harness h;
  ascendgen::sim::LaunchOptions o;
  o.timing_only = true;
  const auto record = ascendgen::sim::launch(reinterpret_cast<ascendgen::sim::KernelEntry>(&scalar_loop_kernel),
                                             {h.input(ramp()), h.output<float>(kLen)}, o, h.gm);
  CHECK(record.cores.at(0).uncomputed_reads == kLen);
  const timing::Profile p = timing::predict(record, ascendgen::load_soc("Ascend910B2"));
  CHECK(p.uncomputed_reads == kLen);
  CHECK(timing::summary(p).find("did not compute") != std::string::npos);
  CHECK(nlohmann::json::parse(timing::to_json(p)).at("uncomputed_reads") == kLen);
}

namespace {
// Two tiles through one VECIN queue of two buffers, freed before the next allocation.
void two_tiles_kernel(GM_ADDR x, GM_ADDR y) {
  TPipe pipe;
  TQue<QuePosition::VECIN, 1> inQueue;
  pipe.InitBuffer(inQueue, 2, kLen * sizeof(float));
  GlobalTensor<float> xGm, yGm;
  xGm.SetGlobalBuffer((__gm__ float*)x, kLen);
  yGm.SetGlobalBuffer((__gm__ float*)y, kLen);
  for (int tile = 0; tile < 2; ++tile) {
    LocalTensor<float> t = inQueue.AllocTensor<float>();
    DataCopy(t, xGm, kLen);
    inQueue.EnQue(t);
    LocalTensor<float> in = inQueue.DeQue<float>();
    DataCopy(yGm, in, kLen);
    inQueue.FreeTensor(in);
  }
}
}  // namespace

TEST_CASE("a queue hands out its buffers in turn, so consecutive tiles land in different buffers") {
  Harness h;
  const auto record = h.run(&two_tiles_kernel, {h.input(ramp()), h.output<float>(kLen)});
  const auto& core = record.cores.at(0);
  const Instr& first = find(core, "AllocTensor", 0);
  const Instr& second = find(core, "AllocTensor", 1);
  CHECK(first.kind == InstrKind::AllocTensor);
  CHECK(first.id == second.id);
  CHECK(first.slot != second.slot);
  CHECK(find(core, "DataCopy", 0).writes.begin != find(core, "DataCopy", 2).writes.begin);
  CHECK(find(core, "EnQue", 1).slot == second.slot);
}
