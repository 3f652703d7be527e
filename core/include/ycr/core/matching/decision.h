#pragma once

#include <algorithm>
// What to do with a referral or import row given its scored candidates. A false merge of two
// children is worse than a missed match: link only when one candidate is clearly the child.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/matching/index.h"
#include "ycr/core/result.h"

namespace ycr::matching {

// Thresholds on the score (log2 likelihood ratio). Defaults chosen on the committed synthetic
// linkage files (tests/data/linkage, 7,193 rows about 3,000 children) resolved with the default
// model: link 12 gave precision 1.000 and recall 0.983 (F1 0.992), and on three other seeds
// precision >= 0.9995 and F1 >= 0.992. Link 8 started to admit false merges (precision 0.996);
// link 16 only lost recall. Review 6 (64 to 1 for) keeps near-misses in front of a person.
struct MatchThresholds {
  double link = 12.0;   // at or above: the same child, if clearly ahead and without cautions
  double review = 6.0;  // at or above: a person decides
  double margin = 6.0;  // the best must beat the next uncautioned candidate by this (64 times likelier)

  // Scaled to the register: the larger it is, the more namesakes born on the same day it holds,
  // so the same evidence is worth less. Scores are log2 likelihood ratios and the prior odds of
  // any one record being the child fall as 1/N, so both thresholds rise by log2(N / 7193) bits
  // above the defaults (calibrated on 7,193 records); smaller registers keep the defaults.
  // One million records: link 19.1, review 13.1.
  static MatchThresholds forRegister(std::size_t records);
  // The lowest score decide() weighs: a candidate below both the review threshold and the link
  // threshold less the margin changes no decision.
  double weighedFrom() const { return std::min(review, link - margin); }
  static MatchThresholds forRegister(std::size_t records, const MatchThresholds& base);

  // From configuration: review <= link, margin >= 0, all finite.
  static Result<MatchThresholds> make(double link, double review, double margin = 6.0);
};

enum class MatchDecision { link, review, new_record };
const char* toString(MatchDecision decision);

struct MatchOutcome {
  MatchDecision decision = MatchDecision::new_record;
  std::optional<Id> linkTo;  // set when decision == link
  std::vector<Id> toReview;  // candidates at or above review, best first, when decision == review
  // With decideWithClusters: other candidates that are the same child as linkTo (records of one
  // child filed apart earlier), to be joined with it.
  std::vector<Id> alsoSame;
  std::string reason;  // why, in words a caseworker can read
};

// Candidates best first, as MatchIndex::match returns them. Link when exactly one candidate
// without cautions is at or above `link` and it beats the next candidate without cautions by
// `margin`; cautioned candidates (twins, siblings: see PairScore) are never linked and are not
// rivals. Otherwise review when any candidate is at or above `review`, else a new record.
MatchOutcome decide(const std::vector<Candidate>& candidates, const MatchThresholds& thresholds);

// Within one file, rows of one child can have been filed apart before this row (a row sent to
// review starts a record of its own), and then they are several candidates above the link
// threshold, rivals of each other, and every later row of that child goes to review too. So
// when decide() would review because the best candidate has close rivals, and `sameChild(a, b)`
// holds for the best and every close rival and between the rivals (resolveRecords: their own
// evidence says one child, or they share a home and disagree only where one child's records
// do), the row is linked to the best
// and the rivals are named in alsoSame: if A is B and B is C, the three are one child unless
// evidence against says otherwise. Otherwise the outcome is decide()'s.
MatchOutcome decideWithClusters(const std::vector<Candidate>& candidates, const MatchThresholds& thresholds,
                                const std::function<bool(Id, Id)>& sameChild);

}  // namespace ycr::matching
