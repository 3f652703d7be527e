// The indicator report's precomputed inputs (storage/src/indicator_facts.h) against the definitional SQL
// they replaced, kept in indicator_definitions.h: a randomised register is built and changed through the
// repositories (referrals, steps recorded out of order and across UK midnight and the clock changes, closes,
// reopenings, reviews, transitions, transition assessments, support plans with short breaks and support
// beyond breaks, activities with places and registers taken and finalised (breaks and not, some across
// months, some corrected by hand), ID cards issued, revoked and renewed, whether young carers want one,
// corrected dates of birth, merged records, rolled-back transactions, a bulk write that leaves its marks
// for later), and after every round each input is asked of the store and recomputed from the records on a
// separate connection.

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "../../storage/src/stats_cube.h"
#include "indicator_definitions.h"
#include "random_activity.h"
#include "support/dates.h"
#include "ycr/core/school_attendance.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::indicator_definitions;
using test_support::day;

namespace {

struct Child {
  Id id = 0;
  Id caseId = 0;
  CaseState state = CaseState::referred;
  Timestamp last{};
  bool open = false;
};

struct Builder {
  std::filesystem::path dir;
  std::unique_ptr<storage::SqliteStore> store;
  std::mt19937 rng{20250630};
  std::vector<Child> children;
  std::vector<std::string> cards;
  std::vector<Id> activities;
  std::map<OrganisationKind, Id> orgs;
  int serial = 0;

  explicit Builder(const std::string& name = "t") {
    dir =
        std::filesystem::temp_directory_path() / ("ycr-kpi-facts-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = std::move(storage::SqliteStore::open({(dir / "t.db").string(), 2, 5000}).value());
    BOOST_REQUIRE(store->migrate());
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
  Child& anyChild() {
    return children[static_cast<std::size_t>(between(0, static_cast<int>(children.size()) - 1))];
  }

  Id org(Transaction& tx, OrganisationKind kind) {
    if (orgs.count(kind)) return orgs[kind];
    Organisation o;
    o.kind = kind;
    o.name = "org " + std::string(toString(kind));
    return orgs[kind] = tx.organisations().create(o).value();
  }

  // Mostly forwards, sometimes recorded as happening before the last step (out of order); now and then
  // at 23:30 UK time, or around 01:00 UTC on the days the clocks change.
  Timestamp later(Timestamp t) {
    auto next = t + std::chrono::hours(24 * between(0, 60)) + std::chrono::minutes(between(1, 600));
    switch (between(0, 9)) {
      case 0:
        next = ukStartOfDay(ukLocalDate(next)) + std::chrono::hours(23) + std::chrono::minutes(30);
        break;
      case 1: {
        const int y = static_cast<int>(ukLocalDate(next).year());
        const auto month = between(0, 1) ? std::chrono::March : std::chrono::October;
        const Date change{std::chrono::year_month_weekday_last{std::chrono::year{y} / month /
                                                               std::chrono::Sunday[std::chrono::last]}};
        next = std::chrono::sys_days(change) + std::chrono::minutes(between(-90, 90) + 60);
        break;
      }
      case 2: next = t - std::chrono::hours(between(1, 200)); break;
      default: break;
    }
    return next;
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
    c.last = std::max(c.last, at);
    auto k = *tx.cases().findById(c.caseId);
    k.state = to;
    BOOST_REQUIRE(tx.cases().update(k));
  }

  void referral(Transaction& tx, Child& c, Timestamp at) {
    Referral r;
    r.reference = "R" + std::to_string(++serial);
    r.route = oneOf<OrganisationKind>({OrganisationKind::school, OrganisationKind::adult_social_care});
    r.organisationId = org(tx, r.route);
    // Usually received when recorded; sometimes days before, sometimes (an import's clock) a day after.
    r.receivedAt = at + std::chrono::hours(oneOf<int>({0, 0, 0, -72, 30}));
    r.recordedAt = at;
    r.youngCarerId = c.id;
    r.caseId = c.caseId;
    Id id = tx.referrals().create(r).value();
    if (c.last == Timestamp{}) {
      c.open = true;
      event(tx, c, "referral_received", CaseState::referred, at, id);
    } else if (!c.open) {
      c.open = true;
      event(tx, c, "reopened_by_referral", CaseState::referred, at, id);
    } else {
      event(tx, c, "referral_joined", c.state, at, id);
    }
  }

  void card(Transaction& tx, Child& c, Timestamp at) {
    IdCard k;
    k.number = tx.idCards().nextNumber(at).value();
    k.youngCarerId = c.id;
    k.issued = ukLocalDate(at);
    k.expires = addMonths(k.issued, between(1, 12));
    k.youngCarerConsent = true;
    k.createdAt = at;
    BOOST_REQUIRE(tx.idCards().create(k));
    cards.push_back(k.number);
  }

  // Whether the young carer wants a card, asked now and then; the latest answer counts.
  void wish(Transaction& tx, Child& c, Timestamp at) {
    BOOST_REQUIRE(tx.idCards().addWish({0, c.id, between(0, 2) == 0, std::nullopt, at}));
  }

  // A transition assessment recorded at `at`: completed then, completed later (a draft finished), left a
  // draft, which does not count, or (a row from before completion times were kept) completed with no time,
  // which cannot be placed on a day and does not count either.
  void transitionAssessment(Transaction& tx, Child& c, Timestamp at) {
    AssessmentRecord a;
    a.caseId = c.caseId;
    a.youngCarerId = c.id;
    a.kind = AssessmentKind::transition;
    a.document = "{}";
    a.createdAt = a.updatedAt = at;
    const int outcome = between(0, 3);
    if (outcome == 0 || outcome == 3) a.status = AssessmentStatus::completed;
    if (outcome == 0) a.completedAt = at;
    a.id = tx.assessments().create(a).value();
    if (outcome == 1) {
      a.status = AssessmentStatus::completed;
      a.completedAt = a.updatedAt = later(at);
      BOOST_REQUIRE(tx.assessments().update(a));
    }
  }

  // A support plan recorded at `at` with one or two items, often a short break starting before or after the
  // plan and sometimes open-ended; mostly agreed (superseding the plan before it), sometimes left a draft,
  // sometimes its items replaced before it is agreed.
  void supportPlan(Transaction& tx, Child& c, Timestamp at) {
    auto items = [&] {
      std::vector<SupportPlanItem> out;
      for (int n = between(1, 2); n > 0; --n) {
        SupportPlanItem i;
        i.type = oneOf<ServiceType>({ServiceType::short_break, ServiceType::school_support,
                                     ServiceType::emergency_plan, ServiceType::sport_and_leisure,
                                     ServiceType::money_and_benefits_advice, ServiceType::personal_budget});
        i.provider = "Provider";
        i.start = addDays(ukLocalDate(at), between(-40, 90));
        if (between(0, 3)) i.end = addDays(i.start, between(0, 240));
        out.push_back(i);
      }
      return out;
    };
    SupportPlan p;
    p.caseId = c.caseId;
    p.recordedAt = at;
    p.items = items();
    const Id id = tx.assessments().createPlan(p).value();
    if (between(0, 3) == 0) BOOST_REQUIRE(tx.assessments().replacePlanItems(id, items(), at, std::nullopt));
    if (between(0, 4)) BOOST_REQUIRE(tx.assessments().agreePlan(id, ukLocalDate(later(at)), std::nullopt));
  }

  void activity(Transaction& tx, Child& c, Timestamp at) {
    test_support::randomPlace(*this, tx, c.id, at, 20);
  }

  // A register not yet finalised: its places' attendance recorded again, and now and then finalised.
  void register_(Transaction& tx, Timestamp at) {
    if (activities.empty()) return;
    const Id id = oneOf(activities);
    if (tx.activities().findById(id)->finalisedAt) return;
    for (auto p : tx.activities().places(id)) {
      p.attendance = oneOf<Attendance>({Attendance::attended, Attendance::did_not_attend});
      p.recordedAt = at;
      BOOST_REQUIRE(tx.activities().recordAttendance(p));
    }
    if (between(0, 1)) BOOST_REQUIRE(tx.activities().finalise(id, std::nullopt, at));
  }

  void step(Transaction& tx, Child& c) {
    const Timestamp at = later(c.last);
    if (!c.open) {
      if (between(0, 1) == 0) return referral(tx, c, at);
      c.open = true;
      return event(tx, c, "reopen", CaseState::referred, at);
    }
    switch (between(0, 14)) {
      case 0: c.open = false; return event(tx, c, "close", CaseState::closed, at);
      case 1: return event(tx, c, "start_transition", CaseState::transition, at);
      case 2:
        if (c.state == CaseState::transition) {
          c.open = false;
          return event(tx, c, "hand_over", CaseState::handed_over, at);
        }
        return event(tx, c, "acknowledge", CaseState::screening, at);
      case 3: return event(tx, c, "assign", c.state, at);
      case 4: return referral(tx, c, at);
      case 5: return card(tx, c, at);
      case 6:
        return event(tx, c, "complete_review", oneOf<CaseState>({CaseState::supported, CaseState::reviewing}),
                     at);
      case 7: return event(tx, c, "escalate", CaseState::safeguarding, at);
      case 8: return transitionAssessment(tx, c, at);
      case 9: return supportPlan(tx, c, at);
      case 10:
      case 11: return activity(tx, c, at);
      case 13: return wish(tx, c, at);
      default: return event(tx, c, "agree_plan", CaseState::supported, at);
    }
  }

  // The young carer on the register with a case referred on 1 January 2023.
  Child enrol(Transaction& tx, YoungCarer y) {
    y.createdAt = y.updatedAt = *parseIsoTimestamp("2022-12-01T00:00:00Z");
    Child c{tx.youngCarers().create(y).value(), 0, CaseState::referred, Timestamp{}, false};
    Case k;
    k.youngCarerId = c.id;
    k.state = CaseState::referred;
    k.referralReceived = day("2023-01-01");
    k.openedAt = k.updatedAt = y.createdAt;
    c.caseId = tx.cases().create(k).value();
    return c;
  }

  // A term of school attendance for the young carer: sometimes one with no sessions, sometimes a term
  // already recorded (a correction: the later record is in force).
  void term(Transaction& tx, Id youngCarer) {
    TermAttendance a;
    a.youngCarerId = youngCarer;
    a.academicYear = oneOf<std::string>({"2022/23", "2023/24", "2024/25"});
    a.term = oneOf<Term>({Term::autumn, Term::spring, Term::summer});
    a.sessionsPossible = between(0, 5) == 0 ? 0 : between(60, 150);
    a.sessionsMissed = between(0, a.sessionsPossible / 4);
    a.missedForCaring = between(0, a.sessionsMissed);
    a.recordedAt = *parseIsoTimestamp("2025-01-10T09:00:00Z");
    BOOST_REQUIRE(tx.schoolAttendance().add(a));
  }

  void addChildren(Transaction& tx, int n) {
    for (int i = 0; i < n; ++i) {
      YoungCarer y;
      y.givenName = "Child" + std::to_string(children.size());
      y.familyName = "Test";
      // Ages 3 to 20 over the periods compared, and some born on 29 February.
      y.dateOfBirth = between(0, 9) == 0
                          ? oneOf<Date>({day("2008-02-29"), day("2012-02-29"), day("2007-02-28")})
                          : addDays(day("2004-01-01"), between(0, 5500));
      Child c = enrol(tx, y);
      referral(tx, c, *parseIsoTimestamp("2023-01-01T09:00:00Z") + std::chrono::hours(24 * between(0, 500)));
      const int steps = between(0, 8);
      for (int s = 0; s < steps; ++s) step(tx, c);
      for (int t = between(0, 4); t > 0; --t) term(tx, c.id);
      children.push_back(c);
    }
  }

  // A few changes per transaction: steps, cards revoked or renewed, dates of birth corrected, a record
  // merged away, a register taken again or finalised.
  void change(Transaction& tx, int n) {
    for (int k = 0; k < n; ++k) {
      auto& c = anyChild();
      switch (between(0, 11)) {
        case 11: term(tx, c.id); break;
        case 10: register_(tx, later(c.last)); break;
        case 0: {
          auto y = *tx.youngCarers().findById(c.id);
          y.dateOfBirth = addDays(y.dateOfBirth, between(-400, 400));
          BOOST_REQUIRE(tx.youngCarers().update(y));
          break;
        }
        case 1:
          if (!cards.empty()) {
            const auto number = oneOf(cards);
            BOOST_REQUIRE(tx.idCards().setStatus(
                number, oneOf<CardStatus>({CardStatus::revoked, CardStatus::lost}), "test", std::nullopt));
            break;
          }
          [[fallthrough]];
        case 2:
          if (!cards.empty()) {
            const Date on = addDays(day("2023-06-01"), between(0, 700));
            BOOST_REQUIRE(tx.idCards().renew(oneOf(cards), on, addMonths(on, 12)));
            break;
          }
          [[fallthrough]];
        case 3:
          if (between(0, 3) == 0) {
            auto y = *tx.youngCarers().findById(c.id);
            y.mergedInto = anyChild().id;
            BOOST_REQUIRE(tx.youngCarers().update(y));
            break;
          }
          [[fallthrough]];
        default: step(tx, c);
      }
    }
  }

  void inTransaction(const std::function<void(Transaction&)>& work) {
    auto tx = store->begin(true);
    work(*tx);
    BOOST_REQUIRE(tx->commit());
  }
};

// The terms measured for absence for caring in [from, to], precomputed and by the definition over the
// records in force; how many were compared.
int compareCaringAbsence(Transaction& tx, const Date& from, const Date& to) {
  ShareCount absence;
  for (const auto& m : caringAbsenceMeasures(tx.schoolAttendance().inForce()))
    if (!(m.termEnd < from) && !(to < m.termEnd)) {
      ++absence.denominator;
      absence.numerator += m.reduced ? 1 : 0;
    }
  const auto precomputed = tx.statistics().caringAbsenceReduced(from, to);
  BOOST_TEST(precomputed.numerator == absence.numerator);
  BOOST_TEST(precomputed.denominator == absence.denominator);
  if (from == day("2020-01-01")) BOOST_TEST(absence.numerator > 0);
  return static_cast<int>(absence.denominator);
}

void compareEverything(Builder& b) {
  indicator_definitions::Raw raw((b.dir / "t.db").string());
  auto tx = b.store->begin(false);
  auto& stats = tx->statistics();
  int compared = 0;
  for (const auto& [from, to] : std::vector<std::pair<Date, Date>>{{day("2023-01-01"), day("2023-12-31")},
                                                                   {day("2023-03-26"), day("2023-10-29")},
                                                                   {day("2024-02-29"), day("2024-03-31")},
                                                                   {day("2023-06-15"), day("2023-06-15")},
                                                                   {day("2020-01-01"), day("2027-12-31")}}) {
    BOOST_TEST_CONTEXT(formatIsoDate(from) << ".." << formatIsoDate(to)) {
      std::multiset<std::string> decisions;
      for (const auto& d : stats.decisionDays(from, to))
        decisions.insert(formatIsoDate(d.received) + "|" + (d.decided ? formatIsoDate(*d.decided) : "") +
                         "|" + std::to_string(d.referrals));
      BOOST_TEST(decisions == raw.rows(decisionsSql(from, to)));
      const long long breaks = raw.one(shortBreaksSql(from, to));
      BOOST_TEST(stats.youngCarersWithShortBreak(from, to) == breaks);
      compared += static_cast<int>(breaks);
      if (from == day("2020-01-01")) BOOST_TEST(breaks > 0);
      std::multiset<std::string> reviews;
      for (const auto& d : stats.reviewDays(from, to))
        reviews.insert(formatIsoDate(d.scheduled) + "|" +
                       (d.completed            ? "complete_review " + formatIsoDate(*d.completed)
                        : d.endedWithoutReview ? "ended " + formatIsoDate(*d.endedWithoutReview)
                                               : "") +
                       "|" + std::to_string(d.reviews));
      std::multiset<std::string> expected;
      for (auto row : raw.rows(reviewsSql(from, to))) {
        // The store reports only whether the wait ended in a review; the other ends read alike.
        for (const char* end : {"|close ", "|start_transition ", "|hand_over "})
          if (auto at = row.find(end); at != std::string::npos)
            row.replace(at, std::string(end).size(), "|ended ");
        expected.insert(row);
      }
      BOOST_TEST(reviews == expected);
      compared += static_cast<int>(expected.size() + decisions.size());
      compared += compareCaringAbsence(*tx, from, to);
    }
  }
  // Month by month (what the indicator report protects), each month as the definition counts it.
  std::map<int, long long> byMonth;
  for (const auto& [month, n] : stats.youngCarersWithShortBreakByMonth(day("2025-12-31"))) byMonth[month] = n;
  for (int month = monthIndex(day("2022-01-01")); month <= monthIndex(day("2025-12-01")); ++month)
    BOOST_TEST_CONTEXT("short breaks in " << monthLabel(month)) {
      BOOST_TEST(byMonth[month] == raw.one(shortBreaksSql(monthStart(month), monthEnd(month))));
    }
  std::vector<Date> days = {day("2023-02-28"), day("2023-03-01"), day("2024-02-28"), day("2024-02-29"),
                            day("2024-03-01"), day("2023-03-26"), day("2023-10-29"), day("2025-12-31")};
  for (int i = 0; i < 12; ++i) days.push_back(addDays(day("2023-01-01"), b.between(0, 900)));
  for (const auto& on : days) {
    BOOST_TEST_CONTEXT("on " << formatIsoDate(on)) {
      for (auto [lo, hi] : std::vector<std::pair<int, int>>{{5, 17}, {16, 17}, {0, 30}, {11, 11}}) {
        const long long open = raw.one(openCasesSql(on, lo, hi));
        BOOST_TEST(stats.openCasesAged(on, lo, hi) == open);
        const auto t = stats.transitionCoverage(on, lo, hi);
        BOOST_TEST(t.denominator == open);
        BOOST_TEST(t.numerator == raw.one(transitionedSql(on, lo, hi)));
        compared += static_cast<int>(open);
      }
      for (auto type : {ServiceType::emergency_plan, ServiceType::sport_and_leisure,
                        ServiceType::money_and_benefits_advice, ServiceType::personal_budget})
        for (int minAge : {0, 16}) {
          const auto support = stats.supportCoverage(on, type, minAge);
          BOOST_TEST(support.numerator == raw.one(supportSql(on, std::string(toString(type)), minAge)));
          BOOST_TEST(support.denominator == raw.one(openCasesSql(on, minAge, 200)));
          compared += static_cast<int>(support.numerator);
        }
      for (int upper : {18, 25}) {
        const auto cards = stats.cardCoverage(on, upper);
        BOOST_TEST(cards.numerator == tx->idCards().cardsActive(on));
        BOOST_TEST(cards.denominator - cards.numerator ==
                   tx->idCards().youngCarersEligibleWithoutCard(on, upper));
      }
    }
  }
  BOOST_TEST(compared > 100);
}

// SQLite virtual machine steps taken to settle the figures of four young carers, their records unchanged: the
// first and the last registered (so that the batch's id range spans the whole register), and the first and
// the last who attended a break on a finalised register (whose facts join the most tables).
long long stepsToSettleFourYoungCarers(Builder& b) {
  long long steps = 0;
  BOOST_REQUIRE(b.store->bulkWrite(
      [&](Transaction&, sqlite3* db) -> Status {
        const std::string planned =
            " FROM activity_places p JOIN activities a ON a.id = p.activity_id WHERE p.attendance = "
            "'attended' AND a.finalised_at IS NOT NULL AND a.kind IN ('short_break', 'trip', 'residential')";
        const std::string mark =
            "INSERT OR IGNORE INTO stats_pending(young_carer_id) SELECT MIN(id) FROM young_carers UNION "
            "SELECT "
            "MAX(id) FROM young_carers UNION SELECT MIN(p.young_carer_id)" +
            planned + " UNION SELECT MAX(p.young_carer_id)" + planned;
        BOOST_REQUIRE(sqlite3_exec(db, mark.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_progress_handler(
            db, 1, [](void* n) { return ++*static_cast<long long*>(n), 0; }, &steps);
        const long long settled = storage::StatsCube(db).settle();
        sqlite3_progress_handler(db, 0, nullptr, nullptr);
        BOOST_TEST(settled >= 2);  // four, or fewer when one is both
        return {};
      },
      false));
  return steps;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(indicator_facts_test)

BOOST_AUTO_TEST_CASE(settling_a_young_carers_figures_costs_the_same_in_a_register_twenty_times_larger) {
  // Every write settles the figures of the young carers it touched before it commits, so that cost must
  // not grow with the register: at 1,000,000 young carers a settle that read every referral or card of the
  // register took minutes per batch (the planner started from the whole register's events, not the marks).
  Builder small("small"), large("large");
  small.inTransaction([&](Transaction& tx) { small.addChildren(tx, 100); });
  large.inTransaction([&](Transaction& tx) { large.addChildren(tx, 2000); });
  const long long smallSteps = stepsToSettleFourYoungCarers(small),
                  largeSteps = stepsToSettleFourYoungCarers(large);
  BOOST_TEST_MESSAGE("settle steps: " << smallSteps << " at 100 young carers, " << largeSteps << " at 2,000");
  BOOST_TEST(smallSteps > 0);
  BOOST_TEST(largeSteps < 2 * smallSteps);
  // Settling changed nothing that was already counted.
  compareEverything(large);
}

BOOST_AUTO_TEST_CASE(precomputed_indicator_inputs_equal_the_definitions_after_every_kind_of_change) {
  Builder b;
  b.inTransaction([&](Transaction& tx) { b.addChildren(tx, 80); });
  compareEverything(b);
  for (int i = 0; i < 30; ++i) b.inTransaction([&](Transaction& tx) { b.change(tx, 4); });
  compareEverything(b);

  // A transaction that rolls back leaves the figures as they were.
  indicator_definitions::Raw raw((b.dir / "t.db").string());
  const auto before = raw.rows("SELECT * FROM kpi_point_cells WHERE n <> 0");
  const auto decidedBefore = raw.rows("SELECT * FROM kpi_decision_days WHERE n <> 0");
  {
    auto tx = b.store->begin(true);
    const auto saved = b.children;
    const auto cards = b.cards;
    const auto activities = b.activities;
    b.change(*tx, 20);
    b.children = saved;
    b.cards = cards;
    b.activities = activities;
  }
  BOOST_TEST(raw.rows("SELECT * FROM kpi_point_cells WHERE n <> 0") == before);
  BOOST_TEST(raw.rows("SELECT * FROM kpi_decision_days WHERE n <> 0") == decidedBefore);
  compareEverything(b);

  // A bulk write that leaves its marks is counted by the next write's settle; in it, activities' kinds and
  // days are corrected by hand (no use case does that yet: the triggers mark their young carers all the
  // same).
  BOOST_REQUIRE(b.store->bulkWrite(
      [&](Transaction& tx, sqlite3* db) -> Status {
        b.addChildren(tx, 30);
        b.change(tx, 20);
        BOOST_REQUIRE(
            sqlite3_exec(db,
                         "UPDATE activities SET kind = CASE kind WHEN 'group' THEN 'trip' ELSE "
                         "'group' END, starts_on = date(starts_on, '-20 days') WHERE id % 3 = 0; "
                         // as a merge moves a young carer's terms to the record that stays
                         "UPDATE school_attendance SET young_carer_id = young_carer_id + 1 WHERE id % 4 "
                         "= 0 AND young_carer_id < (SELECT MAX(id) FROM young_carers)",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
        return {};
      },
      false));
  BOOST_TEST(raw.one("SELECT COUNT(*) FROM stats_pending") > 0);
  b.inTransaction([&](Transaction& tx) { b.change(tx, 1); });
  BOOST_TEST(raw.one("SELECT COUNT(*) FROM stats_pending") == 0);
  compareEverything(b);
}

BOOST_AUTO_TEST_CASE(ages_count_whole_years_with_29_february_birthdays_on_1_march) {
  // birthRangeForAges is exercised through openCasesAged above; here its edges are pinned by hand.
  Builder b;
  b.inTransaction([&](Transaction& tx) {
    for (const auto* dob : {"2008-02-29", "2008-03-01", "2008-02-28"}) {
      YoungCarer y;
      y.givenName = dob;
      y.familyName = "Leap";
      y.dateOfBirth = day(dob);
      Child c = b.enrol(tx, y);
      b.referral(tx, c, *parseIsoTimestamp("2023-01-02T09:00:00Z"));
    }
  });
  auto tx = b.store->begin(false);
  // On 28 February 2026 only the child born on 28 February 2008 is 18; on 1 March 2026 all three are.
  BOOST_TEST(tx->statistics().openCasesAged(day("2026-02-28"), 5, 17) == 2);
  BOOST_TEST(tx->statistics().openCasesAged(day("2026-03-01"), 5, 17) == 0);
  BOOST_TEST(tx->statistics().openCasesAged(day("2026-03-01"), 18, 18) == 3);
}

BOOST_AUTO_TEST_SUITE_END()
