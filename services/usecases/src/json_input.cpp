#include "ycr/services/json_input.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace ycr::services {

std::string toJsonString(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

Result<Poco::JSON::Object::Ptr> parseJsonObject(const std::string& body) {
  if (body.empty()) return DomainError::malformed("The request body is empty; send a JSON object.");
  try {
    Poco::JSON::Parser parser;
    auto value = parser.parse(body);
    if (value.type() != typeid(Poco::JSON::Object::Ptr))
      return DomainError::malformed("The request body must be a JSON object.");
    return value.extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    return DomainError::malformed("The request body is not valid JSON.");
  }
}

std::optional<long long> jsonWholeNumber(const Poco::Dynamic::Var& value) {
  if (!value.isInteger()) return std::nullopt;
  try {
    return value.convert<long long>();
  } catch (const Poco::RangeException&) {
    return std::nullopt;
  }
}

JsonInput::JsonInput(Poco::JSON::Object::Ptr object, std::string prefix, FieldErrors& errors)
    : object_(std::move(object)), prefix_(std::move(prefix)), errors_(errors) {}

bool JsonInput::has(const std::string& key) const {
  return object_ && object_->has(key) && !object_->isNull(key);
}

std::optional<std::string> JsonInput::string(const std::string& key, bool required) {
  read_.push_back(key);
  if (!has(key)) {
    if (required) errors_.add(path(key), "required", "Enter " + key);
    return std::nullopt;
  }
  auto v = object_->get(key);
  if (!v.isString()) {
    errors_.add(path(key), "wrong_type", key + " must be text");
    return std::nullopt;
  }
  return v.extract<std::string>();
}

std::optional<bool> JsonInput::boolean(const std::string& key, bool required) {
  read_.push_back(key);
  if (!has(key)) {
    if (required) errors_.add(path(key), "required", "Answer " + key);
    return std::nullopt;
  }
  auto v = object_->get(key);
  if (!v.isBoolean()) {
    errors_.add(path(key), "wrong_type", key + " must be true or false");
    return std::nullopt;
  }
  return v.extract<bool>();
}

std::optional<long long> JsonInput::integer(const std::string& key, bool required) {
  read_.push_back(key);
  if (!has(key)) {
    if (required) errors_.add(path(key), "required", "Enter " + key);
    return std::nullopt;
  }
  auto v = object_->get(key);
  if (!v.isInteger()) {
    errors_.add(path(key), "wrong_type", key + " must be a whole number");
    return std::nullopt;
  }
  auto n = jsonWholeNumber(v);
  if (!n) errors_.add(path(key), "out_of_range", key + " is too large");
  return n;
}

Poco::JSON::Object::Ptr JsonInput::object(const std::string& key, bool required) {
  read_.push_back(key);
  if (!has(key)) {
    if (required) errors_.add(path(key), "required", "Enter " + key);
    return nullptr;
  }
  auto v = object_->get(key);
  if (v.type() != typeid(Poco::JSON::Object::Ptr)) {
    errors_.add(path(key), "wrong_type", key + " must be an object");
    return nullptr;
  }
  return v.extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr JsonInput::array(const std::string& key, bool required) {
  read_.push_back(key);
  if (!has(key)) {
    if (required) errors_.add(path(key), "required", "Enter " + key);
    return nullptr;
  }
  auto v = object_->get(key);
  if (v.type() != typeid(Poco::JSON::Array::Ptr)) {
    errors_.add(path(key), "wrong_type", key + " must be a list");
    return nullptr;
  }
  return v.extract<Poco::JSON::Array::Ptr>();
}

std::vector<std::string> JsonInput::stringArray(const std::string& key, bool required) {
  std::vector<std::string> out;
  auto a = array(key, required);
  if (!a) return out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    auto v = a->get(static_cast<unsigned>(i));
    if (!v.isString()) {
      errors_.add(path(key) + "[" + std::to_string(i) + "]", "wrong_type", "Each item must be text");
      continue;
    }
    out.push_back(v.extract<std::string>());
  }
  return out;
}

void JsonInput::rejectUnknown() {
  if (!object_) return;
  for (const auto& name : object_->getNames())
    if (std::find(read_.begin(), read_.end(), name) == read_.end())
      errors_.add(path(name), "unknown_field", "There is no field called " + name);
}

}  // namespace ycr::services
