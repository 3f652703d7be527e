#include "indicator_facts.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>

#include "sqlite_statement.h"
#include "ycr/core/activity_repository.h"
#include "ycr/core/school_attendance.h"

namespace ycr::storage {
namespace {

class Stmt : public SqliteStatement {
 public:
  Stmt(sqlite3* db, const std::string& sql) : SqliteStatement(db, sql, "indicators") {}
};

// The UK local date of a stored UTC timestamp column, the same expression the definitions have always
// used (British Summer Time from 01:00 UTC on the last Sunday of March to the last Sunday of October).
std::string ukDay(const std::string& col) {
  return "date(" + col + ", CASE WHEN " + col + " >= date(substr(" + col +
         ", 1, 4) || '-03-25', 'weekday 0') || " + "'T01:00:00Z' AND " + col + " < date(substr(" + col +
         ", 1, 4) || '-10-25', 'weekday 0') || " + "'T01:00:00Z' THEN '+1 hour' ELSE '+0 hours' END)";
}

// The pending young carers of this batch, for `... IN (pending)`.
// A day before every other, and the date of birth of points that do not depend on one (cards).
const std::string kAlways = "0000-01-01";
const std::string kAnyBirth = "0000-01-01";

const char* kPending = "(SELECT young_carer_id FROM stats_pending WHERE young_carer_id BETWEEN ?1 AND ?2)";

// One fact table and its summary: the summary is adjusted by -1 for every old fact of the batch, the facts
// are replaced, then +1 for every new one. Summary rows that fall to 0 are kept (they add nothing), so a
// write never has to look for them. `summarise` takes the sign as ?3.
void removeFacts(sqlite3* db, long long lo, long long hi, const std::string& facts,
                 const std::string& summarise) {
  Stmt adjust(db, summarise);
  adjust.bind(1, lo).bind(2, hi).bind(3, -1LL).run();
  Stmt remove(db, "DELETE FROM " + facts + " WHERE young_carer_id IN " + kPending);
  remove.bind(1, lo).bind(2, hi).run();
}
void addFacts(sqlite3* db, long long lo, long long hi, const std::string& summarise) {
  Stmt adjust(db, summarise);
  adjust.bind(1, lo).bind(2, hi).bind(3, 1LL).run();
}
void replaceFacts(sqlite3* db, long long lo, long long hi, const std::string& facts,
                  const std::string& summarise, const std::string& insert) {
  removeFacts(db, lo, hi, facts, summarise);
  Stmt add(db, insert);
  add.bind(1, lo).bind(2, hi).run();
  addFacts(db, lo, hi, summarise);
}

struct Interval {
  Date from{};
  std::optional<Date> until;  // exclusive; none while open
};

bool earlier(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) < std::chrono::sys_days(b);
}

// The days a case is open: the union of its episodes [opened, closed), so a case with overlapping
// episodes counts once on a day, as COUNT(DISTINCT case) did.
std::vector<Interval> openDays(std::vector<Interval> episodes) {
  std::vector<Interval> nonEmpty;
  for (const auto& e : episodes)
    if (!e.until || earlier(e.from, *e.until)) nonEmpty.push_back(e);
  std::sort(nonEmpty.begin(), nonEmpty.end(),
            [](const Interval& a, const Interval& b) { return earlier(a.from, b.from); });
  std::vector<Interval> out;
  for (const auto& e : nonEmpty) {
    if (!out.empty() && (!out.back().until || !earlier(*out.back().until, e.from))) {
      if (out.back().until && (!e.until || earlier(*out.back().until, *e.until))) out.back().until = e.until;
      continue;
    }
    out.push_back(e);
  }
  return out;
}

struct ChildPoints {
  std::string dob;
  bool merged = false;
  bool hasCase = false;
  bool caseOpenNow = false;
  std::vector<Interval> episodes;
  std::optional<Timestamp> transitionAssessed;     // the first completed transition assessment
  std::vector<std::pair<Date, Date>> activeCards;  // issued, expires
  bool declinesCard = false;                       // the latest answer recorded was no (migration 0026)
  // The days each counted type of support ran in an agreed plan while that plan was in force.
  std::map<PointKind, std::vector<Interval>> support;
};

// The days in both of two sets of intervals, each already a union (openDays).
std::vector<Interval> intersect(const std::vector<Interval>& a, const std::vector<Interval>& b) {
  std::vector<Interval> out;
  for (const auto& x : a)
    for (const auto& y : b) {
      Interval i{earlier(x.from, y.from) ? y.from : x.from, x.until};
      if (!i.until || (y.until && earlier(*y.until, *i.until))) i.until = y.until;
      if (!i.until || earlier(i.from, *i.until)) out.push_back(i);
    }
  return out;
}

// The counted types as an SQL list: `('sport_and_leisure', ...)`.
std::string supportTypes() {
  std::string list;
  for (const auto& type : enumSpellings<ServiceType>()) {
    if (!supportPointKind(*parseEnum<ServiceType>(type))) continue;
    list += list.empty() ? "('" : ", '";
    list += type;
    list += '\'';
  }
  list += ')';
  return list;
}

// A date as the records store it.
Date storedDate(const std::string& text) {
  auto d = parseIsoDate(text);
  if (!d) throw std::runtime_error("indicators: unreadable date " + text);
  return *d;
}

// Each child's days of the counted types of support: an item runs on the days [start, end]; its plan is in
// force from the day it is agreed until the day it is superseded (that day belongs to the plan that
// superseded it).
void loadSupport(sqlite3* db, long long lo, long long hi, std::map<long long, ChildPoints>& children) {
  Stmt s(
      db,
      "SELECT c.young_carer_id, i.type, i.start_on, i.end_on, s.agreed_on, s.superseded_on FROM "
      "stats_pending "
      "p CROSS JOIN cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN support_plans s ON s.case_id = "
      "c.id AND s.status IN ('agreed', 'superseded') AND s.agreed_on IS NOT NULL CROSS JOIN "
      "support_plan_items i ON i.plan_id = s.id AND i.type IN " +
          supportTypes() + " WHERE p.young_carer_id BETWEEN ?1 AND ?2");
  s.bind(1, lo).bind(2, hi);
  while (s.step()) {
    auto child = children.find(s.i64(0));
    if (child == children.end()) continue;
    const Date start = storedDate(s.str(2)), agreed = storedDate(s.str(4));
    Interval i{earlier(start, agreed) ? agreed : start, std::nullopt};
    if (!s.isNull(3)) i.until = addDays(storedDate(s.str(3)), 1);
    if (!s.isNull(5) && (!i.until || earlier(storedDate(s.str(5)), *i.until))) i.until = storedDate(s.str(5));
    child->second.support[*supportPointKind(*parseEnum<ServiceType>(s.str(1)))].push_back(i);
  }
}

// What the points are made from, for the marked young carers with ids in [lo, hi].
std::map<long long, ChildPoints> loadPoints(sqlite3* db, long long lo, long long hi, bool cardWishes) {
  std::map<long long, ChildPoints> children;
  auto each = [&](const std::string& sql, auto&& row) {
    Stmt s(db, sql);
    s.bind(1, lo).bind(2, hi);
    while (s.step()) {
      auto it = children.find(s.i64(0));
      if (it != children.end()) row(it->second, s);
    }
  };
  {
    Stmt s(db,
           "SELECT y.id, y.date_of_birth, y.merged_into IS NOT NULL, c.id IS NOT NULL, "
           "COALESCE(c.state NOT IN ('closed', 'handed_over'), 0) FROM stats_pending p CROSS JOIN "
           "young_carers y "
           "ON y.id = "
           "p.young_carer_id LEFT JOIN cases c ON c.young_carer_id = y.id WHERE p.young_carer_id BETWEEN ?1 "
           "AND ?2");
    s.bind(1, lo).bind(2, hi);
    while (s.step()) {
      auto& c = children[s.i64(0)];
      c.dob = s.str(1);
      c.merged = s.i64(2) != 0;
      c.hasCase = s.i64(3) != 0;
      c.caseOpenNow = s.i64(4) != 0;
    }
  }
  const std::string pendingCases =
      " FROM stats_pending p CROSS JOIN cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN ";
  const std::string range = " WHERE p.young_carer_id BETWEEN ?1 AND ?2";
  each("SELECT c.young_carer_id, e.opened_day, e.closed_day" + pendingCases +
           "stats_episodes e ON e.case_id = c.id" + range,
       [&](ChildPoints& c, Stmt& s) {
         Interval i{storedDate(s.str(1)), std::nullopt};
         if (!s.isNull(2)) i.until = storedDate(s.str(2));
         c.episodes.push_back(i);
       });
  each(
      "SELECT a.young_carer_id, a.completed_at FROM stats_pending p CROSS JOIN assessments a ON "
      "a.young_carer_id = p.young_carer_id AND a.status = 'completed' AND a.kind = 'transition_assessment' "
      "AND a.completed_at IS NOT NULL" +
          range,
      [](ChildPoints& c, Stmt& s) {
        auto at = parseIsoTimestamp(s.str(1));
        if (!at) throw std::runtime_error("indicators: unreadable time " + s.str(1));
        if (!c.transitionAssessed || *at < *c.transitionAssessed) c.transitionAssessed = *at;
      });
  each(
      "SELECT k.young_carer_id, k.issued, k.expires FROM stats_pending p CROSS JOIN id_cards k ON "
      "k.young_carer_id "
      "= "
      "p.young_carer_id AND k.status = 'active'" +
          range,
      [&](ChildPoints& c, Stmt& s) {
        c.activeCards.emplace_back(storedDate(s.str(1)), storedDate(s.str(2)));
      });
  loadSupport(db, lo, hi, children);
  if (cardWishes)  // in order, so the latest answer is the one left
    each(
        "SELECT w.young_carer_id, w.wants_card FROM stats_pending p CROSS JOIN id_card_wishes w ON "
        "w.young_carer_id = p.young_carer_id" +
            range + " ORDER BY w.id",
        [](ChildPoints& c, Stmt& s) { c.declinesCard = s.i64(1) == 0; });

  return children;
}

void refreshPoints(sqlite3* db, long long lo, long long hi, bool cardWishes) {
  const auto children = loadPoints(db, lo, hi, cardWishes);
  const std::string summarise =
      std::string(
          "INSERT INTO kpi_point_cells(kind, dob_month, day_month, n) SELECT kind, substr(dob, 1, 7), "
          "substr(day, 1, 7), ?3 * SUM(delta) FROM kpi_points WHERE young_carer_id IN ") +
      kPending + " GROUP BY 1, 2, 3 ON CONFLICT(kind, dob_month, day_month) DO UPDATE SET n = n + excluded.n";
  removeFacts(db, lo, hi, "kpi_points", summarise);
  Stmt insert(db,
              "INSERT INTO kpi_points(young_carer_id, kind, dob, day, delta) VALUES (?1, ?2, ?3, ?4, ?5)");
  auto point = [&](long long id, PointKind kind, const std::string& dob, const std::string& day,
                   long long delta) {
    insert.bind(1, id).bind(2, static_cast<long long>(kind)).bind(3, dob).bind(4, day).bind(5, delta);
    insert.run();
  };
  for (const auto& [id, c] : children) {
    if (!c.hasCase) continue;
    const std::optional<Date> assessed =
        c.transitionAssessed ? std::optional(ukLocalDate(*c.transitionAssessed)) : std::nullopt;
    for (const auto& open : openDays(c.episodes)) {
      point(id, PointKind::open_case, c.dob, formatIsoDate(open.from), 1);
      if (open.until) point(id, PointKind::open_case, c.dob, formatIsoDate(*open.until), -1);
      if (!assessed) continue;
      const Date from = earlier(open.from, *assessed) ? *assessed : open.from;
      if (open.until && !earlier(from, *open.until)) continue;
      point(id, PointKind::open_transition_assessed, c.dob, formatIsoDate(from), 1);
      if (open.until) point(id, PointKind::open_transition_assessed, c.dob, formatIsoDate(*open.until), -1);
    }
    for (const auto& [kind, items] : c.support)
      for (const auto& running : intersect(openDays(items), openDays(c.episodes))) {
        point(id, kind, c.dob, formatIsoDate(running.from), 1);
        if (running.until) point(id, kind, c.dob, formatIsoDate(*running.until), -1);
      }
    if (!c.merged && c.caseOpenNow && !c.declinesCard) {
      // Without a card valid on D: from the day after the last active card expires (or always); a young
      // carer who said they do not want one is not waiting for one.
      std::optional<Date> lastExpiry;
      for (const auto& [issued, expires] : c.activeCards)
        if (!lastExpiry || earlier(*lastExpiry, expires)) lastExpiry = expires;
      point(id, PointKind::without_card, c.dob, lastExpiry ? formatIsoDate(addDays(*lastExpiry, 1)) : kAlways,
            1);
    }
  }
  for (const auto& [id, c] : children)
    for (const auto& [issued, expires] : c.activeCards) {
      if (earlier(expires, issued)) continue;
      point(id, PointKind::active_card, kAnyBirth, formatIsoDate(issued), 1);
      point(id, PointKind::active_card, kAnyBirth, formatIsoDate(addDays(expires, 1)), -1);
    }
  addFacts(db, lo, hi, summarise);
}

// The days a young carer attended a break whose register is finalised, while their case was open: the
// intersection of the activity's days [starts, ends] and the episode's [opened, closed), kept where it is
// not empty (migration 0024). Cancelled and did-not-attend places, registers not yet finalised, groups
// and sessions give none.
void refreshBreaksAttended(sqlite3* db, long long lo, long long hi) {
  Stmt remove(db, std::string("DELETE FROM kpi_breaks_attended WHERE young_carer_id IN ") + kPending);
  remove.bind(1, lo).bind(2, hi).run();
  Stmt add(db,
           "INSERT INTO kpi_breaks_attended(young_carer_id, from_day, until_day) SELECT young_carer_id, f, u "
           "FROM (SELECT c.young_carer_id, max(a.starts_on, e.opened_day) AS f, min(a.ends_on, "
           "COALESCE(date(e.closed_day, '-1 day'), '9999-12-31')) AS u FROM stats_pending p CROSS JOIN "
           "activity_places ap ON ap.young_carer_id = p.young_carer_id AND ap.attendance = 'attended' CROSS "
           "JOIN activities a ON a.id = ap.activity_id AND a.finalised_at IS NOT NULL AND a.kind IN " +
               breakKindsSql() +
               " CROSS JOIN cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN stats_episodes e ON "
               "e.case_id = c.id WHERE p.young_carer_id BETWEEN ?1 AND ?2) WHERE f <= u");
  add.bind(1, lo).bind(2, hi).run();
}

// Each young carer's terms measured for absence for caring (ycr::caringAbsenceMeasures, the one definition)
// from their records in force: the latest for each term (migration 0032).
void refreshCaringAbsence(sqlite3* db, long long lo, long long hi) {
  const std::string summarise =
      std::string(
          "INSERT INTO kpi_caring_absence_terms(term_end, measured, reduced) SELECT term_end, ?3 * COUNT(*), "
          "?3 * SUM(reduced) FROM kpi_caring_absence WHERE young_carer_id IN ") +
      kPending +
      " GROUP BY 1 ON CONFLICT(term_end) DO UPDATE SET measured = measured + excluded.measured, reduced = "
      "reduced + excluded.reduced";
  removeFacts(db, lo, hi, "kpi_caring_absence", summarise);
  std::map<std::tuple<Id, std::string, std::string>, TermAttendance> inForce;
  Stmt read(
      db,
      "SELECT a.id, a.young_carer_id, a.academic_year, a.term, a.sessions_possible, a.missed_for_caring "
      "FROM stats_pending p CROSS JOIN school_attendance a ON a.young_carer_id = p.young_carer_id WHERE "
      "p.young_carer_id BETWEEN ?1 AND ?2 ORDER BY a.id");
  read.bind(1, lo).bind(2, hi);
  while (read.step()) {
    auto term = parseEnum<Term>(read.text(3));
    if (!term) continue;                                                   // written from the enum only
    TermAttendance& a = inForce[{read.i64(1), read.str(2), read.str(3)}];  // later ids replace earlier
    a.id = read.i64(0);
    a.youngCarerId = read.i64(1);
    a.academicYear = read.str(2);
    a.term = *term;
    a.sessionsPossible = static_cast<int>(read.i64(4));
    a.missedForCaring = static_cast<int>(read.i64(5));
  }
  std::vector<TermAttendance> records;
  for (auto& [key, a] : inForce) records.push_back(std::move(a));
  Stmt add(db, "INSERT INTO kpi_caring_absence(young_carer_id, term_end, reduced) VALUES (?1, ?2, ?3)");
  for (const auto& m : caringAbsenceMeasures(records)) {
    add.bind(1, m.youngCarerId).bind(2, formatIsoDate(m.termEnd)).bind(3, m.reduced ? 1LL : 0LL);
    add.run();
  }
  addFacts(db, lo, hi, summarise);
}

bool hasTable(sqlite3* db, const std::string& name) {
  Stmt s(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
  s.bind(1, name);
  return s.step();
}

// Tasks for adult social care, not cancelled, with the UK day each was first taken up: its first history row
// accepting or completing it, else (moved without history) the day of its last change (migration 0018).
void refreshTaskFacts(sqlite3* db, long long lo, long long hi) {
  const std::string takenUp = "COALESCE((SELECT " + ukDay("e.at") +
                              " FROM task_events e WHERE e.case_id = t.case_id AND e.task_id = t.id AND "
                              "e.to_status IN ('accepted', 'completed') ORDER BY e.at, e.id LIMIT 1), "
                              "CASE WHEN t.status IN ('accepted', 'completed') AND t.updated_at <> '' THEN " +
                              ukDay("t.updated_at") + " END)";
  replaceFacts(
      db, lo, hi, "kpi_tasks",
      std::string(
          "INSERT INTO kpi_task_days(due_day, taken_up_day, n) SELECT due_day, COALESCE(taken_up_day, "
          "''), ?3 * COUNT(*) FROM kpi_tasks WHERE young_carer_id IN ") +
          kPending + " GROUP BY 1, 2 ON CONFLICT(due_day, taken_up_day) DO UPDATE SET n = n + excluded.n",
      "INSERT INTO kpi_tasks(task_id, young_carer_id, due_day, taken_up_day) SELECT t.id, c.young_carer_id, "
      "t.due, " +
          takenUp +
          " FROM stats_pending p CROSS JOIN cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN "
          "case_tasks t ON t.case_id = c.id AND t.kind IN ('adult_social_care_assessment', "
          "'young_adult_carer_assessment') AND t.status <> 'cancelled' WHERE p.young_carer_id BETWEEN ?1 AND "
          "?2");
}

}  // namespace

// The activity kinds that are breaks (ycr::isBreak), as an SQL list: `('trip', ...)`.
std::string breakKindsSql() {
  // Appended piece by piece (GCC 12's -Wrestrict on `const char* + std::string`, as in statistics.cpp).
  std::string list;
  for (const auto& kind : enumSpellings<ActivityKind>()) {
    if (!isBreak(*parseEnum<ActivityKind>(kind))) continue;
    list += list.empty() ? "('" : ", '";
    list += kind;
    list += '\'';
  }
  list += ')';
  return list;
}

std::optional<PointKind> supportPointKind(ServiceType type) {
  switch (type) {
    case ServiceType::sport_and_leisure: return PointKind::with_sport_and_leisure;
    case ServiceType::money_and_benefits_advice: return PointKind::with_money_and_benefits_advice;
    case ServiceType::personal_budget: return PointKind::with_personal_budget;
    case ServiceType::emergency_plan: return PointKind::with_emergency_plan;
    default: return std::nullopt;
  }
}

void refreshIndicatorFacts(sqlite3* db, long long lo, long long hi, bool breaksAttended) {
  const std::string pendingEvents =
      " FROM stats_pending p CROSS JOIN cases c ON c.young_carer_id = p.young_carer_id CROSS JOIN "
      "case_events ";
  const std::string range = " WHERE p.young_carer_id BETWEEN ?1 AND ?2";
  // A referral is decided by the case's first step after its intake event other than assigning an owner or
  // joining another referral to it (the definition in core/src/indicators.cpp).
  replaceFacts(
      db, lo, hi, "kpi_decisions",
      std::string(
          "INSERT INTO kpi_decision_days(received_day, early_day, decided_day, n) SELECT received_day, "
          "COALESCE(early_day, ''), COALESCE(decided_day, ''), ?3 * COUNT(*) FROM kpi_decisions WHERE "
          "young_carer_id IN ") +
          kPending +
          " GROUP BY 1, 2, 3 ON CONFLICT(received_day, early_day, decided_day) DO UPDATE SET n = n + "
          "excluded.n",
      "INSERT INTO kpi_decisions(event_id, young_carer_id, received_day, early_day, decided_day) SELECT "
      "ev.id, "
      "c.young_carer_id, f.received_day, CASE WHEN " +
          ukDay("ev.at") + " < f.received_day THEN " + ukDay("ev.at") + " END, (SELECT " + ukDay("n.at") +
          " FROM case_events n WHERE n.case_id = ev.case_id AND n.id > ev.id AND n.event NOT IN ('assign', "
          "'referral_joined') ORDER BY n.id LIMIT 1)" +
          pendingEvents +
          "ev ON ev.case_id = c.id AND ev.event IN ('referral_received', 'reopened_by_referral') CROSS JOIN "
          "stats_referrals f ON f.referral_id = ev.referral_id" +
          range);
  // A review falls due from a plan agreed or a review that continued support; the wait ends at the review,
  // or at the case closing or moving to transition first.
  replaceFacts(
      db, lo, hi, "kpi_review_waits",
      std::string(
          "INSERT INTO kpi_review_days(scheduled_day, ended, n) SELECT scheduled_day, COALESCE(ended, ''), "
          "?3 * COUNT(*) FROM kpi_review_waits WHERE young_carer_id IN ") +
          kPending + " GROUP BY 1, 2 ON CONFLICT(scheduled_day, ended) DO UPDATE SET n = n + excluded.n",
      "INSERT INTO kpi_review_waits(event_id, young_carer_id, scheduled_day, ended) SELECT s.id, "
      "c.young_carer_id, " +
          ukDay("s.at") + ", (SELECT n.event || ' ' || " + ukDay("n.at") +
          " FROM case_events n WHERE n.case_id = s.case_id AND n.id > s.id AND n.event IN "
          "('complete_review', "
          "'close', 'start_transition', 'hand_over') ORDER BY n.id LIMIT 1)" +
          pendingEvents +
          "s ON s.case_id = c.id AND (s.event = 'agree_plan' OR (s.event = 'complete_review' AND s.to_state "
          "= "
          "'supported'))" +
          range);
  if (breaksAttended) refreshBreaksAttended(db, lo, hi);
  if (hasTable(db, "kpi_tasks")) refreshTaskFacts(db, lo, hi);
  if (hasTable(db, "kpi_caring_absence")) refreshCaringAbsence(db, lo, hi);
  refreshPoints(db, lo, hi, hasTable(db, "id_card_wishes"));
}

ShareCount caringAbsenceFromFacts(sqlite3* db, const Date& from, const Date& to) {
  Stmt s(db,
         "SELECT COALESCE(SUM(reduced), 0), COALESCE(SUM(measured), 0) FROM kpi_caring_absence_terms WHERE "
         "term_end BETWEEN ?1 AND ?2");
  s.bind(1, formatIsoDate(from)).bind(2, formatIsoDate(to));
  s.step();
  return {s.i64(0), s.i64(1)};
}

std::vector<DecisionDay> decisionDaysFromFacts(sqlite3* db, const Date& from, const Date& to) {
  std::vector<DecisionDay> out;
  // An intake event recorded before the receipt day counts only when recorded within the period (as the
  // definition's bound on intake events always had it).
  Stmt s(
      db,
      "SELECT received_day, decided_day, SUM(n) FROM kpi_decision_days WHERE received_day BETWEEN ?1 AND ?2 "
      "AND (early_day = '' OR early_day >= ?1) GROUP BY 1, 2 HAVING SUM(n) <> 0");
  s.bind(1, formatIsoDate(from)).bind(2, formatIsoDate(to));
  while (s.step()) {
    const std::string decided = s.str(1);
    out.push_back(
        {*parseIsoDate(s.str(0)), decided.empty() ? std::nullopt : parseIsoDate(decided), s.i64(2)});
  }
  return out;
}

std::vector<ReviewDay> reviewDaysFromFacts(sqlite3* db, const Date& from, const Date& to) {
  std::vector<ReviewDay> out;
  Stmt s(
      db,
      "SELECT scheduled_day, ended, n FROM kpi_review_days WHERE scheduled_day BETWEEN ?1 AND ?2 AND n <> 0");
  s.bind(1, formatIsoDate(from)).bind(2, formatIsoDate(to));
  while (s.step()) {
    ReviewDay d;
    d.scheduled = *parseIsoDate(s.str(0));
    d.reviews = s.i64(2);
    const std::string ended = s.str(1);
    if (!ended.empty()) {
      const auto space = ended.find(' ');
      const auto day = parseIsoDate(ended.substr(space + 1));
      if (ended.substr(0, space) == "complete_review")
        d.completed = day;
      else
        d.endedWithoutReview = day;
    }
    out.push_back(d);
  }
  return out;
}

std::vector<TaskDueDay> taskDaysFromFacts(sqlite3* db, const Date& from, const Date& to) {
  std::vector<TaskDueDay> out;
  Stmt s(db, "SELECT due_day, taken_up_day, n FROM kpi_task_days WHERE due_day BETWEEN ?1 AND ?2 AND n <> 0");
  s.bind(1, formatIsoDate(from)).bind(2, formatIsoDate(to));
  while (s.step()) {
    const std::string takenUp = s.str(1);
    out.push_back(
        {*parseIsoDate(s.str(0)), takenUp.empty() ? std::nullopt : parseIsoDate(takenUp), s.i64(2)});
  }
  return out;
}

long long pointStock(sqlite3* db, PointKind kind, const std::string& bornAfter, const std::string& bornBy,
                     const Date& on) {
  const std::string day = formatIsoDate(on);
  const std::string month = day.substr(0, 7);
  const std::string lowMonth = bornAfter.substr(0, 7), highMonth = bornBy.substr(0, 7);
  const long long k = static_cast<long long>(kind);
  long long total = 0;
  auto sum = [&](Stmt& s) {
    s.step();
    total += s.i64(0);
  };
  if (lowMonth == highMonth) {
    Stmt s(db,
           "SELECT COALESCE(SUM(delta), 0) FROM kpi_points WHERE kind = ?1 AND dob > ?2 AND dob <= ?3 AND "
           "day <= ?4");
    s.bind(1, k).bind(2, bornAfter).bind(3, bornBy).bind(4, day);
    sum(s);
    return total;
  }
  // Whole months of birth strictly between the edge months: whole months of day before D's from the cells...
  {
    Stmt s(db,
           "SELECT COALESCE(SUM(n), 0) FROM kpi_point_cells WHERE kind = ?1 AND dob_month > ?2 AND dob_month "
           "< ?3 "
           "AND day_month < ?4");
    s.bind(1, k).bind(2, lowMonth).bind(3, highMonth).bind(4, month);
    sum(s);
  }
  // ... and D's own month up to D from the points.
  {
    Stmt s(db,
           "SELECT COALESCE(SUM(delta), 0) FROM kpi_points WHERE kind = ?1 AND day >= ?2 AND day <= ?3 AND "
           "substr(dob, 1, 7) > ?4 AND substr(dob, 1, 7) < ?5");
    s.bind(1, k).bind(2, month).bind(3, day).bind(4, lowMonth).bind(5, highMonth);
    sum(s);
  }
  // The edge months of birth from the points: after bornAfter in its month, and up to bornBy in its month.
  if (!lowMonth.empty()) {
    Stmt s(db,
           "SELECT COALESCE(SUM(delta), 0) FROM kpi_points WHERE kind = ?1 AND dob > ?2 AND dob < ?3 AND day "
           "<= ?4");
    s.bind(1, k).bind(2, bornAfter).bind(3, lowMonth + "~").bind(4, day);
    sum(s);
  }
  {
    Stmt s(db,
           "SELECT COALESCE(SUM(delta), 0) FROM kpi_points WHERE kind = ?1 AND dob >= ?2 AND dob <= ?3 AND "
           "day <= ?4");
    s.bind(1, k).bind(2, highMonth).bind(3, bornBy).bind(4, day);
    sum(s);
  }
  return total;
}

std::pair<std::string, std::string> birthRangeForAges(const Date& on, int minAge, int maxAge) {
  // Aged at least n on D: born on or before the same month and day n years earlier, compared as text, so a
  // 29 February birthday is not reached on 28 February (ageOn's 1 March); aged at most m: not yet m + 1.
  const std::string monthDay = formatIsoDate(on).substr(4);
  const int year = static_cast<int>(on.year());
  char after[16], by[16];
  std::snprintf(after, sizeof after, "%04d", year - maxAge - 1);
  std::snprintf(by, sizeof by, "%04d", year - minAge);
  return {after + monthDay, by + monthDay};
}

}  // namespace ycr::storage
