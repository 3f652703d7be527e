#pragma once
// The compliments and complaints a demo register's young carers service received (ycr demo-data,
// demo_data.cpp; feedback.h), so that its list, the case's records and the indicator of complaints
// answered on time have something to show.

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "demo_sink.h"
#include "ycr/pathways/calendar.h"

namespace ycr::services::demo {

// Now and then, while the young carer's case was open and by `until`: a compliment from them or their
// family, or a complaint, mostly answered within its stage's working days (`procedure`), a few late, one
// received lately still open; now and then a complainant not satisfied takes it to an investigation, and
// more rarely on to a review panel. Received by `organisationId`. Its own random numbers, from `seed` and
// the young carer's id, like schoolAttendanceFor. Returns how many.
Result<long long> feedbackFor(Sink& out, Id organisationId, Id youngCarerId,
                              const std::vector<std::pair<Date, std::optional<Date>>>& openSpans,
                              const pathways::WorkingDayCalendar& calendar,
                              const ComplaintProcedure& procedure, const Date& until, std::uint64_t seed);

}  // namespace ycr::services::demo
