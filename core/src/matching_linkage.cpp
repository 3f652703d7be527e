#include <charconv>
#include <map>
#include <set>

#include "ycr/core/matching/linkage.h"

namespace ycr::matching {
namespace {

constexpr std::string_view kHeader =
    "source_ref,truth_id,given_name,family_name,date_of_birth,postcode,school_urn,address";

std::string quoted(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}

std::size_t pairsIn(std::size_t n) {
  return n * (n - 1) / 2;
}

}  // namespace

Result<std::vector<std::string>> splitCsvLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::vector<std::string> fields;
  std::string current;
  bool inQuotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (inQuotes) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        current.push_back('"');
        ++i;
      } else if (c == '"') {
        inQuotes = false;
      } else {
        current.push_back(c);
      }
    } else if (c == '"') {
      inQuotes = true;
    } else if (c == ',') {
      fields.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (inQuotes) return DomainError::malformed("a quoted field is not closed");
  fields.push_back(std::move(current));
  return fields;
}

Result<std::vector<LinkageRow>> parseLinkageCsv(std::string_view text) {
  std::vector<LinkageRow> rows;
  FieldErrors errors;
  bool headerSeen = false;
  std::size_t lineNo = 0, start = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") start = 3;  // spreadsheets save a byte order mark
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++lineNo;
    if (line.empty() || line == "\r" || line.front() == '#') continue;
    auto fields = splitCsvLine(line);
    if (!fields)
      return DomainError::malformed("line " + std::to_string(lineNo) + ": " + fields.error().detail);
    if (!headerSeen) {
      std::string joined;
      for (const auto& f : *fields) joined += (joined.empty() ? "" : ",") + f;
      if (joined != kHeader) return DomainError::malformed("the header must be: " + std::string(kHeader));
      headerSeen = true;
      continue;
    }
    if (fields->size() != 8) {
      errors.add("line " + std::to_string(lineNo), "wrong_field_count", "Expected 8 fields");
      continue;
    }
    auto& f = *fields;
    LinkageRow row;
    row.sourceRef = f[0];
    if (!f[1].empty()) {
      Id truth = 0;
      auto [p, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), truth);
      if (ec != std::errc() || p != f[1].data() + f[1].size())
        errors.add("line " + std::to_string(lineNo) + ".truth_id", "not_a_number",
                   "truth_id must be a whole number");
      else
        row.truthId = truth;
    }
    row.record.givenName = f[2];
    row.record.familyName = f[3];
    row.dateOfBirthText = f[4];
    if (!f[4].empty()) {
      row.record.dateOfBirth = parseFlexibleDate(f[4]);
      if (!row.record.dateOfBirth)
        errors.add("line " + std::to_string(lineNo) + ".date_of_birth", "invalid_date",
                   "Not a date in a known form: " + f[4]);
    }
    row.record.postcode = f[5];
    row.record.schoolUrn = f[6];
    row.record.address = f[7];
    rows.push_back(std::move(row));
  }
  if (!headerSeen) return DomainError::malformed("the file has no header row");
  if (!errors.empty()) return errors.toError("The linkage file has errors");
  return rows;
}

std::string formatLinkageCsv(const std::vector<LinkageRow>& rows, std::string_view commentLine) {
  std::string out;
  if (!commentLine.empty()) out += "# " + std::string(commentLine) + "\n";
  out += std::string(kHeader) + "\n";
  for (const auto& r : rows) {
    out += quoted(r.sourceRef) + "," + (r.truthId ? std::to_string(*r.truthId) : "") + "," +
           quoted(r.record.givenName) + "," + quoted(r.record.familyName) + "," + quoted(r.dateOfBirthText) +
           "," + quoted(r.record.postcode) + "," + quoted(r.record.schoolUrn) + "," +
           quoted(r.record.address) + "\n";
  }
  return out;
}

Resolution resolveRecords(const std::vector<PersonRecord>& records, MatchIndex& index,
                          const MatchThresholds& thresholds) {
  Resolution res;
  res.clusterOf.reserve(records.size());
  res.decisions.reserve(records.size());
  std::map<Id, Id> clusterOfId;
  for (std::size_t i = 0; i < records.size(); ++i) {
    PersonRecord r = records[i];
    if (r.id == 0) r.id = static_cast<Id>(i + 1);
    // Earlier records of one child are one candidate: keep the best of each cluster, or two
    // records of the same child would look like two rivals.
    std::vector<Candidate> perCluster;
    std::set<Id> seen;
    auto clusterOf = [&](Id id) {
      auto it = clusterOfId.find(id);
      return it == clusterOfId.end() ? id : it->second;  // a record filed before this batch
    };
    for (auto& c : index.matchFrom(r, thresholds.weighedFrom(), 10))
      if (seen.insert(clusterOf(c.id)).second) perCluster.push_back(std::move(c));
    MatchOutcome outcome = decide(perCluster, thresholds);
    Id cluster = r.id;
    switch (outcome.decision) {
      case MatchDecision::link:
        cluster = clusterOf(*outcome.linkTo);
        ++res.counts.linked;
        break;
      case MatchDecision::review:
        ++res.counts.reviewed;
        break;
      case MatchDecision::new_record:
        ++res.counts.created;
        break;
    }
    clusterOfId[r.id] = cluster;
    res.clusterOf.push_back(cluster);
    res.decisions.push_back(outcome.decision);
    (void)index.add(r);  // a duplicate id in the input is the caller's bug; the first filing wins
  }
  return res;
}

PairwiseEvaluation evaluatePairwise(const std::vector<Id>& truth, const std::vector<Id>& predicted) {
  PairwiseEvaluation e;
  std::map<Id, std::size_t> truthSizes, predictedSizes;
  std::map<std::pair<Id, Id>, std::size_t> both;
  const std::size_t n = std::min(truth.size(), predicted.size());
  for (std::size_t i = 0; i < n; ++i) {
    ++truthSizes[truth[i]];
    ++predictedSizes[predicted[i]];
    ++both[{truth[i], predicted[i]}];
  }
  for (const auto& [k, s] : truthSizes) e.truePairs += pairsIn(s);
  for (const auto& [k, s] : predictedSizes) e.predictedPairs += pairsIn(s);
  for (const auto& [k, s] : both) e.correctPairs += pairsIn(s);
  e.precision =
      e.predictedPairs ? static_cast<double>(e.correctPairs) / static_cast<double>(e.predictedPairs) : 1.0;
  e.recall = e.truePairs ? static_cast<double>(e.correctPairs) / static_cast<double>(e.truePairs) : 1.0;
  e.f1 = (e.precision + e.recall) > 0 ? 2 * e.precision * e.recall / (e.precision + e.recall) : 0.0;
  return e;
}

}  // namespace ycr::matching
