// How useful protected figures are (README "Disclosure control", Utility): on a demo register, every
// measure by every applicable dimension and some pairs over the last 12 months and the two financial
// years before, the published figure against the true count; and how often an indicator's RAG differs
// from the RAG of the same rules without noise, over 24 month-end periods.
//   disclosure_bench [young carers = 3000] [seed = 11] [sigma = 2]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "ycr/pathways/engine.h"
#include "ycr/services/app.h"
#include "ycr/services/demo_data.h"

using namespace ycr;
using namespace ycr::services;

namespace {

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

}  // namespace

int main(int argc, char** argv) {
  const long long youngCarers = argc > 1 ? std::stoll(argv[1]) : 3000;
  const unsigned long long seed = argc > 2 ? std::stoull(argv[2]) : 11;
  const double sigma = argc > 3 ? std::stod(argv[3]) : 2.0;
  const Date until = *parseIsoDate("2026-06-30");
  const auto dir =
      std::filesystem::temp_directory_path() / ("ycr-disclosure-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  FixedClock clock(*parseIsoTimestamp("2026-07-01T09:00:00Z"));
  RandomIdSource ids;
  Config config;
  config.database = (dir / "bench.db").string();
  config.keyDir = (dir / "keys").string();
  config.dataDir = YCR_SOURCE_DIR;
  config.passwordHashCost = "min";
  config.disclosureNoiseSigma = sigma;
  config.statsRequestsPerMinute = 0;
  config.statsRequestsPerDay = 0;
  auto created = App::create(config, clock, ids);
  if (!created) {
    std::fprintf(stderr, "%s\n", created.error().detail.c_str());
    return 1;
  }
  auto app = std::move(created.value());
  DemoDataOptions options;
  options.youngCarers = youngCarers;
  options.seed = seed;
  options.until = until;
  if (auto loaded = loadDemoRegister(*app, options); !loaded) {
    std::fprintf(stderr, "%s\n", loaded.error().detail.c_str());
    return 1;
  }
  Principal who;
  who.role = Role::commissioner;
  who.username = "bench";

  // Published against true, by the size of the true figure.
  std::map<std::string, std::vector<double>> relative;  // size band -> |published - true| / true
  std::vector<double> absolute;
  long long figures = 0, suppressedLarge = 0;
  const std::vector<std::pair<std::string, std::string>> periods{
      {"2025-07-01", "2026-06-30"}, {"2024-04-01", "2025-03-31"}, {"2023-04-01", "2024-03-31"}};
  std::vector<std::vector<Dimension>> tables{{}};
  for (const auto& name : enumSpellings<Dimension>())
    if (auto d = *parseEnum<Dimension>(name); true)
      if (d != Dimension::month && d != Dimension::quarter) tables.push_back({d});
  tables.push_back({Dimension::route, Dimension::age_band});
  tables.push_back({Dimension::gender, Dimension::district});
  tables.push_back({Dimension::route, Dimension::month});
  for (const auto& measureName : enumSpellings<Measure>())
    if (auto measure = *parseEnum<Measure>(measureName); true)
      for (const auto& by : tables) {
        if (!std::all_of(by.begin(), by.end(), [&](Dimension d) { return dimensionApplies(measure, d); }))
          continue;
        for (const auto& [from, to] : periods) {
          CountsRequest request;
          request.measure = std::string(toString(measure));
          for (auto d : by) request.by.emplace_back(toString(d));
          request.from = from;
          request.to = to;
          auto report = app->statistics().counts(who, request);
          if (!report) continue;
          std::map<std::vector<std::string>, Cell> published;
          for (const auto& r : report->rows) published.emplace(r.values, r.count);
          auto tx = app->store().begin(false);
          const auto truth = tx->statistics().count({measure, by, *parseIsoDate(from), *parseIsoDate(to), 0});
          std::vector<std::pair<long long, std::optional<long long>>> pairs;  // true, published
          if (by.empty()) pairs.emplace_back(truth.total, report->total.value);
          for (const auto& r : truth.rows) {
            const auto found = published.find(r.values);
            pairs.emplace_back(r.count,
                               found == published.end() ? std::optional<long long>(0) : found->second.value);
          }
          for (const auto& [t, p] : pairs) {
            ++figures;
            if (!p) {
              if (t >= 50) ++suppressedLarge;
              continue;
            }
            absolute.push_back(std::abs(static_cast<double>(*p - t)));
            if (t < 50) continue;
            const std::string band = t < 100 ? "50-99" : t < 500 ? "100-499" : "500+";
            relative[band].push_back(std::abs(static_cast<double>(*p - t)) / static_cast<double>(t));
          }
        }
      }
  std::printf(
      "sigma %.2f, %lld young carers (seed %llu), %lld figures compared (nhs_digital: rounded to 5)\n", sigma,
      youngCarers, seed, figures);
  std::printf("absolute error, all figures: median %.1f, p90 %.1f, p99 %.1f\n", quantile(absolute, 0.5),
              quantile(absolute, 0.9), quantile(absolute, 0.99));
  for (const char* band : {"50-99", "100-499", "500+"}) {
    const auto& v = relative[band];
    std::printf("true %-8s %5zu figures: relative error median %.1f%%, p90 %.1f%%, p99 %.1f%%, max %.1f%%\n",
                band, v.size(), 100 * quantile(v, 0.5), 100 * quantile(v, 0.9), 100 * quantile(v, 0.99),
                100 * quantile(v, 1.0));
  }
  std::printf("true figures of 50 or more shown suppressed: %lld\n", suppressedLarge);

  // Indicators: the RAG with noise against the same rules without it, for 24 twelve-month periods.
  StatisticsSettings exactSettings = app->statistics().settings();
  exactSettings.noiseSigma = 0;
  Statistics exact(app->store(), clock, app->engine(), exactSettings);
  long long rags = 0, flips = 0;
  std::vector<double> valueError;
  for (int k = 0; k < 24; ++k) {
    const int end = monthIndex(until) - k;
    const std::string from = formatIsoDate(monthStart(end - 11)), to = formatIsoDate(monthEnd(end));
    auto noisy = app->statistics().kpis(who, from, to);
    auto plain = exact.kpis(who, from, to);
    if (!noisy || !plain) continue;
    for (std::size_t i = 0; i < noisy->indicators.size(); ++i) {
      const auto& a = noisy->indicators[i].value;
      const auto& b = plain->indicators[i].value;
      if (b.rag == Rag::not_applicable) continue;
      ++rags;
      flips += a.rag != b.rag;
      if (a.value && b.value) valueError.push_back(std::abs(*a.value - *b.value));
    }
  }
  std::printf(
      "indicators: %lld RAG ratings over 24 periods, %lld differ from the noiseless rules (%.1f%%); value "
      "difference median %.2f, p90 %.2f (percentage points or count)\n",
      rags, flips, rags ? 100.0 * static_cast<double>(flips) / static_cast<double>(rags) : 0.0,
      quantile(valueError, 0.5), quantile(valueError, 0.9));
  app.reset();
  std::filesystem::remove_all(dir);
  return 0;
}
