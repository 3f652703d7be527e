#include "ycr/services/area_routing.h"

#include <cctype>
#include <regex>
#include <set>

#include "ycr/core/validation.h"
#include "ycr/services/tasks.h"

namespace ycr::services {
namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool isArea(const std::string& s) {
  static const std::regex area("[A-Z]{1,2}|[A-Z]{1,2}[0-9][0-9A-Z]?|[A-Z]{1,2}[0-9][0-9A-Z]? [0-9]");
  return std::regex_match(s, area);
}

// "an adult social care", "a carers centre".
std::string article(const std::string& words) {
  return (std::string("aeiou").find(words.front()) == std::string::npos ? "a " : "an ") + words;
}

std::string kindWords(OrganisationKind kind) {
  std::string words(toString(kind));
  for (auto& c : words)
    if (c == '_') c = ' ';
  return words;
}

}  // namespace

Result<std::vector<DistrictRoute>> parseDistrictRoutes(const std::string& setting, const std::string& value) {
  std::vector<DistrictRoute> out;
  std::set<std::string> seen;
  std::size_t start = 0;
  while (start <= value.size()) {
    auto end = value.find(';', start);
    if (end == std::string::npos) end = value.size();
    const std::string entry = validation::trim(value.substr(start, end - start));
    start = end + 1;
    if (entry.empty()) continue;
    auto colon = entry.find(':');
    const std::string name = colon == std::string::npos ? "" : validation::trim(entry.substr(colon + 1));
    if (colon == std::string::npos || name.empty())
      return DomainError::field(setting, "malformed",
                                setting + ": '" + entry +
                                    "' must be postcode areas, districts or sectors, a colon, and an "
                                    "organisation's name (LE1, LE2: Leicester City adult social care)");
    std::size_t from = 0;
    const std::string areas = entry.substr(0, colon);
    while (from <= areas.size()) {
      auto comma = areas.find(',', from);
      if (comma == std::string::npos) comma = areas.size();
      const std::string area = upper(validation::trim(areas.substr(from, comma - from)));
      from = comma + 1;
      if (!isArea(area))
        return DomainError::field(
            setting, "invalid_postcode_area",
            setting + ": '" + area + "' is not a postcode area (LE), district (LE2) or sector (LE2 7)");
      if (!seen.insert(area).second)
        return DomainError::field(setting, "repeated", setting + ": " + area + " is mapped twice");
      out.push_back({area, name});
    }
  }
  return out;
}

std::vector<std::string> postcodeAreas(const std::string& postcode) {
  auto space = postcode.find(' ');
  if (space == std::string::npos || space + 1 >= postcode.size()) return {};
  const std::string outward = postcode.substr(0, space);
  std::size_t letters = 0;
  while (letters < outward.size() && std::isalpha(static_cast<unsigned char>(outward[letters]))) ++letters;
  if (letters == 0 || letters == outward.size()) return {};
  return {outward + " " + postcode[space + 1], outward, outward.substr(0, letters)};
}

bool isActive(const std::optional<Organisation>& o, OrganisationKind kind) {
  return o && o->active && o->kind == kind;
}

Result<Organisation> AreaRouting::active(Transaction& tx, OrganisationKind kind, const std::string& setting,
                                         const std::string& what, const std::string& name) {
  auto o = tx.organisations().findByName(name);
  if (isActive(o, kind)) return *o;
  return DomainError::field(
      setting, "unknown_organisation",
      setting + ": " + what + "'" + name + "', which is not " +
          (!o           ? std::string("an organisation on the register")
           : !o->active ? std::string("active")
                        : article(kindWords(kind)) + " organisation (it is " + kindWords(o->kind) + ")") +
          "; add it with ycr organisation add --kind " + std::string(toString(kind)) +
          ", or correct the name");
}

Result<AreaRouting> AreaRouting::resolve(Transaction& tx, const AreaRoutingSettings& settings,
                                         bool checkDefault) {
  AreaRouting r(settings.kind);
  for (const auto& route : settings.byDistrict) {
    auto o = active(tx, settings.kind, settings.byDistrictSetting, route.area + " is mapped to ",
                    route.organisation);
    if (!o) return o.error();
    r.byArea_[route.area] = o->id;
  }
  if (checkDefault && !settings.defaultOrganisation.empty()) {
    auto o =
        active(tx, settings.kind, settings.defaultSetting, "the default is ", settings.defaultOrganisation);
    if (!o) return o.error();
  }
  r.default_ = settings.defaultOrganisation;
  return r;
}

std::string AreaRouting::householdPostcode(const std::string& described, const std::string& recorded) {
  const auto given = validation::postcode("postcode", described);
  return given ? *given : recorded;
}

std::optional<Organisation> AreaRouting::serving(std::optional<Organisation> o) const {
  if (!isActive(o, kind_)) return std::nullopt;
  return o;
}

std::optional<Organisation> AreaRouting::organisationFor(Transaction& tx, const std::string& postcode) const {
  for (const auto& area : postcodeAreas(postcode))
    if (auto it = byArea_.find(area); it != byArea_.end())
      if (auto o = serving(tx.organisations().findById(it->second))) return o;
  if (auto sole = soleOrganisationFor(tx, kind_)) return sole;
  if (default_.empty()) return std::nullopt;
  return serving(tx.organisations().findByName(default_));
}

}  // namespace ycr::services
