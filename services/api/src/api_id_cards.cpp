// The ID card routes: thin handlers over IdCards (id_cards.h). /verify/{token} is public and
// answers the same way for every token that is not a genuine, known card.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Poco::Dynamic::Var nullable(const std::optional<std::string>& s) {
  return s ? Poco::Dynamic::Var(*s) : Poco::Dynamic::Var();
}

Array::Ptr sharingJson(const std::vector<SharingArea>& areas) {
  Array::Ptr a = new Array;
  for (auto area : areas) a->add(std::string(toString(area)));
  return a;
}

Object::Ptr cardJson(const CardView& v) {
  Object::Ptr o = new Object;
  o->set("number", v.card.number);
  o->set("number_printed", formatCardNumberForPrint(v.card.number).value_or(v.card.number));
  o->set("young_carer_id", v.card.youngCarerId);
  o->set("issued", formatIsoDate(v.card.issued));
  o->set("expires", formatIsoDate(v.card.expires));
  o->set("status", std::string(toString(v.effective)));
  o->set("status_reason", v.card.statusReason);
  o->set("sharing", sharingJson(v.card.sharing));
  o->set("young_carer_consent", v.card.youngCarerConsent);
  o->set("parent_consent", v.card.parentConsent);
  o->set("parent_consent_note", v.card.parentConsentNote);
  o->set("replaced_by", nullable(v.card.replacedBy));
  o->set("verify_url", v.verifyUrl);
  return o;
}

Response cardOr(const Result<CardView>& r, int status) {
  if (!r) return Response::problem(r.error());
  return Response::json(status, cardJson(*r));
}

Result<Id> youngCarerId(const RequestContext& ctx) {
  const std::string& text = ctx.params.at("id");
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::notFound("There is nothing at this address");
  return static_cast<Id>(std::stoll(text));
}

Result<Poco::JSON::Object::Ptr> bodyObject(const RequestContext& ctx) {
  return parseJsonObject(ctx.body);
}

Result<IssueCardInput> readIssue(const RequestContext& ctx) {
  auto parsed = bodyObject(ctx);
  if (!parsed) return parsed.error();
  FieldErrors errors;
  JsonInput in(parsed.value(), "", errors);
  IssueCardInput input;
  input.youngCarerConsent = in.boolean("young_carer_consent", true);
  input.parentConsent = in.string("parent_consent", true).value_or("");
  input.parentConsentNote = in.string("parent_consent_note").value_or("");
  input.sharing = in.stringArray("sharing");
  in.rejectUnknown();
  if (!errors.empty()) return errors.toError();
  return input;
}

Result<std::string> readRevokeReason(const RequestContext& ctx) {
  auto parsed = bodyObject(ctx);
  if (!parsed) return parsed.error();
  FieldErrors errors;
  JsonInput in(parsed.value(), "", errors);
  auto reason = in.string("reason", true);
  in.rejectUnknown();
  if (!errors.empty()) return errors.toError();
  return *reason;
}

Object::Ptr verificationJson(const Verification& v) {
  // Exactly these keys, always present (null when withheld), and nothing else.
  Object::Ptr o = new Object;
  o->set("result", std::string(toString(v.result)));
  o->set("preferred_name", nullable(v.preferredName));
  o->set("sharing", sharingJson(v.sharing));
  Object::Ptr issuer = new Object;
  issuer->set("name", v.issuerName);
  issuer->set("phone", v.issuerPhone);
  o->set("issuer", issuer);
  o->set("expires", v.expires ? Poco::Dynamic::Var(formatIsoDate(*v.expires)) : Poco::Dynamic::Var());
  return o;
}

// Whether the young carer wants a card: true, false, or null when not asked yet.
Poco::Dynamic::Var wantsCard(const std::optional<IdCardWish>& w) {
  return w ? Poco::Dynamic::Var(w->wantsCard) : Poco::Dynamic::Var();
}

Response recordWish(IdCards& idCards, RequestContext& ctx) {
  auto id = youngCarerId(ctx);
  if (!id) return Response::problem(id.error());
  auto wants = readBody<bool>(ctx, [](JsonInput& in) {
    auto v = in.boolean("wants_card", true);
    in.rejectUnknown();
    return v.value_or(true);
  });
  if (!wants) return Response::problem(wants.error());
  auto w = idCards.recordWish(ctx.who(), *id, *wants);
  if (!w) return Response::problem(w.error());
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("young_carer_id", *id);
  o->set("wants_card", w->wantsCard);
  o->set("recorded_at", formatIsoTimestamp(w->recordedAt));
  return Response::json(200, o);
}

// The young carer's cards, newest first, with whether they want one.
Response listCards(IdCards& idCards, RequestContext& ctx) {
  auto id = youngCarerId(ctx);
  if (!id) return Response::problem(id.error());
  auto cards = idCards.cardsFor(ctx.who(), *id);
  if (!cards) return Response::problem(cards.error());
  auto wish = idCards.wish(ctx.who(), *id);
  if (!wish) return Response::problem(wish.error());
  Array::Ptr items = new Array;
  for (const auto& c : *cards) items->add(cardJson(c));
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("young_carer_id", *id);
  o->set("wants_card", wantsCard(*wish));
  o->set("items", items);
  return Response::json(200, o);
}

bool wantsJson(const std::string& accept) {
  return accept.find("application/json") != std::string::npos;
}

}  // namespace

void addIdCardRoutes(Router& router, IdCards& idCards, RateLimiter& verifyLimiter) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});

  router.add({"POST", "/api/v1/young-carers/{id}/id-cards", "id_card.issue", staff,
              [&idCards](RequestContext& ctx) {
                auto id = youngCarerId(ctx);
                if (!id) return Response::problem(id.error());
                auto input = readIssue(ctx);
                if (!input) return Response::problem(input.error());
                auto issued = idCards.issue(ctx.who(), *id, *input);
                Response r = cardOr(issued, 201);
                if (issued)
                  r.headers.emplace_back("Location", "/api/v1/id-cards/" + issued->card.number + "/card.svg");
                return r;
              },
              true});
  router.add({"PUT", "/api/v1/young-carers/{id}/id-card-wish", "id_card.wish", staff,
              [&idCards](RequestContext& ctx) { return recordWish(idCards, ctx); }, true});
  router.add({"GET", "/api/v1/young-carers/{id}/id-cards", "id_card.list", staff,
              [&idCards](RequestContext& ctx) { return listCards(idCards, ctx); }});
  router.add(
      {"POST", "/api/v1/id-cards/{number}/renew", "id_card.renew", staff, [&idCards](RequestContext& ctx) {
         return cardOr(idCards.renew(ctx.who(), ctx.params.at("number")), 200);
       }});
  router.add(
      {"POST", "/api/v1/id-cards/{number}/lost", "id_card.lost", staff, [&idCards](RequestContext& ctx) {
         // Answers with the replacement card; the lost card now names it in replaced_by.
         return cardOr(idCards.reportLost(ctx.who(), ctx.params.at("number"), ""), 201);
       }});
  router.add({"POST", "/api/v1/id-cards/{number}/revoke", "id_card.revoke", staff,
              [&idCards](RequestContext& ctx) {
                auto reason = readRevokeReason(ctx);
                if (!reason) return Response::problem(reason.error());
                return cardOr(idCards.revoke(ctx.who(), ctx.params.at("number"), *reason), 200);
              },
              true});
  router.add(
      {"GET", "/api/v1/id-cards/{number}/card.svg", "id_card.print", staff, [&idCards](RequestContext& ctx) {
         auto svg = idCards.cardSvg(ctx.who(), ctx.params.at("number"));
         if (!svg) return Response::problem(svg.error());
         return Response{200, "image/svg+xml", std::move(svg.value()), {}};
       }});
  router.add({"GET", "/api/v1/id-cards/public-key", "id_card.public_key", Access::publicRoute(),
              [&idCards](RequestContext&) {
                const auto& signer = idCards.signer();
                Object::Ptr o = new Object;
                o->set("algorithm", "Ed25519");
                o->set("token_version", static_cast<int>(kCardTokenVersion));
                o->set("context", std::string(kCardTokenContext));
                o->set("public_key_pem", signer.publicKeyPem());
                o->set("public_key_base64", signer.publicKeyBase64());
                o->set("token_format", tokenFormatDescription());
                return Response::json(200, o);
              }});
  router.add({"GET", "/verify/{token}", "id_card.verify", Access::publicRoute(),
              [&idCards, &verifyLimiter](RequestContext& ctx) {
                if (auto wait = verifyLimiter.take(rateLimitKey(ctx.clientAddress)); wait.count() > 0) {
                  auto e =
                      DomainError::throttled("Too many cards checked from this address; try again shortly");
                  e.fields.push_back({"retry_after", "retry_after", std::to_string(wait.count())});
                  return Response::problem(e);
                }
                auto v = idCards.verify(ctx.params.at("token"));
                if (!v) return Response::problem(v.error());
                if (wantsJson(ctx.accept)) return Response::json(200, verificationJson(*v));
                Response r{200, "text/html", verificationHtml(*v), {}};
                // The page needs nothing but its own inline style: no scripts, frames or remote content.
                r.headers.emplace_back("Content-Security-Policy",
                                       "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
                                       "form-action 'none'; frame-ancestors 'none'");
                return r;
              }});
}

}  // namespace ycr::services
