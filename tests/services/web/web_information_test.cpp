// The accessibility statement and privacy notice (web_pages_information.cpp), linked from every
// page's footer, and the young carer search posted so that names stay out of addresses.

#include <boost/test/unit_test.hpp>
#include <fstream>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::web;
using namespace ycr::test_support;

namespace {

struct InformationSite : BrowserPagesFixture {
  Id service = 0;
  explicit InformationSite(const std::function<void(Config&)>& adjust = {})
      : BrowserPagesFixture("web-info", "2024-03-04T10:00:00Z") {
    config.webAssetsDir = YCR_SOURCE_DIR;
    config.issuerName = "Leicester Carers Centre";
    config.issuerPhone = "0116 000 0000";
    if (adjust) adjust(config);
    create();
    service = organisation("Young carers service", OrganisationKind::carers_centre);
    user("caseworker", Role::caseworker, service);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(web_information)

BOOST_AUTO_TEST_CASE(both_pages_are_public_filled_from_the_settings_and_linked_from_every_footer) {
  InformationSite s;
  auto accessibility = s.get("/accessibility");
  BOOST_TEST(accessibility.status == 200);
  BOOST_TEST(contains(accessibility.body, "<h1 class=\"govuk-heading-l\">Accessibility statement</h1>"));
  BOOST_TEST(contains(accessibility.body, "Leicester Carers Centre"));
  BOOST_TEST(contains(accessibility.body, "0116 000 0000"));
  auto privacy = s.get("/privacy");
  BOOST_TEST(privacy.status == 200);
  BOOST_TEST(contains(privacy.body, "Privacy notice"));
  BOOST_TEST(contains(privacy.body, "ycr_session"));
  // Signed out (the sign-in page) and signed in (a caseworker's page), the footer links to both.
  auto cookie = s.signIn("caseworker");
  for (const auto& page : {s.get("/sign-in"), s.get("/young-carers", cookie), accessibility}) {
    BOOST_TEST(contains(page.body, "href=\"/accessibility\""));
    BOOST_TEST(contains(page.body, "href=\"/privacy\""));
  }
}

BOOST_AUTO_TEST_CASE(the_organisations_own_text_comes_from_a_file_and_cannot_add_markup) {
  auto file = std::filesystem::temp_directory_path() / "ycr-privacy-notice-test.txt";
  {
    std::ofstream out(file);
    out << "Our own notice <script>x</script>.\n\n## Contact\n\n- Write to us\n- Phone us\n";
  }
  InformationSite s([&](Config& c) { c.privacyNoticeFile = file.string(); });
  auto privacy = s.get("/privacy");
  BOOST_TEST(privacy.status == 200);
  BOOST_TEST(
      contains(privacy.body, "<p class=\"govuk-body\">Our own notice &lt;script&gt;x&lt;/script&gt;.</p>"));
  BOOST_TEST(contains(privacy.body, "<h2 class=\"govuk-heading-m\">Contact</h2>"));
  BOOST_TEST(contains(privacy.body, "<li>Phone us</li>"));
  BOOST_TEST(!contains(privacy.body, "data controller"));  // not the default text
  std::filesystem::remove(file);
}

BOOST_AUTO_TEST_CASE(a_missing_file_stops_the_service_at_start) {
  ServiceFixture s("web-info-missing", "2024-03-04T10:00:00Z");
  s.config.accessibilityStatementFile = "/nonexistent/accessibility.txt";
  auto app = App::create(s.config, s.clock, s.ids);
  BOOST_TEST(!app);
  if (!app) BOOST_TEST(contains(app.error().detail, "accessibility_statement_file"));
}

BOOST_AUTO_TEST_CASE(the_search_form_is_posted_so_names_stay_out_of_the_address) {
  InformationSite s;
  auto cookie = s.signIn("caseworker");
  auto who = *s.app->auth().authenticate(cookie.substr(cookie.find('=') + 1));
  YoungPersonInput input;
  input.givenName = "Zoë";
  input.familyName = "O'Brien";
  input.dateOfBirth = "2012-04-03";
  input.postcode = "LE2 7GH";
  BOOST_REQUIRE(s.app->reg().registerYoungCarer(who, input));
  auto form = s.get("/young-carers", cookie);
  BOOST_TEST(form.status == 200);
  BOOST_TEST(contains(form.body, "<form method=\"post\" action=\"/young-carers\""));
  auto found = s.post("/young-carers", "csrf_token=" + s.csrfFor(cookie) + "&q=zoe", cookie);
  BOOST_TEST(found.status == 200);
  BOOST_TEST(contains(found.body, "O&#39;Brien"));
  BOOST_TEST(contains(found.body, "1 match"));
  // Without the form token the search is refused, like every other form.
  BOOST_TEST(s.post("/young-carers", "csrf_token=x&q=zoe", cookie).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
