// The data protection officer's pages (auditor), for answering a young person's requests: find their
// record among every service's, read where it is held and its case, export everything held (subject
// access, as HTML to print or JSON), correct it on a rectification request, place and release legal
// holds, and erase it on request. Everything goes through SubjectAccess, Register and Retention, as the
// API's routes do, so it is checked and audited alike. The search form is posted: names stay out of
// addresses and logs.

#include "ycr/core/validation.h"
#include "ycr/pathways/table.h"
#include "ycr/services/retention.h"
#include "ycr/services/subject_access.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

constexpr const char* kRecords = "/data-protection/records";

std::string recordHref(Id id) {
  return std::string(kRecords) + "/" + std::to_string(id);
}

std::string searchForm(const WebRequest& req, const PageErrors& errors) {
  return "<form method=\"post\" action=\"" + std::string(kRecords) + "\" novalidate>\n" +
         csrfField(req.csrfToken) +
         textInput(
             {.id = "q",
              .label = "Name",
              .hint = "Given or family name, as the request gives it; accents and capitals do not matter",
              .value = req.form.get("q"),
              .spellcheck = false},
             errors) +
         button("Search") + "\n</form>\n";
}

Response searchPage(WebSite& site, WebRequest& req, int status, const PageErrors& errors,
                    const std::optional<ycr::Page<YoungCarer>>& found) {
  Page p;
  p.title = "Find a young person's record";
  p.navCurrent = kRecords;
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) +
           "<h1 class=\"govuk-heading-l\">Find a young person's record</h1>\n<p class=\"govuk-body\">For a "
           "request from a young person or someone acting for them: every service's records are "
           "searched, and the search is recorded.</p>\n" +
           searchForm(req, errors);
  if (found) {
    TableSpec t;
    t.caption = std::to_string(found->items.size()) + (found->items.size() == 1 ? " record" : " records");
    t.headings = {"Record", "Name", "Date of birth", "Postcode"};
    for (const auto& y : found->items)
      t.rowsHtml.push_back(
          {"<a class=\"govuk-link\" href=\"" + recordHref(y.id) + "\">" + std::to_string(y.id) + "</a>",
           escape(fullName(y)), escape(humanDate(y.dateOfBirth)), escape(y.postcode)});
    p.body += t.rowsHtml.empty() ? "<p class=\"govuk-body\">No record matches that name.</p>\n" : table(t);
  }
  return site.page(req, status, std::move(p));
}

std::string holdsSection(const WebRequest& req, Id id, const std::vector<LegalHold>& holds,
                         const PageErrors& errors) {
  std::string h = "<h2 class=\"govuk-heading-m\">Legal holds</h2>\n";
  bool held = false;
  for (const auto& hold : holds) {
    if (hold.releasedAt) continue;
    held = true;
    h += "<form method=\"post\" action=\"" + recordHref(id) + "/holds/" + std::to_string(hold.id) +
         "/release\" novalidate>\n" + csrfField(req.csrfToken) +
         insetText("Held since " + escape(humanTimestamp(hold.placedAt)) + ": " + escape(hold.reason)) +
         textInput({.id = "release_reason-" + std::to_string(hold.id),
                    .label = "Why release it?",
                    .value = req.form.get("release_reason-" + std::to_string(hold.id))},
                   errors) +
         button("Release hold", "secondary") + "\n</form>\n";
  }
  if (!held) h += "<p class=\"govuk-body\">None: the retention schedule applies.</p>\n";
  return h + "<form method=\"post\" action=\"" + recordHref(id) + "/holds\" novalidate>\n" +
         csrfField(req.csrfToken) +
         textInput({.id = "hold_reason",
                    .label = "Place a hold",
                    .hint = "Why the record must be kept, for example a complaint or proceedings",
                    .value = req.form.get("hold_reason")},
                   errors) +
         button("Place hold", "secondary") + "\n</form>\n";
}

// When the record goes under the retention schedule, as the officer tells the young person.
std::string keptUntil(const Clock& clock, Retention& retention, const RecordSummary& r,
                      const std::vector<LegalHold>& holds) {
  const auto& y = r.youngCarer;
  if (y.anonymisedAt || y.mergedInto) return "Not applicable";
  for (const auto& h : holds)
    if (!h.releasedAt) return "Kept while a legal hold is in place";
  const auto& schedule = retention.settings();
  if (r.caseRecord && pathways::isOpen(r.caseRecord->state))
    return "Kept while the case is open, then at least until " +
           humanDate(retentionDueOn(schedule, y.dateOfBirth, clock.today()));
  const Timestamp closed = r.caseRecord ? r.caseRecord->updatedAt : y.updatedAt;
  return "To be anonymised on " + humanDate(retentionDueOn(schedule, y.dateOfBirth, ukLocalDate(closed)));
}

std::string correctionSection(const WebRequest& req, Id id, const PageErrors& errors) {
  return "<h2 class=\"govuk-heading-m\">Correct the record (rectification)</h2>\n<form method=\"post\" "
         "action=\"" +
         recordHref(id) + "/correction\" novalidate>\n" + csrfField(req.csrfToken) +
         textInput({.id = "given_name",
                    .label = "Given name (leave blank to keep)",
                    .value = req.form.get("given_name")},
                   errors) +
         textInput({.id = "family_name",
                    .label = "Family name (leave blank to keep)",
                    .value = req.form.get("family_name")},
                   errors) +
         textInput({.id = "postcode",
                    .label = "Postcode (leave blank to keep)",
                    .value = req.form.get("postcode"),
                    .widthClass = "govuk-input--width-10"},
                   errors) +
         textInput({.id = "correction_reason",
                    .label = "The request it answers",
                    .value = req.form.get("correction_reason")},
                   errors) +
         button("Correct record", "secondary") + "\n</form>\n";
}

Response dataProtectionRecordPage(WebSite& site, const Clock& clock, Retention& retention,
                                  SubjectAccess& subjectAccess, WebRequest& req, Id id, int status,
                                  const PageErrors& errors) {
  auto record = subjectAccess.summary(req.who(), id);
  if (!record) return site.failurePage(req, record.error());
  auto holds = retention.holds(req.who(), id);
  if (!holds) return site.failurePage(req, holds.error());
  const auto& y = record->youngCarer;
  const auto& c = record->caseRecord;
  Page p;
  p.title = "Record " + std::to_string(id);
  p.navCurrent = kRecords;
  p.backHref = kRecords;
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors);
  const std::string done = req.query("done");
  if (!done.empty()) p.body += notificationBanner("Done: " + escape(humanise(done)), true);
  p.body +=
      "<h1 class=\"govuk-heading-l\">Record " + std::to_string(id) + "</h1>\n" +
      summaryList({{"Name", escape(fullName(y)), "", ""},
                   {"Date of birth", escape(humanDate(y.dateOfBirth)), "", ""},
                   {"Postcode", escape(y.postcode), "", ""},
                   {"Held",
                    y.mergedInto ? "Merged into <a class=\"govuk-link\" href=\"" + recordHref(*y.mergedInto) +
                                       "\">record " + std::to_string(*y.mergedInto) + "</a>"
                    : y.anonymisedAt ? "Anonymised " + escape(humanTimestamp(*y.anonymisedAt))
                                     : std::string("Current record"),
                    "", ""},
                   {"Case",
                    c ? escape(humanise(toString(c->state))) + " (" + escape(c->ownerTeam) + ")"
                      : std::string("None: never referred"),
                    "", ""},
                   {"Retention", escape(keptUntil(clock, retention, *record, *holds)), "", ""}});
  p.body +=
      "<h2 class=\"govuk-heading-m\">Everything held (subject access)</h2>\n<p class=\"govuk-body\">"
      "Each export is recorded before it is shown. Other people's details are marked for you to "
      "review before release.</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" +
      recordHref(id) +
      "/export.html\">Export as a document to print</a> or <a class=\"govuk-link\" "
      "href=\"" +
      recordHref(id) + "/export.json\">as JSON</a></p>\n";
  if (!y.anonymisedAt && !y.mergedInto) p.body += correctionSection(req, id, errors);
  p.body += holdsSection(req, id, *holds, errors);
  if (!y.anonymisedAt && !y.mergedInto)
    p.body += "<h2 class=\"govuk-heading-m\">Erase on request</h2>\n<form method=\"post\" action=\"" +
              recordHref(id) + "/erasure\" novalidate>\n" + csrfField(req.csrfToken) +
              warningText(
                  "The record is anonymised now, as the retention schedule would: it cannot be undone. "
                  "An open case must be closed first.") +
              textInput({.id = "erasure_reason",
                         .label = "The request it answers",
                         .value = req.form.get("erasure_reason")},
                        errors) +
              button("Erase record", "warning") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// A refusal shown on the record page: beside `field` when it is about the reason, else in the summary.
Response refusedOnRecord(WebSite& site, const Clock& clock, Retention& retention,
                         SubjectAccess& subjectAccess, WebRequest& req, Id id, const DomainError& e,
                         const std::string& field) {
  if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden) return site.failurePage(req, e);
  PageErrors errors;
  if (e.fields.empty()) errors.add("", e.detail);
  for (const auto& f : e.fields) errors.add(f.field == "reason" ? field : f.field, messageFor(f));
  return dataProtectionRecordPage(site, clock, retention, subjectAccess, req, id, httpStatusFor(e.code),
                                  errors);
}

Response correct(WebSite& site, Register& reg, const Clock& clock, Retention& retention,
                 SubjectAccess& subjectAccess, WebRequest& req, Id id) {
  YoungPersonInput changes;
  for (auto [field, target] :
       {std::pair{"given_name", &changes.givenName}, std::pair{"family_name", &changes.familyName},
        std::pair{"postcode", &changes.postcode}})
    if (!validation::trim(req.form.get(field)).empty()) *target = req.form.get(field);
  auto done = reg.updateYoungCarer(req.who(), id, changes, req.form.get("correction_reason"));
  if (!done)
    return refusedOnRecord(site, clock, retention, subjectAccess, req, id, done.error(), "correction_reason");
  return redirect(recordHref(id) + "?done=corrected");
}

}  // namespace

void addDataProtectionPages(WebSite& site, Register& reg, const Clock& clock, Retention& retention,
                            SubjectAccess& subjectAccess) {
  site.add({"GET", kRecords, "web.data_protection.search", kDataProtection,
            [&site](WebRequest& req) { return searchPage(site, req, 200, {}, std::nullopt); }});
  site.add({"POST", kRecords, "web.data_protection.search.submit", kDataProtection,
            [&site, &subjectAccess](WebRequest& req) {
              auto found = subjectAccess.find(req.who(), req.form.get("q"));
              if (found) return searchPage(site, req, 200, {}, *found);
              PageErrors errors;
              errors.addDomain(found.error());
              return searchPage(site, req, httpStatusFor(found.error().code), errors, std::nullopt);
            }});
  site.add({"GET", std::string(kRecords) + "/{id}", "web.data_protection.record", kDataProtection,
            site.withId([&site, &clock, &retention, &subjectAccess](WebRequest& req, Id id) {
              return dataProtectionRecordPage(site, clock, retention, subjectAccess, req, id, 200, {});
            })});
  for (const char* format : {"html", "json"})
    site.add({"GET", std::string(kRecords) + "/{id}/export." + format,
              std::string("web.data_protection.export_") + format, kDataProtection,
              site.withId([&site, &subjectAccess, format](WebRequest& req, Id id) {
                auto document = subjectAccess.exportRecord(req.who(), id, format);
                if (!document) return site.failurePage(req, document.error());
                auto r = subjectAccessResponse(*document, format);
                if (std::string(format) == "json")
                  r.headers.emplace_back(
                      "Content-Disposition",
                      "attachment; filename=\"subject-access-record-" + std::to_string(id) + ".json\"");
                return r;
              })});
  site.add({"POST", std::string(kRecords) + "/{id}/correction", "web.data_protection.correct",
            kDataProtection,
            site.withId([&site, &reg, &clock, &retention, &subjectAccess](WebRequest& req, Id id) {
              return correct(site, reg, clock, retention, subjectAccess, req, id);
            })});
  site.add({"POST", std::string(kRecords) + "/{id}/holds", "web.data_protection.hold", kDataProtection,
            site.withId([&site, &clock, &retention, &subjectAccess](WebRequest& req, Id id) {
              auto held = retention.placeHold(req.who(), id, req.form.get("hold_reason"));
              if (!held)
                return refusedOnRecord(site, clock, retention, subjectAccess, req, id, held.error(),
                                       "hold_reason");
              return redirect(recordHref(id) + "?done=hold_placed");
            })});
  site.add({"POST", std::string(kRecords) + "/{id}/holds/{hold}/release", "web.data_protection.release",
            kDataProtection, site.withId([&site, &clock, &retention, &subjectAccess](WebRequest& req, Id id) {
              auto hold = idParam(req.ctx, "hold");
              if (!hold) return site.failurePage(req, hold.error());
              const std::string field = "release_reason-" + std::to_string(*hold);
              auto released = retention.releaseHold(req.who(), *hold, req.form.get(field));
              if (!released)
                return refusedOnRecord(site, clock, retention, subjectAccess, req, id, released.error(),
                                       field);
              return redirect(recordHref(released->youngCarerId) + "?done=hold_released");
            })});
  site.add({"POST", std::string(kRecords) + "/{id}/erasure", "web.data_protection.erase", kDataProtection,
            site.withId([&site, &clock, &retention, &subjectAccess](WebRequest& req, Id id) {
              auto erased = retention.erase(req.who(), id, req.form.get("erasure_reason"));
              if (!erased)
                return refusedOnRecord(site, clock, retention, subjectAccess, req, id, erased.error(),
                                       "erasure_reason");
              return redirect(recordHref(id) + "?done=erased");
            })});
}

}  // namespace ycr::services::web
