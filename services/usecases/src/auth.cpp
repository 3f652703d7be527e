#include "ycr/services/auth.h"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "ycr/core/validation.h"
#include "ycr/services/client_address.h"

namespace ycr::services {

PasswordHasher::PasswordHasher(const std::string& cost) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  if (cost == "min") {
    ops_ = crypto_pwhash_OPSLIMIT_MIN;
    mem_ = crypto_pwhash_MEMLIMIT_MIN;
  } else if (cost == "moderate") {
    ops_ = crypto_pwhash_OPSLIMIT_MODERATE;
    mem_ = crypto_pwhash_MEMLIMIT_MODERATE;
  } else {
    ops_ = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem_ = crypto_pwhash_MEMLIMIT_INTERACTIVE;
  }
  dummyHash_ = hash("not a real password, used to even out timing");
}

std::string PasswordHasher::hash(const std::string& password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops_, mem_,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool PasswordHasher::verify(const std::string& encodedHash, const std::string& password) const {
  return crypto_pwhash_str_verify(encodedHash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verifyDummy(const std::string& password) const {
  (void)verify(dummyHash_, password);
}

Status checkPasswordRules(const std::string& password, const std::string& username) {
  // A short list of the most used passwords (and their obvious variants) is refused outright.
  static const std::unordered_set<std::string> common = {
      "password",     "password1",     "password12",    "password123",    "password1234",
      "passw0rd",     "123456789012",  "1234567890",    "qwertyuiop",     "qwertyuiop12",
      "iloveyou1234", "letmein12345",  "welcome12345",  "administrator",  "changeme1234",
      "trustno11234", "football1234",  "monkey123456",  "abc123456789",   "passwordpassword",
      "qwerty123456", "1q2w3e4r5t6y",  "young carers",  "youngcarers1",   "youngcarers123",
      "carerscentre", "carers centre", "letmeinplease", "welcomewelcome", "aaaaaaaaaaaa",
      "111111111111", "000000000000",  "123123123123",  "abcdefghijkl",   "sunshine1234",
      "princess1234", "dragon123456"};
  auto chars = validation::codePointCount(password);
  if (!validation::isValidUtf8(password))
    return DomainError::field("password", "invalid_characters",
                              "The password contains characters that cannot be read");
  if (chars < 12)
    return DomainError::field("password", "too_short", "The password must be at least 12 characters");
  if (chars > 256)
    return DomainError::field("password", "too_long", "The password must be 256 characters or fewer");
  std::string lower = password;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (common.count(lower))
    return DomainError::field("password", "too_common", "That password is too commonly used; choose another");
  if (!username.empty() && lower.find(username) != std::string::npos)
    return DomainError::field("password", "contains_username", "The password must not contain the username");
  return {};
}

AuditEvent auditEventFor(const Principal& who, Timestamp at, std::string action, std::string recordType,
                         std::string recordId) {
  AuditEvent e;
  e.at = at;
  e.actorUserId = who.userId;
  e.actorOrganisationId = who.organisationId;
  e.action = std::move(action);
  e.recordType = std::move(recordType);
  e.recordId = std::move(recordId);
  e.outcome = "ok";
  return e;
}

AuditEvent unattributedEvent(Timestamp at, std::string action, std::string recordType, std::string recordId,
                             std::string detail) {
  AuditEvent e;
  e.at = at;
  e.action = std::move(action);
  e.recordType = std::move(recordType);
  e.recordId = std::move(recordId);
  e.outcome = "ok";
  e.detail = std::move(detail);
  return e;
}

std::chrono::seconds SignInThrottle::retryAfter(Transaction& tx, const std::string& key,
                                                Timestamp now) const {
  auto until = tx.signInThrottle().lockedUntil(key);
  if (!until || *until <= now) return std::chrono::seconds(0);
  return std::chrono::duration_cast<std::chrono::seconds>(*until - now);
}

Status SignInThrottle::failure(Transaction& tx, const std::string& key, Timestamp now) const {
  // Forgetting old failures also bounds the table under a flood of made-up names.
  if (auto s = tx.signInThrottle().forgetBefore(now - std::chrono::hours(24)); !s) return s;
  auto failures = tx.signInThrottle().recordFailure(key, now);
  if (!failures) return failures.error();
  if (*failures < free_) return {};
  int over = std::min(*failures - free_, 20);
  // Timestamps are whole seconds (`now` is the real time rounded down), so a lock to now + 1 s
  // could end a few milliseconds later: one more second makes every wait at least 1 s, 2 s, 4 s...
  auto delay = std::min<std::chrono::seconds>(std::chrono::seconds((1LL << over) + 1), maxDelay_);
  return tx.signInThrottle().lockUntil(key, now + delay);
}

Status SignInThrottle::success(Transaction& tx, const std::string& key) const {
  return tx.signInThrottle().clear(key);
}

Authenticator::Authenticator(Store& store, const Clock& clock, IdSource& ids, const PasswordHasher& hasher,
                             SessionPolicy policy, SignInThrottle& accountThrottle,
                             SignInThrottle& addressThrottle)
    : store_(store),
      clock_(clock),
      ids_(ids),
      hasher_(hasher),
      policy_(policy),
      accountThrottle_(accountThrottle),
      addressThrottle_(addressThrottle) {}

Result<Authenticator::SignedIn> Authenticator::signIn(const std::string& rawUsername,
                                                      const std::string& password,
                                                      const std::string& address) {
  const auto now = clock_.now();
  std::string username = validation::trim(rawUsername);
  std::transform(username.begin(), username.end(), username.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  // Two counts, so that failures cannot be turned against someone else: the address's own (all
  // names tried from it: made-up usernames slow only that address) and the account's from that
  // address (a guessed password slows only the guesser; the account's owner signs in from
  // elsewhere unhindered). The account key is hashed: no usernames in the table, and a flood of
  // long made-up names cannot grow its rows.
  const std::string addressBucket = rateLimitKey(address);
  const std::string addressKey = "a:" + addressBucket;
  const std::string accountKey = "ua:" + sha256Hex(addressBucket + "\n" + username);
  std::chrono::seconds wait{0};
  {
    auto tx = store_.begin(false);
    wait = std::max(accountThrottle_.retryAfter(*tx, accountKey, now),
                    addressThrottle_.retryAfter(*tx, addressKey, now));
  }
  if (wait.count() > 0) {
    auto e = DomainError::throttled("Too many failed sign-in attempts. Try again in " +
                                    std::to_string(wait.count()) + " seconds.");
    e.fields.push_back({"retry_after", "retry_after", std::to_string(wait.count())});
    return e;
  }

  std::optional<User> user;
  std::optional<Organisation> org;
  {
    auto tx = store_.begin(false);
    user = tx->users().findByUsername(username);
    if (user) org = tx->organisations().findById(user->organisationId);
  }
  bool ok = false;
  if (user) {
    ok = hasher_.verify(user->passwordHash, password) && user->active && org && org->active;
  } else {
    hasher_.verifyDummy(password);
  }

  auto tx = store_.begin(true);
  AuditEvent audit;
  audit.at = now;
  audit.action = "session.create";
  audit.recordType = "user";
  audit.recordId = user ? std::to_string(user->id) : "";
  audit.actorUserId = user ? std::optional<Id>(user->id) : std::nullopt;
  audit.actorOrganisationId = user ? std::optional<Id>(user->organisationId) : std::nullopt;
  if (!ok) {
    if (auto s = accountThrottle_.failure(*tx, accountKey, now); !s) return s.error();
    if (auto s = addressThrottle_.failure(*tx, addressKey, now); !s) return s.error();
    audit.outcome = "refused";
    audit.reason = "wrong username or password, or account deactivated";
    if (auto s = tx->audit().append(audit); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    return DomainError::unauthenticated("The username or password is not right");
  }
  // Only the account's count from this address is cleared: signing in to an account of one's own
  // must not wipe out the failures an address has made with other names.
  if (auto s = accountThrottle_.success(*tx, accountKey); !s) return s.error();

  SessionRecord session;
  std::string token = ids_.token();
  session.tokenHash = sha256Hex(token);
  session.userId = user->id;
  session.createdAt = now;
  session.lastSeenAt = now;
  session.expiresAt = now + policy_.absolute;
  session.secondFactorPending = secondFactorRequiredFor(user->role) || !user->totpSecret.empty();
  if (auto s = tx->sessions().create(session); !s) return s.error();
  audit.outcome = "ok";
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();

  return SignedIn{token, std::min(session.expiresAt, now + policy_.idle), principalFor(*user, *org, session)};
}

Result<Principal> Authenticator::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 128) return DomainError::unauthenticated("Sign in to continue");
  const auto now = clock_.now();
  const std::string hash = sha256Hex(token);
  auto tx = store_.begin(false);
  auto session = tx->sessions().find(hash);
  if (!session || session->revoked || now >= session->expiresAt || now >= session->lastSeenAt + policy_.idle)
    return DomainError::unauthenticated("Your session has ended. Sign in again");
  auto user = tx->users().findById(session->userId);
  if (!user || !user->active) return DomainError::unauthenticated("Your session has ended. Sign in again");
  auto org = tx->organisations().findById(user->organisationId);
  if (!org || !org->active) return DomainError::unauthenticated("Your session has ended. Sign in again");
  tx.reset();
  // Sliding idle expiry: record activity at most once a minute to keep reads cheap.
  if (now - session->lastSeenAt >= std::chrono::minutes(1)) {
    auto wtx = store_.begin(true);
    (void)wtx->sessions().touch(hash, now);
    (void)wtx->commit();
  }
  return principalFor(*user, *org, *session);
}

bool Authenticator::secondFactorRequiredFor(Role role) const {
  return std::find(secondFactorRoles_.begin(), secondFactorRoles_.end(), role) != secondFactorRoles_.end();
}

Principal Authenticator::principalFor(const User& user, const Organisation& org,
                                      const SessionRecord& session) const {
  Principal p{user.id, user.username, user.displayName, user.role,
              org.id,  org.kind,      org.name,         session.tokenHash};
  p.mustChangePassword = user.mustChangePassword;
  p.secondFactorEnrolled = !user.totpSecret.empty();
  p.secondFactorPending = session.secondFactorPending;
  p.secondFactorRequired = secondFactorRequiredFor(user.role);
  return p;
}

Status Authenticator::signOut(const Principal& principal) {
  auto tx = store_.begin(true);
  if (auto s = tx->sessions().revoke(principal.tokenHash); !s) return s;
  auto audit =
      auditEventFor(principal, clock_.now(), "session.delete", "user", std::to_string(principal.userId));
  if (auto s = tx->audit().append(audit); !s) return s;
  return tx->commit();
}

}  // namespace ycr::services
