// Linkage quality on harsh clerical data (core/matching/corruptor.h: GeCo's corruption model at
// three strengths): precision, recall, F1 and the share of rows sent to review, deduplicating one
// file and linking two, with what recall would be had every review been decided correctly.
//
// Run: ./linkage_bench [people=2000] [seed=4242] [diminutives=core/data/diminutives.csv] [strength=all]
//      [model=em|defaults]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ycr/core/matching/corruptor.h"
#include "ycr/core/matching/decision.h"
#include "ycr/core/matching/index.h"

using namespace ycr;
using namespace ycr::matching;

namespace {

std::vector<PersonRecord> recordsOf(const std::vector<LinkageRow>& rows) {
  std::vector<PersonRecord> records;
  records.reserve(rows.size());
  for (const auto& r : rows) records.push_back(r.record);
  return records;
}

MatchModel modelFor(const std::vector<PersonRecord>& records, const NameVariants& variants,
                    const std::string& choice) {
  if (choice != "em") return MatchModel::defaults();
  MatchIndex all(variants);
  for (std::size_t i = 0; i < records.size(); ++i) {
    PersonRecord r = records[i];
    r.id = static_cast<Id>(i + 1);
    (void)all.add(r);
  }
  return all.estimateModel(200000, 200000, 1);
}

void print(const char* task, const std::string& strength, const ClericalScore& s, double seconds) {
  std::printf("%-6s %-7s rows %6zu  precision %.4f  recall %.4f  F1 %.4f  review %5.2f%% (%zu)  "
              "recall if reviewed %.4f  F1 if reviewed %.4f  %.1fs\n",
              task, strength.c_str(), s.rows, s.pairs.precision, s.pairs.recall, s.pairs.f1, 100 * s.reviewShare,
              s.reviewed, s.recallIfReviewed, s.f1IfReviewed, seconds);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t people = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2000;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 4242;
  const std::string variantsPath = argc > 3 ? argv[3] : "core/data/diminutives.csv";
  const std::string only = argc > 4 ? argv[4] : "all";
  // "em": m and u estimated from the file itself (u from random pairs, m by EM over blocked
  // pairs) before resolving it; "defaults": the documented defaults.
  const std::string modelChoice = argc > 5 ? argv[5] : "em";
  auto variants = NameVariants::loadFile(variantsPath);
  if (!variants.ok()) {
    std::fprintf(stderr, "cannot read %s\n", variantsPath.c_str());
    return 2;
  }
  for (const auto& strength : standardStrengths()) {
    if (only != "all" && only != strength.name) continue;
    ClericalConfig config;
    config.seed = seed;
    config.people = people;
    config.strength = strength;
    {
      auto start = std::chrono::steady_clock::now();
      auto rows = generateClericalFile(config);
      auto records = recordsOf(rows);
      MatchIndex index(*variants, modelFor(records, *variants, modelChoice));
      auto res = resolveRecords(records, index, MatchThresholds::forRegister(records.size()));
      print("dedupe", strength.name, scoreDedupe(rows, res),
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    {
      auto start = std::chrono::steady_clock::now();
      auto pair = generateClericalPair(config);
      std::vector<LinkageRow> rows = pair.a;
      rows.insert(rows.end(), pair.b.begin(), pair.b.end());
      auto records = recordsOf(rows);
      MatchIndex index(*variants, modelFor(records, *variants, modelChoice));
      auto res = resolveRecords(records, index, MatchThresholds::forRegister(records.size()));
      print("link", strength.name, scoreLink(rows, pair.a.size(), res),
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
  }
  return 0;
}
