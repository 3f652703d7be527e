// A person's own account through the API (accounts.cpp, api_account.cpp): changing one's password,
// seeing and ending one's sessions, and the TOTP second factor from enrolment (QR secret, recovery
// codes) to every later sign-in, with codes computed from the secret as an authenticator app would.

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"
#include "ycr/services/totp.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::kPassword;

namespace {

struct AccountServer : test_support::ServiceFixture {
  explicit AccountServer(bool requireSecondFactor = false)
      : ServiceFixture("accounts", "2024-03-04T10:00:00Z") {
    config.requireSecondFactor = requireSecondFactor;
    start();
    service = organisation("Young carers service", OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school, "120345");
    user("cw.one", Role::caseworker, service);
    user("cw.two", Role::caseworker, service);
    user("champion", Role::referrer, school);
    user("admin", Role::admin, service);
  }
  test_support::Reply changePassword(const std::string& token, const std::string& current,
                                     const std::string& replacement) {
    return send("POST", "/api/v1/account/password",
                R"({"current_password":")" + current + R"(","new_password":")" + replacement + R"("})",
                token);
  }
  std::string codeFor(const std::string& secretBase32,
                      std::chrono::seconds offset = std::chrono::seconds(0)) {
    return totp::code(*totp::fromBase32(secretBase32), totp::stepAt(clock.now() + offset));
  }
  // Enrols an authenticator for `username` (signed in with its password); returns the base32 secret.
  std::string enrol(const std::string& username) {
    auto token = signIn(username);
    auto secret = send("POST", "/api/v1/account/second-factor/enrolment", "", token).str("secret");
    auto confirmed = send("PUT", "/api/v1/account/second-factor",
                          R"({"secret":")" + secret + R"(","code":")" + codeFor(secret) + R"("})", token);
    BOOST_REQUIRE(confirmed.status == 200);
    clock.advance(std::chrono::seconds(30));  // the code used to enrol is spent
    return secret;
  }
  test_support::Reply giveCode(const std::string& token, const std::string& code) {
    return send("POST", "/api/v1/sessions/current/second-factor", R"({"code":")" + code + R"("})", token);
  }
  Id service = 0, school = 0;
};

const std::string kNewPassword = "amber lantern quiet river";

}  // namespace

BOOST_AUTO_TEST_SUITE(accounts_api_test)

BOOST_AUTO_TEST_CASE(changing_ones_password_needs_the_current_one_and_ends_other_sessions) {
  AccountServer s;
  auto here = s.signIn("cw.one");
  auto elsewhere = s.signIn("cw.one");
  auto wrong = s.changePassword(here, "not my password at all", kNewPassword);
  BOOST_TEST(wrong.isProblem(422));
  BOOST_TEST(wrong.firstErrorField() == "current_password");
  auto weak = s.changePassword(here, kPassword, "password123");
  BOOST_TEST(weak.isProblem(422));
  BOOST_TEST(weak.firstErrorField() == "new_password");
  BOOST_TEST(s.changePassword(here, kPassword, kPassword).isProblem(422));
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", elsewhere).status == 200);  // nothing changed yet

  BOOST_TEST(s.changePassword(here, kPassword, kNewPassword).status == 204);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", here).status == 200);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", elsewhere).isProblem(401));
  BOOST_TEST(s.trySignIn("cw.one", kPassword).isProblem(401));
  BOOST_TEST(s.trySignIn("cw.one", kNewPassword).status == 201);
  BOOST_TEST(s.send("POST", "/api/v1/account/password", R"({"current_password":"x"})", here).isProblem(422));
}

BOOST_AUTO_TEST_CASE(a_person_sees_and_ends_only_their_own_sessions) {
  AccountServer s;
  auto first = s.signIn("cw.one");
  s.clock.advance(std::chrono::minutes(2));
  auto second = s.signIn("cw.one");
  auto theirs = s.signIn("champion");
  auto list = s.send("GET", "/api/v1/account/sessions", "", second);
  BOOST_TEST_REQUIRE(list.status == 200);
  auto items = list.json()->getArray("items");
  BOOST_TEST_REQUIRE(items->size() == 2u);
  BOOST_TEST(items->getObject(0)->getValue<bool>("current"));  // newest first: this one
  BOOST_TEST(!items->getObject(1)->getValue<bool>("current"));
  BOOST_TEST(!contains(list.body, first));
  BOOST_TEST(!contains(list.body, second));  // never a token
  auto firstId = std::to_string(items->getObject(1)->getValue<Id>("id"));
  // Someone else's session is not theirs to end.
  auto champions = s.send("GET", "/api/v1/account/sessions", "", theirs).json()->getArray("items");
  auto theirId = std::to_string(champions->getObject(0)->getValue<Id>("id"));
  BOOST_TEST(s.send("DELETE", "/api/v1/account/sessions/" + theirId, "", second).isProblem(404));
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", theirs).status == 200);

  BOOST_TEST(s.send("DELETE", "/api/v1/account/sessions/" + firstId, "", second).status == 204);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", first).isProblem(401));
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", second).status == 200);
  BOOST_TEST(s.send("GET", "/api/v1/account/sessions", "", second).json()->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_role_that_reads_childrens_records_enrols_a_second_factor_before_anything_else) {
  AccountServer s(true);
  auto signedIn = s.trySignIn("cw.one", kPassword);
  BOOST_TEST_REQUIRE(signedIn.status == 201);
  BOOST_TEST(signedIn.str("next_step") == "enrol_second_factor");
  auto token = signedIn.str("token");
  auto refused = s.send("GET", "/api/v1/cases", "", token);
  BOOST_TEST(refused.isProblem(403));
  BOOST_TEST(refused.firstErrorField() == "session");
  BOOST_TEST(s.send("GET", "/api/v1/account", "", token).str("next_step") == "enrol_second_factor");

  auto enrolment = s.send("POST", "/api/v1/account/second-factor/enrolment", "", token);
  BOOST_TEST_REQUIRE(enrolment.status == 200);
  auto secret = enrolment.str("secret");
  BOOST_TEST(secret.size() == 32u);  // 160 bits in base32
  BOOST_TEST(contains(enrolment.str("otpauth_uri"), "secret=" + secret));
  BOOST_TEST(contains(enrolment.str("qr_svg"), "<svg"));
  auto confirm = [&](const std::string& code) {
    return s.send("PUT", "/api/v1/account/second-factor",
                  R"({"secret":")" + secret + R"(","code":")" + code + R"("})", token);
  };
  BOOST_TEST(confirm(s.codeFor(secret, std::chrono::minutes(10))).isProblem(422));  // a code, but not for now
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", token).isProblem(403));
  auto confirmed = confirm(s.codeFor(secret));
  BOOST_TEST_REQUIRE(confirmed.status == 200, confirmed.body);
  auto codes = confirmed.json()->getArray("recovery_codes");
  BOOST_TEST_REQUIRE(codes->size() == 10u);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", token).status == 200);  // this session is complete

  // The next sign-in needs a code, and the session can do nothing else until it has one.
  auto next = s.trySignIn("cw.one", kPassword);
  BOOST_TEST(next.str("next_step") == "second_factor");
  auto pending = next.str("token");
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", pending).isProblem(403));
  BOOST_TEST(s.changePassword(pending, kPassword, kNewPassword).isProblem(403));
  BOOST_TEST(s.send("POST", "/api/v1/account/second-factor/enrolment", "", pending).isProblem(403));
  auto give = [&](const std::string& token, const std::string& code) {
    return s.send("POST", "/api/v1/sessions/current/second-factor", R"({"code":")" + code + R"("})", token);
  };
  // The code used to enrol is spent: one seen over a shoulder cannot be used again.
  BOOST_TEST(give(pending, s.codeFor(secret)).isProblem(422));
  s.clock.advance(std::chrono::seconds(30));
  BOOST_TEST(give(pending, s.codeFor(secret)).status == 204);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", pending).status == 200);
  BOOST_TEST(s.send("GET", "/api/v1/account", "", pending).str("next_step") == "none");

  // A recovery code instead of a code, once.
  auto lostPhone = s.signIn("cw.one");
  auto recovery = codes->getElement<std::string>(3);
  BOOST_TEST(give(lostPhone, recovery).status == 204);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", lostPhone).status == 200);
  auto again = s.signIn("cw.one");
  BOOST_TEST(give(again, recovery).isProblem(422));
  auto account = s.send("GET", "/api/v1/account", "", lostPhone).json()->getObject("second_factor");
  BOOST_TEST(account->getValue<int>("recovery_codes_left") == 9);

  // A role that does not read children's records is not asked.
  BOOST_TEST(s.trySignIn("champion", kPassword).str("next_step") == "none");
}

BOOST_AUTO_TEST_CASE(five_wrong_codes_end_the_session) {
  AccountServer s(true);
  auto token = s.signIn("cw.one");
  auto secret = s.send("POST", "/api/v1/account/second-factor/enrolment", "", token).str("secret");
  BOOST_TEST_REQUIRE(s.send("PUT", "/api/v1/account/second-factor",
                            R"({"secret":")" + secret + R"(","code":")" + s.codeFor(secret) + R"("})", token)
                         .status == 200);
  auto pending = s.signIn("cw.one");
  const std::string wrong = s.codeFor(secret, std::chrono::seconds(300));  // a real code, but not for now
  for (int i = 0; i < 4; ++i)
    BOOST_TEST(
        s.send("POST", "/api/v1/sessions/current/second-factor", R"({"code":")" + wrong + R"("})", pending)
            .isProblem(422));
  BOOST_TEST(
      s.send("POST", "/api/v1/sessions/current/second-factor", R"({"code":")" + wrong + R"("})", pending)
          .isProblem(401));
  BOOST_TEST(s.send("GET", "/api/v1/account", "", pending).isProblem(401));
}

BOOST_AUTO_TEST_CASE(the_stored_secret_is_sealed_and_opens_only_for_its_own_account) {
  AccountServer s(true);
  const auto secret = s.enrol("cw.one");
  const auto raw = *totp::fromBase32(secret);
  auto stored = s.findUser("cw.one")->totpSecret;
  // Nonce, 20 sealed bytes and the tag: not the secret, in any form the database could show.
  BOOST_TEST(stored.size() == 24u + raw.size() + 16u);
  BOOST_TEST(!contains(stored, raw));
  BOOST_TEST(!contains(stored, secret));

  // A sealed secret copied onto another account (someone with the database but not the key
  // directory) does not open there: cw.one's codes do not let anyone in as cw.two.
  {
    auto tx = s.app->store().begin(true);
    BOOST_REQUIRE(tx->users().setTotpSecret(s.findUser("cw.two")->id, stored));
    BOOST_REQUIRE(tx->commit());
  }
  auto asTwo = s.trySignIn("cw.two", kPassword);
  BOOST_TEST_REQUIRE(asTwo.str("next_step") == "second_factor");
  BOOST_TEST(s.giveCode(asTwo.str("token"), s.codeFor(secret)).isProblem(422));
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", asTwo.str("token")).isProblem(403));

  // In its own account it opens, as before.
  auto asOne = s.trySignIn("cw.one", kPassword);
  BOOST_TEST(s.giveCode(asOne.str("token"), s.codeFor(secret)).status == 204);
}

BOOST_AUTO_TEST_CASE(an_administrator_resets_a_lost_second_factor_and_its_owner_enrols_again) {
  AccountServer s(true);
  const auto secret = s.enrol("cw.one");
  auto noAuthenticator = [&] { return s.findUser("cw.one")->totpSecret.empty(); };
  auto lost = s.trySignIn("cw.one", kPassword);  // a session waiting for a code that never comes
  BOOST_TEST_REQUIRE(lost.str("next_step") == "second_factor");

  const auto adminSecret = s.enrol("admin");
  auto admin = s.trySignIn("admin", kPassword).str("token");
  s.clock.advance(std::chrono::seconds(30));
  BOOST_TEST_REQUIRE(s.giveCode(admin, s.codeFor(adminSecret)).status == 204);
  const auto one = std::to_string(s.findUser("cw.one")->id);
  auto listed = s.send("GET", "/api/v1/users", "", admin);
  BOOST_TEST(contains(listed.body, R"("second_factor_enrolled":true)"));

  // Only administrators, never on their own account, only where there is something to reset.
  auto champion = s.signIn("champion");
  BOOST_TEST(s.send("POST", "/api/v1/users/" + one + "/reset-second-factor", "", champion).isProblem(403));
  auto own = std::to_string(s.findUser("admin")->id);
  BOOST_TEST(s.send("POST", "/api/v1/users/" + own + "/reset-second-factor", "", admin).isProblem(409));
  auto two = std::to_string(s.findUser("cw.two")->id);
  BOOST_TEST(s.send("POST", "/api/v1/users/" + two + "/reset-second-factor", "", admin).isProblem(409));
  BOOST_TEST(s.send("POST", "/api/v1/users/999999/reset-second-factor", "", admin).isProblem(404));
  BOOST_TEST(!noAuthenticator());

  auto reset = s.send("POST", "/api/v1/users/" + one + "/reset-second-factor", "", admin);
  BOOST_TEST_REQUIRE(reset.status == 200, reset.body);
  BOOST_TEST(contains(reset.body, R"("second_factor_enrolled":false)"));
  BOOST_TEST(noAuthenticator());
  BOOST_TEST(
      s.send("GET", "/api/v1/account", "", lost.str("token")).isProblem(401));  // signed out everywhere

  // The password alone opens a session that can only enrol; the old authenticator is gone.
  auto again = s.trySignIn("cw.one", kPassword);
  BOOST_TEST(again.str("next_step") == "enrol_second_factor");
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", again.str("token")).isProblem(403));
  BOOST_TEST(s.giveCode(again.str("token"), s.codeFor(secret)).isProblem(409));
}

BOOST_AUTO_TEST_SUITE_END()
