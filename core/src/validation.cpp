#include "ycr/core/validation.h"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>

namespace ycr::validation {
namespace {

// Decodes one UTF-8 sequence; returns bytes consumed or 0 when invalid.
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  if (b < 0x80) {
    cp = b;
    return 1;
  } else if ((b & 0xE0) == 0xC0) {
    cp = b & 0x1F;
    len = 2;
  } else if ((b & 0xF0) == 0xE0) {
    cp = b & 0x0F;
    len = 3;
  } else if ((b & 0xF8) == 0xF0) {
    cp = b & 0x07;
    len = 4;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (c & 0x3F);
  }
  // Overlong encodings, surrogates and out-of-range values are invalid.
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

bool isControl(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029;
}

// The punctuation a name may have: the space, hyphens (ASCII and the Unicode hyphen and
// non-breaking hyphen), apostrophes (ASCII, the right and left single quotation marks that word
// processors and phones type for it, and the modifier letter apostrophe) and the full stop.
bool isNamePunctuation(char32_t cp) {
  return cp == U' ' || cp == U'-' || cp == U'\u2010' || cp == U'\u2011' || cp == U'\'' || cp == U'\u2019' ||
         cp == U'\u2018' || cp == U'\u02BC' || cp == U'.';
}

// The zero-width non-joiner and joiner: invisible, but they choose how letters join (Persian
// names; Indic conjuncts, after a virama), so a name may have one between letters.
bool isJoinerControl(char32_t cp) {
  return cp == U'\u200C' || cp == U'\u200D';
}

// A no-break space, pasted from a word processor, is the space the user meant.
std::string withPlainSpaces(std::string_view s) {
  std::string out(s);
  for (std::size_t i = 0; (i = out.find("\xC2\xA0", i)) != std::string::npos;) out.replace(i, 2, " ");
  return out;
}

// Letters in any script, by the Unicode database (utf8proc's), so a table of ours never lags a
// new script or calls a maths symbol (U+221A) a letter. The modifier letter apostrophe is a
// letter to Unicode but an apostrophe to a name (isNamePunctuation), which the matcher drops as
// one; the Hangul fillers (U+3164 ...) are letters that show nothing, refused as a blank would be.
bool isLetter(char32_t cp) {
  auto c = static_cast<utf8proc_int32_t>(cp);
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: return cp != U'\u02BC' && !utf8proc_get_property(c)->ignorable;
    default: return false;
  }
}

// Combining marks: accents typed decomposed (Zoe + U+0308), and the vowel signs of Indic scripts.
bool isMark(char32_t cp) {
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC ||
         category == UTF8PROC_CATEGORY_ME;
}

std::string f(std::string_view s) {
  return std::string(s);
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    std::size_t n = decode(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t codePointCount(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp;
    std::size_t n = decode(text, i, cp);
    i += n == 0 ? 1 : n;
    ++count;
  }
  return count;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string indexedField(const std::string& field, std::size_t i) {
  return field + "[" + std::to_string(i) + "]";
}

bool isBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) != 0; });
}

Result<std::string> name(std::string_view field, std::string_view value, bool required) {
  // C2 A0 is a no-break space wherever it is: C2 only ever leads a sequence.
  std::string trimmed = trim(withPlainSpaces(value));
  if (trimmed.empty()) {
    if (!required) return std::string();
    return DomainError::field(f(field), "required", "Enter a name");
  }
  if (!isValidUtf8(trimmed))
    return DomainError::field(f(field), "invalid_characters",
                              "The name contains characters that cannot be read");
  std::string out;
  bool lastSpace = false, hasLetter = false;
  char32_t previous = 0;
  for (std::size_t i = 0; i < trimmed.size();) {
    char32_t cp;
    std::size_t n = decode(trimmed, i, cp);
    if (isControl(cp))
      return DomainError::field(f(field), "invalid_characters",
                                "The name must not contain control characters");
    // An allowlist rather than a list of refused symbols: maths symbols, emoji, brackets and
    // the like are not part of anyone's name.
    bool letter = isLetter(cp);
    bool joiner = false;
    if (isJoinerControl(cp)) {
      char32_t next = 0;
      joiner = i + n < trimmed.size() && decode(trimmed, i + n, next) != 0 && isLetter(next) &&
               (isLetter(previous) || isMark(previous));
    }
    if (!letter && !joiner && !isNamePunctuation(cp) && !isMark(cp))
      return DomainError::field(
          f(field), "invalid_characters",
          "A name can only include letters, spaces, hyphens, apostrophes and full stops");
    previous = cp;
    hasLetter = hasLetter || letter;
    bool space = cp == ' ';
    if (!(space && lastSpace)) out.append(trimmed, i, n);
    lastSpace = space;
    i += n;
  }
  // Punctuation alone ("-", ".", "' -") is not a name, and the matcher folds it away to
  // nothing: Amira with the family name "-" and Amira with "." would be taken for one child.
  if (!hasLetter)
    return DomainError::field(f(field), "invalid_characters", "A name must include at least one letter");
  if (codePointCount(out) > kMaxNameLength)
    return DomainError::field(f(field), "too_long", "The name must be 100 characters or fewer");
  return out;
}

Result<std::string> text(std::string_view field, std::string_view value, std::size_t maxChars,
                         bool required) {
  if (trim(value).empty()) {
    if (required) return DomainError::field(f(field), "required", "Enter some text");
    return std::string();
  }
  if (!isValidUtf8(value))
    return DomainError::field(f(field), "invalid_characters",
                              "The text contains characters that cannot be read");
  for (std::size_t i = 0; i < value.size();) {
    char32_t cp;
    std::size_t n = decode(value, i, cp);
    if (isControl(cp) && cp != '\n' && cp != '\r' && cp != '\t')
      return DomainError::field(f(field), "invalid_characters",
                                "The text must not contain control characters");
    i += n;
  }
  if (codePointCount(value) > maxChars)
    return DomainError::field(f(field), "too_long",
                              "The text must be " + std::to_string(maxChars) + " characters or fewer");
  return std::string(value);
}

Result<Date> dateOfBirth(std::string_view field, std::string_view value, const Date& today) {
  std::string v = trim(value);
  if (v.empty()) return DomainError::field(f(field), "required", "Enter a date of birth");
  auto d = parseIsoDate(v);
  if (!d)
    return DomainError::field(f(field), "invalid_date", "Date of birth must be a real date, like 2012-04-03");
  if (std::chrono::sys_days(*d) > std::chrono::sys_days(today))
    return DomainError::field(f(field), "in_future", "Date of birth must be in the past");
  if (static_cast<int>(d->year()) < 1900)
    return DomainError::field(f(field), "invalid_date", "Date of birth must be after 1900");
  return *d;
}

std::string textField(FieldErrors& errors, const std::string& field, const std::optional<std::string>& value,
                      std::size_t maxChars, bool required) {
  auto checked = text(field, value.value_or(""), maxChars, required);
  if (!checked) {
    errors.merge(checked.error());
    return {};
  }
  return trim(*checked);
}

std::optional<Date> dateField(FieldErrors& errors, const std::optional<std::string>& value,
                              const std::string& field, const std::string& what) {
  const std::string v = trim(value.value_or(""));
  if (v.empty()) {
    errors.add(field, "required", "Give " + what);
    return std::nullopt;
  }
  auto d = parseIsoDate(v);
  if (!d) {
    std::string said = what;
    if (!said.empty()) said[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(said[0])));
    errors.add(field, "invalid_date", said + " is not a real date (YYYY-MM-DD)");
  }
  return d;
}

Status ageForRegister(std::string_view field, const Date& dob, const Date& on, bool youngAdultCarer) {
  int age = ageOn(dob, on);
  if (youngAdultCarer) {
    // DOMAIN.md: young adult carers are 18 to 25; older carers are the adult carers' service's.
    if (age > 25) return DomainError::field(f(field), "too_old", kOlderThanYoungAdultCarer);
    if (age < 18)
      return DomainError::field(f(field), "out_of_range", "A young adult carer must be 18 to 25 years old");
    return {};
  }
  if (age >= 18)
    return DomainError::field(
        f(field), "too_old", "A young carer must be under 18; record a young adult carer (18 to 25) instead");
  return {};
}

Result<std::string> postcode(std::string_view field, std::string_view value) {
  std::string compact;
  for (char c : value) {
    if (c == ' ' || c == '\t') continue;
    compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  if (compact.empty()) return DomainError::field(f(field), "required", "Enter a postcode");
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto bad = DomainError::field(f(field), "invalid_postcode", "Enter a real postcode, like LE2 7GH");
  // Inward code: digit then two letters (never C, I, K, M, O or V).
  if (compact.size() < 5 || compact.size() > 7) return bad;
  std::string inward = compact.substr(compact.size() - 3);
  std::string outward = compact.substr(0, compact.size() - 3);
  const std::string notInward = "CIKMOV";
  if (!digit(inward[0]) || !alpha(inward[1]) || !alpha(inward[2]) ||
      notInward.find(inward[1]) != std::string::npos || notInward.find(inward[2]) != std::string::npos)
    return bad;
  // Outward code forms: A9, A99, AA9, AA99, A9A, AA9A.
  auto matches = [&](std::string_view pattern) {
    if (pattern.size() != outward.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i)
      if ((pattern[i] == 'A' && !alpha(outward[i])) || (pattern[i] == '9' && !digit(outward[i])))
        return false;
    return true;
  };
  bool ok = matches("A9") || matches("A99") || matches("AA9") || matches("AA99") || matches("A9A") ||
            matches("AA9A");
  if (!ok || std::string("QVX").find(outward[0]) != std::string::npos) return bad;
  return outward + " " + inward;
}

Result<std::string> schoolUrn(std::string_view field, std::string_view value) {
  std::string v = trim(value);
  if (v.size() != 6 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return DomainError::field(f(field), "invalid_urn", "A school's URN is 6 digits, like 120345");
  return v;
}

Result<std::string> gpPracticeOds(std::string_view field, std::string_view value) {
  std::string v = trim(value);
  for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (v.size() != 6 || v[0] < 'A' || v[0] > 'Z' ||
      !std::all_of(v.begin() + 1, v.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return DomainError::field(f(field), "invalid_ods_code",
                              "A GP practice code is a letter and 5 digits, like C82001");
  return v;
}

Result<std::string> nhsNumber(std::string_view field, std::string_view value) {
  std::string digits;
  for (char c : value) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9')
      return DomainError::field(f(field), "invalid_nhs_number",
                                "An NHS number is 10 digits, like 943 476 5919");
    digits.push_back(c);
  }
  if (digits.size() != 10)
    return DomainError::field(f(field), "invalid_nhs_number",
                              "An NHS number is 10 digits, like 943 476 5919");
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10 || check != digits[9] - '0')
    return DomainError::field(f(field), "invalid_nhs_number",
                              "That NHS number is not valid: check the digits");
  return digits;
}

Result<std::string> username(std::string_view field, std::string_view value) {
  std::string v = trim(value);
  for (auto& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool ok = v.size() >= 3 && v.size() <= 64 && std::all_of(v.begin(), v.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_' ||
                     c == '@';
            });
  if (!ok)
    return DomainError::field(f(field), "invalid_username",
                              "A username is 3 to 64 letters, digits, dots, hyphens, underscores or @");
  return v;
}

}  // namespace ycr::validation
