// The security pages (web_pages_security.cpp) as a browser uses them: enrolling an authenticator
// app at the first sign-in (QR code, key, recovery codes), the code after every later password, a
// recovery code instead, changing one's password, and seeing and ending one's sessions.

#include <boost/test/unit_test.hpp>
#include <regex>

#include "service_fixture.h"
#include "ycr/services/totp.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::web;
using namespace ycr::test_support;

namespace {

struct SecuritySite : BrowserPagesFixture {
  explicit SecuritySite(bool requireSecondFactor)
      : BrowserPagesFixture("web-security", "2024-03-05T10:00:00Z") {
    config.webAssetsDir = YCR_SOURCE_DIR;
    config.requireSecondFactor = requireSecondFactor;
    create();
    auto service = organisation("Young carers service", OrganisationKind::carers_centre);
    user("caseworker", Role::caseworker, service);
  }
  std::string code(const std::string& secret) {
    return totp::code(*totp::fromBase32(secret), totp::stepAt(clock.now()));
  }
};

std::string match(const std::string& html, const std::string& pattern) {
  std::smatch m;
  return std::regex_search(html, m, std::regex(pattern)) ? m[1].str() : "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(web_security_test)

BOOST_AUTO_TEST_CASE(the_first_sign_in_enrols_an_app_and_later_ones_ask_for_its_code) {
  SecuritySite s(true);
  auto cookie = s.signIn("caseworker");
  // Every page leads to enrolment until it is done.
  BOOST_TEST(header(s.get("/cases", cookie), "Location") == "/account/two-factor");
  auto enrol = s.get("/account/two-factor", cookie);
  BOOST_TEST_REQUIRE(enrol.status == 200);
  BOOST_TEST(contains(enrol.body, "<svg"));
  auto secret = match(enrol.body, "id=\"totp-secret\">([A-Z2-7]+)<");
  BOOST_TEST_REQUIRE(secret.size() == 32u);
  auto token = csrfIn(enrol.body);
  auto wrong =
      s.post("/account/two-factor", "csrf_token=" + token + "&secret=" + secret + "&code=123", cookie);
  BOOST_TEST(wrong.status == 422);
  BOOST_TEST(contains(wrong.body, secret));  // the same key again, so the app need not be set up twice
  auto done = s.post("/account/two-factor",
                     "csrf_token=" + token + "&secret=" + secret + "&code=" + s.code(secret), cookie);
  BOOST_TEST_REQUIRE(done.status == 200);
  BOOST_TEST(header(done, "Cache-Control") == "no-store");
  auto recovery = match(done.body, "<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>");
  BOOST_TEST_REQUIRE(!recovery.empty());
  BOOST_TEST(s.get("/cases", cookie).status == 200);

  // The next sign-in: the code page first.
  s.clock.advance(std::chrono::seconds(30));
  auto next = s.signIn("caseworker");
  BOOST_TEST(header(s.get("/cases", next), "Location") == "/sign-in/two-factor");
  auto form = s.get("/sign-in/two-factor", next);
  BOOST_TEST_REQUIRE(form.status == 200);
  BOOST_TEST(s.post("/sign-in/two-factor", "csrf_token=" + csrfIn(form.body) + "&code=000", next).status ==
             422);
  auto in =
      s.post("/sign-in/two-factor", "csrf_token=" + csrfIn(form.body) + "&code=" + s.code(secret), next);
  BOOST_TEST(in.status == 303);
  BOOST_TEST(header(in, "Location") == homeFor(Role::caseworker));
  BOOST_TEST(s.get("/cases", next).status == 200);

  // Or a recovery code.
  auto third = s.signIn("caseworker");
  auto form3 = s.get("/sign-in/two-factor", third);
  BOOST_TEST(
      s.post("/sign-in/two-factor", "csrf_token=" + csrfIn(form3.body) + "&code=" + recovery, third).status ==
      303);
  BOOST_TEST(s.get("/cases", third).status == 200);
}

BOOST_AUTO_TEST_CASE(a_person_changes_their_password_and_ends_their_other_sessions) {
  SecuritySite s(false);
  auto here = s.signIn("caseworker");
  auto elsewhere = s.signIn("caseworker");
  auto sessions = s.get("/account/sessions", here);
  BOOST_TEST_REQUIRE(sessions.status == 200);
  BOOST_TEST(contains(sessions.body, "This session"));
  auto end = match(sessions.body, "action=\"(/account/sessions/[0-9]+/end)\"");
  BOOST_TEST_REQUIRE(!end.empty());
  BOOST_TEST(s.post(end, "csrf_token=" + s.csrfFor(here), here).status == 303);
  BOOST_TEST(header(s.get("/cases", elsewhere), "Location") == "/sign-in");
  BOOST_TEST(s.get("/cases", here).status == 200);

  auto form = s.get("/account/password", here);
  BOOST_TEST_REQUIRE(form.status == 200);
  auto wrong = s.post("/account/password",
                      "csrf_token=" + csrfIn(form.body) +
                          "&current_password=nope&new_password=" + urlEncode("amber lantern quiet river"),
                      here);
  BOOST_TEST(wrong.status == 422);
  BOOST_TEST(contains(wrong.body, "Your current password is not right"));
  auto changed = s.post("/account/password",
                        "csrf_token=" + csrfIn(form.body) + "&current_password=" + urlEncode(kPassword) +
                            "&new_password=" + urlEncode("amber lantern quiet river"),
                        here);
  BOOST_TEST(changed.status == 303);
  BOOST_TEST(contains(s.get("/account?changed=password", here).body, "Your password has been changed"));
  BOOST_TEST(!s.app->auth().signIn("caseworker", kPassword, "127.0.0.1"));
  BOOST_TEST(static_cast<bool>(s.app->auth().signIn("caseworker", "amber lantern quiet river", "127.0.0.1")));
}

BOOST_AUTO_TEST_SUITE_END()
