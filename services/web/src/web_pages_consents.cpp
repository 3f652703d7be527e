// Consent to share (consents.h) in pages: the case page's summary of what the young person agreed to
// share, the page where case staff record a decision and see every one made, and the list a school's
// own staff see of its young carers who agreed to share with it. Everything goes through Consents, as
// the API's /api/v1/young-carers/{id}/consents and /api/v1/school/young-carers do.

#include "ycr/services/consents.h"
#include "ycr/services/school_attendance.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const std::vector<Choice>& sharingPartnerChoices() {
  static const std::vector<Choice> choices = {
      {"school", "Their school",
       "Names them to the school's staff; the school hears what happened to its referral"},
      {"health", "Their GP practice and health services",
       "A GP or health service hears what happened to its referral"},
      {"adult_social_care", "Adult social care",
       "Asked to assess the person cared for, or the young adult carer"},
      {"id_card_verifiers", "Health staff who check their ID card",
       "They see the areas the card lets them share information about"},
  };
  return choices;
}

const std::vector<Choice>& decisionChoices() {
  static const std::vector<Choice> choices = {
      {"agreed", "Agreed", ""},
      {"refused", "Refused", "Asked and said no"},
      {"withdrawn", "Withdrawn", "Agreed before and has now said no"},
  };
  return choices;
}
const std::vector<Choice>& givenByChoices() {
  static const std::vector<Choice> choices = {
      {"young_person", "The young person", ""},
      {"parent_or_carer", "A parent or carer", "For a child who cannot yet understand what is asked"},
      {"young_person_and_parent", "The young person and a parent or carer", ""},
  };
  return choices;
}
const std::vector<Choice>& methodChoices() {
  static const std::vector<Choice> choices = {
      {"in_person", "In person", ""},
      {"phone", "By phone", ""},
      {"in_writing", "In writing", ""},
      {"online", "Online", ""},
  };
  return choices;
}

std::string consentText(const std::vector<Choice>& choices, std::string_view value) {
  for (const auto& c : choices)
    if (c.value == value) return c.text;
  return std::string(value);
}

std::string consentStateTag(SharingState state) {
  switch (state) {
    case SharingState::agreed: return tag("Agreed", "green");
    case SharingState::refused: return tag("Refused", "red");
    case SharingState::withdrawn: return tag("Withdrawn", "red");
    case SharingState::not_recorded: break;
  }
  return tag("Not recorded", "grey");
}

std::string sharingHref(Id caseId) {
  return "/cases/" + std::to_string(caseId) + "/sharing";
}

Response sharingPage(WebSite& site, Register& reg, Consents& consents, WebRequest& req, Id caseId, int status,
                     const PageErrors& errors) {
  auto view = reg.caseView(req.who(), caseId);
  if (!view) return site.failurePage(req, view.error());
  auto v = consents.get(req.who(), view->youngCarer.id);
  if (!v) return site.failurePage(req, v.error());
  const Form& f = req.form;
  Page p;
  p.title = "Sharing their information";
  p.navCurrent = "/cases";
  p.backHref = "/cases/" + std::to_string(caseId);
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Sharing their information</h1>\n";
  if (!v->history.empty()) {
    TableSpec t;
    t.caption = "Every decision, oldest first";
    t.headings = {"Decided", "With", "Decision", "Given by", "How", "Note"};
    for (const auto& c : v->history)
      t.rowsHtml.push_back({escape(humanDate(c.decidedOn)),
                            escape(consentText(sharingPartnerChoices(), toString(c.partner))),
                            escape(consentText(decisionChoices(), toString(c.decision))),
                            escape(consentText(givenByChoices(), toString(c.givenBy))),
                            escape(consentText(methodChoices(), toString(c.method))), multiline(c.note)});
    p.body += table(t);
  }
  p.body += "<h2 class=\"govuk-heading-m\">Record a decision</h2>\n<form method=\"post\" action=\"" +
            sharingHref(caseId) + "\" novalidate>\n" + csrfField(req.csrfToken) +
            radios({.name = "partner",
                    .legend = "Who is it about sharing with?",
                    .choices = sharingPartnerChoices(),
                    .selected = {f.get("partner")}},
                   errors) +
            radios({.name = "decision",
                    .legend = "What did they decide?",
                    .choices = decisionChoices(),
                    .selected = {f.get("decision")}},
                   errors) +
            radios({.name = "given_by",
                    .legend = "Who decided?",
                    .choices = givenByChoices(),
                    .selected = {f.get("given_by")}},
                   errors) +
            radios({.name = "method",
                    .legend = "How did they say it?",
                    .choices = methodChoices(),
                    .selected = {f.get("method")},
                    .inlineChoices = true},
                   errors) +
            dateInput("decided_on", "When did they decide?", "For example, 2 6 2025", f, errors) +
            textarea({.id = "note",
                      .label = "Note (optional)",
                      .hint = "Anything the next worker should know, such as what they asked about",
                      .value = f.get("note")},
                     errors, 3) +
            button("Record decision") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response recordSharing(WebSite& site, Register& reg, Consents& consents, WebRequest& req, Id caseId) {
  auto view = reg.caseView(req.who(), caseId);
  if (!view) return site.failurePage(req, view.error());
  const Form& f = req.form;
  PageErrors errors;
  // Unanswered questions get the page's own wording, all at once; everything else is the use case's.
  for (const auto& [field, message] :
       std::vector<std::pair<std::string, std::string>>{{"partner", "Select who it is about sharing with"},
                                                        {"decision", "Select what they decided"},
                                                        {"given_by", "Select who decided"},
                                                        {"method", "Select how they said it"}})
    if (f.get(field).empty()) errors.add(field, message);
  ConsentInput in;
  in.partner = f.get("partner");
  in.decision = f.get("decision");
  in.givenBy = f.get("given_by");
  in.method = f.get("method");
  in.decidedOn = readDateInput(f, "decided_on", "The day they decided", errors);
  in.note = f.get("note");
  if (!errors.empty()) return sharingPage(site, reg, consents, req, caseId, 422, errors);
  auto done = consents.record(req.who(), view->youngCarer.id, in);
  if (done) return redirect("/cases/" + std::to_string(caseId) + "?moved=sharing_recorded");
  if (done.error().code != ErrorCode::validation) return site.failurePage(req, done.error());
  errors.addDomain(done.error(), {{"decided_on", "decided_on-day"}});
  return sharingPage(site, reg, consents, req, caseId, 422, errors);
}

// For a school's own staff: the young carers at the school who agreed to share with it.
Response consentsSchoolPage(WebSite& site, Consents& consents, WebRequest& req) {
  auto list = consents.schoolList(req.who());
  if (!list) return site.failurePage(req, list.error());
  Page p;
  p.title = "Your school's young carers";
  p.navCurrent = "/school/young-carers";
  p.body =
      "<h1 class=\"govuk-heading-l\">Your school's young carers</h1>\n<p class=\"govuk-body\">The young "
      "carers at your school known to the young carers service who have agreed that the service may tell "
      "you. Use it to support them and to record them in the spring school census (young carer "
      "indicator). Others at your school may not have agreed: do not ask the service about them.</p>\n";
  p.body +=
      "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/school/attendance-import\">Import "
      "attendance from a spreadsheet</a></p>\n";
  if (list->empty()) {
    p.body += "<p class=\"govuk-body\">None at present.</p>\n";
    return site.page(req, 200, std::move(p));
  }
  TableSpec t;
  t.caption = std::to_string(list->size()) + (list->size() == 1 ? " young carer" : " young carers");
  t.headings = {"Name", "Date of birth", "Agreed on", "Census flag", "Latest term"};
  for (const auto& e : *list)
    t.rowsHtml.push_back(
        {escape(e.givenName +
                (e.preferredName.empty() || e.preferredName == e.givenName ? std::string()
                                                                           : " (" + e.preferredName + ")") +
                " " + e.familyName),
         escape(humanDate(e.dateOfBirth)), escape(humanDate(e.agreedOn)),
         "<strong>" + escape(e.censusFlag) + "</strong>" + "<br><span class=\"govuk-body-s\">" +
             escape(e.censusFlagBasis) + "</span>",
         (e.latestTerm
              ? escape(humanise(toString(e.latestTerm->term)) + " " + e.latestTerm->academicYear + ": " +
                       std::to_string(e.latestTerm->missedForCaring) + " of " +
                       std::to_string(e.latestTerm->sessionsPossible) + " sessions missed for caring") +
                    "<br>"
              : std::string()) +
             "<a class=\"govuk-link\" href=\"/school/young-carers/" + std::to_string(e.youngCarerId) +
             "/attendance\">Attendance</a>"});
  p.body += table(t);
  return site.page(req, 200, std::move(p));
}

}  // namespace

std::string sharingSection(const CaseView& view) {
  std::string h = "<h2 class=\"govuk-heading-m\">Sharing their information</h2>\n";
  std::vector<SummaryRow> rows;
  for (const auto& s : view.sharing)
    rows.push_back(
        {consentText(sharingPartnerChoices(), toString(s.partner)),
         consentStateTag(s.state) + (s.latest ? " <span class=\"govuk-body-s\">since " +
                                                    escape(humanDate(s.latest->decidedOn)) + "</span>"
                                              : std::string()),
         "", ""});
  h += summaryList(rows);
  return h + "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + sharingHref(view.caseRecord.id) +
         "\">Record what they agreed to share</a></p>\n";
}

void addConsentPages(WebSite& site, Register& reg, Consents& consents) {
  site.add({"GET", "/cases/{id}/sharing", "web.case.sharing", kStaff,
            site.withId([&site, &reg, &consents](WebRequest& req, Id id) {
              return sharingPage(site, reg, consents, req, id, 200, {});
            })});
  site.add({"POST", "/cases/{id}/sharing", "web.case.sharing_record", kStaff,
            site.withId([&site, &reg, &consents](WebRequest& req, Id id) {
              return recordSharing(site, reg, consents, req, id);
            })});
  site.add({"GET", "/school/young-carers", "web.school.young_carers", Access::only({Role::referrer}),
            [&site, &consents](WebRequest& req) { return consentsSchoolPage(site, consents, req); }});
}

}  // namespace ycr::services::web
