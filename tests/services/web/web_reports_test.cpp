// The commissioner's indicator report page: the listed schools without a champion under the champion
// indicator, escaped as every other text the register shows.

#include <boost/test/unit_test.hpp>
#include <fstream>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::test_support;

namespace {

struct ReportSite : test_support::SessionPagesFixture {
  std::string commissioner;

  // With `schoolsCsv`, the area's list of schools (schools_file); without, no list.
  explicit ReportSite(const std::string& schoolsCsv)
      : SessionPagesFixture("web-reports", "2024-04-15T10:00:00Z") {
    if (!schoolsCsv.empty()) {
      const auto path = dir / "schools.csv";
      std::ofstream(path, std::ios::binary) << schoolsCsv;
      config.schoolsFile = path.string();
    }
    create();
    const Id service = organisation("Young carers service", OrganisationKind::carers_centre);
    user("kim", Role::commissioner, service);
    // Hamilton's champion is named; the other schools have none (an account at a school is not one).
    const Id hamilton = organisation("Hamilton Academy", OrganisationKind::school, "100012");
    user("champion", Role::referrer, hamilton);
    {
      auto tx = app->store().begin(true);
      SchoolChampion c;
      c.organisationId = hamilton;
      c.name = "Chris Champion";
      c.since = *parseIsoDate("2020-01-06");
      BOOST_REQUIRE(tx->schoolChampions().add(c));
      BOOST_REQUIRE(tx->commit());
    }
    organisation("St Mary's & St John's C of E Primary", OrganisationKind::school, "100010");
    commissioner = sessionFor("kim");
  }
};

// The Details component on the page, or "" when there is none.
std::string detailsIn(const std::string& html) {
  const auto start = html.find("<details class=\"govuk-details");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</details>", start) + 10 - start);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(web_reports)

BOOST_AUTO_TEST_CASE(the_indicator_report_lists_the_schools_without_a_champion_by_name_escaped) {
  ReportSite s(
      "urn,name\n100012,Hamilton Academy\n100010,St Mary's & St John's C of E Primary\n"
      "100011,Abbey Fields <Infants>\n");
  auto page = s.get("/reports/indicators", s.commissioner);
  BOOST_TEST_REQUIRE(page.status == 200);
  const std::string details = detailsIn(page.body);
  BOOST_TEST_REQUIRE(!details.empty());
  BOOST_TEST(contains(details, "The 2 listed schools without a champion</span></summary>"));
  const auto abbey = details.find(
      "<li>Abbey Fields &lt;Infants&gt; <span class=\"govuk-hint govuk-body-s\">"
      "(URN 100011)</span></li>");
  const auto stMarys = details.find(
      "<li>St Mary&#39;s &amp; St John&#39;s C of E Primary "
      "<span class=\"govuk-hint govuk-body-s\">(URN 100010)</span></li>");
  BOOST_TEST(abbey != std::string::npos);
  BOOST_TEST(stMarys != std::string::npos);
  BOOST_TEST(abbey < stMarys);  // by name, not in the file's order
  // The school with a champion is not among them, and nothing is shown unescaped.
  BOOST_TEST(!contains(details, "Hamilton"));
  BOOST_TEST(!contains(page.body, "St Mary's"));
  BOOST_TEST(!contains(page.body, "<Infants>"));
  // Under the champion indicator's own row: after its title, before the row ends.
  const auto title = page.body.find("<strong>Schools with an active young carer champion</strong>");
  BOOST_TEST_REQUIRE(title != std::string::npos);
  const auto at = page.body.find("<details class=\"govuk-details");
  BOOST_TEST(at > title);
  BOOST_TEST(page.body.find("</tr>", title) > at);
}

BOOST_AUTO_TEST_CASE(without_a_list_of_schools_the_report_names_no_school) {
  ReportSite s("");
  auto page = s.get("/reports/indicators", s.commissioner);
  BOOST_TEST_REQUIRE(page.status == 200);
  BOOST_TEST(detailsIn(page.body).empty());
  BOOST_TEST(!contains(page.body, "St Mary"));
}

BOOST_AUTO_TEST_SUITE_END()
