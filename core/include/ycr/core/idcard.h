#pragma once
// Young carer ID cards: numbers with a check digit, how long a card is valid, its status as
// health staff should see it, and the consent rules for issuing one (DOMAIN.md "Young carer ID
// cards"). No storage or HTTP here; the signed verification token lives in services/.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

enum class CardStatus { active, expired, lost, revoked, replaced };
YCR_ENUM_NAMES(CardStatus, "active", "expired", "lost", "revoked", "replaced")

// The four areas in which health staff may share information with the holder.
enum class SharingArea { medication, diagnosis, prognosis, discharge_or_care_planning };
YCR_ENUM_NAMES(SharingArea, "medication", "diagnosis", "prognosis", "discharge_or_care_planning")

// The area in plain words for people: "Medication", ..., "Discharge or care planning".
std::string_view plainWords(SharingArea area);

// Card numbers: "YC" + 9-digit serial + 1 Damm check digit, stored as "YC1234567890" and printed
// as "YC 1234 5678 90". The Damm check digit catches every single-digit error and every
// transposition of adjacent digits, so a mistyped number is refused rather than matched.
inline constexpr std::uint64_t kMaxCardSerial = 999'999'999;

// The Damm check digit of a string of decimal digits. Precondition: only '0'..'9'.
char dammCheckDigit(std::string_view digits);
// The stored form for a database serial. Precondition: serial <= kMaxCardSerial (a register never
// issues a billion cards; a larger serial is a bug and throws std::out_of_range).
std::string makeCardNumber(std::uint64_t serial);
// Accepts "YC1234567890", "yc 1234 5678 90", "YC-1234-5678-90": letters in either case, spaces and
// hyphens anywhere. Returns the stored form, or nothing if the format or check digit is wrong.
std::optional<std::string> normaliseCardNumber(std::string_view text);
bool isValidCardNumber(std::string_view text);
// "YC 1234 5678 90" for the printed card; nothing if the number is not valid.
std::optional<std::string> formatCardNumberForPrint(std::string_view number);

// Parent consent to issuing a card, one of these spellings.
inline constexpr std::string_view kParentConsentGiven = "given";
inline constexpr std::string_view kParentConsentNotGiven = "not_given";
inline constexpr std::string_view kParentConsentNotSought = "not_sought";

struct IdCard {
  Id id = 0;
  std::string number;  // stored form, "YC1234567890"
  Id youngCarerId = 0;
  Date issued{};
  Date expires{};  // the last day on which the card is valid
  CardStatus status = CardStatus::active;
  std::string statusReason;  // why lost, revoked or replaced
  std::vector<SharingArea> sharing;
  // The young carer's own consent is always needed; a parent's is sought where it is safe to.
  bool youngCarerConsent = false;
  std::string parentConsent = std::string(kParentConsentNotSought);
  std::string parentConsentNote;          // why not given or not sought
  std::optional<std::string> replacedBy;  // number of the card that replaced this one
  Timestamp createdAt{};
};

// Local scheme settings: how long a card lasts, and the age at which cards stop (18, or up to 25
// for schemes that keep young adult carers).
struct CardPolicy {
  int validityMonths = 12;
  int upperAge = 18;
};

inline constexpr int kMinCardUpperAge = 18;
inline constexpr int kMaxCardUpperAge = 25;
inline constexpr int kMaxCardValidityMonths = 60;

// The last valid day of a card issued on `issued`: validityMonths later (less a day), but never
// beyond the day before the holder's birthday at policy.upperAge. Refused (guard_failed) if the
// holder is already at or over the upper age on the day of issue; a policy outside 1..60 months or
// an upper age outside 18..25, or a birth date after the issue date, is a validation error.
Result<Date> expiryFor(const CardPolicy& policy, Date issued, Date dateOfBirth);

// What a card is on a given day: an active card past its last valid day is expired.
CardStatus effectiveStatus(const IdCard& card, Date today);

// The rules for issuing a card, every problem reported at once (field names in snake_case as the
// API spells them): a valid number; the young carer's consent; parent consent given, or a note
// saying why not; sharing areas without repeats; expiry not before issue.
Status validateIssue(const IdCard& card);

}  // namespace ycr
