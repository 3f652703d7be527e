// Consent to share (consents.h): what a young person agreed to share, with whom, and their
// withdrawals, as a history that is only ever added to. Ids only in the paths.
//   GET  /api/v1/young-carers/{id}/consents
//   POST /api/v1/young-carers/{id}/consents  {"partner", "decision", "given_by", "method", "decided_on",
//   "note"}
// and the list a school's own staff see of its young carers who agreed to share with it:
//   GET  /api/v1/school/young-carers

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/consents.h"
#include "ycr/services/school_attendance.h"

namespace ycr::services {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr consentJson(const SharingConsent& c) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", c.id);
  o->set("partner", std::string(toString(c.partner)));
  o->set("decision", std::string(toString(c.decision)));
  o->set("given_by", std::string(toString(c.givenBy)));
  o->set("method", std::string(toString(c.method)));
  o->set("decided_on", formatIsoDate(c.decidedOn));
  o->set("note", c.note);
  o->set("recorded_at", formatIsoTimestamp(c.recordedAt));
  return o;
}

Array::Ptr sharingJson(const std::vector<PartnerSharing>& partners) {
  Array::Ptr out = new Array;
  for (const auto& p : partners) {
    Object::Ptr o = new Object;
    o->set("partner", std::string(toString(p.partner)));
    o->set("state", std::string(toString(p.state)));
    o->set("decided_on",
           p.latest ? Poco::Dynamic::Var(formatIsoDate(p.latest->decidedOn)) : Poco::Dynamic::Var());
    out->add(o);
  }
  return out;
}

namespace {

Object::Ptr consentsViewJson(const ConsentsView& v) {
  Object::Ptr o = new Object;
  o->set("young_carer_id", v.youngCarerId);
  o->set("sharing", sharingJson(v.partners));
  Array::Ptr history = new Array;
  for (const auto& c : v.history) history->add(consentJson(c));
  o->set("history", history);
  o->set("tasks_cancelled", v.tasksCancelled);
  return o;
}

ConsentInput readConsentInput(JsonInput& in) {
  ConsentInput c;
  c.partner = in.string("partner", true);
  c.decision = in.string("decision", true);
  c.givenBy = in.string("given_by", true);
  c.method = in.string("method", true);
  c.decidedOn = in.string("decided_on", true);
  c.note = in.string("note");
  in.rejectUnknown();
  return c;
}

Object::Ptr schoolListJson(const std::vector<SchoolListEntry>& list) {
  Object::Ptr o = new Object;
  Array::Ptr items = new Array;
  for (const auto& e : list) {
    Object::Ptr j = new Object;
    j->set("young_carer_id", e.youngCarerId);
    j->set("given_name", e.givenName);
    j->set("preferred_name", e.preferredName);
    j->set("family_name", e.familyName);
    j->set("date_of_birth", formatIsoDate(e.dateOfBirth));
    j->set("agreed_on", formatIsoDate(e.agreedOn));
    j->set("census_flag", e.censusFlag);
    j->set("census_flag_basis", e.censusFlagBasis);
    j->set("latest_term",
           e.latestTerm ? Poco::Dynamic::Var(termAttendanceJson(*e.latestTerm)) : Poco::Dynamic::Var());
    items->add(j);
  }
  o->set("young_carers", items);
  return o;
}

}  // namespace

void addConsentRoutes(Router& router, Consents& consents) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});
  const std::string path = "/api/v1/young-carers/{id}/consents";
  router.add({"GET", path, "consent.read", staff, withId([&consents](RequestContext& ctx, Id id) {
                return okOr<ConsentsView>(consents.get(ctx.who(), id), 200, consentsViewJson);
              })});
  router.add({"POST", path, "consent.record", staff, withId([&consents](RequestContext& ctx, Id id) {
                auto input = readBody<ConsentInput>(ctx, readConsentInput);
                if (!input) return Response::problem(input.error());
                return okOr<ConsentsView>(consents.record(ctx.who(), id, *input), 201, consentsViewJson);
              }),
              true});
  router.add({"GET", "/api/v1/school/young-carers", "school.young_carers", Access::only({Role::referrer}),
              [&consents](RequestContext& ctx) {
                return okOr<std::vector<SchoolListEntry>>(consents.schoolList(ctx.who()), 200,
                                                          schoolListJson);
              }});
}

}  // namespace ycr::services
