#pragma once
// Activities and breaks a young carers service runs (issue 27 item 1): groups, sessions, trips,
// residentials and short breaks, the places offered on each, and the register of who came. The
// register is finalised once and locked from then on (services/activities.h says who may do what).

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

enum class ActivityKind { group, session, trip, residential, short_break };
YCR_ENUM_NAMES(ActivityKind, "group", "session", "trip", "residential", "short_break")

// Whether attending one is a break from caring, as the strategies count short breaks (respite): a short
// break, a day trip or a residential away. A group or a session is peer support, not a break. The short
// breaks indicator counts attendance at these (storage/src/indicator_facts.cpp).
constexpr bool isBreak(ActivityKind kind) {
  return kind == ActivityKind::short_break || kind == ActivityKind::trip || kind == ActivityKind::residential;
}

// What the register says of one place: cancelled (with a reason: the young carer or the service
// called it off beforehand) is not the same as did not attend (no word).
enum class Attendance { attended, cancelled, did_not_attend };
YCR_ENUM_NAMES(Attendance, "attended", "cancelled", "did_not_attend")

struct Activity {
  Id id = 0;
  Id organisationId = 0;  // the service that runs it; its staff see it
  ActivityKind kind = ActivityKind::group;
  std::string title;
  Date startsOn{};
  Date endsOn{};  // the same day, or later for a residential or a break of several days
  std::string venue;
  int capacity = 0;  // places that may be offered
  std::string transportNote;
  std::string consentNote;  // what consent is needed (e.g. a parent's for a trip) and how it is kept
  std::optional<Id> createdBy;
  Timestamp createdAt{};
  std::optional<Timestamp> finalisedAt;  // set once: the register is locked
  std::optional<Id> finalisedBy;
};

struct ActivityPlace {
  Id id = 0;
  Id activityId = 0;
  Id youngCarerId = 0;
  Timestamp offeredAt{};
  std::optional<Id> offeredBy;
  std::optional<Attendance> attendance;  // none until the register is taken
  std::string reason;                    // why it was cancelled
  std::optional<Timestamp> recordedAt;
  std::optional<Id> recordedBy;
};

// An activity with how many places are offered and how many attended, for lists.
struct ActivitySummary {
  Activity activity;
  int places = 0;
  int attended = 0;
};

class ActivityRepository {
 public:
  virtual ~ActivityRepository() = default;
  virtual Result<Id> add(const Activity& activity) = 0;
  virtual std::optional<Activity> findById(Id id) = 0;
  // The organisation's activities starting on or after `from`, soonest first, at most `limit`.
  virtual std::vector<ActivitySummary> listForOrganisation(Id organisationId, const Date& from,
                                                           int limit) = 0;
  // A second place for the same young carer on one activity is a conflict.
  virtual Result<Id> addPlace(const ActivityPlace& place) = 0;
  virtual std::vector<ActivityPlace> places(Id activityId) = 0;
  // Saves attendance, reason, recorded_at and recorded_by of the place.
  virtual Status recordAttendance(const ActivityPlace& place) = 0;
  // Takes a place back (the audit trail keeps that it was offered and withdrawn).
  virtual Status removePlace(Id placeId) = 0;
  // By no account (`byUserId` none) only for records the register generates, as demo data.
  virtual Status finalise(Id activityId, std::optional<Id> byUserId, Timestamp at) = 0;
  // Every place a young carer was offered, with its activity, oldest first.
  virtual std::vector<std::pair<Activity, ActivityPlace>> forYoungCarer(Id youngCarerId) = 0;
};

}  // namespace ycr
