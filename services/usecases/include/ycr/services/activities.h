#pragma once
// Activities and breaks (issue 27 item 1): a young carers service runs groups, sessions, trips,
// residentials and short breaks; its case staff offer places to the young carers they work with,
// take the register (attended, cancelled with a reason, did not attend) and finalise it, after
// which it is locked. Only the staff of the organisation that runs an activity see it; to anyone
// else it does not exist. Reading a register names children, so it is audited as a case read is.
// Each change is one transaction with its audit entry.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct ActivityInput {
  std::optional<std::string> kind, title, startsOn, endsOn, venue, transportNote, consentNote;
  std::optional<long long> capacity;
};

struct AttendanceEntry {
  Id youngCarerId = 0;
  std::optional<std::string> attendance;  // attended, cancelled, did_not_attend; none clears it
  std::string reason;                     // required when cancelled
};

// A place with the name staff know the young carer by.
struct PlaceView {
  ActivityPlace place;
  std::string name;
};

struct ActivityView {
  Activity activity;
  std::vector<PlaceView> places;
};

// A young carer's places on the activities the caller's service runs, oldest first, for the case page:
// another service's activities do not exist for the caller, there as everywhere.
std::vector<std::pair<Activity, ActivityPlace>> placesSeenBy(Transaction& tx, const Principal& who,
                                                             Id youngCarerId);

class Activities {
 public:
  Activities(Store& store, const Clock& clock);

  static constexpr std::size_t kMaxTitle = 200;
  static constexpr std::size_t kMaxNote = 2000;
  static constexpr int kMaxCapacity = 500;
  static constexpr int kMaxDays = 31;  // a residential or a break lasts at most a month

  Result<Activity> create(const Principal& who, const ActivityInput& input);
  // The organisation's activities that have not ended before `from` (today when not given).
  Result<std::vector<ActivitySummary>> list(const Principal& who, std::optional<Date> from);
  Result<ActivityView> get(const Principal& who, Id activityId);
  // A place for a young carer whose record the caller may see; refused when the activity is full,
  // already over, or its register is finalised.
  Result<ActivityView> offerPlace(const Principal& who, Id activityId, Id youngCarerId);
  // Takes back a place whose attendance is not recorded yet, so it can go to another young carer;
  // refused once the register is finalised (a place the child then missed is cancelled, with why).
  Result<ActivityView> withdrawPlace(const Principal& who, Id activityId, Id youngCarerId);
  // Attendance for some or all places; only from the activity's first day, and never once finalised.
  Result<ActivityView> recordRegister(const Principal& who, Id activityId,
                                      const std::vector<AttendanceEntry>& entries);
  // Locks the register; every place must have its attendance recorded first.
  Result<ActivityView> finalise(const Principal& who, Id activityId);

 private:
  Result<Activity> findOwn(Transaction& tx, const Principal& who, Id activityId) const;
  ActivityView viewOf(Transaction& tx, const Activity& activity) const;
  Status audit(Transaction& tx, const Principal& who, const std::string& action, Id activityId,
               const std::string& detail) const;

  Store& store_;
  const Clock& clock_;
};

}  // namespace ycr::services
