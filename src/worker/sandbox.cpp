#include "sandbox.h"

#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace ascendgen::worker {

namespace {

void set_limit(int resource, const char* name, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  if (setrlimit(resource, &limit) != 0)
    throw std::runtime_error(fmt::format("cannot set {} to {}: {}", name, soft, std::strerror(errno)));
}

// The trapped system calls by number, for naming them inside the signal handler (which may not
// allocate or call libseccomp).
struct Forbidden {
  int number;
  const char* name;
};
constexpr int kMaxForbidden = 32;
Forbidden forbidden[kMaxForbidden];
int forbidden_count = 0;
int fatal_note_fd = -1;

void write_all(int fd, const char* text) {
  size_t left = std::strlen(text);
  while (left > 0) {
    const ssize_t n = write(fd, text, left);
    if (n <= 0) return;
    text += n;
    left -= static_cast<size_t>(n);
  }
}

// SA_RESETHAND | SA_NODEFER: the handler runs once, then the re-raised SIGSYS kills the process
// with the default action, so the parent sees the signal.
void on_sigsys(int, siginfo_t* info, void*) {
  const char* name = "unknown";
  for (int i = 0; i < forbidden_count; ++i)
    if (forbidden[i].number == info->si_syscall) name = forbidden[i].name;
  write_all(fatal_note_fd, name);
  syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGSYS);
}

class Filter {
 public:
  Filter() : ctx_(seccomp_init(SCMP_ACT_ALLOW)) {
    if (!ctx_) throw std::runtime_error("seccomp_init failed");
  }
  ~Filter() { seccomp_release(ctx_); }
  Filter(const Filter&) = delete;
  Filter& operator=(const Filter&) = delete;

  // Traps `name` when the argument comparisons (if any) hold.
  template <typename... Cmp> void trap(const char* name, Cmp... cmp) {
    const int number = seccomp_syscall_resolve_name(name);
    if (number == __NR_SCMP_ERROR || number < 0) return;  // not a system call on this architecture
    remember(number, name);
    check(seccomp_rule_add(ctx_, SCMP_ACT_TRAP, number, sizeof...(cmp), cmp...), name);
  }
  // Fails `name` with `error` instead of running it.
  void fail(const char* name, int error) {
    const int number = seccomp_syscall_resolve_name(name);
    if (number == __NR_SCMP_ERROR || number < 0) return;
    check(seccomp_rule_add(ctx_, SCMP_ACT_ERRNO(error), number, 0), name);
  }
  void load() { check(seccomp_load(ctx_), "seccomp_load"); }

 private:
  static void remember(int number, const char* name) {
    for (int i = 0; i < forbidden_count; ++i)
      if (forbidden[i].number == number) return;
    if (forbidden_count < kMaxForbidden) forbidden[forbidden_count++] = {number, name};
  }
  static void check(int rc, const char* what) {
    if (rc < 0) throw std::runtime_error(fmt::format("seccomp rule for {} failed: {}", what, std::strerror(-rc)));
  }
  scmp_filter_ctx ctx_;
};

}  // namespace

void apply_limits(const SandboxLimits& limits) {
  set_limit(RLIMIT_CPU, "RLIMIT_CPU", limits.cpu_seconds, limits.cpu_seconds + 1);
  set_limit(RLIMIT_AS, "RLIMIT_AS", limits.address_space_bytes, limits.address_space_bytes);
  set_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", limits.file_size_bytes, limits.file_size_bytes);
  set_limit(RLIMIT_CORE, "RLIMIT_CORE", 0, 0);
  set_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", limits.open_files, limits.open_files);
}

void install_syscall_filter(int fatal_fd) {
  fatal_note_fd = fatal_fd;
  struct sigaction action {};
  action.sa_sigaction = on_sigsys;
  action.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  if (sigaction(SIGSYS, &action, nullptr) != 0)
    throw std::runtime_error(fmt::format("cannot handle SIGSYS: {}", std::strerror(errno)));

  const auto self = static_cast<scmp_datum_t>(getpid());
  Filter filter;
  for (const char* name : {"fork", "vfork", "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev",
                           "socket", "socketpair", "connect", "bind", "listen", "accept", "accept4", "tkill",
                           "pidfd_open", "pidfd_send_signal"})
    filter.trap(name);
  // A new process is a clone without CLONE_THREAD; threads (pthread_create) are allowed.
  filter.trap("clone", SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
  // clone3 passes its flags in memory, where the filter cannot look: ENOSYS makes glibc fall
  // back to clone, which is checked above.
  filter.fail("clone3", ENOSYS);
  // Signals only to this process (abort and raise use them).
  filter.trap("kill", SCMP_A0(SCMP_CMP_NE, self));
  filter.trap("tgkill", SCMP_A0(SCMP_CMP_NE, self));
  filter.load();
}

}  // namespace ascendgen::worker
