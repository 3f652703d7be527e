#include "demo_school_attendance.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace ycr::services::demo {
namespace {

struct TermDates {
  Term term;
  Date first, last;
  int sessions;  // possible, before the odd closure day
};

// The terms of the academic year starting in September of `year`, near enough to any English school's.
std::vector<TermDates> termsOf(int year) {
  using std::chrono::day;
  using std::chrono::month;
  auto d = [](int y, unsigned m, unsigned dd) { return Date{std::chrono::year{y}, month{m}, day{dd}}; };
  return {{Term::autumn, d(year, 9, 4), d(year, 12, 19), 146},
          {Term::spring, d(year + 1, 1, 5), d(year + 1, 3, 27), 116},
          {Term::summer, d(year + 1, 4, 13), d(year + 1, 7, 21), 130}};
}

bool openDuring(const std::vector<std::pair<Date, std::optional<Date>>>& spans, const TermDates& t) {
  return std::any_of(spans.begin(), spans.end(), [&](const auto& s) {
    return !before(t.last, s.first) && (!s.second || before(t.first, *s.second));
  });
}

}  // namespace

Result<long long> schoolAttendanceFor(Sink& out, Id youngCarerId, const Date& dateOfBirth,
                                      const std::vector<std::pair<Date, std::optional<Date>>>& openSpans,
                                      double caring, const Date& until, std::uint64_t seed) {
  if (openSpans.empty()) return 0;
  std::mt19937_64 rng(seed ^ 0x5c400a77u ^
                      (static_cast<std::uint64_t>(youngCarerId) * 0x9e3779b97f4a7c15ull));
  std::uniform_real_distribution<double> u(0.0, 1.0);
  long long written = 0;
  const int firstYear = static_cast<int>(openSpans.front().first.year()) - 1;
  int termsSupported = 0;  // terms begun since the young carer came to the service
  for (int year = firstYear; year <= static_cast<int>(until.year()); ++year) {
    for (const auto& t : termsOf(year)) {
      const Date reported = addDays(t.last, 14);
      if (before(until, reported) || !openDuring(openSpans, t) || !yearGroupOn(dateOfBirth, t.first))
        continue;
      TermAttendance a;
      a.youngCarerId = youngCarerId;
      a.academicYear = academicYearOf(t.first);
      a.term = t.term;
      a.sessionsPossible = t.sessions - static_cast<int>(u(rng) * 4) * 2;
      if (!before(t.first, openSpans.front().first)) ++termsSupported;
      // Support eases the caring that keeps them from school: by up to half, over the first four terms.
      const double eased = caring * (1.0 - 0.125 * std::min(termsSupported, 4));
      const double absence = 0.03 + 0.15 * eased * u(rng) + 0.03 * u(rng);
      a.sessionsMissed = static_cast<int>(std::lround(a.sessionsPossible * absence));
      a.missedForCaring = std::min(
          a.sessionsMissed, static_cast<int>(std::lround(a.sessionsMissed * eased * (0.3 + 0.6 * u(rng)))));
      a.source = u(rng) < 0.6 ? AttendanceSource::imported : AttendanceSource::entered;
      a.recordedAt = ukStartOfDay(reported) + std::chrono::hours(10);
      auto id = out.termAttendance(a);
      if (!id) return id.error();
      ++written;
    }
  }
  return written;
}

}  // namespace ycr::services::demo
