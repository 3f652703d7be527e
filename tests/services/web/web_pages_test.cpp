// The web front end through WebSite::handle and over HTTP: sign-in cookie, CSRF refusal, CSP and
// other headers, every page's access (signed out -> sign in; wrong role -> 403), escaping of
// what people typed, and the API refusing the browser's cookie.

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>
#include <regex>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::web;
using namespace ycr::test_support;

namespace {

struct Site : test_support::BrowserPagesFixture {
  Id service = 0, school = 0;

  Site() : BrowserPagesFixture("web", "2023-12-22T10:00:00Z") {
    config.webAssetsDir = YCR_SOURCE_DIR;
    create();
    service = organisation("Young carers service", OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    for (auto [name, role] : std::vector<std::pair<std::string, Role>>{{"admin", Role::admin},
                                                                       {"caseworker", Role::caseworker},
                                                                       {"manager", Role::team_manager},
                                                                       {"commissioner", Role::commissioner},
                                                                       {"auditor", Role::auditor}})
      user(name, role, service);
    user("champion", Role::referrer, school);
  }

  // A signed-in session of each role, by role (the cookie to send).
  std::map<Role, std::string> signInEveryRole() {
    std::map<Role, std::string> cookies;
    for (auto [name, role] : std::vector<std::pair<std::string, Role>>{{"admin", Role::admin},
                                                                       {"caseworker", Role::caseworker},
                                                                       {"manager", Role::team_manager},
                                                                       {"commissioner", Role::commissioner},
                                                                       {"auditor", Role::auditor},
                                                                       {"champion", Role::referrer}})
      cookies[role] = signIn(name);
    return cookies;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(web_pages)

BOOST_AUTO_TEST_CASE(signing_in_sets_a_strict_http_only_secure_cookie_and_goes_to_the_roles_start_page) {
  Site s;
  auto page = s.get("/sign-in");
  BOOST_TEST(page.status == 200);
  auto nonce = header(page, "Set-Cookie");
  BOOST_TEST(nonce.find("ycr_sign_in=") == 0u);
  auto r = s.post("/sign-in",
                  "csrf_token=" + csrfIn(page.body) + "&username=champion&password=" + urlEncode(kPassword),
                  nonce.substr(0, nonce.find(';')));
  BOOST_TEST(r.status == 303);
  BOOST_TEST(header(r, "Location") == "/referrals");
  auto cookie = headers(r, "Set-Cookie").front();
  BOOST_TEST(cookie.find("ycr_session=") == 0u);
  for (const char* attribute : {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Secure"})
    BOOST_TEST(cookie.find(attribute) != std::string::npos, attribute);
}

BOOST_AUTO_TEST_CASE(a_wrong_password_is_shown_in_the_error_summary_and_beside_the_field) {
  Site s;
  auto page = s.get("/sign-in");
  auto nonce = header(page, "Set-Cookie");
  auto r = s.post("/sign-in",
                  "csrf_token=" + csrfIn(page.body) + "&username=champion&password=wrong-password-here",
                  nonce.substr(0, nonce.find(';')));
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.body.find("<title>Error: Sign in") != std::string::npos);
  BOOST_TEST(r.body.find("href=\"#username\">Enter a correct username and password</a>") !=
             std::string::npos);
  BOOST_TEST(r.body.find("id=\"username-error\"") != std::string::npos);
  BOOST_TEST(headers(r, "Set-Cookie").size() == 1u);  // a fresh sign-in nonce, no session
}

BOOST_AUTO_TEST_CASE(sign_in_without_its_own_token_or_cookie_is_refused) {
  Site s;
  auto page = s.get("/sign-in");
  auto r = s.post("/sign-in",
                  "csrf_token=" + csrfIn(page.body) + "&username=champion&password=" + urlEncode(kPassword));
  BOOST_TEST(r.status == 403);
  BOOST_TEST(header(r, "Set-Cookie").empty());
}

BOOST_AUTO_TEST_CASE(every_page_has_the_content_security_policy_and_no_inline_script_or_style) {
  Site s;
  auto cookie = s.signIn("manager");
  for (const char* path : {"/sign-in", "/referrals", "/referrals/new", "/referrals/new/young-person",
                           "/reports/indicators", "/reports/counts", "/account", "/nowhere"}) {
    auto r = s.get(path, std::string(path) == "/sign-in" ? "" : cookie);
    BOOST_TEST(header(r, "Content-Security-Policy") == kContentSecurityPolicy, path);
    BOOST_TEST(header(r, "X-Content-Type-Options") == "nosniff", path);
    BOOST_TEST(header(r, "Referrer-Policy") == "no-referrer", path);
    BOOST_TEST(header(r, "Cache-Control") == "no-store", path);
    BOOST_TEST(header(r, "X-Frame-Options") == "DENY", path);
    BOOST_TEST(!std::regex_search(r.body, std::regex("<script>|<script [^>]*>[^<]")), path);
    BOOST_TEST(r.body.find("style=") == std::string::npos, path);
    BOOST_TEST(r.body.find("<style") == std::string::npos, path);
  }
}

BOOST_AUTO_TEST_CASE(a_post_without_the_right_form_token_is_refused_and_changes_nothing) {
  Site s;
  auto cookie = s.signIn("champion");
  auto ok = s.post("/referrals/new/young-person", "csrf_token=" + s.csrfFor(cookie) + "&given_name=Zo%C3%AB",
                   cookie);
  BOOST_TEST(ok.status == 422);  // accepted, with errors for the missing answers
  for (const std::string& token : std::vector<std::string>{"", "00", std::string(64, 'a')}) {
    auto r = s.post("/referrals/new/young-person", "csrf_token=" + token + "&given_name=Mallory", cookie);
    BOOST_TEST(r.status == 403);
    BOOST_TEST(r.body.find("Your form could not be sent") != std::string::npos);
  }
  // Another session's token does not work either.
  auto other = s.signIn("champion");
  BOOST_TEST(s.post("/sign-out", "csrf_token=" + s.csrfFor(other), cookie).status == 403);
  BOOST_TEST(s.get("/account", cookie).status == 200);  // still signed in
  // The draft kept only the accepted answer.
  auto page = s.get("/referrals/new/young-person", cookie);
  BOOST_TEST(page.body.find("value=\"Zoë\"") != std::string::npos);
  BOOST_TEST(page.body.find("Mallory") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(signing_out_ends_the_session_and_clears_the_cookie) {
  Site s;
  auto cookie = s.signIn("caseworker");
  auto r = s.post("/sign-out", "csrf_token=" + s.csrfFor(cookie), cookie);
  BOOST_TEST(r.status == 303);
  BOOST_TEST(header(r, "Location") == "/signed-out");
  BOOST_TEST(header(r, "Set-Cookie").find("Max-Age=0") != std::string::npos);
  auto after = s.get("/account", cookie);
  BOOST_TEST(after.status == 303);
  BOOST_TEST(header(after, "Location") == "/sign-in");
}

BOOST_AUTO_TEST_CASE(every_page_sends_signed_out_people_to_sign_in_and_refuses_other_roles) {
  Site s;
  const auto cookies = s.signInEveryRole();
  int checked = 0;
  for (const auto& route : s.app->web().routes()) {
    if (route.access.isPublic) continue;
    std::string path = std::regex_replace(route.pattern, std::regex("\\{[a-z_]+\\}"), "1");
    auto signedOut = route.method == "GET" ? s.get(path) : s.post(path, "csrf_token=x");
    BOOST_TEST(signedOut.status == 303, route.name);
    BOOST_TEST(header(signedOut, "Location") == "/sign-in", route.name);
    for (const auto& [role, cookie] : cookies) {
      if (route.access.allows(role)) continue;
      auto r = route.method == "GET" ? s.get(path, cookie)
                                     : s.post(path, "csrf_token=" + s.csrfFor(cookie), cookie);
      BOOST_TEST(r.status == 403, route.name << " as " << toString(role));
      BOOST_TEST(r.body.find("You cannot see this page") != std::string::npos, route.name);
      ++checked;
    }
  }
  BOOST_TEST(checked > 20);
}

// An address whose record number is no number, or one too large for any record, is the not-found page
// on every page that names a record, for whoever may open the page (WebSite::withId).
BOOST_AUTO_TEST_CASE(every_page_naming_a_record_answers_a_malformed_number_as_not_found) {
  Site s;
  const auto cookies = s.signInEveryRole();
  int checked = 0;
  for (const auto& route : s.app->web().routes()) {
    if (route.access.isPublic || route.pattern.find("{id}") == std::string::npos) continue;
    auto allowed = std::find_if(cookies.begin(), cookies.end(),
                                [&](const auto& c) { return route.access.allows(c.first); });
    if (allowed == cookies.end()) continue;
    const std::string& cookie = allowed->second;
    for (const std::string bad : {"abc", "1x", "99999999999999999999999"}) {
      std::string path = std::regex_replace(route.pattern, std::regex("\\{id\\}"), bad);
      path = std::regex_replace(path, std::regex("\\{[a-z_]+\\}"), "1");
      auto r = route.method == "GET" ? s.get(path, cookie)
                                     : s.post(path, "csrf_token=" + s.csrfFor(cookie), cookie);
      BOOST_TEST(r.status == 404,
                 route.name << " with " << bad << ": " << r.status << " " << header(r, "Location"));
      ++checked;
    }
  }
  BOOST_TEST(checked > 60);
}

BOOST_AUTO_TEST_CASE(what_people_typed_is_escaped_on_every_page_it_appears) {
  Site s;
  auto cookie = s.signIn("champion");
  auto token = s.csrfFor(cookie);
  auto r1 = s.post("/referrals/new/young-person",
                   "csrf_token=" + token + "&given_name=" + urlEncode("Zoë") +
                       "&family_name=" + urlEncode("O'Brien-Smith") +
                       "&date-of-birth-day=3&date-of-birth-month=4&date-of-birth-year=2012"
                       "&postcode=LE2+7GH",
                   cookie);
  BOOST_TEST_REQUIRE(r1.status == 303);
  auto r2 =
      s.post("/referrals/new/caring",
             "csrf_token=" + token + "&caring_summary=" + urlEncode("<script>alert(1)</script> & meds") +
                 "&relationship=parent&conditions=mental_ill_health",
             cookie);
  BOOST_TEST_REQUIRE(r2.status == 303);
  auto r3 = s.post("/referrals/new/consent",
                   "csrf_token=" + token + "&young_person_aware=yes&parent_aware=yes&safeguarding_concern=no",
                   cookie);
  BOOST_TEST_REQUIRE(r3.status == 303);
  BOOST_TEST(header(r3, "Location") == "/referrals/new/check");
  auto check = s.get("/referrals/new/check", cookie);
  BOOST_TEST(check.body.find("<script>alert") == std::string::npos);
  BOOST_TEST(check.body.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; meds") != std::string::npos);
  BOOST_TEST(check.body.find("Zoë O&#39;Brien-Smith") != std::string::npos);
  auto sent = s.post("/referrals/new/check", "csrf_token=" + token, cookie);
  BOOST_TEST(sent.status == 303);
  auto confirmation = s.get(header(sent, "Location"), cookie);
  BOOST_TEST(confirmation.body.find("govuk-panel--confirmation") != std::string::npos);
  // The referral is stored verbatim: the register has it as typed.
  auto list = s.app->reg().referrals(*s.app->auth().authenticate(cookie.substr(cookie.find('=') + 1)), 10, 0);
  BOOST_REQUIRE(list);
  BOOST_REQUIRE_EQUAL(list->items.size(), 1u);
  BOOST_TEST(list->items[0].referral.caringSummary == "<script>alert(1)</script> & meds");
  BOOST_TEST(confirmation.body.find(list->items[0].referral.reference) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(assets_are_served_with_types_and_caching_and_traversal_is_refused) {
  Site s;
  auto css = s.get("/assets/ycr/ycr.css");
  BOOST_TEST(css.status == 200);
  BOOST_TEST(css.contentType == "text/css");
  BOOST_TEST(header(css, "Cache-Control") == "public, max-age=3600");
  BOOST_TEST(header(css, "X-Content-Type-Options") == "nosniff");
  for (const char* bad : {"/assets/ycr/../../CMakeLists.txt", "/assets/ycr/%2e%2e/%2e%2e/CMakeLists.txt",
                          "/assets/..%2f..%2fCMakeLists.txt"})
    BOOST_TEST(s.get(bad).status == 404, bad);
  BOOST_TEST(s.post("/assets/ycr/ycr.css", "").status == 405);
}

BOOST_AUTO_TEST_CASE(over_http_the_api_keeps_bearer_tokens_only_and_pages_share_the_origin) {
  Site s;
  BOOST_REQUIRE(s.app->start());
  auto cookie = s.signIn("caseworker");
  auto fetch = [&](const std::string& path, const std::string& cookieHeader) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(s.app->port()));
    Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!cookieHeader.empty()) req.set("Cookie", cookieHeader);
    session.sendRequest(req);
    Poco::Net::HTTPResponse res;
    auto& in = session.receiveResponse(res);
    std::string body;
    Poco::StreamCopier::copyToString(in, body);
    return std::make_pair(static_cast<int>(res.getStatus()), res.getContentType());
  };
  // The cookie opens pages but not the JSON API (which would otherwise be open to CSRF).
  BOOST_TEST(fetch("/api/v1/cases", cookie).first == 401);
  BOOST_TEST(fetch("/account", cookie).first == 200);
  BOOST_TEST(fetch("/account", cookie).second == "text/html; charset=utf-8");
  BOOST_TEST(fetch("/api/v1/nowhere", "").second.rfind("application/problem+json", 0) == 0u);
  BOOST_TEST(fetch("/healthz", "").first == 200);
  BOOST_TEST(fetch("/nowhere", "").second == "text/html; charset=utf-8");
}

BOOST_AUTO_TEST_SUITE_END()
