#include "ycr/pathways/calendar.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ycr::pathways {
namespace {

using std::chrono::sys_days;

bool isWeekend(const Date& d) {
  std::chrono::weekday wd{sys_days(d)};
  return wd == std::chrono::Saturday || wd == std::chrono::Sunday;
}

}  // namespace

WorkingDayCalendar::WorkingDayCalendar(std::vector<Date> bankHolidays) : holidays_(std::move(bankHolidays)) {
  std::sort(holidays_.begin(), holidays_.end(), before);
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end()), holidays_.end());
}

Result<WorkingDayCalendar> WorkingDayCalendar::fromGovUkJson(const std::string& jsonText,
                                                             const std::string& division) {
  std::vector<Date> dates;
  try {
    Poco::JSON::Parser parser;
    Poco::Dynamic::Var root = parser.parse(jsonText);
    auto top = root.extract<Poco::JSON::Object::Ptr>();
    if (!top) return DomainError::malformed("The bank-holiday file is not a JSON object");
    auto div = top->getObject(division);
    if (!div) return DomainError::malformed("The bank-holiday file has no division '" + division + "'");
    auto events = div->getArray("events");
    if (!events) return DomainError::malformed("The bank-holiday division '" + division + "' has no events");
    for (std::size_t i = 0; i < events->size(); ++i) {
      auto event = events->getObject(static_cast<unsigned>(i));
      if (!event || !event->has("date") || !event->get("date").isString())
        return DomainError::malformed("Bank-holiday event " + std::to_string(i) + " has no date");
      auto text = event->getValue<std::string>("date");
      auto date = parseIsoDate(text);
      if (!date)
        return DomainError::malformed("Bank-holiday event " + std::to_string(i) + " has a bad date '" + text +
                                      "'");
      dates.push_back(*date);
    }
  } catch (const Poco::Exception& e) {
    return DomainError::malformed("The bank-holiday file cannot be read: " + e.displayText());
  } catch (const std::exception& e) {
    return DomainError::malformed(std::string("The bank-holiday file cannot be read: ") + e.what());
  }
  if (dates.empty())
    return DomainError::malformed("The bank-holiday division '" + division + "' lists no holidays");
  return WorkingDayCalendar(std::move(dates));
}

Result<WorkingDayCalendar> WorkingDayCalendar::loadFile(const std::string& path,
                                                        const std::string& division) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return DomainError::notFound("The bank-holiday file cannot be opened: " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return fromGovUkJson(text.str(), division);
}

bool WorkingDayCalendar::isBankHoliday(const Date& date) const {
  return std::binary_search(holidays_.begin(), holidays_.end(), date, before);
}

bool WorkingDayCalendar::isWorkingDay(const Date& date) const {
  return !isWeekend(date) && !isBankHoliday(date);
}

Date WorkingDayCalendar::addWorkingDays(const Date& start, int n, bool startIsDayZero) const {
  if (n <= 0) return start;
  int counted = 0;
  Date d = start;
  if (!startIsDayZero && isWorkingDay(d)) {
    if (++counted == n) return d;
  }
  while (counted < n) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) ++counted;
  }
  return d;
}

int WorkingDayCalendar::workingDaysBetween(const Date& a, const Date& b) const {
  if (before(b, a)) return -workingDaysBetween(b, a);
  int count = 0;
  for (Date d = addDays(a, 1); !before(b, d); d = addDays(d, 1))
    if (isWorkingDay(d)) ++count;
  return count;
}

std::optional<Date> WorkingDayCalendar::firstDateCovered() const {
  if (holidays_.empty()) return std::nullopt;
  return Date{holidays_.front().year(), std::chrono::January, std::chrono::day{1}};
}

std::optional<Date> WorkingDayCalendar::lastDateCovered() const {
  if (holidays_.empty()) return std::nullopt;
  return Date{holidays_.back().year(), std::chrono::December, std::chrono::day{31}};
}

bool WorkingDayCalendar::covers(const Date& date) const {
  auto first = firstDateCovered();
  auto last = lastDateCovered();
  return first && last && !before(date, *first) && !before(*last, date);
}

}  // namespace ycr::pathways
