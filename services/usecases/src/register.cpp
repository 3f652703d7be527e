#include "ycr/services/register.h"

#include <algorithm>

#include "ycr/core/validation.h"
#include "ycr/services/assessments.h"
#include "ycr/services/consents.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/notices.h"
#include "ycr/services/policy.h"
#include "ycr/services/retention.h"
#include "ycr/services/tasks.h"

namespace ycr::services {

using pathways::CaseFacts;

pathways::CaseFacts factsOf(const Case& c, const YoungCarer& yc) {
  CaseFacts f;
  f.state = c.state;
  f.closeReason = c.closeReason;
  f.dateOfBirth = yc.dateOfBirth;
  f.referralReceived = c.referralReceived;
  f.safeguardingEscalated = c.safeguardingEscalated;
  f.safeguardingReturned = c.safeguardingReturned;
  f.planningFrom = c.planningFrom;
  f.planAgreed = c.planAgreed;
  f.reviewDue = c.reviewDue;
  f.ownerUserId = c.ownerUserId;
  f.ownerTeam = c.ownerTeam;
  return f;
}

void applyFacts(Case& c, const pathways::CaseFacts& f) {
  c.state = f.state;
  c.closeReason = f.closeReason;
  c.referralReceived = f.referralReceived;
  c.safeguardingEscalated = f.safeguardingEscalated;
  c.safeguardingReturned = f.safeguardingReturned;
  c.planningFrom = f.planningFrom;
  c.planAgreed = f.planAgreed;
  c.reviewDue = f.reviewDue;
  c.ownerUserId = f.ownerUserId;
  c.ownerTeam = f.ownerTeam;
}

Register::Register(Store& store, const Clock& clock, IdSource& ids, const pathways::Engine& engine,
                   IdentityResolver& resolver, Routing routing)
    : store_(store),
      clock_(clock),
      ids_(ids),
      engine_(engine),
      resolver_(resolver),
      routing_(std::move(routing)) {}

AuditEvent Register::auditFor(const Principal& who, std::string action, std::string recordType,
                              std::string recordId) const {
  return auditEventFor(who, clock_.now(), std::move(action), std::move(recordType), std::move(recordId));
}

void Register::auditRefusal(const Principal& who, const std::string& action, const std::string& recordType,
                            const std::string& recordId, const std::string& reason) {
  auto tx = store_.begin(true);
  auto e = auditFor(who, action, recordType, recordId);
  e.outcome = "refused";
  e.reason = reason;
  if (tx->audit().append(e)) (void)tx->commit();
}

// Exact identity first (it needs no index and sees records other instances wrote), then the
// probabilistic matcher. Records already merged away resolve to their survivor.
IdentityResolution Register::resolveIdentity(Transaction& tx, const YoungCarer& person) const {
  if (auto exact = tx.youngCarers().findExact(person.givenName, person.familyName, person.dateOfBirth,
                                              person.postcode)) {
    IdentityResolution r;
    r.decision = matching::MatchDecision::link;
    r.linkTo = *exact;
    r.reason = "same names, date of birth and postcode";
    return r;
  }
  resolver_.catchUp(tx);
  IdentityResolver::pruneChangeLog(tx);
  auto r = resolver_.resolve(personOf(person));
  if (r.linkTo)
    if (auto linked = tx.youngCarers().findById(*r.linkTo); linked && linked->mergedInto)
      r.linkTo = linked->mergedInto;
  return r;
}

// ---------------- young carers ----------------

// A new record is filed in the match index, and the intake lock let go, as soon as its writes have
// their place in the order of commits: the next intake, which may be about the same child, then
// finds it (in the index, and in the database within the same commit), and joins that commit rather
// than waiting for this one's fsync. If the commit fails, the record leaves the index before any
// later writer starts.
CommitHooks Register::filedAtCommit(std::unique_lock<std::mutex>& intakeLock, const YoungCarer* created) {
  CommitHooks hooks;
  hooks.joined = [this, &intakeLock, created] {
    if (created) resolver_.filed(*created);
    intakeLock.unlock();
  };
  if (created) hooks.abandoned = [this, id = created->id] { resolver_.forget(id); };
  return hooks;
}

Result<YoungCarer> Register::registerYoungCarer(const Principal& who, const YoungPersonInput& input) {
  auto built = buildYoungCarer(input, clock_.today());
  if (!built) return built.error();
  YoungCarer yc = std::move(built.value());
  std::unique_lock lock(resolver_.intakeLock());
  auto tx = store_.begin(true);
  auto identity = resolveIdentity(*tx, yc);
  if (identity.decision == matching::MatchDecision::link)
    return DomainError::conflict("This young person is already on the register as record " +
                                 std::to_string(*identity.linkTo) + " (" + identity.reason +
                                 "); update that record instead");
  yc.createdAt = yc.updatedAt = clock_.now();
  auto id = tx->youngCarers().create(yc);
  if (!id) return id.error();
  yc.id = *id;
  if (auto s = queueReviews(*tx, yc.id, identity.toReview, "registration by " + who.username, yc.createdAt);
      !s)
    return s.error();
  auto audit = auditFor(who, "young_carer.create", "young_carer", std::to_string(yc.id));
  if (!identity.toReview.empty()) audit.detail = "possible match queued: " + identity.reason;
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(filedAtCommit(lock, &yc)); !s) return s.error();
  return yc;
}

Result<YoungCarer> Register::youngCarer(const Principal& who, Id id) {
  auto tx = store_.begin(false);
  auto yc = tx->youngCarers().findById(id);
  if (!yc) return DomainError::notFound("There is no young carer with that id");
  if (!policy::canSeeYoungCarer(who, tx->cases().findByYoungCarer(id))) {
    auto e = auditFor(who, "young_carer.read", "young_carer", std::to_string(id));
    e.outcome = "refused";
    e.reason = "young carer's case owned by another service";
    (void)appendAudit(store_, std::move(tx), e);
    return DomainError::notFound("There is no young carer with that id");
  }
  // Every read of a child's identifiable record is audited.
  if (auto s = appendAudit(store_, std::move(tx),
                           auditFor(who, "young_carer.read", "young_carer", std::to_string(id)));
      !s)
    return s.error();
  return *yc;
}

Result<YoungCarer> Register::updateYoungCarer(const Principal& who, Id id, const YoungPersonInput& changes,
                                              const std::string& reason) {
  auto why = validation::text("reason", reason, 500, false);
  if (!why) return why.error();
  const bool dataProtection = who.role == Role::auditor;
  if (dataProtection && validation::trim(*why).empty())
    return DomainError::field("reason", "required", "Say why the record is corrected");
  auto tx = store_.begin(true);
  auto yc = tx->youngCarers().findById(id);
  if (!yc || !(dataProtection || policy::canSeeYoungCarer(who, tx->cases().findByYoungCarer(id))))
    return DomainError::notFound("There is no young carer with that id");
  if (auto refused = refuseCorrection(*yc)) return *refused;
  auto updated = applyChanges(*yc, changes, clock_.today());
  if (!updated) return updated.error();
  updated->updatedAt = clock_.now();
  if (auto s = tx->youngCarers().update(*updated); !s) return s.error();
  auto audit = auditFor(who, "young_carer.update", "young_carer", std::to_string(id));
  const auto changed = changedFields(*yc, *updated);
  audit.detail = changed.empty() ? "nothing changed" : "changed " + changed;
  audit.reason = validation::trim(*why);
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  resolver_.filed(*updated);  // a corrected name or date of birth is matched on at once
  return *updated;
}

Result<Page<YoungCarer>> Register::findYoungCarers(const Principal& who, const YoungCarerQuery& query) {
  if (validation::trim(query.text).empty())
    return DomainError::field("q", "required", "Enter a name to search for");
  if (!validation::isValidUtf8(query.text) || query.text.size() > 200)
    return DomainError::field("q", "invalid", "Enter a name of up to 200 characters");
  auto tx = store_.begin(false);
  YoungCarerQuery scoped = query;
  scoped.visibleToService = who.organisationName;
  auto page = tx->youngCarers().search(scoped);
  auto e = auditFor(who, "young_carer.search", "young_carer", "");
  e.detail = std::to_string(page.items.size()) + " results";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return page;
}

// ---------------- referrals ----------------

namespace {

// The referral as recorded: what the referrer said, in their words, with the young person as they
// described them.
Referral referralFrom(const ReferralInput& input, const std::string& caringSummary,
                      const std::string& safeguardingDetail) {
  Referral r;
  r.caringSummary = caringSummary;
  r.youngPersonAware = input.youngPersonAware.value_or(false);
  r.parentAware = input.parentAware.value_or(false);
  r.safeguardingConcern = input.safeguardingConcern;
  r.safeguardingDetail = safeguardingDetail;
  r.describedGivenName = input.youngPerson.givenName.value_or("");
  r.describedFamilyName = input.youngPerson.familyName.value_or("");
  r.describedDateOfBirth = input.youngPerson.dateOfBirth.value_or("");
  r.describedPostcode = input.youngPerson.postcode.value_or("");
  return r;
}

}  // namespace

ReferredPerson referredPerson(const YoungPersonInput& described, const Date& receivedDay, int adultAge) {
  ReferredPerson out{described, false};
  out.input.youngAdultCarer = false;
  if (described.dateOfBirth)
    if (auto dob = parseIsoDate(validation::trim(*described.dateOfBirth))) {
      const int age = ageOn(*dob, receivedDay);
      out.input.youngAdultCarer = age >= adultAge;
      out.olderThanYoungAdultCarer = age > 25;  // validation::ageForRegister's limit
    }
  return out;
}

Result<ReferralReceipt> Register::submitReferral(const Principal& who, const ReferralInput& input) {
  const Timestamp now = clock_.now();
  FieldErrors errors;
  for (const auto& e : input.inputErrors) errors.add(e.field, e.code, e.message);
  Timestamp receivedAt = now;
  if (input.receivedAt) {
    auto t = parseIsoTimestamp(*input.receivedAt);
    if (!t)
      errors.add("received_at", "invalid_time", "Give the time received like 2024-01-15T09:30:00Z");
    else if (*t > now)
      errors.add("received_at", "in_future", "The time received cannot be in the future");
    else
      receivedAt = *t;
  }
  // Young carer or young adult carer, by the age on the day the referral was received (referredPerson).
  const Date receivedDay = ukLocalDate(receivedAt);
  const auto described = referredPerson(input.youngPerson, receivedDay, engine_.config().adultAge);
  const bool olderThanYoungAdultCarer = described.olderThanYoungAdultCarer;
  auto yc = buildYoungCarer(described.input, std::min(receivedDay, clock_.today()), "young_person");
  if (!yc) errors.merge(yc.error());
  auto summary = validation::text("caring_summary", input.caringSummary, validation::kMaxTextLength, true);
  if (!summary) errors.merge(summary.error());
  auto caredFor = buildCaredFor(input.caredFor);
  if (!caredFor) errors.merge(caredFor.error());
  auto sgDetail = validation::text("safeguarding_detail", input.safeguardingDetail);
  if (!sgDetail) errors.merge(sgDetail.error());
  if (input.safeguardingConcern && validation::trim(input.safeguardingDetail).empty())
    errors.add("safeguarding_detail", "required", "Describe the safeguarding concern");
  if (!errors.empty())
    return olderThanYoungAdultCarer ? errors.toError(validation::kOlderThanYoungAdultCarer)
                                    : errors.toError();

  std::unique_lock lock(resolver_.intakeLock());
  auto tx = store_.begin(true);
  auto org = tx->organisations().findById(who.organisationId);
  if (!org) return DomainError::forbidden("Your organisation is not on the register");

  // One record per child: a referral about a known young person joins their record; one that
  // may be about a known child is recorded at once (the clock is running) and a person decides.
  YoungCarer person = std::move(yc.value());
  auto identity = resolveIdentity(*tx, person);
  bool known = identity.decision == matching::MatchDecision::link;
  if (known) {
    person = *tx->youngCarers().findById(*identity.linkTo);
  } else {
    person.createdAt = person.updatedAt = now;
    auto id = tx->youngCarers().create(person);
    if (!id) return id.error();
    person.id = *id;
  }

  std::optional<Case> existingCase = known ? tx->cases().findByYoungCarer(person.id) : std::nullopt;
  const auto home = AreaRouting::householdPostcode(input.youngPerson.postcode.value_or(""), person.postcode);
  auto service = intakeService(*tx, home, existingCase);
  if (!service) return service.error();
  const pathways::IntakeRequest intake{person.dateOfBirth, ukLocalDate(receivedAt), input.safeguardingConcern,
                                       *sgDetail, *service};
  std::optional<CaseFacts> facts;
  if (existingCase) facts = factsOf(*existingCase, person);
  auto outcome = engine_.intake(facts, intake, clock_.today());
  if (!outcome) return outcome.error();

  Case c = existingCase.value_or(Case{});
  applyFacts(c, outcome->after);
  c.youngCarerId = person.id;
  c.nextAction = outcome->nextAction.action;
  c.nextActionDue = outcome->nextAction.due;
  c.updatedAt = now;
  if (existingCase) {
    if (auto s = tx->cases().update(c); !s) return s.error();
    c.version += 1;
  } else {
    c.openedAt = now;
    auto id = tx->cases().create(c);
    if (!id) return id.error();
    c.id = *id;
  }

  Referral r = referralFrom(input, *summary, *sgDetail);
  r.reference = ids_.referralReference();
  r.organisationId = who.organisationId;
  r.route = org->kind;
  r.referrerUserId = who.userId;
  r.receivedAt = receivedAt;
  r.recordedAt = now;
  r.youngCarerId = person.id;
  r.caseId = c.id;
  auto refId = tx->referrals().create(r);
  if (!refId) return refId.error();
  r.id = *refId;

  // The people cared for, each a household member (households.h), and a task for adult services for
  // each adult not known to them, once per adult however many children care for them.
  std::vector<CaredForPerson> people = std::move(caredFor.value());
  if (auto s = storeCaredFor(*tx, who, person.id, r.id, people, input.caredFor); !s) return s.error();
  auto asked =
      oneTaskPerAdult(*tx, engine_.wholeFamilyTasks(people, clock_.today()), people, r.reference, who, now);
  if (!asked) return asked.error();
  // None when the young person said no to sharing with adult social care (consents.h): the timeline says so.
  bool withheld = !mayShare(*tx, person.id, SharingPartner::adult_social_care);
  const bool youngAdultCarer =
      outcome->kind != pathways::IntakeKind::joined && engine_.youngAdultCarerCase(outcome->after);
  withheld = withheld && (youngAdultCarer || !asked->empty());
  // Addressed by the household's area (area_routing.h), or resolved when read if none fits (tasks.h).
  const auto wholeFamilyTasks =
      withheld ? std::vector<pathways::WholeFamilyTask>{} : std::move(asked.value());
  const auto adultServices = wholeFamilyTasks.empty() && !youngAdultCarer
                                 ? std::nullopt
                                 : routing_.adultSocialCare.organisationFor(*tx, home);
  // A young adult carer is kept here and also passed to the adult carers' service, which assesses
  // adults' caring under the Care Act 2014 s10 (DOMAIN.md); adult social care is that service here, as
  // for the whole-family tasks below. Once per episode: a referral joining an open case adds none.
  auto addAdultServicesTask = [&](const char* kind, const std::string& action, const Date& due,
                                  std::optional<Id> caredForPersonId) -> Status {
    if (withheld) return {};
    CaseTask t;
    if (adultServices) t.organisationId = adultServices->id;
    t.caseId = c.id;
    t.kind = kind;
    t.description = action;
    t.assignedTo = std::string(toString(OrganisationKind::adult_social_care));
    t.due = due;
    t.caredForPersonId = caredForPersonId;
    t.createdAt = now;
    return addTaskWithNotice(*tx, t, r.reference, c.ownerTeam, now);
  };
  if (youngAdultCarer) {
    const auto task = engine_.youngAdultCarerTask(clock_.today());
    if (auto s = addAdultServicesTask("young_adult_carer_assessment", task.action, task.due, std::nullopt);
        !s)
      return s.error();
    // A known young carer referred again at 18 to 25 is a young adult carer now: the record says so.
    if (!person.youngAdultCarer) {
      person.youngAdultCarer = true;
      person.updatedAt = now;
      if (auto s = tx->youngCarers().update(person); !s) return s.error();
    }
  }
  for (const auto& task : wholeFamilyTasks)
    if (auto s = addAdultServicesTask("adult_social_care_assessment", task.action, task.due,
                                      task.caredForPersonId);
        !s)
      return s.error();

  CaseEvent ev;
  ev.caseId = c.id;
  ev.at = now;
  ev.actorUserId = who.userId;
  ev.event = outcome->kind == pathways::IntakeKind::new_case   ? "referral_received"
             : outcome->kind == pathways::IntakeKind::reopened ? "reopened_by_referral"
                                                               : "referral_joined";
  ev.fromState = outcome->from.value_or(outcome->to);
  ev.toState = outcome->to;
  // Read by caseworkers on the timeline: the organisation by name, as they know it.
  ev.reason = "Referral " + r.reference + " from " + org->name;
  if (withheld)
    ev.reason += "; no task for adult social care: the young person has not agreed to share with it";
  ev.referralId = r.id;
  if (auto id = tx->cases().appendEvent(ev); !id) return id.error();

  if (auto s = queueReviews(*tx, person.id, identity.toReview, "referral " + r.reference, now); !s)
    return s.error();

  auto audit = auditFor(who, "referral.create", "referral", r.reference);
  audit.detail = "case " + std::to_string(c.id) + " " + ev.event + "; young carer " +
                 std::to_string(person.id) +
                 (known                       ? " linked: "
                  : identity.toReview.empty() ? " new: "
                                              : " new, possible match queued: ") +
                 identity.reason;
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(filedAtCommit(lock, known ? nullptr : &person)); !s) return s.error();

  ReferralReceipt receipt;
  receipt.reference = r.reference;
  receipt.status = "received";
  receipt.receivedAt = receivedAt;
  receipt.decisionDue = engine_.clocks(outcome->after, clock_.today()).decision.due;
  receipt.referral = r;
  receipt.caseRecord = c;
  receipt.intake = outcome->kind;
  receipt.identity = known ? "linked" : identity.toReview.empty() ? "new" : "needs_review";
  receipt.identityReason = identity.reason;
  for (const auto& c : identity.toReview) receipt.possibleMatches.push_back(c.id);
  return receipt;
}

Result<ReferralView> Register::referral(const Principal& who, const std::string& reference) {
  auto tx = store_.begin(false);
  auto r = tx->referrals().findByReference(reference);
  std::optional<Case> c = r && r->caseId ? tx->cases().findById(*r->caseId) : std::nullopt;
  // A referral from another organisation is reported as not found: even its existence must not leak.
  if (!r || !policy::canSeeReferral(who, *r, c)) {
    auto e = auditFor(who, "referral.read", "referral", reference);
    e.outcome = r ? "refused" : "not_found";
    (void)appendAudit(store_, std::move(tx), e);
    return DomainError::notFound("There is no referral with that reference");
  }
  ReferralView v;
  v.referral = *r;
  // A referrer the young person said no to sharing with sees it as received, and no further (consents.h).
  v.status =
      c && (policy::seesReferralDetail(who) || partnerMayHear(*tx, who.organisationKind, r->youngCarerId))
          ? pathways::referrerStatus(c->state)
          : "received";
  if (policy::seesReferralDetail(who)) v.caseRecord = c;
  if (auto s = appendAudit(store_, std::move(tx), auditFor(who, "referral.read", "referral", reference)); !s)
    return s.error();
  return v;
}

Result<Page<ReferralView>> Register::referrals(const Principal& who, int limit, int offset) {
  auto tx = store_.begin(false);
  auto page = policy::worksCases(who) ? tx->referrals().listForService(who.organisationName, limit, offset)
                                      : tx->referrals().listByOrganisation(who.organisationId, limit, offset);
  Page<ReferralView> out;
  out.total = page.total;
  for (auto& r : page.items) {
    ReferralView v;
    std::optional<Case> c = r.caseId ? tx->cases().findById(*r.caseId) : std::nullopt;
    v.status =
        c && (policy::seesReferralDetail(who) || partnerMayHear(*tx, who.organisationKind, r.youngCarerId))
            ? pathways::referrerStatus(c->state)
            : "received";
    if (policy::seesReferralDetail(who)) v.caseRecord = c;
    v.referral = std::move(r);
    out.items.push_back(std::move(v));
  }
  auto e = auditFor(who, "referral.list", "referral", "");
  e.detail = std::to_string(out.items.size()) + " referrals";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

// ---------------- cases ----------------

CaseView Register::buildView(Transaction& tx, const Case& c, const YoungCarer& yc,
                             const Principal& who) const {
  CaseView v;
  v.caseRecord = c;
  v.youngCarer = yc;
  auto facts = factsOf(c, yc);
  addAssessmentFacts(tx, c, facts);
  const Date today = clock_.today();
  v.clocks = engine_.clocks(facts, today);
  v.youngAdultCarer = engine_.youngAdultCarerCase(facts);
  pathways::Actor actor{who.userId, who.role};
  v.allowedEvents = engine_.allowedEvents(facts, actor, today);
  v.tasks = tx.cases().tasks(c.id);
  for (const auto& t : v.tasks) {
    v.taskAddressees[t.id] = addresseeName(tx, t);
    if (int late = workingDaysOverdue(t, today, engine_.calendar()); late > 0)
      v.taskWorkingDaysOverdue[t.id] = late;
  }
  v.taskEvents = tx.cases().taskEvents(c.id);
  v.caredFor = tx.youngCarers().caredFor(yc.id);
  v.household = householdOf(tx, who, yc.id);
  v.sharing = partnersFrom(tx.consents().history(yc.id));
  v.referrals = tx.referrals().listForCase(c.id);
  std::reverse(v.referrals.begin(), v.referrals.end());
  addActivitiesAndSchool(tx, who, today, v);
  v.overdue = pathways::isOpen(c.state) && c.nextActionDue &&
              std::chrono::sys_days(*c.nextActionDue) < std::chrono::sys_days(today);
  return v;
}

Result<CaseView> Register::caseView(const Principal& who, Id caseId) {
  auto tx = store_.begin(false);
  auto c = tx->cases().findById(caseId);
  if (!c || !policy::canWorkCase(who, *c)) {
    if (c) {
      auto e = auditFor(who, "case.read", "case", std::to_string(caseId));
      e.outcome = "refused";
      e.reason = "case owned by another service";
      (void)appendAudit(store_, std::move(tx), e);
    }
    return DomainError::notFound("There is no case with that id");
  }
  auto yc = tx->youngCarers().findById(c->youngCarerId);
  if (!yc) return DomainError::internal("case without a young carer");
  auto view = buildView(*tx, *c, *yc, who);
  auto read = auditFor(who, "case.read", "case", std::to_string(caseId));
  read.detail = householdShown(view.household);  // the other young carers named on the page
  if (auto s = appendAudit(store_, std::move(tx), read); !s) return s.error();
  return view;
}

Result<CaseView> Register::applyEvent(const Principal& who, Id caseId, const pathways::EventRequest& request,
                                      std::optional<std::int64_t> expectedVersion) {
  const Timestamp now = clock_.now();
  auto tx = store_.begin(true);
  auto c = tx->cases().findById(caseId);
  if (!c || !policy::canWorkCase(who, *c)) return DomainError::notFound("There is no case with that id");
  if (expectedVersion && *expectedVersion != c->version)
    return DomainError::conflict("The case was changed by someone else; reload it and try again");
  auto yc = tx->youngCarers().findById(c->youngCarerId);
  if (!yc) return DomainError::internal("case without a young carer");
  if (yc->anonymisedAt) return *refuseCorrection(*yc);  // a stub kept for the figures: nothing to work on
  auto transfer = checkAssignment(*tx, who, *c, request);
  if (!transfer) return transfer.error();

  auto facts = factsOf(*c, *yc);
  addAssessmentFacts(*tx, *c, facts);
  // Completing an assessment is done on the assessment (Assessments::complete moves the case with it);
  // from any other state the engine refuses the event as it does any event the state does not allow.
  auto transition =
      request.event == pathways::Event::complete_assessment && c->state == CaseState::assessing
          ? Result<pathways::Transition>(completeTheAssessmentInstead(*tx, *c))
          : engine_.apply(facts, request, pathways::Actor{who.userId, who.role}, clock_.today());
  if (transition)
    if (auto s = checkAssessmentGuards(*tx, *c, request.event); !s) transition = s.error();
  if (!transition) {
    // A refusal changes nothing, but is still part of the record of who tried what.
    auto e = auditFor(who, "case.event", "case", std::to_string(caseId));
    e.outcome = "refused";
    e.reason = std::string(ycr::toString(request.event)) + ": " + transition.error().detail;
    if (tx->audit().append(e)) (void)tx->commit();
    return transition.error();
  }

  Case updated = *c;
  applyFacts(updated, transition->after);
  if (transition->nextAction) {
    updated.nextAction = transition->nextAction->action;
    updated.nextActionDue = transition->nextAction->due;
  } else {
    updated.nextAction.clear();
    updated.nextActionDue.reset();
  }
  updated.updatedAt = now;
  if (auto s = tx->cases().update(updated); !s) return s.error();
  updated.version += 1;
  // A closed case's ID cards stop verifying, in the same transaction as the close.
  if (std::find(transition->effects.begin(), transition->effects.end(), pathways::Effect::revoke_id_cards) !=
      transition->effects.end()) {
    std::string why = "Case closed";
    if (transition->closeReason) why += " (" + std::string(toString(*transition->closeReason)) + ")";
    if (auto r = revokeCardsFor(*tx, c->youngCarerId, why, now); !r) return r.error();
  }

  CaseEvent ev;
  ev.caseId = caseId;
  ev.at = now;
  ev.actorUserId = who.userId;
  ev.event = std::string(ycr::toString(request.event));
  ev.fromState = transition->from;
  ev.toState = transition->to;
  ev.reason = *transfer ? transferWords(c->ownerTeam, (*transfer)->name, validation::trim(request.reason))
              : !request.reason.empty() ? request.reason
                                        : request.receivingService;
  ev.closeReason = transition->closeReason;
  ev.late = transition->late;
  ev.lateReason = transition->lateReason;
  if (auto id = tx->cases().appendEvent(ev); !id) return id.error();
  if (auto s = recordEffects(*tx, updated, *transition, request, now); !s) return s.error();
  if (*transfer)
    if (auto s = writeTransferNotice(*tx, updated, **transfer, c->ownerTeam, now); !s) return s.error();

  auto audit = auditFor(who, "case.event", "case", std::to_string(caseId));
  audit.detail =
      ev.event + ": " + std::string(toString(ev.fromState)) + " -> " + std::string(toString(ev.toState));
  audit.reason = ev.reason;
  if (*transfer) audit.detail += "; transferred to organisation " + std::to_string((*transfer)->id);
  if (auto s = tx->audit().append(audit); !s) return s.error();
  auto view = buildView(*tx, updated, *yc, who);
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

}  // namespace ycr::services
