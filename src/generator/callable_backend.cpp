#include <exception>

#include "ascendgen/generator/backend.h"

namespace ascendgen {

CallableBackend::CallableBackend(std::string name, Function function)
    : name_(std::move(name)), function_(std::move(function)) {}

GenerationResponse CallableBackend::generate(const GenerationRequest& request) {
  GenerationResponse response;
  try {
    response = function_(request);
  } catch (const std::exception& e) {
    response.error = name_ + ": " + e.what();
  } catch (...) {
    response.error = name_ + ": the backend function threw a non-standard exception";
  }
  if (response.error.empty() && response.choices.empty()) response.error = name_ + ": the backend returned no completion";
  if (response.model.empty()) response.model = name_;
  if (response.attempts == 0) response.attempts = 1;
  return response;
}

}  // namespace ascendgen
