#include "ycr/services/activities.h"

#include <algorithm>
#include <chrono>

#include "ycr/core/validation.h"
#include "ycr/services/policy.h"

namespace ycr::services {
namespace {

std::string knownAs(const YoungCarer& y) {
  return (y.preferredName.empty() ? y.givenName : y.preferredName) + " " + y.familyName;
}

std::optional<Date> readDate(FieldErrors& errors, const std::string& field,
                             const std::optional<std::string>& v, bool required) {
  if (!v || v->empty()) {
    if (required) errors.add(field, "required", field + " is required (YYYY-MM-DD)");
    return std::nullopt;
  }
  auto d = parseIsoDate(*v);
  if (!d) errors.add(field, "invalid_date", field + " must be a real date, YYYY-MM-DD");
  return d;
}

long long days(const Date& from, const Date& to) {
  return (std::chrono::sys_days(to) - std::chrono::sys_days(from)).count();
}

Result<Activity> readActivity(const ActivityInput& in) {
  FieldErrors errors;
  Activity a;
  if (!in.kind || in.kind->empty())
    errors.add("kind", "required", "Select what kind of activity it is");
  else if (auto k = parseEnum<ActivityKind>(*in.kind))
    a.kind = *k;
  else
    errors.add("kind", "invalid_kind", "kind must be group, session, trip, residential or short_break");
  a.title = validation::textField(errors, "title", in.title, Activities::kMaxTitle, true);
  auto starts = readDate(errors, "starts_on", in.startsOn, true);
  auto ends = readDate(errors, "ends_on", in.endsOn, false);
  if (starts) a.startsOn = a.endsOn = *starts;
  if (starts && ends) {
    if (days(*starts, *ends) < 0)
      errors.add("ends_on", "before_start", "ends_on must be on or after starts_on");
    else if (days(*starts, *ends) >= Activities::kMaxDays)
      errors.add("ends_on", "too_long", "An activity lasts at most 31 days");
    else
      a.endsOn = *ends;
  }
  a.venue = validation::textField(errors, "venue", in.venue, Activities::kMaxTitle, false);
  a.transportNote =
      validation::textField(errors, "transport_note", in.transportNote, Activities::kMaxNote, false);
  a.consentNote = validation::textField(errors, "consent_note", in.consentNote, Activities::kMaxNote, false);
  if (!in.capacity)
    errors.add("capacity", "required", "Enter how many places there are");
  else if (*in.capacity < 1 || *in.capacity > Activities::kMaxCapacity)
    errors.add("capacity", "out_of_range", "capacity must be between 1 and 500");
  else
    a.capacity = static_cast<int>(*in.capacity);
  if (!errors.empty()) return errors.toError();
  return a;
}

Status requireActivityStaff(const Principal& who) {
  if (!policy::worksCases(who))
    return DomainError::forbidden("Only the staff of a young carers service work with its activities");
  return {};
}

}  // namespace

std::vector<std::pair<Activity, ActivityPlace>> placesSeenBy(Transaction& tx, const Principal& who,
                                                             Id youngCarerId) {
  auto places = tx.activities().forYoungCarer(youngCarerId);
  std::erase_if(places, [&](const auto& ap) { return ap.first.organisationId != who.organisationId; });
  return places;
}

Activities::Activities(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Status Activities::audit(Transaction& tx, const Principal& who, const std::string& action, Id activityId,
                         const std::string& detail) const {
  auto e = auditEventFor(who, clock_.now(), action, "activity", activityId ? std::to_string(activityId) : "");
  e.detail = detail;
  return tx.audit().append(e);
}

Result<Activity> Activities::findOwn(Transaction& tx, const Principal& who, Id activityId) const {
  auto a = tx.activities().findById(activityId);
  // Another service's activity does not exist for this caller.
  if (!a || a->organisationId != who.organisationId)
    return DomainError::notFound("There is no activity with that id");
  return *a;
}

ActivityView Activities::viewOf(Transaction& tx, const Activity& activity) const {
  ActivityView v{activity, {}};
  for (auto& p : tx.activities().places(activity.id)) {
    auto y = tx.youngCarers().findById(p.youngCarerId);
    v.places.push_back({std::move(p), y ? knownAs(*y) : std::string()});
  }
  std::stable_sort(v.places.begin(), v.places.end(),
                   [](const PlaceView& a, const PlaceView& b) { return a.name < b.name; });
  return v;
}

Result<Activity> Activities::create(const Principal& who, const ActivityInput& input) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto a = readActivity(input);
  if (!a) return a.error();
  a->organisationId = who.organisationId;
  a->createdBy = who.userId;
  a->createdAt = clock_.now();
  auto tx = store_.begin(true);
  auto id = tx->activities().add(*a);
  if (!id) return id.error();
  a->id = *id;
  if (auto s = audit(*tx, who, "activity.create", a->id, std::string(toString(a->kind))); !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return *a;
}

Result<std::vector<ActivitySummary>> Activities::list(const Principal& who, std::optional<Date> from) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto tx = store_.begin(false);
  return tx->activities().listForOrganisation(who.organisationId, from.value_or(clock_.today()), 500);
}

Result<ActivityView> Activities::get(const Principal& who, Id activityId) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto tx = store_.begin(true);
  auto a = findOwn(*tx, who, activityId);
  if (!a) return a.error();
  auto view = viewOf(*tx, *a);
  // The register names children: reading it is recorded as reading a case is.
  if (auto s = audit(*tx, who, "activity.read", activityId, std::to_string(view.places.size()) + " places");
      !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

Result<ActivityView> Activities::offerPlace(const Principal& who, Id activityId, Id youngCarerId) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto tx = store_.begin(true);
  auto a = findOwn(*tx, who, activityId);
  if (!a) return a.error();
  auto y = tx->youngCarers().findById(youngCarerId);
  if (!y || y->mergedInto || y->anonymisedAt ||
      !policy::canSeeYoungCarer(who, tx->cases().findByYoungCarer(youngCarerId)))
    return DomainError::field("young_carer_id", "not_found", "There is no young carer with that id");
  if (a->finalisedAt)
    return DomainError::conflict("The register is finalised: no more places can be offered");
  if (days(clock_.today(), a->endsOn) < 0) return DomainError::conflict("This activity is over");
  if (static_cast<int>(tx->activities().places(a->id).size()) >= a->capacity)
    return DomainError::conflict("Every place has been offered: the activity is full");
  ActivityPlace p;
  p.activityId = a->id;
  p.youngCarerId = youngCarerId;
  p.offeredAt = clock_.now();
  p.offeredBy = who.userId;
  if (auto id = tx->activities().addPlace(p); !id) return id.error();
  if (auto s = audit(*tx, who, "activity.place", a->id, "young carer " + std::to_string(youngCarerId)); !s)
    return s.error();
  auto view = viewOf(*tx, *a);
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

Result<ActivityView> Activities::withdrawPlace(const Principal& who, Id activityId, Id youngCarerId) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto tx = store_.begin(true);
  auto a = findOwn(*tx, who, activityId);
  if (!a) return a.error();
  if (a->finalisedAt) return DomainError::conflict("The register is finalised: places cannot be withdrawn");
  auto places = tx->activities().places(a->id);
  auto place = std::find_if(places.begin(), places.end(),
                            [&](const ActivityPlace& p) { return p.youngCarerId == youngCarerId; });
  if (place == places.end()) return DomainError::notFound("This young carer has no place on the activity");
  if (place->attendance)
    return DomainError::conflict(
        "Attendance is recorded for this place: record it as cancelled, with the reason, instead");
  if (auto s = tx->activities().removePlace(place->id); !s) return s.error();
  if (auto s =
          audit(*tx, who, "activity.place_withdraw", a->id, "young carer " + std::to_string(youngCarerId));
      !s)
    return s.error();
  auto view = viewOf(*tx, *a);
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

Result<ActivityView> Activities::recordRegister(const Principal& who, Id activityId,
                                                const std::vector<AttendanceEntry>& entries) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto tx = store_.begin(true);
  auto a = findOwn(*tx, who, activityId);
  if (!a) return a.error();
  if (a->finalisedAt) return DomainError::conflict("The register is finalised and cannot be changed");
  if (days(clock_.today(), a->startsOn) > 0)
    return DomainError::conflict("The register can be taken from the day the activity starts");
  auto places = tx->activities().places(a->id);
  FieldErrors errors;
  std::vector<ActivityPlace> changed;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& e = entries[i];
    const std::string at = "entries[" + std::to_string(i) + "]";
    auto place = std::find_if(places.begin(), places.end(),
                              [&](const ActivityPlace& p) { return p.youngCarerId == e.youngCarerId; });
    if (place == places.end()) {
      errors.add(at + ".young_carer_id", "no_place", "This young carer has no place on the activity");
      continue;
    }
    place->attendance.reset();
    if (e.attendance && !e.attendance->empty()) {
      place->attendance = parseEnum<Attendance>(*e.attendance);
      if (!place->attendance)
        errors.add(at + ".attendance", "invalid_attendance",
                   "attendance must be attended, cancelled or did_not_attend");
    }
    place->reason = validation::textField(errors, at + ".reason", e.reason, kMaxNote, false);
    if (place->attendance == Attendance::cancelled && place->reason.empty())
      errors.add(at + ".reason", "required", "Say why the place was cancelled");
    if (place->attendance != Attendance::cancelled) place->reason.clear();
    place->recordedAt = clock_.now();
    place->recordedBy = who.userId;
    changed.push_back(*place);
  }
  if (!errors.empty()) return errors.toError();
  for (const auto& p : changed)
    if (auto s = tx->activities().recordAttendance(p); !s) return s.error();
  if (auto s = audit(*tx, who, "activity.register", a->id, std::to_string(changed.size()) + " entries"); !s)
    return s.error();
  auto view = viewOf(*tx, *a);
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

Result<ActivityView> Activities::finalise(const Principal& who, Id activityId) {
  if (auto s = requireActivityStaff(who); !s) return s.error();
  auto tx = store_.begin(true);
  auto a = findOwn(*tx, who, activityId);
  if (!a) return a.error();
  if (a->finalisedAt) return DomainError::conflict("The register has already been finalised");
  if (days(clock_.today(), a->startsOn) > 0)
    return DomainError::conflict("A register can be finalised once the activity has started");
  auto places = tx->activities().places(a->id);
  const auto missing = std::count_if(places.begin(), places.end(),
                                     [](const ActivityPlace& p) { return !p.attendance.has_value(); });
  if (missing > 0)
    return DomainError::conflict("Record attendance for every place first: " + std::to_string(missing) +
                                 (missing == 1 ? " place has" : " places have") + " none");
  if (auto s = tx->activities().finalise(a->id, who.userId, clock_.now()); !s) return s.error();
  a->finalisedAt = clock_.now();
  a->finalisedBy = who.userId;
  if (auto s = audit(*tx, who, "activity.finalise", a->id, std::to_string(places.size()) + " places"); !s)
    return s.error();
  auto view = viewOf(*tx, *a);
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

}  // namespace ycr::services
