#pragma once
// The domain model of DESIGN.md, as plain structs: no database or HTTP types here.
// Every enumeration has one spelling, used alike in code, API, UI and docs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/time.h"

namespace ycr {

using Id = std::int64_t;

// An enumeration's spellings, in order; parse and toString come from this one table.
template <class E>
struct EnumNames;

#define YCR_ENUM_NAMES(E, ...)                                 \
  template <>                                                  \
  struct EnumNames<E> {                                        \
    static constexpr std::string_view names[] = {__VA_ARGS__}; \
  };

template <class E>
std::string_view toString(E value) {
  return EnumNames<E>::names[static_cast<std::size_t>(value)];
}
template <class E>
std::optional<E> parseEnum(std::string_view text) {
  std::size_t i = 0;
  for (auto n : EnumNames<E>::names) {
    if (n == text) return static_cast<E>(i);
    ++i;
  }
  return std::nullopt;
}
template <class E>
std::vector<std::string> enumSpellings() {
  std::vector<std::string> out;
  for (auto n : EnumNames<E>::names) out.emplace_back(n);
  return out;
}

enum class Role { admin, caseworker, team_manager, referrer, commissioner, auditor };
YCR_ENUM_NAMES(Role, "admin", "caseworker", "team_manager", "referrer", "commissioner", "auditor")

enum class OrganisationKind {
  school,
  gp_practice,
  health,
  adult_social_care,
  childrens_social_care,
  early_help,
  voluntary,
  carers_centre,
  commissioner,
  self,  // the young person or a parent referring themselves
  other
};
YCR_ENUM_NAMES(OrganisationKind, "school", "gp_practice", "health", "adult_social_care",
               "childrens_social_care", "early_help", "voluntary", "carers_centre", "commissioner", "self",
               "other")

enum class Relationship { parent, step_parent, sibling, grandparent, other_relative, friend_ };
YCR_ENUM_NAMES(Relationship, "parent", "step_parent", "sibling", "grandparent", "other_relative", "friend")

enum class Condition {
  physical_illness_or_disability,
  mental_ill_health,
  sensory,
  learning_disability,
  alcohol,
  drugs,
  frailty,
  long_term_illness,
  other
};
YCR_ENUM_NAMES(Condition, "physical_illness_or_disability", "mental_ill_health", "sensory",
               "learning_disability", "alcohol", "drugs", "frailty", "long_term_illness", "other")

// 2021 census ethnic groups (England and Wales), high-level plus "not stated".
enum class EthnicGroup { asian, black, mixed, white, other, not_stated };
YCR_ENUM_NAMES(EthnicGroup, "asian", "black", "mixed", "white", "other", "not_stated")

enum class Gender { girl, boy, non_binary, other, not_stated };
YCR_ENUM_NAMES(Gender, "girl", "boy", "non_binary", "other", "not_stated")

// The pathway's states (see pathways/ for the transition table).
enum class CaseState {
  referred,
  screening,
  safeguarding,
  awaiting_assessment,
  assessing,
  support_planning,
  supported,
  reviewing,
  transition,
  handed_over,
  closed
};
YCR_ENUM_NAMES(CaseState, "referred", "screening", "safeguarding", "awaiting_assessment", "assessing",
               "support_planning", "supported", "reviewing", "transition", "handed_over", "closed")

enum class CloseReason {
  not_a_young_carer,
  signposted_to_universal_services,
  needs_met,
  declined,
  moved_away,
  no_longer_caring,
  merged,
  handed_over
};
YCR_ENUM_NAMES(CloseReason, "not_a_young_carer", "signposted_to_universal_services", "needs_met", "declined",
               "moved_away", "no_longer_caring", "merged", "handed_over")

struct Organisation {
  Id id = 0;
  OrganisationKind kind = OrganisationKind::other;
  std::string name;
  std::string identifier;  // DfE URN for schools, ODS code for GP practices; may be empty
  std::string district;
  bool active = true;
  Timestamp createdAt{};
  // Where the organisation's notices are emailed (notices.h); empty: it gets none by email and
  // sees status in the service.
  std::string noticesEmail;
};

struct User {
  Id id = 0;
  std::string username;
  std::string displayName;
  Role role = Role::referrer;
  Id organisationId = 0;
  bool active = true;
  std::string passwordHash;  // argon2id, libsodium's encoded form
  Timestamp createdAt{};
  // A password someone else chose (a one-time password from `ycr user add` or an administrator's
  // reset): the session may do nothing but replace it.
  bool mustChangePassword = false;
  // The TOTP (RFC 6238) shared secret as stored: sealed by the services' key (never the raw
  // bytes in the database); empty when no second factor is enrolled.
  std::string totpSecret;
  // The last time step a code was accepted for, so a code cannot be used twice.
  long long totpLastStep = 0;
};

struct YoungCarer {
  Id id = 0;
  std::string givenName;
  std::string familyName;
  std::string preferredName;
  Date dateOfBirth{};
  std::string gender;     // a Gender spelling or empty
  std::string ethnicity;  // an EthnicGroup spelling or empty
  std::string address;
  std::string postcode;       // normalised "LE2 7GH"
  std::string schoolUrn;      // 6 digits or empty
  std::string gpPracticeOds;  // letter and 5 digits or empty
  std::string nhsNumber;      // 10 digits or empty
  std::string communicationNeeds;
  bool youngAdultCarer = false;  // 18-25, kept through transition
  std::optional<Id> mergedInto;  // set when this record was absorbed into another
  Timestamp createdAt{};
  Timestamp updatedAt{};
  // Set when retention anonymised the record (core/include/ycr/core/retention_repository.h): a stub the
  // figures still count, which the match index and the search leave out.
  std::optional<Timestamp> anonymisedAt;
};

// One young carer's relationship to a person they care for, as their referral described them. Every
// child caring for the same person links to one household member (personId): what is known of the
// person is what all of their rows say together (households.h).
struct CaredForPerson {
  Id id = 0;
  Id youngCarerId = 0;
  Id personId = 0;  // the household member; 0 before it is stored (a new person)
  Relationship relationship = Relationship::parent;
  std::vector<Condition> conditions;
  bool livesWithYoungCarer = true;
  bool knownToAdultSocialCare = false;
  std::string adultSocialCareReference;
};

struct Referral {
  Id id = 0;
  std::string reference;  // given to the referrer at once
  Id organisationId = 0;  // the door it came through
  OrganisationKind route = OrganisationKind::other;
  Id referrerUserId = 0;
  Timestamp receivedAt{};
  Timestamp recordedAt{};
  Id youngCarerId = 0;
  std::optional<Id> caseId;
  std::string caringSummary;
  std::vector<CaredForPerson> caredFor;
  bool youngPersonAware = false;
  bool parentAware = false;
  bool safeguardingConcern = false;
  std::string safeguardingDetail;
  // The young person as the referrer described them, kept verbatim.
  std::string describedGivenName;
  std::string describedFamilyName;
  std::string describedDateOfBirth;
  std::string describedPostcode;
};

struct Case {
  Id id = 0;
  Id youngCarerId = 0;
  CaseState state = CaseState::referred;
  std::optional<CloseReason> closeReason;
  std::string ownerTeam;
  std::optional<Id> ownerUserId;
  std::string nextAction;
  std::optional<Date> nextActionDue;
  Date referralReceived{};                    // the current episode's referral; statutory clocks run from it
  std::optional<Date> safeguardingEscalated;  // when last held for children's social care
  std::optional<Date> safeguardingReturned;   // when children's social care last handed it back
  std::optional<Date> planningFrom;           // when support planning began
  std::optional<Date> planAgreed;             // when the current support plan was agreed
  std::optional<Date> reviewDue;
  Timestamp openedAt{};
  Timestamp updatedAt{};
  std::int64_t version = 0;  // optimistic concurrency
};

}  // namespace ycr

namespace ycr {

// One step in a case's history: who moved it, when, from where to where and why.
struct CaseEvent {
  Id id = 0;
  Id caseId = 0;
  Timestamp at{};
  std::optional<Id> actorUserId;
  std::string event;
  CaseState fromState = CaseState::referred;
  CaseState toState = CaseState::referred;
  std::string reason;
  std::optional<CloseReason> closeReason;
  bool late = false;
  std::string lateReason;
  std::optional<Id> referralId;  // set when a referral caused the step (intake, reopen)
};

// A task's life: open (addressed, nobody has picked it up), accepted (the service addressed is
// working on it), completed (with an outcome). Completing straight from open is allowed: an adult
// already supported, or a task not needed, should not have to be "accepted" first. Cancelled is
// kept for tasks withdrawn by the case's service (no route does it yet).
enum class TaskStatus { open, accepted, completed, cancelled };
YCR_ENUM_NAMES(TaskStatus, "open", "accepted", "completed", "cancelled")

// What the service a task was addressed to found when it completed it.
enum class TaskOutcome { assessed, already_supported, declined, not_needed };
YCR_ENUM_NAMES(TaskOutcome, "assessed", "already_supported", "declined", "not_needed")

// Work for someone other than the case owner, e.g. adult services assessing a cared-for adult.
struct CaseTask {
  Id id = 0;
  Id caseId = 0;
  std::string kind;  // e.g. "adult_social_care_assessment"
  std::string description;
  std::string assignedTo;  // a team or service, e.g. "adult_social_care"
  Date due{};
  TaskStatus status = TaskStatus::open;
  std::optional<Id> caredForPersonId;
  Timestamp createdAt{};
  // The organisation the task is addressed to; unset when it could not be chosen at creation (no
  // single active organisation of the kind `assignedTo` names), and then resolved when read.
  std::optional<Id> organisationId;
  std::optional<TaskOutcome> outcome;  // set when completed
  std::string note;                    // the addressed service's last note
  Timestamp updatedAt{};
};

// One change of a task's status: the task's history, shown on its case's timeline. Kept apart from
// case_events, whose every row the pathway's indicators read as a step of the case.
struct TaskEvent {
  Id id = 0;
  Id taskId = 0;
  Id caseId = 0;
  Timestamp at{};
  std::optional<Id> actorUserId;
  std::optional<Id> actorOrganisationId;
  TaskStatus fromStatus = TaskStatus::open;
  TaskStatus toStatus = TaskStatus::open;
  std::optional<TaskOutcome> outcome;
  std::string note;
};

// A signed-in session; only a hash of the bearer token is stored.
struct SessionRecord {
  std::string tokenHash;
  Id userId = 0;
  Timestamp createdAt{};
  Timestamp lastSeenAt{};
  Timestamp expiresAt{};  // absolute expiry
  bool revoked = false;
  Id id = 0;  // a number to name the session by (its owner sees and ends sessions by it); never the token
  // Signed in with a password but not yet with the second factor: the session may only complete it.
  bool secondFactorPending = false;
};

// Append-only, hash-chained record of every access and change.
struct AuditEvent {
  std::int64_t seq = 0;
  Timestamp at{};
  std::optional<Id> actorUserId;
  std::optional<Id> actorOrganisationId;
  std::string action;      // e.g. "young_carer.read", "case.event", "session.create"
  std::string recordType;  // e.g. "young_carer", "case", "referral", "user"
  std::string recordId;
  std::string outcome;  // "ok", "refused", "failed"
  std::string reason;
  std::string detail;
  std::string prevHash;
  std::string hash;
};

}  // namespace ycr
