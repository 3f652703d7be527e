#pragma once
// Fellegi-Sunter scoring of a pair of records about young people. Each field's comparison level
// has m = P(level | same child) and u = P(level | different children); the evidence of that
// level is log2(m / u) bits, a missing value contributes 0, and the score is the sum. Scores
// are therefore log2 likelihood ratios: +10 means about a thousand times likelier the same child.
// m and u start from documented defaults (MatchModel::defaults) and are re-estimated from the
// register: u from random pairs (estimateU), m by EM over candidate pairs (estimateByEm).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ycr/core/matching/compare.h"
#include "ycr/core/matching/normalise.h"
#include "ycr/core/model.h"
#include "ycr/core/time.h"

namespace ycr::matching {

// A young person as a source describes them: the register's record, a referral, an import row.
struct PersonRecord {
  Id id = 0;
  std::string givenName, familyName;
  std::optional<Date> dateOfBirth;
  std::string postcode, schoolUrn, address;
};

enum class Field { given_name, family_name, date_of_birth, postcode, school, address };
inline constexpr std::size_t kFieldCount = 6;
const char* toString(Field field);
std::size_t levelCount(Field field);
// The name of a level of a field ("exact", "day_month_swapped", ...).
const char* levelName(Field field, int level);

// A record normalised once (on add to the index, or once per probe) so that comparing is cheap.
struct PreparedRecord {
  Id id = 0;
  std::string given, family;  // folded, parts separated by single spaces
  std::string givenCompact, familyCompact;
  std::vector<std::uint32_t> givenGroups;  // variant groups of givenCompact (see NameVariants)
  std::optional<Date> dateOfBirth;
  std::optional<Postcode> postcode;
  std::string schoolUrn;
  std::string address;                       // folded address tokens joined by spaces, for explanations
  std::vector<std::uint32_t> addressTokens;  // hashed tokens, for comparison (see hashTokens)
};
PreparedRecord prepare(const PersonRecord& record, const NameVariants& variants);

// The level of each field for one pair; -1 where either side lacks the value.
struct ComparisonVector {
  std::array<std::int8_t, kFieldCount> levels{};
  bool namesSwapped = false;  // given and family names agree only when crossed
  int level(Field f) const { return levels[static_cast<std::size_t>(f)]; }
};
// Compares two prepared records. Names are also compared crossed (given with family) when the
// initials cross, and the crossed reading is used when it agrees better (similar or better on
// both names).
// Whether names read crossed (given with family) agree well enough to be used: both similar
// or better, or one exact and the other a weak likeness (a swap and a typo in one record).
bool crossedReadingAgrees(int givenLevel, int familyLevel);
ComparisonVector compareRecords(const PreparedRecord& a, const PreparedRecord& b,
                                const NameVariants& variants);

struct FieldModel {
  std::vector<double> m, u;  // one per level, each summing to 1
};

struct MatchModel {
  std::array<FieldModel, kFieldCount> fields;
  // Proportion of candidate pairs that are matches, as EM last estimated it (informative only).
  double matchProportion = 0.0;
  // Evidence against a crossed reading of the names: a swap is a real data-entry error, but
  // two different children in one family can also look crossed (Ali Hassan / Hassan Ali).
  double swappedNamesPenalty = -2.0;

  // Defaults from published record-linkage experience with English administrative data on
  // children, documented level by level in matching_matcher.cpp.
  static MatchModel defaults();
  double weight(Field field, int level) const;
};

// Optional term frequencies of folded names in the register: agreeing on "smith" is weaker
// evidence than agreeing on "przybylski". Only exact agreement is adjusted.
struct NameFrequencies {
  std::unordered_map<std::string, std::uint32_t> given, family;
  std::size_t total = 0;
  // The adjusted weight of one name stays within [weight - 5, weight + 3] bits, so frequencies
  // raise a pair's score by at most twice this.
  static constexpr double kMaxGainPerName = 3.0;
  static constexpr double kMaxLossPerName = 5.0;
};

// One field's contribution to a candidate's score, for the person deciding a review.
struct FieldEvidence {
  std::string field;        // "given_name", ...
  std::string level;        // "exact", "variant", "missing", ...
  double weight = 0;        // bits; 0 when missing
  std::string left, right;  // the normalised values compared (probe, register)
};

struct PairScore {
  double score = 0;
  ComparisonVector comparison;
  // Reasons this pair must not be linked without a person looking, whatever the score: given
  // names that disagree are how twins and siblings look (same surname, address, school, DOB).
  std::vector<std::string> cautions;
  // A sibling, not this child: two different known given names (givenNamesOfDifferentChildren)
  // and dates of birth that are not one date mistyped. Such a pair is neither linked nor put
  // in front of a person; twins (one date of birth) still are, with their caution.
  bool otherChild = false;
  // Whether a caution is about who the child is (given names that differ, a given name or a date
  // of birth missing) rather than about a detail one child's records do disagree on (the date of
  // birth keyed differently, the family name changed). Two records that each link to a third
  // without a caution are joined as one child unless this holds between them (resolveRecords).
  bool identityCaution = false;
};

// Scores a comparison vector. The term-frequency adjustment applies when frequencies are given
// (the names are then looked up in them). The frequencies also tell a given name in use on the
// register from a slip: given names that differ carry the twins' caution unless they are one
// name written two ways (variants, a first part, or a slip that makes no name), and two real
// names (listed in the variants table, or in use on the register) are never a slip.
PairScore scorePair(const PreparedRecord& probe, const PreparedRecord& other, const MatchModel& model,
                    const NameVariants& variants, const NameFrequencies* frequencies = nullptr);
// Evidence of two children rather than one child written two ways: both given names are known
// names, different, not variants of each other, not one the first part of the other, and not
// explained by the names being written the other way round. A typo or a blank is no evidence.
bool givenNamesOfDifferentChildren(const PreparedRecord& a, const PreparedRecord& b,
                                   const NameVariants& variants);

std::vector<FieldEvidence> explain(const PreparedRecord& probe, const PreparedRecord& other,
                                   const ComparisonVector& comparison, const MatchModel& model,
                                   const NameFrequencies* frequencies = nullptr);

// u estimated from pairs of records drawn at random (almost all non-matches in a large
// register): the share of pairs at each level, with add-one smoothing. m is kept.
MatchModel estimateU(const std::vector<ComparisonVector>& randomPairs, const MatchModel& start);

struct EmOptions {
  int maxIterations = 200;
  double tolerance = 1e-7;  // stop when no probability moves by more than this
  bool fixU = true;         // keep u (from random pairs); estimate only m and the proportion
  double startProportion = 0.1;
};
struct EmResult {
  MatchModel model;
  int iterations = 0;
  bool converged = false;
};
// Expectation-maximisation over comparison-vector patterns (identical vectors are counted once
// with their frequency), assuming fields independent given match status. Missing fields are
// skipped in both steps. Probabilities are floored at 1e-6 so no level is ever impossible.
EmResult estimateByEm(const std::vector<ComparisonVector>& candidatePairs, const MatchModel& start,
                      const EmOptions& options = {});

}  // namespace ycr::matching
