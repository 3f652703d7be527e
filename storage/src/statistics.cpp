#include "statistics.h"

#include <Poco/Data/SQLite/Utility.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "indicator_facts.h"

namespace ycr::storage {
namespace {

// Dates and instants below are produced by formatIsoDate/formatIsoTimestamp, never taken from a
// request, so quoting them into the SQL is safe; it keeps each query readable as one piece.
// Built by appending: GCC 12 at -O3 reports a -Wrestrict memcpy overlap that cannot happen in
// the inlined `const char* + std::string`.
std::string quotedText(const std::string& text) {
  std::string out(1, '\'');
  out += text;
  out += '\'';
  return out;
}
std::string quoted(const Date& d) {
  return quotedText(formatIsoDate(d));
}
std::string quoted(Timestamp t) {
  return quotedText(formatIsoTimestamp(t));
}
// The first instant after the UK day `to`.
Timestamp endOf(const Date& to) {
  return ukStartOfDay(addDays(to, 1));
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
      distinct =
          "SELECT DISTINCT case_id FROM case_events WHERE to_state = 'transition' AND from_state <> "
          "'transition' AND " +
          at;
      break;
    case Measure::assessments_completed:
      distinct = "SELECT DISTINCT case_id FROM case_events WHERE event = 'complete_assessment' AND " + at;
      break;
    case Measure::id_cards_issued:
      distinct = "SELECT DISTINCT young_carer_id FROM id_cards WHERE issued BETWEEN " + from + " AND " + to;
      break;
    case Measure::breaks_attended:
      distinct =
          "SELECT DISTINCT p.young_carer_id FROM activities a JOIN activity_places p ON p.activity_id = a.id "
          "AND "
          "p.attendance = 'attended' WHERE a.finalised_at IS NOT NULL AND a.kind IN " +
          breakKindsSql() + " AND a.starts_on BETWEEN " + from + " AND " + to;
      break;
  }
  return sql.one("SELECT COUNT(*) FROM (" + distinct + limit + ")")->i64(0);
}

}  // namespace

SqlStatistics::SqlStatistics(Sql& sql) : sql_(sql) {}

sqlite3* SqlStatistics::db() {
  return Poco::Data::SQLite::Utility::dbHandle(sql_.session());  // throws once the transaction is over
}

StatsCube& SqlStatistics::cube() {
  // Built again if the transaction has moved to another connection (Sql::rebind).
  if (!cube_ || cubeDb_ != db()) {
    cube_ = std::make_unique<StatsCube>(db());
    cubeDb_ = db();
  }
  return *cube_;
}

bool SqlStatistics::pending() {
  // Before migration 0007 there is nothing to settle. This is asked at every commit, so whether the table
  // exists is read from the connection's parsed schema (a null column name asks only that), not by
  // scanning sqlite_master, which cost more than the rest of an audited read's commit (issue 25); any
  // other answer than "it is there" asks sqlite_master as before.
  const bool known = sqlite3_table_column_metadata(db(), "main", "stats_pending", nullptr, nullptr, nullptr,
                                                   nullptr, nullptr, nullptr) == SQLITE_OK;
  if (!known && !sql_.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stats_pending'"))
    return false;
  return sql_.one("SELECT 1 FROM stats_pending LIMIT 1").has_value();
}

long long SqlStatistics::settle() {
  // Most writes leave nothing to count (an audit entry, a session): two lookups on the connection's
  // prepared statements say so, where the cube would prepare its own afresh at every commit.
  if (!pending()) return 0;
  return cube().settle();
}

CountResult SqlStatistics::count(const CountQuery& q) {
  if (q.by.size() > 2) throw std::invalid_argument("at most two dimensions");
  for (auto d : q.by)
    if (!dimensionApplies(q.measure, d))
      throw std::invalid_argument("dimension does not apply to the measure");
  CountResult out = cube().count(q);
  out.population = populationOf(sql_, q, out.total);
  return out;
}

std::vector<CumulativeRow> SqlStatistics::cumulative(Measure measure, const std::vector<Dimension>& groups,
                                                     const std::vector<int>& monthEnds) {
  return cube().cumulative(measure, groups, monthEnds);
}

NoiseKey SqlStatistics::noiseKey() {
  const auto row = sql_.one("SELECT hex(key) FROM disclosure_key WHERE id = 1");
  const std::string hex = row ? row->str(0) : std::string();
  NoiseKey key{};
  if (hex.size() != 2 * key.size())
    throw std::runtime_error("the disclosure key is missing (migration 0015)");
  for (std::size_t i = 0; i < key.size(); ++i)
    key[i] = static_cast<unsigned char>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return key;
}

std::vector<DecisionDay> SqlStatistics::decisionDays(Date from, Date to) {
  // Each referral's next step is found when its case changes (indicator_facts.h), not per report.
  return decisionDaysFromFacts(db(), from, to);
}

ShareCount SqlStatistics::assessmentsOnTime(Date from, Date to) {
  auto r = sql_.one(
      // Named: without statistics the planner prefers case_events_by_event and reads every row it finds.
      "SELECT COUNT(*), COALESCE(SUM(late = 0), 0) FROM case_events INDEXED BY "
      "case_events_assessments_completed "
      "WHERE event = 'complete_assessment' "
      "AND at >= " +
      quoted(ukStartOfDay(from)) + " AND at < " + quoted(endOf(to)));
  return {r->i64(1), r->i64(0)};
}

ShareCount SqlStatistics::caringAbsenceReduced(Date from, Date to) {
  return caringAbsenceFromFacts(db(), from, to);
}

long long SqlStatistics::openCasesAged(Date on, int minAge, int maxAge) {
  const auto [bornAfter, bornBy] = birthRangeForAges(on, minAge, maxAge);
  return pointStock(db(), PointKind::open_case, bornAfter, bornBy, on);
}

ShareCount SqlStatistics::transitionCoverage(Date on, int minAge, int maxAge) {
  const auto [bornAfter, bornBy] = birthRangeForAges(on, minAge, maxAge);
  return {pointStock(db(), PointKind::open_transition_assessed, bornAfter, bornBy, on),
          pointStock(db(), PointKind::open_case, bornAfter, bornBy, on)};
}

ShareCount SqlStatistics::cardCoverage(Date on, int upperAge) {
  const long long active = pointStock(db(), PointKind::active_card, "", "~", on);
  // Under upperAge on `on`: born after the same day upperAge years earlier (addMonths clamps 29 February).
  const long long without =
      pointStock(db(), PointKind::without_card, formatIsoDate(addMonths(on, -12 * upperAge)), "~", on);
  return {active, active + without};
}

ShareCount SqlStatistics::supportCoverage(Date on, ServiceType type, int minAge) {
  const auto kind = supportPointKind(type);
  if (!kind)
    throw std::invalid_argument("support of this type is not counted: " + std::string(toString(type)));
  // Aged minAge or over on `on`: born on or before the day they turned minAge (the upper end of the range).
  const std::string bornBy = birthRangeForAges(on, minAge, minAge).second;
  return {pointStock(db(), *kind, "", bornBy, on), pointStock(db(), PointKind::open_case, "", bornBy, on)};
}

ShareCount SqlStatistics::referralsThroughRoute(Date from, Date to, OrganisationKind route) {
  auto r = sql_.one(
      "SELECT COALESCE(SUM(route = ?), 0), COUNT(*) FROM stats_referrals WHERE received_day BETWEEN " +
          quoted(from) + " AND " + quoted(to),
      {std::string(toString(route))});
  return {r->i64(0), r->i64(1)};
}

std::vector<ReviewDay> SqlStatistics::reviewDays(Date from, Date to) {
  return reviewDaysFromFacts(db(), from, to);
}

std::vector<TaskDueDay> SqlStatistics::adultSocialCareTaskDays(Date from, Date to) {
  return taskDaysFromFacts(db(), from, to);
}

long long SqlStatistics::youngCarersWithShortBreak(Date from, Date to) {
  // The precomputed days of breaks attended (indicator_facts.cpp, refreshBreaksAttended): intervals that end
  // on or after the period's start and begin by its end share a day with it.
  return sql_
      .one("SELECT COUNT(DISTINCT young_carer_id) FROM kpi_breaks_attended WHERE until_day >= " +
           quoted(from) + " AND from_day <= " + quoted(to))
      ->i64(0);
}

std::vector<std::pair<int, long long>> SqlStatistics::youngCarersWithShortBreakByMonth(Date to) {
  const int last = monthIndex(to);
  std::map<int, long long> perMonth;
  std::set<int> months;  // of the young carer being read
  long long current = -1;
  auto flush = [&] {
    for (int m : months) ++perMonth[m];
    months.clear();
  };
  for (const auto& r :
       sql_.query("SELECT young_carer_id, from_day, until_day FROM kpi_breaks_attended WHERE from_day <= " +
                  quoted(to) + " ORDER BY young_carer_id")) {
    if (r.i64(0) != current) flush();
    current = r.i64(0);
    const auto from = parseIsoDate(r.str(1));
    const auto until = parseIsoDate(r.str(2));
    if (!from) continue;
    const int end = until ? std::min(last, monthIndex(*until)) : last;
    for (int m = monthIndex(*from); m <= end; ++m) months.insert(m);
  }
  flush();
  return {perMonth.begin(), perMonth.end()};
}

namespace {
// Whether school organisation `o` had a young carer champion in post on `on` (migration 0034): the
// one definition both champion figures use.
std::string hasChampionBy(Date on) {
  const auto day = quoted(on);
  return "EXISTS (SELECT 1 FROM school_champions c WHERE c.organisation_id = o.id AND c.since <= " + day +
         " AND (c.until IS NULL OR c.until >= " + day + "))";
}
}  // namespace

std::vector<StatisticsRepository::SurveyAgreement> SqlStatistics::surveyAgreement(const std::string& surveyId,
                                                                                  int item, int otherItem,
                                                                                  int agreeFrom) {
  std::vector<SurveyAgreement> out;
  for (const auto& r : sql_.query(
           "SELECT s.financial_year, COALESCE(SUM(CASE WHEN a.value >= ? AND b.value >= ? THEN 1 ELSE 0 "
           "END), 0), "
           "COUNT(*) FROM survey_responses s JOIN survey_answers a ON a.response_id = s.id AND a.item = ? "
           "JOIN survey_answers b ON b.response_id = s.id AND b.item = ? WHERE s.survey_id = ? "
           "GROUP BY s.financial_year ORDER BY s.financial_year",
           {static_cast<long long>(agreeFrom), static_cast<long long>(agreeFrom),
            static_cast<long long>(item), static_cast<long long>(otherItem), surveyId}))
    out.push_back({r.str(0), r.i64(1), r.i64(2)});
  return out;
}

ShareCount SqlStatistics::schoolsWithChampion(Date on) {
  auto r = sql_.one("SELECT COALESCE(SUM(" + hasChampionBy(on) +
                    "), 0), COUNT(*) FROM organisations o WHERE o.kind = 'school' AND o.active = 1");
  return {r->i64(0), r->i64(1)};
}

std::vector<std::string> SqlStatistics::championSchoolIdentifiers(Date on) {
  std::vector<std::string> out;
  for (const auto& r : sql_.query(
           "SELECT DISTINCT o.identifier FROM organisations o WHERE o.kind = 'school' AND o.active = 1 AND "
           "o.identifier <> '' AND " +
           hasChampionBy(on) + " ORDER BY o.identifier"))
    out.push_back(r.str(0));
  return out;
}

}  // namespace ycr::storage
