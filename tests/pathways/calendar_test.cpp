#include "ycr/pathways/calendar.h"

#include <boost/test/unit_test.hpp>
#include <set>

#include "support/dates.h"

using namespace ycr;
using namespace ycr::pathways;
using test_support::day;

namespace {

const WorkingDayCalendar& shipped() {
  static const WorkingDayCalendar calendar = [] {
    auto loaded = WorkingDayCalendar::loadFile(YCR_SOURCE_DIR "/pathways/data/bank-holidays.json");
    BOOST_REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().detail));
    return loaded.value();
  }();
  return calendar;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calendar_test)

struct DueCase {
  const char* why;
  const char* start;
  int n;
  bool dayZero;
  const char* due;
};

// Each checked by hand against a wall calendar and gov.uk's list.
const DueCase kDueCases[] = {
    {"Christmas 2023: 25 and 26 Dec are holidays", "2023-12-22", 1, true, "2023-12-27"},
    {"Easter 2024: Good Friday and Easter Monday", "2024-03-28", 1, true, "2024-04-02"},
    {"Christmas 2021 falls on a weekend: substitute days 27 and 28 Dec", "2021-12-24", 1, true, "2021-12-29"},
    {"New Year 2022 falls on a Saturday: substitute Monday 3 Jan", "2021-12-31", 1, true, "2022-01-04"},
    {"Christmas 2022 falls on a Sunday: Boxing Day 26, substitute 27 Dec", "2022-12-23", 1, true,
     "2022-12-28"},
    {"Coronation of King Charles III, Mon 8 May 2023", "2023-05-05", 1, true, "2023-05-09"},
    {"Early May 2023 and the coronation a week apart", "2023-04-28", 6, true, "2023-05-10"},
    {"State funeral of Queen Elizabeth II, Mon 19 Sep 2022", "2022-09-16", 1, true, "2022-09-20"},
    {"Platinum Jubilee: Thu 2 and Fri 3 June 2022", "2022-06-01", 1, true, "2022-06-06"},
    {"VE day 2020 moved the early May holiday to Fri 8 May", "2020-05-07", 1, true, "2020-05-11"},
    {"2020's first Monday in May was a working day", "2020-05-01", 1, true, "2020-05-04"},
    {"Received on a Saturday: day 1 is Monday", "2024-01-06", 1, true, "2024-01-08"},
    {"45 working days, no holidays: nine whole weeks", "2023-09-04", 45, true, "2023-11-06"},
    {"45 working days across Christmas and New Year", "2023-12-22", 45, true, "2024-02-28"},
    {"45 working days across Easter and Early May 2024", "2024-03-01", 45, true, "2024-05-08"},
    {"n = 0 is the day itself", "2023-12-23", 0, true, "2023-12-23"},
    {"day-1 convention: a working receipt day is day 1", "2023-12-22", 1, false, "2023-12-22"},
    {"day-1 convention: day 2 after the Christmas holidays", "2023-12-22", 2, false, "2023-12-27"},
    {"day-1 convention: received on a Saturday, day 1 is the next working day", "2023-12-23", 1, false,
     "2023-12-27"},
};

BOOST_AUTO_TEST_CASE(due_dates_skip_weekends_and_bank_holidays) {
  for (const auto& c : kDueCases) {
    BOOST_TEST_CONTEXT(c.why) {
      BOOST_TEST(formatIsoDate(shipped().addWorkingDays(day(c.start), c.n, c.dayZero)) == c.due);
    }
  }
}

BOOST_AUTO_TEST_CASE(working_days_between_is_the_inverse_of_adding) {
  BOOST_TEST(shipped().workingDaysBetween(day("2023-12-22"), day("2024-02-28")) == 45);
  BOOST_TEST(shipped().workingDaysBetween(day("2024-02-28"), day("2023-12-22")) == -45);
  BOOST_TEST(shipped().workingDaysBetween(day("2023-12-22"), day("2023-12-26")) == 0);
  BOOST_TEST(shipped().workingDaysBetween(day("2023-12-22"), day("2023-12-22")) == 0);
  for (const auto& c : kDueCases)
    if (c.dayZero) BOOST_TEST(shipped().workingDaysBetween(day(c.start), day(c.due)) == c.n, c.why);
}

BOOST_AUTO_TEST_CASE(bank_holidays_and_weekends_are_not_working_days) {
  for (const char* holiday :
       {"2018-03-30", "2019-04-22", "2020-05-08", "2021-05-31", "2022-06-03", "2022-09-19", "2023-05-08",
        "2024-08-26", "2025-04-18", "2026-12-28", "2027-12-28", "2027-03-26"})
    BOOST_TEST(!shipped().isWorkingDay(day(holiday)), holiday);
  for (const char* working : {"2020-05-04", "2022-05-30", "2023-12-27", "2024-01-02", "2025-12-29"})
    BOOST_TEST(shipped().isWorkingDay(day(working)), working);
  BOOST_TEST(!shipped().isWorkingDay(day("2024-01-06")));  // Saturday
  BOOST_TEST(!shipped().isWorkingDay(day("2024-01-07")));  // Sunday
}

BOOST_AUTO_TEST_CASE(the_shipped_file_covers_2018_to_2027_with_eight_holidays_a_year_plus_proclamations) {
  BOOST_TEST(formatIsoDate(*shipped().firstDateCovered()) == "2018-01-01");
  BOOST_TEST(formatIsoDate(*shipped().lastDateCovered()) == "2027-12-31");
  BOOST_TEST(shipped().covers(day("2023-06-01")));
  BOOST_TEST(!shipped().covers(day("2028-01-04")));
  std::map<int, int> perYear;
  for (const Date& h : shipped().bankHolidays()) {
    ++perYear[static_cast<int>(h.year())];
    std::chrono::weekday wd{std::chrono::sys_days(h)};
    BOOST_TEST((wd != std::chrono::Saturday && wd != std::chrono::Sunday), formatIsoDate(h)
                                                                               << " is a weekend");
  }
  for (int y = 2018; y <= 2027; ++y) {
    int expected = y == 2022 ? 10 : y == 2023 ? 9 : 8;  // jubilee and funeral; coronation
    BOOST_TEST(perYear[y] == expected, "bank holidays in " << y);
  }
  // Good Friday of every year, from the Easter Sundays the brief lists.
  for (const char* goodFriday : {"2018-03-30", "2019-04-19", "2020-04-10", "2021-04-02", "2022-04-15",
                                 "2023-04-07", "2024-03-29", "2025-04-18", "2026-04-03", "2027-03-26"})
    BOOST_TEST(shipped().isBankHoliday(day(goodFriday)), goodFriday);
}

BOOST_AUTO_TEST_CASE(beyond_the_data_only_weekends_count) {
  BOOST_TEST(formatIsoDate(shipped().addWorkingDays(day("2028-12-22"), 1)) == "2028-12-25");
}

BOOST_AUTO_TEST_CASE(gov_uk_json_is_read_by_division) {
  const std::string json = R"({
    "england-and-wales": {"division": "england-and-wales", "events": [
      {"title": "Christmas Day", "date": "2023-12-25", "notes": "", "bunting": true}]},
    "scotland": {"division": "scotland", "events": [
      {"title": "2nd January", "date": "2024-01-02", "notes": "", "bunting": true}]}})";
  auto ew = WorkingDayCalendar::fromGovUkJson(json);
  BOOST_REQUIRE(ew.ok());
  BOOST_TEST(ew->isBankHoliday(day("2023-12-25")));
  BOOST_TEST(!ew->isBankHoliday(day("2024-01-02")));
  auto scotland = WorkingDayCalendar::fromGovUkJson(json, "scotland");
  BOOST_REQUIRE(scotland.ok());
  BOOST_TEST(scotland->isBankHoliday(day("2024-01-02")));
}

BOOST_AUTO_TEST_CASE(malformed_files_are_errors_not_crashes) {
  const char* bad[] = {
      "",
      "not json",
      "[1, 2, 3]",
      "{}",
      R"({"england-and-wales": 7})",
      R"({"england-and-wales": {"events": {"date": "2023-12-25"}}})",
      R"({"england-and-wales": {"events": []}})",
      R"({"england-and-wales": {"events": [7]}})",
      R"({"england-and-wales": {"events": [{"title": "no date"}]}})",
      R"({"england-and-wales": {"events": [{"date": 20231225}]}})",
      R"({"england-and-wales": {"events": [{"date": "2023-02-30"}]}})",
      R"({"england-and-wales": {"events": [{"date": "25/12/2023"}]}})",
      R"({"england-and-wales": {"events": [{"date": "2023-12-25"})",
  };
  for (const char* text : bad) {
    auto result = WorkingDayCalendar::fromGovUkJson(text);
    BOOST_TEST(!result.ok(), "accepted: " << text);
    if (!result.ok()) BOOST_TEST((result.error().code == ErrorCode::malformed), text);
  }
  auto missing = WorkingDayCalendar::loadFile("/nonexistent/bank-holidays.json");
  BOOST_TEST(!missing.ok());
}

BOOST_AUTO_TEST_SUITE_END()
