#include "ascendgen/evaluator/report.h"

#include <map>

#include <fmt/format.h>

#include "ascendgen/evaluator/result_json.h"
#include "ascendgen/task/records.h"

namespace ascendgen {
namespace {

const char* const kStatuses[] = {"pass", "wrong_answer", "runtime_error", "compile_error", "parse_error"};
const char* const kStatusColors[] = {"#2e7d32", "#f9a825", "#ef6c00", "#c62828", "#6a1b9a"};

std::string percent(double x) { return fmt::format("{:.1f}%", 100 * x); }

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string level_name(int level) { return level == 0 ? "all" : fmt::format("level {}", level); }

nlohmann::json to_json(const LevelMetrics& m) {
  nlohmann::json j = {{"level", m.level},          {"tasks", m.tasks},
                      {"samples", m.samples},      {"compiled", m.compiled},
                      {"correct", m.correct},      {"compile_rate", m.compile_rate},
                      {"precision_pass_rate", m.precision_pass_rate}};
  for (const auto& [k, v] : m.compile_at_k) j["compile_at_k"][std::to_string(k)] = v;
  for (const auto& [k, v] : m.pass_at_k) j["pass_at_k"][std::to_string(k)] = v;
  for (const auto& [p, v] : m.fast_p) j["fast_p"][fmt::format("{}", p)] = v;
  return j;
}

// Horizontal stacked bars, one per row: the share of each status. Self-contained SVG.
std::string status_chart(const std::vector<std::pair<std::string, std::map<std::string, int>>>& rows) {
  const int label_w = 140, bar_w = 480, row_h = 26, top = 30;
  std::string svg = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif" font-size="12">)",
                                label_w + bar_w + 20, top + row_h * rows.size() + 10);
  int x = label_w;
  for (size_t s = 0; s < std::size(kStatuses); ++s) {  // legend
    svg += fmt::format(R"(<rect x="{}" y="6" width="10" height="10" fill="{}"/><text x="{}" y="15">{}</text>)", x,
                       kStatusColors[s], x + 14, kStatuses[s]);
    x += 100;
  }
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& [label, counts] = rows[r];
    int total = 0;
    for (const auto& [status, n] : counts) total += n;
    const int y = top + static_cast<int>(r) * row_h;
    svg += fmt::format(R"(<text x="0" y="{}">{}</text>)", y + 15, html_escape(label));
    double offset = label_w;
    for (size_t s = 0; s < std::size(kStatuses); ++s) {
      const auto it = counts.find(kStatuses[s]);
      if (it == counts.end() || total == 0) continue;
      const double w = bar_w * static_cast<double>(it->second) / total;
      svg += fmt::format(R"(<rect x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>)",
                         offset, y, w, row_h - 6, kStatusColors[s], kStatuses[s], it->second);
      offset += w;
    }
  }
  return svg + "</svg>";
}

// The per-level table shared by summary.md and report.html: header and one row per level + all.
std::vector<std::vector<std::string>> level_table(const Metrics& metrics) {
  std::vector<std::vector<std::string>> rows = {{"level", "tasks", "samples", "compiled", "correct", "pass@1", "fast_0", "fast_1"}};
  auto rate = [](const auto& map, auto key) {
    const auto it = map.find(key);
    return it == map.end() ? std::string("-") : percent(it->second);
  };
  auto add = [&](const LevelMetrics& m) {
    rows.push_back({level_name(m.level), std::to_string(m.tasks), std::to_string(m.samples), percent(m.compile_rate),
                    percent(m.precision_pass_rate), rate(m.pass_at_k, int64_t{1}), rate(m.fast_p, 0.0),
                    rate(m.fast_p, 1.0)});
  };
  for (const LevelMetrics& m : metrics.levels) add(m);
  add(metrics.overall);
  return rows;
}

std::string markdown_table(const std::vector<std::vector<std::string>>& rows) {
  std::string md = fmt::format("| {} |\n|", fmt::join(rows[0], " | "));
  for (size_t i = 0; i < rows[0].size(); ++i) md += "---|";
  md += "\n";
  for (size_t r = 1; r < rows.size(); ++r) md += fmt::format("| {} |\n", fmt::join(rows[r], " | "));
  return md;
}

std::string html_table(const std::vector<std::vector<std::string>>& rows) {
  std::string html = "<table><tr>";
  for (const auto& h : rows[0]) html += "<th>" + html_escape(h) + "</th>";
  html += "</tr>";
  for (size_t r = 1; r < rows.size(); ++r) {
    html += "<tr>";
    for (const auto& cell : rows[r]) html += "<td>" + html_escape(cell) + "</td>";
    html += "</tr>";
  }
  return html + "</table>";
}

}  // namespace

void compute_report_metrics(BenchReport& report) {
  std::vector<SampleOutcome> outcomes;
  for (const BenchEntry& e : report.entries)
    outcomes.push_back({e.task, e.level, e.result.compiled, e.result.correct, e.speedup});
  report.metrics = compute_metrics(outcomes);
}

nlohmann::json to_json(const BenchReport& report) {
  nlohmann::json j = {{"suite", report.suite}, {"source", report.source}, {"soc", report.soc},
                      {"seconds", report.seconds}};
  j["tasks"] = nlohmann::json::array();
  for (const BenchEntry& e : report.entries) {
    nlohmann::json t = to_json(e.result);
    t["level"] = e.level;
    t["category"] = e.category;
    t["sample"] = e.sample;
    t["speedup"] = e.speedup ? nlohmann::json(*e.speedup) : nlohmann::json(nullptr);
    j["tasks"].push_back(std::move(t));
  }
  nlohmann::json levels = nlohmann::json::array();
  for (const LevelMetrics& m : report.metrics.levels) levels.push_back(to_json(m));
  j["metrics"] = {{"levels", levels}, {"overall", to_json(report.metrics.overall)}, {"score", report.metrics.score}};
  return j;
}

std::string to_markdown(const BenchReport& report) {
  std::string md = fmt::format("# ascendgen bench: {}\n\nCandidates: {}. SoC: {}. Wall time: {:.1f} s.\n\n", report.suite,
                               report.source, report.soc, report.seconds);
  md += markdown_table(level_table(report.metrics));
  md += fmt::format("\nNPUKernelBench score (0.2/0.3/0.5 level weights): {:.3f}\n\n", report.metrics.score);
  md += "| task | level | category | sample | status | predicted NPU us | speedup | detail |\n"
        "|---|---|---|---|---|---|---|---|\n";
  for (const BenchEntry& e : report.entries) {
    std::string detail;
    for (const CaseResult& c : e.result.cases)
      if (c.status != "pass") {
        detail = fmt::format("{}: {}", c.id, c.error_kind.empty() ? c.status : c.error_kind);
        break;
      }
    if (detail.empty() && !e.result.diagnostics.empty()) detail = e.result.diagnostics.front().category;
    md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", e.task, e.level, e.category, e.sample,
                      e.result.status, e.result.predicted_us > 0 ? fmt::format("{:.2f}", e.result.predicted_us) : "-",
                      e.speedup ? fmt::format("{:.2f}x", *e.speedup) : "-", detail);
  }
  return md;
}

std::string to_html(const BenchReport& report) {
  std::map<int, std::map<std::string, int>> by_level;
  std::map<std::string, std::map<std::string, int>> by_category;
  for (const BenchEntry& e : report.entries) {
    ++by_level[e.level][e.result.status];
    ++by_category[e.category][e.result.status];
  }
  std::vector<std::pair<std::string, std::map<std::string, int>>> level_rows, category_rows;
  for (const auto& [level, counts] : by_level) level_rows.emplace_back(level_name(level), counts);
  for (const auto& [category, counts] : by_category) category_rows.emplace_back(category, counts);

  std::string html = R"(<!DOCTYPE html><html><head><meta charset="utf-8"><title>ascendgen bench</title><style>
body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}th{background:#eee}
.pass{color:#2e7d32}.wrong_answer{color:#f9a825}.runtime_error{color:#ef6c00}.compile_error{color:#c62828}.parse_error{color:#6a1b9a}
</style></head><body>)";
  html += fmt::format("<h1>ascendgen bench</h1><p>Suite <code>{}</code>; candidates: {}; SoC {}; wall time {:.1f} s.</p>",
                      html_escape(report.suite), html_escape(report.source), html_escape(report.soc), report.seconds);
  html += "<h2>Per level</h2>" + html_table(level_table(report.metrics));
  html += fmt::format("<p>NPUKernelBench score: <b>{:.3f}</b></p>", report.metrics.score);
  html += "<h2>Status by level</h2>" + status_chart(level_rows);
  html += "<h2>Status by category</h2>" + status_chart(category_rows);
  html += "<h2>Candidates</h2><table><tr><th>task</th><th>level</th><th>category</th><th>sample</th><th>status</th>"
          "<th>cases passed</th><th>predicted NPU us</th><th>speedup</th><th>detail</th></tr>";
  for (const BenchEntry& e : report.entries) {
    int passed = 0;
    std::string detail;
    for (const CaseResult& c : e.result.cases) {
      passed += c.status == "pass";
      if (c.status != "pass" && detail.empty()) detail = c.id + ": " + c.message;
    }
    if (detail.empty() && !e.result.diagnostics.empty()) detail = e.result.diagnostics.front().message;
    html += fmt::format(
        R"(<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class="{}">{}</td><td>{}/{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)",
        html_escape(e.task), e.level, html_escape(e.category), e.sample, e.result.status, e.result.status, passed,
        e.result.cases.size(), e.result.predicted_us > 0 ? fmt::format("{:.2f}", e.result.predicted_us) : "-",
        e.speedup ? fmt::format("{:.2f}x", *e.speedup) : "-", html_escape(detail.substr(0, 300)));
  }
  return html + "</table></body></html>\n";
}

void write_bench_report(const std::filesystem::path& dir, const BenchReport& report) {
  std::filesystem::create_directories(dir);
  write_file_atomic(dir / "summary.json", to_json(report).dump(2) + "\n");
  write_file_atomic(dir / "summary.md", to_markdown(report));
  write_file_atomic(dir / "report.html", to_html(report));
}

}  // namespace ascendgen
