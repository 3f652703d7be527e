// The page a young carer answers a survey on (surveys.h): /survey/{token}, from the single-use link
// staff gave them. No account and no cookie: the token is the only credential, 256 random bits, so it
// cannot be guessed; requests are still rate-limited per address like /verify/{token}. The form carries
// a token derived from the link under the server's form key (CsrfTokens), so an answer is posted from
// this page. A used, expired or unknown link gets a page that says which and nothing about whose it was
// (410 for used or expired, 404 for unknown). The token never goes into a log: the request log names
// the route, not the path.

#include "ycr/services/client_address.h"
#include "ycr/services/surveys.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string formToken(WebSite& site, const std::string& token) {
  return site.csrf().tokenFor("survey answer\n" + token);
}

std::string questionName(const Item& item) {
  return "q" + std::to_string(item.number);
}

Response closedPage(WebSite& site, const WebRequest& req, SurveyLinkState state) {
  switch (state) {
    case SurveyLinkState::used:
      return site.errorPage(req, 410, "This survey has already been answered",
                            "Each survey link can be used once. Thank you for your answers.");
    case SurveyLinkState::expired:
      return site.errorPage(req, 410, "This survey link has expired",
                            "If you would still like to answer, ask the person who sent it to you for a new "
                            "link.");
    default:
      return site.errorPage(req, 404, "This survey link does not work",
                            "Check you have copied the whole link. If it still does not work, ask the person "
                            "who sent it to you for a new one.");
  }
}

Response formPage(WebSite& site, const WebRequest& req, const std::string& token, const SurveyLink& link,
                  int status, const PageErrors& errors) {
  const Survey& s = *link.survey;
  const auto& q = s.questions;
  Page p;
  p.title = q.title;
  p.hasErrors = !errors.empty();
  std::vector<Choice> scale;
  for (const auto& point : q.scale) scale.push_back({std::to_string(point.value), point.label, ""});
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">" + escape(q.title) +
           "</h1>\n<p class=\"govuk-body\">" + escape(q.instructions) +
           "</p>\n<p class=\"govuk-body\">This link works once, until " +
           escape(humanTimestamp(link.expiresAt)) + ".</p>\n<form method=\"post\" action=\"/survey/" +
           escape(token) + "\" novalidate>\n<input type=\"hidden\" name=\"form_token\" value=\"" +
           escape(formToken(site, token)) + "\">\n";
  for (const auto& item : q.items)
    p.body += radios({.name = questionName(item),
                      .legend = std::to_string(item.number) + ". " + item.text,
                      .choices = scale,
                      .selected = {req.form.get(questionName(item))},
                      .small = true},
                     errors);
  p.body += button("Send my answers") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// A value typed that is not a small whole number: on no survey's scale, so the use case refuses it.
constexpr int kNotOnAnyScale = -1000;

// The answers as the use case takes them: kUnanswered for a question left out.
std::vector<int> readAnswers(const Survey& s, const Form& form) {
  std::vector<int> answers;
  for (const auto& item : s.questions.items) {
    const std::string v = form.get(questionName(item));
    if (v.empty())
      answers.push_back(kUnanswered);
    else if (v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos)
      answers.push_back(kNotOnAnyScale);
    else
      answers.push_back(std::stoi(v));
  }
  return answers;
}

Response throttled(WebSite& site, const WebRequest& req) {
  return site.errorPage(req, 429, "Too many attempts", "Wait a few minutes, then try again.");
}

Response answerSurvey(WebSite& site, Surveys& surveys, WebRequest& req) {
  const std::string token = req.ctx.params.at("token");
  auto link = surveys.open(token);
  if (link.state != SurveyLinkState::open) return closedPage(site, req, link.state);
  if (!site.csrf().verify("survey answer\n" + token, req.form.get("form_token")))
    return site.errorPage(req, 403, "Your answers could not be sent",
                          "Go back to the link you were sent, reload the page and try again.");
  auto answered = surveys.answer(token, readAnswers(*link.survey, req.form));
  if (!answered) {
    PageErrors errors;
    for (const auto& f : answered.error().fields) {
      if (f.field == "answers") {
        errors.add(questionName(link.survey->questions.items.front()), f.message);
        continue;
      }
      // "answers[i]": the question i + 1 of the form.
      if (f.field.rfind("answers[", 0) != 0) continue;
      const std::size_t i = static_cast<std::size_t>(std::stoul(f.field.substr(8)));
      if (i < link.survey->questions.items.size())
        errors.add(questionName(link.survey->questions.items[i]), "Choose one of the answers given");
    }
    if (errors.empty()) return site.failurePage(req, answered.error());
    return formPage(site, req, token, link, 422, errors);
  }
  if (*answered != SurveyLinkState::open) return closedPage(site, req, *answered);
  Page p;
  p.title = "Thank you";
  p.body = panel("Thank you", "Your answers have been sent") +
           "<p class=\"govuk-body\">Your answers are kept apart from your name. The people who support you "
           "will see only totals for all the young carers who answered.</p>\n"
           "<p class=\"govuk-body\">You can close this page.</p>\n";
  return site.page(req, 200, std::move(p));
}

}  // namespace

void addSurveyAnswerPages(WebSite& site, RateLimiter& verifyLimiter, Surveys& surveys) {
  site.add({"GET", "/survey/{token}", "web.survey.open", Access::publicRoute(),
            [&site, &verifyLimiter, &surveys](WebRequest& req) {
              if (verifyLimiter.take("survey " + rateLimitKey(req.ctx.clientAddress)).count() > 0)
                return throttled(site, req);
              const std::string token = req.ctx.params.at("token");
              auto link = surveys.open(token);
              if (link.state != SurveyLinkState::open) return closedPage(site, req, link.state);
              return formPage(site, req, token, link, 200, {});
            }});
  // The form's own token (formToken) stands in for the session's, which a young person does not have.
  site.add({"POST", "/survey/{token}", "web.survey.answer", Access::publicRoute(),
            [&site, &verifyLimiter, &surveys](WebRequest& req) {
              if (verifyLimiter.take("survey " + rateLimitKey(req.ctx.clientAddress)).count() > 0)
                return throttled(site, req);
              return answerSurvey(site, surveys, req);
            },
            false});
}

}  // namespace ycr::services::web
