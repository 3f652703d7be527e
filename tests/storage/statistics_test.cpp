#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "support/dates.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using test_support::at;
using test_support::day;

namespace {

// A small register built directly through the repositories, with every true count worked out by hand
// in the tests below.
struct Register {
  std::filesystem::path dir;
  std::unique_ptr<storage::SqliteStore> store;

  // settleAfterMs: when the precomputed counts follow the writes (SqliteOptions); 0 in each commit.
  explicit Register(int settleAfterMs = 0) {
    dir = std::filesystem::temp_directory_path() / ("ycr-stats-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    store = std::move(storage::SqliteStore::open({(dir / "t.db").string(), 2, 5000, settleAfterMs}).value());
    BOOST_REQUIRE(store->migrate());
  }
  // Young carers whose counts wait to be settled, read past the store.
  long long pendingCounts() const {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open_v2((dir / "t.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM stats_pending", -1, &st, nullptr) ==
                  SQLITE_OK);
    BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    const long long n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
  }
  ~Register() {
    store.reset();
    std::filesystem::remove_all(dir);
  }

  Id org(Transaction& tx, OrganisationKind kind) {
    std::string name = "org " + std::string(toString(kind));
    if (auto o = tx.organisations().findByName(name)) return o->id;
    Organisation o;
    o.kind = kind;
    o.name = name;
    o.createdAt = at("2020-01-01T00:00:00Z");
    return tx.organisations().create(o).value();
  }
  Id child(Transaction& tx, const char* name, const char* dob, const char* gender, const char* ethnicity,
           const char* postcode, const char* school) {
    YoungCarer y;
    y.givenName = name;
    y.familyName = "Test";
    y.dateOfBirth = day(dob);
    y.gender = gender;
    y.ethnicity = ethnicity;
    y.postcode = postcode;
    y.schoolUrn = school;
    y.createdAt = y.updatedAt = at("2023-01-01T00:00:00Z");
    return tx.youngCarers().create(y).value();
  }
  Id openCase(Transaction& tx, Id yc, CaseState state, const char* received) {
    Case c;
    c.youngCarerId = yc;
    c.state = state;
    c.ownerTeam = "Young carers service";
    c.referralReceived = day(received);
    c.openedAt = c.updatedAt = at("2023-01-01T00:00:00Z");
    return tx.cases().create(c).value();
  }
  Id referral(Transaction& tx, Id yc, Id caseId, OrganisationKind route, const char* received,
              const char* event) {
    Referral r;
    r.reference = "R-" + std::to_string(yc) + "-" + received;
    r.organisationId = org(tx, route);
    r.route = route;
    r.receivedAt = r.recordedAt = at(received);
    r.youngCarerId = yc;
    r.caseId = caseId;
    Id id = tx.referrals().create(r).value();
    CaseEvent e;
    e.caseId = caseId;
    e.at = at(received);
    e.event = event;
    e.referralId = id;
    BOOST_REQUIRE(tx.cases().appendEvent(e));
    return id;
  }
  void step(Transaction& tx, Id caseId, const char* event, CaseState from, CaseState to, const char* when,
            bool late = false) {
    CaseEvent e;
    e.caseId = caseId;
    e.at = at(when);
    e.event = event;
    e.fromState = from;
    e.toState = to;
    e.late = late;
    BOOST_REQUIRE(tx.cases().appendEvent(e));
  }
  void caredFor(Transaction& tx, Id yc, Relationship rel, std::vector<Condition> conditions) {
    CaredForPerson p;
    p.youngCarerId = yc;
    p.relationship = rel;
    p.conditions = std::move(conditions);
    BOOST_REQUIRE(tx.youngCarers().addCaredFor(p, std::nullopt));
  }

  // A: referred from school in January, now awaiting assessment.
  // B: referred by adult social care in February, again by health in March (joined), closed 20 March.
  // C: referred in December 2023 (before the period), still open.
  // D: referred June 2023, entered transition 10 March 2024, referred again 31 March 23:30 UTC, which is
  //    1 April in the UK (British Summer Time began that morning): outside the period; her transition
  //    assessment, a draft from 12 March, was completed on 2 April.
  Id a = 0, b = 0, c = 0, d = 0;
  void build() {
    auto tx = store->begin(true);
    using S = CaseState;
    using K = OrganisationKind;
    a = child(*tx, "Amy", "2012-05-10", "girl", "white", "LE2 7GH", "120001");
    Id ca = openCase(*tx, a, S::awaiting_assessment, "2024-01-15");
    referral(*tx, a, ca, K::school, "2024-01-15T10:00:00Z", "referral_received");
    step(*tx, ca, "acknowledge", S::referred, S::screening, "2024-01-16T10:00:00Z");
    step(*tx, ca, "accept_for_assessment", S::screening, S::awaiting_assessment, "2024-01-17T10:00:00Z");
    caredFor(*tx, a, Relationship::parent, {Condition::mental_ill_health, Condition::alcohol});

    b = child(*tx, "Ben", "2008-02-01", "boy", "asian", "LE1 1AA", "");
    Id cb = openCase(*tx, b, S::closed, "2024-02-10");
    referral(*tx, b, cb, K::adult_social_care, "2024-02-10T10:00:00Z", "referral_received");
    referral(*tx, b, cb, K::health, "2024-03-05T10:00:00Z", "referral_joined");
    step(*tx, cb, "close", S::referred, S::closed, "2024-03-20T10:00:00Z");
    caredFor(*tx, b, Relationship::sibling, {Condition::learning_disability});
    caredFor(*tx, b, Relationship::parent, {Condition::learning_disability});

    c = child(*tx, "Cara", "2017-06-30", "girl", "black", "LE18 4PP", "120001");
    Id cc = openCase(*tx, c, S::referred, "2023-12-20");
    referral(*tx, c, cc, K::school, "2023-12-20T10:00:00Z", "referral_received");

    d = child(*tx, "Dee", "2007-03-01", "non_binary", "mixed", "LE65 2AB", "");
    Id cd = openCase(*tx, d, S::transition, "2023-06-01");
    referral(*tx, d, cd, K::early_help, "2023-06-01T10:00:00Z", "referral_received");
    step(*tx, cd, "start_transition", S::supported, S::transition, "2024-03-10T10:00:00Z");
    referral(*tx, d, cd, K::early_help, "2024-03-31T23:30:00Z", "referral_joined");
    // Her transition assessment, begun on 12 March, completed on 2 April.
    AssessmentRecord ta;
    ta.caseId = cd;
    ta.youngCarerId = d;
    ta.kind = AssessmentKind::transition;
    ta.document = "{}";
    ta.createdAt = ta.updatedAt = at("2024-03-12T10:00:00Z");
    ta.id = tx->assessments().create(ta).value();
    ta.status = AssessmentStatus::completed;
    ta.completedAt = ta.updatedAt = at("2024-04-02T10:00:00Z");
    BOOST_REQUIRE(tx->assessments().update(ta));
    BOOST_REQUIRE(tx->commit());
  }

  // Counts as {joined values -> count}, read in a reading transaction, or a writing one (which brings
  // the counts up to date first).
  std::map<std::string, long long> counts(Measure m, std::vector<Dimension> by, CountResult* whole = nullptr,
                                          bool writing = false) {
    auto tx = store->begin(writing);
    auto r = tx->statistics().count({m, std::move(by), day("2024-01-01"), day("2024-03-31")});
    std::map<std::string, long long> out;
    for (const auto& row : r.rows) {
      std::string key;
      for (const auto& v : row.values) key += (key.empty() ? "" : "|") + v;
      out[key] = row.count;
    }
    if (whole) *whole = r;
    if (writing) BOOST_REQUIRE(tx->commit());  // keeps what the read settled
    return out;
  }
};

using Counts = std::map<std::string, long long>;

}  // namespace

BOOST_AUTO_TEST_SUITE(statistics_test)

BOOST_AUTO_TEST_CASE(referral_measures_by_every_single_dimension_give_the_true_counts) {
  Register reg;
  reg.build();
  struct Case {
    Measure measure;
    Dimension by;
    Counts expected;
  };
  const std::vector<Case> cases = {
      {Measure::referrals_received,
       Dimension::route,
       {{"adult_social_care", 1}, {"health", 1}, {"school", 1}}},
      {Measure::referrals_received, Dimension::age_band, {{"11-13", 1}, {"16-17", 2}}},
      {Measure::referrals_received, Dimension::gender, {{"boy", 2}, {"girl", 1}}},
      {Measure::referrals_received, Dimension::ethnicity, {{"asian", 2}, {"white", 1}}},
      {Measure::referrals_received, Dimension::district, {{"LE1", 2}, {"LE2", 1}}},
      {Measure::referrals_received, Dimension::school, {{"120001", 1}, {"not_recorded", 2}}},
      {Measure::referrals_received,
       Dimension::condition,
       {{"alcohol", 1}, {"learning_disability", 2}, {"mental_ill_health", 1}}},
      {Measure::referrals_received, Dimension::relationship, {{"parent", 3}, {"sibling", 2}}},
      {Measure::referrals_received, Dimension::month, {{"2024-01", 1}, {"2024-02", 1}, {"2024-03", 1}}},
      {Measure::referrals_received, Dimension::quarter, {{"2024-Q1", 3}}},
      // Ben was referred through two doors: a young carer is identified once, by their first referral.
      {Measure::young_carers_identified, Dimension::route, {{"adult_social_care", 1}, {"school", 1}}},
      {Measure::young_carers_identified, Dimension::gender, {{"boy", 1}, {"girl", 1}}},
      {Measure::young_carers_identified,
       Dimension::condition,
       {{"alcohol", 1}, {"learning_disability", 1}, {"mental_ill_health", 1}}},
      // Open on 31 March: Amy, Cara and Dee (Ben closed on 20 March).
      {Measure::open_cases, Dimension::gender, {{"girl", 2}, {"non_binary", 1}}},
      {Measure::open_cases,
       Dimension::pathway_state,
       {{"awaiting_assessment", 1}, {"referred", 1}, {"transition", 1}}},
      {Measure::open_cases, Dimension::route, {{"early_help", 1}, {"school", 2}}},
      {Measure::transitions, Dimension::district, {{"LE65", 1}}},
      {Measure::transitions, Dimension::age_band, {{"16-17", 1}}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(toString(c.measure) << " by " << toString(c.by)) {
      BOOST_TEST(reg.counts(c.measure, {c.by}) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(totals_and_population_count_each_unit_once) {
  Register reg;
  reg.build();
  struct Case {
    Measure measure;
    long long total, population;
  };
  for (const auto& c : std::vector<Case>{{Measure::referrals_received, 3, 2},
                                         {Measure::young_carers_identified, 2, 2},
                                         {Measure::open_cases, 3, 3},
                                         {Measure::transitions, 1, 1}}) {
    CountResult whole;
    reg.counts(c.measure, {Dimension::condition}, &whole);
    BOOST_TEST_CONTEXT(toString(c.measure)) {
      BOOST_TEST(whole.total == c.total);
      BOOST_TEST(whole.population == c.population);
    }
  }
}

BOOST_AUTO_TEST_CASE(two_dimensions_cross_the_groups) {
  Register reg;
  reg.build();
  BOOST_TEST((reg.counts(Measure::referrals_received, {Dimension::route, Dimension::gender}) ==
              Counts{{"adult_social_care|boy", 1}, {"health|boy", 1}, {"school|girl", 1}}));
  BOOST_TEST((reg.counts(Measure::young_carers_identified, {Dimension::district, Dimension::relationship}) ==
              Counts{{"LE1|parent", 1}, {"LE1|sibling", 1}, {"LE2|parent", 1}}));
}

BOOST_AUTO_TEST_CASE(a_corrected_record_corrects_its_referrals_statistics) {
  Register reg;
  reg.build();
  {
    auto tx = reg.store->begin(true);
    auto ben = *tx->youngCarers().findById(reg.b);
    ben.postcode = "LE3 9ZZ";
    ben.dateOfBirth = day("2010-02-01");
    BOOST_REQUIRE(tx->youngCarers().update(ben));
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST(
      (reg.counts(Measure::referrals_received, {Dimension::district}) == Counts{{"LE2", 1}, {"LE3", 2}}));
  BOOST_TEST(
      (reg.counts(Measure::referrals_received, {Dimension::age_band}) == Counts{{"11-13", 1}, {"14-15", 2}}));
}

// Young adult carers (18 to 25, DOMAIN.md) referred to the register are counted in their own band, through
// the same cells and disclosure control; the under-18 indicator inputs (aged 5-17) do not take them in.
BOOST_AUTO_TEST_CASE(a_young_adult_carer_is_counted_in_the_18_25_band_and_not_among_under_18s) {
  Register reg;
  reg.build();
  const long long under18Before = [&] {
    auto tx = reg.store->begin(false);
    return tx->statistics().openCasesAged(day("2024-03-31"), 5, 17);
  }();
  {
    auto tx = reg.store->begin(true);
    Id eve = reg.child(*tx, "Ève", "2004-02-01", "girl", "white", "LE2 7GH", "");
    Id ce = reg.openCase(*tx, eve, CaseState::referred, "2024-03-01");
    reg.referral(*tx, eve, ce, OrganisationKind::self, "2024-03-01T10:00:00Z", "referral_received");
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST((reg.counts(Measure::referrals_received, {Dimension::age_band}) ==
              Counts{{"11-13", 1}, {"16-17", 2}, {"18-25", 1}}));
  BOOST_TEST((reg.counts(Measure::young_carers_identified, {Dimension::age_band}) ==
              Counts{{"11-13", 1}, {"16-17", 1}, {"18-25", 1}}));
  auto tx = reg.store->begin(false);
  BOOST_TEST(tx->statistics().openCasesAged(day("2024-03-31"), 5, 17) == under18Before);
  BOOST_TEST(tx->statistics().openCasesAged(day("2024-03-31"), 18, 25) == 1);
}

BOOST_AUTO_TEST_CASE(indicator_inputs_are_counted_from_the_case_history) {
  Register reg;
  reg.build();
  auto tx = reg.store->begin(false);
  auto& s = tx->statistics();
  // Referrals that opened a case in Q1: Amy (decided next day) and Ben (first step the close on 20 March).
  auto days = s.decisionDays(day("2024-01-01"), day("2024-03-31"));
  BOOST_REQUIRE(days.size() == 2u);
  std::map<std::string, std::string> decided;
  for (const auto& d : days) decided[formatIsoDate(d.received)] = d.decided ? formatIsoDate(*d.decided) : "";
  BOOST_TEST((decided == std::map<std::string, std::string>{{"2024-01-15", "2024-01-16"},
                                                            {"2024-02-10", "2024-03-20"}}));
  auto route =
      s.referralsThroughRoute(day("2024-01-01"), day("2024-03-31"), OrganisationKind::adult_social_care);
  BOOST_TEST(route.numerator == 1);
  BOOST_TEST(route.denominator == 3);
  // Open on 31 March aged 5-17: Amy (11), Cara (6), Dee (17); aged 16-17: Dee, in transition since 10
  // March but whose transition assessment was still a draft; by 30 April it had been completed.
  BOOST_TEST(s.openCasesAged(day("2024-03-31"), 5, 17) == 3);
  auto transition = s.transitionCoverage(day("2024-03-31"), 16, 17);
  BOOST_TEST(transition.numerator == 0);
  BOOST_TEST(transition.denominator == 1);
  transition = s.transitionCoverage(day("2024-04-30"), 16, 17);
  BOOST_TEST(transition.numerator == 1);
  BOOST_TEST(transition.denominator == 1);
}

// Counts settled later, by the store's worker, for many writes at once (SqliteOptions::
// settleCountsAfterMs): the write leaves them pending, a count read in a writing transaction is exact
// all the same, the worker settles them without any read, and closing the store settles what is left.
BOOST_AUTO_TEST_CASE(counts_settled_after_the_write_are_the_counts_settled_in_it) {
  Register now;
  now.build();
  const auto expected = now.counts(Measure::referrals_received, {Dimension::route});
  BOOST_TEST(now.pendingCounts() == 0);
  BOOST_REQUIRE(!expected.empty());

  {
    Register later(60 * 60 * 1000);  // the worker waits an hour: only reads and closing settle
    later.build();
    BOOST_TEST(later.pendingCounts() == 4);  // the write did not wait for its counts
    BOOST_TEST(later.counts(Measure::referrals_received, {Dimension::route}).empty());  // not yet settled
    BOOST_TEST(later.counts(Measure::referrals_received, {Dimension::route}, nullptr, true) == expected);
    BOOST_TEST(later.pendingCounts() == 0);
    BOOST_TEST(later.counts(Measure::referrals_received, {Dimension::route}) == expected);

    // Left pending at closing: the store settles them as it closes.
    auto tx = later.store->begin(true);
    later.caredFor(*tx, later.a, Relationship::grandparent, {Condition::sensory});
    BOOST_REQUIRE(tx->commit());
    BOOST_TEST(later.pendingCounts() == 1);
    later.store.reset();
    BOOST_TEST(later.pendingCounts() == 0);
  }

  Register soon(20);
  soon.build();
  for (int i = 0; i < 500 && soon.pendingCounts() > 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  BOOST_TEST(soon.pendingCounts() == 0);  // the worker settled them, with no read asking
  BOOST_TEST(soon.counts(Measure::referrals_received, {Dimension::route}) == expected);
}

BOOST_AUTO_TEST_SUITE_END()
