#include "ycr/core/result.h"

namespace ycr {

const char* toString(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation: return "validation";
    case ErrorCode::malformed: return "malformed";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::transition_refused: return "transition_refused";
    case ErrorCode::guard_failed: return "guard_failed";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::throttled: return "throttled";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

DomainError DomainError::validation(std::vector<FieldError> fields, std::string detail) {
  return {ErrorCode::validation, std::move(detail), std::move(fields), {}};
}
DomainError DomainError::field(std::string field, std::string code, std::string message) {
  std::string detail = message;
  return {ErrorCode::validation,
          std::move(detail),
          {{std::move(field), std::move(code), std::move(message)}},
          {}};
}
DomainError DomainError::notFound(std::string detail) {
  return {ErrorCode::not_found, std::move(detail), {}, {}};
}
DomainError DomainError::conflict(std::string detail) {
  return {ErrorCode::conflict, std::move(detail), {}, {}};
}
DomainError DomainError::forbidden(std::string detail) {
  return {ErrorCode::forbidden, std::move(detail), {}, {}};
}
DomainError DomainError::unauthenticated(std::string detail) {
  return {ErrorCode::unauthenticated, std::move(detail), {}, {}};
}
DomainError DomainError::malformed(std::string detail) {
  return {ErrorCode::malformed, std::move(detail), {}, {}};
}
DomainError DomainError::guardFailed(std::string detail) {
  return {ErrorCode::guard_failed, std::move(detail), {}, {}};
}
DomainError DomainError::refused(std::string detail, std::vector<std::string> allowed) {
  return {ErrorCode::transition_refused, std::move(detail), {}, std::move(allowed)};
}
DomainError DomainError::throttled(std::string detail) {
  return {ErrorCode::throttled, std::move(detail), {}, {}};
}
DomainError DomainError::unavailable(std::string detail) {
  return {ErrorCode::unavailable, std::move(detail), {}, {}};
}
DomainError DomainError::internal(std::string detail) {
  return {ErrorCode::internal, std::move(detail), {}, {}};
}

}  // namespace ycr
