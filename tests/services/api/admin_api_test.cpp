// Administrators' and auditors' routes, in process: organisations and accounts made through the
// API, sign-in with them, deactivation and password resets taking effect at once, and the
// audit trail open to auditors only.

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;

namespace {

using test_support::kPassword;
using test_support::Reply;

struct AdminServer : test_support::ServiceFixture {
  Id countyHall = 0, service = 0, school = 0;
  Id admin = 0;

  AdminServer() : ServiceFixture("admin", "2024-03-04T10:00:00Z") {
    start();
    countyHall = organisation("County Hall", OrganisationKind::other);
    service = organisation("Young carers service", OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    admin = user("admin1", Role::admin, countyHall);
    user("auditor1", Role::auditor, countyHall);
    user("caseworker1", Role::caseworker, service);
    user("manager1", Role::team_manager, service);
    user("champion1", Role::referrer, school);
    user("commissioner1", Role::commissioner, countyHall);
  }
};

std::string userBody(const std::string& username, Id org, const std::string& role = "referrer",
                     const std::string& passwordField = "") {
  return R"({"username":")" + username + R"(","display_name":"Sam Patel","role":")" + role +
         R"(","organisation_id":)" + std::to_string(org) + passwordField + "}";
}

}  // namespace

namespace {
const std::string kReplacement = "amber lantern quiet river";
// The first thing a session signed in with a one-time password does: choose its own.
void replaceOneTimePassword(test_support::ServiceFixture& s, const std::string& token,
                            const std::string& oneTime) {
  auto changed =
      s.send("POST", "/api/v1/account/password",
             R"({"current_password":")" + oneTime + R"(","new_password":")" + kReplacement + R"("})", token);
  BOOST_TEST_REQUIRE(changed.status == 204, changed.body);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(admin_api_test)

BOOST_AUTO_TEST_CASE(an_admin_adds_an_organisation_and_a_person_who_can_then_sign_in) {
  AdminServer s;
  auto token = s.signIn("admin1");
  auto org = s.send(
      "POST", "/api/v1/organisations",
      R"({"kind":"gp_practice","name":"Westcotes Surgery","identifier":"c82001","district":"Leicester"})",
      token);
  BOOST_REQUIRE_MESSAGE(org.status == 201, org.body);
  BOOST_TEST(org.str("identifier") == "C82001");  // ODS codes are kept in upper case
  BOOST_TEST(org.json()->getValue<bool>("active"));
  auto orgId = org.json()->getValue<Id>("id");

  auto created =
      s.send("POST", "/api/v1/users",
             userBody("Dr.Khan", orgId, "referrer", R"(,"password":"violet kettle morning walk")"), token);
  BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
  auto user = created.json()->getObject("user");
  BOOST_TEST(user->getValue<std::string>("username") == "dr.khan");
  BOOST_TEST(user->getValue<std::string>("role") == "referrer");
  BOOST_TEST(created.json()->isNull("one_time_password"));  // the administrator chose it
  BOOST_TEST(created.body.find("$argon2") == std::string::npos);
  BOOST_TEST(created.body.find("hash") == std::string::npos);

  auto gp = s.signIn("dr.khan", "violet kettle morning walk");
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", gp).status == 200);
  // The lists show the new records, and never a password hash.
  auto users = s.send("GET", "/api/v1/users", "", token);
  BOOST_TEST(users.status == 200);
  BOOST_TEST(users.json()->getValue<int>("total") == 7);
  BOOST_TEST(users.body.find("$argon2") == std::string::npos);
  BOOST_TEST(users.body.find("password") == std::string::npos);
  auto orgs = s.send("GET", "/api/v1/organisations", "", token);
  BOOST_TEST(orgs.json()->getValue<int>("total") == 4);

  auto audit =
      s.send("GET", "/api/v1/audit?record_type=user&record=" + std::to_string(user->getValue<Id>("id")), "",
             s.signIn("auditor1"));
  BOOST_REQUIRE_MESSAGE(audit.status == 200, audit.body);
  auto items = audit.json()->getArray("items");
  BOOST_REQUIRE(items->size() >= 2);  // created, then signed in (newest first)
  BOOST_TEST(items->getObject(items->size() - 1)->getValue<std::string>("action") == "user.create");
  BOOST_TEST(items->getObject(items->size() - 1)->getValue<Id>("actor_user_id") == s.admin);
}

BOOST_AUTO_TEST_CASE(without_a_password_a_one_time_password_is_returned_once) {
  AdminServer s;
  auto token = s.signIn("admin1");
  auto created = s.send("POST", "/api/v1/users", userBody("new.caseworker", s.service, "caseworker"), token);
  BOOST_REQUIRE_MESSAGE(created.status == 201, created.body);
  auto password = created.str("one_time_password");
  BOOST_TEST(password.size() == 23u);  // 20 characters in groups of five
  BOOST_TEST(checkPasswordRules(password, "new.caseworker").ok());
  auto cw = s.signIn("new.caseworker", password);
  // A one-time password opens nothing but its own replacement.
  auto refused = s.send("GET", "/api/v1/cases", "", cw);
  BOOST_TEST(refused.isProblem(403));
  BOOST_TEST(refused.firstErrorField() == "session");
  replaceOneTimePassword(s, cw, password);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", cw).status == 200);
  // It worked once: signing in with it again fails.
  BOOST_TEST(s.trySignIn("new.caseworker", password).isProblem(401));
  // Not to be seen again.
  BOOST_TEST(s.send("GET", "/api/v1/users", "", token).body.find(password) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(deactivating_an_account_ends_its_sessions_at_once) {
  AdminServer s;
  auto token = s.signIn("admin1");
  auto created = s.send("POST", "/api/v1/users", userBody("leaving.soon", s.school), token);
  BOOST_REQUIRE(created.status == 201);
  auto id = std::to_string(created.json()->getObject("user")->getValue<Id>("id"));
  auto password = created.str("one_time_password");
  auto theirs = s.signIn("leaving.soon", password);
  replaceOneTimePassword(s, theirs, password);
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", theirs).status == 200);

  auto deactivated = s.send("POST", "/api/v1/users/" + id + "/deactivate", "", token);
  BOOST_REQUIRE_MESSAGE(deactivated.status == 200, deactivated.body);
  BOOST_TEST(!deactivated.json()->getValue<bool>("active"));
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", theirs).isProblem(401));
  BOOST_TEST(s.trySignIn("leaving.soon", kReplacement).isProblem(401));
  BOOST_TEST(s.send("POST", "/api/v1/users/999999/deactivate", "", token).isProblem(404));
  // An administrator cannot lock themselves out.
  BOOST_TEST(
      s.send("POST", "/api/v1/users/" + std::to_string(s.admin) + "/deactivate", "", token).isProblem(409));
}

BOOST_AUTO_TEST_CASE(deactivating_an_organisation_ends_its_peoples_sessions) {
  AdminServer s;
  auto token = s.signIn("admin1");
  auto champion = s.signIn("champion1");
  auto r = s.send("POST", "/api/v1/organisations/" + std::to_string(s.school) + "/deactivate", "", token);
  BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  BOOST_TEST(!r.json()->getValue<bool>("active"));
  BOOST_TEST(s.send("GET", "/api/v1/referrals", "", champion).isProblem(401));
  BOOST_TEST(s.trySignIn("champion1", kPassword).isProblem(401));
  // No new accounts in a deactivated organisation.
  auto refused = s.send("POST", "/api/v1/users", userBody("another.champion", s.school), token);
  BOOST_TEST(refused.isProblem(422));
  BOOST_TEST(refused.firstErrorField() == "organisation_id");
  BOOST_TEST(
      s.send("POST", "/api/v1/organisations/" + std::to_string(s.countyHall) + "/deactivate", "", token)
          .isProblem(409));
}

BOOST_AUTO_TEST_CASE(a_password_reset_gives_a_new_one_time_password_and_ends_sessions) {
  AdminServer s;
  auto token = s.signIn("admin1");
  auto theirs = s.signIn("caseworker1");
  auto users = s.send("GET", "/api/v1/users", "", token).json()->getArray("items");
  std::string userId;
  for (unsigned i = 0; i < users->size(); ++i)
    if (users->getObject(i)->getValue<std::string>("username") == "caseworker1")
      userId = std::to_string(users->getObject(i)->getValue<Id>("id"));
  BOOST_REQUIRE(!userId.empty());
  auto reset = s.send("POST", "/api/v1/users/" + userId + "/reset-password", "", token);
  BOOST_REQUIRE_MESSAGE(reset.status == 200, reset.body);
  auto fresh = reset.str("one_time_password");
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", theirs).isProblem(401));
  BOOST_TEST(s.trySignIn("caseworker1", kPassword).isProblem(401));
  auto again = s.signIn("caseworker1", fresh);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", again).isProblem(403));  // until the reset one is replaced
  replaceOneTimePassword(s, again, fresh);
  BOOST_TEST(s.send("GET", "/api/v1/cases", "", again).status == 200);
  BOOST_TEST(s.send("POST", "/api/v1/users/424242/reset-password", "", token).isProblem(404));
}

BOOST_AUTO_TEST_CASE(weak_passwords_are_refused_naming_the_password) {
  AdminServer s;
  auto token = s.signIn("admin1");
  struct Case {
    const char* password;
    const char* code;
  };
  const Case cases[] = {
      {"short1", "too_short"},
      {"password1234", "too_common"},
      {"Qwerty123456", "too_common"},
      {"i am weak.sam and proud", "contains_username"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.password) {
      auto r = s.send(
          "POST", "/api/v1/users",
          userBody("weak.sam", s.school, "referrer", std::string(R"(,"password":")") + c.password + "\""),
          token);
      BOOST_TEST(r.isProblem(422));
      BOOST_TEST(r.firstErrorField() == "password");
      BOOST_TEST(r.json()->getArray("errors")->getObject(0)->getValue<std::string>("code") == c.code);
    }
  }
  BOOST_TEST(s.trySignIn("weak.sam", "short1").isProblem(401));  // nothing was created
}

BOOST_AUTO_TEST_CASE(users_and_organisations_are_checked_field_by_field) {
  AdminServer s;
  auto token = s.signIn("admin1");
  struct Case {
    const char* path;
    const char* body;
    int status;
    const char* field;
  };
  const std::string school = std::to_string(s.school);
  const Case cases[] = {
      {"/api/v1/users",
       R"({"username":"CaseWorker1","display_name":"Again","role":"caseworker","organisation_id":2})", 409,
       ""},
      {"/api/v1/users", R"({"username":"a b","display_name":"Sam","role":"referrer","organisation_id":2})",
       422, "username"},
      {"/api/v1/users", R"({"username":"sam.p","display_name":"Sam","role":"superuser","organisation_id":2})",
       422, "role"},
      {"/api/v1/users",
       R"({"username":"sam.p","display_name":"Sam","role":"referrer","organisation_id":999})", 422,
       "organisation_id"},
      {"/api/v1/users", R"({"username":"sam.p","display_name":"","role":"referrer","organisation_id":2})",
       422, "display_name"},
      {"/api/v1/users",
       R"({"username":"sam.p","display_name":"Sam","role":"referrer","organisation_id":2,"is_admin":true})",
       422, "is_admin"},
      {"/api/v1/organisations", R"({"kind":"school","name":"hamilton academy","identifier":"120345"})", 409,
       ""},
      {"/api/v1/organisations", R"({"kind":"school","name":"Judgemeadow","identifier":"12034"})", 422,
       "identifier"},
      {"/api/v1/organisations", R"({"kind":"school","name":"Judgemeadow"})", 422, "identifier"},
      {"/api/v1/organisations", R"({"kind":"gp_practice","name":"Spinney Hill","identifier":"120345"})", 422,
       "identifier"},
      {"/api/v1/organisations", R"({"kind":"castle","name":"Ashby"})", 422, "kind"},
      {"/api/v1/organisations", R"({"kind":"voluntary","name":"  "})", 422, "name"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.body) {
      auto r = s.send("POST", c.path, c.body, token);
      BOOST_TEST(r.isProblem(c.status), r.status << " " << r.body);
      if (c.status == 422) BOOST_TEST(r.firstErrorField() == c.field);
    }
  }
  // A school's URN is unique among schools.
  BOOST_REQUIRE(s.send("POST", "/api/v1/organisations",
                       R"({"kind":"school","name":"Judgemeadow Community College","identifier":"120345"})",
                       token)
                    .status == 201);
  BOOST_TEST(s.send("POST", "/api/v1/organisations",
                    R"({"kind":"school","name":"Another","identifier":"120345"})", token)
                 .isProblem(409));
}

BOOST_AUTO_TEST_CASE(only_auditors_read_the_audit_trail_and_their_reading_is_audited) {
  AdminServer s;
  auto auditor = s.signIn("auditor1");
  for (const char* who : {"admin1", "caseworker1", "manager1", "champion1", "commissioner1"})
    BOOST_TEST_CONTEXT(who) {
      BOOST_TEST(s.send("GET", "/api/v1/audit", "", s.signIn(who)).isProblem(403));
    }
  BOOST_TEST(s.send("GET", "/api/v1/audit").isProblem(401));

  auto first = s.send("GET", "/api/v1/audit?record_type=route", "", auditor);
  BOOST_REQUIRE_MESSAGE(first.status == 200, first.body);
  // The five refusals above, each with who and why.
  BOOST_TEST(first.json()->getValue<int>("total") == 5);
  auto refusal = first.json()->getArray("items")->getObject(0);
  BOOST_TEST(refusal->getValue<std::string>("outcome") == "refused");
  BOOST_TEST(refusal->getValue<std::string>("record_id") == "/api/v1/audit");
  BOOST_TEST(refusal->getValue<std::string>("hash").size() == 64u);

  auto reads = s.send("GET", "/api/v1/audit?record_type=audit", "", auditor);
  BOOST_REQUIRE(reads.status == 200);
  BOOST_TEST(reads.json()->getValue<int>("total") == 1);  // the first reading, recorded with its filter
  BOOST_TEST(reads.json()->getArray("items")->getObject(0)->getValue<std::string>("detail") ==
             "record_type=route limit=100 offset=0");

  // Dates stand for whole days in England; timestamps are exact; both ends are checked.
  BOOST_TEST(s.send("GET", "/api/v1/audit?from=2024-03-04&to=2024-03-04", "", auditor)
                 .json()
                 ->getValue<int>("total") > 0);
  BOOST_TEST(s.send("GET", "/api/v1/audit?to=2024-03-03", "", auditor).json()->getValue<int>("total") == 0);
  BOOST_TEST(
      s.send("GET", "/api/v1/audit?from=2024-03-04T10:00:01Z", "", auditor).json()->getValue<int>("total") ==
      0);
  struct Bad {
    const char* query;
    const char* field;
  };
  const Bad bad[] = {
      {"from=yesterday", "from"}, {"to=2024-02-30", "to"}, {"from=2024-03-05&to=2024-03-01", "to"},
      {"actor=admin1", "actor"},  {"limit=0", "limit"},    {"offset=-1", "offset"}};
  for (const auto& b : bad) {
    BOOST_TEST_CONTEXT(b.query) {
      auto r = s.send("GET", std::string("/api/v1/audit?") + b.query, "", auditor);
      BOOST_TEST(r.isProblem(422));
      BOOST_TEST(r.firstErrorField() == b.field);
    }
  }
  // Every problem at once.
  auto both = s.send("GET", "/api/v1/audit?from=someday&limit=0", "", auditor);
  BOOST_TEST(both.isProblem(422));
  BOOST_TEST(both.json()->getArray("errors")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(administrators_never_see_childrens_records) {
  AdminServer s;
  auto token = s.signIn("admin1");
  for (const char* path : {"/api/v1/young-carers?q=zoe", "/api/v1/young-carers/1", "/api/v1/cases",
                           "/api/v1/cases/1", "/api/v1/referrals"})
    BOOST_TEST_CONTEXT(path) {
      BOOST_TEST(s.send("GET", path, "", token).isProblem(403));
    }
}

BOOST_AUTO_TEST_SUITE_END()
