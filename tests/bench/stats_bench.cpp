// Commissioners' counts at scale: p50/p99 of every measure by every single dimension, some pairs, and the
// KPI report, over a synthetic register of N young carers with 2 referrals each (ycr demo-data's generator).
// Usage: stats_bench [N=1000000] [database path=/tmp/ycr-stats-bench-N.db] [runs=30]; an existing database is
// reused. Figures are reported against the machine's own limits measured in the same run: one full
// `SELECT count(*) FROM referrals` and one durable (fsync) commit.
// The design target (DESIGN.md): any commissioner count over 1,000,000 young carers and 2,000,000 referrals,
// p99 under 100 ms. Timings are of Statistics::counts, i.e. the query, disclosure control and the audit row.

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "ycr/services/demo_data.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/statistics.h"
#include "ycr/storage/sqlite_store.h"

#ifndef YCR_SOURCE_DIR
#define YCR_SOURCE_DIR "."
#endif

using namespace ycr;

namespace {

struct Timing {
  double p50 = 0, p99 = 0;
};

template <class F>
Timing time(int runs, F&& f) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    auto start = std::chrono::steady_clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) {
    return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(ms.size())))];
  };
  return {at(0.5), at(0.99)};
}

// The machine's own limits, measured in this run: one full scan of the referrals table (what a count
// computed from the records would at least cost) and one durable commit (fsync), which every published
// count pays for its audit row; and the register's size.
struct Limits {
  Timing scan, commit;
  long long youngCarers = 0, referrals = 0, cells = 0, events = 0;
};

Limits measureLimits(const std::string& path, Store& store, const Clock& clock, int runs) {
  Limits limits;
  sqlite3* raw = nullptr;
  sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  auto rawCount = [raw](const std::string& table) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(raw, ("SELECT count(*) FROM " + table).c_str(), -1, &st, nullptr);
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
  };
  limits.scan = time(runs / 3 + 1, [&] { limits.referrals = rawCount("referrals"); });
  limits.youngCarers = rawCount("young_carers");
  limits.cells = rawCount("stats_cells");
  limits.events = rawCount("case_events");
  sqlite3_close(raw);
  limits.commit = time(runs, [&] {
    auto tx = store.begin(true);
    AuditEvent a;
    a.at = clock.now();
    a.action = "bench.commit";
    a.outcome = "ok";
    (void)tx->audit().append(a);
    (void)tx->commit();
  });
  return limits;
}

}  // namespace

int main(int argc, char** argv) {
  const long long n = argc > 1 ? std::stoll(argv[1]) : 1000000;
  const std::string path = argc > 2 ? argv[2] : "/tmp/ycr-stats-bench-" + std::to_string(n) + ".db";
  const Date until = *parseIsoDate("2025-06-30");
  const char* sourceDir = std::getenv("YCR_SOURCE_DIR") ? std::getenv("YCR_SOURCE_DIR") : YCR_SOURCE_DIR;
  auto calendar =
      pathways::WorkingDayCalendar::loadFile(std::string(sourceDir) + "/pathways/data/bank-holidays.json");
  if (!calendar) {
    std::cerr << "stats_bench: " << calendar.error().detail << " (set YCR_SOURCE_DIR)\n";
    return 1;
  }
  pathways::Engine engine(pathways::PathwayConfig{}, std::move(calendar.value()));
  const bool reuse = std::filesystem::exists(path);
  auto store = storage::SqliteStore::open({path, 2, 5000});
  if (!store || !store.value()->migrate()) {
    std::cerr << "stats_bench: cannot open " << path << "\n";
    return 1;
  }
  if (!reuse) {
    auto questionnaires = services::loadQuestionnaires(std::string(sourceDir) + "/core/data/questionnaires");
    if (!questionnaires) {
      std::cerr << "stats_bench: " << questionnaires.error().detail << "\n";
      return 1;
    }
    services::DemoDataOptions options;
    options.questionnaires = &questionnaires.value();
    options.youngCarers = n;
    options.until = until;
    const auto started = std::chrono::steady_clock::now();
    options.progress = [started](long long done, long long total) {
      if (done < 0) {
        std::fprintf(stderr, "\ncounting the register into the precomputed figures...");
        return;
      }
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "\rgenerating: %lld/%lld young carers (%.0f/s)", done, total,
                   static_cast<double>(done) / s);
    };
    auto summary = services::loadDemoData(*store.value(), engine, options);
    std::fprintf(stderr, "\n");
    if (!summary) {
      std::cerr << "stats_bench: " << summary.error().detail << "\n";
      return 1;
    }
    std::printf("generated %lld young carers, %lld referrals, %lld case events in %.1f s\n",
                summary->youngCarers, summary->referrals, summary->caseEvents,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  } else {
    std::printf("reusing %s\n", path.c_str());
  }

  FixedClock clock(ukStartOfDay(until) + std::chrono::hours(12));
  // Without query accounting (statistics.h): the bench asks far more than a minute's and a day's
  // allowance, all at one fixed moment, as one account, and counting that account's requests of the day
  // (at most the day's allowance, 2,000 by default, in use) would grow with every run on the same file.
  services::StatisticsSettings settings;
  settings.requestsPerMinute = 0;
  settings.requestsPerDay = 0;
  settings.flagAfterRequests = 0;
  services::Statistics stats(*store.value(), clock, engine, settings);
  services::Principal who;
  who.role = Role::commissioner;
  const int runs = argc > 3 ? std::stoi(argv[3]) : 30;

  const Limits limits = measureLimits(path, *store.value(), clock, runs);
  const Timing& scan = limits.scan;
  const Timing& commit = limits.commit;
  const long long youngCarers = limits.youngCarers, referrals = limits.referrals, cells = limits.cells,
                  events = limits.events;
  std::printf("register: %lld young carers, %lld referrals, %lld case events, %lld precomputed cells\n",
              youngCarers, referrals, events, cells);
  std::printf(
      "baselines: SELECT count(*) FROM referrals (full scan) p50 %.1f ms; durable audited commit p50 %.1f "
      "ms, p99 %.1f ms\n",
      scan.p50, commit.p50, commit.p99);

  // "query": the true count from storage (a read transaction); "published": Statistics::counts, which adds
  // disclosure control and an audited, durably committed write transaction. "/scan": query p99 as a share of
  // one full scan of the referrals.
  std::printf("%-22s %-26s %9s %9s %7s %9s %9s\n", "measure", "by", "query p50", "query p99", "/scan",
              "publ. p50", "publ. p99");
  std::vector<double> queryP99s, publishedP99s;
  int failures = 0;  // a figure measured on a refusal is no figure: the run fails
  auto run = [&](const std::string& measure, std::vector<std::string> by, const std::string& from) {
    services::CountsRequest request{measure, by, from, "2025-06-30"};
    CountQuery query{*parseEnum<Measure>(measure), {}, *parseIsoDate(from), until, 10};
    for (const auto& b : by) query.by.push_back(*parseEnum<Dimension>(b));
    auto q = time(runs, [&] {
      auto tx = store.value()->begin(false);
      (void)tx->statistics().count(query);
    });
    bool ok = true;
    std::string failure;
    auto t = time(runs, [&] {
      auto published = stats.counts(who, request);
      if (!published && ok) failure = published.error().detail;
      ok = ok && static_cast<bool>(published);
    });
    std::string label;
    for (const auto& b : by) label += (label.empty() ? "" : "+") + b;
    if (from != "2024-07-01") label += " (6 years)";
    std::printf("%-22s %-26s %9.1f %9.1f %6.1f%% %9.1f %9.1f%s\n", measure.c_str(),
                (label.empty() ? "-" : label).c_str(), q.p50, q.p99, 100.0 * q.p99 / scan.p50, t.p50, t.p99,
                ok ? "" : ("  FAILED: " + failure).c_str());
    failures += ok ? 0 : 1;
    queryP99s.push_back(q.p99);
    publishedP99s.push_back(t.p99);
  };
  for (const auto& m : enumSpellings<Measure>()) {
    const Measure measure = *parseEnum<Measure>(m);
    run(m, {}, "2024-07-01");
    for (const auto& d : enumSpellings<Dimension>())
      if (dimensionApplies(measure, *parseEnum<Dimension>(d))) run(m, {d}, "2024-07-01");
    for (const auto& pair : std::vector<std::vector<std::string>>{{"route", "age_band"},
                                                                  {"district", "gender"},
                                                                  {"ethnicity", "condition"},
                                                                  {"condition", "relationship"},
                                                                  {"school", "district"},
                                                                  {"school", "month"},
                                                                  {"school", "pathway_state"}}) {
      if (dimensionApplies(measure, *parseEnum<Dimension>(pair[0])) &&
          dimensionApplies(measure, *parseEnum<Dimension>(pair[1])))
        run(m, pair, "2024-07-01");
    }
    run(m, {"school"}, "2019-07-01");  // six whole years
  }
  bool reported = true;
  auto k = time(runs, [&] { reported = stats.kpis(who, "2024-07-01", "2025-06-30") && reported; });
  std::printf("%-22s %-26s %9s %9s %7s %9.1f %9.1f%s\n", "kpis", "12 months", "", "", "", k.p50, k.p99,
              reported ? "" : "  FAILED");
  failures += reported ? 0 : 1;
  std::sort(queryP99s.begin(), queryP99s.end());
  std::sort(publishedP99s.begin(), publishedP99s.end());
  std::printf(
      "counts: %zu; worst query p99 %.1f ms (%.1f%% of one referrals scan); worst published p99 %.1f ms "
      "(%.1f durable commits); target: p99 under 100 ms at 1,000,000 young carers\n",
      queryP99s.size(), queryP99s.back(), 100.0 * queryP99s.back() / scan.p50, publishedP99s.back(),
      publishedP99s.back() / commit.p50);
  if (failures > 0) std::printf("%d requests refused: the figures above are not valid\n", failures);
  return failures > 0 ? 1 : 0;
}
