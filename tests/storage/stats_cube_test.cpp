// The precomputed counts against a plain recount: a randomised register is built and changed through
// the repositories (referrals, steps, closes and reopenings, transitions, assessments, cards, people cared
// for added later, corrected records), and after every round every count is recounted here from the raw
// records by the rules in statistics_repository.h, with none of the statistics tables involved.

#include "../../storage/src/stats_cube.h"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "ycr/storage/sqlite_store.h"

using namespace ycr;

namespace {

Date day(const std::string& iso) {
  return *parseIsoDate(iso);
}
bool onOrBefore(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) <= std::chrono::sys_days(b);
}

std::string ageBand(int age) {
  if (age >= 5 && age <= 7) return "5-7";
  if (age >= 8 && age <= 10) return "8-10";
  if (age >= 11 && age <= 13) return "11-13";
  if (age >= 14 && age <= 15) return "14-15";
  if (age >= 16 && age <= 17) return "16-17";
  if (age >= 18 && age <= 25) return "18-25";
  return "other";
}
std::string orNotRecorded(const std::string& s) {
  return s.empty() ? "not_recorded" : s;
}

// ---- the raw records, read straight from the database file ----
struct Raw {
  struct Child {
    Date dob{};
    std::string gender, ethnicity, district, school;
    std::string macaBand;                                // of the latest completed assessment with one
    std::set<std::pair<std::string, std::string>> care;  // (relationship, condition)
  };
  struct Referral {
    long long id;
    long long child;
    Date day;
    std::string route;
  };
  struct Event {
    long long id;
    long long caseId;
    Date day;
    std::string event, from, to;
    long long referral;  // 0: none
  };
  std::map<long long, Child> children;
  std::vector<Referral> referrals;
  std::map<long long, long long> caseChild;
  std::vector<Event> events;  // by id
  std::vector<std::pair<long long, Date>> cards;

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
    each("SELECT id, young_carer_id, received_at, route FROM referrals ORDER BY id", [&](auto s, auto text) {
      referrals.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                           ukLocalDate(*parseIsoTimestamp(text(2))), text(3)});
    });
    each("SELECT id, young_carer_id FROM cases",
         [&](auto s, auto) { caseChild[sqlite3_column_int64(s, 0)] = sqlite3_column_int64(s, 1); });
    each(
        "SELECT id, case_id, at, event, from_state, to_state, COALESCE(referral_id, 0) FROM case_events "
        "ORDER BY id",
        [&](auto s, auto text) {
          events.push_back({sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1),
                            ukLocalDate(*parseIsoTimestamp(text(2))), text(3), text(4), text(5),
                            sqlite3_column_int64(s, 6)});
        });
    each(
        "SELECT young_carer_id, maca_band FROM assessments WHERE status = 'completed' AND maca_band <> '' "
        "ORDER BY completed_at, id",
        [&](auto s, auto text) { children[sqlite3_column_int64(s, 0)].macaBand = text(1); });
    each("SELECT young_carer_id, issued FROM id_cards", [&](auto s, auto text) {
      cards.push_back({sqlite3_column_int64(s, 0), day(text(1))});
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

std::vector<Unit> unitsOf(const Raw& raw, Measure m, Date from, Date to) {
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
  auto referralById = [&](long long id) -> const Raw::Referral* {
    for (const auto& r : raw.referrals)
      if (r.id == id) return &r;
    return nullptr;
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
    case Measure::open_cases: {
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
          const Raw::Referral* latest = nullptr;
          for (const auto& r : raw.referrals)
            if (raw.caseChild.at(e.caseId) == r.child && onOrBefore(r.day, e.day)) latest = &r;
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
      break;
    }
  }
  return out;
}

std::vector<std::string> valuesOf(const Raw& raw, const Unit& u, Dimension d) {
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

std::map<std::vector<std::string>, long long> recount(const Raw& raw, Measure m,
                                                      const std::vector<Dimension>& by, Date from, Date to) {
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

struct Builder {
  std::filesystem::path dir;
  std::unique_ptr<storage::SqliteStore> store;
  std::mt19937_64 rng{20260611};
  struct Child {
    Id id;
    Id caseId;
    CaseState state;
    Timestamp last;
    bool open;
  };
  std::vector<Child> children;
  std::vector<Id> assessments;  // every assessment made, for later corrections
  std::map<OrganisationKind, Id> orgs;
  int serial = 0;

  Builder() {
    dir = std::filesystem::temp_directory_path() / ("ycr-cube-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = std::move(storage::SqliteStore::open({(dir / "t.db").string(), 2, 5000}).value());
    auto migrated = store->migrate();
    BOOST_REQUIRE_MESSAGE(migrated, (migrated ? "" : migrated.error().detail));
  }
  ~Builder() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  template <class T>
  T oneOf(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))];
  }

  Id org(Transaction& tx, OrganisationKind kind) {
    if (orgs.count(kind)) return orgs[kind];
    Organisation o;
    o.kind = kind;
    o.name = "org " + std::string(toString(kind));
    o.createdAt = *parseIsoTimestamp("2020-01-01T00:00:00Z");
    return orgs[kind] = tx.organisations().create(o).value();
  }

  // Late evenings near month ends in summer cross the UK day and month boundary.
  Timestamp later(Timestamp t) {
    auto next = t + std::chrono::hours(24 * between(0, 70)) + std::chrono::minutes(between(1, 600));
    if (between(0, 4) == 0) {
      Date d = ukLocalDate(next);
      Date end = d.year() / d.month() / std::chrono::last;
      next = ukStartOfDay(end) + std::chrono::hours(23) + std::chrono::minutes(30);
      if (next <= t) next = t + std::chrono::hours(1);
    }
    return next;
  }

  void caredFor(Transaction& tx, Id yc) {
    CaredForPerson p;
    p.youngCarerId = yc;
    p.relationship =
        oneOf<Relationship>({Relationship::parent, Relationship::sibling, Relationship::grandparent});
    const int n = between(0, 2);
    for (int i = 0; i < n; ++i) {
      auto c = oneOf<Condition>({Condition::mental_ill_health, Condition::alcohol, Condition::frailty});
      if (std::find(p.conditions.begin(), p.conditions.end(), c) == p.conditions.end())
        p.conditions.push_back(c);
    }
    BOOST_REQUIRE(tx.youngCarers().addCaredFor(p, std::nullopt));
  }

  void event(Transaction& tx, Child& c, const std::string& name, CaseState to, Timestamp at,
             std::optional<Id> referral = std::nullopt) {
    CaseEvent e;
    e.caseId = c.caseId;
    e.at = at;
    e.event = name;
    e.fromState = c.state;
    e.toState = to;
    e.referralId = referral;
    BOOST_REQUIRE(tx.cases().appendEvent(e));
    c.state = to;
    c.last = at;
  }

  void referral(Transaction& tx, Child& c, Timestamp at) {
    Referral r;
    r.reference = "R" + std::to_string(++serial);
    r.route = oneOf<OrganisationKind>(
        {OrganisationKind::school, OrganisationKind::adult_social_care, OrganisationKind::self});
    r.organisationId = org(tx, r.route);
    // Sometimes received a few days before it was recorded (never before the case's last step).
    r.receivedAt = at;
    if (between(0, 3) == 0 && at - std::chrono::hours(72) > c.last)
      r.receivedAt = at - std::chrono::hours(72);
    r.recordedAt = at;
    r.youngCarerId = c.id;
    r.caseId = c.caseId;
    Id id = tx.referrals().create(r).value();
    const bool first = !c.open && c.state == CaseState::referred && c.last == Timestamp{};
    if (first) {
      c.open = true;
      event(tx, c, "referral_received", CaseState::referred, at, id);
    } else if (!c.open) {
      c.open = true;
      event(tx, c, "reopened_by_referral", CaseState::referred, at, id);
    } else {
      event(tx, c, "referral_joined", c.state, at, id);
    }
  }

  // An assessment with a random MACA-YC18 band (or none taken); a draft now and then, which never counts.
  void assessment(Transaction& tx, Child& c, Timestamp at) {
    AssessmentRecord a;
    a.caseId = c.caseId;
    a.youngCarerId = c.id;
    a.status = between(0, 4) == 0 ? AssessmentStatus::draft : AssessmentStatus::completed;
    a.document = "{}";
    a.createdAt = a.updatedAt = at;
    if (a.status == AssessmentStatus::completed) a.completedAt = at;
    a.macaBand = oneOf<std::string>({"none", "low", "moderate", "high", "very_high", ""});
    auto id = tx.assessments().create(a);
    BOOST_REQUIRE(id);
    assessments.push_back(id.value());
  }

  // One random step of the case's life.
  void step(Transaction& tx, Child& c) {
    const Timestamp at = later(c.last);
    if (!c.open) {
      if (between(0, 1) == 0) {
        referral(tx, c, at);
      } else {
        c.open = true;
        event(tx, c, "reopen", CaseState::referred, at);
      }
      return;
    }
    switch (between(0, 8)) {
      case 0: c.open = false; return event(tx, c, "close", CaseState::closed, at);
      case 1: return event(tx, c, "start_transition", CaseState::transition, at);
      case 2:
        if (c.state == CaseState::transition) {
          c.open = false;
          return event(tx, c, "hand_over", CaseState::handed_over, at);
        }
        return event(tx, c, "acknowledge", CaseState::screening, at);
      case 3:
        assessment(tx, c, at);
        return event(tx, c, "complete_assessment", CaseState::support_planning, at);
      case 4: return referral(tx, c, at);
      case 5: {
        IdCard card;
        card.number = tx.idCards().nextNumber(at).value();
        card.youngCarerId = c.id;
        card.issued = ukLocalDate(at);
        card.expires = addMonths(card.issued, 12);
        card.youngCarerConsent = true;
        card.createdAt = at;
        BOOST_REQUIRE(tx.idCards().create(card));
        c.last = at;
        return;
      }
      case 6: return caredFor(tx, c.id);
      default: return event(tx, c, "agree_plan", CaseState::supported, at);
    }
  }

  void addChildren(int n) {
    auto tx = store->begin(true);
    for (int i = 0; i < n; ++i) {
      YoungCarer y;
      y.givenName = "Child" + std::to_string(children.size());
      y.familyName = "Test";
      y.dateOfBirth = addDays(day("2006-01-01"), between(0, 4000));
      y.gender = oneOf<std::string>({"girl", "boy", "non_binary", ""});
      y.ethnicity = oneOf<std::string>({"white", "asian", "black", ""});
      y.postcode = oneOf<std::string>({"LE2 7GH", "LE1 1AA", "LE65 2AB", "LE3", ""});
      y.schoolUrn = oneOf<std::string>({"120001", "120002", ""});
      y.createdAt = y.updatedAt = *parseIsoTimestamp("2022-12-01T00:00:00Z");
      Child c{tx->youngCarers().create(y).value(), 0, CaseState::referred, Timestamp{}, false};
      Case k;
      k.youngCarerId = c.id;
      k.state = CaseState::referred;
      k.referralReceived = day("2023-01-01");
      k.openedAt = k.updatedAt = y.createdAt;
      c.caseId = tx->cases().create(k).value();
      if (between(0, 2) > 0) caredFor(*tx, c.id);
      referral(*tx, c, *parseIsoTimestamp("2023-01-01T09:00:00Z") + std::chrono::hours(24 * between(0, 500)));
      const int steps = between(0, 6);
      for (int s = 0; s < steps; ++s) step(*tx, c);
      children.push_back(c);
    }
    BOOST_REQUIRE(tx->commit());
  }

  // Later changes, a few per transaction: more steps, corrected records, people cared for.
  void change(int transactions) {
    for (int t = 0; t < transactions; ++t) {
      auto tx = store->begin(true);
      for (int k = 0; k < 4; ++k) {
        auto& c = children[static_cast<std::size_t>(between(0, static_cast<int>(children.size()) - 1))];
        switch (between(0, 4)) {
          case 0: {
            auto y = *tx->youngCarers().findById(c.id);
            y.postcode = oneOf<std::string>({"LE18 4PP", "LE1 1AA", ""});
            y.gender = oneOf<std::string>({"girl", "boy", ""});
            y.dateOfBirth = addDays(y.dateOfBirth, between(-400, 400));
            BOOST_REQUIRE(tx->youngCarers().update(y));
            break;
          }
          case 1: caredFor(*tx, c.id); break;
          case 2:
            if (!assessments.empty()) {
              // An assessment corrected or completed later: its band, status or completion moves.
              auto a = *tx->assessments().findById(assessments[static_cast<std::size_t>(
                  between(0, static_cast<int>(assessments.size()) - 1))]);
              a.macaBand = oneOf<std::string>({"low", "very_high", ""});
              if (a.status == AssessmentStatus::draft) {
                a.status = AssessmentStatus::completed;
                a.completedAt = a.updatedAt;
              }
              BOOST_REQUIRE(tx->assessments().update(a));
              break;
            }
            [[fallthrough]];
          default: step(*tx, c);
        }
      }
      BOOST_REQUIRE(tx->commit());
    }
  }
};

void compareEverything(Builder& b) {
  const Raw raw((b.dir / "t.db").string());
  const std::vector<std::pair<Date, Date>> periods = {{day("2023-01-01"), day("2023-12-31")},
                                                      {day("2024-03-01"), day("2024-10-31")},
                                                      {day("2023-06-01"), day("2023-06-30")},
                                                      {day("2020-01-01"), day("2027-12-31")}};
  std::vector<std::vector<Dimension>> groupings = {{}};
  for (const auto& d : enumSpellings<Dimension>()) groupings.push_back({*parseEnum<Dimension>(d)});
  using D = Dimension;
  for (auto pair : std::vector<std::vector<D>>{{D::condition, D::relationship},
                                               {D::relationship, D::condition},
                                               {D::school, D::route},
                                               {D::age_band, D::condition},
                                               {D::gender, D::district},
                                               {D::pathway_state, D::relationship},
                                               {D::route, D::pathway_state},
                                               {D::month, D::ethnicity},
                                               {D::quarter, D::month},
                                               {D::relationship, D::quarter},
                                               {D::maca_band, D::route},
                                               {D::pathway_state, D::maca_band},
                                               {D::condition, D::maca_band}})
    groupings.push_back(pair);
  auto tx = b.store->begin(false);
  int compared = 0;
  for (const auto& m : enumSpellings<Measure>()) {
    const Measure measure = *parseEnum<Measure>(m);
    for (const auto& [from, to] : periods) {
      for (const auto& by : groupings) {
        if (!std::all_of(by.begin(), by.end(), [&](D d) { return dimensionApplies(measure, d); })) continue;
        const auto fast = tx->statistics().count({measure, by, from, to});
        std::map<std::vector<std::string>, long long> got;
        for (const auto& r : fast.rows) got[r.values] = r.count;
        std::string label = m;
        for (auto d : by) label += " " + std::string(toString(d));
        BOOST_TEST_CONTEXT(label << " " << formatIsoDate(from) << ".." << formatIsoDate(to)) {
          BOOST_TEST((by.empty() || got == recount(raw, measure, by, from, to)));
          const auto units = unitsOf(raw, measure, from, to);
          BOOST_TEST(fast.total == static_cast<long long>(units.size()));
          std::set<long long> people;
          for (const auto& u : units) people.insert(u.child);
          BOOST_TEST(fast.population == static_cast<long long>(people.size()));
          const auto capped = tx->statistics().count({measure, {}, from, to, 3});
          BOOST_TEST(capped.population == std::min<long long>(3, static_cast<long long>(people.size())));
        }
        ++compared;
      }
    }
  }
  BOOST_TEST(compared > 200);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_cube_test)

BOOST_AUTO_TEST_CASE(precomputed_counts_equal_a_recount_of_the_records_after_every_kind_of_change) {
  Builder b;
  b.addChildren(60);
  compareEverything(b);
  b.change(25);
  compareEverything(b);
  b.addChildren(20);
  b.change(25);
  compareEverything(b);
}

BOOST_AUTO_TEST_CASE(facts_survive_their_stored_form) {
  storage::ChildFacts f;
  f.gender = "girl";
  f.district = "LE\t2\\x\n";
  f.care = {{"parent", "alcohol"}};
  f.units.push_back({Measure::open_cases, 24290, 24295, "school", "11-13", "supported"});
  f.units.push_back({Measure::referrals_received, 24290, -1, "", "", ""});
  f.macaBand = "very_high";
  BOOST_TEST((storage::ChildFacts::parse(f.serialise()) == f));
  // Facts stored before the MACA band was counted (four fields) still read, with no band.
  const auto old = storage::ChildFacts::parse("girl\twhite\tLE2\t120001\nc\tparent\talcohol");
  BOOST_TEST(old.gender == "girl");
  BOOST_TEST(old.school == "120001");
  BOOST_TEST(old.macaBand.empty());
  BOOST_TEST(old.care.size() == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
