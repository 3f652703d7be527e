#include "school_champion_repository.h"

namespace ycr::storage {

Result<Id> SqlSchoolChampions::add(const SchoolChampion& c) {
  return sql_.insert(
      "INSERT INTO school_champions(organisation_id, name, post, user_id, since, recorded_by, recorded_at) "
      "VALUES (?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(c.organisationId), c.name, c.post, optId(c.userId), iso(c.since),
       optId(c.recordedBy), iso(c.recordedAt)});
}

std::vector<SchoolChampion> SqlSchoolChampions::select(const std::string& whereAndOrder,
                                                       const std::vector<Param>& params) {
  std::vector<SchoolChampion> out;
  for (const auto& r :
       sql_.query("SELECT id, organisation_id, name, post, user_id, since, until, end_reason, "
                  "recorded_by, recorded_at, ended_by, ended_at FROM school_champions WHERE " +
                      whereAndOrder,
                  params)) {
    SchoolChampion c;
    c.id = r.i64(0);
    c.organisationId = r.i64(1);
    c.name = r.str(2);
    c.post = r.str(3);
    c.userId = r.optId(4);
    c.since = r.date(5);
    c.until = r.optDate(6);
    c.endReason = r.str(7);
    c.recordedBy = r.optId(8);
    c.recordedAt = r.time(9);
    c.endedBy = r.optId(10);
    c.endedAt = r.optTime(11);
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<SchoolChampion> SqlSchoolChampions::findById(Id id) {
  auto found = select("id = ?", {static_cast<long long>(id)});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<SchoolChampion> SqlSchoolChampions::forSchool(Id organisationId) {
  return select("organisation_id = ? ORDER BY until IS NOT NULL, since DESC, id DESC",
                {static_cast<long long>(organisationId)});
}

std::vector<SchoolChampion> SqlSchoolChampions::inPostOn(const Date& day) {
  return select("since <= ? AND (until IS NULL OR until >= ?) ORDER BY organisation_id, since, id",
                {iso(day), iso(day)});
}

Result<bool> SqlSchoolChampions::end(Id id, const Date& until, const std::string& reason,
                                     std::optional<Id> by, Timestamp at) {
  return sql_.exec(
             "UPDATE school_champions SET until = ?, end_reason = ?, ended_by = ?, ended_at = ? WHERE id = ? "
             "AND until IS NULL",
             {iso(until), reason, optId(by), iso(at), static_cast<long long>(id)}) == 1;
}

Result<int> SqlSchoolChampions::endForAccount(Id userId, const Date& until, const std::string& reason,
                                              std::optional<Id> by, Timestamp at) {
  // A champion who started after `until` (named today, the account deactivated today) ends on their
  // first day: the CHECK keeps until >= since.
  return static_cast<int>(sql_.exec(
      "UPDATE school_champions SET until = CASE WHEN since > ? THEN since ELSE ? END, end_reason = ?, "
      "ended_by = ?, ended_at = ? WHERE user_id = ? AND until IS NULL",
      {iso(until), iso(until), reason, optId(by), iso(at), static_cast<long long>(userId)}));
}

}  // namespace ycr::storage
