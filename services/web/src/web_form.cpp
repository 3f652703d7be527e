// Forms as the pages send them: application/x-www-form-urlencoded, or multipart/form-data from a page with
// a file to upload (the school's attendance CSV).

#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <algorithm>
#include <sstream>

#include "ycr/services/web.h"

namespace ycr::services::web {

Form Form::parse(const std::string& body) {
  Form form;
  std::size_t start = 0;
  while (start <= body.size()) {
    auto end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(start, end - start);
    start = end + 1;
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    std::string name = pair.substr(0, eq);
    std::string value = eq == std::string::npos ? std::string() : pair.substr(eq + 1);
    std::replace(name.begin(), name.end(), '+', ' ');
    std::replace(value.begin(), value.end(), '+', ' ');
    std::string decodedName, decodedValue;
    try {
      Poco::URI::decode(name, decodedName);
      Poco::URI::decode(value, decodedValue);
    } catch (const Poco::Exception&) {
      continue;  // a malformed escape: the pair is ignored, as a browser never sends one
    }
    form.values_.emplace_back(std::move(decodedName), std::move(decodedValue));
  }
  return form;
}

std::optional<Form> Form::parseMultipart(const std::string& body, const std::string& contentType) {
  std::string mediaType;
  Poco::Net::NameValueCollection parameters;
  Poco::Net::MessageHeader::splitParameters(contentType, mediaType, parameters);
  const std::string boundary = parameters.get("boundary", "");
  if (boundary.empty()) return std::nullopt;
  Form form;
  try {
    std::istringstream in(body);
    Poco::Net::MultipartReader reader(in, boundary);
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection names;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, names);
      std::string value;
      Poco::StreamCopier::copyToString(reader.stream(), value);
      if (disposition == "form-data" && names.has("name"))
        form.values_.emplace_back(names.get("name"), value);
    }
  } catch (const Poco::Exception&) {
    return std::nullopt;  // a missing boundary line or a malformed part header
  }
  return form;
}

std::string Form::get(const std::string& name) const {
  for (const auto& [k, v] : values_)
    if (k == name) return v;
  return {};
}

std::vector<std::string> Form::all(const std::string& name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : values_)
    if (k == name) out.push_back(v);
  return out;
}

bool Form::has(const std::string& name) const {
  return std::any_of(values_.begin(), values_.end(), [&](const auto& p) { return p.first == name; });
}

void Form::setDate(const std::string& name, const std::optional<Date>& date) {
  if (!date) return;
  set(name + "-day", std::to_string(static_cast<unsigned>(date->day())));
  set(name + "-month", std::to_string(static_cast<unsigned>(date->month())));
  set(name + "-year", std::to_string(static_cast<int>(date->year())));
}

void Form::set(const std::string& name, const std::string& value) {
  values_.erase(
      std::remove_if(values_.begin(), values_.end(), [&](const auto& p) { return p.first == name; }),
      values_.end());
  values_.emplace_back(name, value);
}

void Form::setAll(const std::string& name, const std::vector<std::string>& values) {
  values_.erase(
      std::remove_if(values_.begin(), values_.end(), [&](const auto& p) { return p.first == name; }),
      values_.end());
  for (const auto& v : values) values_.emplace_back(name, v);
}

}  // namespace ycr::services::web
