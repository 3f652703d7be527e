// Tasks that reach the other service ("no wrong door, both ways", issue 21), through HTTP: a
// referral about a child caring for a parent not known to adult social care leaves a task that
// the adult social care organisation lists, accepts and completes; nobody else sees or moves it;
// every move is audited and shows on the case. And the case page shows the caring, the people
// cared for and the tasks, escaped.

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <functional>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::Reply;

namespace {

struct TasksFixture : test_support::SessionPagesFixture {
  Id service = 0, school = 0;
  std::string caseworker, champion;

  explicit TasksFixture(bool withAdultServices = true)
      : SessionPagesFixture("tasks", "2025-06-02T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    if (withAdultServices) adultServices("Leicester adult social care", "asc1");
    user("casey", Role::caseworker, service);
    user("champion", Role::referrer, school);
    caseworker = signIn("casey");
    champion = signIn("champion");
  }
  // A partner organisation of adult social care with one practitioner (role referrer); their token.
  std::string adultServices(const std::string& name, const std::string& username) {
    Id org = organisation(name, OrganisationKind::adult_social_care);
    user(username, Role::referrer, org);
    return username;
  }
  // A referral about a child caring for mum, not known to adult social care; the case id.
  Id refer(const std::string& given = "Zoë", const std::string& summary = "Helps mum with her medication",
           const std::string& postcode = "LE2 7GH") {
    auto r =
        send("POST", "/api/v1/referrals",
             R"({"young_person":{"given_name":")" + given +
                 R"(","family_name":"O'Brien","date_of_birth":"2012-04-03","postcode":")" + postcode +
                 R"("},)"
                 R"("caring_summary":")" +
                 summary +
                 R"(","cared_for":[{"relationship":"parent","conditions":["mental_ill_health","alcohol"],)"
                 R"("known_to_adult_social_care":false}],"young_person_aware":true,"parent_aware":true})",
             champion);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    auto list = send("GET", "/api/v1/cases", "", caseworker);
    Id found = 0;
    auto items = list.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto c = items->getObject(static_cast<unsigned>(i));
      if (c->getValue<std::string>("young_carer_name").rfind(given, 0) == 0) found = c->getValue<Id>("id");
    }
    BOOST_REQUIRE(found != 0);
    return found;
  }
  Poco::JSON::Array::Ptr tasksOf(const std::string& token, const std::string& query = "") {
    auto r = send("GET", "/api/v1/tasks" + query, "", token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    return r.json()->getArray("items");
  }
  Id onlyTask(const std::string& token) {
    auto items = tasksOf(token);
    BOOST_REQUIRE_EQUAL(items->size(), 1u);
    return items->getObject(0)->getValue<Id>("id");
  }
  std::vector<AuditEvent> auditOf(Id taskId) {
    AuditQuery q;
    q.recordType = "task";
    q.recordId = std::to_string(taskId);
    q.limit = 100;
    auto tx = app->store().begin(false);
    return tx->audit().query(q).items;
  }
  // The service stopped and started again with these settings (sessions and tokens survive).
  void restartWith(const std::function<void(Config&)>& change) {
    app.reset();
    change(config);
    start();
  }
  // The name of the organisation a case's only task is addressed to; "" when unaddressed.
  std::string addresseeOf(Id caseId) {
    auto c = send("GET", "/api/v1/cases/" + std::to_string(caseId), "", caseworker);
    BOOST_REQUIRE_EQUAL(c.status, 200);
    auto tasks = c.json()->getArray("tasks");
    BOOST_REQUIRE_EQUAL(tasks->size(), 1u);
    auto to = tasks->getObject(0)->getObject("addressed_to");
    return to->isNull("organisation_id") ? "" : to->getValue<std::string>("name");
  }
  std::string page(Id caseId) {
    auto r = get("/cases/" + std::to_string(caseId), sessionFor("casey"));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return r.body;
  }
};

std::string accept(Id task) {
  return "/api/v1/tasks/" + std::to_string(task) + "/accept";
}
std::string complete(Id task) {
  return "/api/v1/tasks/" + std::to_string(task) + "/complete";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tasks_api_test)

BOOST_AUTO_TEST_CASE(the_case_page_shows_the_caring_the_people_cared_for_and_the_tasks_escaped) {
  TasksFixture f;
  Id caseId = f.refer("Zoë", R"(Helps mum <b>\"Jo\"</b> & her medication)");
  auto html = f.page(caseId);
  BOOST_TEST(contains(html, "Helps mum &lt;b&gt;&quot;Jo&quot;&lt;/b&gt; &amp; her medication"));
  BOOST_TEST(!contains(html, "<b>\"Jo\"</b>"));
  BOOST_TEST(contains(html, "People cared for"));
  BOOST_TEST(contains(html, "Mental ill health, Alcohol"));
  BOOST_TEST(contains(html, "Not known"));
  BOOST_TEST(contains(html, "Adult social care to assess the needs of the cared-for parent"));
  BOOST_TEST(contains(html, "Leicester adult social care"));
  BOOST_TEST(contains(html, ">Open</strong>"));

  // The JSON view carries the same.
  auto c = f.send("GET", "/api/v1/cases/" + std::to_string(caseId), "", f.caseworker);
  BOOST_REQUIRE_EQUAL(c.status, 200);
  auto referrals = c.json()->getArray("referrals");
  BOOST_REQUIRE_EQUAL(referrals->size(), 1u);
  BOOST_TEST(referrals->getObject(0)->getValue<std::string>("caring_summary") ==
             R"(Helps mum <b>"Jo"</b> & her medication)");
  auto task = c.json()->getArray("tasks")->getObject(0);
  BOOST_TEST(task->getValue<std::string>("status") == "open");
  BOOST_TEST(task->getObject("addressed_to")->getValue<std::string>("name") == "Leicester adult social care");
}

BOOST_AUTO_TEST_CASE(adult_services_see_the_adults_needs_and_nothing_of_the_child) {
  TasksFixture f;
  f.refer();
  auto asc = f.signIn("asc1");
  auto r = f.send("GET", "/api/v1/tasks?status=open", "", asc);
  BOOST_REQUIRE_EQUAL(r.status, 200);
  auto items = r.json()->getArray("items");
  BOOST_REQUIRE_EQUAL(items->size(), 1u);
  auto t = items->getObject(0);
  BOOST_TEST(t->getValue<std::string>("kind") == "adult_social_care_assessment");
  BOOST_TEST(t->getObject("cared_for")->getValue<std::string>("relationship") == "parent");
  BOOST_TEST(t->getObject("cared_for")->getArray("conditions")->size() == 2u);
  BOOST_TEST(t->getValue<std::string>("case_service") == f.config.intakeTeam);
  for (const char* secret : {"Zo", "O'Brien", "2012-04-03", "LE2", "medication", "young_carer"})
    BOOST_TEST(!contains(r.body, secret), secret);
  // Others: a school's champion sees no tasks; case staff see their own service's.
  BOOST_TEST(f.tasksOf(f.champion)->size() == 0u);
  BOOST_TEST(f.tasksOf(f.caseworker)->size() == 1u);
  BOOST_TEST(f.tasksOf(asc, "?status=completed")->size() == 0u);
  BOOST_TEST(f.send("GET", "/api/v1/tasks?status=finished", "", asc).isProblem(422));
}

BOOST_AUTO_TEST_CASE(a_task_is_accepted_then_completed_and_no_further) {
  TasksFixture f;
  Id caseId = f.refer();
  auto asc = f.signIn("asc1");
  Id task = f.onlyTask(asc);
  auto a = f.send("POST", accept(task), "", asc);
  BOOST_REQUIRE_MESSAGE(a.status == 200, a.body);
  BOOST_TEST(a.str("status") == "accepted");
  BOOST_TEST(f.send("POST", accept(task), "", asc).isProblem(409));
  BOOST_TEST(f.tasksOf(asc, "?status=accepted")->size() == 1u);

  auto done =
      f.send("POST", complete(task), R"({"outcome":"assessed","note":"Care package from <Monday>"})", asc);
  BOOST_REQUIRE_MESSAGE(done.status == 200, done.body);
  BOOST_TEST(done.str("status") == "completed");
  BOOST_TEST(done.str("outcome") == "assessed");
  BOOST_TEST(f.send("POST", complete(task), R"({"outcome":"assessed"})", asc).isProblem(409));
  BOOST_TEST(f.send("POST", accept(task), "", asc).isProblem(409));

  // Audited, every move and every refusal.
  int ok = 0, refused = 0;
  for (const auto& e : f.auditOf(task)) (e.outcome == "ok" ? ok : refused) += e.action.rfind("task.", 0) == 0;
  BOOST_TEST(ok == 2);
  BOOST_TEST(refused == 3);

  // On the case: status, outcome, note (escaped) and the history on the timeline.
  auto html = f.page(caseId);
  BOOST_TEST(contains(html, ">Completed</strong>"));
  BOOST_TEST(contains(html, "Outcome: Assessed"));
  BOOST_TEST(contains(html, "Care package from &lt;Monday&gt;"));
  BOOST_TEST(contains(html, "Task accepted by Leicester adult social care"));
  BOOST_TEST(contains(html, "Task completed by Leicester adult social care"));
  auto c = f.send("GET", "/api/v1/cases/" + std::to_string(caseId), "", f.caseworker);
  auto history = c.json()->getArray("tasks")->getObject(0)->getArray("history");
  BOOST_REQUIRE_EQUAL(history->size(), 2u);
  BOOST_TEST(history->getObject(1)->getValue<std::string>("to") == "completed");
}

BOOST_AUTO_TEST_CASE(a_task_may_be_completed_straight_from_open) {
  TasksFixture f;
  f.refer();
  auto asc = f.signIn("asc1");
  Id task = f.onlyTask(asc);
  auto done = f.send("POST", complete(task), R"({"outcome":"already_supported"})", asc);
  BOOST_REQUIRE_MESSAGE(done.status == 200, done.body);
  BOOST_TEST(done.str("status") == "completed");
}

BOOST_AUTO_TEST_CASE(bad_completions_name_the_field) {
  TasksFixture f;
  f.refer();
  auto asc = f.signIn("asc1");
  Id task = f.onlyTask(asc);
  auto bad = f.send("POST", complete(task), R"({"outcome":"sorted"})", asc);
  BOOST_TEST(bad.isProblem(422));
  BOOST_TEST(bad.firstErrorField() == "outcome");
  auto missing = f.send("POST", complete(task), R"({"note":"x"})", asc);
  BOOST_TEST(missing.isProblem(422));
  BOOST_TEST(missing.firstErrorField() == "outcome");
  auto unknown = f.send("POST", complete(task), R"({"outcome":"assessed","colour":"red"})", asc);
  BOOST_TEST(unknown.isProblem(422));
  BOOST_TEST(unknown.firstErrorField() == "colour");
  auto longNote = f.send("POST", complete(task),
                         R"({"outcome":"assessed","note":")" + std::string(2001, 'x') + "\"}", asc);
  BOOST_TEST(longNote.isProblem(422));
  BOOST_TEST(longNote.firstErrorField() == "note");
  BOOST_TEST(f.send("POST", complete(task), "{not json", asc).isProblem(400));
  BOOST_TEST(f.tasksOf(asc, "?status=open")->size() == 1u);  // nothing moved
}

BOOST_AUTO_TEST_CASE(another_organisation_can_neither_see_nor_move_a_task) {
  TasksFixture f;
  f.refer();
  auto asc = f.signIn("asc1");
  Id task = f.onlyTask(asc);
  // A second adult social care organisation arrives after the task was addressed to the first.
  f.adultServices("Rutland adult social care", "asc2");
  auto other = f.signIn("asc2");
  BOOST_TEST(f.tasksOf(other)->size() == 0u);
  auto tried = f.send("POST", accept(task), "", other);
  BOOST_TEST(tried.isProblem(404));
  BOOST_TEST(tried.body == f.send("POST", accept(987654), "", other).body);  // as if it did not exist
  BOOST_TEST(f.send("POST", complete(task), R"({"outcome":"declined"})", other).isProblem(404));
  // Nor can a school's champion, nor the case's own caseworker (the work is adult services').
  BOOST_TEST(f.send("POST", accept(task), "", f.champion).isProblem(404));
  BOOST_TEST(f.send("POST", accept(task), "", f.caseworker).isProblem(404));
  bool refusalAudited = false;
  for (const auto& e : f.auditOf(task))
    refusalAudited |= e.outcome == "refused" && e.reason == "task addressed to another organisation";
  BOOST_TEST(refusalAudited);
  BOOST_TEST(f.tasksOf(asc, "?status=open")->size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_task_made_before_adult_services_joined_reaches_them_when_they_do) {
  TasksFixture f(false);
  Id caseId = f.refer();
  auto c = f.send("GET", "/api/v1/cases/" + std::to_string(caseId), "", f.caseworker);
  auto addressed = c.json()->getArray("tasks")->getObject(0)->getObject("addressed_to");
  BOOST_TEST(addressed->isNull("organisation_id"));
  BOOST_TEST(addressed->getValue<std::string>("name") == "Adult social care");

  f.adultServices("Leicester adult social care", "asc1");
  auto asc = f.signIn("asc1");
  Id task = f.onlyTask(asc);
  BOOST_REQUIRE_EQUAL(f.send("POST", accept(task), "", asc).status, 200);
  // Once one of them has acted, it is theirs: a second organisation does not see it.
  f.adultServices("Rutland adult social care", "asc2");
  BOOST_TEST(f.tasksOf(f.signIn("asc2"))->size() == 0u);
  BOOST_TEST(f.tasksOf(asc)->size() == 1u);
}

BOOST_AUTO_TEST_CASE(while_several_could_be_meant_no_adult_service_sees_an_unaddressed_task) {
  TasksFixture f(false);
  f.refer();
  f.adultServices("Leicester adult social care", "asc1");
  f.adultServices("Rutland adult social care", "asc2");
  BOOST_TEST(f.tasksOf(f.signIn("asc1"))->size() == 0u);
  BOOST_TEST(f.tasksOf(f.signIn("asc2"))->size() == 0u);
  BOOST_TEST(f.tasksOf(f.caseworker)->size() == 1u);  // the case's own service still sees it
}

BOOST_AUTO_TEST_CASE(adult_services_accept_and_complete_a_task_on_their_pages) {
  TasksFixture f;
  Id caseId = f.refer();
  auto asc = f.sessionFor("asc1");
  auto list = f.get("/tasks", asc);
  BOOST_REQUIRE_EQUAL(list.status, 200);
  BOOST_TEST(contains(list.body, "Adult social care to assess the needs of the cared-for parent"));
  BOOST_TEST(contains(list.body, "Parent: Mental ill health, Alcohol"));
  BOOST_TEST(!contains(list.body, "O&#39;Brien"));
  Id task = f.onlyTask(f.signIn("asc1"));
  const std::string href = "/tasks/" + std::to_string(task);
  auto one = f.get(href, asc);
  BOOST_REQUIRE_EQUAL(one.status, 200);
  BOOST_TEST(contains(one.body, "Accept task"));
  BOOST_TEST(contains(one.body, "quote case " + std::to_string(caseId)));

  BOOST_TEST(f.post(href + "/accept", asc, "", false).status == 403);  // no form token: nothing moves
  BOOST_TEST(f.tasksOf(f.signIn("asc1"), "?status=open")->size() == 1u);
  auto accepted = f.post(href + "/accept", asc, "");
  BOOST_TEST(accepted.status == 303);
  BOOST_TEST(contains(f.get(href + "?done=accept", asc).body, "Task accepted"));

  auto noOutcome = f.post(href + "/complete", asc, "note=x");
  BOOST_TEST(noOutcome.status == 422);
  BOOST_TEST(contains(noOutcome.body, "Select the outcome"));
  auto done =
      f.post(href + "/complete", asc, "outcome=not_needed&note=" + test_support::urlEncode("<i>Moved</i>"));
  BOOST_TEST(done.status == 303);
  auto after = f.get(href, asc);
  BOOST_TEST(contains(after.body, ">Completed</strong>"));
  BOOST_TEST(contains(after.body, "&lt;i&gt;Moved&lt;/i&gt;"));
  BOOST_TEST(!contains(after.body, "Complete the task"));

  // Not theirs: a school's champion, or another adult social care organisation.
  BOOST_TEST(f.get(href, f.sessionFor("champion")).status == 404);
  f.adultServices("Rutland adult social care", "asc2");
  BOOST_TEST(f.get(href, f.sessionFor("asc2")).status == 404);
  BOOST_TEST(f.post(href + "/accept", f.sessionFor("asc2"), "").status == 404);
}

BOOST_AUTO_TEST_CASE(tasks_go_to_the_adult_social_care_of_the_households_area) {
  TasksFixture f(false);
  f.adultServices("Leicester City adult social care", "city");
  f.adultServices("Leicestershire adult social care", "county");
  f.restartWith([](Config& c) {
    BOOST_REQUIRE(
        c.set("adult_social_care_by_district",
              "LE1, LE2, LE3: Leicester City adult social care; LE: Leicestershire adult social care; "
              "LE3 9: Leicestershire adult social care"));
  });
  // The longest entry the postcode lies in wins: district over area, sector over district.
  BOOST_TEST(f.addresseeOf(f.refer("Amy", "Helps mum", "LE2 7GH")) == "Leicester City adult social care");
  BOOST_TEST(f.addresseeOf(f.refer("Bea", "Helps mum", "LE9 1AB")) == "Leicestershire adult social care");
  BOOST_TEST(f.addresseeOf(f.refer("Cat", "Helps mum", "LE3 9QQ")) == "Leicestershire adult social care");
  BOOST_TEST(f.addresseeOf(f.refer("Dot", "Helps mum", "LE3 1QQ")) == "Leicester City adult social care");
  // LE21 is not LE2: a district is matched whole.
  BOOST_TEST(f.addresseeOf(f.refer("Eve", "Helps mum", "LE21 1AA")) == "Leicestershire adult social care");
  // Outside every entry, with two organisations and no default: unaddressed, as before.
  Id outside = f.refer("Fay", "Helps mum", "NG1 1AA");
  BOOST_TEST(f.addresseeOf(outside).empty());
  // Each organisation sees its own and only its own.
  BOOST_TEST(f.tasksOf(f.signIn("city"))->size() == 2u);
  BOOST_TEST(f.tasksOf(f.signIn("county"))->size() == 3u);

  // A default takes what no entry matches, when there is no one organisation of the kind.
  f.restartWith([](Config& c) { c.adultSocialCareDefault = "Leicestershire adult social care"; });
  BOOST_TEST(f.addresseeOf(f.refer("Gil", "Helps mum", "NG1 1AA")) == "Leicestershire adult social care");
  BOOST_TEST(f.addresseeOf(f.refer("Hal", "Helps mum", "LE2 7GH")) == "Leicester City adult social care");
  BOOST_TEST(f.addresseeOf(outside).empty());  // routing is at creation: an older task is not moved
}

BOOST_AUTO_TEST_CASE(a_district_mapped_to_no_active_adult_social_care_organisation_stops_the_start) {
  TasksFixture f;
  {
    auto tx = f.app->store().begin(true);
    Organisation o;
    o.name = "Closed adult social care";
    o.kind = OrganisationKind::adult_social_care;
    o.active = false;
    o.createdAt = f.clock.now();
    BOOST_REQUIRE(tx->organisations().create(o));
    BOOST_REQUIRE(tx->commit());
  }
  f.app.reset();
  auto refused = [&f](const std::string& setting, const std::string& value, const std::string& says) {
    Config c = f.config;
    BOOST_REQUIRE(c.set(setting, value));
    auto created = App::create(c, f.clock, f.ids);
    BOOST_REQUIRE_MESSAGE(!created, value);
    BOOST_TEST(created.error().fields.at(0).field == setting);
    BOOST_TEST(contains(created.error().detail, setting), created.error().detail);
    BOOST_TEST(contains(created.error().detail, says), created.error().detail);
  };
  refused("adult_social_care_by_district", "LE2: Leicester adult socal care",
          "not an organisation on the register");
  refused("adult_social_care_by_district", "LE2: Hamilton Academy", "not an adult social care organisation");
  refused("adult_social_care_by_district", "LE2: Closed adult social care", "not active");
  refused("adult_social_care_default", "Hamilton Academy", "not an adult social care organisation");
  // Named rightly, it starts.
  f.restartWith([](Config& c) {
    BOOST_REQUIRE(c.set("adult_social_care_by_district", "LE2: Leicester adult social care"));
  });
}

BOOST_AUTO_TEST_CASE(a_task_is_overdue_from_the_first_working_day_after_its_due_day_until_completed) {
  pathways::WorkingDayCalendar weekendsOnly;
  CaseTask t;
  t.due = *parseIsoDate("2025-06-13");  // a Friday
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-13"), weekendsOnly) == 0);
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-15"), weekendsOnly) == 0);  // the weekend after
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-16"), weekendsOnly) == 1);
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-20"), weekendsOnly) == 5);
  t.status = TaskStatus::accepted;  // accepted is not done
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-16"), weekendsOnly) == 1);
  t.status = TaskStatus::completed;
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-16"), weekendsOnly) == 0);
  t.status = TaskStatus::cancelled;
  BOOST_TEST(workingDaysOverdue(t, *parseIsoDate("2025-06-16"), weekendsOnly) == 0);
}

BOOST_AUTO_TEST_CASE(an_overdue_task_is_escalated_to_the_owning_services_team_managers) {
  TasksFixture f;
  Id caseId = f.refer();
  f.user("manager", Role::team_manager, f.service);
  auto task = f.tasksOf(f.signIn("asc1"))->getObject(0);
  BOOST_TEST(task->getValue<std::string>("due") == "2025-06-16");  // 10 working days from Monday 2 June
  BOOST_TEST(!task->getValue<bool>("overdue"));
  BOOST_TEST(task->getValue<int>("working_days_overdue") == 0);
  BOOST_TEST(f.send("GET", "/api/v1/tasks?overdue=soon", "", f.signIn("manager")).isProblem(422));

  f.clock.set(*parseIsoTimestamp("2025-06-16T10:00:00Z"));  // the due day: not yet overdue
  BOOST_TEST(f.tasksOf(f.signIn("manager"), "?overdue=true")->size() == 0u);
  BOOST_TEST(f.tasksOf(f.signIn("manager"), "?overdue=false")->size() == 1u);

  f.clock.set(*parseIsoTimestamp("2025-06-20T10:00:00Z"));  // Friday: four working days after
  auto manager = f.signIn("manager");
  auto late = f.tasksOf(manager, "?overdue=true");
  BOOST_REQUIRE_EQUAL(late->size(), 1u);
  BOOST_TEST(late->getObject(0)->getValue<bool>("overdue"));
  BOOST_TEST(late->getObject(0)->getValue<int>("working_days_overdue") == 4);
  BOOST_TEST(f.tasksOf(manager, "?overdue=true&status=completed")->size() == 0u);
  auto c = f.send("GET", "/api/v1/cases/" + std::to_string(caseId), "", manager);
  BOOST_REQUIRE_EQUAL(c.status, 200);
  BOOST_TEST(c.json()->getArray("tasks")->getObject(0)->getValue<int>("working_days_overdue") == 4);
  // The managers' dashboard leads with it; the case page and the task lists mark it.
  auto dashboard = f.get("/cases", f.sessionFor("manager"));
  BOOST_REQUIRE_EQUAL(dashboard.status, 200);
  BOOST_TEST(contains(dashboard.body, "1 task for another service is overdue"));
  BOOST_TEST(contains(dashboard.body, "Overdue tasks for other services (1)"));
  BOOST_TEST(contains(dashboard.body, "4 working days overdue"));
  BOOST_TEST(contains(dashboard.body, "Leicester adult social care"));
  BOOST_TEST(!contains(f.get("/cases", f.sessionFor("casey")).body, "Overdue tasks for other services"));
  BOOST_TEST(contains(f.page(caseId), "4 working days overdue"));
  BOOST_TEST(contains(f.get("/tasks", f.sessionFor("asc1")).body, "4 working days overdue"));
  // Another service's managers see nothing of it.
  Id other = f.organisation("Rutland young carers", OrganisationKind::carers_centre);
  f.user("other_manager", Role::team_manager, other);
  BOOST_TEST(f.tasksOf(f.signIn("other_manager"), "?overdue=true")->size() == 0u);
  BOOST_TEST(!contains(f.get("/cases", f.sessionFor("other_manager")).body, "Overdue tasks"));

  // Completed, late or not, it is no longer overdue.
  auto asc = f.signIn("asc1");
  BOOST_REQUIRE_EQUAL(f.send("POST", complete(f.onlyTask(asc)), R"({"outcome":"assessed"})", asc).status,
                      200);
  BOOST_TEST(f.tasksOf(f.signIn("manager"), "?overdue=true")->size() == 0u);
  BOOST_TEST(!contains(f.page(caseId), "working days overdue"));
}

BOOST_AUTO_TEST_CASE(an_overdue_task_is_told_once_to_the_case_s_service) {
  TasksFixture f;
  Id caseId = f.refer();
  auto overdueNotices = [&] {
    std::vector<Notice> out;
    auto tx = f.app->store().begin(false);
    for (auto& n : tx->notices().forCase(caseId))
      if (n.kind == "task_overdue") out.push_back(n);
    return out;
  };
  f.clock.set(*parseIsoTimestamp("2025-06-16T10:00:00Z"));  // the due day
  BOOST_TEST(f.app->tasks().escalateOverdue() == 0);
  f.clock.set(*parseIsoTimestamp("2025-06-17T10:00:00Z"));  // the first working day after it
  BOOST_TEST(f.app->tasks().escalateOverdue() == 1);
  BOOST_TEST(f.app->tasks().escalateOverdue() == 0);  // told once
  f.clock.set(*parseIsoTimestamp("2025-06-24T10:00:00Z"));
  BOOST_TEST(f.app->tasks().escalateOverdue() == 0);  // and not again a week later
  auto told = overdueNotices();
  BOOST_REQUIRE_EQUAL(told.size(), 1u);
  BOOST_TEST(told.front().recipientOrganisationId.value_or(0) == f.service);
  BOOST_TEST(contains(told.front().body, "Leicester adult social care"));
  BOOST_TEST(contains(told.front().body, "1 working day overdue"));
  BOOST_TEST(contains(told.front().subject, "case " + std::to_string(caseId)));
  for (const char* detail : {"Zoë", "O'Brien", "2012", "LE2", "medication", "mum"}) {
    BOOST_TEST(!contains(told.front().body, detail), detail);
    BOOST_TEST(!contains(told.front().subject, detail), detail);
  }
  Id taskId = f.onlyTask(f.signIn("asc1"));
  auto audit = f.auditOf(taskId);
  BOOST_TEST(std::count_if(audit.begin(), audit.end(), [](const AuditEvent& e) {
               return e.action == "task.escalate" && !e.actorUserId;
             }) == 1);
}

// A completed task is never escalated, however late it was.
BOOST_AUTO_TEST_CASE(a_task_completed_before_it_was_escalated_is_not) {
  TasksFixture f;
  f.refer();
  auto asc = f.signIn("asc1");
  BOOST_REQUIRE_EQUAL(f.send("POST", complete(f.onlyTask(asc)), R"({"outcome":"assessed"})", asc).status,
                      200);
  f.clock.set(*parseIsoTimestamp("2025-07-01T10:00:00Z"));
  BOOST_TEST(f.app->tasks().escalateOverdue() == 0);
}

BOOST_AUTO_TEST_SUITE_END()
