// The bank-holiday data file (pathways calendar, gov.uk's JSON). Anything unreadable is a malformed
// error, never a crash or an exception; a calendar read from it counts working days consistently.
#include "fuzz_support.h"
#include "ycr/pathways/calendar.h"

using namespace ycr;
using namespace ycr::pathways;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string json(fuzz::text(data, size));
  Result<WorkingDayCalendar> calendar = DomainError::internal("not run");
  try {
    calendar = WorkingDayCalendar::fromGovUkJson(json);
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "fromGovUkJson threw", json + " : " + e.what());
  }
  if (!calendar) {
    FUZZ_CHECK(calendar.error().code == ErrorCode::malformed, json);
    return 0;
  }
  const auto& days = calendar->bankHolidays();
  FUZZ_CHECK(!days.empty(), json);
  for (std::size_t i = 0; i < days.size(); ++i) {
    FUZZ_CHECK(days[i].ok() && calendar->isBankHoliday(days[i]) && !calendar->isWorkingDay(days[i]), json);
    FUZZ_CHECK(calendar->covers(days[i]), json);
    if (i) FUZZ_CHECK(std::chrono::sys_days(days[i - 1]) < std::chrono::sys_days(days[i]), json);
  }
  // Counting forward and measuring back agree, from the first and the last holiday.
  for (const Date& start : {days.front(), days.back()}) {
    for (int n : {1, 5, 45}) {
      const Date due = calendar->addWorkingDays(start, n, true);
      FUZZ_CHECK(calendar->isWorkingDay(due), json);
      FUZZ_CHECK(calendar->workingDaysBetween(start, due) == n, json + " n=" + std::to_string(n));
      FUZZ_CHECK(calendar->workingDaysBetween(due, start) == -n, json);
    }
  }
  return 0;
}
