// Young carer ID cards for caseworkers: a young carer's cards with their status, issuing a card
// (consents and sharing areas), the printable card (the same SVG the API renders, served from this
// site, with a print stylesheet), and renewing, reporting lost and revoking. All through IdCards.

#include <algorithm>
#include <optional>

#include "ycr/services/id_cards.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string cardStatusColour(CardStatus s) {
  switch (s) {
    case CardStatus::active: return "green";
    case CardStatus::expired: return "grey";
    case CardStatus::lost: return "orange";
    case CardStatus::revoked: return "red";
    case CardStatus::replaced: return "grey";
  }
  return "";
}

std::string printed(const std::string& number) {
  return formatCardNumberForPrint(number).value_or(number);
}

std::string sharingWords(const std::vector<SharingArea>& areas) {
  std::string out;
  for (auto a : areas) out += (out.empty() ? "" : ", ") + std::string(plainWords(a));
  return out.empty() ? "None" : out;
}

std::string base(Id youngCarerId) {
  return "/young-carers/" + std::to_string(youngCarerId) + "/id-cards";
}

// The young carer's cards, and the one asked for (scoped by the use case: the caller must work the case).
struct Cards {
  YoungCarer youngCarer;
  std::vector<CardView> cards;
};

Result<Cards> loadCards(Register& reg, IdCards& idCards, const WebRequest& req, Id youngCarerId) {
  auto cards = idCards.cardsFor(req.who(), youngCarerId);
  if (!cards) return cards.error();
  auto yc = reg.youngCarer(req.who(), youngCarerId);
  if (!yc) return yc.error();
  return Cards{std::move(*yc), std::move(*cards)};
}

// The card the address names ({id}: the young carer, {number}: one of their cards), with the young
// carer and all their cards: what every page of one card opens with.
struct CardInAddress {
  Id youngCarerId = 0;
  Cards all;
  std::size_t index = 0;
  const CardView& view() const { return all.cards[index]; }
};

// The card, or none and the page saying why (`failed`). A number that is not one of this young carer's
// cards is not found: an address never reaches another child's card.
std::optional<CardInAddress> cardInAddress(WebSite& site, Register& reg, IdCards& idCards,
                                           const WebRequest& req, Response& failed) {
  auto id = idParam(req.ctx, "id");
  if (!id) {
    failed = site.failurePage(req, id.error());
    return std::nullopt;
  }
  auto c = loadCards(reg, idCards, req, *id);
  if (!c) {
    failed = site.failurePage(req, c.error());
    return std::nullopt;
  }
  const std::string& number = req.ctx.params.at("number");
  for (std::size_t i = 0; i < c->cards.size(); ++i)
    if (c->cards[i].card.number == number) return CardInAddress{*id, std::move(*c), i};
  failed = site.errorPage(req, 404, "Page not found", "There is no such card for this young carer.");
  return std::nullopt;
}

std::vector<Choice> sharingChoices() {
  std::vector<Choice> out;
  for (auto a : {SharingArea::medication, SharingArea::diagnosis, SharingArea::prognosis,
                 SharingArea::discharge_or_care_planning})
    out.push_back({std::string(toString(a)), std::string(plainWords(a)), ""});
  out[0].hint = "For example, a pharmacist may tell the young carer how to give a medicine";
  return out;
}

Response issuePage(WebSite& site, const WebRequest& req, const YoungCarer& yc, int status, const Form& f,
                   const PageErrors& errors) {
  Page p;
  p.title = "Issue an ID card";
  p.hasErrors = !errors.empty();
  p.backHref = base(yc.id);
  std::string h = errorSummary(errors);
  h +=
      "<span class=\"govuk-caption-l\">" + escape(fullName(yc)) +
      "</span>\n<h1 class=\"govuk-heading-l\">Issue an ID "
      "card</h1>\n<p class=\"govuk-body\">The card lets the young carer show health staff that they care for "
      "someone, so staff can share the information they agree to.</p>\n";
  h += "<form method=\"post\" action=\"" + base(yc.id) + "/new\" novalidate>\n" + csrfField(req.csrfToken);
  h +=
      checkboxes({"young_carer_consent",
                  "The young carer's consent",
                  "A card is only issued if the young carer wants one",
                  {{"yes", "The young carer agrees to have a card and to staff sharing the areas below", ""}},
                  f.all("young_carer_consent")},
                 errors);
  h += radios({"parent_consent",
               "Did a parent or carer consent?",
               "Seek a parent's consent where it is safe to",
               {{std::string(kParentConsentGiven), "Yes, consent given", ""},
                {std::string(kParentConsentNotGiven), "No, consent not given", ""},
                {std::string(kParentConsentNotSought), "Not sought", ""}},
               {f.get("parent_consent")}},
              errors);
  h += textarea({.id = "parent_consent_note",
                 .label = "If consent was not given or not sought, why?",
                 .value = f.get("parent_consent_note")},
                errors, 3);
  h += checkboxes({"sharing", "What may health staff share with the young carer?",
                   "Select all that were agreed", sharingChoices(), f.all("sharing")},
                  errors);
  h += button("Issue the card") + "\n</form>\n";
  p.body = h;
  return site.page(req, status, std::move(p));
}

Response revokePage(WebSite& site, const WebRequest& req, const YoungCarer& yc, const CardView& card,
                    int status, const Form& f, const PageErrors& errors) {
  Page p;
  p.title = "Revoke card " + printed(card.card.number);
  p.hasErrors = !errors.empty();
  p.backHref = base(yc.id) + "/" + card.card.number;
  std::string h = errorSummary(errors);
  h += "<span class=\"govuk-caption-l\">" + escape(fullName(yc)) +
       "</span>\n<h1 class=\"govuk-heading-l\">Revoke card " + escape(printed(card.card.number)) + "</h1>\n" +
       warningText("Anyone who scans this card will be told it is no longer valid. This cannot be undone.");
  h += "<form method=\"post\" action=\"" + base(yc.id) + "/" + escape(card.card.number) +
       "/revoke\" novalidate>\n" + csrfField(req.csrfToken);
  h += textarea({.id = "reason",
                 .label = "Why is the card being revoked?",
                 .hint = "For example, the young carer no longer wants it, or it was misused",
                 .value = f.get("reason")},
                errors, 3);
  h += "<div class=\"govuk-button-group\">" + button("Revoke the card", "warning") +
       "<a class=\"govuk-link\" href=\"" + base(yc.id) + "/" + escape(card.card.number) +
       "\">Cancel</a></div>\n</form>\n";
  p.body = h;
  return site.page(req, status, std::move(p));
}

// Whether the young carer wants a card: asked, so the indicator counts cards for those who want one.
std::string wishForm(const WebRequest& req, Id id, const std::optional<IdCardWish>& wish,
                     const PageErrors& errors) {
  std::string selected = wish ? (wish->wantsCard ? "yes" : "no") : "";
  if (!req.form.get("wants_card").empty()) selected = req.form.get("wants_card");
  return "<form method=\"post\" action=\"" + base(id) + "/wish\" novalidate>\n" + csrfField(req.csrfToken) +
         radios({.name = "wants_card",
                 .legend = "Do they want an ID card?",
                 .hint = wish ? "" : "Not asked yet: until they say no, they count as wanting one",
                 .choices = {{"yes", "Yes", ""}, {"no", "No, not now", ""}},
                 .selected = {selected},
                 .inlineChoices = true,
                 .small = true},
                errors) +
         button("Save answer", "secondary") + "\n</form>\n";
}

Response cardsPage(WebSite& site, Register& reg, IdCards& idCards, WebRequest& req, Id id, int status,
                   const PageErrors& errors) {
  auto c = loadCards(reg, idCards, req, id);
  if (!c) return site.failurePage(req, c.error());
  Page p;
  p.title = "ID cards";
  p.wide = true;
  p.navCurrent = "/young-carers";
  p.body = "<span class=\"govuk-caption-l\">" + escape(fullName(c->youngCarer)) +
           "</span>\n"
           "<h1 class=\"govuk-heading-l\">ID cards</h1>\n";
  if (c->cards.empty()) {
    p.body += "<p class=\"govuk-body\">No card has been issued.</p>\n";
  } else {
    TableSpec t;
    t.headings = {"Card number", "Status", "Issued", "Expires", "Health staff may share", "Details"};
    for (const auto& v : c->cards)
      t.rowsHtml.push_back({escape(printed(v.card.number)),
                            tag(humanise(toString(v.effective)), cardStatusColour(v.effective)),
                            escape(humanDate(v.card.issued)), escape(humanDate(v.card.expires)),
                            escape(sharingWords(v.card.sharing)),
                            "<a class=\"govuk-link\" href=\"" + base(id) + "/" + escape(v.card.number) +
                                "\">View<span class=\"govuk-visually-hidden\"> card " +
                                escape(printed(v.card.number)) + "</span></a>"});
    p.body += table(t);
  }
  bool active = std::any_of(c->cards.begin(), c->cards.end(),
                            [](const CardView& v) { return v.effective == CardStatus::active; });
  if (!active)
    p.body +=
        "<a class=\"govuk-button\" data-module=\"govuk-button\" role=\"button\" draggable=\"false\" "
        "href=\"" +
        base(id) + "/new\">Issue a card</a>\n";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) + p.body;
  if (!c->youngCarer.mergedInto && !c->youngCarer.anonymisedAt) {  // where an answer can still be recorded
    auto wish = idCards.wish(req.who(), id);
    if (!wish) return site.failurePage(req, wish.error());
    p.body += wishForm(req, id, *wish, errors);
  }
  return site.page(req, status, std::move(p));
}

}  // namespace

void addIdCardPages(WebSite& site, Register& reg, IdCards& idCards) {
  site.add({"GET", "/young-carers/{id}/id-cards", "web.id_card.list", kStaff,
            site.withId([&site, &reg, &idCards](WebRequest& req, Id id) {
              return cardsPage(site, reg, idCards, req, id, 200, {});
            })});
  site.add({"POST", "/young-carers/{id}/id-cards/wish", "web.id_card.wish", kStaff,
            site.withId([&site, &reg, &idCards](WebRequest& req, Id id) {
              const std::string answer = req.form.get("wants_card");
              if (answer != "yes" && answer != "no") {
                PageErrors errors;
                errors.add("wants_card", "Say whether they want an ID card");
                return cardsPage(site, reg, idCards, req, id, 422, errors);
              }
              auto saved = idCards.recordWish(req.who(), id, answer == "yes");
              if (!saved) return site.failurePage(req, saved.error());
              return redirect(base(id));
            })});

  site.add({"GET", "/young-carers/{id}/id-cards/new", "web.id_card.new", kStaff,
            site.withId([&site, &reg](WebRequest& req, Id id) {
              auto yc = reg.youngCarer(req.who(), id);
              if (!yc) return site.failurePage(req, yc.error());
              return issuePage(site, req, *yc, 200, {}, {});
            })});

  site.add({"POST", "/young-carers/{id}/id-cards/new", "web.id_card.issue", kStaff,
            site.withId([&site, &reg, &idCards](WebRequest& req, Id id) {
              auto yc = reg.youngCarer(req.who(), id);
              if (!yc) return site.failurePage(req, yc.error());
              IssueCardInput input;
              input.youngCarerConsent = req.form.get("young_carer_consent") == "yes";
              input.parentConsent = req.form.get("parent_consent");
              input.parentConsentNote = req.form.get("parent_consent_note");
              input.sharing = req.form.all("sharing");
              PageErrors errors;
              if (input.parentConsent.empty())
                errors.add("parent_consent", "Select whether a parent or carer consented");
              if (!errors.empty()) return issuePage(site, req, *yc, 422, req.form, errors);
              auto issued = idCards.issue(req.who(), id, input);
              if (!issued) {
                if (issued.error().code != ErrorCode::validation) {
                  // Another active card, no open case, too old: the use case's words, on the form.
                  if (issued.error().code == ErrorCode::not_found ||
                      issued.error().code == ErrorCode::forbidden)
                    return site.failurePage(req, issued.error());
                  errors.add("", issued.error().detail);
                  return issuePage(site, req, *yc, 409, req.form, errors);
                }
                for (const auto& fe : issued.error().fields) {
                  std::string field = fe.field.rfind("sharing", 0) == 0 ? "sharing" : fe.field;
                  if (field == "young_carer_consent" || field == "parent_consent" ||
                      field == "parent_consent_note" || field == "sharing")
                    errors.add(field, messageFor(fe));
                  else
                    errors.add("", messageFor(fe));
                }
                return issuePage(site, req, *yc, 422, req.form, errors);
              }
              return redirect(base(id) + "/" + issued->card.number + "?result=issued");
            })});

  site.add(
      {"GET", "/young-carers/{id}/id-cards/{number}", "web.id_card.read", kStaff,
       [&site, &reg, &idCards](WebRequest& req) {
         Response failed;
         auto found = cardInAddress(site, reg, idCards, req, failed);
         if (!found) return failed;
         const Id id = found->youngCarerId;
         const Cards& c = found->all;
         const CardView* v = &found->view();
         const std::string here = base(id) + "/" + v->card.number;
         Page p;
         p.title = "ID card " + printed(v->card.number);
         p.backHref = base(id);
         p.navCurrent = "/young-carers";
         std::string result = req.query("result");
         if (result == "issued")
           p.body += notificationBanner("Card issued. Print it and give it to the young carer.", true);
         if (result == "revoked")
           p.body += notificationBanner("The card was revoked. Scanning it now says it is not valid.", true);
         if (result == "renewed")
           p.body += notificationBanner("The card was renewed. Print it again: it shows the new expiry date.",
                                        true);
         if (result == "replacement")
           p.body += notificationBanner(
               "The lost card was cancelled and this replacement issued. Print it for the young carer.",
               true);
         p.body += "<span class=\"govuk-caption-l ycr-no-print\">" + escape(fullName(c.youngCarer)) +
                   "</span>\n"
                   "<h1 class=\"govuk-heading-l ycr-no-print\">ID card " +
                   escape(printed(v->card.number)) + "</h1>\n";
         p.body += "<div class=\"ycr-card\"><img class=\"ycr-card__image\" src=\"" + here +
                   "/card.svg\" alt=\"Young "
                   "carer ID card for " +
                   escape(c.youngCarer.preferredName.empty() ? c.youngCarer.givenName
                                                             : c.youngCarer.preferredName) +
                   ", number " + escape(printed(v->card.number)) + ", expires " +
                   escape(humanDate(v->card.expires)) + "\"></div>\n";
         p.body += "<div class=\"ycr-no-print\">\n";
         std::vector<SummaryRow> rows = {
             {"Status", tag(humanise(toString(v->effective)), cardStatusColour(v->effective))},
             {"Issued", escape(humanDate(v->card.issued))},
             {"Expires", escape(humanDate(v->card.expires))},
             {"Health staff may share", escape(sharingWords(v->card.sharing))},
             {"Parent or carer consent", escape(humanise(v->card.parentConsent))},
         };
         if (!v->card.statusReason.empty()) rows.push_back({"Reason", escape(v->card.statusReason)});
         if (v->card.replacedBy)
           rows.push_back({"Replaced by", "<a class=\"govuk-link\" href=\"" + base(id) + "/" +
                                              escape(*v->card.replacedBy) + "\">" +
                                              escape(printed(*v->card.replacedBy)) + "</a>"});
         p.body += summaryList(rows);
         if (v->effective == CardStatus::active || v->effective == CardStatus::expired) {
           p.body +=
               "<p class=\"govuk-body\">To print the card, use your browser's print command (Ctrl and P, or "
               "Command and P on a Mac). Only the card is printed.</p>\n";
           p.body +=
               "<button type=\"button\" class=\"govuk-button ycr-print-button\" data-module=\"govuk-button\" "
               "data-ycr-print hidden>Print the card</button>\n";
           p.body += "<h2 class=\"govuk-heading-m\">Change the card</h2>\n<div class=\"ycr-button-row\">";
           p.body += "<form method=\"post\" action=\"" + here + "/renew\" novalidate>" +
                     csrfField(req.csrfToken) + button("Renew for another period", "secondary") + "</form>";
           if (v->effective == CardStatus::active)
             p.body += "<form method=\"post\" action=\"" + here + "/lost\" novalidate>" +
                       csrfField(req.csrfToken) + button("Report lost and replace", "secondary") + "</form>";
           p.body +=
               "<a class=\"govuk-button govuk-button--warning\" data-module=\"govuk-button\" role=\"button\" "
               "draggable=\"false\" href=\"" +
               here + "/revoke\">Revoke the card</a></div>\n";
         }
         p.body += "</div>\n<script type=\"module\" src=\"/assets/ycr/print-card.mjs\"></script>\n";
         return site.page(req, 200, std::move(p));
       }});

  site.add({"GET", "/young-carers/{id}/id-cards/{number}/card.svg", "web.id_card.svg", kStaff,
            [&site, &reg, &idCards](WebRequest& req) {
              Response failed;
              auto found = cardInAddress(site, reg, idCards, req, failed);
              if (!found) return failed;
              auto svg = idCards.cardSvg(req.who(), found->view().card.number);
              if (!svg) return site.failurePage(req, svg.error());
              Response r;
              r.status = 200;
              r.contentType = "image/svg+xml";
              r.body = std::move(svg.value());
              return r;
            }});

  site.add({"GET", "/young-carers/{id}/id-cards/{number}/revoke", "web.id_card.revoke_form", kStaff,
            [&site, &reg, &idCards](WebRequest& req) {
              Response failed;
              auto found = cardInAddress(site, reg, idCards, req, failed);
              if (!found) return failed;
              return revokePage(site, req, found->all.youngCarer, found->view(), 200, {}, {});
            }});

  site.add({"POST", "/young-carers/{id}/id-cards/{number}/revoke", "web.id_card.revoke", kStaff,
            [&site, &reg, &idCards](WebRequest& req) {
              Response failed;
              auto found = cardInAddress(site, reg, idCards, req, failed);
              if (!found) return failed;
              const Id id = found->youngCarerId;
              const Cards& c = found->all;
              const CardView* v = &found->view();
              PageErrors errors;
              std::string reason = req.form.get("reason");
              if (isBlank(reason))
                errors.add("reason", "Enter why the card is being revoked");
              else if (reason.size() > 2000)
                errors.add("reason", "The reason must be 2,000 characters or fewer");
              if (!errors.empty()) return revokePage(site, req, c.youngCarer, *v, 422, req.form, errors);
              auto revoked = idCards.revoke(req.who(), v->card.number, reason);
              if (!revoked) {
                if (revoked.error().code == ErrorCode::not_found ||
                    revoked.error().code == ErrorCode::forbidden)
                  return site.failurePage(req, revoked.error());
                errors.addDomain(revoked.error());
                return revokePage(site, req, c.youngCarer, *v, httpStatusFor(revoked.error().code), req.form,
                                  errors);
              }
              return redirect(base(id) + "/" + v->card.number + "?result=revoked");
            }});

  for (const std::string action : {"renew", "lost"})
    site.add({"POST", "/young-carers/{id}/id-cards/{number}/" + action, "web.id_card." + action, kStaff,
              [&site, &reg, &idCards, action](WebRequest& req) {
                Response failed;
                auto found = cardInAddress(site, reg, idCards, req, failed);
                if (!found) return failed;
                const Id id = found->youngCarerId;
                const CardView* v = &found->view();
                auto done = action == "renew" ? idCards.renew(req.who(), v->card.number)
                                              : idCards.reportLost(req.who(), v->card.number, "");
                if (!done) return site.failurePage(req, done.error());
                return redirect(base(id) + "/" + done->card.number +
                                (action == "renew" ? "?result=renewed" : "?result=replacement"));
              }});
}

}  // namespace ycr::services::web
