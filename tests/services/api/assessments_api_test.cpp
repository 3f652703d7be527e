#include <Poco/JSON/Array.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Array;
using Poco::JSON::Object;
namespace fs = std::filesystem;

namespace {

const char* kService = "Young carers service";
const char* kPassPhrase = "a long enough pass phrase";

struct ParsedReply {
  int status = 0;
  Object::Ptr json;
  std::string body;
};

}  // namespace

namespace ycr::test_support {

// An in-process server on port 0 over a temporary database, with a carers centre (the intake team), a school
// and their staff, and helpers that speak to it over HTTP as a client would.
struct AssessmentApiFixture : test_support::ServiceFixture {
  std::string caseworker, referrer, otherService;

  AssessmentApiFixture() : ServiceFixture("assess-api", "2024-03-04T10:00:00Z") {
    config.intakeTeam = kService;
    start();
    Id centre = organisation(kService, OrganisationKind::carers_centre);
    Id school = organisation("Oak Academy", OrganisationKind::school);
    Id other = organisation("Another carers service", OrganisationKind::carers_centre);
    user("cw", Role::caseworker, centre, kPassPhrase);
    user("champion", Role::referrer, school, kPassPhrase);
    user("elsewhere", Role::caseworker, other, kPassPhrase);
    caseworker = signIn("cw");
    referrer = signIn("champion");
    otherService = signIn("elsewhere");
  }

  std::string signIn(const std::string& username) { return ServiceFixture::signIn(username, kPassPhrase); }

  ParsedReply call(const std::string& method, const std::string& path, const std::string& token,
                   const std::string& body = "") {
    auto sent = send(method, path, body, token);
    ParsedReply r;
    r.status = sent.status;
    r.body = sent.body;
    if (!r.body.empty() && r.body.front() == '{') r.json = sent.json();
    return r;
  }

  // Sessions expire as time passes: sign in again at the new time.
  void moveClockTo(const char* iso) {
    clock.set(*parseIsoTimestamp(iso));
    caseworker = signIn("cw");
  }
  ParsedReply staff(const std::string& method, const std::string& path, const std::string& body = "") {
    return call(method, path, caseworker, body);
  }

  // A school's referral, then the caseworker takes the case to `assessing`. Returns the case id.
  Id caseInAssessment(const std::string& dateOfBirth = "2008-09-10") {
    auto r =
        call("POST", "/api/v1/referrals", referrer,
             R"({"young_person":{"given_name":"Amira","family_name":"Khan","date_of_birth":")" + dateOfBirth +
                 R"(","postcode":"LE2 7GH"},"caring_summary":"Looks after her mum, who has depression",)"
                 R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],)"
                 R"("known_to_adult_social_care":true}],"young_person_aware":true,"parent_aware":true})");
    BOOST_REQUIRE_EQUAL(r.status, 201);
    auto list = staff("GET", "/api/v1/cases");
    BOOST_REQUIRE_EQUAL(list.status, 200);
    Id caseId = list.json->getArray("items")->getObject(0)->getValue<Id>("id");
    for (const char* e : {"acknowledge", "accept_for_assessment", "start_assessment"})
      BOOST_REQUIRE_EQUAL(event(caseId, std::string(R"({"event":")") + e + "\"}").status, 200);
    BOOST_REQUIRE_EQUAL(caseState(caseId), "assessing");
    return caseId;
  }
  ParsedReply event(Id caseId, const std::string& body) {
    return staff("POST", "/api/v1/cases/" + std::to_string(caseId) + "/events", body);
  }
  std::string caseState(Id caseId) {
    auto r = staff("GET", "/api/v1/cases/" + std::to_string(caseId));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json->getValue<std::string>("state");
  }
  Id caredForId(Id caseId) {
    auto r = staff("GET", "/api/v1/cases/" + std::to_string(caseId));
    return r.json->getArray("cared_for")->getObject(0)->getValue<Id>("id");
  }
};

}  // namespace ycr::test_support

namespace {

// Answers that add up to `total`, 2s first, on a questionnaire of `items` items.
std::string answers(int total, int items) {
  std::string out = "[";
  for (int i = 0; i < items; ++i) {
    int v = std::min(2, std::max(0, total));
    total -= v;
    out += (i ? "," : "") + std::to_string(v);
  }
  return out + "]";
}

// PANOC-YC20 answers with the given positive and negative subscale totals (items per the data file).
std::string panocAnswers(int positive, int negative) {
  const int positiveItems[] = {1, 2, 3, 4, 7, 8, 15, 18, 19, 20};
  std::vector<int> a(20, 0);
  for (int n = 1; n <= 20; ++n) {
    bool isPositive =
        std::find(std::begin(positiveItems), std::end(positiveItems), n) != std::end(positiveItems);
    int& left = isPositive ? positive : negative;
    a[n - 1] = std::min(2, left);
    left -= a[n - 1];
  }
  std::string out = "[";
  for (std::size_t i = 0; i < a.size(); ++i) out += (i ? "," : "") + std::to_string(a[i]);
  return out + "]";
}

std::string needsContent(Id caredFor, bool withDevelopment, const std::string& extra = "") {
  return std::string(
             R"({"matters":{"care_provided":"Cooks and gives medication daily",)"
             R"("family_reliance":"Mum relies on her every evening",)"
             R"("effect_on_wellbeing":"Tired and anxious","effect_on_education":"Late for school twice a week",)") +
         (withDevelopment ? R"("effect_on_development":"Little time with friends",)" : "") +
         R"("excessive_or_inappropriate_tasks":"Giving medication is inappropriate at 15",)"
         R"("preventable_by_services_to_family":"Community mental health support for mum"},)"
         R"("wishes_and_feelings":"Wants to keep helping but have time off","outcomes_wanted":"Time with friends",)"
         R"("participants":["Amira","Mum"],"written_record_to":[{"who":"Amira","sent_on":"2024-03-04"}],)"
         R"("needs_for_support":true,"services_to_meet_needs":["Young carers group"],)"
         R"("cared_for_person_ids":[)" +
         std::to_string(caredFor) + "]" + extra + "}";
}

std::string createBody(const std::string& kind, const std::string& content) {
  return R"({"kind":")" + kind + "\"," + content.substr(1);
}

bool hasFieldError(const ParsedReply& r, const std::string& field) {
  if (!r.json || !r.json->has("errors")) return false;
  auto errors = r.json->getArray("errors");
  for (std::size_t i = 0; i < errors->size(); ++i)
    if (errors->getObject(static_cast<unsigned>(i))->getValue<std::string>("field") == field) return true;
  return false;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(assessments_api_test, test_support::AssessmentApiFixture)

BOOST_AUTO_TEST_CASE(completion_is_refused_until_every_regulation_4_matter_is_recorded) {
  Id caseId = caseInAssessment();
  Id person = caredForId(caseId);
  auto draft = staff("POST", "/api/v1/cases/" + std::to_string(caseId) + "/assessments",
                     createBody("needs_assessment", needsContent(person, false)));
  BOOST_REQUIRE_EQUAL(draft.status, 201);
  const std::string id = std::to_string(draft.json->getValue<Id>("id"));
  BOOST_TEST(draft.json->getValue<std::string>("status") == "draft");
  BOOST_TEST(!draft.json->getValue<bool>("not_owed"));

  // The pathway agrees: without the matter, complete_assessment is not offered.
  auto refused = staff("POST", "/api/v1/assessments/" + id + "/complete", "{}");
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(hasFieldError(refused, "matters.effect_on_development"));
  BOOST_TEST(caseState(caseId) == "assessing");
  auto viaEvent = event(caseId, R"({"event":"complete_assessment"})");
  BOOST_TEST(viaEvent.status == 422);
  BOOST_TEST(viaEvent.json->getValue<std::string>("detail").find("Regulation 4") != std::string::npos);

  BOOST_REQUIRE_EQUAL(staff("PUT", "/api/v1/assessments/" + id, needsContent(person, true)).status, 200);
  auto done = staff("POST", "/api/v1/assessments/" + id + "/complete", "{}");
  BOOST_REQUIRE_EQUAL(done.status, 200);
  BOOST_TEST(done.json->getValue<std::string>("status") == "completed");
  BOOST_TEST(done.json->getValue<std::string>("case_state") == "support_planning");
  BOOST_TEST(caseState(caseId) == "support_planning");
  BOOST_TEST(staff("POST", "/api/v1/assessments/" + id + "/complete", "{}").status == 409);

  // A completed assessment changes only with a reason, which is kept.
  auto noReason = staff("PUT", "/api/v1/assessments/" + id, needsContent(person, true));
  BOOST_TEST(noReason.status == 422);
  BOOST_TEST(hasFieldError(noReason, "amendment_reason"));
  auto amended = staff("PUT", "/api/v1/assessments/" + id,
                       needsContent(person, true, R"(,"amendment_reason":"Corrected the date sent")"));
  BOOST_REQUIRE_EQUAL(amended.status, 200);
  BOOST_TEST(amended.json->getArray("amendments")->size() == 1u);

  // The same cared-for person, nothing changed: a new needs assessment is flagged as not owed.
  auto again =
      staff("POST", "/api/v1/cases/" + std::to_string(caseId) + "/assessments",
            createBody("needs_assessment", R"({"cared_for_person_ids":[)" + std::to_string(person) + "]}"));
  BOOST_REQUIRE_EQUAL(again.status, 201);
  BOOST_TEST(again.json->getValue<bool>("not_owed"));
  BOOST_TEST(std::to_string(again.json->getValue<Id>("covering_assessment_id")) == id);
  auto changed =
      staff("PUT", "/api/v1/assessments/" + std::to_string(again.json->getValue<Id>("id")),
            R"({"cared_for_person_ids":[)" + std::to_string(person) +
                R"(],"change_in_circumstances":true,"change_detail":"Mum was admitted to hospital"})");
  BOOST_REQUIRE_EQUAL(changed.status, 200);
  BOOST_TEST(!changed.json->getValue<bool>("not_owed"));

  // Reads are audited; other services and referrers cannot reach the assessment.
  BOOST_TEST(staff("GET", "/api/v1/assessments/" + id).status == 200);
  BOOST_TEST(call("GET", "/api/v1/assessments/" + id, otherService).status == 404);
  BOOST_TEST(call("GET", "/api/v1/assessments/" + id, referrer).status == 403);
  auto tx = app->store().begin(false);
  AuditQuery q;
  q.recordType = "assessment";
  q.recordId = id;
  auto trail = tx->audit().query(q);
  std::vector<std::string> actions;
  for (const auto& e : trail.items) actions.push_back(e.action + "/" + e.outcome);
  for (const char* expected : {"assessment.create/ok", "assessment.complete/ok", "assessment.amend/ok",
                               "assessment.read/ok", "assessment.read/refused"})
    BOOST_TEST((std::find(actions.begin(), actions.end(), expected) != actions.end()), expected);
}

BOOST_AUTO_TEST_CASE(the_case_events_route_never_completes_an_assessment_that_is_a_draft_or_absent) {
  Id caseId = caseInAssessment();
  Id person = caredForId(caseId);
  const std::string casePath = "/api/v1/cases/" + std::to_string(caseId);
  auto timelineEvents = [&] {
    auto t = staff("GET", casePath + "/timeline");
    BOOST_REQUIRE_EQUAL(t.status, 200);
    std::vector<std::string> names;
    auto events = t.json->getArray("events");
    for (std::size_t i = 0; i < events->size(); ++i)
      names.push_back(events->getObject(static_cast<unsigned>(i))->getValue<std::string>("event"));
    return names;
  };
  auto offered = [&](const std::string& event) {
    auto allowed = staff("GET", casePath).json->getArray("allowed_events");
    for (std::size_t i = 0; i < allowed->size(); ++i)
      if (allowed->getElement<std::string>(static_cast<unsigned>(i)) == event) return true;
    return false;
  };
  const auto before = timelineEvents();

  // No needs assessment at all: refused, and staff are told what to do instead.
  auto absent = event(caseId, R"({"event":"complete_assessment"})");
  BOOST_REQUIRE_EQUAL(absent.status, 422);
  BOOST_TEST(absent.json->getValue<std::string>("detail").find("Record a needs assessment") !=
             std::string::npos);
  BOOST_TEST(caseState(caseId) == "assessing");

  // A draft with every Regulation 4 matter recorded is still a draft: the event alone does not move the case.
  auto draft =
      staff("POST", casePath + "/assessments", createBody("needs_assessment", needsContent(person, true)));
  BOOST_REQUIRE_EQUAL(draft.status, 201);
  const std::string id = std::to_string(draft.json->getValue<Id>("id"));
  BOOST_TEST(!offered("complete_assessment"));
  auto refused = event(caseId, R"({"event":"complete_assessment","late_reason":"Family asked to wait"})");
  BOOST_REQUIRE_EQUAL(refused.status, 422);
  BOOST_TEST(refused.json->getValue<std::string>("detail").find("Complete needs assessment " + id +
                                                                " itself") != std::string::npos);
  BOOST_TEST(hasFieldError(refused, "event"));
  BOOST_TEST(caseState(caseId) == "assessing");
  BOOST_TEST(staff("GET", "/api/v1/assessments/" + id).json->getValue<std::string>("status") == "draft");
  BOOST_TEST(timelineEvents() == before);

  // Completing the assessment itself moves the case, once; the event is then not one the state allows.
  auto done = staff("POST", "/api/v1/assessments/" + id + "/complete", "{}");
  BOOST_REQUIRE_EQUAL(done.status, 200);
  BOOST_TEST(caseState(caseId) == "support_planning");
  auto after = timelineEvents();
  BOOST_TEST(std::count(after.begin(), after.end(), "complete_assessment") == 1);
  BOOST_TEST(event(caseId, R"({"event":"complete_assessment"})").status == 409);
}

BOOST_AUTO_TEST_CASE(scores_fall_in_the_right_band_at_each_boundary) {
  Id caseId = caseInAssessment();
  auto draft = staff("POST", "/api/v1/cases/" + std::to_string(caseId) + "/assessments",
                     R"({"kind":"needs_assessment"})");
  BOOST_REQUIRE_EQUAL(draft.status, 201);
  const std::string path = "/api/v1/assessments/" + std::to_string(draft.json->getValue<Id>("id"));
  struct Boundary {
    int maca;
    const char* band;
    int positive, negative;
    bool fewPositive, manyNegative;
  };
  const Boundary cases[] = {
      {0, "none", 0, 0, true, false},       {1, "low", 12, 8, true, false},
      {9, "low", 13, 9, false, true},       {10, "moderate", 20, 20, false, true},
      {13, "moderate", 12, 9, true, true},  {14, "high", 13, 8, false, false},
      {17, "high", 1, 1, true, false},      {18, "very_high", 0, 0, true, false},
      {36, "very_high", 0, 0, true, false},
  };
  for (const auto& c : cases) {
    auto r = staff("PUT", path,
                   R"({"maca":{"answers":)" + answers(c.maca, 18) + R"(},"panoc":{"answers":)" +
                       panocAnswers(c.positive, c.negative) + "}}");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    auto maca = r.json->getObject("maca");
    BOOST_TEST(maca->getValue<int>("total") == c.maca);
    BOOST_TEST(maca->getObject("band")->getValue<std::string>("id") == c.band, "MACA " << c.maca);
    auto flags = r.json->getObject("panoc")->getArray("flags");
    bool few = false, many = false;
    for (std::size_t i = 0; i < flags->size(); ++i) {
      auto id = flags->getObject(static_cast<unsigned>(i))->getValue<std::string>("id");
      few = few || id == "few_positive_outcomes";
      many = many || id == "many_negative_outcomes";
    }
    BOOST_TEST(few == c.fewPositive, "PANOC positive " << c.positive);
    BOOST_TEST(many == c.manyNegative, "PANOC negative " << c.negative);
  }
  // An unanswered item and an answer off the scale are named.
  auto bad = staff("PUT", path, R"({"maca":{"answers":[null,3,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}})");
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(hasFieldError(bad, "maca.answers[0]"));
  BOOST_TEST(hasFieldError(bad, "maca.answers[1]"));
}

BOOST_AUTO_TEST_CASE(a_personal_budget_in_a_plan_starts_on_the_16th_birthday_at_the_earliest) {
  const std::string plan =
      "/api/v1/cases/" + std::to_string(caseInAssessment("2008-09-10")) + "/support-plan";
  auto budget = [&](const std::string& start) {
    return staff(
        "PUT", plan,
        R"({"items":[{"type":"personal_budget","provider":"County council","start":")" + start +
            R"("},{"type":"emergency_plan","provider":"Young carers service","start":"2024-03-11"}]})");
  };
  auto tooYoung = budget("2024-09-09");  // Amira is 16 on 10 September
  BOOST_TEST(tooYoung.status == 422);
  BOOST_TEST(hasFieldError(tooYoung, "items[0].start"));
  auto recorded = budget("2024-09-10");
  BOOST_REQUIRE_EQUAL(recorded.status, 200);
  auto items = recorded.json->getObject("draft")->getArray("items");
  BOOST_TEST(items->getObject(0)->getValue<std::string>("type") == "personal_budget");
  BOOST_TEST(items->getObject(1)->getValue<std::string>("type") == "emergency_plan");
}

BOOST_AUTO_TEST_CASE(a_young_carer_goes_from_a_school_referral_to_adult_services_through_the_api) {
  Id caseId = caseInAssessment("2008-09-10");
  const std::string casePath = "/api/v1/cases/" + std::to_string(caseId);
  Id person = caredForId(caseId);

  // Needs assessment with the baseline measures.
  auto needs = staff("POST", casePath + "/assessments",
                     createBody("needs_assessment",
                                needsContent(person, true,
                                             R"(,"maca":{"answers":)" + answers(15, 18) +
                                                 R"(},"panoc":{"answers":)" + panocAnswers(6, 12) + "}")));
  BOOST_REQUIRE_EQUAL(needs.status, 201);
  auto needsDone = staff(
      "POST", "/api/v1/assessments/" + std::to_string(needs.json->getValue<Id>("id")) + "/complete", "{}");
  BOOST_REQUIRE_EQUAL(needsDone.status, 200);
  BOOST_TEST(needsDone.json->getValue<std::string>("case_state") == "support_planning");

  // The plan is recorded before it is agreed; agreeing it schedules the review.
  auto early = event(caseId, R"({"event":"agree_plan"})");
  BOOST_TEST(early.status == 422);
  BOOST_TEST(early.json->getValue<std::string>("detail") == "Record the support plan first");
  auto badPlan = staff("PUT", casePath + "/support-plan",
                       R"({"items":[{"type":"other","provider":"","start":"2024-03-11"}]})");
  BOOST_TEST(badPlan.status == 422);
  BOOST_TEST(hasFieldError(badPlan, "items[0].provider"));
  BOOST_TEST(hasFieldError(badPlan, "items[0].notes"));
  auto plan = staff(
      "PUT", casePath + "/support-plan",
      R"({"items":[{"type":"young_carers_group","provider":"Carers centre","start":"2024-03-11"},)"
      R"({"type":"school_support","provider":"Oak Academy","start":"2024-03-11","end":"2024-07-19"}]})");
  BOOST_REQUIRE_EQUAL(plan.status, 200);
  BOOST_TEST(plan.json->getObject("draft")->getValue<int>("version") == 1);
  auto agreed = event(caseId, R"({"event":"agree_plan"})");
  BOOST_REQUIRE_EQUAL(agreed.status, 200);
  BOOST_TEST(agreed.json->getValue<std::string>("state") == "supported");
  BOOST_TEST(agreed.json->getValue<std::string>("review_due") == "2024-09-04");
  auto plans = staff("GET", casePath + "/support-plan");
  BOOST_REQUIRE_EQUAL(plans.status, 200);
  BOOST_TEST(plans.json->getObject("current")->getValue<std::string>("review_due") == "2024-09-04");
  BOOST_TEST(plans.json->getObject("current")->getArray("items")->size() == 2u);
  BOOST_TEST(plans.json->isNull("draft"));

  // The review repeats the measures; less caring and fewer negative outcomes.
  moveClockTo("2024-09-02T10:00:00Z");
  BOOST_REQUIRE_EQUAL(event(caseId, R"({"event":"start_review"})").status, 200);
  auto review =
      staff("POST", casePath + "/assessments",
            R"({"kind":"review","participants":["Amira"],"review_outcome":"continue","maca":{"answers":)" +
                answers(9, 18) + R"(},"panoc":{"answers":)" + panocAnswers(10, 6) + "}}");
  BOOST_REQUIRE_EQUAL(review.status, 201);
  auto reviewed = staff(
      "POST", "/api/v1/assessments/" + std::to_string(review.json->getValue<Id>("id")) + "/complete", "{}");
  BOOST_REQUIRE_EQUAL(reviewed.status, 200);
  BOOST_TEST(reviewed.json->getValue<std::string>("case_state") == "supported");
  auto comparison = reviewed.json->getObject("review_comparison");
  BOOST_TEST(comparison->getValue<bool>("wellbeing_improved"));
  BOOST_TEST(comparison->getObject("maca")->getValue<int>("total_delta") == -6);
  BOOST_TEST(comparison->getObject("maca")->getObject("band_before")->getValue<std::string>("id") == "high");
  BOOST_TEST(comparison->getObject("maca")->getObject("band_after")->getValue<std::string>("id") == "low");
  BOOST_TEST(comparison->getValue<Id>("maca_baseline_id") == needs.json->getValue<Id>("id"));

  // Commissioners count young carers by the band of their latest completed MACA-YC18: "low" now.
  const Id needsId = needs.json->getValue<Id>("id"), reviewId = review.json->getValue<Id>("id");
  auto bandOf = [&](Id id) {
    auto tx = app->store().begin(false);
    return tx->assessments().findById(id)->macaBand.value_or("(null)");
  };
  BOOST_TEST(bandOf(needsId) == "high");
  BOOST_TEST(bandOf(reviewId) == "low");
  auto byBand = [&] {
    // In a writing transaction, which brings the counts up to date with the writes just made.
    auto tx = app->store().begin(true);
    auto r = tx->statistics().count({Measure::assessments_completed,
                                     {Dimension::maca_band},
                                     *parseIsoDate("2024-01-01"),
                                     *parseIsoDate("2024-12-31")});
    BOOST_REQUIRE(tx->commit());
    std::map<std::string, long long> out;
    for (const auto& row : r.rows) out[row.values.at(0)] = row.count;
    return out;
  };
  BOOST_TEST((byBand() == std::map<std::string, long long>{{"low", 1}}));
  // Assessments stored before bands were recorded are scored once at start.
  {
    auto tx = app->store().begin(true);
    for (Id id : {needsId, reviewId}) {
      auto record = *tx->assessments().findById(id);
      record.macaBand.reset();
      BOOST_REQUIRE(static_cast<bool>(tx->assessments().update(record)));
    }
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  BOOST_TEST((byBand() == std::map<std::string, long long>{{"not_recorded", 1}}));
  auto scored = app->assessments().recordMissingBands();
  BOOST_REQUIRE(static_cast<bool>(scored));
  BOOST_TEST(scored.value() == 2);
  BOOST_TEST(bandOf(needsId) == "high");
  BOOST_TEST(bandOf(reviewId) == "low");
  BOOST_TEST((byBand() == std::map<std::string, long long>{{"low", 1}}));
  BOOST_TEST(app->assessments().recordMissingBands().value() == 0);

  // Commissioners' indicator, from stored data.
  {
    auto tx = app->store().begin(false);
    auto count = tx->assessments().wellbeingImproved(*parseIsoTimestamp("2024-09-01T00:00:00Z"),
                                                     *parseIsoTimestamp("2024-10-01T00:00:00Z"));
    BOOST_TEST(count.reviews == 1);
    BOOST_TEST(count.improved == 1);
  }

  // At 16, transition; handover waits for the transition assessment with consent.
  moveClockTo("2024-09-12T10:00:00Z");
  BOOST_REQUIRE_EQUAL(event(caseId, R"({"event":"start_transition"})").status, 200);
  BOOST_TEST(caseState(caseId) == "transition");
  auto tooSoon = event(caseId, R"({"event":"hand_over","receiving_service":"Adult carers hub"})");
  BOOST_TEST(tooSoon.status == 422);
  auto transition =
      staff("POST", casePath + "/assessments",
            R"({"kind":"transition_assessment","participants":["Amira"],)"
            R"("able_and_willing_now":"Yes, with support","able_and_willing_after_18":"Yes, part time",)"
            R"("outcomes_wanted":"College place","work_education_training_recreation":"Applying to college",)"
            R"("written_record_to":[{"who":"Amira","sent_on":"2024-09-12"}]})");
  BOOST_REQUIRE_EQUAL(transition.status, 201);
  const std::string transitionPath =
      "/api/v1/assessments/" + std::to_string(transition.json->getValue<Id>("id"));
  auto noConsent = staff("POST", transitionPath + "/complete", "{}");
  BOOST_TEST(noConsent.status == 422);
  BOOST_TEST(hasFieldError(noConsent, "consent"));
  auto withConsent =
      staff("PUT", transitionPath,
            R"({"consent":"consented","participants":["Amira"],)"
            R"("able_and_willing_now":"Yes, with support","able_and_willing_after_18":"Yes, part time",)"
            R"("outcomes_wanted":"College place","work_education_training_recreation":"Applying to college",)"
            R"("written_record_to":[{"who":"Amira","sent_on":"2024-09-12"}]})");
  BOOST_REQUIRE_EQUAL(withConsent.status, 200);
  auto transitionDone = staff("POST", transitionPath + "/complete", "{}");
  BOOST_REQUIRE_EQUAL(transitionDone.status, 200);
  BOOST_TEST(transitionDone.json->getValue<std::string>("case_state") == "transition");
  auto missingService = event(caseId, R"({"event":"hand_over"})");
  BOOST_TEST(missingService.status == 422);
  BOOST_TEST(hasFieldError(missingService, "receiving_service"));
  auto handedOver = event(caseId, R"({"event":"hand_over","receiving_service":"Adult carers hub"})");
  BOOST_REQUIRE_EQUAL(handedOver.status, 200);
  BOOST_TEST(handedOver.json->getValue<std::string>("state") == "handed_over");

  auto all = staff("GET", casePath + "/assessments");
  BOOST_REQUIRE_EQUAL(all.status, 200);
  BOOST_TEST(all.json->getArray("items")->size() == 3u);
}

BOOST_AUTO_TEST_CASE(questionnaires_are_served_for_forms_to_staff_only) {
  auto r = staff("GET", "/api/v1/questionnaires");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  auto list = r.json->getArray("questionnaires");
  BOOST_REQUIRE_EQUAL(list->size(), 2u);
  std::vector<std::string> idsSeen;
  for (std::size_t i = 0; i < list->size(); ++i)
    idsSeen.push_back(list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
  BOOST_TEST((std::find(idsSeen.begin(), idsSeen.end(), "maca-yc18") != idsSeen.end()));
  BOOST_TEST((std::find(idsSeen.begin(), idsSeen.end(), "panoc-yc20") != idsSeen.end()));
  BOOST_TEST(call("GET", "/api/v1/questionnaires", referrer).status == 403);
  BOOST_TEST(call("GET", "/api/v1/questionnaires", "").status == 401);
}

BOOST_AUTO_TEST_SUITE_END()
