#pragma once
// The printable young carer ID card: front and back side by side, each the size of a bank card
// (ISO/IEC 7810 ID-1, 85.6 mm x 53.98 mm), as one SVG in millimetres ready to print at 100%.
// The back carries a QR code of the card's /verify/{token} address for health staff to scan.

#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/idcard.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr::services {

inline constexpr double kCardWidthMm = 85.6;
inline constexpr double kCardHeightMm = 53.98;
inline constexpr double kCardGapMm = 6.0;  // between front and back, room to cut

// What goes on the card; everything a person reads, nothing looked up.
struct CardFace {
  std::string preferredName;   // as the young carer wants to be called
  std::string cardNumber;      // any spelling normaliseCardNumber accepts; printed "YC 1234 5678 90"
  Date expires{};              // last valid day, printed "28 February 2025"
  std::string issuingService;  // e.g. "Leicester Young Carers Service"
  std::string contactPhone;    // for staff who want to check by phone
  std::vector<SharingArea> sharing;
  std::string verifyUrl;  // https://.../verify/{token}, encoded in the QR code
};

// The SVG document (UTF-8). Every text from the face is XML-escaped; invalid UTF-8 becomes U+FFFD
// and control characters are dropped, so any name yields a well-formed document. Validation error
// when the number is not a valid card number, the expiry is not a date, or the verify URL is empty
// or too long for a QR code.
Result<std::string> renderCardSvg(const CardFace& face);

// Text made safe for XML character data and attribute values, as described above.
std::string xmlEscape(std::string_view text);

// "28 February 2025", as people in England write dates.
std::string formatLongDate(const Date& date);

}  // namespace ycr::services
