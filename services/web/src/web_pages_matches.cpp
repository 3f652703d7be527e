// The match review queue: possible matches the resolver could not decide, each shown as the two
// records side by side with the per-field evidence and the cautions, for a person to say "same
// child" (merging, keeping the record they choose) or "different children" (remembered). A merge
// has its own page with "Undo this merge". Everything goes through Identity, as the API does.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cstdio>

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

// What each comparison level means, in words.
std::string levelWords(const std::string& level) {
  static const std::map<std::string, std::string> words = {
      {"exact", "The same"},
      {"full", "The same"},
      {"equal", "The same"},
      {"variant", "A known variant (such as a short form)"},
      {"part", "One is part of the other"},
      {"shared_part", "One part the same, another different"},
      {"similar", "Similar spelling"},
      {"weak", "Slightly alike"},
      {"different", "Different"},
      {"missing", "Missing on one or both"},
      {"day_month_swapped", "Day and month swapped"},
      {"one_digit", "One digit different"},
      {"year_only_different", "Only the year differs"},
      {"same_month_year", "Same month and year, different day"},
      {"other", "Different"},
  };
  auto it = words.find(level);
  return it != words.end() ? it->second : humanise(level);
}

std::string fieldWords(const std::string& field) {
  static const std::map<std::string, std::string> words = {
      {"given_name", "First name"}, {"family_name", "Last name"}, {"date_of_birth", "Date of birth"},
      {"postcode", "Postcode"},     {"school_urn", "School"},     {"nhs_number", "NHS number"},
      {"gender", "Gender"},         {"address", "Address"},       {"gp_practice", "GP practice"},
  };
  auto it = words.find(field);
  return it != words.end() ? it->second : humanise(field);
}

std::string weightText(double w) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f", w);
  return buf;
}

std::string recordList(const YoungCarer& yc) {
  std::vector<SummaryRow> rows = {{"Name", escape(fullName(yc))}};
  if (!yc.preferredName.empty()) rows.push_back({"Known as", escape(yc.preferredName)});
  for (auto& row : std::vector<SummaryRow>{
           {"Date of birth", escape(humanDate(yc.dateOfBirth))},
           {"Postcode", yc.postcode.empty() ? "Not given" : escape(yc.postcode)},
           {"School (URN)", yc.schoolUrn.empty() ? "Not given" : escape(yc.schoolUrn)},
           {"On the register since", escape(humanTimestamp(yc.createdAt))},
           {"Record number", std::to_string(yc.id)},
       })
    rows.push_back(std::move(row));
  return summaryList(rows);
}

Poco::JSON::Array::Ptr parseArray(const std::string& text) {
  try {
    return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
  } catch (const std::exception&) {
    return new Poco::JSON::Array;
  }
}

Response matchPage(WebSite& site, const WebRequest& req, const MatchView& m, int status, const Form& f,
                   const PageErrors& errors) {
  Page p;
  p.title = "Are these the same child?";
  p.hasErrors = !errors.empty();
  p.wide = true;
  p.backHref = "/matches";
  std::string h = errorSummary(errors);
  h += "<span class=\"govuk-caption-l\">Possible match from " + escape(m.review.source) +
       "</span>\n"
       "<h1 class=\"govuk-heading-l\">Are these the same child?</h1>\n";
  auto cautions = parseArray(m.review.cautionsJson);
  for (std::size_t i = 0; i < cautions->size(); ++i) {
    std::string c = cautions->getElement<std::string>(static_cast<unsigned>(i));
    if (!c.empty()) c[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(c[0])));
    h += warningText(c + ".");
  }
  h += "<div class=\"govuk-grid-row\">\n<div class=\"govuk-grid-column-one-half\">\n<h2 "
       "class=\"govuk-heading-m\">New "
       "record</h2>\n" +
       recordList(m.youngCarer) +
       "</div>\n<div class=\"govuk-grid-column-one-half\">\n"
       "<h2 class=\"govuk-heading-m\">Already on the register</h2>\n" +
       recordList(m.candidate) + "</div>\n</div>\n";
  auto evidence = parseArray(m.review.evidenceJson);
  TableSpec t;
  t.caption = "How the records compare";
  t.headings = {"Field", "New record", "On the register", "How they compare", "Weight"};
  t.numeric = {false, false, false, false, true};
  for (std::size_t i = 0; i < evidence->size(); ++i) {
    auto e = evidence->getObject(static_cast<unsigned>(i));
    if (!e) continue;
    t.rowsHtml.push_back({escape(fieldWords(e->optValue<std::string>("field", ""))),
                          escape(e->optValue<std::string>("this_record", "")),
                          escape(e->optValue<std::string>("other_record", "")),
                          escape(levelWords(e->optValue<std::string>("level", ""))),
                          escape(weightText(e->optValue<double>("weight", 0)))});
  }
  h += table(t);
  h += "<p class=\"govuk-body\">Positive weights point to the same child, negative ones to different "
       "children. "
       "Overall score: " +
       escape(weightText(m.review.score)) + ".</p>\n";

  if (m.review.status != MatchReviewStatus::pending) {
    h += insetText("This possible match was decided: " + escape(humanise(toString(m.review.status))) +
                   (m.review.decisionReason.empty() ? "" : ". Reason: " + escape(m.review.decisionReason)) +
                   "." +
                   (m.review.mergeId ? " <a class=\"govuk-link\" href=\"/merges/" +
                                           std::to_string(*m.review.mergeId) + "\">See the merge</a>."
                                     : ""));
    p.body = h;
    return site.page(req, status, std::move(p));
  }
  h += "<div class=\"govuk-grid-row\"><div class=\"govuk-grid-column-two-thirds\">\n";
  h += "<form method=\"post\" action=\"/matches/" + std::to_string(m.review.id) + "\" novalidate>\n" +
       csrfField(req.csrfToken);
  h += radios({"decision",
               "Your decision",
               "",
               {{"same", "They are the same child", "The two records are merged into one"},
                {"different", "They are different children", "The pair will not be suggested again"}},
               {f.get("decision")}},
              errors);
  h += radios({"survivor",
               "If they are the same child, which record should be kept?",
               "The other record's referrals, cases, assessments and cards move to it",
               {{std::to_string(m.candidate.id),
                 "The record already on the register (" + fullName(m.candidate) + ")", ""},
                {std::to_string(m.youngCarer.id), "The new record (" + fullName(m.youngCarer) + ")", ""}},
               {f.get("survivor").empty() ? std::to_string(m.candidate.id) : f.get("survivor")},
               false,
               false,
               true},
              errors);
  h += textarea({.id = "reason",
                 .label = "Why?",
                 .hint = "For example, who you checked with. The next person to read "
                         "these records will see this",
                 .value = f.get("reason")},
                errors, 3);
  h += button("Save decision") + "\n</form>\n</div></div>\n";
  p.body = h;
  return site.page(req, status, std::move(p));
}

Response mergePage(WebSite& site, const WebRequest& req, const MergeView& m, int status, const Form& f,
                   const PageErrors& errors) {
  Page p;
  p.title = "Merged records";
  p.hasErrors = !errors.empty();
  p.backHref = "/matches";
  std::string h;
  std::string result = req.query("result");
  if (result == "merged" && errors.empty())
    h += notificationBanner("The records were merged. " + escape(fullName(m.survivor)) + "'s record is kept.",
                            true);
  if (result == "undone" && errors.empty())
    h += notificationBanner("The merge was undone. The two records are separate again, exactly as they were.",
                            true);
  h += errorSummary(errors);
  h += "<h1 class=\"govuk-heading-l\">Merged records</h1>\n";
  std::vector<SummaryRow> rows = {
      {"Kept", escape(fullName(m.survivor)) + " (record " + std::to_string(m.survivor.id) + ")"},
      {"Merged into it", escape(fullName(m.absorbed)) + " (record " + std::to_string(m.absorbed.id) + ")"},
      {"When", escape(humanTimestamp(m.merge.mergedAt))},
      {"Why", escape(m.merge.reason)},
      {"Records changed", std::to_string(m.merge.before.size())},
  };
  if (!m.merge.revokedCards.empty()) {
    std::string cards;
    for (const auto& c : m.merge.revokedCards)
      cards += (cards.empty() ? "" : ", ") + escape(formatCardNumberForPrint(c).value_or(c));
    rows.push_back({"ID cards revoked", cards});
  }
  if (m.merge.undoneAt) rows.push_back({"Undone", escape(humanTimestamp(*m.merge.undoneAt))});
  h += summaryList(rows);
  if (!m.merge.undoneAt) {
    h += "<h2 class=\"govuk-heading-m\">Undo this merge</h2>\n<p class=\"govuk-body\">Undoing puts back "
         "every record "
         "the merge changed, as long as none has changed since. ID cards revoked by the merge stay "
         "revoked.</p>\n";
    h += "<form method=\"post\" action=\"/merges/" + std::to_string(m.merge.id) + "/undo\" novalidate>\n" +
         csrfField(req.csrfToken);
    h += textarea({.id = "reason", .label = "Why are you undoing the merge?", .value = f.get("reason")},
                  errors, 3);
    h += button("Undo this merge", "warning") + "\n</form>\n";
  }
  h += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/matches\">Back to possible matches</a></p>\n";
  p.body = h;
  return site.page(req, status, std::move(p));
}

// POST /matches/{id}: the reviewer's decision, same child (merged, keeping the record chosen) or different
// children.
Response decideMatch(WebSite& site, Identity& identity, WebRequest& req) {
  auto id = idParam(req.ctx, "id");
  if (!id) return site.failurePage(req, id.error());
  auto m = identity.match(req.who(), *id);
  if (!m) return site.failurePage(req, m.error());
  PageErrors errors;
  std::string decision = req.form.get("decision");
  std::string reason = req.form.get("reason");
  if (decision != "same" && decision != "different")
    errors.add("decision", "Select whether they are the same child or different children");
  if (isBlank(reason))
    errors.add("reason", "Enter why you decided this");
  else if (reason.size() > 2000)
    errors.add("reason", "The reason must be 2,000 characters or fewer");
  std::optional<Id> survivor;
  if (decision == "same") {
    auto s = req.form.get("survivor");
    if (s == std::to_string(m->youngCarer.id))
      survivor = m->youngCarer.id;
    else if (s == std::to_string(m->candidate.id))
      survivor = m->candidate.id;
    else
      errors.add("survivor", "Select which record to keep");
  }
  if (!errors.empty()) return matchPage(site, req, *m, 422, req.form, errors);
  auto decided = identity.decide(req.who(), *id, decision == "same", reason, survivor);
  if (!decided) {
    if (decided.error().code == ErrorCode::not_found || decided.error().code == ErrorCode::forbidden)
      return site.failurePage(req, decided.error());
    errors.add("", decided.error().detail);
    for (const auto& fe : decided.error().fields) errors.add("", messageFor(fe));
    return matchPage(site, req, *m, httpStatusFor(decided.error().code), req.form, errors);
  }
  if (decided->review.mergeId)
    return redirect("/merges/" + std::to_string(*decided->review.mergeId) + "?result=merged");
  return redirect("/matches?result=different");
}

}  // namespace

void addMatchPages(WebSite& site, Identity& identity) {
  site.add(
      {"GET", "/matches", "web.match.list", kStaff, [&site, &identity](WebRequest& req) {
         MatchReviewQuery query;
         query.limit = 100;
         auto page = identity.matches(req.who(), query);
         if (!page) return site.failurePage(req, page.error());
         Page p;
         p.title = "Possible matches";
         p.wide = true;
         p.navCurrent = "/young-carers";
         if (req.query("result") == "different")
           p.body += notificationBanner(
               "Decision saved: they are different children. The pair will not be "
               "suggested again.",
               true);
         p.body +=
             "<h1 class=\"govuk-heading-l\">Possible matches</h1>\n<p class=\"govuk-body\">Records that may "
             "be about the same child. Check each pair and decide.</p>\n";
         if (page->items.empty()) {
           p.body += "<p class=\"govuk-body\">There are no possible matches to check.</p>\n";
         } else {
           TableSpec t;
           t.caption =
               std::to_string(page->total) + (page->total == 1 ? " possible match" : " possible matches");
           t.headings = {"New record", "On the register", "Date of birth", "Found", ""};
           for (const auto& m : page->items)
             t.rowsHtml.push_back(
                 {escape(fullName(m.youngCarer)), escape(fullName(m.candidate)),
                  escape(humanDate(m.youngCarer.dateOfBirth)), escape(humanTimestamp(m.review.createdAt)),
                  "<a class=\"govuk-link\" href=\"/matches/" + std::to_string(m.review.id) +
                      "\">Review<span class=\"govuk-visually-hidden\"> " + escape(fullName(m.youngCarer)) +
                      " and " + escape(fullName(m.candidate)) + "</span></a>"});
           p.body += table(t);
         }
         return site.page(req, 200, std::move(p));
       }});

  site.add({"GET", "/matches/{id}", "web.match.read", kStaff,
            site.withId([&site, &identity](WebRequest& req, Id id) {
              auto m = identity.match(req.who(), id);
              if (!m) return site.failurePage(req, m.error());
              return matchPage(site, req, *m, 200, {}, {});
            })});

  site.add({"POST", "/matches/{id}", "web.match.decide", kStaff,
            [&site, &identity](WebRequest& req) { return decideMatch(site, identity, req); }});

  site.add({"GET", "/merges/{id}", "web.merge.read", kStaff,
            site.withId([&site, &identity](WebRequest& req, Id id) {
              auto m = identity.mergeRecord(req.who(), id);
              if (!m) return site.failurePage(req, m.error());
              return mergePage(site, req, *m, 200, {}, {});
            })});

  site.add({"POST", "/merges/{id}/undo", "web.merge.undo", kStaff,
            site.withId([&site, &identity](WebRequest& req, Id id) {
              auto m = identity.mergeRecord(req.who(), id);
              if (!m) return site.failurePage(req, m.error());
              PageErrors errors;
              std::string reason = req.form.get("reason");
              if (isBlank(reason))
                errors.add("reason", "Enter why you are undoing the merge");
              else if (reason.size() > 2000)
                errors.add("reason", "The reason must be 2,000 characters or fewer");
              if (!errors.empty()) return mergePage(site, req, *m, 422, req.form, errors);
              auto undone = identity.undo(req.who(), id, reason);
              if (!undone) {
                if (undone.error().code == ErrorCode::not_found ||
                    undone.error().code == ErrorCode::forbidden)
                  return site.failurePage(req, undone.error());
                // Something changed since the merge: the use case names it, and nothing was changed.
                errors.add("", undone.error().detail);
                return mergePage(site, req, *m, httpStatusFor(undone.error().code), req.form, errors);
              }
              return redirect("/merges/" + std::to_string(id) + "?result=undone");
            })});
}

}  // namespace ycr::services::web
