#pragma once
// An in-memory blocking index over the register's young people, so that a referral is compared
// with a few hundred plausible records instead of a million. A record is filed under several
// blocking keys; a probe looks up its own keys (and the keys its likely errors would have:
// day/month swapped, names crossed) and only records sharing a key are scored.
//
// Thread-safety: all members may be called concurrently. Lookups (candidates, match, size,
// sampling) take a shared lock; add, remove, update and setModel take an exclusive lock.

#include <array>
#include <cstdint>
#include <deque>
#include <memory>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "ycr/core/matching/matcher.h"
#include "ycr/core/result.h"

namespace ycr::matching {

struct Candidate {
  Id id = 0;
  double score = 0;  // log2 likelihood ratio, the sum of the evidence weights
  std::vector<FieldEvidence> evidence;
  std::vector<std::string> cautions;  // reasons never to link without review (see PairScore)
  bool otherChild = false;            // a sibling: never linked, never reviewed (see PairScore)
};

// What one lookup cost, for benchmarks and logs.
struct MatchStats {
  std::size_t candidatesTouched = 0;  // records scored
  std::size_t blocksSkipped = 0;      // blocks too large to be useful
};

class MatchIndex {
 public:
  explicit MatchIndex(NameVariants variants, MatchModel model = MatchModel::defaults());

  // Conflict when the id is already filed.
  Status add(const PersonRecord& record);
  // Not found when the id is not filed.
  Status remove(Id id);
  // Re-files the record under its new keys (a corrected record, or the survivor of a merge).
  Status update(const PersonRecord& record);
  // Forgets every record (before filing a register again).
  void clear();
  std::size_t size() const;

  // Ids of records sharing at least one blocking key with the probe, smallest blocks first, at
  // most `limit`. The probe's own id is never its own candidate.
  std::vector<Id> candidates(const PersonRecord& probe, int limit) const;
  // Scored candidates, best first, at most `limit` of them, each with its evidence.
  std::vector<Candidate> match(const PersonRecord& probe, int limit = 10, MatchStats* stats = nullptr) const;
  // The same ranking for a decision that only weighs candidates scoring `floor` or more (a review
  // threshold): of the others only the best is kept, for its score, and it is not explained.
  std::vector<Candidate> matchFrom(const PersonRecord& probe, double floor, int limit = 10) const;

  // The probe's candidates among another index's records (blocked by that index), scored with
  // this index's model and name frequencies as match() scores its own: records not yet filed
  // here, such as an import's newest. Best first, at most `limit`; those scoring `floor` or more
  // are explained. `pool` must not be this index.
  std::vector<Candidate> matchAmong(const PersonRecord& probe, const MatchIndex& pool, double floor,
                                    int limit) const;

  // How the probe compares with each record a lookup would score (ids and comparison vectors,
  // in slot order): what match() ranks candidates on before rescoring the leaders.
  std::vector<std::pair<Id, ComparisonVector>> comparisons(const PersonRecord& probe) const;

  // Two records scored against each other with this index's model, name variants and
  // frequencies, as a lookup would score them (cautions included).
  PairScore scoreRecords(const PersonRecord& a, const PersonRecord& b) const;
  // givenNamesOfDifferentChildren with this index's name table.
  bool differentChildren(const PersonRecord& a, const PersonRecord& b) const;

  void setModel(MatchModel model);
  MatchModel model() const;
  // Term-frequency adjustment of exact name agreement (see NameFrequencies); on by default.
  void setTermFrequencyAdjustment(bool on);

  // Comparison vectors for estimating the model: pairs drawn at random (for u) and pairs that
  // share a blocking key (for EM). Deterministic for a seed.
  std::vector<ComparisonVector> sampleRandomPairs(std::size_t pairs, std::uint64_t seed) const;
  std::vector<ComparisonVector> sampleCandidatePairs(std::size_t pairs, std::uint64_t seed) const;
  // u from random pairs, then m by EM over candidate pairs; installs and returns the model.
  MatchModel estimateModel(std::size_t randomPairs = 200000, std::size_t candidatePairs = 200000,
                           std::uint64_t seed = 1);

  // Blocks larger than this are skipped at lookup: they say little and cost much.
  static constexpr std::size_t kMaxBlock = 4000;
  // Default cap on records scored per lookup.
  static constexpr int kDefaultCandidateLimit = 3000;

 private:
  struct Slot {
    PreparedRecord record;
    std::vector<std::uint64_t> keys;
    std::uint32_t names = 0;     // see Posting
    std::uint16_t district = 0;  // see Posting
    bool live = false;
  };
  // A record in a block, with 16-bit hashes of its family-name and given-name keys and of its
  // postcode district, so that a lookup can ask for agreement on them without touching the
  // record itself.
  struct Posting {
    std::uint32_t slot;
    std::uint32_t names;
    std::uint16_t district;  // 0: no postcode
  };
  // Which records of a block a lookup scores. The broad blocks (a day's births, a postcode sector's
  // year) hold hundreds of children who share nothing else with the probe; the same child is in
  // them under an error the narrower blocks cannot see only when some other part of the record
  // still agrees, so only those records are scored (see candidateSlots).
  enum class Filter : std::uint8_t {
    all,               // every record of the block
    names,             // those agreeing on the family-name or given-name key, straight or crossed
    names_or_district  // those, and those in the probe's postcode district
  };
  struct ProbeKey {
    std::uint64_t key;
    Filter filter;
    // A block of a household rather than of a child (a full postcode): its pairs are mostly
    // siblings, which EM would take for the matching class, so estimation leaves them out.
    bool household = false;
  };
  // A filed record's fields as small numbers, kept contiguously by slot, so that scoring a
  // candidate reads one cache line instead of chasing the strings of its PreparedRecord: at a
  // million records a lookup scores up to a few thousand candidates scattered over a gigabyte,
  // and those cache misses were most of its cost. Names and postcode parts are interned (equal
  // strings, equal numbers); the address is a 64-bit Bloom signature of its tokens, enough to
  // prove most pairs "different" without reading the tokens. The levels it yields are exactly
  // those of compareRecords (tests/core/matching_index_test.cpp checks this on generated data).
  struct Fingerprint {
    std::uint32_t given = 0, family = 0;  // interned folded names; 0 when missing
    std::uint32_t postcodeFull = 0, postcodeSector = 0, postcodeDistrict = 0;  // interned; 0 when empty
    std::uint32_t school = 0;                                                  // interned; 0 when empty
    std::uint64_t addressBloom = 0;
    Date dateOfBirth{};
    std::uint32_t addressTokens = 0;
    char givenInitial = 0, familyInitial = 0;  // first bytes of the folded names, for crossed names
    bool hasDateOfBirth = false, hasPostcode = false;
  };
  // An interned folded name with what comparisons need of it.
  struct InternedName {
    std::string folded, compact;
    std::vector<std::uint32_t> groups;  // variant groups of the compact form
  };
  struct ProbeFingerprint;
  class LevelCache;
  Fingerprint fingerprintOf(const PreparedRecord& r);  // interns; exclusive lock held
  ProbeFingerprint probeFingerprintOf(const PreparedRecord& r) const;
  std::uint32_t internName(const std::string& folded, const std::string& compact);
  std::uint32_t internText(const std::string& text);
  std::uint32_t findText(const std::string& text) const;
  void tabulateWeights();  // exclusive lock held (or constructing)
  ComparisonVector compareFast(const ProbeFingerprint& probe, std::uint32_t slot, LevelCache& cache) const;
  void warm(const std::vector<std::uint32_t>& slots) const;
  std::vector<ProbeKey> blockKeysOf(const PreparedRecord& r) const;  // unsorted, may repeat
  std::vector<std::uint64_t> keysOf(const PreparedRecord& r) const;
  std::vector<ProbeKey> probeKeysOf(const PreparedRecord& r) const;
  std::uint32_t nameSignature(const std::string& given, const std::string& family) const;
  void file(std::uint32_t slot);
  void unfile(std::uint32_t slot);
  std::vector<std::uint32_t> candidateSlots(const PreparedRecord& probe, std::size_t limit, MatchStats* stats,
                                            bool householdBlocks = true) const;
  std::vector<Candidate> ranked(const PersonRecord& probe, int limit, MatchStats* stats, double floor) const;
  void count(const PreparedRecord& r, int delta);

  NameVariants variants_;
  MatchModel model_;
  std::array<std::array<double, 8>, kFieldCount> weights_{};  // [field][level + 1]; see tabulateWeights
  bool termFrequencies_ = true;
  NameFrequencies frequencies_;
  // A deque: growing past its capacity never moves the records filed (at a million, a vector's
  // doubling copied a gigabyte and stalled the import that crossed it).
  std::deque<Slot> slots_;
  std::vector<Fingerprint> fingerprints_;  // by slot
  std::vector<InternedName> names_;        // by interned id - 1
  std::unordered_map<std::string, std::uint32_t> nameIds_, textIds_;
  std::vector<std::uint32_t> freeSlots_;
  std::unordered_map<Id, std::uint32_t> slotOf_;
  std::unordered_map<std::uint64_t, std::vector<Posting>> blocks_;
  mutable std::shared_mutex mutex_;
};

}  // namespace ycr::matching
