// Activities and breaks with their registers (issue 27 item 1), through HTTP: a young carers service
// adds a group, offers places to the young carers it works with up to capacity, takes the register
// (attended, cancelled with a reason, did not attend) from the first day and finalises it, after
// which nothing changes; another service's staff never see it; every step is audited.

#include <boost/test/unit_test.hpp>
#include <map>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::header;
using test_support::Reply;
using test_support::urlEncode;

namespace {

struct ActivitiesFixture : test_support::SessionPagesFixture {
  Id service = 0, otherService = 0, school = 0;
  std::string caseworker, other, champion;
  std::map<Id, std::string> casePath;  // by young carer: /api/v1/cases/{id}

  ActivitiesFixture() : SessionPagesFixture("activities", "2025-06-03T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    otherService = organisation("Rutland young carers", OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    user("casey", Role::caseworker, service);
    user("robin", Role::caseworker, otherService);
    user("champion", Role::referrer, school);
    user("audrey", Role::auditor, service);
    caseworker = signIn("casey");
    other = signIn("robin");
    champion = signIn("champion");
  }
  // A child referred by the school, whose case the service owns; the young carer's id.
  Id child(const std::string& given, const std::string& dob) {
    auto r = send("POST", "/api/v1/referrals",
                  R"({"young_person":{"given_name":")" + given +
                      R"(","family_name":"O'Brien","date_of_birth":")" + dob +
                      R"(","postcode":"LE2 7GH"},"caring_summary":"Helps mum",)"
                      R"("cared_for":[{"relationship":"parent","known_to_adult_social_care":true}]})",
                  champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto detail = send("GET", "/api/v1/referrals/" + r.str("reference"), "", caseworker);
    const std::string path = "/api/v1/cases/" + std::to_string(detail.json()->getValue<Id>("case_id"));
    const Id id = send("GET", path, "", caseworker).json()->getObject("young_carer")->getValue<Id>("id");
    casePath[id] = path;
    return id;
  }
  std::string activity(const std::string& startsOn, int capacity = 2, const std::string& extra = "") {
    auto r = send("POST", "/api/v1/activities",
                  R"({"kind":"trip","title":"Trip to the <b>coast</b>","starts_on":")" + startsOn +
                      R"(","capacity":)" + std::to_string(capacity) + extra + "}",
                  caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return "/api/v1/activities/" + std::to_string(r.json()->getValue<Id>("id"));
  }
  Reply offer(const std::string& path, Id youngCarer, const std::string& token = "") {
    return send("POST", path + "/places", R"({"young_carer_id":)" + std::to_string(youngCarer) + "}",
                token.empty() ? caseworker : token);
  }
  std::int64_t audited(const std::string& action) {
    auto tx = app->store().begin(false);
    AuditQuery q;
    q.recordType = "activity";
    q.limit = 500;
    std::int64_t n = 0;
    for (const auto& e : tx->audit().query(q).items) n += e.action == action;
    return n;
  }
};

std::string entry(Id youngCarer, const std::string& attendance, const std::string& reason = "") {
  return R"({"young_carer_id":)" + std::to_string(youngCarer) + R"(,"attendance":")" + attendance +
         R"(","reason":")" + reason + R"("})";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(activities)

BOOST_AUTO_TEST_CASE(a_trip_is_added_places_offered_to_capacity_the_register_taken_and_locked) {
  ActivitiesFixture f;
  const Id zoe = f.child("Zoë", "2012-04-03"), amir = f.child("Amir", "2011-09-14"),
           priya = f.child("Priya", "2013-01-22");
  auto trip = f.activity("2025-06-10", 2, R"(,"ends_on":"2025-06-11","consent_note":"Parent's form")");
  BOOST_TEST(f.offer(trip, zoe).status == 201);
  BOOST_TEST(f.offer(trip, zoe).isProblem(409));  // one place each
  BOOST_TEST(f.offer(trip, amir).status == 201);
  BOOST_TEST(f.offer(trip, priya).isProblem(409));  // full
  // The register opens on the first day.
  const std::string body = R"({"entries":[)" + entry(zoe, "attended") + "]}";
  BOOST_TEST(f.send("PUT", trip + "/register", body, f.caseworker).isProblem(409));
  f.clock.advance(std::chrono::hours(24 * 7));
  f.caseworker = f.signIn("casey");  // a week on, the session has ended
  auto missingReason = f.send(
      "PUT", trip + "/register",
      R"({"entries":[)" + entry(zoe, "attended") + "," + entry(amir, "cancelled") + "]}", f.caseworker);
  BOOST_TEST(missingReason.isProblem(422));
  BOOST_TEST(missingReason.firstErrorField() == "entries[1].reason");
  auto taken = f.send("PUT", trip + "/register", body, f.caseworker);
  BOOST_REQUIRE_MESSAGE(taken.status == 200, taken.body);
  // The short breaks indicator counts a trip's attendance once its register is finalised (statistics.h).
  auto attendedBreaks = [&] {
    auto tx = f.app->store().begin(true);
    return tx->statistics().youngCarersWithShortBreak(*parseIsoDate("2025-06-01"),
                                                      *parseIsoDate("2025-06-30"));
  };
  BOOST_TEST(attendedBreaks() == 0);
  BOOST_TEST(f.send("POST", trip + "/finalise", "", f.caseworker).isProblem(409));  // Amir not recorded
  taken = f.send("PUT", trip + "/register",
                 R"({"entries":[)" + entry(amir, "cancelled", "Mum in hospital") + "]}", f.caseworker);
  BOOST_REQUIRE_MESSAGE(taken.status == 200, taken.body);
  auto done = f.send("POST", trip + "/finalise", "", f.caseworker);
  BOOST_REQUIRE_MESSAGE(done.status == 200, done.body);
  BOOST_TEST(attendedBreaks() == 1);  // Zoë; Amir's place was cancelled
  // Amir's case lists the place with what the register says.
  auto amirs = f.send("GET", f.casePath[amir], "", f.caseworker).json()->getArray("activities");
  BOOST_REQUIRE_EQUAL(amirs->size(), 1u);
  BOOST_TEST(amirs->getObject(0)->getValue<std::string>("title") == "Trip to the <b>coast</b>");
  BOOST_TEST(amirs->getObject(0)->getValue<std::string>("attendance") == "cancelled");
  BOOST_TEST(amirs->getObject(0)->getValue<std::string>("reason") == "Mum in hospital");
  BOOST_TEST(amirs->getObject(0)->getValue<bool>("finalised"));
  auto j = done.json();
  BOOST_TEST(j->getValue<bool>("finalised"));
  BOOST_TEST(j->getValue<std::string>("title") == "Trip to the <b>coast</b>");  // stored verbatim
  auto places = j->getArray("places");
  BOOST_REQUIRE_EQUAL(places->size(), 2u);
  BOOST_TEST(places->getObject(0)->getValue<std::string>("young_carer_name") == "Amir O'Brien");
  BOOST_TEST(places->getObject(0)->getValue<std::string>("attendance") == "cancelled");
  BOOST_TEST(places->getObject(0)->getValue<std::string>("reason") == "Mum in hospital");
  BOOST_TEST(places->getObject(1)->getValue<std::string>("attendance") == "attended");
  // Locked.
  BOOST_TEST(
      f.send("PUT", trip + "/register", R"({"entries":[)" + entry(zoe, "did_not_attend") + "]}", f.caseworker)
          .isProblem(409));
  BOOST_TEST(f.send("POST", trip + "/finalise", "", f.caseworker).isProblem(409));
  BOOST_TEST(f.offer(trip, priya).isProblem(409));
  auto list = f.send("GET", "/api/v1/activities?from=2025-06-01", "", f.caseworker);
  BOOST_REQUIRE_EQUAL(list.json()->getArray("items")->size(), 1u);
  BOOST_TEST(list.json()->getArray("items")->getObject(0)->getValue<int>("attended") == 1);
  BOOST_TEST(list.json()->getArray("items")->getObject(0)->getValue<int>("places_offered") == 2);
  BOOST_TEST(f.audited("activity.create") == 1);
  BOOST_TEST(f.audited("activity.place") == 2);
  BOOST_TEST(f.audited("activity.register") == 2);
  BOOST_TEST(f.audited("activity.finalise") == 1);
  // What is held about Amir includes the place and why it was cancelled.
  auto held = f.send("GET", "/api/v1/young-carers/" + std::to_string(amir) + "/subject-access", "",
                     f.signIn("audrey"));
  BOOST_REQUIRE_MESSAGE(held.status == 200, held.body);
  auto sections = held.json()->getArray("sections");
  Poco::JSON::Array::Ptr items;
  for (std::size_t i = 0; i < sections->size(); ++i)
    if (sections->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == "activities")
      items = sections->getObject(static_cast<unsigned>(i))->getArray("items");
  BOOST_REQUIRE(items);
  BOOST_REQUIRE_EQUAL(items->size(), 1u);
  BOOST_TEST(items->getObject(0)->getValue<std::string>("attendance") == "cancelled");
  BOOST_TEST(items->getObject(0)->getValue<std::string>("reason") == "Mum in hospital");
}

BOOST_AUTO_TEST_CASE(another_service_never_sees_an_activity_nor_offers_its_children_places) {
  ActivitiesFixture f;
  const Id zoe = f.child("Zoë", "2012-04-03");
  auto group = f.activity("2025-06-03");
  BOOST_TEST(f.send("GET", group, "", f.other).isProblem(404));
  BOOST_TEST(f.offer(group, zoe, f.other).isProblem(404));
  BOOST_TEST(f.send("POST", group + "/finalise", "", f.other).isProblem(404));
  BOOST_TEST(f.send("GET", "/api/v1/activities", "", f.other).json()->getArray("items")->size() == 0u);
  // Its own group cannot take a child it does not work with.
  auto r =
      f.send("POST", "/api/v1/activities",
             R"({"kind":"group","title":"Rutland group","starts_on":"2025-06-03","capacity":5})", f.other);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  auto theirs = "/api/v1/activities/" + std::to_string(r.json()->getValue<Id>("id"));
  auto refused = f.offer(theirs, zoe, f.other);
  BOOST_TEST(refused.isProblem(422));
  BOOST_TEST(refused.firstErrorField() == "young_carer_id");
  // Zoë's case lists her place on this service's group, never one on another service's activity (one
  // written straight to the store, as an import or a merge could leave it).
  BOOST_TEST(f.offer(group, zoe).status == 201);
  {
    auto tx = f.app->store().begin(true);
    ActivityPlace p;
    p.activityId = r.json()->getValue<Id>("id");
    p.youngCarerId = zoe;
    p.offeredAt = f.clock.now();
    BOOST_REQUIRE(static_cast<bool>(tx->activities().addPlace(p)));
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  auto listed = f.send("GET", f.casePath[zoe], "", f.caseworker).json()->getArray("activities");
  BOOST_REQUIRE_EQUAL(listed->size(), 1u);
  BOOST_TEST(listed->getObject(0)->getValue<std::string>("title") == "Trip to the <b>coast</b>");
  BOOST_TEST(listed->getObject(0)->get("attendance").isEmpty());
  BOOST_TEST(f.send("GET", "/api/v1/activities", "", f.champion).isProblem(403));
  // Reading the register, which names children, is audited.
  BOOST_TEST(f.send("GET", group, "", f.caseworker).status == 200);
  BOOST_TEST(f.audited("activity.read") == 1);
}

// A place taken back before its attendance is recorded frees it for another young carer; once the register
// says something about the child, or is finalised, the place stays (cancelled, with why, says the rest).
BOOST_AUTO_TEST_CASE(a_place_is_withdrawn_until_the_register_says_something_about_it) {
  ActivitiesFixture f;
  const Id zoe = f.child("Zoë", "2012-04-03"), amir = f.child("Amir", "2011-09-14"),
           priya = f.child("Priya", "2013-01-22");
  auto trip = f.activity("2025-06-03", 2);
  BOOST_REQUIRE_EQUAL(f.offer(trip, zoe).status, 201);
  BOOST_REQUIRE_EQUAL(f.offer(trip, amir).status, 201);
  BOOST_TEST(f.offer(trip, priya).isProblem(409));  // full
  const auto place = [&](Id id) { return trip + "/places/" + std::to_string(id); };
  BOOST_TEST(f.send("DELETE", place(amir), "", f.other).isProblem(404));     // another service's
  BOOST_TEST(f.send("DELETE", place(amir), "", f.champion).isProblem(403));  // not case staff
  auto withdrawn = f.send("DELETE", place(amir), "", f.caseworker);
  BOOST_REQUIRE_MESSAGE(withdrawn.status == 200, withdrawn.body);
  BOOST_TEST(withdrawn.json()->getArray("places")->size() == 1u);
  BOOST_TEST(f.send("DELETE", place(amir), "", f.caseworker).isProblem(404));  // no place now
  BOOST_TEST(f.offer(trip, priya).status == 201);                              // the place is free again
  BOOST_TEST(f.send("GET", f.casePath[amir], "", f.caseworker).json()->getArray("activities")->size() == 0u);
  BOOST_TEST(f.audited("activity.place_withdraw") == 1);
  BOOST_REQUIRE_EQUAL(
      f.send("PUT", trip + "/register", R"({"entries":[)" + entry(zoe, "attended") + "]}", f.caseworker)
          .status,
      200);
  BOOST_TEST(f.send("DELETE", place(zoe), "", f.caseworker).isProblem(409));  // attendance recorded
  BOOST_REQUIRE_EQUAL(f.send("PUT", trip + "/register",
                             R"({"entries":[)" + entry(priya, "did_not_attend") + "]}", f.caseworker)
                          .status,
                      200);
  BOOST_REQUIRE_EQUAL(f.send("POST", trip + "/finalise", "", f.caseworker).status, 200);
  BOOST_TEST(f.send("DELETE", place(priya), "", f.caseworker).isProblem(409));  // locked
}

BOOST_AUTO_TEST_CASE(the_activity_page_withdraws_a_place) {
  ActivitiesFixture f;
  const Id zoe = f.child("Zoë", "2012-04-03");
  const auto casey = f.sessionFor("casey");
  auto trip = f.activity("2025-06-10");
  BOOST_REQUIRE_EQUAL(f.offer(trip, zoe).status, 201);
  const std::string page = trip.substr(7);  // /activities/{id}
  BOOST_TEST(contains(f.get(page, casey).body, "Withdraw place"));
  BOOST_TEST(f.post(page + "/places/withdraw", casey, "withdraw_young_carer_id=").status == 422);
  BOOST_REQUIRE_EQUAL(
      f.post(page + "/places/withdraw", casey, "withdraw_young_carer_id=" + std::to_string(zoe)).status, 303);
  auto after = f.get(page, casey).body;
  BOOST_TEST(contains(after, "No places have been offered yet"));
  BOOST_TEST(!contains(after, "Withdraw place"));
}

// "Tell their story once": a merge of two records of one child carries the absorbed record's places, so
// what the child attended counts once, on the record that stays; undoing it takes them back.
BOOST_AUTO_TEST_CASE(a_merge_carries_places_and_its_undo_takes_them_back) {
  ActivitiesFixture f;
  const Id keep = f.child("Zoe", "2012-04-03");
  const Id gone = f.child("Priya", "2009-07-21");
  const auto both = f.activity("2025-06-10");
  const auto onlyGone = f.activity("2025-06-17");
  BOOST_REQUIRE_EQUAL(f.offer(both, keep).status, 201);
  BOOST_REQUIRE_EQUAL(f.offer(both, gone).status, 201);
  BOOST_REQUIRE_EQUAL(f.offer(onlyGone, gone).status, 201);
  auto placesOf = [&](Id id) {
    auto tx = f.app->store().begin(false);
    return tx->activities().forYoungCarer(id).size();
  };
  auto merge = f.send("POST", "/api/v1/young-carers/" + std::to_string(keep) + "/merge",
                      R"({"other_id":)" + std::to_string(gone) + R"(,"reason":"Same child"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(merge.status == 201, merge.body);
  // One place on each activity: the survivor's stands where both had one.
  BOOST_TEST(placesOf(keep) == 2u);
  BOOST_TEST(placesOf(gone) == 1u);
  BOOST_TEST(f.send("GET", f.casePath[keep], "", f.caseworker).json()->getArray("activities")->size() == 2u);
  auto undo = f.send("POST", "/api/v1/merges/" + std::to_string(merge.json()->getValue<Id>("id")) + "/undo",
                     R"({"reason":"Two children after all"})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(undo.status == 200, undo.body);
  BOOST_TEST(placesOf(keep) == 1u);
  BOOST_TEST(placesOf(gone) == 2u);
}

BOOST_AUTO_TEST_CASE(bad_activities_are_refused_field_by_field) {
  ActivitiesFixture f;
  auto bad = [&](const std::string& body, const std::string& field) {
    auto r = f.send("POST", "/api/v1/activities", body, f.caseworker);
    BOOST_TEST(r.isProblem(422), body);
    BOOST_TEST(r.firstErrorField() == field, body);
  };
  bad(R"({"kind":"party","title":"x","starts_on":"2025-06-03","capacity":5})", "kind");
  bad(R"({"kind":"group","title":"","starts_on":"2025-06-03","capacity":5})", "title");
  bad(R"({"kind":"group","title":"x","starts_on":"2025-02-30","capacity":5})", "starts_on");
  bad(R"({"kind":"group","title":"x","starts_on":"2025-06-03","ends_on":"2025-06-02","capacity":5})",
      "ends_on");
  bad(R"({"kind":"residential","title":"x","starts_on":"2025-06-03","ends_on":"2025-08-01","capacity":5})",
      "ends_on");
  bad(R"({"kind":"group","title":"x","starts_on":"2025-06-03","capacity":0})", "capacity");
  bad(R"({"kind":"group","title":"x","starts_on":"2025-06-03","capacity":"ten"})", "capacity");
  bad(R"({"kind":"group","title":"x","starts_on":"2025-06-03","capacity":5,"colour":"red"})", "colour");
  BOOST_TEST(f.send("POST", "/api/v1/activities", "{not json", f.caseworker).isProblem(400));
  BOOST_TEST(f.send("GET", "/api/v1/activities?from=yesterday", "", f.caseworker).isProblem(422));
  BOOST_TEST(f.send("GET", "/api/v1/activities/abc", "", f.caseworker).isProblem(404));
  auto group = f.activity("2025-06-03");
  auto r = f.send("PUT", group + "/register",
                  R"({"entries":[{"young_carer_id":99,"attendance":"attended"}]})", f.caseworker);
  BOOST_TEST(r.isProblem(422));
  BOOST_TEST(r.firstErrorField() == "entries[0].young_carer_id");
  BOOST_TEST(f.send("PUT", group + "/register", R"({"entries":"all"})", f.caseworker).isProblem(422));
}

BOOST_AUTO_TEST_CASE(the_pages_add_a_group_offer_a_place_and_take_and_finalise_the_register) {
  ActivitiesFixture f;
  const Id zoe = f.child("Zoë", "2012-04-03");
  const auto casey = f.sessionFor("casey");
  BOOST_TEST(contains(f.get("/activities", casey).body, "href=\"/activities/new\""));
  auto refused = f.post("/activities/new", casey, "kind=group&title=&capacity=lots");
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(contains(refused.body, "govuk-error-summary"));
  BOOST_TEST(contains(refused.body, "Enter the first day"));
  auto added = f.post("/activities/new", casey,
                      "kind=group&title=" + urlEncode("Tuesday <group>") +
                          "&starts_on-day=3&starts_on-month=6&starts_on-year=2025&capacity=8");
  BOOST_REQUIRE_EQUAL(added.status, 303);
  const std::string page = header(added, "Location").substr(0, header(added, "Location").find('?'));
  auto shown = f.get(header(added, "Location"), casey);
  BOOST_TEST(contains(shown.body, "Tuesday &lt;group&gt;"));
  BOOST_TEST(!contains(shown.body, "Tuesday <group>"));
  BOOST_TEST(contains(shown.body, "Zoë O&#39;Brien"));  // offered from the open cases
  BOOST_REQUIRE_EQUAL(f.post(page + "/places", casey, "young_carer_id=" + std::to_string(zoe)).status, 303);
  const std::string yc = std::to_string(zoe);
  auto noReason = f.post(page + "/register", casey, "attendance_" + yc + "=cancelled&reason_" + yc + "=");
  BOOST_TEST(noReason.status == 422);
  BOOST_TEST(contains(noReason.body, "href=\"#reason_" + yc + "\""));
  BOOST_REQUIRE_EQUAL(f.post(page + "/register", casey, "attendance_" + yc + "=attended").status, 303);
  BOOST_REQUIRE_EQUAL(f.post(page + "/finalise", casey, "").status, 303);
  auto locked = f.get(page, casey);
  BOOST_TEST(contains(locked.body, "Finalised"));
  const std::string casePage = f.get(f.casePath[zoe].substr(7), casey).body;  // /cases/{id}
  BOOST_TEST(contains(casePage, "Activities and breaks"));
  BOOST_TEST(contains(casePage, "href=\"" + page + "\">Tuesday &lt;group&gt;</a>"));
  BOOST_TEST(contains(casePage, ">Attended<"));
  BOOST_TEST(!contains(locked.body, "action=\"" + page + "/register\""));
  auto again = f.post(page + "/finalise", casey, "");
  BOOST_TEST(again.status == 409);
  // The error summary's link goes somewhere on the page.
  BOOST_TEST(contains(again.body, "href=\"#register\""));
  BOOST_TEST(contains(again.body, "id=\"register\""));
  BOOST_TEST(f.get(page, f.sessionFor("robin")).status == 404);
  BOOST_TEST(f.get("/activities", f.sessionFor("champion")).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
