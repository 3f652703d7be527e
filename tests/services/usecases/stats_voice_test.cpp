// The voice indicator through the API (issue 27 item 3): answers to the survey "Being listened to" that
// agree with both "The people who support me listen to me" and "I am treated with respect", out of those
// answering both. Answers are kept by financial year only, so a year counts in the period holding its
// last day, 31 March, and only once it has ended; other surveys' answers do not count.

#include <boost/test/unit_test.hpp>

#include "stats_service.h"
#include "ycr/core/survey.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::stats_fixture;

namespace {

// `count` answers of a survey in a financial year, each with these values for questions 1 to 5
// (kUnanswered for one left out).
void answers(Transaction& tx, const std::string& survey, const std::string& year, int count,
             std::vector<int> values) {
  for (int i = 0; i < count; ++i)
    BOOST_REQUIRE(static_cast<bool>(tx.surveys().addResponse({survey, 1, year, values})));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_voice_test)

BOOST_AUTO_TEST_CASE(young_carers_feel_listened_to_counts_ended_financial_years_at_their_31_march) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});  // today: 15 April 2024
  {
    auto tx = s.app->store().begin(true);
    // 2022/23: 12 agree with both (any mix of agree and strongly agree), 2 with one of them only, and one
    // left question 2 out, so counts in neither.
    answers(*tx, "feeling-heard", "2022/23", 6, {5, 5, 3, 4, 5});
    answers(*tx, "feeling-heard", "2022/23", 6, {4, 5, 1, 1, 1});
    answers(*tx, "feeling-heard", "2022/23", 2, {4, 3, 4, 4, 4});
    answers(*tx, "feeling-heard", "2022/23", 1, {5, kUnanswered, 5, 5, 5});
    // 2023/24, ended on 31 March 2024: 30 of 40.
    answers(*tx, "feeling-heard", "2023/24", 30, {4, 4, 4, 4, 4});
    answers(*tx, "feeling-heard", "2023/24", 10, {2, 1, 4, 4, 4});
    // 2024/25 has not ended: nothing of it counts yet. Nor does another survey.
    answers(*tx, "feeling-heard", "2024/25", 10, {5, 5, 5, 5, 5});
    answers(*tx, "id-card-year-one", "2023/24", 10, {5, 5, 5, 5, 5});
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  const std::string id = "young_carers_feel_listened_to";
  auto march = indicator(s, id, "from=2024-03-01&to=2024-03-31");
  BOOST_TEST(march->get("numerator").toString() == "30");
  BOOST_TEST(march->get("denominator").toString() == "40");
  BOOST_TEST(march->get("value").toString() == "75");
  BOOST_TEST(march->getValue<std::string>("rag") == "amber");  // target 80
  BOOST_TEST(march->getValue<std::string>("note").find("financial year") != std::string::npos);
  // Two financial years: both 31 Marches in the period.
  auto both = indicator(s, id, "from=2022-04-01&to=2024-03-31");
  BOOST_TEST(both->get("numerator").toString() == "42");
  BOOST_TEST(both->get("denominator").toString() == "54");
  // No 31 March in the period; and the year now running, whose 31 March has not come.
  BOOST_TEST(indicator(s, id, "from=2023-04-01&to=2024-02-29")->get("denominator").toString() == "0");
  BOOST_TEST(indicator(s, id, "from=2024-04-01&to=2025-03-31")->get("denominator").toString() == "0");
}

BOOST_AUTO_TEST_SUITE_END()
