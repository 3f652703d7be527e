// The indicators of support beyond breaks through the API (issue 27 item 4): young carers with an emergency
// plan, sport and leisure, advice on money and benefits, or a personal budget (16 and over) running in the
// agreed support plan in force at the end of the period, while their case is open.

#include <boost/test/unit_test.hpp>

#include "stats_service.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::stats_fixture;

namespace {

SupportPlanItem item(ServiceType type, const std::string& start, const std::string& end = "") {
  SupportPlanItem i;
  i.type = type;
  i.provider = "Young carers service";
  i.start = *parseIsoDate(start);
  if (!end.empty()) i.end = *parseIsoDate(end);
  return i;
}

// A plan for the case with `items`, agreed on `agreed` (superseding the one agreed before it) or left a
// draft.
void plan(Transaction& tx, Id caseId, const std::vector<SupportPlanItem>& items, const std::string& agreed) {
  SupportPlan p;
  p.caseId = caseId;
  p.recordedAt = at("2024-03-01T09:00:00Z");
  p.items = items;
  const Id id = tx.assessments().createPlan(p).value();
  if (!agreed.empty())
    BOOST_REQUIRE(static_cast<bool>(tx.assessments().agreePlan(id, *parseIsoDate(agreed), {})));
}

std::string numerator(StatsService& s, const std::string& id, const std::string& period) {
  return indicator(s, id, period)->get("numerator").toString();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_support_test)

BOOST_AUTO_TEST_CASE(support_beyond_breaks_counts_what_the_plan_in_force_has_running_at_the_period_end) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  auto cases = s.february();  // 20 cases opened 5 February 2024, young carers born 2011
  std::vector<Id> older;
  {
    auto tx = s.app->store().begin(true);
    // 12 agreed plans with an emergency plan from 4 March; 3 of them superseded on 20 March by a plan
    // without one; a draft with one, not yet agreed, does not count.
    for (std::size_t i = 0; i < 12; ++i)
      plan(*tx, cases[i],
           {item(ServiceType::young_carers_group, "2024-03-04"),
            item(ServiceType::emergency_plan, "2024-03-04")},
           "2024-03-04");
    // Sport and leisure: 6 running to the end of April; 4 that ended on 25 March (3 in the plans that
    // superseded the emergency plans).
    for (std::size_t i = 0; i < 3; ++i)
      plan(*tx, cases[i],
           {item(ServiceType::young_carers_group, "2024-03-04"),
            item(ServiceType::sport_and_leisure, "2024-03-10", "2024-03-25")},
           "2024-03-20");
    plan(*tx, cases[12], {item(ServiceType::emergency_plan, "2024-03-04")}, "");
    for (std::size_t i = 13; i < 19; ++i)
      plan(*tx, cases[i], {item(ServiceType::sport_and_leisure, "2024-03-10", "2024-04-30")}, "2024-03-06");
    plan(*tx, cases[19], {item(ServiceType::sport_and_leisure, "2024-03-10", "2024-03-25")}, "2024-03-06");
    // Seven young carers of 16, with a personal budget from 1 March; one of their cases closed on 15 March.
    for (int i = 0; i < 7; ++i)
      older.push_back(s.child(*tx, OrganisationKind::school, "2024-02-05T10:00:00Z", "2024-02-06T09:00:00Z",
                              "2007-06-01"));
    for (Id c : older) plan(*tx, c, {item(ServiceType::personal_budget, "2024-03-01")}, "2024-03-01");
    CaseEvent close;
    close.caseId = older[0];
    close.at = at("2024-03-15T10:00:00Z");
    close.event = "close";
    close.fromState = CaseState::supported;
    close.toState = CaseState::closed;
    BOOST_REQUIRE(static_cast<bool>(tx->cases().appendEvent(close)));
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  // At the end of March: 9 of the 26 open cases have an emergency plan running.
  auto emergency = indicator(s, "emergency_plans_in_place", "from=2024-03-01&to=2024-03-31");
  BOOST_TEST(emergency->getValue<bool>("available"));
  BOOST_TEST(emergency->get("numerator").toString() == "9");
  BOOST_TEST(emergency->get("denominator").toString() == "26");
  BOOST_TEST(emergency->getValue<std::string>("note").find("plan in force") != std::string::npos);
  // At the end of February there were none (the period's end counts, not its course).
  BOOST_TEST(numerator(s, "emergency_plans_in_place", "from=2024-02-01&to=2024-02-29") == "0");
  BOOST_TEST(numerator(s, "young_carers_accessing_sport_and_leisure", "from=2024-03-01&to=2024-03-31") ==
             "6");
  BOOST_TEST(numerator(s, "young_carers_accessing_sport_and_leisure", "from=2024-05-01&to=2024-05-31") ==
             "0");
  // Six personal budgets: the closed case's does not count; the young carers of 12 have none to count.
  BOOST_TEST(numerator(s, "personal_budgets_16_plus", "from=2024-03-01&to=2024-03-31") == "6");
  BOOST_TEST(numerator(s, "young_carers_with_money_advice", "from=2024-03-01&to=2024-03-31") == "0");
  // Two given advice on money, in plans that replace their plans on the day they were agreed: suppressed
  // under dfe; their personal budgets still count.
  {
    auto tx = s.app->store().begin(true);
    for (std::size_t i = 1; i < 3; ++i)
      plan(*tx, older[i],
           {item(ServiceType::personal_budget, "2024-03-01"),
            item(ServiceType::money_and_benefits_advice, "2024-03-01")},
           "2024-03-01");
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  BOOST_TEST(numerator(s, "young_carers_with_money_advice", "from=2024-03-01&to=2024-03-31") == "suppressed");
  BOOST_TEST(numerator(s, "personal_budgets_16_plus", "from=2024-03-01&to=2024-03-31") == "6");
}

BOOST_AUTO_TEST_SUITE_END()
