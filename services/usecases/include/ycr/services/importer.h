#pragma once
// Bulk import of young people from a provider's spreadsheet, one record per child: each row is
// validated with the register's rules, resolved against the register and against the rows of
// the same file before it, and recorded against (source, the row's own reference) so that
// re-running the file creates nothing new. And linkage evaluation: how well the matcher
// resolves a file with known truth.

#include <array>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/import_file.h"
#include "ycr/core/matching/linkage.h"
#include "ycr/core/repositories.h"
#include "ycr/services/identity.h"

namespace ycr::services {

enum class ImportOutcome { new_record, linked, needs_review, rejected, already_imported };
inline constexpr std::size_t kImportOutcomeCount = 5;
// "new", "linked", "needs_review", "rejected", "already_imported"
const char* toString(ImportOutcome outcome);

struct ImportReportRow {
  std::size_t line = 0;
  std::string sourceRef;
  ImportOutcome outcome = ImportOutcome::rejected;
  std::optional<Id> youngCarerId;  // the record created, linked to, or imported before
  std::optional<double> score;     // the best candidate's score when one was considered
  std::string reason;
  std::vector<std::string> flagged;  // fields imported empty, each "field: why"
  // A row rejected for a missing or invalid name or date of birth: the records on the register it
  // may be about (at or above the review threshold on what the row does say), best first.
  std::vector<Id> mayBe;
};

struct ImportSummary {
  std::vector<ImportReportRow> rows;  // one per data record, in file order
  std::array<std::size_t, kImportOutcomeCount> counts{};
  double seconds = 0;
  std::size_t count(ImportOutcome o) const { return counts[static_cast<std::size_t>(o)]; }
};

struct ImportOptions {
  std::string source;  // the provider's name, e.g. "school-census-2024"
  bool dryRun = false;
  // Rows per transaction: each commit writes every index page its rows touched, so large batches
  // write far less per row; a batch holds the write lock for about half a second at 5,000.
  std::size_t batchSize = 5000;
  // Threads preparing, looking up and matching a batch's rows ahead of the in-order pass (see
  // Importer::run); 0: one per core. The report is the same whatever the number.
  unsigned threads = 0;
  std::string actor = "the command line";  // said in every audit event of the import
  // Called after each row with (rows done, rows in all).
  std::function<void(std::size_t, std::size_t)> progress;
};

class Importer {
 public:
  // `variants` are the resolver's own name variants (the same file), used to tell which rows of
  // a batch may be about a child created earlier in the batch.
  Importer(Store& store, IdentityResolver& resolver, const Clock& clock, matching::NameVariants variants);

  // Imports every record of the table. Each batch is one transaction (its records, their audit
  // events, the review queue entries and the import rows commit together); on a failure the
  // batch is rolled back and the error returned, earlier batches staying imported (a re-run
  // skips them). A dry run resolves and reports the same way and writes nothing.
  Result<ImportSummary> run(const CsvTable& table, const ColumnMapping& mapping,
                            const ImportOptions& options);

 private:
  Store& store_;
  IdentityResolver& resolver_;
  const Clock& clock_;
  matching::NameVariants variants_;
};

// The report as CSV: line, source_ref, outcome, young_carer_id, matched_score, reason,
// flagged_fields and may_be (several joined by " | ").
std::string formatImportReport(const std::vector<ImportReportRow>& rows);

struct LinkageEvaluation {
  matching::PairwiseEvaluation pairwise;
  matching::PairwiseEvaluation ifReviewed;  // had every review been decided rightly
  matching::ResolutionCounts counts;
  std::size_t records = 0;
  std::size_t withoutTruth = 0;  // rows whose truth cell is empty: each counted a child of its own
  double seconds = 0;
};
// Resolves the records among themselves in a scratch index, in order, as an import into an
// empty register would (matching::resolveRecords with MatchThresholds::forRegister(records)),
// and compares the clusters with the truth labels, one per record; an empty label is a child
// of its own.
Result<LinkageEvaluation> evaluateLinkage(const std::vector<matching::PersonRecord>& records,
                                          const std::vector<std::string>& truth,
                                          const matching::NameVariants& variants);

}  // namespace ycr::services
