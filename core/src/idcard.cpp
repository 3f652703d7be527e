#include "ycr/core/idcard.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <stdexcept>

namespace ycr {
namespace {

constexpr std::string_view kPrefix = "YC";
constexpr std::size_t kSerialDigits = 9;
constexpr std::size_t kNumberLength = 2 + kSerialDigits + 1;

// Damm's weakly totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
constexpr std::array<std::array<unsigned char, 10>, 10> kDamm = {{
    {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
    {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
    {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
    {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
    {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
    {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
    {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
    {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
    {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
    {2, 5, 8, 1, 4, 3, 6, 7, 9, 0},
}};

unsigned dammInterim(std::string_view digits) {
  unsigned interim = 0;
  for (char c : digits) interim = kDamm[interim][static_cast<unsigned>(c - '0')];
  return interim;
}

bool isAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string_view plainWords(SharingArea area) {
  switch (area) {
    case SharingArea::medication: return "Medication";
    case SharingArea::diagnosis: return "Diagnosis";
    case SharingArea::prognosis: return "Prognosis";
    case SharingArea::discharge_or_care_planning: return "Discharge or care planning";
  }
  return "";
}

char dammCheckDigit(std::string_view digits) {
  return static_cast<char>('0' + dammInterim(digits));
}

std::string makeCardNumber(std::uint64_t serial) {
  if (serial > kMaxCardSerial) throw std::out_of_range("card serial beyond nine digits");
  std::string digits(kSerialDigits, '0');
  for (std::size_t i = kSerialDigits; i-- > 0; serial /= 10) digits[i] = static_cast<char>('0' + serial % 10);
  return std::string(kPrefix) + digits + dammCheckDigit(digits);
}

std::optional<std::string> normaliseCardNumber(std::string_view text) {
  std::string compact;
  compact.reserve(kNumberLength);
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    if (compact.size() == kNumberLength) return std::nullopt;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    compact.push_back(c);
  }
  if (compact.size() != kNumberLength || compact.compare(0, kPrefix.size(), kPrefix) != 0)
    return std::nullopt;
  std::string_view digits = std::string_view(compact).substr(kPrefix.size());
  if (!std::all_of(digits.begin(), digits.end(), isAsciiDigit)) return std::nullopt;
  // A number followed by its own Damm check digit always reduces to zero.
  if (dammInterim(digits) != 0) return std::nullopt;
  return compact;
}

bool isValidCardNumber(std::string_view text) {
  return normaliseCardNumber(text).has_value();
}

std::optional<std::string> formatCardNumberForPrint(std::string_view number) {
  auto n = normaliseCardNumber(number);
  if (!n) return std::nullopt;
  return n->substr(0, 2) + " " + n->substr(2, 4) + " " + n->substr(6, 4) + " " + n->substr(10, 2);
}

Result<Date> expiryFor(const CardPolicy& policy, Date issued, Date dateOfBirth) {
  FieldErrors errors;
  if (policy.validityMonths < 1 || policy.validityMonths > kMaxCardValidityMonths)
    errors.add("policy.validity_months", "out_of_range", "A card lasts between 1 and 60 months");
  if (policy.upperAge < kMinCardUpperAge || policy.upperAge > kMaxCardUpperAge)
    errors.add("policy.upper_age", "out_of_range", "Cards stop at an age from 18 to 25");
  if (!issued.ok()) errors.add("issued", "invalid_date", "The issue date is not a real date");
  if (!dateOfBirth.ok()) errors.add("date_of_birth", "invalid_date", "The date of birth is not a real date");
  if (issued.ok() && dateOfBirth.ok() && std::chrono::sys_days(dateOfBirth) > std::chrono::sys_days(issued))
    errors.add("date_of_birth", "in_future", "The date of birth is after the issue date");
  if (!errors.empty()) return errors.toError();

  if (ageOn(dateOfBirth, issued) >= policy.upperAge) {
    return DomainError::guardFailed("The young person is " + std::to_string(policy.upperAge) +
                                    " or over; this scheme issues cards only to carers under " +
                                    std::to_string(policy.upperAge));
  }
  Date byValidity = addDays(addMonths(issued, policy.validityMonths), -1);
  Date byAge = addDays(dateOfReachingAge(dateOfBirth, policy.upperAge), -1);
  return std::chrono::sys_days(byAge) < std::chrono::sys_days(byValidity) ? byAge : byValidity;
}

CardStatus effectiveStatus(const IdCard& card, Date today) {
  if (card.status == CardStatus::active && std::chrono::sys_days(today) > std::chrono::sys_days(card.expires))
    return CardStatus::expired;
  return card.status;
}

Status validateIssue(const IdCard& card) {
  FieldErrors errors;
  if (!isValidCardNumber(card.number))
    errors.add("number", "invalid_card_number", "The card number is not a valid young carer card number");
  if (!card.youngCarerConsent)
    errors.add("young_carer_consent", "consent_required", "The young carer must agree to having a card");
  const bool knownParentConsent = card.parentConsent == kParentConsentGiven ||
                                  card.parentConsent == kParentConsentNotGiven ||
                                  card.parentConsent == kParentConsentNotSought;
  if (!knownParentConsent) {
    errors.add("parent_consent", "invalid_choice", "Parent consent is given, not_given or not_sought");
  } else if (card.parentConsent != kParentConsentGiven &&
             card.parentConsentNote.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.add("parent_consent_note", "required", "Say why a parent's consent was not given or not sought");
  }
  for (std::size_t i = 0; i < card.sharing.size(); ++i) {
    if (std::find(card.sharing.begin(), card.sharing.begin() + static_cast<std::ptrdiff_t>(i),
                  card.sharing[i]) != card.sharing.begin() + static_cast<std::ptrdiff_t>(i)) {
      errors.add("sharing", "duplicate", "Each information-sharing area is listed once");
      break;
    }
  }
  if (!card.issued.ok()) errors.add("issued", "invalid_date", "The issue date is not a real date");
  if (!card.expires.ok()) {
    errors.add("expires", "invalid_date", "The expiry date is not a real date");
  } else if (card.issued.ok() && std::chrono::sys_days(card.expires) < std::chrono::sys_days(card.issued)) {
    errors.add("expires", "before_issue", "A card cannot expire before it is issued");
  }
  if (!errors.empty()) return errors.toError("The card cannot be issued");
  return {};
}

}  // namespace ycr
