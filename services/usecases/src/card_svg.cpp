#include "ycr/services/card_svg.h"

#include <qrencode.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <memory>
#include <sstream>

namespace ycr::services {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kFont = "Arial, Helvetica, Liberation Sans, DejaVu Sans, sans-serif";
constexpr std::string_view kInk = "#0b0c0c";
constexpr std::string_view kMuted = "#505a5f";
constexpr std::string_view kBand = "#1d4f91";  // white text on it passes WCAG AAA contrast
constexpr double kCornerMm = 3.18;             // ID-1 corner radius
constexpr double kPadMm = 4.5;
constexpr int kQuietZoneModules = 4;
// Rough advance of an average glyph in a sans-serif face, in ems, to keep text inside the card
// (measured on Liberation Sans / Arial with generous rounding up).
constexpr double kGlyphEm = 0.54;
constexpr double kBoldGlyphEm = 0.58;
constexpr double kMinFontMm = 1.8;  // about 5 pt, still legible in print

// Millimetres with at most three decimals, so the document is stable and readable.
std::string mm(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  std::string s = buf;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::size_t codePoints(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

double estimatedWidth(std::string_view text, double fontSize, bool bold = false) {
  return static_cast<double>(codePoints(text)) * (bold ? kBoldGlyphEm : kGlyphEm) * fontSize;
}

// Greedy word wrap by estimated width; a single word wider than the line stays whole (and is
// squeezed by textLength when drawn).
std::vector<std::string> wrap(std::string_view text, double fontSize, bool bold, double width) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream words{std::string(text)};
  std::string word;
  while (words >> word) {
    std::string candidate = line.empty() ? word : line + " " + word;
    if (!line.empty() && estimatedWidth(candidate, fontSize, bold) > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

struct TextStyle {
  double size = 3;
  bool bold = false;
  std::string_view fill = kInk;
  bool monospace = false;
};

class Svg {
 public:
  void raw(std::string_view s) { out_ << s; }

  // One line of text at (x, y) no wider than maxWidth: shrunk to fit, and past the smallest
  // legible size also squeezed (textLength), so a long name never runs off the card.
  void text(double x, double y, std::string_view content, TextStyle style, double maxWidth) {
    double size = style.size;
    double width = estimatedWidth(content, size, style.bold);
    if (width > maxWidth) {
      size = std::max(kMinFontMm, size * maxWidth / width);
      width = estimatedWidth(content, size, style.bold);
    }
    out_ << "<text x=\"" << mm(x) << "\" y=\"" << mm(y) << "\" font-size=\"" << mm(size) << "\"";
    if (style.bold) out_ << " font-weight=\"bold\"";
    if (style.monospace) out_ << " font-family=\"DejaVu Sans Mono, Liberation Mono, Courier New, monospace\"";
    out_ << " fill=\"" << style.fill << "\"";
    if (width > maxWidth) out_ << " textLength=\"" << mm(maxWidth) << "\" lengthAdjust=\"spacingAndGlyphs\"";
    out_ << ">" << xmlEscape(content) << "</text>\n";
  }

  // Wrapped lines from y down; returns the y below the last line.
  double paragraph(double x, double y, std::string_view content, TextStyle style, double width) {
    for (const auto& line : wrap(content, style.size, style.bold, width)) {
      text(x, y, line, style, width);
      y += style.size * 1.3;
    }
    return y;
  }

  std::string str() const { return out_.str(); }

 private:
  std::ostringstream out_;
};

void cardOutline(Svg& svg, double x) {
  svg.raw("<rect x=\"" + mm(x) + "\" y=\"0\" width=\"" + mm(kCardWidthMm) + "\" height=\"" +
          mm(kCardHeightMm) + "\" rx=\"" + mm(kCornerMm) +
          "\" fill=\"#ffffff\" stroke=\"#6f777b\" stroke-width=\"0.2\"/>\n");
}

// A band across the top of a card, its top corners following the card's rounded corners.
void band(Svg& svg, double x, double height) {
  const double r = kCornerMm, w = kCardWidthMm;
  svg.raw("<path fill=\"" + std::string(kBand) + "\" d=\"M" + mm(x) + " " + mm(r) + "A" + mm(r) + " " +
          mm(r) + " 0 0 1 " + mm(x + r) + " 0H" + mm(x + w - r) + "A" + mm(r) + " " + mm(r) + " 0 0 1 " +
          mm(x + w) + " " + mm(r) + "V" + mm(height) + "H" + mm(x) + "Z\"/>\n");
}

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

// Dark modules as one path in module units (rows of runs), scaled into place, on a white square
// that includes the quiet zone scanners need.
void qrCode(Svg& svg, const QRcode& code, double x, double y, double size) {
  const int modules = code.width + 2 * kQuietZoneModules;
  const double scale = size / modules;
  svg.raw("<rect x=\"" + mm(x) + "\" y=\"" + mm(y) + "\" width=\"" + mm(size) + "\" height=\"" + mm(size) +
          "\" fill=\"#ffffff\"/>\n");
  std::string d;
  for (int row = 0; row < code.width; ++row) {
    for (int col = 0; col < code.width;) {
      if (!(code.data[row * code.width + col] & 1)) {
        ++col;
        continue;
      }
      int run = 1;
      while (col + run < code.width && (code.data[row * code.width + col + run] & 1)) ++run;
      // Appended piece by piece: GCC 12 at -O3 reports a -Wrestrict memcpy overlap that cannot
      // happen in the inlined `"M" + std::to_string(...)`.
      d += 'M';
      d += std::to_string(col + kQuietZoneModules);
      d += ' ';
      d += std::to_string(row + kQuietZoneModules);
      d += 'h';
      d += std::to_string(run);
      d += "v1h-";
      d += std::to_string(run);
      d += 'z';
      col += run;
    }
  }
  svg.raw("<path transform=\"translate(" + mm(x) + " " + mm(y) + ") scale(" + mm(scale) +
          ")\" shape-rendering=\"crispEdges\" fill=\"#000000\" d=\"" + d + "\"/>\n");
}

}  // namespace

std::string xmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t':
        case '\n':
        case '\r': out += ' '; break;
        default:
          if (c >= 0x20) out += static_cast<char>(c);  // other control characters are not XML
      }
      ++i;
      continue;
    }
    // A well-formed UTF-8 sequence of a character XML allows, or U+FFFD for one bad byte.
    std::size_t len = c >= 0xC2 && c <= 0xDF   ? 2
                      : c >= 0xE0 && c <= 0xEF ? 3
                      : c >= 0xF0 && c <= 0xF4 ? 4
                                               : 0;
    char32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    bool valid = len != 0 && i + len <= text.size();
    for (std::size_t k = 1; valid && k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      valid = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr std::array<char32_t, 5> kMinimum = {0, 0, 0x80, 0x800, 0x10000};
    valid = valid && cp >= kMinimum[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) &&
            cp != 0xFFFE && cp != 0xFFFF;
    if (valid) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  return out;
}

std::string formatLongDate(const Date& date) {
  static constexpr std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                                          "May",       "June",     "July",     "August",
                                                          "September", "October",  "November", "December"};
  return std::to_string(static_cast<unsigned>(date.day())) + " " +
         kMonths[static_cast<unsigned>(date.month()) - 1] + " " +
         std::to_string(static_cast<int>(date.year()));
}

Result<std::string> renderCardSvg(const CardFace& face) {
  FieldErrors errors;
  auto number = formatCardNumberForPrint(face.cardNumber);
  if (!number) errors.add("number", "invalid_card_number", "Not a valid young carer card number");
  if (!face.expires.ok()) errors.add("expires", "invalid_date", "The expiry is not a real date");
  if (face.verifyUrl.empty() || face.verifyUrl.find('\0') != std::string::npos)
    errors.add("verify_url", "required", "The card needs the address of its verification page");
  if (!errors.empty()) return errors.toError("The card cannot be drawn");

  std::unique_ptr<QRcode, QrCodeDeleter> qr(
      QRcode_encodeString(face.verifyUrl.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr)
    return DomainError::field("verify_url", "too_long", "The verification address is too long for a QR code");

  const double backX = kCardWidthMm + kCardGapMm;
  const double totalWidth = backX + kCardWidthMm;
  const double textWidth = kCardWidthMm - 2 * kPadMm;
  const std::string name = face.preferredName.empty() ? std::string("Young carer") : face.preferredName;
  const std::string expires = formatLongDate(face.expires);

  std::string areas;
  for (auto area : face.sharing) areas += (areas.empty() ? "" : ", ") + std::string(plainWords(area));

  Svg svg;
  svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" xml:lang=\"en\" role=\"img\" width=\"" +
          mm(totalWidth) + "mm\" height=\"" + mm(kCardHeightMm) + "mm\" viewBox=\"0 0 " + mm(totalWidth) +
          " " + mm(kCardHeightMm) + "\" font-family=\"" + std::string(kFont) + "\">\n");
  svg.raw("<title>" + xmlEscape("Young carer ID card for " + name + ", card number " + *number) +
          "</title>\n");
  svg.raw("<desc>" +
          xmlEscape("Front: young carer " + name + ", card number " + *number + ", valid until " + expires +
                    ", issued by " + face.issuingService +
                    ". Back: a QR code that opens the card's verification "
                    "page; information may be shared about: " +
                    (areas.empty() ? std::string("none agreed") : areas) + ".") +
          "</desc>\n");

  // Front: who the holder is and how long the card lasts.
  svg.raw("<g>\n");
  cardOutline(svg, 0);
  band(svg, 0, 12);
  svg.text(kPadMm, 8.6, "Young carer", {6.2, true, "#ffffff"}, 50);
  svg.text(62, 8.2, "ID card", {3.6, false, "#ffffff"}, 20);
  svg.text(kPadMm, 18.6, "Name", {2.5, false, kMuted}, textWidth);
  svg.text(kPadMm, 24.6, name, {5.4, true}, textWidth);
  svg.text(kPadMm, 30.4, "Card number", {2.5, false, kMuted}, textWidth);
  svg.text(kPadMm, 35.4, *number, {4.2, true, kInk, true}, textWidth);
  svg.text(kPadMm, 41.2, "Valid until", {2.5, false, kMuted}, textWidth);
  svg.text(kPadMm, 45.8, expires, {3.6, true}, textWidth);
  svg.text(kPadMm, 50.8, "Issued by " + face.issuingService, {2.6, false, kMuted}, textWidth);
  svg.raw("</g>\n");

  // Back: the QR code to check the card, what may be shared, and what health staff should do.
  const double qrSize = 38;
  const double qrY = (kCardHeightMm - qrSize) / 2;
  const double columnX = backX + 2.5 + qrSize + 2.5;
  const double columnWidth = backX + kCardWidthMm - kPadMm + 1 - columnX;
  svg.raw("<g>\n");
  cardOutline(svg, backX);
  qrCode(svg, *qr, backX + 2.5, qrY, qrSize);
  double y = 6.5;
  y = svg.paragraph(columnX, y, "You can share with me:", {2.5, true}, columnWidth);
  if (face.sharing.empty()) {
    y = svg.paragraph(columnX, y, "No areas agreed", {2.5}, columnWidth);
  } else {
    for (auto area : face.sharing)
      y = svg.paragraph(columnX, y, "\xE2\x80\xA2 " + std::string(plainWords(area)), {2.5}, columnWidth);
  }
  y += 0.8;
  y = svg.paragraph(
      columnX, y,
      "Health staff: I care for someone at home. If I am taken ill, they may be alone and need help.", {2.1},
      columnWidth);
  y += 0.8;
  std::string check = "Scan the code to check this card";
  if (!face.contactPhone.empty()) check += ", or call " + face.contactPhone;
  svg.paragraph(columnX, y, check + ".", {2.1, true}, columnWidth);
  svg.raw("</g>\n</svg>\n");
  return svg.str();
}

}  // namespace ycr::services
