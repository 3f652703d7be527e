// Compliments and complaints (issue 27 item 3; feedback.h) through the API and the pages: a complaint is
// due an answer 10 working days after it was received (bank holidays out), shows as overdue after that,
// and its outcome is recorded once, at each stage of the procedure it is taken to; a compliment has none.
// Only the receiving service's case staff see them; text is kept as typed and escaped on the page; the young
// carer's subject access export holds what concerns them; commissioners see complaints answered on time
// through disclosure control.

#include <boost/test/unit_test.hpp>

#include "school_pages_fixture.h"
#include "service_fixture.h"
#include "stats_service.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::Reply;

namespace ycr::test_support {

// Monday 2 June 2025; Monday 26 May was the spring bank holiday.
struct FeedbackFixture : test_support::ServiceFixture {
  std::string caseworker, otherService, commissioner, auditor;
  Id youngCarerId = 0;

  FeedbackFixture() : ServiceFixture("feedback", "2025-06-02T10:00:00Z") {
    start();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id northfield = organisation("Northfield Carers Centre", OrganisationKind::carers_centre);
    Id council = organisation("Leicester City Council", OrganisationKind::commissioner);
    user("casey", Role::caseworker, service);
    user("nell", Role::caseworker, northfield);
    user("comm", Role::commissioner, council);
    user("audrey", Role::auditor, council);
    caseworker = signIn("casey");
    otherService = signIn("nell");
    commissioner = signIn("comm");
    auditor = signIn("audrey");
    auto r =
        send("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":"Zoë","family_name":"O'Brien","date_of_birth":"2012-04-03",)"
             R"("postcode":"LE2 7GH"},"caring_summary":"Helps mum","young_person_aware":true,)"
             R"("parent_aware":true})",
             caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    youngCarerId = send("GET", "/api/v1/referrals/" + r.str("reference"), "", caseworker)
                       .json()
                       ->getValue<Id>("young_carer_id");
  }
  Reply record(const std::string& kind, const std::string& received, const std::string& summary,
               const std::string& who, bool aboutTheYoungCarer = true) {
    return send("POST", "/api/v1/feedback",
                R"({"kind":")" + kind + R"(","from":"young_carer","received_on":")" + received +
                    R"(","summary":)" + summary +
                    (aboutTheYoungCarer ? R"(,"young_carer_id":)" + std::to_string(youngCarerId) : "") + "}",
                who);
  }
  Reply outcome(Id id, const std::string& body) {
    return send("POST", "/api/v1/feedback/" + std::to_string(id) + "/outcome", body, caseworker);
  }
  // The details of a record's audit events of one action.
  std::vector<std::string> audited(const std::string& id, const std::string& action) {
    auto tx = app->store().begin(false);
    AuditQuery q;
    q.recordType = "feedback";
    q.recordId = id;
    std::vector<std::string> details;
    for (const auto& e : tx->audit().query(q).items)
      if (e.action == action) details.push_back(e.detail);
    return details;
  }
};

}  // namespace ycr::test_support

namespace {

bool hasField(const Reply& r, const std::string& field) {
  auto errors = r.json()->getArray("errors");
  for (std::size_t i = 0; errors && i < errors->size(); ++i)
    if (errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("field") == field) return true;
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(feedback_api, test_support::FeedbackFixture)

BOOST_AUTO_TEST_CASE(a_complaint_is_due_in_10_working_days_and_answered_once) {
  // Received Thursday 22 May: the bank holiday on 26 May is not a working day, so due Friday 6 June.
  auto c =
      record("complaint", "2025-05-22", R"("The group was cancelled twice without telling me")", caseworker);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  BOOST_TEST(c.str("response_due") == "2025-06-06");
  BOOST_TEST(!c.json()->getValue<bool>("overdue"));
  BOOST_TEST(c.json()->isNull("outcome"));
  // Received Wednesday 14 May: due Thursday 29 May, unanswered, so overdue on 2 June.
  auto late = record("complaint", "2025-05-14", R"("Nobody rang back")", caseworker);
  BOOST_TEST(late.str("response_due") == "2025-05-29");
  BOOST_TEST(late.json()->getValue<bool>("overdue"));
  auto compliment =
      record("compliment", "2025-05-30", R"("The residential was the best weekend")", caseworker);
  BOOST_REQUIRE_EQUAL(compliment.status, 201);
  BOOST_TEST(compliment.json()->isNull("response_due"));

  auto list = send("GET", "/api/v1/feedback", "", caseworker);
  BOOST_REQUIRE_EQUAL(list.status, 200);
  BOOST_TEST(list.json()->getArray("items")->size() == 3u);
  BOOST_TEST(list.json()->getValue<int>("open_complaints") == 2);
  BOOST_TEST(list.json()->getValue<int>("overdue_complaints") == 1);
  BOOST_TEST(
      send("GET", "/api/v1/feedback?kind=compliment", "", caseworker).json()->getArray("items")->size() ==
      1u);
  BOOST_TEST(send("GET", "/api/v1/feedback?kind=praise", "", caseworker).status == 422);

  const Id id = c.json()->getValue<Id>("id");
  auto early = outcome(id, R"({"outcome":"upheld","responded_on":"2025-05-21","response":"Sorry"})");
  BOOST_TEST(early.status == 422);
  BOOST_TEST(hasField(early, "responded_on"));
  BOOST_TEST(hasField(outcome(id, R"({"outcome":"upheld","responded_on":"2025-06-02","response":"  "})"),
                      "response"));
  BOOST_TEST(hasField(outcome(id, R"({"outcome":"sorted","responded_on":"2025-06-02","response":"Ok"})"),
                      "outcome"));
  auto answered = outcome(
      id,
      R"({"outcome":"upheld","responded_on":"2025-06-02","response":"We now text families the day before"})");
  BOOST_REQUIRE_MESSAGE(answered.status == 200, answered.body);
  BOOST_TEST(answered.str("outcome") == "upheld");
  BOOST_TEST(answered.str("responded_on") == "2025-06-02");
  BOOST_TEST(
      outcome(id, R"({"outcome":"not_upheld","responded_on":"2025-06-02","response":"Again"})").status ==
      409);
  BOOST_TEST(outcome(compliment.json()->getValue<Id>("id"),
                     R"({"outcome":"upheld","responded_on":"2025-06-02","response":"Thanks"})")
                 .status == 409);
  BOOST_TEST(send("GET", "/api/v1/feedback", "", caseworker).json()->getValue<int>("open_complaints") == 1);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_with_the_field_and_text_is_kept_as_typed) {
  BOOST_TEST(hasField(record("complaint", "2025-06-03", R"("Tomorrow")", caseworker), "received_on"));
  BOOST_TEST(hasField(record("complaint", "2025-02-30", R"("No such day")", caseworker), "received_on"));
  BOOST_TEST(hasField(record("complaint", "2025-06-01", R"("")", caseworker), "summary"));
  BOOST_TEST(hasField(record("grumble", "2025-06-01", R"("What kind")", caseworker), "kind"));
  BOOST_TEST(hasField(record("complaint", "2025-06-01", "42", caseworker), "summary"));
  BOOST_TEST(
      hasField(record("complaint", "2025-06-01", '"' + std::string(4001, 'a') + '"', caseworker), "summary"));
  auto unknown =
      send("POST", "/api/v1/feedback",
           R"({"kind":"compliment","from":"other","received_on":"2025-06-01","summary":"x","mood":1})",
           caseworker);
  BOOST_TEST(hasField(unknown, "mood"));
  const std::string typed = R"(Robert'); DROP TABLE feedback;-- <script>alert(1)</script> Siân-Zoë)";
  auto kept = record("compliment", "2025-06-01", R"(")" + typed + R"(")", caseworker);
  BOOST_REQUIRE_MESSAGE(kept.status == 201, kept.body);
  BOOST_TEST(send("GET", "/api/v1/feedback/" + kept.str("id"), "", caseworker).str("summary") == typed);
}

BOOST_AUTO_TEST_CASE(only_the_receiving_services_case_staff_see_them) {
  auto c = record("complaint", "2025-06-02", R"("About Zoë")", caseworker);
  BOOST_REQUIRE_EQUAL(c.status, 201);
  BOOST_TEST(send("GET", "/api/v1/feedback/" + c.str("id"), "", otherService).status == 404);
  BOOST_TEST(send("GET", "/api/v1/feedback", "", otherService).json()->getArray("items")->size() == 0u);
  BOOST_TEST(send("POST", "/api/v1/feedback/" + c.str("id") + "/outcome",
                  R"({"outcome":"upheld","responded_on":"2025-06-02","response":"x"})", otherService)
                 .status == 404);
  // Another service cannot attach a record to a young carer whose case it does not work.
  BOOST_TEST(hasField(record("complaint", "2025-06-02", R"("x")", otherService), "young_carer_id"));
  BOOST_TEST(record("complaint", "2025-06-02", R"("x")", otherService, false).status == 201);
  BOOST_TEST(send("GET", "/api/v1/feedback", "", commissioner).status == 403);
  BOOST_TEST(send("GET", "/api/v1/feedback", "").status == 401);
}

BOOST_AUTO_TEST_CASE(what_concerns_the_young_carer_is_in_their_subject_access_export) {
  BOOST_REQUIRE_EQUAL(record("complaint", "2025-06-02", R"("Said by Zoë")", caseworker).status, 201);
  auto other = send("POST", "/api/v1/feedback",
                    R"({"kind":"complaint","from":"parent_or_carer","received_on":"2025-06-02","summary":)"
                    R"("Said by her dad","young_carer_id":)" +
                        std::to_string(youngCarerId) + "}",
                    caseworker);
  BOOST_REQUIRE_EQUAL(other.status, 201);
  auto doc =
      send("GET", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/subject-access", "", auditor);
  BOOST_REQUIRE_MESSAGE(doc.status == 200, doc.body);
  auto sections = doc.json()->getArray("sections");
  Poco::JSON::Array::Ptr items;
  for (std::size_t i = 0; i < sections->size(); ++i)
    if (sections->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == "feedback")
      items = sections->getObject(static_cast<unsigned>(i))->getArray("items");
  BOOST_REQUIRE(items);
  BOOST_REQUIRE_EQUAL(items->size(), 2u);
  // What someone else said is marked for checking before release; the young person's own words are not.
  for (std::size_t i = 0; i < items->size(); ++i) {
    auto item = items->getObject(static_cast<unsigned>(i));
    BOOST_TEST(item->getValue<bool>("redact") == (item->getValue<std::string>("from") != "young_carer"));
  }
}

BOOST_AUTO_TEST_CASE(a_team_manager_gives_a_complaint_more_time_once_before_it_is_due) {
  user("mona", Role::team_manager, findUser("casey")->organisationId);
  const std::string manager = signIn("mona");
  // Received Thursday 22 May, due Friday 6 June (the bank holiday on 26 May is not a working day).
  auto c = record("complaint", "2025-05-22", R"("The group was cancelled twice")", caseworker);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  const std::string path = "/api/v1/feedback/" + c.str("id") + "/extend";
  const std::string why = R"({"reason":"The family asked to meet <after> half term"})";
  BOOST_TEST(send("POST", path, why, caseworker).isProblem(403));
  BOOST_TEST(hasField(send("POST", path, R"({"reason":"  "})", manager), "reason"));
  BOOST_TEST(send("POST", path, R"({"reason":"x","days":30})", manager).isProblem(422));
  BOOST_TEST(send("POST", "/api/v1/feedback/999999/extend", why, manager).isProblem(404));
  auto extended = send("POST", path, why, manager);
  BOOST_REQUIRE_MESSAGE(extended.status == 200, extended.body);
  BOOST_TEST(extended.str("response_due") == "2025-06-20");  // 10 working days more
  BOOST_TEST(extended.str("extended_on") == "2025-06-02");
  BOOST_TEST(extended.str("extension_reason") == "The family asked to meet <after> half term");
  auto again = send("POST", path, why, manager);
  BOOST_TEST(again.isProblem(409));
  BOOST_TEST(contains(again.body, "once"));
  // Already overdue (due Thursday 29 May): it is answered, not put off.
  auto late = record("complaint", "2025-05-14", R"("Nobody rang back")", caseworker);
  auto overdue = send("POST", "/api/v1/feedback/" + late.str("id") + "/extend", why, manager);
  BOOST_TEST(overdue.isProblem(409));
  BOOST_TEST(contains(overdue.body, "2025-05-29"));
  auto compliment = record("compliment", "2025-05-30", R"("Thank you")", caseworker);
  BOOST_TEST(
      send("POST", "/api/v1/feedback/" + compliment.str("id") + "/extend", why, manager).isProblem(409));
  // Audited with the days, never the reason.
  BOOST_TEST(audited(c.str("id"), "feedback.extend") ==
             std::vector<std::string>{"due 2025-06-06 -> 2025-06-20"});
}

// One child found to have two records: what was said about the absorbed record follows them, an undo takes
// it back, and anonymising the record clears its text, earlier stages' too.
BOOST_AUTO_TEST_CASE(a_merge_carries_the_records_and_anonymising_clears_their_text) {
  auto r = send("POST", "/api/v1/referrals",
                R"({"young_person":{"given_name":"Priya","family_name":"Shah","date_of_birth":"2009-07-21",)"
                R"("postcode":"LE2 7GH"},"caring_summary":"Helps her dad","young_person_aware":true,)"
                R"("parent_aware":true})",
                caseworker);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  const Id other = send("GET", "/api/v1/referrals/" + r.str("reference"), "", caseworker)
                       .json()
                       ->getValue<Id>("young_carer_id");
  auto said = send("POST", "/api/v1/feedback",
                   R"({"kind":"compliment","from":"young_carer","received_on":"2025-06-02","summary":)"
                   R"("Thank you","young_carer_id":)" +
                       std::to_string(other) + "}",
                   caseworker);
  BOOST_REQUIRE_MESSAGE(said.status == 201, said.body);
  const std::string path = "/api/v1/feedback/" + said.str("id");
  // A complaint about them given more time: its reason is text about them too.
  auto complaint = send("POST", "/api/v1/feedback",
                        R"({"kind":"complaint","from":"young_carer","received_on":"2025-06-02","summary":)"
                        R"("Late","young_carer_id":)" +
                            std::to_string(other) + "}",
                        caseworker);
  BOOST_REQUIRE_MESSAGE(complaint.status == 201, complaint.body);
  const std::string extendedPath = "/api/v1/feedback/" + complaint.str("id");
  user("mona", Role::team_manager, findUser("casey")->organisationId);
  auto extended =
      send("POST", extendedPath + "/extend", R"({"reason":"Priya's dad is in hospital"})", signIn("mona"));
  BOOST_REQUIRE_MESSAGE(extended.status == 200, extended.body);
  BOOST_REQUIRE_EQUAL(
      send("POST", extendedPath + "/outcome",
           R"({"outcome":"not_upheld","responded_on":"2025-06-02","response":"Told Priya's dad"})",
           caseworker)
          .status,
      200);
  BOOST_REQUIRE_EQUAL(
      send("POST", extendedPath + "/next-stage", R"({"asked_on":"2025-06-02"})", caseworker).status, 200);
  auto merge = send("POST", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/merge",
                    R"({"other_id":)" + std::to_string(other) + R"(,"reason":"Same child"})", caseworker);
  BOOST_REQUIRE_MESSAGE(merge.status == 201, merge.body);
  BOOST_TEST(send("GET", path, "", caseworker).json()->getValue<Id>("young_carer_id") == youngCarerId);
  auto undo = send("POST", "/api/v1/merges/" + std::to_string(merge.json()->getValue<Id>("id")) + "/undo",
                   R"({"reason":"Two children after all"})", caseworker);
  BOOST_REQUIRE_MESSAGE(undo.status == 200, undo.body);
  BOOST_TEST(send("GET", path, "", caseworker).json()->getValue<Id>("young_carer_id") == other);
  {
    auto tx = app->store().begin(true);
    BOOST_REQUIRE(static_cast<bool>(tx->retention().anonymise(other, clock.now())));
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  BOOST_TEST(send("GET", path, "", caseworker).str("summary") == "Anonymised");
  auto cleared = send("GET", extendedPath, "", caseworker).json();
  auto stage1 = cleared->getArray("earlier_stages")->getObject(0);
  BOOST_TEST(stage1->getValue<std::string>("extension_reason") == "");
  BOOST_TEST(stage1->getValue<std::string>("response") == "");
  BOOST_TEST(stage1->getValue<std::string>("outcome") == "not_upheld");  // what happened stays
}

// The Children Act 1989 procedure's later stages: an investigation (25 working days, extendable to 65)
// and a review panel (30, not extended), each asked for within 20 working days of the answer before.
BOOST_AUTO_TEST_CASE(a_complaint_not_resolved_locally_climbs_to_investigation_and_review_panel) {
  user("mona", Role::team_manager, findUser("casey")->organisationId);
  const std::string manager = signIn("mona");
  auto c = record("complaint", "2025-05-22", R"("The group was cancelled twice")", caseworker);
  BOOST_REQUIRE_MESSAGE(c.status == 201, c.body);
  const std::string path = "/api/v1/feedback/" + c.str("id");
  auto next = [&](const std::string& asked, const std::string& who) {
    return send("POST", path + "/next-stage", R"({"asked_on":")" + asked + R"("})", who);
  };
  BOOST_TEST(c.json()->getObject("stage")->getValue<int>("stage") == 1);
  BOOST_TEST(c.json()->getObject("stage")->getValue<std::string>("stage_name") == "local resolution");
  BOOST_TEST(c.json()->getArray("earlier_stages")->size() == 0u);
  auto unanswered = next("2025-06-02", caseworker);
  BOOST_TEST(unanswered.isProblem(409));
  BOOST_TEST(contains(unanswered.body, "not been answered"));
  BOOST_REQUIRE_EQUAL(outcome(c.json()->getValue<Id>("id"),
                              R"({"outcome":"not_upheld","responded_on":"2025-05-30","response":"No"})")
                          .status,
                      200);
  BOOST_TEST(hasField(next("2025-05-29", caseworker), "asked_on"));  // before the answer
  BOOST_TEST(next("2025-06-02", otherService).isProblem(404));

  // Stage 2, asked for Monday 2 June: due 25 working days on, Monday 7 July.
  auto investigation = next("2025-06-02", caseworker);
  BOOST_REQUIRE_MESSAGE(investigation.status == 200, investigation.body);
  auto stage = investigation.json()->getObject("stage");
  BOOST_TEST(stage->getValue<int>("stage") == 2);
  BOOST_TEST(stage->getValue<std::string>("stage_name") == "investigation");
  BOOST_TEST(stage->getValue<std::string>("asked_on") == "2025-06-02");
  BOOST_TEST(investigation.str("response_due") == "2025-07-07");
  BOOST_TEST(investigation.json()->isNull("outcome"));
  auto earlier = investigation.json()->getArray("earlier_stages");
  BOOST_REQUIRE_EQUAL(earlier->size(), 1u);
  BOOST_TEST(earlier->getObject(0)->getValue<std::string>("outcome") == "not_upheld");
  BOOST_TEST(earlier->getObject(0)->getValue<std::string>("response_due") == "2025-06-06");
  BOOST_TEST(earlier->getObject(0)->getValue<std::string>("responded_on") == "2025-05-30");
  BOOST_TEST(earlier->getObject(0)->isNull("asked_on"));
  BOOST_TEST(next("2025-06-02", caseworker).isProblem(409));  // this stage is not answered yet
  BOOST_TEST(send("GET", "/api/v1/feedback", "", caseworker).json()->getValue<int>("open_complaints") == 1);

  // An investigation may have 40 working days more, to 65 from the request: past the August bank holiday.
  auto extended = send("POST", path + "/extend", R"({"reason":"Two schools to hear from"})", manager);
  BOOST_REQUIRE_MESSAGE(extended.status == 200, extended.body);
  BOOST_TEST(extended.str("response_due") == "2025-09-02");
  auto answer =
      send("POST", path + "/outcome",
           R"({"outcome":"partly_upheld","responded_on":"2025-06-01","response":"Early"})", caseworker);
  BOOST_TEST(hasField(answer, "responded_on"));  // before they asked for the investigation
  answer = send("POST", path + "/outcome",
                R"({"outcome":"partly_upheld","responded_on":"2025-06-02","response":"Investigated"})",
                caseworker);
  BOOST_REQUIRE_MESSAGE(answer.status == 200, answer.body);

  // Stage 3, the review panel: meets within 30 working days (Monday 14 July), and is not extended.
  auto panel = next("2025-06-02", caseworker);
  BOOST_REQUIRE_MESSAGE(panel.status == 200, panel.body);
  BOOST_TEST(panel.json()->getObject("stage")->getValue<std::string>("stage_name") == "review panel");
  BOOST_TEST(panel.str("response_due") == "2025-07-14");
  BOOST_TEST(panel.json()->isNull("extended_on"));
  BOOST_TEST(panel.json()->getArray("earlier_stages")->size() == 2u);
  BOOST_TEST(panel.json()->getArray("earlier_stages")->getObject(1)->getValue<std::string>("extended_on") ==
             "2025-06-02");
  auto noMore = send("POST", path + "/extend", R"({"reason":"Panel members away"})", manager);
  BOOST_TEST(noMore.isProblem(409));
  BOOST_TEST(contains(noMore.body, "no more time"));
  BOOST_REQUIRE_EQUAL(
      send("POST", path + "/outcome",
           R"({"outcome":"upheld","responded_on":"2025-06-02","response":"Panel"})", caseworker)
          .status,
      200);
  auto last = next("2025-06-02", caseworker);
  BOOST_TEST(last.isProblem(409));
  BOOST_TEST(contains(last.body, "last stage"));

  // Audited with the stage and its due day, never the text.
  auto moves = audited(c.str("id"), "feedback.next_stage");
  BOOST_TEST(moves.size() == 2u);
  BOOST_TEST(std::count(moves.begin(), moves.end(), "stage 2, due 2025-07-07") == 1);
  BOOST_TEST(std::count(moves.begin(), moves.end(), "stage 3, due 2025-07-14") == 1);
}

BOOST_AUTO_TEST_CASE(the_next_stage_is_asked_for_within_20_working_days_and_never_after_a_withdrawal) {
  // Answered Thursday 10 April 2025: 20 working days on, past Easter and the early May bank holiday, is
  // Tuesday 13 May.
  auto c = record("complaint", "2025-04-01", R"("Nobody came")", caseworker);
  BOOST_REQUIRE_EQUAL(outcome(c.json()->getValue<Id>("id"),
                              R"({"outcome":"not_upheld","responded_on":"2025-04-10","response":"No"})")
                          .status,
                      200);
  const std::string path = "/api/v1/feedback/" + c.str("id") + "/next-stage";
  auto late = send("POST", path, R"({"asked_on":"2025-05-14"})", caseworker);
  BOOST_TEST(hasField(late, "asked_on"));
  BOOST_TEST(contains(late.body, "2025-05-13"));
  BOOST_TEST(
      hasField(send("POST", path, R"({"asked_on":"2025-06-03"})", caseworker), "asked_on"));  // tomorrow
  BOOST_TEST(hasField(send("POST", path, R"({"asked_on":"2025-02-30"})", caseworker), "asked_on"));
  BOOST_TEST(hasField(send("POST", path, "{}", caseworker), "asked_on"));
  BOOST_TEST(hasField(send("POST", path, R"({"asked_on":"2025-05-13","stage":3})", caseworker), "stage"));
  BOOST_TEST(send("POST", path, R"({"asked_on":"2025-05-13"})", caseworker).status == 200);

  auto withdrawn = record("complaint", "2025-05-22", R"("Never mind")", caseworker);
  BOOST_REQUIRE_EQUAL(outcome(withdrawn.json()->getValue<Id>("id"),
                              R"({"outcome":"withdrawn","responded_on":"2025-05-23","response":"Withdrawn"})")
                          .status,
                      200);
  auto refused = send("POST", "/api/v1/feedback/" + withdrawn.str("id") + "/next-stage",
                      R"({"asked_on":"2025-06-02"})", caseworker);
  BOOST_TEST(refused.isProblem(409));
  BOOST_TEST(contains(refused.body, "withdrawn"));
  auto compliment = record("compliment", "2025-05-30", R"("Thank you")", caseworker);
  BOOST_TEST(!compliment.json()->has("stage"));
  BOOST_TEST(send("POST", "/api/v1/feedback/" + compliment.str("id") + "/next-stage",
                  R"({"asked_on":"2025-06-02"})", caseworker)
                 .isProblem(409));
}

BOOST_AUTO_TEST_SUITE_END()

namespace ycr::test_support {

struct FeedbackPages : test_support::SchoolPagesFixture {
  FeedbackPages() : SchoolPagesFixture("feedback-pages", "O'Brien") {}
  std::string form(const std::string& extra) {
    return "kind=complaint&from=young_carer&received_on-day=2&received_on-month=6&received_on-year=2025&" +
           extra;
  }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(feedback_pages, test_support::FeedbackPages)

BOOST_AUTO_TEST_CASE(staff_record_a_complaint_from_the_case_and_its_outcome_on_the_pages) {
  auto casePage = get(caseHref(), caseworker);
  const std::string link = "/feedback/new?young_carer_id=" + std::to_string(receipt.caseRecord.youngCarerId);
  BOOST_TEST(contains(casePage.body, link));
  auto newPage = get(link, caseworker);
  BOOST_REQUIRE_EQUAL(newPage.status, 200);
  BOOST_TEST(contains(newPage.body, "About Siân O&#39;Brien"));
  // A young carer who is not theirs, or nobody, is said, not dropped from the form.
  BOOST_TEST(get("/feedback/new?young_carer_id=999999", caseworker).status == 404);
  BOOST_TEST(get("/feedback/new?young_carer_id=x", caseworker).status == 404);
  auto missing =
      post("/feedback/new", caseworker, "received_on-day=2&received_on-month=6&received_on-year=2025");
  BOOST_TEST(missing.status == 422);
  BOOST_TEST(contains(missing.body, "Select compliment or complaint"));
  auto saved = post("/feedback/new", caseworker,
                    form("young_carer_id=" + std::to_string(receipt.caseRecord.youngCarerId) +
                         "&summary=" + test_support::urlEncode("<b>Nobody</b> called back")));
  BOOST_REQUIRE_EQUAL(saved.status, 303);
  const std::string where = test_support::header(saved, "Location");
  auto page = get(where, caseworker);
  BOOST_TEST(contains(page.body, "&lt;b&gt;Nobody&lt;/b&gt; called back"));
  BOOST_TEST(!contains(page.body, "<b>Nobody</b>"));
  BOOST_TEST(contains(page.body, "Record the outcome"));
  auto answered = post(where + "/outcome", caseworker,
                       "outcome=partly_upheld&responded_on-day=2&responded_on-month=6&responded_on-year=2025&"
                       "response=Apologised");
  BOOST_REQUIRE_EQUAL(answered.status, 303);
  page = get(where, caseworker);
  BOOST_TEST(contains(page.body, "Partly upheld"));
  BOOST_TEST(!contains(page.body, "Record the outcome"));
  auto list = get("/feedback", caseworker);
  BOOST_TEST(contains(list.body, "0 complaints awaiting an answer"));
  BOOST_TEST(get("/feedback", champion).status == 403);
}

BOOST_AUTO_TEST_CASE(a_team_manager_gives_more_time_on_the_complaint_s_page) {
  user("mona", Role::team_manager, findUser("casey")->organisationId);
  const std::string manager = sessionFor("mona");
  auto saved = post("/feedback/new", caseworker, form("summary=Late"));
  BOOST_REQUIRE_EQUAL(saved.status, 303);
  const std::string where = test_support::header(saved, "Location");
  BOOST_TEST(!contains(get(where, caseworker).body, "Give more time"));  // a manager's decision
  BOOST_TEST(post(where + "/extend", caseworker, "reason=Busy").status == 403);
  auto page = get(where, manager);
  BOOST_TEST(contains(page.body, "Give more time"));
  auto blank = post(where + "/extend", manager, "reason=");
  BOOST_TEST(blank.status == 422);
  BOOST_TEST(contains(blank.body, "Enter why the complaint needs more time"));
  auto done =
      post(where + "/extend", manager, "reason=" + test_support::urlEncode("Waiting for <i>school</i>"));
  BOOST_REQUIRE_EQUAL(done.status, 303);
  page = get(where, manager);
  BOOST_TEST(contains(page.body, "Given more time"));
  BOOST_TEST(contains(page.body, "Waiting for &lt;i&gt;school&lt;/i&gt;"));
  BOOST_TEST(contains(page.body, "30 June 2025"));               // due 16 June, 10 working days more
  BOOST_TEST(!contains(page.body, "Give more time to answer"));  // once
}

BOOST_AUTO_TEST_CASE(a_complaint_is_taken_to_the_next_stage_on_its_page) {
  user("mona", Role::team_manager, findUser("casey")->organisationId);
  const std::string manager = sessionFor("mona");
  auto saved = post("/feedback/new", caseworker, form("summary=Late"));
  BOOST_REQUIRE_EQUAL(saved.status, 303);
  const std::string where = test_support::header(saved, "Location");
  BOOST_TEST(!contains(get(where, caseworker).body, "If they are not satisfied"));  // not answered yet
  BOOST_REQUIRE_EQUAL(
      post(where + "/outcome", caseworker,
           "outcome=not_upheld&responded_on-day=2&responded_on-month=6&responded_on-year=2025&"
           "response=Explained")
          .status,
      303);
  auto page = get(where, caseworker);
  BOOST_TEST(contains(page.body, "If they are not satisfied"));
  BOOST_TEST(contains(page.body, "by 30 June 2025"));  // 20 working days after 2 June
  BOOST_TEST(contains(page.body, "Take it to the investigation stage"));
  auto blank = post(where + "/next-stage", caseworker, "asked_on-day=&asked_on-month=&asked_on-year=");
  BOOST_TEST(blank.status == 422);
  BOOST_TEST(contains(blank.body, "govuk-error-summary"));
  auto early = post(where + "/next-stage", caseworker, "asked_on-day=1&asked_on-month=6&asked_on-year=2025");
  BOOST_TEST(early.status == 422);
  BOOST_TEST(contains(early.body, "before the answer"));
  auto moved = post(where + "/next-stage", caseworker, "asked_on-day=2&asked_on-month=6&asked_on-year=2025");
  BOOST_REQUIRE_EQUAL(moved.status, 303);
  page = get(where, manager);
  BOOST_TEST(contains(page.body, "Stage 1, local resolution"));
  BOOST_TEST(contains(page.body, "Not upheld, answered 2 June 2025"));
  BOOST_TEST(contains(page.body, "Stage 2, investigation, asked for on 2 June 2025"));
  BOOST_TEST(contains(page.body, "Due 7 July 2025"));
  BOOST_TEST(contains(page.body, "Record the outcome"));
  BOOST_TEST(contains(page.body, "40 working days more"));
  BOOST_TEST(!contains(page.body, "If they are not satisfied"));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(feedback_indicator)

BOOST_AUTO_TEST_CASE(commissioners_see_complaints_answered_on_time_through_disclosure_control) {
  stats_fixture::StatsService s(stats_fixture::StatsService::Settings{{"disclosure_policy", "dfe"}});
  {
    auto tx = s.app->store().begin(true);
    const Id service = tx->organisations().findByName("Young carers service")->id;
    // Due in March 2024: 10 answered by the day, 5 answered late, 5 never answered (overdue by 15 April).
    for (int i = 0; i < 20; ++i) {
      Feedback f;
      f.organisationId = service;
      f.kind = FeedbackKind::complaint;
      f.received = *parseIsoDate("2024-02-26");
      f.responseDue = *parseIsoDate("2024-03-11");
      f.summary = "A complaint";
      f.recordedAt = stats_fixture::at("2024-02-26T10:00:00Z");
      const Id id = tx->feedback().add(f).value();
      if (i < 15)
        BOOST_REQUIRE(tx->feedback()
                          .respond(id, ComplaintOutcome::upheld,
                                   *parseIsoDate(i < 10 ? "2024-03-11" : "2024-03-18"), "Answered",
                                   std::nullopt)
                          .value());
    }
    // Ten answered on time went on to an investigation due 28 March: five answered by then. Each stage's
    // answer is owed and counted: 15 of 30.
    for (const auto& f : tx->feedback().forOrganisation(service)) {
      if (!f.respondedOn || *f.respondedOn != *parseIsoDate("2024-03-11")) continue;
      BOOST_REQUIRE(tx->feedback()
                        .openNextStage(f.id, 1, *parseIsoDate("2024-03-12"), *parseIsoDate("2024-03-28"))
                        .value());
      if (f.id % 2 == 0)
        BOOST_REQUIRE(tx->feedback()
                          .respond(f.id, ComplaintOutcome::not_upheld, *parseIsoDate("2024-03-27"),
                                   "Investigated", std::nullopt)
                          .value());
    }
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  auto march = stats_fixture::indicator(s, "complaints_answered_on_time", "from=2024-03-01&to=2024-03-31");
  BOOST_TEST(march->get("numerator").toString() == "15");
  BOOST_TEST(march->get("denominator").toString() == "30");
  BOOST_TEST(march->getValue<std::string>("rag") == "red");
  // None fell due in February.
  auto february = stats_fixture::indicator(s, "complaints_answered_on_time", "from=2024-02-01&to=2024-02-29");
  BOOST_TEST(february->get("denominator").toString() == "0");
}

BOOST_AUTO_TEST_SUITE_END()
