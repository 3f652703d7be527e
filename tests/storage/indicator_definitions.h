#pragma once
// The indicator report's inputs as the report computed them from the raw records before the precomputed
// facts existed (storage/src/indicator_facts.h), kept as the definitions indicator_facts_test.cpp compares
// the facts with, and a read-only connection to ask them of.

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/dates.h"
#include "ycr/core/time.h"

namespace ycr::indicator_definitions {

inline std::string q(const Date& d) {
  return "'" + formatIsoDate(d) + "'";
}
inline std::string q(Timestamp t) {
  return "'" + formatIsoTimestamp(t) + "'";
}
inline Timestamp endOf(const Date& d) {
  return ukStartOfDay(addDays(d, 1));
}

// ---- the definitions as the report computed them before the facts existed ----
inline std::string ukDay(const std::string& col) {
  return "date(" + col + ", CASE WHEN " + col + " >= date(substr(" + col +
         ", 1, 4) || '-03-25', 'weekday 0') || " + "'T01:00:00Z' AND " + col + " < date(substr(" + col +
         ", 1, 4) || '-10-25', 'weekday 0') || " + "'T01:00:00Z' THEN '+1 hour' ELSE '+0 hours' END)";
}
inline std::string ageOnSql(const std::string& dobCol, const Date& on) {
  const std::string d = formatIsoDate(on);
  return "((" + d.substr(0, 4) + " - CAST(substr(" + dobCol + ", 1, 4) AS INTEGER)) - ('" + d.substr(5, 5) +
         "' < substr(" + dobCol + ", 6, 5)))";
}
inline std::string decisionsSql(const Date& from, const Date& to) {
  return "SELECT f.received_day, COALESCE((SELECT " + ukDay("n.at") +
         " FROM case_events n WHERE n.case_id = ev.case_id AND n.id > ev.id AND n.event NOT IN ('assign', "
         "'referral_joined') ORDER BY n.id LIMIT 1), '') AS decided, COUNT(*) FROM stats_referrals f JOIN "
         "case_events ev ON ev.referral_id = f.referral_id WHERE f.received_day BETWEEN " +
         q(from) + " AND " + q(to) +
         " AND ev.event IN ('referral_received', 'reopened_by_referral') AND ev.at >= " +
         q(ukStartOfDay(from)) + " GROUP BY 1, 2";
}
inline std::string reviewsSql(const Date& from, const Date& to) {
  return "SELECT " + ukDay("s.at") + ", COALESCE((SELECT n.event || ' ' || " + ukDay("n.at") +
         " FROM case_events n WHERE n.case_id = s.case_id AND n.id > s.id AND n.event IN ('complete_review', "
         "'close', 'start_transition', 'hand_over') ORDER BY n.id LIMIT 1), ''), COUNT(*) FROM case_events s "
         "WHERE "
         "(s.event = 'agree_plan' OR (s.event = 'complete_review' AND s.to_state = 'supported')) AND s.at "
         ">= " +
         q(ukStartOfDay(from)) + " AND s.at < " + q(endOf(to)) + " GROUP BY 1, 2";
}
inline std::string openAged(const Date& on, int minAge, int maxAge) {
  return "young_carers y JOIN cases c ON c.young_carer_id = y.id JOIN stats_episodes e ON e.case_id = c.id "
         "WHERE "
         "e.opened_day <= " +
         q(on) + " AND (e.closed_day IS NULL OR e.closed_day > " + q(on) + ") AND " +
         ageOnSql("y.date_of_birth", on) + " BETWEEN " + std::to_string(minAge) + " AND " +
         std::to_string(maxAge);
}
inline std::string openCasesSql(const Date& on, int minAge, int maxAge) {
  return "SELECT COUNT(DISTINCT e.case_id) FROM " + openAged(on, minAge, maxAge);
}
inline std::string transitionedSql(const Date& on, int minAge, int maxAge) {
  return "SELECT COUNT(DISTINCT e.case_id) FROM " + openAged(on, minAge, maxAge) +
         " AND EXISTS (SELECT 1 FROM assessments t WHERE t.young_carer_id = y.id AND t.kind = "
         "'transition_assessment' AND t.status = 'completed' AND t.completed_at < " +
         q(endOf(on)) + ")";
}

// Support beyond breaks: young carers aged minAge or over with an open episode on `on` and an item of `type`
// running that day (started, not ended) in an agreed plan in force (agreed by then, not superseded by then).
inline std::string supportSql(const Date& on, const std::string& type, int minAge) {
  return "SELECT COUNT(DISTINCT y.id) FROM " + openAged(on, minAge, 200) +
         " AND EXISTS (SELECT 1 FROM support_plans s JOIN support_plan_items i ON i.plan_id = s.id WHERE "
         "s.case_id = c.id AND s.status IN ('agreed', 'superseded') AND s.agreed_on <= " +
         q(on) + " AND (s.superseded_on IS NULL OR s.superseded_on > " + q(on) + ") AND i.type = '" + type +
         "' AND i.start_on <= " + q(on) + " AND (i.end_on IS NULL OR i.end_on >= " + q(on) + "))";
}

// Short breaks: a place marked attended on the finalised register of a short break, trip or residential, with
// the activity's days, an episode of the case and the period all sharing a day (intervals on a line share a
// day when every one starts no later than every other ends).
inline std::string shortBreaksSql(const Date& from, const Date& to) {
  std::string where;
  for (const std::string& start : std::vector<std::string>{"a.starts_on", "e.opened_day", q(from)})
    where += " AND " + start + " <= a.ends_on AND " + start + " <= " + q(to) +
             " AND (e.closed_day IS NULL OR " + start + " < e.closed_day)";
  return "SELECT COUNT(DISTINCT p.young_carer_id) FROM activity_places p JOIN activities a ON a.id = "
         "p.activity_id JOIN cases c ON c.young_carer_id = p.young_carer_id JOIN stats_episodes e ON "
         "e.case_id "
         "= c.id WHERE p.attendance = 'attended' AND a.finalised_at IS NOT NULL AND a.kind IN "
         "('short_break', "
         "'trip', 'residential')" +
         where;
}

struct Raw {
  sqlite3* db = nullptr;
  explicit Raw(const std::string& path) {
    BOOST_REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  }
  ~Raw() { sqlite3_close(db); }
  // Rows as "a|b|n" strings, sorted, so two answers compare as wholes.
  std::multiset<std::string> rows(const std::string& sql) {
    std::multiset<std::string> out;
    sqlite3_stmt* s = nullptr;
    BOOST_REQUIRE_MESSAGE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK,
                          sqlite3_errmsg(db));
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        row += (c ? "|" : "") + std::string(p ? p : "");
      }
      out.insert(row);
    }
    sqlite3_finalize(s);
    return out;
  }
  long long one(const std::string& sql) { return std::stoll(*rows(sql).begin()); }
};

}  // namespace ycr::indicator_definitions
