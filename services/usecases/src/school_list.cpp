#include "ycr/services/school_list.h"

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ycr/core/import_file.h"
#include "ycr/core/validation.h"

namespace ycr::services {
namespace {

constexpr std::size_t kMaxSchoolNameLength = 200;

// Errors read like the configuration file's: "<file>:<line>: what is wrong", so the person who keeps
// the list can go straight to the row.
// ":12" for line 12, nothing for line 0; appended, not ":" + std::to_string(...), which GCC 12
// at -O3 reports as a -Wrestrict memcpy overlap that cannot happen.
std::string lineSuffix(std::size_t line) {
  std::string out;
  if (line) {
    out += ':';
    out += std::to_string(line);
  }
  return out;
}

DomainError listError(const std::string& path, std::size_t line, const std::string& message) {
  return DomainError::field("schools_file", "invalid_school_list",
                            "schools_file " + path + lineSuffix(line) + ": " + message);
}

}  // namespace

bool isSecondaryPhase(std::string_view phase) {
  std::string folded;
  for (char c : phase) folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return folded == "secondary" || folded == "middle deemed secondary" || folded == "all-through" ||
         folded == "all through";
}

Result<SchoolList> parseSchoolList(std::string_view text, const std::string& path) {
  if (!validation::isValidUtf8(text)) return listError(path, 0, "the file is not UTF-8 text");
  auto table = parseCsv(text);
  if (!table) {
    // The reader says "line N: ..." for an unclosed quote; put N where the other errors have it.
    std::string detail = table.error().detail;
    std::size_t line = 0;
    if (detail.rfind("line ", 0) == 0) {
      const auto colon = detail.find(": ");
      if (colon != std::string::npos &&
          std::from_chars(detail.data() + 5, detail.data() + colon, line).ec == std::errc())
        detail = detail.substr(colon + 2);
    }
    return listError(path, line, detail);
  }
  const auto urnColumn = findColumn(table->header, "urn");
  auto nameColumn = findColumn(table->header, "name");
  if (!nameColumn) nameColumn = findColumn(table->header, "EstablishmentName");
  auto phaseColumn = findColumn(table->header, "phase");
  if (!phaseColumn) phaseColumn = findColumn(table->header, "PhaseOfEducation (name)");
  if (!urnColumn || !nameColumn)
    return listError(path, table->headerLine,
                     std::string("the header must have columns urn and name; missing ") +
                         (!urnColumn && !nameColumn ? "both"
                          : !urnColumn              ? "urn"
                                                    : "name"));
  SchoolList list;
  list.hasPhase = phaseColumn.has_value();
  std::map<std::string, std::size_t> lineOf;  // URN -> the line that first listed it
  for (const auto& record : table->records) {
    auto field = [&](std::size_t column) {
      return column < record.fields.size() ? record.fields[column] : std::string();
    };
    const std::string rawUrn = field(*urnColumn);
    auto urn = validation::schoolUrn("urn", rawUrn);
    if (!urn)
      return listError(path, record.line,
                       "the URN '" + (rawUrn.size() > 20 ? rawUrn.substr(0, 20) + "..." : rawUrn) +
                           "' is not a school's URN (6 digits, like 120345)");
    auto name = validation::text("name", field(*nameColumn), kMaxSchoolNameLength, true);
    if (!name || validation::trim(*name).empty())
      return listError(path, record.line,
                       "the school with URN " + *urn + " needs a name (printable text, up to " +
                           std::to_string(kMaxSchoolNameLength) + " characters)");
    if (auto [it, added] = lineOf.emplace(*urn, record.line); !added)
      return listError(
          path, record.line,
          "the URN " + *urn + " is listed twice (first on line " + std::to_string(it->second) + ")");
    const std::string phase = phaseColumn ? validation::trim(field(*phaseColumn)) : std::string();
    list.schools.push_back({*urn, validation::trim(*name), record.line, phase, isSecondaryPhase(phase)});
  }
  if (list.schools.empty()) return listError(path, 0, "the file lists no schools");
  return list;
}

Result<SchoolList> loadSchoolList(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return listError(path, 0, "cannot read the file: there is no such file");
  if (!std::filesystem::is_regular_file(path, ec))
    return listError(path, 0, "cannot read the file: not a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return listError(path, 0, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return listError(path, 0, "cannot read the file");
  return parseSchoolList(text.str(), path);
}

Result<std::vector<ListedSchool>> configuredSchools(const Config& config) {
  if (config.schoolsFile.empty()) {
    if (config.championSchoolsSecondary)
      return DomainError::field("champion_schools", "needs_schools_file",
                                "champion_schools = secondary needs schools_file, the area's list of schools "
                                "with each school's phase: the register does not know which schools are "
                                "secondary");
    return std::vector<ListedSchool>{};
  }
  if (config.schoolsTotal > 0)
    return DomainError::field("schools_file", "conflicting_settings",
                              "Set schools_file or schools_total, not both: the list's schools are the "
                              "denominator of schools_with_active_champion");
  auto list = loadSchoolList(config.schoolsFile);
  if (!list) return list.error();
  if (!config.championSchoolsSecondary) return std::move(list->schools);
  if (!list->hasPhase)
    return listError(config.schoolsFile, 0,
                     "champion_schools = secondary needs a phase column (phase, or PhaseOfEducation (name)) "
                     "to tell secondary schools apart");
  std::vector<ListedSchool> secondary;
  for (auto& school : list->schools)
    if (school.secondary) secondary.push_back(std::move(school));
  if (secondary.empty())
    return listError(
        config.schoolsFile, 0,
        "champion_schools = secondary, but the file lists no Secondary, Middle deemed secondary or "
        "All-through school");
  return secondary;
}

}  // namespace ycr::services
