// Caseworkers' assessment pages: a case's assessments, starting one, the assessment form (the
// matters the kind must record, and the MACA-YC18 and PANOC-YC20 questionnaires as radios) saved
// as a draft or completed; the case's support plan is in web_pages_support_plans.cpp. Everything goes
// through Assessments and Register, the use cases the API calls, so rules, scoping and audit match.
//
// A questionnaire can only be stored whole (the use case scores every item), so answers to a
// questionnaire not yet finished are kept in the session's draft until the last one is given.

#include <algorithm>
#include <cstdio>

#include "ycr/services/assessments.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    auto e = line.find_last_not_of(" \t\r");
    out.push_back(line.substr(b, e - b + 1));
  }
  return out;
}

std::string joinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::string kindName(AssessmentKind kind) {
  switch (kind) {
    case AssessmentKind::needs: return "Needs assessment";
    case AssessmentKind::transition: return "Transition assessment";
    case AssessmentKind::review: return "Review";
  }
  return "Assessment";
}

// ---------------- questionnaires ----------------

struct MeasureSpec {
  std::string key;  // "maca" or "panoc": the form's field prefix and the use case's field
  std::string_view id;
  std::string shortName;
};
const std::vector<MeasureSpec>& measures() {
  static const std::vector<MeasureSpec> m = {{"maca", kMacaId, "MACA-YC18"},
                                             {"panoc", kPanocId, "PANOC-YC20"}};
  return m;
}

// The answers in the form, kUnanswered where none was chosen.
std::vector<int> answersFrom(const Form& f, const std::string& key, const Questionnaire& q) {
  std::vector<int> out;
  for (const auto& item : q.items) {
    std::string v = f.get(key + "-" + std::to_string(item.number));
    int value = kUnanswered;
    for (const auto& p : q.scale)
      if (v == std::to_string(p.value)) value = p.value;
    out.push_back(value);
  }
  return out;
}

std::size_t answeredCount(const std::vector<int>& answers) {
  return static_cast<std::size_t>(
      std::count_if(answers.begin(), answers.end(), [](int a) { return a != kUnanswered; }));
}

// The questionnaire the form shows: the version already answered, else the latest.
const Questionnaire* questionnaireFor(const QuestionnaireSet& set, const MeasureSpec& m, const Form& f) {
  auto version = f.get(m.key + "-version");
  if (!version.empty() && version.size() < 6 && version.find_first_not_of("0123456789") == std::string::npos)
    if (const auto* q = set.find(m.id, std::stoi(version))) return q;
  return set.latest(m.id);
}

std::string rangeLabel(int score, const std::string& subscale, const Questionnaire& q) {
  for (const auto& b : q.bands)
    if (b.subscale == subscale && score >= b.min && score <= b.max) return b.label;
  return {};
}

// The running totals in words. The browser script (assessment-scores.mjs) writes the same sentences
// as answers are chosen, so the page reads the same before and after it is saved.
std::string scoreText(const Questionnaire& q, const std::vector<int>& answers) {
  std::size_t answered = answeredCount(answers);
  bool complete = answered == q.items.size();
  int total = 0;
  for (int a : answers)
    if (a != kUnanswered) total += a;
  std::string h = "<p class=\"govuk-body govuk-!-margin-bottom-2\"><strong>" + escape(q.title) +
                  "</strong>: " + std::to_string(answered) + " of " + std::to_string(q.items.size()) +
                  " questions answered.";
  if (answered > 0) {
    h += " Total " + std::to_string(total) + " out of " + std::to_string(q.highestScore()) + ".";
    if (complete) {
      auto band = rangeLabel(total, "", q);
      if (!band.empty()) h += " " + escape(band) + ".";
    }
  }
  h += "</p>\n";
  if (answered > 0 && !q.subscales.empty()) {
    h += "<ul class=\"govuk-list govuk-!-margin-bottom-2\">";
    for (const auto& s : q.subscales) {
      int sum = 0;
      for (int n : s.items)
        if (n >= 1 && static_cast<std::size_t>(n) <= answers.size() && answers[n - 1] != kUnanswered)
          sum += answers[n - 1];
      h += "<li>" + escape(s.label) + ": " + std::to_string(sum);
      if (complete) {
        auto band = rangeLabel(sum, s.id, q);
        if (!band.empty()) h += " (" + escape(band) + ")";
      }
      h += "</li>";
    }
    h += "</ul>\n";
  }
  if (complete) {
    std::vector<std::string> raised;
    for (const auto& flag : q.flags) {
      int score = total;
      if (!flag.subscale.empty()) {
        score = 0;
        if (const auto* s = q.findSubscale(flag.subscale))
          for (int n : s->items) score += answers[static_cast<std::size_t>(n - 1)];
      }
      if (score >= flag.min && score <= flag.max) raised.push_back(flag.label);
    }
    for (const auto& r : raised)
      h += "<p class=\"govuk-body govuk-!-font-weight-bold\">Look at this: " + escape(r) + "</p>\n";
  }
  return h;
}

// What the browser script needs to score as answers are chosen: bands, flags and subscales.
std::string scoringData(const Questionnaire& q) {
  auto str = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out + "\"";
  };
  std::string j = "{\"title\":" + str(q.title) + ",\"items\":" + std::to_string(q.items.size()) +
                  ",\"max\":" + std::to_string(q.highestScore()) + ",\"subscales\":[";
  for (std::size_t i = 0; i < q.subscales.size(); ++i) {
    j += std::string(i ? "," : "") + "{\"id\":" + str(q.subscales[i].id) +
         ",\"label\":" + str(q.subscales[i].label) + ",\"items\":[";
    for (std::size_t k = 0; k < q.subscales[i].items.size(); ++k)
      j += std::string(k ? "," : "") + std::to_string(q.subscales[i].items[k]);
    j += "]}";
  }
  j += "],\"bands\":[";
  for (std::size_t i = 0; i < q.bands.size(); ++i)
    j += std::string(i ? "," : "") + "{\"label\":" + str(q.bands[i].label) +
         ",\"subscale\":" + str(q.bands[i].subscale) + ",\"min\":" + std::to_string(q.bands[i].min) +
         ",\"max\":" + std::to_string(q.bands[i].max) + "}";
  j += "],\"flags\":[";
  for (std::size_t i = 0; i < q.flags.size(); ++i)
    j += std::string(i ? "," : "") + "{\"label\":" + str(q.flags[i].label) +
         ",\"subscale\":" + str(q.flags[i].subscale) + ",\"min\":" + std::to_string(q.flags[i].min) +
         ",\"max\":" + std::to_string(q.flags[i].max) + "}";
  return j + "]}";
}

std::string measureSection(const Questionnaire& q, const MeasureSpec& m, const Form& f,
                           const PageErrors& errors, bool editable) {
  auto answers = answersFrom(f, m.key, q);
  std::string h = "<h2 class=\"govuk-heading-m\" id=\"" + m.key + "-heading\">" + escape(q.title) + "</h2>\n";
  if (editable) {
    h += "<p class=\"govuk-body\">" + escape(q.instructions) + "</p>\n";
    h += "<input type=\"hidden\" name=\"" + m.key + "-version\" value=\"" + std::to_string(q.version) +
         "\">\n";
    if (auto e = errors.forField(m.key))
      h += "<p id=\"" + m.key +
           "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:"
           "</span> " +
           escape(*e) + "</p>\n";
    h += "<div class=\"ycr-questionnaire\" data-ycr-measure=\"" + m.key + "\">\n";
    for (const auto& item : q.items) {
      std::string name = m.key + "-" + std::to_string(item.number);
      auto error = errors.forField(name);
      std::string chosen = f.get(name);
      h += std::string("<div class=\"govuk-form-group ycr-questionnaire__item") +
           (error ? " govuk-form-group--error" : "") + "\">\n<fieldset class=\"govuk-fieldset\"" +
           (error ? " aria-describedby=\"" + name + "-error\"" : "") +
           ">\n<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" +
           std::to_string(item.number) + ". " + escape(item.text) + "</legend>\n";
      if (error)
        h += "<p id=\"" + name +
             "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:"
             "</span> " +
             escape(*error) + "</p>\n";
      h += "<div class=\"govuk-radios govuk-radios--inline govuk-radios--small\" "
           "data-module=\"govuk-radios\">\n";
      for (std::size_t i = 0; i < q.scale.size(); ++i) {
        const auto& p = q.scale[i];
        std::string id = i == 0 ? name : name + "-" + std::to_string(i + 1);
        std::string value = std::to_string(p.value);
        h += "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"" + id +
             "\" name=\"" + name + "\" type=\"radio\" value=\"" + value + "\"" +
             (chosen == value ? " checked" : "") +
             "><label class=\"govuk-label govuk-radios__label\" for=\"" + id + "\">" + escape(p.label) +
             "</label></div>\n";
      }
      h += "</div>\n</fieldset>\n</div>\n";
    }
    h += "</div>\n";
  }
  // Announced as answers change (the browser script), and written by the server on every load.
  h += "<div class=\"govuk-inset-text ycr-score\" id=\"" + m.key +
       "-score\" aria-live=\"polite\" "
       "data-ycr-score-for=\"" +
       m.key + "\" data-ycr-scoring=\"" + escape(scoringData(q)) + "\">\n" + scoreText(q, answers) +
       "</div>\n";
  return h;
}

// ---------------- the assessment as a form ----------------

Form formOf(const Assessment& a) {
  Form f;
  f.set("participants", joinLines(a.participants));
  for (const auto& m : regulation4Matters()) {
    std::string id = m.field;
    std::replace(id.begin(), id.end(), '.', '-');
    f.set(id, a.matters.*m.member);
  }
  f.set("wishes_and_feelings", a.wishesAndFeelings);
  f.set("outcomes_wanted", a.outcomesWanted);
  f.set("differences_of_opinion", a.differencesOfOpinion);
  std::vector<std::string> who;
  std::optional<Date> sent;
  for (const auto& w : a.writtenRecordTo) {
    who.push_back(w.who);
    if (w.sentOn) sent = w.sentOn;
  }
  f.set("written_record_to", joinLines(who));
  f.setDate("written_record_sent_on", sent);
  if (a.needsForSupport) f.set("needs_for_support", *a.needsForSupport ? "yes" : "no");
  f.set("services_to_meet_needs", joinLines(a.servicesToMeetNeeds));
  std::vector<std::string> caredFor;
  for (Id id : a.caredForPersonIds) caredFor.push_back(std::to_string(id));
  f.setAll("cared_for_person_ids", caredFor);
  f.set("change_in_circumstances", a.changeInCircumstances ? "yes" : "no");
  f.set("change_detail", a.changeDetail);
  if (a.consent != TransitionConsent::not_recorded) f.set("consent", std::string(toString(a.consent)));
  f.set("able_and_willing_now", a.ableAndWillingNow);
  f.set("able_and_willing_after_18", a.ableAndWillingAfter18);
  f.set("work_education_training_recreation", a.workEducationTrainingRecreation);
  if (a.reviewOutcome) f.set("review_outcome", std::string(toString(*a.reviewOutcome)));
  f.set("changes_in_circumstances", a.changesInCircumstances);
  for (const auto& [key, score] :
       {std::pair{std::string("maca"), &a.maca}, std::pair{std::string("panoc"), &a.panoc}}) {
    if (!*score) continue;
    f.set(key + "-version", std::to_string((*score)->version));
    for (std::size_t i = 0; i < (*score)->answers.size(); ++i)
      if ((*score)->answers[i] != kUnanswered)
        f.set(key + "-" + std::to_string(i + 1), std::to_string((*score)->answers[i]));
  }
  return f;
}

// Where a use case's field error belongs on the page.
std::string pageFieldFor(const std::string& field) {
  for (const auto& m : measures()) {
    const std::string prefix = m.key + ".answers[";
    if (field.rfind(prefix, 0) == 0) {
      int index = std::atoi(field.c_str() + prefix.size());
      return m.key + "-" + std::to_string(index + 1);
    }
    if (field == m.key || field.rfind(m.key + ".", 0) == 0) return m.key;
  }
  if (field.rfind("written_record_to[", 0) == 0) return "written_record_sent_on";
  for (const char* list :
       {"participants", "services_to_meet_needs", "cared_for_person_ids", "written_record_to"})
    if (field.rfind(list, 0) == 0) return list;
  std::string id = field;
  std::replace(id.begin(), id.end(), '.', '-');
  return id;
}

void addUseCaseErrors(PageErrors& errors, const DomainError& error) {
  if (error.fields.empty()) {
    errors.add("", error.detail);
    return;
  }
  for (const auto& f : error.fields) {
    std::string id = pageFieldFor(f.field);
    // A date's error links to its day box; a questionnaire's to its first question.
    std::string anchor = id == "written_record_sent_on"    ? "written_record_sent_on-day"
                         : (id == "maca" || id == "panoc") ? id + "-1"
                                                           : "";
    errors.add(id, messageFor(f), anchor);
  }
}

struct LoadedAssessment {
  AssessmentView view;
  CaseView caseView;
};

Result<LoadedAssessment> load(Register& reg, Assessments& assessments, const WebRequest& req,
                              Id assessmentId) {
  auto view = assessments.get(req.who(), assessmentId);
  if (!view) return view.error();
  auto c = reg.caseView(req.who(), view->assessment.caseId);
  if (!c) return c.error();
  return LoadedAssessment{std::move(*view), std::move(*c)};
}

std::string relationshipWords(Relationship r) {
  return humanise(toString(r));
}

// `amending`: a completed assessment changed with a reason (Assessments::replace keeps the earlier
// version); the review's outcome already moved the case, so it is shown, not asked again.
std::string assessmentFormBody(Assessments& assessments, const WebRequest& req, const LoadedAssessment& l,
                               const Form& f, const PageErrors& errors, bool amending = false) {
  const Assessment& a = l.view.assessment;
  const auto& set = assessments.questionnaires();
  std::string h = errorSummary(errors);
  h += "<span class=\"govuk-caption-l\">" + escape(fullName(l.caseView.youngCarer)) + "</span>\n";
  h += "<h1 class=\"govuk-heading-l\">" + escape(kindName(a.kind)) + "</h1>\n";
  if (amending)
    h += "<p class=\"govuk-body\">" + tag("Completed", "green") +
         " You are amending a completed assessment. " +
         "The version before your changes is kept with the reason you give.</p>\n";
  else
    h += "<p class=\"govuk-body\">" + tag("Draft", "grey") + " Started " +
         escape(humanTimestamp(a.createdAt)) + "</p>\n";
  if (l.view.coveringAssessmentId && !amending)
    h += insetText(
        "A completed needs assessment already covers the people this young carer cares for, and no "
        "change in circumstances is recorded, so a new one may not be owed. <a class=\"govuk-link\" "
        "href=\"/assessments/" +
        std::to_string(*l.view.coveringAssessmentId) + "\">See that assessment</a>.");
  h += "<form method=\"post\" action=\"/assessments/" + std::to_string(a.id) + (amending ? "/amend" : "") +
       "\" novalidate>\n" + csrfField(req.csrfToken);

  auto area = [&](const std::string& id, const std::string& label, const std::string& hint, int rows = 4) {
    return textarea({.id = id, .label = label, .hint = hint, .value = f.get(id)}, errors, rows);
  };
  auto yesNo = [&](const std::string& name, const std::string& legend, const std::string& hint) {
    return radios({name, legend, hint, {{"yes", "Yes", ""}, {"no", "No", ""}}, {f.get(name)}, false, true},
                  errors);
  };

  h += "<h2 class=\"govuk-heading-m\">Who took part</h2>\n";
  h += area(
      "participants", "Who took part in the assessment?",
      "One person on each line, for example the young carer, their mother, their school's young carers lead",
      3);
  if (!l.caseView.caredFor.empty()) {
    std::vector<Choice> people;
    for (const auto& p : l.caseView.caredFor) {
      std::string conditions;
      for (auto c : p.conditions) conditions += (conditions.empty() ? "" : ", ") + humanise(toString(c));
      people.push_back({std::to_string(p.id), relationshipWords(p.relationship), conditions});
    }
    h += checkboxes({"cared_for_person_ids", "Who does this assessment cover?",
                     "Select everyone the young carer cares "
                     "for whom this assessment looks at",
                     people, f.all("cared_for_person_ids")},
                    errors);
  }

  if (a.kind == AssessmentKind::needs) {
    h += "<h2 class=\"govuk-heading-m\">What the assessment must determine</h2>\n";
    for (const auto& m : regulation4Matters()) {
      std::string id = m.field;
      std::replace(id.begin(), id.end(), '.', '-');
      std::string label = m.description;
      if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
      h += area(id, label, "", 3);
    }
  }
  if (a.kind == AssessmentKind::transition) {
    h += "<h2 class=\"govuk-heading-m\">Transition to adult services</h2>\n";
    h += radios(
        {"consent",
         "Consent to the assessment",
         "Care Act 2014 section 63",
         {{"consented", "The young carer consented", ""},
          {"lacks_capacity_best_interests",
           "They lack capacity and the assessment is in their best interests", ""},
          {"refused_but_risk_of_abuse_or_neglect", "They refused, but are at risk of abuse or neglect", ""}},
         {f.get("consent")}},
        errors);
    h += area("able_and_willing_now", "Is the young carer able and willing to care now?", "", 3);
    h +=
        area("able_and_willing_after_18", "Will they be able and willing to care after they turn 18?", "", 3);
    h += area("work_education_training_recreation", "Work, education, training and recreation",
              "What the young carer does or wants to do", 3);
  }
  if (a.kind == AssessmentKind::review) {
    h += "<h2 class=\"govuk-heading-m\">The review</h2>\n";
    h += area("changes_in_circumstances", "What has changed since the last assessment or review?", "", 3);
  }

  h += "<h2 class=\"govuk-heading-m\">The young carer's views</h2>\n";
  h += area("wishes_and_feelings", "Their wishes, feelings and preferences", "", 3);
  h += area("outcomes_wanted", "The outcomes they want", "", 3);
  h += area("differences_of_opinion", "Any differences of opinion",
            "Between the young carer, their family and you", 3);

  if (a.kind == AssessmentKind::needs) {
    h += yesNo("change_in_circumstances",
               "Has there been a change in circumstances since an earlier assessment?", "");
    h += area("change_detail", "If yes, describe the change", "", 3);
  }

  for (const auto& m : measures())
    if (const auto* q = questionnaireFor(set, m, f)) h += measureSection(*q, m, f, errors, true);

  h += "<h2 class=\"govuk-heading-m\">The decision</h2>\n";
  if (a.kind == AssessmentKind::needs) {
    h += yesNo("needs_for_support", "Does the young carer have needs for support?", "");
    h += area("services_to_meet_needs", "Which services will meet those needs?", "One service on each line",
              3);
  }
  if (a.kind == AssessmentKind::review && amending && a.reviewOutcome) {
    h += summaryList({{"What the review decided", escape(humanise(toString(*a.reviewOutcome))), "", ""}});
  } else if (a.kind == AssessmentKind::review) {
    h += radios({"review_outcome",
                 "What did the review decide?",
                 "",
                 {{"continue", "Continue the support as planned", ""},
                  {"change_plan", "Change the support plan", ""},
                  {"start_transition", "Start transition to adult services", ""},
                  {"close", "Close the case", ""}},
                 {f.get("review_outcome")}},
                errors);
    std::vector<Choice> reasons = {{"", "Not closing", ""}};
    for (auto r : {CloseReason::needs_met, CloseReason::declined, CloseReason::moved_away,
                   CloseReason::no_longer_caring, CloseReason::not_a_young_carer})
      reasons.push_back({std::string(toString(r)), humanise(toString(r)), ""});
    h += select("close_reason", "If closing, why?", reasons, f.get("close_reason"), errors);
  }
  if (a.kind != AssessmentKind::review) {
    h += area("written_record_to", "Who received the written record of the assessment?",
              "One person on each line", 3);
    h += dateInput("written_record_sent_on", "When was the written record sent?", "For example, 27 3 2025", f,
                   errors);
  }
  if (amending) {
    h += "<h2 class=\"govuk-heading-m\">Why you are amending it</h2>\n";
    h += area("amendment_reason", "Why are you amending this assessment?",
              "For example, the date the written record was sent was wrong. This is kept with the assessment",
              3);
    h += "<div class=\"govuk-button-group\">\n" + button("Save the amendment") +
         "<a class=\"govuk-link\" href=\"/assessments/" + std::to_string(a.id) +
         "\">Cancel</a></div>\n</form>\n";
  } else {
    if (a.kind == AssessmentKind::needs)
      h += area("late_reason", "If the assessment is late, why?",
                "Only needed when completing after the 45 working day deadline", 2);
    h += "<div class=\"govuk-button-group\">\n" + button("Save as draft", "secondary", "action", "save") +
         button("Save and complete", "", "action", "complete") + "</div>\n</form>\n";
  }
  h += "<script type=\"module\" src=\"/assets/ycr/assessment-scores.mjs\"></script>\n";
  return h;
}

std::string completedBody(Assessments& assessments, const LoadedAssessment& l, const std::string& banner) {
  const Assessment& a = l.view.assessment;
  const auto& set = assessments.questionnaires();
  std::string h = banner;
  h += "<span class=\"govuk-caption-l\">" + escape(fullName(l.caseView.youngCarer)) + "</span>\n";
  h += "<h1 class=\"govuk-heading-l\">" + escape(kindName(a.kind)) + "</h1>\n";
  h += "<p class=\"govuk-body\">" + tag("Completed", "green") + " " +
       (a.completedAt ? "Completed " + escape(humanTimestamp(*a.completedAt)) : std::string()) + "</p>\n";
  std::vector<SummaryRow> rows;
  auto text = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) rows.push_back({key, multiline(value)});
  };
  text("Who took part", joinLines(a.participants));
  if (a.kind == AssessmentKind::needs)
    for (const auto& m : regulation4Matters()) {
      std::string label = m.description;
      if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
      text(label, a.matters.*m.member);
    }
  text("Able and willing to care now", a.ableAndWillingNow);
  text("Able and willing after 18", a.ableAndWillingAfter18);
  text("Work, education, training and recreation", a.workEducationTrainingRecreation);
  text("Changes since the last assessment", a.changesInCircumstances);
  text("Wishes, feelings and preferences", a.wishesAndFeelings);
  text("Outcomes wanted", a.outcomesWanted);
  text("Differences of opinion", a.differencesOfOpinion);
  if (a.needsForSupport) rows.push_back({"Needs for support", *a.needsForSupport ? "Yes" : "No"});
  text("Services to meet the needs", joinLines(a.servicesToMeetNeeds));
  if (a.reviewOutcome) rows.push_back({"Outcome", escape(humanise(toString(*a.reviewOutcome)))});
  std::string written;
  for (const auto& w : a.writtenRecordTo)
    written += (written.empty() ? "" : "<br>") + escape(w.who) +
               (w.sentOn ? ", " + escape(humanDate(*w.sentOn)) : "");
  if (!written.empty()) rows.push_back({"Written record sent to", written});
  h += summaryList(rows);
  for (const auto& m : measures()) {
    const std::optional<Score>& s = m.key == "maca" ? a.maca : a.panoc;
    if (!s) continue;
    const auto* q = set.find(m.id, s->version);
    if (!q) continue;
    Form f;
    for (std::size_t i = 0; i < s->answers.size(); ++i)
      f.set(m.key + "-" + std::to_string(i + 1), std::to_string(s->answers[i]));
    h += measureSection(*q, m, f, {}, false);
  }
  if (l.view.comparison) {
    const auto& c = *l.view.comparison;
    std::vector<SummaryRow> change;
    if (c.maca)
      change.push_back({"MACA-YC18 total",
                        std::to_string(c.maca->totalBefore) + " then " + std::to_string(c.maca->totalAfter)});
    if (c.panoc)
      if (const auto* neg = c.panoc->subscale(kPanocNegativeSubscale))
        change.push_back({"PANOC-YC20 negative outcomes",
                          std::to_string(neg->before) + " then " + std::to_string(neg->after)});
    change.push_back({"Well-being improved", c.wellbeingImproved ? "Yes" : "No"});
    h += "<h2 class=\"govuk-heading-m\">Compared with the last assessment</h2>\n" + summaryList(change);
  }
  if (!l.view.amendments.empty()) {
    TableSpec t;
    t.caption = "Amendments";
    t.headings = {"When", "Why"};
    for (const auto& am : l.view.amendments)
      t.rowsHtml.push_back({escape(humanTimestamp(am.amendedAt)), multiline(am.reason)});
    h += table(t);
  }
  h += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/assessments/" + std::to_string(a.id) +
       "/amend\">Amend this assessment</a></p>\n";
  h += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/" + std::to_string(a.caseId) +
       "/assessments\">All assessments for this case</a></p>\n";
  return h;
}

// Reads the page into the use case's input, starting from what is stored so fields of other kinds
// are kept. Partly answered questionnaires are left as stored (they are kept in the session draft).
AssessmentInput inputFrom(const Form& f, const Assessment& stored, const QuestionnaireSet& set,
                          PageErrors& errors) {
  AssessmentInput in;
  in.kind = stored.kind;
  Assessment& a = in.content;
  a = stored;
  a.participants = lines(f.get("participants"));
  if (stored.kind == AssessmentKind::needs)
    for (const auto& m : regulation4Matters()) {
      std::string id = m.field;
      std::replace(id.begin(), id.end(), '.', '-');
      a.matters.*m.member = f.get(id);
    }
  a.wishesAndFeelings = f.get("wishes_and_feelings");
  a.outcomesWanted = f.get("outcomes_wanted");
  a.differencesOfOpinion = f.get("differences_of_opinion");
  a.caredForPersonIds.clear();
  for (const auto& v : f.all("cared_for_person_ids"))
    if (!v.empty() && v.size() < 16 && v.find_first_not_of("0123456789") == std::string::npos)
      a.caredForPersonIds.push_back(static_cast<Id>(std::stoll(v)));
  if (stored.kind != AssessmentKind::review) {
    std::optional<Date> sent;
    bool anyDate = !f.get("written_record_sent_on-day").empty() ||
                   !f.get("written_record_sent_on-month").empty() ||
                   !f.get("written_record_sent_on-year").empty();
    if (anyDate)
      if (auto iso =
              readDateInput(f, "written_record_sent_on", "The date the written record was sent", errors))
        sent = parseIsoDate(*iso);
    a.writtenRecordTo.clear();
    for (const auto& who : lines(f.get("written_record_to"))) a.writtenRecordTo.push_back({who, sent});
  }
  if (stored.kind == AssessmentKind::needs) {
    auto n = f.get("needs_for_support");
    a.needsForSupport = n == "yes"  ? std::optional<bool>(true)
                        : n == "no" ? std::optional<bool>(false)
                                    : std::nullopt;
    a.servicesToMeetNeeds = lines(f.get("services_to_meet_needs"));
    a.changeInCircumstances = f.get("change_in_circumstances") == "yes";
    a.changeDetail = f.get("change_detail");
  }
  if (stored.kind == AssessmentKind::transition) {
    a.consent = parseEnum<TransitionConsent>(f.get("consent")).value_or(TransitionConsent::not_recorded);
    a.ableAndWillingNow = f.get("able_and_willing_now");
    a.ableAndWillingAfter18 = f.get("able_and_willing_after_18");
    a.workEducationTrainingRecreation = f.get("work_education_training_recreation");
  }
  if (stored.kind == AssessmentKind::review) {
    a.reviewOutcome = parseEnum<ReviewOutcome>(f.get("review_outcome"));
    a.changesInCircumstances = f.get("changes_in_circumstances");
  }
  for (const auto& m : measures()) {
    const std::optional<Score>& was = m.key == "maca" ? stored.maca : stored.panoc;
    std::optional<MeasureInput>& into = m.key == "maca" ? in.maca : in.panoc;
    if (was) into = MeasureInput{was->answers, was->version};
    const auto* q = questionnaireFor(set, m, f);
    if (!q) continue;
    auto answers = answersFrom(f, m.key, *q);
    if (answeredCount(answers) == q->items.size()) into = MeasureInput{answers, q->version};
  }
  return in;
}

// On completion a questionnaire begun but not finished is a problem to fix, never silently dropped.
void unfinishedMeasures(const Form& f, const QuestionnaireSet& set, PageErrors& errors) {
  for (const auto& m : measures()) {
    const auto* q = questionnaireFor(set, m, f);
    if (!q) continue;
    auto answers = answersFrom(f, m.key, *q);
    auto answered = answeredCount(answers);
    if (answered == 0 || answered == q->items.size()) continue;
    for (std::size_t i = 0; i < answers.size(); ++i)
      if (answers[i] == kUnanswered)
        errors.add(m.key + "-" + std::to_string(i + 1), "Answer question " + std::to_string(i + 1) + " of " +
                                                            m.shortName +
                                                            ", or leave the whole questionnaire unanswered");
  }
}

std::string draftKey(Id assessmentId) {
  return "assessment-" + std::to_string(assessmentId);
}

}  // namespace

void addAssessmentPages(WebSite& site, Register& reg, Assessments& assessments) {
  site.add({"GET", "/cases/{id}/assessments", "web.assessment.list", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id caseId) {
              auto c = reg.caseView(req.who(), caseId);
              if (!c) return site.failurePage(req, c.error());
              auto list = assessments.listForCase(req.who(), caseId);
              if (!list) return site.failurePage(req, list.error());
              Page p;
              p.title = "Assessments and reviews";
              p.wide = true;
              p.backHref = "/cases/" + std::to_string(caseId);
              p.body = "<span class=\"govuk-caption-l\">" + escape(fullName(c->youngCarer)) +
                       "</span>\n"
                       "<h1 class=\"govuk-heading-l\">Assessments and reviews</h1>\n";
              if (list->empty()) {
                p.body += "<p class=\"govuk-body\">No assessments have been started for this case.</p>\n";
              } else {
                TableSpec t;
                t.headings = {"Assessment", "Status", "Started", "Completed", "MACA-YC18 total", "Details"};
                t.numeric = {false, false, false, false, true, false};
                for (const auto& v : *list) {
                  const auto& a = v.assessment;
                  bool done = a.status == AssessmentStatus::completed;
                  t.rowsHtml.push_back(
                      {escape(kindName(a.kind)), done ? tag("Completed", "green") : tag("Draft", "grey"),
                       escape(humanTimestamp(a.createdAt)),
                       a.completedAt ? escape(humanTimestamp(*a.completedAt)) : "",
                       a.maca ? std::to_string(a.maca->total) : "",
                       "<a class=\"govuk-link\" href=\"/assessments/" + std::to_string(a.id) + "\">" +
                           (done ? "View" : "Continue") + "<span class=\"govuk-visually-hidden\"> " +
                           escape(kindName(a.kind)) + " started " + escape(humanTimestamp(a.createdAt)) +
                           "</span></a>"});
                }
                p.body += table(t);
              }
              p.body += "<h2 class=\"govuk-heading-m\">Start</h2>\n<div class=\"ycr-button-row\">";
              for (auto kind : {AssessmentKind::needs, AssessmentKind::review, AssessmentKind::transition})
                p.body += "<form method=\"post\" action=\"/cases/" + std::to_string(caseId) +
                          "/assessments\" novalidate>" + csrfField(req.csrfToken) +
                          "<input type=\"hidden\" name=\"kind\" value=\"" + std::string(toString(kind)) +
                          "\">" +
                          button(kind == AssessmentKind::needs    ? "Start a needs assessment"
                                 : kind == AssessmentKind::review ? "Start a review"
                                                                  : "Start a transition assessment",
                                 kind == AssessmentKind::needs ? "" : "secondary") +
                          "</form>";
              p.body += "</div>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/cases/" +
                        std::to_string(caseId) + "/support-plan\">Support plan</a></p>\n";
              return site.page(req, 200, std::move(p));
            })});

  site.add({"POST", "/cases/{id}/assessments", "web.assessment.create", kStaff,
            site.withId([&site, &assessments](WebRequest& req, Id caseId) {
              auto kind = parseEnum<AssessmentKind>(req.form.get("kind"));
              if (!kind)
                return site.errorPage(req, 422, "That could not be done",
                                      "Choose which kind of assessment to start.");
              AssessmentInput input;
              input.kind = *kind;
              auto view = assessments.create(req.who(), caseId, input);
              if (!view) return site.failurePage(req, view.error());
              return redirect("/assessments/" + std::to_string(view->assessment.id));
            })});

  site.add({"GET", "/assessments/{id}", "web.assessment.read", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id id) {
              auto l = load(reg, assessments, req, id);
              if (!l) return site.failurePage(req, l.error());
              Page p;
              p.title = kindName(l->view.assessment.kind);
              p.backHref = "/cases/" + std::to_string(l->view.assessment.caseId) + "/assessments";
              std::string result = req.query("result");
              if (l->view.assessment.status == AssessmentStatus::completed) {
                std::string banner;
                if (result == "completed")
                  banner =
                      notificationBanner("The assessment is complete. The case is now " +
                                             escape(humanise(toString(l->caseView.caseRecord.state))) + ".",
                                         true);
                else if (result == "amended")
                  banner = notificationBanner("Your amendment was saved. The earlier version is kept.", true);
                p.body = completedBody(assessments, *l, banner);
                return site.page(req, 200, std::move(p));
              }
              Form f = formOf(l->view.assessment);
              // Answers to a questionnaire not yet finished, kept from the last save in this session.
              Form kept = site.draft(draftKey(id), req);
              for (const auto& m : measures())
                for (int n = 1; n <= 20; ++n)
                  if (auto v = kept.get(m.key + "-" + std::to_string(n));
                      !v.empty() && f.get(m.key + "-" + std::to_string(n)).empty())
                    f.set(m.key + "-" + std::to_string(n), v);
              std::string banner;
              if (result == "saved") banner = notificationBanner("Your changes were saved as a draft.", true);
              p.body = banner + assessmentFormBody(assessments, req, *l, f, {});
              return site.page(req, 200, std::move(p));
            })});

  site.add({"POST", "/assessments/{id}", "web.assessment.save", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id id) {
              auto l = load(reg, assessments, req, id);
              if (!l) return site.failurePage(req, l.error());
              if (l->view.assessment.status == AssessmentStatus::completed)
                return site.errorPage(
                    req, 409, "This assessment is already complete",
                    "A completed assessment is changed only by an amendment with a reason.");
              const auto& set = assessments.questionnaires();
              bool completing = req.form.get("action") == "complete";
              PageErrors errors;
              AssessmentInput input = inputFrom(req.form, l->view.assessment, set, errors);
              Form kept;
              for (const auto& m : measures())
                for (int n = 1; n <= 20; ++n)
                  if (auto v = req.form.get(m.key + "-" + std::to_string(n)); !v.empty())
                    kept.set(m.key + "-" + std::to_string(n), v);
              site.saveDraft(draftKey(id), req, kept);
              auto rerender = [&](int status) {
                Page p;
                p.title = kindName(l->view.assessment.kind);
                p.hasErrors = true;
                p.backHref = "/cases/" + std::to_string(l->view.assessment.caseId) + "/assessments";
                p.body = assessmentFormBody(assessments, req, *l, req.form, errors);
                return site.page(req, status, std::move(p));
              };
              if (!errors.empty()) return rerender(422);
              auto saved = assessments.replace(req.who(), id, input);
              if (!saved) {
                if (saved.error().code != ErrorCode::validation) return site.failurePage(req, saved.error());
                addUseCaseErrors(errors, saved.error());
                return rerender(422);
              }
              if (!completing) return redirect("/assessments/" + std::to_string(id) + "?result=saved");
              unfinishedMeasures(req.form, set, errors);
              if (!errors.empty()) {
                // Every problem at once: what completion would also refuse, by the domain's own rule.
                PageErrors all;
                if (auto s = validateForCompletion(input.content); !s) addUseCaseErrors(all, s.error());
                for (const auto& e : errors.all()) all.add(e.fieldId, e.message, e.anchor);
                errors = all;
                return rerender(422);
              }
              CompletionInput done;
              done.lateReason = req.form.get("late_reason");
              done.closeReason = parseEnum<CloseReason>(req.form.get("close_reason"));
              auto completed = assessments.complete(req.who(), id, done);
              if (!completed) {
                auto code = completed.error().code;
                if (code != ErrorCode::validation && code != ErrorCode::guard_failed &&
                    code != ErrorCode::transition_refused && code != ErrorCode::conflict)
                  return site.failurePage(req, completed.error());
                if (!completed.error().fields.empty() && code != ErrorCode::validation)
                  errors.add("", completed.error().detail);
                addUseCaseErrors(errors, completed.error());
                return rerender(code == ErrorCode::validation ? 422 : 409);
              }
              site.clearDraft(draftKey(id), req);
              return redirect("/assessments/" + std::to_string(id) + "?result=completed");
            })});

  // Amending a completed assessment: the same form, with the reason the use case requires.
  site.add({"GET", "/assessments/{id}/amend", "web.assessment.amend_form", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id id) {
              auto l = load(reg, assessments, req, id);
              if (!l) return site.failurePage(req, l.error());
              // A draft is simply changed; only a completed assessment is amended.
              if (l->view.assessment.status != AssessmentStatus::completed)
                return redirect("/assessments/" + std::to_string(id));
              Page p;
              p.title = "Amend: " + kindName(l->view.assessment.kind);
              p.backHref = "/assessments/" + std::to_string(id);
              p.body = assessmentFormBody(assessments, req, *l, formOf(l->view.assessment), {}, true);
              return site.page(req, 200, std::move(p));
            })});

  site.add({"POST", "/assessments/{id}/amend", "web.assessment.amend", kStaff,
            site.withId([&site, &reg, &assessments](WebRequest& req, Id id) {
              auto l = load(reg, assessments, req, id);
              if (!l) return site.failurePage(req, l.error());
              const Assessment& stored = l->view.assessment;
              if (stored.status != AssessmentStatus::completed)
                return redirect("/assessments/" + std::to_string(id));
              const auto& set = assessments.questionnaires();
              Form f = req.form;
              // The outcome moved the case when the review was completed; an amendment keeps it.
              if (stored.reviewOutcome) f.set("review_outcome", std::string(toString(*stored.reviewOutcome)));
              PageErrors errors;
              AssessmentInput input = inputFrom(f, stored, set, errors);
              input.amendmentReason = f.get("amendment_reason");
              unfinishedMeasures(f, set, errors);
              if (isBlank(input.amendmentReason))
                errors.add("amendment_reason", "Enter why you are amending this assessment");
              auto rerender = [&](int status) {
                Page p;
                p.title = "Amend: " + kindName(stored.kind);
                p.hasErrors = true;
                p.backHref = "/assessments/" + std::to_string(id);
                p.body = assessmentFormBody(assessments, req, *l, f, errors, true);
                return site.page(req, status, std::move(p));
              };
              if (!errors.empty()) {
                // Every problem at once: what the amendment would also be refused for.
                PageErrors all;
                if (auto s = validateForCompletion(input.content); !s) addUseCaseErrors(all, s.error());
                for (const auto& e : errors.all()) all.add(e.fieldId, e.message, e.anchor);
                errors = all;
                return rerender(422);
              }
              auto saved = assessments.replace(req.who(), id, input);
              if (!saved) {
                if (saved.error().code != ErrorCode::validation) return site.failurePage(req, saved.error());
                addUseCaseErrors(errors, saved.error());
                return rerender(422);
              }
              return redirect("/assessments/" + std::to_string(id) + "?result=amended");
            })});
}

}  // namespace ycr::services::web
