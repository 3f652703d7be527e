// `ycr linkage-eval`: a file's rows resolved among themselves in a scratch index, scored against a
// truth column (importer.h).

#include <chrono>
#include <map>

#include "ycr/services/importer.h"

namespace ycr::services {

Result<LinkageEvaluation> evaluateLinkage(const std::vector<matching::PersonRecord>& records,
                                          const std::vector<std::string>& truth,
                                          const matching::NameVariants& variants) {
  if (records.size() != truth.size()) return DomainError::internal("every record needs its truth label");
  LinkageEvaluation ev;
  ev.records = records.size();
  const auto started = std::chrono::steady_clock::now();
  matching::MatchIndex index(variants);
  std::vector<matching::PersonRecord> numbered = records;
  for (std::size_t i = 0; i < numbered.size(); ++i) numbered[i].id = static_cast<Id>(i + 1);
  auto resolution =
      matching::resolveRecords(numbered, index, matching::MatchThresholds::forRegister(records.size()));
  ev.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  // Truth labels as numbers; an empty label is a child of its own (nothing known about it).
  std::map<std::string, Id> labels;
  std::vector<Id> truthIds;
  truthIds.reserve(truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i].empty()) {
      ++ev.withoutTruth;
      truthIds.push_back(-static_cast<Id>(i + 1));
      continue;
    }
    truthIds.push_back(labels.emplace(truth[i], static_cast<Id>(labels.size() + 1)).first->second);
  }
  ev.pairwise = matching::evaluatePairwise(truthIds, resolution.clusterOf);
  ev.ifReviewed = matching::evaluateIfReviewed(truthIds, resolution);
  ev.counts = resolution.counts;
  return ev;
}

}  // namespace ycr::services
