// The attacker of disclosure control (core/include/ycr/core/disclosure.h), written before the defence:
// a commissioner asks ordinary questions, every contiguous range of whole months over two years by one
// dimension or a pair, for measures that overlap, and an integer program over the answers tries to pin
// the true monthly count of any group to a value in 1..threshold (or to two adjacent values). This is the
// reconstruction attack that recovered 48 of 108 route-by-month cells from deterministic rounding and
// suppression, and the one the US Census Bureau ran on its own 2010 tables.
//
// The same attack runs twice on the same register: without noise (the counting rules alone, what the
// register published before) it must succeed, which shows the attacker is strong enough to matter; with
// the configured noise it must fail. A test that passes only because its attacker is weak would be
// caught by the first half.

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "attack_support.h"
#include "linear_attacker.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::attack;

namespace {

// The integer program: x[m] >= 0 integer, one per month of a group; every published figure r of a range
// says its sum lies in the values that publish as r, a suppressed one that it is at least suppressFrom, a
// group left out of an answer that its sum is 0 (the register listed only groups with children). Every
// constraint is on one group's months, so each group is a program of its own. For each small cell,
// minimise and maximise it. The constraints are differences of prefix sums (a network matrix), so the
// strict program is solved exactly.
//
// Elastic, the attacker who knows answers may be noisy: every constraint may be missed by a slack, the
// slacks' least total is found first, and then only months that fit the answers that well are kept
// (the closest consistent registers, a least-absolute-deviation reconstruction). Under noise the strict
// model is usually infeasible; the elastic one always answers, with its best guess.
class GroupAttacker {
 public:
  GroupAttacker(DisclosureRule rule, bool elastic) : rule_(rule), program_(kMonths, elastic) {}

  // One published figure (nullopt: the group was left out) over months [first, last] of the two years.
  // A suppressed figure says only that the sum is at least the smallest count suppressed.
  void learn(int first, int last, const std::optional<Cell>& published) {
    Terms months;
    for (int m = first; m <= last; ++m) months.emplace_back(m, 1);
    if (!published)
      program_.learn(months, ValueRange{0, 0});
    else if (published->suppressed())
      program_.learn(months, ValueRange{std::max<long long>(rule_.suppressFrom, 1), ValueRange::unbounded});
    else
      program_.learn(months, consistentValues(*published, rule_));
  }

  // Attacks the months whose true count is small; adds to `out`.
  void attack(const std::vector<long long>& truth, Outcome& out) {
    std::vector<Target> months;
    for (int m = 0; m < kMonths; ++m) months.push_back({{{m, 1}}, truth[static_cast<std::size_t>(m)]});
    program_.attack(months, rule_, out);
  }

 private:
  DisclosureRule rule_;
  LinearAttacker program_;
};

// Every contiguous range of months of the two years, by `dims`, fed to an attacker of that table.
Outcome attackTable(DemoRegister& reg, Measure measure, const std::vector<Dimension>& dims,
                    DisclosurePolicy policy, bool elastic) {
  std::vector<std::string> by;
  for (auto d : dims) by.emplace_back(toString(d));
  std::map<std::pair<int, int>, CountsReport> answers;
  std::set<std::vector<std::string>> seen;
  for (int first = 0; first < kMonths; ++first)
    for (int last = first; last < kMonths; ++last) {
      auto report = reg.ask(measure, by, kFirstMonth + first, kFirstMonth + last);
      for (const auto& row : report.rows) seen.insert(row.values);
      answers.emplace(std::make_pair(first, last), std::move(report));
    }
  const auto truth = reg.truth(measure, dims);
  for (const auto& [values, _] : truth) seen.insert(values);
  Outcome out;
  for (const auto& group : seen) {
    GroupAttacker attacker(ruleFor(policy), elastic);
    for (const auto& [range, report] : answers) {
      if (report.withheld) continue;
      std::optional<Cell> published;
      for (const auto& row : report.rows)
        if (row.values == group) published = row.count;
      attacker.learn(range.first, range.second, published);
    }
    const auto found = truth.find(group);
    attacker.attack(found == truth.end() ? std::vector<long long>(kMonths, 0) : found->second, out);
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(disclosure_attack_test)

BOOST_AUTO_TEST_CASE(without_noise_the_attacker_recovers_small_counts) {
  // The counting rules alone (rounding and suppression of true sums): the published attack works, so
  // the attacker below is strong enough to be worth defeating.
  DemoRegister& reg = sharedRegister(0, 1200, DisclosurePolicy::nhs_digital);
  const Outcome byRoute =
      attackTable(reg, Measure::referrals_received, {Dimension::route}, DisclosurePolicy::nhs_digital, false);
  report("no noise, referrals by route", byRoute);
  BOOST_TEST(!byRoute.infeasible);
  BOOST_TEST(byRoute.smallCells > 50);
  BOOST_TEST(byRoute.rightRate() >= 0.9);
  BOOST_TEST(byRoute.rightRate() > byRoute.guessRate());
}

BOOST_AUTO_TEST_CASE(with_noise_no_small_count_is_recovered_by_range_queries) {
  for (auto policy : {DisclosurePolicy::nhs_digital, DisclosurePolicy::dfe}) {
    DemoRegister& reg = sharedRegister(2.0, 1200, policy);
    // Pins over every table of this policy: whether most pins are wrong is judged on all of them, since
    // one table may give the attacker a single pin, and one lucky pin out of one says nothing.
    long long pinned = 0;
    long long pinnedRight = 0;
    const std::string p(toString(policy));
    const std::vector<std::pair<Measure, std::vector<Dimension>>> tables{
        {Measure::referrals_received, {Dimension::route}},
        {Measure::young_carers_identified, {Dimension::route}},
        {Measure::referrals_received, {Dimension::district}},
        {Measure::referrals_received, {Dimension::route, Dimension::gender}},
        {Measure::young_carers_identified, {Dimension::age_band, Dimension::gender}},
    };
    for (const auto& [measure, dims] : tables)
      for (bool elastic : {false, true}) {
        const Outcome o = attackTable(reg, measure, dims, policy, elastic);
        std::string name =
            p + (elastic ? ", elastic" : ", strict") + ", " + std::string(toString(measure)) + " by";
        for (auto d : dims) name += " " + std::string(toString(d));
        checkNoisyOutcome(name, o);
        pinned += o.pinned;
        pinnedRight += o.pinnedRight;
      }
    BOOST_TEST_MESSAGE(p << ": " << pinned << " pinned over all tables, " << pinnedRight << " of them right");
    BOOST_TEST_CONTEXT(p) {
      BOOST_TEST(pinned >= kPinsToJudge);
      BOOST_TEST(pinnedRight * 2 <= pinned);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
