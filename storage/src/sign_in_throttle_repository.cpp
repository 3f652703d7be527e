#include "sign_in_throttle_repository.h"

namespace ycr::storage {

Result<int> SqlSignInThrottle::recordFailure(const std::string& key, Timestamp at) {
  // One statement, so two instances counting failures for the same key cannot lose one.
  sql_.exec(
      "INSERT INTO sign_in_throttle (throttle_key, failures, last_failure_at) VALUES (?, 1, ?) "
      "ON CONFLICT (throttle_key) DO UPDATE SET failures = sign_in_throttle.failures + 1, "
      "last_failure_at = excluded.last_failure_at",
      {key, iso(at)});
  auto row = sql_.one("SELECT failures FROM sign_in_throttle WHERE throttle_key = ?", {key});
  if (!row) return DomainError::internal("The sign-in failure was not recorded");
  return static_cast<int>(row->i64(0));
}

Status SqlSignInThrottle::lockUntil(const std::string& key, Timestamp until) {
  sql_.exec("UPDATE sign_in_throttle SET locked_until = ? WHERE throttle_key = ?", {iso(until), key});
  return {};
}

std::optional<Timestamp> SqlSignInThrottle::lockedUntil(const std::string& key) {
  auto row = sql_.one("SELECT locked_until FROM sign_in_throttle WHERE throttle_key = ?", {key});
  if (!row || row->str(0).empty()) return std::nullopt;
  return parseIsoTimestamp(row->str(0));
}

Status SqlSignInThrottle::clear(const std::string& key) {
  sql_.exec("DELETE FROM sign_in_throttle WHERE throttle_key = ?", {key});
  return {};
}

Status SqlSignInThrottle::forgetBefore(Timestamp before) {
  sql_.exec("DELETE FROM sign_in_throttle WHERE last_failure_at < ?", {iso(before)});
  return {};
}

}  // namespace ycr::storage
