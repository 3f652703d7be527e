#pragma once
// Passwords (argon2id through libsodium), bearer sessions stored as hashes with idle and
// absolute expiry, and sign-in throttling per account and per address.

#include <chrono>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "ycr/core/ids.h"
#include "ycr/core/repositories.h"

namespace ycr::services {

class PasswordHasher {
 public:
  explicit PasswordHasher(const std::string& cost = "interactive");
  std::string hash(const std::string& password) const;
  bool verify(const std::string& encodedHash, const std::string& password) const;
  // Spends the same time as verify() so an unknown username cannot be told apart by timing.
  void verifyDummy(const std::string& password) const;

 private:
  unsigned long long ops_;
  std::size_t mem_;
  std::string dummyHash_;
};

// Password rules: 12 to 256 characters, not a commonly used password, not the username.
Status checkPasswordRules(const std::string& password, const std::string& username);

// The signed-in person behind a request.
struct Principal {
  Id userId = 0;
  std::string username;
  std::string displayName;
  Role role = Role::referrer;
  Id organisationId = 0;
  OrganisationKind organisationKind = OrganisationKind::other;
  std::string organisationName;
  std::string tokenHash;
  // What the session must do before anything else (accounts.h): replace a one-time password,
  // enrol a second factor its role requires, or give the enrolled second factor.
  bool mustChangePassword = false;
  bool secondFactorEnrolled = false;
  bool secondFactorPending = false;   // signed in with the password only
  bool secondFactorRequired = false;  // require_second_factor is on and the role reads children's records
};

// An audit event for something a signed-in person did: the one place actor fields are filled.
AuditEvent auditEventFor(const Principal& who, Timestamp at, std::string action, std::string recordType,
                         std::string recordId);
// An audit event with no actor: something done by the command line, a schedule, an import or someone
// with a public link (a card's QR code, a survey link); `detail` says by what, where there is more to say.
AuditEvent unattributedEvent(Timestamp at, std::string action, std::string recordType, std::string recordId,
                             std::string detail = "");

struct SessionPolicy {
  std::chrono::minutes idle{30};
  std::chrono::hours absolute{12};
};

// Growing delay after repeated failures: free attempts, then 1 s, 2 s, 4 s ... up to a maximum.
// The state is kept in the store (sign_in_throttle), inside the caller's transaction, so every
// instance serving one database shares it. Failures are forgotten a day after the last one.
// The Authenticator keeps two: an account's failures from one client address (accountThrottle),
// and a client address's failures with any name (addressThrottle). Neither is keyed on the account
// alone, so nobody can lock an account's owner out from elsewhere.
class SignInThrottle {
 public:
  SignInThrottle(int freeAttempts, std::chrono::seconds maxDelay)
      : free_(freeAttempts), maxDelay_(maxDelay) {}
  // Seconds to wait before another attempt may be made for this key, or 0.
  std::chrono::seconds retryAfter(Transaction& tx, const std::string& key, Timestamp now) const;
  Status failure(Transaction& tx, const std::string& key, Timestamp now) const;
  Status success(Transaction& tx, const std::string& key) const;

 private:
  int free_;
  std::chrono::seconds maxDelay_;
};

class Authenticator {
 public:
  Authenticator(Store& store, const Clock& clock, IdSource& ids, const PasswordHasher& hasher,
                SessionPolicy policy, SignInThrottle& accountThrottle, SignInThrottle& addressThrottle);

  struct SignedIn {
    std::string token;
    Timestamp expiresAt;
    Principal principal;
  };
  // Same refusal for an unknown user, a wrong password and a deactivated account.
  Result<SignedIn> signIn(const std::string& username, const std::string& password,
                          const std::string& address);
  Result<Principal> authenticate(const std::string& bearerToken);
  // Roles whose sessions need the second factor (require_second_factor; empty: none).
  void requireSecondFactorFor(std::vector<Role> roles) { secondFactorRoles_ = std::move(roles); }
  bool secondFactorRequiredFor(Role role) const;
  Status signOut(const Principal& principal);

 private:
  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  const PasswordHasher& hasher_;
  SessionPolicy policy_;
  SignInThrottle& accountThrottle_;
  SignInThrottle& addressThrottle_;
  std::vector<Role> secondFactorRoles_;
  Principal principalFor(const User& user, const Organisation& org, const SessionRecord& session) const;
};

}  // namespace ycr::services
