#pragma once
// Normalisation of the identifying fields of a child before comparison. The same child arrives
// as "Mohammed Al-Amin, 3/4/2012, LE2 7GH" from a school and "Mohamed Alamin, 2012-04-03,
// LE2 7HG" from a GP; everything here turns both into forms that compare equal or nearly so.
// Every function accepts any bytes: invalid UTF-8 is skipped, never fatal.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/time.h"

namespace ycr::matching {

// Decodes UTF-8 into code points; invalid or truncated sequences are dropped byte by byte.
std::u32string decodeUtf8(std::string_view text);
std::string encodeUtf8(std::u32string_view codePoints);

// A name folded for comparison: lower case, Latin accents folded (é->e, ß->ss, æ->ae, ø->o,
// ł->l, Vietnamese ễ/ạ...), apostrophes and other punctuation removed (O'Brien -> obrien),
// hyphens, dots and runs of spaces turned into one space (Al-Amin -> "al amin").
// Letters of other scripts are kept (lower-cased where Greek or Cyrillic).
std::string foldName(std::string_view name);
// The folded name with its separators removed, so "Al-Amin", "Al Amin" and "Alamin" are equal.
std::string compactName(std::string_view name);
// The parts of a folded name ("smith jones" -> {"smith", "jones"}), for double-barrelled names.
std::vector<std::string> nameParts(std::string_view name);

// American Soundex of a compact name (letters a-z only; others ignored). Names with no Latin
// letter get a key derived from their code points so they still block together exactly.
std::string soundex(std::string_view compact);

// A UK postcode split into the units the comparators use. "le27gh" -> full "LE2 7GH",
// sector "LE2 7", district "LE2", area "LE". An outward code alone ("LE2") parses with
// full and sector empty.
struct Postcode {
  std::string full;
  std::string sector;
  std::string district;
  std::string area;
};
std::optional<Postcode> parsePostcode(std::string_view text);

// A date of birth as spreadsheets hold it: ISO 2012-04-03, UK day-first 3/4/2012 or 03-04-2012
// or 03.04.2012, compact 20120403. Two-digit years are refused (the century is a guess).
std::optional<Date> parseFlexibleDate(std::string_view text);

// Address words folded, with common abbreviations expanded (rd -> road), sorted, unique; the
// postcode is not part of it.
std::vector<std::string> addressTokens(std::string_view address);
// A home as a blocking key (the house and flat numbers and the soundex of the street's name), from
// an address folded by prepare(); "" when it has no number or no street.
std::string addressKey(const std::string& foldedAddress);

}  // namespace ycr::matching
