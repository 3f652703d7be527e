#include "ycr/core/text.h"

namespace ycr::text {
namespace {

// Latin-1 Supplement and Latin Extended-A letters to their ASCII base letters.
const char* foldLatin(char32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static const char* const table[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // C0-CF
        "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0-DF
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0-EF
        "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0-FF
    return table[cp - 0xC0];
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    static const char* const table[128] = {
        "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // 100
        "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // 110
        "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // 120
        "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // 130
        "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // 140
        "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // 150
        "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // 160
        "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};  // 170
    return table[cp - 0x100];
  }
  // Vietnamese and other letters in Latin Extended Additional fold by their base letter ranges.
  if (cp >= 0x1EA0 && cp <= 0x1EB7) return "a";
  if (cp >= 0x1EB8 && cp <= 0x1EC7) return "e";
  if (cp >= 0x1EC8 && cp <= 0x1ECB) return "i";
  if (cp >= 0x1ECC && cp <= 0x1EE3) return "o";
  if (cp >= 0x1EE4 && cp <= 0x1EF1) return "u";
  if (cp >= 0x1EF2 && cp <= 0x1EF9) return "y";
  if (cp == 0x1E9E) return "ss";
  if (cp == 0x0131) return "i";
  if (cp == 0x01A1 || cp == 0x01A0) return "o";
  if (cp == 0x01B0 || cp == 0x01AF) return "u";
  return nullptr;
}

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  bool pendingSpace = false;
  auto emit = [&](std::string_view piece) {
    if (piece.empty()) return;
    if (pendingSpace && !out.empty()) out += ' ';
    pendingSpace = false;
    out += piece;
  };
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      char c = static_cast<char>(b);
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        emit(std::string_view(&c, 1));
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pendingSpace = true;
      }
      // Apostrophes, hyphens and other punctuation vanish: O'Brien = OBrien, Al-Amin = AlAmin.
      ++i;
      continue;
    }
    std::size_t len = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
    if (i + len > s.size()) break;
    char32_t cp = len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    if (const char* folded = foldLatin(cp)) {
      emit(folded);
    } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x00A0) {
      if (cp == 0x00A0) pendingSpace = true;  // typographic apostrophes and dashes vanish too
    } else if (len > 1) {
      emit(s.substr(i, len));  // other scripts are kept as they are
    }
    i += len;
  }
  return out;
}

}  // namespace ycr::text
