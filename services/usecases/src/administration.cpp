#include "ycr/services/administration.h"

#include <sodium.h>

#include "ycr/core/text.h"
#include "ycr/core/validation.h"
#include "ycr/services/notices.h"
#include "ycr/services/school_champions.h"

namespace ycr::services {
namespace {

// Where the organisation's notices are emailed: optional, and a plausible address when given.
std::string readNoticesEmail(FieldErrors& errors, const std::optional<std::string>& given) {
  const std::string email = given ? validation::trim(*given) : std::string();
  if (!email.empty() && !plausibleEmail(email))
    errors.add("notices_email", "invalid_email", "Enter an email address like name@example.org");
  return email;
}

// The organisation's identifier, checked against its kind: schools are known by their DfE URN and
// GP practices by their ODS code, which other records (a young carer's school and GP) refer to.
std::string readIdentifier(FieldErrors& errors, std::optional<OrganisationKind> kind,
                           const std::optional<std::string>& value) {
  const std::string text = validation::trim(value.value_or(""));
  if (kind == OrganisationKind::school || kind == OrganisationKind::gp_practice) {
    if (text.empty()) {
      errors.add(
          "identifier", "required",
          kind == OrganisationKind::school ? "Enter the school's URN" : "Enter the GP practice's ODS code");
      return {};
    }
    auto checked = kind == OrganisationKind::school ? validation::schoolUrn("identifier", text)
                                                    : validation::gpPracticeOds("identifier", text);
    if (!checked) {
      errors.merge(checked.error());
      return {};
    }
    return *checked;
  }
  return validation::textField(errors, "identifier", value, 50, false);
}

Result<Timestamp> readInstant(const std::string& field, const std::string& text, bool endOfDay) {
  if (auto t = parseIsoTimestamp(text)) return *t;
  // A date stands for a whole day as people in England see it; "to" includes that day.
  if (auto d = parseIsoDate(text)) return ukStartOfDay(endOfDay ? addDays(*d, 1) : *d);
  return DomainError::field(field, "invalid_timestamp",
                            field + " must be a date (2024-01-31) or a timestamp (2024-01-31T09:00:00Z)");
}

// A whole number within bounds, or the fallback when absent.
std::optional<int> readPageCount(FieldErrors& errors, const std::string& field, const std::string& text,
                                 int fallback, int min, int max) {
  if (text.empty()) return fallback;
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) {
    errors.add(field, "invalid_number", field + " must be a whole number");
    return std::nullopt;
  }
  int v = std::stoi(text);
  if (v < min || v > max) {
    errors.add(field, "out_of_range",
               field + " must be from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return v;
}

std::string describeFilter(const AuditFilter& f, int limit, int offset) {
  std::string out;
  auto add = [&out](const char* key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += std::string(key) + "=" + value;
  };
  add("record_type", f.recordType);
  add("record", f.recordId);
  add("actor", f.actor);
  add("from", f.from);
  add("to", f.to);
  add("limit", std::to_string(limit));
  add("offset", std::to_string(offset));
  return out;
}

}  // namespace

std::string RandomPasswordGenerator::oneTimePassword() {
  // Crockford base32 without I, L, O and U: nothing to misread when it is read out or copied.
  static constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::string out;
  for (int i = 0; i < 20; ++i) {
    if (i > 0 && i % 5 == 0) out += '-';
    out += kAlphabet[randombytes_uniform(32)];
  }
  return out;
}

Account accountOf(const User& u) {
  return Account{u.id,     u.username,  u.displayName,        u.role, u.organisationId,
                 u.active, u.createdAt, !u.totpSecret.empty()};
}

Administration::Administration(Store& store, const Clock& clock, const PasswordHasher& hasher,
                               PasswordGenerator& passwords, std::map<std::string, std::string> routed)
    : store_(store), clock_(clock), hasher_(hasher), passwords_(passwords), routed_(std::move(routed)) {}

Principal commandLineAdministrator() {
  Principal p;
  p.role = Role::admin;
  p.username = p.displayName = "the command line";
  return p;
}

AuditEvent Administration::auditFor(const Principal& who, std::string action, std::string recordType,
                                    std::string recordId) const {
  auto e = auditEventFor(who, clock_.now(), std::move(action), std::move(recordType), std::move(recordId));
  if (who.userId == 0) {  // commandLineAdministrator: no account acted
    e.actorUserId.reset();
    e.actorOrganisationId.reset();
    e.reason = "by the command line";
  }
  return e;
}

// The routing table already admits only administrators; the use cases check again so they
// stay safe when called from elsewhere (the command line, a future route).
static Status requireRole(const Principal& who, Role role) {
  if (who.role != role) return DomainError::forbidden("Your role does not allow this.");
  return {};
}

// ---------------- organisations ----------------

Result<std::vector<Organisation>> Administration::organisations(const Principal& who) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  auto tx = store_.begin(false);
  return tx->organisations().list();
}

Result<Organisation> Administration::createOrganisation(const Principal& who,
                                                        const OrganisationInput& input) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  FieldErrors errors;
  Organisation org;
  std::optional<OrganisationKind> kind;
  if (!input.kind) {
    errors.add("kind", "required", "Choose the kind of organisation");
  } else if (!(kind = parseEnum<OrganisationKind>(*input.kind))) {
    errors.add("kind", "invalid_choice", "Choose a kind of organisation from the list");
  }
  org.name = validation::textField(errors, "name", input.name, 200, true);
  org.identifier = readIdentifier(errors, kind, input.identifier);
  org.district = validation::textField(errors, "district", input.district, 100, false);
  org.noticesEmail = readNoticesEmail(errors, input.noticesEmail);
  if (!errors.empty()) return errors.toError();
  org.kind = *kind;
  org.createdAt = clock_.now();

  auto tx = store_.begin(true);
  // Names are compared without regard to case or accents, so "St Mary's" cannot be added twice.
  const std::string folded = text::fold(org.name);
  for (const auto& existing : tx->organisations().list()) {
    if (text::fold(existing.name) == folded)
      return DomainError::conflict("An organisation called '" + existing.name + "' exists");
    if (!org.identifier.empty() && existing.kind == org.kind && existing.identifier == org.identifier)
      return DomainError::conflict("'" + existing.name + "' already has the identifier " + org.identifier);
  }
  auto id = tx->organisations().create(org);
  if (!id) return id.error();
  org.id = *id;
  auto e = auditFor(who, "organisation.create", "organisation", std::to_string(org.id));
  e.detail = "kind=" + std::string(toString(org.kind));
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return org;
}

Result<Organisation> Administration::deactivateOrganisation(const Principal& who, Id organisationId) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  auto tx = store_.begin(true);
  auto org = tx->organisations().findById(organisationId);
  if (!org) return DomainError::notFound("There is no organisation with that id");
  // Deactivating their own organisation would lock the administrator out with everyone else.
  if (org->id == who.organisationId)
    return DomainError::conflict("You cannot deactivate your own organisation; ask another administrator");
  // Every open case belongs to an active service (issue 21): its cases are transferred first.
  if (org->kind == OrganisationKind::carers_centre) {
    CaseQuery open;
    open.ownerTeam = org->name;
    open.openOnly = true;
    open.limit = 1;
    if (const auto n = tx->cases().list(open).total; n > 0)
      return DomainError::conflict(org->name + " has " + std::to_string(n) + " open case" +
                                   (n == 1 ? "" : "s") +
                                   ": its team manager transfers them to another young carers service first");
  }
  if (auto named = routed_.find(org->name); named != routed_.end())
    return DomainError::conflict(org->name + " is named by the setting " + named->second +
                                 ", so referrals or tasks are sent to it: change " + named->second +
                                 " and restart the service first");
  if (auto s = tx->administration().setOrganisationActive(org->id, false); !s) return s.error();
  org->active = false;
  if (auto s = tx->audit().append(
          auditFor(who, "organisation.deactivate", "organisation", std::to_string(org->id)));
      !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return *org;
}

Result<Organisation> Administration::setNoticesEmail(const Principal& who, Id organisationId,
                                                     const std::string& address) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  FieldErrors errors;
  const std::string email = readNoticesEmail(errors, address);
  if (!errors.empty()) return errors.toError();
  auto tx = store_.begin(true);
  auto org = tx->organisations().findById(organisationId);
  if (!org) return DomainError::notFound("There is no organisation with that id");
  if (auto s = tx->administration().setNoticesEmail(org->id, email); !s) return s.error();
  org->noticesEmail = email;
  auto e = auditFor(who, "organisation.notices_email", "organisation", std::to_string(org->id));
  e.detail = email.empty() ? "notices stopped" : "notices address changed";
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return *org;
}

Result<NoticesPage> Administration::notices(const Principal& who, int limit, int offset) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  auto tx = store_.begin(true);
  NoticesPage page{tx->notices().list(limit, offset), tx->notices().count()};
  auto e = auditFor(who, "notice.list", "notice", "");
  e.detail = "limit " + std::to_string(limit) + " offset " + std::to_string(offset);
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return page;
}

// ---------------- accounts ----------------

Result<std::vector<Account>> Administration::accounts(const Principal& who) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  auto tx = store_.begin(false);
  std::vector<Account> out;
  for (const auto& u : tx->users().list()) out.push_back(accountOf(u));
  return out;
}

Result<AccountWithPassword> Administration::createAccount(const Principal& who, const UserInput& input) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  FieldErrors errors;
  User user;
  if (!input.username) {
    errors.add("username", "required", "Enter a username");
  } else if (auto name = validation::username("username", *input.username); !name) {
    errors.merge(name.error());
  } else {
    user.username = *name;
  }
  user.displayName = validation::textField(errors, "display_name", input.displayName, 100, true);
  if (!input.role) {
    errors.add("role", "required", "Choose a role");
  } else if (auto role = parseEnum<Role>(*input.role)) {
    user.role = *role;
  } else {
    errors.add("role", "invalid_choice", "Choose a role from the list");
  }
  std::optional<Organisation> org;
  if (!input.organisationId) {
    errors.add("organisation_id", "required", "Choose the organisation the person works for");
  } else {
    auto tx = store_.begin(false);
    org = tx->organisations().findById(static_cast<Id>(*input.organisationId));
    if (!org || !org->active)
      errors.add("organisation_id", "unknown_organisation", "There is no active organisation with that id");
  }
  std::string password;
  if (input.password) {
    if (auto s = checkPasswordRules(*input.password, user.username); !s) errors.merge(s.error());
    password = *input.password;
  }
  if (!errors.empty()) return errors.toError();
  AccountWithPassword result;
  if (password.empty()) {
    do {
      password = passwords_.oneTimePassword();
    } while (!checkPasswordRules(password, user.username));
    result.oneTimePassword = password;
  }
  user.organisationId = org->id;
  user.active = true;
  user.createdAt = clock_.now();
  // Hashing is slow by design; it happens before the write lock is taken.
  user.passwordHash = hasher_.hash(password);
  // A password the administrator has seen: the person replaces it at first sign-in.
  user.mustChangePassword = !result.oneTimePassword.empty();

  auto tx = store_.begin(true);
  if (tx->users().findByUsername(user.username)) return DomainError::conflict("That username is taken");
  auto id = tx->users().create(user);
  if (!id) return id.error();
  user.id = *id;
  auto e = auditFor(who, "user.create", "user", std::to_string(user.id));
  e.detail = "role=" + std::string(toString(user.role)) +
             " organisation_id=" + std::to_string(user.organisationId) +
             (result.oneTimePassword.empty() ? "" : " one_time_password=issued");
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  result.account = accountOf(user);
  return result;
}

Result<Account> Administration::deactivateAccount(const Principal& who, Id userId) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  auto tx = store_.begin(true);
  auto user = tx->users().findById(userId);
  if (!user) return DomainError::notFound("There is no user with that id");
  if (user->id == who.userId)
    return DomainError::conflict("You cannot deactivate your own account; ask another administrator");
  if (auto s = tx->users().setActive(user->id, false); !s) return s.error();
  if (auto s = tx->sessions().revokeAllForUser(user->id); !s) return s.error();
  user->active = false;
  auto ended = endChampionsOfAccount(*tx, user->id, clock_.now(), who.userId);
  if (!ended) return ended.error();
  auto e = auditFor(who, "user.deactivate", "user", std::to_string(user->id));
  if (*ended > 0) e.detail = "ended their time in post as a school's champion";
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return accountOf(*user);
}

Result<Account> Administration::resetSecondFactor(const Principal& who, Id userId) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  auto tx = store_.begin(true);
  auto user = tx->users().findById(userId);
  if (!user) return DomainError::notFound("There is no user with that id");
  if (user->id == who.userId)
    return DomainError::conflict("You cannot reset your own second factor; ask another administrator");
  if (user->totpSecret.empty())
    return DomainError::conflict(user->displayName +
                                 " has no authenticator app set up; there is nothing to reset");
  if (auto s = tx->users().setTotpSecret(user->id, ""); !s) return s.error();  // and the recovery codes
  if (auto s = tx->sessions().revokeAllForUser(user->id); !s) return s.error();
  user->totpSecret.clear();
  if (auto s =
          tx->audit().append(auditFor(who, "user.reset_second_factor", "user", std::to_string(user->id)));
      !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return accountOf(*user);
}

Result<AccountWithPassword> Administration::resetPassword(const Principal& who, Id userId) {
  if (auto s = requireRole(who, Role::admin); !s) return s.error();
  std::optional<User> user;
  {
    auto tx = store_.begin(false);
    user = tx->users().findById(userId);
  }
  if (!user) return DomainError::notFound("There is no user with that id");
  std::string password;
  do {
    password = passwords_.oneTimePassword();
  } while (!checkPasswordRules(password, user->username));
  const std::string hash = hasher_.hash(password);

  auto tx = store_.begin(true);
  if (auto s = tx->users().setPasswordHash(user->id, hash); !s) return s.error();
  if (auto s = tx->users().setMustChangePassword(user->id, true); !s) return s.error();
  // Whoever may have learnt the old password loses any session they opened with it.
  if (auto s = tx->sessions().revokeAllForUser(user->id); !s) return s.error();
  if (auto s = tx->audit().append(auditFor(who, "user.reset_password", "user", std::to_string(user->id))); !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return AccountWithPassword{accountOf(*user), password};
}

// ---------------- audit trail ----------------

Result<AuditTrailPage> Administration::readAudit(const Principal& who, const AuditFilter& filter) {
  if (auto s = requireRole(who, Role::auditor); !s) return s.error();
  FieldErrors errors;
  AuditQuery q;
  q.recordType = filter.recordType;
  q.recordId = filter.recordId;
  if (q.recordType.size() > 100)
    errors.add("record_type", "too_long", "record_type must be 100 characters or fewer");
  if (q.recordId.size() > 200) errors.add("record", "too_long", "record must be 200 characters or fewer");
  if (!filter.actor.empty()) {
    if (filter.actor.size() > 18 || filter.actor.find_first_not_of("0123456789") != std::string::npos)
      errors.add("actor", "invalid_id", "actor must be a user id");
    else
      q.actorUserId = static_cast<Id>(std::stoll(filter.actor));
  }
  if (!filter.from.empty()) {
    if (auto t = readInstant("from", filter.from, false))
      q.from = *t;
    else
      errors.merge(t.error());
  }
  if (!filter.to.empty()) {
    if (auto t = readInstant("to", filter.to, true))
      q.to = *t;
    else
      errors.merge(t.error());
  }
  if (q.from && q.to && *q.to < *q.from) errors.add("to", "before_from", "to must not be before from");
  auto limit = readPageCount(errors, "limit", filter.limit, 100, 1, 500);
  auto offset = readPageCount(errors, "offset", filter.offset, 0, 0, 100000000);
  if (!errors.empty()) return errors.toError();
  q.limit = *limit;
  q.offset = *offset;

  auto tx = store_.begin(true);
  auto page = tx->audit().query(q);
  // Who looked at the trail, and for what, is part of the trail.
  auto e = auditFor(who, "audit.read", "audit", "");
  e.detail = describeFilter(filter, q.limit, q.offset);
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return AuditTrailPage{std::move(page.items), page.total, q.limit, q.offset};
}

}  // namespace ycr::services
