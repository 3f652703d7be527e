// Routes for assessments, support plans and questionnaires: parse, call one use case, map the result.
// Only caseworkers and team managers; which cases they may reach is decided in policy.h.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/assessments.h"
#include "ycr/services/questionnaire_loader.h"

namespace ycr::services {

Poco::JSON::Array::Ptr planItemsJson(const std::vector<SupportPlanItem>& planItems) {
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
  for (const auto& i : planItems) {
    Poco::JSON::Object::Ptr j = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("type", std::string(toString(i.type)));
    j->set("provider", i.provider);
    j->set("start", formatIsoDate(i.start));
    j->set("end", optDate(i.end));
    j->set("notes", i.notes);
    items->add(j);
  }
  return items;
}

namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Parses the body (an empty body reads as {}) and applies `read`; the first problem is returned.
template <class T>
Result<T> readBodyOrEmpty(const RequestContext& ctx, const std::function<T(JsonInput&)>& read) {
  Object::Ptr object = new Object;
  if (ctx.body.find_first_not_of(" \t\r\n") != std::string::npos) {
    auto parsed = parseJsonObject(ctx.body);
    if (!parsed) return parsed.error();
    object = parsed.value();
  }
  FieldErrors errors;
  JsonInput in(object, "", errors);
  T value = read(in);
  if (!errors.empty()) return errors.toError();
  return value;
}

Var bandJson(const std::optional<BandRef>& b) {
  if (!b) return Var();
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", b->id);
  o->set("label", b->label);
  return o;
}

Var changeJson(const std::optional<ScoreChange>& c) {
  if (!c) return Var();
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("questionnaire_id", c->questionnaireId);
  o->set("version_before", c->versionBefore);
  o->set("version_after", c->versionAfter);
  o->set("total_before", c->totalBefore);
  o->set("total_after", c->totalAfter);
  o->set("total_delta", c->totalDelta);
  o->set("band_before", bandJson(c->bandBefore));
  o->set("band_after", bandJson(c->bandAfter));
  Array::Ptr subscales = new Array;
  for (const auto& s : c->subscales) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("id", s.id);
    j->set("before", s.before);
    j->set("after", s.after);
    j->set("delta", s.delta);
    subscales->add(j);
  }
  o->set("subscales", subscales);
  Array::Ptr raised = new Array, cleared = new Array;
  for (const auto& f : c->flagsRaised) raised->add(f);
  for (const auto& f : c->flagsCleared) cleared->add(f);
  o->set("flags_raised", raised);
  o->set("flags_cleared", cleared);
  return o;
}

Var comparisonJson(const std::optional<ReviewComparison>& c) {
  if (!c) return Var();
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("maca_baseline_id", optId(c->macaBaselineId));
  o->set("panoc_baseline_id", optId(c->panocBaselineId));
  o->set("maca", changeJson(c->maca));
  o->set("panoc", changeJson(c->panoc));
  o->set("wellbeing_improved", c->wellbeingImproved);
  return o;
}

Object::Ptr assessmentJson(const AssessmentView& v) {
  const Assessment& a = v.assessment;
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", a.id);
  o->set("case_id", a.caseId);
  o->set("young_carer_id", a.youngCarerId);
  o->set("kind", std::string(toString(a.kind)));
  o->set("status", std::string(toString(a.status)));
  o->set("assessor_user_id", optId(a.assessorUserId));
  o->set("created_at", formatIsoTimestamp(a.createdAt));
  o->set("updated_at", formatIsoTimestamp(a.updatedAt));
  o->set("completed_at", optTime(a.completedAt));
  auto content = assessmentContentJson(a, true);
  for (const auto& [key, value] : *content) o->set(key, value);
  o->set("not_owed", v.coveringAssessmentId.has_value());
  o->set("covering_assessment_id", optId(v.coveringAssessmentId));
  o->set("review_comparison", comparisonJson(v.comparison));
  Array::Ptr amendments = new Array;
  for (const auto& am : v.amendments) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("id", am.id);
    j->set("amended_by", optId(am.amendedBy));
    j->set("amended_at", formatIsoTimestamp(am.amendedAt));
    j->set("reason", am.reason);
    amendments->add(j);
  }
  o->set("amendments", amendments);
  return o;
}

Object::Ptr planJson(const SupportPlan& p) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", p.id);
  o->set("version", p.version);
  o->set("status", std::string(toString(p.status)));
  o->set("recorded_by", optId(p.recordedBy));
  o->set("recorded_at", formatIsoTimestamp(p.recordedAt));
  o->set("agreed_on", optDate(p.agreedOn));
  o->set("review_due", optDate(p.reviewDue));
  o->set("superseded_on", optDate(p.supersededOn));
  o->set("items", planItemsJson(p.items));
  return o;
}

Object::Ptr plansJson(const SupportPlans& plans) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("case_id", plans.caseId);
  o->set("current", plans.current ? Var(planJson(*plans.current)) : Var());
  o->set("draft", plans.draft ? Var(planJson(*plans.draft)) : Var());
  Array::Ptr history = new Array;
  for (const auto& p : plans.history) history->add(planJson(p));
  o->set("history", history);
  return o;
}

Result<AssessmentInput> readAssessment(const RequestContext& ctx, bool creating) {
  return readBodyOrEmpty<AssessmentInput>(ctx, [creating](JsonInput& in) {
    AssessmentInput input;
    if (creating) {
      if (auto kind = in.string("kind", true)) {
        if (auto k = parseEnum<AssessmentKind>(*kind))
          input.kind = *k;
        else
          in.errors().add("kind", "invalid_choice",
                          "Choose needs_assessment, transition_assessment or review");
      }
    } else {
      input.amendmentReason = in.string("amendment_reason").value_or("");
    }
    readAssessmentContent(in, input);
    in.rejectUnknown();
    return input;
  });
}

Result<std::vector<SupportPlanItem>> readPlan(const RequestContext& ctx) {
  return readBodyOrEmpty<std::vector<SupportPlanItem>>(ctx, [](JsonInput& in) {
    std::vector<SupportPlanItem> items;
    if (auto list = in.array("items", true)) {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = "items[" + std::to_string(i) + "]";
        auto o = list->getObject(static_cast<unsigned>(i));
        if (!o) {
          in.errors().add(at, "wrong_type", "Each service must be an object");
          continue;
        }
        JsonInput ii(o, at, in.errors());
        SupportPlanItem item;
        if (auto type = ii.string("type", true)) {
          if (auto t = parseEnum<ServiceType>(*type))
            item.type = *t;
          else
            in.errors().add(at + ".type", "invalid_choice", "Choose a type of service from the list");
        }
        item.provider = ii.string("provider").value_or("");
        if (auto start = ii.string("start", true)) {
          if (auto d = parseIsoDate(*start))
            item.start = *d;
          else
            in.errors().add(at + ".start", "invalid_date", "Give the date like 2024-03-04");
        }
        if (auto end = ii.string("end")) {
          if (auto d = parseIsoDate(*end))
            item.end = *d;
          else
            in.errors().add(at + ".end", "invalid_date", "Give the date like 2024-03-04");
        }
        item.notes = ii.string("notes").value_or("");
        ii.rejectUnknown();
        items.push_back(std::move(item));
      }
    }
    in.rejectUnknown();
    return items;
  });
}

Result<CompletionInput> readAssessmentCompletion(const RequestContext& ctx) {
  return readBodyOrEmpty<CompletionInput>(ctx, [](JsonInput& in) {
    CompletionInput c;
    c.lateReason = in.string("late_reason").value_or("");
    if (auto cr = in.string("close_reason")) {
      if (auto r = parseEnum<CloseReason>(*cr))
        c.closeReason = *r;
      else
        in.errors().add("close_reason", "invalid_choice", "Choose a close reason from the list");
    }
    c.expectedVersion = in.integer("expected_version");
    in.rejectUnknown();
    return c;
  });
}

// The latest version of each questionnaire, as {"questionnaires": [...]}.
Object::Ptr questionnairesJson(const QuestionnaireSet& set) {
  Array::Ptr items = new Array;
  for (const auto& id : set.ids())
    if (const Questionnaire* q = set.latest(id)) items->add(toJson(*q));
  Object::Ptr o = new Object;
  o->set("questionnaires", items);
  return o;
}

}  // namespace

void addAssessmentRoutes(Router& router, Assessments& assessments) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});

  router.add({"POST", "/api/v1/cases/{id}/assessments", "assessment.create", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto input = readAssessment(ctx, true);
                if (!input) return Response::problem(input.error());
                auto view = assessments.create(ctx.who(), id, *input);
                if (!view) return Response::problem(view.error());
                Response r = Response::json(201, assessmentJson(*view));
                r.headers.emplace_back("Location",
                                       "/api/v1/assessments/" + std::to_string(view->assessment.id));
                return r;
              }),
              true});
  router.add({"GET", "/api/v1/cases/{id}/assessments", "assessment.list", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto views = assessments.listForCase(ctx.who(), id);
                if (!views) return Response::problem(views.error());
                Array::Ptr items = new Array;
                for (const auto& v : *views) items->add(assessmentJson(v));
                Object::Ptr o = new Object;
                o->set("case_id", id);
                o->set("items", items);
                return Response::json(200, o);
              })});
  router.add({"GET", "/api/v1/assessments/{id}", "assessment.read", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto view = assessments.get(ctx.who(), id);
                if (!view) return Response::problem(view.error());
                return Response::json(200, assessmentJson(*view));
              })});
  router.add({"PUT", "/api/v1/assessments/{id}", "assessment.update", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto input = readAssessment(ctx, false);
                if (!input) return Response::problem(input.error());
                auto view = assessments.replace(ctx.who(), id, *input);
                if (!view) return Response::problem(view.error());
                return Response::json(200, assessmentJson(*view));
              }),
              true});
  router.add({"POST", "/api/v1/assessments/{id}/complete", "assessment.complete", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto input = readAssessmentCompletion(ctx);
                if (!input) return Response::problem(input.error());
                auto done = assessments.complete(ctx.who(), id, *input);
                if (!done) return Response::problem(done.error());
                auto o = assessmentJson(done->view);
                o->set("case_state", std::string(toString(done->caseState)));
                o->set("case_event", done->event ? Var(std::string(toString(*done->event))) : Var());
                return Response::json(200, o);
              }),
              true});
  router.add({"GET", "/api/v1/questionnaires", "questionnaire.list", staff, [&assessments](RequestContext&) {
                return Response::json(200, questionnairesJson(assessments.questionnaires()));
              }});
  router.add({"PUT", "/api/v1/cases/{id}/support-plan", "support_plan.record", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto items = readPlan(ctx);
                if (!items) return Response::problem(items.error());
                auto plans = assessments.recordSupportPlan(ctx.who(), id, *items);
                if (!plans) return Response::problem(plans.error());
                return Response::json(200, plansJson(*plans));
              }),
              true});
  router.add({"GET", "/api/v1/cases/{id}/support-plan", "support_plan.read", staff,
              withId([&assessments](RequestContext& ctx, Id id) {
                auto plans = assessments.supportPlans(ctx.who(), id);
                if (!plans) return Response::problem(plans.error());
                return Response::json(200, plansJson(*plans));
              })});
}

}  // namespace ycr::services
