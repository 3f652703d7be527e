// The pathway events that need more than a button: completing a review (its outcome, why a case
// closes, notes) and handing over to adult carers' services (who takes the young person on). Each is
// a question page, then check your answers, then the same Register::applyEvent the API's
// POST /api/v1/cases/{id}/events calls, so the engine's guards, audit and timeline are the same.
//
// The answers are kept in the session's draft between pages, with the case's version when the first
// question was answered: if someone else moves the case meanwhile, the confirmation is refused
// rather than applied to a case the person has not seen.

#include <algorithm>
#include <functional>

#include "ycr/services/assessments.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string casePageHref(Id caseId) {
  return "/cases/" + std::to_string(caseId);
}
std::string reviewDraft(Id caseId) {
  return "complete-review-" + std::to_string(caseId);
}
std::string handOverDraft(Id caseId) {
  return "hand-over-" + std::to_string(caseId);
}

std::string nameOf(const CaseView& v) {
  return v.youngCarer.givenName + " " + v.youngCarer.familyName;
}

bool allows(const CaseView& v, pathways::Event e) {
  return std::find(v.allowedEvents.begin(), v.allowedEvents.end(), e) != v.allowedEvents.end();
}

// The case, if the pathway lets this person apply `event` to it now; otherwise the page to show.
struct LoadedCase {
  std::optional<CaseView> view;
  std::optional<Response> refusal;
};
LoadedCase loadFor(WebSite& site, Register& reg, const WebRequest& req, pathways::Event event,
                   const std::string& doing) {
  auto id = idParam(req.ctx, "id");
  if (!id) return {std::nullopt, site.failurePage(req, id.error())};
  auto view = reg.caseView(req.who(), *id);
  if (!view) return {std::nullopt, site.failurePage(req, view.error())};
  if (!allows(*view, event))
    return {std::nullopt,
            site.errorPage(req, 409, "That could not be done",
                           "This case is " + humanise(toString(view->caseRecord.state)) + ": you cannot " +
                               doing + " at this stage. Go back to the case to see what can happen next.")};
  return {std::move(*view), std::nullopt};
}

std::optional<std::int64_t> versionIn(const Form& draft) {
  const std::string v = draft.get("version");
  if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(v);
}

std::string captionFor(const CaseView& v) {
  return "<span class=\"govuk-caption-l\">" + escape(nameOf(v)) + "</span>\n";
}

// A question page of one of these flows, headed by the problems with the last answers.
Page questionPage(const std::string& title, const std::string& backHref, const PageErrors& errors) {
  Page p;
  p.title = title;
  p.navCurrent = "/cases";
  p.backHref = backHref;
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors);
  return p;
}

// Adds a page of the flow for `event`: the handler runs only when the pathway lets this person
// apply the event to the case now.
void addEventPage(WebSite& site, Register& reg, const char* method, const std::string& pattern,
                  const std::string& name, pathways::Event event, const std::string& doing,
                  std::function<Response(WebRequest&, const CaseView&)> handler) {
  site.add({method, pattern, name, kStaff,
            [&site, &reg, event, doing, handler = std::move(handler)](WebRequest& req) {
              auto l = loadFor(site, reg, req, event, doing);
              if (l.refusal) return *l.refusal;
              return handler(req, *l.view);
            }});
}

// Applies the event the confirmed answers make up. Done: the draft is forgotten and the case shown.
// Refused: the draft keeps the answers (with the case's version now after a conflict, so that
// confirming again applies to the case as the person now sees it) and `ask` shows the question
// the objection is about, with each field error beside the field `fieldFor` names.
Response applyConfirmed(WebSite& site, Register& reg, WebRequest& req, const CaseView& v,
                        const std::string& draftName, Form& draft, const pathways::EventRequest& request,
                        const std::string& movedName,
                        const std::function<std::string(const FieldError&)>& fieldFor,
                        const std::function<Response(const PageErrors&, int)>& ask) {
  const Id caseId = v.caseRecord.id;
  auto moved = reg.applyEvent(req.who(), caseId, request, versionIn(draft));
  if (moved) {
    site.clearDraft(draftName, req);
    return redirect(casePageHref(caseId) + "?moved=" + movedName);
  }
  const DomainError& e = moved.error();
  if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden) return site.failurePage(req, e);
  PageErrors errors;
  if (e.fields.empty()) errors.add("", e.detail);
  for (const auto& f : e.fields) errors.add(fieldFor(f), messageFor(f));
  if (e.code == ErrorCode::conflict) draft.set("version", std::to_string(v.caseRecord.version));
  site.saveDraft(draftName, req, draft);
  return ask(errors, httpStatusFor(e.code));
}

// ---------------- completing a review ----------------

struct OutcomeChoice {
  const char* value;
  const char* text;
  const char* movesTo;  // the stage the case moves to, in words
};
const std::vector<OutcomeChoice>& outcomes() {
  static const std::vector<OutcomeChoice> o = {
      {"continue", "Continue the support as planned", "Supported, with the next review scheduled"},
      {"change_plan", "Change the support plan", "Support planning, to record and agree a new plan"},
      {"start_transition", "Start transition to adult services",
       "Transition, to prepare the hand-over at 18"},
      {"close", "Close the case", "Closed; the young carer's ID cards stop working"},
  };
  return o;
}
const OutcomeChoice* outcomeFor(const std::string& value) {
  for (const auto& o : outcomes())
    if (value == o.value) return &o;
  return nullptr;
}

// Why a case may close at a review (handed_over and merged are never a reviewer's choice).
const std::vector<CloseReason>& reviewCloseReasons() {
  static const std::vector<CloseReason> r = {CloseReason::needs_met, CloseReason::declined,
                                             CloseReason::no_longer_caring, CloseReason::moved_away,
                                             CloseReason::not_a_young_carer};
  return r;
}

std::string closeReasonWords(CloseReason r) {
  switch (r) {
    case CloseReason::needs_met: return "Their needs for support are met";
    case CloseReason::declined: return "The young carer or family declined support";
    case CloseReason::no_longer_caring: return "They are no longer caring";
    case CloseReason::moved_away: return "They moved away";
    case CloseReason::not_a_young_carer: return "They are not a young carer";
    default: return humanise(toString(r));
  }
}

Response reviewQuestion(WebSite& site, Assessments& assessments, const Clock& clock, const WebRequest& req,
                        const CaseView& v, const Form& answers, const PageErrors& errors, int status) {
  const Id caseId = v.caseRecord.id;
  Page p = questionPage("What did the review decide?", casePageHref(caseId), errors);
  // A review recorded on a review form (with the questionnaires) moves the case when that form is
  // completed; completing the review here as well would leave that form unfinishable.
  auto onCase = assessments.listForCase(req.who(), caseId);
  if (!onCase) return site.failurePage(req, onCase.error());
  for (const auto& a : *onCase)
    if (a.assessment.kind == AssessmentKind::review && a.assessment.status == AssessmentStatus::draft) {
      p.body += insetText(
          "A review form with the young carer's questionnaires is in progress for this case. To keep the "
          "scores with the review, <a class=\"govuk-link\" href=\"/assessments/" +
          std::to_string(a.assessment.id) + "\">complete the review form</a> instead.");
      break;
    }
  std::vector<Choice> choices;
  const Date transitionFrom = v.clocks.transitionPlanning.due;
  const bool tooYoung = std::chrono::sys_days(clock.today()) < std::chrono::sys_days(transitionFrom);
  for (const auto& o : outcomes()) {
    std::string hint = std::string("The case moves to ") + o.movesTo + ".";
    if (std::string(o.value) == "start_transition" && tooYoung)
      hint = "Not before " + humanDate(transitionFrom) + ", when transition planning can start.";
    if (std::string(o.value) == "close") hint = "You will be asked why.";
    choices.push_back({o.value, o.text, hint});
  }
  p.body += "<form method=\"post\" action=\"" + casePageHref(caseId) + "/complete-review\" novalidate>\n" +
            csrfField(req.csrfToken) + captionFor(v) +
            radios({.name = "review_outcome",
                    .legend = "What did the review decide?",
                    .choices = choices,
                    .selected = {answers.get("review_outcome")},
                    .legendIsHeading = true},
                   errors) +
            textarea({.id = "reason",
                      .label = "Notes from the review (optional)",
                      .hint = "These are kept on the case's timeline",
                      .value = answers.get("reason")},
                     errors, 4) +
            button("Continue") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response closeReasonQuestion(WebSite& site, const WebRequest& req, const CaseView& v, const Form& answers,
                             const PageErrors& errors, int status) {
  const Id caseId = v.caseRecord.id;
  Page p = questionPage("Why is the case closing?", casePageHref(caseId) + "/complete-review", errors);
  const bool manager = req.who().role == Role::team_manager;
  std::vector<Choice> choices;
  for (auto r : reviewCloseReasons()) {
    bool managersOnly = r == CloseReason::needs_met || r == CloseReason::declined;
    choices.push_back(
        {std::string(toString(r)), closeReasonWords(r),
         managersOnly && !manager ? "Only a team manager can close a case for this reason" : ""});
  }
  p.body += "<form method=\"post\" action=\"" + casePageHref(caseId) +
            "/complete-review/close-reason\" novalidate>\n" + csrfField(req.csrfToken) + captionFor(v) +
            radios({.name = "close_reason",
                    .legend = "Why is the case closing?",
                    .choices = choices,
                    .selected = {answers.get("close_reason")},
                    .legendIsHeading = true},
                   errors) +
            button("Continue") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response reviewCheck(WebSite& site, const WebRequest& req, const CaseView& v, const Form& answers) {
  const Id caseId = v.caseRecord.id;
  const OutcomeChoice* outcome = outcomeFor(answers.get("review_outcome"));
  const std::string base = casePageHref(caseId) + "/complete-review";
  Page p;
  p.title = "Check your answers before completing the review";
  p.navCurrent = "/cases";
  p.backHref = outcome && std::string(outcome->value) == "close" ? base + "/close-reason" : base;
  std::vector<SummaryRow> rows = {
      {"Young carer", escape(nameOf(v)), "", ""},
      {"What the review decided", escape(outcome->text), base, "what the review decided"}};
  if (std::string(outcome->value) == "close") {
    auto reason = parseEnum<CloseReason>(answers.get("close_reason"));
    rows.push_back({"Why the case is closing", escape(reason ? closeReasonWords(*reason) : ""),
                    base + "/close-reason", "why the case is closing"});
  }
  rows.push_back({"Notes", isBlank(answers.get("reason")) ? "None" : multiline(answers.get("reason")),
                  base + "#reason", "notes from the review"});
  p.body =
      captionFor(v) + "<h1 class=\"govuk-heading-l\">Check your answers before completing the review</h1>\n" +
      summaryList(rows) + "<h2 class=\"govuk-heading-m\">What happens next</h2>\n<p class=\"govuk-body\">" +
      "The case moves to " + escape(outcome->movesTo) + ".</p>\n<form method=\"post\" action=\"" + base +
      "/check\" novalidate>\n" + csrfField(req.csrfToken) + button("Complete the review") + "\n</form>\n";
  return site.page(req, 200, std::move(p));
}

// Where the engine's objection belongs: the outcome, the close reason or the notes; else the summary.
std::string reviewFieldFor(const FieldError& f) {
  if (f.field == "review_outcome" || f.code == toString(pathways::Guard::transition_age_reached))
    return "review_outcome";
  if (f.field == "close_reason" || f.code == toString(pathways::Guard::manager_closes_needs_met_or_declined))
    return "close_reason";
  if (f.field == "reason") return "reason";
  return "";
}

// POST /cases/{id}/complete-review/close-reason: why a review closes the case, kept in the draft.
Response saveCloseReason(WebSite& site, WebRequest& req, const CaseView& v) {
  const Id caseId = v.caseRecord.id;
  Form draft = site.draft(reviewDraft(caseId), req);
  if (draft.get("review_outcome") != "close") return redirect(casePageHref(caseId) + "/complete-review");
  auto reason = parseEnum<CloseReason>(req.form.get("close_reason"));
  const auto& allowed = reviewCloseReasons();
  if (!reason || std::find(allowed.begin(), allowed.end(), *reason) == allowed.end()) {
    PageErrors errors;
    errors.add("close_reason", "Select why the case is closing");
    return closeReasonQuestion(site, req, v, req.form, errors, 422);
  }
  draft.set("close_reason", std::string(toString(*reason)));
  site.saveDraft(reviewDraft(caseId), req, draft);
  return redirect(casePageHref(caseId) + "/complete-review/check");
}

void addReviewPages(WebSite& site, Register& reg, Assessments& assessments, const Clock& clock) {
  constexpr auto event = pathways::Event::complete_review;
  const std::string doing = "complete a review";

  addEventPage(site, reg, "GET", "/cases/{id}/complete-review", "web.case.review_outcome", event, doing,
               [&site, &assessments, &clock](WebRequest& req, const CaseView& v) {
                 return reviewQuestion(site, assessments, clock, req, v,
                                       site.draft(reviewDraft(v.caseRecord.id), req), {}, 200);
               });

  addEventPage(
      site, reg, "POST", "/cases/{id}/complete-review", "web.case.review_outcome.save", event, doing,
      [&site, &assessments, &clock](WebRequest& req, const CaseView& v) {
        const Id caseId = v.caseRecord.id;
        PageErrors errors;
        const OutcomeChoice* outcome = outcomeFor(req.form.get("review_outcome"));
        if (!outcome) errors.add("review_outcome", "Select what the review decided");
        if (!errors.empty()) return reviewQuestion(site, assessments, clock, req, v, req.form, errors, 422);
        Form draft = site.draft(reviewDraft(caseId), req);
        draft.set("review_outcome", outcome->value);
        draft.set("reason", req.form.get("reason"));
        draft.set("version", std::to_string(v.caseRecord.version));
        site.saveDraft(reviewDraft(caseId), req, draft);
        if (std::string(outcome->value) == "close" && !parseEnum<CloseReason>(draft.get("close_reason")))
          return redirect(casePageHref(caseId) + "/complete-review/close-reason");
        return redirect(casePageHref(caseId) + "/complete-review/check");
      });

  addEventPage(site, reg, "GET", "/cases/{id}/complete-review/close-reason", "web.case.review_close_reason",
               event, doing, [&site](WebRequest& req, const CaseView& v) {
                 Form draft = site.draft(reviewDraft(v.caseRecord.id), req);
                 if (draft.get("review_outcome") != "close")
                   return redirect(casePageHref(v.caseRecord.id) + "/complete-review");
                 return closeReasonQuestion(site, req, v, draft, {}, 200);
               });

  addEventPage(site, reg, "POST", "/cases/{id}/complete-review/close-reason",
               "web.case.review_close_reason.save", event, doing,
               [&site](WebRequest& req, const CaseView& v) { return saveCloseReason(site, req, v); });

  addEventPage(
      site, reg, "GET", "/cases/{id}/complete-review/check", "web.case.review_check", event, doing,
      [&site](WebRequest& req, const CaseView& v) {
        const Id caseId = v.caseRecord.id;
        Form draft = site.draft(reviewDraft(caseId), req);
        // Straight to this page (a bookmark, or the session's drafts forgotten): ask the
        // questions first.
        const OutcomeChoice* outcome = outcomeFor(draft.get("review_outcome"));
        if (!outcome) return redirect(casePageHref(caseId) + "/complete-review");
        if (std::string(outcome->value) == "close" && !parseEnum<CloseReason>(draft.get("close_reason")))
          return redirect(casePageHref(caseId) + "/complete-review/close-reason");
        return reviewCheck(site, req, v, draft);
      });

  addEventPage(site, reg, "POST", "/cases/{id}/complete-review/check", "web.case.review_complete", event,
               doing, [&site, &reg, &assessments, &clock](WebRequest& req, const CaseView& v) {
                 const Id caseId = v.caseRecord.id;
                 Form draft = site.draft(reviewDraft(caseId), req);
                 const OutcomeChoice* outcome = outcomeFor(draft.get("review_outcome"));
                 if (!outcome) return redirect(casePageHref(caseId) + "/complete-review");
                 pathways::EventRequest request;
                 request.event = event;
                 request.reviewOutcome = outcome->value;
                 request.reason = draft.get("reason");
                 if (std::string(outcome->value) == "close") {
                   request.closeReason = parseEnum<CloseReason>(draft.get("close_reason"));
                   if (!request.closeReason)
                     return redirect(casePageHref(caseId) + "/complete-review/close-reason");
                 }
                 return applyConfirmed(
                     site, reg, req, v, reviewDraft(caseId), draft, request, "complete_review",
                     reviewFieldFor, [&](const PageErrors& errors, int status) {
                       return errors.forField("close_reason")
                                  ? closeReasonQuestion(site, req, v, draft, errors, status)
                                  : reviewQuestion(site, assessments, clock, req, v, draft, errors, status);
                     });
               });
}

// ---------------- handing over to adult services ----------------

Response handOverQuestion(WebSite& site, const WebRequest& req, const CaseView& v, const Form& answers,
                          const PageErrors& errors, int status) {
  const Id caseId = v.caseRecord.id;
  Page p = questionPage("Which adult carers' service is taking over?", casePageHref(caseId), errors);
  p.body +=
      "<form method=\"post\" action=\"" + casePageHref(caseId) + "/hand-over\" novalidate>\n" +
      csrfField(req.csrfToken) + captionFor(v) +
      textInput({.id = "receiving_service",
                 .label = "Which adult carers' service is taking over?",
                 .hint = "The service that will support " + v.youngCarer.givenName +
                         " as an adult carer, for example a carers' centre or the council's adult social "
                         "care team. " +
                         v.youngCarer.givenName + " turns 18 on " + humanDate(v.clocks.adulthood.due) + ".",
                 .value = answers.get("receiving_service"),
                 .autocomplete = "off",
                 .labelIsHeading = true},
                errors) +
      button("Continue") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response handOverCheck(WebSite& site, const WebRequest& req, const CaseView& v, const Form& answers) {
  const Id caseId = v.caseRecord.id;
  const std::string base = casePageHref(caseId) + "/hand-over";
  Page p;
  p.title = "Check your answers before handing over";
  p.navCurrent = "/cases";
  p.backHref = base;
  p.body = captionFor(v) + "<h1 class=\"govuk-heading-l\">Check your answers before handing over</h1>\n" +
           summaryList({{"Young carer", escape(nameOf(v)), "", ""},
                        {"Date of birth", escape(humanDate(v.youngCarer.dateOfBirth)), "", ""},
                        {"Turns 18 on", escape(humanDate(v.clocks.adulthood.due)), "", ""},
                        {"Adult carers' service taking over", escape(answers.get("receiving_service")), base,
                         "the adult carers' service taking over"}}) +
           warningText("Handing over ends this case. It is recorded as handed over to adult services.") +
           "<form method=\"post\" action=\"" + base + "/check\" novalidate>\n" + csrfField(req.csrfToken) +
           button("Hand over to adult services") + "\n</form>\n";
  return site.page(req, 200, std::move(p));
}

void addHandOverPages(WebSite& site, Register& reg) {
  constexpr auto event = pathways::Event::hand_over;
  const std::string doing = "hand over to adult services";

  addEventPage(site, reg, "GET", "/cases/{id}/hand-over", "web.case.hand_over", event, doing,
               [&site](WebRequest& req, const CaseView& v) {
                 return handOverQuestion(site, req, v, site.draft(handOverDraft(v.caseRecord.id), req), {},
                                         200);
               });

  addEventPage(site, reg, "POST", "/cases/{id}/hand-over", "web.case.hand_over.save", event, doing,
               [&site](WebRequest& req, const CaseView& v) {
                 const Id caseId = v.caseRecord.id;
                 if (isBlank(req.form.get("receiving_service"))) {
                   PageErrors errors;
                   errors.add("receiving_service", "Enter the adult carers' service taking over");
                   return handOverQuestion(site, req, v, req.form, errors, 422);
                 }
                 Form draft;
                 draft.set("receiving_service", req.form.get("receiving_service"));
                 draft.set("version", std::to_string(v.caseRecord.version));
                 site.saveDraft(handOverDraft(caseId), req, draft);
                 return redirect(casePageHref(caseId) + "/hand-over/check");
               });

  addEventPage(site, reg, "GET", "/cases/{id}/hand-over/check", "web.case.hand_over_check", event, doing,
               [&site](WebRequest& req, const CaseView& v) {
                 Form draft = site.draft(handOverDraft(v.caseRecord.id), req);
                 if (isBlank(draft.get("receiving_service")))
                   return redirect(casePageHref(v.caseRecord.id) + "/hand-over");
                 return handOverCheck(site, req, v, draft);
               });

  addEventPage(
      site, reg, "POST", "/cases/{id}/hand-over/check", "web.case.hand_over_confirm", event, doing,
      [&site, &reg](WebRequest& req, const CaseView& v) {
        const Id caseId = v.caseRecord.id;
        Form draft = site.draft(handOverDraft(caseId), req);
        if (isBlank(draft.get("receiving_service"))) return redirect(casePageHref(caseId) + "/hand-over");
        pathways::EventRequest request;
        request.event = event;
        request.receivingService = draft.get("receiving_service");
        return applyConfirmed(
            site, reg, req, v, handOverDraft(caseId), draft, request, "hand_over",
            [](const FieldError& f) { return f.field == "receiving_service" ? f.field : std::string(); },
            [&](const PageErrors& errors, int status) {
              return handOverQuestion(site, req, v, draft, errors, status);
            });
      });
}

// ---------------- transferring to another young carers service ----------------

Response transferQuestion(WebSite& site, Register& reg, const WebRequest& req, const CaseView& v,
                          const Form& answers, const PageErrors& errors, int status) {
  if (req.who().role != Role::team_manager)
    return site.failurePage(
        req, DomainError::forbidden("Only a team manager transfers a case to another service"));
  const Id caseId = v.caseRecord.id;
  Page p = questionPage("Which young carers service is taking the case?", casePageHref(caseId), errors);
  const auto services = reg.otherServices(req.who());
  if (services.empty()) {
    p.body += captionFor(v) + "<h1 class=\"govuk-heading-l\">Transfer the case</h1>\n" +
              insetText("There is no other young carers service on this register to transfer the case to.");
    return site.page(req, status, std::move(p));
  }
  std::vector<Choice> choices;
  for (const auto& o : services) choices.push_back({o.name, o.name, ""});
  p.body +=
      "<form method=\"post\" action=\"" + casePageHref(caseId) + "/transfer\" novalidate>\n" +
      csrfField(req.csrfToken) + captionFor(v) + "<input type=\"hidden\" name=\"version\" value=\"" +
      std::to_string(v.caseRecord.version) + "\">\n" +
      radios({.name = "assign_team",
              .legend = "Which young carers service is taking the case?",
              .hint = "The service for the area " + v.youngCarer.givenName + " now lives in.",
              .choices = choices,
              .selected = {answers.get("assign_team")},
              .legendIsHeading = true},
             errors) +
      textarea({.id = "reason",
                .label = "Why is the case moving?",
                .hint = "For example, the family has moved house. The receiving service reads this in the "
                        "case's history.",
                .value = answers.get("reason")},
               errors, 3) +
      warningText(
          "Your service will no longer see this case. The receiving service sees its whole history "
          "and allocates a worker.") +
      button("Transfer the case") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

void addTransferPages(WebSite& site, Register& reg) {
  constexpr auto event = pathways::Event::assign;
  const std::string doing = "transfer it";
  addEventPage(site, reg, "GET", "/cases/{id}/transfer", "web.case.transfer", event, doing,
               [&site, &reg](WebRequest& req, const CaseView& v) {
                 return transferQuestion(site, reg, req, v, {}, {}, 200);
               });
  addEventPage(site, reg, "POST", "/cases/{id}/transfer", "web.case.transfer.save", event, doing,
               [&site, &reg](WebRequest& req, const CaseView& v) {
                 PageErrors errors;
                 if (isBlank(req.form.get("assign_team")))
                   errors.add("assign_team", "Select the young carers service taking the case");
                 if (isBlank(req.form.get("reason"))) errors.add("reason", "Enter why the case is moving");
                 if (!errors.empty()) return transferQuestion(site, reg, req, v, req.form, errors, 422);
                 pathways::EventRequest request;
                 request.event = event;
                 request.assignTeam = req.form.get("assign_team");
                 request.reason = req.form.get("reason");
                 auto moved = reg.applyEvent(req.who(), v.caseRecord.id, request, versionIn(req.form));
                 if (moved) return redirect("/cases?transferred=" + std::to_string(v.caseRecord.id));
                 const DomainError& e = moved.error();
                 if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden)
                   return site.failurePage(req, e);
                 if (e.fields.empty()) errors.add("", e.detail);
                 for (const auto& f : e.fields)
                   errors.add(f.field == "assign_team" || f.field == "reason" ? f.field : "", messageFor(f));
                 return transferQuestion(site, reg, req, v, req.form, errors, httpStatusFor(e.code));
               });
}

}  // namespace

void addPathwayPages(WebSite& site, Register& reg, Assessments& assessments, const Clock& clock) {
  addReviewPages(site, reg, assessments, clock);
  addHandOverPages(site, reg);
  addTransferPages(site, reg);
}

}  // namespace ycr::services::web
