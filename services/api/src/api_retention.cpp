// The data protection routes for retention (auditor): legal holds on a record, what the schedule has
// reached, runs and their reports. Thin handlers over services/retention.h; nothing personal in the
// URLs (record and hold ids only) or the answers (ids and dates; a hold's reason is the officer's).

#include <Poco/JSON/Array.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/retention.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Result<std::string> readRetentionReason(const RequestContext& ctx) {
  return readBody<std::string>(ctx, [](JsonInput& in) {
    auto reason = in.string("reason", true).value_or("");
    in.rejectUnknown();
    return reason;
  });
}

Result<bool> readDryRun(const RequestContext& ctx) {
  if (ctx.body.empty()) return false;
  return readBody<bool>(ctx, [](JsonInput& in) {
    auto dry = in.boolean("dry_run").value_or(false);
    in.rejectUnknown();
    return dry;
  });
}

Response placeHold(Retention& retention, RequestContext& ctx, Id id) {
  auto reason = readRetentionReason(ctx);
  if (!reason) return Response::problem(reason.error());
  return okOr<LegalHold>(retention.placeHold(ctx.who(), id, *reason), 201, legalHoldJson);
}

Response listHolds(Retention& retention, RequestContext& ctx, Id id) {
  auto holds = retention.holds(ctx.who(), id);
  if (!holds) return Response::problem(holds.error());
  Array::Ptr items = new Array;
  for (const auto& h : *holds) items->add(legalHoldJson(h));
  return Response::json(200, pageJson(items, static_cast<std::int64_t>(holds->size()), 1000, 0));
}

Response releaseHold(Retention& retention, RequestContext& ctx, Id id) {
  auto reason = readRetentionReason(ctx);
  if (!reason) return Response::problem(reason.error());
  return okOr<LegalHold>(retention.releaseHold(ctx.who(), id, *reason), 200, legalHoldJson);
}

Response erase(Retention& retention, RequestContext& ctx, Id id) {
  auto reason = readRetentionReason(ctx);
  if (!reason) return Response::problem(reason.error());
  return okOr<YoungCarer>(retention.erase(ctx.who(), id, *reason), 200, youngCarerJson);
}

Response listDue(Retention& retention, RequestContext& ctx) {
  auto due = retention.due(ctx.who());
  if (!due) return Response::problem(due.error());
  Array::Ptr items = new Array;
  for (const auto& d : *due) items->add(retentionDueJson(d));
  Object::Ptr o = pageJson(items, static_cast<std::int64_t>(due->size()), retention.settings().batchLimit, 0);
  o->set("after_closure_years", retention.settings().afterClosureYears);
  o->set("until_age", retention.settings().untilAge);
  return Response::json(200, o);
}

Response startRun(Retention& retention, RequestContext& ctx) {
  auto dryRun = readDryRun(ctx);
  if (!dryRun) return Response::problem(dryRun.error());
  return okOr<RetentionReport>(retention.run(ctx.who(), *dryRun), 201, retentionReportJson);
}

Response listRuns(Retention& retention, RequestContext& ctx) {
  auto limit = intQuery(ctx, "limit", 50, 1, 500);
  if (!limit) return Response::problem(limit.error());
  auto offset = intQuery(ctx, "offset", 0, 0, 1000000000);
  if (!offset) return Response::problem(offset.error());
  auto runs = retention.runs(ctx.who(), *limit, *offset);
  if (!runs) return Response::problem(runs.error());
  Array::Ptr items = new Array;
  for (const auto& r : *runs) {
    auto parsed = parseJsonObject(r.reportJson);
    if (parsed) items->add(parsed.value());
  }
  return Response::json(200, pageJson(items, static_cast<std::int64_t>(items->size()), *limit, *offset));
}

}  // namespace

void addRetentionRoutes(Router& router, Retention& retention) {
  const auto dpo = Access::only({Role::auditor});
  router.add({"POST", "/api/v1/young-carers/{id}/legal-holds", "legal_hold.place", dpo,
              withId([&retention](RequestContext& ctx, Id id) { return placeHold(retention, ctx, id); }),
              true});
  router.add({"GET", "/api/v1/young-carers/{id}/legal-holds", "legal_hold.list", dpo,
              withId([&retention](RequestContext& ctx, Id id) { return listHolds(retention, ctx, id); })});
  router.add({"POST", "/api/v1/legal-holds/{id}/release", "legal_hold.release", dpo,
              withId([&retention](RequestContext& ctx, Id id) { return releaseHold(retention, ctx, id); }),
              true});
  router.add({"POST", "/api/v1/young-carers/{id}/erasure", "young_carer.erase", dpo,
              withId([&retention](RequestContext& ctx, Id id) { return erase(retention, ctx, id); }), true});
  router.add({"GET", "/api/v1/retention/due", "retention.due", dpo,
              [&retention](RequestContext& ctx) { return listDue(retention, ctx); }});
  router.add({"POST", "/api/v1/retention/runs", "retention.run", dpo,
              [&retention](RequestContext& ctx) { return startRun(retention, ctx); }, true});
  router.add({"GET", "/api/v1/retention/runs", "retention.runs", dpo,
              [&retention](RequestContext& ctx) { return listRuns(retention, ctx); }});
}

}  // namespace ycr::services
