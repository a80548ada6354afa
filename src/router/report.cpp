#include "ascendgen/router/report.h"

#include <algorithm>

#include <fmt/format.h>

#include "ascendgen/router/optimiser.h"

namespace ascendgen::router {

nlohmann::json to_json(const std::vector<PolicyResult>& results, const ModelPool& pool) {
  nlohmann::json policies = nlohmann::json::object();
  for (const PolicyResult& r : results) {
    nlohmann::json per_model = nlohmann::json::object();
    for (size_t m = 0; m < r.requests_per_model.size() && m < pool.models.size(); ++m)
      per_model[pool.models[m].name] = r.requests_per_model[m];
    policies[r.policy] = {{"mean_latency_s", r.mean_latency_s}, {"p95_latency_s", r.p95_latency_s},
                          {"cost", r.cost},                     {"pass_rate", r.pass_rate},
                          {"requests", r.requests},             {"mean_samples", r.mean_samples},
                          {"requests_per_model", per_model},    {"decision_us", r.decision_us}};
  }
  return {{"policies", policies}};
}

namespace {
std::string escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}
}  // namespace

std::string tradeoff_svg(const std::vector<PolicyResult>& results) {
  constexpr double kWidth = 640, kHeight = 420, kLeft = 70, kRight = 170, kTop = 30, kBottom = 50;
  double max_latency = 0, max_cost = 0;
  std::vector<Estimate> points;
  for (const PolicyResult& r : results) {
    max_latency = std::max(max_latency, r.mean_latency_s);
    max_cost = std::max(max_cost, r.cost);
    points.push_back({0, 0, r.mean_latency_s, r.cost, r.pass_rate});
  }
  max_latency = max_latency > 0 ? max_latency * 1.1 : 1;
  max_cost = max_cost > 0 ? max_cost * 1.1 : 1;
  const std::vector<size_t> front = pareto_front(points);
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  std::string svg = fmt::format(
      R"svg(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif" font-size="12">)svg"
      R"svg(<text x="{}" y="18" font-size="14">Routing policies: latency, cost and pass rate</text>)svg"
      R"svg(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="black"/><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="black"/>)svg"
      R"svg(<text x="{}" y="{}">mean latency (s)</text><text x="12" y="{}" transform="rotate(-90 12 {})">total cost (USD)</text>)svg",
      kWidth, kHeight, kLeft, kLeft, kTop + plot_h, kLeft + plot_w, kTop + plot_h, kLeft, kTop, kLeft, kTop + plot_h,
      kLeft + plot_w / 2 - 50, kHeight - 10, kTop + plot_h / 2 + 40, kTop + plot_h / 2 + 40);
  for (int tick = 0; tick <= 4; ++tick) {
    const double fx = tick / 4.0;
    svg += fmt::format(R"svg(<text x="{:.1f}" y="{}" text-anchor="middle">{:.0f}</text>)svg", kLeft + fx * plot_w,
                       kTop + plot_h + 16, fx * max_latency);
    svg += fmt::format(R"svg(<text x="{}" y="{:.1f}" text-anchor="end">{:.2f}</text>)svg", kLeft - 4,
                       kTop + plot_h - fx * plot_h + 4, fx * max_cost);
  }
  double pass_max = 0;
  for (const PolicyResult& r : results) pass_max = std::max(pass_max, r.pass_rate);
  for (size_t i = 0; i < results.size(); ++i) {
    const PolicyResult& r = results[i];
    const double x = kLeft + r.mean_latency_s / max_latency * plot_w;
    const double y = kTop + plot_h - r.cost / max_cost * plot_h;
    // Colour from red (lowest pass rate) to green (highest).
    const double t = pass_max > 0 ? r.pass_rate / pass_max : 0;
    const bool on_front = std::find(front.begin(), front.end(), i) != front.end();
    svg += fmt::format(R"svg(<circle cx="{:.1f}" cy="{:.1f}" r="6" fill="rgb({},{},60)" stroke="black" stroke-width="{}">)svg"
                       R"svg(<title>{}: {:.1f} s mean, {:.1f} s p95, ${:.2f}, pass {:.1f}%</title></circle>)svg",
                       x, y, int(220 * (1 - t)), int(180 * t), on_front ? 2 : 0.5, escape(r.policy), r.mean_latency_s,
                       r.p95_latency_s, r.cost, 100 * r.pass_rate);
    svg += fmt::format(R"svg(<text x="{:.1f}" y="{:.1f}">{} ({:.1f}%)</text>)svg", x + 9, y + 4, escape(r.policy),
                       100 * r.pass_rate);
  }
  svg += fmt::format(R"svg(<text x="{}" y="{}" font-size="11">thick outline: not beaten on all three</text>)svg", kLeft,
                     kTop + 4);
  return svg + "</svg>\n";
}

}  // namespace ascendgen::router
