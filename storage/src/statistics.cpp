#include "statistics.h"

#include <Poco/Data/SQLite/Utility.h>

#include <algorithm>
#include <stdexcept>

namespace ycr::storage {
namespace {

// Dates and instants below are produced by formatIsoDate/formatIsoTimestamp, never taken from a
// request, so quoting them into the SQL is safe; it keeps each query readable as one piece.
std::string quoted(const Date& d) {
  return "'" + formatIsoDate(d) + "'";
}
std::string quoted(Timestamp t) {
  return "'" + formatIsoTimestamp(t) + "'";
}
// The first instant after the UK day `to`.
Timestamp endOf(const Date& to) {
  return ukStartOfDay(addDays(to, 1));
}

// The UK local date of a stored UTC timestamp column (British Summer Time from 01:00 UTC on the
// last Sunday of March to 01:00 UTC on the last Sunday of October).
std::string ukDay(const std::string& col) {
  return "date(" + col + ", CASE WHEN " + col + " >= date(substr(" + col +
         ", 1, 4) || '-03-25', 'weekday 0') || " + "'T01:00:00Z' AND " + col + " < date(substr(" + col +
         ", 1, 4) || '-10-25', 'weekday 0') || 'T01:00:00Z' " + "THEN '+1 hour' ELSE '+0 hours' END)";
}

// Whole years of age on `on` for a date-of-birth column (29 February birthdays fall on 1 March).
std::string ageOnSql(const std::string& dobCol, const Date& on) {
  const std::string d = formatIsoDate(on);
  return "((" + d.substr(0, 4) + " - CAST(substr(" + dobCol + ", 1, 4) AS INTEGER)) - ('" + d.substr(5, 5) +
         "' < substr(" + dobCol + ", 6, 5)))";
}

// Children the period selects before grouping, for the minimum-population check: the DISTINCT scan
// stops at the cap, so a large period costs a handful of index rows, not the whole period.
long long populationOf(Sql& sql, const CountQuery& q, long long total) {
  const std::string limit = q.populationCap > 0 ? " LIMIT " + std::to_string(q.populationCap) : "";
  const std::string from = quoted(q.from), to = quoted(q.to);
  const std::string at = "at >= " + quoted(ukStartOfDay(q.from)) + " AND at < " + quoted(endOf(q.to));
  std::string distinct;
  switch (q.measure) {
    case Measure::young_carers_identified:  // each unit is a different child
    case Measure::open_cases:               // one case per child
      return q.populationCap > 0 ? std::min(total, q.populationCap) : total;
    case Measure::referrals_received:
      distinct = "SELECT DISTINCT young_carer_id FROM stats_referrals WHERE received_day BETWEEN " + from +
                 " AND " + to;
      break;
    case Measure::transitions:
      distinct = "SELECT DISTINCT case_id FROM case_events WHERE to_state = 'transition' AND from_state <> "
                 "'transition' AND " + at;
      break;
    case Measure::assessments_completed:
      distinct = "SELECT DISTINCT case_id FROM case_events WHERE event = 'complete_assessment' AND " + at;
      break;
    case Measure::id_cards_issued:
      distinct = "SELECT DISTINCT young_carer_id FROM id_cards WHERE issued BETWEEN " + from + " AND " + to;
      break;
  }
  return sql.one("SELECT COUNT(*) FROM (" + distinct + limit + ")")->i64(0);
}

}  // namespace

SqlStatistics::SqlStatistics(Sql& sql) : sql_(sql) {}

StatsCube& SqlStatistics::cube() {
  if (!cube_) cube_ = std::make_unique<StatsCube>(Poco::Data::SQLite::Utility::dbHandle(sql_.session()));
  return *cube_;
}

long long SqlStatistics::settle() {
  return cube().settle();
}

CountResult SqlStatistics::count(const CountQuery& q) {
  if (q.by.size() > 2) throw std::invalid_argument("at most two dimensions");
  for (auto d : q.by)
    if (!dimensionApplies(q.measure, d)) throw std::invalid_argument("dimension does not apply to the measure");
  CountResult out = cube().count(q);
  out.population = populationOf(sql_, q, out.total);
  return out;
}

std::vector<DecisionDay> SqlStatistics::decisionDays(Date from, Date to) {
  std::vector<DecisionDay> out;
  // The step after each referral is found once per referral (materialised before grouping, so it is
  // not looked up again for the GROUP BY). A referral's intake event is recorded at or after its
  // receipt, so events before the period's first day cannot belong to it.
  for (auto& r : sql_.query(
           "WITH steps AS MATERIALIZED (SELECT f.received_day AS received, (SELECT " + ukDay("n.at") +
           " FROM case_events n WHERE n.case_id = ev.case_id AND n.id > ev.id AND n.event NOT IN ('assign', "
           "'referral_joined') ORDER BY n.id LIMIT 1) AS decided FROM stats_referrals f JOIN case_events ev "
           "ON ev.referral_id = f.referral_id WHERE f.received_day BETWEEN " +
           quoted(from) + " AND " + quoted(to) +
           " AND ev.event IN ('referral_received', 'reopened_by_referral') AND ev.at >= " +
           quoted(ukStartOfDay(from)) + ") SELECT received, decided, COUNT(*) FROM steps GROUP BY 1, 2")) {
    out.push_back({r.date(0), r.optDate(1), r.i64(2)});
  }
  return out;
}

ShareCount SqlStatistics::assessmentsOnTime(Date from, Date to) {
  auto r = sql_.one(
      "SELECT COUNT(*), COALESCE(SUM(late = 0), 0) FROM case_events WHERE event = 'complete_assessment' "
      "AND at >= " +
      quoted(ukStartOfDay(from)) + " AND at < " + quoted(endOf(to)));
  return {r->i64(1), r->i64(0)};
}

namespace {
// Cases open on `on` of children aged minAge..maxAge then. Driven from the children born in the matching
// window (an index range on date of birth, widened by a day each side; the exact age test follows), so
// a register of a million is not read whole for one age band.
std::string openAged(const Date& on, int minAge, int maxAge) {
  const Date bornAfter = addDays(addMonths(on, -12 * (maxAge + 1)), -1);
  const Date bornBy = addDays(addMonths(on, -12 * minAge), 1);
  return "young_carers y CROSS JOIN cases c CROSS JOIN stats_episodes e WHERE y.date_of_birth BETWEEN " +
         quoted(bornAfter) + " AND " + quoted(bornBy) + " AND c.young_carer_id = y.id AND e.case_id = c.id AND " +
         "e.opened_day <= " + quoted(on) + " AND (e.closed_day IS NULL OR e.closed_day > " + quoted(on) +
         ") AND " + ageOnSql("y.date_of_birth", on) + " BETWEEN " + std::to_string(minAge) + " AND " +
         std::to_string(maxAge);
}
}  // namespace

long long SqlStatistics::openCasesAged(Date on, int minAge, int maxAge) {
  return sql_.one("SELECT COUNT(DISTINCT e.case_id) FROM " + openAged(on, minAge, maxAge))->i64(0);
}

ShareCount SqlStatistics::transitionCoverage(Date on, int minAge, int maxAge) {
  auto r = sql_.one(
      "SELECT COALESCE(SUM(EXISTS (SELECT 1 FROM case_events t WHERE t.case_id = e.case_id AND t.to_state = "
      "'transition' AND t.at < " +
      quoted(endOf(on)) + ")), 0), COUNT(*) FROM " + openAged(on, minAge, maxAge));
  return {r->i64(0), r->i64(1)};
}

ShareCount SqlStatistics::referralsThroughRoute(Date from, Date to, OrganisationKind route) {
  auto r = sql_.one(
      "SELECT COALESCE(SUM(route = ?), 0), COUNT(*) FROM stats_referrals WHERE received_day BETWEEN " +
          quoted(from) + " AND " + quoted(to),
      {std::string(toString(route))});
  return {r->i64(0), r->i64(1)};
}

std::vector<ReviewDay> SqlStatistics::reviewDays(Date from, Date to) {
  std::vector<ReviewDay> out;
  // The step that ends the wait for a review: the review itself, or the case leaving support first,
  // found once per scheduling step (materialised before grouping).
  for (auto& r :
       sql_.query("WITH waits AS MATERIALIZED (SELECT " + ukDay("s.at") + " AS scheduled, (SELECT n.event || ' ' || " +
                  ukDay("n.at") +
                  " FROM case_events n WHERE n.case_id = s.case_id AND n.id > s.id AND n.event IN "
                  "('complete_review', 'close', 'start_transition', 'hand_over') ORDER BY n.id LIMIT 1) AS ended "
                  "FROM case_events s WHERE "
                  "(s.event = 'agree_plan' OR (s.event = 'complete_review' AND s.to_state = 'supported')) "
                  "AND s.at >= " +
                  quoted(ukStartOfDay(from)) + " AND s.at < " + quoted(endOf(to)) +
                  ") SELECT scheduled, ended, COUNT(*) FROM waits GROUP BY 1, 2")) {
    ReviewDay d;
    d.scheduled = r.date(0);
    d.reviews = r.i64(2);
    if (auto next = r.optStr(1)) {
      auto space = next->find(' ');
      auto day = parseIsoDate(next->substr(space + 1));
      if (next->substr(0, space) == "complete_review")
        d.completed = day;
      else
        d.endedWithoutReview = day;
    }
    out.push_back(d);
  }
  return out;
}

long long SqlStatistics::youngCarersWithShortBreak(Date from, Date to) {
  // Intervals on a line share a day when every one starts no later than every other ends, so the
  // pairwise conditions below say the item, the plan in force, the case episode and the period overlap.
  const std::vector<std::string> starts = {"i.start_on", "p.agreed_on", "e.opened_day", quoted(from)};
  std::string where;
  for (const auto& s : starts) {
    where += " AND (i.end_on IS NULL OR " + s + " <= i.end_on) AND " + s + " <= " + quoted(to) +
             " AND (p.superseded_on IS NULL OR " + s + " < p.superseded_on) AND (e.closed_day IS NULL OR " + s +
             " < e.closed_day)";
  }
  return sql_
      .one("SELECT COUNT(DISTINCT c.young_carer_id) FROM support_plan_items i JOIN support_plans p ON p.id = "
           "i.plan_id JOIN cases c ON c.id = p.case_id JOIN stats_episodes e ON e.case_id = c.id WHERE i.type = "
           "'short_break' AND p.status IN ('agreed', 'superseded') AND p.agreed_on IS NOT NULL" +
           where)
      ->i64(0);
}

ShareCount SqlStatistics::schoolsWithChampion(Date on) {
  auto r = sql_.one(
      "SELECT COALESCE(SUM(EXISTS (SELECT 1 FROM users u WHERE u.organisation_id = o.id AND u.role = 'referrer' "
      "AND u.active = 1 AND u.created_at < " +
      quoted(endOf(on)) + ")), 0), COUNT(*) FROM organisations o WHERE o.kind = 'school' AND o.active = 1");
  return {r->i64(0), r->i64(1)};
}

}  // namespace ycr::storage
