#include "ycr/core/time.h"

#include <charconv>
#include <cstdio>

namespace ycr {
namespace {

using namespace std::chrono;

bool readInt(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
  return ec == std::errc() && p == text.data() + pos + len;
}

sys_days lastSunday(int y, unsigned m) {
  sys_days last = sys_days(year{y} / month{m} / std::chrono::last);
  weekday wd{last};
  return last - (wd - Sunday);
}

}  // namespace

std::optional<Date> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!readInt(text, 0, 4, y) || !readInt(text, 5, 2, m) || !readInt(text, 8, 2, d)) return std::nullopt;
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!date.ok() || y < 1000) return std::nullopt;
  return date;
}

std::string yearSpanning(int firstYear) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d/%02d", firstYear, (firstYear + 1) % 100);
  return buf;
}

std::string formatIsoDate(const Date& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buf;
}

std::optional<Timestamp> parseIsoTimestamp(std::string_view text) {
  if (text.size() < 19) return std::nullopt;
  auto date = parseIsoDate(text.substr(0, 10));
  if (!date || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || text[13] != ':' || text[16] != ':')
    return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!readInt(text, 11, 2, hh) || !readInt(text, 14, 2, mm) || !readInt(text, 17, 2, ss))
    return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }
  int offsetMinutes = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int oh = 0, om = 0;
    if (pos + 6 > text.size() || text[pos + 3] != ':' || !readInt(text, pos + 1, 2, oh) ||
        !readInt(text, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offsetMinutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;  // an instant needs its offset; local times are ambiguous
  }
  if (pos != text.size()) return std::nullopt;
  auto t = time_point_cast<seconds>(sys_days(*date) + hours(hh) + minutes(mm) + seconds(ss) -
                                    minutes(offsetMinutes));
  // An offset can carry the instant out of the years 1000-9999 in UTC, where formatIsoTimestamp's
  // text would no longer read back.
  const int utcYear = static_cast<int>(Date{floor<days>(t)}.year());
  if (utcYear < 1000 || utcYear > 9999) return std::nullopt;
  return t;
}

std::string formatIsoTimestamp(Timestamp ts) {
  auto days = floor<std::chrono::days>(ts);
  Date d{days};
  hh_mm_ss hms{ts - days};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", formatIsoDate(d).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

Date ukLocalDate(Timestamp ts) {
  Date utc{floor<days>(ts)};
  int y = static_cast<int>(utc.year());
  auto bstStart = sys_seconds(lastSunday(y, 3)) + hours(1);
  auto bstEnd = sys_seconds(lastSunday(y, 10)) + hours(1);
  bool bst = ts >= bstStart && ts < bstEnd;
  return Date{floor<days>(ts + hours(bst ? 1 : 0))};
}

Timestamp ukStartOfDay(const Date& date) {
  Timestamp midnightUtc = sys_seconds(sys_days(date));
  // 00:00 local is 23:00 UTC the previous day during BST.
  Timestamp candidate = midnightUtc - hours(1);
  return ukLocalDate(candidate) == date ? candidate : midnightUtc;
}

int ageOn(const Date& dob, const Date& on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(dob.year());
  Date birthdayThisYear = dateOfReachingAge(dob, age);
  if (sys_days(on) < sys_days(birthdayThisYear)) --age;
  return age;
}

Date dateOfReachingAge(const Date& dob, int years) {
  Date d{dob.year() + std::chrono::years(years), dob.month(), dob.day()};
  if (!d.ok()) d = Date{d.year(), March, day{1}};  // 29 February in a common year
  return d;
}

Date addMonths(const Date& date, int months) {
  Date d = date + std::chrono::months(months);
  if (!d.ok()) d = Date{d.year() / d.month() / std::chrono::last};
  return d;
}

Date addDays(const Date& date, int n) {
  return Date{sys_days(date) + days(n)};
}

Timestamp SystemClock::now() const {
  return time_point_cast<seconds>(system_clock::now());
}

}  // namespace ycr
