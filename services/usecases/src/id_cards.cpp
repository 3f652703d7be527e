#include "ycr/services/id_cards.h"

#include <algorithm>
#include <cmath>

#include "ycr/core/validation.h"
#include "ycr/pathways/table.h"
#include "ycr/services/card_svg.h"
#include "ycr/services/config.h"
#include "ycr/services/consents.h"
#include "ycr/services/policy.h"

namespace ycr::services {

CardSettings cardSettingsFrom(const Config& config) {
  CardSettings s;
  s.policy.validityMonths = config.cardValidityMonths;
  s.policy.upperAge = config.cardUpperAge;
  s.issuerName = config.issuerName;
  s.issuerPhone = config.issuerPhone;
  s.publicBaseUrl = config.publicBaseUrl;
  while (!s.publicBaseUrl.empty() && s.publicBaseUrl.back() == '/') s.publicBaseUrl.pop_back();
  return s;
}

// ---------------- rate limiter ----------------

RateLimiter::RateLimiter(const Clock& clock, int perMinute)
    : clock_(clock), capacity_(std::max(1, perMinute)) {}

std::chrono::seconds RateLimiter::take(const std::string& key) {
  const Timestamp now = clock_.now();
  const double perSecond = capacity_ / 60.0;
  std::lock_guard lock(mutex_);
  // Buckets that have refilled completely carry no information; drop them so memory stays bounded.
  if (buckets_.size() > 10000) {
    std::erase_if(buckets_, [&](const auto& kv) {
      return static_cast<double>((now - kv.second.at).count()) * perSecond + kv.second.tokens >= capacity_;
    });
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{capacity_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = static_cast<double>(std::max<std::int64_t>(0, (now - b.at).count()));
    b.tokens = std::min(capacity_, b.tokens + elapsed * perSecond);
    b.at = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return std::chrono::seconds(0);
  }
  return std::chrono::seconds(static_cast<long long>(std::ceil((1.0 - b.tokens) / perSecond)));
}

// ---------------- helpers ----------------

namespace {

std::string firstName(const YoungCarer& yc) {
  std::string name = validation::trim(yc.preferredName);
  return name.empty() ? validation::trim(yc.givenName) : name;
}

DomainError noSuchCard() {
  return DomainError::notFound("There is no card with that number");
}

bool canBeRenewedOrRevoked(CardStatus stored) {
  return stored == CardStatus::active || stored == CardStatus::expired;
}

}  // namespace

struct IdCards::Scoped {
  IdCard card;
  YoungCarer youngCarer;
  Case caseRecord;
};

IdCards::IdCards(Store& store, const Clock& clock, const CardSigner& signer, CardSettings settings)
    : store_(store), clock_(clock), signer_(signer), settings_(std::move(settings)) {}

std::string IdCards::verifyUrl(const std::string& number) const {
  auto token = signer_.token(number);
  return token ? settings_.publicBaseUrl + "/verify/" + *token : std::string();
}

CardView IdCards::viewOf(const IdCard& card) const {
  return CardView{card, effectiveStatus(card, clock_.today()), verifyUrl(card.number)};
}

AuditEvent IdCards::auditFor(const Principal& who, std::string action, std::string number) const {
  return auditEventFor(who, clock_.now(), std::move(action), "id_card", std::move(number));
}

// The card, its holder and their case, when the caller works that case; otherwise not found, so a
// card of another service's young carer cannot even be confirmed to exist.
Result<IdCards::Scoped> IdCards::scopedCard(Transaction& tx, const Principal& who,
                                            const std::string& number) const {
  auto normalised = normaliseCardNumber(number);
  if (!normalised) return noSuchCard();
  auto card = tx.idCards().findByNumber(*normalised);
  if (!card) return noSuchCard();
  auto yc = tx.youngCarers().findById(card->youngCarerId);
  auto c = tx.cases().findByYoungCarer(card->youngCarerId);
  if (!yc || !c || !policy::canWorkCase(who, *c)) return noSuchCard();
  return Scoped{std::move(*card), std::move(*yc), std::move(*c)};
}

// ---------------- use cases ----------------

Result<CardView> IdCards::issue(const Principal& who, Id youngCarerId, const IssueCardInput& input) {
  const Timestamp now = clock_.now();
  const Date today = clock_.today();
  FieldErrors errors;
  IdCard card;
  if (!input.youngCarerConsent)
    errors.add("young_carer_consent", "required", "Say whether the young carer agrees");
  card.youngCarerConsent = input.youngCarerConsent.value_or(false);
  if (input.parentConsent.empty())
    errors.add("parent_consent", "required",
               "Say whether a parent's consent was given, not given or not sought");
  card.parentConsent = input.parentConsent;
  auto note = validation::text("parent_consent_note", input.parentConsentNote, 1000);
  if (note)
    card.parentConsentNote = validation::trim(*note);
  else
    errors.merge(note.error());
  for (std::size_t i = 0; i < input.sharing.size(); ++i) {
    if (auto area = parseEnum<SharingArea>(input.sharing[i]))
      card.sharing.push_back(*area);
    else
      errors.add("sharing[" + std::to_string(i) + "]", "invalid_choice",
                 "Choose medication, diagnosis, prognosis or discharge_or_care_planning");
  }
  if (!errors.empty()) return errors.toError("The card cannot be issued");

  auto tx = store_.begin(true);
  auto yc = tx->youngCarers().findById(youngCarerId);
  auto c = yc ? tx->cases().findByYoungCarer(youngCarerId) : std::nullopt;
  if (!yc || (c && !policy::canWorkCase(who, *c)))
    return DomainError::notFound("There is no young carer with that id");
  if (yc->mergedInto)
    return DomainError::conflict("This record was merged into record " + std::to_string(*yc->mergedInto));
  if (!c || !pathways::isOpen(c->state))
    return DomainError::conflict("A card is issued only to a young carer with an open case");
  for (const auto& existing : tx->idCards().activeForYoungCarer(youngCarerId)) {
    if (effectiveStatus(existing, today) == CardStatus::active)
      return DomainError::conflict("This young carer already has an active card (" + existing.number +
                                   "); renew it or report it lost instead");
  }
  if (!card.sharing.empty() && !mayShare(*tx, youngCarerId, SharingPartner::id_card_verifiers))
    return DomainError::field("sharing", "not_agreed",
                              "The young person has refused or withdrawn sharing with health staff who check "
                              "their card: issue it with no sharing areas, or record their agreement first");
  auto expires = expiryFor(settings_.policy, today, yc->dateOfBirth);
  if (!expires) return expires.error();

  auto number = tx->idCards().nextNumber(now);
  if (!number) return number.error();
  card.number = *number;
  card.youngCarerId = youngCarerId;
  card.issued = today;
  card.expires = *expires;
  card.status = CardStatus::active;
  card.createdAt = now;
  if (auto valid = validateIssue(card); !valid) return valid.error();
  auto id = tx->idCards().create(card);
  if (!id) return id.error();
  card.id = *id;

  auto audit = auditFor(who, "id_card.issue", card.number);
  audit.detail = "young carer " + std::to_string(youngCarerId) + ", parent consent " + card.parentConsent;
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(card);
}

Result<std::vector<CardView>> IdCards::cardsFor(const Principal& who, Id youngCarerId) {
  auto tx = store_.begin(false);
  auto c = tx->cases().findByYoungCarer(youngCarerId);
  if (!tx->youngCarers().findById(youngCarerId) || (c && !policy::canWorkCase(who, *c)))
    return DomainError::notFound("There is no young carer with that id");
  std::vector<CardView> out;
  for (const auto& card : tx->idCards().listForYoungCarer(youngCarerId)) out.push_back(viewOf(card));
  // Recorded against the young carer, whose record this read is part of.
  auto audit = auditFor(who, "id_card.list", std::to_string(youngCarerId));
  audit.recordType = "young_carer";
  audit.detail = std::to_string(out.size()) + " cards";
  if (auto s = appendAudit(store_, std::move(tx), audit); !s) return s.error();
  return out;
}

Result<std::optional<IdCardWish>> IdCards::wish(const Principal& who, Id youngCarerId) {
  auto tx = store_.begin(false);
  auto c = tx->cases().findByYoungCarer(youngCarerId);
  if (!tx->youngCarers().findById(youngCarerId) || (c && !policy::canWorkCase(who, *c)))
    return DomainError::notFound("There is no young carer with that id");
  return tx->idCards().latestWish(youngCarerId);
}

Result<IdCardWish> IdCards::recordWish(const Principal& who, Id youngCarerId, bool wantsCard) {
  if (!policy::worksCases(who))
    return DomainError::forbidden("Only the young carer's case staff record whether they want a card");
  auto tx = store_.begin(true);
  auto y = tx->youngCarers().findById(youngCarerId);
  auto c = tx->cases().findByYoungCarer(youngCarerId);
  if (!y || y->mergedInto || y->anonymisedAt || !c || !policy::canWorkCase(who, *c))
    return DomainError::notFound("There is no young carer with that id");
  IdCardWish w{0, youngCarerId, wantsCard, who.userId, clock_.now()};
  auto id = tx->idCards().addWish(w);
  if (!id) return id.error();
  w.id = *id;
  auto audit = auditFor(who, "id_card.wish", std::to_string(youngCarerId));
  audit.recordType = "young_carer";
  audit.detail = wantsCard ? "wants a card" : "does not want a card";
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return w;
}

Result<CardView> IdCards::renew(const Principal& who, const std::string& number) {
  const Date today = clock_.today();
  auto tx = store_.begin(true);
  auto scoped = scopedCard(*tx, who, number);
  if (!scoped) return scoped.error();
  IdCard card = scoped->card;
  if (!canBeRenewedOrRevoked(card.status))
    return DomainError::conflict("A " + std::string(toString(card.status)) + " card cannot be renewed");
  if (!pathways::isOpen(scoped->caseRecord.state))
    return DomainError::conflict("A card is renewed only for a young carer with an open case");
  auto expires = expiryFor(settings_.policy, today, scoped->youngCarer.dateOfBirth);
  if (!expires) return expires.error();
  if (auto s = tx->idCards().renew(card.number, today, *expires); !s) return s.error();
  card.expires = *expires;
  card.status = CardStatus::active;
  card.statusReason.clear();
  auto audit = auditFor(who, "id_card.renew", card.number);
  audit.detail = "valid until " + formatIsoDate(*expires);
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(card);
}

Result<CardView> IdCards::reportLost(const Principal& who, const std::string& number,
                                     const std::string& note) {
  const Timestamp now = clock_.now();
  const Date today = clock_.today();
  auto tx = store_.begin(true);
  auto scoped = scopedCard(*tx, who, number);
  if (!scoped) return scoped.error();
  const IdCard& lost = scoped->card;
  if (effectiveStatus(lost, today) != CardStatus::active)
    return DomainError::conflict("Only an active card can be reported lost; this card is " +
                                 std::string(toString(effectiveStatus(lost, today))));
  if (!pathways::isOpen(scoped->caseRecord.state))
    return DomainError::conflict("A replacement card is issued only for a young carer with an open case");

  // The replacement carries the same agreement for the same period; a new period needs a renewal.
  IdCard replacement = lost;
  auto newNumber = tx->idCards().nextNumber(now);
  if (!newNumber) return newNumber.error();
  replacement.number = *newNumber;
  replacement.issued = today;
  replacement.status = CardStatus::active;
  replacement.statusReason.clear();
  replacement.replacedBy.reset();
  replacement.createdAt = now;
  if (auto valid = validateIssue(replacement); !valid) return valid.error();
  auto id = tx->idCards().create(replacement);
  if (!id) return id.error();
  replacement.id = *id;
  std::string reason = validation::trim(note).empty() ? "Reported lost" : validation::trim(note);
  if (auto s = tx->idCards().setStatus(lost.number, CardStatus::lost, reason, replacement.number); !s)
    return s.error();

  auto lostAudit = auditFor(who, "id_card.lost", lost.number);
  lostAudit.reason = reason;
  lostAudit.detail = "replaced by " + replacement.number;
  if (auto s = tx->audit().append(lostAudit); !s) return s.error();
  auto issueAudit = auditFor(who, "id_card.issue", replacement.number);
  issueAudit.detail = "replacement for lost card " + lost.number;
  if (auto s = tx->audit().append(issueAudit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(replacement);
}

Result<CardView> IdCards::revoke(const Principal& who, const std::string& number, const std::string& reason) {
  auto checkedReason = validation::text("reason", reason, 1000, true);
  if (!checkedReason) return checkedReason.error();
  std::string why = validation::trim(*checkedReason);
  auto tx = store_.begin(true);
  auto scoped = scopedCard(*tx, who, number);
  if (!scoped) return scoped.error();
  IdCard card = scoped->card;
  if (!canBeRenewedOrRevoked(card.status))
    return DomainError::conflict("This card is already " + std::string(toString(card.status)));
  if (auto s = tx->idCards().setStatus(card.number, CardStatus::revoked, why, std::nullopt); !s)
    return s.error();
  card.status = CardStatus::revoked;
  card.statusReason = why;
  auto audit = auditFor(who, "id_card.revoke", card.number);
  audit.reason = why;
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(card);
}

Result<std::string> IdCards::cardSvg(const Principal& who, const std::string& number) {
  auto tx = store_.begin(true);
  auto scoped = scopedCard(*tx, who, number);
  if (!scoped) return scoped.error();
  auto svg = renderStoredCard(*tx, signer_, settings_, scoped->card.number);
  if (!svg) return svg.error();
  if (auto s = tx->audit().append(auditFor(who, "id_card.print", scoped->card.number)); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return svg;
}

Result<Verification> IdCards::verify(const std::string& token) {
  Verification v;
  v.issuerName = settings_.issuerName;
  v.issuerPhone = settings_.issuerPhone;
  auto tx = store_.begin(true);
  // Any failure of the signature check - malformed, altered, another key's - is simply "unknown".
  auto number = signer_.verify(token);
  std::optional<IdCard> card = number ? tx->idCards().findByNumber(*number) : std::nullopt;
  if (card) {
    switch (effectiveStatus(*card, clock_.today())) {
      case CardStatus::active: v.result = VerifyResult::valid; break;
      case CardStatus::expired: v.result = VerifyResult::expired; break;
      // A lost or replaced card must stop working just like a revoked one.
      case CardStatus::lost:
      case CardStatus::revoked:
      case CardStatus::replaced: v.result = VerifyResult::revoked; break;
    }
    if (v.result == VerifyResult::valid || v.result == VerifyResult::expired) {
      if (auto yc = tx->youngCarers().findById(card->youngCarerId)) v.preferredName = firstName(*yc);
      v.expires = card->expires;
    }
    // What health staff may share is what the card says, while the young person has not refused or
    // withdrawn it since (consents.h): the printed card cannot change, the answer can.
    if (v.result == VerifyResult::valid &&
        mayShare(*tx, card->youngCarerId, SharingPartner::id_card_verifiers))
      v.sharing = card->sharing;
  }
  auto e = unattributedEvent(clock_.now(), "id_card.verify", "id_card", card ? card->number : std::string(),
                             "result " + std::string(toString(v.result)));
  e.outcome = card ? "ok" : "not_found";
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return v;
}

// ---------------- shared with the merge feature and the CLI ----------------

Result<std::vector<std::string>> revokeCardsFor(Transaction& tx, Id youngCarerId, const std::string& reason,
                                                Timestamp at) {
  std::vector<std::string> revoked;
  for (const auto& card : tx.idCards().activeForYoungCarer(youngCarerId)) {
    if (auto s = tx.idCards().setStatus(card.number, CardStatus::revoked, reason, std::nullopt); !s)
      return s.error();
    auto e = unattributedEvent(at, "id_card.revoke", "id_card", card.number, "automatic");
    e.reason = reason;
    if (auto s = tx.audit().append(e); !s) return s.error();
    revoked.push_back(card.number);
  }
  return revoked;
}

Result<std::string> renderStoredCard(Transaction& tx, const CardSigner& signer, const CardSettings& settings,
                                     const std::string& number) {
  auto normalised = normaliseCardNumber(number);
  auto card = normalised ? tx.idCards().findByNumber(*normalised) : std::nullopt;
  if (!card) return noSuchCard();
  auto yc = tx.youngCarers().findById(card->youngCarerId);
  if (!yc) return DomainError::internal("card without a young carer");
  auto token = signer.token(card->number);
  if (!token) return token.error();
  CardFace face;
  face.preferredName = firstName(*yc);
  face.cardNumber = card->number;
  face.expires = card->expires;
  face.issuingService = settings.issuerName;
  face.contactPhone = settings.issuerPhone;
  face.sharing = card->sharing;
  face.verifyUrl = settings.publicBaseUrl + "/verify/" + *token;
  return renderCardSvg(face);
}

std::string tokenFormatDescription() {
  return "Token format, version 1. token = base64url without padding (RFC 4648 section 5) of payload || "
         "signature, 94 characters. payload = 0x01 || the card number's 10 digits as one 5-byte big-endian "
         "unsigned integer (\"YC0314159266\" -> 314159266 -> 00 12 b9 b0 a2; the \"YC\" prefix is implied). "
         "signature = Ed25519 (RFC 8032, pure) over \"ycr-idcard-v1\" (13 ASCII bytes, no NUL) || payload. "
         "A genuine token proves only that the issuer printed this number; whether the card is still valid "
         "comes from GET /verify/{token}.";
}

std::string verificationHtml(const Verification& v) {
  std::string box, body;
  switch (v.result) {
    case VerifyResult::valid:
      box = "valid";
      body = "<p class=\"result\"><strong>This is a genuine young carer ID card.</strong></p>\n";
      body += "<p>It belongs to <strong>" + xmlEscape(v.preferredName.value_or("")) +
              "</strong> and is valid until " + xmlEscape(v.expires ? formatLongDate(*v.expires) : "") +
              ".</p>\n";
      if (v.sharing.empty()) {
        body +=
            "<p>The young carer has not agreed any areas in which health staff may share information.</p>\n";
      } else {
        body +=
            "<p>The young carer has agreed that health staff may share information with them "
            "about:</p>\n<ul>\n";
        for (auto a : v.sharing) body += "<li>" + xmlEscape(plainWords(a)) + "</li>\n";
        body += "</ul>\n";
      }
      body += "<p>They look after someone at home. If they are taken ill, that person may need help.</p>\n";
      break;
    case VerifyResult::expired:
      box = "invalid";
      body = "<p class=\"result\"><strong>This young carer ID card has expired.</strong></p>\n";
      body += "<p>It was issued to <strong>" + xmlEscape(v.preferredName.value_or("")) +
              "</strong> and expired after " + xmlEscape(v.expires ? formatLongDate(*v.expires) : "") +
              ". Do not share information on the strength of this card alone.</p>\n";
      break;
    case VerifyResult::revoked:
      box = "invalid";
      body = "<p class=\"result\"><strong>This young carer ID card is no longer valid.</strong></p>\n";
      body += "<p>Do not share information on the strength of this card.</p>\n";
      break;
    case VerifyResult::unknown:
      box = "invalid";
      body = "<p class=\"result\"><strong>This card could not be checked.</strong></p>\n";
      body +=
          "<p>It may not be a genuine young carer ID card. Do not share information on the strength of "
          "it.</p>\n";
      break;
  }
  std::string contact = "<p>To check by phone, contact " + xmlEscape(v.issuerName);
  if (!v.issuerPhone.empty())
    contact += " on <a href=\"tel:" + xmlEscape(v.issuerPhone) + "\">" + xmlEscape(v.issuerPhone) + "</a>";
  contact += ".</p>\n";
  return "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"robots\" content=\"noindex\">\n"
         "<title>Young carer ID card check</title>\n"
         "<style>body{font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#"
         "0b0c0c;"
         "max-width:38em;margin:1em auto;padding:0 1em}.valid,.invalid{border-left:.5em solid;padding:.5em "
         "1em}"
         ".valid{border-color:#00703c}.invalid{border-color:#d4351c}a{color:#1d70b8}</style>\n"
         "</head>\n<body>\n<main>\n<h1>Young carer ID card check</h1>\n<div class=\"" +
         box + "\">\n" + body + "</div>\n" + contact +
         "</main>\n<footer>\n<p><a href=\"/accessibility\">Accessibility statement</a> | "
         "<a href=\"/privacy\">Privacy notice</a></p>\n</footer>\n</body>\n</html>\n";
}

}  // namespace ycr::services
