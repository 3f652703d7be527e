#include "ycr/core/questionnaire.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

#include "ycr/core/validation.h"

namespace ycr {
namespace {

using validation::indexedField;

std::string scopeName(const std::string& subscale) {
  return subscale.empty() ? std::string("the total") : "subscale \"" + subscale + "\"";
}

std::optional<BandRef> bandFor(const Questionnaire& q, const std::string& subscale, int value) {
  for (const auto& b : q.bands)
    if (b.subscale == subscale && value >= b.min && value <= b.max) return BandRef{b.id, b.label};
  return std::nullopt;
}

// Bands of one scope, sorted by their lower end, must tile [lowest, highest] exactly.
void checkBandCoverage(const Questionnaire& q, const std::string& scope, FieldErrors& errors) {
  std::vector<const Band*> bands;
  for (const auto& b : q.bands)
    if (b.subscale == scope) bands.push_back(&b);
  if (bands.empty()) return;
  std::sort(bands.begin(), bands.end(), [](const Band* a, const Band* b) { return a->min < b->min; });
  const int lowest = q.lowestScore(scope);
  const int highest = q.highestScore(scope);
  const int top = (*std::max_element(bands.begin(), bands.end(), [](const Band* a, const Band* b) {
                    return a->max < b->max;
                  }))->max;
  if (bands.front()->min < lowest || top > highest) {
    errors.add("bands", "out_of_range",
               "Bands of " + scopeName(scope) + " must lie within " + std::to_string(lowest) + " to " +
                   std::to_string(highest));
    return;
  }
  int expected = lowest;
  for (const Band* b : bands) {
    if (b->min > expected) {
      errors.add(
          "bands", "gap",
          "No band of " + scopeName(scope) + " covers " +
              (b->min - 1 == expected ? std::to_string(expected)
                                      : std::to_string(expected) + " to " + std::to_string(b->min - 1)));
    } else if (b->min < expected) {
      errors.add("bands", "overlap",
                 "Band \"" + b->id + "\" overlaps the band below it at " + std::to_string(b->min));
    }
    expected = std::max(expected, b->max + 1);
  }
  if (expected <= highest)
    errors.add("bands", "gap",
               "No band of " + scopeName(scope) + " covers " + std::to_string(expected) + " to " +
                   std::to_string(highest));
}

}  // namespace

int Questionnaire::minScaleValue() const {
  int v = 0;
  for (std::size_t i = 0; i < scale.size(); ++i) v = i == 0 ? scale[i].value : std::min(v, scale[i].value);
  return v;
}

int Questionnaire::maxScaleValue() const {
  int v = 0;
  for (std::size_t i = 0; i < scale.size(); ++i) v = i == 0 ? scale[i].value : std::max(v, scale[i].value);
  return v;
}

const Subscale* Questionnaire::findSubscale(std::string_view sid) const {
  for (const auto& s : subscales)
    if (s.id == sid) return &s;
  return nullptr;
}

int Questionnaire::lowestScore(std::string_view subscale) const {
  if (subscale.empty()) return static_cast<int>(items.size()) * minScaleValue();
  const Subscale* s = findSubscale(subscale);
  return s ? static_cast<int>(s->items.size()) * minScaleValue() : 0;
}

int Questionnaire::highestScore(std::string_view subscale) const {
  if (subscale.empty()) return static_cast<int>(items.size()) * maxScaleValue();
  const Subscale* s = findSubscale(subscale);
  return s ? static_cast<int>(s->items.size()) * maxScaleValue() : 0;
}

Status validate(const Questionnaire& q) {
  FieldErrors errors;
  if (q.id.empty()) errors.add("id", "required", "A questionnaire needs an id");
  if (q.version < 1) errors.add("version", "invalid", "The version must be 1 or more");
  if (q.title.empty()) errors.add("title", "required", "A questionnaire needs a title");

  if (q.scale.empty()) errors.add("scale", "required", "A questionnaire needs a scale of answers");
  std::set<int> scaleValues;
  for (std::size_t i = 0; i < q.scale.size(); ++i) {
    const auto& p = q.scale[i];
    const std::string at = indexedField("scale", i);
    if (p.value < 0) errors.add(at + ".value", "invalid", "Scale values cannot be negative");
    if (!scaleValues.insert(p.value).second)
      errors.add(at + ".value", "duplicate", "The scale value " + std::to_string(p.value) + " appears twice");
    if (p.label.empty()) errors.add(at + ".label", "required", "Each scale point needs a label");
  }

  if (q.items.empty()) errors.add("items", "required", "A questionnaire needs items");
  for (std::size_t i = 0; i < q.items.size(); ++i) {
    const auto& item = q.items[i];
    if (item.number != static_cast<int>(i) + 1)
      errors.add(indexedField("items", i) + ".number", "out_of_sequence",
                 "Item " + std::to_string(item.number) + " is in position " + std::to_string(i + 1) +
                     "; items must be numbered 1 to " + std::to_string(q.items.size()) + " in order");
    if (item.text.empty())
      errors.add(indexedField("items", i) + ".text", "required", "Each item needs its text");
  }

  // Scores are ints, and the band checks count one past the highest: every possible total must fit.
  const long long itemCount = static_cast<long long>(q.items.size());
  const bool scoresFit = itemCount * q.maxScaleValue() < std::numeric_limits<int>::max() &&
                         itemCount * q.minScaleValue() > std::numeric_limits<int>::min();
  if (!scoresFit)
    errors.add("scale", "too_large",
               "With " + std::to_string(q.items.size()) +
                   " items the scale's values give scores too large to count");

  std::set<std::string> subscaleIds;
  for (std::size_t i = 0; i < q.subscales.size(); ++i) {
    const auto& s = q.subscales[i];
    const std::string at = indexedField("subscales", i);
    if (s.id.empty()) errors.add(at + ".id", "required", "Each subscale needs an id");
    if (!subscaleIds.insert(s.id).second)
      errors.add(at + ".id", "duplicate", "The subscale \"" + s.id + "\" appears twice");
    if (s.items.empty()) errors.add(at + ".items", "required", "Subscale \"" + s.id + "\" has no items");
    std::set<int> seen;
    for (int n : s.items) {
      if (n < 1 || n > static_cast<int>(q.items.size()))
        errors.add(
            at + ".items", "unknown_item",
            "Subscale \"" + s.id + "\" refers to item " + std::to_string(n) + ", which does not exist");
      else if (!seen.insert(n).second)
        errors.add(at + ".items", "duplicate",
                   "Subscale \"" + s.id + "\" lists item " + std::to_string(n) + " twice");
    }
  }

  std::set<std::string> scopes;
  std::set<std::pair<std::string, std::string>> bandIds;  // (scope, id)
  for (std::size_t i = 0; i < q.bands.size(); ++i) {
    const auto& b = q.bands[i];
    const std::string at = indexedField("bands", i);
    if (b.id.empty()) errors.add(at + ".id", "required", "Each band needs an id");
    if (!bandIds.insert({b.subscale, b.id}).second)
      errors.add(at + ".id", "duplicate",
                 "The band \"" + b.id + "\" appears twice for " + scopeName(b.subscale));
    if (b.label.empty()) errors.add(at + ".label", "required", "Each band needs a label");
    if (b.min > b.max) errors.add(at, "invalid_range", "Band \"" + b.id + "\" starts above where it ends");
    if (!b.subscale.empty() && !q.findSubscale(b.subscale))
      errors.add(at + ".subscale", "unknown_subscale",
                 "Band \"" + b.id + "\" refers to subscale \"" + b.subscale + "\", which does not exist");
    else
      scopes.insert(b.subscale);
  }
  // Coverage only makes sense once the scale, items and band ranges are themselves sound.
  if (errors.empty())
    for (const auto& scope : scopes) checkBandCoverage(q, scope, errors);

  std::set<std::string> flagIds;
  for (std::size_t i = 0; i < q.flags.size(); ++i) {
    const auto& f = q.flags[i];
    const std::string at = indexedField("flags", i);
    if (f.id.empty()) errors.add(at + ".id", "required", "Each concern flag needs an id");
    if (!flagIds.insert(f.id).second)
      errors.add(at + ".id", "duplicate", "The flag \"" + f.id + "\" appears twice");
    if (f.label.empty()) errors.add(at + ".label", "required", "Each concern flag needs a label");
    if (!f.subscale.empty() && !q.findSubscale(f.subscale)) {
      errors.add(at + ".subscale", "unknown_subscale",
                 "Flag \"" + f.id + "\" refers to subscale \"" + f.subscale + "\", which does not exist");
      continue;
    }
    if (!scoresFit) continue;
    if (f.min > f.max || f.min < q.lowestScore(f.subscale) || f.max > q.highestScore(f.subscale))
      errors.add(at, "invalid_range",
                 "Flag \"" + f.id + "\" must cover a range within " +
                     std::to_string(q.lowestScore(f.subscale)) + " to " +
                     std::to_string(q.highestScore(f.subscale)));
  }

  if (!errors.empty()) return errors.toError("The questionnaire " + q.id + " is not usable");
  return {};
}

const SubscaleScore* Score::subscale(std::string_view sid) const {
  for (const auto& s : subscales)
    if (s.id == sid) return &s;
  return nullptr;
}

bool Score::flagged(std::string_view flagId) const {
  return std::any_of(flags.begin(), flags.end(), [&](const RaisedFlag& f) { return f.id == flagId; });
}

Result<Score> score(const Questionnaire& q, const std::vector<int>& answers) {
  FieldErrors errors;
  std::set<int> allowed;
  for (const auto& p : q.scale) allowed.insert(p.value);
  std::string allowedText;
  for (int v : allowed) allowedText += (allowedText.empty() ? "" : ", ") + std::to_string(v);

  for (std::size_t i = 0; i < q.items.size(); ++i) {
    const auto& item = q.items[i];
    const std::string what = "Item " + std::to_string(item.number) + " (\"" + item.text + "\")";
    if (i >= answers.size() || answers[i] == kUnanswered) {
      errors.add(indexedField("answers", i), "unanswered", what + " has not been answered");
    } else if (!allowed.count(answers[i])) {
      errors.add(indexedField("answers", i), "out_of_range",
                 what + " has the answer " + std::to_string(answers[i]) + "; answers are " + allowedText);
    }
  }
  if (answers.size() > q.items.size())
    errors.add("answers", "too_many_answers",
               q.title + " has " + std::to_string(q.items.size()) + " items but " +
                   std::to_string(answers.size()) + " answers were given");
  if (!errors.empty())
    return errors.toError("Some answers to " + q.title + " are missing or not on its scale");

  Score s;
  s.questionnaireId = q.id;
  s.version = q.version;
  s.answers = answers;
  s.total = std::accumulate(answers.begin(), answers.end(), 0);
  s.band = bandFor(q, "", s.total);
  for (const auto& sub : q.subscales) {
    int value = 0;
    for (int n : sub.items) value += answers[static_cast<std::size_t>(n - 1)];
    s.subscales.push_back({sub.id, sub.label, value, bandFor(q, sub.id, value)});
  }
  for (const auto& f : q.flags) {
    const SubscaleScore* sub = f.subscale.empty() ? nullptr : s.subscale(f.subscale);
    if (!f.subscale.empty() && !sub) continue;  // only an unvalidated questionnaire gets here
    int value = sub ? sub->score : s.total;
    if (value >= f.min && value <= f.max) s.flags.push_back({f.id, f.label, f.subscale});
  }
  return s;
}

const SubscaleChange* ScoreChange::subscale(std::string_view sid) const {
  for (const auto& s : subscales)
    if (s.id == sid) return &s;
  return nullptr;
}

ScoreChange compare(const Score& before, const Score& after) {
  ScoreChange c;
  c.questionnaireId = after.questionnaireId;
  c.versionBefore = before.version;
  c.versionAfter = after.version;
  c.totalBefore = before.total;
  c.totalAfter = after.total;
  c.totalDelta = after.total - before.total;
  c.bandBefore = before.band;
  c.bandAfter = after.band;
  for (const auto& a : after.subscales)
    if (const SubscaleScore* b = before.subscale(a.id))
      c.subscales.push_back({a.id, b->score, a.score, a.score - b->score});
  for (const auto& f : after.flags)
    if (!before.flagged(f.id)) c.flagsRaised.push_back(f.id);
  for (const auto& f : before.flags)
    if (!after.flagged(f.id)) c.flagsCleared.push_back(f.id);
  return c;
}

Status QuestionnaireSet::add(Questionnaire questionnaire) {
  auto& versions = byId_[questionnaire.id];
  if (versions.count(questionnaire.version))
    return DomainError::conflict("Questionnaire " + questionnaire.id + " version " +
                                 std::to_string(questionnaire.version) + " is defined twice");
  const int version = questionnaire.version;
  versions.emplace(version, std::move(questionnaire));
  return {};
}

const Questionnaire* QuestionnaireSet::find(std::string_view id, int version) const {
  auto it = byId_.find(id);
  if (it == byId_.end()) return nullptr;
  auto v = it->second.find(version);
  return v == it->second.end() ? nullptr : &v->second;
}

const Questionnaire* QuestionnaireSet::latest(std::string_view id) const {
  auto it = byId_.find(id);
  if (it == byId_.end() || it->second.empty()) return nullptr;
  return &it->second.rbegin()->second;
}

Result<Score> QuestionnaireSet::score(std::string_view id, std::optional<int> version,
                                      const std::vector<int>& answers) const {
  if (!latest(id))
    return DomainError::field("questionnaire_id", "unknown_questionnaire",
                              "There is no questionnaire \"" + std::string(id) + "\"");
  const Questionnaire* q = version ? find(id, *version) : latest(id);
  if (!q)
    return DomainError::field("version", "unknown_version",
                              std::string(id) + " has no version " + std::to_string(*version));
  return ycr::score(*q, answers);
}

std::vector<std::string> QuestionnaireSet::ids() const {
  std::vector<std::string> out;
  for (const auto& [id, versions] : byId_) out.push_back(id);
  return out;
}

std::size_t QuestionnaireSet::size() const {
  std::size_t n = 0;
  for (const auto& [id, versions] : byId_) n += versions.size();
  return n;
}

}  // namespace ycr
