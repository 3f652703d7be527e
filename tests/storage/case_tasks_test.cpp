// Case tasks in SQLite (sql_tasks.cpp): listed by whom they are addressed to, moved only from the
// status the mover read (a second mover gets a conflict, not a silent overwrite), and their history.

#include <sqlite3.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>

#include "support/dates.h"
#include "temp_store.h"

using namespace ycr;
using test_support::at;

namespace ycr::test_support {

struct TaskStoreFixture : test_support::TempStore {
  Id caseId = 0, adultServices = 0, otherAdultServices = 0;

  TaskStoreFixture() : TempStore("tasks") {
    auto tx = store->begin(true);
    for (auto [name, id] : {std::pair{"Leicester adult social care", &adultServices},
                            std::pair{"Rutland adult social care", &otherAdultServices}}) {
      Organisation o;
      o.kind = OrganisationKind::adult_social_care;
      o.name = name;
      o.createdAt = at("2024-03-01T09:00:00Z");
      *id = *tx->organisations().create(o);
    }
    YoungCarer yc;
    yc.givenName = "Amira";
    yc.familyName = "Khan";
    yc.dateOfBirth = *parseIsoDate("2010-05-01");
    yc.postcode = "LE2 7GH";
    yc.createdAt = yc.updatedAt = at("2024-03-04T10:00:00Z");
    Case c;
    c.youngCarerId = *tx->youngCarers().create(yc);
    c.ownerTeam = "Young carers service";
    c.referralReceived = *parseIsoDate("2024-03-01");
    c.openedAt = c.updatedAt = at("2024-03-04T10:00:00Z");
    caseId = *tx->cases().create(c);
    BOOST_REQUIRE(tx->commit().ok());
  }
  Id addTask(std::optional<Id> organisation) {
    auto tx = store->begin(true);
    CaseTask t;
    t.caseId = caseId;
    t.kind = "adult_social_care_assessment";
    t.description = "Adult social care to assess the needs of the cared-for parent";
    t.assignedTo = "adult_social_care";
    t.due = *parseIsoDate("2024-03-18");
    t.organisationId = organisation;
    t.createdAt = at("2024-03-04T10:00:00Z");
    auto id = tx->cases().addTask(t);
    BOOST_REQUIRE(id.ok());
    BOOST_REQUIRE(tx->commit().ok());
    return *id;
  }
  // A task for adult social care of `kind` due on `due`, not addressed (addressing does not matter here).
  Id addTaskDue(const char* kind, const char* due) {
    auto tx = store->begin(true);
    CaseTask t;
    t.caseId = caseId;
    t.kind = kind;
    t.description = "A task";
    t.assignedTo = "adult_social_care";
    t.due = *parseIsoDate(due);
    t.createdAt = at("2024-03-04T10:00:00Z");
    auto id = tx->cases().addTask(t);
    BOOST_REQUIRE(id.ok());
    BOOST_REQUIRE(tx->commit().ok());
    return *id;
  }
  // Moves a task as the task service does: its status and a history row, in one transaction; a move to
  // cancelled writes no history row (no route cancels yet).
  void move(Id id, TaskStatus to, const char* when) {
    auto tx = store->begin(true);
    auto t = *tx->cases().findTask(id);
    const TaskStatus from = t.status;
    t.status = to;
    t.updatedAt = at(when);
    BOOST_REQUIRE(tx->cases().updateTask(t, from).ok());
    if (to != TaskStatus::cancelled) {
      TaskEvent e;
      e.taskId = id;
      e.caseId = caseId;
      e.at = at(when);
      e.fromStatus = from;
      e.toStatus = to;
      BOOST_REQUIRE(tx->cases().appendTaskEvent(e).ok());
    }
    BOOST_REQUIRE(tx->commit().ok());
  }
  // The precomputed tasks due in [from, to] as sorted "due taken-up count" rows ("-" while not taken up).
  std::vector<std::string> taskDays(const char* from, const char* to) {
    auto tx = store->begin(false);
    std::vector<std::string> out;
    for (const auto& d : tx->statistics().adultSocialCareTaskDays(*parseIsoDate(from), *parseIsoDate(to)))
      out.push_back(formatIsoDate(d.due) + " " + (d.takenUp ? formatIsoDate(*d.takenUp) : "-") + " " +
                    std::to_string(d.tasks));
    std::sort(out.begin(), out.end());
    return out;
  }
  // Empties the precomputed task figures behind the store's back and marks every young carer, as a
  // register upgraded to migration 0018 starts; the next write recounts them from the records.
  void rebuildTaskFactsFromScratch() {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(path().c_str(), &db) == SQLITE_OK);
    BOOST_REQUIRE(sqlite3_exec(db,
                               "DELETE FROM kpi_tasks; DELETE FROM kpi_task_days; INSERT OR IGNORE INTO "
                               "stats_pending(young_carer_id) SELECT id FROM young_carers;",
                               nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    auto tx = store->begin(true);
    BOOST_REQUIRE(tx->commit().ok());
  }
  std::vector<CaseTask> list(const TaskQuery& q) {
    auto tx = store->begin(false);
    return tx->cases().listTasks(q);
  }
};

}  // namespace ycr::test_support

BOOST_AUTO_TEST_SUITE(case_tasks_test)

BOOST_FIXTURE_TEST_CASE(tasks_are_listed_to_whom_they_are_addressed_and_nobody_else,
                        test_support::TaskStoreFixture) {
  Id addressed = addTask(adultServices);
  Id unaddressed = addTask(std::nullopt);
  TaskQuery mine;
  mine.organisationId = adultServices;
  auto found = list(mine);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(found[0].id == addressed);
  BOOST_TEST((found[0].organisationId == adultServices));

  TaskQuery theirs;
  theirs.organisationId = otherAdultServices;
  BOOST_TEST(list(theirs).empty());
  theirs.unaddressedService = "adult_social_care";
  found = list(theirs);
  BOOST_REQUIRE_EQUAL(found.size(), 1u);
  BOOST_TEST(found[0].id == unaddressed);

  TaskQuery team;
  team.caseOwnerTeam = "Young carers service";
  BOOST_TEST(list(team).size() == 2u);
  team.status = TaskStatus::completed;
  BOOST_TEST(list(team).empty());
  BOOST_TEST(list(TaskQuery{}).empty());  // asking for nobody's tasks gives none, never all
}

BOOST_FIXTURE_TEST_CASE(a_task_moves_only_from_the_status_its_mover_read, test_support::TaskStoreFixture) {
  Id id = addTask(adultServices);
  auto tx = store->begin(true);
  auto t = *tx->cases().findTask(id);
  BOOST_TEST((t.status == TaskStatus::open));
  t.status = TaskStatus::accepted;
  t.updatedAt = at("2024-03-05T09:00:00Z");
  BOOST_TEST(tx->cases().updateTask(t, TaskStatus::open).ok());
  // A second mover who also read it open is refused: the task is no longer open.
  t.status = TaskStatus::completed;
  t.outcome = TaskOutcome::declined;
  auto stale = tx->cases().updateTask(t, TaskStatus::open);
  BOOST_REQUIRE(!stale.ok());
  BOOST_TEST((stale.error().code == ErrorCode::conflict));
  t.note = "Mum has a care package <from Monday>";
  BOOST_TEST(tx->cases().updateTask(t, TaskStatus::accepted).ok());
  t.id = 999999;
  BOOST_TEST((tx->cases().updateTask(t, TaskStatus::accepted).error().code == ErrorCode::not_found));

  TaskEvent e;
  e.taskId = id;
  e.caseId = caseId;
  e.at = at("2024-03-05T09:00:00Z");
  e.fromStatus = TaskStatus::open;
  e.toStatus = TaskStatus::accepted;
  e.actorOrganisationId = adultServices;
  BOOST_TEST(tx->cases().appendTaskEvent(e).ok());
  BOOST_REQUIRE(tx->commit().ok());

  auto read = store->begin(false);
  auto stored = *read->cases().findTask(id);
  BOOST_TEST((stored.status == TaskStatus::completed));
  BOOST_TEST((stored.outcome == TaskOutcome::declined));
  BOOST_TEST(stored.note == "Mum has a care package <from Monday>");
  BOOST_TEST(formatIsoTimestamp(stored.updatedAt) == "2024-03-05T09:00:00Z");
  auto history = read->cases().taskEvents(caseId);
  BOOST_REQUIRE_EQUAL(history.size(), 1u);
  BOOST_TEST((history[0].toStatus == TaskStatus::accepted));
  BOOST_TEST((history[0].actorOrganisationId == adultServices));
}

BOOST_FIXTURE_TEST_CASE(overdue_tasks_are_those_not_finished_and_due_before_the_day,
                        test_support::TaskStoreFixture) {
  Id open = addTask(adultServices);  // due 2024-03-18
  Id accepted = addTask(adultServices);
  Id completed = addTask(adultServices);
  {
    auto tx = store->begin(true);
    auto a = *tx->cases().findTask(accepted);
    a.status = TaskStatus::accepted;
    BOOST_REQUIRE(tx->cases().updateTask(a, TaskStatus::open).ok());
    auto c = *tx->cases().findTask(completed);
    c.status = TaskStatus::completed;
    c.outcome = TaskOutcome::assessed;
    BOOST_REQUIRE(tx->cases().updateTask(c, TaskStatus::open).ok());
    BOOST_REQUIRE(tx->commit().ok());
  }
  TaskQuery team;
  team.caseOwnerTeam = "Young carers service";
  team.overdueOn = *parseIsoDate("2024-03-18");  // the due day itself: not yet overdue
  BOOST_TEST(list(team).empty());
  team.overdueOn = *parseIsoDate("2024-03-19");
  auto found = list(team);
  BOOST_REQUIRE_EQUAL(found.size(), 2u);
  BOOST_TEST(found[0].id == open);
  BOOST_TEST(found[1].id == accepted);
  team.status = TaskStatus::accepted;
  BOOST_TEST(list(team).size() == 1u);
}

// The inputs of adult_social_care_tasks_on_time (indicator_facts.cpp, migration 0018): each task for adult
// social care, not cancelled, by due day and the UK day it was first accepted or completed.
BOOST_FIXTURE_TEST_CASE(tasks_for_adult_social_care_are_counted_by_due_day_and_day_first_taken_up,
                        test_support::TaskStoreFixture) {
  Id acceptedThenCompleted = addTaskDue("adult_social_care_assessment", "2024-03-15");
  Id completedFromOpen = addTaskDue("adult_social_care_assessment", "2024-03-15");
  addTaskDue("adult_social_care_assessment", "2024-03-15");  // never taken up
  Id cancelled = addTaskDue("adult_social_care_assessment", "2024-03-15");
  Id youngAdultCarer = addTaskDue("young_adult_carer_assessment", "2024-07-01");
  Id otherKind = addTaskDue("school_contact", "2024-03-15");
  move(acceptedThenCompleted, TaskStatus::accepted, "2024-03-15T16:00:00Z");
  move(acceptedThenCompleted, TaskStatus::completed, "2024-03-20T10:00:00Z");  // first taken up still counts
  move(completedFromOpen, TaskStatus::completed, "2024-03-18T09:00:00Z");
  move(cancelled, TaskStatus::accepted, "2024-03-14T09:00:00Z");
  move(cancelled, TaskStatus::cancelled, "2024-03-15T09:00:00Z");  // out, whatever happened before
  move(youngAdultCarer, TaskStatus::accepted,
       "2024-07-01T23:30:00Z");  // 00:30 on 2 July, British Summer Time
  move(otherKind, TaskStatus::accepted, "2024-03-15T09:00:00Z");

  const std::vector<std::string> expected = {"2024-03-15 - 1", "2024-03-15 2024-03-15 1",
                                             "2024-03-15 2024-03-18 1", "2024-07-01 2024-07-02 1"};
  BOOST_TEST(taskDays("2024-03-15", "2024-07-01") == expected, boost::test_tools::per_element());
  // Due days bound the period on both sides.
  BOOST_TEST(taskDays("2024-03-16", "2024-06-30").empty());
  BOOST_TEST(taskDays("2024-01-01", "2024-03-14").empty());
  BOOST_TEST(taskDays("2024-07-01", "2024-07-01").size() == 1u);

  // The same figures when counted again from the records alone.
  rebuildTaskFactsFromScratch();
  BOOST_TEST(taskDays("2024-03-15", "2024-07-01") == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
