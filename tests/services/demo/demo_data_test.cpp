// ycr demo-data: the bulk loader writes exactly the register the repositories would (activities and their
// registers included), its audit trail verifies, and its precomputed counts and indicator inputs are those
// the one-by-one path keeps.

#include "ycr/services/demo_data.h"

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "ycr/core/validation.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;

namespace {

struct Database {
  std::filesystem::path path;
  std::unique_ptr<storage::SqliteStore> store;
  explicit Database(const std::string& name) {
    path = std::filesystem::temp_directory_path() /
           ("ycr-demo-" + std::to_string(::getpid()) + "-" + name + ".db");
    std::filesystem::remove(path);
    store = std::move(storage::SqliteStore::open({path.string(), 2, 5000}).value());
    BOOST_REQUIRE(static_cast<bool>(store->migrate()));
  }
  ~Database() {
    store.reset();
    for (const auto* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  }
  // Every row of a query, as one text, to compare two databases.
  std::string dump(const std::string& sql) const {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* s = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    long long rows = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
      ++rows;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
        out += (p ? p : "NULL") + std::string("|");
      }
      out += "\n";
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return std::to_string(rows) + " rows\n" + out;
  }
};

pathways::Engine engine() {
  auto calendar = pathways::WorkingDayCalendar::loadFile(std::string(YCR_SOURCE_DIR) +
                                                         "/pathways/data/bank-holidays.json");
  BOOST_REQUIRE(static_cast<bool>(calendar));
  return pathways::Engine(pathways::PathwayConfig{}, std::move(calendar.value()));
}

const QuestionnaireSet& questionnaires() {
  static const QuestionnaireSet set =
      services::loadQuestionnaires(std::string(YCR_SOURCE_DIR) + "/core/data/questionnaires").value();
  return set;
}

// Each term once per young carer, reported by the register's last day, adding up, some absence put down to
// caring, every term and both sources.
void checkSchoolAttendance(Database& db) {
  BOOST_TEST(
      db.dump("SELECT COUNT(*) FROM (SELECT young_carer_id, academic_year, term FROM school_attendance "
              "GROUP BY 1, 2, 3 HAVING COUNT(*) > 1)") == "1 rows\n0|\n");
  BOOST_TEST(db.dump("SELECT COUNT(*) FROM school_attendance WHERE missed_for_caring > sessions_missed OR "
                     "sessions_missed > sessions_possible OR recorded_at > '2025-07-01'") == "1 rows\n0|\n");
  BOOST_TEST(db.dump("SELECT SUM(missed_for_caring) > 0, COUNT(DISTINCT term), COUNT(DISTINCT source) FROM "
                     "school_attendance") == "1 rows\n1|3|2|\n");
}

// The tables both loaders must write row for row.
const char* const kSameTables[] = {
    "young_carers",   "cases",           "referrals",          "cared_for_people",   "case_events",
    "assessments",    "support_plans",   "support_plan_items", "id_card_serials",    "id_cards",
    "activities",     "activity_places", "school_attendance",  "survey_invitations", "survey_responses",
    "survey_answers", "feedback",        "complaint_stages",   "stats_referrals",    "stats_care",
    "stats_episodes", "stats_children"};

// Surveys sent about a year after cards and after reviews, most answered, each answer on the shipped
// surveys' 1-5 scale and in the financial year of its link's use; both loaders wrote the same numbers.
void checkSurveys(Database& one, const services::DemoDataSummary& a, const services::DemoDataSummary& b) {
  BOOST_TEST(b.surveyInvitations == a.surveyInvitations);
  BOOST_TEST(b.surveyResponses == a.surveyResponses);
  BOOST_TEST(a.surveyInvitations > 30);
  BOOST_TEST(a.surveyResponses > 10);
  BOOST_TEST(one.dump("SELECT COUNT(*) FROM survey_invitations WHERE used_at IS NOT NULL") ==
             "1 rows\n" + std::to_string(a.surveyResponses) + "|\n");
  BOOST_TEST(one.dump("SELECT DISTINCT survey_id, occasion FROM survey_invitations ORDER BY 1") ==
             "2 rows\nfeeling-heard|review_completed|\nid-card-year-one|card_issued|\n");
  BOOST_TEST(one.dump("SELECT COUNT(*) FROM survey_answers WHERE value NOT BETWEEN 1 AND 5") ==
             "1 rows\n0|\n");
}

// Complaints taken to an investigation, some answered there, each asked for within the 20 working days
// of the answer before it.
void checkComplaintStages(Database& one) {
  BOOST_TEST(one.dump("SELECT COUNT(*) > 0, SUM(outcome IS NULL) < COUNT(*) FROM feedback WHERE stage > 1") ==
             "1 rows\n1|1|\n");
  BOOST_TEST(one.dump("SELECT COUNT(*) FROM complaint_stages s JOIN feedback f ON f.id = s.feedback_id WHERE "
                      "s.stage = f.stage - 1 AND (f.stage_asked_on <= s.responded_on OR "
                      "julianday(f.stage_asked_on) - julianday(s.responded_on) > 31)") == "1 rows\n0|\n");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(demo_data_test)

BOOST_AUTO_TEST_CASE(the_bulk_loader_writes_the_same_register_as_the_repositories) {
  const auto e = engine();
  services::DemoDataOptions options;
  options.youngCarers = 230;
  options.seed = 8;
  options.until = *parseIsoDate("2025-06-30");
  options.batchSize = 100;
  options.bulkBatchSize = 100;
  options.questionnaires = &questionnaires();
  Database one("one"), bulk("bulk");
  auto a = services::generateDemoData(*one.store, e, options);
  auto b = services::loadDemoData(*bulk.store, e, options);
  BOOST_REQUIRE(static_cast<bool>(a));
  BOOST_REQUIRE(static_cast<bool>(b));
  BOOST_TEST(a->youngCarers == 230);
  BOOST_TEST(b->referrals == a->referrals);
  BOOST_TEST(b->caseEvents == a->caseEvents);
  BOOST_TEST(a->caseEvents > 2000);
  BOOST_TEST(b->assessments == a->assessments);
  BOOST_TEST(b->supportPlans == a->supportPlans);
  BOOST_TEST(b->idCards == a->idCards);
  BOOST_TEST(a->assessments > 200);
  BOOST_TEST(a->supportPlans > 100);
  BOOST_TEST(a->idCards > 30);
  BOOST_TEST(b->activities == a->activities);
  BOOST_TEST(b->activityPlaces == a->activityPlaces);
  BOOST_TEST(a->activities > 50);
  BOOST_TEST(a->activityPlaces > 300);
  BOOST_TEST(b->schoolTerms == a->schoolTerms);
  BOOST_TEST(a->schoolTerms > 100);
  BOOST_TEST(a->feedback > 10);  // and the bulk path's rows are the same (below)
  checkComplaintStages(one);
  checkSurveys(one, *a, *b);
  checkSchoolAttendance(one);
  // Every kind of record and every state they can end in, so the comparison below covers them all.
  BOOST_TEST(
      one.dump("SELECT DISTINCT kind, status FROM assessments ORDER BY 1, 2") ==
      "6 rows\nneeds_assessment|completed|\nneeds_assessment|draft|\nreview|completed|\nreview|draft|\n"
      "transition_assessment|completed|\ntransition_assessment|draft|\n");
  BOOST_TEST(one.dump("SELECT DISTINCT status FROM support_plans ORDER BY 1") ==
             "3 rows\nagreed|\ndraft|\nsuperseded|\n");
  BOOST_TEST(one.dump("SELECT DISTINCT status, renewed IS NOT NULL FROM id_cards ORDER BY 1, 2") ==
             "5 rows\nactive|0|\nactive|1|\nlost|0|\nrevoked|0|\nrevoked|1|\n");
  BOOST_TEST(one.dump("SELECT DISTINCT kind FROM activities ORDER BY 1") ==
             "4 rows\ngroup|\nresidential|\nshort_break|\ntrip|\n");
  // Registers of activities over are finalised with every place recorded; those to come have places offered.
  BOOST_TEST(one.dump("SELECT DISTINCT a.finalised_at IS NOT NULL, COALESCE(p.attendance, '') FROM "
                      "activity_places p JOIN activities a ON a.id = p.activity_id WHERE a.finalised_at IS "
                      "NOT NULL OR a.starts_on > '2025-06-30' ORDER BY 1, 2") ==
             "4 rows\n0||\n1|attended|\n1|cancelled|\n1|did_not_attend|\n");
  for (const char* table : kSameTables) {
    BOOST_TEST_CONTEXT(table) {
      BOOST_TEST(bulk.dump(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2") ==
                 one.dump(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2"));
    }
  }
  // The same counts; the bulk path may keep groups whose figures cancelled out as rows of zero.
  BOOST_TEST(bulk.dump("SELECT * FROM stats_cells WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6") ==
             one.dump("SELECT * FROM stats_cells WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6"));
  BOOST_TEST(bulk.dump("SELECT * FROM kpi_breaks_attended ORDER BY 1, 2, 3") ==
             one.dump("SELECT * FROM kpi_breaks_attended ORDER BY 1, 2, 3"));
  BOOST_TEST(bulk.dump("SELECT COUNT(*) FROM stats_pending") == "1 rows\n0|\n");
  // The generator files its made-up children straight to the store, past the validation a
  // referral, form or import goes through: their names must be names by the same rules.
  std::size_t named = 0;
  one.store->begin(false)->youngCarers().forEachLive(0, [&](const YoungCarer& y) {
    ++named;
    for (const std::string& name : {y.givenName, y.familyName})
      BOOST_TEST(validation::name("name", name).ok(), "'" << name << "' is not a name");
  });
  BOOST_TEST(named == 230u);
  // One audit event per batch, and the chain verifies.
  BOOST_TEST(bulk.dump("SELECT detail FROM audit_events WHERE action = 'demo_data.generate' ORDER BY seq") ==
             "3 rows\nseed 8: young carers 1 to 100|\nseed 8: young carers 101 to 200|\n"
             "seed 8: young carers 201 to 230|\n");
  auto verified = bulk.store->verifyAudit();
  BOOST_REQUIRE(static_cast<bool>(verified));
  BOOST_TEST(std::stoll(*verified) >= 3);  // entries checked
}

BOOST_AUTO_TEST_SUITE_END()
