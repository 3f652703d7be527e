// The short breaks indicator (young_carers_receiving_short_breaks) through the API: young carers who
// attended a short break, trip or residential on a finalised register while their case was open, a month on
// average, through disclosure control.

#include <boost/test/unit_test.hpp>

#include "stats_service.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::stats_fixture;

namespace {

// An activity of `kind` run by the young carers service over [starts, ends], with a place for each case's
// young carer recorded as given, and its register finalised or not.
Id activity(Transaction& tx, ActivityKind kind, const std::string& starts, const std::string& ends,
            const std::vector<std::pair<Id, Attendance>>& places, bool finalised = true) {
  Activity a;
  a.organisationId = tx.organisations().findByName("Young carers service")->id;
  a.kind = kind;
  a.title = std::string(toString(kind));
  a.startsOn = *parseIsoDate(starts);
  a.endsOn = *parseIsoDate(ends);
  a.capacity = 30;
  a.createdAt = at("2024-02-20T09:00:00Z");
  a.id = tx.activities().add(a).value();
  for (const auto& [caseId, attendance] : places) {
    ActivityPlace p;
    p.activityId = a.id;
    p.youngCarerId = tx.cases().findById(caseId)->youngCarerId;
    p.offeredAt = a.createdAt;
    p.id = tx.activities().addPlace(p).value();
    p.attendance = attendance;
    if (attendance == Attendance::cancelled) p.reason = "Unwell";
    p.recordedAt = at(starts + "T17:00:00Z");
    BOOST_REQUIRE(static_cast<bool>(tx.activities().recordAttendance(p)));
  }
  if (finalised) BOOST_REQUIRE(static_cast<bool>(tx.activities().finalise(a.id, std::nullopt, a.createdAt)));
  return a.id;
}

// The breaks of March and April 2024 for the cases' young carers: 7 at a short break on 9 March, one of them
// at a trip too; one cancelled (with a reason) and one who did not attend; a residential from 29 March to 2
// April (March and April); a trip on 16 March whose register is taken but not finalised (its id returned);
// a group, which is not a break; and 6 on a trip on 6 April.
Id marchAndApril(Transaction& tx, const std::vector<Id>& cases) {
  const auto attended = Attendance::attended;
  std::vector<std::pair<Id, Attendance>> places;
  for (std::size_t i = 0; i < 7; ++i) places.emplace_back(cases[i], attended);
  places.emplace_back(cases[7], Attendance::cancelled);
  places.emplace_back(cases[8], Attendance::did_not_attend);
  activity(tx, ActivityKind::short_break, "2024-03-09", "2024-03-09", places);
  activity(tx, ActivityKind::trip, "2024-03-23", "2024-03-23", {{cases[0], attended}});
  activity(tx, ActivityKind::residential, "2024-03-29", "2024-04-02", {{cases[9], attended}});
  const Id unfinalised =
      activity(tx, ActivityKind::trip, "2024-03-16", "2024-03-16", {{cases[10], attended}}, false);
  activity(tx, ActivityKind::group, "2024-03-12", "2024-03-12", {{cases[11], attended}});
  places.clear();
  for (std::size_t i = 13; i < 19; ++i) places.emplace_back(cases[i], attended);
  activity(tx, ActivityKind::trip, "2024-04-06", "2024-04-06", places);
  return unfinalised;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_short_breaks_test)

BOOST_AUTO_TEST_CASE(short_breaks_count_children_who_attended_a_break_on_a_finalised_register) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  auto cases = s.february();  // 20 cases opened 5 February 2024
  const auto attended = Attendance::attended;
  Id unfinalised = 0;
  {
    auto tx = s.app->store().begin(true);
    unfinalised = marchAndApril(*tx, cases);
    // A trip on 20 March for a child whose case closed on 1 March.
    CaseEvent close;
    close.caseId = cases[12];
    close.at = at("2024-03-01T10:00:00Z");
    close.event = "close";
    close.fromState = CaseState::screening;
    close.toState = CaseState::closed;
    BOOST_REQUIRE(static_cast<bool>(tx->cases().appendEvent(close)));
    activity(*tx, ActivityKind::trip, "2024-03-20", "2024-03-20", {{cases[12], attended}});
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  // The figure is young carers a month on average, so that it adds up from monthly cells like every other
  // protected figure (disclosure.h): March has 8 (the 7 and the residential).
  auto march = indicator(s, "young_carers_receiving_short_breaks", "from=2024-03-01&to=2024-03-31");
  BOOST_TEST(march->getValue<bool>("available"));
  BOOST_TEST(march->get("numerator").toString() == "8");
  BOOST_TEST(march->getValue<std::string>("note").find("finalised") != std::string::npos);
  // April has 7 (the residential and the 6): 7.5 a month over March and April, shown as 8.
  auto april = indicator(s, "young_carers_receiving_short_breaks", "from=2024-04-01&to=2024-04-30");
  BOOST_TEST(april->get("numerator").toString() == "7");
  BOOST_TEST(indicator(s, "young_carers_receiving_short_breaks", "from=2024-03-01&to=2024-04-30")
                 ->get("numerator")
                 .toString() == "8");
  // Over the first quarter, 8 in March alone: 2.7 a month, suppressed under dfe.
  auto q1 = indicator(s, "young_carers_receiving_short_breaks", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "suppressed");
  BOOST_TEST(indicator(s, "young_carers_receiving_short_breaks", "from=2024-02-01&to=2024-02-29")
                 ->get("numerator")
                 .toString() == "0");
  // Finalising the trip's register makes its attendance a fact: March has 9.
  {
    auto tx = s.app->store().begin(true);
    BOOST_REQUIRE(
        static_cast<bool>(tx->activities().finalise(unfinalised, std::nullopt, at("2024-04-15T09:00:00Z"))));
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  march = indicator(s, "young_carers_receiving_short_breaks", "from=2024-03-01&to=2024-03-31");
  BOOST_TEST(march->get("numerator").toString() == "9");
}

// Places attended, not young carers: the one at the short break and the trip is two places; the residential
// counts in March, its first day; cancelled, did-not-attend, group and unfinalised places do not count.
BOOST_AUTO_TEST_CASE(commissioners_count_breaks_attended_by_the_month_they_start) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  auto cases = s.february();  // 20 cases opened 5 February 2024
  Id unfinalised = 0;
  {
    auto tx = s.app->store().begin(true);
    unfinalised = marchAndApril(*tx, cases);
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  const std::string march = "/api/v1/stats/counts?measure=breaks_attended&from=2024-03-01&to=2024-03-31";
  // 9 places attended (by 8 young carers): fewer than the minimum of 10, so withheld.
  BOOST_TEST(s.get(march).json()->getValue<bool>("withheld") == true);
  {
    auto tx = s.app->store().begin(true);
    BOOST_REQUIRE(
        static_cast<bool>(tx->activities().finalise(unfinalised, std::nullopt, at("2024-04-15T09:00:00Z"))));
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  // Finalised, the trip's place counts: 10 places.
  auto finalised = s.get(march).json();
  BOOST_TEST(finalised->getValue<bool>("withheld") == false);
  BOOST_TEST(finalised->get("total").toString() == "10");
  // March and April: 16 places by 15 young carers, by the month each break started.
  auto both =
      s.get("/api/v1/stats/counts?measure=breaks_attended&by=month&from=2024-03-01&to=2024-04-30").json();
  BOOST_TEST(both->getValue<bool>("withheld") == false);
  BOOST_TEST(both->get("total").toString() == "16");
  auto rows = both->getArray("rows");
  std::map<std::string, std::string> byMonth;
  for (std::size_t i = 0; i < rows->size(); ++i)
    byMonth[rows->getObject(static_cast<unsigned>(i))->getValue<std::string>("month")] =
        rows->getObject(static_cast<unsigned>(i))->get("count").toString();
  BOOST_TEST(byMonth["2024-03"] == "10");
  BOOST_TEST(byMonth["2024-04"] == "6");
}

BOOST_AUTO_TEST_SUITE_END()
