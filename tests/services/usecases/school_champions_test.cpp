// Schools' young carer champions as named people with a history (issue 27 item 2; school_champions.h),
// through the API and the pages: a young carers service's staff name a champion at a school, from a day,
// linked to the school's account if they have one, and record the day they stepped down; deactivating
// the account ends their time in post that day. Names are kept as typed (apostrophes, accents, hyphens)
// and escaped on the pages; bad input gets the field that is wrong; referrers and commissioners are
// refused; the schools indicator counts a champion for the periods they were in post.

#include <boost/test/unit_test.hpp>

#include "school_pages_fixture.h"
#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::Reply;

namespace ycr::test_support {

// Monday 2 June 2025.
struct ChampionsFixture : test_support::ServiceFixture {
  std::string caseworker, admin, referrer, commissioner;
  Id hamilton = 0, soar = 0, service = 0, patel = 0, jones = 0;

  ChampionsFixture() : ServiceFixture("champions", "2025-06-02T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    hamilton = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    soar = organisation("Soar Valley College", OrganisationKind::school, "120346");
    organisation("Beaumont Primary School", OrganisationKind::school, "120347");
    Id council = organisation("Leicester City Council", OrganisationKind::commissioner);
    user("casey", Role::caseworker, service);
    user("ada", Role::admin, service);
    patel = user("patel", Role::referrer, hamilton);
    jones = user("jones", Role::referrer, soar);
    user("comm", Role::commissioner, council);
    caseworker = signIn("casey");
    admin = signIn("ada");
    referrer = signIn("patel");
    commissioner = signIn("comm");
  }
  std::string schoolPath(Id school) const {
    return "/api/v1/organisations/" + std::to_string(school) + "/champions";
  }
  Reply name(Id school, const std::string& body, const std::string& who) {
    return send("POST", schoolPath(school), body, who);
  }
  Reply end(Id champion, const std::string& body, const std::string& who) {
    return send("POST", "/api/v1/champions/" + std::to_string(champion) + "/end", body, who);
  }
  Poco::JSON::Object::Ptr indicatorFor(const std::string& query) {
    auto r = send("GET", "/api/v1/stats/kpis?" + query, "", signIn("comm"));
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    auto list = r.json()->getArray("indicators");
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto o = list->getObject(static_cast<unsigned>(i));
      if (o->getValue<std::string>("id") == "schools_with_active_champion") return o;
    }
    BOOST_FAIL("no champion indicator");
    return nullptr;
  }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(school_champions_api, test_support::ChampionsFixture)

BOOST_AUTO_TEST_CASE(staff_name_a_champion_and_record_the_day_they_stepped_down) {
  auto named =
      name(hamilton,
           R"({"name":"  Mrs Siân  O’Brien-Patel ","post":"Head of Year 9","since":"2024-09-02","user_id":)" +
               std::to_string(patel) + "}",
           caseworker);
  BOOST_REQUIRE_MESSAGE(named.status == 201, named.body);
  BOOST_TEST(named.str("name") == "Mrs Siân O’Brien-Patel");  // trimmed, inner spaces folded, as typed
  BOOST_TEST(named.str("post") == "Head of Year 9");
  BOOST_TEST(named.json()->getValue<Id>("user_id") == patel);
  BOOST_TEST(named.json()->isNull("until"));
  const Id id = named.json()->getValue<Id>("id");

  // The list of schools: every active school, by name, with its champions in post today.
  auto list = send("GET", "/api/v1/champions", "", caseworker);
  BOOST_REQUIRE_EQUAL(list.status, 200);
  BOOST_TEST(list.json()->getValue<int>("total") == 3);
  BOOST_TEST(list.json()->getValue<int>("with_champion") == 1);
  auto first = list.json()->getArray("items")->getObject(0);
  BOOST_TEST(first->getObject("school")->getValue<std::string>("name") == "Beaumont Primary School");
  BOOST_TEST(first->getArray("champions")->size() == 0u);

  // Stepping down: not before they began, not after today, once.
  BOOST_TEST(end(id, R"({"until":"2024-08-30"})", admin).firstErrorField() == "until");
  BOOST_TEST(end(id, R"({"until":"2025-06-03"})", admin).firstErrorField() == "until");
  BOOST_TEST(end(id, R"({"until":"2025-02-30"})", admin).firstErrorField() == "until");
  auto ended = end(id, R"({"until":"2025-04-04","reason":"Left the school <at Easter>"})", admin);
  BOOST_REQUIRE_MESSAGE(ended.status == 200, ended.body);
  BOOST_TEST(ended.str("until") == "2025-04-04");
  BOOST_TEST(ended.str("end_reason") == "Left the school <at Easter>");
  BOOST_TEST(end(id, R"({"until":"2025-04-04"})", admin).isProblem(409));
  BOOST_TEST(end(999999, R"({"until":"2025-04-04"})", admin).isProblem(404));

  // The history keeps them; the indicator counts them for the periods they were in post.
  auto history = send("GET", schoolPath(hamilton), "", caseworker);
  BOOST_REQUIRE_EQUAL(history.status, 200);
  BOOST_TEST(history.json()->getArray("champions")->size() == 1u);
  BOOST_TEST(indicatorFor("from=2025-03-01&to=2025-03-31")->get("numerator").toString() == "1");
  BOOST_TEST(indicatorFor("from=2025-04-01&to=2025-04-30")->get("numerator").toString() == "0");

  // Audited, without the name or the reason.
  AuditQuery q;
  q.recordType = "school_champion";
  auto audit = app->store().begin(false)->audit().query(q);
  bool namedSeen = false, endSeen = false;
  for (const auto& e : audit.items) {
    if (e.action == "champion.name") namedSeen = e.recordId == std::to_string(id);
    if (e.action == "champion.end") endSeen = e.detail.find("2025-04-04") != std::string::npos;
    BOOST_TEST(e.detail.find("Brien") == std::string::npos);
    BOOST_TEST(e.detail.find("Easter") == std::string::npos);
  }
  BOOST_TEST(namedSeen);
  BOOST_TEST(endSeen);
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_with_the_field_that_is_wrong) {
  BOOST_TEST(name(hamilton, R"({"name":"R2-D2","since":"2024-09-02"})", caseworker).firstErrorField() ==
             "name");
  BOOST_TEST(name(hamilton, R"({"name":"<b>Jo</b>","since":"2024-09-02"})", caseworker).firstErrorField() ==
             "name");
  BOOST_TEST(name(hamilton, R"({"name":"Mr A. Khan","since":"2025-06-03"})", caseworker).firstErrorField() ==
             "since");
  auto unreadable = name(hamilton, R"({"name":"Mr A. Khan","since":"02/09/2024"})", caseworker);
  BOOST_TEST(unreadable.firstErrorField() == "since");
  BOOST_TEST(unreadable.json()->getArray("errors")->size() == 1u);  // said once
  BOOST_TEST(name(hamilton,
                  R"({"name":"Mr A. Khan","since":"2024-09-02","post":")" + std::string(101, 'x') + "\"}",
                  caseworker)
                 .firstErrorField() == "post");
  BOOST_TEST(name(hamilton, R"({"name":"Mr A. Khan","since":"2024-09-02","email":"a@b"})", caseworker)
                 .isProblem(422));
  BOOST_TEST(name(hamilton, R"({"name":"Mr A. Khan","since":20240902})", caseworker).isProblem(422));
  BOOST_TEST(name(hamilton, R"({"name":"Mr A. Khan",)", caseworker).isProblem(400));
  // Another school's account, or no account: the field. The same account twice in post: a conflict.
  BOOST_TEST(name(hamilton,
                  R"({"name":"Mr A. Khan","since":"2024-09-02","user_id":)" + std::to_string(jones) + "}",
                  caseworker)
                 .firstErrorField() == "user_id");
  const std::string linked =
      R"({"name":"Mrs J. Patel","since":"2024-09-02","user_id":)" + std::to_string(patel) + "}";
  BOOST_TEST(name(hamilton, linked, caseworker).status == 201);
  BOOST_TEST(name(hamilton, linked, caseworker).isProblem(409));
  // Not a school; no such organisation.
  BOOST_TEST(name(service, R"({"name":"Mr A. Khan","since":"2024-09-02"})", caseworker).isProblem(404));
  BOOST_TEST(name(999999, R"({"name":"Mr A. Khan","since":"2024-09-02"})", caseworker).isProblem(404));
  BOOST_TEST(send("GET", schoolPath(service), "", caseworker).isProblem(404));
}

BOOST_AUTO_TEST_CASE(only_the_service_s_staff_and_administrators_keep_them) {
  const std::string body = R"({"name":"Mr A. Khan","since":"2024-09-02"})";
  BOOST_TEST(name(hamilton, body, referrer).isProblem(403));
  BOOST_TEST(name(hamilton, body, commissioner).isProblem(403));
  BOOST_TEST(send("GET", "/api/v1/champions", "", referrer).isProblem(403));
  BOOST_TEST(send("GET", "/api/v1/champions", "").isProblem(401));
  BOOST_TEST(name(hamilton, body, admin).status == 201);
}

BOOST_AUTO_TEST_CASE(deactivating_a_champion_s_account_ends_their_time_in_post_that_day) {
  auto named = name(hamilton,
                    R"({"name":"Mrs J. Patel","since":"2024-09-02","user_id":)" + std::to_string(patel) + "}",
                    caseworker);
  BOOST_REQUIRE_EQUAL(named.status, 201);
  auto other = name(hamilton, R"({"name":"Mr A. Khan","since":"2024-09-02"})", caseworker);
  BOOST_REQUIRE_EQUAL(other.status, 201);
  BOOST_REQUIRE_EQUAL(
      send("POST", "/api/v1/users/" + std::to_string(patel) + "/deactivate", "", admin).status, 200);
  auto history = send("GET", schoolPath(hamilton), "", caseworker).json()->getArray("champions");
  BOOST_REQUIRE(history->size() == 2u);
  auto khan = history->getObject(0);  // still in post: first
  auto gone = history->getObject(1);
  BOOST_TEST(khan->isNull("until"));
  BOOST_TEST(gone->getValue<std::string>("until") == "2025-06-02");
  BOOST_TEST(gone->getValue<std::string>("end_reason") == "Their account was deactivated");
  // A deactivated school takes no new champion.
  BOOST_REQUIRE_EQUAL(
      send("POST", "/api/v1/organisations/" + std::to_string(soar) + "/deactivate", "", admin).status, 200);
  BOOST_TEST(name(soar, R"({"name":"Mr A. Khan","since":"2024-09-02"})", caseworker).isProblem(409));
}

BOOST_AUTO_TEST_SUITE_END()

namespace ycr::test_support {

struct ChampionPages : test_support::SchoolPagesFixture {
  Id school = 0;
  ChampionPages() : SchoolPagesFixture("champion-pages", "O'Brien") {
    school = findUser("champion")->organisationId;
  }
  std::string schoolHref() const { return "/schools/" + std::to_string(school); }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(school_champions_pages, test_support::ChampionPages)

BOOST_AUTO_TEST_CASE(staff_name_a_champion_on_the_school_s_page_and_record_that_they_stepped_down) {
  auto schools = get("/schools", caseworker);
  BOOST_REQUIRE_EQUAL(schools.status, 200);
  BOOST_TEST(
      contains(schools.body, "0 of 1 schools on the register have a young carer champion in post today"));
  BOOST_TEST(contains(schools.body, "href=\"" + schoolHref() + "\">Hamilton Academy</a>"));
  auto page = get(schoolHref(), caseworker);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, "No champion has been named at this school."));
  BOOST_TEST(contains(page.body, "Name a champion"));

  auto missing = post(schoolHref() + "/champions", caseworker, "since-day=2&since-month=9&since-year=2024");
  BOOST_TEST(missing.status == 422);
  BOOST_TEST(contains(missing.body, "Enter their name"));
  auto future = post(schoolHref() + "/champions", caseworker,
                     "name=Mr+A.+Khan&since-day=3&since-month=6&since-year=2025");
  BOOST_TEST(future.status == 422);
  BOOST_TEST(contains(future.body, "The first day in post cannot be after today"));

  const std::string user = std::to_string(findUser("champion")->id);
  auto saved = post(schoolHref() + "/champions", caseworker,
                    "name=" + test_support::urlEncode("Mrs Siân O'Brien") +
                        "&post=" + test_support::urlEncode("<i>SENCo</i>") +
                        "&since-day=2&since-month=9&since-year=2024&user_id=" + user);
  BOOST_REQUIRE_EQUAL(saved.status, 303);
  BOOST_TEST(test_support::header(saved, "Location") == schoolHref());
  page = get(schoolHref(), caseworker);
  BOOST_TEST(contains(page.body, "Mrs Siân O&#39;Brien, &lt;i&gt;SENCo&lt;/i&gt;"));
  BOOST_TEST(!contains(page.body, "<i>SENCo</i>"));
  BOOST_TEST(contains(page.body, "2 September 2024"));
  BOOST_TEST(contains(page.body, "In post"));
  BOOST_TEST(contains(get("/schools", caseworker).body, "1 of 1 schools"));

  auto champion = app->store().begin(false)->schoolChampions().forSchool(school).front();
  const std::string endHref = "/champions/" + std::to_string(champion.id) + "/end";
  BOOST_TEST(contains(page.body, "href=\"" + endHref + "\""));
  auto form = get(endHref, caseworker);
  BOOST_REQUIRE_EQUAL(form.status, 200);
  BOOST_TEST(contains(form.body, "Record that Mrs Siân O&#39;Brien stepped down"));
  auto early = post(endHref, caseworker, "until-day=1&until-month=9&until-year=2024");
  BOOST_TEST(early.status == 422);
  BOOST_TEST(contains(early.body, "The last day in post cannot be before the first"));
  auto done = post(endHref, caseworker,
                   "until-day=23&until-month=5&until-year=2025&reason=" +
                       test_support::urlEncode("Left <b>the school</b>"));
  BOOST_REQUIRE_EQUAL(done.status, 303);
  page = get(schoolHref(), caseworker);
  BOOST_TEST(contains(page.body, "23 May 2025"));
  BOOST_TEST(contains(page.body, "Left &lt;b&gt;the school&lt;/b&gt;"));
  BOOST_TEST(!contains(page.body, "In post"));
  BOOST_TEST(get(endHref, caseworker).status == 200);  // the form still reads; recording again is refused
  BOOST_TEST(post(endHref, caseworker, "until-day=23&until-month=5&until-year=2025").status == 409);
}

BOOST_AUTO_TEST_CASE(a_school_s_staff_do_not_see_the_schools_pages) {
  BOOST_TEST(get("/schools", champion).status == 403);
  BOOST_TEST(get(schoolHref(), champion).status == 403);
  BOOST_TEST(get("/schools/999999", caseworker).status == 404);
  BOOST_TEST(contains(get("/cases", caseworker).body, "href=\"/schools\""));
}

BOOST_AUTO_TEST_SUITE_END()
