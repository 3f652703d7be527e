// Compliments and complaints (feedback.h) for a young carers service's case staff. Ids only in the paths.
//   GET  /api/v1/feedback?kind=complaint|compliment
//   POST /api/v1/feedback  {"kind", "from", "young_carer_id" (optional), "received_on", "summary"}
//   GET  /api/v1/feedback/{id}
//   POST /api/v1/feedback/{id}/outcome  {"outcome", "responded_on", "response"}: complaints only, once
//   POST /api/v1/feedback/{id}/extend   {"reason"}: team managers; an open complaint, once a stage, before
//                                       it is due
//   POST /api/v1/feedback/{id}/next-stage {"asked_on"}: an answered complaint taken to the next stage

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/feedback.h"

namespace ycr::services {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

// A stage's answer, earlier or now, in the same keys.
void setAnswer(Object& o, std::optional<Date> due, std::optional<ComplaintOutcome> outcome,
               std::optional<Date> respondedOn, const std::string& response, std::optional<Date> extendedOn,
               const std::string& extensionReason) {
  o.set("response_due", optDate(due));
  o.set("outcome", outcome ? Var(std::string(toString(*outcome))) : Var());
  o.set("responded_on", optDate(respondedOn));
  o.set("response", response);
  o.set("extended_on", optDate(extendedOn));
  o.set("extension_reason", extensionReason);
}

Object::Ptr stageJson(int stage, std::optional<Date> askedOn) {
  Object::Ptr o = new Object;
  o->set("stage", stage);
  o->set("stage_name", complaintStageWords(stage));
  o->set("asked_on", optDate(askedOn));
  return o;
}

}  // namespace

Object::Ptr feedbackJson(const Feedback& f, bool overdue) {
  Object::Ptr o = new Object;
  o->set("id", f.id);
  o->set("kind", std::string(toString(f.kind)));
  o->set("from", std::string(toString(f.from)));
  o->set("young_carer_id", f.youngCarerId ? Var(*f.youngCarerId) : Var());
  o->set("received_on", formatIsoDate(f.received));
  o->set("summary", f.summary);
  o->set("recorded_at", formatIsoTimestamp(f.recordedAt));
  o->set("overdue", overdue);
  setAnswer(*o, f.responseDue, f.outcome, f.respondedOn, f.response, f.extendedOn, f.extensionReason);
  if (f.kind != FeedbackKind::complaint) return o;
  o->set("stage", stageJson(f.stage, f.stageAskedOn));
  Array::Ptr earlier = new Array;
  for (const auto& s : f.earlierStages) {
    auto e = stageJson(s.stage, s.askedOn);
    setAnswer(*e, s.responseDue, s.outcome, s.respondedOn, s.response, s.extendedOn, s.extensionReason);
    earlier->add(e);
  }
  o->set("earlier_stages", earlier);
  return o;
}

namespace {

Object::Ptr feedbackViewJson(const FeedbackView& v) {
  return feedbackJson(v.record, v.overdue);
}

Object::Ptr feedbackListJson(const FeedbackList& l) {
  Object::Ptr o = new Object;
  Array::Ptr items = new Array;
  for (const auto& v : l.items) items->add(feedbackViewJson(v));
  o->set("items", items);
  o->set("open_complaints", l.openComplaints);
  o->set("overdue_complaints", l.overdueComplaints);
  return o;
}

FeedbackInput readFeedbackInput(JsonInput& in) {
  FeedbackInput f;
  f.kind = in.string("kind", true);
  f.from = in.string("from", true);
  f.youngCarerId = in.integer("young_carer_id");
  f.receivedOn = in.string("received_on", true);
  f.summary = in.string("summary", true);
  in.rejectUnknown();
  return f;
}

FeedbackOutcomeInput readOutcome(JsonInput& in) {
  FeedbackOutcomeInput o;
  o.outcome = in.string("outcome", true);
  o.respondedOn = in.string("responded_on", true);
  o.response = in.string("response", true);
  in.rejectUnknown();
  return o;
}

// A body of one text field, nothing else.
std::optional<std::string> readOne(JsonInput& in, const std::string& field) {
  auto value = in.string(field, true);
  in.rejectUnknown();
  return value;
}

std::optional<std::string> readFeedbackReason(JsonInput& in) {
  return readOne(in, "reason");
}

std::optional<std::string> readAskedOn(JsonInput& in) {
  return readOne(in, "asked_on");
}

}  // namespace

void addFeedbackRoutes(Router& router, ComplimentsAndComplaints& feedback) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});
  router.add({"GET", "/api/v1/feedback", "feedback.list", staff, [&feedback](RequestContext& ctx) {
                return okOr<FeedbackList>(feedback.list(ctx.who(), ctx.queryValue("kind")), 200,
                                          feedbackListJson);
              }});
  router.add({"POST", "/api/v1/feedback", "feedback.record", staff,
              [&feedback](RequestContext& ctx) {
                auto input = readBody<FeedbackInput>(ctx, readFeedbackInput);
                if (!input) return Response::problem(input.error());
                return okOr<FeedbackView>(feedback.record(ctx.who(), *input), 201, feedbackViewJson);
              },
              true});
  router.add({"GET", "/api/v1/feedback/{id}", "feedback.read", staff,
              withId([&feedback](RequestContext& ctx, Id id) {
                return okOr<FeedbackView>(feedback.get(ctx.who(), id), 200, feedbackViewJson);
              })});
  router.add({"POST", "/api/v1/feedback/{id}/outcome", "feedback.respond", staff,
              withId([&feedback](RequestContext& ctx, Id id) {
                auto input = readBody<FeedbackOutcomeInput>(ctx, readOutcome);
                if (!input) return Response::problem(input.error());
                return okOr<FeedbackView>(feedback.respond(ctx.who(), id, *input), 200, feedbackViewJson);
              }),
              true});
  router.add({"POST", "/api/v1/feedback/{id}/extend", "feedback.extend", Access::only({Role::team_manager}),
              withId([&feedback](RequestContext& ctx, Id id) {
                auto reason = readBody<std::optional<std::string>>(ctx, readFeedbackReason);
                if (!reason) return Response::problem(reason.error());
                return okOr<FeedbackView>(feedback.extend(ctx.who(), id, *reason), 200, feedbackViewJson);
              }),
              true});
  router.add({"POST", "/api/v1/feedback/{id}/next-stage", "feedback.next_stage", staff,
              withId([&feedback](RequestContext& ctx, Id id) {
                auto asked = readBody<std::optional<std::string>>(ctx, readAskedOn);
                if (!asked) return Response::problem(asked.error());
                return okOr<FeedbackView>(feedback.nextStage(ctx.who(), id, *asked), 200, feedbackViewJson);
              }),
              true});
}

}  // namespace ycr::services
