#pragma once
// What the attackers of disclosure control share (tests/attack): the demo register a commissioner asks
// questions of, what an attack achieved against one table, and how that is reported.
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "ycr/core/disclosure.h"
#include "ycr/services/app.h"
#include "ycr/services/demo_data.h"

namespace ycr::attack {

using namespace ycr::services;

inline const Date kUntil = *parseIsoDate("2026-06-30");
inline const int kFirstMonth = monthIndex(*parseIsoDate("2024-07-01"));
constexpr int kMonths = 24;

// A demo register of `youngCarers` (seed 11, first referrals over three years) as `ycr demo-data` loads it,
// published with noise of standard deviation `sigma` (0: none).
struct DemoRegister {
  std::filesystem::path dir;
  FixedClock clock{*parseIsoTimestamp("2026-07-01T09:00:00Z")};
  RandomIdSource ids;
  std::unique_ptr<App> app;
  Principal commissioner;

  DemoRegister(double sigma, long long youngCarers, DisclosurePolicy policy) {
    dir = std::filesystem::temp_directory_path() /
          ("ycr-attack-" + std::to_string(::getpid()) + "-" + ids.token().substr(0, 12));
    std::filesystem::create_directories(dir);
    Config config;
    config.database = (dir / "t.db").string();
    config.keyDir = (dir / "keys").string();
    config.port = 0;
    config.passwordHashCost = "min";
    config.disclosureNoiseSigma = sigma;
    config.disclosurePolicy = policy;
    // Query accounting off: the guarantee must hold however many questions are asked.
    config.statsRequestsPerMinute = 0;
    config.statsRequestsPerDay = 0;
    auto created = App::create(config, clock, ids);
    BOOST_REQUIRE_MESSAGE(created, (created ? "" : created.error().detail));
    app = std::move(created.value());
    DemoDataOptions options;
    options.youngCarers = youngCarers;
    options.seed = 11;
    options.until = kUntil;
    options.years = 3;
    auto loaded = loadDemoRegister(*app, options);
    BOOST_REQUIRE_MESSAGE(loaded, (loaded ? "" : loaded.error().detail));
    auto tx = app->store().begin(true);
    Organisation o;
    o.kind = OrganisationKind::commissioner;
    o.name = "Commissioning team";
    commissioner.organisationId = tx->organisations().create(o).value();
    commissioner.organisationName = o.name;
    commissioner.organisationKind = o.kind;
    commissioner.role = Role::commissioner;
    commissioner.username = "commissioner";
    User u;
    u.username = "commissioner";
    u.role = Role::commissioner;
    u.organisationId = commissioner.organisationId;
    u.passwordHash = "not used";
    commissioner.userId = tx->users().create(u).value();
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  ~DemoRegister() {
    app.reset();
    std::filesystem::remove_all(dir);
  }

  CountsReport ask(Measure measure, const std::vector<std::string>& by, int first, int last) {
    CountsRequest request;
    request.measure = std::string(toString(measure));
    request.by = by;
    request.from = formatIsoDate(monthStart(first));
    request.to = formatIsoDate(monthEnd(last));
    auto report = app->statistics().counts(commissioner, request);
    BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().detail));
    return *report;
  }

  // The indicators report over months [first, last] (monthIndex values), as GET /api/v1/stats/kpis gives it.
  KpiReport indicators(int first, int last) {
    auto report =
        app->statistics().kpis(commissioner, formatIsoDate(monthStart(first)), formatIsoDate(monthEnd(last)));
    BOOST_REQUIRE_MESSAGE(report, (report ? "" : report.error().detail));
    return *report;
  }

  // The truth the attacker is after: each group's count in each month.
  std::map<std::vector<std::string>, std::vector<long long>> truth(Measure measure,
                                                                   const std::vector<Dimension>& by) {
    std::map<std::vector<std::string>, std::vector<long long>> out;
    auto tx = app->store().begin(false);
    for (int m = 0; m < kMonths; ++m) {
      CountQuery q{measure, by, monthStart(kFirstMonth + m), monthEnd(kFirstMonth + m), 0};
      for (const auto& row : tx->statistics().count(q).rows) {
        auto& counts = out[row.values];
        counts.resize(kMonths, 0);
        counts[static_cast<std::size_t>(m)] = row.count;
      }
    }
    return out;
  }
};

// The registers the attackers read, each loaded once for the whole run (a load is seconds, and the
// attackers of counts, indicators and survey results ask the same registers): asking changes nothing
// but the audit log. A test that adds to a register makes its own.
inline DemoRegister& sharedRegister(double sigma, long long youngCarers, DisclosurePolicy policy) {
  static std::map<std::tuple<double, long long, DisclosurePolicy>, std::unique_ptr<DemoRegister>> loaded;
  auto& reg = loaded[{sigma, youngCarers, policy}];
  if (!reg) reg = std::make_unique<DemoRegister>(sigma, youngCarers, policy);
  return *reg;
}

// What the attacker achieved against one table.
struct Outcome {
  long long smallCells = 0;   // true counts in 1..threshold: the targets
  long long pinned = 0;       // narrowed to one value, or two adjacent ones, inside 1..threshold
  long long pinnedRight = 0;  // ... and the truth is among them
  long long exact = 0;        // narrowed to one value inside 1..threshold
  long long exactRight = 0;   // ... and it is the truth
  bool infeasible = false;    // no register fits the answers under the attacker's model
  std::map<long long, long long> smallValues;  // how many small cells hold each value

  // The share of small cells a guesser right without looking at any answer: it knows how small counts are
  // spread (most are 1 or 2) and names the best pair of adjacent values for every cell.
  double guessRate() const {
    long long best = 0;
    for (const auto& [v, n] : smallValues) {
      const auto next = smallValues.find(v + 1);
      best = std::max(best, n + (next == smallValues.end() ? 0 : next->second));
    }
    return smallCells == 0 ? 0 : static_cast<double>(best) / static_cast<double>(smallCells);
  }
  double rightRate() const {
    return smallCells == 0 ? 0 : static_cast<double>(pinnedRight) / static_cast<double>(smallCells);
  }
};

// The fewest pins on which "most of them are wrong" is judged for one table: with fewer, one lucky pin
// is half of them (a run of CI once saw 1 pin of 1 right in a table with 341 small cells).
constexpr long long kPinsToJudge = 50;

inline void report(const std::string& what, const Outcome& o) {
  BOOST_TEST_MESSAGE(what << ": " << o.smallCells << " cells of 1..threshold, " << o.pinned << " pinned, "
                          << o.pinnedRight << " of them right (" << 100 * o.rightRate()
                          << "%; guessing from the spread of small counts: " << 100 * o.guessRate() << "%)"
                          << "; " << o.exact << " to one value, " << o.exactRight << " of them right"
                          << (o.infeasible ? " (model infeasible)" : ""));
}

// The verdict on an attack of noisy figures, reported as `what`: among enough small cells, the attacker
// does worse than a guess that never looks at an answer, and most of its pins are wrong.
inline void checkNoisyOutcome(const std::string& what, const Outcome& o) {
  report(what, o);
  BOOST_TEST_CONTEXT(what) {
    BOOST_TEST(o.smallCells > 50);
    BOOST_TEST(o.rightRate() < o.guessRate());
    BOOST_TEST(o.rightRate() <= 0.3);
    if (o.pinned >= kPinsToJudge) BOOST_TEST(o.pinnedRight * 2 <= o.pinned);
  }
}

}  // namespace ycr::attack
