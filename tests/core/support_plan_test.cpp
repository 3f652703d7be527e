// Support plans' own rules beyond the shape of an item (assessment.h, validate): a personal budget starts
// on the young carer's 16th birthday at the earliest.

#include <boost/test/unit_test.hpp>

#include "ycr/core/assessment.h"

using namespace ycr;

namespace {

std::vector<SupportPlanItem> budgetFrom(const std::string& start) {
  SupportPlanItem i;
  i.type = ServiceType::personal_budget;
  i.provider = "County council";
  i.start = *parseIsoDate(start);
  return {i};
}

// The first field error's code and message, or "" when the plan is valid.
std::pair<std::string, std::string> refusal(const std::string& start, const std::string& dateOfBirth) {
  auto s = validate(budgetFrom(start), *parseIsoDate(dateOfBirth));
  if (s) return {};
  BOOST_REQUIRE_EQUAL(s.error().fields.size(), 1u);
  BOOST_TEST(s.error().fields[0].field == "items[0].start");
  return {s.error().fields[0].code, s.error().fields[0].message};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(support_plan_test)

BOOST_AUTO_TEST_CASE(a_personal_budget_starts_on_the_16th_birthday_at_the_earliest) {
  BOOST_TEST(refusal("2024-09-09", "2008-09-10").first == "under_16");
  BOOST_TEST(refusal("2024-09-09", "2008-09-10").second.find("2024-09-10") != std::string::npos);
  BOOST_TEST(refusal("2024-09-10", "2008-09-10").first.empty());
  // Born 29 February 2008: sixteen on 29 February 2024 (sixteen years on is always a leap year this
  // century), not a day before.
  BOOST_TEST(refusal("2024-02-28", "2008-02-29").first == "under_16");
  BOOST_TEST(refusal("2024-02-29", "2008-02-29").first.empty());
  BOOST_TEST(refusal("2025-02-28", "2009-03-01").first == "under_16");
  BOOST_TEST(refusal("2025-03-01", "2009-03-01").first.empty());
  // Other types, and a plan validated without a date of birth, are not checked for age.
  auto group = budgetFrom("2024-01-01");
  group[0].type = ServiceType::young_carers_group;
  BOOST_TEST(static_cast<bool>(validate(group, *parseIsoDate("2015-01-01"))));
  BOOST_TEST(static_cast<bool>(validate(budgetFrom("2024-01-01"))));
}

BOOST_AUTO_TEST_SUITE_END()
