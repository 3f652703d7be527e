#pragma once
// Dates, timestamps and the injected clock. Calendar arithmetic uses C++20 <chrono>;
// statutory clocks count in dates as people in England see them (Europe/London).

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ycr {

using Date = std::chrono::year_month_day;
using Timestamp = std::chrono::sys_seconds;

// Strict YYYY-MM-DD, a real calendar date.
std::optional<Date> parseIsoDate(std::string_view text);
std::string formatIsoDate(const Date& date);

// RFC 3339: YYYY-MM-DDTHH:MM:SS with optional fraction and Z or +HH:MM / -HH:MM.
std::optional<Timestamp> parseIsoTimestamp(std::string_view text);
std::string formatIsoTimestamp(Timestamp ts);

// The calendar date in England at this instant (GMT, or BST from 01:00 UTC on the last
// Sunday of March to 01:00 UTC on the last Sunday of October, per the Summer Time Order 2002).
Date ukLocalDate(Timestamp ts);
// The UTC instant at which a UK local date begins (00:00 local time).
Timestamp ukStartOfDay(const Date& date);

// Whole years of age on a day. Someone born on 29 February has their birthday on
// 1 March in years that are not leap years.
int ageOn(const Date& dateOfBirth, const Date& on);
// The date on which a person born on dateOfBirth reaches the given age.
Date dateOfReachingAge(const Date& dateOfBirth, int years);
// Adds calendar months, clamping to the end of a shorter month (31 Aug + 6 months = 28/29 Feb).
Date addMonths(const Date& date, int months);
Date addDays(const Date& date, int days);
// Whether a is an earlier day than b.
inline bool before(const Date& a, const Date& b) {
  return a < b;
}
// Whether a is a later day than b.
inline bool after(const Date& a, const Date& b) {
  return b < a;
}
// A year that runs across two calendar years, named by both: 2024 -> "2024/25" (financial and
// academic years).
std::string yearSpanning(int firstYear);

// Time comes from here, never from the system directly, so tests are deterministic.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
  Date today() const { return ukLocalDate(now()); }
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override;
};

// A clock that stands still until told to move; thread-safe.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(Timestamp start) : seconds_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp(std::chrono::seconds(seconds_.load())); }
  void set(Timestamp t) { seconds_.store(t.time_since_epoch().count()); }
  void advance(std::chrono::seconds by) { seconds_.fetch_add(by.count()); }

 private:
  std::atomic<long long> seconds_;
};

}  // namespace ycr
