// The area's school list (services/school_list.cpp parseSchoolList, the schools_file setting): a
// list is either refused with an error naming the file, or every school has a 6-digit URN listed
// once, a trimmed, non-empty name and, from a phase column only, a trimmed phase.
#include "ycr/services/school_list.h"

#include <set>

#include "fuzz_support.h"
#include "ycr/core/validation.h"

using namespace ycr;
using namespace ycr::services;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);
  auto list = parseSchoolList(in, "schools.csv");
  if (!list) {
    FUZZ_CHECK(list.error().detail.rfind("schools_file schools.csv", 0) == 0,
               input + " : " + list.error().detail);
    return 0;
  }
  FUZZ_CHECK(!list->schools.empty(), input);
  std::set<std::string> urns;
  std::size_t line = 0;
  for (const auto& s : list->schools) {
    FUZZ_CHECK(validation::schoolUrn("urn", s.urn) && urns.insert(s.urn).second, input);
    FUZZ_CHECK(!s.name.empty() && s.name == validation::trim(s.name) && validation::isValidUtf8(s.name),
               input);
    FUZZ_CHECK(s.line > line, input);
    // A phase only from a phase column, trimmed; secondary exactly when the phase says so.
    FUZZ_CHECK((list->hasPhase || s.phase.empty()) && s.phase == validation::trim(s.phase), input);
    FUZZ_CHECK(s.secondary == isSecondaryPhase(s.phase), input);
    line = s.line;
  }
  return 0;
}
