#pragma once
// Questionnaires used in assessments and reviews (MACA-YC18, PANOC-YC20), kept as versioned data so
// wording, bands and subscales can be corrected without code. This header holds the model and the
// scoring; reading the JSON files is services' job (questionnaire_loader.h).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/result.h"

namespace ycr {

// The questionnaires the assessment rules refer to by id.
inline constexpr std::string_view kMacaId = "maca-yc18";
inline constexpr std::string_view kPanocId = "panoc-yc20";
// PANOC-YC20's subscale of negative outcomes: part of the commissioners' well-being indicator.
inline constexpr std::string_view kPanocNegativeSubscale = "negative";

// An answer a person has not given yet (the API maps JSON null to it).
inline constexpr int kUnanswered = -1;

struct ScalePoint {
  int value = 0;
  std::string label;  // e.g. "Never", "Some of the time", "A lot of the time"
};

struct Item {
  int number = 0;  // 1..n, in the order the young person sees them
  std::string text;
};

struct Subscale {
  std::string id;
  std::string label;
  std::vector<int> items;  // item numbers
};

// An interpretation of a score range, inclusive at both ends. Bands of one scope (the total, or one
// subscale) must cover every possible score exactly once.
struct Band {
  std::string id;
  std::string label;
  int min = 0;
  int max = 0;
  std::string subscale;  // empty: the band applies to the total
};

// A score range that should prompt a practitioner's attention.
struct ConcernFlag {
  std::string id;
  std::string label;
  int min = 0;
  int max = 0;
  std::string subscale;  // empty: the flag applies to the total
};

struct Questionnaire {
  std::string id;
  int version = 0;
  std::string title;
  std::string citation;
  std::string instructions;
  std::string textStatus;    // how faithful item wording is to the published measure
  std::string subscaleNote;  // caveats on the subscale mapping
  std::vector<ScalePoint> scale;
  std::vector<Item> items;
  std::vector<Subscale> subscales;
  std::vector<Band> bands;
  std::vector<ConcernFlag> flags;

  int minScaleValue() const;
  int maxScaleValue() const;
  const Subscale* findSubscale(std::string_view id) const;
  // The lowest and highest score possible for the total (empty scope) or a subscale.
  int lowestScore(std::string_view subscale = {}) const;
  int highestScore(std::string_view subscale = {}) const;
};

// Checks the data is usable for scoring: scale values distinct and not negative, items numbered
// 1..n in order, subscales naming real items, bands of each scope covering its whole range with no
// gaps or overlaps, flags inside their range. Field errors point into the file's structure
// ("items[3].number", "bands").
Status validate(const Questionnaire& questionnaire);

struct BandRef {
  std::string id;
  std::string label;
  bool operator==(const BandRef&) const = default;
};

struct SubscaleScore {
  std::string id;
  std::string label;
  int score = 0;
  std::optional<BandRef> band;
};

struct RaisedFlag {
  std::string id;
  std::string label;
  std::string subscale;  // empty: raised by the total
};

// A scored questionnaire. It keeps the answers and the questionnaire version, so storage can keep
// exactly what the young person said and rescore it if the data is corrected.
struct Score {
  std::string questionnaireId;
  int version = 0;
  std::vector<int> answers;  // answers[i] answers item i + 1
  int total = 0;
  std::optional<BandRef> band;           // absent when the questionnaire has no total bands (PANOC-YC20)
  std::vector<SubscaleScore> subscales;  // in the questionnaire's order
  std::vector<RaisedFlag> flags;

  const SubscaleScore* subscale(std::string_view id) const;
  bool flagged(std::string_view flagId) const;
};

// Scores a full set of answers. Every item must be answered with a value on the scale; otherwise a
// validation error with one field error per problem ("answers[3]": zero-based, as in the request).
// The questionnaire is assumed valid (see validate()).
Result<Score> score(const Questionnaire& questionnaire, const std::vector<int>& answers);

struct SubscaleChange {
  std::string id;
  int before = 0;
  int after = 0;
  int delta = 0;  // after - before: negative means lower
};

// How a measure moved between two administrations, e.g. assessment then review.
struct ScoreChange {
  std::string questionnaireId;
  int versionBefore = 0;
  int versionAfter = 0;
  int totalBefore = 0;
  int totalAfter = 0;
  int totalDelta = 0;
  std::optional<BandRef> bandBefore;
  std::optional<BandRef> bandAfter;
  std::vector<SubscaleChange> subscales;  // subscales present in both scores
  std::vector<std::string> flagsRaised;   // raised after, not before
  std::vector<std::string> flagsCleared;  // raised before, not after

  const SubscaleChange* subscale(std::string_view id) const;
};

ScoreChange compare(const Score& before, const Score& after);

// The questionnaires in use, every version kept so stored answers can be read against the version
// they were given on.
class QuestionnaireSet {
 public:
  // Refused (conflict) if the same id and version is already present.
  Status add(Questionnaire questionnaire);
  const Questionnaire* find(std::string_view id, int version) const;
  // The highest version of a questionnaire; the one new assessments use.
  const Questionnaire* latest(std::string_view id) const;
  // Scores answers against a given version (as stored with an assessment) or, without one, the
  // latest. An unknown questionnaire or version is a validation error on "questionnaire_id" or
  // "version"; answers are checked as by ycr::score().
  Result<Score> score(std::string_view id, std::optional<int> version, const std::vector<int>& answers) const;
  std::vector<std::string> ids() const;
  std::size_t size() const;
  bool empty() const { return byId_.empty(); }

 private:
  std::map<std::string, std::map<int, Questionnaire>, std::less<>> byId_;
};

}  // namespace ycr
