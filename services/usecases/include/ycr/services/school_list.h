#pragma once
// The area's list of schools (the schools_file setting): the denominator of "schools with an active
// young carer champion". A CSV with a header naming `urn` and `name` (or `EstablishmentName`) columns (DfE
// URN, 6 digits), and
// optionally `phase` (or Get Information About Schools' `PhaseOfEducation (name)`), which tells secondary
// schools apart (champion_schools = secondary); other columns are ignored, so an export from Get
// Information About Schools can be trimmed to fit.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/result.h"
#include "ycr/services/config.h"

namespace ycr::services {

struct ListedSchool {
  std::string urn;
  std::string name;
  std::size_t line = 0;    // where the school is in the file
  std::string phase;       // as the file gives it, e.g. "Secondary"; empty without a phase column
  bool secondary = false;  // the phase is Secondary, Middle deemed secondary or All-through
};

struct SchoolList {
  std::vector<ListedSchool> schools;  // in file order, each URN once
  bool hasPhase = false;              // the file has a phase column
};

// Whether a school of this phase of education (as Get Information About Schools names them) teaches
// secondary pupils: Secondary, Middle deemed secondary, All-through; capitals ignored.
bool isSecondaryPhase(std::string_view phase);

// Parses the file's text. Missing columns, a school without a name, a URN that is not 6 digits, a URN
// listed twice, or no schools at all are errors whose detail names `path` and, for a row, its line.
Result<SchoolList> parseSchoolList(std::string_view text, const std::string& path);
// Reads and parses the file; an unreadable file is an error naming it.
Result<SchoolList> loadSchoolList(const std::string& path);
// The configured list's schools (schools_file) in file order, or none when it is not set; with
// champion_schools = secondary, its secondary schools only. Setting schools_total as well is an error: two
// denominators that can disagree, and a stale count would win silently; so is champion_schools = secondary
// without a list that gives each school's phase and names at least one secondary school.
Result<std::vector<ListedSchool>> configuredSchools(const Config& config);

}  // namespace ycr::services
