#pragma once
// A harsh, seeded corruption generator for testing the matcher against clerical data it was not
// tuned on. It follows the published corruption model of the FEBRL data set generator and its
// successor GeCo (P. Christen and D. Vatsalan, "Flexible and extensible generation and corruption
// of personal data", CIKM 2013): each duplicate gets a number of modifications drawn up to a
// per-record maximum, spread over fields chosen by probability, at most so many per field; each
// modification is one of that field's corruptors (keyboard typo on a QWERTY neighbour, OCR
// confusion, phonetic variation, insert/delete/substitute/transpose edit, missing value,
// nickname; for the record: given and family names swapped); positions favour the middle of a
// value (GeCo's position_mod_normal); duplicates per person are 1..max, Zipf-distributed.
// Names are drawn with Zipf frequencies from the communities' lists, so common names collide
// as they do on a real register, and households hold siblings and twins (same family name,
// address and date of birth, different given names).
//
// Nothing here was tuned to the matcher: the rates are GeCo's defaults where it has them, and
// the strengths only scale how many modifications a duplicate gets.

#include <cstdint>
#include <string>
#include <vector>

#include "ycr/core/matching/linkage.h"
#include "ycr/core/matching/synthetic.h"

namespace ycr::matching {

struct CorruptionStrength {
  std::string name;
  int maxPerRecord = 3;     // modifications of one duplicate: uniform 1..max
  int maxPerField = 1;      // modifications of one field of one duplicate
  double missingShare = 0;  // of the modifications, the share that blank a field
};
// light (1-2 changes, 1 a field), medium (1-5, 2 a field), heavy (1-10, 3 a field).
const std::vector<CorruptionStrength>& standardStrengths();

struct ClericalConfig {
  std::uint64_t seed = 4242;
  std::size_t people = 2000;     // originals
  double duplicatedShare = 0.5;  // of the people, those with duplicates
  int maxDuplicates = 5;         // duplicates of one person: 1..max, Zipf
  CorruptionStrength strength;
  double twinRate = 0.06;  // of second and later children of a household
};

// One modification per call; `applied` receives its name ("keyboard:given_name", ...).
class Corruptor {
 public:
  explicit Corruptor(std::uint64_t seed, SyntheticGenerator* generator = nullptr);
  PersonRecord corrupt(const PersonRecord& original, const CorruptionStrength& strength,
                       std::vector<std::string>* applied = nullptr);

  // The single-value corruptors, exposed for tests.
  std::string keyboardTypo(const std::string& value);
  std::string ocrError(const std::string& value);
  std::string phoneticVariation(const std::string& value);
  std::string edit(const std::string& value);

  double uniform();
  std::size_t below(std::size_t n);

 private:
  std::size_t position(std::size_t length);  // biased to the middle, rarely the first letter
  std::uint64_t state_;
  SyntheticGenerator* generator_;
};

// A file to deduplicate: originals followed by their duplicates, shuffled; truth = person id.
std::vector<LinkageRow> generateClericalFile(const ClericalConfig& config);
// Two files to link: A holds each person once; B holds a duplicate of `overlap` of A's people
// (each corrupted once) and `people * (1 - overlap)` people of its own; truth = person id.
struct ClericalPair {
  std::vector<LinkageRow> a, b;
};
ClericalPair generateClericalPair(const ClericalConfig& config, double overlap = 0.5);

// Precision, recall, F1 of a resolution, the share of rows sent to review and the recall and
// F1 had every review been decided correctly.
struct ClericalScore {
  PairwiseEvaluation pairs;
  double reviewShare = 0;
  double recallIfReviewed = 0, f1IfReviewed = 0;
  std::size_t rows = 0, reviewed = 0;
};
// Pairwise over all rows, as one file deduplicated.
ClericalScore scoreDedupe(const std::vector<LinkageRow>& rows, const Resolution& resolution);
// Only pairs with one row from each file: rows [0, aCount) are file A, the rest file B.
ClericalScore scoreLink(const std::vector<LinkageRow>& rows, std::size_t aCount,
                        const Resolution& resolution);

}  // namespace ycr::matching
