#include "activity_repository.h"

#include <Poco/Exception.h>

namespace ycr::storage {
namespace {

constexpr const char* kActivityColumns =
    "a.id, a.organisation_id, a.kind, a.title, a.starts_on, a.ends_on, a.venue, a.capacity, "
    "a.transport_note, "
    "a.consent_note, a.created_by, a.created_at, a.finalised_at, a.finalised_by";
constexpr std::size_t kActivityWidth = 14;
constexpr const char* kPlaceColumns =
    "p.id, p.activity_id, p.young_carer_id, p.offered_at, p.offered_by, p.attendance, p.reason, "
    "p.recorded_at, "
    "p.recorded_by";

Activity activityFrom(const Row& r) {
  Activity a;
  a.id = r.i64(0);
  a.organisationId = r.i64(1);
  a.kind = parseEnum<ActivityKind>(r.str(2)).value_or(ActivityKind::group);
  a.title = r.str(3);
  a.startsOn = r.date(4);
  a.endsOn = r.date(5);
  a.venue = r.str(6);
  a.capacity = static_cast<int>(r.i64(7));
  a.transportNote = r.str(8);
  a.consentNote = r.str(9);
  a.createdBy = r.optId(10);
  a.createdAt = r.time(11);
  a.finalisedAt = r.optTime(12);
  a.finalisedBy = r.optId(13);
  return a;
}

ActivityPlace placeFrom(const Row& r, std::size_t at) {
  ActivityPlace p;
  p.id = r.i64(at);
  p.activityId = r.i64(at + 1);
  p.youngCarerId = r.i64(at + 2);
  p.offeredAt = r.time(at + 3);
  p.offeredBy = r.optId(at + 4);
  if (!r.isNull(at + 5)) p.attendance = parseEnum<Attendance>(r.str(at + 5));
  p.reason = r.str(at + 6);
  p.recordedAt = r.optTime(at + 7);
  p.recordedBy = r.optId(at + 8);
  return p;
}

}  // namespace

Result<Id> SqlActivities::add(const Activity& a) {
  return sql_.insert(
      "INSERT INTO activities(organisation_id, kind, title, starts_on, ends_on, venue, capacity, "
      "transport_note, "
      "consent_note, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(a.organisationId), std::string(toString(a.kind)), a.title, iso(a.startsOn),
       iso(a.endsOn), a.venue, static_cast<long long>(a.capacity), a.transportNote, a.consentNote,
       optId(a.createdBy), iso(a.createdAt)});
}

std::optional<Activity> SqlActivities::findById(Id id) {
  auto row = sql_.one(std::string("SELECT ") + kActivityColumns + " FROM activities a WHERE a.id = ?",
                      {static_cast<long long>(id)});
  if (!row) return std::nullopt;
  return activityFrom(*row);
}

std::vector<ActivitySummary> SqlActivities::listForOrganisation(Id organisationId, const Date& from,
                                                                int limit) {
  std::vector<ActivitySummary> out;
  for (auto& r :
       sql_.query(std::string("SELECT ") + kActivityColumns +
                      ", (SELECT COUNT(*) FROM activity_places p WHERE p.activity_id = a.id), "
                      "(SELECT COUNT(*) FROM activity_places p WHERE p.activity_id = a.id AND "
                      "p.attendance = 'attended') FROM activities a WHERE a.organisation_id = ? AND "
                      "a.ends_on >= ? ORDER BY a.starts_on, a.id LIMIT ?",
                  {static_cast<long long>(organisationId), iso(from), static_cast<long long>(limit)}))
    out.push_back({activityFrom(r), static_cast<int>(r.i64(kActivityWidth)),
                   static_cast<int>(r.i64(kActivityWidth + 1))});
  return out;
}

Result<Id> SqlActivities::addPlace(const ActivityPlace& p) {
  try {
    return sql_.insert(
        "INSERT INTO activity_places(activity_id, young_carer_id, offered_at, offered_by) VALUES (?,?,?,?) "
        "RETURNING id",
        {static_cast<long long>(p.activityId), static_cast<long long>(p.youngCarerId), iso(p.offeredAt),
         optId(p.offeredBy)});
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e)) return DomainError::conflict("This young carer already has a place on it");
    throw;
  }
}

std::vector<ActivityPlace> SqlActivities::places(Id activityId) {
  std::vector<ActivityPlace> out;
  for (auto& r : sql_.query(std::string("SELECT ") + kPlaceColumns +
                                " FROM activity_places p WHERE p.activity_id = ? ORDER BY p.id",
                            {static_cast<long long>(activityId)}))
    out.push_back(placeFrom(r, 0));
  return out;
}

Status SqlActivities::recordAttendance(const ActivityPlace& p) {
  if (sql_.exec("UPDATE activity_places SET attendance = ?, reason = ?, recorded_at = ?, recorded_by = ? "
                "WHERE id = ?",
                {p.attendance ? Param(std::string(toString(*p.attendance))) : Param(Null{}), p.reason,
                 optIso(p.recordedAt), optId(p.recordedBy), static_cast<long long>(p.id)}) == 0)
    return DomainError::notFound("There is no such place");
  return {};
}

Status SqlActivities::removePlace(Id placeId) {
  if (sql_.exec("DELETE FROM activity_places WHERE id = ?", {static_cast<long long>(placeId)}) == 0)
    return DomainError::notFound("There is no such place");
  return {};
}

Status SqlActivities::finalise(Id activityId, std::optional<Id> byUserId, Timestamp at) {
  // Once only: a register already finalised stays as it was.
  if (sql_.exec(
          "UPDATE activities SET finalised_at = ?, finalised_by = ? WHERE id = ? AND finalised_at IS NULL",
          {iso(at), optId(byUserId), static_cast<long long>(activityId)}) == 0)
    return DomainError::conflict("This register has already been finalised");
  return {};
}

std::vector<std::pair<Activity, ActivityPlace>> SqlActivities::forYoungCarer(Id youngCarerId) {
  std::vector<std::pair<Activity, ActivityPlace>> out;
  for (auto& r : sql_.query(std::string("SELECT ") + kActivityColumns + ", " + kPlaceColumns +
                                " FROM activity_places p JOIN activities a ON a.id = p.activity_id "
                                "WHERE p.young_carer_id = ? ORDER BY a.starts_on, a.id",
                            {static_cast<long long>(youngCarerId)}))
    out.emplace_back(activityFrom(r), placeFrom(r, kActivityWidth));
  return out;
}

}  // namespace ycr::storage
