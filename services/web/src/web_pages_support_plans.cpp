// A case's support plan in pages: what it holds, recording and changing it (a draft), and agreeing it.
// Everything goes through Assessments and Register, the use cases the API calls, so rules, scoping and
// audit match.

#include <algorithm>

#include "ycr/services/assessments.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::vector<Choice> serviceTypes() {
  std::vector<Choice> out = {{"", "Choose a type of service", ""}};
  for (const auto& t : enumSpellings<ServiceType>()) out.push_back({t, humanise(t), ""});
  return out;
}

std::string planTable(const SupportPlan& plan) {
  TableSpec t;
  t.headings = {"Service", "Provider", "Starts", "Ends", "Notes"};
  for (const auto& i : plan.items)
    t.rowsHtml.push_back({escape(humanise(toString(i.type))), escape(i.provider), escape(humanDate(i.start)),
                          i.end ? escape(humanDate(*i.end)) : "No end date", multiline(i.notes)});
  return table(t);
}

Response planPage(WebSite& site, Register& reg, Assessments& assessments, const WebRequest& req, Id caseId,
                  int status, const PageErrors& errors) {
  auto plans = assessments.supportPlans(req.who(), caseId);
  if (!plans) return site.failurePage(req, plans.error());
  auto c = reg.caseView(req.who(), caseId);
  if (!c) return site.failurePage(req, c.error());
  Page p;
  p.title = "Support plan";
  p.hasErrors = !errors.empty();
  p.backHref = "/cases/" + std::to_string(caseId);
  std::string result = req.query("result");
  if (result == "recorded")
    p.body += notificationBanner(
        "The support plan was saved as a draft. Agree it with the young carer and their family, then mark it "
        "agreed.",
        true);
  if (result == "agreed")
    p.body += notificationBanner("The support plan is agreed. The case is now supported.", true);
  p.body += errorSummary(errors);
  p.body += "<span class=\"govuk-caption-l\">" + escape(fullName(c->youngCarer)) + "</span>\n";
  p.body += "<h1 class=\"govuk-heading-l\">Support plan</h1>\n";
  p.body += "<p class=\"govuk-body\">Case status: " + tag(humanise(toString(c->caseRecord.state)), "blue") +
            "</p>\n";
  const std::string base = "/cases/" + std::to_string(caseId) + "/support-plan";
  if (plans->current) {
    p.body += "<h2 class=\"govuk-heading-m\">Agreed plan</h2>\n";
    std::vector<SummaryRow> rows = {{"Version", std::to_string(plans->current->version)}};
    if (plans->current->agreedOn) rows.push_back({"Agreed", escape(humanDate(*plans->current->agreedOn))});
    if (plans->current->reviewDue)
      rows.push_back({"Review due", escape(humanDate(*plans->current->reviewDue))});
    p.body += summaryList(rows) + planTable(*plans->current);
  }
  if (plans->draft) {
    p.body += "<h2 class=\"govuk-heading-m\">Draft plan, not yet agreed</h2>\n";
    p.body += summaryList({{"Recorded", escape(humanTimestamp(plans->draft->recordedAt))}}) +
              planTable(*plans->draft);
    bool canAgree = std::find(c->allowedEvents.begin(), c->allowedEvents.end(),
                              pathways::Event::agree_plan) != c->allowedEvents.end();
    p.body += "<div class=\"ycr-button-row\">";
    if (canAgree)
      p.body += "<form method=\"post\" action=\"" + base + "/agree\" novalidate>" + csrfField(req.csrfToken) +
                button("Mark the plan as agreed") + "</form>";
    p.body +=
        "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" role=\"button\" "
        "draggable=\"false\" href=\"" +
        base + "/edit\">Change the draft</a></div>\n";
    if (!canAgree)
      p.body += insetText(
          "The plan can be agreed once the case reaches support planning (after the needs "
          "assessment is completed).");
  } else {
    if (!plans->current) p.body += "<p class=\"govuk-body\">No support plan has been recorded yet.</p>\n";
    p.body +=
        "<a class=\"govuk-button\" data-module=\"govuk-button\" role=\"button\" draggable=\"false\" href=\"" +
        base + "/edit\">" + (plans->current ? "Start a new version of the plan" : "Record a support plan") +
        "</a>\n";
  }
  if (plans->history.size() > 1) {
    TableSpec t;
    t.caption = "Earlier versions";
    t.headings = {"Version", "Status", "Recorded", "Services"};
    for (const auto& h : plans->history)
      t.rowsHtml.push_back(
          {std::to_string(h.version),
           tag(humanise(toString(h.status)), h.status == SupportPlanStatus::agreed ? "green" : "grey"),
           escape(humanTimestamp(h.recordedAt)), std::to_string(h.items.size())});
    p.body += table(t);
  }
  p.body += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/" + std::to_string(caseId) +
            "/assessments\">Assessments and reviews for this case</a></p>\n";
  return site.page(req, status, std::move(p));
}

std::string item(std::size_t i, const std::string& field) {
  return "item-" + std::to_string(i) + "-" + field;
}

Form planForm(const std::vector<SupportPlanItem>& items) {
  Form f;
  for (std::size_t i = 0; i < items.size(); ++i) {
    f.set(item(i, "type"), std::string(toString(items[i].type)));
    f.set(item(i, "provider"), items[i].provider);
    f.setDate(item(i, "start"), items[i].start);
    f.setDate(item(i, "end"), items[i].end);
    f.set(item(i, "notes"), items[i].notes);
  }
  f.set("rows", std::to_string(std::max<std::size_t>(items.size(), 1)));
  return f;
}

std::size_t rowCount(const Form& f) {
  auto t = f.get("rows");
  if (t.empty() || t.size() > 2 || t.find_first_not_of("0123456789") != std::string::npos) return 1;
  return std::clamp<std::size_t>(static_cast<std::size_t>(std::stoi(t)), 1, 20);
}

bool rowBlank(const Form& f, std::size_t i) {
  for (const char* field : {"type", "provider", "start-day", "start-month", "start-year", "end-day",
                            "end-month", "end-year", "notes"})
    if (!isBlank(f.get(item(i, field)))) return false;
  return true;
}

Response planEditPage(WebSite& site, const WebRequest& req, Id caseId, int status, const Form& f,
                      const PageErrors& errors) {
  Page p;
  p.title = "Record the support plan";
  p.hasErrors = !errors.empty();
  p.backHref = "/cases/" + std::to_string(caseId) + "/support-plan";
  std::string h = errorSummary(errors);
  h += "<h1 class=\"govuk-heading-l\">Record the support plan</h1>\n<p class=\"govuk-body\">List each "
       "service that "
       "will meet the young carer's needs. The plan is saved as a draft until it is agreed.</p>\n";
  h += "<form method=\"post\" action=\"/cases/" + std::to_string(caseId) +
       "/support-plan/edit\" novalidate>\n" + csrfField(req.csrfToken);
  std::size_t rows = rowCount(f);
  h += "<input type=\"hidden\" name=\"rows\" value=\"" + std::to_string(rows) + "\">\n";
  for (std::size_t i = 0; i < rows; ++i) {
    h += "<fieldset class=\"govuk-fieldset ycr-plan-item\">\n<legend class=\"govuk-fieldset__legend "
         "govuk-fieldset__legend--m\">Service " +
         std::to_string(i + 1) + "</legend>\n";
    h += select(item(i, "type"), "Type of service", serviceTypes(), f.get(item(i, "type")), errors);
    h += textInput({item(i, "provider"), "Who provides it",
                    "For example, the young carers service or a named school", f.get(item(i, "provider"))},
                   errors);
    h += dateInput(item(i, "start"), "Start date", "For example, 1 9 2025", f, errors);
    h += dateInput(item(i, "end"), "End date (optional)", "Leave empty if the service has no end date", f,
                   errors);
    h += textarea({.id = item(i, "notes"),
                   .label = "Notes",
                   .hint = "Required for 'Other': say what the service is",
                   .value = f.get(item(i, "notes"))},
                  errors, 2);
    h += "</fieldset>\n";
  }
  h += "<div class=\"govuk-button-group\">\n" + button("Add another service", "secondary", "action", "add") +
       button("Save the plan", "", "action", "save") + "</div>\n</form>\n";
  p.body = h;
  return site.page(req, status, std::move(p));
}

// POST /cases/{id}/support-plan/edit: another row, or the plan's rows recorded as its draft; the use
// case's findings shown against the rows they came from.
Response recordPlan(WebSite& site, Assessments& assessments, WebRequest& req) {
  auto caseId = idParam(req.ctx, "id");
  if (!caseId) return site.failurePage(req, caseId.error());
  Form f = req.form;
  std::size_t rows = rowCount(f);
  if (f.get("action") == "add") {
    f.set("rows", std::to_string(std::min<std::size_t>(rows + 1, 20)));
    return planEditPage(site, req, *caseId, 200, f, {});
  }
  PageErrors errors;
  std::vector<SupportPlanItem> items;
  std::vector<std::size_t> rowOf;  // the page row of each item sent to the use case
  for (std::size_t i = 0; i < rows; ++i) {
    if (rowBlank(f, i)) continue;
    SupportPlanItem it;
    auto type = parseEnum<ServiceType>(f.get(item(i, "type")));
    if (!type)
      errors.add(item(i, "type"), "Select the type of service " + std::to_string(i + 1));
    else
      it.type = *type;
    it.provider = f.get(item(i, "provider"));
    if (auto start = readDateInput(f, item(i, "start"), "Start date", errors))
      it.start = *parseIsoDate(*start);
    bool anyEnd = !f.get(item(i, "end-day")).empty() || !f.get(item(i, "end-month")).empty() ||
                  !f.get(item(i, "end-year")).empty();
    if (anyEnd)
      if (auto end = readDateInput(f, item(i, "end"), "End date", errors)) it.end = parseIsoDate(*end);
    it.notes = f.get(item(i, "notes"));
    items.push_back(std::move(it));
    rowOf.push_back(i);
  }
  if (items.empty()) errors.add(item(0, "type"), "Enter at least one service");
  if (!errors.empty()) return planEditPage(site, req, *caseId, 422, f, errors);
  auto plans = assessments.recordSupportPlan(req.who(), *caseId, items);
  if (!plans) {
    if (plans.error().code != ErrorCode::validation) return site.failurePage(req, plans.error());
    for (const auto& fe : plans.error().fields) {
      // "items[2].provider" -> the page row that item came from.
      std::string id;
      if (fe.field.rfind("items[", 0) == 0) {
        std::size_t index = static_cast<std::size_t>(std::atoi(fe.field.c_str() + 6));
        auto dot = fe.field.find("].");
        std::string sub = dot == std::string::npos ? "type" : fe.field.substr(dot + 2);
        if (index < rowOf.size()) id = item(rowOf[index], sub);
      }
      bool date = id.size() > 4 && (id.ends_with("-start") || id.ends_with("-end"));
      errors.add(id, messageFor(fe), date ? id + "-day" : "");
    }
    return planEditPage(site, req, *caseId, 422, f, errors);
  }
  return redirect("/cases/" + std::to_string(*caseId) + "/support-plan?result=recorded");
}

}  // namespace

void addSupportPlanPages(WebSite& site, Register& reg, Assessments& assessments) {
  site.add({"GET", "/cases/{id}/support-plan", "web.support_plan.read", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id caseId) {
              return planPage(site, reg, assessments, req, caseId, 200, {});
            })});

  site.add({"GET", "/cases/{id}/support-plan/edit", "web.support_plan.edit", kStaff,
            site.withId([&site, &assessments](WebRequest& req, Id caseId) {
              auto plans = assessments.supportPlans(req.who(), caseId);
              if (!plans) return site.failurePage(req, plans.error());
              Form f = plans->draft     ? planForm(plans->draft->items)
                       : plans->current ? planForm(plans->current->items)
                                        : planForm({});
              return planEditPage(site, req, caseId, 200, f, {});
            })});

  site.add({"POST", "/cases/{id}/support-plan/edit", "web.support_plan.record", kStaff,
            [&site, &assessments](WebRequest& req) { return recordPlan(site, assessments, req); }});

  site.add({"POST", "/cases/{id}/support-plan/agree", "web.support_plan.agree", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id caseId) {
              pathways::EventRequest event;
              event.event = pathways::Event::agree_plan;
              auto moved = reg.applyEvent(req.who(), caseId, event, std::nullopt);
              if (!moved) {
                auto code = moved.error().code;
                if (code == ErrorCode::not_found || code == ErrorCode::forbidden)
                  return site.failurePage(req, moved.error());
                // The guards' words (such as "Record the support plan first") for the summary.
                PageErrors errors;
                errors.add("", moved.error().detail);
                for (const auto& fe : moved.error().fields) errors.add("", messageFor(fe));
                return planPage(site, reg, assessments, req, caseId, 409, errors);
              }
              return redirect("/cases/" + std::to_string(caseId) + "/support-plan?result=agreed");
            })});
}

}  // namespace ycr::services::web
