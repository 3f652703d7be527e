// Retention (retention.cpp, api_retention.cpp, storage/src/retention_repository.cpp), through HTTP. A
// register made in 2024: Amira (closed, born 2010), Ben (closed, born 2011, under a legal hold), Cara
// (case still open), Dan (closed, born 2013: not 25 until 2038) and Eve (born 2006, closed only in
// 2033). In July 2036 only Amira is due and free to go: a dry run changes nothing, the run anonymises
// her alone, the commissioners' figures are the same before and after, a new referral with her details
// makes a new record, and releasing Ben's hold lets the next run take him.

#include "ycr/services/retention.h"

#include <Poco/JSON/Array.h>

#include <boost/test/unit_test.hpp>
#include <sstream>

#include "service_fixture.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::services;
using Poco::JSON::Array;
using Poco::JSON::Object;
using test_support::Reply;

namespace ycr::test_support {

struct RetentionFixture : test_support::SessionPagesFixture {
  struct Child {
    Id youngCarerId = 0;
    Id caseId = 0;
  };
  std::string caseworker, champion, dpo, commissioner;
  Child amira, ben, cara, dan, eve;
  Id benHold = 0;

  RetentionFixture() : SessionPagesFixture("retention", "2024-03-01T10:00:00Z") {
    config.countsSettleMs = 0;  // counts follow each write in its own commit
    start();
    Id service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    Id school = organisation("Hamilton Academy", OrganisationKind::school, "120001");
    Id council = organisation("County commissioning", OrganisationKind::commissioner);
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    user("dpo", Role::auditor, service);
    user("commissioner", Role::commissioner, council);
    signInAll();
    amira = refer("Amira", "Khan", "2010-05-01", "LE2 7GH");
    ben = refer("Ben", "Jones", "2011-06-02", "LE3 0AA");
    cara = refer("Cara", "Lee", "2012-07-03", "LE4 1BB");
    dan = refer("Dan", "Smith", "2013-02-04", "LE5 2DD");
    eve = refer("Eve", "Hart", "2006-04-01", "LE6 3DD");
    for (const auto& c : {amira, ben, dan}) close(c);
    auto hold =
        send("POST", holdsPath(ben.youngCarerId), R"({"reason":"Complaint under investigation"})", dpo);
    BOOST_REQUIRE_MESSAGE(hold.status == 201, hold.body);
    benHold = hold.json()->getValue<Id>("id");
    moveTo("2033-01-10T10:00:00Z");
    close(eve);
    moveTo("2036-07-01T10:00:00Z");
  }

  // Years pass: sessions end, so everyone signs in again.
  void moveTo(const char* when) {
    clock.set(*parseIsoTimestamp(when));
    signInAll();
  }

  void signInAll() {
    caseworker = signIn("casey");
    champion = signIn("champion");
    dpo = signIn("dpo");
    commissioner = signIn("commissioner");
  }

  Child refer(const std::string& given, const std::string& family, const std::string& dob,
              const std::string& postcode) {
    auto r = send("POST", "/api/v1/referrals",
                  R"({"young_person":{"given_name":")" + given + R"(","family_name":")" + family +
                      R"(","date_of_birth":")" + dob + R"(","postcode":")" + postcode +
                      R"(","school_urn":"120001"},"caring_summary":"Looks after mum every evening",)"
                      R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"]}],)"
                      R"("young_person_aware":true,"parent_aware":true,"safeguarding_concern":false})",
                  champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto view =
        send("GET", "/api/v1/referrals/" + r.json()->getValue<std::string>("reference"), "", caseworker);
    BOOST_REQUIRE_EQUAL(view.status, 200);
    return {view.json()->getValue<Id>("young_carer_id"), view.json()->getValue<Id>("case_id")};
  }

  void close(const Child& c) {
    auto r = send("POST", "/api/v1/cases/" + std::to_string(c.caseId) + "/events",
                  R"({"event":"close","close_reason":"no_longer_caring"})", caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
  }

  static std::string holdsPath(Id id) {
    return "/api/v1/young-carers/" + std::to_string(id) + "/legal-holds";
  }

  Object::Ptr record(const Child& c) {
    auto r = send("GET", "/api/v1/young-carers/" + std::to_string(c.youngCarerId), "", caseworker);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json();
  }

  Object::Ptr run(bool dryRun) {
    auto r =
        send("POST", "/api/v1/retention/runs", dryRun ? R"({"dry_run":true})" : R"({"dry_run":false})", dpo);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json();
  }

  // Every commissioners' count (each measure, whole and by each dimension, over the register's whole
  // life) and the indicators' inputs, exact (before disclosure control), as one text.
  std::string figures() {
    std::ostringstream out;
    auto tx = app->store().begin(true);  // a writer reads counts settled up to its own moment
    auto& stats = tx->statistics();
    for (int m = 0; m <= static_cast<int>(Measure::breaks_attended); ++m) {
      for (int d = -1; d <= static_cast<int>(Dimension::service); ++d) {
        CountQuery q;
        q.measure = static_cast<Measure>(m);
        if (d >= 0 && !dimensionApplies(q.measure, static_cast<Dimension>(d))) continue;
        if (d >= 0) q.by = {static_cast<Dimension>(d)};
        q.from = *parseIsoDate("2020-01-01");
        q.to = *parseIsoDate("2036-05-31");
        auto result = stats.count(q);
        out << m << "/" << d << ": " << result.total << " (" << result.population << ")";
        for (const auto& row : result.rows) {
          for (const auto& v : row.values) out << " " << v;
          out << "=" << row.count;
        }
        out << "\n";
      }
    }
    for (const char* on : {"2024-03-01", "2028-01-01", "2033-01-01"}) {
      const Date day = *parseIsoDate(on);
      out << on << " open 5-17 " << stats.openCasesAged(day, 5, 17);
      auto t = stats.transitionCoverage(day, 16, 17);
      out << " transition " << t.numerator << "/" << t.denominator;
      auto cards = stats.cardCoverage(day, 18);
      out << " cards " << cards.numerator << "/" << cards.denominator << "\n";
    }
    auto route = stats.referralsThroughRoute(*parseIsoDate("2020-01-01"), *parseIsoDate("2036-05-31"),
                                             OrganisationKind::school);
    out << "schools " << route.numerator << "/" << route.denominator << "\n";
    return out.str();
  }

  std::string kpis() {
    auto r = send("GET", "/api/v1/stats/kpis", "", commissioner);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.body;
  }
};

}  // namespace ycr::test_support

namespace {

std::vector<Id> idsIn(const Object::Ptr& o, const std::string& key) {
  std::vector<Id> out;
  auto a = o->getArray(key);
  for (std::size_t i = 0; i < a->size(); ++i) out.push_back(a->getElement<Id>(static_cast<unsigned>(i)));
  return out;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(retention_test, test_support::RetentionFixture)

BOOST_AUTO_TEST_CASE(only_the_record_past_both_anniversaries_and_not_held_is_due) {
  auto due = send("GET", "/api/v1/retention/due", "", dpo);
  BOOST_REQUIRE_MESSAGE(due.status == 200, due.body);
  auto items = due.json()->getArray("items");
  BOOST_REQUIRE_EQUAL(items->size(), 2u);  // Amira, and Ben whom a hold keeps
  auto first = items->getObject(0), second = items->getObject(1);
  BOOST_TEST(first->getValue<Id>("young_carer_id") == amira.youngCarerId);
  BOOST_TEST(first->getValue<bool>("held") == false);
  BOOST_TEST(first->getValue<std::string>("due_on") == "2035-05-01");  // her 25th birthday, the later
  BOOST_TEST(second->getValue<Id>("young_carer_id") == ben.youngCarerId);
  BOOST_TEST(second->getValue<bool>("held") == true);
  BOOST_TEST(due.body.find("Amira") == std::string::npos);  // ids, never names
}

BOOST_AUTO_TEST_CASE(a_record_that_never_had_a_case_is_due_from_its_last_change) {
  auto made =
      send("POST", "/api/v1/young-carers",
           R"({"given_name":"Fay","family_name":"Ng","date_of_birth":"2019-01-01","postcode":"LE7 1AA"})",
           caseworker);
  BOOST_REQUIRE_MESSAGE(made.status == 201, made.body);
  const Id fay = made.json()->getValue<Id>("id");
  auto dueIds = [&] {
    auto due = send("GET", "/api/v1/retention/due", "", dpo);
    BOOST_REQUIRE_MESSAGE(due.status == 200, due.body);
    std::vector<Id> ids;
    auto items = due.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto item = items->getObject(static_cast<unsigned>(i));
      ids.push_back(item->getValue<Id>("young_carer_id"));
      if (ids.back() == fay) BOOST_TEST(item->isNull("case_id"));
    }
    return ids;
  };
  auto has = [](const std::vector<Id>& ids, Id id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  BOOST_TEST(!has(dueIds(), fay));  // 17, and registered today
  moveTo("2043-06-01T10:00:00Z");
  BOOST_TEST(!has(dueIds(), fay));  // six years on, but not yet 25
  moveTo("2044-01-02T10:00:00Z");
  BOOST_TEST(has(dueIds(), fay));
  auto report = run(false);
  BOOST_TEST(has(idsIn(report, "anonymised"), fay));
}

BOOST_AUTO_TEST_CASE(a_dry_run_changes_nothing) {
  const auto before = figures();
  auto report = run(true);
  BOOST_TEST(report->getValue<bool>("dry_run"));
  BOOST_TEST(idsIn(report, "due") == std::vector<Id>{amira.youngCarerId});
  BOOST_TEST(idsIn(report, "held") == std::vector<Id>{ben.youngCarerId});
  BOOST_TEST(record(amira)->getValue<std::string>("given_name") == "Amira");
  BOOST_TEST(record(amira)->getValue<std::string>("postcode") == "LE2 7GH");
  BOOST_TEST(figures() == before);
  // Still due afterwards.
  BOOST_TEST(send("GET", "/api/v1/retention/due", "", dpo).json()->getArray("items")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_run_anonymises_the_due_record_and_keeps_the_held_one) {
  auto report = run(false);
  BOOST_TEST(idsIn(report, "anonymised") == std::vector<Id>{amira.youngCarerId});
  BOOST_TEST(idsIn(report, "held") == std::vector<Id>{ben.youngCarerId});
  BOOST_TEST(report->getObject("counts")->getValue<int>("anonymised") == 1);
  auto a = record(amira);
  BOOST_TEST(a->getValue<std::string>("given_name") == "Anonymised");
  BOOST_TEST(a->getValue<std::string>("family_name") == "record");
  BOOST_TEST(a->getValue<std::string>("postcode") == "LE2");  // the district the figures group by
  BOOST_TEST(a->getValue<std::string>("address") == "");
  BOOST_TEST(!a->isNull("anonymised_at"));
  auto timeline = send("GET", "/api/v1/cases/" + std::to_string(amira.caseId), "", caseworker);
  BOOST_REQUIRE_EQUAL(timeline.status, 200);
  BOOST_TEST(timeline.body.find("Looks after mum") == std::string::npos);
  BOOST_TEST(timeline.body.find("Amira") == std::string::npos);
  for (const auto& kept : {ben, cara, dan, eve}) BOOST_TEST(record(kept)->isNull("anonymised_at"));
  // Nobody fills the stub in again.
  BOOST_TEST(send("PATCH", "/api/v1/young-carers/" + std::to_string(amira.youngCarerId),
                  R"({"given_name":"Amira"})", caseworker, "application/merge-patch+json")
                 .isProblem(409));
  BOOST_TEST(record(ben)->getValue<std::string>("given_name") == "Ben");
  // Nor reopens its case: there is nothing left of the child to work on.
  auto reopen = send("POST", "/api/v1/cases/" + std::to_string(amira.caseId) + "/events",
                     R"({"event":"reopen"})", caseworker);
  BOOST_TEST(reopen.isProblem(409));
  BOOST_TEST(test_support::contains(reopen.body, "anonymised"));
  // The name search no longer finds her; the run is in the list of reports and the audit chain holds.
  auto search = send("POST", "/api/v1/young-carers/search", R"({"q":"Amira"})", caseworker);
  BOOST_REQUIRE_EQUAL(search.status, 200);
  BOOST_TEST(search.json()->getValue<int>("total") == 0);
  auto runs = send("GET", "/api/v1/retention/runs", "", dpo);
  BOOST_REQUIRE_EQUAL(runs.status, 200);
  BOOST_TEST(runs.json()->getArray("items")->getObject(0)->getValue<Id>("id") == report->getValue<Id>("id"));
  BOOST_TEST(static_cast<bool>(app->store().verifyAudit()));
  // A second run finds nothing more to do.
  BOOST_TEST(idsIn(run(false), "anonymised").empty());
}

BOOST_AUTO_TEST_CASE(the_commissioners_figures_are_the_same_after_anonymising) {
  const auto before = figures();
  const auto kpisBefore = kpis();
  BOOST_TEST(before.find("1/-1: 5 ") != std::string::npos, before);  // five referrals counted
  BOOST_TEST(idsIn(run(false), "anonymised") == std::vector<Id>{amira.youngCarerId});
  BOOST_TEST(figures() == before);
  BOOST_TEST(kpis() == kpisBefore);
}

BOOST_AUTO_TEST_CASE(a_new_referral_with_the_same_details_is_a_new_record) {
  BOOST_TEST(idsIn(run(false), "anonymised") == std::vector<Id>{amira.youngCarerId});
  // Referred again as the children they were (a referral is for someone under 18): Ben is kept, so the
  // same details find him (his closed case reopens) ...
  moveTo("2024-06-03T10:00:00Z");
  BOOST_TEST(refer("Ben", "Jones", "2011-06-02", "LE3 0AA").youngCarerId == ben.youngCarerId);
  // ... while Amira's find no one: she is a new record.
  auto again = refer("Amira", "Khan", "2010-05-01", "LE2 7GH");
  BOOST_TEST(again.youngCarerId != amira.youngCarerId);
}

BOOST_AUTO_TEST_CASE(releasing_the_hold_lets_the_next_run_anonymise) {
  auto released = send("POST", "/api/v1/legal-holds/" + std::to_string(benHold) + "/release",
                       R"({"reason":"Complaint closed"})", dpo);
  BOOST_REQUIRE_MESSAGE(released.status == 200, released.body);
  BOOST_TEST(released.json()->getValue<bool>("released"));
  BOOST_TEST(send("POST", "/api/v1/legal-holds/" + std::to_string(benHold) + "/release",
                  R"({"reason":"Again"})", dpo)
                 .isProblem(409));
  auto report = run(false);
  BOOST_TEST(idsIn(report, "anonymised") == (std::vector<Id>{amira.youngCarerId, ben.youngCarerId}));
  BOOST_TEST(record(ben)->getValue<std::string>("given_name") == "Anonymised");
  auto holds = send("GET", holdsPath(ben.youngCarerId), "", dpo);
  BOOST_REQUIRE_EQUAL(holds.status, 200);
  BOOST_TEST(holds.json()->getArray("items")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(only_the_data_protection_role_and_bad_input_is_a_4xx) {
  BOOST_TEST(send("GET", "/api/v1/retention/due", "", caseworker).isProblem(403));
  BOOST_TEST(send("POST", "/api/v1/retention/runs", "{}", commissioner).isProblem(403));
  BOOST_TEST(send("POST", holdsPath(cara.youngCarerId), R"({"reason":"x"})", caseworker).isProblem(403));
  auto noReason = send("POST", holdsPath(cara.youngCarerId), "{}", dpo);
  BOOST_TEST(noReason.isProblem(422));
  BOOST_TEST(noReason.firstErrorField() == "reason");
  BOOST_TEST(send("POST", holdsPath(cara.youngCarerId), R"({"reason":"x","who":"y"})", dpo).isProblem(422));
  BOOST_TEST(send("POST", holdsPath(999999), R"({"reason":"Litigation"})", dpo).isProblem(404));
  BOOST_TEST(send("POST", "/api/v1/legal-holds/999999/release", R"({"reason":"x"})", dpo).isProblem(404));
  BOOST_TEST(send("POST", "/api/v1/retention/runs", R"({"dry_run":"yes"})", dpo).isProblem(422));
  BOOST_TEST(send("GET", "/api/v1/retention/runs?limit=0", "", dpo).isProblem(422));
  // A record already anonymised takes no hold.
  run(false);
  BOOST_TEST(send("POST", holdsPath(amira.youngCarerId), R"({"reason":"Too late"})", dpo).isProblem(409));
}

BOOST_AUTO_TEST_CASE(erasure_on_request_anonymises_a_closed_record_now_and_keeps_the_figures) {
  const auto before = figures();
  auto erasePath = [](const Child& c) {
    return "/api/v1/young-carers/" + std::to_string(c.youngCarerId) + "/erasure";
  };
  const std::string because = R"({"reason":"Asked for erasure; no reason to keep"})";
  BOOST_TEST(send("POST", erasePath(dan), because, caseworker).isProblem(403));
  BOOST_TEST(send("POST", erasePath(dan), "{}", dpo).isProblem(422));
  BOOST_TEST(send("POST", erasePath(cara), because, dpo).isProblem(409));  // her case is open
  BOOST_TEST(send("POST", erasePath(ben), because, dpo).isProblem(409));   // held
  // Dan is not due until 2038; asked, he goes now.
  auto erased = send("POST", erasePath(dan), because, dpo);
  BOOST_REQUIRE_MESSAGE(erased.status == 200, erased.body);
  BOOST_TEST(erased.json()->getValue<std::string>("given_name") == "Anonymised");
  BOOST_TEST(record(dan)->getValue<std::string>("postcode") == "LE5");
  BOOST_TEST(send("POST", erasePath(dan), because, dpo).isProblem(409));  // once only
  BOOST_TEST(figures() == before);
}

BOOST_AUTO_TEST_CASE(the_data_protection_page_shows_what_is_due_and_runs) {
  const auto session = sessionFor("dpo");
  auto page = get("/data-protection/retention", session);
  BOOST_REQUIRE_EQUAL(page.status, 200);
  BOOST_TEST(test_support::contains(page.body,
                                    "<td class=\"govuk-table__cell\">" + std::to_string(amira.youngCarerId)));
  BOOST_TEST(test_support::contains(page.body, "Held"));
  BOOST_TEST(!test_support::contains(page.body, "Amira"));
  auto dry = post("/data-protection/retention/run", session, "mode=dry");
  BOOST_TEST(dry.status == 303);
  BOOST_TEST(record(amira)->getValue<std::string>("given_name") == "Amira");
  auto after = get("/data-protection/retention?done=dry", session);
  BOOST_TEST(test_support::contains(after.body, "Dry run finished"));
  BOOST_TEST(post("/data-protection/retention/run", session, "mode=run").status == 303);
  BOOST_TEST(record(amira)->getValue<std::string>("given_name") == "Anonymised");
  BOOST_TEST(get("/data-protection/retention", sessionFor("casey")).status == 403);
}

BOOST_AUTO_TEST_SUITE_END()
