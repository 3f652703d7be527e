#pragma once
// What to do with a referral or import row given its scored candidates. A false merge of two
// children is worse than a missed match: link only when one candidate is clearly the child.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/matching/index.h"
#include "ycr/core/result.h"

namespace ycr::matching {

// Thresholds on the score (log2 likelihood ratio). Defaults chosen on the committed synthetic
// linkage files (tests/data/linkage): see matching_decision.cpp for the figures.
struct MatchThresholds {
  double link = 16.0;    // at or above: the same child, if clearly ahead and without cautions
  double review = 6.0;   // at or above: a person decides
  double margin = 6.0;   // the best must beat the runner-up by this many bits (64 times likelier)

  // From configuration: review <= link, margin >= 0, all finite.
  static Result<MatchThresholds> make(double link, double review, double margin = 6.0);
};

enum class MatchDecision { link, review, new_record };
const char* toString(MatchDecision decision);

struct MatchOutcome {
  MatchDecision decision = MatchDecision::new_record;
  std::optional<Id> linkTo;      // set when decision == link
  std::vector<Id> toReview;      // candidates at or above review, best first, when decision == review
  std::string reason;            // why, in words a caseworker can read
};

// Candidates as MatchIndex::match returns them. Link when exactly one candidate without cautions
// is at or above `link` and it beats every other candidate (cautioned or not) by `margin`;
// review when any candidate is at or above `review`; otherwise a new record.
MatchOutcome decide(const std::vector<Candidate>& candidates, const MatchThresholds& thresholds);

}  // namespace ycr::matching
