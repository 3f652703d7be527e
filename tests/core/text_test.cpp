// Text utilities: CSV cells made inert for spreadsheets (core/src/text.cpp).

#include "ycr/core/text.h"

#include <boost/test/unit_test.hpp>

using ycr::text::csvCell;

BOOST_AUTO_TEST_SUITE(text_test)

BOOST_AUTO_TEST_CASE(a_cell_that_a_spreadsheet_would_read_as_a_formula_gets_a_leading_quote) {
  BOOST_TEST(csvCell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  BOOST_TEST(csvCell("=1+2") == "'=1+2");
  BOOST_TEST(csvCell("+44 116") == "'+44 116");
  BOOST_TEST(csvCell("-2") == "'-2");
  BOOST_TEST(csvCell("@SUM(A1)") == "'@SUM(A1)");
  BOOST_TEST(csvCell("\tcmd") == "'\tcmd");
  BOOST_TEST(csvCell("\rcmd") == "\"'\rcmd\"");
}

BOOST_AUTO_TEST_CASE(other_cells_are_quoted_only_when_rfc_4180_needs_it) {
  BOOST_TEST(csvCell("") == "");
  BOOST_TEST(csvCell("Zoë O'Brien") == "Zoë O'Brien");
  BOOST_TEST(csvCell("a=b") == "a=b");
  BOOST_TEST(csvCell("Leicester, East") == "\"Leicester, East\"");
  BOOST_TEST(csvCell("two\nlines") == "\"two\nlines\"");
  BOOST_TEST(csvCell("say \"hi\"") == "\"say \"\"hi\"\"\"");
}

BOOST_AUTO_TEST_SUITE_END()
