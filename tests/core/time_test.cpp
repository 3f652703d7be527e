#include "ycr/core/time.h"

#include <boost/test/unit_test.hpp>

using namespace ycr;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(time_test)

BOOST_AUTO_TEST_CASE(iso_dates_are_strict_calendar_dates) {
  BOOST_TEST(parseIsoDate("2012-04-03").has_value());
  BOOST_TEST(parseIsoDate("2024-02-29").has_value());
  BOOST_TEST(!parseIsoDate("2023-02-29").has_value());
  BOOST_TEST(!parseIsoDate("2023-13-01").has_value());
  BOOST_TEST(!parseIsoDate("2023-4-3").has_value());
  BOOST_TEST(!parseIsoDate("3/4/2012").has_value());
  BOOST_TEST(!parseIsoDate("").has_value());
  BOOST_TEST(formatIsoDate(*parseIsoDate("2012-04-03")) == "2012-04-03");
}

BOOST_AUTO_TEST_CASE(timestamps_need_an_offset_and_round_trip) {
  auto t = parseIsoTimestamp("2023-12-22T09:30:00Z");
  BOOST_REQUIRE(t);
  BOOST_TEST(formatIsoTimestamp(*t) == "2023-12-22T09:30:00Z");
  auto t2 = parseIsoTimestamp("2023-12-22T10:30:00.123+01:00");
  BOOST_REQUIRE(t2);
  BOOST_TEST(formatIsoTimestamp(*t2) == "2023-12-22T09:30:00Z");
  BOOST_TEST(!parseIsoTimestamp("2023-12-22T09:30:00").has_value());
  BOOST_TEST(!parseIsoTimestamp("2023-12-22T25:30:00Z").has_value());
}

// The dates fuzz target's round-trip property (corpus/dates/offset_past_year_*): an offset that carries
// the instant out of the years 1000-9999 gave a timestamp whose text did not read back.
BOOST_AUTO_TEST_CASE(an_offset_cannot_carry_a_timestamp_out_of_four_digit_years) {
  BOOST_TEST(!parseIsoTimestamp("1000-01-01T00:00:00+01:00").has_value());
  BOOST_TEST(!parseIsoTimestamp("9999-12-31T23:30:00-01:00").has_value());
  auto first = parseIsoTimestamp("1000-01-01T01:00:00+01:00");
  BOOST_REQUIRE(first);
  BOOST_TEST(formatIsoTimestamp(*first) == "1000-01-01T00:00:00Z");
  auto last = parseIsoTimestamp("9999-12-31T23:30:00+01:00");
  BOOST_REQUIRE(last);
  BOOST_TEST((parseIsoTimestamp(formatIsoTimestamp(*last)) == last));
}

BOOST_AUTO_TEST_CASE(uk_local_date_follows_british_summer_time) {
  // 23:30 UTC on 30 June is 00:30 BST on 1 July.
  BOOST_TEST(formatIsoDate(ukLocalDate(*parseIsoTimestamp("2024-06-30T23:30:00Z"))) == "2024-07-01");
  // 23:30 UTC on 30 December is still 30 December in GMT.
  BOOST_TEST(formatIsoDate(ukLocalDate(*parseIsoTimestamp("2024-12-30T23:30:00Z"))) == "2024-12-30");
  // Clocks went forward at 01:00 UTC on 31 March 2024.
  BOOST_TEST(formatIsoDate(ukLocalDate(*parseIsoTimestamp("2024-03-31T00:59:59Z"))) == "2024-03-31");
  BOOST_TEST(formatIsoTimestamp(ukStartOfDay(*parseIsoDate("2024-07-01"))) == "2024-06-30T23:00:00Z");
  BOOST_TEST(formatIsoTimestamp(ukStartOfDay(*parseIsoDate("2024-01-01"))) == "2024-01-01T00:00:00Z");
}

BOOST_AUTO_TEST_CASE(ages_count_whole_years_and_leap_day_birthdays) {
  auto dob = *parseIsoDate("2008-02-29");
  BOOST_TEST(ageOn(dob, *parseIsoDate("2026-02-28")) == 17);
  BOOST_TEST(ageOn(dob, *parseIsoDate("2026-03-01")) == 18);
  BOOST_TEST(ageOn(dob, *parseIsoDate("2028-02-29")) == 20);
  BOOST_TEST(formatIsoDate(dateOfReachingAge(dob, 18)) == "2026-03-01");
  BOOST_TEST(ageOn(*parseIsoDate("2010-11-22"), *parseIsoDate("2026-11-22")) == 16);
  BOOST_TEST(ageOn(*parseIsoDate("2010-11-23"), *parseIsoDate("2026-11-22")) == 15);
}

BOOST_AUTO_TEST_CASE(adding_months_clamps_to_month_end) {
  BOOST_TEST(formatIsoDate(addMonths(*parseIsoDate("2023-08-31"), 6)) == "2024-02-29");
  BOOST_TEST(formatIsoDate(addMonths(*parseIsoDate("2023-01-15"), 6)) == "2023-07-15");
  BOOST_TEST(formatIsoDate(addDays(*parseIsoDate("2023-12-31"), 1)) == "2024-01-01");
}

BOOST_AUTO_TEST_CASE(fixed_clock_moves_only_when_told) {
  FixedClock clock(*parseIsoTimestamp("2023-12-22T09:00:00Z"));
  BOOST_TEST(formatIsoTimestamp(clock.now()) == "2023-12-22T09:00:00Z");
  clock.advance(hours(24));
  BOOST_TEST(formatIsoDate(clock.today()) == "2023-12-23");
}

BOOST_AUTO_TEST_SUITE_END()
