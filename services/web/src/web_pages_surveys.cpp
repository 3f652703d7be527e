// Surveys (surveys.h) in pages for staff and commissioners: the surveys in use and, for case staff,
// their young carers due one (/surveys); the surveys sent to one young carer, from the case page
// (/cases/{id}/surveys); the single-use link made, shown once; the published results of a whole ended
// financial year (/surveys/{id}/results). Everything goes through Surveys, as the API does. The young
// person's own page is web_pages_survey_answer.cpp.

#include "ycr/services/policy.h"
#include "ycr/services/register.h"
#include "ycr/services/surveys.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const Access kSurveyReaders = Access::only({Role::caseworker, Role::team_manager, Role::commissioner});
const Access kResults = Access::only({Role::commissioner, Role::team_manager});

std::string occasionText(SurveyOccasionKind kind) {
  switch (kind) {
    case SurveyOccasionKind::card_issued: return "ID card issued";
    case SurveyOccasionKind::review_completed: return "Review completed";
    case SurveyOccasionKind::handed_over: return "Handed over to adult services";
    case SurveyOccasionKind::asked: return "Asked by staff";
  }
  return "";
}

std::string whenText(const SurveyWhen& w) {
  std::string when = w.afterDays == 0 ? "After " : std::to_string(w.afterDays) + " days after ";
  switch (w.on) {
    case SurveyOccasionKind::card_issued: when += "an ID card is issued"; break;
    case SurveyOccasionKind::review_completed: when += "a review is completed"; break;
    case SurveyOccasionKind::handed_over: when += "hand-over to adult services"; break;
    case SurveyOccasionKind::asked: return "When staff choose";
  }
  return when + ", for " + std::to_string(w.withinDays) + " days";
}

std::string hidden(const std::string& name, const std::string& value) {
  return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
}

std::string surveysTable(const SurveySet& set, bool results) {
  TableSpec t;
  t.caption = "Surveys in use";
  t.headings = {"Survey", "Asked", "Questions"};
  for (const Survey* s : set.latestOfEach()) {
    std::string when;
    for (const auto& w : s->when) when += (when.empty() ? "" : "<br>") + escape(whenText(w));
    std::string title = escape(s->questions.title);
    if (results)
      title = "<a class=\"govuk-link\" href=\"/surveys/" + escape(s->questions.id) + "/results\">" + title +
              "<span class=\"govuk-visually-hidden\">: results</span></a>";
    t.rowsHtml.push_back({title, when, std::to_string(s->questions.items.size())});
  }
  t.numeric = {false, false, true};
  return table(t);
}

std::string surveysDueTable(const std::vector<SurveyDue>& due, const std::string& csrfToken) {
  if (due.empty())
    return "<h2 class=\"govuk-heading-m\">Young carers due a survey</h2>\n<p class=\"govuk-body\">None of "
           "your young carers is due a survey.</p>\n";
  TableSpec t;
  t.caption = "Young carers due a survey";
  t.headings = {"Young carer", "Survey", "Why", "Link"};
  for (const auto& d : due)
    t.rowsHtml.push_back(
        {escape(d.name), escape(d.surveyTitle),
         escape(occasionText(d.occasion.kind)) + " " + escape(humanDate(d.occasion.on)),
         "<form method=\"post\" action=\"/surveys/invitations\">" + csrfField(csrfToken) +
             hidden("young_carer_id", std::to_string(d.youngCarerId)) + hidden("survey_id", d.surveyId) +
             hidden("occasion", std::string(toString(d.occasion.kind))) +
             hidden("occasion_on", formatIsoDate(d.occasion.on)) +
             "<button type=\"submit\" class=\"govuk-button govuk-button--secondary govuk-!-margin-bottom-0\" "
             "data-module=\"govuk-button\">Make a link<span class=\"govuk-visually-hidden\"> for " +
             escape(d.name) + "</span></button></form>"});
  return table(t);
}

Response surveysPage(WebSite& site, Surveys& surveys, WebRequest& req) {
  Page p;
  p.title = "Surveys";
  p.navCurrent = "/surveys";
  p.wide = true;
  p.body =
      "<h1 class=\"govuk-heading-l\">Surveys</h1>\n<p class=\"govuk-body\">Young carers answer short surveys "
      "from a link that works once, on their phone, without an account. Their answers are kept apart from "
      "their names; results are published for whole financial years, with small numbers hidden.</p>\n";
  if (policy::worksCases(req.who())) {
    auto due = surveys.due(req.who());
    if (!due) return site.failurePage(req, due.error());
    p.body += surveysDueTable(*due, req.csrfToken);
  }
  p.body += surveysTable(surveys.set(), req.who().role != Role::caseworker);
  return site.page(req, 200, std::move(p));
}

Response linkPage(WebSite& site, Surveys& surveys, WebRequest& req, const Result<SurveyInvitationMade>& made,
                  const std::string& backHref) {
  if (!made) return site.failurePage(req, made.error());
  const Survey* s = surveys.set().find(made->invitation.surveyId, made->invitation.surveyVersion);
  Page p;
  p.title = "Survey link made";
  p.backHref = backHref;
  p.body = panel("Survey link made", escape(s ? s->questions.title : made->invitation.surveyId)) +
           "<p class=\"govuk-body\">" +
           (made->emailed ? "It is being emailed to the address given, which is not kept once it is sent. "
                            "You can also give the link to the young person yourself."
                          : "Give this link to the young person, by text message, email or on paper.") +
           " It works once, until " + escape(humanTimestamp(made->invitation.expiresAt)) + ".</p>\n" +
           textInput({.id = "survey-link", .label = "Link", .value = made->link, .spellcheck = false}, {}) +
           warningText(
               "The link is shown only now. If it is lost, make another: the earlier one then stops "
               "working.");
  return site.page(req, 201, std::move(p));
}

Response sendFromList(WebSite& site, Surveys& surveys, WebRequest& req) {
  const Form& f = req.form;
  auto id = parseId(f.get("young_carer_id"));
  if (!id) return site.failurePage(req, DomainError::notFound("There is no young carer with that id"));
  auto occasion = parseEnum<SurveyOccasionKind>(f.get("occasion")).value_or(SurveyOccasionKind::asked);
  return linkPage(
      site, surveys, req,
      surveys.invite(req.who(), *id, f.get("survey_id"), occasion, parseIsoDate(f.get("occasion_on"))),
      "/surveys");
}

Response caseSurveysPage(WebSite& site, const Clock& clock, Surveys& surveys, WebRequest& req,
                         const CaseView& view, int status = 200, const PageErrors& errors = {}) {
  auto sent = surveys.invitationsFor(req.who(), view.youngCarer.id);
  if (!sent) return site.failurePage(req, sent.error());
  const std::string caseHref = "/cases/" + std::to_string(view.caseRecord.id);
  Page p;
  p.title = "Surveys";
  p.navCurrent = "/cases";
  p.backHref = caseHref;
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Surveys</h1>\n";
  if (sent->empty()) {
    p.body += "<p class=\"govuk-body\">No survey has been sent.</p>\n";
  } else {
    TableSpec t;
    t.caption = "Surveys sent, oldest first";
    t.headings = {"Survey", "Why", "Sent", "Answered"};
    for (const auto& i : *sent) {
      const Survey* s = surveys.set().find(i.surveyId, i.surveyVersion);
      t.rowsHtml.push_back({escape(s ? s->questions.title : i.surveyId), escape(occasionText(i.occasion)),
                            escape(humanTimestamp(i.createdAt)),
                            i.usedAt ? "Yes" : (i.expiresAt <= clock.now() ? "No, link ended" : "Not yet")});
    }
    p.body += table(t);
  }
  std::vector<Choice> choices;
  for (const Survey* s : surveys.set().latestOfEach())
    choices.push_back({s->questions.id, s->questions.title, ""});
  p.body += "<h2 class=\"govuk-heading-m\">Send a survey</h2>\n<form method=\"post\" action=\"" + caseHref +
            "/surveys\" novalidate>\n" + csrfField(req.csrfToken) +
            radios({.name = "survey_id",
                    .legend = "Survey",
                    .choices = choices,
                    .selected = {req.form.get("survey_id")}},
                   errors);
  // Offered only where the register sends email (Surveys::sendsEmail).
  if (surveys.sendsEmail())
    p.body +=
        textInput({.id = "send_to",
                   .label = "Email the link to (optional)",
                   .hint = "Only an address the young person gave for this. It is used for this email and "
                           "not kept once the email is sent. Leave it empty to pass the link on yourself.",
                   .value = req.form.get("send_to"),
                   .type = "email",
                   .autocomplete = "off",
                   .spellcheck = false},
                  errors);
  p.body += button("Make a link") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

std::string policyName(DisclosurePolicy policy) {
  switch (policy) {
    case DisclosurePolicy::nhs_digital: return "NHS Digital";
    case DisclosurePolicy::dfe: return "DfE";
    case DisclosurePolicy::ons_10_5: return "ONS 10-5";
  }
  return "";
}

std::string surveyFigureText(const Cell& c) {
  return c.value ? std::to_string(*c.value) : "c";
}

// The share agreeing, from published figures only (so it tells nothing they do not): none when a figure
// it needs is hidden or there are no answers.
std::string agreedText(const SurveyVersionResults& v, std::size_t row) {
  const Cell& total = v.answers.rowTotals[row];
  if (!total.value || *total.value == 0) return "-";
  long long agreed = 0;
  for (std::size_t c = 0; c < v.scale.size(); ++c) {
    if (v.scale[c].value < v.agreeFrom) continue;
    if (!v.answers.cells[row][c].value) return "-";
    agreed += *v.answers.cells[row][c].value;
  }
  return std::to_string((agreed * 100 + *total.value / 2) / *total.value) + "%";
}

std::string versionTable(const SurveyVersionResults& v, const std::string& year) {
  TableSpec t;
  t.caption = "Answers to each question, " + year + " (version " + std::to_string(v.version) + ")";
  t.headings = {"Question"};
  for (const auto& p : v.scale) t.headings.push_back(p.label);
  t.headings.push_back("Answers");
  t.headings.push_back("Agreed");
  for (std::size_t r = 0; r < v.items.size(); ++r) {
    std::vector<std::string> row = {escape(std::to_string(v.items[r].number) + ". " + v.items[r].text)};
    for (const auto& cell : v.answers.cells[r]) row.push_back(surveyFigureText(cell));
    row.push_back(surveyFigureText(v.answers.rowTotals[r]));
    row.push_back(agreedText(v, r));
    t.rowsHtml.push_back(std::move(row));
  }
  t.numeric.assign(t.headings.size(), true);
  t.numeric[0] = false;
  return table(t);
}

Response surveyResultsPage(WebSite& site, Surveys& surveys, WebRequest& req) {
  const std::string id = req.ctx.params.at("id");
  auto r = surveys.results(req.who(), id, req.query("year"));
  if (!r) return site.failurePage(req, r.error());
  Page p;
  p.title = r->title + ": results";
  p.navCurrent = "/surveys";
  p.backHref = "/surveys";
  p.wide = true;
  std::vector<Choice> years;
  for (const auto& y : r->availableYears) years.push_back({y, y, ""});
  p.body =
      "<span class=\"govuk-caption-l\">Survey results</span>\n<h1 class=\"govuk-heading-l\">" +
      escape(r->title) +
      "</h1>\n<p class=\"govuk-body\">Published for whole financial years that have ended, and only those, "
      "so no two periods overlap. Small numbers are hidden (shown as c) and figures rounded under the " +
      escape(policyName(r->policy)) +
      " policy; agreed is the share of a question's answers agreeing, shown only when no figure it needs "
      "is hidden.</p>\n<form method=\"get\" action=\"/surveys/" +
      escape(id) + "/results\" novalidate>\n" +
      select("year", "Financial year", years, r->financialYear, {}) + button("Show results", "secondary") +
      "\n</form>\n";
  for (const auto& v : r->versions)
    p.body += "<p class=\"govuk-body\">Young carers who answered: " + surveyFigureText(v.responses) +
              "</p>\n" +
              (v.responses.suppressed()
                   ? insetText("Too few young carers answered version " + std::to_string(v.version) + " in " +
                               r->financialYear + " to show their answers.")
                   : versionTable(v, r->financialYear));
  return site.page(req, 200, std::move(p));
}
}  // namespace

std::string surveySection(const CaseView& view) {
  return "<h2 class=\"govuk-heading-m\">Surveys</h2>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
         "href=\"/cases/" +
         std::to_string(view.caseRecord.id) + "/surveys\">Surveys sent and sending one</a></p>\n";
}

void addSurveyPages(WebSite& site, Register& reg, const Clock& clock, Surveys& surveys) {
  site.add({"GET", "/surveys", "web.surveys", kSurveyReaders,
            [&site, &surveys](WebRequest& req) { return surveysPage(site, surveys, req); }});
  site.add({"POST", "/surveys/invitations", "web.surveys.invite", kStaff,
            [&site, &surveys](WebRequest& req) { return sendFromList(site, surveys, req); }});
  site.add({"GET", "/cases/{id}/surveys", "web.case.surveys", kStaff,
            site.withId([&site, &reg, &clock, &surveys](WebRequest& req, Id id) {
              auto view = reg.caseView(req.who(), id);
              if (!view) return site.failurePage(req, view.error());
              return caseSurveysPage(site, clock, surveys, req, *view);
            })});
  site.add({"POST", "/cases/{id}/surveys", "web.case.surveys_invite", kStaff,
            site.withId([&site, &reg, &clock, &surveys](WebRequest& req, Id id) {
              auto view = reg.caseView(req.who(), id);
              if (!view) return site.failurePage(req, view.error());
              auto made = surveys.invite(req.who(), view->youngCarer.id, req.form.get("survey_id"),
                                         SurveyOccasionKind::asked, std::nullopt, req.form.get("send_to"));
              if (!made && made.error().code == ErrorCode::validation) {
                PageErrors errors;
                errors.addDomain(made.error());
                return caseSurveysPage(site, clock, surveys, req, *view, 422, errors);
              }
              return linkPage(site, surveys, req, made, "/cases/" + std::to_string(id) + "/surveys");
            })});
  site.add({"GET", "/surveys/{id}/results", "web.surveys.results", kResults,
            [&site, &surveys](WebRequest& req) { return surveyResultsPage(site, surveys, req); }});
}

}  // namespace ycr::services::web
