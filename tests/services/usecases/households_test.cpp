// Households (issue 21 item 2) through the API and the case page: siblings caring for the same mum
// link to one person, adult social care is asked once for her, the case page shows who else cares
// for her, links are made and undone only on request, and a referrer cannot probe for them.

#include <Poco/JSON/Array.h>

#include <boost/test/unit_test.hpp>
#include <set>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;
using test_support::contains;
using test_support::Reply;

namespace {

struct HouseholdFixture : test_support::ServiceFixture {
  std::string caseworker, school, otherService;

  HouseholdFixture() : ServiceFixture("households", "2025-06-02T10:00:00Z") {
    start();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id academy = organisation("Hamilton Academy", OrganisationKind::school);
    Id northfield = organisation("Northfield Carers Centre", OrganisationKind::carers_centre);
    organisation("County adult social care", OrganisationKind::adult_social_care);
    user("casey.worker", Role::caseworker, service);
    user("sam.champion", Role::referrer, academy);
    user("nell.north", Role::caseworker, northfield);
    caseworker = signIn("casey.worker");
    school = signIn("sam.champion");
    otherService = signIn("nell.north");
  }

  // A referral about a child caring for their mum, not known to adult social care; `extra` is added
  // to the person cared for (e.g. ,"same_as_cared_for_person":12).
  Reply referral(const std::string& given, const std::string& dob, const std::string& condition,
                 const std::string& extra = "", const std::string& token = "") {
    return send("POST", "/api/v1/referrals",
                R"({"young_person":{"given_name":")" + given +
                    R"(","family_name":"Okafor","date_of_birth":")" + dob +
                    R"(","postcode":"LE2 7GH"},"caring_summary":"Helps mum every day",)"
                    R"("cared_for":[{"relationship":"parent","conditions":[")" +
                    condition + "\"]" + extra + "}]}",
                token.empty() ? caseworker : token);
  }
  // The case a referral opened or joined, as its caseworker reads it.
  Object::Ptr caseOf(const Reply& receipt) {
    BOOST_REQUIRE_MESSAGE(receipt.status == 201, receipt.body);
    auto ref = send("GET", "/api/v1/referrals/" + receipt.json()->getValue<std::string>("reference"), "",
                    caseworker);
    BOOST_REQUIRE_MESSAGE(ref.status == 200, ref.body);
    return caseById(ref.json()->getValue<Id>("case_id"));
  }
  Object::Ptr caseById(Id caseId) {
    auto c = send("GET", "/api/v1/cases/" + std::to_string(caseId), "", caseworker);
    BOOST_REQUIRE_MESSAGE(c.status == 200, c.body);
    return c.json();
  }
  static Id youngCarerOf(const Object::Ptr& c) { return c->getObject("young_carer")->getValue<Id>("id"); }
  static Object::Ptr firstMember(const Object::Ptr& c) { return c->getArray("household")->getObject(0); }
  static Id caredForOf(const Object::Ptr& c) { return firstMember(c)->getValue<Id>("cared_for_person_id"); }
  std::string householdPath(const Object::Ptr& c) {
    return "/api/v1/young-carers/" + std::to_string(youngCarerOf(c)) + "/cared-for/" +
           std::to_string(caredForOf(c)) + "/household";
  }
  static std::set<std::string> strings(const Poco::JSON::Array::Ptr& a) {
    std::set<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i)
      out.insert(a->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
  }
};

struct PagesFixture : test_support::SessionPagesFixture {
  std::string caseworker;

  PagesFixture() : SessionPagesFixture("households-pages", "2025-06-02T10:00:00Z") {
    create();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    user("casey", Role::caseworker, service);
    caseworker = sessionFor("casey");
  }
  // A child caring for their mum; returns the receipt.
  ReferralReceipt refer(const std::string& given, const std::string& family, const std::string& dob) {
    ReferralInput in;
    in.youngPerson.givenName = given;
    in.youngPerson.familyName = family;
    in.youngPerson.dateOfBirth = dob;
    in.youngPerson.postcode = "LE2 7GH";
    in.caringSummary = "Helps mum";
    CaredForInput mum;
    mum.relationship = "parent";
    mum.conditions = {"mental_ill_health"};
    in.caredFor.push_back(mum);
    auto r = app->reg().submitReferral(who(caseworker), in);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    return *r;
  }
  Id mumOf(Id youngCarerId) {
    auto tx = app->store().begin(false);
    return tx->youngCarers().caredFor(youngCarerId).front().id;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(households_test)

BOOST_AUTO_TEST_CASE(the_case_page_shows_the_household_and_links_it_on_request) {
  PagesFixture f;
  auto ada = f.refer("Ada", "O'Brien-Šťastná", "2011-04-02");
  auto ben = f.refer("Ben", "O'Brien", "2013-09-17");
  const Id adaMum = f.mumOf(ada.referral.youngCarerId), benMum = f.mumOf(ben.referral.youngCarerId);
  const std::string benCase = "/cases/" + std::to_string(ben.caseRecord.id);
  auto page = f.get(benCase, f.caseworker);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, "People cared for and their household"));
  BOOST_TEST(contains(page.body, "No one else"));
  const std::string action = benCase + "/cared-for/" + std::to_string(benMum) + "/household";
  BOOST_TEST(contains(page.body, "action=\"" + action + "\""));

  // Not a number: the page again with the problem, nothing linked.
  auto bad = f.post(action, f.caseworker, "action=link&same_as-" + std::to_string(benMum) + "=mum");
  BOOST_TEST(bad.status == 422);
  BOOST_TEST(contains(bad.body, "govuk-error-summary"));
  // Without the form's token: refused, nothing linked.
  auto forged = f.post(action, f.caseworker,
                       "action=link&same_as-" + std::to_string(benMum) + "=" + std::to_string(adaMum), false);
  BOOST_TEST(forged.status == 403);
  BOOST_TEST(contains(f.get(benCase, f.caseworker).body, "No one else"));

  auto linked = f.post(action, f.caseworker,
                       "action=link&same_as-" + std::to_string(benMum) + "=" + std::to_string(adaMum));
  BOOST_REQUIRE_EQUAL(linked.status, 303);
  page = f.get(benCase, f.caseworker);
  // The other young carer, linked to their case, their name escaped.
  BOOST_TEST(contains(page.body, "href=\"/cases/" + std::to_string(ada.caseRecord.id) + "\""));
  BOOST_TEST(contains(page.body, "Ada O&#39;Brien-Šťastná"));
  BOOST_TEST(!contains(page.body, "Ada O'Brien"));
  BOOST_TEST(contains(page.body, "Not the same person: unlink"));
  auto adaPage = f.get("/cases/" + std::to_string(ada.caseRecord.id), f.caseworker);
  BOOST_TEST(contains(adaPage.body, "href=\"" + benCase + "\""));

  BOOST_REQUIRE_EQUAL(f.post(action, f.caseworker, "action=unlink").status, 303);
  BOOST_TEST(contains(f.get(benCase, f.caseworker).body, "No one else"));
}

BOOST_AUTO_TEST_CASE(a_sibling_named_as_caring_for_the_same_mum_shares_her_and_her_one_task) {
  HouseholdFixture f;
  auto first = f.caseOf(f.referral("Ada", "2011-04-02", "mental_ill_health"));
  BOOST_REQUIRE(first->getArray("tasks")->size() == 1u);
  const Id mum = HouseholdFixture::caredForOf(first);

  auto secondReceipt =
      f.referral("Ben", "2013-09-17", "alcohol", R"(,"same_as_cared_for_person":)" + std::to_string(mum));
  auto second = f.caseOf(secondReceipt);
  // One task for adult social care, on the first case, noting the second referral in its history.
  BOOST_TEST(second->getArray("tasks")->size() == 0u);
  first = f.caseById(first->getValue<Id>("id"));
  BOOST_REQUIRE(first->getArray("tasks")->size() == 1u);
  auto history = first->getArray("tasks")->getObject(0)->getArray("history");
  BOOST_REQUIRE(history->size() >= 1u);
  BOOST_TEST(
      contains(history->getObject(static_cast<unsigned>(history->size() - 1))->getValue<std::string>("note"),
               secondReceipt.json()->getValue<std::string>("reference")));

  // One person: the same person id, every child's conditions, and the other child linked.
  auto a = HouseholdFixture::firstMember(first), b = HouseholdFixture::firstMember(second);
  BOOST_TEST(a->getValue<Id>("person_id") == b->getValue<Id>("person_id"));
  const std::set<std::string> both{"alcohol", "mental_ill_health"};
  BOOST_TEST(HouseholdFixture::strings(a->getArray("conditions")) == both);
  BOOST_TEST(HouseholdFixture::strings(b->getArray("conditions")) == both);
  auto othersOfB = b->getArray("other_young_carers");
  BOOST_REQUIRE(othersOfB->size() == 1u);
  BOOST_TEST(othersOfB->getObject(0)->getValue<Id>("young_carer_id") ==
             HouseholdFixture::youngCarerOf(first));
  BOOST_TEST(othersOfB->getObject(0)->getValue<std::string>("name") == "Ada Okafor");
  BOOST_TEST(a->getArray("other_young_carers")->getObject(0)->getValue<Id>("case_id") ==
             second->getValue<Id>("id"));
  // Each child keeps their own description: the first referral's row still says what it said.
  BOOST_TEST(HouseholdFixture::strings(first->getArray("cared_for")->getObject(0)->getArray("conditions")) ==
             std::set<std::string>{"mental_ill_health"});
}

BOOST_AUTO_TEST_CASE(an_anonymised_sibling_is_no_longer_shown_as_caring_for_the_same_person) {
  HouseholdFixture f;
  f.user("dpo", Role::auditor, f.organisation("County data protection", OrganisationKind::other));
  const std::string dpo = f.signIn("dpo");
  auto first = f.caseOf(f.referral("Ada", "2011-04-02", "mental_ill_health"));
  const Id mum = HouseholdFixture::caredForOf(first);
  auto second = f.caseOf(
      f.referral("Ben", "2013-09-17", "alcohol", R"(,"same_as_cared_for_person":)" + std::to_string(mum)));
  BOOST_REQUIRE(HouseholdFixture::firstMember(f.caseById(first->getValue<Id>("id")))
                    ->getArray("other_young_carers")
                    ->size() == 1u);
  auto closed = f.send("POST", "/api/v1/cases/" + std::to_string(second->getValue<Id>("id")) + "/events",
                       R"({"event":"close","close_reason":"moved_away"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(closed.status == 200, closed.body);
  auto erased = f.send(
      "POST", "/api/v1/young-carers/" + std::to_string(HouseholdFixture::youngCarerOf(second)) + "/erasure",
      R"({"reason":"Asked for erasure"})", dpo);
  BOOST_REQUIRE_MESSAGE(erased.status == 200, erased.body);
  auto after = HouseholdFixture::firstMember(f.caseById(first->getValue<Id>("id")));
  BOOST_TEST(after->getArray("other_young_carers")->size() == 0u);
  BOOST_TEST(!contains(toJsonString(after), "Anonymised"));
}

BOOST_AUTO_TEST_CASE(a_referral_naming_a_person_nobody_may_see_is_refused_the_same_way) {
  HouseholdFixture f;
  auto first = f.caseOf(f.referral("Ada", "2011-04-02", "mental_ill_health"));
  const std::string mum = std::to_string(HouseholdFixture::caredForOf(first));
  auto unknown = f.referral("Ben", "2013-09-17", "alcohol", R"(,"same_as_cared_for_person":999999)");
  BOOST_TEST(unknown.isProblem(422));
  BOOST_TEST(unknown.firstErrorField() == "cared_for[0].same_as_cared_for_person");
  // A school cannot see cases: a real id answers exactly as an unknown one does.
  auto fromSchool =
      f.referral("Cal", "2012-01-05", "alcohol", R"(,"same_as_cared_for_person":)" + mum, f.school);
  BOOST_TEST(fromSchool.isProblem(422));
  BOOST_TEST(fromSchool.firstErrorField() == "cared_for[0].same_as_cared_for_person");
  auto wrongType = f.referral("Dee", "2012-01-05", "alcohol", R"(,"same_as_cared_for_person":"mum")");
  BOOST_TEST(wrongType.isProblem(422));
  // Nothing was linked by any of them: the first child's mum still has no one else.
  first = f.caseById(first->getValue<Id>("id"));
  BOOST_TEST(HouseholdFixture::firstMember(first)->getArray("other_young_carers")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(staff_link_and_unlink_two_records_of_one_person) {
  HouseholdFixture f;
  auto first = f.caseOf(f.referral("Ada", "2011-04-02", "mental_ill_health"));
  auto second = f.caseOf(f.referral("Ben", "2013-09-17", "alcohol"));
  // Never guessed: same family name, postcode and relationship, but two people until someone says so.
  BOOST_TEST(HouseholdFixture::firstMember(second)->getArray("other_young_carers")->size() == 0u);
  const std::string path = f.householdPath(second);
  const std::string mum = std::to_string(HouseholdFixture::caredForOf(first));

  auto linked = f.send("PUT", path, R"({"same_as_cared_for_person":)" + mum + "}", f.caseworker);
  BOOST_REQUIRE_MESSAGE(linked.status == 200, linked.body);
  auto member = linked.json()->getArray("household")->getObject(0);
  BOOST_TEST(member->getArray("other_young_carers")->getObject(0)->getValue<Id>("young_carer_id") ==
             HouseholdFixture::youngCarerOf(first));
  BOOST_TEST(f.send("PUT", path, R"({"same_as_cared_for_person":)" + mum + "}", f.caseworker).status == 200);

  // Bad requests are problems, never a 500.
  BOOST_TEST(f.send("PUT", path, R"({"same_as_cared_for_person":"x"})", f.caseworker).isProblem(422));
  BOOST_TEST(f.send("PUT", path, R"({})", f.caseworker).isProblem(422));
  BOOST_TEST(f.send("PUT", path, R"({"same_as_cared_for_person":1,"and":2})", f.caseworker).isProblem(422));
  BOOST_TEST(f.send("PUT", path, "not json", f.caseworker).status / 100 == 4);
  const std::string own = std::to_string(HouseholdFixture::caredForOf(second));
  BOOST_TEST(f.send("PUT", path, R"({"same_as_cared_for_person":)" + own + "}", f.caseworker).isProblem(422));
  BOOST_TEST(f.send("PUT", path, R"({"same_as_cared_for_person":999999})", f.caseworker).isProblem(422));
  auto wrongRow = "/api/v1/young-carers/" + std::to_string(HouseholdFixture::youngCarerOf(second)) +
                  "/cared-for/" + mum + "/household";
  BOOST_TEST(f.send("DELETE", wrongRow, "", f.caseworker).isProblem(404));
  // Another service's staff: the record does not exist for them.
  BOOST_TEST(f.send("DELETE", path, "", f.otherService).isProblem(404));
  BOOST_TEST(f.send("PUT", path, R"({"same_as_cared_for_person":)" + mum + "}", f.school).status == 403);

  auto unlinked = f.send("DELETE", path, "", f.caseworker);
  BOOST_REQUIRE_MESSAGE(unlinked.status == 200, unlinked.body);
  BOOST_TEST(unlinked.json()->getArray("household")->getObject(0)->getArray("other_young_carers")->size() ==
             0u);
  BOOST_TEST(f.send("DELETE", path, "", f.caseworker).isProblem(409));

  // Both changes are in the trail, against the young carer, with no names in it.
  auto audit = f.app->store().begin(false)->audit().query({});
  std::multiset<std::string> actions;  // the changes made (the school's refusal is in the trail too)
  for (const auto& e : audit.items) {
    if (e.outcome == "ok") actions.insert(e.action);
    BOOST_TEST(!contains(e.detail, "Okafor"));
  }
  BOOST_TEST(actions.count("cared_for.household_link") == 2u);
  BOOST_TEST(actions.count("cared_for.household_unlink") == 1u);
}

BOOST_AUTO_TEST_CASE(a_sibling_referred_after_the_task_was_completed_gets_a_new_one) {
  HouseholdFixture f;
  auto first = f.caseOf(f.referral("Ada", "2011-04-02", "mental_ill_health"));
  const std::string mum = std::to_string(HouseholdFixture::caredForOf(first));
  {
    // The adult's service finished with the first task: a new referral asks again.
    auto tx = f.app->store().begin(true);
    auto task = tx->cases().tasks(first->getValue<Id>("id")).front();
    task.status = TaskStatus::completed;
    task.outcome = TaskOutcome::not_needed;
    BOOST_REQUIRE(tx->cases().updateTask(task, TaskStatus::open));
    BOOST_REQUIRE(tx->commit());
  }
  auto second = f.caseOf(f.referral("Ben", "2013-09-17", "alcohol", R"(,"same_as_cared_for_person":)" + mum));
  BOOST_TEST(second->getArray("tasks")->size() == 1u);
  // Known to adult social care by one child's account: a third child's referral asks for nothing.
  auto third =
      f.caseOf(f.send("POST", "/api/v1/referrals",
                      R"({"young_person":{"given_name":"Cy","family_name":"Okafor",)"
                      R"("date_of_birth":"2015-02-11","postcode":"LE2 7GH"},"caring_summary":"Helps",)"
                      R"("cared_for":[{"relationship":"parent","known_to_adult_social_care":true,)"
                      R"("adult_social_care_reference":"ASC-77"}]})",
                      f.caseworker));
  auto link =
      f.send("PUT", f.householdPath(third), R"({"same_as_cared_for_person":)" + mum + "}", f.caseworker);
  BOOST_REQUIRE_MESSAGE(link.status == 200, link.body);
  auto fourth = f.caseOf(f.referral("Di", "2016-03-12", "alcohol", R"(,"same_as_cared_for_person":)" + mum));
  BOOST_TEST(fourth->getArray("tasks")->size() == 0u);
  auto member = HouseholdFixture::firstMember(fourth);
  BOOST_TEST(member->getValue<bool>("known_to_adult_social_care"));
  BOOST_TEST(member->getArray("adult_social_care_references")->getElement<std::string>(0) == "ASC-77");
  BOOST_TEST(member->getArray("other_young_carers")->size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
