#include "ascendgen/generator/extract.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <vector>

#include <fmt/format.h>

#include "ascendgen/task/operator_source.h"

namespace ascendgen {
namespace {

std::string_view trim(std::string_view s) {
  const size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

// Removes <think> sections from `text`, collecting their text. Returns false when the answer
// ends inside one.
bool strip_think(std::string& text, std::string& reasoning) {
  constexpr std::string_view open = "<think>", close = "</think>";
  const auto add_reasoning = [&](std::string_view part) {
    if (trim(part).empty()) return;
    if (!reasoning.empty()) reasoning += "\n";
    reasoning += trim(part);
  };
  // A closing tag with no opening one before it: the template opened the section.
  if (const size_t c = text.find(close); c != std::string::npos && text.rfind(open, c) == std::string::npos) {
    add_reasoning(std::string_view(text).substr(0, c));
    text.erase(0, c + close.size());
  }
  for (size_t o; (o = text.find(open)) != std::string::npos;) {
    const size_t c = text.find(close, o);
    if (c == std::string::npos) {
      add_reasoning(std::string_view(text).substr(o + open.size()));
      text.erase(o);
      return false;
    }
    add_reasoning(std::string_view(text).substr(o + open.size(), c - o - open.size()));
    text.erase(o, c + close.size() - o);
  }
  return true;
}

// The last <kernel_impl> block's content (to the end of the answer when it is not closed), or
// nullopt when there is none.
std::optional<std::string> kernel_impl_block(const std::string& text) {
  constexpr std::string_view open = "<kernel_impl>", close = "</kernel_impl>";
  const size_t o = text.rfind(open);
  if (o == std::string::npos) return std::nullopt;
  const size_t begin = o + open.size();
  const size_t c = text.find(close, begin);
  return text.substr(begin, c == std::string::npos ? std::string::npos : c - begin);
}

struct Block {
  std::string info;      // the fence's info string ("cpp op_host/add.cpp")
  std::string before;    // the last non-blank line before the fence, outside any block
  std::string content;
};

// A line that opens or closes a fence: up to three spaces, then ``` or ~~~ (three or more).
std::optional<std::string_view> fence(std::string_view line) {
  size_t indent = 0;
  while (indent < line.size() && indent < 3 && line[indent] == ' ') ++indent;
  line.remove_prefix(indent);
  if (!(line.starts_with("```") || line.starts_with("~~~"))) return std::nullopt;
  return line;
}

std::vector<Block> fenced_blocks(std::string_view text) {
  std::vector<Block> blocks;
  std::string last_line;
  std::optional<Block> open;
  std::string marker;
  for (std::string_view line : split_lines(text)) {
    const auto f = fence(line);
    if (open) {
      if (f && trim(*f).find_first_not_of(marker[0]) == std::string_view::npos && trim(*f).size() >= marker.size()) {
        blocks.push_back(std::move(*open));
        open.reset();
        last_line.clear();
      } else {
        open->content.append(line).append("\n");
      }
    } else if (f) {
      const size_t run = f->find_first_not_of(f->front());
      marker = std::string(f->substr(0, run));
      open = Block{std::string(trim(f->substr(std::min(run, f->size())))), last_line, ""};
    } else if (!trim(line).empty()) {
      last_line = std::string(trim(line));
    }
  }
  if (open) blocks.push_back(std::move(*open));  // cut off at the end: keep what there is
  return blocks;
}

// A source-file path mentioned in `line`, normalised; nullopt when there is none.
std::optional<std::string> path_in(std::string_view line) {
  static const std::regex path(R"(((?:[A-Za-z0-9_.+-]+/)*[A-Za-z0-9_+-][A-Za-z0-9_.+-]*\.(?:cpp|cc|cxx|hpp|h))\b)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(line.begin(), line.end(), m, path)) return std::nullopt;
  std::string p = m[1].str();
  while (p.starts_with("./")) p.erase(0, 2);
  for (const std::string_view dir : {"op_host/", "op_kernel/"}) {
    if (p.starts_with(dir)) break;
    if (const size_t at = p.find(std::string("/") + std::string(dir)); at != std::string::npos) {
      p.erase(0, at + 1);
      break;
    }
  }
  return p;
}

// The files named in the blocks (in order; a repeated path keeps its last text).
std::vector<SourceFile> named_files(const std::vector<Block>& blocks) {
  std::vector<SourceFile> files;
  const auto add = [&](std::string path, std::string text) {
    auto same = std::find_if(files.begin(), files.end(), [&](const SourceFile& f) { return f.path == path; });
    if (same != files.end()) files.erase(same);
    files.push_back({std::move(path), std::move(text)});
  };
  for (const Block& b : blocks) {
    if (is_operator_source(b.content)) {
      const size_t first = b.content.find("// === FILE:");
      try {
        for (SourceFile& f : split_operator_source(std::string_view(b.content).substr(first))) add(f.path, f.text);
        continue;
      } catch (const OperatorSourceError&) {  // a bad header: name the block by the other rules
      }
    }
    std::optional<std::string> path = path_in(b.info);
    if (!path) path = path_in(b.before);
    if (!path) {
      const std::string_view first = trim(split_lines(b.content).front());
      if (first.starts_with("//") || first.starts_with("/*")) path = path_in(first);
    }
    if (path) add(*path, b.content);
  }
  return files;
}

bool is_other_language(const std::string& info) {
  const std::string_view lang = std::string_view(info).substr(0, info.find(' '));
  for (const std::string_view other : {"python", "py", "bash", "sh", "shell", "console", "json", "yaml", "text", "txt"})
    if (lang == other) return true;
  return false;
}

bool defines_entry(const std::string& code, const std::string& entry) {
  if (entry.empty()) return false;
  const std::regex definition("\\b" + entry + "\\s*\\(");
  return code.find("extern") != std::string::npos && std::regex_search(code, definition);
}

bool reads_as_cpp(std::string_view text) {
  for (std::string_view line : split_lines(text)) {
    line = trim(line);
    if (line.starts_with("#include") || line.starts_with("extern \"C\"")) return true;
  }
  return false;
}
}  // namespace

Extraction extract_candidate(std::string_view answer, const ExtractOptions& options) {
  Extraction out;
  std::string text(answer);
  if (!strip_think(text, out.reasoning) && trim(text).empty()) {
    out.error = "the answer ends inside <think>: no code after the reasoning";
    return out;
  }
  if (std::optional<std::string> impl = kernel_impl_block(text)) text = std::move(*impl);
  if (trim(text).empty()) {
    out.error = "the answer is empty";
    return out;
  }

  std::vector<Block> blocks = fenced_blocks(text);
  std::vector<SourceFile> files;
  if (blocks.empty() && is_operator_source(text)) {
    // Canonical headers without fences: the files run from the first header to the end.
    try {
      files = split_operator_source(std::string_view(text).substr(text.find("// === FILE:")));
    } catch (const OperatorSourceError& e) {
      out.error = fmt::format("the answer's file headers are malformed: {}", e.what());
      return out;
    }
  } else {
    files = named_files(blocks);
  }
  if (files.size() >= 2 || (options.want_operator && !files.empty())) {
    try {
      out.source = join_operator_source(files);
    } catch (const OperatorSourceError& e) {
      out.error = fmt::format("the answer's file names are unusable: {}", e.what());
    }
    if (out.ok() && options.want_operator && files.size() < 2)
      out.error = fmt::format("the answer names only {}; a full operator needs its op_host and op_kernel files",
                              files.front().path);
    return out;
  }
  if (options.want_operator) {
    out.error = "the answer names no file: a full operator needs '// === FILE: PATH ===' headers or named code blocks";
    return out;
  }

  std::erase_if(blocks, [](const Block& b) { return is_other_language(b.info) || trim(b.content).empty(); });
  const Block* chosen = nullptr;
  for (const Block& b : blocks)
    if (defines_entry(b.content, options.entry)) chosen = &b;
  if (!chosen)
    for (const Block& b : blocks)
      if (b.content.find("extern \"C\"") != std::string::npos) chosen = &b;
  if (!chosen)
    for (const Block& b : blocks)
      if (!chosen || b.content.size() > chosen->content.size()) chosen = &b;
  if (chosen) {
    out.source = chosen->content;
  } else if (reads_as_cpp(text)) {
    out.source = std::string(trim(text)) + "\n";
  } else {
    out.error = "no code in the answer: no fenced code block, <kernel_impl> block or C++ text";
  }
  return out;
}

}  // namespace ascendgen
