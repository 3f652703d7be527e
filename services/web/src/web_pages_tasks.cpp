// The pages of a partner service's practitioner (adult social care, role referrer): the tasks
// addressed to their organisation, and one task with its forms to accept and complete it. Every
// read and change goes through Tasks (tasks.h), as the API's do; to anyone else a task is not found.

#include "ycr/services/export_response.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const Access kTaskWorkers = Access::only({Role::referrer, Role::caseworker, Role::team_manager});

std::string taskHref(Id id) {
  return "/tasks/" + std::to_string(id);
}

std::string adultText(const TaskView& v) {
  if (!v.caredFor) return "Not recorded";
  std::string conditions;
  for (auto c : v.caredFor->conditions)
    conditions += (conditions.empty() ? "" : ", ") + humanise(toString(c));
  return humanise(toString(v.caredFor->relationship)) + (conditions.empty() ? "" : ": " + conditions);
}

const std::vector<Choice>& outcomeChoices() {
  static const std::vector<Choice> choices = {
      {"assessed", "Assessed", "The adult's needs were assessed"},
      {"already_supported", "Already supported", "Adult services already support the adult"},
      {"declined", "Declined", "The adult declined an assessment"},
      {"not_needed", "Not needed", "An assessment is not needed"},
  };
  return choices;
}

Response taskPage(WebSite& site, Tasks& tasks, WebRequest& req, Id id, int status, const PageErrors& errors,
                  const std::string& banner) {
  auto v = tasks.task(req.who(), id);
  if (!v) return site.failurePage(req, v.error());
  const auto& t = v->task;
  Page p;
  p.title = "Task for " + v->addressedTo;
  p.navCurrent = "/tasks";
  p.backHref = "/tasks";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors);
  if (!banner.empty()) p.body += notificationBanner(escape(banner), true);
  p.body += "<span class=\"govuk-caption-l\">Task " + std::to_string(t.id) +
            "</span>\n<h1 class=\"govuk-heading-l\">" + escape(t.description) + "</h1>\n";
  std::vector<SummaryRow> rows = {
      {"Status", taskStatusTag(t.status), "", ""},
      {"For", escape(v->addressedTo), "", ""},
      {"Due", taskDueText(t.due, v->workingDaysOverdue), "", ""},
      {"Person cared for", escape(adultText(*v)), "", ""},
      {"Case", "Case " + std::to_string(t.caseId) + " with " + escape(v->caseService), "", ""},
  };
  if (t.outcome) rows.push_back({"Outcome", escape(humanise(toString(*t.outcome))), "", ""});
  if (!t.note.empty()) rows.push_back({"Note", multiline(t.note), "", ""});
  p.body += summaryList(rows);
  p.body += insetText("To find out more about the family, contact " + escape(v->caseService) +
                      " and quote case " + std::to_string(t.caseId) + ".");
  const bool addressee = req.who().role == Role::referrer || v->addressedTo == req.who().organisationName;
  if (addressee && t.status == TaskStatus::open)
    p.body += "<form method=\"post\" action=\"" + taskHref(t.id) + "/accept\" novalidate>\n" +
              csrfField(req.csrfToken) + button("Accept task", "secondary") + "\n</form>\n";
  if (addressee && (t.status == TaskStatus::open || t.status == TaskStatus::accepted))
    p.body += "<h2 class=\"govuk-heading-m\">Complete the task</h2>\n<form method=\"post\" action=\"" +
              taskHref(t.id) + "/complete\" novalidate>\n" + csrfField(req.csrfToken) +
              radios({.name = "outcome",
                      .legend = "What was the outcome?",
                      .choices = outcomeChoices(),
                      .selected = {req.form.get("outcome")}},
                     errors) +
              textarea({.id = "note",
                        .label = "Note (optional)",
                        .hint = "Shown to the young carers service on the case",
                        .value = req.form.get("note")},
                       errors, 4) +
              button("Complete task") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// A move refused for what was sent is shown on the task's page with its errors; anything else
// (not found, already moved) as the failure it is.
Response moved(WebSite& site, Tasks& tasks, WebRequest& req, Id id, const Result<TaskView>& r,
               const std::string& done) {
  if (r) return redirect(taskHref(id) + "?done=" + done);
  const auto& e = r.error();
  if (e.code != ErrorCode::validation && e.code != ErrorCode::conflict) return site.failurePage(req, e);
  PageErrors errors;
  if (e.fields.empty()) errors.add("", e.detail);
  for (const auto& f : e.fields) errors.add(f.field == "note" ? "note" : "", messageFor(f));
  return taskPage(site, tasks, req, id, httpStatusFor(e.code), errors, "");
}

}  // namespace

// Shared with the case page (web.h).
std::string taskStatusTag(TaskStatus s) {
  switch (s) {
    case TaskStatus::open: return tag("Open", "blue");
    case TaskStatus::accepted: return tag("Accepted", "yellow");
    case TaskStatus::completed: return tag("Completed", "green");
    case TaskStatus::cancelled: return tag("Cancelled", "grey");
  }
  return tag("Open", "blue");
}

std::string taskDueText(const Date& due, int workingDaysOverdue) {
  if (workingDaysOverdue <= 0) return escape(humanDate(due));
  return escape(humanDate(due)) + " " + tag("Overdue", "red") + "<br><span class=\"govuk-body-s\">" +
         std::to_string(workingDaysOverdue) + (workingDaysOverdue == 1 ? " working day" : " working days") +
         " overdue</span>";
}

void addTaskPages(WebSite& site, const Clock& clock, Tasks& tasks) {
  site.add(
      {"GET", "/tasks", "web.task.list", kTaskWorkers, [&site, &tasks](WebRequest& req) {
         auto listed = tasks.list(req.who(), std::nullopt);
         if (!listed) return site.failurePage(req, listed.error());
         Page p;
         p.title = "Tasks for your organisation";
         p.navCurrent = "/tasks";
         p.wide = true;
         p.body = "<h1 class=\"govuk-heading-l\">Tasks for your organisation</h1>\n";
         if (listed->empty()) {
           p.body += "<p class=\"govuk-body\">No tasks are addressed to your organisation.</p>\n";
           return site.page(req, 200, std::move(p));
         }
         TableSpec t;
         t.headings = {"Task", "Person cared for", "Case", "Status", "Due"};
         for (const auto& v : *listed)
           t.rowsHtml.push_back({"<a class=\"govuk-link\" href=\"" + taskHref(v.task.id) + "\">" +
                                     escape(v.task.description) + "</a>",
                                 escape(adultText(v)),
                                 "Case " + std::to_string(v.task.caseId) + " with " + escape(v.caseService),
                                 taskStatusTag(v.task.status),
                                 taskDueText(v.task.due, v.workingDaysOverdue)});
         p.body += table(t);
         p.body +=
             "<p class=\"govuk-body\">Download these tasks: <a class=\"govuk-link\" href=\"/tasks.csv\" "
             "download>CSV file</a> or <a class=\"govuk-link\" href=\"/tasks.xlsx\" download>spreadsheet "
             "(.xlsx)</a></p>\n";
         return site.page(req, 200, std::move(p));
       }});
  // The list as a file: the same use case as the API's export, audited as task.export.
  for (auto format : {ExportFormat::csv, ExportFormat::xlsx})
    site.add({"GET", "/tasks." + std::string(formatName(format)),
              "web.task.export_" + std::string(formatName(format)), kTaskWorkers,
              [&site, &clock, &tasks, format](WebRequest& req) {
                auto rows = tasks.exportList(req.who(), std::nullopt, false, std::string(formatName(format)));
                if (!rows) return site.failurePage(req, rows.error());
                return exportResponse(taskSheet(*rows, "tasks-" + formatIsoDate(clock.today())), format);
              }});
  site.add({"GET", "/tasks/{id}", "web.task.read", kTaskWorkers,
            site.withId([&site, &tasks](WebRequest& req, Id id) {
              const std::string done = req.query("done");
              return taskPage(site, tasks, req, id, 200, {},
                              done == "accept"     ? "Task accepted"
                              : done == "complete" ? "Task completed"
                                                   : "");
            })});
  site.add({"POST", "/tasks/{id}/accept", "web.task.accept", kTaskWorkers,
            site.withId([&site, &tasks](WebRequest& req, Id id) {
              return moved(site, tasks, req, id, tasks.accept(req.who(), id, ""), "accept");
            })});
  site.add({"POST", "/tasks/{id}/complete", "web.task.complete", kTaskWorkers,
            site.withId([&site, &tasks](WebRequest& req, Id id) {
              auto outcome = parseEnum<TaskOutcome>(req.form.get("outcome"));
              if (!outcome) {
                PageErrors errors;
                errors.add("outcome", "Select the outcome");
                return taskPage(site, tasks, req, id, 422, errors, "");
              }
              return moved(site, tasks, req, id,
                           tasks.complete(req.who(), id, *outcome, req.form.get("note")), "complete");
            })});
}

}  // namespace ycr::services::web
