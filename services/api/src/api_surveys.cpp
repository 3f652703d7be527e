// Surveys (surveys.h): young carers' own voice. Ids only in paths and queries; the token of a link is
// shown once, in the answer to its invitation, and never taken back in a URL the API logs.
//   GET  /api/v1/surveys                      the surveys in use (latest versions)
//   POST /api/v1/surveys/invitations          {"young_carer_id", "survey_id", "occasion"?, "occasion_on"?}
//   GET  /api/v1/surveys/invitations?young_carer_id=   invitations sent to one young carer
//   GET  /api/v1/surveys/due                  the caller's young carers due a survey
//   GET  /api/v1/surveys/{id}/results?year=   a whole ended financial year, disclosure-controlled
// Young people answer on the page /survey/{token} (web_pages_survey_answer.cpp), not through the API.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/surveys.h"

namespace ycr::services {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr surveyJson(const Survey& s) {
  const auto& q = s.questions;
  Object::Ptr o = new Object;
  o->set("id", q.id);
  o->set("version", q.version);
  o->set("title", q.title);
  o->set("instructions", q.instructions);
  o->set("scale", scaleJson(q.scale));
  o->set("items", itemsJson(q.items));
  Array::Ptr when = new Array;
  for (const auto& w : s.when) {
    Object::Ptr j = new Object;
    j->set("on", std::string(toString(w.on)));
    j->set("after_days", w.afterDays);
    j->set("within_days", w.withinDays);
    when->add(j);
  }
  o->set("when", when);
  o->set("link_valid_days", s.linkValidDays);
  o->set("agree_from", s.agreeFrom);
  return o;
}

Object::Ptr invitationJson(const SurveyInvitation& i) {
  Object::Ptr o = new Object;
  o->set("id", i.id);
  o->set("young_carer_id", i.youngCarerId);
  o->set("survey_id", i.surveyId);
  o->set("survey_version", i.surveyVersion);
  o->set("occasion", std::string(toString(i.occasion)));
  o->set("occasion_on", optDate(i.occasionOn));
  o->set("created_at", formatIsoTimestamp(i.createdAt));
  o->set("expires_at", formatIsoTimestamp(i.expiresAt));
  o->set("used_at", i.usedAt ? Var(formatIsoTimestamp(*i.usedAt)) : Var());
  return o;
}

Object::Ptr madeJson(const SurveyInvitationMade& m) {
  Object::Ptr o = invitationJson(m.invitation);
  o->set("link", m.link);
  o->set("emailed", m.emailed);
  return o;
}

Object::Ptr invitationListJson(const std::vector<SurveyInvitation>& sent) {
  Array::Ptr items = new Array;
  for (const auto& i : sent) items->add(invitationJson(i));
  Object::Ptr o = new Object;
  o->set("items", items);
  return o;
}

Object::Ptr dueJson(const std::vector<SurveyDue>& due) {
  Array::Ptr items = new Array;
  for (const auto& d : due) {
    Object::Ptr j = new Object;
    j->set("young_carer_id", d.youngCarerId);
    j->set("name", d.name);
    j->set("survey_id", d.surveyId);
    j->set("survey_title", d.surveyTitle);
    j->set("occasion", std::string(toString(d.occasion.kind)));
    j->set("occasion_on", formatIsoDate(d.occasion.on));
    items->add(j);
  }
  Object::Ptr o = new Object;
  o->set("items", items);
  return o;
}

Object::Ptr versionJson(const SurveyVersionResults& v) {
  Object::Ptr o = new Object;
  o->set("version", v.version);
  o->set("responses", publishedFigure(v.responses.value));
  o->set("scale", scaleJson(v.scale));
  Array::Ptr questions = new Array;
  for (std::size_t r = 0; r < v.answers.cells.size(); ++r) {  // none when too few answered
    Object::Ptr q = new Object;
    q->set("number", v.items[r].number);
    q->set("text", v.items[r].text);
    q->set("answers", publishedFigure(v.answers.rowTotals[r].value));
    Array::Ptr counts = new Array;
    for (std::size_t c = 0; c < v.scale.size(); ++c) {
      Object::Ptr j = new Object;
      j->set("value", v.scale[c].value);
      j->set("count", publishedFigure(v.answers.cells[r][c].value));
      counts->add(j);
    }
    q->set("counts", counts);
    questions->add(q);
  }
  o->set("questions", questions);
  o->set("agree_from", v.agreeFrom);
  return o;
}

Object::Ptr resultsJson(const SurveyResults& r) {
  Object::Ptr o = new Object;
  o->set("survey_id", r.surveyId);
  o->set("title", r.title);
  o->set("year", r.financialYear);
  o->set("policy", std::string(toString(r.policy)));
  Array::Ptr versions = new Array;
  for (const auto& v : r.versions) versions->add(versionJson(v));
  o->set("versions", versions);
  Array::Ptr years = new Array;
  for (const auto& y : r.availableYears) years->add(y);
  o->set("available_years", years);
  return o;
}

struct InviteInput {
  Id youngCarerId = 0;
  std::string surveyId;
  SurveyOccasionKind occasion = SurveyOccasionKind::asked;
  std::optional<Date> occasionOn;
  std::string sendTo;
};

InviteInput readInvite(JsonInput& in) {
  InviteInput i;
  auto id = in.integer("young_carer_id", true);
  if (id && *id <= 0) in.errors().add("young_carer_id", "invalid_id", "young_carer_id must be a record id");
  i.youngCarerId = id.value_or(0);
  i.surveyId = in.string("survey_id", true).value_or("");
  if (auto o = in.string("occasion")) {
    auto kind = parseEnum<SurveyOccasionKind>(*o);
    if (!kind)
      in.errors().add("occasion", "invalid_occasion",
                      "occasion must be card_issued, review_completed, handed_over or asked");
    i.occasion = kind.value_or(SurveyOccasionKind::asked);
  }
  if (auto d = in.string("occasion_on")) {
    i.occasionOn = parseIsoDate(*d);
    if (!i.occasionOn)
      in.errors().add("occasion_on", "invalid_date", "occasion_on must be a date, YYYY-MM-DD");
  }
  i.sendTo = in.string("send_to").value_or("");
  in.rejectUnknown();
  return i;
}

// Only the parameters a route names; a misspelt one must not silently widen or narrow an answer.
Status onlyParameter(const RequestContext& ctx, const std::string& name) {
  FieldErrors errors;
  for (const auto& [k, values] : ctx.queryAll) {
    if (k != name)
      errors.add(k, "unknown_parameter", "There is no parameter called " + k);
    else if (values.size() > 1)
      errors.add(k, "repeated", "Give " + k + " once");
  }
  if (!errors.empty()) return errors.toError("The request has unknown parameters");
  return {};
}

}  // namespace

void addSurveyRoutes(Router& router, Surveys& surveys) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});
  router.add({"GET", "/api/v1/surveys", "survey.list",
              Access::only({Role::caseworker, Role::team_manager, Role::commissioner}),
              [&surveys](RequestContext&) {
                Array::Ptr items = new Array;
                for (const Survey* s : surveys.set().latestOfEach()) items->add(surveyJson(*s));
                Object::Ptr o = new Object;
                o->set("items", items);
                return Response::json(200, o);
              }});
  router.add({"POST", "/api/v1/surveys/invitations", "survey.invite", staff,
              [&surveys](RequestContext& ctx) {
                auto in = readBody<InviteInput>(ctx, readInvite);
                if (!in) return Response::problem(in.error());
                return okOr<SurveyInvitationMade>(surveys.invite(ctx.who(), in->youngCarerId, in->surveyId,
                                                                 in->occasion, in->occasionOn, in->sendTo),
                                                  201, madeJson);
              },
              true});
  router.add(
      {"GET", "/api/v1/surveys/invitations", "survey.invitations", staff, [&surveys](RequestContext& ctx) {
         if (auto s = onlyParameter(ctx, "young_carer_id"); !s) return Response::problem(s.error());
         auto id = intQuery(ctx, "young_carer_id", 0, 1, 2147483647);
         if (!id) return Response::problem(id.error());
         if (*id == 0)
           return Response::problem(DomainError::field("young_carer_id", "required", "Give young_carer_id"));
         return okOr<std::vector<SurveyInvitation>>(surveys.invitationsFor(ctx.who(), *id), 200,
                                                    invitationListJson);
       }});
  router.add({"GET", "/api/v1/surveys/due", "survey.due", staff, [&surveys](RequestContext& ctx) {
                if (auto s = onlyParameter(ctx, ""); !s) return Response::problem(s.error());
                return okOr<std::vector<SurveyDue>>(surveys.due(ctx.who()), 200, dueJson);
              }});
  router.add({"GET", "/api/v1/surveys/{id}/results", "survey.results",
              Access::only({Role::commissioner, Role::team_manager}), [&surveys](RequestContext& ctx) {
                if (auto s = onlyParameter(ctx, "year"); !s) return Response::problem(s.error());
                return okOr<SurveyResults>(
                    surveys.results(ctx.who(), ctx.params.at("id"), ctx.queryValue("year")), 200,
                    resultsJson);
              }});
}

}  // namespace ycr::services
