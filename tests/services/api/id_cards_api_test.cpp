#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "service_fixture.h"
#include "support/dates.h"
#include "ycr/services/cli.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Object;
using test_support::at;

namespace {

struct ReplyWithHeaders : test_support::Reply {
  std::string retryAfter;
  std::string csp;
};

const char* kFamilyName = "Oyelaran";
const char* kDateOfBirth = "2012-04-03";
const char* kPostcode = "LE2 7GH";

}  // namespace

namespace ycr::test_support {

// A running service on a free port over a fresh database and key directory, with a caseworker
// and a team manager of the intake service, and a young carer with an open case.
struct CardApiFixture : test_support::ServiceFixture {
  std::string caseworker;  // bearer tokens
  std::string manager;
  Id youngCarerId = 0;
  Id caseId = 0;

  explicit CardApiFixture(int verifyRate = 30) : ServiceFixture("cards-api", "2025-06-02T10:00:00Z") {
    BOOST_REQUIRE(config.set("issuer_name", "Leicester <Young> Carers & \"Friends\""));
    BOOST_REQUIRE(config.set("issuer_phone", "0116 000 0000"));
    BOOST_REQUIRE(config.set("public_base_url", "https://cards.example.org/"));
    BOOST_REQUIRE(config.set("verify_rate_per_minute", std::to_string(verifyRate)));
    start();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    user("casey.worker", Role::caseworker, service);
    user("terry.manager", Role::team_manager, service);
    caseworker = signIn("casey.worker");
    manager = signIn("terry.manager");
    std::tie(youngCarerId, caseId) = refer("Adebayo", kFamilyName, "D'Arcy", kDateOfBirth, kPostcode);
  }

  ReplyWithHeaders call(const std::string& method, const std::string& path, const std::string& body = "",
                        const std::string& token = "", const std::string& accept = "") {
    ReplyWithHeaders r;
    static_cast<test_support::Reply&>(r) = send(method, path, body, token, "application/json", accept);
    r.retryAfter = r.headers.get("Retry-After", "");
    r.csp = r.headers.get("Content-Security-Policy", "");
    return r;
  }

  // Refers a young person (as the caseworker) and returns {young carer id, case id}.
  std::pair<Id, Id> refer(const std::string& given, const std::string& family, const std::string& preferred,
                          const std::string& dob, const std::string& postcode) {
    auto r = call("POST", "/api/v1/referrals",
                  R"({"young_person":{"given_name":")" + given + R"(","family_name":")" + family +
                      R"(","preferred_name":")" + preferred + R"(","date_of_birth":")" + dob +
                      R"(","postcode":")" + postcode + R"("},"caring_summary":"Helps mum with medication"})",
                  caseworker);
    BOOST_REQUIRE_EQUAL(r.status, 201);
    auto ref = r.json()->getValue<std::string>("reference");
    auto view = call("GET", "/api/v1/referrals/" + ref, "", caseworker).json();
    return {view->getValue<Id>("young_carer_id"), view->getValue<Id>("case_id")};
  }

  static std::string issueBody(const std::string& consent = "true") {
    return R"({"young_carer_consent":)" + consent +
           R"(,"parent_consent":"given","sharing":["medication","discharge_or_care_planning"]})";
  }

  ReplyWithHeaders issue(Id yc, const std::string& body = issueBody()) {
    return call("POST", "/api/v1/young-carers/" + std::to_string(yc) + "/id-cards", body, caseworker);
  }

  // Issues a card to the fixture's young carer; returns {number, token}.
  std::pair<std::string, std::string> issued() {
    auto r = issue(youngCarerId);
    BOOST_REQUIRE_EQUAL(r.status, 201);
    auto card = r.json();
    auto url = card->getValue<std::string>("verify_url");
    const std::string prefix = "https://cards.example.org/verify/";
    BOOST_REQUIRE(url.rfind(prefix, 0) == 0);
    return {card->getValue<std::string>("number"), url.substr(prefix.size())};
  }

  std::string verifyResult(const std::string& token) {
    auto r = call("GET", "/verify/" + token, "", "", "application/json");
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.json()->getValue<std::string>("result");
  }

  std::vector<AuditEvent> auditFor(const std::string& number) {
    auto tx = app->store().begin(false);
    AuditQuery q;
    q.recordType = "id_card";
    q.recordId = number;
    return tx->audit().query(q).items;
  }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(id_cards_api_test, test_support::CardApiFixture)

BOOST_AUTO_TEST_CASE(an_issued_card_verifies_as_valid_with_only_the_minimum_shown) {
  auto r = issue(youngCarerId);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  auto card = r.json();
  std::string number = card->getValue<std::string>("number");
  BOOST_TEST(isValidCardNumber(number));
  BOOST_TEST(card->getValue<std::string>("status") == "active");
  BOOST_TEST(card->getValue<std::string>("issued") == "2025-06-02");
  BOOST_TEST(card->getValue<std::string>("expires") == "2026-06-01");  // 12 months less a day
  std::string token = card->getValue<std::string>("verify_url")
                          .substr(std::string("https://cards.example.org/verify/").size());

  auto v = call("GET", "/verify/" + token, "", "", "application/json");
  BOOST_REQUIRE_EQUAL(v.status, 200);
  BOOST_TEST(v.contentType.find("application/json") == 0);
  auto body = v.json();
  std::vector<std::string> keys = body->getNames();
  std::sort(keys.begin(), keys.end());
  BOOST_TEST(keys == (std::vector<std::string>{"expires", "issuer", "preferred_name", "result", "sharing"}),
             boost::test_tools::per_element());
  BOOST_TEST(body->getValue<std::string>("result") == "valid");
  BOOST_TEST(body->getValue<std::string>("preferred_name") == "D'Arcy");
  BOOST_TEST(body->getValue<std::string>("expires") == "2026-06-01");
  auto sharing = body->getArray("sharing");
  BOOST_REQUIRE_EQUAL(sharing->size(), 2u);
  BOOST_TEST(sharing->getElement<std::string>(0) == "medication");
  BOOST_TEST(sharing->getElement<std::string>(1) == "discharge_or_care_planning");
  auto issuer = body->getObject("issuer");
  BOOST_TEST(issuer->getNames().size() == 2u);
  BOOST_TEST(issuer->getValue<std::string>("name") == "Leicester <Young> Carers & \"Friends\"");
  BOOST_TEST(issuer->getValue<std::string>("phone") == "0116 000 0000");
  // Nothing that identifies the child beyond the first name they go by, and no internal ids.
  for (const std::string& secret : {std::string(kFamilyName), std::string(kDateOfBirth),
                                    std::string(kPostcode), std::string("Adebayo"), number}) {
    BOOST_TEST_CONTEXT(secret) {
      BOOST_TEST(v.body.find(secret) == std::string::npos);
    }
  }

  auto audit = auditFor(number);
  BOOST_REQUIRE(!audit.empty());
  BOOST_TEST(audit.front().action == "id_card.verify");
  BOOST_TEST(!audit.front().actorUserId.has_value());
  BOOST_TEST(audit.front().detail == "result valid");
}

BOOST_AUTO_TEST_CASE(the_verification_page_is_accessible_escaped_html_without_scripts) {
  auto [number, token] = issued();
  auto page = call("GET", "/verify/" + token, "", "", "text/html");
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(page.contentType.find("text/html") == 0);
  BOOST_TEST(page.body.find("<html lang=\"en-GB\">") != std::string::npos);
  BOOST_TEST(page.body.find("<script") == std::string::npos);
  BOOST_TEST(page.body.find("D&apos;Arcy") != std::string::npos);
  BOOST_TEST(page.body.find("D'Arcy") == std::string::npos);
  BOOST_TEST(page.body.find("Leicester &lt;Young&gt; Carers &amp; &quot;Friends&quot;") != std::string::npos);
  BOOST_TEST(page.body.find("<Young>") == std::string::npos);
  BOOST_TEST(page.body.find("Discharge or care planning") != std::string::npos);
  BOOST_TEST(page.body.find("1 June 2026") != std::string::npos);
  BOOST_TEST(page.csp.find("default-src 'none'") != std::string::npos);
  for (const std::string& secret : {std::string(kFamilyName), std::string(kDateOfBirth),
                                    std::string(kPostcode), std::string("Adebayo"), number}) {
    BOOST_TEST_CONTEXT(secret) {
      BOOST_TEST(page.body.find(secret) == std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(altered_forged_and_made_up_tokens_answer_unknown) {
  auto [number, token] = issued();
  std::string altered = token;
  altered[10] = altered[10] == 'A' ? 'B' : 'A';
  std::string truncated = token.substr(0, token.size() - 1);
  for (const std::string& t : {altered, truncated, std::string("hello"), std::string(94, 'A'), token + "A"}) {
    BOOST_TEST_CONTEXT(t) {
      auto r = call("GET", "/verify/" + t, "", "", "application/json");
      BOOST_TEST(r.status == 200);
      auto body = r.json();
      BOOST_TEST(body->getValue<std::string>("result") == "unknown");
      BOOST_TEST(body->isNull("preferred_name"));
      BOOST_TEST(body->isNull("expires"));
      BOOST_TEST(body->getArray("sharing")->size() == 0u);
    }
  }
  auto page = call("GET", "/verify/" + altered);
  BOOST_TEST(page.status == 200);
  BOOST_TEST(page.body.find("could not be checked") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_revoked_card_answers_revoked_and_revoking_needs_a_reason) {
  auto [number, token] = issued();
  auto missing = call("POST", "/api/v1/id-cards/" + number + "/revoke", "{}", caseworker);
  BOOST_TEST(missing.status == 422);
  auto unknownField =
      call("POST", "/api/v1/id-cards/" + number + "/revoke", R"({"reason":"x","why":"y"})", caseworker);
  BOOST_TEST(unknownField.status == 422);
  BOOST_TEST(verifyResult(token) == "valid");
  auto r = call("POST", "/api/v1/id-cards/" + number + "/revoke", R"({"reason":"Card misused"})", caseworker);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.json()->getValue<std::string>("status") == "revoked");
  BOOST_TEST(verifyResult(token) == "revoked");
  auto again = call("POST", "/api/v1/id-cards/" + number + "/revoke", R"({"reason":"again"})", caseworker);
  BOOST_TEST(again.status == 409);
  auto renew = call("POST", "/api/v1/id-cards/" + number + "/renew", "", caseworker);
  BOOST_TEST(renew.status == 409);
}

BOOST_AUTO_TEST_CASE(a_card_past_its_expiry_answers_expired_until_renewed) {
  auto [number, token] = issued();
  clock.set(at("2026-06-01T22:00:00Z"));  // 23:00 BST on 1 June: still the last valid day
  BOOST_TEST(verifyResult(token) == "valid");
  clock.set(at("2026-06-02T09:00:00Z"));
  auto v = call("GET", "/verify/" + token, "", "", "application/json").json();
  BOOST_TEST(v->getValue<std::string>("result") == "expired");
  BOOST_TEST(v->getArray("sharing")->size() == 0u);  // an expired card agrees nothing
  BOOST_TEST(v->getValue<std::string>("expires") == "2026-06-01");

  caseworker = signIn("casey.worker");
  auto renewed = call("POST", "/api/v1/id-cards/" + number + "/renew", "", caseworker);
  BOOST_REQUIRE_EQUAL(renewed.status, 200);
  BOOST_TEST(renewed.json()->getValue<std::string>("number") == number);
  BOOST_TEST(renewed.json()->getValue<std::string>("expires") == "2027-06-01");  // 12 months from the renewal
  BOOST_TEST(verifyResult(token) == "valid");
}

BOOST_AUTO_TEST_CASE(a_lost_card_stops_working_and_its_replacement_verifies) {
  auto [number, token] = issued();
  clock.advance(std::chrono::hours(24 * 30));
  caseworker = signIn("casey.worker");  // the earlier session has timed out
  auto r = call("POST", "/api/v1/id-cards/" + number + "/lost", "", caseworker);
  BOOST_REQUIRE_EQUAL(r.status, 201);
  auto replacement = r.json();
  std::string newNumber = replacement->getValue<std::string>("number");
  BOOST_TEST(newNumber != number);
  BOOST_TEST(isValidCardNumber(newNumber));
  BOOST_TEST(replacement->getValue<std::string>("expires") == "2026-06-01");  // same period as the lost card
  std::string newToken = replacement->getValue<std::string>("verify_url")
                             .substr(std::string("https://cards.example.org/verify/").size());
  BOOST_TEST(verifyResult(token) == "revoked");
  BOOST_TEST(verifyResult(newToken) == "valid");

  auto list =
      call("GET", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/id-cards", "", caseworker);
  BOOST_REQUIRE_EQUAL(list.status, 200);
  auto items = list.json()->getArray("items");
  BOOST_REQUIRE_EQUAL(items->size(), 2u);
  auto old = items->getObject(1);
  BOOST_TEST(old->getValue<std::string>("number") == number);
  BOOST_TEST(old->getValue<std::string>("status") == "lost");
  BOOST_TEST(old->getValue<std::string>("replaced_by") == newNumber);
  BOOST_TEST(items->getObject(0)->getValue<std::string>("status") == "active");
  BOOST_TEST(call("POST", "/api/v1/id-cards/" + number + "/lost", "", caseworker).status == 409);
}

BOOST_AUTO_TEST_CASE(closing_the_case_revokes_its_cards_in_the_same_step) {
  auto [number, token] = issued();
  auto closed = call("POST", "/api/v1/cases/" + std::to_string(caseId) + "/events",
                     R"({"event":"close","close_reason":"no_longer_caring"})", caseworker);
  BOOST_REQUIRE_EQUAL(closed.status, 200);
  BOOST_TEST(verifyResult(token) == "revoked");
  auto list =
      call("GET", "/api/v1/young-carers/" + std::to_string(youngCarerId) + "/id-cards", "", caseworker);
  auto card = list.json()->getArray("items")->getObject(0);
  BOOST_TEST(card->getValue<std::string>("status") == "revoked");
  BOOST_TEST(card->getValue<std::string>("status_reason") == "Case closed (no_longer_caring)");
  bool audited = false;
  for (const auto& e : auditFor(number))
    audited = audited || (e.action == "id_card.revoke" && e.detail == "automatic");
  BOOST_TEST(audited);
}

BOOST_AUTO_TEST_CASE(issuing_is_refused_without_consent_or_an_open_case) {
  struct Row {
    std::string name;
    std::string body;
    int status;
    std::string field;
  };
  const std::vector<Row> rows = {
      {"young carer says no", issueBody("false"), 422, "young_carer_consent"},
      {"young carer not asked", R"({"parent_consent":"given"})", 422, "young_carer_consent"},
      {"parent consent missing", R"({"young_carer_consent":true})", 422, "parent_consent"},
      {"parent not asked, no note", R"({"young_carer_consent":true,"parent_consent":"not_sought"})", 422,
       "parent_consent_note"},
      {"unknown sharing area", R"({"young_carer_consent":true,"parent_consent":"given","sharing":["x"]})",
       422, "sharing[0]"},
      {"unknown field", R"({"young_carer_consent":true,"parent_consent":"given","photo":"x"})", 422, "photo"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT(row.name) {
      auto r = issue(youngCarerId, row.body);
      BOOST_TEST(r.status == row.status);
      BOOST_TEST(r.contentType.find("application/problem+json") == 0);
      BOOST_TEST(r.body.find("\"field\":\"" + row.field + "\"") != std::string::npos, r.body);
    }
  }
  auto withNote =
      issue(youngCarerId, R"({"young_carer_consent":true,"parent_consent":"not_sought",)"
                          R"("parent_consent_note":"Parent unwell; young carer 15 and competent"})");
  BOOST_TEST(withNote.status == 201);
  BOOST_TEST(issue(youngCarerId).status == 409);  // one active card at a time

  auto [otherCarer, otherCase] = refer("Bea", "Smith", "", "2011-09-09", "LE3 0AA");
  auto closed = call("POST", "/api/v1/cases/" + std::to_string(otherCase) + "/events",
                     R"({"event":"close","close_reason":"no_longer_caring"})", caseworker);
  BOOST_REQUIRE_EQUAL(closed.status, 200);
  BOOST_TEST(issue(otherCarer).status == 409);
  BOOST_TEST(issue(999999).status == 404);
}

BOOST_AUTO_TEST_CASE(verification_is_rate_limited_per_address) {
  auto [number, token] = issued();
  for (int i = 0; i < 30; ++i)
    BOOST_REQUIRE_EQUAL(call("GET", "/verify/" + token, "", "", "application/json").status, 200);
  auto limited = call("GET", "/verify/" + token, "", "", "application/json");
  BOOST_TEST(limited.status == 429);
  BOOST_TEST(limited.contentType.find("application/problem+json") == 0);
  BOOST_TEST(limited.retryAfter == "2");  // 30 a minute: one every 2 seconds
  clock.advance(std::chrono::seconds(2));
  BOOST_TEST(call("GET", "/verify/" + token, "", "", "application/json").status == 200);
}

BOOST_AUTO_TEST_CASE(the_printable_card_is_svg_for_staff_only) {
  auto [number, token] = issued();
  auto svg = call("GET", "/api/v1/id-cards/" + number + "/card.svg", "", caseworker);
  BOOST_REQUIRE_EQUAL(svg.status, 200);
  BOOST_TEST(svg.contentType.find("image/svg+xml") == 0);
  BOOST_TEST(svg.body.find("<svg") != std::string::npos);
  BOOST_TEST(svg.body.find(*formatCardNumberForPrint(number)) != std::string::npos);
  BOOST_TEST(call("GET", "/api/v1/id-cards/" + number + "/card.svg").status == 401);
  BOOST_TEST(call("GET", "/api/v1/id-cards/YC0000000000/card.svg", "", caseworker).status == 404);
  bool audited = false;
  for (const auto& e : auditFor(number)) audited = audited || e.action == "id_card.print";
  BOOST_TEST(audited);
}

// Whether they want a card: case staff record it; the indicator's denominator leaves out a young carer
// who said no, and counts them again when they change their mind.
BOOST_AUTO_TEST_CASE(a_young_carer_who_does_not_want_a_card_is_not_counted_as_waiting_for_one) {
  CardApiFixture f;
  const std::string path = "/api/v1/young-carers/" + std::to_string(f.youngCarerId);
  auto coverage = [&] {
    auto tx = f.app->store().begin(true);
    return tx->statistics().cardCoverage(*parseIsoDate("2025-06-02"), 18);
  };
  BOOST_TEST(f.call("GET", path + "/id-cards", "", f.caseworker).json()->get("wants_card").isEmpty());
  BOOST_TEST(coverage().denominator == 1);
  BOOST_TEST(f.call("PUT", path + "/id-card-wish", R"({"wants_card":"no"})", f.caseworker).status == 422);
  BOOST_TEST(f.call("PUT", path + "/id-card-wish", R"({"wants_card":false,"why":1})", f.caseworker).status ==
             422);
  auto no = f.call("PUT", path + "/id-card-wish", R"({"wants_card":false})", f.caseworker);
  BOOST_REQUIRE_MESSAGE(no.status == 200, no.body);
  BOOST_TEST(!no.json()->getValue<bool>("wants_card"));
  BOOST_TEST(!f.call("GET", path + "/id-cards", "", f.caseworker).json()->getValue<bool>("wants_card"));
  BOOST_TEST(coverage().denominator == 0);
  BOOST_REQUIRE_EQUAL(f.call("PUT", path + "/id-card-wish", R"({"wants_card":true})", f.manager).status, 200);
  BOOST_TEST(coverage().denominator == 1);
  BOOST_TEST(f.call("PUT", "/api/v1/young-carers/999999/id-card-wish", R"({"wants_card":true})", f.caseworker)
                 .status == 404);
  auto tx = f.app->store().begin(false);
  AuditQuery q;
  q.recordType = "young_carer";
  q.limit = 100;
  int audited = 0;
  for (const auto& e : tx->audit().query(q).items) audited += e.action == "id_card.wish";
  BOOST_TEST(audited == 2);
}

BOOST_AUTO_TEST_CASE(the_public_key_lets_a_verifier_check_offline) {
  auto [number, token] = issued();
  auto r = call("GET", "/api/v1/id-cards/public-key");
  BOOST_REQUIRE_EQUAL(r.status, 200);
  auto body = r.json();
  BOOST_TEST(body->getValue<std::string>("public_key_pem").find("-----BEGIN PUBLIC KEY-----") == 0);
  BOOST_TEST(body->getValue<std::string>("token_format").find("Ed25519") != std::string::npos);
  auto raw = app->idCards().signer().publicKey();
  BOOST_TEST(body->getValue<std::string>("public_key_base64") == app->idCards().signer().publicKeyBase64());
  auto checked = CardSigner::verifyWith(raw, token);
  BOOST_REQUIRE(checked);
  BOOST_TEST(*checked == number);
}

BOOST_AUTO_TEST_CASE(card_print_on_the_command_line_writes_the_svg) {
  auto [number, token] = issued();
  std::string out = (dir / "card.svg").string();
  std::vector<std::string> args = {"ycr",        "card",
                                   "print",      *formatCardNumberForPrint(number),
                                   "--database", config.database,
                                   "--set",      "key_dir=" + config.keyDir,
                                   "--set",      "public_base_url=https://cards.example.org",
                                   "--out",      out};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  char* env[] = {nullptr};
  BOOST_REQUIRE_EQUAL(runCli(static_cast<int>(argv.size()), argv.data(), env), 0);
  std::ifstream in(out);
  std::stringstream svg;
  svg << in.rdbuf();
  BOOST_TEST(svg.str().find("<svg") != std::string::npos);
  BOOST_TEST(svg.str().find(*formatCardNumberForPrint(number)) != std::string::npos);

  std::vector<std::string> bad = {"ycr",        "card",
                                  "print",      "YC0000000000",
                                  "--database", config.database,
                                  "--set",      "key_dir=" + config.keyDir,
                                  "--out",      (dir / "none.svg").string()};
  std::vector<char*> badArgv;
  for (auto& a : bad) badArgv.push_back(a.data());
  BOOST_TEST(runCli(static_cast<int>(badArgv.size()), badArgv.data(), env) != 0);
  BOOST_TEST(!std::filesystem::exists(dir / "none.svg"));
}

BOOST_AUTO_TEST_SUITE_END()
