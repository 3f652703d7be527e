// Identity match benchmark (DESIGN.md: one referral against 1,000,000 young carers, p99 < 5 ms).
// Builds a seeded synthetic register, then matches probes one at a time: half are duplicates of
// registered children with realistic errors, half are children not in the register.
//
// Build by hand from the source root:
//   g++ -O2 -std=c++20 -Icore/include tests/bench/match_bench.cpp core/src/*.cpp -lsodium -o match_bench
// Run: ./match_bench [records=1000000] [probes=10000] [diminutives=core/data/diminutives.csv]

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "ycr/core/matching/decision.h"
#include "ycr/core/matching/index.h"
#include "ycr/core/matching/synthetic.h"

using namespace ycr;
using namespace ycr::matching;
using Stopwatch = std::chrono::steady_clock;

namespace {

double ms(Stopwatch::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// CPU time of this thread: on a shared machine wall-clock percentiles include time spent
// waiting for a core; CPU time is the cost of the match itself.
double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

long residentMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  return -1;
}

// A county-sized register spreads over many postcode districts, not the handful of the test files.
std::vector<std::string> countyDistricts() {
  std::vector<std::string> d;
  for (int i = 1; i <= 19; ++i) d.push_back("LE" + std::to_string(i));
  for (int i = 1; i <= 16; ++i) d.push_back("WA" + std::to_string(i));
  for (int i = 1; i <= 24; ++i) d.push_back("TA" + std::to_string(i));
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t records = argc > 1 ? std::stoul(argv[1]) : 1000000;
  const std::size_t probes = argc > 2 ? std::stoul(argv[2]) : 10000;
  const std::string variantsPath = argc > 3 ? argv[3] : "core/data/diminutives.csv";
  auto variants = NameVariants::loadFile(variantsPath);
  if (!variants) {
    std::fprintf(stderr, "%s\n", variants.error().detail.c_str());
    return 1;
  }

  SyntheticConfig config;
  config.seed = 1234567;
  config.districts = countyDistricts();
  SyntheticGenerator gen(config);
  auto t0 = Stopwatch::now();
  auto people = gen.population(records);
  auto t1 = Stopwatch::now();
  MatchIndex index(*variants);
  for (const auto& p : people) {
    if (!index.add(p).ok()) return 1;
  }
  auto t2 = Stopwatch::now();
  std::printf("register: %zu records generated in %.0f ms, indexed in %.0f ms (%.2f us/record), RSS %ld MB\n",
              records, ms(t1 - t0), ms(t2 - t1), ms(t2 - t1) * 1000.0 / static_cast<double>(records),
              residentMb());

  // Probes: even positions are duplicates of registered children, odd positions are new children.
  SyntheticConfig outsiders = config;
  outsiders.seed = 7654321;
  SyntheticGenerator newcomers(outsiders);
  auto strangers = newcomers.population(probes / 2 + 1, static_cast<Id>(records) + 1);
  ErrorRates rates;
  std::vector<PersonRecord> probeRecords;
  std::vector<Id> expected;
  for (std::size_t i = 0; i < probes; ++i) {
    if (i % 2 == 0) {
      const auto& truth = people[(i * 7919) % people.size()];
      PersonRecord p = gen.duplicate(truth, rates);
      p.id = 0;
      probeRecords.push_back(p);
      expected.push_back(truth.id);
    } else {
      PersonRecord p = strangers[i / 2];
      p.id = 0;
      probeRecords.push_back(p);
      expected.push_back(0);
    }
  }

  const MatchThresholds thresholds = MatchThresholds::forRegister(index.size());
  std::printf("thresholds for %zu records: link %.1f, review %.1f, margin %.1f\n", index.size(),
              thresholds.link, thresholds.review, thresholds.margin);
  std::vector<double> latencies, cpu, touched;
  latencies.reserve(probes);
  std::size_t linkedRight = 0, linkedWrong = 0, reviewed = 0, created = 0, strangersLinked = 0;
  for (std::size_t i = 0; i < probes; ++i) {
    MatchStats stats;
    const double cpuBefore = threadCpuMs();
    auto a = Stopwatch::now();
    auto candidates = index.match(probeRecords[i], 5, &stats);
    auto outcome = decide(candidates, thresholds);
    auto b = Stopwatch::now();
    latencies.push_back(ms(b - a));
    cpu.push_back(threadCpuMs() - cpuBefore);
    touched.push_back(static_cast<double>(stats.candidatesTouched));
    switch (outcome.decision) {
      case MatchDecision::link:
        if (expected[i] != 0) {
          ++(*outcome.linkTo == expected[i] ? linkedRight : linkedWrong);
        } else if (++strangersLinked <= 3) {
          // Show what a false link looks like: with the generator's small name lists, a
          // million children hold many namesakes born on the same day.
          const auto& linked = *std::find_if(candidates.begin(), candidates.end(),
                                             [&](const Candidate& c) { return c.id == *outcome.linkTo; });
          std::printf("  stranger linked (score %.1f):", linked.score);
          for (const auto& e : linked.evidence)
            std::printf(" %s=%s[%s|%s]", e.field.c_str(), e.level.c_str(), e.left.c_str(), e.right.c_str());
          std::printf("\n");
        }
        break;
      case MatchDecision::review: ++reviewed; break;
      case MatchDecision::new_record: ++created; break;
    }
  }
  std::printf("match (one thread, %zu probes): p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", probes,
              percentile(latencies, 0.5), percentile(latencies, 0.99),
              *std::max_element(latencies.begin(), latencies.end()));
  std::printf("match CPU time: p50 %.3f ms, p99 %.3f ms, max %.3f ms\n", percentile(cpu, 0.5),
              percentile(cpu, 0.99), *std::max_element(cpu.begin(), cpu.end()));
  std::printf("candidates touched: p50 %.0f, p99 %.0f, max %.0f\n", percentile(touched, 0.5),
              percentile(touched, 0.99), *std::max_element(touched.begin(), touched.end()));
  std::printf(
      "decisions: duplicates linked right %zu, linked wrong %zu, strangers linked %zu, review %zu, new %zu\n",
      linkedRight, linkedWrong, strangersLinked, reviewed, created);

  // Two threads sharing the index (readers take a shared lock): throughput on two cores.
  auto c = Stopwatch::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < probes; i += 2)
        (void)index.match(probeRecords[i], 5);
    });
  }
  for (auto& th : threads) th.join();
  auto d = Stopwatch::now();
  std::printf("two threads: %zu matches in %.0f ms (%.0f matches/s)\n", probes, ms(d - c),
              static_cast<double>(probes) / (ms(d - c) / 1000.0));
  return 0;
}
