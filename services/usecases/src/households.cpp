#include "ycr/services/households.h"

#include <algorithm>

#include "ycr/core/validation.h"
#include "ycr/services/policy.h"
#include "ycr/services/register.h"

namespace ycr::services {
namespace {

constexpr const char* kAdultAssessment = "adult_social_care_assessment";

// As every read of a young carer's record: case staff of the service working their case (policy.h).
// An anonymised record is nobody's sibling any more: it is neither shown nor linked.
bool visibleTo(Transaction& tx, const Principal& who, Id youngCarerId) {
  auto yc = tx.youngCarers().findById(youngCarerId);
  if (!yc || yc->mergedInto || yc->anonymisedAt) return false;
  return policy::canSeeYoungCarer(who, tx.cases().findByYoungCarer(youngCarerId));
}

HouseholdMember memberOf(Transaction& tx, const Principal& who, const CaredForPerson& mine) {
  HouseholdMember m;
  m.caredFor = mine;
  const auto rows = mine.personId ? tx.youngCarers().caringFor(mine.personId) : std::vector{mine};
  for (const auto& row : rows) {
    for (auto c : row.conditions)
      if (std::find(m.conditions.begin(), m.conditions.end(), c) == m.conditions.end())
        m.conditions.push_back(c);
    m.knownToAdultSocialCare = m.knownToAdultSocialCare || row.knownToAdultSocialCare;
    if (!row.adultSocialCareReference.empty() &&
        std::find(m.adultSocialCareReferences.begin(), m.adultSocialCareReferences.end(),
                  row.adultSocialCareReference) == m.adultSocialCareReferences.end())
      m.adultSocialCareReferences.push_back(row.adultSocialCareReference);
    if (row.youngCarerId == mine.youngCarerId || !visibleTo(tx, who, row.youngCarerId) ||
        std::any_of(m.otherCarers.begin(), m.otherCarers.end(),
                    [&](const HouseholdCarer& o) { return o.youngCarerId == row.youngCarerId; }))
      continue;  // a child with two rows for the person (records merged) is named once
    auto yc = tx.youngCarers().findById(row.youngCarerId);
    auto c = tx.cases().findByYoungCarer(row.youngCarerId);
    m.otherCarers.push_back({row.youngCarerId, row.id, c ? std::optional<Id>(c->id) : std::nullopt,
                             yc->givenName + " " + yc->familyName, row.relationship});
  }
  std::sort(m.conditions.begin(), m.conditions.end());
  return m;
}

// The open (or accepted) task for adult social care to assess this person, from any child's case.
std::optional<CaseTask> openAdultTask(Transaction& tx, Id personId) {
  const auto rows = tx.youngCarers().caringFor(personId);
  for (const auto& row : rows) {
    auto c = tx.cases().findByYoungCarer(row.youngCarerId);
    if (!c) continue;
    for (auto& t : tx.cases().tasks(c->id))
      if (t.kind == kAdultAssessment && (t.status == TaskStatus::open || t.status == TaskStatus::accepted) &&
          t.caredForPersonId && std::any_of(rows.begin(), rows.end(), [&](const CaredForPerson& r) {
            return r.id == *t.caredForPersonId;
          }))
        return std::move(t);
  }
  return std::nullopt;
}

}  // namespace

std::vector<HouseholdMember> householdOf(Transaction& tx, const Principal& who, Id youngCarerId) {
  std::vector<HouseholdMember> out;
  for (const auto& p : tx.youngCarers().caredFor(youngCarerId)) out.push_back(memberOf(tx, who, p));
  return out;
}

std::string householdShown(const std::vector<HouseholdMember>& household) {
  std::vector<Id> ids;
  for (const auto& m : household)
    for (const auto& other : m.otherCarers)
      if (std::find(ids.begin(), ids.end(), other.youngCarerId) == ids.end())
        ids.push_back(other.youngCarerId);
  std::string out;
  for (Id id : ids) out += (out.empty() ? "household: young carers " : ", ") + std::to_string(id);
  return out;
}

Result<std::vector<CaredForPerson>> buildCaredFor(const std::vector<CaredForInput>& inputs) {
  FieldErrors errors;
  std::vector<CaredForPerson> out;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& in = inputs[i];
    std::string prefix = "cared_for[" + std::to_string(i) + "]";
    CaredForPerson p;
    if (auto r = parseEnum<Relationship>(in.relationship))
      p.relationship = *r;
    else
      errors.add(prefix + ".relationship", in.relationship.empty() ? "required" : "invalid_choice",
                 "Choose parent, step_parent, sibling, grandparent, other_relative or friend");
    for (std::size_t k = 0; k < in.conditions.size(); ++k) {
      if (auto c = parseEnum<Condition>(in.conditions[k]))
        p.conditions.push_back(*c);
      else
        errors.add(prefix + ".conditions[" + std::to_string(k) + "]", "invalid_choice",
                   "Choose a condition from the list (for example mental_ill_health)");
    }
    p.livesWithYoungCarer = in.livesWithYoungCarer.value_or(true);
    p.knownToAdultSocialCare = in.knownToAdultSocialCare.value_or(false);
    auto ref = validation::text(prefix + ".adult_social_care_reference", in.adultSocialCareReference, 100);
    if (ref)
      p.adultSocialCareReference = *ref;
    else
      errors.merge(ref.error());
    out.push_back(std::move(p));
  }
  if (inputs.size() > 20) errors.add("cared_for", "too_many", "Record at most 20 people cared for");
  if (!errors.empty()) return errors.toError();
  return out;
}

Status storeCaredFor(Transaction& tx, const Principal& who, Id youngCarerId, Id referralId,
                     std::vector<CaredForPerson>& people, const std::vector<CaredForInput>& inputs) {
  FieldErrors errors;
  for (std::size_t i = 0; i < people.size() && i < inputs.size(); ++i) {
    if (!inputs[i].sameAsCaredForPerson) continue;
    auto row = tx.youngCarers().findCaredFor(*inputs[i].sameAsCaredForPerson);
    // One answer whether the row is missing or not the caller's to see: nothing to learn by guessing.
    if (!row || !row->personId || !visibleTo(tx, who, row->youngCarerId))
      errors.add("cared_for[" + std::to_string(i) + "].same_as_cared_for_person", "not_found",
                 "There is no person cared for with that id on a case you work");
    else
      people[i].personId = row->personId;
  }
  if (!errors.empty()) return errors.toError();
  for (auto& p : people) {
    p.youngCarerId = youngCarerId;
    auto id = tx.youngCarers().addCaredFor(p, referralId);
    if (!id) return id.error();
    p.id = *id;
    if (!p.personId)
      if (auto stored = tx.youngCarers().findCaredFor(p.id)) p.personId = stored->personId;
  }
  return {};
}

Result<std::vector<pathways::WholeFamilyTask>> oneTaskPerAdult(Transaction& tx,
                                                               std::vector<pathways::WholeFamilyTask> tasks,
                                                               const std::vector<CaredForPerson>& people,
                                                               const std::string& referralReference,
                                                               const Principal& who, Timestamp now) {
  std::vector<pathways::WholeFamilyTask> out;
  std::vector<Id> asked;  // the people this referral's tasks are for: two rows naming one person ask once
  for (auto& task : tasks) {
    auto person = std::find_if(people.begin(), people.end(),
                               [&](const CaredForPerson& p) { return p.id == task.caredForPersonId; });
    if (person == people.end() || !person->personId) {
      out.push_back(std::move(task));
      continue;
    }
    if (std::find(asked.begin(), asked.end(), person->personId) != asked.end()) continue;
    const auto rows = tx.youngCarers().caringFor(person->personId);
    if (std::any_of(rows.begin(), rows.end(),
                    [](const CaredForPerson& r) { return r.knownToAdultSocialCare; }))
      continue;  // another child's referral says adult social care knows them already
    auto open = openAdultTask(tx, person->personId);
    if (!open) {
      asked.push_back(person->personId);
      out.push_back(std::move(task));
      continue;
    }
    // Noted on the task already asked for, in its history (shown on its case's timeline).
    TaskEvent note;
    note.taskId = open->id;
    note.caseId = open->caseId;
    note.at = now;
    note.actorUserId = who.userId;
    note.actorOrganisationId = who.organisationId;
    note.fromStatus = note.toStatus = open->status;
    note.note = "Referral " + referralReference + " is about another young carer caring for the same person";
    if (auto id = tx.cases().appendTaskEvent(note); !id) return id.error();
  }
  return out;
}

Result<std::vector<HouseholdMember>> Households::link(const Principal& who, Id youngCarerId, Id caredForId,
                                                      Id sameAs) {
  return change(who, youngCarerId, caredForId, sameAs);
}

Result<std::vector<HouseholdMember>> Households::unlink(const Principal& who, Id youngCarerId,
                                                        Id caredForId) {
  return change(who, youngCarerId, caredForId, std::nullopt);
}

Result<std::vector<HouseholdMember>> Households::change(const Principal& who, Id youngCarerId, Id caredForId,
                                                        std::optional<Id> sameAs) {
  auto tx = store_.begin(true);
  if (!visibleTo(*tx, who, youngCarerId))
    return DomainError::notFound("There is no young carer with that id");
  auto row = tx->youngCarers().findCaredFor(caredForId);
  if (!row || row->youngCarerId != youngCarerId)
    return DomainError::notFound("The young carer cares for no person with that id");
  std::optional<Id> person;
  if (sameAs) {
    auto other = tx->youngCarers().findCaredFor(*sameAs);
    if (!other || !other->personId || !visibleTo(*tx, who, other->youngCarerId))
      return DomainError::field("same_as_cared_for_person", "not_found",
                                "There is no person cared for with that id on a case you work");
    if (other->youngCarerId == youngCarerId)
      return DomainError::field("same_as_cared_for_person", "same_young_carer",
                                "Link the person to another young carer's, not to this young carer's own");
    person = other->personId;
  } else if (tx->youngCarers().caringFor(row->personId).size() <= 1) {
    return DomainError::conflict("This person is not linked to anyone else's");
  }
  auto linked = tx->youngCarers().linkCaredFor(caredForId, person);
  if (!linked) return linked.error();
  auto e =
      auditEventFor(who, clock_.now(), sameAs ? "cared_for.household_link" : "cared_for.household_unlink",
                    "young_carer", std::to_string(youngCarerId));
  e.detail = "cared-for person " + std::to_string(caredForId) + " now household member " +
             std::to_string(*linked) +
             (sameAs ? ", same as cared-for person " + std::to_string(*sameAs) : "");
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto household = householdOf(*tx, who, youngCarerId);
  if (auto s = tx->commit(); !s) return s.error();
  return household;
}

}  // namespace ycr::services
