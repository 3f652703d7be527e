#include <algorithm>
#include <cmath>

#include "ycr/core/matching/matcher.h"

namespace ycr::matching {
namespace {

constexpr double kFloor = 1e-6;

std::size_t index(Field f) {
  return static_cast<std::size_t>(f);
}

void normaliseWithFloor(std::vector<double>& p) {
  double sum = 0;
  for (double& x : p) {
    x = std::max(x, kFloor);
    sum += x;
  }
  for (double& x : p) x /= sum;
}

// Term-frequency weight for exact agreement on a name: log2(m / f) where f is the share of the
// register holding that name, kept within [base - 5, base + 3] bits so a rare or misspelt name
// cannot outweigh a date of birth, and a common one still counts for something.
double tfWeight(double base, double mExact, const std::unordered_map<std::string, std::uint32_t>& counts,
                std::size_t total, const std::string& value) {
  if (total < 1000) return base;  // too few records for frequencies to mean anything
  auto it = counts.find(value);
  if (it == counts.end()) return base;  // not in the register: nothing known about its frequency
  double f = static_cast<double>(it->second) / static_cast<double>(total);
  double w = std::log2(mExact / f);
  return std::clamp(w, base - NameFrequencies::kMaxLossPerName, base + NameFrequencies::kMaxGainPerName);
}

std::string dobText(const std::optional<Date>& d) {
  return d ? formatIsoDate(*d) : std::string();
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty()) out.push_back(' ');
    out += t;
  }
  return out;
}

}  // namespace

const char* toString(Field field) {
  static constexpr const char* k[] = {"given_name", "family_name", "date_of_birth",
                                      "postcode",   "school",      "address"};
  return k[index(field)];
}

std::size_t levelCount(Field field) {
  static constexpr std::size_t k[] = {5, 6, 6, 4, 2, 3};
  return k[index(field)];
}

const char* levelName(Field field, int level) {
  if (level < 0) return "missing";
  switch (field) {
    case Field::given_name: return toString(static_cast<GivenNameLevel>(level));
    case Field::family_name: return toString(static_cast<FamilyNameLevel>(level));
    case Field::date_of_birth: return toString(static_cast<DobLevel>(level));
    case Field::postcode: return toString(static_cast<PostcodeLevel>(level));
    case Field::school: return toString(static_cast<SchoolLevel>(level));
    case Field::address: return toString(static_cast<AddressLevel>(level));
  }
  return "missing";
}

PreparedRecord prepare(const PersonRecord& record, const NameVariants& variants) {
  PreparedRecord p;
  p.id = record.id;
  p.given = foldName(record.givenName);
  p.family = foldName(record.familyName);
  p.givenCompact = p.given;
  p.givenCompact.erase(std::remove(p.givenCompact.begin(), p.givenCompact.end(), ' '), p.givenCompact.end());
  p.familyCompact = p.family;
  p.familyCompact.erase(std::remove(p.familyCompact.begin(), p.familyCompact.end(), ' '),
                        p.familyCompact.end());
  p.givenGroups = variants.groupsOf(p.givenCompact);
  p.dateOfBirth = record.dateOfBirth;
  p.postcode = parsePostcode(record.postcode);
  for (char c : record.schoolUrn)
    if (c >= '0' && c <= '9') p.schoolUrn.push_back(c);
  auto tokens = addressTokens(record.address);
  p.address = joined(tokens);
  p.addressTokens = hashTokens(tokens);
  return p;
}

bool crossedReadingAgrees(int givenLevel, int familyLevel) {
  const bool givenSimilar = givenLevel <= static_cast<int>(GivenNameLevel::similar);
  const bool familySimilar = familyLevel <= static_cast<int>(FamilyNameLevel::similar);
  if (givenSimilar && familySimilar) return true;
  // One name exact and the other a weak likeness (Williams Dauid / David Williams).
  return (givenLevel == 0 && familyLevel <= static_cast<int>(FamilyNameLevel::weak)) ||
         (familyLevel == 0 && givenLevel <= static_cast<int>(GivenNameLevel::weak));
}

ComparisonVector compareRecords(const PreparedRecord& a, const PreparedRecord& b,
                                const NameVariants& variants) {
  ComparisonVector v;
  v.levels.fill(-1);
  const bool givenBoth = !a.givenCompact.empty() && !b.givenCompact.empty();
  const bool familyBoth = !a.familyCompact.empty() && !b.familyCompact.empty();
  if (givenBoth) {
    bool variantsOfEachOther = false;
    for (auto g : a.givenGroups)
      if (std::find(b.givenGroups.begin(), b.givenGroups.end(), g) != b.givenGroups.end())
        variantsOfEachOther = true;
    v.levels[index(Field::given_name)] =
        static_cast<std::int8_t>(compareGivenNames(a.given, b.given, variantsOfEachOther, variants));
  }
  if (familyBoth)
    v.levels[index(Field::family_name)] = static_cast<std::int8_t>(compareFamilyNames(a.family, b.family));
  if (givenBoth && familyBoth) {
    constexpr int kSimilar = static_cast<int>(GivenNameLevel::similar);
    int g = v.levels[index(Field::given_name)], f = v.levels[index(Field::family_name)];
    // Crossed names are only worth comparing when the initials cross too (cheap, and a
    // crossed reading that differs in both initials would not reach "similar" anyway).
    if ((g > kSimilar || f > kSimilar) && a.given[0] == b.family[0] && a.family[0] == b.given[0]) {
      int gx = static_cast<int>(compareGivenNames(a.given, b.family, variants));
      int fx = static_cast<int>(compareFamilyNames(a.family, b.given));
      if (crossedReadingAgrees(gx, fx) && gx + fx < g + f) {
        v.levels[index(Field::given_name)] = static_cast<std::int8_t>(gx);
        v.levels[index(Field::family_name)] = static_cast<std::int8_t>(fx);
        v.namesSwapped = true;
      }
    }
  }
  if (a.dateOfBirth && b.dateOfBirth)
    v.levels[index(Field::date_of_birth)] =
        static_cast<std::int8_t>(compareDatesOfBirth(*a.dateOfBirth, *b.dateOfBirth));
  if (a.postcode && b.postcode)
    v.levels[index(Field::postcode)] = static_cast<std::int8_t>(comparePostcodes(*a.postcode, *b.postcode));
  if (!a.schoolUrn.empty() && !b.schoolUrn.empty())
    v.levels[index(Field::school)] = static_cast<std::int8_t>(compareSchools(a.schoolUrn, b.schoolUrn));
  if (!a.addressTokens.empty() && !b.addressTokens.empty())
    v.levels[index(Field::address)] =
        static_cast<std::int8_t>(compareAddresses(a.addressTokens, b.addressTokens));
  return v;
}

MatchModel MatchModel::defaults() {
  MatchModel model;
  // Given name: exact, variant, similar, weak, different.
  // m: most sources copy the name the child is known by; ~5% use a variant or nickname
  //    (Mohamed/Mohammed, Bill/William), a few percent carry a typo.
  // u: among random pairs of children, about 1 in 125 share a first name (the commonest names
  //    each hold 1-2% of a cohort), variants add a little, near-misses are common among short names.
  model.fields[index(Field::given_name)] = {{0.88, 0.05, 0.04, 0.015, 0.015},
                                            {0.008, 0.002, 0.006, 0.03, 0.954}};
  // Family name: exact, part (one name within the other), similar, shared_part, weak, different.
  // m: surnames change (double-barrelling, a parent's new partner) for a few percent; a source
  //    writing one part of a double-barrelled name is most of it, one part replaced by another
  //    (shared_part) rare.
  // u: surnames are more spread than first names (~1 in 250 random pairs share one).
  //    shared_part (Lungu-Cibek / Lungu-Vqyzt) is set to its m, no evidence either way: the part
  //    shared says one family, the part that differs says not one name, and a family passes a
  //    part to cousins and half-siblings, whom random pairs seldom hold but candidates do. Worth
  //    the part level's weight, it linked two children on a given name and a date of birth a
  //    digit apart, with the postcode disagreeing (issue 20).
  model.fields[index(Field::family_name)] = {{0.90, 0.026, 0.04, 0.004, 0.01, 0.02},
                                             {0.004, 0.0004, 0.003, 0.004, 0.03, 0.9586}};
  // Date of birth: exact, day/month swapped, one digit, year only differs, same month and year, other.
  // m: DOB is keyed carefully but spreadsheets swap US/UK order and fingers slip on one digit.
  // u: 13 birth cohorts of ~365 days: exact 1/4750; one-digit neighbours are ~15 dates; same
  //    day-month in another year 1/365; same month and year 1/156.
  model.fields[index(Field::date_of_birth)] = {{0.92, 0.015, 0.035, 0.01, 0.008, 0.012},
                                               {0.00025, 0.00025, 0.004, 0.0025, 0.0065, 0.9865}};
  // Postcode: full, sector, district, other.
  // m: families with young carers move more than most (~8% between sources); typos in the unit.
  // u: a full postcode holds ~15 households; a sector ~3000; a district holds a few percent of
  //    a council's children.
  model.fields[index(Field::postcode)] = {{0.82, 0.05, 0.05, 0.08}, {0.0002, 0.004, 0.04, 0.9558}};
  // School URN: equal, different. m: children change school (transfer at 11, moves); u: a
  // council has ~100-200 schools, so ~1 in 50 random pairs share one.
  model.fields[index(Field::school)] = {{0.85, 0.15}, {0.02, 0.98}};
  // Address tokens: same, overlap, different. m: free-text addresses are written differently
  // (flat numbers, abbreviations); u: same address ~ same household.
  model.fields[index(Field::address)] = {{0.80, 0.10, 0.10}, {0.0003, 0.005, 0.9947}};
  return model;
}

double MatchModel::weight(Field field, int level) const {
  if (level < 0) return 0.0;
  const auto& f = fields[index(field)];
  auto l = static_cast<std::size_t>(level);
  return std::log2(std::max(f.m[l], kFloor) / std::max(f.u[l], kFloor));
}

namespace {

double fieldWeight(const PreparedRecord& probe, const PreparedRecord& other, const ComparisonVector& v,
                   Field f, const MatchModel& model, const NameFrequencies* frequencies) {
  int level = v.level(f);
  double w = model.weight(f, level);
  if (frequencies && level == 0 && !v.namesSwapped) {
    if (f == Field::given_name)
      w = tfWeight(w, model.fields[index(f)].m[0], frequencies->given, frequencies->total,
                   other.givenCompact);
    else if (f == Field::family_name)
      w = tfWeight(w, model.fields[index(f)].m[0], frequencies->family, frequencies->total,
                   other.familyCompact);
  }
  (void)probe;
  return w;
}

// Whether a spelling not in the names table is nevertheless a given name children are called in
// this register: held by at least three records and at least 1 in 50 as common as the spelling it
// is compared with. A slip of the keys is rare and scattered (each misspelling of Oliver is a few
// per thousand Olivers, however large the register); a name parents chose (Noel beside Noah,
// Jaylen beside Jayden) recurs. Two records are not enough: one child's misspelling is often
// copied from one service's records to another's.
bool inUseAsName(const std::string& name, const std::string& other, const NameFrequencies* frequencies) {
  if (!frequencies) return false;
  auto count = [&](const std::string& n) -> std::uint32_t {
    auto it = frequencies->given.find(n);
    return it == frequencies->given.end() ? 0 : it->second;
  };
  const std::uint32_t mine = count(name);
  return mine >= 3 && std::uint64_t{mine} * 50 >= count(other);
}

// One OCR confusion of several letters for one (Amy / Arny, Ryan / Ryari, Eddie / Ecldie): the
// two spellings differ only in one place, where one has a letter and the other the letters a
// scanner reads it as. Two edits, but one error.
bool oneOcrConfusion(const std::string& a, const std::string& b) {
  static constexpr std::pair<std::string_view, std::string_view> kPairs[] = {
      {"m", "rn"}, {"d", "cl"}, {"h", "li"}, {"w", "vv"}, {"n", "ri"}, {"k", "lc"}, {"u", "ii"}};
  const std::string& shorter = a.size() < b.size() ? a : b;
  const std::string& longer = a.size() < b.size() ? b : a;
  if (longer.size() != shorter.size() + 1) return false;
  std::size_t i = 0;
  while (i < shorter.size() && shorter[i] == longer[i]) ++i;
  // Before i the spellings agree; no confused pair begins with its own letter, so the confusion,
  // if any, starts at i.
  for (auto [one, two] : kPairs)
    if (shorter.compare(i, 1, one) == 0 && longer.compare(i, 2, two) == 0 &&
        shorter.compare(i + 1, std::string::npos, longer, i + 2, std::string::npos) == 0)
      return true;
  return false;
}

// Whether `shorter` is `longer` with one letter, not the first, left out.
bool droppedOneLetter(const std::string& longer, const std::string& shorter) {
  const std::u32string x = decodeUtf8(longer), y = decodeUtf8(shorter);
  if (y.size() < 2 || x.size() != y.size() + 1 || x[0] != y[0]) return false;
  std::size_t i = 0;
  while (i < y.size() && x[i] == y[i]) ++i;
  return std::equal(y.begin() + static_cast<std::ptrdiff_t>(i), y.end(),
                    x.begin() + static_cast<std::ptrdiff_t>(i) + 1);
}

// A given name somebody goes by: the names table knows it, or the register uses it (other than as a
// spelling of `other`, inUseAsName).
bool isRealName(const std::string& name, const std::string& other, const NameVariants& variants,
                const NameFrequencies* frequencies) {
  return variants.isKnown(name) || inUseAsName(name, other, frequencies);
}

// Whether two different spellings of a given name could be one child's name mistyped, which is
// what twins' names must not be taken for. Two real names are two children (Harvey / Harley,
// Louis / Louise, Noah / Noel): a name is real when the names table knows it or when it is in use
// as a given name in the register (inUseAsName, when frequencies are given). A known name against
// a spelling nobody else goes by is a slip when it is one slip away: isLikelyTypo's keying slips
// (one edit in a short name, two in a name of five letters or more, never the first letter, never
// a vowel for a vowel at the end), one of its letters dropped, one OCR confusion, a digit read
// for the first letter, or the first two letters swapped. Two letters of a short name changed (Noah / Noel)
// is another name as often as a slip, and twins are named like that.
bool couldBeSlip(const std::string& a, const std::string& b, const NameVariants& variants,
                 const NameFrequencies* frequencies) {
  if (a.empty() || b.empty()) return false;
  const bool knownA = variants.isKnown(a), knownB = variants.isKnown(b);
  if (knownA && knownB) return false;
  if (isRealName(a, b, variants, frequencies) && isRealName(b, a, variants, frequencies)) return false;
  if (isLikelyTypo(a, b) || oneOcrConfusion(a, b)) return true;
  if (!knownA && !knownB) return false;
  const std::string& known = knownA ? a : b;
  const std::string& spelling = knownA ? b : a;
  // A letter of the known name dropped, wherever it was (Jessic, Lucs, Chlo, Mi): what a
  // truncated field or a missed key leaves, and not a name.
  if (droppedOneLetter(known, spelling)) return true;
  const std::size_t shortest = std::min(decodeUtf8(a).size(), decodeUtf8(b).size());
  if (shortest < 3 || a[0] == b[0]) return false;
  // A digit for the first letter (1eo / Leo, 9eorge / George) is a slip of the keys or of OCR,
  // as are the first two letters swapped (aRvi / Ravi); any other change of the first letter may
  // be another name (Kayden / Jayden).
  const bool digit = (a[0] >= '0' && a[0] <= '9') || (b[0] >= '0' && b[0] <= '9');
  if (digit) return a.substr(1) == b.substr(1);
  return a.size() == b.size() && a[0] == b[1] && a[1] == b[0] && a.substr(2) == b.substr(2);
}

}  // namespace

bool givenNamesOfDifferentChildren(const PreparedRecord& a, const PreparedRecord& b,
                                   const NameVariants& variants) {
  if (a.givenCompact.empty() || b.givenCompact.empty() || a.givenCompact == b.givenCompact) return false;
  if (!variants.isKnown(a.givenCompact) || !variants.isKnown(b.givenCompact)) return false;
  if (variants.areVariants(a.givenCompact, b.givenCompact)) return false;
  // Names written the other way round (Ali Hassan / Hassan Ali) are one child's names swapped.
  if (a.givenCompact == b.familyCompact || a.familyCompact == b.givenCompact) return false;
  // One name the first part of the other (Mary / Mary-Jane).
  auto partsA = nameParts(a.given), partsB = nameParts(b.given);
  if (!partsA.empty() && !partsB.empty() && partsA.front() == partsB.front()) return false;
  return true;
}

PairScore scorePair(const PreparedRecord& probe, const PreparedRecord& other, const MatchModel& model,
                    const NameVariants& variants, const NameFrequencies* frequencies) {
  PairScore s;
  s.comparison = compareRecords(probe, other, variants);
  for (std::size_t i = 0; i < kFieldCount; ++i)
    s.score += fieldWeight(probe, other, s.comparison, static_cast<Field>(i), model, frequencies);
  if (s.comparison.namesSwapped) s.score += model.swappedNamesPenalty;
  // Twins share everything but the given name; siblings everything but the given name and the
  // date of birth. So a pair whose given names are two different known names or more than a
  // slip apart (couldBeSlip), or
  // whose dates of birth are unrelated, or whose family names disagree outright, is never
  // linked on household evidence alone.
  const int given = s.comparison.level(Field::given_name);
  // Two spellings alike (Jaro-Winkler 0.8 or more) of which neither is a name (Olibia / Olivja) are
  // one name mistyped twice: twins are given names.
  const bool bothMisspelt = (given == static_cast<int>(GivenNameLevel::similar) ||
                             given == static_cast<int>(GivenNameLevel::weak)) &&
                            !isRealName(probe.givenCompact, other.givenCompact, variants, frequencies) &&
                            !isRealName(other.givenCompact, probe.givenCompact, variants, frequencies);
  if (given > static_cast<int>(GivenNameLevel::variant) && !s.comparison.namesSwapped && !bothMisspelt &&
      !couldBeSlip(probe.givenCompact, other.givenCompact, variants, frequencies)) {
    s.cautions.emplace_back("given names differ: twins and siblings share everything else");
    s.identityCaution = true;
  }
  // The date of birth is what tells two children of one name apart; without agreement on it
  // (exactly, or as a recognisable slip) a person decides.
  const int dob = s.comparison.level(Field::date_of_birth);
  const int postcode = s.comparison.level(Field::postcode), address = s.comparison.level(Field::address);
  const bool sameHome = (postcode >= 0 && postcode <= static_cast<int>(PostcodeLevel::sector)) ||
                        address == static_cast<int>(AddressLevel::same);
  if (dob < 0 && !sameHome) {
    s.cautions.emplace_back("date of birth missing and no shared address: names alone are not enough");
    s.identityCaution = true;
  }
  // ... unless the given and family names are the same and so is the address: a household does not
  // give two children one name, so the dates are one child's, keyed differently.
  else if (dob >= static_cast<int>(DobLevel::same_month_year) &&
           !(given == static_cast<int>(GivenNameLevel::exact) &&
             s.comparison.level(Field::family_name) == static_cast<int>(FamilyNameLevel::exact) &&
             address == static_cast<int>(AddressLevel::same)))
    s.cautions.emplace_back("dates of birth differ: siblings share everything else");
  if (s.comparison.level(Field::family_name) == static_cast<int>(FamilyNameLevel::different))
    s.cautions.emplace_back("family names differ");
  // Without a given name and a date of birth to compare, only the household agrees: any child
  // of it would look the same.
  if (given < 0 && dob < 0)
    s.cautions.emplace_back(
        "neither the given name nor the date of birth can be compared: only the household agrees");
  else if (given < 0)
    s.cautions.emplace_back("no given name to compare: a twin would look the same");
  if (given < 0) s.identityCaution = true;
  // Another child of the household, no candidate at all: two dates of birth and two given names that
  // are two known names, or wholly unlike (under 0.8) whether the table knows them or not.
  s.otherChild = dob >= static_cast<int>(DobLevel::year_only_different) && !s.comparison.namesSwapped &&
                 (givenNamesOfDifferentChildren(probe, other, variants) ||
                  given == static_cast<int>(GivenNameLevel::different));
  return s;
}

std::vector<FieldEvidence> explain(const PreparedRecord& probe, const PreparedRecord& other,
                                   const ComparisonVector& comparison, const MatchModel& model,
                                   const NameFrequencies* frequencies) {
  std::vector<FieldEvidence> out;
  out.reserve(kFieldCount + 1);
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    auto f = static_cast<Field>(i);
    FieldEvidence e;
    e.field = toString(f);
    e.level = levelName(f, comparison.levels[i]);
    e.weight = fieldWeight(probe, other, comparison, f, model, frequencies);
    switch (f) {
      case Field::given_name:
        e.left = probe.given;
        e.right = comparison.namesSwapped ? other.family : other.given;
        break;
      case Field::family_name:
        e.left = probe.family;
        e.right = comparison.namesSwapped ? other.given : other.family;
        break;
      case Field::date_of_birth:
        e.left = dobText(probe.dateOfBirth);
        e.right = dobText(other.dateOfBirth);
        break;
      case Field::postcode:
        e.left = probe.postcode
                     ? (probe.postcode->full.empty() ? probe.postcode->district : probe.postcode->full)
                     : "";
        e.right = other.postcode
                      ? (other.postcode->full.empty() ? other.postcode->district : other.postcode->full)
                      : "";
        break;
      case Field::school:
        e.left = probe.schoolUrn;
        e.right = other.schoolUrn;
        break;
      case Field::address:
        e.left = probe.address;
        e.right = other.address;
        break;
    }
    out.push_back(std::move(e));
  }
  if (comparison.namesSwapped)
    out.push_back({"names", "swapped", model.swappedNamesPenalty, probe.given + " " + probe.family,
                   other.given + " " + other.family});
  return out;
}

MatchModel estimateU(const std::vector<ComparisonVector>& randomPairs, const MatchModel& start) {
  MatchModel model = start;
  for (std::size_t i = 0; i < kFieldCount; ++i) {
    std::vector<double> counts(levelCount(static_cast<Field>(i)), 1.0);  // add-one smoothing
    for (const auto& v : randomPairs)
      if (v.levels[i] >= 0) counts[static_cast<std::size_t>(v.levels[i])] += 1.0;
    normaliseWithFloor(counts);
    model.fields[i].u = std::move(counts);
  }
  return model;
}

EmResult estimateByEm(const std::vector<ComparisonVector>& candidatePairs, const MatchModel& start,
                      const EmOptions& options) {
  // Identical comparison vectors are one pattern with a count: a million pairs collapse to a
  // few hundred patterns, so each iteration is cheap.
  std::unordered_map<std::uint64_t, double> patternCounts;
  for (const auto& v : candidatePairs) {
    std::uint64_t key = 0;
    for (std::size_t i = 0; i < kFieldCount; ++i)
      key |= static_cast<std::uint64_t>(v.levels[i] + 1) << (4 * i);
    patternCounts[key] += 1.0;
  }
  struct Pattern {
    std::array<int, kFieldCount> levels;
    double count;
  };
  std::vector<Pattern> patterns;
  patterns.reserve(patternCounts.size());
  for (const auto& [key, count] : patternCounts) {
    Pattern p{};
    for (std::size_t i = 0; i < kFieldCount; ++i) p.levels[i] = static_cast<int>((key >> (4 * i)) & 0xF) - 1;
    p.count = count;
    patterns.push_back(p);
  }

  EmResult result;
  result.model = start;
  MatchModel& model = result.model;
  double lambda = options.startProportion;
  for (result.iterations = 1; result.iterations <= options.maxIterations; ++result.iterations) {
    std::array<std::vector<double>, kFieldCount> mNum, uNum;
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      mNum[i].assign(levelCount(static_cast<Field>(i)), 0.0);
      uNum[i].assign(levelCount(static_cast<Field>(i)), 0.0);
    }
    double matchMass = 0, total = 0;
    for (const auto& p : patterns) {
      // Log space would be safer for many fields; six fields of probabilities >= 1e-6 cannot underflow.
      double pm = lambda, pu = 1.0 - lambda;
      for (std::size_t i = 0; i < kFieldCount; ++i) {
        if (p.levels[i] < 0) continue;
        auto l = static_cast<std::size_t>(p.levels[i]);
        pm *= model.fields[i].m[l];
        pu *= model.fields[i].u[l];
      }
      double g = pm / (pm + pu);
      matchMass += p.count * g;
      total += p.count;
      for (std::size_t i = 0; i < kFieldCount; ++i) {
        if (p.levels[i] < 0) continue;
        auto l = static_cast<std::size_t>(p.levels[i]);
        mNum[i][l] += p.count * g;
        uNum[i][l] += p.count * (1.0 - g);
      }
    }
    double change = 0;
    for (std::size_t i = 0; i < kFieldCount; ++i) {
      normaliseWithFloor(mNum[i]);
      for (std::size_t l = 0; l < mNum[i].size(); ++l)
        change = std::max(change, std::abs(mNum[i][l] - model.fields[i].m[l]));
      model.fields[i].m = mNum[i];
      if (!options.fixU) {
        normaliseWithFloor(uNum[i]);
        for (std::size_t l = 0; l < uNum[i].size(); ++l)
          change = std::max(change, std::abs(uNum[i][l] - model.fields[i].u[l]));
        model.fields[i].u = uNum[i];
      }
    }
    double newLambda = total > 0 ? std::clamp(matchMass / total, kFloor, 1.0 - kFloor) : lambda;
    change = std::max(change, std::abs(newLambda - lambda));
    lambda = newLambda;
    if (change < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  model.matchProportion = lambda;
  return result;
}

}  // namespace ycr::matching
