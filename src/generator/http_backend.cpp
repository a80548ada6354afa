#include "ascendgen/generator/http_backend.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "openai_protocol.h"

namespace ascendgen {
namespace {
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// libcurl's global state, set up once per process before the first request (it is not thread-safe).
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What one HTTP exchange gave: the status (0 when none arrived), the body or the parsed stream.
struct Exchange {
  CURL* curl = nullptr;
  bool stream = false;
  long status = 0;
  std::string body;                       // a whole answer, or the body of a non-200 answer
  std::optional<detail::OpenAIStreamParser> parser;
  std::optional<double> retry_after_s;    // a 429's Retry-After, in seconds
  Clock::time_point start;
  double ttft_s = -1;                     // from `start`, when a token arrived
  bool json_body = false;                 // a whole JSON answer although a stream was asked for
  Clock::time_point last_byte;            // of this attempt: for the read timeout
  double read_timeout_s = 0;
  bool timed_out = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  const size_t bytes = size * count;
  x.last_byte = Clock::now();
  if (x.status == 0) curl_easy_getinfo(x.curl, CURLINFO_RESPONSE_CODE, &x.status);
  if (!x.stream || x.status != 200 || x.json_body) {
    if (x.body.size() < (64u << 20)) x.body.append(data, bytes);
    return bytes;
  }
  const bool had_token = x.parser->has_token();
  if (!x.parser->feed({data, bytes})) return 0;  // aborts the transfer: the stream is bad
  if (!had_token && x.parser->has_token()) x.ttft_s = seconds_since(x.start);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto& x = *static_cast<Exchange*>(user);
  x.last_byte = Clock::now();
  const std::string_view line(data, size * count);
  const auto named = [&](std::string_view key) {
    return line.size() > key.size() &&
           std::equal(key.begin(), key.end(), line.begin(), [](char a, char b) { return a == std::tolower(b); });
  };
  const std::string value(named("retry-after:") || named("content-type:") ? line.substr(line.find(':') + 1) : "");
  if (named("retry-after:")) {
    char* end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (end != value.c_str() && seconds >= 0) x.retry_after_s = seconds;
  }
  // Servers without streaming answer a stream request with one JSON body.
  if (named("content-type:")) x.json_body = value.find("json") != std::string::npos;
  return size * count;
}

// Called by libcurl at least once a second: aborts an exchange that has received nothing for the
// read timeout (libcurl's low-speed limit averages over a window, so it cannot say "idle for N s").
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& x = *static_cast<Exchange*>(user);
  if (x.read_timeout_s <= 0 || seconds_since(x.last_byte) <= x.read_timeout_s) return 0;
  x.timed_out = true;
  return 1;
}

// Why an attempt failed and whether trying again may help.
struct Failure {
  std::string reason;
  bool retryable = false;
};

std::string trim_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}
}  // namespace

OpenAIBackend::OpenAIBackend(std::string name, router::Endpoint endpoint, HttpBackendOptions options)
    : name_(std::move(name)), endpoint_(std::move(endpoint)), options_(std::move(options)) {
  if (!endpoint_.base_url.starts_with("http://") && !endpoint_.base_url.starts_with("https://"))
    throw std::invalid_argument(fmt::format("model '{}': base_url '{}' must start with http:// or https://", name_,
                                            endpoint_.base_url));
  if (endpoint_.model.empty()) throw std::invalid_argument(fmt::format("model '{}': the model id is empty", name_));
  endpoint_.base_url = trim_slash(endpoint_.base_url);
  init_curl_once();
}

GenerationResponse OpenAIBackend::generate(const GenerationRequest& request) {
  const Clock::time_point start = Clock::now();
  GenerationResponse failed;
  const auto fail = [&](std::string why) {
    failed.error = fmt::format("{}: {}", name_, why);
    failed.latency_s = seconds_since(start);
    return failed;
  };
  std::string key;
  if (!endpoint_.api_key_env.empty()) {
    const char* value = std::getenv(endpoint_.api_key_env.c_str());
    if (!value || !*value) return fail(fmt::format("the API key variable {} is not set", endpoint_.api_key_env));
    key = value;
  }
  const std::string url = endpoint_.base_url + (endpoint_.api == router::Endpoint::Api::chat ? "/chat/completions" : "/completions");
  const std::string body = detail::openai_request_body(endpoint_, request, options_.stream).dump();

  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(nullptr, curl_slist_free_all);
  const auto add_header = [&](const std::string& h) { headers.reset(curl_slist_append(headers.release(), h.c_str())); };
  add_header("Content-Type: application/json");
  if (options_.stream) add_header("Accept: text/event-stream");
  if (!key.empty()) add_header("Authorization: Bearer " + key);
  for (const auto& [k, v] : options_.headers) add_header(k + ": " + v);

  double backoff = options_.backoff_initial_s;
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) return fail("libcurl could not create a handle");
    Exchange x;
    x.curl = curl.get();
    x.stream = options_.stream;
    if (x.stream) x.parser.emplace(endpoint_.api);
    x.start = start;
    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &x);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM-based DNS timeouts
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout_s * 1000));
    x.last_byte = Clock::now();
    x.read_timeout_s = options_.read_timeout_s;
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &x);
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    const CURLcode code = curl_easy_perform(h);
    if (x.status == 0) curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &x.status);

    // A stream whose connection ended early is judged by what arrived: complete if [DONE] came.
    const bool cut_stream = x.stream && x.status == 200 &&
                            (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING);
    Failure failure;
    if (code == CURLE_WRITE_ERROR && x.parser && !x.parser->error().empty()) {
      failure = {x.parser->error(), false};
    } else if (x.timed_out) {
      // Retried only when the server had not begun to answer.
      failure = {fmt::format("read timeout: nothing received for {:g} s ({})", options_.read_timeout_s, url),
                 x.status == 0};
    } else if (code != CURLE_OK && !cut_stream) {
      const bool transport = code == CURLE_COULDNT_CONNECT || code == CURLE_OPERATION_TIMEDOUT ||
                             code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_RECV_ERROR ||
                             code == CURLE_SEND_ERROR || code == CURLE_GOT_NOTHING;
      // A cut-off body of a non-streamed answer is a truncation, not a reason to wait and retry.
      failure = {fmt::format("{} ({})", curl_easy_strerror(code), url), transport && x.status == 0};
      if (code == CURLE_PARTIAL_FILE) failure.reason = fmt::format("the answer was cut off: {}", failure.reason);
    } else if (x.status == 429 || x.status >= 500) {
      failure = {fmt::format("HTTP {}: {}", x.status, detail::openai_error_message(x.body)), true};
    } else if (x.status != 200) {
      failure = {fmt::format("HTTP {}: {}", x.status, detail::openai_error_message(x.body)), false};
    }
    if (failure.reason.empty()) {
      GenerationResponse out;
      if (x.stream && !x.json_body) {
        if (!x.parser->finish()) return fail(x.parser->error());
        out = x.parser->take_response();
      } else if (std::string why = detail::parse_openai_answer(x.body, endpoint_.api, out); !why.empty()) {
        return fail(why);
      }
      out.attempts = attempt + 1;
      out.latency_s = seconds_since(start);
      out.ttft_s = x.ttft_s >= 0 ? x.ttft_s : out.latency_s;
      const double per_choice = static_cast<double>(out.completion_tokens) / std::max<size_t>(1, out.choices.size());
      out.tpot_s = per_choice > 1 ? (out.latency_s - out.ttft_s) / (per_choice - 1) : 0;
      if (out.model.empty()) out.model = endpoint_.model;
      return out;
    }
    failed.attempts = attempt + 1;
    if (!failure.retryable || attempt >= options_.max_retries) {
      if (failure.retryable && attempt > 0) failure.reason += fmt::format(" (after {} attempts)", attempt + 1);
      return fail(failure.reason);
    }
    const double wait = std::min(options_.backoff_max_s, x.retry_after_s.value_or(backoff));
    std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.0, wait)));
    backoff = std::min(options_.backoff_max_s, backoff * 2);
  }
}

}  // namespace ascendgen
