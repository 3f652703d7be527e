// School and education (issue 27 item 2) through the API and the pages: the year group by age on the
// case, termly attendance recorded by case staff or by the young carer's own school once the young
// person agreed to share with it, a second record for a term correcting the first with the history
// kept, and figures that cannot add up refused with the field that is wrong.

#include <Poco/JSON/Object.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "school_pages_fixture.h"
#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::Reply;

namespace {

// {"csv": text} as the import takes it.
std::string csvBody(const std::string& csv) {
  Poco::JSON::Object o;
  o.set("csv", csv);
  std::ostringstream out;
  o.stringify(out);
  return out.str();
}

}  // namespace

namespace ycr::test_support {

struct AttendanceFixture : test_support::ServiceFixture {
  Id service = 0, school = 0;
  std::string caseworker, champion, otherChampion, otherService, adultServices, commissioner;
  Id youngCarerId = 0, caseId = 0;

  AttendanceFixture() : ServiceFixture("school-attendance", "2025-06-02T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    Id otherSchool = organisation("Beaumont Leys School", OrganisationKind::school, "120346");
    Id asc = organisation("Leicester adult social care", OrganisationKind::adult_social_care);
    Id northfield = organisation("Northfield Carers Centre", OrganisationKind::carers_centre);
    Id council = organisation("Leicester City Council", OrganisationKind::commissioner);
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    user("other.champion", Role::referrer, otherSchool);
    user("duty", Role::referrer, asc);
    user("nell", Role::caseworker, northfield);
    user("comm", Role::commissioner, council);
    caseworker = signIn("casey");
    champion = signIn("champion");
    otherChampion = signIn("other.champion");
    adultServices = signIn("duty");
    otherService = signIn("nell");
    commissioner = signIn("comm");
    auto r =
        send("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":"Zoë","family_name":"O'Brien","date_of_birth":"2012-04-03",)"
             R"("postcode":"LE2 7GH","school_urn":"120345"},"caring_summary":"Helps mum",)"
             R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],)"
             R"("known_to_adult_social_care":false}],"young_person_aware":true,"parent_aware":true})",
             champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto view = send("GET", "/api/v1/referrals/" + r.str("reference"), "", caseworker).json();
    youngCarerId = view->getValue<Id>("young_carer_id");
    caseId = view->getValue<Id>("case_id");
  }
  std::string path() const {
    return "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/school-attendance";
  }
  static std::string figures(const std::string& year, const std::string& term, int possible, int missed,
                             int caring) {
    return R"({"academic_year":")" + year + R"(","term":")" + term + R"(","sessions_possible":)" +
           std::to_string(possible) + R"(,"sessions_missed":)" + std::to_string(missed) +
           R"(,"missed_for_caring":)" + std::to_string(caring) + "}";
  }
  Reply decideSchool(const std::string& decision) {
    return send("POST", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/consents",
                R"({"partner":"school","decision":")" + decision +
                    R"(","given_by":"young_person","method":"in_person","decided_on":"2025-06-01"})",
                caseworker);
  }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(school_attendance, test_support::AttendanceFixture)

BOOST_AUTO_TEST_CASE(the_case_shows_the_year_group_by_age_and_the_terms_recorded) {
  auto c = send("GET", "/api/v1/cases/" + std::to_string(caseId), "", caseworker);
  BOOST_REQUIRE_MESSAGE(c.status == 200, c.body);
  auto yc = c.json()->getObject("young_carer");
  BOOST_TEST(yc->getValue<int>("year_group") == 8);  // born April 2012, on 2 June 2025
  BOOST_TEST(yc->getValue<std::string>("year_group_name") == "Year 8");
  BOOST_TEST(yc->getValue<std::string>("school_urn") == "120345");
  BOOST_TEST(c.json()->getArray("school_attendance")->size() == 0u);
  auto r = send("POST", path(), figures("2024/25", "spring", 110, 14, 9), caseworker);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  BOOST_TEST(r.json()->getValue<int>("year_group") == 8);
  auto terms = send("GET", "/api/v1/cases/" + std::to_string(caseId), "", caseworker)
                   .json()
                   ->getArray("school_attendance");
  BOOST_REQUIRE_EQUAL(terms->size(), 1u);
  BOOST_TEST(terms->getObject(0)->getValue<int>("missed_for_caring") == 9);
  BOOST_TEST(terms->getObject(0)->getValue<std::string>("source") == "entered");
}

BOOST_AUTO_TEST_CASE(a_second_record_for_a_term_corrects_the_first_and_keeps_it) {
  auto first = send("POST", path(), figures("2024/25", "autumn", 120, 20, 12), caseworker);
  BOOST_REQUIRE_MESSAGE(first.status == 201, first.body);
  BOOST_TEST(!first.json()->getValue<bool>("corrected"));
  const Id firstId = first.json()->getArray("terms")->getObject(0)->getValue<Id>("id");
  BOOST_REQUIRE_EQUAL(send("POST", path(), figures("2024/25", "spring", 110, 4, 0), caseworker).status, 201);
  auto second = send("POST", path(), figures("2024/25", "autumn", 120, 18, 10), caseworker);
  BOOST_REQUIRE_MESSAGE(second.status == 201, second.body);
  BOOST_TEST(second.json()->getValue<bool>("corrected"));
  auto v = send("GET", path(), "", caseworker).json();
  auto terms = v->getArray("terms");
  BOOST_REQUIRE_EQUAL(terms->size(), 2u);
  BOOST_TEST(terms->getObject(0)->getValue<std::string>("term") == "spring");  // newest term first
  BOOST_TEST(terms->getObject(1)->getValue<int>("sessions_missed") == 18);
  BOOST_TEST(terms->getObject(1)->getValue<Id>("corrects") == firstId);
  auto history = v->getArray("history");
  BOOST_REQUIRE_EQUAL(history->size(), 3u);
  BOOST_TEST(history->getObject(0)->getValue<int>("sessions_missed") == 20);
  // Audited, without the figures.
  auto tx = app->store().begin(false);
  AuditQuery q;
  q.recordId = std::to_string(youngCarerId);
  q.limit = 100;
  int recorded = 0;
  for (const auto& e : tx->audit().query(q).items)
    if (e.action == "school_attendance.record") {
      ++recorded;
      BOOST_TEST(!contains(e.detail, "18"));
    }
  BOOST_TEST(recorded == 3);
  // The young person's subject access export has every record.
  user("dpo", Role::auditor, service);
  auto doc = send("GET", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/subject-access", "",
                  signIn("dpo"));
  BOOST_REQUIRE_MESSAGE(doc.status == 200, doc.body);
  auto person = doc.json()->getArray("sections")->getObject(0)->getArray("items")->getObject(0);
  BOOST_TEST(person->getArray("school_attendance")->size() == 3u);
}

BOOST_AUTO_TEST_CASE(figures_that_cannot_add_up_are_refused_with_the_field_that_is_wrong) {
  struct Case {
    std::string body, field;
  };
  const std::vector<Case> cases = {
      {figures("2024/25", "autumn", 100, 101, 0), "sessions_missed"},
      {figures("2024/25", "autumn", 100, 10, 11), "missed_for_caring"},
      {figures("2024/25", "autumn", -1, 0, 0), "sessions_possible"},
      {figures("2024/25", "autumn", 100, -2, 0), "sessions_missed"},
      {figures("2024/25", "autumn", 100, 10, -1), "missed_for_caring"},
      {figures("2024/25", "autumn", 201, 10, 1), "sessions_possible"},
      {figures("2025/26", "autumn", 100, 10, 1), "academic_year"},  // after this one
      {figures("2024-25", "autumn", 100, 10, 1), "academic_year"},
      {figures("2024/26", "autumn", 100, 10, 1), "academic_year"},
      {figures("2024/25", "winter", 100, 10, 1), "term"},
      {R"({"academic_year":"2024/25","term":"autumn","sessions_possible":100,"sessions_missed":10})",
       "missed_for_caring"},
      {R"({"academic_year":"2024/25","term":"autumn","sessions_possible":100,"sessions_missed":10,)"
       R"("missed_for_caring":1,"upn":"A123"})",
       "upn"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.body) {
      auto r = send("POST", path(), c.body, caseworker);
      BOOST_TEST(r.isProblem(422), r.body);
      BOOST_TEST(r.firstErrorField() == c.field, r.body);
    }
  }
  BOOST_TEST(send("GET", path(), "", caseworker).json()->getArray("history")->size() == 0u);
}

// The school at the young carer's URN sees and records them only while they have agreed to share with it:
// nothing recorded is not a yes. To every other school and service the record does not exist.
BOOST_AUTO_TEST_CASE(their_school_records_attendance_only_while_they_agree_to_share_with_it) {
  const auto body = figures("2024/25", "summer", 60, 6, 6);
  BOOST_TEST(send("GET", path(), "", champion).isProblem(404));
  BOOST_TEST(send("POST", path(), body, champion).isProblem(404));
  BOOST_REQUIRE_EQUAL(decideSchool("agreed").status, 201);
  auto r = send("POST", path(), body, champion);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  BOOST_TEST(r.json()->getArray("terms")->getObject(0)->getValue<Id>("recorded_by_organisation_id") ==
             school);
  BOOST_TEST(send("GET", path(), "", champion).status == 200);
  auto listed = send("GET", "/api/v1/school/young-carers", "", champion).json()->getArray("young_carers");
  BOOST_REQUIRE_EQUAL(listed->size(), 1u);
  BOOST_TEST(listed->getObject(0)->getValue<Id>("young_carer_id") == youngCarerId);
  // The school referred her: the census flag the register can vouch for is S; the latest term is shown.
  BOOST_TEST(listed->getObject(0)->getValue<std::string>("census_flag") == "S");
  BOOST_TEST(listed->getObject(0)->getObject("latest_term")->getValue<std::string>("term") == "summer");
  BOOST_TEST(listed->getObject(0)->getObject("latest_term")->getValue<int>("missed_for_caring") == 6);
  BOOST_TEST(send("GET", path(), "", otherChampion).isProblem(404));
  BOOST_TEST(send("GET", path(), "", otherService).isProblem(404));
  BOOST_TEST(send("POST", path(), body, otherService).isProblem(404));
  BOOST_TEST(send("GET", path(), "", adultServices).isProblem(403));
  BOOST_TEST(send("GET", path(), "", commissioner).isProblem(403));
  BOOST_TEST(send("GET", path(), "").isProblem(401));
  BOOST_REQUIRE_EQUAL(decideSchool("withdrawn").status, 201);
  BOOST_TEST(send("GET", path(), "", champion).isProblem(404));
  BOOST_TEST(send("POST", path(), body, champion).isProblem(404));
  // The case staff still see what the school said.
  BOOST_TEST(send("GET", path(), "", caseworker).json()->getArray("terms")->size() == 1u);
}

// One child found to have two records: the absorbed record's attendance follows them, and an undo takes it
// back.
BOOST_AUTO_TEST_CASE(a_merge_carries_the_attendance_and_its_undo_takes_it_back) {
  auto r = send("POST", "/api/v1/referrals",
                R"({"young_person":{"given_name":"Priya","family_name":"Shah","date_of_birth":"2009-07-21",)"
                R"("postcode":"LE2 7GH"},"caring_summary":"Helps her dad",)"
                R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"]}]})",
                caseworker);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  const Id other = send("GET", "/api/v1/referrals/" + r.str("reference"), "", caseworker)
                       .json()
                       ->getValue<Id>("young_carer_id");
  const std::string otherPath = "/api/v1/young-carers/" + std::to_string(other) + "/school-attendance";
  BOOST_REQUIRE_EQUAL(send("POST", otherPath, figures("2024/25", "spring", 110, 8, 4), caseworker).status,
                      201);
  auto merge = send("POST", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/merge",
                    R"({"other_id":)" + std::to_string(other) + R"(,"reason":"Same child"})", caseworker);
  BOOST_REQUIRE_MESSAGE(merge.status == 201, merge.body);
  BOOST_TEST(send("GET", path(), "", caseworker).json()->getArray("terms")->size() == 1u);
  auto undo = send("POST", "/api/v1/merges/" + std::to_string(merge.json()->getValue<Id>("id")) + "/undo",
                   R"({"reason":"Two children after all"})", caseworker);
  BOOST_REQUIRE_MESSAGE(undo.status == 200, undo.body);
  BOOST_TEST(send("GET", path(), "", caseworker).json()->getArray("terms")->size() == 0u);
  BOOST_TEST(send("GET", otherPath, "", caseworker).json()->getArray("terms")->size() == 1u);
}

// The school's CSV: rows match only its young carers who agreed to share, by folded names and date of
// birth; everything else is reported by row, nothing is guessed and no young carer is made.
BOOST_AUTO_TEST_CASE(a_school_imports_its_csv_and_hears_about_every_row_not_recorded) {
  BOOST_REQUIRE_EQUAL(decideSchool("agreed").status, 201);
  // Another child at the school who has not agreed: the file may name her, the import may not.
  auto ada = send("POST", "/api/v1/referrals",
                  R"({"young_person":{"given_name":"Ada","family_name":"Byrne","date_of_birth":"2011-10-10",)"
                  R"("postcode":"LE2 7GH","school_urn":"120345"},"caring_summary":"Helps her brother",)"
                  R"("cared_for":[{"relationship":"sibling","conditions":["learning_disability"]}]})",
                  champion);
  BOOST_REQUIRE_MESSAGE(ada.status == 201, ada.body);
  const std::string header =
      "UPN,Given name,Family name,Date of birth,Term,Academic year,Sessions possible,Sessions missed,"
      "Missed because of caring\n";
  const std::string csv = header +
                          "A1,ZOE,o'brien,03/04/2012,Autumn,2024/25,120,20,12\n"  // 2: recorded
                          "A2,Ada,Byrne,2011-10-10,autumn,2024/25,120,5,0\n"      // 3: not agreed
                          "A3,Zoë,O'Brien,2012-04-04,autumn,2024/25,120,5,0\n"    // 4: another birthday
                          "A4,Zoë,O'Brien,2012-04-03,spring,2024/25,100,10,11\n"  // 5: caring > missed
                          "A5,Zoë,O'Brien,2012-04-03,autumn,2024/25,120,21,12\n"  // 6: same term as row 2
                          "A6,Zoë,O'Brien,2012-04-03,summer,2024/25,ten,1,0\n"    // 7: not a number
                          ",,O'Brien,2012-04-03,summer,2024/25,60,1,0\n";         // 8: no given name
  auto r = send("POST", "/api/v1/school/attendance-imports", csvBody(csv), champion);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  auto report = r.json();
  BOOST_TEST(report->getValue<int>("rows") == 7);
  BOOST_TEST(report->getValue<int>("recorded") == 1);
  auto problems = report->getArray("problems");
  BOOST_REQUIRE_EQUAL(problems->size(), 6u);
  std::vector<int> rows;
  for (std::size_t i = 0; i < problems->size(); ++i)
    rows.push_back(problems->getObject(static_cast<unsigned>(i))->getValue<int>("row"));
  BOOST_TEST(rows == (std::vector<int>{3, 4, 5, 6, 7, 8}), boost::test_tools::per_element());
  BOOST_TEST(contains(problems->getObject(0)->getValue<std::string>("reason"), "matches none"));
  BOOST_TEST(contains(problems->getObject(3)->getValue<std::string>("reason"), "row 2"));
  BOOST_TEST(contains(problems->getObject(4)->getValue<std::string>("reason"), "whole number"));
  auto terms = send("GET", path(), "", caseworker).json()->getArray("terms");
  BOOST_REQUIRE_EQUAL(terms->size(), 1u);
  BOOST_TEST(terms->getObject(0)->getValue<std::string>("source") == "imported");
  BOOST_TEST(terms->getObject(0)->getValue<int>("sessions_missed") == 20);

  // The same file again adds nothing; a changed row corrects the term.
  auto again = send("POST", "/api/v1/school/attendance-imports",
                    csvBody(header + "A1,Zoe,O'Brien,2012-04-03,autumn,2024/25,120,20,12\n"), champion)
                   .json();
  BOOST_TEST(again->getValue<int>("unchanged") == 1);
  BOOST_TEST(again->getValue<int>("recorded") == 0);
  auto changed = send("POST", "/api/v1/school/attendance-imports",
                      csvBody(header + "A1,Zoe,O'Brien,2012-04-03,autumn,2024/25,120,22,12\n"), champion)
                     .json();
  BOOST_TEST(changed->getValue<int>("corrected") == 1);
  BOOST_TEST(send("GET", path(), "", caseworker).json()->getArray("history")->size() == 2u);

  // Another school's staff match no one; a file without the columns is refused; others may not import.
  auto other = send("POST", "/api/v1/school/attendance-imports", csvBody(csv), otherChampion);
  BOOST_TEST(other.json()->getValue<int>("recorded") == 0);
  BOOST_TEST(other.json()->getArray("problems")->size() == 7u);
  auto missing = send("POST", "/api/v1/school/attendance-imports",
                      R"({"csv":"given name,family name\nZoe,X\n"})", champion);
  BOOST_TEST(missing.isProblem(422));
  BOOST_TEST(contains(missing.body, "date of birth"));
  BOOST_TEST(send("POST", "/api/v1/school/attendance-imports", R"({"csv":""})", caseworker).isProblem(403));
  BOOST_TEST(
      send("POST", "/api/v1/school/attendance-imports", R"({"csv":""})", adultServices).isProblem(403));
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

struct AttendancePagesFixture : test_support::SchoolPagesFixture {
  AttendancePagesFixture() : SchoolPagesFixture("school-attendance-pages", "O'Brien") {}
  std::string schoolHref() const {
    return "/school/young-carers/" + std::to_string(receipt.caseRecord.youngCarerId) + "/attendance";
  }
  // She agrees to share with her school, so it sees her.
  void agreeToShareWithSchool() {
    ConsentInput consent;
    consent.partner = "school";
    consent.decision = "agreed";
    consent.givenBy = "young_person";
    consent.method = "in_person";
    consent.decidedOn = "2025-06-01";
    Consents consents(app->store(), app->clock());
    BOOST_REQUIRE(consents.record(who(caseworker), receipt.caseRecord.youngCarerId, consent));
  }
  // The import page posted as a browser uploads a file (multipart/form-data), with nothing pasted.
  services::Response upload(const std::string& file, const std::string& token) {
    const std::string boundary = "----ycrBoundary7MA4YWxkTrZu0gW";
    auto part = [&](const std::string& disposition, const std::string& content) {
      return "--" + boundary + "\r\nContent-Disposition: form-data; " + disposition + "\r\n\r\n" + content +
             "\r\n";
    };
    return send("multipart/form-data; boundary=" + boundary,
                part("name=\"csrf_token\"", token) +
                    part("name=\"csv_file\"; filename=\"summer.csv\"\r\nContent-Type: text/csv", file) +
                    part("name=\"csv\"", "") + "--" + boundary + "--\r\n");
  }
  services::Response send(const std::string& contentType, const std::string& body) {
    return app->web().handle({"POST", "/school/attendance-import",
                              std::string(services::web::kSessionCookie) + "=" + champion, contentType, body,
                              "127.0.0.1"});
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(school_attendance_pages)

BOOST_AUTO_TEST_CASE(case_staff_and_the_school_record_a_term_from_their_pages) {
  AttendancePagesFixture f;
  auto page = f.get(f.caseHref(), f.caseworker);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, "Year 8 (by age)"));
  BOOST_TEST(contains(page.body, "No attendance recorded."));
  BOOST_TEST(contains(page.body, "href=\"" + f.caseHref() + "/school-attendance\""));
  auto form = f.get(f.caseHref() + "/school-attendance", f.caseworker);
  BOOST_REQUIRE_EQUAL(form.status, 200);
  BOOST_TEST(contains(form.body, "Siân O&#39;Brien"));
  BOOST_TEST(contains(form.body, "value=\"2024/25\""));
  auto empty = f.post(f.caseHref() + "/school-attendance", f.caseworker, "academic_year=2024%2F25");
  BOOST_TEST(empty.status == 422);
  BOOST_TEST(contains(empty.body, "Select the term"));
  auto wrong = f.post(
      f.caseHref() + "/school-attendance", f.caseworker,
      "academic_year=2024%2F25&term=autumn&sessions_possible=ten&sessions_missed=3&missed_for_caring=4");
  BOOST_TEST(wrong.status == 422);
  BOOST_TEST(contains(wrong.body, "Sessions possible must be a whole number"));
  auto more = f.post(
      f.caseHref() + "/school-attendance", f.caseworker,
      "academic_year=2024%2F25&term=autumn&sessions_possible=10&sessions_missed=3&missed_for_caring=4");
  BOOST_TEST(more.status == 422);
  BOOST_TEST(contains(more.body, "missed_for_caring cannot be more than sessions_missed"));
  const std::string answers =
      "academic_year=2024%2F25&term=autumn&sessions_possible=120&sessions_missed=15&missed_for_caring=11";
  BOOST_TEST(f.post(f.caseHref() + "/school-attendance", f.caseworker, answers, false).status == 403);
  auto done = f.post(f.caseHref() + "/school-attendance", f.caseworker, answers);
  BOOST_REQUIRE_EQUAL(done.status, 303);
  page = f.get(f.caseHref(), f.caseworker);
  BOOST_TEST(contains(page.body, "Autumn term 2024/25"));

  // The school: nothing until she agrees to share with it; then its list links to the same page.
  BOOST_TEST(f.get(f.schoolHref(), f.champion).status == 404);
  f.agreeToShareWithSchool();
  auto list = f.get("/school/young-carers", f.champion);
  BOOST_TEST(contains(list.body, "href=\"" + f.schoolHref() + "\""));
  // Referred by the service itself, not the school or the family: identified by the young carers service, P.
  BOOST_TEST(contains(list.body, "<strong>P</strong>"));
  BOOST_TEST(contains(list.body, "The young carers service identified them"));
  BOOST_TEST(contains(list.body, "Autumn 2024/25: 11 of 120 sessions missed for caring"));
  auto schoolPage = f.get(f.schoolHref(), f.champion);
  BOOST_REQUIRE_EQUAL(schoolPage.status, 200);
  BOOST_TEST(contains(schoolPage.body, "Autumn term 2024/25"));
  auto corrected = f.post(f.schoolHref(), f.champion,
                          "academic_year=2024%2F25&term=autumn&sessions_possible=120&sessions_missed=16&"
                          "missed_for_caring=12");
  BOOST_REQUIRE_EQUAL(corrected.status, 303);
  schoolPage = f.get(f.schoolHref(), f.champion);
  BOOST_TEST(contains(schoolPage.body, "Every record, oldest first"));
  BOOST_TEST(contains(schoolPage.body, "correcting an earlier record"));
  BOOST_TEST(f.get(f.schoolHref(), f.caseworker).status == 403);

  // The import page reports each row not recorded, escaped.
  BOOST_TEST(contains(list.body, "href=\"/school/attendance-import\""));
  BOOST_TEST(f.get("/school/attendance-import", f.champion).status == 200);
  BOOST_TEST(f.post("/school/attendance-import", f.champion, "csv=").status == 422);
  auto imported =
      f.post("/school/attendance-import", f.champion,
             "csv=" + test_support::urlEncode(
                          "Given name,Family name,Date of birth,Term,Academic year,Sessions possible,"
                          "Sessions missed,Missed because of caring\n"
                          "Si\xC3\xA2n,O'Brien,2012-04-03,spring,2024/25,100,10,2\n"
                          "<i>x</i>,Y,2012-04-03,spring,2024/25,100,10,2\n"));
  BOOST_REQUIRE_EQUAL(imported.status, 200);
  BOOST_TEST(contains(imported.body, "2 rows: 1 recorded, 0 corrected, 0 unchanged, 1 not recorded"));
  BOOST_TEST(contains(imported.body, "matches none"));
  BOOST_TEST(!contains(imported.body, "<i>x</i>"));
}

BOOST_AUTO_TEST_CASE(a_school_uploads_its_csv_file_as_a_browser_sends_it) {
  // Excel's "CSV UTF-8" has a byte order mark and CRLF line ends.
  AttendancePagesFixture f;
  f.agreeToShareWithSchool();
  BOOST_TEST(
      contains(f.get("/school/attendance-import", f.champion).body, "enctype=\"multipart/form-data\""));
  const std::string csrf = f.app->web().csrf().tokenFor(f.champion);
  auto file = f.upload(
      "\xEF\xBB\xBFGiven name,Family name,Date of birth,Term,Academic year,Sessions possible,Sessions missed,"
      "Missed because of caring\r\nSIAN,o'brien,03/04/2012,summer,2024/25,110,9,3\r\n",
      csrf);
  BOOST_REQUIRE_EQUAL(file.status, 200);
  BOOST_TEST(contains(file.body, "1 row: 1 recorded, 0 corrected, 0 unchanged, 0 not recorded"));
  BOOST_TEST(contains(f.get(f.schoolHref(), f.champion).body, "Summer term 2024/25"));
  // Without the form token, refused; a file that is not UTF-8 is named beside the file field; nothing
  // chosen and nothing pasted asks for one; a body that is not multipart as it says is refused.
  BOOST_TEST(f.upload("x", "wrong").status == 403);
  auto latin1 = f.upload("Given name,Family name\r\nSi\xE2n,O'Brien\r\n", csrf);
  BOOST_TEST(latin1.status == 422);
  BOOST_TEST(contains(latin1.body, "href=\"#csv_file\""));
  BOOST_TEST(contains(latin1.body, "not UTF-8"));
  auto nothing = f.upload("", csrf);
  BOOST_TEST(nothing.status == 422);
  BOOST_TEST(contains(nothing.body, "Choose your CSV file, or paste its rows"));
  BOOST_TEST(
      f.send("multipart/form-data; boundary=----ycrBoundary7MA4YWxkTrZu0gW", "no parts at all").status ==
      400);
  BOOST_TEST(f.send("multipart/form-data", "").status == 400);  // no boundary
  BOOST_TEST(f.send("text/plain", "csv=x").status == 415);
}

BOOST_AUTO_TEST_SUITE_END()
