// Several young carers services on one register (issue 21 item 5), through HTTP and the pages: a
// referral from any door goes to the service for the child's home area; each service's staff see
// their own cases only; a child who moves is transferred with their history by a team manager; a
// configuration that would give referrals to nobody stops the service at start, naming the setting;
// a service with open cases is not deactivated.

#include <boost/test/unit_test.hpp>
#include <functional>
#include <map>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::Reply;

namespace {

const char* kCity = "Leicester City young carers";
const char* kCounty = "Leicestershire young carers";

struct RegionFixture : test_support::SessionPagesFixture {
  Id city = 0, county = 0, school = 0;
  std::string champion, cityWorker, cityManager, countyWorker, countyManager;

  RegionFixture() : SessionPagesFixture("routing", "2025-06-02T10:00:00Z") {
    config.intakeTeam = kCounty;
    create();
    city = organisation(kCity, OrganisationKind::carers_centre);
    county = organisation(kCounty, OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    user("champion", Role::referrer, school);
    user("city_worker", Role::caseworker, city);
    user("city_manager", Role::team_manager, city);
    user("county_worker", Role::caseworker, county);
    user("county_manager", Role::team_manager, county);
    BOOST_REQUIRE(config.set("young_carers_service_by_district", std::string("LE1, LE2, LE3: ") + kCity));
    restart();
  }
  // The mapped organisations are checked at start, so the App starts again once they exist.
  void restart() {
    app.reset();
    start();
    champion = signIn("champion");
    cityWorker = signIn("city_worker");
    cityManager = signIn("city_manager");
    countyWorker = signIn("county_worker");
    countyManager = signIn("county_manager");
  }
  Reply refer(const std::string& given, const std::string& postcode, const std::string& dob = "2012-04-03") {
    return send("POST", "/api/v1/referrals",
                R"({"young_person":{"given_name":")" + given +
                    R"(","family_name":"O'Brien","date_of_birth":")" + dob + R"(","postcode":")" + postcode +
                    R"("},"caring_summary":"Helps mum with her medication","young_person_aware":true,)"
                    R"("parent_aware":true})",
                champion);
  }
  // The case of the only young carer called `given` on the register, whoever owns it.
  Case caseOf(const std::string& given) {
    auto tx = app->store().begin(false);
    YoungCarerQuery q;
    q.text = given;
    auto found = tx->youngCarers().search(q);
    BOOST_REQUIRE_EQUAL(found.items.size(), 1u);
    auto c = tx->cases().findByYoungCarer(found.items.front().id);
    BOOST_REQUIRE(c);
    return *c;
  }
  int status(const std::string& token, Id caseId) {
    return send("GET", "/api/v1/cases/" + std::to_string(caseId), "", token).status;
  }
  Reply event(Id caseId, const std::string& body, const std::string& token) {
    return send("POST", "/api/v1/cases/" + std::to_string(caseId) + "/events", body, token);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(service_routing)

BOOST_AUTO_TEST_CASE(a_referral_goes_to_the_service_for_the_childs_area_and_only_its_staff_see_it) {
  RegionFixture f;
  BOOST_REQUIRE_EQUAL(f.refer("Amy", "LE2 7GH").status, 201);
  BOOST_REQUIRE_EQUAL(f.refer("Bea", "LE67 1AB").status, 201);  // LE67 is not LE1-3: the county's
  BOOST_REQUIRE_EQUAL(f.refer("Cat", "NG1 1AA").status, 201);   // outside the region: intake_team
  const Case amy = f.caseOf("Amy"), bea = f.caseOf("Bea"), cat = f.caseOf("Cat");
  BOOST_TEST(amy.ownerTeam == kCity);
  BOOST_TEST(bea.ownerTeam == kCounty);
  BOOST_TEST(cat.ownerTeam == kCounty);
  BOOST_TEST(f.status(f.cityWorker, amy.id) == 200);
  BOOST_TEST(f.status(f.countyWorker, amy.id) == 404);
  BOOST_TEST(f.status(f.countyWorker, bea.id) == 200);
  BOOST_TEST(f.status(f.cityWorker, bea.id) == 404);
  auto cityList = f.send("GET", "/api/v1/cases", "", f.cityWorker).json();
  BOOST_TEST(cityList->getValue<int>("total") == 1);
  // The young person's record is theirs too: the other service's search does not find it.
  BOOST_TEST(f.send("GET", "/api/v1/young-carers?q=Amy", "", f.countyWorker).json()->getValue<int>("total") ==
             0);
}

BOOST_AUTO_TEST_CASE(a_known_child_keeps_their_service_while_open_and_is_reopened_where_they_now_live) {
  RegionFixture f;
  BOOST_REQUIRE_EQUAL(f.refer("Dot", "LE2 7GH").status, 201);
  const Case first = f.caseOf("Dot");
  // A second door, with the new address, while the case is open: the same case, the same service.
  BOOST_REQUIRE_EQUAL(f.refer("Dot", "LE67 1AB").status, 201);
  BOOST_TEST(f.caseOf("Dot").id == first.id);
  BOOST_TEST(f.caseOf("Dot").ownerTeam == kCity);
  // Closed, then referred again from the county: reopened there, one record, one case.
  auto closed = f.event(first.id, R"({"event":"close","close_reason":"moved_away"})", f.cityManager);
  BOOST_REQUIRE_MESSAGE(closed.status == 200, closed.body);
  BOOST_REQUIRE_EQUAL(f.refer("Dot", "LE67 1AB").status, 201);
  const Case reopened = f.caseOf("Dot");
  BOOST_TEST(reopened.id == first.id);
  BOOST_TEST(reopened.ownerTeam == kCounty);
  BOOST_TEST(f.status(f.countyWorker, first.id) == 200);
  BOOST_TEST(f.status(f.cityWorker, first.id) == 404);
}

BOOST_AUTO_TEST_CASE(a_team_manager_transfers_a_case_with_its_history_and_the_receiving_service_is_told) {
  RegionFixture f;
  BOOST_REQUIRE_EQUAL(f.refer("Eve", "LE2 7GH").status, 201);
  const Id id = f.caseOf("Eve").id;
  BOOST_REQUIRE_EQUAL(f.event(id, R"({"event":"acknowledge"})", f.cityWorker).status, 200);
  const std::string to = std::string(R"({"event":"assign","assign_team":")") + kCounty +
                         R"(","reason":"The family moved to Loughborough"})";
  // Only a team manager moves a case out of the service.
  BOOST_TEST(f.event(id, to, f.cityWorker).isProblem(403));
  // Never to a name that is no service: that was a case nobody could see.
  auto nowhere = f.event(id, R"({"event":"assign","assign_team":"Young carers servce"})", f.cityManager);
  BOOST_TEST(nowhere.isProblem(422));
  BOOST_TEST(nowhere.firstErrorField() == "assign_team");
  BOOST_TEST(
      f.event(id, R"({"event":"assign","assign_team":"Hamilton Academy"})", f.cityManager).isProblem(422));
  // A worker of the sending service cannot go with it.
  auto withWorker = f.event(id,
                            std::string(R"({"event":"assign","assign_team":")") + kCounty +
                                R"(","assign_to":)" + std::to_string(f.findUser("city_worker")->id) + "}",
                            f.cityManager);
  BOOST_TEST(withWorker.isProblem(422));
  BOOST_TEST(withWorker.firstErrorField() == "assign_to");
  // Nor without saying why: the receiving service has only the timeline to go on.
  auto unexplained =
      f.event(id, std::string(R"({"event":"assign","assign_team":")") + kCounty + R"(","reason":"  "})",
              f.cityManager);
  BOOST_TEST(unexplained.isProblem(422));
  BOOST_TEST(unexplained.firstErrorField() == "reason");
  BOOST_TEST(f.caseOf("Eve").ownerTeam == kCity);  // none of those moved it

  auto moved = f.event(id, to, f.cityManager);
  BOOST_REQUIRE_MESSAGE(moved.status == 200, moved.body);
  const Case after = f.caseOf("Eve");
  BOOST_TEST(after.ownerTeam == kCounty);
  BOOST_TEST(!after.ownerUserId);                     // the receiving service allocates
  BOOST_TEST((after.state == CaseState::screening));  // the pathway and its clocks go on where they were
  BOOST_TEST(f.status(f.cityManager, id) == 404);
  BOOST_TEST(f.status(f.countyWorker, id) == 200);
  // The history goes with it: the referral, the acknowledgement and the transfer, with its reason.
  auto timeline = f.send("GET", "/api/v1/cases/" + std::to_string(id) + "/timeline", "", f.countyWorker);
  BOOST_REQUIRE_EQUAL(timeline.status, 200);
  BOOST_TEST(contains(timeline.body, "acknowledge"));
  BOOST_TEST(contains(timeline.body, std::string("Transferred from ") + kCity + " to " + kCounty +
                                         ": The family moved to Loughborough"));
  // The receiving service is told, with the case number only.
  auto tx = f.app->store().begin(false);
  bool told = false;
  for (const auto& n : tx->notices().forCase(id))
    if (n.kind == "case_transferred") {
      told = true;
      BOOST_TEST((n.recipientOrganisationId == std::optional<Id>(f.county)));
      BOOST_TEST(!contains(n.subject + n.body, "Eve"));
      BOOST_TEST(!contains(n.subject + n.body, "O'Brien"));
    }
  BOOST_TEST(told);
  AuditQuery q;
  q.recordType = "case";
  q.recordId = std::to_string(id);
  q.limit = 100;
  bool audited = false;
  for (const auto& e : tx->audit().query(q).items)
    audited = audited || contains(e.detail, "transferred to organisation " + std::to_string(f.county));
  BOOST_TEST(audited);
}

// A region's commissioners count by service; a transfer moves the child's counts with the case.
BOOST_AUTO_TEST_CASE(a_regions_counts_break_down_by_service_and_follow_a_transfer) {
  RegionFixture f;
  BOOST_REQUIRE_EQUAL(f.refer("Ada", "LE2 7GH").status, 201);
  BOOST_REQUIRE_EQUAL(f.refer("Bea", "LE1 1AA").status, 201);
  BOOST_REQUIRE_EQUAL(f.refer("Cat", "LE12 9AB").status, 201);
  auto openByService = [&] {
    auto tx = f.app->store().begin(true);  // a writer reads counts settled up to its own moment
    std::map<std::string, long long> out;
    for (const auto& row : tx->statistics()
                               .count({Measure::open_cases,
                                       {Dimension::service},
                                       *parseIsoDate("2025-06-01"),
                                       *parseIsoDate("2025-06-30")})
                               .rows)
      out[row.values.at(0)] = row.count;
    return out;
  };
  BOOST_TEST((openByService() == std::map<std::string, long long>{{kCity, 2}, {kCounty, 1}}));
  const Id id = f.caseOf("Bea").id;
  auto moved = f.event(id,
                       std::string(R"({"event":"assign","assign_team":")") + kCounty +
                           R"(","reason":"The family moved to Loughborough"})",
                       f.cityManager);
  BOOST_REQUIRE_MESSAGE(moved.status == 200, moved.body);
  BOOST_TEST((openByService() == std::map<std::string, long long>{{kCity, 1}, {kCounty, 2}}));

  // Commissioners ask for it by name, through the API and the counts page, under disclosure control.
  f.user("commissioner", Role::commissioner, f.organisation("Region", OrganisationKind::commissioner));
  const std::string commissioner = f.signIn("commissioner");
  auto api = f.send(
      "GET", "/api/v1/stats/counts?measure=referrals_received&by=service&from=2025-06-01&to=2025-06-30", "",
      commissioner);
  BOOST_REQUIRE_MESSAGE(api.status == 200, api.body);
  BOOST_TEST(api.json()->getArray("by")->getElement<std::string>(0) == "service");
  BOOST_TEST(api.json()->getValue<bool>("withheld"));  // three children are too few to publish
  auto page = f.get("/reports/counts?measure=referrals_received&by=service&from=2025-06-01&to=2025-06-30",
                    f.sessionFor("commissioner"));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, "<option value=\"service\" selected>Young carers service</option>"));
  BOOST_TEST(contains(page.body, "These figures are withheld"));  // three children are too few
}

BOOST_AUTO_TEST_CASE(the_transfer_page_asks_which_service_and_why_and_the_case_leaves_the_list) {
  RegionFixture f;
  BOOST_REQUIRE_EQUAL(f.refer("Fay", "LE2 7GH").status, 201);
  const Id id = f.caseOf("Fay").id;
  const std::string page = "/cases/" + std::to_string(id);
  const std::string manager = f.sessionFor("city_manager");
  BOOST_TEST(contains(f.get(page, manager).body, page + "/transfer"));
  BOOST_TEST(!contains(f.get(page, f.sessionFor("city_worker")).body, page + "/transfer"));
  BOOST_TEST(f.get(page + "/transfer", f.sessionFor("city_worker")).status == 403);
  auto form = f.get(page + "/transfer", manager);
  BOOST_REQUIRE_EQUAL(form.status, 200);
  BOOST_TEST(contains(form.body, kCounty));
  BOOST_TEST(!contains(form.body, std::string("value=\"") + kCity));  // not to itself
  auto missing = f.post(page + "/transfer", manager, "assign_team=&reason=");
  BOOST_TEST(missing.status == 422);
  BOOST_TEST(contains(missing.body, "Select the young carers service taking the case"));
  BOOST_TEST(contains(missing.body, "Enter why the case is moving"));
  auto done = f.post(page + "/transfer", manager,
                     "assign_team=" + test_support::urlEncode(kCounty) +
                         "&reason=" + test_support::urlEncode("Moved to <b>Loughborough</b> & Co"));
  BOOST_REQUIRE_EQUAL(done.status, 303);
  const std::string to = test_support::header(done, "Location");
  BOOST_TEST(to == "/cases?transferred=" + std::to_string(id));
  BOOST_TEST(contains(f.get(to, manager).body, "Case " + std::to_string(id) + " was transferred"));
  BOOST_TEST(f.get(page, manager).status == 404);
  auto received = f.get(page, f.sessionFor("county_worker"));
  BOOST_REQUIRE_EQUAL(received.status, 200);
  BOOST_TEST(contains(received.body, "Moved to &lt;b&gt;Loughborough&lt;/b&gt; &amp; Co"));
}

BOOST_AUTO_TEST_CASE(a_configuration_that_routes_referrals_to_nobody_stops_the_start) {
  RegionFixture f;
  f.app.reset();
  auto refused = [&f](const std::function<void(Config&)>& change, const std::string& setting,
                      const std::string& says, bool atCreate) {
    Config c = f.config;
    change(c);
    auto created = App::create(c, f.clock, f.ids);
    Status checked = created ? created.value()->checkIntakeService() : Status(created.error());
    BOOST_REQUIRE(!checked);
    BOOST_TEST(static_cast<bool>(created) != atCreate);
    BOOST_TEST(checked.error().fields.at(0).field == setting);
    BOOST_TEST(contains(checked.error().detail, says), checked.error().detail);
  };
  refused([](Config& c) { c.intakeTeam = "Young carers service"; }, "intake_team",
          "not an organisation on the register", false);
  refused([](Config& c) { c.intakeTeam = "Hamilton Academy"; }, "intake_team",
          "not a carers centre organisation", false);
  refused(
      [](Config& c) {
        BOOST_REQUIRE(c.set("young_carers_service_by_district", "LE4: Leicester young carer"));
      },
      "young_carers_service_by_district", "not an organisation on the register", true);
  // Named rightly, it starts and takes referrals.
  auto created = App::create(f.config, f.clock, f.ids);
  BOOST_REQUIRE(created);
  BOOST_TEST(static_cast<bool>(created.value()->checkIntakeService()));
}

BOOST_AUTO_TEST_CASE(a_service_with_open_cases_is_not_deactivated_and_a_closed_one_is_passed_over) {
  RegionFixture f;
  Id admins = f.organisation("Register administration", OrganisationKind::carers_centre);
  f.user("admin", Role::admin, admins);
  const std::string admin = f.signIn("admin");
  BOOST_REQUIRE_EQUAL(f.refer("Gil", "LE2 7GH").status, 201);
  auto refused = f.send("POST", "/api/v1/organisations/" + std::to_string(f.city) + "/deactivate", "", admin);
  BOOST_TEST(refused.isProblem(409));
  BOOST_TEST(contains(refused.body, "1 open case"), refused.body);
  // intake_team's service is never deactivated while it is named: unmapped referrals go there.
  auto intake =
      f.send("POST", "/api/v1/organisations/" + std::to_string(f.county) + "/deactivate", "", admin);
  BOOST_TEST(intake.isProblem(409));
  BOOST_TEST(contains(intake.body, "intake_team"), intake.body);
  // Transferred, the city service can close once no setting routes referrals to it; its area's
  // referrals then go to the default service.
  const Id gil = f.caseOf("Gil").id;
  BOOST_REQUIRE_EQUAL(
      f.event(gil, std::string(R"({"event":"assign","assign_team":")") + kCounty + R"(","reason":"Moved"})",
              f.cityManager)
          .status,
      200);
  const std::string deactivateCity = "/api/v1/organisations/" + std::to_string(f.city) + "/deactivate";
  auto mapped = f.send("POST", deactivateCity, "", admin);
  BOOST_TEST(mapped.isProblem(409));
  BOOST_TEST(contains(mapped.body, "young_carers_service_by_district"), mapped.body);
  BOOST_REQUIRE(f.config.set("young_carers_service_by_district", ""));
  f.restart();
  BOOST_REQUIRE_EQUAL(f.send("POST", deactivateCity, "", f.signIn("admin")).status, 200);
  BOOST_REQUIRE_EQUAL(f.refer("Hal", "LE2 7GH").status, 201);
  BOOST_TEST(f.caseOf("Hal").ownerTeam == kCounty);
}

BOOST_AUTO_TEST_CASE(with_no_active_service_a_referral_is_refused_as_unavailable_and_nothing_is_kept) {
  test_support::ServiceFixture f("routing-none", "2025-06-02T10:00:00Z");
  f.start();
  // A register being set up, with no organisation yet, starts (the package starts the service first).
  BOOST_TEST(static_cast<bool>(f.app->checkIntakeService()));
  Id school = f.organisation("Hamilton Academy", OrganisationKind::school);
  f.user("champion", Role::referrer, school);
  auto r = f.send("POST", "/api/v1/referrals",
                  R"({"young_person":{"given_name":"Ivy","family_name":"Shah","date_of_birth":"2012-04-03",)"
                  R"("postcode":"LE2 7GH"},"caring_summary":"Helps dad","young_person_aware":true,)"
                  R"("parent_aware":true})",
                  f.signIn("champion"));
  BOOST_TEST(r.isProblem(503));
  auto tx = f.app->store().begin(false);
  BOOST_TEST(tx->referrals().listByOrganisation(school, 10, 0).total == 0);
}

BOOST_AUTO_TEST_SUITE_END()
