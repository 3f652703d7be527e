// Compliments and complaints (feedback.h) in pages, for a young carers service's case staff: the list,
// with the complaints awaiting an answer and those overdue; recording one (from the case page, about its
// young carer, or on its own); a record, with the outcome of a complaint, more time, and the procedure's
// next stage when the complainant asks for it. Everything goes through
// ComplimentsAndComplaints, as the API's /api/v1/feedback does.

#include "ycr/services/feedback.h"
#include "ycr/services/register.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string feedbackHref(Id id) {
  return "/feedback/" + std::to_string(id);
}

std::string kindWords(FeedbackKind k) {
  return k == FeedbackKind::complaint ? "Complaint" : "Compliment";
}

// Where a complaint stands: answered (with its outcome), overdue or due on a day; a compliment: received.
std::string standing(const FeedbackView& v) {
  const auto& f = v.record;
  if (f.kind == FeedbackKind::compliment) return tag("Received", "green");
  if (f.outcome) return tag(humanise(toString(*f.outcome)), "grey");
  if (v.overdue) return tag("Overdue", "red") + " due " + escape(humanDate(*f.responseDue));
  return "Due " + escape(humanDate(f.responseDue.value_or(f.received)));
}

Response feedbackPage(WebSite& site, ComplimentsAndComplaints& feedback, WebRequest& req) {
  auto list = feedback.list(req.who(), "");
  if (!list) return site.failurePage(req, list.error());
  Page p;
  p.title = "Compliments and complaints";
  p.wide = true;
  p.navCurrent = "/feedback";
  p.body = "<h1 class=\"govuk-heading-l\">Compliments and complaints</h1>\n<p class=\"govuk-body\">" +
           std::to_string(list->openComplaints) + " complaints awaiting an answer, " +
           std::to_string(list->overdueComplaints) +
           " of them overdue.</p>\n<a class=\"govuk-button\" data-module=\"govuk-button\" role=\"button\" "
           "draggable=\"false\" href=\"/feedback/new\">Record a compliment or complaint</a>\n";
  if (list->items.empty()) {
    p.body += "<p class=\"govuk-body\">Nothing recorded yet.</p>\n";
    return site.page(req, 200, std::move(p));
  }
  TableSpec t;
  t.headings = {"Received", "What", "From", "Where it stands", "Details"};
  for (const auto& v : list->items)
    t.rowsHtml.push_back({escape(humanDate(v.record.received)), escape(kindWords(v.record.kind)),
                          escape(humanise(toString(v.record.from))), standing(v),
                          "<a class=\"govuk-link\" href=\"" + feedbackHref(v.record.id) +
                              "\">View<span class=\"govuk-visually-hidden\"> record " +
                              std::to_string(v.record.id) + "</span></a>"});
  p.body += table(t);
  return site.page(req, 200, std::move(p));
}

// The young carer a record is about, as the form names them: their case staff read it (audited).
std::string aboutWhom(Register& reg, WebRequest& req, const std::string& youngCarerId) {
  if (youngCarerId.empty()) return "";
  auto id = parseId(youngCarerId);
  if (!id) return "";
  auto y = reg.youngCarer(req.who(), *id);
  if (!y) return "";
  return (y->preferredName.empty() ? y->givenName : y->preferredName) + " " + y->familyName;
}

Response newPage(WebSite& site, Register& reg, const Clock& clock, ComplimentsAndComplaints& feedback,
                 WebRequest& req, int status, const PageErrors& errors) {
  const Form& f = req.form;
  const std::string youngCarer =
      f.get("young_carer_id").empty() ? req.ctx.queryValue("young_carer_id") : f.get("young_carer_id");
  const std::string name = aboutWhom(reg, req, youngCarer);
  // Named but not one of the caller's young carers (or no one): said, not dropped, so that nothing is
  // recorded about nobody when it was meant to be about someone.
  if (!youngCarer.empty() && name.empty())
    return site.failurePage(req,
                            DomainError::notFound("There is no young carer with that id in your service"));
  Page p;
  p.title = "Record a compliment or complaint";
  p.navCurrent = "/feedback";
  p.backHref = "/feedback";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Record a compliment or complaint</h1>\n";
  if (!name.empty()) p.body += "<p class=\"govuk-body\">About " + escape(name) + ".</p>\n";
  Form received = f;
  if (f.get("received_on-day").empty() && status == 200) {
    const std::string today = formatIsoDate(clock.today());
    received.set("received_on-year", today.substr(0, 4));
    received.set("received_on-month", today.substr(5, 2));
    received.set("received_on-day", today.substr(8, 2));
  }
  p.body +=
      "<form method=\"post\" action=\"/feedback/new\" novalidate>\n" + csrfField(req.csrfToken) +
      (name.empty()
           ? std::string()
           : "<input type=\"hidden\" name=\"young_carer_id\" value=\"" + escape(youngCarer) + "\">\n") +
      radios({.name = "kind",
              .legend = "Is it a compliment or a complaint?",
              .choices = {{"complaint", "Complaint",
                           "Answered within " + std::to_string(feedback.procedure().at(1).answerWorkingDays) +
                               " working days"},
                          {"compliment", "Compliment", ""}},
              .selected = {f.get("kind")}},
             errors) +
      radios({.name = "from",
              .legend = "Who is it from?",
              .choices = {{"young_carer", "The young carer", ""},
                          {"parent_or_carer", "A parent or carer", ""},
                          {"professional", "A professional", ""},
                          {"other", "Someone else", ""}},
              .selected = {f.get("from")}},
             errors) +
      dateInput("received_on", "When was it received?", "For example, 27 3 2026", received, errors) +
      textarea({.id = "summary", .label = "What was said", .value = f.get("summary")}, errors, 6) +
      button("Save") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response recordNew(WebSite& site, Register& reg, const Clock& clock, ComplimentsAndComplaints& feedback,
                   WebRequest& req) {
  const Form& f = req.form;
  PageErrors errors;
  FeedbackInput in;
  in.kind = f.get("kind");
  in.from = f.get("from");
  if (f.get("kind").empty()) errors.add("kind", "Select compliment or complaint");
  if (f.get("from").empty()) errors.add("from", "Select who it is from");
  in.receivedOn = readDateInput(f, "received_on", "The day it was received", errors);
  in.summary = f.get("summary");
  if (!f.get("young_carer_id").empty()) {
    auto id = parseId(f.get("young_carer_id"));
    in.youngCarerId = id ? static_cast<long long>(*id) : 0;
  }
  if (!errors.empty()) return newPage(site, reg, clock, feedback, req, 422, errors);
  auto recorded = feedback.record(req.who(), in);
  if (recorded) return redirect(feedbackHref(recorded->record.id));
  if (recorded.error().code != ErrorCode::validation) return site.failurePage(req, recorded.error());
  errors.addDomain(recorded.error());
  return newPage(site, reg, clock, feedback, req, 422, errors);
}

std::string outcomeForm(const WebRequest& req, Id id, const PageErrors& errors) {
  const Form& f = req.form;
  return "<h2 class=\"govuk-heading-m\">Record the outcome</h2>\n<form method=\"post\" action=\"" +
         feedbackHref(id) + "/outcome\" novalidate>\n" + csrfField(req.csrfToken) +
         radios({.name = "outcome",
                 .legend = "What was the outcome?",
                 .choices = {{"upheld", "Upheld", ""},
                             {"partly_upheld", "Partly upheld", ""},
                             {"not_upheld", "Not upheld", ""},
                             {"withdrawn", "Withdrawn", ""}},
                 .selected = {f.get("outcome")}},
                errors) +
         dateInput("responded_on", "When was the answer given?", "For example, 27 3 2026", f, errors) +
         textarea({.id = "response", .label = "What was done or said in reply", .value = f.get("response")},
                  errors, 5) +
         button("Record the outcome") + "\n</form>\n";
}

// More time to answer (ComplimentsAndComplaints::extend), offered to team managers while it can be given.
std::string extendForm(const WebRequest& req, Id id, int moreWorkingDays, const PageErrors& errors) {
  return "<h2 class=\"govuk-heading-m\">Give more time to answer</h2>\n<p class=\"govuk-body\">Once a "
         "stage, before the answer is due: " +
         std::to_string(moreWorkingDays) +
         " working days more, for a complaint that needs them.</p>\n<form method=\"post\" action=\"" +
         feedbackHref(id) + "/extend\" novalidate>\n" + csrfField(req.csrfToken) +
         textarea({.id = "reason", .label = "Why does it need more time?", .value = req.form.get("reason")},
                  errors, 3) +
         button("Give more time", "secondary") + "\n</form>\n";
}

// The complainant not satisfied (ComplimentsAndComplaints::nextStage): offered after an answer below the
// last stage, unless withdrawn.
std::string nextStageForm(const WebRequest& req, const Feedback& f, const Date& lastDayToAsk,
                          const PageErrors& errors) {
  const std::string next = complaintStageWords(f.stage + 1);
  return "<h2 class=\"govuk-heading-m\">If they are not satisfied</h2>\n<p class=\"govuk-body\">They can ask "
         "for the " +
         next + " stage within " + std::to_string(kComplaintNextStageWorkingDays) +
         " working days of the answer, by " + escape(humanDate(lastDayToAsk)) +
         ".</p>\n<form method=\"post\" action=\"" + feedbackHref(f.id) + "/next-stage\" novalidate>\n" +
         csrfField(req.csrfToken) +
         dateInput("asked_on", "When did they ask?", "For example, 27 3 2026", req.form, errors) +
         button("Take it to the " + next + " stage", "secondary") + "\n</form>\n";
}

// A stage's place in the procedure, and when it was asked for.
std::string stageWords(int stage, const std::optional<Date>& askedOn) {
  std::string words = "Stage " + std::to_string(stage) + ", " + complaintStageWords(stage);
  if (askedOn) words += ", asked for on " + humanDate(*askedOn);
  return escape(words);
}

// An answered earlier stage, in the rows of the record's summary.
void addEarlierStage(std::vector<SummaryRow>& rows, const ComplaintStage& s) {
  std::string answer = escape(humanise(toString(s.outcome))) + ", answered " +
                       escape(humanDate(s.respondedOn)) + " (due " + escape(humanDate(s.responseDue)) + ")";
  if (s.extendedOn)
    answer +=
        "<br>Given more time on " + escape(humanDate(*s.extendedOn)) + ": " + multiline(s.extensionReason);
  rows.push_back({stageWords(s.stage, s.askedOn), answer + "<br>" + multiline(s.response), "", ""});
}

Response feedbackRecordPage(WebSite& site, const Clock& clock, ComplimentsAndComplaints& feedback,
                            WebRequest& req, Id id, int status, const PageErrors& errors) {
  auto v = feedback.get(req.who(), id);
  if (!v) return site.failurePage(req, v.error());
  const auto& f = v->record;
  Page p;
  p.title = kindWords(f.kind);
  p.navCurrent = "/feedback";
  p.backHref = "/feedback";
  p.hasErrors = !errors.empty();
  std::vector<SummaryRow> rows = {{"Received", escape(humanDate(f.received)), "", ""},
                                  {"From", escape(humanise(toString(f.from))), "", ""},
                                  {"What was said", multiline(f.summary), "", ""}};
  for (const auto& earlier : f.earlierStages) addEarlierStage(rows, earlier);
  if (f.kind == FeedbackKind::complaint)
    rows.push_back({"Stage", stageWords(f.stage, f.stageAskedOn), "", ""});
  rows.push_back({"Where it stands", standing(*v), "", ""});
  if (f.extendedOn)
    rows.push_back(
        {"Given more time", escape(humanDate(*f.extendedOn)) + ": " + multiline(f.extensionReason), "", ""});
  if (f.outcome) {
    rows.push_back({"Answered", escape(humanDate(*f.respondedOn)), "", ""});
    rows.push_back({"What was done or said in reply", multiline(f.response), "", ""});
  }
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">" + escape(kindWords(f.kind)) + "</h1>\n" +
           summaryList(rows);
  const ComplaintProcedure& procedure = feedback.procedure();
  if (f.kind == FeedbackKind::complaint && !f.outcome) {
    p.body += outcomeForm(req, id, errors);
    const int more = procedure.at(f.stage).extensionWorkingDays;
    if (req.who().role == Role::team_manager && more > 0 && !f.extendedOn && !v->overdue)
      p.body += extendForm(req, id, more, errors);
  } else if (v->nextStageBy && !(*v->nextStageBy < clock.today())) {
    p.body += nextStageForm(req, f, *v->nextStageBy, errors);
  }
  return site.page(req, status, std::move(p));
}

// After a change the record shows it; a field error is shown beside its field on the record's page.
Response afterChange(WebSite& site, const Clock& clock, ComplimentsAndComplaints& feedback, WebRequest& req,
                     Id id, const Result<FeedbackView>& done) {
  if (done) return redirect(feedbackHref(id));
  if (done.error().code != ErrorCode::validation) return site.failurePage(req, done.error());
  PageErrors errors;
  errors.addDomain(done.error());
  return feedbackRecordPage(site, clock, feedback, req, id, 422, errors);
}

Response recordOutcome(WebSite& site, const Clock& clock, ComplimentsAndComplaints& feedback, WebRequest& req,
                       Id id) {
  const Form& f = req.form;
  PageErrors errors;
  FeedbackOutcomeInput in;
  in.outcome = f.get("outcome");
  if (f.get("outcome").empty()) errors.add("outcome", "Select the outcome");
  in.respondedOn = readDateInput(f, "responded_on", "The day of the answer", errors);
  in.response = f.get("response");
  if (!errors.empty()) return feedbackRecordPage(site, clock, feedback, req, id, 422, errors);
  return afterChange(site, clock, feedback, req, id, feedback.respond(req.who(), id, in));
}

Response recordNextStage(WebSite& site, const Clock& clock, ComplimentsAndComplaints& feedback,
                         WebRequest& req, Id id) {
  PageErrors errors;
  const auto asked = readDateInput(req.form, "asked_on", "The day they asked", errors);
  if (!errors.empty()) return feedbackRecordPage(site, clock, feedback, req, id, 422, errors);
  return afterChange(site, clock, feedback, req, id, feedback.nextStage(req.who(), id, asked));
}

}  // namespace

void addFeedbackPages(WebSite& site, Register& reg, const Clock& clock, ComplimentsAndComplaints& feedback) {
  site.add({"GET", "/feedback", "web.feedback", kStaff,
            [&site, &feedback](WebRequest& req) { return feedbackPage(site, feedback, req); }});
  site.add(
      {"GET", "/feedback/new", "web.feedback.new", kStaff, [&site, &reg, &clock, &feedback](WebRequest& req) {
         return newPage(site, reg, clock, feedback, req, 200, {});
       }});
  site.add({"POST", "/feedback/new", "web.feedback.record", kStaff,
            [&site, &reg, &clock, &feedback](WebRequest& req) {
              return recordNew(site, reg, clock, feedback, req);
            }});
  site.add({"GET", "/feedback/{id}", "web.feedback.read", kStaff,
            site.withId([&site, &clock, &feedback](WebRequest& req, Id id) {
              return feedbackRecordPage(site, clock, feedback, req, id, 200, {});
            })});
  site.add({"POST", "/feedback/{id}/outcome", "web.feedback.respond", kStaff,
            site.withId([&site, &clock, &feedback](WebRequest& req, Id id) {
              return recordOutcome(site, clock, feedback, req, id);
            })});
  site.add({"POST", "/feedback/{id}/extend", "web.feedback.extend", Access::only({Role::team_manager}),
            site.withId([&site, &clock, &feedback](WebRequest& req, Id id) {
              return afterChange(site, clock, feedback, req, id,
                                 feedback.extend(req.who(), id, req.form.get("reason")));
            })});
  site.add({"POST", "/feedback/{id}/next-stage", "web.feedback.next_stage", kStaff,
            site.withId([&site, &clock, &feedback](WebRequest& req, Id id) {
              return recordNextStage(site, clock, feedback, req, id);
            })});
}

}  // namespace ycr::services::web
