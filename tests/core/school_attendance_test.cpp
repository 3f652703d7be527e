#include "ycr/core/school_attendance.h"

#include <boost/test/unit_test.hpp>

#include "support/dates.h"

using namespace ycr;
using test_support::day;

namespace {
TermAttendance record(Id id, const char* year, Term term, int missed) {
  TermAttendance a;
  a.id = id;
  a.academicYear = year;
  a.term = term;
  a.sessionsPossible = 120;
  a.sessionsMissed = missed;
  return a;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(school_attendance_test)

// England's cut-off: children born 1 September to 31 August are one year group, Reception in the
// academic year that starts when they are 4.
BOOST_AUTO_TEST_CASE(the_year_group_follows_the_first_of_september_cut_off) {
  // 2026/27: born 1 Sep 2021 to 31 Aug 2022 are in Reception.
  BOOST_TEST(yearGroupOn(day("2021-09-01"), day("2026-09-01")).value_or(-1) == 0);
  BOOST_TEST(yearGroupOn(day("2022-08-31"), day("2026-09-01")).value_or(-1) == 0);
  BOOST_TEST(yearGroupOn(day("2021-08-31"), day("2026-09-01")).value_or(-1) == 1);
  // Still Reception the following July, Year 1 from 1 September.
  BOOST_TEST(yearGroupOn(day("2022-08-31"), day("2027-07-20")).value_or(-1) == 0);
  BOOST_TEST(yearGroupOn(day("2022-08-31"), day("2027-09-01")).value_or(-1) == 1);
  // A child born 3 April 2012 is in Year 8 on 2 June 2025 and Year 9 that September.
  BOOST_TEST(yearGroupOn(day("2012-04-03"), day("2025-06-02")).value_or(-1) == 8);
  BOOST_TEST(yearGroupOn(day("2012-04-03"), day("2025-09-01")).value_or(-1) == 9);
  BOOST_TEST(yearGroupOn(day("2008-02-29"), day("2025-06-02")).value_or(-1) == 12);
  BOOST_TEST(yearGroupOn(day("2006-09-01"), day("2025-06-02")).value_or(-1) == 13);
  // Before Reception and after Year 13: no year group.
  BOOST_TEST(!yearGroupOn(day("2022-09-01"), day("2026-09-01")).has_value());
  BOOST_TEST(!yearGroupOn(day("2006-08-31"), day("2025-06-02")).has_value());
  BOOST_TEST(!yearGroupOn(day("2026-01-01"), day("2025-06-02")).has_value());
  BOOST_TEST(yearGroupName(0) == "Reception");
  BOOST_TEST(yearGroupName(7) == "Year 7");
}

BOOST_AUTO_TEST_CASE(academic_years_and_terms_are_written_as_schools_write_them) {
  BOOST_TEST(academicYearOf(day("2026-09-01")) == "2026/27");
  BOOST_TEST(academicYearOf(day("2026-08-31")) == "2025/26");
  BOOST_TEST(academicYearOf(day("2099-12-01")) == "2099/00");
  BOOST_TEST(isAcademicYear("2026/27"));
  BOOST_TEST(isAcademicYear("2099/00"));
  BOOST_TEST(!isAcademicYear("2026/28"));
  BOOST_TEST(!isAcademicYear("2026-27"));
  BOOST_TEST(!isAcademicYear("26/27"));
  BOOST_TEST(!isAcademicYear("2026/2027"));
  BOOST_TEST(!isAcademicYear("1999/00"));
  BOOST_TEST(academicYearBefore("2026/27") == "2025/26");
  BOOST_TEST(academicYearBefore("2000/01") == "1999/00");
  BOOST_TEST(academicYearBefore("nonsense").empty());
  BOOST_TEST(toString(termOf(day("2026-09-01"))) == "autumn");
  BOOST_TEST(toString(termOf(day("2026-12-31"))) == "autumn");
  BOOST_TEST(toString(termOf(day("2027-01-04"))) == "spring");
  BOOST_TEST(toString(termOf(day("2027-03-31"))) == "spring");
  BOOST_TEST(toString(termOf(day("2027-04-01"))) == "summer");
  BOOST_TEST(toString(termOf(day("2027-08-31"))) == "summer");
}

// A later record for a term corrects the earlier; terms come newest first.
BOOST_AUTO_TEST_CASE(the_latest_record_for_each_term_is_in_force) {
  auto terms = currentTerms({record(1, "2025/26", Term::autumn, 10), record(2, "2025/26", Term::spring, 4),
                             record(3, "2025/26", Term::autumn, 12), record(4, "2024/25", Term::summer, 2)});
  BOOST_REQUIRE_EQUAL(terms.size(), 3u);
  BOOST_TEST(terms[0].id == 2);
  BOOST_TEST(terms[1].id == 3);
  BOOST_TEST(terms[1].sessionsMissed == 12);
  BOOST_TEST(terms[2].id == 4);
  BOOST_TEST(currentTerms({}).empty());
}

// A term is counted in the period holding its last day, as termOf divides the year.
BOOST_AUTO_TEST_CASE(a_term_ends_on_the_last_day_termOf_gives_it) {
  BOOST_TEST(formatIsoDate(*termEndDay("2025/26", Term::autumn)) == "2025-12-31");
  BOOST_TEST(formatIsoDate(*termEndDay("2025/26", Term::spring)) == "2026-03-31");
  BOOST_TEST(formatIsoDate(*termEndDay("2025/26", Term::summer)) == "2026-08-31");
  for (Term t : {Term::autumn, Term::spring, Term::summer})
    BOOST_TEST((termOf(*termEndDay("2025/26", t)) == t));
  BOOST_TEST(!termEndDay("2025/27", Term::autumn));
}

namespace {
TermAttendance caring(Id youngCarer, const char* year, Term term, int possible, int forCaring) {
  TermAttendance a = record(0, year, term, forCaring);
  a.youngCarerId = youngCarer;
  a.sessionsPossible = possible;
  a.missedForCaring = forCaring;
  return a;
}
}  // namespace

// Each later term is measured against the first term with sessions, by share, not by count.
BOOST_AUTO_TEST_CASE(absence_for_caring_is_measured_against_the_first_recorded_term_by_share) {
  const auto measures = caringAbsenceMeasures({
      // Given out of order: the baseline is still autumn 2024/25 (10 of 140).
      caring(1, "2025/26", Term::autumn, 140, 4),   // 4/140 < 10/140: reduced
      caring(1, "2024/25", Term::autumn, 140, 10),  // the baseline
      caring(1, "2024/25", Term::spring, 70, 5),    // 5/70 = 10/140: the same share, not reduced
      caring(1, "2024/25", Term::summer, 100, 8),   // 8/100 > 10/140
      // A first term with no sessions possible (not on roll yet) is no baseline.
      caring(2, "2024/25", Term::autumn, 0, 0),
      caring(2, "2024/25", Term::spring, 110, 6),  // the baseline
      caring(2, "2024/25", Term::summer, 0, 0),    // no sessions: not measured
      caring(2, "2025/26", Term::autumn, 140, 0),  // reduced to none
      // Nothing missed for caring at the baseline: nothing to reduce, no measure at all.
      caring(3, "2024/25", Term::autumn, 140, 0),
      caring(3, "2024/25", Term::spring, 110, 9),
      // One term only: no measure.
      caring(4, "2024/25", Term::autumn, 140, 12),
  });
  BOOST_REQUIRE_EQUAL(measures.size(), 4u);
  auto is = [&](std::size_t i, Id youngCarer, const char* end, bool reduced) {
    BOOST_TEST_CONTEXT(i) {
      BOOST_TEST(measures[i].youngCarerId == youngCarer);
      BOOST_TEST(formatIsoDate(measures[i].termEnd) == end);
      BOOST_TEST(measures[i].reduced == reduced);
    }
  };
  is(0, 1, "2025-03-31", false);
  is(1, 1, "2025-08-31", false);
  is(2, 1, "2025-12-31", true);
  is(3, 2, "2025-12-31", true);
}

BOOST_AUTO_TEST_SUITE_END()
