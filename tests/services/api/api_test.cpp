// In-process HTTP tests of the foundation routes: a real server on port 0, a fixed clock,
// and a temporary database per test.

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;

namespace {

using test_support::kPassword;
using test_support::Reply;

struct Server : test_support::ServiceFixture {
  Id youngCarersService = 0, school = 0, otherSchool = 0;

  Server() : ServiceFixture("api", "2023-12-22T10:00:00Z") {  // a Friday before Christmas
    config.maxBodyBytes = 64 * 1024;
    start();
    youngCarersService = organisation("Young carers service", OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    otherSchool = organisation("Soar Valley College", OrganisationKind::school);
    user("caseworker1", Role::caseworker, youngCarersService);
    user("manager1", Role::team_manager, youngCarersService);
    user("champion1", Role::referrer, school);
    user("champion2", Role::referrer, otherSchool);
    user("commissioner1", Role::commissioner, youngCarersService);
  }
  void restart() {
    app.reset();
    start();
  }
};

std::string referralBody(const std::string& given = "Zoë", const std::string& family = "O'Brien",
                         const std::string& dob = "2012-04-03", const std::string& postcode = "le2 7gh",
                         const std::string& extra = "") {
  return R"({"young_person":{"given_name":")" + given + R"(","family_name":")" + family +
         R"(","date_of_birth":")" + dob + R"(","postcode":")" + postcode +
         R"("},"caring_summary":"Helps mum with her medication and looks after her brother",)" +
         R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],"known_to_adult_social_care":false}])" +
         extra + "}";
}

bool isProblem(const Reply& r, int status) {
  return r.status == status && r.contentType.rfind("application/problem+json", 0) == 0 &&
         r.json()->has("type") && r.json()->has("title") && r.json()->has("detail") &&
         r.json()->has("errors");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api_test)

BOOST_AUTO_TEST_CASE(health_version_and_openapi_are_public) {
  Server s;
  auto h = s.send("GET", "/healthz");
  BOOST_TEST(h.status == 200);
  BOOST_TEST(h.str("database") == "ok");
  auto v = s.send("GET", "/api/v1/version");
  BOOST_TEST(v.status == 200);
  BOOST_TEST(v.str("name") == "ycr");
  auto o = s.send("GET", "/api/v1/openapi.json");
  BOOST_TEST(o.status == 200);
  BOOST_TEST(o.json()->has("openapi"));
}

BOOST_AUTO_TEST_CASE(sign_in_gives_a_token_and_sign_out_ends_it) {
  Server s;
  auto token = s.signIn("caseworker1");
  BOOST_TEST(token.size() >= 43);  // 256 bits, base64url
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", token).status == 200);
  BOOST_TEST(s.send("DELETE", "/api/v1/sessions/current", "", token).status == 204);
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases", "", token), 401));
}

BOOST_AUTO_TEST_CASE(wrong_password_and_unknown_user_get_the_same_answer) {
  Server s;
  auto wrong =
      s.send("POST", "/api/v1/sessions", R"({"username":"caseworker1","password":"not the password"})");
  auto unknown =
      s.send("POST", "/api/v1/sessions", R"({"username":"nobody-here","password":"not the password"})");
  BOOST_TEST(isProblem(wrong, 401));
  BOOST_TEST(isProblem(unknown, 401));
  BOOST_TEST(wrong.body == unknown.body);
}

BOOST_AUTO_TEST_CASE(repeated_failures_are_throttled_with_retry_after) {
  Server s;
  Reply last;
  for (int i = 0; i < 6; ++i)
    last = s.send("POST", "/api/v1/sessions", R"({"username":"caseworker1","password":"guess number one"})");
  BOOST_TEST(isProblem(last, 429));
  BOOST_TEST(last.headers.has("Retry-After"));
  // Even the right password waits until the delay has passed.
  auto right = s.send("POST", "/api/v1/sessions",
                      R"({"username":"caseworker1","password":")" + std::string(kPassword) + "\"}");
  BOOST_TEST(right.status == 429);
  s.clock.advance(std::chrono::minutes(20));
  BOOST_TEST(s.send("POST", "/api/v1/sessions",
                    R"({"username":"caseworker1","password":")" + std::string(kPassword) + "\"}")
                 .status == 201);
}

BOOST_AUTO_TEST_CASE(sessions_expire_when_idle) {
  Server s;
  auto token = s.signIn("caseworker1");
  s.clock.advance(std::chrono::minutes(29));
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", token).status == 200);  // activity extends the session
  s.clock.advance(std::chrono::minutes(29));
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", token).status == 200);
  s.clock.advance(std::chrono::minutes(31));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases", "", token), 401));
}

BOOST_AUTO_TEST_CASE(every_error_status_is_problem_json) {
  Server s;
  auto cw = s.signIn("caseworker1");
  auto champion = s.signIn("champion1");
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/no-such-route"), 404));
  BOOST_TEST(isProblem(s.send("PUT", "/api/v1/referrals", "{}", cw), 405));
  BOOST_TEST(s.send("PUT", "/api/v1/referrals", "{}", cw).headers.get("Allow", "").find("POST") !=
             std::string::npos);
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases"), 401));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases", "", "made-up-token"), 401));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/young-carers?q=zoe", "", champion), 403));
  BOOST_TEST(isProblem(s.send("POST", "/api/v1/referrals", "{not json", champion), 400));
  BOOST_TEST(isProblem(s.send("POST", "/api/v1/referrals", "[1,2]", champion), 400));
  BOOST_TEST(isProblem(s.send("POST", "/api/v1/referrals", referralBody(), champion, "text/plain"), 415));
  BOOST_TEST(isProblem(s.send("POST", "/api/v1/referrals", std::string(70 * 1024, ' '), champion), 413));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases/999999", "", cw), 404));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases/abc", "", cw), 404));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases?state=nonsense", "", cw), 422));
  // Nothing internal reaches a response.
  auto bad = s.send("POST", "/api/v1/referrals", "{not json", champion);
  BOOST_TEST(bad.body.find("Poco") == std::string::npos);
  BOOST_TEST(bad.body.find("SQL") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(validation_names_every_bad_field_and_unknown_fields) {
  Server s;
  auto champion = s.signIn("champion1");
  auto r = s.send(
      "POST", "/api/v1/referrals",
      R"({"young_person":{"given_name":"","family_name":"Sm1th","date_of_birth":"2012-02-30","postcode":"NOT A CODE","school_urn":"12"},"caring_summary":"x","colour":"blue"})",
      champion);
  BOOST_REQUIRE(isProblem(r, 422));
  std::set<std::string> fields;
  auto errors = r.json()->getArray("errors");
  for (std::size_t i = 0; i < errors->size(); ++i)
    fields.insert(errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("field"));
  for (const char* f : {"young_person.given_name", "young_person.family_name", "young_person.date_of_birth",
                        "young_person.postcode", "young_person.school_urn", "colour"})
    BOOST_TEST_CONTEXT(f) {
      BOOST_TEST(fields.count(f) == 1);
    }
  auto wrongType =
      s.send("POST", "/api/v1/referrals", R"({"young_person":"Zoe","caring_summary":42})", champion);
  BOOST_TEST(isProblem(wrongType, 422));
}

// Young adult carers (18 to 25) are taken (young_adult_carers_test.cpp); older adults are refused.
BOOST_AUTO_TEST_CASE(future_dates_of_birth_and_adults_over_25_are_refused) {
  Server s;
  auto champion = s.signIn("champion1");
  auto future = s.send("POST", "/api/v1/referrals", referralBody("Amy", "Jones", "2024-06-01"), champion);
  BOOST_TEST(isProblem(future, 422));
  BOOST_TEST(future.firstErrorField() == "young_person.date_of_birth");
  auto adult = s.send("POST", "/api/v1/referrals", referralBody("Amy", "Jones", "1997-06-01"), champion);
  BOOST_TEST(isProblem(adult, 422));
  BOOST_TEST(adult.firstErrorField() == "young_person.date_of_birth");
  BOOST_TEST(adult.str("detail").find("adult carers' service") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_referral_gets_a_reference_and_a_decision_due_date_on_the_working_day_calendar) {
  Server s;
  auto champion = s.signIn("champion1");
  auto r = s.send("POST", "/api/v1/referrals", referralBody(), champion);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  BOOST_TEST(r.str("reference").rfind("YCR-", 0) == 0);
  BOOST_TEST(r.str("status") == "received");
  // Received Friday 22 December 2023: decided by Wednesday 27 December (25 and 26 are bank holidays).
  BOOST_TEST(r.str("decision_due") == "2023-12-27");
  auto mine = s.send("GET", "/api/v1/referrals/" + r.str("reference"), "", champion);
  BOOST_TEST(mine.status == 200);
  BOOST_TEST(mine.str("status") == "received");
  // The referrer sees the status, never the case.
  BOOST_TEST(!mine.json()->has("case_id"));
  BOOST_TEST(!mine.json()->has("caring_summary"));
}

BOOST_AUTO_TEST_CASE(a_second_referral_about_the_same_child_joins_their_record) {
  Server s;
  auto champion = s.signIn("champion1");
  auto first =
      s.send("POST", "/api/v1/referrals", referralBody("Zoë", "O'Brien", "2012-04-03", "LE2 7GH"), champion);
  auto second =
      s.send("POST", "/api/v1/referrals", referralBody("ZOE", "OBrien", "2012-04-03", "le27gh"), champion);
  BOOST_REQUIRE(first.status == 201);
  BOOST_REQUIRE(second.status == 201);
  BOOST_TEST(first.str("reference") != second.str("reference"));
  auto cw = s.signIn("caseworker1");
  auto cases = s.send("GET", "/api/v1/cases", "", cw);
  BOOST_TEST(cases.json()->getValue<int>("total") == 1);
  auto found = s.send("GET", "/api/v1/young-carers?q=zoe", "", cw);
  BOOST_TEST(found.json()->getValue<int>("total") == 1);
}

BOOST_AUTO_TEST_CASE(referrers_see_only_their_own_organisations_referrals) {
  Server s;
  auto champion1 = s.signIn("champion1");
  auto champion2 = s.signIn("champion2");
  auto r = s.send("POST", "/api/v1/referrals", referralBody(), champion1);
  BOOST_REQUIRE(r.status == 201);
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/referrals/" + r.str("reference"), "", champion2), 404));
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", champion2).json()->getValue<int>("total") == 0);
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", champion1).json()->getValue<int>("total") == 1);
  // Commissioners see no child's record.
  auto commissioner = s.signIn("commissioner1");
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/referrals", "", commissioner), 403));
  BOOST_TEST(isProblem(s.send("GET", "/api/v1/cases", "", commissioner), 403));
}

BOOST_AUTO_TEST_CASE(a_safeguarding_concern_goes_straight_to_safeguarding) {
  Server s;
  auto champion = s.signIn("champion1");
  auto r =
      s.send("POST", "/api/v1/referrals",
             referralBody("Amy", "Jones", "2011-05-06", "LE3 1AA",
                          R"(,"safeguarding_concern":true,"safeguarding_detail":"Left alone overnight")"),
             champion);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  auto cw = s.signIn("caseworker1");
  auto list = s.send("GET", "/api/v1/cases?state=safeguarding", "", cw);
  BOOST_TEST(list.json()->getValue<int>("total") == 1);
}

BOOST_AUTO_TEST_CASE(cases_move_only_by_allowed_events_and_refusals_explain_why) {
  Server s;
  auto champion = s.signIn("champion1");
  BOOST_REQUIRE(s.send("POST", "/api/v1/referrals", referralBody(), champion).status == 201);
  auto cw = s.signIn("caseworker1");
  auto list = s.send("GET", "/api/v1/cases", "", cw).json();
  auto id = list->getArray("items")->getObject(0)->getValue<int>("id");
  std::string path = "/api/v1/cases/" + std::to_string(id);
  auto view = s.send("GET", path, "", cw);
  BOOST_TEST(view.str("state") == "referred");
  // A whole-family task for adult services: the cared-for parent is not known to them.
  BOOST_TEST(view.json()->getArray("tasks")->size() == 1);

  auto refused = s.send("POST", path + "/events", R"({"event":"agree_plan"})", cw);
  BOOST_REQUIRE(isProblem(refused, 409));
  BOOST_TEST(refused.json()->getArray("allowed_events")->size() > 0);
  BOOST_TEST(s.send("GET", path, "", cw).str("state") == "referred");  // nothing changed

  auto ack = s.send("POST", path + "/events", R"({"event":"acknowledge"})", cw);
  BOOST_REQUIRE_MESSAGE(ack.status == 200, ack.body);
  BOOST_TEST(ack.str("state") == "screening");
  auto needsReason = s.send("POST", path + "/events", R"({"event":"escalate_safeguarding"})", cw);
  BOOST_TEST(isProblem(needsReason, 422));
  auto unknownEvent = s.send("POST", path + "/events", R"({"event":"teleport"})", cw);
  BOOST_TEST(isProblem(unknownEvent, 422));
  BOOST_TEST(s.send("POST", path + "/events", R"({"event":"accept_for_assessment"})", cw).str("state") ==
             "awaiting_assessment");
  // Closing as "needs met" is a team manager's decision.
  BOOST_TEST(isProblem(
      s.send("POST", path + "/events", R"({"event":"close","close_reason":"needs_met"})", cw), 422));
  auto manager = s.signIn("manager1");
  BOOST_TEST(s.send("POST", path + "/events", R"({"event":"close","close_reason":"needs_met"})", manager)
                 .str("state") == "closed");
  auto timeline = s.send("GET", path + "/timeline", "", cw).json()->getArray("events");
  BOOST_TEST(timeline->size() == 4);  // received, acknowledge, accept, close
  // A new referral reopens the closed case rather than creating another.
  BOOST_REQUIRE(s.send("POST", "/api/v1/referrals", referralBody(), champion).status == 201);
  auto reopened = s.send("GET", path, "", cw);
  BOOST_TEST(reopened.str("state") == "referred");
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", cw).json()->getValue<int>("total") == 1);
}

BOOST_AUTO_TEST_CASE(overdue_list_follows_the_real_calendar) {
  Server s;
  auto champion = s.signIn("champion1");
  BOOST_REQUIRE(s.send("POST", "/api/v1/referrals", referralBody(), champion).status == 201);
  auto cw = s.signIn("caseworker1");
  s.clock.set(*parseIsoTimestamp("2023-12-27T10:00:00Z"));  // the due day: not yet overdue
  cw = s.signIn("caseworker1");
  BOOST_TEST(s.send("GET", "/api/v1/cases?overdue=true", "", cw).json()->getValue<int>("total") == 0);
  s.clock.set(*parseIsoTimestamp("2023-12-28T10:00:00Z"));
  cw = s.signIn("caseworker1");
  auto overdue = s.send("GET", "/api/v1/cases?overdue=true", "", cw).json();
  BOOST_TEST(overdue->getValue<int>("total") == 1);
  BOOST_TEST(overdue->getArray("items")->getObject(0)->getObject("next_action")->getValue<bool>("overdue"));
}

BOOST_AUTO_TEST_CASE(young_carers_are_registered_read_updated_and_searched) {
  Server s;
  auto cw = s.signIn("caseworker1");
  auto created = s.send(
      "POST", "/api/v1/young-carers",
      R"({"given_name":"Nguyễn","family_name":"Smith-Jones","date_of_birth":"2010-01-31","postcode":"wa7 1aa","school_urn":"120345","gp_practice_ods":"c82001","nhs_number":"943 476 5919"})",
      cw);
  BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
  BOOST_TEST(created.str("postcode") == "WA7 1AA");
  BOOST_TEST(created.str("gp_practice_ods") == "C82001");
  BOOST_TEST(created.str("nhs_number") == "9434765919");
  auto id = std::to_string(created.json()->getValue<int>("id"));
  BOOST_TEST(s.send("GET", "/api/v1/young-carers/" + id, "", cw).str("given_name") == "Nguyễn");
  auto patched = s.send("PATCH", "/api/v1/young-carers/" + id, R"({"preferred_name":"Anh"})", cw);
  BOOST_TEST(patched.status == 200);
  BOOST_TEST(patched.str("preferred_name") == "Anh");
  BOOST_TEST(patched.str("family_name") == "Smith-Jones");
  BOOST_TEST(s.send("GET", "/api/v1/young-carers?q=nguyen", "", cw).json()->getValue<int>("total") == 1);
  BOOST_TEST(s.send("GET", "/api/v1/young-carers?q=anh", "", cw).json()->getValue<int>("total") == 1);
  // Registering the same child again is refused: one record per child.
  auto again = s.send(
      "POST", "/api/v1/young-carers",
      R"({"given_name":"Nguyen","family_name":"Smith Jones","date_of_birth":"2010-01-31","postcode":"WA7 1AA"})",
      cw);
  BOOST_TEST(isProblem(again, 409));
  BOOST_TEST(isProblem(s.send("PATCH", "/api/v1/young-carers/" + id, R"({"postcode":"nope"})", cw), 422));
}

BOOST_AUTO_TEST_CASE(markup_in_text_is_stored_verbatim_and_returned_as_json_text) {
  Server s;
  auto champion = s.signIn("champion1");
  auto r = s.send(
      "POST", "/api/v1/referrals",
      R"({"young_person":{"given_name":"Siobhán","family_name":"D'Arcy","date_of_birth":"2013-07-01","postcode":"TA1 1AA"},"caring_summary":"<script>alert('x')</script>'; DROP TABLE referrals;--"})",
      champion);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  auto cw = s.signIn("caseworker1");
  auto view = s.send("GET", "/api/v1/referrals/" + r.str("reference"), "", cw);
  BOOST_TEST(view.str("caring_summary") == "<script>alert('x')</script>'; DROP TABLE referrals;--");
  BOOST_TEST(view.contentType.find("application/json") == 0);
}

BOOST_AUTO_TEST_CASE(an_acknowledged_referral_survives_a_restart) {
  Server s;
  auto champion = s.signIn("champion1");
  auto r = s.send("POST", "/api/v1/referrals", referralBody(), champion);
  BOOST_REQUIRE(r.status == 201);
  s.restart();
  champion = s.signIn("champion1");
  auto again = s.send("GET", "/api/v1/referrals/" + r.str("reference"), "", champion);
  BOOST_TEST(again.status == 200);
  BOOST_TEST(again.str("reference") == r.str("reference"));
}

BOOST_AUTO_TEST_CASE(reads_and_refusals_are_in_the_audit_trail) {
  Server s;
  auto champion = s.signIn("champion1");
  auto r = s.send("POST", "/api/v1/referrals", referralBody(), champion);
  auto cw = s.signIn("caseworker1");
  s.send("GET", "/api/v1/young-carers/1", "", cw);
  s.send("GET", "/api/v1/young-carers?q=zoe", "", champion);  // 403
  AuditQuery q;
  q.limit = 1000;
  auto tx = s.app->store().begin(false);
  auto page = tx->audit().query(q);
  std::set<std::string> actions;
  bool refusal = false;
  for (const auto& e : page.items) {
    actions.insert(e.action);
    if (e.outcome == "refused" && e.action == "young_carer.search") refusal = true;
  }
  BOOST_TEST(actions.count("referral.create") == 1);
  BOOST_TEST(actions.count("young_carer.read") == 1);
  BOOST_TEST(actions.count("session.create") == 1);
  BOOST_TEST(refusal);
  tx.reset();
  BOOST_TEST(s.app->store().verifyAudit().ok());
}

BOOST_AUTO_TEST_SUITE_END()
