// The education indicator through the API (issue 27 item 2): terms ending in the period of young carers
// who missed school for caring in their first recorded term, and whether the share of sessions missed for
// caring fell since, from the records in force (a correction replaces what it corrects).

#include <boost/test/unit_test.hpp>

#include "stats_service.h"
#include "ycr/core/school_attendance.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::stats_fixture;

namespace {

Id term(Transaction& tx, Id youngCarer, const std::string& year, Term t, int possible, int forCaring,
        std::optional<Id> corrects = std::nullopt) {
  TermAttendance a;
  a.youngCarerId = youngCarer;
  a.academicYear = year;
  a.term = t;
  a.sessionsPossible = possible;
  a.sessionsMissed = forCaring + 2;
  a.missedForCaring = forCaring;
  a.recordedAt = at("2024-04-10T09:00:00Z");
  a.corrects = corrects;
  return tx.schoolAttendance().add(a).value();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_school_attendance_test)

BOOST_AUTO_TEST_CASE(absence_for_caring_counts_terms_in_the_period_against_the_first_recorded_term) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  auto cases = s.february();  // 20 young carers
  {
    auto tx = s.app->store().begin(true);
    for (int i = 0; i < 5; ++i)
      cases.push_back(s.child(*tx, OrganisationKind::school, "2024-02-05T10:00:00Z", "2024-02-06T09:00:00Z"));
    std::vector<Id> youngCarers;
    for (Id c : cases) youngCarers.push_back(tx->cases().findById(c)->youngCarerId);
    // Autumn 2022/23, the baseline: 20 missed 10 of 140 sessions for caring, 5 missed none.
    for (std::size_t i = 0; i < 25; ++i)
      term(*tx, youngCarers[i], "2022/23", Term::autumn, 140, i < 20 ? 10 : 0);
    // Spring 2023/24 (ends 31 March 2024): 10 missed fewer; 6 missed 5 of 70, the same share as the
    // baseline, and 4 missed more; the 5 who missed none before missed some now, but had nothing to
    // reduce. What counts is the record in force: the first young carer's school said 30 first and
    // corrected it to 4, and the fourteenth's said 2 of 70 first and corrected it to 5.
    const Id wrong = term(*tx, youngCarers[0], "2023/24", Term::spring, 140, 30);
    const Id early = term(*tx, youngCarers[13], "2023/24", Term::spring, 70, 2);
    for (std::size_t i = 0; i < 25; ++i) {
      const std::optional<Id> corrects = i == 0    ? std::optional(wrong)
                                         : i == 13 ? std::optional(early)
                                                   : std::nullopt;
      if (i < 10)
        term(*tx, youngCarers[i], "2023/24", Term::spring, 140, 4, corrects);
      else if (i < 16)
        term(*tx, youngCarers[i], "2023/24", Term::spring, 70, 5, corrects);
      else
        term(*tx, youngCarers[i], "2023/24", Term::spring, 140, i < 20 ? 12 : 9);
    }
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  const std::string id = "absence_for_caring_reduced";
  auto march = indicator(s, id, "from=2024-03-01&to=2024-03-31");
  BOOST_TEST(march->get("numerator").toString() == "10");
  BOOST_TEST(march->get("denominator").toString() == "20");
  BOOST_TEST(march->get("value").toString() == "50");
  BOOST_TEST(march->getValue<std::string>("rag") == "amber");
  // The baseline term is no measure; nothing else ended between January and February.
  BOOST_TEST(indicator(s, id, "from=2022-12-01&to=2022-12-31")->get("denominator").toString() == "0");
  BOOST_TEST(indicator(s, id, "from=2024-01-01&to=2024-02-29")->get("denominator").toString() == "0");
}

BOOST_AUTO_TEST_SUITE_END()
