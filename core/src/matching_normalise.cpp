#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "ycr/core/matching/normalise.h"

namespace ycr::matching {
namespace {

struct Fold {
  char32_t from;
  const char* to;
};

// Multi-letter folds and the letters outside the contiguous tables.
constexpr std::array kSpecialFolds{
    Fold{U'\u00C6', "ae"},
    Fold{U'\u00E6', "ae"},
    Fold{U'\u00DE', "th"},
    Fold{U'\u00FE', "th"},
    Fold{U'\u00DF', "ss"},
    Fold{U'\u1E9E', "ss"},
    Fold{U'\u0132', "ij"},
    Fold{U'\u0133', "ij"},
    Fold{U'\u0152', "oe"},
    Fold{U'\u0153', "oe"},
    Fold{U'\u00D8', "o"},
    Fold{U'\u00F8', "o"},
    Fold{U'\u0141', "l"},
    Fold{U'\u0142', "l"},
    Fold{U'\u0110', "d"},
    Fold{U'\u0111', "d"},
    Fold{U'\u00D0', "d"},
    Fold{U'\u00F0', "d"},
    Fold{U'\u0131', "i"},
    Fold{U'\u0130', "i"},
    // Latin Extended-B letters in use in Vietnamese, Romanian, Azerbaijani, pinyin.
    Fold{U'\u01A0', "o"},
    Fold{U'\u01A1', "o"},
    Fold{U'\u01AF', "u"},
    Fold{U'\u01B0', "u"},
    Fold{U'\u01CD', "a"},
    Fold{U'\u01CE', "a"},
    Fold{U'\u01CF', "i"},
    Fold{U'\u01D0', "i"},
    Fold{U'\u01D1', "o"},
    Fold{U'\u01D2', "o"},
    Fold{U'\u01D3', "u"},
    Fold{U'\u01D4', "u"},
    Fold{U'\u01D5', "u"},
    Fold{U'\u01D6', "u"},
    Fold{U'\u01D7', "u"},
    Fold{U'\u01D8', "u"},
    Fold{U'\u01D9', "u"},
    Fold{U'\u01DA', "u"},
    Fold{U'\u01DB', "u"},
    Fold{U'\u01DC', "u"},
    Fold{U'\u0218', "s"},
    Fold{U'\u0219', "s"},
    Fold{U'\u021A', "t"},
    Fold{U'\u021B', "t"},
    Fold{U'\u018F', "e"},
    Fold{U'\u0259', "e"},
    Fold{U'\u0192', "f"},
    Fold{U'\u01E6', "g"},
    Fold{U'\u01E7', "g"},
    Fold{U'\u01F0', "j"},
};

// U+00C0..U+00FF, one letter each ('_' = special fold, ' ' = not a letter).
constexpr std::string_view kLatin1 =
    "aaaaaa_ceeeeiiii"   // C0-CF
    "_nooooo _uuuuy__"   // D0-DF
    "aaaaaa_ceeeeiiii"   // E0-EF
    "_nooooo _uuuuy_y";  // F0-FF
static_assert(kLatin1.size() == 64);

// Written out exactly, 16 per row.
constexpr std::string_view kExtA =
    "aaaaaaccccccccdd"   // 0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "_deeeeeeeeeegggg"   // 0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "gggghhhhiiiiiiii"   // 0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "____jjkkklllllll"   // 0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "l__nnnnnnnnnoooo"   // 0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "oo__rrrrrrssssss"   // 0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "sstttttttuuuuuuu"   // 0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "uuuuuwwyyyzzzzzs";  // 0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
static_assert(kExtA.size() == 128);

bool isApostrophe(char32_t c) {
  return c == U'\'' || c == U'`' || c == U'\u2018' || c == U'\u2019' || c == U'\u02BC' || c == U'\u00B4';
}

bool isSeparator(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'-' || c == U'.' || c == U',' ||
         c == U'_' || c == U'/' || c == U'\u00A0' || (c >= U'\u2010' && c <= U'\u2015');
}

// Appends the folded form of one code point (nothing when it is dropped).
void foldCodePoint(char32_t c, std::string& out) {
  if (c < 0x80) {
    if (c >= 'A' && c <= 'Z')
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out.push_back(static_cast<char>(c));
    return;  // other ASCII punctuation is dropped
  }
  if (c >= 0x300 && c <= 0x36F) return;  // combining accents (decomposed input such as "Zoe\u0308")
  for (const auto& f : kSpecialFolds) {
    if (f.from == c) {
      out += f.to;
      return;
    }
  }
  if (c >= 0xC0 && c <= 0xFF) {
    char l = kLatin1[c - 0xC0];
    if (l != ' ' && l != '_') out.push_back(l);
    return;
  }
  if (c >= 0x100 && c <= 0x17F) {
    char l = kExtA[c - 0x100];
    if (l != ' ' && l != '_') out.push_back(l);
    return;
  }
  // Latin Extended Additional: the Vietnamese block U+1EA0..U+1EF9 in runs of one base letter.
  if (c >= 0x1EA0 && c <= 0x1EB7) {
    out.push_back('a');
    return;
  }
  if (c >= 0x1EB8 && c <= 0x1EC7) {
    out.push_back('e');
    return;
  }
  if (c >= 0x1EC8 && c <= 0x1ECB) {
    out.push_back('i');
    return;
  }
  if (c >= 0x1ECC && c <= 0x1EE3) {
    out.push_back('o');
    return;
  }
  if (c >= 0x1EE4 && c <= 0x1EF1) {
    out.push_back('u');
    return;
  }
  if (c >= 0x1EF2 && c <= 0x1EF9) {
    out.push_back('y');
    return;
  }
  if (c >= 0x2000 && c <= 0x206F) return;  // general punctuation, zero-width characters
  if (c == 0xFEFF || c == 0xFFFD) return;  // byte order mark, replacement character
  // Other scripts are kept; Greek and Cyrillic capitals are lower-cased so case never matters.
  if (c >= 0x391 && c <= 0x3A9)
    c += 0x20;
  else if (c >= 0x410 && c <= 0x42F)
    c += 0x20;
  else if (c >= 0x400 && c <= 0x40F)
    c += 0x50;
  char32_t one[1] = {c};
  out += encodeUtf8(std::u32string_view(one, 1));
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isAlpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
char upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

std::optional<Date> makeDate(int y, int m, int d) {
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
            std::chrono::day{static_cast<unsigned>(d)}};
  if (!date.ok()) return std::nullopt;
  return date;
}

bool allDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return isDigit(c); });
}

int toInt(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::u32string decodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      out.push_back(b);
      ++i;
      continue;
    }
    int extra = 0;
    char32_t cp = 0;
    if ((b & 0xE0) == 0xC0) {
      extra = 1;
      cp = b & 0x1F;
    } else if ((b & 0xF0) == 0xE0) {
      extra = 2;
      cp = b & 0x0F;
    } else if ((b & 0xF8) == 0xF0) {
      extra = 3;
      cp = b & 0x07;
    } else {
      ++i;
      continue;
    }  // stray continuation or invalid lead byte
    if (i + static_cast<std::size_t>(extra) >= text.size()) {
      ++i;
      continue;
    }
    bool valid = true;
    for (int k = 1; k <= extra; ++k) {
      auto cb = static_cast<unsigned char>(text[i + k]);
      if ((cb & 0xC0) != 0x80) {
        valid = false;
        break;
      }
      cp = (cp << 6) | (cb & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (!valid || cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      ++i;  // overlong, surrogate or truncated: drop the lead byte and resynchronise
      continue;
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

std::string encodeUtf8(std::u32string_view codePoints) {
  std::string out;
  out.reserve(codePoints.size());
  for (char32_t c : codePoints) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

namespace {

// Unicode's compatibility normalisation (NFKC) of valid UTF-8; the text unchanged when utf8proc
// refuses it.
std::string compatibilityForm(const std::string& text) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
      &mapped, static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE));
  if (n < 0) return text;
  std::string out(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
  std::free(mapped);
  return out;
}

std::string foldCodePoints(const std::u32string& codePoints) {
  std::string out;
  out.reserve(codePoints.size());
  bool pendingSpace = false;
  for (char32_t c : codePoints) {
    if (isSeparator(c)) {
      pendingSpace = !out.empty();
      continue;
    }
    if (isApostrophe(c)) continue;  // O'Brien -> obrien, not "o brien"
    std::size_t before = out.size();
    if (pendingSpace) out.push_back(' ');
    std::size_t afterSpace = out.size();
    foldCodePoint(c, out);
    if (out.size() == afterSpace)
      out.resize(before);  // nothing appended: keep the space pending
    else
      pendingSpace = false;
  }
  return out;
}

}  // namespace

std::string foldName(std::string_view name) {
  const bool ascii =
      std::all_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  std::u32string codePoints = decodeUtf8(name);
  if (ascii) return foldCodePoints(codePoints);  // ASCII is its own NFKC
  // Letters in compatibility forms (full-width Ｎａｄｉａ, mathematical 𝐓𝐡𝐞, the ligature ﬁ) are
  // the letters they show: a name pasted from a phone or a styled text generator, which the
  // validator accepts as letters, then matches the plain spelling. The stored name is untouched.
  std::string folded = foldCodePoints(decodeUtf8(compatibilityForm(encodeUtf8(codePoints))));
  // The few letters whose compatibility form is only a space and marks (U+037A) are kept as they
  // are, so an accepted name never folds to nothing.
  if (folded.empty()) return foldCodePoints(codePoints);
  // Folding drops what can keep characters apart in NFKC (a joiner between Hangul jamo, an
  // apostrophe before a mark), so once more until nothing changes: folding a folded name must give
  // it back (tests/fuzz/names.cpp). A round only composes or reorders what the last one left.
  for (int round = 0; round < 8; ++round) {
    std::string again = foldCodePoints(decodeUtf8(compatibilityForm(folded)));
    if (again == folded || again.empty()) break;
    folded = std::move(again);
  }
  return folded;
}

std::string compactName(std::string_view name) {
  std::string folded = foldName(name);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  // Spaces gone can bring together what NFKC joins (jamo), so compact the compact form until it
  // is its own (ASCII always is).
  for (int round = 0; round < 8; ++round) {
    if (std::all_of(folded.begin(), folded.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      break;
    std::string again = foldName(folded);
    again.erase(std::remove(again.begin(), again.end(), ' '), again.end());
    if (again == folded) break;
    folded = std::move(again);
  }
  return folded;
}

std::vector<std::string> nameParts(std::string_view name) {
  std::vector<std::string> parts;
  std::string folded = foldName(name);
  std::size_t start = 0;
  while (start < folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    if (end > start) parts.emplace_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string soundex(std::string_view compact) {
  // Codes for a..z; '0' for vowels and y, '-' for h and w (which do not separate equal codes).
  static constexpr std::string_view kCodes = "01230120022455012623010202";
  std::string key;
  char last = 0;
  for (char c : compact) {
    if (c < 'a' || c > 'z') continue;
    char code = kCodes[static_cast<std::size_t>(c - 'a')];
    if (key.empty()) {
      key.push_back(upper(c));
      last = code;
      continue;
    }
    if (c == 'h' || c == 'w') continue;
    if (code != '0' && code != last) key.push_back(code);
    last = code;
    if (key.size() == 4) break;
  }
  if (key.empty()) {
    // No Latin letter (a name in another script): the first code points identify the block.
    std::string head = compact.size() > 12 ? std::string(compact.substr(0, 12)) : std::string(compact);
    return "#" + head;
  }
  while (key.size() < 4) key.push_back('0');
  return key;
}

std::optional<Postcode> parsePostcode(std::string_view text) {
  std::string s;
  for (char c : text) {
    if (isAlpha(c) || isDigit(c))
      s.push_back(upper(c));
    else if (c != ' ' && c != '\t' && c != '-')
      return std::nullopt;
  }
  auto validOutward = [](std::string_view o) {
    // A9, A99, AA9, AA99, A9A, AA9A: one or two letters, a digit, then a digit or letter.
    if (o.size() < 2 || o.size() > 4 || !isAlpha(o[0])) return false;
    std::size_t i = isAlpha(o[1]) ? 2 : 1;
    if (i >= o.size() || !isDigit(o[i])) return false;
    if (i + 1 < o.size() && !(isDigit(o[i + 1]) || isAlpha(o[i + 1]))) return false;
    return i + 2 >= o.size();
  };
  Postcode pc;
  if (s.size() >= 5 && isDigit(s[s.size() - 3]) && isAlpha(s[s.size() - 2]) && isAlpha(s.back())) {
    std::string outward = s.substr(0, s.size() - 3);
    if (!validOutward(outward)) return std::nullopt;
    pc.district = outward;
    pc.sector = outward + " " + s[s.size() - 3];
    pc.full = outward + " " + s.substr(s.size() - 3);
  } else if (validOutward(s)) {
    pc.district = s;
  } else {
    return std::nullopt;
  }
  std::size_t letters = isAlpha(pc.district[1]) ? 2 : 1;
  pc.area = pc.district.substr(0, letters);
  return pc;
}

std::optional<Date> parseFlexibleDate(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  if (text.size() == 8 && allDigits(text))
    return makeDate(toInt(text.substr(0, 4)), toInt(text.substr(4, 2)), toInt(text.substr(6, 2)));
  // A time part such as "2012-04-03 00:00:00" or "3/4/2012 00:00" is ignored.
  if (auto sp = text.find_first_of(" T"); sp != std::string_view::npos && sp >= 8) text = text.substr(0, sp);
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '-' || text[i] == '/' || text[i] == '.') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3 || !allDigits(parts[0]) || !allDigits(parts[1]) || !allDigits(parts[2]))
    return std::nullopt;
  if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2)
    return makeDate(toInt(parts[0]), toInt(parts[1]), toInt(parts[2]));
  if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2)
    return makeDate(toInt(parts[2]), toInt(parts[1]), toInt(parts[0]));  // UK order: day first
  return std::nullopt;
}

namespace {

// The words of an address that say what kind of place it is, as addresses abbreviate them; the long
// forms are also the words addressKey passes over to find the street's own name.
struct Abbreviation {
  std::string_view shortForm, longForm;
};
constexpr Abbreviation kAbbreviations[] = {
    {"rd", "road"},   {"st", "street"},     {"ave", "avenue"},     {"av", "avenue"},    {"ln", "lane"},
    {"cl", "close"},  {"cres", "crescent"}, {"dr", "drive"},       {"gdns", "gardens"}, {"ct", "court"},
    {"pl", "place"},  {"sq", "square"},     {"tce", "terrace"},    {"gr", "grove"},     {"pk", "park"},
    {"flat", "flat"}, {"apt", "flat"},      {"apartment", "flat"},
};

// A kind of place (road, close, flat: any long form above) or a word no street is named by.
bool isPlaceKind(std::string_view token) {
  static constexpr std::string_view kOthers[] = {"way", "house", "the"};
  for (const auto& a : kAbbreviations)
    if (token == a.longForm) return true;
  return std::find(std::begin(kOthers), std::end(kOthers), token) != std::end(kOthers);
}

}  // namespace

std::vector<std::string> addressTokens(std::string_view address) {
  std::vector<std::string> tokens;
  for (auto& part : nameParts(address)) {
    for (const auto& a : kAbbreviations) {
      if (part == a.shortForm) {
        part = std::string(a.longForm);
        break;
      }
    }
    tokens.push_back(std::move(part));
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

// A household's address as a blocking key, or "" when it has no number or no street: its numbers
// (house, flat) and the soundex of its longest word that is not a kind of street, so that the same
// home is found with the postcode, the names and the date of birth all mistyped (issue 20: "44
// Spencer Cllose" / "44 Spencer Close", "28 Chedon Drive" / "28 Cheddon Drive"). The folded
// address's tokens are sorted, so the key does not depend on the order they were written in.
std::string addressKey(const std::string& foldedAddress) {
  std::string numbers, street;
  for (const auto& token : nameParts(foldedAddress)) {
    if (std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      numbers += token;
      numbers += ' ';
    } else if (token.size() > street.size() && !isPlaceKind(token)) {
      street = token;
    }
  }
  if (numbers.empty() || street.size() < 3) return {};
  return numbers + soundex(street);
}

}  // namespace ycr::matching
