#include "ycr/services/accounts.h"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "ycr/services/totp.h"

namespace ycr::services {

AccountStep accountStep(const Principal& who) {
  if (who.secondFactorPending && who.secondFactorEnrolled) return AccountStep::second_factor;
  if (who.mustChangePassword) return AccountStep::change_password;
  if (who.secondFactorRequired && !who.secondFactorEnrolled) return AccountStep::enrol_second_factor;
  return AccountStep::none;
}

const char* stepName(AccountStep step) {
  switch (step) {
    case AccountStep::second_factor: return "second_factor";
    case AccountStep::change_password: return "change_password";
    case AccountStep::enrol_second_factor: return "enrol_second_factor";
    case AccountStep::none: break;
  }
  return "none";
}

namespace {

// Recovery codes are compared in one form: lower case, no separators.
std::string normaliseRecoveryCode(const std::string& code) {
  std::string out;
  for (unsigned char c : code)
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

std::string newRecoveryCode() {
  static const char* alphabet = "abcdefghjkmnpqrstuvwxyz23456789";  // no 0/o, 1/l/i
  std::string code;
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += alphabet[randombytes_uniform(31)];
  }
  return code;
}

Status notNow(const char* what) {
  return DomainError::forbidden(what);
}

// What a sealed TOTP secret is bound to: its own account, so a sealed value copied onto another
// account's row does not open there.
std::string totpBinding(Id userId) {
  return "ycr totp v1 user " + std::to_string(userId);
}

}  // namespace

Accounts::Accounts(Store& store, const Clock& clock, const PasswordHasher& hasher, const SecretSealer& sealer,
                   std::string issuer)
    : store_(store), clock_(clock), hasher_(hasher), sealer_(sealer), issuer_(std::move(issuer)) {}

Status Accounts::changePassword(const Principal& who, const std::string& current,
                                const std::string& replacement) {
  if (accountStep(who) == AccountStep::second_factor)
    return notNow("Give the code from your authenticator app first.");
  std::optional<User> user;
  {
    auto tx = store_.begin(false);
    user = tx->users().findById(who.userId);
  }
  if (!user) return DomainError::unauthenticated("Your session has ended. Sign in again");
  FieldErrors errors;
  if (current.empty())
    errors.add("current_password", "required", "Enter your current password");
  else if (!hasher_.verify(user->passwordHash, current))
    errors.add("current_password", "wrong_password", "Your current password is not right");
  if (replacement.empty()) {
    errors.add("new_password", "required", "Enter a new password");
  } else if (auto s = checkPasswordRules(replacement, user->username); !s) {
    for (auto f : s.error().fields) {
      f.field = "new_password";
      errors.add(f.field, f.code, f.message);
    }
  } else if (replacement == current) {
    errors.add("new_password", "unchanged", "Choose a password different from your current one");
  }
  if (!errors.empty()) return errors.toError();
  auto hash = hasher_.hash(replacement);
  auto tx = store_.begin(true);
  if (auto s = tx->users().setPasswordHash(who.userId, hash); !s) return s;
  if (auto s = tx->users().setMustChangePassword(who.userId, false); !s) return s;
  // Anyone who knew the old password loses the sessions they opened with it.
  if (auto s = tx->sessions().revokeAllForUserExcept(who.userId, who.tokenHash); !s) return s;
  if (auto s = tx->audit().append(
          auditEventFor(who, clock_.now(), "user.change_password", "user", std::to_string(who.userId)));
      !s)
    return s;
  return tx->commit();
}

std::vector<SessionView> Accounts::sessions(const Principal& who) {
  auto tx = store_.begin(false);
  std::vector<SessionView> out;
  for (const auto& s : tx->sessions().listActiveForUser(who.userId, clock_.now()))
    out.push_back({s.id, s.createdAt, s.lastSeenAt, s.expiresAt, s.tokenHash == who.tokenHash});
  return out;
}

Status Accounts::endSession(const Principal& who, Id sessionId) {
  auto tx = store_.begin(true);
  for (const auto& s : tx->sessions().listActiveForUser(who.userId, clock_.now())) {
    if (s.id != sessionId) continue;
    if (auto st = tx->sessions().revoke(s.tokenHash); !st) return st;
    if (auto st = tx->audit().append(
            auditEventFor(who, clock_.now(), "session.end_own", "session", std::to_string(sessionId)));
        !st)
      return st;
    return tx->commit();
  }
  return DomainError::notFound("You have no open session with that number");
}

Result<Enrolment> Accounts::beginEnrolment(const Principal& who) {
  auto step = accountStep(who);
  if (step == AccountStep::second_factor)
    return notNow("Give the code from your authenticator app first.").error();
  if (step == AccountStep::change_password) return notNow("Change your password first.").error();
  std::string secret(20, '\0');  // 160 bits, RFC 4226's recommended length for HMAC-SHA1
  randombytes_buf(secret.data(), secret.size());
  Enrolment e;
  e.secret = totp::base32(secret);
  e.uri = totp::provisioningUri(issuer_, who.username, secret);
  auto qr = totp::qrSvg(e.uri);
  if (!qr) return DomainError::internal("The QR code could not be drawn");
  e.qrSvg = *qr;
  return e;
}

Result<std::vector<std::string>> Accounts::confirmEnrolment(const Principal& who,
                                                            const std::string& secretBase32,
                                                            const std::string& code) {
  auto step = accountStep(who);
  if (step == AccountStep::second_factor)
    return notNow("Give the code from your authenticator app first.").error();
  if (step == AccountStep::change_password) return notNow("Change your password first.").error();
  auto secret = totp::fromBase32(secretBase32);
  if (!secret || secret->size() < 16)
    return DomainError::field("secret", "invalid_secret",
                              "Start again: the secret was not one this service made");
  auto now = clock_.now();
  auto matched = totp::match(*secret, code, now);
  if (!matched)
    return DomainError::field(
        "code", "wrong_code",
        "The code is not right: enter the 6 digits your app shows now for this service");
  std::vector<std::string> codes, hashes;
  for (int i = 0; i < 10; ++i) {
    codes.push_back(newRecoveryCode());
    hashes.push_back(sha256Hex(normaliseRecoveryCode(codes.back())));
  }
  auto tx = store_.begin(true);
  if (auto s = tx->users().setTotpSecret(who.userId, sealer_.seal(*secret, totpBinding(who.userId))); !s)
    return s.error();
  if (auto used = tx->users().acceptTotpStep(who.userId, *matched); !used) return used.error();
  if (auto s = tx->users().replaceRecoveryCodes(who.userId, hashes); !s) return s.error();
  if (auto s = tx->sessions().completeSecondFactor(who.tokenHash); !s) return s.error();
  // A new authenticator replaces the old one: sessions opened with the old one end.
  if (auto s = tx->sessions().revokeAllForUserExcept(who.userId, who.tokenHash); !s) return s.error();
  if (auto s = tx->audit().append(
          auditEventFor(who, now, "user.enrol_second_factor", "user", std::to_string(who.userId)));
      !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return codes;
}

Status Accounts::giveSecondFactor(const Principal& who, const std::string& given) {
  if (!who.secondFactorPending || !who.secondFactorEnrolled)
    return DomainError::conflict("This session does not need a code");
  std::optional<User> user;
  {
    auto tx = store_.begin(false);
    user = tx->users().findById(who.userId);
  }
  if (!user) return DomainError::unauthenticated("Your session has ended. Sign in again");
  const auto now = clock_.now();
  auto tx = store_.begin(true);
  bool ok = false;
  std::string how;
  auto secret = sealer_.open(user->totpSecret, totpBinding(who.userId));
  if (!secret)  // recovery codes (hashes, not sealed) still work; an administrator can reset it
    spdlog::error(
        "A second-factor secret does not open with the key in the key directory (was secrets.key "
        "replaced?); recovery codes still work, and an administrator can reset it");
  if (auto step = secret ? totp::match(*secret, given, now) : std::nullopt) {
    auto fresh = tx->users().acceptTotpStep(who.userId, *step);
    if (!fresh) return fresh.error();
    ok = *fresh;  // a code already used (seen by someone looking over a shoulder) is refused
    how = "authenticator code";
  } else if (auto norm = normaliseRecoveryCode(given); norm.size() == 10) {
    auto used = tx->users().useRecoveryCode(who.userId, sha256Hex(norm));
    if (!used) return used.error();
    ok = *used;
    how = "recovery code";
  }
  auto audit = auditEventFor(who, now, "session.second_factor", "user", std::to_string(who.userId));
  if (ok) {
    if (auto s = tx->sessions().completeSecondFactor(who.tokenHash); !s) return s;
    audit.outcome = "ok";
    audit.detail = how;
    if (auto s = tx->audit().append(audit); !s) return s;
    std::lock_guard lock(failuresMutex_);
    failures_.erase(who.tokenHash);
    return tx->commit();
  }
  int failures;
  {
    std::lock_guard lock(failuresMutex_);
    failures = ++failures_[who.tokenHash];
    if (failures >= 5) failures_.erase(who.tokenHash);
  }
  audit.outcome = "refused";
  audit.reason = "wrong second factor";
  if (failures >= 5) {
    if (auto s = tx->sessions().revoke(who.tokenHash); !s) return s;
    audit.reason = "wrong second factor five times: session ended";
  }
  if (auto s = tx->audit().append(audit); !s) return s;
  if (auto s = tx->commit(); !s) return s;
  if (failures >= 5) return DomainError::unauthenticated("Too many wrong codes. Sign in again");
  return DomainError::field("code", "wrong_code", "The code is not right, or has been used already");
}

int Accounts::recoveryCodesLeft(const Principal& who) {
  auto tx = store_.begin(false);
  return tx->users().unusedRecoveryCodes(who.userId);
}

}  // namespace ycr::services
