#pragma once
// Young carer ID cards, end to end: issuing with consent, renewal, lost and revoked cards, the
// printable card, and the public verification a pharmacist or nurse sees when they scan the QR
// code. Each call is one transaction with its audit event, like the register's use cases.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/idcard.h"
#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"
#include "ycr/services/card_signing.h"

namespace ycr::services {

struct Config;

// The local scheme: how long cards last, who issues them, and where the QR code points.
struct CardSettings {
  CardPolicy policy;
  std::string issuerName = "Young carers service";
  std::string issuerPhone;
  std::string publicBaseUrl = "http://127.0.0.1:8080";  // no trailing slash
};
CardSettings cardSettingsFrom(const Config& config);

// The request to issue a card, as a person gave it (strings not yet checked).
struct IssueCardInput {
  std::optional<bool> youngCarerConsent;
  std::string parentConsent;
  std::string parentConsentNote;
  std::vector<std::string> sharing;
};

// A card as staff see it: the stored card, its status today and the address its QR code opens.
struct CardView {
  IdCard card;
  CardStatus effective = CardStatus::active;
  std::string verifyUrl;
};

// What a person checking a card is told. Deliberately little: the first name the holder goes by,
// the agreed sharing areas and the issuer to phone. Never a family name, birth date, address,
// condition or internal id.
enum class VerifyResult { valid, expired, revoked, unknown };

struct Verification {
  VerifyResult result = VerifyResult::unknown;
  std::optional<std::string> preferredName;  // valid and expired cards only
  std::vector<SharingArea> sharing;          // valid cards only: an expired card agrees nothing
  std::string issuerName;
  std::string issuerPhone;
  std::optional<Date> expires;  // valid and expired cards only
};

// Allows `perMinute` requests per key, refilled continuously (a token bucket), so a scanner
// cannot enumerate tokens. Thread-safe; time from the injected clock.
class RateLimiter {
 public:
  RateLimiter(const Clock& clock, int perMinute);
  // Seconds to wait before the next request may be made, or 0 (and the request is counted).
  std::chrono::seconds take(const std::string& key);

 private:
  struct Bucket {
    double tokens = 0;
    Timestamp at{};
  };
  const Clock& clock_;
  double capacity_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
};

class IdCards {
 public:
  IdCards(Store& store, const Clock& clock, const CardSigner& signer, CardSettings settings);

  // Issues a card to a young carer whose open case the caller works. Refused without the young
  // carer's consent (validation), without an open case (conflict), while another card is active
  // (conflict), or at or over the scheme's upper age (guard_failed).
  Result<CardView> issue(const Principal& who, Id youngCarerId, const IssueCardInput& input);
  Result<std::vector<CardView>> cardsFor(const Principal& who, Id youngCarerId);
  // Whether the young carer wants a card, as they last said (none: not asked yet, counted as wanting
  // one); recorded by the staff working their case, audited, and read by the ID card indicator.
  Result<std::optional<IdCardWish>> wish(const Principal& who, Id youngCarerId);
  Result<IdCardWish> recordWish(const Principal& who, Id youngCarerId, bool wantsCard);
  // A new validity period from today, same number; only for an active or expired card.
  Result<CardView> renew(const Principal& who, const std::string& number);
  // The card becomes lost and a replacement with a new number (same expiry, sharing and consent)
  // is issued; the old card names its replacement. Returns the replacement.
  Result<CardView> reportLost(const Principal& who, const std::string& number, const std::string& note);
  Result<CardView> revoke(const Principal& who, const std::string& number, const std::string& reason);
  // The printable SVG; audited, as it shows the young carer's name.
  Result<std::string> cardSvg(const Principal& who, const std::string& number);

  // The public check behind the QR code. Forged, altered and unknown tokens all answer
  // `unknown`, never an error a prober could tell apart. Every check is audited.
  Result<Verification> verify(const std::string& token);

  std::string verifyUrl(const std::string& number) const;
  const CardSettings& settings() const { return settings_; }
  const CardSigner& signer() const { return signer_; }

 private:
  struct Scoped;
  Result<Scoped> scopedCard(Transaction& tx, const Principal& who, const std::string& number) const;
  AuditEvent auditFor(const Principal& who, std::string action, std::string number) const;
  CardView viewOf(const IdCard& card) const;

  Store& store_;
  const Clock& clock_;
  const CardSigner& signer_;
  CardSettings settings_;
};

// Revokes every active card of a young carer, inside the caller's transaction, with an audit event
// per card (no actor: the system does it). Called when a case closes and when records merge.
// Returns the numbers revoked.
Result<std::vector<std::string>> revokeCardsFor(Transaction& tx, Id youngCarerId, const std::string& reason,
                                                Timestamp at);

// The SVG of a stored card for printing (used by the API and `ycr card print`).
Result<std::string> renderStoredCard(Transaction& tx, const CardSigner& signer, const CardSettings& settings,
                                     const std::string& number);

// The public-key document a verifier needs to check tokens offline.
std::string tokenFormatDescription();

// The small public page shown when the QR code is opened in a browser: escaped, lang en-GB, no scripts.
std::string verificationHtml(const Verification& v);

}  // namespace ycr::services

namespace ycr {
YCR_ENUM_NAMES(services::VerifyResult, "valid", "expired", "revoked", "unknown")
}  // namespace ycr
