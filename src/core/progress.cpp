#include "ascendgen/core/progress.h"

#include <unistd.h>

#include <fmt/format.h>

namespace ascendgen {

Progress::Progress(size_t total, std::string unit, std::FILE* out)
    : total_(total), unit_(std::move(unit)), out_(out), tty_(isatty(fileno(out)) != 0),
      start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (tty_ && done_ > 0) fmt::print(out_, "\n");
}

void Progress::advance(size_t n, const std::string& note) {
  std::lock_guard lock(mutex_);
  done_ += n;
  draw(note);
}

void Progress::draw(const std::string& note) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double fraction = total_ ? static_cast<double>(done_) / total_ : 1.0;
  const double eta = done_ ? elapsed / done_ * (total_ - done_) : 0.0;
  const int width = 30;
  const int filled = static_cast<int>(fraction * width);
  const std::string bar = std::string(filled, '=') + std::string(width - filled, ' ');
  const std::string line = fmt::format("[{}] {}/{} {} {:.1f}s elapsed, ~{:.0f}s left{}{}", bar, done_, total_, unit_,
                                       elapsed, eta, note.empty() ? "" : ", ", note);
  if (tty_) {
    fmt::print(out_, "\r{}\x1b[K", line);
  } else {
    const int decile = static_cast<int>(fraction * 10);
    if (decile == last_decile_ && done_ != total_) return;
    last_decile_ = decile;
    fmt::print(out_, "{}\n", line);
  }
  std::fflush(out_);
}

}  // namespace ascendgen
