#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "stats_service.h"

using namespace ycr;
using namespace ycr::services;
using namespace ycr::services::stats_fixture;

namespace {

const std::string kQ1 = "&from=2024-01-01&to=2024-03-31";

Poco::Dynamic::Var rowCount(const Object::Ptr& body, const std::string& dim, const std::string& value) {
  auto rows = body->getArray("rows");
  for (std::size_t i = 0; i < rows->size(); ++i) {
    auto row = rows->getObject(static_cast<unsigned>(i));
    if (row->getValue<std::string>(dim) == value) return row->get("count");
  }
  return Poco::Dynamic::Var("absent");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stats_api_test)

BOOST_AUTO_TEST_CASE(counts_are_published_through_disclosure_control) {
  StatsService s;
  s.february();
  auto r = s.get("/api/v1/stats/counts?measure=referrals_received&by=route" + kQ1);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  auto body = r.json();
  BOOST_TEST(body->getValue<std::string>("policy") == "nhs_digital");
  BOOST_TEST(body->getValue<std::string>("measure") == "referrals_received");
  BOOST_TEST(body->getValue<std::string>("from") == "2024-01-01");
  BOOST_TEST(body->getValue<bool>("withheld") == false);
  // True: school 14, adult social care 6, total 20. NHS Digital: 14 -> 15, 6 suppressed, 20 -> 20. The
  // total less the school's figure is no secret worth hiding: with the noise on (as configured; off in this
  // fixture to check the rules) it is a difference of protected cells, so no secondary suppression.
  BOOST_TEST(rowCount(body, "route", "adult_social_care").toString() == "suppressed");
  BOOST_TEST(rowCount(body, "route", "school").toString() == "15");
  BOOST_TEST(body->get("total").toString() == "20");
  BOOST_TEST(r.body.find("14") == std::string::npos);
  BOOST_TEST(r.body.find("primary") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(dfe_figures_are_rounded_for_ad_hoc_queries_and_totals_published) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  s.february();
  auto body = s.get("/api/v1/stats/counts?measure=young_carers_identified" + kQ1).json();
  BOOST_TEST(body->getValue<std::string>("policy") == "dfe");
  BOOST_TEST(body->getArray("rows")->size() == 0u);
  BOOST_TEST(body->get("total").toString() == "20");
  auto gender = s.get("/api/v1/stats/counts?measure=young_carers_identified&by=gender" + kQ1).json();
  BOOST_TEST(rowCount(gender, "gender", "girl").toString() == "10");
  BOOST_TEST(rowCount(gender, "gender", "boy").toString() == "10");
}

BOOST_AUTO_TEST_CASE(a_filter_selecting_fewer_children_than_the_minimum_is_withheld) {
  StatsService s;
  {
    auto tx = s.app->store().begin(true);
    for (int i = 0; i < 9; ++i)
      s.child(*tx, OrganisationKind::school, "2024-01-10T10:00:00Z", "2024-01-10T12:00:00Z");
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  auto body = s.get("/api/v1/stats/counts?measure=referrals_received&by=route" + kQ1).json();
  BOOST_TEST(body->getValue<bool>("withheld") == true);
  BOOST_TEST(body->get("total").toString() == "suppressed");
  BOOST_TEST(rowCount(body, "route", "school").toString() == "suppressed");
}

BOOST_AUTO_TEST_CASE(csv_has_a_header_row_and_c_for_suppressed_figures) {
  StatsService s;
  s.february();
  auto r = s.get("/api/v1/stats/counts?measure=referrals_received&by=route&format=csv" + kQ1);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  BOOST_TEST(r.contentType.rfind("text/csv", 0) == 0u);
  BOOST_TEST(r.body == "route,count\r\nadult_social_care,c\r\nschool,15\r\ntotal,20\r\n");
}

BOOST_AUTO_TEST_CASE(two_dimensions_give_cells_and_both_margins) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  s.february();
  auto body = s.get("/api/v1/stats/counts?measure=referrals_received&by=route,gender" + kQ1).json();
  BOOST_TEST(body->getArray("by")->size() == 2u);
  BOOST_TEST(body->getArray("rows")->size() == 4u);  // 2 routes x 2 genders
  BOOST_TEST(body->getObject("totals")->getArray("route")->size() == 2u);
  BOOST_TEST(body->getObject("totals")->getArray("gender")->size() == 2u);
}

BOOST_AUTO_TEST_CASE(by_may_be_repeated_or_comma_separated_and_single_parameters_may_not_repeat) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  s.february();
  const auto commas = s.get("/api/v1/stats/counts?measure=referrals_received&by=route,gender" + kQ1);
  const auto repeated = s.get("/api/v1/stats/counts?measure=referrals_received&by=route&by=gender" + kQ1);
  BOOST_REQUIRE_EQUAL(repeated.status, 200);
  BOOST_TEST(repeated.body == commas.body);
  BOOST_TEST(repeated.json()->getArray("by")->getElement<std::string>(1) == "gender");
  // Three dimensions however they are spelt.
  BOOST_TEST(s.get("/api/v1/stats/counts?measure=referrals_received&by=route,gender&by=district").status ==
             422);
  for (const auto& query :
       {"measure=open_cases&measure=transitions", "measure=open_cases&format=csv&format=json",
        "measure=transitions&from=2024-01-01&from=2024-02-01"}) {
    BOOST_TEST_CONTEXT(query) {
      auto r = s.get(std::string("/api/v1/stats/counts?") + query);
      BOOST_TEST(r.status == 422);
      auto error = r.json()->getArray("errors")->getObject(0);
      BOOST_TEST(error->getValue<std::string>("code") == "repeated");
    }
  }
  auto twice = s.get("/api/v1/stats/kpis?to=2024-03-31&to=2024-02-29");
  BOOST_TEST(twice.status == 422);
  BOOST_TEST(twice.json()->getArray("errors")->getObject(0)->getValue<std::string>("field") == "to");
}

BOOST_AUTO_TEST_CASE(assessments_completed_and_id_cards_issued_are_counted_like_the_other_measures) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  auto cases = s.february();
  {
    auto tx = s.app->store().begin(true);
    for (std::size_t i = 0; i < 12; ++i) {
      IdCard card;
      card.number = tx->idCards().nextNumber(at("2024-03-04T10:00:00Z")).value();
      card.youngCarerId = tx->cases().findById(cases[i])->youngCarerId;
      card.issued = *parseIsoDate(i < 11 ? "2024-03-04" : "2024-04-02");
      card.expires = addMonths(card.issued, 12);
      card.youngCarerConsent = true;
      card.createdAt = at("2024-03-04T10:00:00Z");
      BOOST_REQUIRE(static_cast<bool>(tx->idCards().create(card)));
    }
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  // 16 assessments completed on 1 March: 14 for referrals from schools, 2 from adult social care (dfe:
  // exact figures with 1-5 suppressed; the noise that protects them is off in this fixture).
  auto assessed = s.get("/api/v1/stats/counts?measure=assessments_completed&by=route" + kQ1).json();
  BOOST_TEST(assessed->get("total").toString() == "16");
  BOOST_TEST(rowCount(assessed, "route", "school").toString() == "14");
  BOOST_TEST(rowCount(assessed, "route", "adult_social_care").toString() == "suppressed");
  auto byMonth = s.get("/api/v1/stats/counts?measure=assessments_completed&by=month" + kQ1).json();
  BOOST_TEST(rowCount(byMonth, "month", "2024-03").toString() == "16");
  // 11 cards issued in March; the twelfth in April is outside the period.
  auto cards = s.get("/api/v1/stats/counts?measure=id_cards_issued&by=gender" + kQ1).json();
  BOOST_TEST(cards->getValue<bool>("withheld") == false);
  BOOST_TEST(cards->get("total").toString() == "11");
  BOOST_TEST(s.get("/api/v1/stats/counts?measure=id_cards_issued&by=month&from=2024-04-01&to=2024-04-30")
                 .json()
                 ->getValue<bool>("withheld") == true);
}

BOOST_AUTO_TEST_CASE(bad_parameters_are_refused_naming_the_parameter) {
  StatsService s;
  struct Case {
    std::string query, field;
  };
  for (const auto& c : std::vector<Case>{{"measure=bogus", "measure"},
                                         {"", "measure"},
                                         {"measure=open_cases&by=shoe_size", "by"},
                                         {"measure=open_cases&by=route,gender,district", "by"},
                                         {"measure=open_cases&by=route,route", "by"},
                                         {"measure=open_cases&from=2024-02-03", "from"},
                                         {"measure=open_cases&from=yesterday", "from"},
                                         {"measure=open_cases&to=2024-02-27", "to"},
                                         {"measure=open_cases&from=2024-03-01&to=2024-01-31", "to"},
                                         {"measure=open_cases&format=xml", "format"},
                                         {"measure=open_cases&colour=red", "colour"},
                                         {"measure=open_cases&by=month", "by"},
                                         {"measure=referrals_received&by=pathway_state", "by"}}) {
    BOOST_TEST_CONTEXT(c.query) {
      auto r = s.get("/api/v1/stats/counts?" + c.query);
      BOOST_TEST(r.status == 422);
      auto errors = r.json()->getArray("errors");
      BOOST_REQUIRE(errors->size() >= 1u);
      BOOST_TEST(errors->getObject(0)->getValue<std::string>("field") == c.field);
    }
  }
  BOOST_TEST(s.get("/api/v1/stats/kpis?from=2024-13-01").status == 422);
}

BOOST_AUTO_TEST_CASE(only_commissioners_and_team_managers_see_statistics) {
  StatsService s;
  struct Case {
    std::string who, path;
    int status;
  };
  for (const auto& c : std::vector<Case>{
           {"commissioner", "/api/v1/stats/counts?measure=open_cases", 200},
           {"commissioner", "/api/v1/stats/kpis", 200},
           {"manager", "/api/v1/stats/counts?measure=open_cases", 200},
           {"manager", "/api/v1/stats/kpis", 200},
           {"caseworker", "/api/v1/stats/counts?measure=open_cases", 403},
           {"caseworker", "/api/v1/stats/kpis", 403},
           {"referrer", "/api/v1/stats/counts?measure=open_cases", 403},
           {"referrer", "/api/v1/stats/kpis", 403},
           {"", "/api/v1/stats/kpis", 401},
           // A commissioner sees only disclosure-controlled counts, never records.
           {"commissioner", "/api/v1/young-carers?q=child", 403},
           {"commissioner", "/api/v1/young-carers/1", 403},
           {"commissioner", "/api/v1/cases", 403},
           {"commissioner", "/api/v1/cases/1", 403},
           {"commissioner", "/api/v1/referrals", 403},
       }) {
    BOOST_TEST_CONTEXT(c.who << " " << c.path) {
      BOOST_TEST(s.get(c.path, c.who).status == c.status);
    }
  }
}

BOOST_AUTO_TEST_CASE(every_statistics_query_is_audited_with_its_parameters) {
  StatsService s;
  BOOST_REQUIRE_EQUAL(s.get("/api/v1/stats/counts?measure=transitions&by=district" + kQ1).status, 200);
  BOOST_REQUIRE_EQUAL(s.get("/api/v1/stats/kpis?from=2024-01-01&to=2024-03-31").status, 200);
  auto tx = s.app->store().begin(false);
  AuditQuery q;
  q.recordType = "statistics";
  auto page = tx->audit().query(q);
  BOOST_REQUIRE_EQUAL(page.items.size(), 2u);
  BOOST_TEST(page.items[1].action == "stats.counts");
  BOOST_TEST(page.items[1].detail.find("measure=transitions by=district from=2024-01-01 to=2024-03-31") !=
             std::string::npos);
  BOOST_TEST(page.items[0].action == "stats.kpis");
  BOOST_TEST(page.items[0].detail.find("from=2024-01-01 to=2024-03-31") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(kpis_for_a_hand_computed_register) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}, {"population_5_to_17", "1000"}});
  s.february();
  auto body = s.get("/api/v1/stats/kpis?from=2024-01-01&to=2024-03-31").json();
  auto list = body->getArray("indicators");
  std::map<std::string, Object::Ptr> by;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto o = list->getObject(static_cast<unsigned>(i));
    by[o->getValue<std::string>("id")] = o;
  }
  BOOST_REQUIRE_EQUAL(by.size(), indicatorDefinitions().size());
  struct Expect {
    std::string id, numerator, denominator, value, rag;
  };
  for (const auto& e : std::vector<Expect>{
           // 14 of 20 decided by Tuesday 6 February: 70%, more than 10 short of 95.
           {"referrals_decided_within_1_working_day", "14", "20", "70", "red"},
           // 10 of 16 assessments on time: 62.5%.
           {"assessments_within_45_working_days", "10", "16", "62.5", "red"},
           // 6 of 20 from adult social care: 30% against 10%.
           {"referrals_from_adult_social_care", "6", "20", "30", "green"},
           // 20 open cases aged 5-17 against 2.1% of 1,000 = 21: 95.2%.
           {"young_carers_identified", "20", "21", "95.2", "green"},
           // Nothing due and nobody aged 16-17: no value.
           {"reviews_on_time", "0", "0", "", "not_applicable"},
           {"transition_assessments_16_17", "0", "0", "", "not_applicable"},
           // 20 open cases under 18, none with a card: 0 of 20.
           {"id_cards_for_those_wanting_one", "0", "20", "0", "red"},
           // No review completed in the period.
           {"wellbeing_improved_at_review", "0", "0", "", "not_applicable"},
           // No school attendance recorded.
           {"absence_for_caring_reduced", "0", "0", "", "not_applicable"},
           // No task for adult social care.
           {"adult_social_care_tasks_on_time", "0", "0", "", "not_applicable"},
       }) {
    BOOST_TEST_CONTEXT(e.id) {
      auto o = by.at(e.id);
      BOOST_TEST(o->getValue<bool>("available"));
      BOOST_TEST(o->get("numerator").toString() == e.numerator);
      BOOST_TEST(o->get("denominator").toString() == e.denominator);
      BOOST_TEST((o->get("value").isEmpty() ? std::string() : o->get("value").toString()) == e.value);
      BOOST_TEST(o->getValue<std::string>("rag") == e.rag);
    }
  }
  // One school ("referrer org") has a champion in post, the other (the door) none: 1 of 2.
  BOOST_TEST(by.at("schools_with_active_champion")->get("numerator").toString() == "1");
  BOOST_TEST(by.at("schools_with_active_champion")->get("denominator").toString() == "2");
  BOOST_TEST(by.at("schools_with_active_champion")->getValue<std::string>("rag") == "amber");
  // No activity at all: nobody attended a short break.
  BOOST_TEST(by.at("young_carers_receiving_short_breaks")->get("numerator").toString() == "0");
}

namespace {

// `count` tasks of `kind` for adult social care on a case, due on `due`, each moved to `to` at `when`
// (as the task service moves them: the status and a history row; cancelled without one).
void tasks(Transaction& tx, Id caseId, int count, const std::string& kind, const std::string& due,
           TaskStatus to = TaskStatus::open, const std::string& when = "") {
  for (int i = 0; i < count; ++i) {
    CaseTask t;
    t.caseId = caseId;
    t.kind = kind;
    t.description = "A task for adult social care";
    t.assignedTo = "adult_social_care";
    t.due = *parseIsoDate(due);
    t.createdAt = t.updatedAt = at("2023-12-01T10:00:00Z");
    t.id = tx.cases().addTask(t).value();
    if (to == TaskStatus::open) continue;
    t.status = to;
    t.updatedAt = at(when);
    BOOST_REQUIRE(static_cast<bool>(tx.cases().updateTask(t, TaskStatus::open)));
    if (to == TaskStatus::cancelled) continue;
    TaskEvent e;
    e.taskId = t.id;
    e.caseId = caseId;
    e.at = at(when);
    e.fromStatus = TaskStatus::open;
    e.toStatus = to;
    BOOST_REQUIRE(static_cast<bool>(tx.cases().appendTaskEvent(e)));
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(adult_social_care_tasks_are_timely_when_taken_up_by_the_due_day) {
  StatsService s(StatsService::Settings{{"disclosure_policy", "dfe"}});
  {
    auto tx = s.app->store().begin(true);
    const Id a = s.child(*tx, OrganisationKind::school, "2023-12-01T10:00:00Z", "2023-12-01T11:00:00Z");
    const Id b = s.child(*tx, OrganisationKind::school, "2023-12-01T10:00:00Z", "2023-12-01T11:00:00Z");
    const std::string asc = "adult_social_care_assessment", yac = "young_adult_carer_assessment";
    // Due Friday 15 March: accepted that day (on time), or the next working day, Monday (late).
    tasks(*tx, a, 10, asc, "2024-03-15", TaskStatus::accepted, "2024-03-15T16:00:00Z");
    tasks(*tx, b, 10, yac, "2024-03-15", TaskStatus::accepted, "2024-03-18T09:00:00Z");
    // Completed straight from open on the due day, the period's first: on time by the completion.
    tasks(*tx, a, 5, asc, "2024-01-01", TaskStatus::completed, "2024-01-01T10:00:00Z");
    // Due on the period's last day, accepted at 00:30 the next UK day (British Summer Time): late.
    tasks(*tx, b, 5, yac, "2024-03-31", TaskStatus::accepted, "2024-03-31T23:30:00Z");
    // Never taken up, and past the due day: late.
    tasks(*tx, a, 5, asc, "2024-03-20");
    // Left out: cancelled, due outside the period, another kind of task.
    tasks(*tx, a, 5, asc, "2024-03-15", TaskStatus::cancelled, "2024-03-14T10:00:00Z");
    tasks(*tx, b, 5, asc, "2023-12-29", TaskStatus::accepted, "2023-12-29T10:00:00Z");
    tasks(*tx, b, 5, yac, "2024-04-01", TaskStatus::accepted, "2024-03-29T10:00:00Z");
    tasks(*tx, a, 5, "school_contact", "2024-03-15", TaskStatus::accepted, "2024-03-15T10:00:00Z");
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  auto kpi = [&](const std::string& period) {
    auto list = s.get("/api/v1/stats/kpis?" + period).json()->getArray("indicators");
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto o = list->getObject(static_cast<unsigned>(i));
      if (o->getValue<std::string>("id") == "adult_social_care_tasks_on_time") return o;
    }
    BOOST_FAIL("no adult_social_care_tasks_on_time");
    return Object::Ptr();
  };
  // 15 on time of 35 (10 + 10 + 5 + 5 + 5): 42.9%, red against 90.
  auto q1 = kpi("from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "15");
  BOOST_TEST(q1->get("denominator").toString() == "35");
  BOOST_TEST(q1->get("value").toString() == "42.9");
  BOOST_TEST(q1->getValue<std::string>("rag") == "red");
  BOOST_TEST(q1->getValue<double>("target") == 90);
  // March alone: the 5 due on 1 January are outside it.
  auto march = kpi("from=2024-03-01&to=2024-03-31");
  BOOST_TEST(march->get("numerator").toString() == "10");
  BOOST_TEST(march->get("denominator").toString() == "30");
}

// A school at the register's start (URN, name) with its young carer champion's first and last day in
// post (none: no champion; last empty: still in post).
struct ChampionSchool {
  std::string name, urn;
  std::string since, until;
};

void addChampionSchools(StatsService& s, const std::vector<ChampionSchool>& schools) {
  auto tx = s.app->store().begin(true);
  for (const auto& school : schools) {
    Organisation o;
    o.kind = OrganisationKind::school;
    o.name = school.name;
    o.identifier = school.urn;
    Id orgId = tx->organisations().create(o).value();
    // An active referrer account at every school: an account is not a champion.
    User u;
    u.username = "referrer." + std::to_string(orgId);
    u.role = Role::referrer;
    u.organisationId = orgId;
    u.passwordHash = "x";
    u.createdAt = at("2023-01-10T09:00:00Z");
    BOOST_REQUIRE(static_cast<bool>(tx->users().create(u)));
    if (school.since.empty()) continue;
    SchoolChampion c;
    c.organisationId = orgId;
    c.name = "Mrs J. Patel";
    c.since = *parseIsoDate(school.since);
    auto id = tx->schoolChampions().add(c);
    BOOST_REQUIRE(static_cast<bool>(id));
    if (!school.until.empty())
      BOOST_REQUIRE(static_cast<bool>(tx->schoolChampions().end(*id, *parseIsoDate(school.until), "Left",
                                                                std::nullopt, at("2024-01-01T09:00:00Z"))));
  }
  BOOST_REQUIRE(static_cast<bool>(tx->commit()));
}

BOOST_AUTO_TEST_CASE(schools_count_with_a_champion_in_post_on_the_period_s_last_day) {
  StatsService s(StatsService::Settings{{"schools_total", "4"}});
  addChampionSchools(s, {{"Oak Academy", "", "2024-01-10", ""},            // counted
                         {"Elm Primary", "", "2023-09-04", "2024-02-29"},  // stepped down in the period
                         {"Ash College", "", "2024-04-10", ""},            // named later
                         {"Yew School", "", "", ""}});                     // an account, no champion
  // The fixture's "referrer org" school and Oak Academy: 2 of the configured 4 schools.
  auto q1 = indicator(s, "schools_with_active_champion", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "2");
  BOOST_TEST(q1->get("denominator").toString() == "4");
  BOOST_TEST(q1->get("value").toString() == "50");
  BOOST_TEST(q1->getValue<std::string>("rag") == "amber");
  BOOST_TEST(q1->getValue<std::string>("note").find("schools_total") != std::string::npos);
  // A number of schools names none of them.
  BOOST_TEST(!q1->has("schools_without_champion"));
  // Elm's champion counts for the months they were in post, to their last day: history, not today.
  auto february = indicator(s, "schools_with_active_champion", "from=2024-02-01&to=2024-02-29");
  BOOST_TEST(february->get("numerator").toString() == "3");
  auto april = indicator(s, "schools_with_active_champion", "from=2024-04-01&to=2024-04-30");
  BOOST_TEST(april->get("numerator").toString() == "3");  // referrer org, Oak, Ash
}

// The register's schools for the list tests.
const std::vector<ChampionSchool> kChampionSchools = {
    {"Oak Academy", "100001", "2024-01-10", ""},                 // listed, champion
    {"Elm Primary", "100002", "2023-09-04", "2023-12-19"},       // listed, champion stepped down
    {"Ash College, Upper School", "100003", "2024-02-01", ""},   // listed, champion
    {"Birch Infants", "100004", "2024-04-10", ""},               // listed, champion named in April
    {"Outside Independent School", "999999", "2024-01-10", ""},  // not on the list
};

void addChampionSchools(StatsService& s) {
  addChampionSchools(s, kChampionSchools);
}

// The indicator's schools without a champion as "URN name", in the order given, each checked to carry
// nothing but its URN and name.
std::vector<std::string> schoolsWithoutChampion(const Object::Ptr& indicator) {
  std::vector<std::string> out;
  BOOST_REQUIRE(indicator->has("schools_without_champion"));
  auto list = indicator->getArray("schools_without_champion");
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto school = list->getObject(static_cast<unsigned>(i));
    BOOST_TEST(school->size() == 2u);
    out.push_back(school->getValue<std::string>("urn") + " " + school->getValue<std::string>("name"));
  }
  return out;
}

// A file in its own temporary directory, removed with it.
struct TempFile {
  std::filesystem::path dir, path;
  TempFile(const std::string& name, const std::string& content) {
    dir = std::filesystem::temp_directory_path() /
          ("ycr-schools-" + std::to_string(::getpid()) + "-" + RandomIdSource().token().substr(0, 12));
    std::filesystem::create_directories(dir);
    path = dir / name;
    std::ofstream(path, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove_all(dir); }
};

BOOST_AUTO_TEST_CASE(with_a_schools_file_only_champions_at_listed_schools_count) {
  // As a spreadsheet saves it: CRLF, a quoted name with a comma, columns the indicator does not read.
  TempFile schools("schools.csv",
                   "URN,Name,Phase\r\n"
                   "100001,Oak Academy,Secondary\r\n"
                   "100002,Elm Primary,Primary\r\n"
                   "100003,\"Ash College, Upper School\",Secondary\r\n"
                   "100004,Birch Infants,Primary\r\n");
  StatsService s(StatsService::Settings{{"schools_file", schools.path.string()}});
  addChampionSchools(s);
  // Oak and Ash: 2 of the 4 listed. Not Elm (stepped down), Birch (named after the period), the outside
  // school (not listed) or the fixture's school without a URN.
  auto q1 = indicator(s, "schools_with_active_champion", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "2");
  BOOST_TEST(q1->get("denominator").toString() == "4");
  BOOST_TEST(q1->get("value").toString() == "50");
  BOOST_TEST(q1->get("target").toString() == "75");
  BOOST_TEST(q1->getValue<std::string>("rag") == "amber");
  BOOST_TEST(q1->getValue<std::string>("note").find("4 schools in schools_file") != std::string::npos);
  // The other two listed schools, by name (the file has Elm before Birch), each as its URN and name
  // only: not the outside school, whose champion does not count either.
  BOOST_TEST(
      schoolsWithoutChampion(q1) == (std::vector<std::string>{"100004 Birch Infants", "100002 Elm Primary"}),
      boost::test_tools::per_element());
  // By the end of April Birch's champion is named: 3 of 4 meets the 75% target; Elm is left.
  auto april = indicator(s, "schools_with_active_champion", "from=2024-04-01&to=2024-04-30");
  BOOST_TEST(april->get("numerator").toString() == "3");
  BOOST_TEST(april->get("denominator").toString() == "4");
  BOOST_TEST(april->getValue<std::string>("rag") == "green");
  BOOST_TEST(schoolsWithoutChampion(april) == (std::vector<std::string>{"100002 Elm Primary"}),
             boost::test_tools::per_element());
  // Only the champion indicator lists schools.
  auto all = s.get("/api/v1/stats/kpis?from=2024-01-01&to=2024-03-31").json()->getArray("indicators");
  for (std::size_t i = 0; i < all->size(); ++i) {
    auto o = all->getObject(static_cast<unsigned>(i));
    const std::string id = o->getValue<std::string>("id");
    BOOST_TEST(o->has("schools_without_champion") == (id == "schools_with_active_champion"), id);
  }
}

// The action plan counts champions at secondary schools, against targets in stages: 40%, then 75%.
BOOST_AUTO_TEST_CASE(champions_are_counted_at_secondary_schools_against_a_staged_target) {
  // An extract from Get Information About Schools, as it comes: its own column names.
  TempFile schools("schools.csv",
                   "URN,EstablishmentName,PhaseOfEducation (name)\r\n"
                   "100001,Oak Academy,Secondary\r\n"
                   "100002,Elm Primary,Primary\r\n"
                   "100003,\"Ash College, Upper School\",All-through\r\n"
                   "100004,Birch Infants,Primary\r\n"
                   "100005,Rowan High,Secondary\r\n");
  StatsService s(StatsService::Settings{{"schools_file", schools.path.string()},
                                        {"champion_schools", "secondary"},
                                        {"target.schools_with_active_champion", "40 until 2024-03-31, 75"}});
  addChampionSchools(s);
  // Oak and Ash of the 3 secondary schools: 66.7%, green against the first stage's 40%.
  auto q1 = indicator(s, "schools_with_active_champion", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "2");
  BOOST_TEST(q1->get("denominator").toString() == "3");
  BOOST_TEST(q1->get("target").toString() == "40");
  BOOST_TEST(q1->getValue<std::string>("rag") == "green");
  BOOST_TEST(q1->getValue<std::string>("note").find("3 secondary schools in schools_file") !=
             std::string::npos);
  BOOST_TEST(schoolsWithoutChampion(q1) == (std::vector<std::string>{"100005 Rowan High"}),
             boost::test_tools::per_element());
  // April is in the next stage, 75%: the same 2 of 3 is amber. Birch's champion, named in April, is at a
  // primary school.
  auto april = indicator(s, "schools_with_active_champion", "from=2024-04-01&to=2024-04-30");
  BOOST_TEST(april->get("numerator").toString() == "2");
  BOOST_TEST(april->get("target").toString() == "75");
  BOOST_TEST(april->getValue<std::string>("rag") == "amber");
}

BOOST_AUTO_TEST_CASE(schools_without_a_champion_are_listed_as_a_reader_orders_them) {
  // Capitals, accents and full stops do not move a school out of its place in the alphabet.
  TempFile schools("schools.csv",
                   "URN,Name\n"
                   "200001,Ysgol Y Graig\n"
                   "200002,st Anne's Primary\n"
                   "200003,Église Saint-Pierre Bilingual School\n"
                   "200004,St. Albans Academy\n"
                   "200005,Elm Primary\n");
  StatsService s(StatsService::Settings{{"schools_file", schools.path.string()}});
  auto q1 = indicator(s, "schools_with_active_champion", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(schoolsWithoutChampion(q1) ==
                 (std::vector<std::string>{"200003 Église Saint-Pierre Bilingual School",
                                           "200005 Elm Primary", "200004 St. Albans Academy",
                                           "200002 st Anne's Primary", "200001 Ysgol Y Graig"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(when_every_listed_school_has_a_champion_none_are_listed_without) {
  TempFile schools("schools.csv", "urn,name\n100003,\"Ash College, Upper School\"\n100001,Oak Academy\n");
  StatsService s(StatsService::Settings{{"schools_file", schools.path.string()}});
  addChampionSchools(s);
  auto q1 = indicator(s, "schools_with_active_champion", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "2");
  BOOST_TEST(q1->get("denominator").toString() == "2");
  BOOST_REQUIRE(q1->has("schools_without_champion"));
  BOOST_TEST(q1->getArray("schools_without_champion")->size() == 0u);
}

BOOST_AUTO_TEST_CASE(without_a_schools_file_champions_count_against_the_schools_on_the_register) {
  StatsService s;
  addChampionSchools(s);
  // The fixture's school, Oak, Ash and the outside school, of the 6 schools on the register.
  auto q1 = indicator(s, "schools_with_active_champion", "from=2024-01-01&to=2024-03-31");
  BOOST_TEST(q1->get("numerator").toString() == "4");
  BOOST_TEST(q1->get("denominator").toString() == "6");
  BOOST_TEST(q1->getValue<std::string>("note").find("schools on the register") != std::string::npos);
  // No list, so no listed school to name.
  BOOST_TEST(!q1->has("schools_without_champion"));
}

BOOST_AUTO_TEST_CASE(a_bad_schools_file_stops_the_service_naming_the_file_and_line) {
  TempFile schools("schools.csv", "urn,name\n100001,Oak Academy\n10002,Elm Primary\n");
  Config config;
  config.database = (schools.dir / "t.db").string();
  config.port = 0;
  BOOST_REQUIRE(static_cast<bool>(config.set("schools_file", schools.path.string())));
  FixedClock clock{at("2024-04-15T12:00:00Z")};
  RandomIdSource ids;
  auto created = App::create(config, clock, ids);
  BOOST_REQUIRE(!created);
  BOOST_TEST(created.error().detail.find(schools.path.string() + ":3:") != std::string::npos,
             created.error().detail);
  BOOST_TEST(created.error().detail.find("10002") != std::string::npos);
  // Refused before the database is opened, so nothing is created.
  BOOST_TEST(!std::filesystem::exists(schools.dir / "t.db"));
  // A list and a number of schools together: refused, whichever was set first.
  BOOST_REQUIRE(static_cast<bool>(config.set("schools_total", "4")));
  std::ofstream(schools.path, std::ios::binary | std::ios::trunc) << "urn,name\n100001,Oak Academy\n";
  auto both = App::create(config, clock, ids);
  BOOST_REQUIRE(!both);
  BOOST_TEST(both.error().detail.find("not both") != std::string::npos, both.error().detail);
}

BOOST_AUTO_TEST_CASE(indicator_settings_are_validated) {
  Config c;
  BOOST_TEST(!static_cast<bool>(c.set("disclosure_policy", "open_data")));
  BOOST_TEST(!static_cast<bool>(c.set("minimum_population", "0")));
  BOOST_TEST(!static_cast<bool>(c.set("prevalence_percent", "2.1x")));
  BOOST_TEST(!static_cast<bool>(c.set("target.reviews_on_time", "120")));
  BOOST_TEST(!static_cast<bool>(c.set("target.no_such_indicator", "50")));
  BOOST_TEST(static_cast<bool>(c.set("target.reviews_on_time", "85.5")));
  BOOST_TEST(c.indicatorTargets.at("reviews_on_time").front().target == 85.5);
  // Every indicator's target is a setting, the newest too.
  BOOST_TEST(static_cast<bool>(c.set("target.adult_social_care_tasks_on_time", "80")));
  BOOST_TEST(c.indicatorTargets.at("adult_social_care_tasks_on_time").front().target == 80);
  // In stages, as the action plan sets them; a stage over 100% is refused like a single figure, naming
  // the setting.
  BOOST_TEST(static_cast<bool>(
      c.set("target.schools_with_active_champion", "40 until 2025-03-31, 75 until 2026-03-31, 100")));
  BOOST_TEST(c.indicatorTargets.at("schools_with_active_champion").size() == 3u);
  const auto over = c.set("target.schools_with_active_champion", "40 until 2025-03-31, 120");
  BOOST_REQUIRE(!static_cast<bool>(over));
  BOOST_TEST(over.error().detail ==
             "target.schools_with_active_champion: A percentage target cannot be over 100");
  BOOST_TEST(!static_cast<bool>(c.set("target.schools_with_active_champion", "40 until 2025-03-31")));
  BOOST_TEST(!static_cast<bool>(c.set("target.adult_social_care_tasks_on_time", "101")));
  for (const auto& d : indicatorDefinitions()) BOOST_TEST_CONTEXT(d.id) {
      BOOST_TEST(static_cast<bool>(c.set("target." + d.id, "50")));
    }
  BOOST_TEST(static_cast<bool>(c.set("disclosure_policy", "ons_10_5")));
  BOOST_TEST(toString(c.disclosurePolicy) == "ons_10_5");
}

// ---- the noise, as configured (disclosure.h, PROTECT ONCE, DERIVE EVERYTHING) ----

namespace {

// 40 referrals a month from schools, 3 from health services, January to June 2024, under the configured
// noise.
struct NoisyService : StatsService {
  explicit NoisyService(const Settings& extra = Settings()) : StatsService(withNoise(extra)) {
    auto tx = app->store().begin(true);
    for (int month = 1; month <= 6; ++month)
      for (int i = 0; i < 43; ++i) {
        const std::string day =
            "2024-0" + std::to_string(month) + "-1" + std::to_string(i % 9) + "T10:00:00Z";
        child(*tx, i < 40 ? OrganisationKind::school : OrganisationKind::health, day, day);
      }
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
  }
  static Settings withNoise(Settings extra) {
    extra.insert(extra.begin(), {"disclosure_noise_sigma", "2"});
    return extra;
  }
};

long long number(const Poco::Dynamic::Var& v) {
  return std::stoll(v.toString());
}

const std::string kHalf = "&from=2024-01-01&to=2024-06-30";
using Settings = StatsService::Settings;

}  // namespace

BOOST_AUTO_TEST_CASE(noisy_figures_are_the_same_every_time_and_months_add_up_to_the_period) {
  NoisyService s(Settings{{"disclosure_policy", "dfe"}});
  const auto first = s.get("/api/v1/stats/counts?measure=referrals_received&by=month" + kHalf);
  BOOST_REQUIRE_EQUAL(first.status, 200);
  // Asking again gives the same figures: nothing to average away.
  BOOST_TEST(s.get("/api/v1/stats/counts?measure=referrals_received&by=month" + kHalf).body == first.body);
  // Months are differences of protected month ends, so they add up exactly to the period's figure.
  auto body = first.json();
  long long sum = 0;
  auto rows = body->getArray("rows");
  BOOST_TEST_REQUIRE(rows->size() == 6u);
  for (unsigned i = 0; i < rows->size(); ++i) sum += number(rows->getObject(i)->get("count"));
  BOOST_TEST(sum == number(body->get("total")));
  // ... and the period's figure is the same whichever way it is asked for.
  auto total = s.get("/api/v1/stats/counts?measure=referrals_received" + kHalf).json();
  BOOST_TEST(number(total->get("total")) == sum);
}

BOOST_AUTO_TEST_CASE(noisy_figures_are_near_the_truth_but_not_the_truth) {
  NoisyService s(Settings{{"disclosure_policy", "dfe"}});
  // 43 a month from two doors: the monthly figures by route, over 12 single-month and range requests.
  int exact = 0, figures = 0;
  long long worst = 0;
  for (int first = 1; first <= 6; ++first)
    for (int last = first; last <= std::min(6, first + 1); ++last) {
      const std::string period =
          "&from=2024-0" + std::to_string(first) + "-01&to=" +
          formatIsoDate(monthEnd(monthIndex(*parseIsoDate("2024-0" + std::to_string(last) + "-01"))));
      auto body = s.get("/api/v1/stats/counts?measure=referrals_received&by=route" + period).json();
      const long long truth = 40 * (last - first + 1);
      const auto school = rowCount(body, "route", "school");
      BOOST_TEST_REQUIRE(school.toString() != "absent");
      ++figures;
      exact += number(school) == truth;
      worst = std::max(worst, std::abs(number(school) - truth));
    }
  // sigma 2 on each month end: a figure is off by 2.8 on average (standard deviation); 4.2 sigma is 12.
  BOOST_TEST(worst <= 12);
  BOOST_TEST(exact < figures);
}

BOOST_AUTO_TEST_CASE(the_order_of_the_dimensions_does_not_change_the_figures) {
  NoisyService s;
  auto ab = s.get("/api/v1/stats/counts?measure=referrals_received&by=route,gender" + kHalf).json();
  auto ba = s.get("/api/v1/stats/counts?measure=referrals_received&by=gender,route" + kHalf).json();
  // Each row names its values by dimension, so the two answers are compared cell by cell.
  auto cells = [](const Poco::JSON::Object::Ptr& body) {
    std::map<std::pair<std::string, std::string>, std::string> out;
    auto rows = body->getArray("rows");
    for (unsigned i = 0; i < rows->size(); ++i) {
      auto row = rows->getObject(i);
      out[{row->getValue<std::string>("route"), row->getValue<std::string>("gender")}] =
          row->get("count").toString();
    }
    return out;
  };
  BOOST_TEST(!cells(ab).empty());
  BOOST_TEST((cells(ab) == cells(ba)));
}

BOOST_AUTO_TEST_CASE(indicators_cover_whole_months) {
  NoisyService s;
  auto r = s.get("/api/v1/stats/kpis?from=2024-01-02&to=2024-06-30");
  BOOST_TEST(r.status == 422);
  BOOST_TEST(r.json()->getArray("errors")->getObject(0)->getValue<std::string>("field") == "from");
  auto to = s.get("/api/v1/stats/kpis?from=2024-01-01&to=2024-06-29");
  BOOST_TEST(to.json()->getArray("errors")->getObject(0)->getValue<std::string>("field") == "to");
  BOOST_TEST(s.get("/api/v1/stats/kpis?from=2024-01-01&to=2024-06-30").status == 200);
}

BOOST_AUTO_TEST_CASE(an_account_asking_too_often_is_refused_and_flagged_to_auditors) {
  NoisyService s(Settings{{"stats_requests_per_minute", "3"}, {"stats_flag_after", "2"}});
  for (int i = 0; i < 3; ++i)
    BOOST_TEST(s.get("/api/v1/stats/counts?measure=referrals_received" + kHalf).status == 200);
  auto refused = s.get("/api/v1/stats/counts?measure=referrals_received" + kHalf);
  BOOST_TEST(refused.status == 429);
  BOOST_TEST(refused.contentType.rfind("application/problem+json", 0) == 0u);
  // Another account is not held back by the first one's questions.
  BOOST_TEST(s.get("/api/v1/stats/counts?measure=referrals_received" + kHalf, "manager").status == 200);
  auto tx = s.app->store().begin(false);
  AuditQuery q;
  q.recordType = "statistics";
  q.limit = 100;
  int flagged = 0;
  for (const auto& e : tx->audit().query(q).items) flagged += e.action == "stats.many_requests";
  BOOST_TEST(flagged == 1);
}

BOOST_AUTO_TEST_SUITE_END()
