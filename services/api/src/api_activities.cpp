// /api/v1/activities: the activities and breaks a young carers service runs, their places and
// registers (activities.h), for the service's case staff.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"

namespace ycr::services {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr activityJson(const Activity& a) {
  Object::Ptr j = new Object;
  j->set("id", a.id);
  j->set("kind", std::string(toString(a.kind)));
  j->set("title", a.title);
  j->set("starts_on", formatIsoDate(a.startsOn));
  j->set("ends_on", formatIsoDate(a.endsOn));
  j->set("venue", a.venue);
  j->set("capacity", a.capacity);
  j->set("transport_note", a.transportNote);
  j->set("consent_note", a.consentNote);
  j->set("created_at", formatIsoTimestamp(a.createdAt));
  j->set("finalised", a.finalisedAt.has_value());
  j->set("finalised_at", optTime(a.finalisedAt));
  return j;
}

Object::Ptr summaryJson(const ActivitySummary& s) {
  auto j = activityJson(s.activity);
  j->set("places_offered", s.places);
  j->set("attended", s.attended);
  return j;
}

Object::Ptr activityViewJson(const ActivityView& v) {
  auto j = activityJson(v.activity);
  Array::Ptr places = new Array;
  for (const auto& p : v.places) {
    Object::Ptr o = new Object;
    o->set("young_carer_id", p.place.youngCarerId);
    o->set("young_carer_name", p.name);
    o->set("offered_at", formatIsoTimestamp(p.place.offeredAt));
    o->set("attendance", p.place.attendance ? Var(std::string(toString(*p.place.attendance))) : Var());
    o->set("reason", p.place.reason);
    o->set("recorded_at", optTime(p.place.recordedAt));
    places->add(o);
  }
  j->set("places", places);
  return j;
}

ActivityInput readActivity(JsonInput& in) {
  ActivityInput a;
  a.kind = in.string("kind", true);
  a.title = in.string("title", true);
  a.startsOn = in.string("starts_on", true);
  a.endsOn = in.string("ends_on");
  a.venue = in.string("venue");
  a.capacity = in.integer("capacity", true);
  a.transportNote = in.string("transport_note");
  a.consentNote = in.string("consent_note");
  in.rejectUnknown();
  return a;
}

std::vector<AttendanceEntry> readRegister(JsonInput& in) {
  std::vector<AttendanceEntry> out;
  auto entries = in.array("entries", true);
  for (std::size_t i = 0; entries && i < entries->size(); ++i) {
    const std::string prefix = "entries[" + std::to_string(i) + "]";
    auto item = entries->getObject(static_cast<unsigned>(i));
    if (!item) {
      in.errors().add(prefix, "wrong_type", "Each entry must be an object");
      continue;
    }
    JsonInput e(item, prefix, in.errors());
    AttendanceEntry r;
    r.youngCarerId = static_cast<Id>(e.integer("young_carer_id", true).value_or(0));
    r.attendance = e.string("attendance");
    r.reason = e.string("reason").value_or("");
    e.rejectUnknown();
    out.push_back(std::move(r));
  }
  in.rejectUnknown();
  return out;
}

Response listActivities(Activities& activities, RequestContext& ctx) {
  std::optional<Date> from;
  if (const auto text = ctx.queryValue("from"); !text.empty()) {
    from = parseIsoDate(text);
    if (!from)
      return Response::problem(DomainError::field("from", "invalid_date", "from must be a date, YYYY-MM-DD"));
  }
  auto list = activities.list(ctx.who(), from);
  if (!list) return Response::problem(list.error());
  Array::Ptr items = new Array;
  for (const auto& s : *list) items->add(summaryJson(s));
  Object::Ptr j = new Object;
  j->set("items", items);
  j->set("total", static_cast<std::int64_t>(list->size()));
  return Response::json(200, j);
}

Response createActivity(Activities& activities, RequestContext& ctx) {
  auto input = readBody<ActivityInput>(ctx, readActivity);
  if (!input) return Response::problem(input.error());
  auto created = activities.create(ctx.who(), *input);
  if (!created) return Response::problem(created.error());
  Response r = Response::json(201, activityJson(*created));
  r.headers.emplace_back("Location", "/api/v1/activities/" + std::to_string(created->id));
  return r;
}

Response offerPlace(Activities& activities, RequestContext& ctx, Id id) {
  auto youngCarer = readBody<long long>(ctx, [](JsonInput& in) {
    auto v = in.integer("young_carer_id", true);
    in.rejectUnknown();
    return v.value_or(0);
  });
  if (!youngCarer) return Response::problem(youngCarer.error());
  return okOr<ActivityView>(activities.offerPlace(ctx.who(), id, static_cast<Id>(*youngCarer)), 201,
                            activityViewJson);
}

Response recordRegister(Activities& activities, RequestContext& ctx, Id id) {
  auto entries = readBody<std::vector<AttendanceEntry>>(ctx, readRegister);
  if (!entries) return Response::problem(entries.error());
  return okOr<ActivityView>(activities.recordRegister(ctx.who(), id, *entries), 200, activityViewJson);
}

}  // namespace

void addActivityRoutes(Router& router, Activities& activities) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});
  router.add({"GET", "/api/v1/activities", "activity.list", staff,
              [&activities](RequestContext& ctx) { return listActivities(activities, ctx); }});
  router.add({"POST", "/api/v1/activities", "activity.create", staff,
              [&activities](RequestContext& ctx) { return createActivity(activities, ctx); }, true});
  router.add({"GET", "/api/v1/activities/{id}", "activity.read", staff,
              withId([&activities](RequestContext& ctx, Id id) {
                return okOr<ActivityView>(activities.get(ctx.who(), id), 200, activityViewJson);
              })});
  router.add({"POST", "/api/v1/activities/{id}/places", "activity.place", staff,
              withId([&activities](RequestContext& ctx, Id id) { return offerPlace(activities, ctx, id); }),
              true});
  router.add({"DELETE", "/api/v1/activities/{id}/places/{young_carer_id}", "activity.place_withdraw", staff,
              withId([&activities](RequestContext& ctx, Id id) {
                auto youngCarer = idParam(ctx, "young_carer_id");
                if (!youngCarer) return Response::problem(youngCarer.error());
                return okOr<ActivityView>(activities.withdrawPlace(ctx.who(), id, *youngCarer), 200,
                                          activityViewJson);
              })});
  router.add(
      {"PUT", "/api/v1/activities/{id}/register", "activity.register", staff,
       withId([&activities](RequestContext& ctx, Id id) { return recordRegister(activities, ctx, id); }),
       true});
  router.add({"POST", "/api/v1/activities/{id}/finalise", "activity.finalise", staff,
              withId([&activities](RequestContext& ctx, Id id) {
                return okOr<ActivityView>(activities.finalise(ctx.who(), id), 200, activityViewJson);
              })});
}

}  // namespace ycr::services
