// The confinement `ascendgen-worker` puts itself in before it loads an untrusted kernel.
#pragma once
#include <cstdint>

namespace ascendgen::worker {

struct SandboxLimits {
  uint64_t cpu_seconds;          // RLIMIT_CPU soft limit (SIGXCPU); the hard limit is one second more
  uint64_t address_space_bytes;  // RLIMIT_AS: allocations beyond it fail
  uint64_t file_size_bytes;      // RLIMIT_FSIZE
  uint64_t open_files;           // RLIMIT_NOFILE
};

// Applies the resource limits (and no core dumps). Throws std::runtime_error naming the limit.
void apply_limits(const SandboxLimits& limits);

// Installs a seccomp filter that traps the system calls a kernel has no business making: new
// processes (fork, vfork, clone without CLONE_THREAD, execve, execveat), sockets, ptrace and
// signals to other processes. A trapped call writes its name to `fatal_fd` and the worker dies of
// SIGSYS, which the parent reports as forbidden_syscall. Threads stay allowed: the launcher runs
// one per emulated core. Throws std::runtime_error when the filter cannot be installed.
void install_syscall_filter(int fatal_fd);

}  // namespace ascendgen::worker
