// Administrators' pages for notices (notices.h): the outbox (what is pending, sent or failed, and
// why), and where an organisation's notices are emailed. The change goes through Administration,
// as PUT /api/v1/organisations/{id}/notices-email does, so the check and the audit are the same.

#include "ycr/services/administration.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string statusTag(NoticeStatus status) {
  switch (status) {
    case NoticeStatus::pending: return tag("Pending", "blue");
    case NoticeStatus::sent: return tag("Sent", "green");
    case NoticeStatus::failed: return tag("Failed", "red");
  }
  return tag("Unknown");
}

std::string organisationName(const std::vector<Organisation>& all, std::optional<Id> id) {
  for (const auto& o : all)
    if (id && o.id == *id) return o.name;
  return "Nobody";
}

Response outboxPage(WebSite& site, Administration& administration, const WebRequest& req) {
  auto orgs = administration.organisations(req.who());
  if (!orgs) return site.failurePage(req, orgs.error());
  auto page = administration.notices(req.who(), 200, 0);
  if (!page) return site.failurePage(req, page.error());
  const auto total = page->total;
  const auto& notices = page->items;
  Page p;
  p.title = "Notices";
  p.navCurrent = "/admin/organisations";
  p.wide = true;
  p.body =
      "<h1 class=\"govuk-heading-l\">Notices</h1>\n<p class=\"govuk-body\">What other organisations are "
      "told: a referral's acknowledgement, decision and closure, hand-overs, safeguarding escalations and "
      "tasks. A notice gives a reference and a status, never a child's details. Each organisation's "
      "address is on the <a class=\"govuk-link\" href=\"/admin/organisations\">organisations</a> page.</p>\n";
  TableSpec t;
  t.caption = total > 200 ? "The latest 200 of " + std::to_string(total) + " notices"
                          : std::to_string(total) + (total == 1 ? " notice" : " notices");
  t.headings = {"Written", "What", "To", "Status", "Attempts", "Last problem"};
  t.numeric = {false, false, false, false, true, false};
  for (const auto& n : notices)
    t.rowsHtml.push_back({escape(humanTimestamp(n.createdAt)), escape(n.subject),
                          escape(organisationName(*orgs, n.recipientOrganisationId)) +
                              "<br><span class=\"govuk-body-s\">" +
                              escape(n.address.empty() ? "No address" : n.address) + "</span>",
                          statusTag(n.status), std::to_string(n.attempts), escape(n.lastError)});
  p.body += notices.empty() ? "<p class=\"govuk-body\">No notices have been written yet.</p>\n" : table(t);
  return site.page(req, 200, std::move(p));
}

Response noticesEmailForm(WebSite& site, Administration& administration, const WebRequest& req, Id id,
                          int status, const PageErrors& errors, const std::optional<std::string>& entered) {
  auto orgs = administration.organisations(req.who());
  if (!orgs) return site.failurePage(req, orgs.error());
  const Organisation* org = nullptr;
  for (const auto& o : *orgs)
    if (o.id == id) org = &o;
  if (!org) return site.failurePage(req, DomainError::notFound("There is no organisation with that id"));
  Page p;
  p.title = "Notices email address for " + org->name;
  p.navCurrent = "/admin/organisations";
  p.backHref = "/admin/organisations";
  p.body = errorSummary(errors) + "<form method=\"post\" action=\"/admin/organisations/" +
           std::to_string(id) + "/notices-email\" novalidate>\n" + csrfField(req.csrfToken) +
           "<span class=\"govuk-caption-l\">" + escape(org->name) + "</span>\n" +
           textInput({.id = "notices_email",
                      .label = "Notices email address",
                      .hint = "Where this organisation is told about its referrals and tasks. Leave it empty "
                              "to stop emails: it still sees status in the service.",
                      .value = entered.value_or(org->noticesEmail),
                      .type = "email",
                      .autocomplete = "email",
                      .labelIsHeading = true,
                      .spellcheck = false},
                     errors) +
           "<div class=\"govuk-button-group\">\n" + button("Save") +
           "\n<a class=\"govuk-link\" href=\"/admin/organisations\">Cancel</a>\n</div>\n</form>\n";
  return site.page(req, status, std::move(p));
}

}  // namespace

void addNoticePages(WebSite& site, Administration& administration) {
  site.add({"GET", "/admin/notices", "web.admin.notices", kAdmins,
            [&site, &administration](WebRequest& req) { return outboxPage(site, administration, req); }});
  site.add({"GET", "/admin/organisations/{id}/notices-email", "web.admin.organisation.notices_email_form",
            kAdmins, site.withId([&site, &administration](WebRequest& req, Id id) {
              return noticesEmailForm(site, administration, req, id, 200, {}, std::nullopt);
            })});
  site.add({"POST", "/admin/organisations/{id}/notices-email", "web.admin.organisation.notices_email",
            kAdmins, site.withId([&site, &administration](WebRequest& req, Id id) {
              const std::string entered = req.form.get("notices_email");
              auto done = administration.setNoticesEmail(req.who(), id, entered);
              if (done) return redirect("/admin/organisations?notices=" + std::to_string(done->id));
              if (done.error().code != ErrorCode::validation) return site.failurePage(req, done.error());
              PageErrors errors;
              errors.addDomain(done.error());
              return noticesEmailForm(site, administration, req, id, 422, errors, entered);
            })});
}

}  // namespace ycr::services::web
