// GET /api/v1/notices: the outbox of notices to other organisations, for administrators running
// the service (what is pending, sent or failed, and why); PUT /api/v1/organisations/{id}/notices-email:
// where an organisation's notices go. A notice's text carries no child's details
// (notices.h), so neither does this.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_admin.h"
#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr noticeJson(const Notice& n) {
  Object::Ptr j = new Object;
  j->set("id", n.id);
  j->set("kind", n.kind);
  j->set("recipient_organisation_id",
         n.recipientOrganisationId ? Poco::Dynamic::Var(*n.recipientOrganisationId) : Poco::Dynamic::Var());
  j->set("address", n.address);
  j->set("subject", n.subject);
  j->set("created_at", formatIsoTimestamp(n.createdAt));
  j->set("status", std::string(toString(n.status)));
  j->set("attempts", n.attempts);
  j->set("next_attempt_at", optTime(n.nextAttemptAt));
  j->set("sent_at", optTime(n.sentAt));
  j->set("last_error", n.lastError);
  return j;
}

Response setNoticesEmail(Administration& administration, RequestContext& ctx, Id id) {
  auto address = readBody<std::string>(ctx, [](JsonInput& in) {
    auto email = in.string("notices_email", true);
    in.rejectUnknown();
    return email.value_or("");
  });
  if (!address) return Response::problem(address.error());
  return okOr<Organisation>(administration.setNoticesEmail(ctx.who(), id, *address), 200, organisationJson);
}

Response listNotices(Administration& administration, RequestContext& ctx) {
  auto limit = intQuery(ctx, "limit", 50, 1, 500);
  if (!limit) return Response::problem(limit.error());
  auto offset = intQuery(ctx, "offset", 0, 0, 1000000000);
  if (!offset) return Response::problem(offset.error());
  auto page = administration.notices(ctx.who(), *limit, *offset);
  if (!page) return Response::problem(page.error());
  Array::Ptr items = new Array;
  for (const auto& n : page->items) items->add(noticeJson(n));
  return Response::json(200, pageJson(items, page->total, *limit, *offset));
}

}  // namespace

void addNoticeRoutes(Router& router, Administration& administration) {
  router.add({"GET", "/api/v1/notices", "notice.list", Access::only({Role::admin}),
              [&administration](RequestContext& ctx) { return listNotices(administration, ctx); }});
  router.add({"PUT", "/api/v1/organisations/{id}/notices-email", "organisation.notices_email",
              Access::only({Role::admin}), withId([&administration](RequestContext& ctx, Id id) {
                return setNoticesEmail(administration, ctx, id);
              }),
              true});
}

}  // namespace ycr::services
