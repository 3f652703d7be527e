// The data protection officer's pages (issue 26 item 6): find a young person's record among every
// service's, export everything held, correct it with the request's reason, hold it and erase it, each
// audited; nobody else reaches them.

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::header;

namespace ycr::test_support {

struct DataProtectionPages : test_support::SessionPagesFixture {
  std::string dpo, caseworker;
  ReferralReceipt zoe;

  DataProtectionPages() : SessionPagesFixture("data-protection-pages", "2025-06-02T10:00:00Z") {
    create();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id council = organisation("County data protection", OrganisationKind::other);
    user("dpo", Role::auditor, council);
    user("casey", Role::caseworker, service);
    dpo = sessionFor("dpo");
    caseworker = sessionFor("casey");
    ReferralInput in;
    in.youngPerson.givenName = "Zoë";
    in.youngPerson.familyName = "O'Brien";
    in.youngPerson.dateOfBirth = "2012-04-03";
    in.youngPerson.postcode = "LE2 7GH";
    in.caringSummary = "Helps mum <b>daily</b>";
    auto r = app->reg().submitReferral(who(caseworker), in);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    zoe = *r;
  }
  std::string record() const {
    return "/data-protection/records/" + std::to_string(zoe.referral.youngCarerId);
  }
  int audited(const std::string& action) {
    auto tx = app->store().begin(false);
    AuditQuery q;
    q.limit = 500;
    int n = 0;
    for (const auto& e : tx->audit().query(q).items) n += e.action == action;
    return n;
  }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(data_protection_pages, test_support::DataProtectionPages)

BOOST_AUTO_TEST_CASE(the_officer_finds_a_record_and_exports_everything_held) {
  auto empty = post("/data-protection/records", dpo, "q=");
  BOOST_TEST(empty.status == 422);
  BOOST_TEST(contains(empty.body, "Enter a name to search for"));
  auto found = post("/data-protection/records", dpo, "q=zoe");
  BOOST_REQUIRE_EQUAL(found.status, 200);
  BOOST_TEST(contains(found.body, "href=\"" + record() + "\""));
  BOOST_TEST(contains(found.body, "Zoë O&#39;Brien"));
  BOOST_TEST(audited("young_carer.search") == 1);  // the refused one read nothing
  auto page = get(record(), dpo);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(contains(page.body, "Current record"));
  // 25 on 3 April 2037; six years after a closure today would be sooner.
  BOOST_TEST(contains(page.body, "Kept while the case is open, then at least until 3 April 2037"));
  auto html = get(record() + "/export.html", dpo);
  BOOST_REQUIRE_EQUAL(html.status, 200);
  BOOST_TEST(contains(html.contentType, "text/html"));
  BOOST_TEST(contains(html.body, "Helps mum &lt;b&gt;daily&lt;/b&gt;"));
  BOOST_TEST(contains(header(html, "Content-Security-Policy"), "default-src 'none'"));
  auto json = get(record() + "/export.json", dpo);
  BOOST_REQUIRE_EQUAL(json.status, 200);
  BOOST_TEST(contains(header(json, "Content-Disposition"), "attachment"));
  BOOST_TEST(contains(json.body, "\"ycr.subject_access\""));
  BOOST_TEST(audited("subject_access.export") == 2);
  // Nobody else: case staff are refused, and a made-up banner is shown as text.
  BOOST_TEST(get("/data-protection/records", caseworker).status == 403);
  BOOST_TEST(get(record(), caseworker).status == 403);
  BOOST_TEST(!contains(get(record() + "?done=%3Cscript%3E", dpo).body, "<script>"));
}

BOOST_AUTO_TEST_CASE(a_rectification_needs_its_reason_and_is_audited_with_it) {
  auto bare = post(record() + "/correction", dpo, "given_name=Zoe&correction_reason=");
  BOOST_TEST(bare.status == 422);
  BOOST_TEST(contains(bare.body, "Say why the record is corrected"));
  auto bad = post(record() + "/correction", dpo, "postcode=nowhere&correction_reason=Request+of+3+June");
  BOOST_TEST(bad.status == 422);
  // What was typed comes back, so the officer corrects one field rather than typing all again.
  BOOST_TEST(contains(bad.body, "value=\"nowhere\""));
  BOOST_TEST(contains(bad.body, "value=\"Request of 3 June\""));
  auto done = post(record() + "/correction", dpo, "given_name=Zoey&correction_reason=Request+of+3+June");
  BOOST_REQUIRE_EQUAL(done.status, 303);
  BOOST_TEST(contains(get(record(), dpo).body, "Zoey O&#39;Brien"));
  auto tx = app->store().begin(false);
  AuditQuery q;
  q.recordType = "young_carer";
  q.recordId = std::to_string(zoe.referral.youngCarerId);
  bool seen = false;
  for (const auto& e : tx->audit().query(q).items)
    if (e.action == "young_carer.update") {
      seen = true;
      BOOST_TEST(e.reason == "Request of 3 June");
      BOOST_TEST(e.detail == "changed given_name");
    }
  BOOST_TEST(seen);
}

BOOST_AUTO_TEST_CASE(holds_are_placed_and_released_and_erasure_waits_for_a_closed_case) {
  BOOST_TEST(post(record() + "/holds", dpo, "hold_reason=").status == 422);
  BOOST_REQUIRE_EQUAL(post(record() + "/holds", dpo, "hold_reason=Complaint+under+investigation").status,
                      303);
  auto held = get(record(), dpo);
  BOOST_TEST(contains(held.body, "Complaint under investigation"));
  BOOST_TEST(contains(held.body, "Kept while a legal hold is in place"));
  auto tx = app->store().begin(false);
  const Id hold = tx->retention().holdsFor(zoe.referral.youngCarerId).front().id;
  tx.reset();
  const std::string release = record() + "/holds/" + std::to_string(hold) + "/release";
  auto unexplained = post(release, dpo, "release_reason-" + std::to_string(hold) + "=");
  BOOST_TEST(unexplained.status == 422);
  BOOST_TEST(contains(unexplained.body, "id=\"release_reason-" + std::to_string(hold) + "-error\""));
  BOOST_TEST(contains(unexplained.body, "Complaint under investigation"));
  BOOST_REQUIRE_EQUAL(post(release, dpo, "release_reason-" + std::to_string(hold) + "=Resolved").status, 303);
  BOOST_TEST(contains(get(record(), dpo).body, "None: the retention schedule applies"));

  auto open = post(record() + "/erasure", dpo, "erasure_reason=Asked+to+be+forgotten");
  BOOST_TEST(open.status == 409);
  BOOST_TEST(contains(open.body, "close it before erasing"));
  pathways::EventRequest close;
  close.event = pathways::Event::close;
  close.closeReason = CloseReason::moved_away;
  BOOST_REQUIRE(app->reg().applyEvent(who(caseworker), zoe.caseRecord.id, close, std::nullopt));
  BOOST_TEST(contains(get(record(), dpo).body, "To be anonymised on 3 April 2037"));
  BOOST_REQUIRE_EQUAL(post(record() + "/erasure", dpo, "erasure_reason=Asked+to+be+forgotten").status, 303);
  auto erased = get(record(), dpo);
  BOOST_TEST(contains(erased.body, "Anonymised"));
  BOOST_TEST(!contains(erased.body, "Erase record"));
  BOOST_TEST(audited("young_carer.erase") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
