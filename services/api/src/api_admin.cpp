// Administrators' and auditors' routes: thin handlers that parse, call one Administration use
// case and map the result. Responses carry accounts, never password hashes.

#include "ycr/services/api_admin.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr accountJson(const Account& a) {
  Object::Ptr j = new Object;
  j->set("id", a.id);
  j->set("username", a.username);
  j->set("display_name", a.displayName);
  j->set("role", std::string(toString(a.role)));
  j->set("organisation_id", a.organisationId);
  j->set("active", a.active);
  j->set("created_at", formatIsoTimestamp(a.createdAt));
  j->set("second_factor_enrolled", a.secondFactorEnrolled);
  return j;
}

// The one response that carries a password: shown once, to the administrator who asked.
Response withPassword(int status, const AccountWithPassword& a) {
  Object::Ptr j = new Object;
  j->set("user", accountJson(a.account));
  j->set("one_time_password",
         a.oneTimePassword.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(a.oneTimePassword));
  Response r = Response::json(status, j);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

OrganisationInput readOrganisation(JsonInput& in) {
  OrganisationInput o;
  o.kind = in.string("kind", true);
  o.name = in.string("name", true);
  o.identifier = in.string("identifier");
  o.district = in.string("district");
  o.noticesEmail = in.string("notices_email");
  in.rejectUnknown();
  return o;
}

UserInput readUser(JsonInput& in) {
  UserInput u;
  u.username = in.string("username", true);
  u.displayName = in.string("display_name", true);
  u.role = in.string("role", true);
  u.organisationId = in.integer("organisation_id", true);
  u.password = in.string("password");
  in.rejectUnknown();
  return u;
}

}  // namespace

Object::Ptr organisationJson(const Organisation& o) {
  Object::Ptr j = new Object;
  j->set("id", o.id);
  j->set("kind", std::string(toString(o.kind)));
  j->set("name", o.name);
  j->set("identifier", o.identifier);
  j->set("district", o.district);
  j->set("notices_email", o.noticesEmail);
  j->set("active", o.active);
  j->set("created_at", formatIsoTimestamp(o.createdAt));
  return j;
}

Object::Ptr auditEventJson(const AuditEvent& e) {
  Object::Ptr j = new Object;
  j->set("seq", e.seq);
  j->set("at", formatIsoTimestamp(e.at));
  j->set("actor_user_id", optId(e.actorUserId));
  j->set("actor_organisation_id", optId(e.actorOrganisationId));
  j->set("action", e.action);
  j->set("record_type", e.recordType);
  j->set("record_id", e.recordId);
  j->set("outcome", e.outcome);
  j->set("reason", e.reason);
  j->set("detail", e.detail);
  j->set("hash", e.hash);
  return j;
}

void addAdminRoutes(Router& router, Administration& administration) {
  const auto admins = Access::only({Role::admin});
  const auto auditors = Access::only({Role::auditor});

  // ---- organisations ----
  router.add(
      {"GET", "/api/v1/organisations", "organisation.list", admins, [&administration](RequestContext& ctx) {
         auto list = administration.organisations(ctx.who());
         if (!list) return Response::problem(list.error());
         Array::Ptr items = new Array;
         for (const auto& o : *list) items->add(organisationJson(o));
         Object::Ptr j = new Object;
         j->set("items", items);
         j->set("total", static_cast<std::int64_t>(list->size()));
         return Response::json(200, j);
       }});
  router.add({"POST", "/api/v1/organisations", "organisation.create", admins,
              [&administration](RequestContext& ctx) {
                auto input = readBody<OrganisationInput>(ctx, readOrganisation);
                if (!input) return Response::problem(input.error());
                auto org = administration.createOrganisation(ctx.who(), *input);
                if (!org) return Response::problem(org.error());
                Response r = Response::json(201, organisationJson(*org));
                r.headers.emplace_back("Location", "/api/v1/organisations/" + std::to_string(org->id));
                return r;
              },
              true});
  router.add({"POST", "/api/v1/organisations/{id}/deactivate", "organisation.deactivate", admins,
              withId([&administration](RequestContext& ctx, Id id) {
                auto org = administration.deactivateOrganisation(ctx.who(), id);
                if (!org) return Response::problem(org.error());
                return Response::json(200, organisationJson(*org));
              })});

  // ---- accounts ----
  router.add({"GET", "/api/v1/users", "user.list", admins, [&administration](RequestContext& ctx) {
                auto list = administration.accounts(ctx.who());
                if (!list) return Response::problem(list.error());
                Array::Ptr items = new Array;
                for (const auto& a : *list) items->add(accountJson(a));
                Object::Ptr j = new Object;
                j->set("items", items);
                j->set("total", static_cast<std::int64_t>(list->size()));
                return Response::json(200, j);
              }});
  router.add({"POST", "/api/v1/users", "user.create", admins,
              [&administration](RequestContext& ctx) {
                auto input = readBody<UserInput>(ctx, readUser);
                if (!input) return Response::problem(input.error());
                auto created = administration.createAccount(ctx.who(), *input);
                if (!created) return Response::problem(created.error());
                Response r = withPassword(201, *created);
                r.headers.emplace_back("Location", "/api/v1/users/" + std::to_string(created->account.id));
                return r;
              },
              true});
  router.add({"POST", "/api/v1/users/{id}/deactivate", "user.deactivate", admins,
              withId([&administration](RequestContext& ctx, Id id) {
                auto account = administration.deactivateAccount(ctx.who(), id);
                if (!account) return Response::problem(account.error());
                return Response::json(200, accountJson(*account));
              })});
  router.add({"POST", "/api/v1/users/{id}/reset-password", "user.reset_password", admins,
              withId([&administration](RequestContext& ctx, Id id) {
                auto reset = administration.resetPassword(ctx.who(), id);
                if (!reset) return Response::problem(reset.error());
                return withPassword(200, *reset);
              })});
  router.add({"POST", "/api/v1/users/{id}/reset-second-factor", "user.reset_second_factor", admins,
              withId([&administration](RequestContext& ctx, Id id) {
                auto account = administration.resetSecondFactor(ctx.who(), id);
                if (!account) return Response::problem(account.error());
                return Response::json(200, accountJson(*account));
              })});

  // ---- the audit trail ----
  router.add({"GET", "/api/v1/audit", "audit.read", auditors, [&administration](RequestContext& ctx) {
                AuditFilter f{ctx.queryValue("record_type"), ctx.queryValue("record"),
                              ctx.queryValue("actor"),       ctx.queryValue("from"),
                              ctx.queryValue("to"),          ctx.queryValue("limit"),
                              ctx.queryValue("offset")};
                auto page = administration.readAudit(ctx.who(), f);
                if (!page) return Response::problem(page.error());
                Array::Ptr items = new Array;
                for (const auto& e : page->items) items->add(auditEventJson(e));
                Object::Ptr j = new Object;
                j->set("items", items);
                j->set("total", page->total);
                j->set("limit", page->limit);
                j->set("offset", page->offset);
                return Response::json(200, j);
              }});
}

}  // namespace ycr::services
