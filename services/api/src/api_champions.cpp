// Schools' young carer champions (school_champions.h) for a young carers service's case staff and
// administrators. Ids only in the paths.
//   GET  /api/v1/champions                           every active school with its champions in post today
//   GET  /api/v1/organisations/{id}/champions        one school's champions, past and present
//   POST /api/v1/organisations/{id}/champions        {"name", "post"?, "since", "user_id"?}: name one
//   POST /api/v1/champions/{id}/end                  {"until", "reason"?}: they stepped down

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_admin.h"
#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/school_champions.h"

namespace ycr::services {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr championJson(const SchoolChampion& c) {
  Object::Ptr o = new Object;
  o->set("id", c.id);
  o->set("organisation_id", c.organisationId);
  o->set("name", c.name);
  o->set("post", c.post);
  o->set("user_id", c.userId ? Var(*c.userId) : Var());
  o->set("since", formatIsoDate(c.since));
  o->set("until", optDate(c.until));
  o->set("end_reason", c.endReason);
  o->set("recorded_at", formatIsoTimestamp(c.recordedAt));
  return o;
}

namespace {

Object::Ptr schoolJson(const SchoolChampionsView& v) {
  Object::Ptr o = new Object;
  o->set("school", organisationJson(v.school));
  Array::Ptr champions = new Array;
  for (const auto& c : v.champions) champions->add(championJson(c));
  o->set("champions", champions);
  return o;
}

Object::Ptr schoolsJson(const std::vector<SchoolChampionsView>& schools) {
  Object::Ptr o = new Object;
  Array::Ptr items = new Array;
  long long with = 0;
  for (const auto& v : schools) {
    items->add(schoolJson(v));
    if (!v.champions.empty()) ++with;
  }
  o->set("items", items);
  o->set("total", static_cast<long long>(schools.size()));
  o->set("with_champion", with);
  return o;
}

ChampionInput readChampion(JsonInput& in) {
  ChampionInput c;
  c.name = in.string("name", true);
  c.post = in.string("post");
  c.since = in.string("since", true);
  c.userId = in.integer("user_id");
  in.rejectUnknown();
  return c;
}

ChampionEndInput readEnd(JsonInput& in) {
  ChampionEndInput e;
  e.until = in.string("until", true);
  e.reason = in.string("reason");
  in.rejectUnknown();
  return e;
}

}  // namespace

void addChampionRoutes(Router& router, SchoolChampions& champions) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager, Role::admin});
  router.add({"GET", "/api/v1/champions", "champion.list", staff, [&champions](RequestContext& ctx) {
                return okOr<std::vector<SchoolChampionsView>>(champions.schools(ctx.who()), 200, schoolsJson);
              }});
  router.add({"GET", "/api/v1/organisations/{id}/champions", "champion.history", staff,
              withId([&champions](RequestContext& ctx, Id id) {
                return okOr<SchoolChampionsView>(champions.school(ctx.who(), id), 200, schoolJson);
              })});
  router.add({"POST", "/api/v1/organisations/{id}/champions", "champion.name", staff,
              withId([&champions](RequestContext& ctx, Id id) {
                auto input = readBody<ChampionInput>(ctx, readChampion);
                if (!input) return Response::problem(input.error());
                return okOr<SchoolChampion>(champions.name(ctx.who(), id, *input), 201, championJson);
              }),
              true});
  router.add({"POST", "/api/v1/champions/{id}/end", "champion.end", staff,
              withId([&champions](RequestContext& ctx, Id id) {
                auto input = readBody<ChampionEndInput>(ctx, readEnd);
                if (!input) return Response::problem(input.error());
                return okOr<SchoolChampion>(champions.end(ctx.who(), id, *input), 200, championJson);
              }),
              true});
}

}  // namespace ycr::services
