#pragma once
// SQL implementation of core's ActivityRepository: activities, places and registers (migration 0022).

#include "ycr/core/activity_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlActivities final : public ActivityRepository {
 public:
  explicit SqlActivities(Sql& sql) : sql_(sql) {}
  Result<Id> add(const Activity& activity) override;
  std::optional<Activity> findById(Id id) override;
  std::vector<ActivitySummary> listForOrganisation(Id organisationId, const Date& from, int limit) override;
  Result<Id> addPlace(const ActivityPlace& place) override;
  std::vector<ActivityPlace> places(Id activityId) override;
  Status recordAttendance(const ActivityPlace& place) override;
  Status removePlace(Id placeId) override;
  Status finalise(Id activityId, std::optional<Id> byUserId, Timestamp at) override;
  std::vector<std::pair<Activity, ActivityPlace>> forYoungCarer(Id youngCarerId) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
