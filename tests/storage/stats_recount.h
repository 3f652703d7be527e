#pragma once
// A plain recount of the commissioners' counts from the raw records, by the rules in
// statistics_repository.h, with none of the statistics tables involved (stats_cube_test.cpp).

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/dates.h"
#include "ycr/core/statistics_repository.h"

namespace ycr::test_support::recount {

inline bool onOrBefore(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) <= std::chrono::sys_days(b);
}

inline std::string ageBand(int age) {
  if (age >= 5 && age <= 7) return "5-7";
  if (age >= 8 && age <= 10) return "8-10";
  if (age >= 11 && age <= 13) return "11-13";
  if (age >= 14 && age <= 15) return "14-15";
  if (age >= 16 && age <= 17) return "16-17";
  if (age >= 18 && age <= 25) return "18-25";
  return "other";
}
inline std::string orNotRecorded(const std::string& s) {
  return s.empty() ? "not_recorded" : s;
}

// ---- the raw records, read straight from the database file ----
struct Raw {
  struct Child {
    Date dob{};
    std::string gender, ethnicity, district, school;
    std::string macaBand;                                // of the latest completed assessment with one
    std::string service;                                 // the case's owner
    std::set<std::pair<std::string, std::string>> care;  // (relationship, condition)
  };
  struct Referral {
    long long id;
    long long child;
    Date day;
    std::string route;
    Timestamp recorded;
  };
  struct Event {
    long long id;
    long long caseId;
    Date day;
    std::string event, from, to;
    long long referral;  // 0: none
    Timestamp at;
  };
  std::map<long long, Child> children;
  std::vector<Referral> referrals;
  std::map<long long, long long> caseChild;
  std::vector<Event> events;  // by id
  std::vector<std::pair<long long, Date>> cards;
  std::vector<std::pair<long long, Date>> breaks;  // places attended at breaks, finalised: the first day

  explicit Raw(const std::string& path) {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    auto each = [&](const char* sql, auto&& row) {
      sqlite3_stmt* s = nullptr;
      BOOST_REQUIRE(sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK);
      auto text = [s](int c) {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        return p ? std::string(p) : std::string();
      };
      while (sqlite3_step(s) == SQLITE_ROW) row(s, text);
      sqlite3_finalize(s);
    };
    each("SELECT id, date_of_birth, gender, ethnicity, postcode, school_urn FROM young_carers",
         [&](auto s, auto text) {
           Child c;
           c.dob = day(text(1));
           c.gender = text(2);
           c.ethnicity = text(3);
           const std::string postcode = text(4);
           c.district = postcode.substr(0, postcode.find(' '));
           c.school = text(5);
           children[sqlite3_column_int64(s, 0)] = c;
         });
    each("SELECT young_carer_id, relationship, conditions FROM cared_for_people", [&](auto s, auto text) {
      auto& care = children[sqlite3_column_int64(s, 0)].care;
      const std::string rel = text(1), conditions = text(2);
      if (conditions.empty()) care.insert({rel, "not_recorded"});
      std::size_t start = 0;
      while (start < conditions.size()) {
        auto end = conditions.find(',', start);
        if (end == std::string::npos) end = conditions.size();
        care.insert({rel, conditions.substr(start, end - start)});
        start = end + 1;
      }
    });
    each("SELECT id, young_carer_id, received_at, route, recorded_at FROM referrals ORDER BY id",
         [&](auto s, auto text) {
           referrals.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                                ukLocalDate(*parseIsoTimestamp(text(2))), text(3),
                                *parseIsoTimestamp(text(4))});
         });
    each("SELECT id, young_carer_id, owner_team FROM cases", [&](auto s, auto text) {
      caseChild[sqlite3_column_int64(s, 0)] = sqlite3_column_int64(s, 1);
      children[sqlite3_column_int64(s, 1)].service = text(2);
    });
    each(
        "SELECT id, case_id, at, event, from_state, to_state, COALESCE(referral_id, 0) FROM case_events "
        "ORDER BY id",
        [&](auto s, auto text) {
          events.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                            ukLocalDate(*parseIsoTimestamp(text(2))), text(3), text(4), text(5),
                            sqlite3_column_int64(s, 6), *parseIsoTimestamp(text(2))});
        });
    each(
        "SELECT young_carer_id, maca_band FROM assessments WHERE status = 'completed' AND maca_band <> '' "
        "ORDER BY completed_at, id",
        [&](auto s, auto text) { children[sqlite3_column_int64(s, 0)].macaBand = text(1); });
    each("SELECT young_carer_id, issued FROM id_cards", [&](auto s, auto text) {
      cards.push_back({sqlite3_column_int64(s, 0), day(text(1))});
    });
    each(
        "SELECT p.young_carer_id, a.starts_on FROM activity_places p JOIN activities a ON a.id = "
        "p.activity_id "
        "WHERE p.attendance = 'attended' AND a.finalised_at IS NOT NULL AND a.kind IN ('short_break', "
        "'trip', "
        "'residential')",
        [&](auto s, auto text) {
          breaks.push_back({sqlite3_column_int64(s, 0), day(text(1))});
        });
    sqlite3_close(db);
  }
};

// One counted thing: its group values (several for the multi-valued dimensions) and its day.
struct Unit {
  long long child;
  const Raw::Referral* referral;  // describing referral, may be null
  Date day;
  std::string state;  // open cases only
};

// Open cases at the end of `to`, each with its state then.
inline std::vector<Unit> openCaseUnits(const Raw& raw, Date to) {
  std::vector<Unit> out;
  auto referralById = [&](long long id) -> const Raw::Referral* {
    for (const auto& r : raw.referrals)
      if (r.id == id) return &r;
    return nullptr;
  };
  // Episodes: opened by a referral (on the day it was received) or a reopen; closed by the step
  // into closed or handed_over.
  struct Episode {
    long long caseId;
    const Raw::Referral* referral;
    Date opened;
    std::optional<Date> closed;
  };
  std::vector<Episode> episodes;
  for (const auto& e : raw.events) {
    if (e.event == "referral_received" || e.event == "reopened_by_referral") {
      const auto* r = referralById(e.referral);
      episodes.push_back({e.caseId, r, r ? r->day : e.day, std::nullopt});
    } else if (e.event == "reopen") {
      // Described by the case's latest referral at the moment of reopening: one recorded later the same
      // day (and joined to the reopened case) did not open it.
      const Raw::Referral* latest = nullptr;
      for (const auto& r : raw.referrals)
        if (raw.caseChild.at(e.caseId) == r.child && r.recorded <= e.at) latest = &r;
      episodes.push_back({e.caseId, latest, e.day, std::nullopt});
    }
    const bool closes =
        (e.to == "closed" || e.to == "handed_over") && e.from != "closed" && e.from != "handed_over";
    if (closes)
      for (auto& ep : episodes)
        if (ep.caseId == e.caseId && !ep.closed) ep.closed = e.day;
  }
  for (const auto& ep : episodes) {
    if (!onOrBefore(ep.opened, to) || (ep.closed && onOrBefore(*ep.closed, to))) continue;
    std::string state = "not_recorded";
    for (const auto& e : raw.events)
      if (e.caseId == ep.caseId && onOrBefore(e.day, to)) state = e.to;
    out.push_back({raw.caseChild.at(ep.caseId), ep.referral, ep.opened, state});
  }
  return out;
}

inline std::vector<Unit> unitsOf(const Raw& raw, Measure m, Date from, Date to) {
  std::vector<Unit> out;
  auto in = [&](const Date& d) { return onOrBefore(from, d) && onOrBefore(d, to); };
  std::map<long long, std::vector<const Raw::Referral*>> byChild;
  for (const auto& r : raw.referrals) byChild[r.child].push_back(&r);
  for (auto& [_, list] : byChild)
    std::stable_sort(list.begin(), list.end(), [](auto* a, auto* b) {
      return std::chrono::sys_days(a->day) < std::chrono::sys_days(b->day);
    });
  auto describing = [&](long long child, const Date& d) -> const Raw::Referral* {
    const Raw::Referral* found = nullptr;
    for (auto* r : byChild[child])
      if (onOrBefore(r->day, d)) found = r;
    if (!found && !byChild[child].empty()) found = byChild[child].front();
    return found;
  };
  switch (m) {
    case Measure::referrals_received:
      for (const auto& r : raw.referrals)
        if (in(r.day)) out.push_back({r.child, &r, r.day, ""});
      break;
    case Measure::young_carers_identified:
      for (auto& [child, list] : byChild)
        if (in(list.front()->day)) out.push_back({child, list.front(), list.front()->day, ""});
      break;
    case Measure::transitions:
    case Measure::assessments_completed:
      for (const auto& e : raw.events) {
        const bool counted = m == Measure::transitions ? e.to == "transition" && e.from != "transition"
                                                       : e.event == "complete_assessment";
        const long long child = raw.caseChild.at(e.caseId);
        if (counted && in(e.day)) out.push_back({child, describing(child, e.day), e.day, ""});
      }
      break;
    case Measure::id_cards_issued:
      for (const auto& [child, issued] : raw.cards)
        if (in(issued)) out.push_back({child, describing(child, issued), issued, ""});
      break;
    case Measure::breaks_attended:
      for (const auto& [child, first] : raw.breaks)
        if (in(first)) out.push_back({child, describing(child, first), first, ""});
      break;
    case Measure::open_cases: out = openCaseUnits(raw, to); break;
  }
  return out;
}

inline std::vector<std::string> valuesOf(const Raw& raw, const Unit& u, Dimension d) {
  const auto& c = raw.children.at(u.child);
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", static_cast<int>(u.day.year()),
                static_cast<int>(static_cast<unsigned>(u.day.month())));
  std::set<std::string> set;
  switch (d) {
    case Dimension::route: return {orNotRecorded(u.referral ? u.referral->route : "")};
    case Dimension::age_band: return {u.referral ? ageBand(ageOn(c.dob, u.referral->day)) : "not_recorded"};
    case Dimension::gender: return {orNotRecorded(c.gender)};
    case Dimension::ethnicity: return {orNotRecorded(c.ethnicity)};
    case Dimension::district: return {orNotRecorded(c.district)};
    case Dimension::school: return {orNotRecorded(c.school)};
    case Dimension::maca_band: return {orNotRecorded(c.macaBand)};
    case Dimension::service: return {orNotRecorded(c.service)};
    case Dimension::condition:
    case Dimension::relationship:
      if (c.care.empty()) return {"not_recorded"};
      for (const auto& [rel, cond] : c.care) set.insert(d == Dimension::condition ? cond : rel);
      return {set.begin(), set.end()};
    case Dimension::pathway_state: return {u.state};
    case Dimension::month: return {month};
    case Dimension::quarter:
      return {std::string(month, 4) + "-Q" +
              std::to_string((static_cast<unsigned>(u.day.month()) - 1) / 3 + 1)};
  }
  return {};
}

inline std::map<std::vector<std::string>, long long> recount(const Raw& raw, Measure m,
                                                             const std::vector<Dimension>& by, Date from,
                                                             Date to) {
  std::map<std::vector<std::string>, long long> out;
  for (const auto& u : unitsOf(raw, m, from, to)) {
    std::set<std::vector<std::string>> groups{{}};
    for (auto d : by) {
      std::set<std::vector<std::string>> next;
      for (const auto& g : groups)
        for (const auto& v : valuesOf(raw, u, d)) {
          auto h = g;
          h.push_back(v);
          next.insert(h);
        }
      groups = next;
    }
    // Condition with relationship: the people actually cared for, not every combination.
    if (by.size() == 2 && multiValued(by[0]) && multiValued(by[1]) && by[0] != by[1]) {
      const auto& care = raw.children.at(u.child).care;
      std::set<std::vector<std::string>> actual;
      for (const auto& g : groups) {
        const auto& rel = by[0] == Dimension::relationship ? g[0] : g[1];
        const auto& cond = by[0] == Dimension::condition ? g[0] : g[1];
        if (care.empty() || care.count({rel, cond})) actual.insert(g);
      }
      groups = actual;
    }
    for (const auto& g : groups) ++out[g];
  }
  return out;
}

}  // namespace ycr::test_support::recount
