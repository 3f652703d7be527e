#pragma once
// Field validation for the register's identifiers and personal details. Each function
// returns the normalised value or a field error worded for the person who typed it.

#include <optional>
#include <string>
#include <string_view>

#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr::validation {

inline constexpr std::size_t kMaxNameLength = 100;    // characters, not bytes
inline constexpr std::size_t kMaxTextLength = 10000;  // free text such as a caring summary

// Counts Unicode code points; false for invalid UTF-8.
bool isValidUtf8(std::string_view text);
std::size_t codePointCount(std::string_view text);

// Names in any script: Unicode letters and combining marks with spaces, hyphens (- U+2010
// U+2011), apostrophes (' U+2019 U+02BC, and U+2018, which word processors put for one) and full
// stops (O'Brien, Zoë, Nguyễn, Smith-Jones, D’Arcy, J. R.), the zero-width non-joiner and joiner
// between letters (Persian and Indic names), and at least one letter, so a valid name never folds
// to nothing (matching::foldName). Refused: empty, over the limit, invalid UTF-8 and anything else
// (digits, symbols, emoji, markup, control characters). A no-break space is a space; leading and
// trailing spaces are trimmed, inner runs folded.
Result<std::string> name(std::string_view field, std::string_view value, bool required = true);

// Free text: any printable UTF-8 up to a limit; tabs and newlines allowed; stored verbatim.
Result<std::string> text(std::string_view field, std::string_view value,
                         std::size_t maxChars = kMaxTextLength, bool required = false);

// A real calendar date in ISO form, not in the future.
Result<Date> dateOfBirth(std::string_view field, std::string_view value, const Date& today);

// A day a form or request gives (YYYY-MM-DD), trimmed: an error named `field` is added when it is blank
// ("Give the first day in post", for `what` "the first day in post") or not a real date.
std::optional<Date> dateField(FieldErrors& errors, const std::optional<std::string>& value,
                              const std::string& field, const std::string& what);

// Free text a form or request gives, as text() checks it, trimmed; a failure is added to `errors` under
// `field` (as the API names it) and gives "".
std::string textField(FieldErrors& errors, const std::string& field, const std::optional<std::string>& value,
                      std::size_t maxChars, bool required);

// Where someone older than a young adult carer is sent (the refusal's words, shared by every door).
inline constexpr const char* kOlderThanYoungAdultCarer =
    "Older than 25, so not a young adult carer: refer them to the adult carers' service for a carer's "
    "assessment (Care Act 2014 s10)";

// Under 18 on the reference day, or 18 to 25 when flagged as a young adult carer.
Status ageForRegister(std::string_view field, const Date& dateOfBirth, const Date& on, bool youngAdultCarer);

// UK postcode, normalised to upper case with one space before the inward code ("le27gh" -> "LE2 7GH").
Result<std::string> postcode(std::string_view field, std::string_view value);

// DfE unique reference number of a school: 6 digits.
Result<std::string> schoolUrn(std::string_view field, std::string_view value);

// NHS ODS code of a GP practice: a letter and 5 digits ("C82001"), normalised to upper case.
Result<std::string> gpPracticeOds(std::string_view field, std::string_view value);

// NHS number: 10 digits (spaces allowed) with a modulus 11 check digit.
Result<std::string> nhsNumber(std::string_view field, std::string_view value);

// Usernames: 3-64 of a-z, 0-9, '.', '-', '_', '@'.
Result<std::string> username(std::string_view field, std::string_view value);

// An entry of a list field as errors name it: ("items", 2) -> "items[2]".
std::string indexedField(const std::string& field, std::size_t i);

// Trims ASCII white space.
std::string trim(std::string_view s);
// Empty or only ASCII white space: what a required free-text field must not be.
bool isBlank(std::string_view s);

}  // namespace ycr::validation
