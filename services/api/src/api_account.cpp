// A person's own account over the API: who they are and what their session must do first, their
// password, their sessions and their second factor. Thin over Accounts (accounts.h).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/accounts.h"
#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

struct PasswordChange {
  std::string current, replacement;
};
struct CodeInput {
  std::string secret, code;
};

// The caller's own account: who they are, what they must do next, their second factor.
Object::Ptr signedInAccountJson(const Principal& who, Accounts& accounts) {
  Object::Ptr j = new Object;
  j->set("id", who.userId);
  j->set("username", who.username);
  j->set("display_name", who.displayName);
  j->set("role", std::string(toString(who.role)));
  j->set("organisation_id", who.organisationId);
  j->set("next_step", std::string(stepName(accountStep(who))));
  j->set("must_change_password", who.mustChangePassword);
  Object::Ptr f = new Object;
  f->set("required", who.secondFactorRequired);
  f->set("enrolled", who.secondFactorEnrolled);
  f->set("pending", who.secondFactorPending && who.secondFactorEnrolled);
  f->set("recovery_codes_left", who.secondFactorEnrolled ? accounts.recoveryCodesLeft(who) : 0);
  j->set("second_factor", f);
  return j;
}

}  // namespace

void addAccountRoutes(Router& router, Accounts& accounts) {
  const auto anyone = Access::signedIn();
  router.add({"GET", "/api/v1/account", "account.show", anyone,
              [&accounts](RequestContext& ctx) {
                return Response::json(200, signedInAccountJson(ctx.who(), accounts));
              },
              false, true});
  router.add({"POST", "/api/v1/account/password", "account.password", anyone,
              [&accounts](RequestContext& ctx) {
                auto input = readBody<PasswordChange>(ctx, [](JsonInput& in) {
                  PasswordChange p;
                  p.current = in.string("current_password", true).value_or("");
                  p.replacement = in.string("new_password", true).value_or("");
                  in.rejectUnknown();
                  return p;
                });
                if (!input) return Response::problem(input.error());
                if (auto s = accounts.changePassword(ctx.who(), input->current, input->replacement); !s)
                  return Response::problem(s.error());
                return Response::noContent();
              },
              true, true});
  router.add(
      {"GET", "/api/v1/account/sessions", "account.sessions", anyone, [&accounts](RequestContext& ctx) {
         Array::Ptr items = new Array;
         for (const auto& s : accounts.sessions(ctx.who())) {
           Object::Ptr j = new Object;
           j->set("id", s.id);
           j->set("created_at", formatIsoTimestamp(s.createdAt));
           j->set("last_seen_at", formatIsoTimestamp(s.lastSeenAt));
           j->set("expires_at", formatIsoTimestamp(s.expiresAt));
           j->set("current", s.current);
           items->add(j);
         }
         Object::Ptr j = new Object;
         j->set("items", items);
         j->set("total", static_cast<std::int64_t>(items->size()));
         return Response::json(200, j);
       }});
  router.add({"DELETE", "/api/v1/account/sessions/{id}", "account.sessions.end", anyone,
              withId([&accounts](RequestContext& ctx, Id id) {
                if (auto s = accounts.endSession(ctx.who(), id); !s) return Response::problem(s.error());
                return Response::noContent();
              })});
  router.add({"POST", "/api/v1/account/second-factor/enrolment", "account.second_factor.begin", anyone,
              [&accounts](RequestContext& ctx) {
                auto e = accounts.beginEnrolment(ctx.who());
                if (!e) return Response::problem(e.error());
                Object::Ptr j = new Object;
                j->set("secret", e->secret);
                j->set("otpauth_uri", e->uri);
                j->set("qr_svg", e->qrSvg);
                return Response::json(200, j);
              },
              false, true});
  router.add({"PUT", "/api/v1/account/second-factor", "account.second_factor.confirm", anyone,
              [&accounts](RequestContext& ctx) {
                auto input = readBody<CodeInput>(ctx, [](JsonInput& in) {
                  CodeInput c;
                  c.secret = in.string("secret", true).value_or("");
                  c.code = in.string("code", true).value_or("");
                  in.rejectUnknown();
                  return c;
                });
                if (!input) return Response::problem(input.error());
                auto codes = accounts.confirmEnrolment(ctx.who(), input->secret, input->code);
                if (!codes) return Response::problem(codes.error());
                Array::Ptr items = new Array;
                for (const auto& c : *codes) items->add(c);
                Object::Ptr j = new Object;
                j->set("recovery_codes", items);
                return Response::json(200, j);
              },
              true, true});
  router.add({"POST", "/api/v1/sessions/current/second-factor", "session.second_factor", anyone,
              [&accounts](RequestContext& ctx) {
                auto input = readBody<CodeInput>(ctx, [](JsonInput& in) {
                  CodeInput c;
                  c.code = in.string("code", true).value_or("");
                  in.rejectUnknown();
                  return c;
                });
                if (!input) return Response::problem(input.error());
                if (auto s = accounts.giveSecondFactor(ctx.who(), input->code); !s)
                  return Response::problem(s.error());
                return Response::noContent();
              },
              true, true});
}

}  // namespace ycr::services
