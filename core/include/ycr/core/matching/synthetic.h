#pragma once
// A seeded generator of UK-style young people and of the duplicates that different sources
// make of them, with ground truth, for tests, benchmarks and `ycr linkage-eval`. Nothing here
// is about real people: names are common names of the communities found in English councils;
// postcodes are well-formed but invented.

#include <cstdint>
#include <string>
#include <vector>

#include "ycr/core/matching/linkage.h"
#include "ycr/core/matching/matcher.h"
#include "ycr/core/time.h"

namespace ycr::matching {

struct SyntheticConfig {
  std::uint64_t seed = 20240901;
  // Ages 5-17 on this date.
  Date referenceDate = Date{std::chrono::year{2024}, std::chrono::September, std::chrono::day{1}};
  // Postcode districts the households live in.
  std::vector<std::string> districts = {"LE1", "LE2", "LE3", "LE4", "LE5", "WA7", "TA1"};
  double twinRate = 0.03;  // chance that a second or later child is a twin of the one before
  // 0: names drawn uniformly from the lists; s > 0: the name of rank r drawn with weight 1/r^s
  // (Zipf), so that common names are as common as on a real register.
  double nameZipf = 0;
};

// Chances of each kind of error when a source records a child; each applies independently.
struct ErrorRates {
  double givenTypo = 0.04, familyTypo = 0.04, transposition = 0.03, nickname = 0.06, swappedNames = 0.01;
  double hyphenOrSpace = 0.05, accentsDropped = 0.5 /* of names that have any */;
  double dayMonthSwapped = 0.02, dobDigitSlip = 0.02, postcodeSlip = 0.03, moved = 0.05, schoolChanged = 0.05;
  double missingDob = 0.01, missingPostcode = 0.03, missingSchool = 0.10, missingAddress = 0.05;
  double addressRewritten = 0.2, upperCase = 0.1;
};

class SyntheticGenerator {
 public:
  explicit SyntheticGenerator(SyntheticConfig config = {});
  // `count` young people in households (siblings share family name, address and often school;
  // some are twins: same date of birth, different given names). Ids from firstId upwards.
  std::vector<PersonRecord> population(std::size_t count, Id firstId = 1);
  // The same child as another source records them. `applied` (if given) receives the names of
  // the errors made ("given_typo", "day_month_swapped", ...).
  PersonRecord duplicate(const PersonRecord& truth, const ErrorRates& rates,
                         std::vector<std::string>* applied = nullptr);
  // The date written as a spreadsheet might: ISO, d/m/yyyy, dd/mm/yyyy or yyyymmdd.
  std::string formatDateMixed(const Date& date);

 private:
  struct Household;
  Household household();
  std::string randomPostcode(const std::string& district);
  std::string randomAddress();
  std::string school(const std::string& district, int age);
  std::uint64_t next();
  double uniform();
  std::size_t below(std::size_t n);
  std::size_t pick(std::size_t n);  // an index into a name list, uniform or Zipf

  SyntheticConfig config_;
  std::uint64_t state_;
};

// The committed linkage files: `people` children, each appearing in each source with that
// source's probability (at least once overall), each appearance a duplicate with errors.
struct LinkageFilesConfig {
  std::uint64_t seed = 20240901;
  std::size_t people = 3000;
  std::vector<std::string> sourceNames = {"school", "gp", "referrals"};
  std::vector<double> sourceCoverage = {0.85, 0.75, 0.70};
  double withinSourceDuplicates = 0.03;  // a second row for the same child in one source
  ErrorRates rates;
};
struct LinkageSource {
  std::string name;
  std::vector<LinkageRow> rows;
};
std::vector<LinkageSource> generateLinkageFiles(const LinkageFilesConfig& config);
// The comment line that documents the generator's parameters in each file.
std::string describe(const LinkageFilesConfig& config);

}  // namespace ycr::matching
