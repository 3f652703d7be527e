#include "ycr/services/questionnaire_loader.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include "ycr/services/json_input.h"

namespace ycr::services {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

std::string indexed(const std::string& name, std::size_t i) {
  return name + "[" + std::to_string(i) + "]";
}
std::string join(const std::string& at, const std::string& key) {
  return at.empty() ? key : at + "." + key;
}

// Reads fields of the expected type, collecting every problem rather than stopping at the first.
class Reader {
 public:
  FieldErrors errors;

  std::string text(const Object::Ptr& o, const std::string& key, const std::string& at, bool required) {
    Var v = o->get(key);
    if (v.isEmpty()) {
      if (required) errors.add(join(at, key), "required", "\"" + key + "\" is missing");
      return {};
    }
    if (!v.isString()) {
      errors.add(join(at, key), "wrong_type", "\"" + key + "\" must be text");
      return {};
    }
    return v.extract<std::string>();
  }

  int integer(const Object::Ptr& o, const std::string& key, const std::string& at) {
    return integerValue(o->get(key), join(at, key), "\"" + key + "\"");
  }

  int integerValue(const Var& v, const std::string& field, const std::string& what) {
    if (v.isEmpty()) {
      errors.add(field, "required", what + " is missing");
      return 0;
    }
    if (!v.isInteger() || v.isBoolean()) {
      errors.add(field, "wrong_type", what + " must be a whole number");
      return 0;
    }
    auto n = jsonWholeNumber(v);
    if (!n || *n < std::numeric_limits<int>::min() || *n > std::numeric_limits<int>::max()) {
      errors.add(field, "out_of_range", what + " is too large");
      return 0;
    }
    return static_cast<int>(*n);
  }

  Array::Ptr array(const Object::Ptr& o, const std::string& key, const std::string& at, bool required) {
    if (!o->has(key)) {
      if (required) errors.add(join(at, key), "required", "\"" + key + "\" is missing");
      return nullptr;
    }
    Array::Ptr a = o->getArray(key);
    if (!a) errors.add(join(at, key), "wrong_type", "\"" + key + "\" must be a list");
    return a;
  }

  // The objects of a list, each passed to `read` with its position; non-objects are reported.
  template <class F>
  void eachObject(const Array::Ptr& a, const std::string& name, F read) {
    if (!a) return;
    for (std::size_t i = 0; i < a->size(); ++i) {
      Object::Ptr o = a->getObject(static_cast<unsigned>(i));
      if (!o)
        errors.add(indexed(name, i), "wrong_type", indexed(name, i) + " must be an object");
      else
        read(o, indexed(name, i));
    }
  }
};

Result<Object::Ptr> parseFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return DomainError::notFound(path + ": cannot be read");
  try {
    Poco::JSON::Parser parser;
    Var root = parser.parse(in);
    if (root.type() != typeid(Object::Ptr))
      return DomainError::malformed(path + ": the top level must be an object");
    return root.extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    return DomainError::malformed(path + ": not valid JSON (" + e.displayText() + ")");
  } catch (const std::exception& e) {
    return DomainError::malformed(path + ": not valid JSON (" + std::string(e.what()) + ")");
  }
}

Object::Ptr bandJson(const std::optional<BandRef>& band) {
  if (!band) return nullptr;
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", band->id);
  o->set("label", band->label);
  return o;
}

void setBand(Object& o, const std::string& key, const std::optional<BandRef>& band) {
  if (band)
    o.set(key, bandJson(band));
  else
    o.set(key, Var());  // written as null
}

std::string describeError(const DomainError& e) {
  std::string out = e.detail;
  for (const auto& f : e.fields) out += "; " + (f.field.empty() ? "" : f.field + ": ") + f.message;
  return out;
}

}  // namespace

Result<Questionnaire> questionnaireFromJson(const Object::Ptr& json) {
  if (!json) return DomainError::malformed("The questionnaire must be a JSON object");
  Reader r;
  Questionnaire q;
  q.id = r.text(json, "id", "", true);
  q.version = r.integer(json, "version", "");
  q.title = r.text(json, "title", "", true);
  q.citation = r.text(json, "citation", "", false);
  q.instructions = r.text(json, "instructions", "", false);
  q.textStatus = r.text(json, "text_status", "", false);
  q.subscaleNote = r.text(json, "subscale_note", "", false);

  r.eachObject(r.array(json, "scale", "", true), "scale", [&](const Object::Ptr& o, const std::string& at) {
    q.scale.push_back({r.integer(o, "value", at), r.text(o, "label", at, true)});
  });
  r.eachObject(r.array(json, "items", "", true), "items", [&](const Object::Ptr& o, const std::string& at) {
    q.items.push_back({r.integer(o, "number", at), r.text(o, "text", at, true)});
  });
  r.eachObject(r.array(json, "subscales", "", false), "subscales",
               [&](const Object::Ptr& o, const std::string& at) {
                 Subscale s{r.text(o, "id", at, true), r.text(o, "label", at, true), {}};
                 if (Array::Ptr items = r.array(o, "items", at, true))
                   for (std::size_t i = 0; i < items->size(); ++i)
                     s.items.push_back(r.integerValue(items->get(static_cast<unsigned>(i)),
                                                      indexed(at + ".items", i), indexed(at + ".items", i)));
                 q.subscales.push_back(std::move(s));
               });
  r.eachObject(r.array(json, "bands", "", false), "bands", [&](const Object::Ptr& o, const std::string& at) {
    q.bands.push_back({r.text(o, "id", at, true), r.text(o, "label", at, true), r.integer(o, "min", at),
                       r.integer(o, "max", at), r.text(o, "subscale", at, false)});
  });
  r.eachObject(r.array(json, "flags", "", false), "flags", [&](const Object::Ptr& o, const std::string& at) {
    q.flags.push_back({r.text(o, "id", at, true), r.text(o, "label", at, true), r.integer(o, "min", at),
                       r.integer(o, "max", at), r.text(o, "subscale", at, false)});
  });

  if (!r.errors.empty()) return r.errors.toError("The questionnaire data is not in the expected shape");
  if (auto status = validate(q); !status) return status.error();
  return q;
}

Result<Questionnaire> loadQuestionnaire(const std::string& path) {
  auto json = parseFile(path);
  if (!json) return json.error();
  auto q = questionnaireFromJson(*json);
  if (!q) {
    DomainError e = q.error();
    e.detail = path + ": " + describeError(e);
    return e;
  }
  return q;
}

Result<QuestionnaireSet> loadQuestionnaires(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) files.push_back(it->path());
  if (ec)
    return DomainError::notFound(dir + ": the questionnaire directory cannot be read (" + ec.message() + ")");
  if (files.empty()) return DomainError::notFound(dir + ": no questionnaire files (*.json) found");
  std::sort(files.begin(), files.end());

  QuestionnaireSet set;
  std::vector<std::string> problems;
  std::optional<DomainError> first;
  FieldErrors fields;
  std::map<std::pair<std::string, int>, std::string> seen;  // (id, version) -> file
  for (const auto& file : files) {
    auto q = loadQuestionnaire(file.string());
    if (!q) {
      if (!first) first = q.error();
      problems.push_back(q.error().detail);
      fields.merge(q.error(), file.filename().string());
      continue;
    }
    auto key = std::make_pair(q->id, q->version);
    if (auto prior = seen.find(key); prior != seen.end()) {
      DomainError e =
          DomainError::conflict(file.string() + ": questionnaire " + q->id + " version " +
                                std::to_string(q->version) + " is already defined in " + prior->second);
      if (!first) first = e;
      problems.push_back(e.detail);
      continue;
    }
    seen.emplace(key, file.string());
    (void)set.add(std::move(q).value());  // cannot clash: duplicates are caught above
  }
  if (first) {
    DomainError e = *first;
    e.detail.clear();
    for (const auto& p : problems) e.detail += (e.detail.empty() ? "" : "\n") + p;
    e.fields = fields.all();
    return e;
  }
  return set;
}

Array::Ptr scaleJson(const std::vector<ScalePoint>& scale) {
  Array::Ptr out = new Array;
  for (const auto& p : scale) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("value", p.value);
    j->set("label", p.label);
    out->add(j);
  }
  return out;
}

Array::Ptr itemsJson(const std::vector<Item>& items) {
  Array::Ptr out = new Array;
  for (const auto& i : items) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("number", i.number);
    j->set("text", i.text);
    out->add(j);
  }
  return out;
}

Object::Ptr toJson(const Questionnaire& q) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", q.id);
  o->set("version", q.version);
  o->set("title", q.title);
  o->set("citation", q.citation);
  o->set("instructions", q.instructions);
  o->set("text_status", q.textStatus);
  o->set("subscale_note", q.subscaleNote);
  o->set("scale", scaleJson(q.scale));
  o->set("items", itemsJson(q.items));
  Array::Ptr subscales = new Array;
  for (const auto& s : q.subscales) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("id", s.id);
    j->set("label", s.label);
    Array::Ptr numbers = new Array;
    for (int n : s.items) numbers->add(n);
    j->set("items", numbers);
    subscales->add(j);
  }
  o->set("subscales", subscales);
  auto ranged = [](const std::string& id, const std::string& label, int min, int max,
                   const std::string& subscale) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("id", id);
    j->set("label", label);
    if (!subscale.empty()) j->set("subscale", subscale);
    j->set("min", min);
    j->set("max", max);
    return j;
  };
  Array::Ptr bands = new Array;
  for (const auto& b : q.bands) bands->add(ranged(b.id, b.label, b.min, b.max, b.subscale));
  o->set("bands", bands);
  Array::Ptr flags = new Array;
  for (const auto& f : q.flags) flags->add(ranged(f.id, f.label, f.min, f.max, f.subscale));
  o->set("flags", flags);
  return o;
}

Object::Ptr toJson(const Score& s) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("questionnaire_id", s.questionnaireId);
  o->set("version", s.version);
  Array::Ptr answers = new Array;
  for (int a : s.answers) answers->add(a);
  o->set("answers", answers);
  o->set("total", s.total);
  setBand(*o, "band", s.band);
  Array::Ptr subscales = new Array;
  for (const auto& sub : s.subscales) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("id", sub.id);
    j->set("label", sub.label);
    j->set("score", sub.score);
    setBand(*j, "band", sub.band);
    subscales->add(j);
  }
  o->set("subscales", subscales);
  Array::Ptr flags = new Array;
  for (const auto& f : s.flags) {
    Object::Ptr j = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    j->set("id", f.id);
    j->set("label", f.label);
    j->set("subscale", f.subscale);
    flags->add(j);
  }
  o->set("flags", flags);
  return o;
}

}  // namespace ycr::services
