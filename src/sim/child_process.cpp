#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

extern char** environ;

namespace ascendgen::sim::detail {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const auto& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// Returns the child's pid; its stdout and stderr go to output_fd.
pid_t spawn(const ChildOptions& options, int output_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, output_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output_fd, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Default signal handling and an empty mask whatever the caller's threads use.
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setsigdefault(&attributes, &all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args = c_strings(options.argv);
  std::vector<char*> envp = options.env ? c_strings(*options.env) : std::vector<char*>{};
  pid_t pid = 0;
  const int error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), options.env ? envp.data() : environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) throw std::runtime_error(fmt::format("cannot run '{}': {}", options.argv[0], std::strerror(error)));
  return pid;
}

}  // namespace

ChildResult run_child(const ChildOptions& options) {
  if (options.argv.empty()) throw std::invalid_argument("run_child: argv is empty");
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(fmt::format("cannot create a pipe for '{}': {}", options.argv[0], std::strerror(errno)));
  pid_t pid = 0;
  try {
    pid = spawn(options, fds[1]);
  } catch (...) {
    close(fds[0]);
    close(fds[1]);
    throw;
  }
  close(fds[1]);

  ChildResult result;
  const auto ms_left = [&] {
    if (!options.deadline) return -1;
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(*options.deadline - Clock::now()).count();
    return static_cast<int>(std::max<int64_t>(left, 0));
  };
  // Drain the output (so the child never blocks on a full pipe) until it closes or the deadline.
  char buffer[16384];
  for (;;) {
    pollfd readable{fds[0], POLLIN, 0};
    const int ready = poll(&readable, 1, ms_left());
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      result.timed_out = true;
      break;
    }
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    const size_t keep = std::min(static_cast<size_t>(n),
                                 options.max_output_bytes - std::min(options.max_output_bytes, result.output.size()));
    result.output.append(buffer, keep);
    result.output_truncated = result.output_truncated || keep < static_cast<size_t>(n);
  }
  close(fds[0]);
  // The output can end before the child does; wait for it no longer than the deadline.
  while (!result.timed_out) {
    const pid_t waited = waitpid(pid, &result.wait_status, options.deadline ? WNOHANG : 0);
    if (waited == pid) return result;
    if (waited < 0 && errno != EINTR) {
      const int error = errno;
      kill(-pid, SIGKILL);
      throw std::runtime_error(fmt::format("cannot wait for '{}': {}", options.argv[0], std::strerror(error)));
    }
    if (waited == 0 && ms_left() == 0) result.timed_out = true;
    else if (waited == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  // The group takes what the child started; the child itself, should it have left the group.
  kill(-pid, SIGKILL);
  kill(pid, SIGKILL);
  while (waitpid(pid, &result.wait_status, 0) < 0 && errno == EINTR) {}
  return result;
}

}  // namespace ascendgen::sim::detail
