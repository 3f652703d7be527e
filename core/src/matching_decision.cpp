#include <cmath>

#include "ycr/core/matching/decision.h"

namespace ycr::matching {

Result<MatchThresholds> MatchThresholds::make(double link, double review, double margin) {
  FieldErrors errors;
  if (!std::isfinite(link)) errors.add("link", "not_a_number", "The link threshold must be a number");
  if (!std::isfinite(review)) errors.add("review", "not_a_number", "The review threshold must be a number");
  if (!std::isfinite(margin) || margin < 0)
    errors.add("margin", "out_of_range", "The margin must be a number of bits, zero or more");
  if (std::isfinite(link) && std::isfinite(review) && review > link)
    errors.add("review", "above_link", "The review threshold cannot be above the link threshold");
  if (!errors.empty()) return errors.toError("Invalid match thresholds");
  return MatchThresholds{link, review, margin};
}

MatchThresholds MatchThresholds::forRegister(std::size_t records, const MatchThresholds& base) {
  constexpr double kCalibrationRecords = 7193.0;  // the committed linkage files
  MatchThresholds t = base;
  if (static_cast<double>(records) > kCalibrationRecords) {
    const double extra = std::log2(static_cast<double>(records) / kCalibrationRecords);
    t.link += extra;
    t.review += extra;
  }
  return t;
}

MatchThresholds MatchThresholds::forRegister(std::size_t records) {
  return forRegister(records, MatchThresholds{});
}

const char* toString(MatchDecision decision) {
  switch (decision) {
    case MatchDecision::link: return "link";
    case MatchDecision::review: return "review";
    case MatchDecision::new_record: return "new_record";
  }
  return "new_record";
}

MatchOutcome decide(const std::vector<Candidate>& all, const MatchThresholds& thresholds) {
  MatchOutcome outcome;
  // A sibling (two different given names, two dates of birth) is no candidate at all: the
  // household's other children would otherwise fill the review queue.
  std::vector<Candidate> candidates;
  candidates.reserve(all.size());
  for (const auto& c : all)
    if (!c.otherChild) candidates.push_back(c);
  for (const auto& c : candidates)
    if (c.score >= thresholds.review) outcome.toReview.push_back(c.id);
  if (outcome.toReview.empty()) {
    outcome.decision = MatchDecision::new_record;
    outcome.reason =
        candidates.empty() ? "no record shares a blocking key" : "no candidate reaches the review threshold";
    return outcome;
  }
  // Only candidates without cautions may be linked, and only they are rivals: a cautioned
  // candidate (a twin or sibling whose given name or date of birth disagrees with the probe)
  // is evidence of a different child in the same household, not of doubt about this one.
  const Candidate* eligible = nullptr;
  const Candidate* runnerUp = nullptr;
  std::size_t eligibleCount = 0;
  for (const auto& c : candidates) {
    if (!c.cautions.empty()) continue;
    if (c.score >= thresholds.link) ++eligibleCount;
    if (!eligible)
      eligible = &c;
    else if (!runnerUp)
      runnerUp = &c;
  }
  if (eligible && eligible->score < thresholds.link) eligible = nullptr;
  outcome.decision = MatchDecision::review;
  if (eligibleCount == 0) {
    outcome.reason = candidates.front().score >= thresholds.link && !candidates.front().cautions.empty()
                         ? candidates.front().cautions.front()
                         : "the best candidate is below the link threshold";
  } else if (eligibleCount > 1) {
    outcome.reason = "more than one candidate is above the link threshold";
  } else if (runnerUp && eligible->score - runnerUp->score < thresholds.margin) {
    outcome.reason = "the best candidate is not clearly ahead of the next";
  } else {
    outcome.decision = MatchDecision::link;
    outcome.linkTo = eligible->id;
    outcome.toReview.clear();
    outcome.reason = "one candidate clearly above the link threshold";
  }
  return outcome;
}

MatchOutcome decideWithClusters(const std::vector<Candidate>& candidates, const MatchThresholds& thresholds,
                                const std::function<bool(Id, Id)>& sameChild) {
  MatchOutcome outcome = decide(candidates, thresholds);
  if (outcome.decision != MatchDecision::review) return outcome;
  const Candidate* best = nullptr;
  for (const auto& c : candidates)
    if (c.cautions.empty() && !c.otherChild) {
      best = &c;
      break;
    }
  if (!best || best->score < thresholds.link) return outcome;
  std::vector<const Candidate*> rivals;
  for (const auto& c : candidates)
    if (&c != best && c.cautions.empty() && !c.otherChild &&
        (c.score >= thresholds.link || best->score - c.score < thresholds.margin))
      rivals.push_back(&c);
  if (rivals.empty()) return outcome;
  for (std::size_t i = 0; i < rivals.size(); ++i) {
    if (!sameChild(best->id, rivals[i]->id)) return outcome;
    for (std::size_t j = i + 1; j < rivals.size(); ++j)
      if (!sameChild(rivals[i]->id, rivals[j]->id)) return outcome;
  }
  MatchOutcome linked;
  linked.decision = MatchDecision::link;
  linked.linkTo = best->id;
  for (const auto* r : rivals) linked.alsoSame.push_back(r->id);
  linked.reason =
      "one child already filed as several records: the best candidate and its rivals are one child";
  return linked;
}

}  // namespace ycr::matching
