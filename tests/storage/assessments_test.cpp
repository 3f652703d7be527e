#include <boost/test/unit_test.hpp>

#include "support/dates.h"
#include "temp_store.h"

using namespace ycr;
using test_support::at;
using test_support::day;

namespace ycr::test_support {

// A migrated database in a temporary directory with one young carer and their case.
struct AssessmentStoreFixture : test_support::TempStore {
  Id youngCarerId = 0;
  Id caseId = 0;

  AssessmentStoreFixture() : TempStore("assessments") {
    auto tx = store->begin(true);
    YoungCarer yc;
    yc.givenName = "Amira";
    yc.familyName = "Khan";
    yc.dateOfBirth = day("2010-05-01");
    yc.postcode = "LE2 7GH";
    yc.createdAt = yc.updatedAt = at("2024-03-04T10:00:00Z");
    youngCarerId = *tx->youngCarers().create(yc);
    Case c;
    c.youngCarerId = youngCarerId;
    c.state = CaseState::assessing;
    c.ownerTeam = "Young carers service";
    c.referralReceived = day("2024-03-01");
    c.openedAt = c.updatedAt = at("2024-03-04T10:00:00Z");
    caseId = *tx->cases().create(c);
    BOOST_REQUIRE(tx->commit().ok());
  }
  AssessmentRecord record(AssessmentKind kind, AssessmentStatus status,
                          std::optional<Timestamp> completed = {}, std::optional<bool> improved = {}) const {
    AssessmentRecord r;
    r.caseId = caseId;
    r.youngCarerId = youngCarerId;
    r.kind = kind;
    r.status = status;
    r.document =
        R"({"outcomes_wanted":"Time with friends","maca":{"questionnaire_id":"maca-yc18","version":1}})";
    r.createdAt = r.updatedAt = at("2024-03-04T10:00:00Z");
    r.completedAt = completed;
    r.wellbeingImproved = improved;
    return r;
  }
};

}  // namespace ycr::test_support

namespace {

SupportPlanItem item(ServiceType type, const char* provider, const char* start,
                     std::optional<Date> end = {}) {
  SupportPlanItem i;
  i.type = type;
  i.provider = provider;
  i.start = day(start);
  i.end = end;
  return i;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(assessments_test, test_support::AssessmentStoreFixture)

BOOST_AUTO_TEST_CASE(an_assessment_reads_back_as_written_and_updates_keep_its_identity) {
  Id id = 0;
  {
    auto tx = store->begin(true);
    auto created = tx->assessments().create(record(AssessmentKind::review, AssessmentStatus::draft));
    BOOST_REQUIRE(created.ok());
    id = *created;
    BOOST_REQUIRE(tx->commit().ok());
  }
  {
    auto tx = store->begin(false);
    auto r = tx->assessments().findById(id);
    BOOST_REQUIRE(r);
    BOOST_TEST(r->caseId == caseId);
    BOOST_TEST(r->youngCarerId == youngCarerId);
    BOOST_TEST(toString(r->kind) == "review");
    BOOST_TEST(toString(r->status) == "draft");
    BOOST_TEST(r->document == record(AssessmentKind::review, AssessmentStatus::draft).document);
    BOOST_TEST(!r->completedAt);
    BOOST_TEST(!r->wellbeingImproved);
  }
  {
    auto tx = store->begin(true);
    auto r = *tx->assessments().findById(id);
    r.status = AssessmentStatus::completed;
    r.completedAt = at("2024-09-05T11:00:00Z");
    r.updatedAt = *r.completedAt;
    r.wellbeingImproved = true;
    r.document = R"({"outcomes_wanted":"changed"})";
    BOOST_REQUIRE(tx->assessments().update(r).ok());
    BOOST_REQUIRE(tx->commit().ok());
  }
  auto tx = store->begin(false);
  auto r = tx->assessments().findById(id);
  BOOST_REQUIRE(r);
  BOOST_TEST(toString(r->status) == "completed");
  BOOST_TEST(formatIsoTimestamp(*r->completedAt) == "2024-09-05T11:00:00Z");
  BOOST_TEST(r->wellbeingImproved.value_or(false));
  BOOST_TEST(r->document == R"({"outcomes_wanted":"changed"})");
  BOOST_TEST(tx->assessments().listForCase(caseId).size() == 1u);
  BOOST_TEST(tx->assessments().listForYoungCarer(youngCarerId).size() == 1u);
  BOOST_TEST(tx->assessments().listForCase(caseId + 100).empty());
}

BOOST_AUTO_TEST_CASE(nothing_is_kept_without_commit) {
  {
    auto tx = store->begin(true);
    BOOST_REQUIRE(tx->assessments().create(record(AssessmentKind::needs, AssessmentStatus::draft)).ok());
  }
  auto tx = store->begin(false);
  BOOST_TEST(tx->assessments().listForCase(caseId).empty());
}

BOOST_AUTO_TEST_CASE(amendments_keep_who_when_why_and_both_versions_in_order) {
  auto tx = store->begin(true);
  Id id = *tx->assessments().create(
      record(AssessmentKind::needs, AssessmentStatus::completed, at("2024-03-10T09:00:00Z")));
  BOOST_REQUIRE(
      tx->assessments()
          .addAmendment({0, id, std::nullopt, at("2024-03-11T09:00:00Z"), "Typo", "{\"a\":1}", "{\"a\":2}"})
          .ok());
  BOOST_REQUIRE(
      tx->assessments()
          .addAmendment({0, id, std::nullopt, at("2024-03-12T09:00:00Z"), "Dates", "{\"a\":2}", "{\"a\":3}"})
          .ok());
  BOOST_REQUIRE(tx->commit().ok());
  auto read = store->begin(false);
  auto list = read->assessments().amendments(id);
  BOOST_REQUIRE(list.size() == 2u);
  BOOST_TEST(list[0].reason == "Typo");
  BOOST_TEST(list[0].before == "{\"a\":1}");
  BOOST_TEST(list[0].after == "{\"a\":2}");
  BOOST_TEST(formatIsoTimestamp(list[1].amendedAt) == "2024-03-12T09:00:00Z");
  BOOST_TEST(list[1].after == "{\"a\":3}");
}

BOOST_AUTO_TEST_CASE(wellbeing_counts_only_completed_reviews_inside_the_period) {
  struct Row {
    AssessmentKind kind;
    AssessmentStatus status;
    const char* completed;  // empty: not completed
    std::optional<bool> improved;
  };
  const Row rows[] = {
      {AssessmentKind::review, AssessmentStatus::completed, "2024-04-01T00:00:00Z",
       true},  // first instant: in
      {AssessmentKind::review, AssessmentStatus::completed, "2024-05-15T12:00:00Z",
       false},  // in, not improved
      {AssessmentKind::review, AssessmentStatus::completed, "2024-06-30T23:59:59Z", true},  // last second: in
      {AssessmentKind::review, AssessmentStatus::completed, "2024-07-01T00:00:00Z",
       true},  // end is exclusive
      {AssessmentKind::review, AssessmentStatus::completed, "2024-03-31T23:59:59Z", true},  // before
      {AssessmentKind::review, AssessmentStatus::draft, "", std::nullopt},                  // not completed
      {AssessmentKind::needs, AssessmentStatus::completed, "2024-05-01T00:00:00Z",
       std::nullopt},  // not a review
  };
  {
    auto tx = store->begin(true);
    for (const auto& r : rows) {
      std::optional<Timestamp> completed;
      if (*r.completed) completed = at(r.completed);
      BOOST_REQUIRE(tx->assessments().create(record(r.kind, r.status, completed, r.improved)).ok());
    }
    BOOST_REQUIRE(tx->commit().ok());
  }
  auto tx = store->begin(false);
  auto count = tx->assessments().wellbeingImproved(at("2024-04-01T00:00:00Z"), at("2024-07-01T00:00:00Z"));
  BOOST_TEST(count.reviews == 3);
  BOOST_TEST(count.improved == 2);
  auto none = tx->assessments().wellbeingImproved(at("2025-01-01T00:00:00Z"), at("2025-02-01T00:00:00Z"));
  BOOST_TEST(none.reviews == 0);
  BOOST_TEST(none.improved == 0);
}

BOOST_AUTO_TEST_CASE(agreeing_a_new_plan_supersedes_the_old_and_history_keeps_every_version) {
  auto tx = store->begin(true);
  auto& repo = tx->assessments();
  SupportPlan draft;
  draft.caseId = caseId;
  draft.items = {item(ServiceType::young_carers_group, "Carers centre", "2024-04-01")};
  draft.recordedAt = at("2024-03-20T10:00:00Z");
  auto first = repo.createPlan(draft);
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(!repo.currentPlan(caseId));
  BOOST_REQUIRE(repo.draftPlan(caseId));

  // A draft may be replaced; items keep their order, dates and notes.
  auto replacement = std::vector<SupportPlanItem>{
      item(ServiceType::one_to_one_support, "Carers centre", "2024-04-02", day("2024-09-30")),
      item(ServiceType::other, "School", "2024-04-03")};
  replacement[1].notes = "Homework club";
  BOOST_REQUIRE(repo.replacePlanItems(*first, replacement, at("2024-03-21T10:00:00Z"), std::nullopt).ok());
  auto d = repo.draftPlan(caseId);
  BOOST_REQUIRE(d);
  BOOST_REQUIRE(d->items.size() == 2u);
  BOOST_TEST(toString(d->items[0].type) == "one_to_one_support");
  BOOST_TEST(formatIsoDate(*d->items[0].end) == "2024-09-30");
  BOOST_TEST(d->items[1].notes == "Homework club");
  BOOST_TEST(!d->items[1].end);

  BOOST_REQUIRE(repo.agreePlan(*first, day("2024-03-22"), day("2024-09-22")).ok());
  BOOST_TEST(!repo.draftPlan(caseId));
  BOOST_TEST(!repo.replacePlanItems(*first, replacement, at("2024-03-23T10:00:00Z"), std::nullopt).ok());
  BOOST_TEST(!repo.agreePlan(*first, day("2024-03-23"), std::nullopt).ok());

  draft.items = {item(ServiceType::short_break, "Respite Co", "2024-10-01")};
  auto second = repo.createPlan(draft);
  BOOST_REQUIRE(second.ok());
  BOOST_TEST(repo.currentPlan(caseId)->id == *first);  // still in force until the new one is agreed
  BOOST_REQUIRE(repo.agreePlan(*second, day("2024-09-25"), day("2025-03-25")).ok());
  BOOST_REQUIRE(tx->commit().ok());

  auto read = store->begin(false);
  auto current = read->assessments().currentPlan(caseId);
  BOOST_REQUIRE(current);
  BOOST_TEST(current->id == *second);
  BOOST_TEST(current->version == 2);
  BOOST_TEST(formatIsoDate(*current->reviewDue) == "2025-03-25");
  auto history = read->assessments().plans(caseId);
  BOOST_REQUIRE(history.size() == 2u);
  BOOST_TEST(history[0].version == 2);
  BOOST_TEST(toString(history[1].status) == "superseded");
  BOOST_TEST(formatIsoDate(*history[1].supersededOn) == "2024-09-25");
  BOOST_TEST(formatIsoDate(*history[1].agreedOn) == "2024-03-22");
}

BOOST_AUTO_TEST_SUITE_END()
