#pragma once
// Field comparators: each turns two values of one field into a comparison level, best first.
// The levels are what the Fellegi-Sunter model (matcher.h) attaches m and u probabilities to.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ycr/core/matching/normalise.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr::matching {

// Jaro similarity and the Jaro-Winkler variant (prefix scale 0.1, up to 4 characters, applied
// whatever the Jaro value), over code points. Both are 1 for two equal strings and 0 when either
// is empty and the other is not.
double jaro(std::string_view a, std::string_view b);
double jaroWinkler(std::string_view a, std::string_view b);

// Given-name variants and diminutives: groups of names that are the same person's name
// (mohammed, mohamed, muhammad; william, will, bill, liam). A name may be in several groups
// (alex: alexander and alexandra). Every name in the table is a known given name; a line with
// one name just records a known name without variants. Two different known names are two
// children (Harvey and Harley are twins, not a typo); an unknown spelling close to a known
// name is more likely a slip. Loaded from core/data/diminutives.csv.
class NameVariants {
 public:
  NameVariants() = default;
  // One group per line, names separated by commas; '#' starts a comment line; names are folded
  // with compactName. A line with a single name adds a known name without variants.
  static Result<NameVariants> parse(std::string_view csvText);
  static Result<NameVariants> loadFile(const std::string& path);

  // Group numbers of a compact name; empty when the name is in no group.
  const std::vector<std::uint32_t>& groupsOf(std::string_view compact) const;
  bool areVariants(std::string_view compactA, std::string_view compactB) const;
  // The lowest group number of the name, used as a blocking key; nullopt when in no group.
  std::optional<std::uint32_t> primaryGroup(std::string_view compact) const;
  bool isKnown(std::string_view compact) const;
  std::size_t groupCount() const { return groupCount_; }

 private:
  std::unordered_map<std::string, std::vector<std::uint32_t>> groups_;
  std::unordered_map<std::string, bool> known_;
  std::size_t groupCount_ = 0;
};

enum class GivenNameLevel { exact, variant, similar, weak, different };
enum class FamilyNameLevel { exact, part, similar, shared_part, weak, different };
enum class DobLevel { exact, day_month_swapped, one_digit, year_only_different, same_month_year, other };
enum class PostcodeLevel { full, sector, district, other };
enum class SchoolLevel { equal, different };
enum class AddressLevel { same, overlap, different };

const char* toString(GivenNameLevel level);
const char* toString(FamilyNameLevel level);
const char* toString(DobLevel level);
const char* toString(PostcodeLevel level);
const char* toString(SchoolLevel level);
const char* toString(AddressLevel level);

// Similarity thresholds, shared so the explanation can quote them.
inline constexpr double kSimilarNameJw = 0.90;
inline constexpr double kWeakNameJw = 0.80;

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), over code points.
int editDistance(std::string_view a, std::string_view b);
// Keying slips in a name: at most two (one for names under five letters) letters wrong,
// missing, doubled or swapped; never the first letter (Ava / Eva), and not a single vowel
// changed, added or dropped at the end (Louis / Louise, Francis / Frances, Leo / Lea) unless
// it doubles the letter before it (Joshuaa).
bool isLikelyTypo(std::string_view compactA, std::string_view compactB);

// Given names, folded: equal when compact forms are equal; variant when in one group of the
// table or when one is the other's first part ("Mary" / "Mary-Jane"); then by Jaro-Winkler.
GivenNameLevel compareGivenNames(std::string_view foldedA, std::string_view foldedB,
                                 const NameVariants& variants);
// The same, when the caller already knows whether the whole names are variants of each other
// (the index keeps each record's variant groups, so lookups need no table access).
GivenNameLevel compareGivenNames(std::string_view foldedA, std::string_view foldedB,
                                 bool wholeNamesAreVariants, const NameVariants& variants);
// Family names, folded: part when every part of one is a part of the other ("jones" / "smith
// jones", "smith jones" / "jones smith": a part left out or the order changed); then similar by
// Jaro-Winkler on the compact forms (a slip); shared_part when they share a part and each has a
// part the other lacks ("lungu cibek" / "lungu vqyzt": the kin of a family, or a part replaced);
// then weak or different by Jaro-Winkler.
FamilyNameLevel compareFamilyNames(std::string_view foldedA, std::string_view foldedB);
// Dates of birth, checked in this order: exact; day and month swapped (03/04 vs 04/03); one digit
// of YYYYMMDD different; same day and month in another year; same month and year; other.
DobLevel compareDatesOfBirth(const Date& a, const Date& b);
// Postcodes: full, same sector (LE2 7GH / LE2 7HG), same district, other. An outward code alone
// can agree at district level at best.
PostcodeLevel comparePostcodes(const Postcode& a, const Postcode& b);
SchoolLevel compareSchools(std::string_view urnA, std::string_view urnB);
// Address tokens (sorted, unique): same when the Jaccard overlap is at least 0.8, overlap from 0.4.
AddressLevel compareAddresses(const std::vector<std::string>& a, const std::vector<std::string>& b);
double tokenOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b);
// The same over hashed tokens (sorted, unique; see hashTokens), as the index stores them.
std::vector<std::uint32_t> hashTokens(const std::vector<std::string>& tokens);
AddressLevel compareAddresses(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b);

}  // namespace ycr::matching
