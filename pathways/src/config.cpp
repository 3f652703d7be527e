#include "ycr/pathways/config.h"

namespace ycr::pathways {

Status validate(const PathwayConfig& c) {
  FieldErrors errors;
  if (c.decisionWorkingDays < 0) errors.add("decision_working_days", "out_of_range", "Must be 0 or more");
  if (c.assessmentWorkingDays < 1) errors.add("assessment_working_days", "out_of_range", "Must be 1 or more");
  if (c.planningWorkingDays < 1) errors.add("planning_working_days", "out_of_range", "Must be 1 or more");
  if (c.safeguardingDecisionWorkingDays < 0)
    errors.add("safeguarding_decision_working_days", "out_of_range", "Must be 0 or more");
  if (c.adultServicesTaskWorkingDays < 0)
    errors.add("adult_services_task_working_days", "out_of_range", "Must be 0 or more");
  if (c.reviewIntervalMonths < 1 || c.reviewIntervalMonths > 24)
    errors.add("review_interval_months", "out_of_range", "Must be between 1 and 24");
  if (c.transitionAge < 13 || c.transitionAge >= c.adultAge)
    errors.add("transition_age", "out_of_range", "Must be at least 13 and below the adult age");
  if (c.youngAdultCarerUpperAge < c.adultAge)
    errors.add("young_adult_carer_upper_age", "out_of_range", "Must be at least the adult age");
  if (c.adultGraceDays < 0) errors.add("adult_grace_days", "out_of_range", "Must be 0 or more");
  if (!errors.empty()) return errors.toError("The pathway configuration has errors");
  return {};
}

}  // namespace ycr::pathways
