// The people each young carer cares for, and households (migration 0020): every child's row describing
// one person links to the same household member (person_id).

#include "repositories.h"

namespace ycr::storage {

std::string joinConditions(const std::vector<Condition>& conditions) {
  std::string out;
  // Appended piece by piece: GCC 12 at -O3 reports a -Wrestrict memcpy overlap that cannot happen
  // in the inlined `const char* + std::string` of a one-line join.
  for (auto c : conditions) {
    if (!out.empty()) out += ',';
    out += toString(c);
  }
  return out;
}

namespace {

std::vector<Condition> splitConditions(const std::string& text) {
  std::vector<Condition> out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (auto c = parseEnum<Condition>(text.substr(start, end - start))) out.push_back(*c);
    start = end + 1;
  }
  return out;
}

constexpr const char* kCaredForColumns =
    "SELECT id, young_carer_id, relationship, conditions, lives_with_young_carer, "
    "known_to_adult_social_care, "
    "adult_social_care_reference, COALESCE(person_id, 0) FROM cared_for_people";

CaredForPerson caredForFromRow(const Row& r) {
  CaredForPerson p;
  p.id = r.i64(0);
  p.youngCarerId = r.i64(1);
  p.relationship = parseEnum<Relationship>(r.str(2)).value_or(Relationship::other_relative);
  p.conditions = splitConditions(r.str(3));
  p.livesWithYoungCarer = r.boolean(4);
  p.knownToAdultSocialCare = r.boolean(5);
  p.adultSocialCareReference = r.str(6);
  p.personId = r.i64(7);
  return p;
}

}  // namespace

std::vector<CaredForPerson> SqlYoungCarers::caredFor(Id youngCarerId) {
  std::vector<CaredForPerson> out;
  for (auto& r : sql_.query(std::string(kCaredForColumns) + " WHERE young_carer_id = ? ORDER BY id",
                            {static_cast<long long>(youngCarerId)}))
    out.push_back(caredForFromRow(r));
  return out;
}

Result<Id> SqlYoungCarers::addCaredFor(const CaredForPerson& p, std::optional<Id> referralId) {
  // No person given: the insert trigger of migration 0020 makes a new household member.
  return sql_.insert(
      "INSERT INTO cared_for_people(young_carer_id, referral_id, relationship, conditions, "
      "lives_with_young_carer, known_to_adult_social_care, adult_social_care_reference, person_id) "
      "VALUES (?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(p.youngCarerId), optId(referralId), std::string(toString(p.relationship)),
       joinConditions(p.conditions), flag(p.livesWithYoungCarer), flag(p.knownToAdultSocialCare),
       p.adultSocialCareReference, p.personId ? Param(static_cast<long long>(p.personId)) : Param(Null{})});
}

std::optional<CaredForPerson> SqlYoungCarers::findCaredFor(Id caredForId) {
  auto r = sql_.one(std::string(kCaredForColumns) + " WHERE id = ?", {static_cast<long long>(caredForId)});
  if (!r) return std::nullopt;
  return caredForFromRow(*r);
}

std::vector<CaredForPerson> SqlYoungCarers::caringFor(Id personId) {
  std::vector<CaredForPerson> out;
  for (auto& r : sql_.query(std::string(kCaredForColumns) + " WHERE person_id = ? ORDER BY id",
                            {static_cast<long long>(personId)}))
    out.push_back(caredForFromRow(r));
  return out;
}

Result<Id> SqlYoungCarers::linkCaredFor(Id caredForId, std::optional<Id> personId) {
  Id to = 0;
  if (personId) {
    if (!sql_.one("SELECT 1 FROM household_members WHERE id = ?", {static_cast<long long>(*personId)}))
      return DomainError::notFound("There is no such person cared for");
    to = *personId;
  } else {
    to = sql_.insert("INSERT INTO household_members(id) VALUES (NULL) RETURNING id", {});
  }
  if (sql_.exec("UPDATE cared_for_people SET person_id = ? WHERE id = ?",
                {static_cast<long long>(to), static_cast<long long>(caredForId)}) == 0)
    return DomainError::notFound("There is no such person cared for");
  return to;
}

}  // namespace ycr::storage
