// Subject access (subject_access.cpp, api_subject_access.cpp), through HTTP: a young carer with a
// referral, a safeguarding concern, a parent and a sibling cared for, a task for adult social care,
// an assessment and an ID card, and a brother referred separately. The data protection role exports
// everything held about her; other people's details are present but marked for redaction review; the
// export is audited and the chain still verifies; nobody else may export; the HTML is escaped.

#include "ycr/services/subject_access.h"

#include <Poco/JSON/Array.h>

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;
using test_support::contains;
using test_support::Reply;

namespace ycr::test_support {

struct SubjectAccessFixture : test_support::ServiceFixture {
  std::string caseworker, champion, dpo, admin;
  Id caseworkerId = 0, youngCarerId = 0, caseId = 0;

  SubjectAccessFixture() : ServiceFixture("subject-access", "2025-06-02T10:00:00Z") {
    start();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id school = organisation("Hamilton Academy", OrganisationKind::school);
    Id asc = organisation("Leicester adult social care", OrganisationKind::adult_social_care);
    caseworkerId = user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    user("dpo", Role::auditor, service);
    user("root", Role::admin, service);
    user("asc1", Role::referrer, asc);
    caseworker = signIn("casey");
    champion = signIn("champion");
    dpo = signIn("dpo");
    admin = signIn("root");
    std::tie(youngCarerId, caseId) =
        refer("Zoë", "2012-04-03", R"(Helps mum <script>alert(1)</script> daily)");
    // Her brother, referred on his own: his record is not hers.
    refer("Liam", "2010-01-05", "Helps mum at weekends");
    // The concern took the case to children's social care; it came back to be decided.
    for (const char* e : {"safeguarding_returned", "accept_for_assessment", "start_assessment"})
      BOOST_REQUIRE_EQUAL(
          send("POST", casePath(), std::string(R"({"event":")") + e + "\"}", caseworker).status, 200);
    auto view = send("GET", "/api/v1/cases/" + std::to_string(caseId), "", caseworker);  // audited: case.read
    BOOST_REQUIRE_EQUAL(view.status, 200);
    Id parent = view.json()->getArray("cared_for")->getObject(0)->getValue<Id>("id");
    auto assessment =
        send("POST", "/api/v1/cases/" + std::to_string(caseId) + "/assessments",
             R"({"kind":"needs_assessment","matters":{"care_provided":"Gives medication daily"},)"
             R"("wishes_and_feelings":"Wants time with friends","cared_for_person_ids":[)" +
                 std::to_string(parent) + "]}",
             caseworker);
    BOOST_REQUIRE_MESSAGE(assessment.status == 201, assessment.body);
    auto card =
        send("POST", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/id-cards",
             R"({"young_carer_consent":true,"parent_consent":"given","sharing":["medication"]})", caseworker);
    BOOST_REQUIRE_MESSAGE(card.status == 201, card.body);
    auto agreed = send("POST", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/consents",
                       R"({"partner":"school","decision":"agreed","given_by":"young_person_and_parent",)"
                       R"("method":"in_person","decided_on":"2025-06-01","note":"Mum was there too"})",
                       caseworker);
    BOOST_REQUIRE_MESSAGE(agreed.status == 201, agreed.body);
  }

  std::string casePath() const { return "/api/v1/cases/" + std::to_string(caseId) + "/events"; }

  // A referral from the school about one of the O'Brien children; {young carer id, case id}.
  std::pair<Id, Id> refer(const std::string& given, const std::string& dob, const std::string& summary) {
    auto r =
        send("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":")" + given + R"(","family_name":"O'Brien","date_of_birth":")" +
                 dob + R"(","postcode":"LE2 7GH"},"caring_summary":")" + summary +
                 R"(","cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],)"
                 R"("known_to_adult_social_care":false},)"
                 R"({"relationship":"sibling","conditions":["learning_disability"]}],)"
                 R"("young_person_aware":true,"parent_aware":true,"safeguarding_concern":true,)"
                 R"("safeguarding_detail":"Uncle Bob shouts at the children"})",
             champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto view =
        send("GET", "/api/v1/referrals/" + r.json()->getValue<std::string>("reference"), "", caseworker);
    BOOST_REQUIRE_EQUAL(view.status, 200);
    return {view.json()->getValue<Id>("young_carer_id"), view.json()->getValue<Id>("case_id")};
  }

  std::string exportPath(Id id) const {
    return "/api/v1/young-carers/" + std::to_string(id) + "/subject-access";
  }

  Object::Ptr exported() {
    auto r = send("GET", exportPath(youngCarerId), "", dpo);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    BOOST_TEST(r.contentType.rfind("application/json", 0) == 0);
    return r.json();
  }

  std::vector<AuditEvent> auditOf(Id id) {
    AuditQuery q;
    q.recordType = "young_carer";
    q.recordId = std::to_string(id);
    q.limit = 500;
    auto tx = app->store().begin(false);
    return tx->audit().query(q).items;
  }
};

}  // namespace ycr::test_support

namespace {

Array::Ptr items(const Object::Ptr& doc, const std::string& id) {
  auto sections = doc->getArray("sections");
  for (std::size_t i = 0; i < sections->size(); ++i) {
    auto s = sections->getObject(static_cast<unsigned>(i));
    if (s->getValue<std::string>("id") == id) return s->getArray("items");
  }
  BOOST_FAIL("no section " + id);
  return nullptr;
}

// The task the referral left for adult social care: to assess the parent not known to them.
Object::Ptr adultServicesTask(const Object::Ptr& doc) {
  auto tasks = items(doc, "tasks");
  for (std::size_t i = 0; i < tasks->size(); ++i) {
    auto t = tasks->getObject(static_cast<unsigned>(i));
    if (t->getValue<std::string>("addressed_to") == "Leicester adult social care") return t;
  }
  return {};
}

bool redacted(const Object::Ptr& o) {
  return o->has("redact") && o->getValue<bool>("redact") &&
         !o->getValue<std::string>("redact_reason").empty();
}

// Whether `needle` appears in some string of the document outside every object marked for redaction.
bool showsUnmarked(const Var& v, const std::string& needle) {
  if (v.type() == typeid(Object::Ptr)) {
    auto o = v.extract<Object::Ptr>();
    if (redacted(o)) return false;
    std::vector<std::string> names;
    o->getNames(names);
    for (const auto& n : names)
      if (showsUnmarked(o->get(n), needle)) return true;
    return false;
  }
  if (v.type() == typeid(Array::Ptr)) {
    auto a = v.extract<Array::Ptr>();
    for (std::size_t i = 0; i < a->size(); ++i)
      if (showsUnmarked(a->get(static_cast<unsigned>(i)), needle)) return true;
    return false;
  }
  return v.isString() && contains(v.toString(), needle);
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(subject_access_test, test_support::SubjectAccessFixture)

BOOST_AUTO_TEST_CASE(the_export_holds_every_section_in_a_stable_documented_shape) {
  auto doc = exported();
  BOOST_TEST(doc->getValue<std::string>("format") == "ycr.subject_access");
  BOOST_TEST(doc->getValue<int>("schema_version") == 1);
  BOOST_TEST(doc->getValue<Id>("young_carer_id") == youngCarerId);
  std::vector<std::string> ids;
  auto sections = doc->getArray("sections");
  for (std::size_t i = 0; i < sections->size(); ++i)
    ids.push_back(sections->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  const std::vector<std::string> expected{
      "young_person",  "merges",   "cared_for",      "referrals",        "cases",       "assessments",
      "support_plans", "id_cards", "id_card_wishes", "sharing",          "tasks",       "notices",
      "activities",    "surveys",  "feedback",       "identity_reviews", "audit_trail", "staff"};
  BOOST_TEST(ids == expected, boost::test_tools::per_element());

  auto person = items(doc, "young_person");
  BOOST_REQUIRE_EQUAL(person->size(), 1u);
  BOOST_TEST(person->getObject(0)->getValue<std::string>("given_name") == "Zoë");  // accents survive
  BOOST_TEST(person->getObject(0)->getValue<std::string>("family_name") == "O'Brien");
  BOOST_TEST(!person->getObject(0)->getValue<bool>("redact"));

  auto referrals = items(doc, "referrals");
  BOOST_REQUIRE_EQUAL(referrals->size(), 1u);
  auto referral = referrals->getObject(0);
  BOOST_TEST(referral->getValue<std::string>("caring_summary") ==
             "Helps mum <script>alert(1)</script> daily");
  BOOST_TEST(referral->getObject("referring_organisation")->getValue<std::string>("name") ==
             "Hamilton Academy");
  BOOST_TEST(referral->getObject("referrer")->getValue<std::string>("username") == "champion");

  auto cases = items(doc, "cases");
  BOOST_REQUIRE_EQUAL(cases->size(), 1u);
  BOOST_TEST(cases->getObject(0)->getValue<Id>("id") == caseId);
  BOOST_TEST(cases->getObject(0)->getValue<std::string>("state") == "assessing");
  auto timeline = cases->getObject(0)->getArray("timeline");
  BOOST_REQUIRE(timeline->size() >= 4u);
  BOOST_TEST(
      timeline->getObject(static_cast<unsigned>(timeline->size() - 1))->getValue<std::string>("event") ==
      "start_assessment");

  auto assessments = items(doc, "assessments");
  BOOST_REQUIRE_EQUAL(assessments->size(), 1u);
  BOOST_TEST(contains(toJsonString(assessments->getObject(0)), "Gives medication daily"));
  BOOST_TEST(items(doc, "id_cards")->size() == 1u);

  BOOST_TEST(!adultServicesTask(doc).isNull());

  // The caseworker's reading of the case is in the trail, and she is named in the staff section.
  bool caseRead = false;
  auto trail = items(doc, "audit_trail");
  for (std::size_t i = 0; i < trail->size(); ++i) {
    auto e = trail->getObject(static_cast<unsigned>(i));
    if (e->getValue<std::string>("action") == "case.read" && e->getValue<Id>("actor_user_id") == caseworkerId)
      caseRead = true;
    // Each entry carries its chain hash, as the audit API shows it, for the officer to check.
    BOOST_TEST(e->getValue<std::string>("hash").size() == 64u);
  }
  BOOST_TEST(caseRead);
  auto staff = items(doc, "staff");
  bool named = false;
  for (std::size_t i = 0; i < staff->size(); ++i)
    named = named || staff->getObject(static_cast<unsigned>(i))->getValue<Id>("user_id") == caseworkerId;
  BOOST_TEST(named);
}

BOOST_AUTO_TEST_CASE(the_export_shows_what_was_shared_with_whom_and_what_others_were_told) {
  auto doc = exported();
  // What she agreed to share, and what the register told other organisations about her case.
  auto sharing = items(doc, "sharing");
  BOOST_REQUIRE_EQUAL(sharing->size(), 1u);
  BOOST_TEST(sharing->getObject(0)->getValue<std::string>("partner") == "school");
  BOOST_TEST(sharing->getObject(0)->getValue<std::string>("given_by") == "young_person_and_parent");
  BOOST_TEST(sharing->getObject(0)->getValue<std::string>("note") == "Mum was there too");
  auto notices = items(doc, "notices");
  bool accepted = false;
  for (std::size_t i = 0; i < notices->size(); ++i) {
    auto n = notices->getObject(static_cast<unsigned>(i));
    if (n->getValue<std::string>("kind") == "referral_accepted") {
      accepted = true;
      BOOST_TEST(n->getValue<std::string>("to") == "Hamilton Academy");
    }
  }
  BOOST_TEST(accepted);
}

BOOST_AUTO_TEST_CASE(other_peoples_details_are_present_but_marked_for_redaction_review) {
  auto doc = exported();
  // The people cared for, the sibling among them: there, with their health, each marked.
  auto caredFor = items(doc, "cared_for");
  BOOST_REQUIRE_EQUAL(caredFor->size(), 2u);
  bool sibling = false;
  for (std::size_t i = 0; i < caredFor->size(); ++i) {
    auto p = caredFor->getObject(static_cast<unsigned>(i));
    BOOST_TEST(redacted(p));
    if (p->getValue<std::string>("relationship") == "sibling") {
      sibling = true;
      BOOST_TEST(p->getArray("conditions")->getElement<std::string>(0) == "learning_disability");
    }
  }
  BOOST_TEST(sibling);
  auto referral = items(doc, "referrals")->getObject(0);
  BOOST_TEST(redacted(referral->getObject("referrer")));
  BOOST_TEST(redacted(referral->getObject("safeguarding_detail")));
  BOOST_TEST(referral->getObject("safeguarding_detail")->getValue<std::string>("detail") ==
             "Uncle Bob shouts at the children");
  BOOST_TEST(!showsUnmarked(doc, "Uncle Bob"));
  auto task = adultServicesTask(doc);
  BOOST_REQUIRE(!task.isNull());
  BOOST_TEST(redacted(task));
  auto staff = items(doc, "staff");
  for (std::size_t i = 0; i < staff->size(); ++i)
    BOOST_TEST(redacted(staff->getObject(static_cast<unsigned>(i))));
  // Her brother's own record is not hers: nothing of him appears unmarked.
  BOOST_TEST(!showsUnmarked(doc, "Liam"));
  BOOST_TEST(!showsUnmarked(doc, "2010-01-05"));
  BOOST_TEST(!showsUnmarked(doc, "weekends"));
  // ... while her own details are not marked.
  BOOST_TEST(showsUnmarked(doc, "Zoë"));
  BOOST_TEST(showsUnmarked(doc, "Helps mum <script>"));
}

BOOST_AUTO_TEST_CASE(the_export_is_audited_and_the_trail_still_verifies) {
  auto before = auditOf(youngCarerId).size();
  exported();
  auto after = auditOf(youngCarerId);
  BOOST_REQUIRE_EQUAL(after.size(), before + 1);
  const auto& e = after.front();  // newest first
  BOOST_TEST(e.action == "subject_access.export");
  BOOST_TEST(e.outcome == "ok");
  BOOST_TEST(e.detail == "format json");
  BOOST_REQUIRE(e.actorUserId);
  BOOST_TEST(*e.actorUserId == findUser("dpo")->id);
  auto verified = app->store().verifyAudit();
  BOOST_TEST(static_cast<bool>(verified));
  // The next export shows the first one in the record's trail.
  auto trail = items(exported(), "audit_trail");
  bool shown = false;
  for (std::size_t i = 0; i < trail->size(); ++i)
    shown = shown || trail->getObject(static_cast<unsigned>(i))->getValue<std::string>("action") ==
                         "subject_access.export";
  BOOST_TEST(shown);
}

BOOST_AUTO_TEST_CASE(only_the_data_protection_role_may_export_and_unknown_records_are_not_found) {
  for (const auto& token : {caseworker, champion, admin}) {
    auto r = send("GET", exportPath(youngCarerId), "", token);
    BOOST_TEST(r.isProblem(403));
    BOOST_TEST(!contains(r.body, "Zo"));
  }
  BOOST_TEST(send("GET", exportPath(youngCarerId)).isProblem(401));
  BOOST_TEST(send("GET", exportPath(999999), "", dpo).isProblem(404));
  BOOST_TEST(send("GET", "/api/v1/young-carers/zoe/subject-access", "", dpo).isProblem(404));
  auto bad = send("GET", exportPath(youngCarerId) + "?format=pdf", "", dpo);
  BOOST_TEST(bad.isProblem(422));
  BOOST_TEST(bad.firstErrorField() == "format");
  // The use case refuses on its own too, whatever route calls it.
  SubjectAccess use(app->store(), app->clock());
  auto refused = use.exportRecord(who(caseworker), youngCarerId, "json");
  BOOST_REQUIRE(!refused);
  BOOST_TEST(static_cast<int>(refused.error().code) == static_cast<int>(ErrorCode::forbidden));
  // Refusals and failures export nothing, so they leave no export row.
  for (const auto& e : auditOf(youngCarerId)) BOOST_TEST(e.action != "subject_access.export");
}

BOOST_AUTO_TEST_CASE(the_html_document_is_escaped_printable_and_marks_redactions) {
  for (const auto& [query, accept] : std::vector<std::pair<std::string, std::string>>{
           {"?format=html", ""}, {"", "text/html,application/xhtml+xml"}}) {
    auto r = send("GET", exportPath(youngCarerId) + query, "", dpo, "application/json", accept);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.contentType.rfind("text/html", 0) == 0);
    BOOST_TEST(contains(r.body, "Helps mum &lt;script&gt;alert(1)&lt;/script&gt; daily"));
    BOOST_TEST(!contains(r.body, "<script"));
    BOOST_TEST(contains(r.body, "O&#39;Brien"));
    BOOST_TEST(!contains(r.body, "O'Brien"));
    BOOST_TEST(contains(r.body, "Zoë"));
    BOOST_TEST(contains(r.body, "<h2>Referrals</h2>"));
    BOOST_TEST(contains(r.body, "<h2>Who viewed and changed the record, and when</h2>"));
    BOOST_TEST(contains(r.body, "For redaction review: health and care details of the person cared for"));
    const std::string csp = r.headers.get("Content-Security-Policy", "");
    BOOST_TEST(contains(csp, "default-src 'none'"));
    BOOST_TEST(!contains(csp, "script-src"));
  }
  auto audit = auditOf(youngCarerId);
  BOOST_TEST(audit.front().detail == "format html");
}

BOOST_AUTO_TEST_SUITE_END()
