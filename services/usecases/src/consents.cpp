#include "ycr/services/consents.h"

#include <algorithm>
#include <array>
#include <tuple>

#include "ycr/core/validation.h"
#include "ycr/pathways/table.h"
#include "ycr/services/policy.h"
#include "ycr/services/school_attendance.h"

namespace ycr::services {
namespace {

constexpr std::array kPartners = {SharingPartner::school, SharingPartner::health,
                                  SharingPartner::adult_social_care, SharingPartner::id_card_verifiers};

template <typename E>
std::optional<E> readChoice(FieldErrors& errors, const std::string& field,
                            const std::optional<std::string>& v, const std::string& choices) {
  if (!v || v->empty()) {
    errors.add(field, "required", field + " is required: one of " + choices);
    return std::nullopt;
  }
  auto e = parseEnum<E>(*v);
  if (!e) errors.add(field, "invalid_choice", field + " must be one of " + choices);
  return e;
}

Result<SharingConsent> readConsent(const ConsentInput& in, const Date& today) {
  FieldErrors errors;
  SharingConsent c;
  auto partner = readChoice<SharingPartner>(errors, "partner", in.partner,
                                            "school, health, adult_social_care, id_card_verifiers");
  auto decision = readChoice<ConsentDecision>(errors, "decision", in.decision, "agreed, refused, withdrawn");
  auto givenBy = readChoice<ConsentGivenBy>(errors, "given_by", in.givenBy,
                                            "young_person, parent_or_carer, young_person_and_parent");
  auto method =
      readChoice<ConsentMethod>(errors, "method", in.method, "in_person, phone, in_writing, online");
  if (!in.decidedOn || in.decidedOn->empty()) {
    errors.add("decided_on", "required", "decided_on is required (YYYY-MM-DD)");
  } else if (auto d = parseIsoDate(*in.decidedOn); !d) {
    errors.add("decided_on", "invalid_date", "decided_on must be a real date, YYYY-MM-DD");
  } else if (*d > today) {
    errors.add("decided_on", "in_the_future", "decided_on cannot be after today");
  } else {
    c.decidedOn = *d;
  }
  auto note = validation::text("note", in.note.value_or(""), Consents::kMaxNote, false);
  if (!note)
    errors.merge(note.error());
  else
    c.note = validation::trim(*note);
  if (!errors.empty()) return errors.toError();
  c.partner = *partner;
  c.decision = *decision;
  c.givenBy = *givenBy;
  c.method = *method;
  return c;
}

std::optional<Case> visibleCase(Transaction& tx, const Principal& who, Id youngCarerId, bool& visible) {
  auto y = tx.youngCarers().findById(youngCarerId);
  auto c = tx.cases().findByYoungCarer(youngCarerId);
  // Only the staff working the young carer's case record what they agreed: a record without a case,
  // or an anonymised one, has nobody to ask.
  visible = y && !y->mergedInto && !y->anonymisedAt && c && policy::canWorkCase(who, *c);
  return c;
}

// Refusing or withdrawing sharing with adult social care: the tasks still waiting for it (open, not yet
// taken up) are cancelled, each with a history row saying why. Accepted ones are adult social care's
// work already; staff are told of them on the case page as before.
Result<int> cancelAdultSocialCareTasks(Transaction& tx, const Principal& who, Id caseId, Timestamp now) {
  int cancelled = 0;
  for (const auto& t : tx.cases().tasks(caseId)) {
    if (t.status != TaskStatus::open || t.assignedTo != toString(OrganisationKind::adult_social_care))
      continue;
    CaseTask updated = t;
    updated.status = TaskStatus::cancelled;
    updated.updatedAt = now;
    if (auto s = tx.cases().updateTask(updated, TaskStatus::open); !s) return s.error();
    TaskEvent ev;
    ev.taskId = t.id;
    ev.caseId = caseId;
    ev.at = now;
    ev.actorUserId = who.userId;
    ev.actorOrganisationId = who.organisationId;
    ev.fromStatus = TaskStatus::open;
    ev.toStatus = TaskStatus::cancelled;
    ev.note = "Cancelled: the young person has not agreed to share their information with adult social care";
    if (auto id = tx.cases().appendTaskEvent(ev); !id) return id.error();
    ++cancelled;
  }
  return cancelled;
}

// Nothing recorded is not a refusal: only a refusal or a withdrawal stops the register telling.
bool stateAllows(SharingState state) {
  return state != SharingState::refused && state != SharingState::withdrawn;
}

}  // namespace

std::string_view sharingPartnerWords(SharingPartner partner) {
  switch (partner) {
    case SharingPartner::school: return "their school";
    case SharingPartner::health: return "their GP practice and health services";
    case SharingPartner::adult_social_care: return "adult social care";
    case SharingPartner::id_card_verifiers: return "health staff who check their ID card";
  }
  return "";
}

std::optional<SharingPartner> partnerFor(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::school: return SharingPartner::school;
    case OrganisationKind::gp_practice:
    case OrganisationKind::health: return SharingPartner::health;
    case OrganisationKind::adult_social_care: return SharingPartner::adult_social_care;
    default: return std::nullopt;
  }
}

bool mayShare(Transaction& tx, Id youngCarerId, SharingPartner partner) {
  return stateAllows(sharingState(tx.consents().history(youngCarerId), partner));
}

bool partnerMayHear(Transaction& tx, OrganisationKind kind, Id youngCarerId) {
  auto partner = partnerFor(kind);
  return !partner || mayShare(tx, youngCarerId, *partner);
}

std::vector<PartnerSharing> partnersFrom(const std::vector<SharingConsent>& history) {
  std::vector<PartnerSharing> out;
  for (auto p : kPartners) {
    PartnerSharing s{p, sharingState(history, p), std::nullopt};
    for (const auto& c : history)
      if (c.partner == p) s.latest = c;
    out.push_back(std::move(s));
  }
  return out;
}

Consents::Consents(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<ConsentsView> Consents::get(const Principal& who, Id youngCarerId) {
  auto tx = store_.begin(false);
  bool visible = false;
  visibleCase(*tx, who, youngCarerId, visible);
  if (!visible) return DomainError::notFound("There is no young carer with that id");
  ConsentsView v{youngCarerId, {}, tx->consents().history(youngCarerId), 0};
  v.partners = partnersFrom(v.history);
  if (auto s = appendAudit(
          store_, std::move(tx),
          auditEventFor(who, clock_.now(), "consent.read", "young_carer", std::to_string(youngCarerId)));
      !s)
    return s.error();
  return v;
}

Result<ConsentsView> Consents::record(const Principal& who, Id youngCarerId, const ConsentInput& input) {
  if (!policy::worksCases(who))
    return DomainError::forbidden("Only the young carer's case staff record what they agreed to share");
  auto consent = readConsent(input, clock_.today());
  if (!consent) return consent.error();
  const Timestamp now = clock_.now();
  auto tx = store_.begin(true);
  bool visible = false;
  auto c = visibleCase(*tx, who, youngCarerId, visible);
  if (!visible) return DomainError::notFound("There is no young carer with that id");
  consent->youngCarerId = youngCarerId;
  consent->recordedBy = who.userId;
  consent->recordedAt = now;
  auto id = tx->consents().add(*consent);
  if (!id) return id.error();
  ConsentsView v{youngCarerId, {}, tx->consents().history(youngCarerId), 0};
  v.partners = partnersFrom(v.history);
  // The decision just recorded may not be the one in force (a late record of an older decision).
  if (consent->partner == SharingPartner::adult_social_care &&
      !stateAllows(sharingState(v.history, SharingPartner::adult_social_care))) {
    auto n = cancelAdultSocialCareTasks(*tx, who, c->id, now);
    if (!n) return n.error();
    v.tasksCancelled = *n;
  }
  // The note stays with the decision, not in the audit trail: it may say things about the family.
  auto e = auditEventFor(who, now, "consent.record", "young_carer", std::to_string(youngCarerId));
  e.detail = std::string(toString(consent->partner)) + " " + std::string(toString(consent->decision)) +
             " on " + formatIsoDate(consent->decidedOn) + " by " + std::string(toString(consent->givenBy)) +
             (v.tasksCancelled ? "; " + std::to_string(v.tasksCancelled) + " task(s) cancelled" : "");
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return v;
}

Result<std::vector<SchoolListEntry>> Consents::schoolList(const Principal& who) {
  if (who.role != Role::referrer || who.organisationKind != OrganisationKind::school)
    return DomainError::forbidden("Only a school's own staff see its young carers");
  auto tx = store_.begin(false);
  auto school = tx->organisations().findById(who.organisationId);
  if (!school || !school->active || school->identifier.empty())
    return DomainError::conflict(
        "Your school has no URN on the register: ask the young carers service's administrator to add it");
  std::vector<SchoolListEntry> out;
  for (Id id : tx->consents().agreedAtSchool(school->identifier)) {
    auto y = tx->youngCarers().findById(id);
    auto c = tx->cases().findByYoungCarer(id);
    if (!y || !c || !pathways::isOpen(c->state)) continue;
    SchoolListEntry e{id, y->givenName, y->preferredName, y->familyName, y->dateOfBirth, {}, {}, {}, {}};
    auto flag = censusFlagFor(*tx, who.organisationId, c->id);
    e.censusFlag = flag.code;
    e.censusFlagBasis = flag.basis;
    if (auto terms = currentTerms(tx->schoolAttendance().forYoungCarer(id)); !terms.empty())
      e.latestTerm = terms.front();
    for (const auto& h : tx->consents().history(id))
      if (h.partner == SharingPartner::school) e.agreedOn = h.decidedOn;
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(), [](const SchoolListEntry& a, const SchoolListEntry& b) {
    return std::tie(a.familyName, a.givenName) < std::tie(b.familyName, b.givenName);
  });
  auto e = auditEventFor(who, clock_.now(), "school_list.read", "organisation",
                         std::to_string(who.organisationId));
  e.detail = std::to_string(out.size()) + " young carers";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

}  // namespace ycr::services
