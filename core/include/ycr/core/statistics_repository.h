#pragma once
// The counts commissioners see, as TRUE counts: storage answers these, and services publish them
// only through disclosure control (disclosure.h). Nothing here is fit to show anyone as it is.
//
// Measures and dimensions are tables, not code paths: adding a measure (assessments completed, ID
// cards issued, once their tables exist) is one row in measureSpecs() here and one SQL source in
// storage/src/statistics.cpp.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/model.h"

namespace ycr {

// What is counted over a period [from, to] (dates inclusive, UK local dates).
enum class Measure {
  young_carers_identified,  // young carers with a referral received in the period (each child once per group)
  referrals_received,       // referrals received in the period
  open_cases,               // cases open at the end of the period (`to`)
  transitions               // cases entering transition in the period
};
YCR_ENUM_NAMES(Measure, "young_carers_identified", "referrals_received", "open_cases", "transitions")

// How a count is broken down. Young carers' details are those on their record; route, age band, month
// and quarter are of the referral (for open cases and transitions, the referral that opened the episode
// or the latest before it); pathway state is the case's state at the end of the period.
enum class Dimension {
  route,     // the referral's door (an OrganisationKind spelling)
  age_band,  // age at referral: 5-7, 8-10, 11-13, 14-15, 16-17, 18-25 (other outside them)
  gender,
  ethnicity,
  district,      // the postcode's outward code, e.g. LE2
  school,        // the school's DfE URN
  condition,     // of a person cared for; a child caring for people with two conditions is in both groups
  relationship,  // to a person cared for; likewise multi-valued
  pathway_state,
  month,   // YYYY-MM of the referral
  quarter  // YYYY-Qn of the referral (calendar quarters)
};
YCR_ENUM_NAMES(Dimension, "route", "age_band", "gender", "ethnicity", "district", "school", "condition",
               "relationship", "pathway_state", "month", "quarter")

// A dimension whose groups may share children (so cells do not add up to the number of children).
inline bool multiValued(Dimension d) {
  return d == Dimension::condition || d == Dimension::relationship;
}

struct CountQuery {
  Measure measure = Measure::referrals_received;
  std::vector<Dimension> by;  // zero, one or two
  Date from{};
  Date to{};
};

struct CountRow {
  std::vector<std::string> values;  // one per dimension; "not_recorded" where the record has none
  long long count = 0;
};

struct CountResult {
  std::vector<CountRow> rows;  // only non-empty groups
  long long total = 0;         // the measure without grouping (each unit once)
  // Children the period selects before any grouping: what QueryGuard checks.
  long long population = 0;
};

// Inputs of the performance indicators (indicators.h), each a true count.
struct DecisionDay {
  Date received{};
  std::optional<Date> decided;  // the day of the case's first step after the referral, if any yet
  long long referrals = 0;
};

struct ReviewDay {
  Date scheduled{};                        // plan agreed or review completed: the review falls due from here
  std::optional<Date> completed;           // the next review completed after it, if any
  std::optional<Date> endedWithoutReview;  // the case closed or moved to transition before any review
  long long reviews = 0;
};

struct ShareCount {
  long long numerator = 0;
  long long denominator = 0;
};

class StatisticsRepository {
 public:
  virtual ~StatisticsRepository() = default;
  virtual CountResult count(const CountQuery& query) = 0;

  // Referrals received in [from, to] that opened or reopened a case, grouped by receipt and decision day.
  virtual std::vector<DecisionDay> decisionDays(Date from, Date to) = 0;
  // Assessments completed in [from, to]: numerator on time (not late), denominator all.
  virtual ShareCount assessmentsOnTime(Date from, Date to) = 0;
  // Children aged minAge..maxAge on `on` with a case open on `on`.
  virtual long long openCasesAged(Date on, int minAge, int maxAge) = 0;
  // Of the children aged minAge..maxAge with a case open on `on`, those whose case has entered transition.
  virtual ShareCount transitionCoverage(Date on, int minAge, int maxAge) = 0;
  // Referrals received in [from, to]: numerator through the given route.
  virtual ShareCount referralsThroughRoute(Date from, Date to, OrganisationKind route) = 0;
  // Reviews scheduled (plan agreed, or review completed and support continuing) in [from, to].
  virtual std::vector<ReviewDay> reviewDays(Date from, Date to) = 0;
};

}  // namespace ycr
