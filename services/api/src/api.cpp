// The JSON API: the routing table, and for each route a thin handler that parses the request,
// calls one use case and maps the result. Access per route is declared in the table.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/accounts.h"
#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/exports.h"
#include "ycr/services/openapi.h"
#include "ycr/services/policy.h"
#include "ycr/services/version.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr obj() {
  return new Object;
}

}  // namespace

Result<int> intQuery(const RequestContext& ctx, const std::string& key, int fallback, int min, int max) {
  auto text = ctx.queryValue(key);
  if (text.empty()) return fallback;
  if (text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::field(key, "invalid_number", key + " must be a whole number");
  int v = std::stoi(text);
  if (v < min || v > max)
    return DomainError::field(key, "out_of_range",
                              key + " must be from " + std::to_string(min) + " to " + std::to_string(max));
  return v;
}

Object::Ptr pageJson(Array::Ptr items, std::int64_t total, int limit, int offset) {
  auto o = obj();
  o->set("items", items);
  o->set("total", total);
  o->set("limit", limit);
  o->set("offset", offset);
  return o;
}

// ---------------- JSON views ----------------

Poco::Dynamic::Var optDate(const std::optional<Date>& d) {
  return d ? Poco::Dynamic::Var(formatIsoDate(*d)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var optTime(const std::optional<Timestamp>& t) {
  return t ? Poco::Dynamic::Var(formatIsoTimestamp(*t)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var optId(const std::optional<Id>& id) {
  return id ? Poco::Dynamic::Var(static_cast<Poco::Int64>(*id)) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var publishedFigure(const std::optional<long long>& value) {
  return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var(std::string("suppressed"));
}

Object::Ptr youngCarerJson(const YoungCarer& y) {
  auto o = obj();
  o->set("id", y.id);
  o->set("given_name", y.givenName);
  o->set("family_name", y.familyName);
  o->set("preferred_name", y.preferredName);
  o->set("date_of_birth", formatIsoDate(y.dateOfBirth));
  o->set("gender", y.gender);
  o->set("ethnicity", y.ethnicity);
  o->set("address", y.address);
  o->set("postcode", y.postcode);
  o->set("school_urn", y.schoolUrn);
  o->set("gp_practice_ods", y.gpPracticeOds);
  o->set("nhs_number", y.nhsNumber);
  o->set("communication_needs", y.communicationNeeds);
  o->set("young_adult_carer", y.youngAdultCarer);
  if (y.mergedInto)
    o->set("merged_into", *y.mergedInto);
  else
    o->set("merged_into", Poco::Dynamic::Var());
  o->set("created_at", formatIsoTimestamp(y.createdAt));
  o->set("updated_at", formatIsoTimestamp(y.updatedAt));
  o->set("anonymised_at",
         y.anonymisedAt ? Poco::Dynamic::Var(formatIsoTimestamp(*y.anonymisedAt)) : Poco::Dynamic::Var());
  return o;
}

namespace {

Object::Ptr referralJson(const ReferralView& v, bool detail) {
  auto o = obj();
  o->set("reference", v.referral.reference);
  o->set("status", v.status);
  o->set("received_at", formatIsoTimestamp(v.referral.receivedAt));
  o->set("route", std::string(toString(v.referral.route)));
  if (detail) {
    o->set("young_carer_id", v.referral.youngCarerId);
    o->set("case_id", v.referral.caseId ? Poco::Dynamic::Var(*v.referral.caseId) : Poco::Dynamic::Var());
    o->set("organisation_id", v.referral.organisationId);
    o->set("caring_summary", v.referral.caringSummary);
    o->set("safeguarding_concern", v.referral.safeguardingConcern);
    o->set("young_person_aware", v.referral.youngPersonAware);
    o->set("parent_aware", v.referral.parentAware);
  }
  return o;
}

// ---------------- request parsing ----------------

YoungPersonInput readYoungPerson(JsonInput& in) {
  YoungPersonInput y;
  y.givenName = in.string("given_name");
  y.familyName = in.string("family_name");
  y.preferredName = in.string("preferred_name");
  y.dateOfBirth = in.string("date_of_birth");
  y.postcode = in.string("postcode");
  y.address = in.string("address");
  y.schoolUrn = in.string("school_urn");
  y.gpPracticeOds = in.string("gp_practice_ods");
  y.nhsNumber = in.string("nhs_number");
  y.gender = in.string("gender");
  y.ethnicity = in.string("ethnicity");
  y.communicationNeeds = in.string("communication_needs");
  y.youngAdultCarer = in.boolean("young_adult_carer");
  in.rejectUnknown();
  return y;
}

// PATCH /api/v1/young-carers/{id}: a correction, which may say why (a rectification request, UK GDPR
// Article 16); the reason is kept in the audit entry.
Response correctYoungCarer(Register& reg, RequestContext& ctx, Id id) {
  auto input = readBody<std::pair<YoungPersonInput, std::string>>(ctx, [](JsonInput& in) {
    auto reason = in.string("reason").value_or("");
    return std::pair{readYoungPerson(in), reason};
  });
  if (!input) return Response::problem(input.error());
  return okOr<YoungCarer>(reg.updateYoungCarer(ctx.who(), id, input->first, input->second), 200,
                          youngCarerJson);
}

// Parses the body and applies `read`; returns the first problem (malformed JSON, wrong types, unknown
// fields).
Result<ReferralInput> readReferral(const RequestContext& ctx) {
  auto parsed = parseJsonObject(ctx.body);
  if (!parsed) return parsed.error();
  FieldErrors shapeErrors;
  JsonInput root(parsed.value(), "", shapeErrors);
  auto read = [](JsonInput& in) {
    ReferralInput r;
    if (auto yp = in.object("young_person", true)) {
      JsonInput ypIn(yp, "young_person", in.errors());
      r.youngPerson = readYoungPerson(ypIn);
    }
    r.caringSummary = in.string("caring_summary", true).value_or("");
    if (auto people = in.array("cared_for")) {
      for (std::size_t i = 0; i < people->size(); ++i) {
        std::string prefix = "cared_for[" + std::to_string(i) + "]";
        auto item = people->getObject(static_cast<unsigned>(i));
        if (!item) {
          in.errors().add(prefix, "wrong_type", "Each person cared for must be an object");
          continue;
        }
        JsonInput p(item, prefix, in.errors());
        CaredForInput c;
        c.relationship = p.string("relationship", true).value_or("");
        c.conditions = p.stringArray("conditions");
        c.livesWithYoungCarer = p.boolean("lives_with_young_carer");
        c.knownToAdultSocialCare = p.boolean("known_to_adult_social_care");
        c.adultSocialCareReference = p.string("adult_social_care_reference").value_or("");
        if (auto sameAs = p.integer("same_as_cared_for_person"))
          c.sameAsCaredForPerson = static_cast<Id>(*sameAs);
        p.rejectUnknown();
        r.caredFor.push_back(std::move(c));
      }
    }
    r.youngPersonAware = in.boolean("young_person_aware");
    r.parentAware = in.boolean("parent_aware");
    r.safeguardingConcern = in.boolean("safeguarding_concern").value_or(false);
    r.safeguardingDetail = in.string("safeguarding_detail").value_or("");
    r.receivedAt = in.string("received_at");
    in.rejectUnknown();
    return r;
  };
  ReferralInput input = read(root);
  // Shape problems travel with the input so the use case reports them with its own findings.
  input.inputErrors = shapeErrors.all();
  return input;
}

Response health(const ServiceChecks& checks) {
  auto ok = checks.health();
  auto o = obj();
  o->set("status", ok ? "ok" : "unavailable");
  o->set("database", ok ? "ok" : "unavailable");
  return Response::json(ok ? 200 : 503, o);
}

// Readiness, for a load balancer or orchestrator: 503 until the database answers and its schema is the
// one this binary was built for (a pending `ycr migrate`).
Response readiness(const ServiceChecks& checks) {
  auto r = checks.readiness();
  auto o = obj();
  o->set("status", r.ready() ? "ok" : "unavailable");
  o->set("database", r.database ? "ok" : "unavailable");
  o->set("migrations", !r.database                                  ? "unknown"
                       : r.schemaVersion == r.expectedSchemaVersion ? "current"
                                                                    : "pending");
  return Response::json(r.ready() ? 200 : 503, o);
}

// The binary's version and the database's schema version.
Response versions(const ServiceChecks& checks) {
  auto r = checks.readiness();
  if (!r.database) return Response::problem(DomainError::unavailable("The database does not answer"));
  auto o = obj();
  o->set("name", "ycr");
  o->set("version", version());
  o->set("schema_version", r.schemaVersion);
  return Response::json(200, o);
}

}  // namespace

void addApiRoutes(Router& router, Register& reg, Authenticator& auth, const ServiceChecks& checks) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});
  const auto referrers = Access::only({Role::referrer, Role::caseworker, Role::team_manager});

  router.add({"GET", "/healthz", "healthz", Access::publicRoute(),
              [&checks](RequestContext&) { return health(checks); }});
  router.add({"GET", "/readyz", "readyz", Access::publicRoute(),
              [&checks](RequestContext&) { return readiness(checks); }});
  router.add({"GET", "/api/v1/version", "version", Access::publicRoute(),
              [&checks](RequestContext&) { return versions(checks); }});
  router.add({"GET", "/api/v1/openapi.json", "openapi", Access::publicRoute(), [](RequestContext&) {
                return Response{200, "application/json", openApiDocument(), {}};
              }});

  // ---- sessions ----
  router.add({"POST", "/api/v1/sessions", "session.create", Access::publicRoute(),
              [&auth](RequestContext& ctx) {
                struct Creds {
                  std::string username, password;
                };
                auto creds = readBody<Creds>(ctx, [](JsonInput& in) {
                  Creds c{in.string("username", true).value_or(""), in.string("password", true).value_or("")};
                  in.rejectUnknown();
                  return c;
                });
                if (!creds) return Response::problem(creds.error());
                auto signedIn = auth.signIn(creds->username, creds->password, ctx.clientAddress);
                if (!signedIn) return Response::problem(signedIn.error());
                auto o = obj();
                o->set("token", signedIn->token);
                o->set("expires_at", formatIsoTimestamp(signedIn->expiresAt));
                // What the session must do before anything else (accounts.h); "none" for most.
                o->set("next_step", std::string(stepName(accountStep(signedIn->principal))));
                auto user = obj();
                user->set("id", signedIn->principal.userId);
                user->set("username", signedIn->principal.username);
                user->set("role", std::string(toString(signedIn->principal.role)));
                user->set("organisation_id", signedIn->principal.organisationId);
                user->set("organisation_name", signedIn->principal.organisationName);
                o->set("user", user);
                return Response::json(201, o);
              },
              true});
  router.add({"DELETE", "/api/v1/sessions/current", "session.delete", Access::signedIn(),
              [&auth](RequestContext& ctx) {
                if (auto s = auth.signOut(ctx.who()); !s) return Response::problem(s.error());
                return Response::noContent();
              },
              false, true});

  // ---- young carers ----
  router.add({"POST", "/api/v1/young-carers", "young_carer.create", staff,
              [&reg](RequestContext& ctx) {
                auto input = readBody<YoungPersonInput>(ctx, readYoungPerson);
                if (!input) return Response::problem(input.error());
                auto yc = reg.registerYoungCarer(ctx.who(), *input);
                if (!yc) return Response::problem(yc.error());
                Response r = Response::json(201, youngCarerJson(*yc));
                r.headers.emplace_back("Location", "/api/v1/young-carers/" + std::to_string(yc->id));
                return r;
              },
              true});
  router.add({"GET", "/api/v1/young-carers", "young_carer.search", staff, [&reg](RequestContext& ctx) {
                auto limit = intQuery(ctx, "limit", 20, 1, 100);
                if (!limit) return Response::problem(limit.error());
                auto offset = intQuery(ctx, "offset", 0, 0, 1000000);
                if (!offset) return Response::problem(offset.error());
                YoungCarerQuery query;
                query.text = ctx.queryValue("q");
                query.limit = *limit;
                query.offset = *offset;
                auto page = reg.findYoungCarers(ctx.who(), query);
                if (!page) return Response::problem(page.error());
                Array::Ptr items = new Array;
                for (const auto& y : page->items) items->add(youngCarerJson(y));
                return Response::json(200, pageJson(items, page->total, *limit, *offset));
              }});
  // The same search with the words in the body: names in a query string reach proxies' and
  // browsers' logs and histories, a body does not. The pages use this one.
  router.add({"POST", "/api/v1/young-carers/search", "young_carer.search_by_post", staff,
              [&reg](RequestContext& ctx) {
                struct Search {
                  std::string q;
                  long long limit = 20, offset = 0;
                };
                auto search = readBody<Search>(ctx, [](JsonInput& in) {
                  Search s;
                  s.q = in.string("q", true).value_or("");
                  s.limit = in.integer("limit").value_or(20);
                  s.offset = in.integer("offset").value_or(0);
                  if (s.limit < 1 || s.limit > 100)
                    in.errors().add(in.path("limit"), "out_of_range", "limit must be from 1 to 100");
                  if (s.offset < 0 || s.offset > 1000000)
                    in.errors().add(in.path("offset"), "out_of_range", "offset must be from 0 to 1000000");
                  in.rejectUnknown();
                  return s;
                });
                if (!search) return Response::problem(search.error());
                YoungCarerQuery query;
                query.text = search->q;
                query.limit = static_cast<int>(search->limit);
                query.offset = static_cast<int>(search->offset);
                auto page = reg.findYoungCarers(ctx.who(), query);
                if (!page) return Response::problem(page.error());
                Array::Ptr items = new Array;
                for (const auto& y : page->items) items->add(youngCarerJson(y));
                return Response::json(200, pageJson(items, page->total, query.limit, query.offset));
              },
              true});
  router.add({"GET", "/api/v1/young-carers/{id}", "young_carer.read", staff,
              withId([&reg](RequestContext& ctx, Id id) {
                return okOr<YoungCarer>(reg.youngCarer(ctx.who(), id), 200, youngCarerJson);
              })});
  router.add({"PATCH", "/api/v1/young-carers/{id}", "young_carer.update",
              Access::only({Role::caseworker, Role::team_manager, Role::auditor}),
              withId([&reg](RequestContext& ctx, Id id) { return correctYoungCarer(reg, ctx, id); }), true});

  // ---- referrals ----
  router.add({"POST", "/api/v1/referrals", "referral.create", referrers,
              [&reg](RequestContext& ctx) {
                auto input = readReferral(ctx);
                if (!input) return Response::problem(input.error());
                auto receipt = reg.submitReferral(ctx.who(), *input);
                if (!receipt) return Response::problem(receipt.error());
                auto o = obj();
                o->set("reference", receipt->reference);
                o->set("status", receipt->status);
                o->set("received_at", formatIsoTimestamp(receipt->receivedAt));
                o->set("decision_due", formatIsoDate(receipt->decisionDue));
                // Whether the child was already known is for case staff, not for the referrer.
                if (policy::seesReferralDetail(ctx.who())) {
                  auto known = obj();
                  known->set("outcome", receipt->identity);
                  known->set("reason", receipt->identityReason);
                  known->set("young_carer_id", static_cast<Poco::Int64>(receipt->referral.youngCarerId));
                  Array::Ptr possible = new Array;
                  for (auto id : receipt->possibleMatches) possible->add(static_cast<Poco::Int64>(id));
                  known->set("possible_matches", possible);
                  o->set("identity", known);
                }
                Response r = Response::json(201, o);
                r.headers.emplace_back("Location", "/api/v1/referrals/" + receipt->reference);
                return r;
              },
              true});
  router.add({"GET", "/api/v1/referrals", "referral.list", referrers, [&reg](RequestContext& ctx) {
                auto limit = intQuery(ctx, "limit", 50, 1, 200);
                if (!limit) return Response::problem(limit.error());
                auto offset = intQuery(ctx, "offset", 0, 0, 10000000);
                if (!offset) return Response::problem(offset.error());
                auto page = reg.referrals(ctx.who(), *limit, *offset);
                if (!page) return Response::problem(page.error());
                bool detail = ctx.who().role != Role::referrer;
                Array::Ptr items = new Array;
                for (const auto& v : page->items) items->add(referralJson(v, detail));
                return Response::json(200, pageJson(items, page->total, *limit, *offset));
              }});
  router.add({"GET", "/api/v1/referrals/{ref}", "referral.read", referrers, [&reg](RequestContext& ctx) {
                auto v = reg.referral(ctx.who(), ctx.params.at("ref"));
                if (!v) return Response::problem(v.error());
                return Response::json(200, referralJson(*v, ctx.who().role != Role::referrer));
              }});
}

}  // namespace ycr::services
