// Households (households.h): linking a young carer's cared-for person to the same person cared for by
// another young carer, and undoing a wrong link. Thin handlers over Households; ids only in the paths.
//   PUT    /api/v1/young-carers/{id}/cared-for/{cfid}/household  {"same_as_cared_for_person": 12}
//   DELETE /api/v1/young-carers/{id}/cared-for/{cfid}/household
// PUT, as saying the same thing twice changes nothing; the case (GET /api/v1/cases/{id}) shows the
// household the same way these answer.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/households.h"

namespace ycr::services {

using Poco::JSON::Array;
using Poco::JSON::Object;

Array::Ptr householdJson(const std::vector<HouseholdMember>& household) {
  Array::Ptr out = new Array;
  for (const auto& m : household) {
    Object::Ptr j = new Object;
    j->set("cared_for_person_id", m.caredFor.id);
    j->set("person_id", m.caredFor.personId);
    j->set("relationship", std::string(toString(m.caredFor.relationship)));
    Array::Ptr conditions = new Array;
    for (auto c : m.conditions) conditions->add(std::string(toString(c)));
    j->set("conditions", conditions);
    j->set("known_to_adult_social_care", m.knownToAdultSocialCare);
    Array::Ptr references = new Array;
    for (const auto& r : m.adultSocialCareReferences) references->add(r);
    j->set("adult_social_care_references", references);
    Array::Ptr others = new Array;
    for (const auto& o : m.otherCarers) {
      Object::Ptr k = new Object;
      k->set("young_carer_id", o.youngCarerId);
      k->set("case_id", o.caseId ? Poco::Dynamic::Var(*o.caseId) : Poco::Dynamic::Var());
      k->set("cared_for_person_id", o.caredForId);
      k->set("name", o.name);
      k->set("relationship", std::string(toString(o.relationship)));
      others->add(k);
    }
    j->set("other_young_carers", others);
    out->add(j);
  }
  return out;
}

namespace {

Response householdOr(const Result<std::vector<HouseholdMember>>& r, Id youngCarerId) {
  if (!r) return Response::problem(r.error());
  Object::Ptr o = new Object;
  o->set("young_carer_id", youngCarerId);
  o->set("household", householdJson(*r));
  return Response::json(200, o);
}

}  // namespace

void addHouseholdRoutes(Router& router, Households& households) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});
  const std::string path = "/api/v1/young-carers/{id}/cared-for/{cfid}/household";
  router.add({"PUT", path, "cared_for.household_link", staff,
              withId([&households](RequestContext& ctx, Id id) {
                auto cfid = idParam(ctx, "cfid");
                if (!cfid) return Response::problem(cfid.error());
                auto sameAs = readBody<long long>(ctx, [](JsonInput& in) {
                  auto v = in.integer("same_as_cared_for_person", true);
                  in.rejectUnknown();
                  return v.value_or(0);
                });
                if (!sameAs) return Response::problem(sameAs.error());
                return householdOr(households.link(ctx.who(), id, *cfid, static_cast<Id>(*sameAs)), id);
              }),
              true});
  router.add(
      {"DELETE", path, "cared_for.household_unlink", staff, withId([&households](RequestContext& ctx, Id id) {
         auto cfid = idParam(ctx, "cfid");
         if (!cfid) return Response::problem(cfid.error());
         return householdOr(households.unlink(ctx.who(), id, *cfid), id);
       })});
}

}  // namespace ycr::services
