// The administrators' pages through WebSite::handle: only admins see them, every POST needs the
// form token, problems are shown in words beside their fields, names are escaped, a one-time
// password is shown once and works, and deactivating or resetting ends the person's sessions.

#include <boost/test/unit_test.hpp>
#include <regex>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::web;
using namespace ycr::test_support;

namespace {

struct AdminSite : test_support::BrowserPagesFixture {
  Id service = 0, school = 0;

  AdminSite() : BrowserPagesFixture("web-admin", "2024-03-05T10:00:00Z") {
    config.webAssetsDir = YCR_SOURCE_DIR;
    create();
    service = organisation("Young carers service", OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    for (auto [name, role] : std::vector<std::pair<std::string, Role>>{{"admin", Role::admin},
                                                                       {"caseworker", Role::caseworker},
                                                                       {"manager", Role::team_manager},
                                                                       {"commissioner", Role::commissioner},
                                                                       {"auditor", Role::auditor}})
      user(name, role, service);
    user("champion", Role::referrer, school);
  }
  std::vector<Organisation> organisations() {
    auto tx = app->store().begin(false);
    return tx->organisations().list();
  }
};

// The one-time password shown on a confirmation panel.
std::string shownPassword(const std::string& html) {
  std::smatch m;
  static const std::regex re("class=\"ycr-one-time-password\">([0-9A-Z-]+)</strong>");
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

}  // namespace

namespace {
// The first page a one-time password opens: choosing one's own, through the form.
template <class Site>
void replaceOneTimePassword(Site& s, const std::string& cookie, const std::string& oneTime) {
  auto form = s.get("/account/password", cookie);
  BOOST_TEST_REQUIRE(form.status == 200);
  BOOST_TEST(contains(form.body, "Choose your own password"));
  auto changed =
      s.post("/account/password",
             "csrf_token=" + test_support::csrfIn(form.body) + "&current_password=" + urlEncode(oneTime) +
                 "&new_password=" + urlEncode("amber lantern quiet river"),
             cookie);
  BOOST_TEST_REQUIRE(changed.status == 303);
  BOOST_TEST(header(changed, "Location") == "/account?changed=password");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(web_admin)

BOOST_AUTO_TEST_CASE(admins_start_on_the_users_page_and_other_roles_are_refused_every_admin_page) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto users = s.get("/admin/users", admin);
  BOOST_TEST(users.status == 200);
  BOOST_TEST(contains(users.body, "<h1 class=\"govuk-heading-l\">Users</h1>"));
  BOOST_TEST(contains(users.body, "href=\"/admin/organisations\""));  // in the navigation
  BOOST_TEST(s.get("/", admin).status == 303);
  BOOST_TEST(header(s.get("/", admin), "Location") == "/admin/users");

  const std::vector<std::pair<std::string, std::string>> pages = {
      {"GET", "/admin/users"},
      {"GET", "/admin/users/new"},
      {"POST", "/admin/users/new"},
      {"GET", "/admin/organisations"},
      {"GET", "/admin/organisations/new"},
      {"POST", "/admin/organisations/new"},
      {"GET", "/admin/organisations/1/deactivate"},
      {"POST", "/admin/organisations/1/deactivate"},
      {"GET", "/admin/organisations/1/notices-email"},
      {"POST", "/admin/organisations/1/notices-email"},
      {"GET", "/admin/notices"},
      {"GET", "/admin/users/2/deactivate"},
      {"POST", "/admin/users/2/deactivate"},
      {"GET", "/admin/users/2/reset-password"},
      {"POST", "/admin/users/2/reset-password"},
      {"GET", "/admin/users/2/reset-second-factor"},
      {"POST", "/admin/users/2/reset-second-factor"}};
  for (const char* who : {"caseworker", "manager", "commissioner", "auditor", "champion"}) {
    auto cookie = s.signIn(who);
    auto token = s.csrfFor(cookie);
    for (const auto& [method, path] : pages) {
      auto r = method == "GET" ? s.get(path, cookie)
                               : s.post(path, "csrf_token=" + token + "&name=X&kind=other", cookie);
      BOOST_TEST(r.status == 403, method << " " << path << " as " << who);
      BOOST_TEST(contains(r.body, "You cannot see this page"), path);
    }
  }
  for (const auto& [method, path] : pages) {
    auto r = method == "GET" ? s.get(path) : s.post(path, "csrf_token=x");
    BOOST_TEST(r.status == 303, path);
    BOOST_TEST(header(r, "Location") == "/sign-in", path);
  }
  // Nothing changed: no organisation X, caseworker 2 still active.
  BOOST_TEST(s.organisations().size() == 2u);
  BOOST_TEST(s.findUser("caseworker")->active);
}

BOOST_AUTO_TEST_CASE(a_post_without_the_sessions_form_token_is_refused_and_changes_nothing) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto other = s.signIn("admin");
  const Id caseworker = s.findUser("caseworker")->id;
  for (const std::string& token :
       std::vector<std::string>{"", "zz", std::string(64, '0'), s.csrfFor(other)}) {
    auto r1 = s.post("/admin/organisations/new", "csrf_token=" + token + "&name=Mallory+Trust&kind=voluntary",
                     admin);
    BOOST_TEST(r1.status == 403);
    BOOST_TEST(contains(r1.body, "Your form could not be sent"));
    auto r2 =
        s.post("/admin/users/" + std::to_string(caseworker) + "/deactivate", "csrf_token=" + token, admin);
    BOOST_TEST(r2.status == 403);
    auto r3 = s.post("/admin/users/" + std::to_string(caseworker) + "/reset-password", "csrf_token=" + token,
                     admin);
    BOOST_TEST(r3.status == 403);
    BOOST_TEST(shownPassword(r3.body).empty());
  }
  BOOST_TEST(s.organisations().size() == 2u);
  BOOST_TEST(s.findUser("caseworker")->active);
  BOOST_TEST(s.get("/account", s.signIn("caseworker")).status == 200);
}

BOOST_AUTO_TEST_CASE(problems_with_the_answers_are_shown_in_words_in_the_summary_and_beside_each_field) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto token = s.csrfFor(admin);

  auto empty = s.post("/admin/organisations/new", "csrf_token=" + token + "&name=++&kind=", admin);
  BOOST_TEST(empty.status == 422);
  BOOST_TEST(contains(empty.body, "<title>Error: Add an organisation"));
  BOOST_TEST(contains(empty.body, "href=\"#name\">Enter the organisation&#39;s name</a>"));
  BOOST_TEST(contains(empty.body, "href=\"#kind\">Select what kind of organisation it is</a>"));
  BOOST_TEST(contains(empty.body, "id=\"name-error\""));
  BOOST_TEST(contains(empty.body, "id=\"kind-error\""));

  // A school needs its URN: the use case's own message, beside the identifier, answers kept.
  auto school =
      s.post("/admin/organisations/new", "csrf_token=" + token + "&name=Oak+Primary&kind=school", admin);
  BOOST_TEST(school.status == 422);
  BOOST_TEST(contains(school.body, "href=\"#identifier\">Enter the school&#39;s URN</a>"));
  BOOST_TEST(contains(school.body, "id=\"identifier-error\""));
  BOOST_TEST(contains(school.body, "value=\"Oak Primary\""));
  BOOST_TEST(contains(school.body, "value=\"school\" checked"));

  // The same name twice (whatever the case) is refused beside the name.
  auto twice =
      s.post("/admin/organisations/new", "csrf_token=" + token + "&name=hamilton+academy&kind=other", admin);
  BOOST_TEST(twice.status == 422);
  BOOST_TEST(
      contains(twice.body, "href=\"#name\">An organisation called &#39;Hamilton Academy&#39; exists</a>"));

  // A notices email address that is not one is refused beside its field.
  auto email = s.post("/admin/organisations/new",
                      "csrf_token=" + token + "&name=Ash+Trust&kind=voluntary&notices_email=ash", admin);
  BOOST_TEST(email.status == 422);
  BOOST_TEST(
      contains(email.body, "href=\"#notices_email\">Enter an email address like name@example.org</a>"));

  auto user =
      s.post("/admin/users/new", "csrf_token=" + token + "&username=&display_name=&organisation_id=", admin);
  BOOST_TEST(user.status == 422);
  for (const char* message :
       {"href=\"#display_name\">Enter the person&#39;s full name</a>",
        "href=\"#username\">Enter a username</a>", "href=\"#role\">Select their role</a>",
        "href=\"#organisation_id\">Select the organisation they work for</a>"})
    BOOST_TEST(contains(user.body, message), message);
  for (const char* id : {"display_name-error", "username-error", "role-error", "organisation_id-error"})
    BOOST_TEST(contains(user.body, std::string("id=\"") + id + "\""), id);

  auto taken = s.post("/admin/users/new",
                      "csrf_token=" + token +
                          "&username=caseworker&display_name=Sam&role=caseworker&organisation_id=" +
                          std::to_string(s.service),
                      admin);
  BOOST_TEST(taken.status == 422);
  BOOST_TEST(contains(taken.body, "href=\"#username\">That username is taken; choose another</a>"));
  BOOST_TEST(shownPassword(taken.body).empty());
  BOOST_TEST(s.organisations().size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_organisation_name_with_markup_and_an_apostrophe_is_stored_as_typed_and_escaped) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto token = s.csrfFor(admin);
  const std::string name = "<script>alert(1)</script> St Mary's & Friends";
  auto r = s.post("/admin/organisations/new",
                  "csrf_token=" + token + "&name=" + urlEncode(name) + "&kind=voluntary&district=Leicester",
                  admin);
  BOOST_TEST_REQUIRE(r.status == 303);
  BOOST_TEST(header(r, "Location").rfind("/admin/organisations?added=", 0) == 0u);
  auto list = s.get(header(r, "Location"), admin);
  const std::string escaped = "&lt;script&gt;alert(1)&lt;/script&gt; St Mary&#39;s &amp; Friends";
  BOOST_TEST(!contains(list.body, "<script>alert"));
  BOOST_TEST(contains(list.body, escaped + " has been added"));  // the banner
  BOOST_TEST(contains(list.body, "<td class=\"govuk-table__cell\">" + escaped));
  bool stored = false;
  for (const auto& o : s.organisations())
    stored = stored || (o.name == name && o.kind == OrganisationKind::voluntary);
  BOOST_TEST(stored);
  // The user form's organisation list and the confirmation page escape it too.
  auto form = s.get("/admin/users/new", admin);
  BOOST_TEST(contains(form.body, ">" + escaped + "</option>"));
  BOOST_TEST(!contains(form.body, "<script>alert"));
  Id id = 0;
  for (const auto& o : s.organisations())
    if (o.name == name) id = o.id;
  auto confirm = s.get("/admin/organisations/" + std::to_string(id) + "/deactivate", admin);
  BOOST_TEST(contains(confirm.body, "Deactivate " + escaped + "?"));
  BOOST_TEST(!contains(confirm.body, "<script>alert"));
}

BOOST_AUTO_TEST_CASE(a_new_user_is_shown_their_one_time_password_once_and_can_sign_in_with_it) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto token = s.csrfFor(admin);
  auto r = s.post("/admin/users/new",
                  "csrf_token=" + token + "&display_name=" + urlEncode("Niamh O'Connor") +
                      "&username=niamh&role=referrer&organisation_id=" + std::to_string(s.school),
                  admin);
  BOOST_TEST_REQUIRE(r.status == 200);
  BOOST_TEST(header(r, "Cache-Control") == "no-store");
  BOOST_TEST(contains(r.body, "govuk-panel--confirmation"));
  BOOST_TEST(contains(r.body, "Pass the password on securely"));
  BOOST_TEST(contains(r.body, "Niamh O&#39;Connor"));
  auto password = shownPassword(r.body);
  BOOST_TEST_REQUIRE(password.size() == 23u);
  auto created = s.findUser("niamh");
  BOOST_TEST_REQUIRE(created.has_value());
  BOOST_TEST((created->role == Role::referrer));
  BOOST_TEST(created->organisationId == s.school);
  // Never shown again: the users list has the account but not the password.
  auto users = s.get("/admin/users", admin);
  BOOST_TEST(contains(users.body, "niamh"));
  BOOST_TEST(!contains(users.body, password));
  auto cookie = s.signIn("niamh", password);
  // The one-time password leads to choosing one's own; no other page opens until then.
  BOOST_TEST(header(s.get("/account", cookie), "Location") == "/account/password");
  replaceOneTimePassword(s, cookie, password);
  BOOST_TEST(s.get("/account", cookie).status == 200);
  BOOST_TEST(!s.app->auth().signIn("niamh", password, "127.0.0.1"));
}

BOOST_AUTO_TEST_CASE(deactivating_a_user_ends_their_sessions_at_once_and_they_cannot_sign_in) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto caseworker = s.signIn("caseworker");
  BOOST_TEST(s.get("/cases", caseworker).status == 200);
  const Id id = s.findUser("caseworker")->id;
  auto confirm = s.get("/admin/users/" + std::to_string(id) + "/deactivate", admin);
  BOOST_TEST(confirm.status == 200);
  BOOST_TEST(contains(confirm.body, "Deactivate caseworker?"));
  BOOST_TEST(s.findUser("caseworker")->active);  // the confirmation page changes nothing
  auto r =
      s.post("/admin/users/" + std::to_string(id) + "/deactivate", "csrf_token=" + s.csrfFor(admin), admin);
  BOOST_TEST(r.status == 303);
  BOOST_TEST(header(r, "Location") == "/admin/users?deactivated=" + std::to_string(id));
  auto list = s.get(header(r, "Location"), admin);
  BOOST_TEST(contains(list.body, "has been deactivated and signed out everywhere"));
  BOOST_TEST(contains(list.body, "Deactivated</strong>"));
  // Their open session is gone: the next page asks them to sign in.
  auto after = s.get("/cases", caseworker);
  BOOST_TEST(after.status == 303);
  BOOST_TEST(header(after, "Location") == "/sign-in");
  BOOST_TEST(!s.findUser("caseworker")->active);
  BOOST_TEST(!s.app->auth().signIn("caseworker", kPassword, "127.0.0.1"));
  // An administrator cannot deactivate themselves.
  const Id self = s.findUser("admin")->id;
  auto own =
      s.post("/admin/users/" + std::to_string(self) + "/deactivate", "csrf_token=" + s.csrfFor(admin), admin);
  BOOST_TEST(own.status == 409);
  BOOST_TEST(contains(own.body, "You cannot deactivate your own account"));
}

BOOST_AUTO_TEST_CASE(resetting_a_password_shows_the_new_one_once_and_ends_the_old_sessions) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto champion = s.signIn("champion");
  const Id id = s.findUser("champion")->id;
  auto r = s.post("/admin/users/" + std::to_string(id) + "/reset-password", "csrf_token=" + s.csrfFor(admin),
                  admin);
  BOOST_TEST_REQUIRE(r.status == 200);
  auto password = shownPassword(r.body);
  BOOST_TEST_REQUIRE(!password.empty());
  BOOST_TEST(header(s.get("/referrals", champion), "Location") == "/sign-in");
  BOOST_TEST(!s.app->auth().signIn("champion", kPassword, "127.0.0.1"));
  auto again = s.signIn("champion", password);
  BOOST_TEST(header(s.get("/referrals", again), "Location") == "/account/password");
  replaceOneTimePassword(s, again, password);
  BOOST_TEST(s.get("/referrals", again).status == 200);
}

BOOST_AUTO_TEST_CASE(resetting_a_second_factor_is_confirmed_first_and_signs_its_owner_out) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto caseworker = s.signIn("caseworker");
  const Id id = s.findUser("caseworker")->id;
  const std::string base = "/admin/users/" + std::to_string(id) + "/reset-second-factor";
  // No authenticator yet: no link, and the confirmation page says there is nothing to reset.
  BOOST_TEST(!contains(s.get("/admin/users", admin).body, "href=\"" + base + "\""));
  BOOST_TEST(contains(s.get(base, admin).body, "This account has no authenticator app set up."));
  {
    auto tx = s.app->store().begin(true);
    BOOST_REQUIRE(tx->users().setTotpSecret(id, "a sealed secret, as Accounts stores it"));
    BOOST_REQUIRE(tx->commit());
  }
  auto list = s.get("/admin/users", admin);
  BOOST_TEST(contains(list.body, "href=\"" + base + "\">Reset second factor"));
  BOOST_TEST(contains(list.body, "Authenticator app"));
  auto confirm = s.get(base, admin);
  BOOST_TEST(contains(confirm.body, "Reset the second factor of caseworker?"));
  BOOST_TEST(!s.findUser("caseworker")->totpSecret.empty());  // the confirmation page changes nothing

  auto r = s.post(base, "csrf_token=" + s.csrfFor(admin), admin);
  BOOST_TEST_REQUIRE(r.status == 303);
  BOOST_TEST(header(r, "Location") == "/admin/users?second_factor_reset=" + std::to_string(id));
  BOOST_TEST(contains(s.get(header(r, "Location"), admin).body,
                      "authenticator app and recovery codes have been removed"));
  BOOST_TEST(s.findUser("caseworker")->totpSecret.empty());
  BOOST_TEST(header(s.get("/cases", caseworker), "Location") == "/sign-in");
  // Never one's own: another administrator checks who is asking.
  const Id self = s.findUser("admin")->id;
  {
    auto tx = s.app->store().begin(true);
    BOOST_REQUIRE(tx->users().setTotpSecret(self, "a sealed secret, as Accounts stores it"));
    BOOST_REQUIRE(tx->commit());
  }
  auto own = s.post("/admin/users/" + std::to_string(self) + "/reset-second-factor",
                    "csrf_token=" + s.csrfFor(admin), admin);
  BOOST_TEST(own.status == 409);
  BOOST_TEST(contains(own.body, "You cannot reset your own second factor"));
}

BOOST_AUTO_TEST_CASE(deactivating_an_organisation_is_confirmed_first_and_then_tagged) {
  AdminSite s;
  auto admin = s.signIn("admin");
  auto confirm = s.get("/admin/organisations/" + std::to_string(s.school) + "/deactivate", admin);
  BOOST_TEST(confirm.status == 200);
  BOOST_TEST(contains(confirm.body, "Deactivate Hamilton Academy?"));
  auto r = s.post("/admin/organisations/" + std::to_string(s.school) + "/deactivate",
                  "csrf_token=" + s.csrfFor(admin), admin);
  BOOST_TEST(r.status == 303);
  auto list = s.get(header(r, "Location"), admin);
  BOOST_TEST(contains(list.body, "Hamilton Academy has been deactivated"));
  BOOST_TEST(contains(list.body, "Deactivated</strong>"));
  // A deactivated organisation is not offered for new accounts.
  auto form = s.get("/admin/users/new", admin);
  BOOST_TEST(!contains(form.body, ">Hamilton Academy</option>"));
  BOOST_TEST(contains(form.body, ">Young carers service</option>"));
  // Their own organisation cannot be deactivated, and unknown ones are not found.
  auto own = s.post("/admin/organisations/" + std::to_string(s.service) + "/deactivate",
                    "csrf_token=" + s.csrfFor(admin), admin);
  BOOST_TEST(own.status == 409);
  BOOST_TEST(s.get("/admin/organisations/999/deactivate", admin).status == 404);
  BOOST_TEST(s.get("/admin/users/abc/deactivate", admin).status == 404);
}

BOOST_AUTO_TEST_CASE(an_admin_sets_where_a_school_s_notices_go_and_sees_the_outbox) {
  AdminSite s;
  auto admin = s.signIn("admin");
  const std::string path = "/admin/organisations/" + std::to_string(s.school) + "/notices-email";
  auto list = s.get("/admin/organisations", admin);
  BOOST_TEST(contains(list.body, "href=\"" + path + "\""));
  BOOST_TEST(contains(list.body, "Notices email"));
  auto form = s.get(path, admin);
  BOOST_TEST_REQUIRE(form.status == 200);
  BOOST_TEST(contains(form.body, "Notices email address"));
  const auto token = test_support::csrfIn(form.body);
  auto refused = s.post(path, "csrf_token=" + token + "&notices_email=" + urlEncode("<b>office</b>"), admin);
  BOOST_TEST(refused.status == 422);
  BOOST_TEST(contains(refused.body, "govuk-error-summary"));
  BOOST_TEST(contains(refused.body, "&lt;b&gt;office&lt;/b&gt;"));  // kept in the field, escaped
  BOOST_TEST(!contains(refused.body, "<b>office</b>"));
  auto saved = s.post(
      path, "csrf_token=" + token + "&notices_email=" + urlEncode("office@hamilton.example.org"), admin);
  BOOST_TEST_REQUIRE(saved.status == 303);
  auto banner = s.get(header(saved, "Location"), admin);
  BOOST_TEST(contains(banner.body, "Hamilton Academy notices email address has been saved"));
  BOOST_TEST(contains(banner.body, "office@hamilton.example.org"));
  for (const auto& o : s.organisations())
    if (o.id == s.school) BOOST_TEST(o.noticesEmail == "office@hamilton.example.org");
  auto outbox = s.get("/admin/notices", admin);
  BOOST_TEST(outbox.status == 200);
  BOOST_TEST(contains(outbox.body, "No notices have been written yet."));
}

BOOST_AUTO_TEST_SUITE_END()
