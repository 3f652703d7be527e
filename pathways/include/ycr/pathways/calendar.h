#pragma once
// Working days in England and Wales: Monday to Friday except bank holidays, which come from gov.uk's
// published JSON (shipped as pathways/data/bank-holidays.json) rather than code, because holidays are
// proclaimed one at a time (the 2022 state funeral, the 2023 coronation).

#include <string>
#include <vector>

#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr::pathways {

class WorkingDayCalendar {
 public:
  // An empty calendar: weekends only, covering nothing (covers() is always false).
  WorkingDayCalendar() = default;
  // Covers 1 January of the first holiday's year to 31 December of the last holiday's year.
  explicit WorkingDayCalendar(std::vector<Date> bankHolidays);

  // Reads gov.uk's format {"england-and-wales": {"division": ..., "events": [{"date": "YYYY-MM-DD", ...}]}}.
  // Anything unreadable (not JSON, no such division, a bad date) is a malformed error, never a crash.
  static Result<WorkingDayCalendar> fromGovUkJson(const std::string& jsonText,
                                                  const std::string& division = "england-and-wales");
  static Result<WorkingDayCalendar> loadFile(const std::string& path,
                                             const std::string& division = "england-and-wales");

  bool isBankHoliday(const Date& date) const;
  // Not a Saturday, Sunday or bank holiday. Beyond the data only weekends are known: check covers().
  bool isWorkingDay(const Date& date) const;

  // The due date n working days after start (n >= 0; negative is treated as 0).
  // startIsDayZero = true: the day of receipt is day 0 whatever it is, and day 1 is the first working day
  //   after it (received Fri 22 Dec 2023, n = 1 -> Wed 27 Dec 2023).
  // startIsDayZero = false: the day of receipt is day 1 when it is a working day (received Fri 22 Dec 2023,
  //   n = 1 -> Fri 22 Dec 2023; n = 2 -> Wed 27 Dec); when it is not a working day, day 1 is the next
  //   working day (received Sat 23 Dec 2023, n = 1 -> Wed 27 Dec).
  // n = 0 returns start under both conventions.
  Date addWorkingDays(const Date& start, int n, bool startIsDayZero = true) const;
  // Working days d with a < d <= b (so addWorkingDays(a, n, true) == b gives n when b is a working day);
  // negative when b is before a.
  int workingDaysBetween(const Date& a, const Date& b) const;

  // The span the holiday data covers, so callers can warn about dates beyond it.
  bool covers(const Date& date) const;
  std::optional<Date> firstDateCovered() const;
  std::optional<Date> lastDateCovered() const;
  const std::vector<Date>& bankHolidays() const { return holidays_; }

 private:
  std::vector<Date> holidays_;  // sorted, unique
};

}  // namespace ycr::pathways
