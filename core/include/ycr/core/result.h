#pragma once
// Expected failures are values: a Result holds either a value or a DomainError.
// Exceptions are kept for bugs and infrastructure failures; storage converts
// database exceptions into DomainErrors at its edge.

#include <cassert>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ycr {

// What kind of failure, in domain terms. services/ maps each to one HTTP status
// (httpStatusFor in services/api/src/http.cpp); nothing below services mentions HTTP.
enum class ErrorCode {
  validation,          // input breaks a rule of the domain (field errors say which)
  malformed,           // input cannot be read at all (not JSON, not a CSV)
  not_found,           // no such record, or not visible to the caller
  conflict,            // clashes with the current state of a record (duplicate, stale)
  transition_refused,  // the pathway does not allow that event from the current state
  guard_failed,        // the event is allowed here but a guard (age, content, consent, role) says no
  unauthenticated,     // no or bad credentials
  forbidden,           // authenticated but not allowed
  throttled,           // too many attempts; try later
  unavailable,         // a dependency (database) cannot serve now
  internal,            // a bug; detail never reaches a client
};

const char* toString(ErrorCode code);
inline std::ostream& operator<<(std::ostream& os, ErrorCode code) {
  return os << toString(code);
}

struct FieldError {
  std::string field;    // JSON pointer-ish path, e.g. "young_person.date_of_birth"
  std::string code;     // stable machine code, e.g. "invalid_postcode"
  std::string message;  // worded for people
};

struct DomainError {
  ErrorCode code = ErrorCode::internal;
  std::string detail;
  std::vector<FieldError> fields;
  // For refused transitions: the events that are allowed now.
  std::vector<std::string> allowed;

  static DomainError validation(std::vector<FieldError> fields,
                                std::string detail = "The request has errors");
  static DomainError field(std::string field, std::string code, std::string message);
  static DomainError notFound(std::string detail);
  static DomainError conflict(std::string detail);
  static DomainError forbidden(std::string detail);
  static DomainError unauthenticated(std::string detail);
  static DomainError malformed(std::string detail);
  static DomainError guardFailed(std::string detail);
  static DomainError refused(std::string detail, std::vector<std::string> allowed);
  static DomainError throttled(std::string detail);
  static DomainError unavailable(std::string detail);
  static DomainError internal(std::string detail);
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
  Result(DomainError error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const DomainError& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }
  DomainError& error() {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, DomainError> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(DomainError error) : error_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const DomainError& error() const {
    assert(!ok());
    return *error_;
  }

 private:
  std::optional<DomainError> error_;
};

using Status = Result<void>;

// Collects field errors while validating a whole input, so a person sees every problem at once.
class FieldErrors {
 public:
  void add(std::string field, std::string code, std::string message) {
    errors_.push_back({std::move(field), std::move(code), std::move(message)});
  }
  void merge(const DomainError& e, const std::string& prefix = "") {
    for (auto f : e.fields) {
      if (!prefix.empty()) f.field = f.field.empty() ? prefix : prefix + "." + f.field;
      errors_.push_back(std::move(f));
    }
  }
  bool empty() const { return errors_.empty(); }
  const std::vector<FieldError>& all() const { return errors_; }
  DomainError toError(std::string detail = "The request has errors") const {
    return DomainError::validation(errors_, std::move(detail));
  }

 private:
  std::vector<FieldError> errors_;
};

}  // namespace ycr
