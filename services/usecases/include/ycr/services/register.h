#pragma once
// The register's use cases: what a person can do, independent of HTTP. Each call is one
// transaction in which the change and its audit event commit together, or not at all.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/ids.h"
#include "ycr/core/repositories.h"
#include "ycr/core/young_person.h"
#include "ycr/pathways/engine.h"
#include "ycr/services/activities.h"
#include "ycr/services/area_routing.h"
#include "ycr/services/auth.h"
#include "ycr/services/consents.h"
#include "ycr/services/households.h"
#include "ycr/services/identity.h"
#include "ycr/services/school_attendance.h"

namespace ycr::services {

struct CaredForInput {
  std::string relationship;
  std::vector<std::string> conditions;
  std::optional<bool> livesWithYoungCarer;
  std::optional<bool> knownToAdultSocialCare;
  std::string adultSocialCareReference;
  // The same person as this cared-for row already on the register (a sibling's mum): households.h.
  std::optional<Id> sameAsCaredForPerson;
};

struct ReferralInput {
  YoungPersonInput youngPerson;
  std::string caringSummary;
  std::vector<CaredForInput> caredFor;
  std::optional<bool> youngPersonAware;
  std::optional<bool> parentAware;
  bool safeguardingConcern = false;
  std::string safeguardingDetail;
  std::optional<std::string> receivedAt;  // ISO timestamp for a referral taken by phone or post
  // Problems already found in the request's shape (wrong types, unknown fields), reported
  // together with the domain's own validation so a person sees every problem at once.
  std::vector<FieldError> inputErrors;
};

// A referral's young person as the register judges them: young carer under 18, young adult carer 18 to
// 25 (DOMAIN.md), settled by the age on the day the referral was received, whatever the door said, so
// no referral is turned away because the referrer did not know the category. Every door (the API and
// the web form) asks this before validating.
struct ReferredPerson {
  YoungPersonInput input;                 // young_adult_carer set from the age
  bool olderThanYoungAdultCarer = false;  // over 25: refused, sent to the adult carers' service
};
ReferredPerson referredPerson(const YoungPersonInput& described, const Date& receivedDay, int adultAge = 18);

struct ReferralReceipt {
  std::string reference;
  std::string status;  // what the referrer may see: received, being_assessed, supported, closed
  Timestamp receivedAt{};
  Date decisionDue{};
  Referral referral;
  Case caseRecord;
  pathways::IntakeKind intake = pathways::IntakeKind::new_case;
  // How the young person was recognised: "new", "linked" or "needs_review", and why.
  std::string identity = "new";
  std::string identityReason;
  std::vector<Id> possibleMatches;  // records put in the review queue against this one
};

struct ReferralView {
  Referral referral;
  std::string status;
  std::optional<Case> caseRecord;  // only for case staff
};

struct CaseView {
  Case caseRecord;
  YoungCarer youngCarer;
  pathways::Clocks clocks;
  std::vector<pathways::Event> allowedEvents;
  std::vector<CaseTask> tasks;
  std::vector<CaredForPerson> caredFor;
  // The same people with their households: who else cares for them (households.h).
  std::vector<HouseholdMember> household;
  bool overdue = false;
  // A young adult carer's case: referred at 18 to 25 (pathways::Engine::youngAdultCarerCase).
  bool youngAdultCarer = false;
  // The case's referrals, newest first: each says in the referrer's words what the young carer does.
  std::vector<Referral> referrals;
  // Who each task is addressed to, by name (task id -> name; tasks.h addresseeName).
  std::map<Id, std::string> taskAddressees;
  // Working days each overdue task is overdue (task id -> days; tasks.h workingDaysOverdue); absent
  // when not overdue.
  std::map<Id, int> taskWorkingDaysOverdue;
  // Every task's status changes, oldest first: part of the case's story, shown on its timeline.
  std::vector<TaskEvent> taskEvents;
  // What the young person agreed to share, and with whom: every partner's decision in force (consents.h).
  std::vector<PartnerSharing> sharing;
  // The young carer's places on the caller's service's activities and breaks, oldest first (placesSeenBy).
  std::vector<std::pair<Activity, ActivityPlace>> activities;
  // Their national curriculum year group by age today, if of school age (yearGroupOn), and what their
  // school said of each term's attendance, the record in force per term, newest first (school_attendance.h).
  std::optional<int> yearGroup;
  std::vector<TermAttendance> schoolAttendance;
};

struct CaseListItem {
  Case caseRecord;
  std::string youngCarerName;
  bool overdue = false;
};

class Register {
 public:
  Register(Store& store, const Clock& clock, IdSource& ids, const pathways::Engine& engine,
           IdentityResolver& resolver, Routing routing = {});

  Result<YoungCarer> registerYoungCarer(const Principal& who, const YoungPersonInput& input);
  Result<YoungCarer> youngCarer(const Principal& who, Id id);
  // A correction, audited as young_carer.update with the fields it changed (never their values) and
  // the reason given, e.g. a rectification request; the match index takes the corrected details at once.
  // Case staff correct their service's records; the data protection role (auditor) any, with a reason.
  Result<YoungCarer> updateYoungCarer(const Principal& who, Id id, const YoungPersonInput& changes,
                                      const std::string& reason = "");
  Result<Page<YoungCarer>> findYoungCarers(const Principal& who, const YoungCarerQuery& query);

  Result<ReferralReceipt> submitReferral(const Principal& who, const ReferralInput& input);
  Result<ReferralView> referral(const Principal& who, const std::string& reference);
  Result<Page<ReferralView>> referrals(const Principal& who, int limit, int offset);

  Result<CaseView> caseView(const Principal& who, Id caseId);
  Result<CaseView> applyEvent(const Principal& who, Id caseId, const pathways::EventRequest& request,
                              std::optional<std::int64_t> expectedVersion);
  Result<std::vector<CaseEvent>> timeline(const Principal& who, Id caseId);
  Result<Page<CaseListItem>> cases(const Principal& who, CaseQuery query);
  // The whole of a work list (every page, the same scoping as cases()) for a file to take away,
  // audited as case.export naming the list (its filters, never a child), the format and the count
  // before anything is released. A list longer than kMaxExportRows is refused, not cut short.
  Result<std::vector<CaseListItem>> exportCases(const Principal& who, CaseQuery query,
                                                const std::string& listName, const std::string& format);
  static constexpr std::size_t kMaxExportRows = 50000;

  // The young carers services other than the caller's, active, that a team manager can transfer a case to
  // (the `assign` event with `assign_team`, register_routing.cpp).
  std::vector<Organisation> otherServices(const Principal& who);

  // Audits a refused request (403) against the record it tried to reach.
  void auditRefusal(const Principal& who, const std::string& action, const std::string& recordType,
                    const std::string& recordId, const std::string& reason);

  const pathways::Engine& engine() const { return engine_; }

 private:
  CommitHooks filedAtCommit(std::unique_lock<std::mutex>& intakeLock, const YoungCarer* created);
  AuditEvent auditFor(const Principal& who, std::string action, std::string recordType,
                      std::string recordId) const;
  // The young carers service a referral's new or reopened case goes to, by the child's home postcode
  // (register_routing.cpp); empty when the referral joins an open case; unavailable when none is active.
  Result<std::string> intakeService(Transaction& tx, const std::string& home,
                                    const std::optional<Case>& existing) const;
  // For `assign`: the worker must be active case staff of the caller's service; `assign_team` naming
  // another service is a transfer, by a team manager, to an active young carers service on the register,
  // which is returned.
  Result<std::optional<Organisation>> checkAssignment(Transaction& tx, const Principal& who, const Case& c,
                                                      const pathways::EventRequest& request) const;
  Page<CaseListItem> scopedCases(Transaction& tx, const Principal& who, CaseQuery query) const;
  IdentityResolution resolveIdentity(Transaction& tx, const YoungCarer& person) const;
  CaseView buildView(Transaction& tx, const Case& c, const YoungCarer& yc, const Principal& who) const;

  Store& store_;
  const Clock& clock_;
  IdSource& ids_;
  const pathways::Engine& engine_;
  IdentityResolver& resolver_;
  Routing routing_;
};

// The timeline's words for a transfer between services.
std::string transferWords(const std::string& from, const std::string& to, const std::string& reason);

// The engine's view of a stored case, and the stored case after a transition.
pathways::CaseFacts factsOf(const Case& c, const YoungCarer& yc);
void applyFacts(Case& c, const pathways::CaseFacts& facts);

}  // namespace ycr::services
