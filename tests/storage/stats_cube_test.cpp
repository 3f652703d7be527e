// The precomputed counts against a plain recount: a randomised register is built and changed through
// the repositories (referrals, steps, closes and reopenings, transitions, assessments, cards, breaks
// attended, people cared for added later, corrected records), and after every round every count is
// recounted from the raw records (stats_recount.h) with none of the statistics tables involved.

#include "../../storage/src/stats_cube.h"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <limits>
#include <map>
#include <random>
#include <set>

#include "random_activity.h"
#include "stats_recount.h"
#include "support/dates.h"
#include "ycr/core/activity_repository.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::test_support::recount;
using test_support::day;

namespace {

struct CubeBuilder {
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
  std::vector<Id> activities;   // every activity made, for more places
  std::map<OrganisationKind, Id> orgs;
  int serial = 0;

  explicit CubeBuilder(int upTo = std::numeric_limits<int>::max()) {
    dir = std::filesystem::temp_directory_path() / ("ycr-cube-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    open(upTo);
  }
  // Opens the register (again, once the last store is closed) and migrates it up to `upTo`.
  void open(int upTo = std::numeric_limits<int>::max()) {
    store.reset();
    store = std::move(storage::SqliteStore::open({(dir / "t.db").string(), 2, 5000}).value());
    auto migrated = store->migrate(upTo);
    BOOST_REQUIRE_MESSAGE(migrated, (migrated ? "" : migrated.error().detail));
  }
  ~CubeBuilder() {
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
    switch (between(0, 9)) {
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
      case 7: return activity(tx, c, at);
      default: return event(tx, c, "agree_plan", CaseState::supported, at);
    }
  }

  void activity(Transaction& tx, Child& c, Timestamp at) {
    test_support::randomPlace(*this, tx, c.id, at, 3);
    c.last = at;
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
      k.ownerTeam = oneOf<std::string>({"Leicester Young Carers", "Rutland Young Carers", ""});
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
        switch (between(0, 5)) {
          case 0: {
            auto y = *tx->youngCarers().findById(c.id);
            y.postcode = oneOf<std::string>({"LE18 4PP", "LE1 1AA", ""});
            y.gender = oneOf<std::string>({"girl", "boy", ""});
            y.dateOfBirth = addDays(y.dateOfBirth, between(-400, 400));
            BOOST_REQUIRE(tx->youngCarers().update(y));
            break;
          }
          case 1: caredFor(*tx, c.id); break;
          case 3: {
            // A transfer to another service (or a correction of the owner): the child's counts move.
            auto k = *tx->cases().findById(c.caseId);
            k.ownerTeam = oneOf<std::string>({"Leicester Young Carers", "Leicestershire Young Carers", ""});
            BOOST_REQUIRE(tx->cases().update(k));
            break;
          }
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

void compareWithRecount(CubeBuilder& b) {
  const test_support::recount::Raw raw((b.dir / "t.db").string());
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
                                               {D::condition, D::maca_band},
                                               {D::service, D::route},
                                               {D::pathway_state, D::service},
                                               {D::relationship, D::service},
                                               {D::service, D::month}})
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
  CubeBuilder b;
  b.addChildren(60);
  compareWithRecount(b);
  b.change(25);
  compareWithRecount(b);
  b.addChildren(20);
  b.change(25);
  compareWithRecount(b);
}

// A register counted before the service was (migration 0036) is counted by service once upgraded, and
// every other count stays exact: its stored facts are put back as the build before wrote them.
BOOST_AUTO_TEST_CASE(a_register_counted_before_the_service_was_is_counted_by_it_after_the_upgrade) {
  CubeBuilder b(35);
  b.addChildren(40);
  b.change(15);
  b.store.reset();
  {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open((b.dir / "t.db").string().c_str(), &db) == SQLITE_OK);
    std::vector<std::pair<long long, std::string>> facts;
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "SELECT young_carer_id, facts FROM stats_children", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW) {
      auto f = storage::ChildFacts::parse(reinterpret_cast<const char*>(sqlite3_column_text(s, 1)));
      f.service.reset();
      facts.emplace_back(sqlite3_column_int64(s, 0), f.serialise());
    }
    sqlite3_finalize(s);
    BOOST_REQUIRE(facts.size() == 40u);
    sqlite3_prepare_v2(db, "UPDATE stats_children SET facts = ?2 WHERE young_carer_id = ?1", -1, &s, nullptr);
    for (const auto& [id, text] : facts) {
      sqlite3_bind_int64(s, 1, id);
      sqlite3_bind_text(s, 2, text.c_str(), -1, SQLITE_TRANSIENT);
      BOOST_REQUIRE(sqlite3_step(s) == SQLITE_DONE);
      sqlite3_reset(s);
    }
    sqlite3_finalize(s);
    const int service = static_cast<int>(Dimension::service) + 1;
    const std::string drop = "DELETE FROM stats_cells WHERE d1 = " + std::to_string(service) +
                             " OR d2 = " + std::to_string(service);
    BOOST_REQUIRE(sqlite3_exec(db, drop.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    BOOST_TEST(sqlite3_changes(db) > 0);
    sqlite3_close(db);
  }
  b.open();
  b.change(5);
  compareWithRecount(b);
}

BOOST_AUTO_TEST_CASE(facts_survive_their_stored_form) {
  storage::ChildFacts f;
  f.gender = "girl";
  f.district = "LE\t2\\x\n";
  f.care = {{"parent", "alcohol"}};
  f.units.push_back({Measure::open_cases, 24290, 24295, "school", "11-13", "supported"});
  f.units.push_back({Measure::referrals_received, 24290, -1, "", "", ""});
  f.macaBand = "very_high";
  f.service = "St Mary's\tYoung Carers";
  BOOST_TEST((storage::ChildFacts::parse(f.serialise()) == f));
  f.service = "";
  BOOST_TEST((storage::ChildFacts::parse(f.serialise()) == f));
  // Facts stored before the MACA band was counted (four fields) still read, with no band.
  const auto old = storage::ChildFacts::parse("girl\twhite\tLE2\t120001\nc\tparent\talcohol");
  BOOST_TEST(old.gender == "girl");
  BOOST_TEST(old.school == "120001");
  BOOST_TEST(old.macaBand.empty());
  BOOST_TEST(old.care.size() == 1u);
  BOOST_TEST(!old.service);
  // Five fields were stored before the service was counted: no service, so it is not taken away.
  const auto five = storage::ChildFacts::parse("girl\twhite\tLE2\t120001\tlow\nc\tparent\talcohol");
  BOOST_TEST(five.macaBand == "low");
  BOOST_TEST(!five.service);
}

BOOST_AUTO_TEST_SUITE_END()
