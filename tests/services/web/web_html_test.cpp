// The web toolkit's pure parts: escaping, forms, dates, CSRF tokens, cookies and asset paths.

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "ycr/services/web.h"

using namespace ycr;
using namespace ycr::services::web;

BOOST_AUTO_TEST_SUITE(web_html)

BOOST_AUTO_TEST_CASE(escaping_covers_markup_and_quotes) {
  BOOST_TEST(escape("O'Brien-Smith") == "O&#39;Brien-Smith");
  BOOST_TEST(escape("Zoë") == "Zoë");
  BOOST_TEST(escape("<script>alert(\"x\")</script>&") ==
             "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;");
}

BOOST_AUTO_TEST_CASE(components_escape_what_they_are_given) {
  PageErrors errors;
  errors.add("given_name", "Enter a <name>");
  auto input = textInput({.id = "given_name", .label = "First \"name\"", .value = "<script>"}, errors);
  BOOST_TEST(input.find("<script>") == std::string::npos);
  BOOST_TEST(input.find("value=\"&lt;script&gt;\"") != std::string::npos);
  BOOST_TEST(input.find("First &quot;name&quot;") != std::string::npos);
  BOOST_TEST(input.find("govuk-input--error") != std::string::npos);
  BOOST_TEST(input.find("aria-describedby=\"given_name-error\"") != std::string::npos);
  auto summary = errorSummary(errors);
  BOOST_TEST(summary.find("<a href=\"#given_name\">Enter a &lt;name&gt;</a>") != std::string::npos);
  BOOST_TEST(errorSummary(PageErrors{}).empty());
}

BOOST_AUTO_TEST_CASE(forms_decode_and_keep_repeated_names) {
  auto f = Form::parse("a=1&name=O%27Brien+Smith&c=x&c=y&bad=%zz&empty=");
  BOOST_TEST(f.get("name") == "O'Brien Smith");
  BOOST_TEST(f.all("c").size() == 2u);
  BOOST_TEST(f.has("empty"));
  BOOST_TEST(f.get("missing") == "");
  f.setAll("c", {"z"});
  BOOST_TEST(f.all("c") == std::vector<std::string>{"z"});
}

BOOST_AUTO_TEST_CASE(date_inputs_are_read_with_the_design_systems_wording) {
  auto read = [](const std::string& d, const std::string& m, const std::string& y, std::string& message) {
    Form f;
    f.set("dob-day", d);
    f.set("dob-month", m);
    f.set("dob-year", y);
    PageErrors errors;
    auto v = readDateInput(f, "dob", "Date of birth", errors);
    message = errors.empty() ? "" : errors.all().front().message;
    return v;
  };
  std::string message;
  BOOST_TEST(read("3", "4", "2012", message).value_or("") == "2012-04-03");
  BOOST_TEST(!read("", "", "", message));
  BOOST_TEST(message == "Enter the date of birth");
  BOOST_TEST(!read("3", "", "2012", message));
  BOOST_TEST(message == "Date of birth must include a month");
  BOOST_TEST(!read("31", "2", "2012", message));
  BOOST_TEST(message == "Date of birth must be a real date");
  BOOST_TEST(!read("3", "4", "12", message));
  BOOST_TEST(message == "Year must include 4 numbers");
}

BOOST_AUTO_TEST_CASE(csrf_tokens_are_bound_to_the_session_and_the_key) {
  CsrfTokens a(std::string(32, 'a')), b(std::string(32, 'b'));
  auto token = a.tokenFor("session-1");
  BOOST_TEST(a.verify("session-1", token));
  BOOST_TEST(!a.verify("session-2", token));
  BOOST_TEST(!b.verify("session-1", token));
  BOOST_TEST(!a.verify("session-1", ""));
  BOOST_TEST(!a.verify("", a.tokenFor("")));
}

BOOST_AUTO_TEST_CASE(the_form_key_is_created_once_and_kept) {
  auto dir = std::filesystem::temp_directory_path() / ("ycr-csrf-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto first = CsrfTokens::loadOrCreate(dir.string());
  BOOST_REQUIRE(first);
  auto second = CsrfTokens::loadOrCreate(dir.string());
  BOOST_REQUIRE(second);
  BOOST_TEST(second->verify("s", first->tokenFor("s")));
  auto perms = std::filesystem::status(dir / "csrf.key").permissions();
  BOOST_TEST(((perms & std::filesystem::perms::group_all) == std::filesystem::perms::none));
  BOOST_TEST(((perms & std::filesystem::perms::others_all) == std::filesystem::perms::none));
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(session_cookies_are_http_only_same_site_strict_and_secure_by_default) {
  auto secure = sessionCookie("tok", CookieSettings{});
  BOOST_TEST(secure == "ycr_session=tok; Path=/; HttpOnly; SameSite=Strict; Secure");
  BOOST_TEST(sessionCookie("tok", CookieSettings{false}).find("Secure") == std::string::npos);
  BOOST_TEST(expiredSessionCookie(CookieSettings{}).find("Max-Age=0") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(assets_resolve_inside_their_folders_only) {
  const std::string root = YCR_SOURCE_DIR;
  BOOST_TEST(assetFile(root, "/assets/ycr/ycr.css").has_value());
  BOOST_TEST(contentTypeFor(*assetFile(root, "/assets/ycr/ycr.css")) == "text/css");
  BOOST_TEST(contentTypeFor("x.mjs") == "text/javascript");
  BOOST_TEST(contentTypeFor("x.woff2") == "font/woff2");
  for (const char* bad :
       {"/assets/ycr/../../CMakeLists.txt", "/assets/../CMakeLists.txt", "/assets/ycr/.hidden",
        "/assets/ycr/..", "/assets/ycr//ycr.css", "/assets/ycr/ycr.css\\", "/assets/", "/CMakeLists.txt",
        "/assets/ycr/missing.css", "/assets/fonts/../../../../../etc/passwd"})
    BOOST_TEST(!assetFile(root, bad).has_value(), bad);
}

BOOST_AUTO_TEST_SUITE_END()
