#include "ycr/core/school_attendance.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <utility>

namespace ycr {
namespace {

// The calendar year an academic year starts in (its 1 September).
int startYear(const Date& day) {
  const int y = static_cast<int>(day.year());
  return static_cast<unsigned>(day.month()) >= 9 ? y : y - 1;
}

std::optional<int> startOf(std::string_view text) {
  if (!isAcademicYear(text)) return std::nullopt;
  int y = 0;
  std::from_chars(text.data(), text.data() + 4, y);
  return y;
}

}  // namespace

std::optional<int> yearGroupOn(const Date& dateOfBirth, const Date& on) {
  const int a = startYear(on);
  const Date lastOfAugust{std::chrono::year{a}, std::chrono::August, std::chrono::day{31}};
  if (std::chrono::sys_days(dateOfBirth) > std::chrono::sys_days(lastOfAugust)) return std::nullopt;
  const int group = ageOn(dateOfBirth, lastOfAugust) - 4;
  if (group < 0 || group > 13) return std::nullopt;
  return group;
}

std::string yearGroupName(int yearGroup) {
  return yearGroup == 0 ? "Reception" : "Year " + std::to_string(yearGroup);
}

std::string academicYearOf(const Date& day) {
  const int a = startYear(day);
  return yearSpanning(a);
}

bool isAcademicYear(std::string_view text) {
  if (text.size() != 7 || text[4] != '/') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (text[i] < '0' || text[i] > '9') return false;
  int first = 0, second = 0;
  std::from_chars(text.data(), text.data() + 4, first);
  std::from_chars(text.data() + 5, text.data() + 7, second);
  return first >= 2000 && (first + 1) % 100 == second;
}

Term termOf(const Date& day) {
  const unsigned m = static_cast<unsigned>(day.month());
  if (m >= 9) return Term::autumn;
  return m <= 3 ? Term::spring : Term::summer;
}

std::string academicYearBefore(std::string_view academicYear) {
  auto a = startOf(academicYear);
  if (!a) return {};
  return yearSpanning(*a - 1);
}

std::vector<TermAttendance> currentTerms(const std::vector<TermAttendance>& history) {
  std::map<std::pair<std::string, Term>, TermAttendance> latest;
  for (const auto& r : history) {
    auto [it, added] = latest.emplace(std::make_pair(r.academicYear, r.term), r);
    if (!added && r.id > it->second.id) it->second = r;
  }
  std::vector<TermAttendance> out;
  for (auto it = latest.rbegin(); it != latest.rend(); ++it) out.push_back(it->second);
  return out;
}

std::optional<Date> termEndDay(std::string_view academicYear, Term term) {
  auto a = startOf(academicYear);
  if (!a) return std::nullopt;
  using std::chrono::day;
  using std::chrono::year;
  switch (term) {
    case Term::autumn: return Date{year{*a}, std::chrono::December, day{31}};
    case Term::spring: return Date{year{*a + 1}, std::chrono::March, day{31}};
    case Term::summer: return Date{year{*a + 1}, std::chrono::August, day{31}};
  }
  return std::nullopt;
}

std::vector<CaringAbsenceMeasure> caringAbsenceMeasures(const std::vector<TermAttendance>& inForce) {
  // Each young carer's terms in order: "2025/26" sorts before "2026/27", and Term is in school order.
  std::map<Id, std::map<std::pair<std::string, Term>, const TermAttendance*>> byYoungCarer;
  for (const auto& r : inForce) byYoungCarer[r.youngCarerId][{r.academicYear, r.term}] = &r;
  std::vector<CaringAbsenceMeasure> out;
  for (const auto& [youngCarerId, terms] : byYoungCarer) {
    const TermAttendance* baseline = nullptr;
    for (const auto& [key, r] : terms) {
      const auto end = termEndDay(r->academicYear, r->term);
      if (r->sessionsPossible <= 0 || !end) continue;
      if (!baseline) {
        baseline = r;
        if (baseline->missedForCaring <= 0) break;
        continue;
      }
      // missed / possible below the baseline's, without division.
      const bool reduced = static_cast<long long>(r->missedForCaring) * baseline->sessionsPossible <
                           static_cast<long long>(baseline->missedForCaring) * r->sessionsPossible;
      out.push_back({youngCarerId, *end, reduced});
    }
  }
  return out;
}

}  // namespace ycr
