// Surveys as data (surveys.h): a questionnaire read by questionnaire_loader.h, with when it is asked,
// how long its link works and which answers agree.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "ycr/services/json_input.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/surveys.h"

namespace ycr::services {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

int wholeNumberField(const Object::Ptr& o, const std::string& key, int fallback, const std::string& at,
                     FieldErrors& errors) {
  Var v = o->get(key);
  if (v.isEmpty()) return fallback;
  auto n = v.isInteger() && !v.isBoolean() ? jsonWholeNumber(v) : std::nullopt;
  if (!n || *n < -100000 || *n > 100000) {
    errors.add(at + key, "wrong_type", "\"" + key + "\" must be a whole number");
    return fallback;
  }
  return static_cast<int>(*n);
}

std::vector<SurveyWhen> readWhen(const Object::Ptr& json, FieldErrors& errors) {
  std::vector<SurveyWhen> out;
  Array::Ptr when = json->has("when") ? json->getArray("when") : nullptr;
  if (!when) {
    errors.add("when", "required", "\"when\" must be a list of occasions");
    return out;
  }
  for (unsigned i = 0; i < when->size(); ++i) {
    const std::string at = "when[" + std::to_string(i) + "].";
    Object::Ptr o = when->getObject(i);
    if (!o) {
      errors.add(at, "wrong_type", "each occasion must be an object");
      continue;
    }
    SurveyWhen w;
    auto on = o->has("on") && o->get("on").isString()
                  ? parseEnum<SurveyOccasionKind>(o->getValue<std::string>("on"))
                  : std::nullopt;
    if (!on)
      errors.add(at + "on", "invalid_occasion",
                 "\"on\" must be card_issued, review_completed, handed_over or asked");
    w.on = on.value_or(SurveyOccasionKind::asked);
    w.afterDays = wholeNumberField(o, "after_days", 0, at, errors);
    w.withinDays = wholeNumberField(o, "within_days", 30, at, errors);
    out.push_back(w);
  }
  return out;
}

Result<Survey> loadSurvey(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return DomainError::notFound(path + ": cannot be read");
  Object::Ptr json;
  try {
    Poco::JSON::Parser parser;
    Var root = parser.parse(in);
    if (root.type() != typeid(Object::Ptr)) return DomainError::malformed(path + ": not a JSON object");
    json = root.extract<Object::Ptr>();
  } catch (const std::exception& e) {
    return DomainError::malformed(path + ": not valid JSON (" + e.what() + ")");
  }
  auto survey = surveyFromJson(json);
  if (!survey) {
    DomainError e = survey.error();
    e.detail = path + ": " + e.detail;
    for (const auto& f : e.fields) e.detail += "; " + f.field + ": " + f.message;
    return e;
  }
  return survey;
}

}  // namespace

Status SurveySet::add(Survey survey) {
  auto& versions = byId_[survey.questions.id];
  if (versions.count(survey.questions.version))
    return DomainError::conflict("Survey " + survey.questions.id + " version " +
                                 std::to_string(survey.questions.version) + " is defined twice");
  versions.emplace(survey.questions.version, std::move(survey));
  return {};
}

const Survey* SurveySet::find(const std::string& id, int version) const {
  auto it = byId_.find(id);
  if (it == byId_.end()) return nullptr;
  auto v = it->second.find(version);
  return v == it->second.end() ? nullptr : &v->second;
}

const Survey* SurveySet::latest(const std::string& id) const {
  auto it = byId_.find(id);
  return it == byId_.end() || it->second.empty() ? nullptr : &it->second.rbegin()->second;
}

std::vector<const Survey*> SurveySet::latestOfEach() const {
  std::vector<const Survey*> out;
  for (const auto& [id, versions] : byId_)
    if (!versions.empty()) out.push_back(&versions.rbegin()->second);
  return out;
}

Result<Survey> surveyFromJson(const Object::Ptr& json) {
  if (!json) return DomainError::malformed("The survey must be a JSON object");
  auto questions = questionnaireFromJson(json);
  if (!questions) return questions.error();
  Survey s;
  s.questions = std::move(questions.value());
  FieldErrors errors;
  s.when = readWhen(json, errors);
  s.linkValidDays = wholeNumberField(json, "link_valid_days", 28, "", errors);
  s.agreeFrom = wholeNumberField(json, "agree_from", s.questions.maxScaleValue(), "", errors);
  if (!errors.empty()) return errors.toError("The survey data is not in the expected shape");
  if (auto status = validate(s); !status) return status.error();
  return s;
}

Result<SurveySet> loadSurveys(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) files.push_back(it->path());
  if (ec) return DomainError::notFound(dir + ": the survey directory cannot be read (" + ec.message() + ")");
  std::sort(files.begin(), files.end());
  SurveySet set;
  for (const auto& file : files) {
    auto survey = loadSurvey(file.string());
    if (!survey) return survey.error();
    if (auto s = set.add(std::move(survey.value())); !s) {
      DomainError e = s.error();
      e.detail = file.string() + ": " + e.detail;
      return e;
    }
  }
  return set;
}

}  // namespace ycr::services
