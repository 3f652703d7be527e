#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

#include "ycr/core/matching/linkage.h"

namespace ycr::matching {
namespace {

constexpr std::string_view kHeader =
    "source_ref,truth_id,given_name,family_name,date_of_birth,postcode,school_urn,address";

// Quoted when it holds a comma, quote or line break, or begins with '#' (a row's first field
// unquoted would make the line a comment, and the row would vanish when the file is read back).
std::string quoted(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos && (field.empty() || field.front() != '#'))
    return field;
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

namespace {

// Whether two records, each the same child as a row without a caution (decideWithClusters asks
// that), are one child. Their own evidence may say so (no caution, the link score), or they may
// share a home and disagree only where one child's records do: the date of birth keyed differently
// or the family name changed (Aoife Kelly 2018-05-30 and A0ife Kelly 2048-04-30 at one address,
// each linked to Aoife Kelly 2018-04-30), scoring at least the review threshold. Namesakes in two
// towns (two Oliver Williamses) are not joined through a row that has neither's postcode.
bool oneChildThroughTheRow(const PairScore& s, const MatchThresholds& thresholds) {
  if (s.cautions.empty() && s.score >= thresholds.link) return true;
  const int postcode = s.comparison.level(Field::postcode), address = s.comparison.level(Field::address);
  const bool oneHome =
      postcode == static_cast<int>(PostcodeLevel::full) || address == static_cast<int>(AddressLevel::same);
  return oneHome && !s.otherChild && !s.identityCaution && s.score >= thresholds.review;
}

}  // namespace

Resolution resolveRecords(const std::vector<PersonRecord>& records, MatchIndex& index,
                          const MatchThresholds& thresholds) {
  Resolution res;
  res.clusterOf.reserve(records.size());
  res.decisions.reserve(records.size());
  // Each record's cluster, joined as later rows show that two clusters are one child: a
  // cluster is named by the id of its first record.
  std::map<Id, Id> parent;
  std::function<Id(Id)> find = [&](Id id) -> Id {
    auto it = parent.find(id);
    if (it == parent.end() || it->second == id) return id;  // a record filed before this batch
    Id root = find(it->second);
    it->second = root;
    return root;
  };
  std::unordered_map<Id, std::vector<std::size_t>> members;  // by cluster root: positions
  auto unite = [&](Id a, Id b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent[b] = a;
    auto moved = members.find(b);
    if (moved != members.end()) {
      auto& into = members[a];
      into.insert(into.end(), moved->second.begin(), moved->second.end());
      members.erase(b);
    }
  };
  std::unordered_map<Id, std::size_t> positionOf;
  // Evidence that two records are two children (twins, siblings): two different known given
  // names. A typo, a blank or a date slip in one record of a cluster is not.
  auto againstEachOther = [&](const PersonRecord& a, const PersonRecord& b) {
    return index.differentChildren(a, b);
  };
  // Whether any record of cluster `root` is evidence against `r` being its child.
  auto clusterAgainst = [&](Id root, const PersonRecord& r) {
    auto it = members.find(root);
    if (it == members.end()) return false;
    for (auto m : it->second)
      if (againstEachOther(r, records[m])) return true;
    return false;
  };
  auto idAt = [&](std::size_t i) { return records[i].id == 0 ? static_cast<Id>(i + 1) : records[i].id; };
  auto sameChild = [&](Id a, Id b) {
    auto ia = positionOf.find(a), ib = positionOf.find(b);
    if (ia == positionOf.end() || ib == positionOf.end()) return false;
    // Clusters are joined only on full evidence: a row without a given name or a date of birth
    // may be either twin, and must not make the twins one child.
    for (auto* r : {&records[ia->second], &records[ib->second]})
      if (r->givenName.empty() || r->familyName.empty() || !r->dateOfBirth) return false;
    if (!oneChildThroughTheRow(index.scoreRecords(records[ia->second], records[ib->second]), thresholds))
      return false;
    // Joining the two clusters: no record of one may be evidence against the other's.
    auto other = members.find(find(b));
    if (other != members.end())
      for (auto m : other->second)
        if (clusterAgainst(find(a), records[m])) return false;
    return true;
  };
  for (std::size_t i = 0; i < records.size(); ++i) {
    PersonRecord r = records[i];
    r.id = idAt(i);
    // Earlier records of one child are one candidate: keep the best of each cluster, or two
    // records of the same child would look like two rivals.
    std::vector<Candidate> perCluster;
    std::set<Id> seen;
    for (auto& c : index.matchFrom(r, thresholds.weighedFrom(), 10))
      if (seen.insert(find(c.id)).second) perCluster.push_back(std::move(c));
    MatchOutcome outcome = decideWithClusters(perCluster, thresholds, sameChild);
    if (outcome.decision == MatchDecision::link) {
      // A is B and B is C makes one child unless another record of the cluster says otherwise
      // (a row without a given name links to one twin; the other twin must not follow it).
      bool against = clusterAgainst(find(*outcome.linkTo), r);
      for (Id other : outcome.alsoSame) against = against || clusterAgainst(find(other), r);
      if (against) {
        outcome.decision = MatchDecision::review;
        outcome.toReview = {*outcome.linkTo};
        outcome.toReview.insert(outcome.toReview.end(), outcome.alsoSame.begin(), outcome.alsoSame.end());
        outcome.alsoSame.clear();
        outcome.linkTo.reset();
        outcome.reason = "another record of that child is evidence of a different child";
      }
    }
    std::vector<Id> reviewWith;
    parent[r.id] = r.id;
    members[r.id].push_back(i);
    switch (outcome.decision) {
      case MatchDecision::link:
        unite(*outcome.linkTo, r.id);
        for (Id other : outcome.alsoSame) unite(*outcome.linkTo, other);
        ++res.counts.linked;
        break;
      case MatchDecision::review:
        ++res.counts.reviewed;
        for (Id id : outcome.toReview) reviewWith.push_back(id);
        break;
      case MatchDecision::new_record: ++res.counts.created; break;
    }
    res.clusterOf.push_back(r.id);
    res.decisions.push_back(outcome.decision);
    res.reviewWith.push_back(std::move(reviewWith));
    res.reasons.push_back(outcome.reason);
    positionOf[r.id] = i;
    (void)index.add(r);  // a duplicate id in the input is the caller's bug; the first filing wins
  }
  for (auto& c : res.clusterOf) c = find(c);
  for (auto& ids : res.reviewWith)
    for (auto& id : ids) id = find(id);
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

PairwiseEvaluation evaluateIfReviewed(const std::vector<Id>& truth, const Resolution& resolution) {
  std::map<Id, Id> parent;
  std::function<Id(Id)> find = [&](Id x) -> Id {
    auto it = parent.find(x);
    if (it == parent.end() || it->second == x) return x;
    Id root = find(it->second);
    parent[x] = root;
    return root;
  };
  const std::size_t n = std::min(truth.size(), resolution.clusterOf.size());
  for (std::size_t i = 0; i < n && i < resolution.reviewWith.size(); ++i)
    for (Id c : resolution.reviewWith[i]) {
      if (c < 1 || static_cast<std::size_t>(c) > n || truth[static_cast<std::size_t>(c) - 1] != truth[i])
        continue;
      Id a = find(resolution.clusterOf[i]), b = find(c);
      if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
  std::vector<Id> decided;
  decided.reserve(n);
  for (std::size_t i = 0; i < n; ++i) decided.push_back(find(resolution.clusterOf[i]));
  return evaluatePairwise(std::vector<Id>(truth.begin(), truth.begin() + static_cast<std::ptrdiff_t>(n)),
                          decided);
}

}  // namespace ycr::matching
