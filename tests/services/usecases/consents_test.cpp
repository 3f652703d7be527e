// Consent to share (issue 26 item 1) through the API: decisions are recorded and kept, and the
// register acts on the one in force. A school hears no more once the young person says no, and sees
// its young carers only when they said yes; adult social care's open tasks are cancelled and no new
// one made; health staff checking a card see no sharing areas; a merge carries the decisions and its
// undo takes them back.

#include <boost/test/unit_test.hpp>

#include "school_pages_fixture.h"
#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;
using test_support::contains;
using test_support::Reply;

namespace ycr::test_support {

struct ConsentFixture : test_support::ServiceFixture {
  Id service = 0, school = 0, otherSchool = 0, adultServices = 0;
  std::string caseworker, champion, otherChampion, asc, otherService;

  ConsentFixture() : ServiceFixture("consents", "2025-06-02T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    otherSchool = organisation("Beaumont Leys School", OrganisationKind::school, "120346");
    adultServices = organisation("Leicester adult social care", OrganisationKind::adult_social_care);
    Id northfield = organisation("Northfield Carers Centre", OrganisationKind::carers_centre);
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    user("other.champion", Role::referrer, otherSchool);
    user("duty", Role::referrer, adultServices);
    user("nell", Role::caseworker, northfield);
    caseworker = signIn("casey");
    champion = signIn("champion");
    otherChampion = signIn("other.champion");
    asc = signIn("duty");
    otherService = signIn("nell");
  }

  // The school refers a child at the school caring for mum (not known to adult social care).
  struct Referred {
    std::string reference;
    Id youngCarerId = 0, caseId = 0;
  };
  Referred refer(const std::string& given = "Zoë", const std::string& dob = "2012-04-03") {
    auto r =
        send("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":")" + given + R"(","family_name":"O'Brien","date_of_birth":")" +
                 dob +
                 R"(","postcode":"LE2 7GH","school_urn":"120345"},"caring_summary":"Helps mum",)"
                 R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],)"
                 R"("known_to_adult_social_care":false}],"young_person_aware":true,"parent_aware":true})",
             champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    Referred out;
    out.reference = r.str("reference");
    auto view = send("GET", "/api/v1/referrals/" + out.reference, "", caseworker).json();
    out.youngCarerId = view->getValue<Id>("young_carer_id");
    out.caseId = view->getValue<Id>("case_id");
    return out;
  }
  static std::string path(Id youngCarerId) {
    return "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/consents";
  }
  Reply decide(Id youngCarerId, const std::string& partner, const std::string& decision,
               const std::string& on = "2025-06-02") {
    return send("POST", path(youngCarerId),
                R"({"partner":")" + partner + R"(","decision":")" + decision +
                    R"(","given_by":"young_person","method":"in_person","decided_on":")" + on +
                    R"(","note":"Talked it through at school"})",
                caseworker);
  }
  std::string stateOf(Id youngCarerId, const std::string& partner) {
    auto r = send("GET", path(youngCarerId), "", caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    auto sharing = r.json()->getArray("sharing");
    for (std::size_t i = 0; i < sharing->size(); ++i) {
      auto s = sharing->getObject(static_cast<unsigned>(i));
      if (s->getValue<std::string>("partner") == partner) return s->getValue<std::string>("state");
    }
    return "missing";
  }
  void event(Id caseId, const std::string& body) {
    auto r = send("POST", "/api/v1/cases/" + std::to_string(caseId) + "/events", body, caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  }
  std::vector<CaseTask> tasksOf(Id caseId) {
    auto tx = app->store().begin(false);
    return tx->cases().tasks(caseId);
  }
  std::vector<Notice> noticesOfKind(const std::string& kind) {
    auto tx = app->store().begin(false);
    std::vector<Notice> out;
    for (auto& n : tx->notices().list(100, 0))
      if (n.kind == kind) out.push_back(n);
    return out;
  }
  std::vector<std::string> schoolList(const std::string& token) {
    auto r = send("GET", "/api/v1/school/young-carers", "", token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    std::vector<std::string> names;
    auto items = r.json()->getArray("young_carers");
    for (std::size_t i = 0; i < items->size(); ++i)
      names.push_back(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("given_name"));
    return names;
  }
};

}  // namespace ycr::test_support

namespace {

struct ConsentPagesFixture : test_support::SchoolPagesFixture {
  ConsentPagesFixture() : SchoolPagesFixture("consents-pages", "O'Brien-Šťastná") {}
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_case_page_shows_sharing_and_its_page_records_a_decision) {
  ConsentPagesFixture f;
  auto page = f.get(f.caseHref(), f.caseworker);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, "Sharing their information"));
  BOOST_TEST(contains(page.body, "Not recorded"));
  BOOST_TEST(contains(page.body, "href=\"" + f.caseHref() + "/sharing\""));
  // Nothing answered: every question says what is missing, in the page's words.
  auto empty = f.post(f.caseHref() + "/sharing", f.caseworker, "note=%3Cb%3Ehi%3C%2Fb%3E");
  BOOST_TEST(empty.status == 422);
  for (const char* message : {"Select who it is about sharing with", "Select what they decided",
                              "Select who decided", "Select how they said it"})
    BOOST_TEST(contains(empty.body, message), message);
  BOOST_TEST(contains(empty.body, "&lt;b&gt;hi&lt;/b&gt;"));
  const std::string answers =
      "partner=school&decision=agreed&given_by=young_person&method=in_person&note=Miss+O%27Neill+may+know";
  auto future = f.post(f.caseHref() + "/sharing", f.caseworker,
                       answers + "&decided_on-day=3&decided_on-month=6&decided_on-year=2025");
  BOOST_TEST(future.status == 422);
  BOOST_TEST(contains(future.body, "cannot be after today"));
  auto forged = f.post(f.caseHref() + "/sharing", f.caseworker,
                       answers + "&decided_on-day=1&decided_on-month=6&decided_on-year=2025", false);
  BOOST_TEST(forged.status == 403);
  auto done = f.post(f.caseHref() + "/sharing", f.caseworker,
                     answers + "&decided_on-day=1&decided_on-month=6&decided_on-year=2025");
  BOOST_REQUIRE_EQUAL(done.status, 303);
  page = f.get(f.caseHref(), f.caseworker);
  BOOST_TEST(contains(page.body, "Agreed"));
  BOOST_TEST(contains(page.body, "since 1 June 2025"));
  auto history = f.get(f.caseHref() + "/sharing", f.caseworker);
  BOOST_TEST(contains(history.body, "Miss O&#39;Neill may know"));

  // The school's own staff now see her on their list, found from their navigation.
  auto home = f.get("/referrals", f.champion);
  BOOST_TEST(contains(home.body, "href=\"/school/young-carers\""));
  auto list = f.get("/school/young-carers", f.champion);
  BOOST_REQUIRE_EQUAL(list.status, 200);
  BOOST_TEST(contains(list.body, "Siân O&#39;Brien-Šťastná"));
  BOOST_TEST(!contains(list.body, "Helps mum"));
  BOOST_TEST(f.get("/school/young-carers", f.caseworker).status == 403);
}

BOOST_FIXTURE_TEST_SUITE(consents, test_support::ConsentFixture)

BOOST_AUTO_TEST_CASE(each_decision_is_kept_and_the_latest_is_in_force) {
  auto child = refer();
  BOOST_TEST(stateOf(child.youngCarerId, "school") == "not_recorded");
  auto agreed = decide(child.youngCarerId, "school", "agreed", "2025-05-20");
  BOOST_REQUIRE_MESSAGE(agreed.status == 201, agreed.body);
  BOOST_TEST(stateOf(child.youngCarerId, "school") == "agreed");
  BOOST_REQUIRE_EQUAL(decide(child.youngCarerId, "school", "withdrawn").status, 201);
  // Said earlier, recorded later: history keeps it, but the later withdrawal stays in force.
  BOOST_REQUIRE_EQUAL(decide(child.youngCarerId, "school", "agreed", "2025-05-25").status, 201);
  BOOST_TEST(stateOf(child.youngCarerId, "school") == "withdrawn");
  BOOST_TEST(stateOf(child.youngCarerId, "health") == "not_recorded");
  auto all = send("GET", path(child.youngCarerId), "", caseworker).json();
  auto history = all->getArray("history");
  BOOST_REQUIRE_EQUAL(history->size(), 3u);
  BOOST_TEST(history->getObject(0)->getValue<std::string>("decided_on") == "2025-05-20");
  BOOST_TEST(history->getObject(2)->getValue<std::string>("decision") == "withdrawn");
  BOOST_TEST(history->getObject(2)->getValue<std::string>("note") == "Talked it through at school");
  // Audited without the note.
  auto tx = app->store().begin(false);
  AuditQuery q;
  q.recordType = "young_carer";
  q.recordId = std::to_string(child.youngCarerId);
  int recorded = 0;
  for (const auto& e : tx->audit().query(q).items)
    if (e.action == "consent.record") {
      ++recorded;
      BOOST_TEST(!contains(e.detail, "Talked"));
    }
  BOOST_TEST(recorded == 3);
}

BOOST_AUTO_TEST_CASE(bad_decisions_are_refused_field_by_field_and_others_cannot_see_or_record) {
  auto child = refer();
  auto bad =
      send("POST", path(child.youngCarerId),
           R"({"partner":"the_press","decision":"maybe","given_by":"young_person","method":"telepathy",)"
           R"("decided_on":"2025-06-03"})",
           caseworker);
  BOOST_TEST(bad.isProblem(422));
  for (const char* field : {"partner", "decision", "method", "decided_on"})
    BOOST_TEST(contains(bad.body, std::string("\"") + field + "\""), field << " in " << bad.body);
  auto unknown = send("POST", path(child.youngCarerId),
                      R"({"partner":"school","decision":"agreed","given_by":"young_person","method":"phone",)"
                      R"("decided_on":"2025-06-01","colour":"blue"})",
                      caseworker);
  BOOST_TEST(unknown.isProblem(422));
  BOOST_TEST(contains(unknown.body, "\"colour\""));
  BOOST_TEST(send("POST", path(child.youngCarerId), "{", caseworker).isProblem(400));
  BOOST_TEST(decide(child.youngCarerId, "school", "agreed", "2025-02-30").isProblem(422));
  // Another service's caseworker: no such young carer; a referrer or adult services: not their business.
  BOOST_TEST(send("GET", path(child.youngCarerId), "", otherService).isProblem(404));
  BOOST_TEST(send("POST", path(child.youngCarerId),
                  R"({"partner":"school","decision":"agreed","given_by":"young_person","method":"phone",)"
                  R"("decided_on":"2025-06-01"})",
                  otherService)
                 .isProblem(404));
  BOOST_TEST(send("GET", path(child.youngCarerId), "", champion).isProblem(403));
  BOOST_TEST(send("GET", path(999999), "", caseworker).isProblem(404));
  BOOST_TEST(stateOf(child.youngCarerId, "school") == "not_recorded");
}

BOOST_AUTO_TEST_CASE(a_school_the_young_person_said_no_to_hears_nothing_more_of_its_referral) {
  auto child = refer();
  BOOST_REQUIRE_EQUAL(decide(child.youngCarerId, "school", "refused").status, 201);
  event(child.caseId, R"({"event":"acknowledge"})");
  event(child.caseId, R"({"event":"accept_for_assessment"})");
  for (const char* kind : {"referral_acknowledged", "referral_accepted"}) {
    auto notices = noticesOfKind(kind);
    BOOST_REQUIRE_EQUAL(notices.size(), 1u);
    BOOST_TEST(toString(notices.front().status) == "failed");
    BOOST_TEST(notices.front().address.empty());
    BOOST_TEST(
        contains(notices.front().lastError, "not agreed to share their information with their school"));
  }
  auto seen = send("GET", "/api/v1/referrals/" + child.reference, "", champion);
  BOOST_REQUIRE_EQUAL(seen.status, 200);
  BOOST_TEST(seen.str("status") == "received");
  // The service's own staff see where it is.
  BOOST_TEST(send("GET", "/api/v1/referrals/" + child.reference, "", caseworker).str("status") != "received");

  // Agreeing again lets the next news through.
  BOOST_REQUIRE_EQUAL(decide(child.youngCarerId, "school", "agreed").status, 201);
  BOOST_TEST(send("GET", "/api/v1/referrals/" + child.reference, "", champion).str("status") != "received");
}

BOOST_AUTO_TEST_CASE(nothing_recorded_leaves_a_referrer_hearing_what_happened) {
  auto child = refer();
  event(child.caseId, R"({"event":"acknowledge"})");
  auto acks = noticesOfKind("referral_acknowledged");
  BOOST_REQUIRE_EQUAL(acks.size(), 1u);
  BOOST_TEST(acks.front().lastError.find("Not sent") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(withdrawing_from_adult_social_care_cancels_its_open_tasks_and_makes_no_more) {
  auto child = refer();
  auto tasks = tasksOf(child.caseId);
  BOOST_REQUIRE_EQUAL(tasks.size(), 1u);
  BOOST_TEST(toString(tasks.front().status) == "open");
  auto r = decide(child.youngCarerId, "adult_social_care", "withdrawn");
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  BOOST_TEST(r.json()->getValue<int>("tasks_cancelled") == 1);
  BOOST_TEST(toString(tasksOf(child.caseId).front().status) == "cancelled");
  auto open = send("GET", "/api/v1/tasks?status=open", "", asc);
  BOOST_REQUIRE_EQUAL(open.status, 200);
  BOOST_TEST(open.json()->getArray("items")->size() == 0u);
  // The same child referred again: joined to the case, and no task for adult social care.
  auto again = refer();
  BOOST_TEST(again.youngCarerId == child.youngCarerId);
  BOOST_TEST(tasksOf(child.caseId).size() == 1u);
  auto timeline = send("GET", "/api/v1/cases/" + std::to_string(child.caseId) + "/timeline", "", caseworker);
  BOOST_TEST(contains(timeline.body, "no task for adult social care"));
}

BOOST_AUTO_TEST_CASE(health_staff_checking_a_card_see_no_sharing_areas_once_withdrawn) {
  auto child = refer();
  const std::string issue = "/api/v1/young-carers/" + std::to_string(child.youngCarerId) + "/id-cards";
  auto card =
      send("POST", issue, R"({"young_carer_consent":true,"parent_consent":"given","sharing":["medication"]})",
           caseworker);
  BOOST_REQUIRE_MESSAGE(card.status == 201, card.body);
  const auto url = card.str("verify_url");
  const auto verify = url.substr(url.find("/verify/"));
  auto sharing = [&] {
    auto v = send("GET", verify, "", "", "application/json", "application/json");
    BOOST_REQUIRE_EQUAL(v.status, 200);
    BOOST_TEST(v.str("result") == "valid");
    return v.json()->getArray("sharing")->size();
  };
  BOOST_TEST(sharing() == 1u);
  BOOST_REQUIRE_EQUAL(decide(child.youngCarerId, "id_card_verifiers", "withdrawn").status, 201);
  BOOST_TEST(sharing() == 0u);
  auto page = send("GET", verify, "", "", "application/json", "text/html");
  BOOST_TEST(contains(page.body, "has not agreed any areas"));
  BOOST_TEST(!contains(page.body, "Medication"));
}

BOOST_AUTO_TEST_CASE(a_school_sees_only_its_young_carers_who_agreed_to_share_with_it) {
  auto zoe = refer("Zoë", "2012-04-03");
  auto ada = refer("Ada", "2011-09-14");
  auto kit = refer("Kit", "2013-01-30");
  BOOST_TEST(schoolList(champion).empty());  // nothing recorded is not a yes
  BOOST_REQUIRE_EQUAL(decide(zoe.youngCarerId, "school", "agreed").status, 201);
  BOOST_REQUIRE_EQUAL(decide(ada.youngCarerId, "school", "agreed").status, 201);
  BOOST_REQUIRE_EQUAL(decide(kit.youngCarerId, "school", "refused").status, 201);
  BOOST_TEST(schoolList(champion) == (std::vector<std::string>{"Ada", "Zoë"}));
  BOOST_REQUIRE_EQUAL(decide(ada.youngCarerId, "school", "withdrawn").status, 201);
  BOOST_TEST(schoolList(champion) == std::vector<std::string>{"Zoë"});
  BOOST_TEST(schoolList(otherChampion).empty());  // another school's staff
  auto listed = send("GET", "/api/v1/school/young-carers", "", champion).json();
  auto entry = listed->getArray("young_carers")->getObject(0);
  BOOST_TEST(entry->getValue<std::string>("date_of_birth") == "2012-04-03");
  BOOST_TEST(entry->getValue<std::string>("agreed_on") == "2025-06-02");
  BOOST_TEST(!entry->has("caring_summary"));
  // A closed case drops off the list.
  event(zoe.caseId, R"({"event":"close","close_reason":"no_longer_caring","reason":"Mum is well"})");
  BOOST_TEST(schoolList(champion).empty());
  // Case staff and adult services have no school list.
  BOOST_TEST(send("GET", "/api/v1/school/young-carers", "", caseworker).isProblem(403));
  BOOST_TEST(send("GET", "/api/v1/school/young-carers", "", asc).isProblem(403));
}

BOOST_AUTO_TEST_CASE(a_merge_carries_the_decisions_and_its_undo_takes_them_back) {
  auto keep = refer("Chloe", "2012-01-09");
  auto other = refer("Priya", "2009-07-21");
  BOOST_REQUIRE_EQUAL(decide(other.youngCarerId, "health", "refused").status, 201);
  auto merge =
      send("POST", "/api/v1/young-carers/" + std::to_string(keep.youngCarerId) + "/merge",
           R"({"other_id":)" + std::to_string(other.youngCarerId) + R"(,"reason":"Same child"})", caseworker);
  BOOST_REQUIRE_MESSAGE(merge.status == 201, merge.body);
  BOOST_TEST(stateOf(keep.youngCarerId, "health") == "refused");
  auto undo = send("POST", "/api/v1/merges/" + std::to_string(merge.json()->getValue<Id>("id")) + "/undo",
                   R"({"reason":"Two children after all"})", caseworker);
  BOOST_REQUIRE_MESSAGE(undo.status == 200, undo.body);
  BOOST_TEST(stateOf(keep.youngCarerId, "health") == "not_recorded");
  BOOST_TEST(stateOf(other.youngCarerId, "health") == "refused");
}

// Rectification (UK GDPR Article 16) sits with consent in a data protection officer's account of a record.
BOOST_AUTO_TEST_CASE(a_rectification_is_audited_with_its_reason_and_matched_on_at_once) {
  auto child = refer("Zoe", "2012-04-03");
  const std::string record = "/api/v1/young-carers/" + std::to_string(child.youngCarerId);
  BOOST_TEST(send("PATCH", record,
                  R"({"date_of_birth":"2012-03-04","reason":")" + std::string(501, 'x') + "\"}", caseworker)
                 .isProblem(422));
  auto fixed = send(
      "PATCH", record,
      R"({"given_name":"Zoë","date_of_birth":"2012-03-04","reason":"Rectification request: day and month were swapped"})",
      caseworker);
  BOOST_REQUIRE_MESSAGE(fixed.status == 200, fixed.body);
  auto tx = app->store().begin(false);
  AuditQuery q;
  q.recordType = "young_carer";
  q.recordId = std::to_string(child.youngCarerId);
  std::optional<AuditEvent> update;
  for (const auto& e : tx->audit().query(q).items)
    if (e.action == "young_carer.update") update = e;
  tx.reset();
  BOOST_REQUIRE(update);
  BOOST_TEST(update->detail == "changed given_name, date_of_birth");
  BOOST_TEST(update->reason == "Rectification request: day and month were swapped");
  BOOST_TEST(!contains(update->detail, "2012"));
  // The next referral with the corrected details finds her.
  auto again = refer("Zoë", "2012-03-04");
  BOOST_TEST(again.youngCarerId == child.youngCarerId);
}

BOOST_AUTO_TEST_SUITE_END()
