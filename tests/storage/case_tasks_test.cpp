// Case tasks in SQLite (sql_tasks.cpp): listed by whom they are addressed to, moved only from the
// status the mover read (a second mover gets a conflict, not a silent overwrite), and their history.

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "ycr/storage/sqlite_store.h"

using namespace ycr;
namespace fs = std::filesystem;

namespace {

Timestamp at(const char* iso) {
  return *parseIsoTimestamp(iso);
}

struct TaskStoreFixture {
  fs::path dir;
  std::unique_ptr<storage::SqliteStore> store;
  Id caseId = 0, adultServices = 0, otherAdultServices = 0;

  TaskStoreFixture() {
    dir = fs::temp_directory_path() / ("ycr-tasks-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(dir);
    auto opened = storage::SqliteStore::open({(dir / "test.db").string(), 2, 5000});
    BOOST_REQUIRE(opened.ok());
    store = std::move(opened.value());
    BOOST_REQUIRE(store->migrate().ok());
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
  ~TaskStoreFixture() {
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
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
  std::vector<CaseTask> list(const TaskQuery& q) {
    auto tx = store->begin(false);
    return tx->cases().listTasks(q);
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(case_tasks_test)

BOOST_FIXTURE_TEST_CASE(tasks_are_listed_to_whom_they_are_addressed_and_nobody_else, TaskStoreFixture) {
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

BOOST_FIXTURE_TEST_CASE(a_task_moves_only_from_the_status_its_mover_read, TaskStoreFixture) {
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

BOOST_FIXTURE_TEST_CASE(overdue_tasks_are_those_not_finished_and_due_before_the_day, TaskStoreFixture) {
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

BOOST_AUTO_TEST_SUITE_END()
