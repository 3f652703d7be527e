#include "ycr/core/survey.h"

#include <boost/test/unit_test.hpp>

using namespace ycr;

BOOST_AUTO_TEST_SUITE(survey)

BOOST_AUTO_TEST_CASE(financial_years_run_from_april_to_march) {
  BOOST_TEST(financialYearOf(*parseIsoDate("2026-04-01")) == "2026/27");
  BOOST_TEST(financialYearOf(*parseIsoDate("2026-03-31")) == "2025/26");
  BOOST_TEST(financialYearOf(*parseIsoDate("1999-12-31")) == "1999/00");
  BOOST_TEST(isFinancialYear("2025/26"));
  BOOST_TEST(isFinancialYear("1999/00"));
  BOOST_TEST(!isFinancialYear("2025/27"));
  BOOST_TEST(!isFinancialYear("2025-26"));
  BOOST_TEST(!isFinancialYear("2025"));
  BOOST_TEST(formatIsoDate(financialYearStart("2025/26")) == "2025-04-01");
  BOOST_TEST(formatIsoDate(financialYearEnd("2025/26")) == "2026-03-31");
}

BOOST_AUTO_TEST_SUITE_END()
