#pragma once
// A random place on an activity, for the storage tests' randomised registers (stats_cube_test.cpp and
// indicator_facts_test.cpp), whose builders give between(), oneOf(), org() and their activities.

#include <boost/test/unit_test.hpp>
#include <optional>

#include "ycr/core/activity_repository.h"
#include "ycr/core/repositories.h"

namespace ycr::test_support {

// Offers the young carer a place: on an activity made before (two times in three) unless its register is
// finalised, else on a new one of any kind starting within `spread` days of `at` and lasting up to 30 days;
// records attendance four times in five (cancelled ones with a reason) and finalises the register half the
// time. Only attended places at breaks whose register is finalised count anywhere.
template <class Builder>
void randomPlace(Builder& b, Transaction& tx, Id youngCarer, Timestamp at, int spread) {
  Id id = b.activities.empty() || b.between(0, 2) == 0 ? 0 : b.oneOf(b.activities);
  if (id != 0 && tx.activities().findById(id)->finalisedAt) id = 0;
  if (id == 0) {
    Activity a;
    a.organisationId = b.org(tx, OrganisationKind::carers_centre);
    a.kind = b.template oneOf<ActivityKind>({ActivityKind::short_break, ActivityKind::trip,
                                             ActivityKind::residential, ActivityKind::group,
                                             ActivityKind::session});
    a.title = "Activity";
    a.startsOn = addDays(ukLocalDate(at), b.between(-spread, spread));
    a.endsOn = addDays(a.startsOn, b.template oneOf<int>({0, 0, 1, 3, 30}));
    a.capacity = 500;
    a.createdAt = at;
    id = tx.activities().add(a).value();
    b.activities.push_back(id);
  }
  for (const auto& p : tx.activities().places(id))
    if (p.youngCarerId == youngCarer) return;
  ActivityPlace p;
  p.activityId = id;
  p.youngCarerId = youngCarer;
  p.offeredAt = at;
  p.id = tx.activities().addPlace(p).value();
  if (b.between(0, 4)) {
    p.attendance = b.template oneOf<Attendance>(
        {Attendance::attended, Attendance::attended, Attendance::cancelled, Attendance::did_not_attend});
    if (p.attendance == Attendance::cancelled) p.reason = "Unwell";
    p.recordedAt = at;
    BOOST_REQUIRE(tx.activities().recordAttendance(p));
  }
  if (b.between(0, 1)) BOOST_REQUIRE(tx.activities().finalise(id, std::nullopt, at));
}

}  // namespace ycr::test_support
