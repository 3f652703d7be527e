// Tasks addressed to the caller's organisation (DESIGN.md: GET /api/v1/tasks, POST
// /api/v1/tasks/{id}/accept and /complete): thin handlers over Tasks (tasks.h).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/export_response.h"

namespace ycr::services {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr taskJson(const CaseTask& t, const std::string& addressedTo, int workingDaysOverdue) {
  Object::Ptr o = new Object;
  o->set("id", t.id);
  o->set("case_id", t.caseId);
  o->set("kind", t.kind);
  o->set("description", t.description);
  o->set("assigned_to", t.assignedTo);
  Object::Ptr addressee = new Object;
  addressee->set("organisation_id",
                 t.organisationId ? Poco::Dynamic::Var(*t.organisationId) : Poco::Dynamic::Var());
  addressee->set("name", addressedTo);
  o->set("addressed_to", addressee);
  o->set("due", formatIsoDate(t.due));
  o->set("status", std::string(toString(t.status)));
  o->set("overdue", workingDaysOverdue > 0);
  o->set("working_days_overdue", workingDaysOverdue);
  o->set("outcome", t.outcome ? Poco::Dynamic::Var(std::string(toString(*t.outcome))) : Poco::Dynamic::Var());
  o->set("note", t.note);
  o->set("cared_for_person_id",
         t.caredForPersonId ? Poco::Dynamic::Var(*t.caredForPersonId) : Poco::Dynamic::Var());
  o->set("created_at", formatIsoTimestamp(t.createdAt));
  o->set("updated_at", formatIsoTimestamp(t.updatedAt));
  return o;
}

namespace {

// What the service addressed sees: the task, whom to ask about the case, and the adult's needs.
Object::Ptr taskViewJson(const TaskView& v) {
  auto o = taskJson(v.task, v.addressedTo, v.workingDaysOverdue);
  o->set("case_service", v.caseService);
  if (v.caredFor) {
    Object::Ptr person = new Object;
    person->set("relationship", std::string(toString(v.caredFor->relationship)));
    Array::Ptr conditions = new Array;
    for (auto c : v.caredFor->conditions) conditions->add(std::string(toString(c)));
    person->set("conditions", conditions);
    o->set("cared_for", person);
  } else {
    o->set("cared_for", Poco::Dynamic::Var());
  }
  return o;
}

struct Completion {
  TaskOutcome outcome = TaskOutcome::assessed;
  std::string note;
};

Result<Completion> readTaskCompletion(const RequestContext& ctx) {
  return readBody<Completion>(ctx, [](JsonInput& in) {
    Completion c;
    if (auto text = in.string("outcome", true)) {
      if (auto o = parseEnum<TaskOutcome>(*text))
        c.outcome = *o;
      else
        in.errors().add("outcome", "invalid_choice",
                        "Choose an outcome: assessed, already_supported, declined or not_needed");
    }
    c.note = in.string("note").value_or("");
    in.rejectUnknown();
    return c;
  });
}

Response taskOr(const Result<TaskView>& r) {
  if (!r) return Response::problem(r.error());
  return Response::json(200, taskViewJson(*r));
}

}  // namespace

void addTaskRoutes(Router& router, Tasks& tasks, const Clock& clock) {
  // Partner practitioners (role referrer: adult social care among them) and case staff.
  const auto workers = Access::only({Role::referrer, Role::caseworker, Role::team_manager});

  router.add({"GET", "/api/v1/tasks", "task.list", workers, [&clock, &tasks](RequestContext& ctx) {
                std::optional<TaskStatus> status;
                if (auto s = ctx.queryValue("status"); !s.empty()) {
                  status = parseEnum<TaskStatus>(s);
                  if (!status)
                    return Response::problem(DomainError::field(
                        "status", "invalid_choice", "status must be open, accepted, completed or cancelled"));
                }
                const auto overdue = ctx.queryValue("overdue");
                if (!overdue.empty() && overdue != "true" && overdue != "false")
                  return Response::problem(
                      DomainError::field("overdue", "invalid_boolean", "overdue must be true or false"));
                // format=csv|xlsx: the same list, whole, as a file (exports.h).
                if (auto f = ctx.queryValue("format", "json"); f != "json") {
                  auto file = parseExportFormat(f);
                  if (!file)
                    return Response::problem(
                        DomainError::field("format", "invalid_choice", "format must be json, csv or xlsx"));
                  auto rows =
                      tasks.exportList(ctx.who(), status, overdue == "true", std::string(formatName(*file)));
                  if (!rows) return Response::problem(rows.error());
                  return exportResponse(taskSheet(*rows, "tasks-" + formatIsoDate(clock.today())), *file);
                }
                auto listed = tasks.list(ctx.who(), status, overdue == "true");
                if (!listed) return Response::problem(listed.error());
                Array::Ptr items = new Array;
                for (const auto& t : *listed) items->add(taskViewJson(t));
                Object::Ptr o = new Object;
                o->set("items", items);
                return Response::json(200, o);
              }});
  router.add(
      {"POST", "/api/v1/tasks/{id}/accept", "task.accept", workers,
       withId([&tasks](RequestContext& ctx, Id id) { return taskOr(tasks.accept(ctx.who(), id, "")); })});
  router.add({"POST", "/api/v1/tasks/{id}/complete", "task.complete", workers,
              withId([&tasks](RequestContext& ctx, Id id) {
                auto body = readTaskCompletion(ctx);
                if (!body) return Response::problem(body.error());
                return taskOr(tasks.complete(ctx.who(), id, body->outcome, body->note));
              }),
              true});
}

}  // namespace ycr::services
