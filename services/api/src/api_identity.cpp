// The identity routes: the match review queue, merging two records and undoing a merge. Thin
// handlers over Identity (identity.h).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Poco::Dynamic::Var parsedJson(const std::string& text) {
  try {
    return Poco::JSON::Parser().parse(text);
  } catch (const Poco::Exception&) {
    return Poco::Dynamic::Var();
  }
}

Object::Ptr matchJson(const MatchView& v) {
  Object::Ptr o = new Object;
  o->set("id", v.review.id);
  o->set("status", std::string(toString(v.review.status)));
  o->set("score", v.review.score);
  o->set("source", v.review.source);
  o->set("young_carer", youngCarerJson(v.youngCarer));
  o->set("candidate", youngCarerJson(v.candidate));
  o->set("evidence", parsedJson(v.review.evidenceJson));
  o->set("cautions", parsedJson(v.review.cautionsJson));
  o->set("created_at", formatIsoTimestamp(v.review.createdAt));
  o->set("decided_at", optTime(v.review.decidedAt));
  o->set("decided_by", optId(v.review.decidedBy));
  o->set("decision_reason", v.review.decisionReason);
  o->set("merge_id", optId(v.review.mergeId));
  return o;
}

Array::Ptr identityRowsJson(const std::vector<RowImage>& rows) {
  Array::Ptr a = new Array;
  for (const auto& r : rows) {
    Object::Ptr o = new Object;
    o->set("table", r.table);
    o->set("id", r.id);
    a->add(o);
  }
  return a;
}

Object::Ptr mergeJson(const MergeView& v) {
  Object::Ptr o = new Object;
  o->set("id", v.merge.id);
  o->set("survivor", youngCarerJson(v.survivor));
  o->set("absorbed", youngCarerJson(v.absorbed));
  o->set("merged_at", formatIsoTimestamp(v.merge.mergedAt));
  o->set("merged_by", v.merge.mergedBy);
  o->set("reason", v.merge.reason);
  o->set("rows_changed", identityRowsJson(v.merge.before));
  Array::Ptr cards = new Array;
  for (const auto& c : v.merge.revokedCards) cards->add(c);
  o->set("revoked_cards", cards);
  o->set("undone_at", optTime(v.merge.undoneAt));
  o->set("undone_by", optId(v.merge.undoneBy));
  return o;
}

// Every identity decision says why, for the next person who reads the record.
std::string requiredReason(JsonInput& in) {
  auto reason = in.string("reason", true);
  if (reason && reason->find_first_not_of(" \t\r\n") == std::string::npos)
    in.errors().add("reason", "required", "Say why, for the next person who reads these records");
  if (reason && reason->size() > 2000)
    in.errors().add("reason", "too_long", "Keep the reason under 2,000 characters");
  return reason.value_or("");
}

struct Decision {
  bool sameChild = false;
  std::string reason;
  std::optional<Id> survivor;
};

struct MergeRequest {
  Id otherId = 0;
  std::string reason;
};

}  // namespace

void addIdentityRoutes(Router& router, Identity& identity) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});

  router.add({"GET", "/api/v1/matches", "match.list", staff, [&identity](RequestContext& ctx) {
                auto limit = intQuery(ctx, "limit", 50, 1, 200);
                if (!limit) return Response::problem(limit.error());
                auto offset = intQuery(ctx, "offset", 0, 0, 10000000);
                if (!offset) return Response::problem(offset.error());
                MatchReviewQuery query;
                query.limit = *limit;
                query.offset = *offset;
                if (auto status = ctx.queryValue("status"); status == "all") {
                  query.status.reset();
                } else if (!status.empty()) {
                  query.status = parseEnum<MatchReviewStatus>(status);
                  if (!query.status)
                    return Response::problem(
                        DomainError::field("status", "invalid_choice",
                                           "status must be pending, confirmed, rejected, withdrawn or all"));
                }
                if (auto yc = ctx.queryValue("young_carer_id"); !yc.empty()) {
                  auto id = intQuery(ctx, "young_carer_id", 0, 1, 999999999);
                  if (!id) return Response::problem(id.error());
                  query.youngCarerId = *id;
                }
                auto page = identity.matches(ctx.who(), query);
                if (!page) return Response::problem(page.error());
                Array::Ptr items = new Array;
                for (const auto& m : page->items) items->add(matchJson(m));
                return Response::json(200, pageJson(items, page->total, *limit, *offset));
              }});
  router.add(
      {"GET", "/api/v1/matches/{id}", "match.read", staff, withId([&identity](RequestContext& ctx, Id id) {
         auto view = identity.match(ctx.who(), id);
         if (!view) return Response::problem(view.error());
         return Response::json(200, matchJson(*view));
       })});
  router.add({"POST", "/api/v1/matches/{id}/decision", "match.decide", staff,
              withId([&identity](RequestContext& ctx, Id id) {
                auto decision = readBody<Decision>(ctx, [](JsonInput& in) {
                  Decision d;
                  d.sameChild = in.boolean("same_child", true).value_or(false);
                  d.reason = requiredReason(in);
                  if (auto s = in.integer("survivor_id")) d.survivor = static_cast<Id>(*s);
                  in.rejectUnknown();
                  return d;
                });
                if (!decision) return Response::problem(decision.error());
                auto view =
                    identity.decide(ctx.who(), id, decision->sameChild, decision->reason, decision->survivor);
                if (!view) return Response::problem(view.error());
                return Response::json(200, matchJson(*view));
              }),
              true});
  router.add({"POST", "/api/v1/young-carers/{id}/merge", "young_carer.merge", staff,
              withId([&identity](RequestContext& ctx, Id id) {
                auto request = readBody<MergeRequest>(ctx, [](JsonInput& in) {
                  MergeRequest m;
                  m.otherId = static_cast<Id>(in.integer("other_id", true).value_or(0));
                  m.reason = requiredReason(in);
                  in.rejectUnknown();
                  return m;
                });
                if (!request) return Response::problem(request.error());
                auto merged = identity.merge(ctx.who(), id, request->otherId, request->reason);
                if (!merged) return Response::problem(merged.error());
                Response r = Response::json(201, mergeJson(*merged));
                r.headers.emplace_back("Location", "/api/v1/merges/" + std::to_string(merged->merge.id));
                return r;
              }),
              true});
  router.add(
      {"GET", "/api/v1/merges/{id}", "merge.read", staff, withId([&identity](RequestContext& ctx, Id id) {
         auto view = identity.mergeRecord(ctx.who(), id);
         if (!view) return Response::problem(view.error());
         return Response::json(200, mergeJson(*view));
       })});
  router.add({"POST", "/api/v1/merges/{id}/undo", "merge.undo", staff,
              withId([&identity](RequestContext& ctx, Id id) {
                auto reason = readBody<std::string>(ctx, [](JsonInput& in) {
                  auto r = requiredReason(in);
                  in.rejectUnknown();
                  return r;
                });
                if (!reason) return Response::problem(reason.error());
                auto view = identity.undo(ctx.who(), id, *reason);
                if (!view) return Response::problem(view.error());
                return Response::json(200, mergeJson(*view));
              }),
              true});
}

}  // namespace ycr::services
