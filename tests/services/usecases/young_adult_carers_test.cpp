// Young adult carers (18 to 25, DOMAIN.md; issue 21 item 3) are never turned away: a referral for one,
// from any door, is taken with the same acknowledgement and decision clock as a child's, recorded as a
// young adult carer's case, and passed to the adult carers' service as a task (Care Act 2014 s10).
// Only someone older is refused, and told where to go. Through HTTP, the API and the referral pages.

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::Reply;

namespace {

const char* kTaskWords = "Adult carers service to offer a carer's assessment (Care Act 2014 s10)";

struct Doors : test_support::SessionPagesFixture {
  Id service = 0;
  std::string caseworker;
  std::map<std::string, std::string> referrers;  // door -> bearer token

  Doors() : SessionPagesFixture("young-adult-carers", "2024-01-10T10:00:00Z") {  // a Wednesday
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    user("casey", Role::caseworker, service);
    for (auto [door, kind] :
         std::vector<std::pair<std::string, OrganisationKind>>{{"school", OrganisationKind::school},
                                                               {"gp", OrganisationKind::gp_practice},
                                                               {"self", OrganisationKind::self}}) {
      user(door + "1", Role::referrer, organisation("Door " + door, kind));
      referrers[door] = signIn(door + "1");
    }
    user("asc1", Role::referrer,
         organisation("Leicester adult social care", OrganisationKind::adult_social_care));
    caseworker = signIn("casey");
  }

  // A referral about someone caring for a parent already known to adult social care (so the only task
  // a referral can leave is the young adult carer's own).
  Reply refer(const std::string& door, const std::string& given, const std::string& family,
              const std::string& dob) {
    return send(
        "POST", "/api/v1/referrals",
        R"({"young_person":{"given_name":")" + given + R"(","family_name":")" + family +
            R"(","date_of_birth":")" + dob +
            R"(","postcode":"LE2 7GH"},"caring_summary":"Looks after dad since his stroke",)"
            R"("cared_for":[{"relationship":"parent","conditions":["physical_illness_or_disability"],)"
            R"("known_to_adult_social_care":true}],"young_person_aware":true,"parent_aware":true})",
        referrers.at(door));
  }
  Poco::JSON::Array::Ptr cases() {
    auto r = send("GET", "/api/v1/cases", "", caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()->getArray("items");
  }
  Poco::JSON::Object::Ptr caseOf(const std::string& given) {
    auto items = cases();
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto c = items->getObject(static_cast<unsigned>(i));
      if (c->getValue<std::string>("young_carer_name").rfind(given, 0) == 0) {
        auto r = send("GET", "/api/v1/cases/" + std::to_string(c->getValue<Id>("id")), "", caseworker);
        BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
        return r.json();
      }
    }
    BOOST_FAIL("no case for " + given);
    return nullptr;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(young_adult_carers_test)

BOOST_AUTO_TEST_CASE(aged_18_21_and_25_they_are_taken_from_every_door_and_passed_to_adult_services) {
  Doors f;
  // The acknowledgement a child's referral gets, to compare with.
  auto child = f.refer("school", "Amélie", "Dubois", "2012-04-03");
  BOOST_REQUIRE_MESSAGE(child.status == 201, child.body);
  struct Referred {
    const char *door, *given, *family, *dob;
  };
  for (const auto& r : std::vector<Referred>{{"school", "Zoë", "O'Brien", "2005-06-01"},          // 18
                                             {"gp", "Siân", "Ní Bhriain", "2002-07-01"},          // 21
                                             {"self", "D'Arcy", "Łukasiewicz", "1998-03-15"}}) {  // 25
    BOOST_TEST_CONTEXT(r.given << " from " << r.door) {
      auto got = f.refer(r.door, r.given, r.family, r.dob);
      BOOST_REQUIRE_MESSAGE(got.status == 201, got.body);
      BOOST_TEST(got.str("status") == "received");
      BOOST_TEST(got.str("reference").rfind("YCR-", 0) == 0);
      // The same clock: decided within 1 working day, as the child's referral.
      BOOST_TEST(got.str("decision_due") == child.str("decision_due"));
      BOOST_TEST(got.str("decision_due") == "2024-01-11");
      auto mine = f.send("GET", "/api/v1/referrals/" + got.str("reference"), "", f.referrers.at(r.door));
      BOOST_TEST(mine.status == 200);

      auto c = f.caseOf(r.given);
      BOOST_TEST(c->getValue<bool>("young_adult_carer"));
      BOOST_TEST(c->getValue<std::string>("state") == "referred");
      BOOST_TEST(c->getObject("next_action")->getValue<std::string>("due") == "2024-01-11");
      BOOST_TEST(!c->getObject("next_action")->getValue<bool>("overdue"));
      BOOST_TEST(!c->getObject("clocks")->getObject("adulthood")->getValue<bool>("running"));
      BOOST_TEST(c->getObject("young_carer")->getValue<std::string>("family_name") == r.family);
      auto tasks = c->getArray("tasks");
      BOOST_REQUIRE_EQUAL(tasks->size(), 1u);
      auto task = tasks->getObject(0);
      BOOST_TEST(task->getValue<std::string>("description") == kTaskWords);
      BOOST_TEST(task->getValue<std::string>("kind") == "young_adult_carer_assessment");
      BOOST_TEST(task->getObject("addressed_to")->getValue<std::string>("name") ==
                 "Leicester adult social care");
      // The person's record says so too.
      auto yc = f.send("GET", "/api/v1/young-carers/" + std::to_string(c->getValue<Id>("young_carer_id")), "",
                       f.caseworker);
      BOOST_REQUIRE_EQUAL(yc.status, 200);
      BOOST_TEST(yc.json()->getValue<bool>("young_adult_carer"));
      // The pathway goes on: the caseworker can acknowledge it.
      bool canAcknowledge = false;
      auto allowed = c->getArray("allowed_events");
      for (std::size_t i = 0; i < allowed->size(); ++i)
        canAcknowledge |= allowed->getElement<std::string>(i) == "acknowledge";
      BOOST_TEST(canAcknowledge);
    }
  }
  // The child's case is not a young adult carer's and leaves no task (the parent is known).
  auto c = f.caseOf("Amélie");
  BOOST_TEST(!c->getValue<bool>("young_adult_carer"));
  BOOST_TEST(c->getArray("tasks")->size() == 0u);
  // Adult social care finds the three tasks addressed to it.
  auto asc = f.signIn("asc1");
  auto tasks = f.send("GET", "/api/v1/tasks?status=open", "", asc);
  BOOST_REQUIRE_EQUAL(tasks.status, 200);
  BOOST_TEST(tasks.json()->getArray("items")->size() == 3u);
}

BOOST_AUTO_TEST_CASE(a_17_year_old_is_a_young_carer_as_before) {
  Doors f;
  auto got = f.refer("gp", "Kai", "Müller-O'Neill", "2006-06-01");
  BOOST_REQUIRE_MESSAGE(got.status == 201, got.body);
  auto c = f.caseOf("Kai");
  BOOST_TEST(!c->getValue<bool>("young_adult_carer"));
  BOOST_TEST(c->getArray("tasks")->size() == 0u);
  BOOST_TEST(c->getObject("clocks")->getObject("adulthood")->getValue<bool>("running"));
}

BOOST_AUTO_TEST_CASE(a_known_young_carer_referred_again_at_18_is_reopened_as_a_young_adult_carer) {
  Doors f;
  BOOST_REQUIRE_EQUAL(f.refer("gp", "Kai", "Müller-O'Neill", "2006-06-01").status, 201);  // 17
  auto first = f.caseOf("Kai");
  const std::string caseUri = "/api/v1/cases/" + std::to_string(first->getValue<Id>("id"));
  auto closed =
      f.send("POST", caseUri + "/events", R"({"event":"close","close_reason":"moved_away"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(closed.status == 200, closed.body);

  f.clock.set(*parseIsoTimestamp("2025-02-03T10:00:00Z"));  // a Monday; Kai is 18
  f.caseworker = f.signIn("casey");
  f.referrers["school"] = f.signIn("school1");
  auto again = f.refer("school", "Kai", "Müller-O'Neill", "2006-06-01");
  BOOST_REQUIRE_MESSAGE(again.status == 201, again.body);
  BOOST_TEST(again.str("decision_due") == "2025-02-04");
  auto c = f.caseOf("Kai");
  BOOST_TEST(c->getValue<Id>("id") == first->getValue<Id>("id"));  // one record, one case, reopened
  BOOST_TEST(c->getValue<std::string>("state") == "referred");
  BOOST_TEST(c->getValue<bool>("young_adult_carer"));
  auto tasks = c->getArray("tasks");
  BOOST_REQUIRE_EQUAL(tasks->size(), 1u);
  BOOST_TEST(tasks->getObject(0)->getValue<std::string>("description") == kTaskWords);
  auto yc = f.send("GET", "/api/v1/young-carers/" + std::to_string(c->getValue<Id>("young_carer_id")), "",
                   f.caseworker);
  BOOST_REQUIRE_EQUAL(yc.status, 200);
  BOOST_TEST(yc.json()->getValue<bool>("young_adult_carer"));
}

BOOST_AUTO_TEST_CASE(over_25_is_refused_and_told_to_go_to_the_adult_carers_service) {
  Doors f;
  auto got = f.refer("self", "Rosa", "O'Hara", "1998-01-10");  // 26 today
  BOOST_TEST(got.isProblem(422));
  BOOST_TEST(got.firstErrorField() == "young_person.date_of_birth");
  BOOST_TEST(contains(got.str("detail"), "adult carers' service"));
  BOOST_TEST(contains(got.str("detail"), "Care Act 2014 s10"));
  BOOST_TEST(f.cases()->size() == 0u);
}

BOOST_AUTO_TEST_CASE(the_case_page_says_young_adult_carer) {
  Doors f;
  BOOST_REQUIRE_EQUAL(f.refer("school", "Zoë", "O'Brien", "2004-09-09").status, 201);
  auto c = f.caseOf("Zoë");
  auto page = f.get("/cases/" + std::to_string(c->getValue<Id>("id")), f.sessionFor("casey"));
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, ">Young adult carer</strong>"));
  // The task, escaped as every text on the pages is.
  BOOST_TEST(
      contains(page.body, "Adult carers service to offer a carer&#39;s assessment (Care Act 2014 s10)"));
}

BOOST_AUTO_TEST_CASE(the_referral_pages_take_a_young_adult_carer_and_refuse_only_the_older) {
  Doors f;
  const auto session = f.sessionFor("school1");
  auto step = [&](const std::string& dob) {
    const std::string year = dob.substr(0, 4), month = dob.substr(5, 2), dayOf = dob.substr(8, 2);
    return f.post("/referrals/new/young-person", session,
                  "given_name=Zo%C3%AB&family_name=O%27Brien&date-of-birth-day=" + dayOf +
                      "&date-of-birth-month=" + month + "&date-of-birth-year=" + year + "&postcode=LE2+7GH");
  };
  auto older = step("1998-01-10");
  BOOST_TEST(older.status == 422);
  BOOST_TEST(contains(older.body, "adult carers"));
  auto youngAdult = step("2005-06-01");
  BOOST_TEST(youngAdult.status == 303);
}

BOOST_AUTO_TEST_SUITE_END()
