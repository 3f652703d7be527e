#include "ycr/services/school_champions.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "ycr/core/text.h"
#include "ycr/core/validation.h"
#include "ycr/services/policy.h"

namespace ycr::services {
namespace {

Status requireChampionKeepers(const Principal& who) {
  if (policy::worksCases(who) || who.role == Role::admin) return {};
  return DomainError::forbidden(
      "Only a young carers service's case staff and administrators keep schools' young carer champions");
}

// The school on the register (deactivated or not); any other organisation is not a school.
Result<Organisation> schoolOf(Transaction& tx, Id schoolId) {
  auto o = tx.organisations().findById(schoolId);
  if (!o || o->kind != OrganisationKind::school)
    return DomainError::notFound("There is no school with that id");
  return *o;
}

}  // namespace

Result<int> endChampionsOfAccount(Transaction& tx, Id userId, Timestamp at, std::optional<Id> by) {
  return tx.schoolChampions().endForAccount(userId, ukLocalDate(at), "Their account was deactivated", by, at);
}

SchoolChampions::SchoolChampions(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<std::vector<SchoolChampionsView>> SchoolChampions::schools(const Principal& who) {
  if (auto s = requireChampionKeepers(who); !s) return s.error();
  auto tx = store_.begin(false);
  std::map<Id, std::vector<SchoolChampion>> inPost;
  for (auto& c : tx->schoolChampions().inPostOn(clock_.today()))
    inPost[c.organisationId].push_back(std::move(c));
  std::vector<SchoolChampionsView> out;
  for (auto& o : tx->organisations().list()) {
    if (o.kind != OrganisationKind::school || !o.active) continue;
    auto found = inPost.find(o.id);
    out.push_back(
        {std::move(o), found == inPost.end() ? std::vector<SchoolChampion>{} : std::move(found->second), {}});
  }
  // As a reader looks a school up: by name, whatever its capitals and punctuation; the URN breaks ties.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::make_tuple(text::fold(a.school.name), a.school.identifier, a.school.id) <
           std::make_tuple(text::fold(b.school.name), b.school.identifier, b.school.id);
  });
  return out;
}

Result<SchoolChampionsView> SchoolChampions::school(const Principal& who, Id schoolId) {
  if (auto s = requireChampionKeepers(who); !s) return s.error();
  auto tx = store_.begin(false);
  auto o = schoolOf(*tx, schoolId);
  if (!o) return o.error();
  SchoolChampionsView v{std::move(*o), tx->schoolChampions().forSchool(schoolId), {}};
  for (const auto& u : tx->users().activeAt(schoolId, Role::referrer))
    v.accounts.push_back({u.id, u.displayName});
  return v;
}

Result<SchoolChampionsView> SchoolChampions::champion(const Principal& who, Id championId) {
  if (auto s = requireChampionKeepers(who); !s) return s.error();
  auto tx = store_.begin(false);
  auto c = tx->schoolChampions().findById(championId);
  if (!c) return DomainError::notFound("There is no champion with that id");
  auto o = schoolOf(*tx, c->organisationId);
  if (!o) return o.error();
  return SchoolChampionsView{std::move(*o), {std::move(*c)}, {}};
}

Result<SchoolChampion> SchoolChampions::name(const Principal& who, Id schoolId, const ChampionInput& input) {
  if (auto s = requireChampionKeepers(who); !s) return s.error();
  FieldErrors errors;
  SchoolChampion c;
  c.name = input.name.value_or("");
  c.post = input.post.value_or("");
  // A missing or unreadable first day is said once, here; validateNew then checks the rest.
  c.since =
      validation::dateField(errors, input.since, "since", "the first day in post").value_or(clock_.today());
  if (input.userId) c.userId = static_cast<Id>(*input.userId);
  if (auto s = validateNew(c, clock_.today()); !s) errors.merge(s.error());
  if (!errors.empty()) return errors.toError("The champion's details have errors");

  auto tx = store_.begin(true);
  auto school = schoolOf(*tx, schoolId);
  if (!school) return school.error();
  if (!school->active) return DomainError::conflict(school->name + " has been deactivated on the register");
  if (c.userId) {
    auto u = tx->users().findById(*c.userId);
    if (!u || u->organisationId != schoolId || u->role != Role::referrer || !u->active)
      return DomainError::field("user_id", "not_found",
                                "There is no active referrer account at " + school->name + " with that id");
    for (const auto& other : tx->schoolChampions().forSchool(schoolId))
      if (other.userId == c.userId && !other.until)
        return DomainError::conflict(other.name + " is already a champion at " + school->name + ", since " +
                                     formatIsoDate(other.since));
  }
  c.organisationId = schoolId;
  c.recordedBy = who.userId;
  c.recordedAt = clock_.now();
  auto id = tx->schoolChampions().add(c);
  if (!id) return id.error();
  c.id = *id;
  auto e = auditEventFor(who, c.recordedAt, "champion.name", "school_champion", std::to_string(c.id));
  e.detail = "at school " + std::to_string(schoolId) + " from " + formatIsoDate(c.since);
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return c;
}

Result<SchoolChampion> SchoolChampions::end(const Principal& who, Id championId,
                                            const ChampionEndInput& input) {
  if (auto s = requireChampionKeepers(who); !s) return s.error();
  FieldErrors errors;
  auto until = validation::dateField(errors, input.until, "until", "the last day in post");
  const std::string reason = validation::trim(input.reason.value_or(""));
  auto tx = store_.begin(true);
  auto c = tx->schoolChampions().findById(championId);
  if (!c) return DomainError::notFound("There is no champion with that id");
  if (until) {
    if (auto s = validateEnd(*c, *until, reason, clock_.today()); !s) {
      if (s.error().fields.empty()) return s.error();  // already stepped down
      errors.merge(s.error());
    }
  }
  if (!errors.empty()) return errors.toError("Stepping down has errors");
  const auto now = clock_.now();
  auto ended = tx->schoolChampions().end(championId, *until, reason, who.userId, now);
  if (!ended) return ended.error();
  if (!*ended) return DomainError::conflict(c->name + " has already stepped down");
  auto e = auditEventFor(who, now, "champion.end", "school_champion", std::to_string(championId));
  e.detail = "at school " + std::to_string(c->organisationId) + " until " + formatIsoDate(*until);
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  c->until = until;
  c->endReason = reason;
  c->endedBy = who.userId;
  c->endedAt = now;
  return *c;
}

}  // namespace ycr::services
