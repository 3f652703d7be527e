#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "ycr/core/matching/decision.h"

using namespace ycr;
using namespace ycr::matching;

namespace {

Candidate c(Id id, double score, bool cautioned = false) {
  Candidate x;
  x.id = id;
  x.score = score;
  if (cautioned) x.cautions.push_back("given names differ: twins and siblings share everything else");
  return x;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matching_decision_test)

BOOST_AUTO_TEST_CASE(decisions_follow_the_thresholds) {
  const MatchThresholds t{12.0, 6.0, 6.0};
  struct Row {
    const char* what;
    std::vector<Candidate> candidates;
    MatchDecision decision;
    std::optional<Id> linkTo;
  };
  const std::vector<Row> rows = {
      {"nothing found", {}, MatchDecision::new_record, std::nullopt},
      {"nothing near", {c(1, 5.9)}, MatchDecision::new_record, std::nullopt},
      {"one clear match", {c(1, 30), c(2, 3)}, MatchDecision::link, 1},
      {"exactly at the link threshold", {c(1, 12)}, MatchDecision::link, 1},
      {"below link, above review", {c(1, 11.9)}, MatchDecision::review, std::nullopt},
      {"two above link", {c(1, 30), c(2, 13)}, MatchDecision::review, std::nullopt},
      {"not clearly ahead of the runner-up", {c(1, 20), c(2, 15)}, MatchDecision::review, std::nullopt},
      {"cautioned best is never linked", {c(1, 40, true)}, MatchDecision::review, std::nullopt},
      {"a twin is not a rival", {c(2, 42, true), c(1, 35), c(3, 1)}, MatchDecision::link, 1},
      {"margin counts against the next uncautioned",
       {c(1, 35), c(2, 33, true), c(3, 11)},
       MatchDecision::link,
       1},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.what) {
      auto outcome = decide(r.candidates, t);
      BOOST_TEST(toString(outcome.decision) == toString(r.decision));
      BOOST_CHECK(outcome.linkTo == r.linkTo);
      BOOST_TEST(!outcome.reason.empty());
      if (outcome.decision == MatchDecision::review) BOOST_TEST(!outcome.toReview.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(thresholds_from_configuration_are_validated) {
  BOOST_TEST(MatchThresholds::make(12, 6).ok());
  BOOST_TEST(MatchThresholds::make(12, 12, 0).ok());
  auto bad = MatchThresholds::make(6, 12);
  BOOST_REQUIRE(!bad.ok());
  BOOST_CHECK(bad.error().code == ErrorCode::validation);
  BOOST_TEST(bad.error().fields.front().field == "review");
  BOOST_TEST(!MatchThresholds::make(std::nan(""), 6).ok());
  BOOST_TEST(!MatchThresholds::make(12, 6, -1).ok());
  BOOST_TEST(!MatchThresholds::make(std::numeric_limits<double>::infinity(), 6).ok());
  auto big = MatchThresholds::forRegister(1000000);
  BOOST_TEST(big.link == 12.0 + std::log2(1000000.0 / 7193.0), boost::test_tools::tolerance(1e-9));
  BOOST_TEST(big.review - big.link == -6.0, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(MatchThresholds::forRegister(500).link == 12.0);
  const MatchThresholds defaults;
  BOOST_TEST(defaults.link == 12.0);
  BOOST_TEST(defaults.review == 6.0);
}

BOOST_AUTO_TEST_SUITE_END()
