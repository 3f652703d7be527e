#include <algorithm>
#include <limits>
#include <mutex>

#include "ycr/core/matching/index.h"

namespace ycr::matching {
namespace {

enum class BlockKind : std::uint8_t {
  date_of_birth = 1,
  family_and_given = 2,
  given_and_district = 3,
  sector_and_year = 4,
  family_and_birth_month = 5,
  postcode_unit = 6,    // a full postcode: a street's households, whatever their names
  given_and_birth = 7,  // the given-name key and the date of birth, whatever the family name
  address = 8,          // the house (and flat) numbers and the street's sound: a household
};

struct KeyHasher {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a: fast, and collisions only cost a few extra candidates
  explicit KeyHasher(BlockKind kind) { byte(static_cast<std::uint8_t>(kind)); }
  void byte(std::uint8_t b) {
    h ^= b;
    h *= 1099511628211ull;
  }
  KeyHasher& add(std::string_view s) {
    for (char c : s) byte(static_cast<std::uint8_t>(c));
    byte(0xFF);
    return *this;
  }
  KeyHasher& add(long long v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<std::uint8_t>(v >> (8 * i)));
    return *this;
  }
};

struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

// The bit of a hashed address token in a record's 64-bit address signature.
std::uint64_t addressBit(std::uint32_t tokenHash) {
  return std::uint64_t{1} << ((tokenHash * 0x9E3779B1u) >> 26);
}

// A probe value the index has never seen: equal to no filed record's value.
constexpr std::uint32_t kUnknown = 0xFFFFFFFFu;

long long daysOf(const Date& d) {
  return std::chrono::sys_days(d).time_since_epoch().count();
}

// FNV-1a folded to 16 bits: the small hashes postings carry.
std::uint16_t hash16(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return static_cast<std::uint16_t>((h ^ (h >> 16)) & 0xFFFFu);
}

// A posting's postcode district; 0 only when there is none.
std::uint16_t districtHash(const PreparedRecord& r) {
  if (!r.postcode || r.postcode->district.empty()) return 0;
  return std::max<std::uint16_t>(1, hash16(r.postcode->district));
}

// The given name's blocking key: its variant group when the table knows it (so Bill finds
// William), otherwise its Soundex (so Jesica finds Jessica).
std::string givenKey(std::string_view compact, const NameVariants& variants) {
  if (auto g = variants.primaryGroup(compact)) {
    // Appended, not "g" + std::to_string(...): GCC 12 at -O3 inlines that operator+ into an
    // insert at the front and reports a memcpy overlap that cannot happen (-Wrestrict).
    std::string key(1, 'g');
    key += std::to_string(*g);
    return key;
  }
  return soundex(compact);
}

// Family-name keys: the whole name and each part of a double-barrelled one.
std::vector<std::string> familyKeys(const std::string& folded, const std::string& compact) {
  std::vector<std::string> keys{soundex(compact)};
  if (folded.find(' ') != std::string::npos)
    for (const auto& part : nameParts(folded))
      if (part.size() >= 3) keys.push_back(soundex(part));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

void nameKeys(std::vector<std::uint64_t>& keys, const std::string& givenCompact,
              const std::string& familyFolded, const std::string& familyCompact, const PreparedRecord& r,
              const NameVariants& variants) {
  const bool hasGiven = !givenCompact.empty(), hasFamily = !familyCompact.empty();
  std::string gk = hasGiven ? givenKey(givenCompact, variants) : std::string();
  std::vector<std::string> fks =
      hasFamily ? familyKeys(familyFolded, familyCompact) : std::vector<std::string>{};
  for (const auto& fk : fks) {
    if (hasGiven) keys.push_back(KeyHasher(BlockKind::family_and_given).add(fk).add(gk).h);
    if (r.dateOfBirth) {
      long long ym =
          static_cast<int>(r.dateOfBirth->year()) * 100LL + static_cast<unsigned>(r.dateOfBirth->month());
      keys.push_back(KeyHasher(BlockKind::family_and_birth_month).add(fk).add(ym).h);
    }
  }
  if (hasGiven && r.postcode)
    keys.push_back(KeyHasher(BlockKind::given_and_district).add(gk).add(r.postcode->district).h);
}

}  // namespace

MatchIndex::MatchIndex(NameVariants variants, MatchModel model)
    : variants_(std::move(variants)), model_(std::move(model)) {
  tabulateWeights();
}

// The plain weight of every field's every level (and of a missing field, index 0), so ranking a
// candidate adds six numbers instead of taking six logarithms.
void MatchIndex::tabulateWeights() {
  for (std::size_t f = 0; f < kFieldCount; ++f)
    for (int level = -1; level < static_cast<int>(weights_[f].size()) - 1; ++level)
      weights_[f][static_cast<std::size_t>(level + 1)] =
          level < static_cast<int>(levelCount(static_cast<Field>(f)))
              ? model_.weight(static_cast<Field>(f), level)
              : 0.0;
}

struct MatchIndex::ProbeFingerprint {
  const PreparedRecord* record = nullptr;
  Fingerprint print;  // the probe's values as the index numbers them; kUnknown when never filed
  std::vector<std::uint64_t> addressBits;
};

// One lookup's name comparisons by interned name: a block of candidates repeats the same few
// hundred names, so each distinct name is compared with the probe's once. Open addressing over
// (name id, kind) keys; never grows past twice what it was sized for.
class MatchIndex::LevelCache {
 public:
  enum Kind : std::uint32_t { given = 0, family = 1, crossed_given = 2, crossed_family = 3 };
  explicit LevelCache(std::size_t candidates) {
    std::size_t capacity = 64;
    while (capacity < 4 * candidates + 64) capacity *= 2;
    keys_.assign(capacity, 0);
    levels_.assign(capacity, 0);
    mask_ = capacity - 1;
  }
  template <class Compute>
  int get(std::uint32_t nameId, Kind kind, Compute&& compute) {
    const std::uint64_t key = (static_cast<std::uint64_t>(nameId) << 2 | kind) + 1;  // never 0
    std::size_t i = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> 32) & mask_;
    for (; keys_[i] != 0; i = (i + 1) & mask_)
      if (keys_[i] == key) return levels_[i];
    if (used_ * 2 >= keys_.size()) return static_cast<int>(compute());  // full: compute, do not keep
    keys_[i] = key;
    levels_[i] = static_cast<std::int8_t>(compute());
    ++used_;
    return levels_[i];
  }

 private:
  std::vector<std::uint64_t> keys_;
  std::vector<std::int8_t> levels_;
  std::size_t mask_ = 0, used_ = 0;
};

std::uint32_t MatchIndex::internName(const std::string& folded, const std::string& compact) {
  if (compact.empty()) return 0;
  auto [it, fresh] = nameIds_.emplace(folded, static_cast<std::uint32_t>(names_.size() + 1));
  if (fresh) names_.push_back({folded, compact, variants_.groupsOf(compact)});
  return it->second;
}

std::uint32_t MatchIndex::internText(const std::string& text) {
  if (text.empty()) return 0;
  return textIds_.emplace(text, static_cast<std::uint32_t>(textIds_.size() + 1)).first->second;
}

std::uint32_t MatchIndex::findText(const std::string& text) const {
  if (text.empty()) return 0;
  auto it = textIds_.find(text);
  return it == textIds_.end() ? kUnknown : it->second;
}

MatchIndex::Fingerprint MatchIndex::fingerprintOf(const PreparedRecord& r) {
  Fingerprint f;
  f.given = internName(r.given, r.givenCompact);
  f.family = internName(r.family, r.familyCompact);
  f.givenInitial = f.given ? r.given[0] : 0;
  f.familyInitial = f.family ? r.family[0] : 0;
  if (r.postcode) {
    f.hasPostcode = true;
    f.postcodeFull = internText(r.postcode->full);
    f.postcodeSector = internText(r.postcode->sector);
    f.postcodeDistrict = internText(r.postcode->district);
  }
  f.school = internText(r.schoolUrn);
  if (r.dateOfBirth) {
    f.hasDateOfBirth = true;
    f.dateOfBirth = *r.dateOfBirth;
  }
  for (auto t : r.addressTokens) f.addressBloom |= addressBit(t);
  f.addressTokens = static_cast<std::uint32_t>(r.addressTokens.size());
  return f;
}

MatchIndex::ProbeFingerprint MatchIndex::probeFingerprintOf(const PreparedRecord& r) const {
  ProbeFingerprint p;
  p.record = &r;
  if (r.postcode) {
    p.print.hasPostcode = true;
    p.print.postcodeFull = findText(r.postcode->full);
    p.print.postcodeSector = findText(r.postcode->sector);
    p.print.postcodeDistrict = findText(r.postcode->district);
  }
  p.print.school = findText(r.schoolUrn);
  for (auto t : r.addressTokens) p.addressBits.push_back(addressBit(t));
  return p;
}

// Scoring is bound by memory, not arithmetic: each candidate's fingerprint is a random read of an
// array of tens of megabytes, and in the scoring loop each miss waits for the one before (there is
// too much work between two to overlap them). Read first in a loop of their own, where no read
// waits for another, dozens are in flight at once: at a million records this halved the scoring
// loop (about 75 to 38 us a lookup), where __builtin_prefetch a few candidates ahead did nothing.
void MatchIndex::warm(const std::vector<std::uint32_t>& slots) const {
  std::uint32_t sink = 0;
  for (auto slot : slots) sink += fingerprints_[slot].given + fingerprints_[slot].hasPostcode;  // both ends
  asm volatile("" : : "r"(sink));  // the reads are wanted for what they leave in the cache
}

// compareRecords(probe, filed record), from the filed record's fingerprint: the same levels, in
// the same order of reasoning (see matching_matcher.cpp), reading the record itself only for the rare
// address whose signature cannot rule out an overlap.
ComparisonVector MatchIndex::compareFast(const ProbeFingerprint& probe, std::uint32_t slot,
                                         LevelCache& cache) const {
  const Fingerprint& c = fingerprints_[slot];
  const PreparedRecord& a = *probe.record;
  ComparisonVector v;
  v.levels.fill(-1);
  constexpr auto kGiven = static_cast<std::size_t>(Field::given_name);
  constexpr auto kFamily = static_cast<std::size_t>(Field::family_name);
  const bool givenBoth = !a.givenCompact.empty() && c.given != 0;
  const bool familyBoth = !a.familyCompact.empty() && c.family != 0;
  if (givenBoth)
    v.levels[kGiven] = static_cast<std::int8_t>(cache.get(c.given, LevelCache::given, [&] {
      const auto& name = names_[c.given - 1];
      bool variantsOfEachOther = false;
      for (auto g : a.givenGroups)
        if (std::find(name.groups.begin(), name.groups.end(), g) != name.groups.end())
          variantsOfEachOther = true;
      return compareGivenNames(a.given, name.folded, variantsOfEachOther, variants_);
    }));
  if (familyBoth)
    v.levels[kFamily] = static_cast<std::int8_t>(cache.get(c.family, LevelCache::family, [&] {
      return compareFamilyNames(a.family, names_[c.family - 1].folded);
    }));
  if (givenBoth && familyBoth) {
    constexpr int kSimilar = static_cast<int>(GivenNameLevel::similar);
    const int g = v.levels[kGiven], f = v.levels[kFamily];
    if ((g > kSimilar || f > kSimilar) && a.given[0] == c.familyInitial && a.family[0] == c.givenInitial) {
      const auto& otherGiven = names_[c.given - 1].folded;
      const auto& otherFamily = names_[c.family - 1].folded;
      {
        int gx = cache.get(c.family, LevelCache::crossed_given,
                           [&] { return compareGivenNames(a.given, otherFamily, variants_); });
        int fx = cache.get(c.given, LevelCache::crossed_family,
                           [&] { return compareFamilyNames(a.family, otherGiven); });
        if (crossedReadingAgrees(gx, fx) && gx + fx < g + f) {
          v.levels[kGiven] = static_cast<std::int8_t>(gx);
          v.levels[kFamily] = static_cast<std::int8_t>(fx);
          v.namesSwapped = true;
        }
      }
    }
  }
  if (a.dateOfBirth && c.hasDateOfBirth)
    v.levels[static_cast<std::size_t>(Field::date_of_birth)] =
        static_cast<std::int8_t>(compareDatesOfBirth(*a.dateOfBirth, c.dateOfBirth));
  if (probe.print.hasPostcode && c.hasPostcode) {
    const auto& p = probe.print;
    PostcodeLevel level =
        p.postcodeFull != 0 && p.postcodeFull == c.postcodeFull               ? PostcodeLevel::full
        : p.postcodeSector != 0 && p.postcodeSector == c.postcodeSector       ? PostcodeLevel::sector
        : p.postcodeDistrict != 0 && p.postcodeDistrict == c.postcodeDistrict ? PostcodeLevel::district
                                                                              : PostcodeLevel::other;
    v.levels[static_cast<std::size_t>(Field::postcode)] = static_cast<std::int8_t>(level);
  }
  if (probe.print.school != 0 && c.school != 0)
    v.levels[static_cast<std::size_t>(Field::school)] = static_cast<std::int8_t>(
        probe.print.school == c.school ? SchoolLevel::equal : SchoolLevel::different);
  if (!a.addressTokens.empty() && c.addressTokens != 0) {
    // Every shared token sets its bit in both signatures, so the probe tokens whose bit the
    // record has bound the shared tokens from above, and so the overlap.
    std::uint32_t bound = 0;
    for (auto bit : probe.addressBits) bound += (c.addressBloom & bit) != 0;
    const auto na = static_cast<std::uint32_t>(a.addressTokens.size());
    bound = std::min({bound, na, c.addressTokens});
    const double overlapBound =
        static_cast<double>(bound) / static_cast<double>(na + c.addressTokens - bound);
    v.levels[static_cast<std::size_t>(Field::address)] = static_cast<std::int8_t>(
        overlapBound < 0.4 ? AddressLevel::different
                           : compareAddresses(a.addressTokens, slots_[slot].record.addressTokens));
  }
  return v;
}

std::vector<MatchIndex::ProbeKey> MatchIndex::blockKeysOf(const PreparedRecord& r) const {
  std::vector<ProbeKey> keys;
  keys.reserve(10);
  if (r.dateOfBirth)
    keys.push_back(
        {KeyHasher(BlockKind::date_of_birth).add(daysOf(*r.dateOfBirth)).h, Filter::names_or_district});
  std::vector<std::uint64_t> named;
  nameKeys(named, r.givenCompact, r.family, r.familyCompact, r, variants_);
  for (auto k : named) keys.push_back({k, Filter::all});
  if (r.postcode && !r.postcode->full.empty())
    keys.push_back({KeyHasher(BlockKind::postcode_unit).add(r.postcode->full).h, Filter::all, true});
  if (r.dateOfBirth && !r.givenCompact.empty())
    keys.push_back({KeyHasher(BlockKind::given_and_birth)
                        .add(givenKey(r.givenCompact, variants_))
                        .add(daysOf(*r.dateOfBirth))
                        .h,
                    Filter::all});
  if (auto home = addressKey(r.address); !home.empty())
    keys.push_back({KeyHasher(BlockKind::address).add(home).h, Filter::names_or_district, true});
  if (r.postcode && !r.postcode->sector.empty() && r.dateOfBirth)
    keys.push_back({KeyHasher(BlockKind::sector_and_year)
                        .add(r.postcode->sector)
                        .add(static_cast<int>(r.dateOfBirth->year()))
                        .h,
                    Filter::names});
  return keys;
}

std::vector<std::uint64_t> MatchIndex::keysOf(const PreparedRecord& r) const {
  std::vector<std::uint64_t> keys;
  for (const auto& k : blockKeysOf(r)) keys.push_back(k.key);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::uint32_t MatchIndex::nameSignature(const std::string& givenCompact,
                                        const std::string& familyCompact) const {
  std::uint32_t g = givenCompact.empty() ? 0 : hash16(givenKey(givenCompact, variants_));
  std::uint32_t f = familyCompact.empty() ? 0 : hash16(soundex(familyCompact));
  return (f << 16) | g;
}

std::vector<MatchIndex::ProbeKey> MatchIndex::probeKeysOf(const PreparedRecord& r) const {
  std::vector<ProbeKey> keys = blockKeysOf(r);
  // The keys the same child would have under the commonest errors that change a key.
  if (!r.givenCompact.empty() && !r.familyCompact.empty()) {
    std::vector<std::uint64_t> crossed;
    nameKeys(crossed, r.familyCompact, r.given, r.givenCompact, r, variants_);
    for (auto k : crossed) keys.push_back({k, Filter::all});
  }
  if (r.dateOfBirth) {
    // Day and month swapped: a whole day's births, so only those agreeing on a name key.
    unsigned d = static_cast<unsigned>(r.dateOfBirth->day()),
             m = static_cast<unsigned>(r.dateOfBirth->month());
    Date swapped{r.dateOfBirth->year(), std::chrono::month{d}, std::chrono::day{m}};
    if (d != m && swapped.ok())
      keys.push_back({KeyHasher(BlockKind::date_of_birth).add(daysOf(swapped)).h, Filter::names});
  }
  // A key reached two ways (a name read straight and crossed) keeps its widest filter.
  std::sort(keys.begin(), keys.end(), [](const ProbeKey& a, const ProbeKey& b) {
    return a.key != b.key ? a.key < b.key : a.filter < b.filter;
  });
  keys.erase(std::unique(keys.begin(), keys.end(),
                         [](const ProbeKey& a, const ProbeKey& b) { return a.key == b.key; }),
             keys.end());
  return keys;
}

void MatchIndex::count(const PreparedRecord& r, int delta) {
  auto bump = [delta](std::unordered_map<std::string, std::uint32_t>& m, const std::string& key) {
    if (key.empty()) return;
    auto& c = m[key];
    c = static_cast<std::uint32_t>(static_cast<int>(c) + delta);
    if (c == 0) m.erase(key);
  };
  bump(frequencies_.given, r.givenCompact);
  bump(frequencies_.family, r.familyCompact);
  frequencies_.total = static_cast<std::size_t>(static_cast<long long>(frequencies_.total) + delta);
}

void MatchIndex::file(std::uint32_t slot) {
  for (auto key : slots_[slot].keys)
    blocks_[key].push_back({slot, slots_[slot].names, slots_[slot].district});
  count(slots_[slot].record, +1);
}

void MatchIndex::unfile(std::uint32_t slot) {
  for (auto key : slots_[slot].keys) {
    auto it = blocks_.find(key);
    if (it == blocks_.end()) continue;
    auto& v = it->second;
    v.erase(std::remove_if(v.begin(), v.end(), [slot](const Posting& p) { return p.slot == slot; }), v.end());
    if (v.empty()) blocks_.erase(it);
  }
  count(slots_[slot].record, -1);
}

Status MatchIndex::add(const PersonRecord& record) {
  PreparedRecord prepared = prepare(record, variants_);
  std::unique_lock lock(mutex_);
  if (slotOf_.count(record.id))
    return DomainError::conflict("record " + std::to_string(record.id) + " is already indexed");
  std::uint32_t slot;
  if (!freeSlots_.empty()) {
    slot = freeSlots_.back();
    freeSlots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
    fingerprints_.emplace_back();
  }
  fingerprints_[slot] = fingerprintOf(prepared);
  slots_[slot].keys = keysOf(prepared);
  slots_[slot].names = nameSignature(prepared.givenCompact, prepared.familyCompact);
  slots_[slot].district = districtHash(prepared);
  slots_[slot].record = std::move(prepared);
  slots_[slot].live = true;
  slotOf_.emplace(record.id, slot);
  file(slot);
  return {};
}

Status MatchIndex::remove(Id id) {
  std::unique_lock lock(mutex_);
  auto it = slotOf_.find(id);
  if (it == slotOf_.end()) return DomainError::notFound("record " + std::to_string(id) + " is not indexed");
  std::uint32_t slot = it->second;
  unfile(slot);
  slots_[slot] = Slot{};
  fingerprints_[slot] = Fingerprint{};
  freeSlots_.push_back(slot);
  slotOf_.erase(it);
  return {};
}

Status MatchIndex::update(const PersonRecord& record) {
  PreparedRecord prepared = prepare(record, variants_);
  std::unique_lock lock(mutex_);
  auto it = slotOf_.find(record.id);
  if (it == slotOf_.end())
    return DomainError::notFound("record " + std::to_string(record.id) + " is not indexed");
  unfile(it->second);
  fingerprints_[it->second] = fingerprintOf(prepared);
  slots_[it->second].keys = keysOf(prepared);
  slots_[it->second].names = nameSignature(prepared.givenCompact, prepared.familyCompact);
  slots_[it->second].district = districtHash(prepared);
  slots_[it->second].record = std::move(prepared);
  file(it->second);
  return {};
}

void MatchIndex::clear() {
  std::unique_lock lock(mutex_);
  slots_.clear();
  fingerprints_.clear();
  names_.clear();
  nameIds_.clear();
  textIds_.clear();
  freeSlots_.clear();
  slotOf_.clear();
  blocks_.clear();
  frequencies_ = NameFrequencies{};
}

std::size_t MatchIndex::size() const {
  std::shared_lock lock(mutex_);
  return slotOf_.size();
}

std::vector<std::uint32_t> MatchIndex::candidateSlots(const PreparedRecord& probe, std::size_t limit,
                                                      MatchStats* stats, bool householdBlocks) const {
  struct Block {
    const std::vector<Posting>* postings;
    Filter filter;
  };
  std::vector<Block> blocks;
  for (auto [key, filter, household] : probeKeysOf(probe)) {
    if (household && !householdBlocks) continue;
    auto it = blocks_.find(key);
    if (it == blocks_.end()) continue;
    if (it->second.size() > kMaxBlock) {
      if (stats) ++stats->blocksSkipped;
      continue;
    }
    blocks.push_back({&it->second, filter});
  }
  std::sort(blocks.begin(), blocks.end(),
            [](const Block& a, const Block& b) { return a.postings->size() < b.postings->size(); });
  // Name agreement: the family or given key, read straight or crossed. A probe without names
  // cannot ask for it, so every record of a filtered block stays a candidate.
  const std::uint32_t straight = nameSignature(probe.givenCompact, probe.familyCompact);
  const std::uint32_t crossed = nameSignature(probe.familyCompact, probe.givenCompact);
  const std::uint16_t district = districtHash(probe);
  auto agrees = [&](std::uint32_t names) {
    if (straight == 0) return true;
    for (std::uint32_t sig : {straight, crossed}) {
      if ((sig >> 16) != 0 && (sig >> 16) == (names >> 16)) return true;
      if ((sig & 0xFFFFu) != 0 && (sig & 0xFFFFu) == (names & 0xFFFFu)) return true;
    }
    return false;
  };
  auto kept = [&](Filter filter, const Posting& p) {
    switch (filter) {
      case Filter::all: return true;
      case Filter::names: return agrees(p.names);
      case Filter::names_or_district: return (district != 0 && p.district == district) || agrees(p.names);
    }
    return true;
  };
  std::vector<std::uint32_t> slots;
  for (const auto& b : blocks) {
    for (const auto& p : *b.postings) {
      if (slots.size() >= limit) break;
      if (kept(b.filter, p)) slots.push_back(p.slot);
    }
  }
  std::sort(slots.begin(), slots.end());
  slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
  if (probe.id != 0) {
    auto own = slotOf_.find(probe.id);
    if (own != slotOf_.end()) slots.erase(std::remove(slots.begin(), slots.end(), own->second), slots.end());
  }
  return slots;
}

std::vector<Id> MatchIndex::candidates(const PersonRecord& probe, int limit) const {
  PreparedRecord prepared = prepare(probe, variants_);
  std::shared_lock lock(mutex_);
  std::vector<Id> ids;
  for (auto slot : candidateSlots(prepared, static_cast<std::size_t>(std::max(limit, 0)), nullptr))
    ids.push_back(slots_[slot].record.id);
  return ids;
}

std::vector<Candidate> MatchIndex::match(const PersonRecord& probe, int limit, MatchStats* stats) const {
  return ranked(probe, limit, stats, -std::numeric_limits<double>::infinity());
}

std::vector<Candidate> MatchIndex::matchFrom(const PersonRecord& probe, double floor, int limit) const {
  return ranked(probe, limit, nullptr, floor);
}

std::vector<Candidate> MatchIndex::ranked(const PersonRecord& probe, int limit, MatchStats* stats,
                                          double floor) const {
  PreparedRecord prepared = prepare(probe, variants_);
  std::shared_lock lock(mutex_);
  const NameFrequencies* tf = termFrequencies_ ? &frequencies_ : nullptr;
  auto slots = candidateSlots(prepared, kDefaultCandidateLimit, stats);
  if (stats) stats->candidatesTouched += slots.size();
  struct Scored {
    double score;
    std::uint32_t slot;
  };
  std::vector<Scored> scored;
  scored.reserve(slots.size());
  const ProbeFingerprint probePrint = probeFingerprintOf(prepared);
  warm(slots);
  LevelCache names(slots.size());
  for (std::size_t k = 0; k < slots.size(); ++k) {
    const std::uint32_t slot = slots[k];
    ComparisonVector v = compareFast(probePrint, slot, names);
    double s = v.namesSwapped ? model_.swappedNamesPenalty : 0.0;
    for (std::size_t i = 0; i < kFieldCount; ++i) s += weights_[i][static_cast<std::size_t>(v.levels[i] + 1)];
    // Term frequencies move exact name agreement by a few bits; rank on the plain score and
    // rescore the leaders exactly below, with a margin so no leader is missed.
    scored.push_back({s, slot});
  }
  const std::size_t wanted = static_cast<std::size_t>(std::max(limit, 0));
  const std::size_t keep = std::min<std::size_t>(scored.size(), wanted + 16);
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(),
                    [](const Scored& a, const Scored& b) { return a.score > b.score; });
  struct Rescored {
    PairScore pair;
    const PreparedRecord* other;
  };
  std::vector<Rescored> leaders;
  leaders.reserve(keep);
  // Frequencies cannot lift a plain score by more than this, so a leader below the floor by more
  // can be passed over unscored; the best is scored whatever its score.
  const double gain = tf ? 2 * NameFrequencies::kMaxGainPerName : 0.0;
  for (std::size_t i = 0; i < keep; ++i) {
    if (i > 0 && scored[i].score + gain < floor) break;  // sorted: the rest are lower still
    const auto& other = slots_[scored[i].slot].record;
    leaders.push_back({scorePair(prepared, other, model_, variants_, tf), &other});
  }
  std::sort(leaders.begin(), leaders.end(), [](const Rescored& a, const Rescored& b) {
    return a.pair.score != b.pair.score ? a.pair.score > b.pair.score : a.other->id < b.other->id;
  });
  // Below the floor only the best is kept.
  std::size_t reaching = 0;
  while (reaching < leaders.size() && leaders[reaching].pair.score >= floor) ++reaching;
  if (leaders.size() > std::max<std::size_t>(reaching, 1)) leaders.resize(std::max<std::size_t>(reaching, 1));
  if (leaders.size() > wanted) leaders.resize(wanted);
  // Only the candidates returned are explained: the explanation is most of a leader's cost.
  std::vector<Candidate> out;
  out.reserve(leaders.size());
  for (auto& l : leaders)
    out.push_back({l.other->id, l.pair.score,
                   l.pair.score >= floor ? explain(prepared, *l.other, l.pair.comparison, model_, tf)
                                         : std::vector<FieldEvidence>{},
                   std::move(l.pair.cautions), l.pair.otherChild});
  return out;
}

std::vector<Candidate> MatchIndex::matchAmong(const PersonRecord& probe, const MatchIndex& pool, double floor,
                                              int limit) const {
  PreparedRecord prepared = prepare(probe, variants_);
  std::shared_lock lock(mutex_);
  std::shared_lock poolLock(pool.mutex_);
  const NameFrequencies* tf = termFrequencies_ ? &frequencies_ : nullptr;
  std::vector<Candidate> out;
  for (auto slot : pool.candidateSlots(prepared, kDefaultCandidateLimit, nullptr)) {
    const PreparedRecord& other = pool.slots_[slot].record;
    PairScore ps = scorePair(prepared, other, model_, variants_, tf);
    out.push_back({other.id, ps.score,
                   ps.score >= floor ? explain(prepared, other, ps.comparison, model_, tf)
                                     : std::vector<FieldEvidence>{},
                   std::move(ps.cautions), ps.otherChild});
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  });
  if (out.size() > static_cast<std::size_t>(std::max(limit, 0)))
    out.resize(static_cast<std::size_t>(std::max(limit, 0)));
  return out;
}

std::vector<std::pair<Id, ComparisonVector>> MatchIndex::comparisons(const PersonRecord& probe) const {
  PreparedRecord prepared = prepare(probe, variants_);
  std::shared_lock lock(mutex_);
  auto slots = candidateSlots(prepared, kDefaultCandidateLimit, nullptr);
  const ProbeFingerprint probePrint = probeFingerprintOf(prepared);
  warm(slots);
  LevelCache names(slots.size());
  std::vector<std::pair<Id, ComparisonVector>> out;
  out.reserve(slots.size());
  for (std::size_t k = 0; k < slots.size(); ++k) {
    out.emplace_back(slots_[slots[k]].record.id, compareFast(probePrint, slots[k], names));
  }
  return out;
}

PairScore MatchIndex::scoreRecords(const PersonRecord& a, const PersonRecord& b) const {
  PreparedRecord pa = prepare(a, variants_), pb = prepare(b, variants_);
  std::shared_lock lock(mutex_);
  return scorePair(pa, pb, model_, variants_, termFrequencies_ ? &frequencies_ : nullptr);
}

bool MatchIndex::differentChildren(const PersonRecord& a, const PersonRecord& b) const {
  return givenNamesOfDifferentChildren(prepare(a, variants_), prepare(b, variants_), variants_);
}

void MatchIndex::setModel(MatchModel model) {
  std::unique_lock lock(mutex_);
  model_ = std::move(model);
  tabulateWeights();
}

MatchModel MatchIndex::model() const {
  std::shared_lock lock(mutex_);
  return model_;
}

void MatchIndex::setTermFrequencyAdjustment(bool on) {
  std::unique_lock lock(mutex_);
  termFrequencies_ = on;
}

std::vector<ComparisonVector> MatchIndex::sampleRandomPairs(std::size_t pairs, std::uint64_t seed) const {
  std::shared_lock lock(mutex_);
  std::vector<std::uint32_t> live;
  live.reserve(slotOf_.size());
  for (const auto& [id, slot] : slotOf_) live.push_back(slot);
  std::sort(live.begin(), live.end());  // unordered_map order is not deterministic across builds
  std::vector<ComparisonVector> out;
  if (live.size() < 2) return out;
  SplitMix rng{seed};
  out.reserve(pairs);
  while (out.size() < pairs) {
    auto a = live[rng.below(live.size())], b = live[rng.below(live.size())];
    if (a == b) continue;
    out.push_back(compareRecords(slots_[a].record, slots_[b].record, variants_));
  }
  return out;
}

std::vector<ComparisonVector> MatchIndex::sampleCandidatePairs(std::size_t pairs, std::uint64_t seed) const {
  std::shared_lock lock(mutex_);
  std::vector<std::uint32_t> live;
  live.reserve(slotOf_.size());
  for (const auto& [id, slot] : slotOf_) live.push_back(slot);
  std::sort(live.begin(), live.end());
  std::vector<ComparisonVector> out;
  if (live.size() < 2) return out;
  SplitMix rng{seed};
  // Visit records in a random order and take every pair their blocks propose, so the sample
  // has the mix of matches and near-misses that lookups will see. A pair may be seen from both
  // ends; that weighs every pair alike and does not bias EM.
  for (std::size_t i = live.size() - 1; i > 0; --i) std::swap(live[i], live[rng.below(i + 1)]);
  for (auto slot : live) {
    const auto& r = slots_[slot].record;
    auto others = candidateSlots(r, kDefaultCandidateLimit, nullptr, false);
    const ProbeFingerprint print = probeFingerprintOf(r);
    LevelCache names(others.size());
    for (std::size_t k = 0; k < others.size(); ++k) {
      out.push_back(compareFast(print, others[k], names));
      if (out.size() >= pairs) return out;
    }
  }
  return out;
}

MatchModel MatchIndex::estimateModel(std::size_t randomPairs, std::size_t candidatePairs,
                                     std::uint64_t seed) {
  auto random = sampleRandomPairs(randomPairs, seed);
  auto candidates = sampleCandidatePairs(candidatePairs, seed + 1);
  MatchModel start = model();
  MatchModel withU = random.empty() ? start : estimateU(random, start);
  // EM over blocked pairs estimates m and a within-block u; only its m is kept. The u that
  // matters for scoring is how often different children agree, which random pairs measure.
  MatchModel estimated = withU;
  if (!candidates.empty()) {
    EmOptions options;
    options.fixU = false;
    EmResult em = estimateByEm(candidates, start, options);
    for (std::size_t i = 0; i < kFieldCount; ++i) estimated.fields[i].m = em.model.fields[i].m;
    estimated.matchProportion = em.model.matchProportion;
  }
  estimated.swappedNamesPenalty = start.swappedNamesPenalty;
  setModel(estimated);
  return estimated;
}

}  // namespace ycr::matching
