#pragma once
// Administrators' and auditors' use cases: organisations, accounts and reading the audit
// trail. Each call is one transaction with its audit event; nothing here returns a password
// hash, and a one-time password leaves only in the result of the call that made it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct OrganisationInput {
  std::optional<std::string> kind;
  std::optional<std::string> name;
  std::optional<std::string> identifier;  // DfE URN for a school, ODS code for a GP practice
  std::optional<std::string> district;
  std::optional<std::string> noticesEmail;  // where its notices are emailed (notices.h)
};

struct UserInput {
  std::optional<std::string> username;
  std::optional<std::string> displayName;
  std::optional<std::string> role;
  std::optional<long long> organisationId;
  std::optional<std::string> password;  // omitted: a one-time password is generated
};

// An account as administrators see it: never the password hash.
struct Account {
  Id id = 0;
  std::string username;
  std::string displayName;
  Role role = Role::referrer;
  Id organisationId = 0;
  bool active = true;
  Timestamp createdAt{};
  bool secondFactorEnrolled = false;  // an authenticator app is set up
};

struct AccountWithPassword {
  Account account;
  std::string oneTimePassword;  // empty when the administrator chose the password
};

// The audit trail's filters as typed in a query string; checked by Administration::readAudit.
struct AuditFilter {
  std::string recordType;
  std::string recordId;
  std::string actor;   // a user id
  std::string from;    // ISO timestamp, or a date meaning the start of that day in England
  std::string to;      // ISO timestamp (exclusive), or a date meaning up to the end of that day
  std::string limit;   // 1 to 500, default 100
  std::string offset;  // default 0
};

struct NoticesPage {
  std::vector<Notice> items;  // newest first
  std::int64_t total = 0;
};

struct AuditTrailPage {
  std::vector<AuditEvent> items;  // newest first
  std::int64_t total = 0;
  int limit = 0;
  int offset = 0;
};

// Makes passwords for people to type once: 20 Crockford base32 characters in groups of 5
// (about 100 bits). An interface so another source (a test, a hardware generator) can stand in.
class PasswordGenerator {
 public:
  virtual ~PasswordGenerator() = default;
  virtual std::string oneTimePassword() = 0;
};

class RandomPasswordGenerator final : public PasswordGenerator {
 public:
  std::string oneTimePassword() override;
};

// The register's operator at the command line (`ycr organisation add`, `ycr user add`): an administrator
// with no account, for a register no administrator can sign in to yet. Audited with no actor, the
// reason "by the command line".
Principal commandLineAdministrator();

class Administration {
 public:
  // `routed`: the organisations the settings send work to, by exact name, each with the setting
  // naming it (intake_team, young_carers_service_by_district, adult_social_care_by_district,
  // adult_social_care_default). Deactivated, referrals or tasks would be routed to no one.
  Administration(Store& store, const Clock& clock, const PasswordHasher& hasher, PasswordGenerator& passwords,
                 std::map<std::string, std::string> routed = {});

  Result<std::vector<Organisation>> organisations(const Principal& who);
  Result<Organisation> createOrganisation(const Principal& who, const OrganisationInput& input);
  // Refused (409) for the caller's own organisation, a young carers service with open cases, and an
  // organisation a routing setting names (`routed`).
  Result<Organisation> deactivateOrganisation(const Principal& who, Id organisationId);
  // Where an organisation's notices are emailed from now on; empty stops them (notices.h). Notices
  // already written keep the address they were written with.
  Result<Organisation> setNoticesEmail(const Principal& who, Id organisationId, const std::string& address);
  // A page of the notices outbox, newest first; the reading is audited (notice.list), as notices
  // name referrals by their reference.
  Result<NoticesPage> notices(const Principal& who, int limit, int offset);

  Result<std::vector<Account>> accounts(const Principal& who);
  Result<AccountWithPassword> createAccount(const Principal& who, const UserInput& input);
  // Ends every session of the account at once.
  Result<Account> deactivateAccount(const Principal& who, Id userId);
  // A new one-time password; every session of the account ends.
  Result<AccountWithPassword> resetPassword(const Principal& who, Id userId);
  // For someone who lost their authenticator and their recovery codes: both are removed and every
  // session of the account ends; they sign in with their password and enrol again (when their
  // role requires it). Never one's own: another administrator checks who is asking.
  Result<Account> resetSecondFactor(const Principal& who, Id userId);

  // A page of the audit trail, newest first. The reading is itself audited.
  Result<AuditTrailPage> readAudit(const Principal& who, const AuditFilter& filter);

 private:
  AuditEvent auditFor(const Principal& who, std::string action, std::string recordType,
                      std::string recordId) const;

  Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  PasswordGenerator& passwords_;
  std::map<std::string, std::string> routed_;
};

Account accountOf(const User& user);

}  // namespace ycr::services
