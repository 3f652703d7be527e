// The authorisation matrix: for every route the service serves, what each role (and a caller
// with no token) gets, for records of their own organisation and of another. Requests are
// valid wherever access is allowed, so an allowed cell holds the real success status.
// A route added to the router without a row here fails this test: every route needs a policy.

#include "authorisation_matrix.h"

#include <array>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;
using namespace ycr::matrix;

namespace {

using test_support::kPassword;
using test_support::Reply;

struct Request {
  std::string path;
  std::string body;
  bool freshToken = false;  // the request ends the caller's session
};

// A register with the same people in two organisations of each kind, one referral (and so one
// case) from the own school, and makers of fresh records for requests that change them.
struct World : test_support::ServiceFixture {
  std::map<std::pair<int, Scope>, std::string> usernames;
  std::map<std::pair<int, Scope>, std::string> tokens;
  Id ownService = 0;
  Id ownSchool = 0;
  std::string referralReference, youngCarerId, caseId;
  int counter = 0;

  World() : ServiceFixture("matrix", "2024-03-04T10:00:00Z") {
    start();

    // The service named by config.intakeTeam owns every new case.
    ownService = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id otherService = organisation("Northfield Carers Centre", OrganisationKind::carers_centre);
    ownSchool = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    Id otherSchool = organisation("Soar Valley College", OrganisationKind::school, "120346");
    for (int c = admin; c < kCallers; ++c) {
      bool school = c == referrer;
      for (Scope scope : {Scope::own, Scope::other}) {
        std::string name = std::string(kCallerNames[c]) + (scope == Scope::own ? ".own" : ".other");
        Id org =
            scope == Scope::own ? (school ? ownSchool : ownService) : (school ? otherSchool : otherService);
        user(name, kRoles[c], org);
        usernames[{c, scope}] = name;
      }
    }
    user("sign.in.target", Role::referrer, ownSchool);

    auto referral = newReferral();
    referralReference = referral.first;
    caseId = referral.second;
    auto caseView = send("GET", "/api/v1/cases/" + caseId, "", token(caseworker, Scope::own));
    BOOST_REQUIRE(caseView.status == 200);
    youngCarerId = std::to_string(caseView.json()->getObject("young_carer")->getValue<Id>("id"));
  }

  static std::string signInBody(const std::string& username) {
    return R"({"username":")" + username + R"(","password":")" + kPassword + "\"}";
  }
  std::string token(int caller, Scope scope, bool fresh = false) {
    if (caller == none) return "";
    const std::string& name = usernames.at({caller, scope});
    if (fresh) return signIn(name);
    auto& t = tokens[{caller, scope}];
    if (t.empty()) t = signIn(name);
    return t;
  }

  // Distinct names, so each new young person is a new record rather than a duplicate.
  std::string uniqueName() {
    std::string suffix;
    for (int n = ++counter; n > 0; n /= 26) suffix += static_cast<char>('a' + n % 26);
    return "Whitt" + suffix;
  }
  // A different child each time: names and dates of birth far enough apart that the register's
  // matcher sees different children (a near-identical name and birthday would be the same one).
  std::string youngPerson() {
    static const char* const given[] = {"Alex",   "Bethany", "Callum", "Dylan",  "Esme",  "Farah", "George",
                                        "Hannah", "Imran",   "Jade",   "Kieran", "Leah",  "Mason", "Niamh",
                                        "Oscar",  "Priya",   "Quinn",  "Ruby",   "Samir", "Tia"};
    static const char* const family[] = {"Whittaker",  "Okafor",    "Nowak",     "Patel",      "Byrne",
                                         "Hughes",     "Kowalczyk", "Mensah",    "Sutherland", "Ferreira",
                                         "Lindqvist",  "Abubakar",  "Delacroix", "Ramsbottom", "Yilmaz",
                                         "Castellano", "Pemberton", "Szabo",     "Quigley",    "Montgomery",
                                         "Nakamura",   "Oyelaran",  "Vasquez"};
    int n = counter++;
    auto dob = std::chrono::sys_days{std::chrono::year{2008} / 1 / 1} + std::chrono::days{(n * 53) % 3000};
    return std::string(R"({"given_name":")") + given[n % 20] + R"(","family_name":")" + family[(n * 7) % 23] +
           R"(","date_of_birth":")" + formatIsoDate(Date{dob}) + R"(","postcode":"LE2 7GH"})";
  }
  std::string referralBody() {
    return R"({"young_person":)" + youngPerson() +
           R"(,"caring_summary":"Collects prescriptions and cooks for her dad",)"
           R"("cared_for":[{"relationship":"parent","conditions":["physical_illness_or_disability"],)"
           R"("known_to_adult_social_care":true}]})";
  }
  // A referral from the own school; returns its reference and the case it opened.
  std::pair<std::string, std::string> newReferral() {
    auto r = send("POST", "/api/v1/referrals", referralBody(), token(referrer, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto reference = r.json()->getValue<std::string>("reference");
    auto detail = send("GET", "/api/v1/referrals/" + reference, "", token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(detail.status == 200, detail.body);
    return {reference, std::to_string(detail.json()->getValue<Id>("case_id"))};
  }
  // A referral about a parent not known to adult social care leaves a task for them; its id.
  std::string newTaskId() {
    std::string body = referralBody();
    body.replace(body.find(R"("known_to_adult_social_care":true)"), 33,
                 R"("known_to_adult_social_care":false)");
    auto r = send("POST", "/api/v1/referrals", body, token(referrer, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto detail = send("GET", "/api/v1/referrals/" + r.json()->getValue<std::string>("reference"), "",
                       token(caseworker, Scope::own));
    auto c = send("GET", "/api/v1/cases/" + std::to_string(detail.json()->getValue<Id>("case_id")), "",
                  token(caseworker, Scope::own));
    auto tasks = c.json()->getArray("tasks");
    BOOST_REQUIRE(tasks->size() >= 1u);
    return std::to_string(tasks->getObject(0)->getValue<Id>("id"));
  }
  std::string newOrganisationId() {
    return std::to_string(organisation("Befrienders " + uniqueName(), OrganisationKind::voluntary));
  }
  std::string newUserId() {
    auto tx = app->store().begin(false);
    auto org = tx->organisations().findByName("Hamilton Academy");
    tx.reset();
    return std::to_string(user("throwaway." + uniqueName(), Role::referrer, org->id));
  }

  // A young carer with an open case of the own service, as its caseworker sees it.
  std::string newYoungCarerWithCase() {
    auto c = send("GET", "/api/v1/cases/" + newReferral().second, "", token(caseworker, Scope::own));
    BOOST_REQUIRE(c.status == 200);
    return std::to_string(c.json()->getObject("young_carer")->getValue<Id>("id"));
  }
  // A young carer at the own school (URN 120345) who agreed to share with it, made once: the school's own
  // staff may reach them (school_attendance.h).
  std::string sharedWithSchool;
  std::string youngCarerSharedWithSchool() {
    if (!sharedWithSchool.empty()) return sharedWithSchool;
    const std::string id = newYoungCarerWithCase(), record = "/api/v1/young-carers/" + id;
    auto patched = send("PATCH", record, R"({"school_urn":"120345","reason":"Told by the school"})",
                        token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(patched.status == 200, patched.body);
    auto agreed = send("POST", record + "/consents",
                       R"({"partner":"school","decision":"agreed","given_by":"young_person",)"
                       R"("method":"phone","decided_on":"2024-03-01"})",
                       token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(agreed.status == 201, agreed.body);
    return sharedWithSchool = id;
  }
  static std::string issueBody() {
    return R"({"young_carer_consent":true,"parent_consent":"given","sharing":["medication","diagnosis"]})";
  }
  // An active card issued by the own service; returns its number and verify URL.
  std::pair<std::string, std::string> newCard() {
    auto r = send("POST", "/api/v1/young-carers/" + newYoungCarerWithCase() + "/id-cards", issueBody(),
                  token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return {r.json()->getValue<std::string>("number"), r.json()->getValue<std::string>("verify_url")};
  }
  std::string newAssessmentId() {
    auto r = send("POST", "/api/v1/cases/" + newReferral().second + "/assessments",
                  R"({"kind":"needs_assessment"})", token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return std::to_string(r.json()->getValue<Id>("id"));
  }
  // A possible match between two young carers whose cases the own service owns.
  std::string newMatchId() {
    MatchReview review;
    review.youngCarerId = std::stoll(newYoungCarerWithCase());
    review.candidateId = std::stoll(newYoungCarerWithCase());
    auto tx = app->store().begin(true);
    review.score = 9.5;
    review.evidenceJson = "[]";
    review.cautionsJson = "[]";
    review.source = "test";
    review.createdAt = clock.now();
    auto id = tx->matchReviews().create(review);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    return std::to_string(*id);
  }
  std::string newMergeId() {
    auto r = send("POST", "/api/v1/young-carers/" + newYoungCarerWithCase() + "/merge",
                  R"({"other_id":)" + newYoungCarerWithCase() + R"(,"reason":"Same child"})",
                  token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return std::to_string(r.json()->getValue<Id>("id"));
  }
  static std::string activityBody() {
    return R"({"kind":"group","title":"Tuesday group","starts_on":"2024-03-04","capacity":12})";
  }
  // An activity of the own service that started today; with a place for a young carer of its cases.
  std::string newActivityId() {
    auto r = send("POST", "/api/v1/activities", activityBody(), token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return std::to_string(r.json()->getValue<Id>("id"));
  }
  std::pair<std::string, std::string> newActivityWithPlace() {
    auto id = newActivityId();
    auto r = send("POST", "/api/v1/activities/" + id + "/places",
                  R"({"young_carer_id":)" + youngCarerId + "}", token(caseworker, Scope::own));
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return {id, youngCarerId};
  }
  static std::string planBody() {
    return R"({"items":[{"type":"young_carers_group","provider":"Young carers service","start":"2024-03-11"}]})";
  }

  // Requests for the admin routes and the activities routes (prepare's other half).
  std::optional<Request> prepareAdminOrActivity(const std::string& key, const std::string& pattern) {
    if (key == "POST /api/v1/activities") return Request{pattern, activityBody()};
    if (key == "GET /api/v1/activities/{id}") return Request{"/api/v1/activities/" + newActivityId(), ""};
    if (key == "POST /api/v1/activities/{id}/places")
      return Request{"/api/v1/activities/" + newActivityId() + "/places",
                     R"({"young_carer_id":)" + youngCarerId + "}"};
    if (key == "DELETE /api/v1/activities/{id}/places/{young_carer_id}") {
      auto [activity, youngCarer] = newActivityWithPlace();
      return Request{"/api/v1/activities/" + activity + "/places/" + youngCarer, ""};
    }
    if (key == "PUT /api/v1/activities/{id}/register") {
      auto [activity, youngCarer] = newActivityWithPlace();
      return Request{"/api/v1/activities/" + activity + "/register",
                     R"({"entries":[{"young_carer_id":)" + youngCarer + R"(,"attendance":"attended"}]})"};
    }
    if (key == "POST /api/v1/activities/{id}/finalise")
      return Request{"/api/v1/activities/" + newActivityId() + "/finalise", ""};
    if (key == "POST /api/v1/organisations")
      return Request{pattern, R"({"kind":"voluntary","name":"Carers Trust )" + uniqueName() +
                                  R"(","district":"Blaby"})"};
    if (key == "POST /api/v1/organisations/{id}/deactivate")
      return Request{"/api/v1/organisations/" + newOrganisationId() + "/deactivate", ""};
    if (key == "PUT /api/v1/organisations/{id}/notices-email")
      return Request{"/api/v1/organisations/" + newOrganisationId() + "/notices-email",
                     R"({"notices_email":"office@example.org"})"};
    if (key == "POST /api/v1/users")
      return Request{pattern, R"({"username":"new.)" + uniqueName() +
                                  R"(","display_name":"Jo Bloggs","role":"caseworker","organisation_id":)" +
                                  std::to_string(ownService) + "}"};
    if (key == "POST /api/v1/users/{id}/deactivate")
      return Request{"/api/v1/users/" + newUserId() + "/deactivate", ""};
    if (key == "POST /api/v1/users/{id}/reset-password")
      return Request{"/api/v1/users/" + newUserId() + "/reset-password", ""};
    if (key == "POST /api/v1/users/{id}/reset-second-factor")
      return Request{"/api/v1/users/" + newUserId() + "/reset-second-factor", ""};
    return std::nullopt;
  }

  // Two young carers of the own service, each caring for their mum; the second's mum's household
  // path, with a body linking her to the first's (already linked when asked).
  Request newHousehold(bool linked) {
    Id first = std::stoll(newYoungCarerWithCase()), second = std::stoll(newYoungCarerWithCase());
    auto tx = app->store().begin(false);
    const Id firstMum = tx->youngCarers().caredFor(first).front().id;
    const Id secondMum = tx->youngCarers().caredFor(second).front().id;
    tx.reset();
    Request r{"/api/v1/young-carers/" + std::to_string(second) + "/cared-for/" + std::to_string(secondMum) +
                  "/household",
              R"({"same_as_cared_for_person":)" + std::to_string(firstMum) + "}"};
    if (linked) BOOST_REQUIRE(send("PUT", r.path, r.body, token(caseworker, Scope::own)).status == 200);
    return r;
  }
  std::optional<Request> prepareTaskOrHousehold(const std::string& key) {
    if (key == "POST /api/v1/tasks/{id}/accept")
      return Request{"/api/v1/tasks/" + newTaskId() + "/accept", ""};
    if (key == "POST /api/v1/tasks/{id}/complete")
      return Request{"/api/v1/tasks/" + newTaskId() + "/complete", R"({"outcome":"assessed"})"};
    if (key == "PUT /api/v1/young-carers/{id}/cared-for/{cfid}/household") return newHousehold(false);
    if (key == "DELETE /api/v1/young-carers/{id}/cared-for/{cfid}/household") {
      auto r = newHousehold(true);
      r.body.clear();
      return r;
    }
    return std::nullopt;
  }

  // The data protection routes (subject access, retention, consent to share), none when `key` is another's.
  std::optional<Request> prepareDataProtection(const std::string& key) {
    const std::string record = "/api/v1/young-carers/" + youngCarerId;
    if (key == "GET /api/v1/young-carers/{id}/consents") return Request{record + "/consents", ""};
    if (key == "POST /api/v1/young-carers/{id}/consents")
      return Request{record + "/consents",
                     R"({"partner":"health","decision":"agreed","given_by":"young_person",)"
                     R"("method":"phone","decided_on":"2024-03-01"})"};
    if (key == "GET /api/v1/school/young-carers") return Request{"/api/v1/school/young-carers", ""};
    if (key == "GET /api/v1/young-carers/{id}/school-attendance")
      return Request{"/api/v1/young-carers/" + youngCarerSharedWithSchool() + "/school-attendance", ""};
    if (key == "POST /api/v1/school/attendance-imports")
      return Request{
          "/api/v1/school/attendance-imports",
          R"({"csv":"given name,family name,date of birth,term,academic year,sessions possible,)"
          R"(sessions missed,missed because of caring\nAlex,Nobody,2012-01-01,autumn,2023/24,10,1,1\n"})"};
    if (key == "POST /api/v1/young-carers/{id}/school-attendance")
      return Request{"/api/v1/young-carers/" + youngCarerSharedWithSchool() + "/school-attendance",
                     R"({"academic_year":"2023/24","term":"autumn","sessions_possible":120,)"
                     R"("sessions_missed":10,"missed_for_caring":4})"};
    if (key == "POST /api/v1/surveys/invitations")
      return Request{"/api/v1/surveys/invitations",
                     R"({"young_carer_id":)" + youngCarerId + R"(,"survey_id":"feeling-heard"})"};
    if (key == "GET /api/v1/surveys/invitations")
      return Request{"/api/v1/surveys/invitations?young_carer_id=" + youngCarerId, ""};
    if (key == "GET /api/v1/surveys/{id}/results")
      return Request{"/api/v1/surveys/feeling-heard/results", ""};
    if (key == "GET /api/v1/young-carers/{id}/subject-access") return Request{record + "/subject-access", ""};
    if (key == "POST /api/v1/young-carers/{id}/legal-holds")
      return Request{record + "/legal-holds", R"({"reason":"Litigation"})"};
    if (key == "GET /api/v1/young-carers/{id}/legal-holds") return Request{record + "/legal-holds", ""};
    if (key == "POST /api/v1/legal-holds/{id}/release") {
      auto hold =
          send("POST", record + "/legal-holds", R"({"reason":"Litigation"})", token(auditor, Scope::own));
      BOOST_REQUIRE_MESSAGE(hold.status == 201, hold.body);
      return Request{"/api/v1/legal-holds/" + std::to_string(hold.json()->getValue<Id>("id")) + "/release",
                     R"({"reason":"Settled"})"};
    }
    if (key == "POST /api/v1/retention/runs") return Request{"/api/v1/retention/runs", R"({"dry_run":true})"};
    if (key == "POST /api/v1/young-carers/{id}/erasure")
      return Request{record + "/erasure", R"({"reason":"Asked"})"};
    return std::nullopt;
  }

  // Compliments and complaints: a new complaint of the own service for each request that reaches one.
  std::optional<Request> prepareFeedback(const std::string& key) {
    const std::string complaint =
        R"({"kind":"complaint","from":"young_carer","received_on":"2024-03-01","summary":"Nobody rang back"})";
    auto made = [&] {
      auto r = send("POST", "/api/v1/feedback", complaint, token(caseworker, Scope::own));
      BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
      return "/api/v1/feedback/" + std::to_string(r.json()->getValue<Id>("id"));
    };
    if (key == "GET /api/v1/feedback") return Request{"/api/v1/feedback", ""};
    if (key == "POST /api/v1/feedback") return Request{"/api/v1/feedback", complaint};
    if (key == "GET /api/v1/feedback/{id}") return Request{made(), ""};
    if (key == "POST /api/v1/feedback/{id}/outcome")
      return Request{made() + "/outcome",
                     R"({"outcome":"upheld","responded_on":"2024-03-04","response":"We rang back"})"};
    if (key == "POST /api/v1/feedback/{id}/extend")
      return Request{made() + "/extend", R"({"reason":"The family asked to meet first"})"};
    if (key == "POST /api/v1/feedback/{id}/next-stage") {
      const std::string answered = made();
      auto r = send("POST", answered + "/outcome",
                    R"({"outcome":"not_upheld","responded_on":"2024-03-04","response":"We explained"})",
                    token(caseworker, Scope::own));
      BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
      return Request{answered + "/next-stage", R"({"asked_on":"2024-03-04"})"};
    }
    return prepareChampions(key);
  }

  // Schools' champions: a new champion at the own school for each request that ends one.
  std::optional<Request> prepareChampions(const std::string& key) {
    const std::string school = "/api/v1/organisations/" + std::to_string(ownSchool) + "/champions";
    const std::string champion = R"({"name":"Mrs J. Patel","since":"2024-01-08"})";
    if (key == "GET /api/v1/champions") return Request{"/api/v1/champions", ""};
    if (key == "GET /api/v1/organisations/{id}/champions") return Request{school, ""};
    if (key == "POST /api/v1/organisations/{id}/champions") return Request{school, champion};
    if (key == "POST /api/v1/champions/{id}/end") {
      auto r = send("POST", school, champion, token(admin, Scope::own));
      BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
      return Request{"/api/v1/champions/" + std::to_string(r.json()->getValue<Id>("id")) + "/end",
                     R"({"until":"2024-03-01","reason":"Left the school"})"};
    }
    return std::nullopt;
  }

  // A valid request for the route, reaching a record of `scope`'s organisation. Records of the
  // own organisation are the own school's referral and the case it opened (owned by the own
  // service); the other organisation's callers reach those same records from outside.
  Request prepare(const std::string& method, const std::string& pattern) {
    const std::string key = method + " " + pattern;
    if (auto r = prepareDataProtection(key)) return *r;
    if (auto r = prepareFeedback(key)) return *r;
    if (key == "POST /api/v1/sessions") return {pattern, signInBody("sign.in.target")};
    if (key == "DELETE /api/v1/sessions/current") return {pattern, "", true};
    // A wrong current password, another person's (or no) session, a code from a secret never enrolled.
    if (key == "POST /api/v1/account/password")
      return {pattern,
              R"({"current_password":"not my password at all","new_password":"amber lantern quiet river"})"};
    if (key == "DELETE /api/v1/account/sessions/{id}") return {"/api/v1/account/sessions/999999", ""};
    if (key == "PUT /api/v1/account/second-factor")
      return {pattern, R"({"secret":"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP","code":"not-a-code"})"};
    if (key == "POST /api/v1/sessions/current/second-factor") return {pattern, R"({"code":"123456"})"};
    if (key == "POST /api/v1/account/second-factor/enrolment") return {pattern, ""};
    if (key == "POST /api/v1/young-carers") return {pattern, youngPerson()};
    if (key == "GET /api/v1/stats/counts") return {pattern + "?measure=referrals_received&by=route", ""};
    if (key == "GET /api/v1/young-carers") return {pattern + "?q=Alex", ""};
    if (key == "POST /api/v1/young-carers/search") return {pattern, R"({"q":"Alex"})"};
    if (key == "GET /api/v1/young-carers/{id}") return {"/api/v1/young-carers/" + youngCarerId, ""};
    if (key == "PATCH /api/v1/young-carers/{id}")
      return {"/api/v1/young-carers/" + youngCarerId,
              R"({"communication_needs":"Prefers text messages","reason":"Asked by the young person"})"};
    if (key == "POST /api/v1/referrals") return {pattern, referralBody()};
    if (key == "GET /api/v1/referrals/{ref}") return {"/api/v1/referrals/" + referralReference, ""};
    if (auto r = prepareTaskOrHousehold(key)) return *r;
    if (key == "GET /api/v1/cases/{id}") return {"/api/v1/cases/" + caseId, ""};
    if (key == "GET /api/v1/cases/{id}/timeline") return {"/api/v1/cases/" + caseId + "/timeline", ""};
    // A new case each time, so every allowed request finds the event allowed.
    if (key == "POST /api/v1/cases/{id}/events")
      return {"/api/v1/cases/" + newReferral().second + "/events", R"({"event":"acknowledge"})"};
    if (auto r = prepareAdminOrActivity(key, pattern)) return *r;
    if (key == "POST /api/v1/young-carers/{id}/id-cards")
      return {"/api/v1/young-carers/" + newYoungCarerWithCase() + "/id-cards", issueBody()};
    if (key == "PUT /api/v1/young-carers/{id}/id-card-wish")
      return {"/api/v1/young-carers/" + youngCarerId + "/id-card-wish", R"({"wants_card":false})"};
    if (key == "GET /api/v1/young-carers/{id}/id-cards")
      return {"/api/v1/young-carers/" + youngCarerId + "/id-cards", ""};
    if (key == "POST /api/v1/id-cards/{number}/renew")
      return {"/api/v1/id-cards/" + newCard().first + "/renew", ""};
    if (key == "POST /api/v1/id-cards/{number}/lost")
      return {"/api/v1/id-cards/" + newCard().first + "/lost", ""};
    if (key == "POST /api/v1/id-cards/{number}/revoke")
      return {"/api/v1/id-cards/" + newCard().first + "/revoke", R"({"reason":"Issued in error"})"};
    if (key == "GET /api/v1/id-cards/{number}/card.svg")
      return {"/api/v1/id-cards/" + newCard().first + "/card.svg", ""};
    if (key == "GET /verify/{token}") {
      auto url = newCard().second;
      return {url.substr(url.find("/verify/")), ""};
    }
    if (key == "POST /api/v1/cases/{id}/assessments")
      return {"/api/v1/cases/" + newReferral().second + "/assessments", R"({"kind":"needs_assessment"})"};
    if (key == "GET /api/v1/cases/{id}/assessments") return {"/api/v1/cases/" + caseId + "/assessments", ""};
    if (key == "GET /api/v1/assessments/{id}") return {"/api/v1/assessments/" + newAssessmentId(), ""};
    if (key == "PUT /api/v1/assessments/{id}")
      return {"/api/v1/assessments/" + newAssessmentId(),
              R"({"wishes_and_feelings":"Wants time with friends"})"};
    if (key == "POST /api/v1/assessments/{id}/complete")
      return {"/api/v1/assessments/" + newAssessmentId() + "/complete", "{}"};
    if (key == "PUT /api/v1/cases/{id}/support-plan")
      return {"/api/v1/cases/" + newReferral().second + "/support-plan", planBody()};
    if (key == "GET /api/v1/cases/{id}/support-plan")
      return {"/api/v1/cases/" + caseId + "/support-plan", ""};
    if (key == "GET /api/v1/matches/{id}") return {"/api/v1/matches/" + newMatchId(), ""};
    if (key == "POST /api/v1/matches/{id}/decision")
      return {"/api/v1/matches/" + newMatchId() + "/decision",
              R"({"same_child":false,"reason":"Different children: checked with the school"})"};
    if (key == "POST /api/v1/young-carers/{id}/merge")
      return {
          "/api/v1/young-carers/" + newYoungCarerWithCase() + "/merge",
          R"({"other_id":)" + newYoungCarerWithCase() + R"(,"reason":"Same child, confirmed with the GP"})"};
    if (key == "GET /api/v1/merges/{id}") return {"/api/v1/merges/" + newMergeId(), ""};
    if (key == "POST /api/v1/merges/{id}/undo")
      return {"/api/v1/merges/" + newMergeId() + "/undo", R"({"reason":"Twins, not one child"})"};
    BOOST_REQUIRE_MESSAGE(pattern.find('{') == std::string::npos && method == "GET",
                          "no request is built for " + key + ": add one to World::prepare");
    return {pattern, ""};
  }
};

std::string routeKey(const std::string& method, const std::string& pattern) {
  return method + " " + pattern;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(authorisation_matrix_test)

BOOST_AUTO_TEST_CASE(every_route_has_a_row_for_every_caller) {
  World w;
  std::set<std::string> routed, covered, rows;
  for (const auto& r : w.app->router().routes()) routed.insert(routeKey(r.method, r.pattern));
  for (const auto& c : kMatrix) {
    auto key = routeKey(c.method, c.pattern);
    BOOST_TEST_CONTEXT(key) {
      BOOST_TEST(routed.count(key) == 1, "the matrix names a route the router does not have");
      auto row = key + (c.scope == Scope::own ? " own" : " other");
      BOOST_TEST(rows.insert(row).second, "two rows for " << row);
    }
    if (c.scope == Scope::own) covered.insert(key);
  }
  // Each row holds one status per caller, so a covered route is covered for every role.
  for (const auto& r : routed) BOOST_TEST_CONTEXT(r) {
      BOOST_TEST(covered.count(r) == 1, "route without a policy row in the matrix");
    }
}

BOOST_AUTO_TEST_CASE(each_caller_gets_the_status_the_matrix_says) {
  World w;
  for (const auto& c : kMatrix) {
    for (int caller = none; caller < kCallers; ++caller) {
      BOOST_TEST_CONTEXT(
          c.method << " " << c.pattern << " as " << kCallerNames[caller]
                   << (c.scope == Scope::own ? " (own organisation)" : " (other organisation)")) {
        auto request = w.prepare(c.method, c.pattern);
        auto reply =
            w.send(c.method, request.path, request.body, w.token(caller, c.scope, request.freshToken));
        BOOST_TEST(reply.status == c.expected[static_cast<std::size_t>(caller)], reply.body);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_refused_request_is_in_the_audit_trail) {
  World w;
  auto asked = w.token(commissioner, Scope::own);
  BOOST_REQUIRE(w.send("GET", "/api/v1/cases/" + w.caseId, "", asked).status == 403);
  auto trail = w.send("GET", "/api/v1/audit?record_type=route&record=/api/v1/cases/" + w.caseId, "",
                      w.token(auditor, Scope::own));
  BOOST_REQUIRE_MESSAGE(trail.status == 200, trail.body);
  auto items = trail.json()->getArray("items");
  BOOST_REQUIRE_EQUAL(items->size(), 1u);
  auto event = items->getObject(0);
  BOOST_TEST(event->getValue<std::string>("outcome") == "refused");
  BOOST_TEST(event->getValue<std::string>("action") == "case.read");
  BOOST_TEST(event->getValue<std::string>("reason").find("commissioner") != std::string::npos);
  auto tx = w.app->store().begin(false);
  auto who = tx->users().findByUsername("commissioner.own");
  BOOST_REQUIRE(who);
  BOOST_TEST(event->getValue<Id>("actor_user_id") == who->id);
  BOOST_TEST(event->getValue<Id>("actor_organisation_id") == who->organisationId);
}

BOOST_AUTO_TEST_SUITE_END()
