#pragma once
// The counts commissioners see, as TRUE counts: storage answers these, and services publish them
// only through disclosure control (disclosure.h). Nothing here is fit to show anyone as it is.
//
// Storage answers counts from precomputed monthly figures (storage/src/stats_cube.h), which are kept
// equal to counting the records by the rules below; a test compares them with a plain recount.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/assessment.h"
#include "ycr/core/disclosure_noise.h"
#include "ycr/core/model.h"

namespace ycr {

// What is counted over a period [from, to] (dates inclusive, UK local dates).
// Route and age band describe a referral: for referrals, the referral itself; for young carers
// identified, their first referral; for open cases, the referral that opened the episode; for
// transitions, assessments, cards and breaks, the young carer's latest referral received on or before the
// day.
enum class Measure {
  young_carers_identified,  // young carers whose first referral to the register was received in the period
  referrals_received,       // referrals received in the period
  open_cases,               // cases open at the end of the period (`to`)
  transitions,              // cases entering transition in the period
  assessments_completed,    // needs assessments completed in the period (the pathway's complete_assessment)
  id_cards_issued,          // ID cards issued in the period (replacements for lost cards included)
  breaks_attended  // places attended at a short break, trip or residential (ycr::isBreak) whose register is
                   // finalised, counted in the month of the activity's first day
};
YCR_ENUM_NAMES(Measure, "young_carers_identified", "referrals_received", "open_cases", "transitions",
               "assessments_completed", "id_cards_issued", "breaks_attended")

// How a count is broken down. Young carers' details (MACA band and service included) are those on their
// record now; route and age band are of the describing referral (above); month and quarter are when the
// counted thing happened, so they break down the measures counted over the period, not open cases (counted on
// one day); pathway state is the case's state at the end of the period, so it breaks down open cases only.
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
  month,      // YYYY-MM of the referral
  quarter,    // YYYY-Qn of the referral (calendar quarters)
  maca_band,  // the band of the young carer's latest completed MACA-YC18 (none, low, moderate, high,
              // very_high)
  service     // the young carers service that owns the child's case now (its organisation's name), so a
              // region's commissioners see each council's share; added last so the codes stored in
              // stats_cells keep their meaning
};
YCR_ENUM_NAMES(Dimension, "route", "age_band", "gender", "ethnicity", "district", "school", "condition",
               "relationship", "pathway_state", "month", "quarter", "maca_band", "service")

// Whether a count of `m` can be broken down by `d` (see Dimension).
inline bool dimensionApplies(Measure m, Dimension d) {
  if (d == Dimension::pathway_state) return m == Measure::open_cases;
  if (d == Dimension::month || d == Dimension::quarter) return m != Measure::open_cases;
  return true;
}

// A dimension whose groups may share children (so cells do not add up to the number of children).
inline bool multiValued(Dimension d) {
  return d == Dimension::condition || d == Dimension::relationship;
}

// Months since year 0: year * 12 + (month - 1). Counts cover whole months, and these index them.
int monthIndex(const Date& d);
Date monthStart(int month);           // the first day of the month
Date monthEnd(int month);             // the last day of the month
std::string monthLabel(int month);    // 2025-06
std::string quarterLabel(int month);  // 2025-Q2

struct CountQuery {
  Measure measure = Measure::referrals_received;
  std::vector<Dimension> by;  // zero, one or two
  Date from{};
  Date to{};
  // Counting the population (below) may stop at this many children; 0 counts them all.
  long long populationCap = 0;
};

struct CountRow {
  std::vector<std::string> values;  // one per dimension; "not_recorded" where the record has none
  long long count = 0;
};

struct CountResult {
  std::vector<CountRow> rows;  // only non-empty groups
  long long total = 0;         // the measure without grouping (each unit once)
  // Children the period selects before any grouping (for tests and benchmarks; nothing published reads
  // it: disclosure.h). Exact when below
  // CountQuery::populationCap (or when no cap is set); otherwise at least the cap.
  long long population = 0;
};

// One group of a table of the precomputed counts with its true cumulative counts
// (StatisticsRepository::cumulative).
struct CumulativeRow {
  std::vector<std::string> values;  // one per grouping dimension, in the order asked for
  std::vector<long long> atEnd;     // one per month end asked for
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

// Tasks for adult social care (adult_social_care_assessment, young_adult_carer_assessment), not cancelled.
struct TaskDueDay {
  Date due{};
  std::optional<Date> takenUp;  // the UK day it was first accepted or completed, if it has been
  long long tasks = 0;
};

struct ShareCount {
  long long numerator = 0;
  long long denominator = 0;
};

class StatisticsRepository {
 public:
  virtual ~StatisticsRepository() = default;
  virtual CountResult count(const CountQuery& query) = 0;
  // The base cells of disclosure control (disclosure.h): the table of `measure` grouped by `groups`
  // (zero, one or two dimensions, neither month nor quarter). Every group that has ever had a unit, in
  // any month, with the true number of units from the register's beginning to the end of each month in
  // `monthEnds` (monthIndex values, strictly ascending). For open cases that is the stock at the month's
  // end; for the other measures a period's count is the difference of two of them.
  virtual std::vector<CumulativeRow> cumulative(Measure measure, const std::vector<Dimension>& groups,
                                                const std::vector<int>& monthEnds) = 0;
  // The register's secret for the noise of disclosure control (migration 0015), made once.
  virtual NoiseKey noiseKey() = 0;

  // Referrals received in [from, to] that opened or reopened a case, grouped by receipt and decision day.
  virtual std::vector<DecisionDay> decisionDays(Date from, Date to) = 0;
  // Assessments completed in [from, to]: numerator on time (not late), denominator all.
  virtual ShareCount assessmentsOnTime(Date from, Date to) = 0;
  // Children aged minAge..maxAge on `on` with a case open on `on`.
  virtual long long openCasesAged(Date on, int minAge, int maxAge) = 0;
  // Of the children aged minAge..maxAge with a case open on `on`, those who had completed a transition
  // assessment (any completed transition_assessment) by the end of that day.
  virtual ShareCount transitionCoverage(Date on, int minAge, int maxAge) = 0;
  // ID cards on `on`: numerator active cards issued by then and not expired (IdCardRepository::cardsActive),
  // denominator those plus the young carers eligible for one without one
  // (IdCardRepository::youngCarersEligibleWithoutCard), from the precomputed figures.
  virtual ShareCount cardCoverage(Date on, int upperAge) = 0;
  // Of the young carers aged minAge or over with a case open on `on`, those whose agreed plan in force that
  // day (agreed by then, not yet superseded) has an item of `type` running (started, not ended). Counted
  // for sport_and_leisure, money_and_benefits_advice, personal_budget and emergency_plan only; other
  // types: std::invalid_argument.
  virtual ShareCount supportCoverage(Date on, ServiceType type, int minAge) = 0;
  // Referrals received in [from, to]: numerator through the given route.
  virtual ShareCount referralsThroughRoute(Date from, Date to, OrganisationKind route) = 0;
  // Reviews scheduled (plan agreed, or review completed and support continuing) in [from, to].
  virtual std::vector<ReviewDay> reviewDays(Date from, Date to) = 0;
  // Tasks for adult social care due in [from, to], grouped by due day and the day taken up.
  virtual std::vector<TaskDueDay> adultSocialCareTaskDays(Date from, Date to) = 0;
  // Young carers who attended a break (ycr::isBreak: a short break, trip or residential) on some day of
  // [from, to] while their case was open: their place marked attended on a register that is finalised,
  // and the activity's days and an episode of the case overlapping the period on a common day.
  virtual long long youngCarersWithShortBreak(Date from, Date to) = 0;
  // The same, month by month up to the month of `to`: (monthIndex, young carers who attended a break on
  // some day of that month while their case was open), months with none left out.
  virtual std::vector<std::pair<int, long long>> youngCarersWithShortBreakByMonth(Date to) = 0;
  // School terms ending in [from, to] measured for absence for caring (ycr::caringAbsenceMeasures, from the
  // records in force): numerator those reduced below the young carer's first recorded term, denominator all.
  virtual ShareCount caringAbsenceReduced(Date from, Date to) = 0;
  // Answers to a survey agreeing with two of its questions, per financial year (survey.h: answers are kept
  // by financial year only): `agreed` gave both a value of at least `agreeFrom`, `answered` answered both.
  struct SurveyAgreement {
    std::string financialYear;  // "2025/26"
    long long agreed = 0;
    long long answered = 0;
  };
  virtual std::vector<SurveyAgreement> surveyAgreement(const std::string& surveyId, int item, int otherItem,
                                                       int agreeFrom) = 0;
  // Active school organisations on the register: denominator the number of them, numerator those with
  // a young carer champion in post on `on` (school_champion.h).
  virtual ShareCount schoolsWithChampion(Date on) = 0;
  // The identifiers (DfE URNs) of the active school organisations counted in schoolsWithChampion's
  // numerator, each once, for measuring against the area's configured list of schools.
  virtual std::vector<std::string> championSchoolIdentifiers(Date on) = 0;
};

}  // namespace ycr
