// Progress: a progress bar for long-running commands, written to stderr. On a terminal it redraws
// one line; otherwise (CI logs) it prints a line at every 10% step so logs stay short.
#pragma once
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace ascendgen {

class Progress {
 public:
  // `total` units of work called `unit` ("tasks", "cases").
  Progress(size_t total, std::string unit, std::FILE* out = stderr);
  ~Progress();  // finishes the line
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Marks `n` more units done; `note` (e.g. "3 failing") is shown after the counts. Thread-safe.
  void advance(size_t n = 1, const std::string& note = "");

 private:
  void draw(const std::string& note);
  size_t total_, done_ = 0;
  std::string unit_;
  std::FILE* out_;
  bool tty_;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
};

}  // namespace ascendgen
