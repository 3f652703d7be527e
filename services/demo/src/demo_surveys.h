#pragma once
// The surveys a demo register's young carers were sent and answered (ycr demo-data, demo_data.cpp), so
// that the surveys page and the results for commissioners have something to show on a new install.

#include <cstdint>
#include <vector>

#include "demo_sink.h"

namespace ycr::services::demo {

struct DemoSurveyCounts {
  long long invitations = 0;
  long long responses = 0;
};

// The shipped surveys (core/data/surveys): id-card-year-one about a year after each card was issued, and
// feeling-heard after most completed reviews; each sent by case staff within a month of being due, and
// answered within ten days by most young carers (answers leaning to agree). Only what happened by `until`
// (the simulated today). Its own random numbers, from `seed` and the young carer's id, so the rest of
// the register is as it was without it and a bulk load writes the same rows.
Result<DemoSurveyCounts> surveysFor(Sink& out, Id youngCarerId, const std::vector<Date>& cardsIssued,
                                    const std::vector<Date>& reviewsCompleted, const Date& until,
                                    std::uint64_t seed);

}  // namespace ycr::services::demo
