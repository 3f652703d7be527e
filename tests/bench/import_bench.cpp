// Bulk import benchmark (DESIGN.md: at least 10,000 rows per second into a 1,000,000 register).
// Fills a SQLite register with N synthetic young carers in large transactions, builds the
// match index as `ycr import` does, then imports generated rows through the real Importer: a
// share are duplicates of registered children with realistic errors, some rows repeat a child
// of the same file, the rest are new children. As a machine-relative baseline it then times
// plain INSERTs of the same validated rows (no matching, no audit, no import bookkeeping) in the
// same batches, in the same run.
//
// Run from the source root:
//   build/tests/bench/import_bench [register=1000000] [rows=100000] [db=/tmp/ycr-import-bench.db]
//                                  [diminutives=core/data/diminutives.csv] [threads=0: one per core]
//                                  [batch=the importer's default]

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "ycr/core/matching/synthetic.h"
#include "ycr/services/importer.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::services;
using Stopwatch = std::chrono::steady_clock;

namespace {

double seconds(Stopwatch::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU seconds of the whole process (every thread), user plus system: on a shared machine wall-clock
// time says as much about the neighbours as about the code.
double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double loadAverage() {
  double l[1] = {0};
  return getloadavg(l, 1) == 1 ? l[0] : -1;
}

long residentMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  return -1;
}

// A county-sized register spreads over many postcode districts (as match_bench).
std::vector<std::string> countyDistricts() {
  std::vector<std::string> d;
  for (int i = 1; i <= 19; ++i) d.push_back("LE" + std::to_string(i));
  for (int i = 1; i <= 16; ++i) d.push_back("WA" + std::to_string(i));
  for (int i = 1; i <= 24; ++i) d.push_back("TA" + std::to_string(i));
  return d;
}

YoungCarer youngCarerOf(const matching::PersonRecord& p, Timestamp at) {
  YoungCarer yc;
  yc.givenName = p.givenName;
  yc.familyName = p.familyName;
  yc.dateOfBirth = p.dateOfBirth.value_or(Date{});
  yc.postcode = p.postcode;
  yc.schoolUrn = p.schoolUrn;
  yc.address = p.address;
  yc.createdAt = yc.updatedAt = at;
  return yc;
}

std::string quoted(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t registerSize = argc > 1 ? std::stoul(argv[1]) : 1000000;
  const std::size_t rows = argc > 2 ? std::stoul(argv[2]) : 100000;
  const std::string dbPath = argc > 3 ? argv[3] : "/tmp/ycr-import-bench.db";
  const std::string variantsPath = argc > 4 ? argv[4] : "core/data/diminutives.csv";
  spdlog::set_level(spdlog::level::warn);
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(dbPath + suffix);
  auto opened = storage::SqliteStore::open({dbPath, 2, 5000});
  if (!opened) {
    std::fprintf(stderr, "%s\n", opened.error().detail.c_str());
    return 1;
  }
  auto& store = *opened.value();
  if (auto m = store.migrate(); !m) {
    std::fprintf(stderr, "%s\n", m.error().detail.c_str());
    return 1;
  }
  FixedClock clock{*parseIsoTimestamp("2024-09-02T09:00:00Z")};  // the generator's children are 5-17 then

  // ---- the register, straight into SQLite through the store in big transactions ----
  matching::SyntheticConfig config;
  config.seed = 1234567;
  config.districts = countyDistricts();
  matching::SyntheticGenerator gen(config);
  auto t0 = Stopwatch::now();
  const double c0 = cpuSeconds();
  auto people = gen.population(registerSize);
  std::vector<Id> storedId(people.size());
  constexpr std::size_t kFillBatch = 50000;
  for (std::size_t first = 0; first < people.size(); first += kFillBatch) {
    auto tx = store.begin(true);
    for (std::size_t i = first; i < std::min(people.size(), first + kFillBatch); ++i) {
      auto id = tx->youngCarers().create(youngCarerOf(people[i], clock.now()));
      if (!id) return 1;
      storedId[i] = *id;
    }
    if (!tx->commit()) return 1;
  }
  auto t1 = Stopwatch::now();
  const double c1 = cpuSeconds();
  std::printf("register: %zu young carers written in %.1f s (%.0f rows/s), %.1f CPU s, load average %.1f\n",
              registerSize, seconds(t1 - t0), static_cast<double>(registerSize) / seconds(t1 - t0), c1 - c0,
              loadAverage());

  auto variants = matching::NameVariants::loadFile(variantsPath);
  if (!variants) {
    std::fprintf(stderr, "%s\n", variants.error().detail.c_str());
    return 1;
  }
  IdentityResolver resolver(variants.value(), IdentitySettings{});
  if (!resolver.load(store)) return 1;
  auto t2 = Stopwatch::now();
  auto thresholds = resolver.thresholds();
  std::printf("match index: %zu records loaded in %.1f s, RSS %ld MB; thresholds link %.1f review %.1f\n",
              resolver.size(), seconds(t2 - t1), residentMb(), thresholds.link, thresholds.review);

  // ---- the file: 20% duplicates of registered children, 5% repeats within the file ----
  matching::SyntheticConfig outsiders = config;
  outsiders.seed = 7654321;
  matching::SyntheticGenerator newcomers(outsiders);
  const std::size_t dupOfRegister = rows / 5, repeats = rows / 20, fresh = rows - dupOfRegister - repeats;
  auto strangers = newcomers.population(fresh, static_cast<Id>(registerSize) + 1);
  matching::ErrorRates rates;
  std::vector<matching::PersonRecord> fileRows;
  std::vector<Id> expected;  // the register id a duplicate should link to; 0 for a new child
  for (std::size_t i = 0; i < fresh; ++i) {
    fileRows.push_back(strangers[i]);
    expected.push_back(0);
  }
  for (std::size_t i = 0; i < dupOfRegister; ++i) {
    std::size_t k = (i * 7919) % people.size();
    fileRows.push_back(gen.duplicate(people[k], rates));
    expected.push_back(storedId[k]);
  }
  for (std::size_t i = 0; i < repeats; ++i) {
    fileRows.push_back(newcomers.duplicate(strangers[(i * 104729) % fresh], rates));
    expected.push_back(0);
  }
  // Interleave deterministically so the repeats come after their first appearance most of the time.
  std::string csv = "source_ref,given_name,family_name,date_of_birth,postcode,school_urn,address\n";
  std::vector<std::size_t> order(fileRows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[(i * 2654435761u) % i]);
  std::vector<Id> expectedInFile;
  for (std::size_t n = 0; n < order.size(); ++n) {
    const auto& p = fileRows[order[n]];
    expectedInFile.push_back(expected[order[n]]);
    csv += "R" + std::to_string(n + 1) + "," + quoted(p.givenName) + "," + quoted(p.familyName) + "," +
           (p.dateOfBirth ? gen.formatDateMixed(*p.dateOfBirth) : std::string()) + "," + quoted(p.postcode) +
           "," + quoted(p.schoolUrn) + "," + quoted(p.address) + "\n";
  }

  // ---- the import, through the real importer ----
  auto t3 = Stopwatch::now();
  const double c3 = cpuSeconds();
  auto table = parseCsv(csv);
  if (!table) return 1;
  auto mapping = mapColumns(table->header, {}, registerRequiredFields());
  if (!mapping) return 1;
  ImportOptions options;
  options.source = "bench";
  options.threads = argc > 5 ? static_cast<unsigned>(std::stoul(argv[5])) : 0;
  if (argc > 6) options.batchSize = std::stoul(argv[6]);
  Importer importer(store, resolver, clock, variants.value());
  auto summary = importer.run(*table, *mapping, options);
  auto t4 = Stopwatch::now();
  const double c4 = cpuSeconds();
  if (!summary) {
    std::fprintf(stderr, "%s\n", summary.error().detail.c_str());
    return 1;
  }
  const double importRate = static_cast<double>(rows) / seconds(t4 - t3);
  std::size_t linkedRight = 0, linkedWrong = 0, strangersLinked = 0;
  for (std::size_t i = 0; i < summary->rows.size(); ++i) {
    const auto& r = summary->rows[i];
    if (r.outcome != ImportOutcome::linked || !r.youngCarerId) continue;
    if (expectedInFile[i] != 0)
      ++(*r.youngCarerId == expectedInFile[i] ? linkedRight : linkedWrong);
    else if (*r.youngCarerId <= static_cast<Id>(registerSize))
      ++strangersLinked;
  }
  std::printf(
      "import (%u matching threads, %zu rows a transaction): %zu rows in %.1f s = %.0f rows/s; target 10,000 "
      "rows/s: ratio %.2f; "
      "%.1f CPU s (%.0f us a row), load average %.1f\n",
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency()),
      options.batchSize, rows, seconds(t4 - t3), importRate, importRate / 10000.0, c4 - c3,
      (c4 - c3) * 1e6 / static_cast<double>(rows), loadAverage());
  std::printf("  outcomes: new %zu, linked %zu, needs_review %zu, rejected %zu\n",
              summary->count(ImportOutcome::new_record), summary->count(ImportOutcome::linked),
              summary->count(ImportOutcome::needs_review), summary->count(ImportOutcome::rejected));
  std::printf(
      "  duplicates of the register: %zu planted, %zu linked right, %zu linked wrong; new children linked "
      "to the register: %zu\n",
      dupOfRegister, linkedRight, linkedWrong, strangersLinked);

  // ---- the baseline: the same validated rows as plain INSERTs, same batch size ----
  std::vector<YoungCarer> validated;
  const Date today = clock.today();
  for (const auto& rec : table->records)
    if (auto p = prepareImportRow(rec, *mapping, today); p.youngCarer) validated.push_back(*p.youngCarer);
  auto t5 = Stopwatch::now();
  const double c5 = cpuSeconds();
  for (std::size_t first = 0; first < validated.size(); first += options.batchSize) {
    auto tx = store.begin(true);
    for (std::size_t i = first; i < std::min(validated.size(), first + options.batchSize); ++i) {
      validated[i].createdAt = validated[i].updatedAt = clock.now();
      if (!tx->youngCarers().create(validated[i])) return 1;
    }
    if (!tx->commit()) return 1;
  }
  auto t6 = Stopwatch::now();
  const double c6 = cpuSeconds();
  const double insertRate = static_cast<double>(validated.size()) / seconds(t6 - t5);
  std::printf(
      "baseline: %zu plain INSERTs in %.1f s = %.0f rows/s; import / plain INSERT = %.2f; %.1f CPU s (%.0f "
      "us "
      "a row), CPU ratio import / plain INSERT per row = %.1f\n",
      validated.size(), seconds(t6 - t5), insertRate, importRate / insertRate, c6 - c5,
      (c6 - c5) * 1e6 / static_cast<double>(validated.size()),
      ((c4 - c3) / static_cast<double>(rows)) / ((c6 - c5) / static_cast<double>(validated.size())));
  std::printf("RSS %ld MB\n", residentMb());
  return 0;
}
