// The schools indicator (schools_with_active_champion): facts about organisations, not children.

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "ycr/core/text.h"
#include "ycr/services/statistics.h"

namespace ycr::services {
namespace {

// Alphabetical as a reader expects it, whatever the list's capitals, accents and punctuation
// ("St. Albans" before "st Anne's", "Église" before "Elm"); the URN orders schools of the same name.
bool byName(const ListedSchool& a, const ListedSchool& b) {
  return std::make_tuple(text::fold(a.name), a.urn) < std::make_tuple(text::fold(b.name), b.urn);
}

}  // namespace

// Schools, not children: facts about organisations, published as they are (Basis::share_of_organisations).
// A school counts when it had a named champion in post on the period's last day (school_champion.h). The
// denominator is the area's list of
// schools (schools_file), else its size alone (schools_total), else the schools on the register.
void Statistics::schoolChampions(StatisticsRepository& stats, const Date& to, KpiLine& line,
                                 ShareCount& share) const {
  if (!settings_.listedSchools.empty()) {
    // Only listed schools count: a champion at a school outside the area (an independent school,
    // a neighbour's) is not progress on the area's list. Schools are matched by URN.
    const auto& listed = settings_.listedSchools;
    const auto identifiers = stats.championSchoolIdentifiers(to);
    const std::set<std::string> champions(identifiers.begin(), identifiers.end());
    std::vector<ListedSchool> without;
    share.denominator = static_cast<long long>(listed.size());
    for (const auto& school : listed) {
      if (champions.count(school.urn))
        ++share.numerator;
      else
        without.push_back(school);
    }
    std::sort(without.begin(), without.end(), byName);
    line.schoolsWithoutChampion = std::move(without);
    const bool secondary =
        std::all_of(listed.begin(), listed.end(), [](const auto& s) { return s.secondary; });
    line.note =
        "Champion: a named champion in post on the period's last day at a school on the list, matched by "
        "URN; out of the " +
        std::to_string(listed.size()) + (secondary ? " secondary" : "") + " schools in schools_file";
  } else if (settings_.schoolsTotal > 0) {
    share = stats.schoolsWithChampion(to);
    share.denominator = settings_.schoolsTotal;
    share.numerator = std::min(share.numerator, share.denominator);
    line.note = "Champion: a named champion in post on the period's last day; out of schools_total";
  } else {
    share = stats.schoolsWithChampion(to);
    line.note =
        "Champion: a named champion in post on the period's last day; out of the schools on the register "
        "(set "
        "schools_file or schools_total for the area's list)";
  }
}

}  // namespace ycr::services
