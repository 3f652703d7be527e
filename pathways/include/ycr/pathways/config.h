#pragma once
// Local policy for the pathway: every timescale the guidance leaves to the authority.

#include <string>

#include "ycr/core/result.h"

namespace ycr::pathways {

struct PathwayConfig {
  int decisionWorkingDays = 1;     // Working Together: decide the next step within 1 working day
  int assessmentWorkingDays = 45;  // assessment complete within 45 working days of the referral
  int planningWorkingDays =
      20;  // support plan agreed within this many working days of assessment (local policy)
  // Local policy: children's social care is asked for its decision within this many working days of an
  // escalation; Working Together's own 1-working-day decision clock is the default.
  int safeguardingDecisionWorkingDays = 1;
  // Whole-family working: adult social care is asked to assess a cared-for person within this many working
  // days.
  int adultServicesTaskWorkingDays = 10;
  int reviewIntervalMonths = 6;  // review of a support plan (local policy)
  int transitionAge = 16;        // transition planning starts (Care Act s63-64; typically 16)
  int adultAge = 18;
  int youngAdultCarerUpperAge = 25;
  int adultGraceDays = 0;  // days a young person of 18 may stay in a children's state
  // Whether the day a referral is received counts as day 0 (default) or day 1.
  bool receiptDayIsDayZero = true;
  std::string bankHolidaysFile;  // gov.uk JSON; empty means the file shipped with the binary
};

// Refuses settings that would make the clocks meaningless (negative days, transition after 18).
Status validate(const PathwayConfig& config);

}  // namespace ycr::pathways
