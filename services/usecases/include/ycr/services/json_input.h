#pragma once
// Strict reading of JSON documents: a request's body, and the documents the register keeps as JSON
// (an assessment's answers, shipped questionnaires and surveys). Wrong types and unknown fields
// become field errors, never a crash.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/result.h"

namespace ycr::services {

// Strict reading of a JSON object: wrong types and unknown fields become field errors.
class JsonInput {
 public:
  JsonInput(Poco::JSON::Object::Ptr object, std::string prefix, FieldErrors& errors);
  std::optional<std::string> string(const std::string& key, bool required = false);
  std::optional<bool> boolean(const std::string& key, bool required = false);
  std::optional<long long> integer(const std::string& key, bool required = false);
  Poco::JSON::Object::Ptr object(const std::string& key, bool required = false);
  Poco::JSON::Array::Ptr array(const std::string& key, bool required = false);
  std::vector<std::string> stringArray(const std::string& key, bool required = false);
  // Adds an error for every field not read through this reader.
  void rejectUnknown();
  std::string path(const std::string& key) const { return prefix_.empty() ? key : prefix_ + "." + key; }
  FieldErrors& errors() { return errors_; }
  bool has(const std::string& key) const;

 private:
  Poco::JSON::Object::Ptr object_;
  std::string prefix_;
  FieldErrors& errors_;
  std::vector<std::string> read_;
};

// A JSON whole number as a long long; nullopt when the value is not a whole number or lies outside
// long long's range. The parser keeps numbers from 2^63 to 2^64-1 as unsigned, and converting one
// throws, so every reader of numbers from outside goes through this.
std::optional<long long> jsonWholeNumber(const Poco::Dynamic::Var& value);

// Parses a document (a request's body, a stored or shipped file) that must be one JSON object.
Result<Poco::JSON::Object::Ptr> parseJsonObject(const std::string& body);

std::string toJsonString(const Poco::JSON::Object::Ptr& object);

}  // namespace ycr::services
