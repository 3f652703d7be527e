#pragma once
// Precomputed inputs of the commissioners' indicator report, so the report reads a few thousand summary
// rows instead of walking a year of case events and every open case of a national register.
//
// HOW IT STAYS EXACT
//   The same scheme as the counts (stats_cube.h): every input is a sum over young carers, each young
//   carer's part is recomputed whole from their records when anything of theirs changes (migration 0007's
//   triggers, and 0009's for card status and case state, mark them in stats_pending), and the summary
//   tables are adjusted by what the young carer's old part added and the new part adds, in the writing
//   transaction before it commits (StatsCube::settle calls refresh()). A rolled-back transaction takes its
//   adjustments with it; a bulk load that leaves its marks for later is counted by the next settle.
//
// WHAT IS STORED (migration 0009)
//   kpi_decisions / kpi_decision_days: each referral's intake event with the UK day of the case's next step,
//   found once when the case changes rather than per report; counted per received and decided day.
//   kpi_review_waits / kpi_review_days: each step that schedules a review with the step that ended the wait.
//   kpi_tasks / kpi_task_days (migration 0018): each task for adult social care, not cancelled, with its due
//   day and the UK day it was first accepted or completed; counted per due and taken-up day.
//   kpi_breaks_attended (migration 0024): the days each young carer attended a break (a short break, trip or
//   residential) whose register is finalised, while their case was open, as intervals.
//   kpi_caring_absence / kpi_caring_absence_terms (migration 0032): each term measured for absence for
//   caring (ycr::caringAbsenceMeasures) with its end day and whether it was reduced; counted per end day.
//   kpi_points / kpi_point_cells: stocks on a day (open cases, open cases in transition, young carers
//   eligible for a card without one, active cards, young carers with support beyond breaks in their plan)
//   as +1/-1 points by date of birth and day, so "on day D, born in a range" is a sum of points with day <=
//   D; kpi_point_cells sums them per month of birth and month of day, so whole months read one row each and
//   only the two edge months of birth and the month of D read points.

#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/assessment.h"
#include "ycr/core/statistics_repository.h"

namespace ycr::storage {

enum class PointKind : int {
  open_case = 1,                 // a case open on the day (any episode opened by then and not yet closed)
  open_transition_assessed = 2,  // ... whose young carer had completed a transition assessment by then
  without_card = 3,  // a young carer, not merged, whose case is open now, who has not said no to a card
                     // (their latest answer), with no active card valid on the day
  active_card = 4,   // an active card issued by the day and not yet expired (date of birth not used)
  // A young carer whose case is open on the day and whose agreed plan in force then (agreed by the day, not
  // yet superseded) has an item of the type running on the day (started, not ended) (migration 0027):
  with_sport_and_leisure = 5,
  with_money_and_benefits_advice = 6,
  with_personal_budget = 7,
  with_emergency_plan = 8,
};

// The activity kinds that are breaks (ycr::isBreak), as an SQL list: `('short_break', ...)`.
std::string breakKindsSql();

// The point kind counting young carers with `type` in their plan in force; nullopt for the types not counted.
std::optional<PointKind> supportPointKind(ServiceType type);

// Recomputes the facts of the young carers marked in stats_pending with ids in [lo, hi] and adjusts the
// summary tables. Must run inside the writing transaction, before the marks are cleared. `breaksAttended`:
// whether migration 0024's facts of breaks attended exist yet.
void refreshIndicatorFacts(sqlite3* db, long long lo, long long hi, bool breaksAttended);

// Readers of the summary tables (statistics_repository.h states what each returns).
std::vector<DecisionDay> decisionDaysFromFacts(sqlite3* db, const Date& from, const Date& to);
std::vector<ReviewDay> reviewDaysFromFacts(sqlite3* db, const Date& from, const Date& to);
std::vector<TaskDueDay> taskDaysFromFacts(sqlite3* db, const Date& from, const Date& to);
ShareCount caringAbsenceFromFacts(sqlite3* db, const Date& from, const Date& to);

// The stock of `kind` on day `on` among those born after `bornAfter` and on or before `bornBy` (ISO dates
// compared as text; "" and "~" leave a side open).
long long pointStock(sqlite3* db, PointKind kind, const std::string& bornAfter, const std::string& bornBy,
                     const Date& on);

// Dates of birth bounding "aged minAge..maxAge on `on`" as pointStock takes them: whole years of age with
// 29 February birthdays falling on 1 March in common years, exactly as ageOn and the SQL age test.
std::pair<std::string, std::string> birthRangeForAges(const Date& on, int minAge, int maxAge);

}  // namespace ycr::storage
