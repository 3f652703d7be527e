#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string_view>

#include "ycr/core/matching/corruptor.h"
#include "ycr/core/matching/normalise.h"

namespace ycr::matching {
namespace {

// QWERTY rows, for a keyboard slip onto a neighbouring key in the row or the row above/below
// (GeCo's CorruptValueKeyboard, row and column probability 0.5 each).
constexpr std::array<std::string_view, 4> kRows = {"1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm"};

std::string neighbours(char c) {
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string out;
  for (std::size_t r = 0; r < kRows.size(); ++r) {
    auto col = kRows[r].find(lower);
    if (col == std::string_view::npos) continue;
    if (col > 0) out.push_back(kRows[r][col - 1]);
    if (col + 1 < kRows[r].size()) out.push_back(kRows[r][col + 1]);
    if (r > 0 && col < kRows[r - 1].size()) out.push_back(kRows[r - 1][col]);
    if (r + 1 < kRows.size() && col < kRows[r + 1].size()) out.push_back(kRows[r + 1][col]);
  }
  return out;
}

// OCR confusions, both directions (GeCo's ocr-variations lookup, letters only).
const std::vector<std::pair<std::string_view, std::string_view>>& ocrPairs() {
  static const std::vector<std::pair<std::string_view, std::string_view>> k = {
      {"m", "rn"}, {"d", "cl"}, {"h", "li"}, {"w", "vv"}, {"n", "ri"}, {"g", "q"},  {"e", "c"},
      {"u", "v"},  {"a", "o"},  {"i", "l"},  {"f", "t"},  {"b", "h"},  {"k", "lc"}, {"o", "0"},
      {"l", "1"},  {"s", "5"},  {"z", "2"},  {"b", "8"},  {"g", "9"},  {"i", "j"}};
  return k;
}

// Phonetic variations (after GeCo's phonetic-variations lookup and Lait and Randell's rules):
// spellings that sound alike, applied at one occurrence.
const std::vector<std::pair<std::string_view, std::string_view>>& phoneticPairs() {
  static const std::vector<std::pair<std::string_view, std::string_view>> k = {
      {"ph", "f"}, {"ck", "k"},  {"c", "k"},   {"k", "c"},   {"z", "s"},    {"s", "z"},    {"y", "i"},
      {"i", "y"},  {"ie", "y"},  {"ee", "ea"}, {"ea", "ee"}, {"ou", "ow"},  {"th", "t"},   {"gh", ""},
      {"wr", "r"}, {"kn", "n"},  {"mb", "m"},  {"ae", "e"},  {"sch", "sh"}, {"tch", "ch"}, {"dg", "g"},
      {"x", "ks"}, {"qu", "kw"}, {"ai", "ay"}, {"ay", "ai"}, {"ey", "y"},   {"mm", "m"},   {"ll", "l"},
      {"tt", "t"}, {"nn", "n"},  {"ss", "s"},  {"rr", "r"},  {"m", "mm"},   {"l", "ll"},   {"n", "nn"},
      {"t", "tt"}, {"oo", "u"},  {"u", "oo"},  {"ah", "a"},  {"a", "ah"},   {"ei", "ie"},  {"ie", "ei"},
      {"v", "w"},  {"w", "v"},   {"j", "g"},   {"ce", "se"}, {"ks", "x"},   {"oh", "o"},   {"ua", "wa"}};
  return k;
}

bool isUpper(char32_t c) {
  return c >= U'A' && c <= U'Z';
}
char32_t toLowerAscii(char32_t c) {
  return isUpper(c) ? c - U'A' + U'a' : c;
}
char32_t withCaseOf(char32_t c, char32_t like) {
  return isUpper(like) && c >= U'a' && c <= U'z' ? c - U'a' + U'A' : c;
}

std::u32string lowerAscii(std::u32string s) {
  for (auto& c : s) c = toLowerAscii(c);
  return s;
}

enum class Target { given, family, dob, postcode, address, school, swap_names };
struct FieldChoice {
  Target target;
  double weight;
};
// Which field a modification falls on (GeCo's attr_mod_prob_dictionary): names and dates of
// birth are typed by hand most often; a swap of the two names is a record-level corruption.
const std::vector<FieldChoice> kFields = {
    {Target::given, 0.22},   {Target::family, 0.22}, {Target::dob, 0.20},       {Target::postcode, 0.14},
    {Target::address, 0.12}, {Target::school, 0.05}, {Target::swap_names, 0.05}};

std::size_t zipfBelow(double u, int max) {
  double total = 0;
  for (int k = 1; k <= max; ++k) total += 1.0 / k;
  double x = u * total;
  for (int k = 1; k <= max; ++k) {
    x -= 1.0 / k;
    if (x < 0) return static_cast<std::size_t>(k);
  }
  return static_cast<std::size_t>(max);
}

// Given-name groups of core/data/diminutives.csv's kind, for nicknames; the generator carries
// its own short table so the benchmark does not depend on the matcher's file being read.
const std::vector<std::vector<std::string_view>>& nicknameGroups() {
  static const std::vector<std::vector<std::string_view>> k = {
      {"Alexander", "Alex", "Xander", "Sandy"},
      {"William", "Will", "Bill", "Billy", "Liam"},
      {"Elizabeth", "Liz", "Lizzie", "Beth", "Ellie"},
      {"Thomas", "Tom", "Tommy"},
      {"James", "Jim", "Jimmy", "Jamie"},
      {"Joshua", "Josh"},
      {"Samuel", "Sam", "Sammy"},
      {"Daniel", "Dan", "Danny"},
      {"Matthew", "Matt"},
      {"Benjamin", "Ben", "Benji"},
      {"Joseph", "Joe", "Joey"},
      {"Edward", "Ed", "Eddie", "Ted"},
      {"Charlotte", "Lottie", "Charlie"},
      {"Jessica", "Jess", "Jessie"},
      {"Rebecca", "Becky", "Becca"},
      {"Abigail", "Abbie", "Abby", "Gail"},
      {"Freddie", "Frederick", "Fred"},
      {"Alfie", "Alfred", "Alf"},
      {"Archie", "Archibald"},
      {"Oliver", "Ollie", "Olly"},
      {"Olivia", "Liv", "Livvy"},
      {"Isabella", "Bella", "Izzy", "Isabel"},
      {"Katie", "Katherine", "Kate", "Kat"},
      {"Megan", "Meg"},
      {"Theo", "Theodore"},
      {"Max", "Maxwell"},
      {"Mohammed", "Mohamed", "Muhammad", "Mohammad"},
      {"Muhammad", "Mohammed", "Mohamed"},
      {"Yusuf", "Yousef", "Yusef"},
      {"Aisha", "Ayesha", "Aysha"},
      {"Fatima", "Fatimah"},
      {"Maryam", "Mariam"},
      {"Hamza", "Hamzah"},
      {"Jakub", "Kuba"},
      {"Aleksandra", "Ola"},
      {"Katarzyna", "Kasia"},
      {"Patrick", "Paddy", "Pat"},
      {"Nathaniel", "Nathan", "Nat"},
      {"Amelia", "Millie", "Amy"},
      {"Harry", "Harrison", "Henry"},
      {"Zoë", "Zoe", "Zoey"},
      {"Callum", "Calum"},
      {"Conor", "Connor"},
      {"Sophie", "Sophia", "Soph"},
      {"Jacob", "Jake"},
      {"Lucas", "Luke", "Luca"},
      {"Hannah", "Hanna"},
      {"Daisy", "Margaret"},
      {"Florence", "Flo", "Florrie"},
      {"Matilda", "Tilly", "Tilda"},
      {"Phoebe", "Phebe"},
      {"Imogen", "Immy"},
      {"Isaac", "Zac"},
      {"Michael", "Mike", "Mikey"},
      {"Samuel", "Sammy"}};
  return k;
}

}  // namespace

const std::vector<CorruptionStrength>& standardStrengths() {
  static const std::vector<CorruptionStrength> k = {
      {"light", 2, 1, 0.10}, {"medium", 5, 2, 0.15}, {"heavy", 10, 3, 0.20}};
  return k;
}

Corruptor::Corruptor(std::uint64_t seed, SyntheticGenerator* generator)
    : state_(seed ^ 0x5DEECE66Dull), generator_(generator) {}

double Corruptor::uniform() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) * 0x1.0p-53;
}
std::size_t Corruptor::below(std::size_t n) {
  return n == 0 ? 0 : std::min(n - 1, static_cast<std::size_t>(uniform() * static_cast<double>(n)));
}

std::size_t Corruptor::position(std::size_t length) {
  if (length <= 1) return 0;
  // About normal around the middle (mean of three uniforms), as GeCo's position_mod_normal.
  double x = (uniform() + uniform() + uniform()) / 3.0;
  auto p = static_cast<std::size_t>(x * static_cast<double>(length));
  return std::min(p, length - 1);
}

std::string Corruptor::keyboardTypo(const std::string& value) {
  std::u32string s = decodeUtf8(value);
  if (s.empty()) return value;
  for (int attempt = 0; attempt < 8; ++attempt) {
    std::size_t i = position(s.size());
    if (s[i] >= 0x80) continue;
    std::string n = neighbours(static_cast<char>(s[i]));
    if (n.empty()) continue;
    s[i] = withCaseOf(static_cast<char32_t>(n[below(n.size())]), s[i]);
    return encodeUtf8(s);
  }
  return edit(value);
}

namespace {
// Replaces one occurrence of one applicable pattern (case-insensitive), keeping the case of
// the first letter replaced.
bool replaceOne(std::u32string& s, const std::vector<std::pair<std::string_view, std::string_view>>& table,
                bool bothWays, Corruptor& rnd) {
  std::u32string lower = lowerAscii(s);
  struct Hit {
    std::size_t at;
    std::u32string from, to;
  };
  std::vector<Hit> hits;
  auto collect = [&](std::string_view from, std::string_view to) {
    std::u32string f = decodeUtf8(from), t = decodeUtf8(to);
    for (std::size_t at = lower.find(f); at != std::u32string::npos; at = lower.find(f, at + 1))
      hits.push_back({at, f, t});
  };
  for (auto [a, b] : table) {
    collect(a, b);
    if (bothWays) collect(b, a);
  }
  if (hits.empty()) return false;
  const Hit& h = hits[rnd.below(hits.size())];
  std::u32string to = h.to;
  if (!to.empty() && h.at < s.size()) to[0] = withCaseOf(to[0], s[h.at]);
  s.replace(h.at, h.from.size(), to);
  return true;
}
}  // namespace

std::string Corruptor::ocrError(const std::string& value) {
  std::u32string s = decodeUtf8(value);
  if (!replaceOne(s, ocrPairs(), true, *this)) return edit(value);
  return encodeUtf8(s);
}

std::string Corruptor::phoneticVariation(const std::string& value) {
  std::u32string s = decodeUtf8(value);
  if (!replaceOne(s, phoneticPairs(), false, *this)) return edit(value);
  return encodeUtf8(s);
}

std::string Corruptor::edit(const std::string& value) {
  std::u32string s = decodeUtf8(value);
  if (s.empty()) return value;
  std::size_t i = position(s.size());
  double r = uniform();
  bool digits = std::all_of(s.begin(), s.end(), [](char32_t c) { return c >= U'0' && c <= U'9'; });
  auto randomChar = [&]() -> char32_t {
    return digits ? U'0' + static_cast<char32_t>(below(10)) : U'a' + static_cast<char32_t>(below(26));
  };
  if (r < 0.25 || s.size() < 2)
    s.insert(i, 1, randomChar());
  else if (r < 0.5)
    s.erase(i, 1);
  else if (r < 0.75)
    s[i] = withCaseOf(randomChar(), s[i]);
  else
    std::swap(s[std::min(i, s.size() - 2)], s[std::min(i, s.size() - 2) + 1]);
  return encodeUtf8(s);
}

PersonRecord Corruptor::corrupt(const PersonRecord& original, const CorruptionStrength& strength,
                                std::vector<std::string>* applied) {
  PersonRecord p = original;
  auto note = [&](const std::string& what) {
    if (applied) applied->push_back(what);
  };
  std::map<Target, int> perField;
  std::set<Target> blank;
  const int wanted =
      1 + static_cast<int>(below(static_cast<std::size_t>(std::max(1, strength.maxPerRecord))));
  int done = 0;
  for (int attempt = 0; done < wanted && attempt < 60; ++attempt) {
    double total = 0;
    for (const auto& f : kFields) total += f.weight;
    double x = uniform() * total;
    Target t = kFields.back().target;
    for (const auto& f : kFields) {
      x -= f.weight;
      if (x < 0) {
        t = f.target;
        break;
      }
    }
    const int cap = t == Target::swap_names ? 1 : strength.maxPerField;
    if (perField[t] >= cap || blank.count(t)) continue;
    const bool missing = t != Target::swap_names && uniform() < strength.missingShare;
    auto textCorruption = [&](std::string& v, const char* field, bool nicknames) {
      if (v.empty()) return false;
      double r = uniform();
      if (nicknames && r < 0.15) {
        std::vector<std::string_view> options;
        for (const auto& g : nicknameGroups())
          if (compactName(g.front()) == compactName(v) ||
              std::any_of(g.begin(), g.end(),
                          [&](std::string_view n) { return compactName(n) == compactName(v); }))
            for (auto n : g)
              if (compactName(n) != compactName(v)) options.push_back(n);
        if (!options.empty()) {
          v = std::string(options[below(options.size())]);
          note(std::string("nickname:") + field);
          return true;
        }
      }
      r = uniform();
      if (r < 0.30) {
        v = keyboardTypo(v);
        note(std::string("keyboard:") + field);
      } else if (r < 0.45) {
        v = ocrError(v);
        note(std::string("ocr:") + field);
      } else if (r < 0.70) {
        v = phoneticVariation(v);
        note(std::string("phonetic:") + field);
      } else {
        v = edit(v);
        note(std::string("edit:") + field);
      }
      return true;
    };
    bool changed = false;
    switch (t) {
      case Target::swap_names:
        if (!p.givenName.empty() && !p.familyName.empty()) {
          std::swap(p.givenName, p.familyName);
          note("swapped_names");
          changed = true;
        }
        break;
      case Target::given:
        if (missing && !p.givenName.empty()) {
          p.givenName.clear();
          note("missing:given_name");
          changed = true;
        } else {
          changed = textCorruption(p.givenName, "given_name", true);
        }
        break;
      case Target::family:
        if (missing && !p.familyName.empty()) {
          p.familyName.clear();
          note("missing:family_name");
          changed = true;
        } else {
          changed = textCorruption(p.familyName, "family_name", false);
        }
        break;
      case Target::dob: {
        if (!p.dateOfBirth) break;
        if (missing) {
          p.dateOfBirth.reset();
          note("missing:date_of_birth");
          changed = true;
          break;
        }
        Date d = *p.dateOfBirth;
        unsigned day = static_cast<unsigned>(d.day()), month = static_cast<unsigned>(d.month());
        int year = static_cast<int>(d.year());
        double r = uniform();
        if (r < 0.3 && day <= 12 && day != month) {
          *p.dateOfBirth = Date{d.year(), std::chrono::month{day}, std::chrono::day{month}};
          note("day_month_swapped");
          changed = true;
        } else {
          // One digit of YYYYMMDD replaced by a keyboard neighbour or any digit, keeping a date.
          for (int tries = 0; tries < 10 && !changed; ++tries) {
            char buf[16];
            std::snprintf(buf, sizeof buf, "%04d%02u%02u", year, month, day);
            std::string digits = buf;
            std::size_t i = 2 + below(6);  // the century is never wrong
            std::string n = neighbours(digits[i]);
            char c = uniform() < 0.5 && !n.empty() ? n[below(n.size())] : static_cast<char>('0' + below(10));
            if (c == digits[i] || c < '0' || c > '9') continue;
            digits[i] = c;
            Date nd{std::chrono::year{std::stoi(digits.substr(0, 4))},
                    std::chrono::month{static_cast<unsigned>(std::stoi(digits.substr(4, 2)))},
                    std::chrono::day{static_cast<unsigned>(std::stoi(digits.substr(6, 2)))}};
            if (!nd.ok()) continue;
            *p.dateOfBirth = nd;
            note("dob_digit");
            changed = true;
          }
        }
        break;
      }
      case Target::postcode: {
        if (p.postcode.empty()) break;
        if (missing) {
          p.postcode.clear();
          note("missing:postcode");
          changed = true;
          break;
        }
        auto sp = p.postcode.find(' ');
        double r = uniform();
        if (r < 0.3 && sp != std::string::npos && sp >= 1 &&
            std::isdigit(static_cast<unsigned char>(p.postcode[sp - 1]))) {
          // Another district of the same area (moved nearby, or the district digit wrong).
          char& dd = p.postcode[sp - 1];
          dd = static_cast<char>('1' + (dd - '0' + static_cast<int>(below(4))) % 9);
          note("district_changed");
        } else if (r < 0.55 && p.postcode.size() >= 2) {
          std::swap(p.postcode[p.postcode.size() - 1], p.postcode[p.postcode.size() - 2]);
          note("postcode_transposed");
        } else {
          p.postcode = keyboardTypo(p.postcode);
          note("keyboard:postcode");
        }
        changed = true;
        break;
      }
      case Target::address: {
        if (p.address.empty()) break;
        if (missing) {
          p.address.clear();
          note("missing:address");
          changed = true;
          break;
        }
        double r = uniform();
        // The street number changes (a digit slip, or the house next door).
        std::size_t start = p.address.find_first_of("0123456789");
        if (p.address.rfind("Flat ", 0) == 0)
          start = p.address.find_first_of("0123456789", p.address.find(", "));
        if (r < 0.5 && start != std::string::npos) {
          std::size_t end = p.address.find_first_not_of("0123456789", start);
          int number = std::stoi(p.address.substr(start, end - start));
          int changedNumber = uniform() < 0.5 ? number + (uniform() < 0.5 ? 1 : 2)
                                              : number * 10 % 200 + static_cast<int>(below(10));
          if (changedNumber <= 0) changedNumber = number + 1;
          p.address.replace(start, end - start, std::to_string(changedNumber));
          note("street_number_changed");
        } else {
          p.address = r < 0.75 ? keyboardTypo(p.address) : phoneticVariation(p.address);
          note("typo:address");
        }
        changed = true;
        break;
      }
      case Target::school:
        if (p.schoolUrn.empty()) break;
        if (missing) {
          p.schoolUrn.clear();
          note("missing:school");
        } else {
          p.schoolUrn = std::to_string(std::stoul(p.schoolUrn) + 1 + below(3));
          note("school_changed");
        }
        changed = true;
        break;
    }
    if (!changed) continue;
    ++perField[t];
    if (missing) blank.insert(t);
    ++done;
  }
  (void)generator_;
  return p;
}

namespace {
LinkageRow rowOf(const PersonRecord& r, Id truth) {
  LinkageRow row;
  row.truthId = truth;
  row.record = r;
  row.record.id = 0;
  row.dateOfBirthText = r.dateOfBirth ? formatIsoDate(*r.dateOfBirth) : "";
  return row;
}

std::vector<PersonRecord> clericalPopulation(const ClericalConfig& config, std::size_t count) {
  SyntheticConfig sc;
  sc.seed = config.seed;
  sc.twinRate = config.twinRate;
  sc.nameZipf = 1.0;
  // Thirty districts: a register of a whole county, not of one town.
  sc.districts.clear();
  for (std::string area : {"LE", "WA", "TA", "NG", "DE"})
    for (int d = 1; d <= 6; ++d) sc.districts.push_back(area + std::to_string(d));
  SyntheticGenerator gen(sc);
  return gen.population(count);
}

void shuffleRows(std::vector<LinkageRow>& rows, std::uint64_t seed, const std::string& prefix) {
  Corruptor rnd(seed + 7);
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rnd.below(i)]);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].sourceRef = prefix + std::to_string(i + 1);
}
}  // namespace

std::vector<LinkageRow> generateClericalFile(const ClericalConfig& config) {
  auto people = clericalPopulation(config, config.people);
  Corruptor corruptor(config.seed);
  std::vector<LinkageRow> rows;
  for (const auto& person : people) {
    rows.push_back(rowOf(person, person.id));
    if (corruptor.uniform() >= config.duplicatedShare) continue;
    std::size_t copies = zipfBelow(corruptor.uniform(), config.maxDuplicates);
    for (std::size_t k = 0; k < copies; ++k)
      rows.push_back(rowOf(corruptor.corrupt(person, config.strength), person.id));
  }
  shuffleRows(rows, config.seed, "row-");
  return rows;
}

ClericalPair generateClericalPair(const ClericalConfig& config, double overlap) {
  const auto onlyInB = static_cast<std::size_t>(static_cast<double>(config.people) * (1 - overlap));
  auto people = clericalPopulation(config, config.people + onlyInB);
  Corruptor corruptor(config.seed);
  ClericalPair pair;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const auto& person = people[i];
    if (i < config.people) {
      pair.a.push_back(rowOf(person, person.id));
      if (corruptor.uniform() < overlap)
        pair.b.push_back(rowOf(corruptor.corrupt(person, config.strength), person.id));
    } else {
      pair.b.push_back(rowOf(corruptor.corrupt(person, config.strength), person.id));
    }
  }
  shuffleRows(pair.a, config.seed, "a-");
  shuffleRows(pair.b, config.seed + 1, "b-");
  return pair;
}

namespace {
struct UnionFind {
  std::map<Id, Id> parent;
  Id find(Id x) {
    auto it = parent.find(x);
    if (it == parent.end() || it->second == x) return x;
    Id root = find(it->second);
    parent[x] = root;
    return root;
  }
  void unite(Id a, Id b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

// Pairwise counts, all pairs or only pairs across the two files.
PairwiseEvaluation evaluate(const std::vector<Id>& truth, const std::vector<Id>& predicted,
                            std::size_t aCount, bool crossOnly) {
  if (!crossOnly) return evaluatePairwise(truth, predicted);
  PairwiseEvaluation e;
  std::map<Id, std::pair<std::size_t, std::size_t>> t, p;
  std::map<std::pair<Id, Id>, std::pair<std::size_t, std::size_t>> both;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    bool inA = i < aCount;
    (inA ? t[truth[i]].first : t[truth[i]].second)++;
    (inA ? p[predicted[i]].first : p[predicted[i]].second)++;
    (inA ? both[{truth[i], predicted[i]}].first : both[{truth[i], predicted[i]}].second)++;
  }
  for (auto& [k, v] : t) e.truePairs += v.first * v.second;
  for (auto& [k, v] : p) e.predictedPairs += v.first * v.second;
  for (auto& [k, v] : both) e.correctPairs += v.first * v.second;
  e.precision =
      e.predictedPairs ? static_cast<double>(e.correctPairs) / static_cast<double>(e.predictedPairs) : 1.0;
  e.recall = e.truePairs ? static_cast<double>(e.correctPairs) / static_cast<double>(e.truePairs) : 1.0;
  e.f1 = (e.precision + e.recall) > 0 ? 2 * e.precision * e.recall / (e.precision + e.recall) : 0.0;
  return e;
}

ClericalScore score(const std::vector<LinkageRow>& rows, std::size_t aCount, bool crossOnly,
                    const Resolution& res) {
  ClericalScore s;
  s.rows = rows.size();
  std::vector<Id> truth;
  truth.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i)
    truth.push_back(rows[i].truthId ? *rows[i].truthId : static_cast<Id>(1'000'000'000 + i));
  s.pairs = evaluate(truth, res.clusterOf, aCount, crossOnly);
  s.reviewed = res.counts.reviewed;
  s.reviewShare = rows.empty() ? 0 : static_cast<double>(s.reviewed) / static_cast<double>(rows.size());
  // Had a person decided each review rightly: the row joins each offered cluster that is its
  // child (a cluster is named by the id, position + 1, of its first record).
  UnionFind uf;
  for (std::size_t i = 0; i < res.reviewWith.size() && i < rows.size(); ++i)
    for (Id c : res.reviewWith[i])
      if (c >= 1 && static_cast<std::size_t>(c) <= rows.size() &&
          truth[static_cast<std::size_t>(c) - 1] == truth[i])
        uf.unite(res.clusterOf[i], c);
  std::vector<Id> reviewed;
  reviewed.reserve(rows.size());
  for (Id c : res.clusterOf) reviewed.push_back(uf.find(c));
  auto e = evaluate(truth, reviewed, aCount, crossOnly);
  s.recallIfReviewed = e.recall;
  s.f1IfReviewed = e.f1;
  return s;
}
}  // namespace

ClericalScore scoreDedupe(const std::vector<LinkageRow>& rows, const Resolution& resolution) {
  return score(rows, rows.size(), false, resolution);
}
ClericalScore scoreLink(const std::vector<LinkageRow>& rows, std::size_t aCount,
                        const Resolution& resolution) {
  return score(rows, aCount, true, resolution);
}

}  // namespace ycr::matching
