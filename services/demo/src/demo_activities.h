#pragma once
// The activities and breaks a demo register's young carers service ran (ycr demo-data, demo_data.cpp): a
// young carers group and a short break every month, trips in the school holidays and a residential weekend
// in August, each run again with more places when the first runs out. Each supported young carer gets
// places while their case is open: attended mostly, some cancelled with a reason, some not attended; a
// register is finalised a few days after the activity ends, so the short breaks indicator counts it.
// Activities still to come when the register ends have places offered and nothing recorded.

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "demo_sink.h"

namespace ycr::services::demo {

// Days a young carer's case was open with an agreed plan, [from, until) (no until while still open), and
// whether the plan had short breaks or a young carers group in it (places are likelier then).
struct SupportedSpan {
  Date from{};
  std::optional<Date> until;
  bool breaks = false;
  bool groups = false;
};

class ActivityProgramme {
 public:
  ActivityProgramme() = default;
  // Run by `organisationId` (the intake team's service, whose staff see them); `until` is the simulated
  // today. Its own random numbers, from `seed`, leave the rest of the register as it was without it.
  ActivityProgramme(Id organisationId, Date until, std::uint64_t seed)
      : organisationId_(organisationId), until_(until), rng_(seed ^ 0x5eedac71u) {}

  // Places for one young carer over their supported spans, the activities written as they are first
  // needed; returns how many places were written.
  Result<long long> placesFor(Sink& out, Id youngCarerId, const std::vector<SupportedSpan>& spans);
  long long activities() const { return activities_; }

 private:
  struct Planned {
    ActivityKind kind = ActivityKind::group;
    std::string title, venue, consent;
    Date starts{}, ends{};
    int capacity = 0;
  };
  // One run of a planned activity with the places it has left.
  struct Run {
    Id id = 0;
    int free = 0;
  };
  // What the service runs in the month of `first` (its first day).
  std::vector<Planned> programme(const Date& first) const;
  // A place on `planned` (a run with room, a new run when all are full).
  Result<Id> placeOn(Sink& out, const Planned& planned, int month, std::size_t index);

  Id organisationId_ = 0;
  Date until_{};
  std::mt19937_64 rng_;
  std::map<std::tuple<int, std::size_t>, std::vector<Run>> runs_;  // by (month, index in programme)
  long long activities_ = 0;
};

}  // namespace ycr::services::demo
