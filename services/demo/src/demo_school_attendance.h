#pragma once
// The termly school attendance a demo register's young carers' schools reported (ycr demo-data,
// demo_data.cpp), so that the case page, the school's list and the reports have something to show.

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "demo_sink.h"

namespace ycr::services::demo {

// One record for each term that ended while the young carer's case was open and they were of school age
// (Reception to Year 13), reported a fortnight after the term ended and no later than `until` (the
// simulated today). Absence rises with `caring` (0..1), and so does the share of it put down to caring.
// Its own random numbers, from `seed` and the young carer's id, so the rest of the register is as it was
// without it and a bulk load writes the same rows as one transaction per young carer. Returns how many.
Result<long long> schoolAttendanceFor(Sink& out, Id youngCarerId, const Date& dateOfBirth,
                                      const std::vector<std::pair<Date, std::optional<Date>>>& openSpans,
                                      double caring, const Date& until, std::uint64_t seed);

}  // namespace ycr::services::demo
