// The data protection officer's retention page (auditor): the schedule, the closed records it has
// reached and the holds that keep some of them, a dry run or a run, and the reports of past runs.
// Ids and dates only, never names; everything goes through Retention
// (services/usecases/include/ycr/services/retention.h), as the API's routes do, so it is audited alike.

#include "ycr/services/retention.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

constexpr const char* kPath = "/data-protection/retention";

std::string retentionDueTable(const std::vector<RetentionDue>& due) {
  TableSpec t;
  t.caption = "Closed records past the schedule";
  t.headings = {"Young carer", "Case", "Closed", "Due", "Legal hold"};
  for (const auto& d : due)
    t.rowsHtml.push_back({std::to_string(d.youngCarerId), d.caseId ? std::to_string(d.caseId) : "None",
                          formatIsoDate(d.closedOn), formatIsoDate(d.dueOn),
                          d.holds.empty() ? "" : tag("Held", "red")});
  return t.rowsHtml.empty() ? "<p class=\"govuk-body\">No closed record is past the schedule.</p>\n"
                            : table(t);
}

std::string runsTable(const std::vector<RetentionRun>& runs) {
  TableSpec t;
  t.caption = "Recent runs";
  t.headings = {"Run", "When", "Started by", "Report"};
  for (const auto& r : runs)
    t.rowsHtml.push_back({std::to_string(r.id) + (r.dryRun ? " " + tag("Dry run", "grey") : ""),
                          escape(formatIsoTimestamp(r.runAt)), escape(r.startedBy),
                          "<code>" + escape(r.reportJson) + "</code>"});
  return t.rowsHtml.empty() ? "" : table(t);
}

Response retentionPage(WebSite& site, Retention& retention, WebRequest& req) {
  auto due = retention.due(req.who());
  if (!due) return site.failurePage(req, due.error());
  auto runs = retention.runs(req.who(), 10, 0);
  if (!runs) return site.failurePage(req, runs.error());
  const auto& schedule = retention.settings();
  Page p;
  p.title = "Retention";
  p.navCurrent = kPath;
  p.wide = true;
  const std::string done = req.query("done");
  if (done == "run" || done == "dry")
    p.body += notificationBanner(
        done == "run" ? "Retention run finished" : "Dry run finished: nothing changed", true);
  p.body += "<h1 class=\"govuk-heading-l\">Retention</h1>\n";
  p.body += summaryList(
      {{"Kept until age", std::to_string(schedule.untilAge), "", ""},
       {"Kept after closure", std::to_string(schedule.afterClosureYears) + " years", "", ""},
       {"Daily run", schedule.daily ? "From " + std::to_string(schedule.runHour) + ":00" : "Off", "", ""}});
  p.body += retentionDueTable(*due);
  p.body += "<form method=\"post\" action=\"" + std::string(kPath) + "/run\" novalidate>\n" +
            csrfField(req.csrfToken) + "<div class=\"govuk-button-group\">" +
            button("Dry run", "secondary", "mode", "dry") +
            button("Anonymise now", "warning", "mode", "run") + "</div>\n</form>\n";
  p.body += runsTable(*runs);
  return site.page(req, 200, std::move(p));
}

}  // namespace

void addRetentionPages(WebSite& site, Retention& retention) {
  site.add({"GET", kPath, "web.retention.read", kDataProtection,
            [&site, &retention](WebRequest& req) { return retentionPage(site, retention, req); }});
  site.add({"POST", std::string(kPath) + "/run", "web.retention.run", kDataProtection,
            [&site, &retention](WebRequest& req) {
              const bool dryRun = req.form.get("mode") != "run";
              auto report = retention.run(req.who(), dryRun);
              if (!report) return site.failurePage(req, report.error());
              return redirect(std::string(kPath) + "?done=" + (dryRun ? "dry" : "run"));
            }});
}

}  // namespace ycr::services::web
