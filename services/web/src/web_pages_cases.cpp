// Caseworkers' and team managers' pages: the dashboard (my cases, overdue, all open cases, and for
// managers other services' overdue tasks), the lists as files, and the case page with its next action,
// clocks, timeline and the events allowed now as buttons. Every read and change goes through Register, as the
// API's do.

#include <algorithm>

#include "ycr/services/export_response.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string stateColour(CaseState s) {
  switch (s) {
    case CaseState::referred:
    case CaseState::screening: return "blue";
    case CaseState::safeguarding: return "red";
    case CaseState::awaiting_assessment:
    case CaseState::assessing: return "yellow";
    case CaseState::support_planning:
    case CaseState::supported:
    case CaseState::reviewing: return "green";
    case CaseState::transition: return "purple";
    case CaseState::handed_over:
    case CaseState::closed: return "grey";
  }
  return "grey";
}

std::string caseStateTag(CaseState s) {
  return tag(humanise(toString(s)), stateColour(s));
}

std::string eventLabel(pathways::Event e) {
  using E = pathways::Event;
  switch (e) {
    case E::acknowledge: return "Acknowledge and screen";
    case E::accept_for_assessment: return "Accept for assessment";
    case E::signpost: return "Signpost to other services";
    case E::escalate_safeguarding: return "Escalate to safeguarding";
    case E::safeguarding_returned: return "Safeguarding returned";
    case E::start_assessment: return "Start assessment";
    case E::complete_assessment: return "Complete assessment";
    case E::agree_plan: return "Agree support plan";
    case E::start_review: return "Start review";
    case E::complete_review: return "Complete review";
    case E::start_transition: return "Start transition";
    case E::hand_over: return "Hand over to adult services";
    case E::close: return "Close case";
    case E::reopen: return "Reopen case";
    case E::assign: return "Assign to me";
  }
  // Unreachable (-Wswitch names any event without a label); not toString(e), which GCC 12 at -O2
  // reads as indexing past the names (-Warray-bounds).
  return "Move the case on";
}

std::string dueText(const std::optional<Date>& due, bool overdue) {
  if (!due) return "None";
  return escape(humanDate(*due)) + (overdue ? " " + tag("Overdue", "red") : "");
}

std::string caseLink(const CaseListItem& item) {
  return "<a class=\"govuk-link\" href=\"/cases/" + std::to_string(item.caseRecord.id) + "\">" +
         escape(item.youngCarerName) + "</a>";
}

// The dashboard's lists by name, shown on /cases and taken away whole from /cases.csv and /cases.xlsx
// (?list=mine|overdue|open): one definition, so the file is the list on the page.
std::optional<CaseQuery> namedList(const std::string& name, const Principal& who) {
  CaseQuery q;
  q.openOnly = true;
  q.limit = 50;
  if (name == "mine")
    q.ownerUserId = who.userId;
  else if (name == "overdue")
    q.overdueOnly = true;
  else if (name != "open")
    return std::nullopt;
  return q;
}

// Plain links, so they are reached with Tab and followed with Enter; what each gives is in its words.
std::string downloadLinks(const std::string& list, const std::string& what) {
  return "<p class=\"govuk-body\">Download " + escape(what) +
         ": <a class=\"govuk-link\" href=\"/cases.csv?list=" + list +
         "\" download>CSV file</a> or <a class=\"govuk-link\" href=\"/cases.xlsx?list=" + list +
         "\" download>spreadsheet (.xlsx)</a></p>\n";
}

std::string casesTable(const std::string& caption, const std::vector<CaseListItem>& items,
                       const std::string& list, const std::string& what) {
  if (items.empty())
    return "<h2 class=\"govuk-heading-m\">" + escape(caption) + "</h2>\n<p class=\"govuk-body\">None.</p>\n";
  TableSpec t;
  t.caption = caption;
  t.headings = {"Young carer", "Stage", "Next action", "Due"};
  for (const auto& item : items)
    t.rowsHtml.push_back({caseLink(item), caseStateTag(item.caseRecord.state),
                          escape(item.caseRecord.nextAction),
                          dueText(item.caseRecord.nextActionDue, item.overdue)});
  return table(t) + downloadLinks(list, what);
}

std::string conditionsText(const std::vector<Condition>& conditions) {
  std::string out;
  for (auto c : conditions) out += (out.empty() ? "" : ", ") + humanise(toString(c));
  return out.empty() ? "None recorded" : out;
}

// The other young carers caring for a person, linking to their cases.
std::string otherCarersText(const HouseholdMember& m) {
  std::string out;
  for (const auto& o : m.otherCarers)
    out += (out.empty() ? "" : "<br>") +
           (o.caseId ? "<a class=\"govuk-link\" href=\"/cases/" + std::to_string(*o.caseId) + "\">" +
                           escape(o.name) + "</a>"
                     : escape(o.name)) +
           " (" + escape(humanise(toString(o.relationship))) + ")";
  return out.empty() ? "No one else" : out;
}

// A form on the case page about one person's household link: to link them to the same person cared
// for by another young carer (by the number shown on that child's case page), or to undo a link.
std::string householdForm(const CaseView& view, const HouseholdMember& m, const std::string& csrfToken,
                          const PageErrors& errors) {
  const std::string number = std::to_string(m.caredFor.id);
  std::string h = "<form method=\"post\" action=\"/cases/" + std::to_string(view.caseRecord.id) +
                  "/cared-for/" + number + "/household\" novalidate>\n" + csrfField(csrfToken);
  if (!m.otherCarers.empty())
    return h + button("Not the same person: unlink " + number, "secondary", "action", "unlink") + "</form>\n";
  h += textInput({.id = "same_as-" + number,
                  .label = "Person " + number + " is the same person as number",
                  .hint = "The person's number on the other young carer's case page",
                  .widthClass = "govuk-input--width-5"},
                 errors);
  return h + button("Link person " + number, "secondary", "action", "link") + "</form>\n";
}

// The people cared for, each with what every child's referral says of them and the other young carers
// caring for them (households.h); links are made by people, from here or the API, never guessed.
std::string householdSection(const CaseView& view, const std::string& csrfToken, const PageErrors& errors) {
  std::string h = "<h2 class=\"govuk-heading-m\">People cared for and their household</h2>\n";
  if (view.household.empty()) return h + "<p class=\"govuk-body\">None recorded.</p>\n";
  TableSpec t;
  t.headings = {
      "Number",           "Relationship", "Conditions", "Lives with the young carer", "Adult social care",
      "Also cared for by"};
  for (const auto& m : view.household) {
    std::string references;
    for (const auto& r : m.adultSocialCareReferences) references += (references.empty() ? "" : ", ") + r;
    t.rowsHtml.push_back(
        {std::to_string(m.caredFor.id), escape(humanise(toString(m.caredFor.relationship))),
         escape(conditionsText(m.conditions)), m.caredFor.livesWithYoungCarer ? "Yes" : "No",
         m.knownToAdultSocialCare
             ? "Known" + (references.empty() ? std::string() : " (reference " + escape(references) + ")")
             : std::string("Not known"),
         otherCarersText(m)});
  }
  h += table(t);
  for (const auto& m : view.household) h += householdForm(view, m, csrfToken, errors);
  return h;
}

// The young carer's places on this service's activities and breaks, oldest first, with what each register
// says; a register not yet finalised may still change (and is not yet counted for commissioners).
std::string activitiesSection(const CaseView& view) {
  std::string h = "<h2 class=\"govuk-heading-m\">Activities and breaks</h2>\n";
  if (view.activities.empty()) return h + "<p class=\"govuk-body\">No places offered.</p>\n";
  TableSpec t;
  t.headings = {"Activity", "When", "Attendance"};
  for (const auto& [a, p] : view.activities) {
    std::string when = escape(humanDate(a.startsOn));
    if (a.endsOn != a.startsOn) when += " to " + escape(humanDate(a.endsOn));
    std::string attendance = tag("Not recorded", "grey");
    if (p.attendance == Attendance::attended) attendance = tag("Attended", "green");
    if (p.attendance == Attendance::did_not_attend) attendance = tag("Did not attend", "orange");
    if (p.attendance == Attendance::cancelled)
      attendance =
          tag("Cancelled", "yellow") + "<br><span class=\"govuk-body-s\">" + escape(p.reason) + "</span>";
    if (p.attendance && !a.finalisedAt)
      attendance += "<br><span class=\"govuk-body-s\">Register not finalised</span>";
    t.rowsHtml.push_back({"<a class=\"govuk-link\" href=\"/activities/" + std::to_string(a.id) + "\">" +
                              escape(a.title) + "</a><br><span class=\"govuk-body-s\">" +
                              escape(humanise(toString(a.kind))) + "</span>",
                          when, attendance});
  }
  return h + table(t);
}

// The young carer's caring in the referrers' words, the people cared for, the work asked of other
// services (a task for adult services for each adult not known to them), and the activities and breaks.
std::string familySections(const CaseView& view, const std::string& csrfToken, const PageErrors& errors) {
  std::string h = "<h2 class=\"govuk-heading-m\">Caring</h2>\n";
  std::vector<SummaryRow> said;
  for (const auto& r : view.referrals)
    if (!isBlank(r.caringSummary))
      said.push_back({"Referral " + r.reference,
                      multiline(r.caringSummary) + "<br><span class=\"govuk-body-s\">Received " +
                          escape(humanTimestamp(r.receivedAt)) + "</span>",
                      "", ""});
  h += said.empty() ? "<p class=\"govuk-body\">No referral describes the caring yet.</p>\n"
                    : summaryList(said);

  h += householdSection(view, csrfToken, errors);
  h += sharingSection(view);
  h += schoolSection(view);
  h += surveySection(view);

  h += "<h2 class=\"govuk-heading-m\">Tasks for other services</h2>\n";
  if (view.tasks.empty()) {
    h += "<p class=\"govuk-body\">None.</p>\n";
  } else {
    TableSpec t;
    t.headings = {"Task", "For", "Status", "Due"};
    for (const auto& task : view.tasks) {
      std::string what = escape(task.description);
      if (task.outcome)
        what += "<br><span class=\"govuk-body-s\">Outcome: " + escape(humanise(toString(*task.outcome))) +
                "</span>";
      if (!task.note.empty()) what += "<br><span class=\"govuk-body-s\">" + multiline(task.note) + "</span>";
      auto addressee = view.taskAddressees.find(task.id);
      auto late = view.taskWorkingDaysOverdue.find(task.id);
      t.rowsHtml.push_back(
          {what, escape(addressee == view.taskAddressees.end() ? task.assignedTo : addressee->second),
           taskStatusTag(task.status),
           taskDueText(task.due, late == view.taskWorkingDaysOverdue.end() ? 0 : late->second)});
    }
    h += table(t);
  }
  return h + activitiesSection(view);
}

// The case's timeline, newest first: its steps, and the other services' work on its tasks.
std::string timelineSection(const CaseView& view, const std::vector<CaseEvent>& events) {
  std::string h = "<h2 class=\"govuk-heading-m\">Timeline</h2>\n";
  if (events.empty() && view.taskEvents.empty())
    return h + "<p class=\"govuk-body\">Nothing has happened yet.</p>\n";
  std::vector<std::pair<Timestamp, std::vector<std::string>>> rows;
  for (const auto& e : events) {
    std::string what = escape(humanise(e.event));
    if (!e.reason.empty()) what += "<br><span class=\"govuk-body-s\">" + escape(e.reason) + "</span>";
    if (e.late) what += " " + tag("Late", "orange");
    rows.push_back({e.at,
                    {escape(humanTimestamp(e.at)), what,
                     escape(humanise(toString(e.fromState))) + " to " + caseStateTag(e.toState)}});
  }
  for (const auto& e : view.taskEvents) {
    auto task = std::find_if(view.tasks.begin(), view.tasks.end(),
                             [&](const CaseTask& t) { return t.id == e.taskId; });
    auto addressee = view.taskAddressees.find(e.taskId);
    // A row that moves nothing is a note (households.h: a sibling's referral about the same adult).
    std::string what =
        e.fromStatus == e.toStatus ? "Task noted" : "Task " + escape(std::string(toString(e.toStatus)));
    if (addressee != view.taskAddressees.end() && e.fromStatus != e.toStatus)
      what += " by " + escape(addressee->second);
    if (task != view.tasks.end())
      what += "<br><span class=\"govuk-body-s\">" + escape(task->description) + "</span>";
    if (e.outcome)
      what +=
          "<br><span class=\"govuk-body-s\">Outcome: " + escape(humanise(toString(*e.outcome))) + "</span>";
    if (!e.note.empty()) what += "<br><span class=\"govuk-body-s\">" + multiline(e.note) + "</span>";
    rows.push_back({e.at, {escape(humanTimestamp(e.at)), what, "No change"}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  TableSpec t;
  t.headings = {"When", "What happened", "Stage"};
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) t.rowsHtml.push_back(it->second);
  return h + table(t);
}

// The case's records: assessments and reviews, the support plan, the young carer's ID cards, and where to
// record a compliment or complaint about them.
std::string recordLinks(Id caseId, Id youngCarerId) {
  const std::string c = "/cases/" + std::to_string(caseId), y = std::to_string(youngCarerId);
  auto item = [](const std::string& href, const std::string& text) {
    return "<li><a class=\"govuk-link\" href=\"" + href + "\">" + text + "</a></li>\n";
  };
  return "<ul class=\"govuk-list\">\n" + item(c + "/assessments", "Assessments and reviews") +
         item(c + "/support-plan", "Support plan") + item("/young-carers/" + y + "/id-cards", "ID cards") +
         item("/feedback/new?young_carer_id=" + y, "Record a compliment or complaint") + "</ul>\n";
}

// A link styled as a button, for an event that opens its own question pages (web_pages_pathway.cpp).
std::string linkButton(const std::string& href, const std::string& label, const std::string& variant) {
  return "<a href=\"" + href + "\" role=\"button\" draggable=\"false\" class=\"govuk-button" +
         (variant.empty() ? std::string() : " govuk-button--" + variant) +
         "\" data-module=\"govuk-button\">" + escape(label) + "</a>\n";
}

// What can happen next: one form, one button per event allowed now: the engine decides, the page only
// offers. Events that need more answers than a note link to their own question pages.
std::string eventsForm(const CaseView& view, const WebRequest& req, const PageErrors& errors) {
  if (view.allowedEvents.empty()) return "";
  const auto allowed = [&view](pathways::Event e) {
    return std::find(view.allowedEvents.begin(), view.allowedEvents.end(), e) != view.allowedEvents.end();
  };
  const std::string href = "/cases/" + std::to_string(view.caseRecord.id);
  std::string h = "<h2 class=\"govuk-heading-m\">What happens next</h2>\n<form method=\"post\" action=\"" +
                  href + "/events\" novalidate>\n" + csrfField(req.csrfToken);
  h += textarea({.id = "reason",
                 .label = "Reason or note",
                 .hint = "Needed to escalate to safeguarding, "
                         "and when an assessment is completed late. Optional otherwise."},
                errors, 3);
  if (allowed(pathways::Event::close)) {
    std::vector<Choice> reasons = {{"", "Choose a reason if closing", ""}};
    for (auto r : {CloseReason::not_a_young_carer, CloseReason::signposted_to_universal_services,
                   CloseReason::needs_met, CloseReason::declined, CloseReason::moved_away,
                   CloseReason::no_longer_caring})
      reasons.push_back({std::string(toString(r)), humanise(toString(r)), ""});
    h += select("close_reason", "Reason for closing", reasons, req.form.get("close_reason"), errors);
  }
  h += "<div class=\"govuk-button-group\">\n";
  for (auto e : view.allowedEvents) {
    std::string variant = e == pathways::Event::close || e == pathways::Event::escalate_safeguarding
                              ? "warning"
                              : (e == view.allowedEvents.front() ? "" : "secondary");
    if (e == pathways::Event::complete_review || e == pathways::Event::hand_over)
      h += linkButton(href + (e == pathways::Event::complete_review ? "/complete-review" : "/hand-over"),
                      eventLabel(e), variant);
    else
      h += button(eventLabel(e), variant, "event", std::string(toString(e))) + "\n";
  }
  // A team manager moves a case to another young carers service (register_routing.cpp).
  if (req.who().role == Role::team_manager && allowed(pathways::Event::assign))
    h += linkButton(href + "/transfer", "Transfer to another service", "secondary");
  return h + "</div>\n</form>\n";
}

Response casePage(WebSite& site, Register& reg, WebRequest& req, Id caseId, int status,
                  const PageErrors& errors, const std::string& banner) {
  auto view = reg.caseView(req.who(), caseId);
  if (!view) return site.failurePage(req, view.error());
  auto timeline = reg.timeline(req.who(), caseId);
  if (!timeline) return site.failurePage(req, timeline.error());
  const auto& c = view->caseRecord;
  const auto& yc = view->youngCarer;
  const std::string name = fullName(yc);
  Page p;
  p.title = name + ": case";
  p.navCurrent = "/cases";
  p.backHref = "/cases";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors);
  if (!banner.empty()) p.body += notificationBanner(escape(banner), true);
  p.body += "<span class=\"govuk-caption-l\">Case " + std::to_string(c.id) +
            "</span>\n<h1 class=\"govuk-heading-l\">" + escape(name) + "</h1>\n";
  p.body += summaryList({
      {"Stage", caseStateTag(c.state), "", ""},
      {"Young adult carer",
       view->youngAdultCarer
           ? tag("Young adult carer", "purple") + " referred at 18 to 25; the adult carers' "
                                                  "service is asked to offer a carer's assessment"
           : std::string("No"),
       "", ""},
      {"Next action", escape(c.nextAction.empty() ? "None" : c.nextAction), "", ""},
      {"Due", dueText(c.nextActionDue, view->overdue), "", ""},
      {"Owner",
       escape(c.ownerTeam) +
           (c.ownerUserId ? (c.ownerUserId == req.who().userId ? " (you)" : "") : " (not assigned)"),
       "", ""},
      {"Date of birth", escape(humanDate(yc.dateOfBirth)), "", ""},
      {"Referral received", escape(humanDate(c.referralReceived)), "", ""},
      {"Assessment due",
       escape(humanDate(view->clocks.assessment.due)) +
           (view->clocks.assessment.overdue ? " " + tag("Overdue", "red") : ""),
       "", ""},
      {"Review due", c.reviewDue ? escape(humanDate(*c.reviewDue)) : std::string("Not set"), "", ""},
  });
  p.body += recordLinks(c.id, yc.id);
  p.body += familySections(*view, req.csrfToken, errors);

  p.body += eventsForm(*view, req, errors);
  if (c.state == CaseState::transition && std::find(view->allowedEvents.begin(), view->allowedEvents.end(),
                                                    pathways::Event::hand_over) == view->allowedEvents.end())
    p.body += insetText(
        "To hand over to adult services, first complete a <a class=\"govuk-link\" href=\"/cases/" +
        std::to_string(c.id) +
        "/assessments\">transition assessment</a> with the young person's consent, or a lawful reason to "
        "assess without it (Care Act 2014 section 63).");
  if (c.state == CaseState::assessing)
    p.body += insetText(
        "To move the case to support planning, complete its <a class=\"govuk-link\" href=\"/cases/" +
        std::to_string(c.id) +
        "/assessments\">needs assessment</a>: completing it records the assessment and moves "
        "the case.");

  p.body += timelineSection(*view, *timeline);
  p.wide = false;
  return site.page(req, status, std::move(p));
}

std::string overdueTasksSection(const std::vector<TaskView>& tasks) {
  TableSpec t;
  t.caption = "Overdue tasks for other services (" + std::to_string(tasks.size()) + ")";
  t.headings = {"Task", "For", "Case", "Status", "Due"};
  for (const auto& v : tasks)
    t.rowsHtml.push_back({"<a class=\"govuk-link\" href=\"/tasks/" + std::to_string(v.task.id) + "\">" +
                              escape(v.task.description) + "</a>",
                          escape(v.addressedTo),
                          "<a class=\"govuk-link\" href=\"/cases/" + std::to_string(v.task.caseId) +
                              "\">Case " + std::to_string(v.task.caseId) + "</a>",
                          taskStatusTag(v.task.status), taskDueText(v.task.due, v.workingDaysOverdue)});
  return "<div id=\"overdue-tasks\">" + table(t) + "</div>\n";
}

// The case staff's dashboard: their cases, the overdue ones and every open case of their service; a
// team manager also sees other services' overdue tasks on those cases first (escalation, tasks.h).
Response dashboardPage(WebSite& site, Register& reg, Tasks& tasks, WebRequest& req) {
  auto myCases = reg.cases(req.who(), *namedList("mine", req.who()));
  auto overdueCases = reg.cases(req.who(), *namedList("overdue", req.who()));
  auto openCases = reg.cases(req.who(), *namedList("open", req.who()));
  // Escalation (tasks.h): the service's managers see the other services' overdue tasks on
  // their cases first.
  std::vector<TaskView> overdueTasks;
  if (req.who().role == Role::team_manager) {
    auto late = tasks.list(req.who(), std::nullopt, true);
    if (!late) return site.failurePage(req, late.error());
    overdueTasks = std::move(late.value());
  }
  if (!myCases) return site.failurePage(req, myCases.error());
  if (!overdueCases) return site.failurePage(req, overdueCases.error());
  if (!openCases) return site.failurePage(req, openCases.error());
  Page p;
  p.title = "Cases";
  p.navCurrent = "/cases";
  p.wide = true;
  p.body =
      "<h1 class=\"govuk-heading-l\">Cases</h1>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
      "href=\"/surveys\">Surveys: young carers due one</a></p>\n";
  if (auto moved = parseId(req.query("transferred")))
    p.body += notificationBanner("Case " + std::to_string(*moved) +
                                     " was transferred. The receiving service has been told, and allocates a "
                                     "worker.",
                                 true);
  if (overdueCases->total > 0)
    p.body += notificationBanner(std::to_string(overdueCases->total) +
                                     (overdueCases->total == 1 ? " case is" : " cases are") +
                                     " overdue. <a class=\"govuk-notification-banner__link\" "
                                     "href=\"#overdue\">See overdue cases</a>",
                                 false);
  if (!overdueTasks.empty())
    p.body += notificationBanner(
        std::to_string(overdueTasks.size()) +
            (overdueTasks.size() == 1 ? " task for another service is" : " tasks for other services are") +
            " overdue. <a class=\"govuk-notification-banner__link\" "
            "href=\"#overdue-tasks\">See overdue tasks</a>",
        false);
  p.body += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-full\">\n";
  if (!overdueTasks.empty()) p.body += overdueTasksSection(overdueTasks);
  p.body +=
      casesTable("Your cases (" + std::to_string(myCases->total) + ")", myCases->items, "mine", "your cases");
  p.body += "<div id=\"overdue\">" +
            casesTable("Overdue cases (" + std::to_string(overdueCases->total) + ")", overdueCases->items,
                       "overdue", "the overdue cases") +
            "</div>\n";
  p.body += casesTable(
      "All open cases of your service (" + std::to_string(openCases->total) +
          (openCases->total > 50 ? ", first 50 by due date" : "") + ")",
      openCases->items, "open",
      openCases->total > 50 ? "all open cases (every one, not only the first 50)" : "all open cases");
  p.body += "</div></div>\n";
  return site.page(req, 200, std::move(p));
}

// The household forms on the case page (householdForm): link a person to another young carer's, or undo
// a link; back to the case with what changed, or the case page again with the problem.
Response householdPost(WebSite& site, Register& reg, Households& households, WebRequest& req) {
  auto id = idParam(req.ctx, "id");
  if (!id) return site.failurePage(req, id.error());
  auto cfid = idParam(req.ctx, "cfid");
  if (!cfid) return site.failurePage(req, cfid.error());
  auto view = reg.caseView(req.who(), *id);
  if (!view) return site.failurePage(req, view.error());
  const std::string field = "same_as-" + std::to_string(*cfid);
  Result<std::vector<HouseholdMember>> done = DomainError::malformed("Choose link or unlink");
  if (req.form.get("action") == "unlink") {
    done = households.unlink(req.who(), view->youngCarer.id, *cfid);
  } else {
    const std::string text = req.form.get(field);
    const bool digits = !text.empty() && text.size() < 15 &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
    done = digits ? households.link(req.who(), view->youngCarer.id, *cfid, static_cast<Id>(std::stoll(text)))
                  : Result<std::vector<HouseholdMember>>(DomainError::field(
                        "same_as_cared_for_person", "invalid", "Enter the person's number, like 12"));
  }
  if (done) return redirect("/cases/" + std::to_string(*id) + "?moved=household_changed");
  const auto& e = done.error();
  if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden) return site.failurePage(req, e);
  PageErrors errors;
  if (e.fields.empty()) errors.add("", e.detail);
  for (const auto& f : e.fields) errors.add(field, messageFor(f));
  return casePage(site, reg, req, *id, httpStatusFor(e.code), errors, "");
}

}  // namespace

void addCasePages(WebSite& site, Register& reg, const Clock& clock, Tasks& tasks, Households& households) {
  site.add({"GET", "/cases", "web.case.dashboard", kStaff,
            [&site, &reg, &tasks](WebRequest& req) { return dashboardPage(site, reg, tasks, req); }});

  // The dashboard's lists as files: the same use case as the API's export, audited as case.export.
  for (auto format : {ExportFormat::csv, ExportFormat::xlsx})
    site.add({"GET", "/cases." + std::string(formatName(format)),
              "web.case.export_" + std::string(formatName(format)), kStaff,
              [&site, &reg, &clock, format](WebRequest& req) {
                const std::string list = req.query("list");
                auto q = namedList(list, req.who());
                if (!q)
                  return site.failurePage(req, DomainError::field("list", "invalid_choice",
                                                                  "Choose a list: mine, overdue or open"));
                auto rows = reg.exportCases(req.who(), *q, "list=" + list, std::string(formatName(format)));
                if (!rows) return site.failurePage(req, rows.error());
                return exportResponse(caseSheet(*rows, "cases-" + list + "-" + formatIsoDate(clock.today())),
                                      format);
              }});

  site.add({"GET", "/cases/{id}", "web.case.read", kStaff, site.withId([&site, &reg](WebRequest& req, Id id) {
              return casePage(site, reg, req, id, 200, {},
                              req.query("moved").empty() ? "" : "Done: " + humanise(req.query("moved")));
            })});

  site.add({"POST", "/cases/{id}/events", "web.case.event", kStaff,
            site.withId([&site, &reg](WebRequest& req, Id id) {
              PageErrors errors;
              auto event = parseEnum<pathways::Event>(req.form.get("event"));
              if (!event) {
                errors.add("", "Choose what happens next with one of the buttons");
                return casePage(site, reg, req, id, 422, errors, "");
              }
              pathways::EventRequest request;
              request.event = *event;
              request.reason = req.form.get("reason");
              if (*event == pathways::Event::complete_assessment) request.lateReason = req.form.get("reason");
              if (*event == pathways::Event::assign) request.assignTo = req.who().userId;
              if (*event == pathways::Event::close) {
                auto reason = parseEnum<CloseReason>(req.form.get("close_reason"));
                if (!reason) {
                  errors.add("close_reason", "Select a reason for closing the case");
                  return casePage(site, reg, req, id, 422, errors, "");
                }
                request.closeReason = *reason;
              }
              auto moved = reg.applyEvent(req.who(), id, request, std::nullopt);
              if (!moved) {
                const auto& e = moved.error();
                if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden)
                  return site.failurePage(req, e);
                if (e.fields.empty()) errors.add("", e.detail);
                for (const auto& f : e.fields)
                  errors.add(f.field == "reason" || f.field == "late_reason" ? "reason" : "", messageFor(f));
                return casePage(site, reg, req, id, httpStatusFor(e.code), errors, "");
              }
              return redirect("/cases/" + std::to_string(id) + "?moved=" + std::string(toString(*event)));
            })});
  site.add(
      {"POST", "/cases/{id}/cared-for/{cfid}/household", "web.case.household", kStaff,
       [&site, &reg, &households](WebRequest& req) { return householdPost(site, reg, households, req); }});

  // The search form is posted, so the names searched for stay out of addresses, browser history and
  // the reverse proxy's access log; the results are the POST's own page.
}

}  // namespace ycr::services::web
