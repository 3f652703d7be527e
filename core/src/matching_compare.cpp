#include <algorithm>
#include <array>
#include <fstream>
#include <sstream>

#include "ycr/core/matching/compare.h"

namespace ycr::matching {
namespace {

template <class CharT>
double jaroOf(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  const std::size_t la = a.size(), lb = b.size();
  const std::size_t window = std::max(la, lb) / 2 == 0 ? 0 : std::max(la, lb) / 2 - 1;
  // Names are short; the flags live on the stack unless a string is unusually long.
  bool stackA[64] = {}, stackB[64] = {};
  std::vector<bool> heapA, heapB;
  const bool onStack = la <= 64 && lb <= 64;
  if (!onStack) {
    heapA.assign(la, false);
    heapB.assign(lb, false);
  }
  auto matchedA = [&](std::size_t i) -> bool { return onStack ? stackA[i] : heapA[i]; };
  auto matchedB = [&](std::size_t j) -> bool { return onStack ? stackB[j] : heapB[j]; };
  std::size_t matches = 0;
  for (std::size_t i = 0; i < la; ++i) {
    std::size_t lo = i > window ? i - window : 0;
    std::size_t hi = std::min(i + window + 1, lb);
    for (std::size_t j = lo; j < hi; ++j) {
      if (matchedB(j) || a[i] != b[j]) continue;
      if (onStack)
        stackA[i] = stackB[j] = true;
      else
        heapA[i] = heapB[j] = true;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t halfTranspositions = 0, k = 0;
  for (std::size_t i = 0; i < la; ++i) {
    if (!matchedA(i)) continue;
    while (!matchedB(k)) ++k;
    if (a[i] != b[k]) ++halfTranspositions;
    ++k;
  }
  const double m = static_cast<double>(matches);
  // Whole transpositions, as Winkler's reference code (strcmp95) counts them.
  const double t = static_cast<double>(halfTranspositions / 2);  // NOLINT(bugprone-integer-division)
  return (m / static_cast<double>(la) + m / static_cast<double>(lb) + (m - t) / m) / 3.0;
}

template <class CharT>
double jaroWinklerOf(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  double j = jaroOf(a, b);
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return j + static_cast<double>(prefix) * 0.1 * (1.0 - j);
}

bool isAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The compact form of a folded name; a view of the name itself when it has no space (the
// common case), so comparing a candidate allocates nothing.
std::string_view withoutSpaces(std::string_view s, std::string& buffer) {
  if (s.find(' ') == std::string_view::npos) return s;
  buffer.clear();
  for (char c : s)
    if (c != ' ') buffer.push_back(c);
  return buffer;
}

std::vector<std::string_view> partsOf(std::string_view folded) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= folded.size()) {
    std::size_t end = folded.find(' ', start);
    if (end == std::string_view::npos) end = folded.size();
    if (end > start) parts.push_back(folded.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

int digitsDifferent(const Date& a, const Date& b) {
  auto digits = [](const Date& d) {
    int y = static_cast<int>(d.year());
    unsigned m = static_cast<unsigned>(d.month()), dd = static_cast<unsigned>(d.day());
    return std::array<int, 8>{y / 1000 % 10,
                              y / 100 % 10,
                              y / 10 % 10,
                              y % 10,
                              static_cast<int>(m / 10),
                              static_cast<int>(m % 10),
                              static_cast<int>(dd / 10),
                              static_cast<int>(dd % 10)};
  };
  auto da = digits(a), db = digits(b);
  int n = 0;
  for (std::size_t i = 0; i < 8; ++i) n += da[i] != db[i];
  return n;
}

}  // namespace

double jaro(std::string_view a, std::string_view b) {
  if (isAscii(a) && isAscii(b)) return jaroOf(a, b);
  std::u32string ua = decodeUtf8(a), ub = decodeUtf8(b);
  return jaroOf(std::u32string_view(ua), std::u32string_view(ub));
}

double jaroWinkler(std::string_view a, std::string_view b) {
  if (isAscii(a) && isAscii(b)) return jaroWinklerOf(a, b);
  std::u32string ua = decodeUtf8(a), ub = decodeUtf8(b);
  return jaroWinklerOf(std::u32string_view(ua), std::u32string_view(ub));
}

Result<NameVariants> NameVariants::parse(std::string_view csvText) {
  NameVariants table;
  std::size_t lineNo = 0, start = 0;
  while (start < csvText.size()) {
    std::size_t end = csvText.find('\n', start);
    if (end == std::string_view::npos) end = csvText.size();
    std::string_view line = csvText.substr(start, end - start);
    start = end + 1;
    ++lineNo;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    std::vector<std::string> names;
    std::size_t s = 0;
    while (s <= line.size()) {
      std::size_t e = line.find(',', s);
      if (e == std::string_view::npos) e = line.size();
      std::string name = compactName(line.substr(s, e - s));
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end())
        names.push_back(std::move(name));
      s = e + 1;
    }
    if (names.empty()) continue;
    for (auto& name : names) table.known_[name] = true;
    if (names.size() < 2) continue;
    auto group = static_cast<std::uint32_t>(table.groupCount_++);
    for (auto& name : names) table.groups_[name].push_back(group);
  }
  return table;
}

Result<NameVariants> NameVariants::loadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return DomainError::notFound("cannot read name variants file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str());
}

bool NameVariants::isKnown(std::string_view compact) const {
  return known_.count(std::string(compact)) > 0;
}

const std::vector<std::uint32_t>& NameVariants::groupsOf(std::string_view compact) const {
  static const std::vector<std::uint32_t> kNone;
  auto it = groups_.find(std::string(compact));
  return it == groups_.end() ? kNone : it->second;
}

bool NameVariants::areVariants(std::string_view compactA, std::string_view compactB) const {
  const auto& ga = groupsOf(compactA);
  if (ga.empty()) return false;
  const auto& gb = groupsOf(compactB);
  for (auto g : ga)
    if (std::find(gb.begin(), gb.end(), g) != gb.end()) return true;
  return false;
}

std::optional<std::uint32_t> NameVariants::primaryGroup(std::string_view compact) const {
  const auto& g = groupsOf(compact);
  if (g.empty()) return std::nullopt;
  return *std::min_element(g.begin(), g.end());
}

const char* toString(GivenNameLevel level) {
  static constexpr const char* k[] = {"exact", "variant", "similar", "weak", "different"};
  return k[static_cast<int>(level)];
}
const char* toString(FamilyNameLevel level) {
  static constexpr const char* k[] = {"exact", "part", "similar", "shared_part", "weak", "different"};
  return k[static_cast<int>(level)];
}
const char* toString(DobLevel level) {
  static constexpr const char* k[] = {
      "exact", "day_month_swapped", "one_digit", "year_only_different", "same_month_year", "other"};
  return k[static_cast<int>(level)];
}
const char* toString(PostcodeLevel level) {
  static constexpr const char* k[] = {"full", "sector", "district", "other"};
  return k[static_cast<int>(level)];
}
const char* toString(SchoolLevel level) {
  static constexpr const char* k[] = {"equal", "different"};
  return k[static_cast<int>(level)];
}
const char* toString(AddressLevel level) {
  static constexpr const char* k[] = {"same", "overlap", "different"};
  return k[static_cast<int>(level)];
}

int editDistance(std::string_view a, std::string_view b) {
  std::u32string x = decodeUtf8(a), y = decodeUtf8(b);
  const std::size_t n = x.size(), m = y.size();
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      int cost = x[i - 1] == y[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

bool isLikelyTypo(std::string_view compactA, std::string_view compactB) {
  std::u32string x = decodeUtf8(compactA), y = decodeUtf8(compactB);
  if (x.size() < 3 || y.size() < 3 || x == y || x[0] != y[0]) return false;  // Ava / Eva
  const int distance = editDistance(compactA, compactB);
  const std::size_t shortest = std::min(x.size(), y.size()), longest = std::max(x.size(), y.size());
  if (distance > (shortest >= 5 ? 2 : 1)) return false;
  if (distance == 2) return true;
  std::size_t i = 0;
  while (i < x.size() && i < y.size() && x[i] == y[i]) ++i;
  auto vowel = [](char32_t c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
  };
  if (i + 2 < longest) return true;
  // The one difference is in the last two letters: only vowels there make another name.
  if (x.size() == y.size()) {
    if (i + 1 < x.size() && x[i] == y[i + 1] && x[i + 1] == y[i]) return true;  // swapped letters
    return !(vowel(x[i]) && vowel(y[i]));
  }
  const std::u32string& longer = x.size() > y.size() ? x : y;
  if (i > 0 && longer[i] == longer[i - 1]) return true;  // a doubled letter
  return !vowel(longer[i]);
}

GivenNameLevel compareGivenNames(std::string_view foldedA, std::string_view foldedB,
                                 const NameVariants& variants) {
  std::string bufferA, bufferB;
  std::string_view a = withoutSpaces(foldedA, bufferA), b = withoutSpaces(foldedB, bufferB);
  return compareGivenNames(foldedA, foldedB, a != b && variants.areVariants(a, b), variants);
}

GivenNameLevel compareGivenNames(std::string_view foldedA, std::string_view foldedB,
                                 bool wholeNamesAreVariants, const NameVariants& variants) {
  std::string bufferA, bufferB;
  std::string_view a = withoutSpaces(foldedA, bufferA), b = withoutSpaces(foldedB, bufferB);
  if (a == b) return GivenNameLevel::exact;
  if (wholeNamesAreVariants) return GivenNameLevel::variant;
  const bool spaced = a.size() != foldedA.size() || b.size() != foldedB.size();
  auto pa = spaced ? partsOf(foldedA) : std::vector<std::string_view>{};
  auto pb = spaced ? partsOf(foldedB) : std::vector<std::string_view>{};
  if (spaced && pa.size() != pb.size() && !pa.empty() && !pb.empty()) {
    // "Mary" and "Mary Jane": the first given name is the one people are called by.
    if (pa.front() == pb.front() || variants.areVariants(pa.front(), pb.front()))
      return GivenNameLevel::variant;
  }
  double jw = jaroWinkler(a, b);
  if (jw >= kSimilarNameJw) return GivenNameLevel::similar;
  if (jw >= kWeakNameJw) return GivenNameLevel::weak;
  return GivenNameLevel::different;
}

FamilyNameLevel compareFamilyNames(std::string_view foldedA, std::string_view foldedB) {
  std::string bufferA, bufferB;
  std::string_view a = withoutSpaces(foldedA, bufferA), b = withoutSpaces(foldedB, bufferB);
  if (a == b) return FamilyNameLevel::exact;
  // Parts of fewer than three letters are left out: "al" or "de" (al Amin, da Silva) says nothing
  // about the family.
  bool sharePart = false, aInB = true, bInA = true;
  if (a.size() != foldedA.size() || b.size() != foldedB.size()) {
    auto pa = partsOf(foldedA), pb = partsOf(foldedB);
    auto within = [](std::string_view part, const std::vector<std::string_view>& parts) {
      return part.size() < 3 || std::find(parts.begin(), parts.end(), part) != parts.end();
    };
    for (auto x : pa) {
      aInB = aInB && within(x, pb);
      sharePart = sharePart || (x.size() >= 3 && within(x, pb));
    }
    for (auto y : pb) bInA = bInA && within(y, pa);
    // One name within the other: a source that wrote one part of a double-barrelled name, or
    // the parts in another order.
    if (sharePart && (aInB || bInA)) return FamilyNameLevel::part;
  }
  double jw = jaroWinkler(a, b);
  if (jw >= 0.92) return FamilyNameLevel::similar;
  // Each has a part the other lacks: one family's name, but not one name.
  if (sharePart) return FamilyNameLevel::shared_part;
  if (jw >= kWeakNameJw) return FamilyNameLevel::weak;
  return FamilyNameLevel::different;
}

DobLevel compareDatesOfBirth(const Date& a, const Date& b) {
  if (a == b) return DobLevel::exact;
  if (a.year() == b.year() && static_cast<unsigned>(a.day()) == static_cast<unsigned>(b.month()) &&
      static_cast<unsigned>(a.month()) == static_cast<unsigned>(b.day()))
    return DobLevel::day_month_swapped;
  if (digitsDifferent(a, b) == 1) return DobLevel::one_digit;
  if (a.month() == b.month() && a.day() == b.day()) return DobLevel::year_only_different;
  if (a.year() == b.year() && a.month() == b.month()) return DobLevel::same_month_year;
  return DobLevel::other;
}

PostcodeLevel comparePostcodes(const Postcode& a, const Postcode& b) {
  if (!a.full.empty() && a.full == b.full) return PostcodeLevel::full;
  if (!a.sector.empty() && a.sector == b.sector) return PostcodeLevel::sector;
  if (!a.district.empty() && a.district == b.district) return PostcodeLevel::district;
  return PostcodeLevel::other;
}

SchoolLevel compareSchools(std::string_view urnA, std::string_view urnB) {
  return urnA == urnB ? SchoolLevel::equal : SchoolLevel::different;
}

double tokenOverlap(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return 0.0;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

std::vector<std::uint32_t> hashTokens(const std::vector<std::string>& tokens) {
  std::vector<std::uint32_t> out;
  out.reserve(tokens.size());
  for (const auto& t : tokens) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (char c : t) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    out.push_back(h);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

AddressLevel compareAddresses(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  if (a.empty() || b.empty()) return AddressLevel::different;
  std::size_t common = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++common;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  double overlap = static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
  if (overlap >= 0.8) return AddressLevel::same;
  if (overlap >= 0.4) return AddressLevel::overlap;
  return AddressLevel::different;
}

AddressLevel compareAddresses(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  double overlap = tokenOverlap(a, b);
  if (overlap >= 0.8) return AddressLevel::same;
  if (overlap >= 0.4) return AddressLevel::overlap;
  return AddressLevel::different;
}

}  // namespace ycr::matching
