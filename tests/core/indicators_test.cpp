#include "ycr/core/indicators.h"

#include <boost/test/unit_test.hpp>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>

using namespace ycr;

namespace ycr {
std::ostream& operator<<(std::ostream& out, Rag r) {
  return out << toString(r);
}
}  // namespace ycr

namespace {

const IndicatorDefinition& indicator(const std::string& id) {
  const IndicatorDefinition* found = findIndicator(id);
  BOOST_REQUIRE_MESSAGE(found != nullptr, "no indicator " << id);
  return *found;
}

IndicatorDefinition lowerIsBetter() {
  IndicatorDefinition d = indicator("referrals_decided_within_1_working_day");
  d.id = "re_referrals_within_12_months";
  d.direction = Direction::lower_is_better;
  d.amberTolerance = 5;
  return d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(indicators_test)

BOOST_AUTO_TEST_CASE(the_strategy_indicators_are_defined_once_with_stable_ids) {
  const std::set<std::string> expected = {"referrals_decided_within_1_working_day",
                                          "assessments_within_45_working_days",
                                          "young_carers_identified",
                                          "referrals_from_adult_social_care",
                                          "adult_social_care_tasks_on_time",
                                          "schools_with_active_champion",
                                          "id_cards_for_those_wanting_one",
                                          "transition_assessments_16_17",
                                          "reviews_on_time",
                                          "young_carers_receiving_short_breaks",
                                          "emergency_plans_in_place",
                                          "young_carers_accessing_sport_and_leisure",
                                          "young_carers_with_money_advice",
                                          "personal_budgets_16_plus",
                                          "absence_for_caring_reduced",
                                          "complaints_answered_on_time",
                                          "young_carers_feel_listened_to",
                                          "wellbeing_improved_at_review"};
  std::set<std::string> ids;
  for (const auto& d : indicatorDefinitions()) {
    BOOST_TEST_CONTEXT(d.id) {
      BOOST_TEST(ids.insert(d.id).second);  // unique
      BOOST_TEST(!d.title.empty());
      BOOST_TEST(!d.definition.empty());
      BOOST_TEST(!d.numerator.empty());
      BOOST_TEST((d.unit == "percent" || d.unit == "count"));
      BOOST_TEST((d.unit == "count") == (d.basis == Basis::count_of_children));
      BOOST_TEST((d.unit == "count" || !d.denominator.empty()));
      BOOST_TEST(d.amberTolerance > 0);
      BOOST_TEST(d.defaultTarget > 0);
    }
  }
  BOOST_TEST(ids == expected, boost::test_tools::per_element());
  BOOST_TEST(indicator("schools_with_active_champion").defaultTarget == 75);
  BOOST_TEST(findIndicator("no_such_indicator") == nullptr);
}

BOOST_AUTO_TEST_CASE(rag_is_green_at_target_amber_within_tolerance_red_beyond) {
  struct Row {
    double value;
    Rag higher;  // champions: target 75, amber down to 40
    Rag lower;   // target 75, amber up to 80
  };
  const Row rows[] = {
      {100, Rag::green, Rag::red},  {75.0, Rag::green, Rag::green}, {74.99, Rag::amber, Rag::green},
      {60, Rag::amber, Rag::green}, {40.0, Rag::amber, Rag::green}, {39.99, Rag::red, Rag::green},
      {0, Rag::red, Rag::green},    {80.0, Rag::green, Rag::amber}, {80.01, Rag::green, Rag::red},
      {77, Rag::green, Rag::amber},
  };
  const auto& champions = indicator("schools_with_active_champion");
  const auto lower = lowerIsBetter();
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT("value " << row.value) {
      BOOST_TEST(rag(champions, row.value, 75) == row.higher);
      BOOST_TEST(rag(lower, row.value, 75) == row.lower);
    }
  }
  // 3 of 4 is exactly the 75% target, whatever floating point does with the division.
  BOOST_TEST(rag(champions, 100.0 * 3 / 4, 75) == Rag::green);
  BOOST_TEST(rag(champions, 100.0 * 2 / 5, 75) == Rag::amber);
  BOOST_TEST(toString(Rag::not_applicable) == "not_applicable");
  BOOST_TEST(toString(Direction::lower_is_better) == "lower_is_better");
}

BOOST_AUTO_TEST_CASE(shares_of_children_are_published_through_the_policy) {
  struct Case {
    const char* id;
    long long numerator;
    long long denominator;
    double target;
    DisclosurePolicy policy;
    std::optional<long long> shownNumerator;
    std::optional<long long> shownDenominator;
    std::optional<double> value;
    Rag rag;
  };
  const auto nhs = DisclosurePolicy::nhs_digital;
  const auto dfe = DisclosurePolicy::dfe;
  const auto ons = DisclosurePolicy::ons_10_5;
  const Case cases[] = {
      // 190 of 200: complement 10 published, 95% meets the 95% target.
      {"referrals_decided_within_1_working_day", 190, 200, 95, nhs, 190, 200, 95.0, Rag::green},
      // 33 of 50: the value comes from the published 35 of 50, never from the true counts.
      {"assessments_within_45_working_days", 33, 50, 90, nhs, 35, 50, 70.0, Rag::red},
      {"assessments_within_45_working_days", 33, 50, 90, dfe, 33, 50, 66.0, Rag::red},
      {"reviews_on_time", 42, 50, 90, dfe, 42, 50, 84.0, Rag::amber},
      // Tasks for adult social care are protected like reviews: 54 of 60 on time meets 90%; with 2 late
      // (suppressed), the 28 on time goes too.
      {"adult_social_care_tasks_on_time", 54, 60, 90, dfe, 54, 60, 90.0, Rag::green},
      {"adult_social_care_tasks_on_time", 28, 30, 90, nhs, std::nullopt, 30, std::nullopt,
       Rag::not_applicable},
      // 197 of 200: the 3 not decided are suppressed, so the 197 goes too; either could be the
      // small one, so nothing is known about the share: no value, no RAG.
      {"referrals_decided_within_1_working_day", 197, 200, 95, nhs, std::nullopt, 200, std::nullopt,
       Rag::not_applicable},
      {"referrals_decided_within_1_working_day", 197, 200, 95, dfe, std::nullopt, 200, std::nullopt,
       Rag::not_applicable},
      // 3 of 8: everything is small.
      {"transition_assessments_16_17", 3, 8, 80, dfe, std::nullopt, 8, std::nullopt, Rag::not_applicable},
      {"transition_assessments_16_17", 3, 8, 80, ons, std::nullopt, std::nullopt, std::nullopt,
       Rag::not_applicable},
      // No one in the denominator.
      {"reviews_on_time", 0, 0, 90, nhs, 0, 0, std::nullopt, Rag::not_applicable},
      {"reviews_on_time", 0, 0, 90, ons, std::nullopt, std::nullopt, std::nullopt, Rag::not_applicable},
      // No one met it: 0 of 40 is shown under nhs and red.
      {"wellbeing_improved_at_review", 0, 40, 60, nhs, 0, 40, 0.0, Rag::red},
  };
  for (const auto& k : cases) {
    BOOST_TEST_CONTEXT(k.id << " " << k.numerator << "/" << k.denominator << " " << toString(k.policy)) {
      const auto v = evaluate(indicator(k.id), k.numerator, k.denominator, k.target, k.policy);
      BOOST_TEST(v.id == k.id);
      BOOST_TEST(v.target == k.target);
      BOOST_TEST((v.numerator == k.shownNumerator));
      BOOST_TEST((v.denominator == k.shownDenominator));
      BOOST_TEST(v.value.has_value() == k.value.has_value());
      if (v.value && k.value) BOOST_TEST(*v.value == *k.value, boost::test_tools::tolerance(1e-9));
      BOOST_TEST(v.rag == k.rag);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_small_share_of_children_hides_both_sides_and_is_not_rated) {
  // 2 of 2,000 referrals came from adult social care. The 2 is suppressed, so the 1,998 is too
  // (otherwise 2,000 minus it gives the 2 back); from "c of 2,000, c the rest" the share could be
  // anything, so neither a value nor a RAG is published, whatever the target.
  const auto& asc = indicator("referrals_from_adult_social_care");
  for (double target : {10.0, 0.2, 50.0}) {
    const auto v = evaluate(asc, 2, 2000, target, DisclosurePolicy::nhs_digital);
    BOOST_TEST(!v.numerator.has_value());
    BOOST_TEST(*v.denominator == 2000);
    BOOST_TEST(!v.value.has_value());
    BOOST_TEST(v.rag == Rag::not_applicable);
  }
}

BOOST_AUTO_TEST_CASE(identification_is_measured_against_the_configured_prevalence) {
  BOOST_TEST(estimatedYoungCarers(110000, 2.1) == 2310);
  BOOST_TEST(estimatedYoungCarers(0, 2.1) == 0);
  const auto& identified = indicator("young_carers_identified");
  const long long estimate = estimatedYoungCarers(110000, 2.1);
  const auto many = evaluate(identified, 600, estimate, 25, DisclosurePolicy::nhs_digital);
  BOOST_TEST(*many.numerator == 600);
  BOOST_TEST(*many.denominator == 2310);  // an estimate from configuration, published as it is
  BOOST_TEST(*many.value == 100.0 * 600 / 2310, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(many.rag == Rag::green);
  const auto few = evaluate(identified, 3, estimate, 25, DisclosurePolicy::nhs_digital);
  BOOST_TEST(!few.numerator.has_value());
  BOOST_TEST(!few.value.has_value());
  BOOST_TEST(few.rag == Rag::red);  // 1-7 of 2,310 is red whatever it is
  BOOST_TEST(evaluate(identified, 3, 0, 25, DisclosurePolicy::nhs_digital).rag == Rag::not_applicable);
}

BOOST_AUTO_TEST_CASE(schools_are_counted_exactly_and_children_are_rounded) {
  const auto& champions = indicator("schools_with_active_champion");
  struct Row {
    long long schools;
    Rag rag;
  };
  // 50 secondary schools, as in the Leicestershire plan: 75% green, 40% still amber.
  for (const Row row : {Row{38, Rag::green}, Row{20, Rag::amber}, Row{19, Rag::red}, Row{3, Rag::red}}) {
    const auto v = evaluate(champions, row.schools, 50, 75, DisclosurePolicy::nhs_digital);
    BOOST_TEST(*v.numerator == row.schools);  // not rounded, not suppressed
    BOOST_TEST(*v.value == 100.0 * row.schools / 50, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(v.rag == row.rag);
  }
  const auto& breaks = indicator("young_carers_receiving_short_breaks");
  struct CountRow {
    long long children;
    double target;
    std::optional<long long> shown;
    Rag rag;
  };
  const CountRow counts[] = {
      {120, 100, 120, Rag::green},
      {83, 100, 85, Rag::amber},
      {78, 100, 80, Rag::amber},
      {77, 100, 75, Rag::red},
      {5, 100, std::nullopt, Rag::red},
      {5, 4, std::nullopt, Rag::not_applicable},  // 1-7 against 4 could be green or red
  };
  for (const auto& row : counts) {
    BOOST_TEST_CONTEXT(row.children << " against " << row.target) {
      const auto v = evaluate(breaks, row.children, 0, row.target, DisclosurePolicy::nhs_digital);
      BOOST_TEST((v.numerator == row.shown));
      BOOST_TEST(!v.denominator.has_value());
      BOOST_TEST(v.rag == row.rag);
    }
  }
}

namespace {
// One figure for every period.
StagedTarget figure(double target) {
  return {TargetStage{target, std::nullopt}};
}
}  // namespace

// The action plan stages its champions target: 40% of secondary schools by March 2025, 75% by March 2026,
// then all. A report is measured against the stage its period ends in.
BOOST_AUTO_TEST_CASE(a_staged_target_applies_the_stage_the_period_ends_in) {
  const auto stages = parseStagedTarget(" 40 until 2025-03-31,75 until 2026-03-31 , 100");
  BOOST_REQUIRE(stages.ok());
  BOOST_REQUIRE_EQUAL(stages->size(), 3u);
  const auto& champions = indicator("schools_with_active_champion");
  const IndicatorTargets targets{{"schools_with_active_champion", *stages}};
  BOOST_TEST(targetFor(champions, targets, *parseIsoDate("2024-12-31")) == 40);
  BOOST_TEST(targetFor(champions, targets, *parseIsoDate("2025-03-31")) == 40);  // its last day
  BOOST_TEST(targetFor(champions, targets, *parseIsoDate("2025-04-30")) == 75);
  BOOST_TEST(targetFor(champions, targets, *parseIsoDate("2027-03-31")) == 100);
  BOOST_TEST(parseStagedTarget("62.5")->front().target == 62.5);
  for (const char* wrong : {"", "forty", "40 until March, 75", "40 until 2025-03-31", "40,75",
                            "40 until 2026-03-31, 75 until 2025-03-31, 100", "40 until 2025-03-31, 75 x"})
    BOOST_TEST_CONTEXT(wrong) {
      BOOST_TEST(!parseStagedTarget(wrong).ok());
    }
}

BOOST_AUTO_TEST_CASE(targets_come_from_configuration_when_set) {
  const auto& reviews = indicator("reviews_on_time");
  const Date end = *parseIsoDate("2025-03-31");
  BOOST_TEST(targetFor(reviews, {}, end) == 90);
  BOOST_TEST(targetFor(reviews, {{"reviews_on_time", figure(80)}}, end) == 80);
  BOOST_TEST(targetFor(reviews, {{"schools_with_active_champion", figure(40)}}, end) == 90);
  BOOST_TEST(
      validateTargets({{"reviews_on_time", figure(80)}, {"young_carers_receiving_short_breaks", figure(250)}})
          .ok());
  const auto bad = validateTargets(
      {{"reviews_late", figure(10)},
       {"reviews_on_time", StagedTarget{{80, *parseIsoDate("2025-03-31")}, {120, std::nullopt}}},
       {"id_cards_for_those_wanting_one", figure(-1)}});
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST(bad.error().fields.size() == 3u);
  std::set<std::string> codes;
  for (const auto& f : bad.error().fields) codes.insert(f.field + ":" + f.code);
  BOOST_TEST(codes.count("targets.reviews_late:unknown_indicator") == 1u);
  BOOST_TEST(codes.count("targets.reviews_on_time:invalid_target") == 1u);
  BOOST_TEST(codes.count("targets.id_cards_for_those_wanting_one:invalid_target") == 1u);
}

BOOST_AUTO_TEST_CASE(impossible_counts_are_caller_bugs) {
  const auto& reviews = indicator("reviews_on_time");
  BOOST_CHECK_THROW(evaluate(reviews, 11, 10, 90, DisclosurePolicy::nhs_digital), std::invalid_argument);
  BOOST_CHECK_THROW(evaluate(reviews, -1, 10, 90, DisclosurePolicy::nhs_digital), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()
