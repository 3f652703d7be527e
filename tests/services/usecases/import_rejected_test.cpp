// A row the import rejects is not lost: the report names who on the register it may be (issue 20).

#include "usecases/import_fixture.h"

using namespace ycr;
using namespace ycr::services;

BOOST_FIXTURE_TEST_SUITE(bulk_import_rejected_rows, test_support::ImportFixture)

BOOST_AUTO_TEST_CASE(a_row_missing_its_date_of_birth_names_the_records_it_may_be) {
  // Issue 20: a row that lacks a required field is rejected (the register cannot hold it), but not
  // lost: the report names the children on the register it may be about, so a person can add what
  // is missing there, or correct the row and import it again.
  const Id amelia = registered("Amelia", "Hughes", "2011-05-14", "LE3 6FQ");
  auto s = import(
      "Ref,First name,Surname,DOB,Post code\n"
      "G1,Amelia,Hughes,,LE3 6FQ\n"
      "G2,Zebedee,Quill,,TA1 1AA\n"
      "G3,Amelia,,14/05/2011,LE3 6FQ\n",
      "gp");
  BOOST_REQUIRE_EQUAL(s.rows.size(), 3u);
  for (const auto& r : s.rows) BOOST_TEST(toString(r.outcome) == "rejected");
  BOOST_TEST(s.rows[0].mayBe == std::vector<Id>{amelia}, boost::test_tools::per_element());
  BOOST_TEST(s.rows[0].reason.find("date_of_birth") != std::string::npos);
  BOOST_TEST(s.rows[0].reason.find("may be young carer " + std::to_string(amelia)) != std::string::npos);
  BOOST_TEST(s.rows[1].mayBe.empty());
  BOOST_TEST(s.rows[1].reason.find("may be") == std::string::npos);
  BOOST_TEST(s.rows[2].mayBe == std::vector<Id>{amelia}, boost::test_tools::per_element());
  auto report = parseCsv(formatImportReport(s.rows));
  BOOST_REQUIRE(report);
  BOOST_TEST(report->header.back() == "may_be");
  BOOST_TEST(report->records[0].fields.back() == std::to_string(amelia));
  BOOST_TEST(report->records[1].fields.back() == "");
  // Corrected and imported again, the row is about Amelia: nothing new is created.
  auto again = import("Ref,First name,Surname,DOB,Post code\nG1,Amelia,Hughes,14/05/2011,LE3 6FQ\n", "gp");
  BOOST_TEST(toString(again.rows[0].outcome) == "linked");
  BOOST_CHECK(again.rows[0].youngCarerId == std::optional<Id>(amelia));
  BOOST_TEST(count("young_carers") == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
