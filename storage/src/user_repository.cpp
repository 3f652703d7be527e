// SqlUsers (repositories.h): accounts, their passwords and second factors.

#include <Poco/Exception.h>

#include "repositories.h"

namespace ycr::storage {
namespace {

constexpr const char* kSelectUsers =
    "SELECT id, username, display_name, role, organisation_id, password_hash, active, created_at, "
    "must_change_password, totp_secret, totp_last_step FROM users";
// The TOTP secret is kept as hex text, so it reads like every other column.
std::string toHex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}
std::string fromHex(const std::string& hex) {
  std::string out;
  auto val = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(val(hex[i]) * 16 + val(hex[i + 1]));
  return out;
}
User userFromRow(const Row& r) {
  User u;
  u.id = r.i64(0);
  u.username = r.str(1);
  u.displayName = r.str(2);
  u.role = parseEnum<Role>(r.str(3)).value_or(Role::referrer);
  u.organisationId = r.i64(4);
  u.passwordHash = r.str(5);
  u.active = r.boolean(6);
  u.createdAt = r.time(7);
  u.mustChangePassword = r.boolean(8);
  u.totpSecret = fromHex(r.str(9));
  u.totpLastStep = r.i64(10);
  return u;
}

}  // namespace

Result<Id> SqlUsers::create(const User& u) {
  try {
    return sql_.insert(
        "INSERT INTO users(username, display_name, role, organisation_id, password_hash, active, created_at, "
        "must_change_password) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
        {u.username, u.displayName, std::string(toString(u.role)), static_cast<long long>(u.organisationId),
         u.passwordHash, flag(u.active), iso(u.createdAt), flag(u.mustChangePassword)});
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e)) return DomainError::conflict("That username is taken");
    throw;
  }
}
std::optional<User> SqlUsers::findById(Id id) {
  auto r = sql_.one(std::string(kSelectUsers) + " WHERE id = ?", {static_cast<long long>(id)});
  return r ? std::optional(userFromRow(*r)) : std::nullopt;
}
std::optional<User> SqlUsers::findByUsername(const std::string& username) {
  auto r = sql_.one(std::string(kSelectUsers) + " WHERE username = ?", {username});
  return r ? std::optional(userFromRow(*r)) : std::nullopt;
}
std::vector<User> SqlUsers::list() {
  std::vector<User> out;
  for (auto& r : sql_.query(std::string(kSelectUsers) + " ORDER BY username")) out.push_back(userFromRow(r));
  return out;
}
std::vector<User> SqlUsers::activeAt(Id organisationId, Role role) {
  std::vector<User> out;
  for (auto& r : sql_.query(std::string(kSelectUsers) +
                                " WHERE organisation_id = ? AND role = ? AND active = 1 ORDER BY username",
                            {static_cast<long long>(organisationId), std::string(toString(role))}))
    out.push_back(userFromRow(r));
  return out;
}
Status SqlUsers::setActive(Id id, bool active) {
  if (sql_.exec("UPDATE users SET active = ? WHERE id = ?", {flag(active), static_cast<long long>(id)}) == 0)
    return DomainError::notFound("No such user");
  return {};
}
Status SqlUsers::setPasswordHash(Id id, const std::string& hash) {
  if (sql_.exec("UPDATE users SET password_hash = ? WHERE id = ?", {hash, static_cast<long long>(id)}) == 0)
    return DomainError::notFound("No such user");
  return {};
}

Status SqlUsers::setMustChangePassword(Id id, bool must) {
  if (sql_.exec("UPDATE users SET must_change_password = ? WHERE id = ?",
                {flag(must), static_cast<long long>(id)}) == 0)
    return DomainError::notFound("No such user");
  return {};
}
Status SqlUsers::setTotpSecret(Id id, const std::string& secret) {
  if (sql_.exec("UPDATE users SET totp_secret = ?, totp_last_step = 0 WHERE id = ?",
                {toHex(secret), static_cast<long long>(id)}) == 0)
    return DomainError::notFound("No such user");
  if (secret.empty()) sql_.exec("DELETE FROM recovery_codes WHERE user_id = ?", {static_cast<long long>(id)});
  return {};
}
Result<bool> SqlUsers::acceptTotpStep(Id id, long long step) {
  return sql_.exec("UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
                   {step, static_cast<long long>(id), step}) == 1;
}
Status SqlUsers::replaceRecoveryCodes(Id id, const std::vector<std::string>& codeHashes) {
  sql_.exec("DELETE FROM recovery_codes WHERE user_id = ?", {static_cast<long long>(id)});
  for (const auto& h : codeHashes)
    sql_.exec("INSERT INTO recovery_codes(user_id, code_hash) VALUES (?, ?)",
              {static_cast<long long>(id), h});
  return {};
}
Result<bool> SqlUsers::useRecoveryCode(Id id, const std::string& codeHash) {
  return sql_.exec("DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?",
                   {static_cast<long long>(id), codeHash}) == 1;
}
int SqlUsers::unusedRecoveryCodes(Id id) {
  return static_cast<int>(
      sql_.one("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?", {static_cast<long long>(id)})
          ->i64(0));
}

// ---------------- sessions ----------------

}  // namespace ycr::storage
