#pragma once
// Linkage files and their evaluation: the CSV format of tests/data/linkage (what `ycr import`
// and `ycr linkage-eval` read), resolving a batch of records into one cluster per child, and
// pairwise precision and recall against ground truth.
//
// CSV columns, in this order, with a header row:
//   source_ref,truth_id,given_name,family_name,date_of_birth,postcode,school_urn,address
// Fields may be double-quoted (RFC 4180, "" for a quote); lines starting with '#' are comments;
// date_of_birth is ISO, d/m/yyyy or yyyymmdd (see parseFlexibleDate); truth_id may be empty
// when the truth is unknown.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/matching/decision.h"
#include "ycr/core/matching/index.h"
#include "ycr/core/result.h"

namespace ycr::matching {

struct LinkageRow {
  std::string sourceRef;
  std::optional<Id> truthId;
  PersonRecord record;          // id left 0; dateOfBirth empty when blank
  std::string dateOfBirthText;  // as written in the file
};

// Splits one CSV line into fields (quotes honoured). A line ending inside quotes is malformed.
Result<std::vector<std::string>> splitCsvLine(std::string_view line);
// Reads a whole linkage file. Refuses a wrong header; reports unreadable dates as field errors
// with the line number ("line 12.date_of_birth").
Result<std::vector<LinkageRow>> parseLinkageCsv(std::string_view text);
std::string formatLinkageCsv(const std::vector<LinkageRow>& rows, std::string_view commentLine = {});

struct ResolutionCounts {
  std::size_t linked = 0, reviewed = 0, created = 0;
};
struct Resolution {
  std::vector<Id> clusterOf;  // per input record: the id of the first record of its cluster
  std::vector<MatchDecision> decisions;
  // Per input record sent to review: the clusters of the candidates a person would be shown.
  std::vector<std::vector<Id>> reviewWith;
  std::vector<std::string> reasons;  // per input record: why it was decided so
  ResolutionCounts counts;
};
// Resolves records in order as an import would: each is matched against those filed before
// it, linked to its candidate's cluster on `link`, otherwise starts its own cluster (a review
// counts as not linked: nothing merges without a person). Every record is then filed, under
// id = position + 1 when its id is 0. Records already in the index (a register) are clusters of
// their own id. Use MatchThresholds::forRegister(final size) for large batches.
Resolution resolveRecords(const std::vector<PersonRecord>& records, MatchIndex& index,
                          const MatchThresholds& thresholds);

struct PairwiseEvaluation {
  std::size_t truePairs = 0;       // pairs of records about the same child
  std::size_t predictedPairs = 0;  // pairs put in one cluster
  std::size_t correctPairs = 0;    // both
  double precision = 1, recall = 1, f1 = 1;
};
// Pairwise evaluation of a clustering against ground truth, both given as a label per record.
PairwiseEvaluation evaluatePairwise(const std::vector<Id>& truth, const std::vector<Id>& predicted);
// The same had a person decided every review rightly: each row sent to review joins each
// cluster it was offered that holds its child (truth of that cluster's first record, id =
// position + 1, as resolveRecords numbers rows).
PairwiseEvaluation evaluateIfReviewed(const std::vector<Id>& truth, const Resolution& resolution);

}  // namespace ycr::matching
