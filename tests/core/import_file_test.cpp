#include "ycr/core/import_file.h"

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <sstream>

#include "ycr/core/matching/linkage.h"

using namespace ycr;

namespace {

const Date kToday = *parseIsoDate("2024-09-01");

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ColumnMapping mapped(const CsvTable& t, const std::vector<std::string>& maps = {}) {
  auto m = mapColumns(t.header, maps, registerRequiredFields());
  BOOST_REQUIRE_MESSAGE(m, (m ? "" : m.error().detail));
  return m.value();
}

PreparedImportRow onlyRow(const std::string& csv) {
  auto t = parseCsv(csv);
  BOOST_REQUIRE(t);
  BOOST_REQUIRE_EQUAL(t->records.size(), 1u);
  return prepareImportRow(t->records[0], mapped(*t), kToday);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(import_file)

BOOST_AUTO_TEST_CASE(every_line_ending_a_bom_and_quoted_newlines_read_alike) {
  const std::string lf = "Ref,First name,Surname\n1,Amy,\"Smith, Jones\"\n2,\"Bo\nB\",\"O\"\"Neil\"\n";
  std::string crlf, cr;
  for (char c : lf) {
    crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    cr += c == '\n' ? '\r' : c;
  }
  for (const auto& text : {lf, crlf, cr, "\xEF\xBB\xBF" + lf}) {
    auto t = parseCsv(text);
    BOOST_REQUIRE(t);
    BOOST_TEST(t->header == (std::vector<std::string>{"Ref", "First name", "Surname"}),
               boost::test_tools::per_element());
    BOOST_REQUIRE_EQUAL(t->records.size(), 2u);
    BOOST_TEST(t->records[0].fields[2] == "Smith, Jones");
    BOOST_TEST(t->records[1].fields[2] == "O\"Neil");
    // The line break inside quotes is part of the name; the record starts on line 3.
    BOOST_TEST((t->records[1].fields[1] == "Bo\nB" || t->records[1].fields[1] == "Bo\r\nB" ||
                t->records[1].fields[1] == "Bo\rB"));
    BOOST_TEST(t->records[0].line == 2u);
    BOOST_TEST(t->records[1].line == 3u);
  }
}

BOOST_AUTO_TEST_CASE(lines_are_counted_past_comments_blank_lines_and_quoted_breaks) {
  auto t = parseCsv("# exported 2024\nid,forename,surname\n\n\"a\nb\",x,y\nc,d,e\n");
  BOOST_REQUIRE(t);
  BOOST_TEST(t->headerLine == 2u);
  BOOST_REQUIRE_EQUAL(t->records.size(), 2u);
  BOOST_TEST(t->records[0].line == 4u);
  BOOST_TEST(t->records[1].line == 6u);
  auto open = parseCsv("id,forename\n1,\"never closed\n2,x\n");
  BOOST_REQUIRE(!open);
  BOOST_TEST(open.error().detail.find("line 2") != std::string::npos);
  BOOST_TEST(!parseCsv(""));
}

BOOST_AUTO_TEST_CASE(common_headers_are_recognised_whatever_their_case_and_punctuation) {
  const std::vector<std::pair<std::string, ImportField>> cases = {
      {"First name", ImportField::given_name},
      {"FORENAME", ImportField::given_name},
      {"given_name", ImportField::given_name},
      {"Surname", ImportField::family_name},
      {"Last Name", ImportField::family_name},
      {"DOB", ImportField::date_of_birth},
      {"Date of birth", ImportField::date_of_birth},
      {"D.O.B.", ImportField::date_of_birth},
      {"Post code", ImportField::postcode},
      {"Post-Code", ImportField::postcode},
      {"School URN", ImportField::school_urn},
      {"Ref", ImportField::source_ref},
      {"ID", ImportField::source_ref},
      {"NHS No.", ImportField::nhs_number},
      {"Sex", ImportField::gender}};
  for (const auto& [header, field] : cases) {
    auto f = recogniseHeader(header);
    BOOST_TEST_CONTEXT(header) {
      BOOST_REQUIRE(f);
      BOOST_TEST(toString(*f) == toString(field));
    }
  }
  BOOST_TEST(!recogniseHeader("Favourite colour"));
  BOOST_TEST(!recogniseHeader("School"));  // a school's name is not its URN
}

BOOST_AUTO_TEST_CASE(map_options_override_recognition_and_errors_name_what_is_missing) {
  const std::vector<std::string> header = {"Child forename", "Surname", "Birthday", "Notes", "Ref"};
  auto missing = mapColumns(header, {}, registerRequiredFields());
  BOOST_REQUIRE(!missing);
  std::string fields;
  for (const auto& f : missing.error().fields) fields += f.field + " ";
  BOOST_TEST(fields == "given_name date_of_birth ");

  auto m =
      mapColumns(header, {"given_name=child forename", "date_of_birth=Birthday"}, registerRequiredFields());
  BOOST_REQUIRE(m);
  BOOST_TEST(*m->column(ImportField::given_name) == 0u);
  BOOST_TEST(*m->column(ImportField::family_name) == 1u);
  BOOST_TEST(*m->column(ImportField::date_of_birth) == 2u);
  BOOST_TEST(*m->column(ImportField::source_ref) == 4u);
  BOOST_TEST(m->ignored == std::vector<std::string>{"Notes"}, boost::test_tools::per_element());

  BOOST_TEST(!mapColumns(header, {"favourite=Notes"}));
  BOOST_TEST(!mapColumns(header, {"given_name=No such column"}));
  BOOST_TEST(!mapColumns(header, {"given_name"}));
  auto twice = mapColumns({"Ref", "ID", "Forename", "Surname", "DOB"}, {}, registerRequiredFields());
  BOOST_REQUIRE(!twice);
  BOOST_TEST(twice.error().fields.at(0).field == "source_ref");
  BOOST_TEST(
      mapColumns({"Ref", "ID", "Forename", "Surname", "DOB"}, {"source_ref=ID"}, registerRequiredFields())
          .ok());
}

BOOST_AUTO_TEST_CASE(each_date_form_gives_the_same_date_of_birth) {
  for (const char* dob : {"2012-04-03", "3/4/2012", "03/04/2012", "20120403", "03.04.2012", " 3/4/2012 "}) {
    auto row =
        onlyRow(std::string("forename,surname,dob,postcode\nMohammed,Al-Amin,\"") + dob + "\",LE2 7GH\n");
    BOOST_TEST_CONTEXT(dob) {
      BOOST_REQUIRE_MESSAGE(row.youngCarer, row.rejection);
      BOOST_TEST(formatIsoDate(row.youngCarer->dateOfBirth) == "2012-04-03");
      BOOST_TEST(row.flagged.empty());
    }
  }
  auto bad = onlyRow("forename,surname,dob\nAmy,Smith,31/31/2012\n");
  BOOST_TEST(!bad.youngCarer);
  BOOST_TEST(bad.rejection.find("date_of_birth") != std::string::npos);
  auto twoDigitYear = onlyRow("forename,surname,dob\nAmy,Smith,3/4/12\n");
  BOOST_TEST(!twoDigitYear.youngCarer);
}

BOOST_AUTO_TEST_CASE(a_bad_optional_field_is_left_empty_and_flagged) {
  auto row = onlyRow(
      "ref,forename,surname,dob,postcode,school urn,gender\nS1,Amy,Smith,2012-04-03,NOT A POSTCODE,12AB,F\n");
  BOOST_REQUIRE_MESSAGE(row.youngCarer, row.rejection);
  BOOST_TEST(row.sourceRef == "S1");
  BOOST_TEST(row.youngCarer->postcode == "");
  BOOST_TEST(row.youngCarer->schoolUrn == "");
  BOOST_TEST(row.youngCarer->gender == "girl");
  BOOST_REQUIRE_EQUAL(row.flagged.size(), 2u);
  BOOST_TEST(row.flagged[0].rfind("postcode: 'NOT A POSTCODE'", 0) == 0);
  BOOST_TEST(row.flagged[1].rfind("school_urn: '12AB'", 0) == 0);

  auto noPostcode = onlyRow("forename,surname,dob\nAmy,Smith,2012-04-03\n");
  BOOST_REQUIRE(noPostcode.youngCarer);
  BOOST_TEST(noPostcode.flagged == std::vector<std::string>{"postcode: missing"},
             boost::test_tools::per_element());
  BOOST_TEST(noPostcode.sourceRef == "line 2");

  auto normalised = onlyRow("forename,surname,dob,postcode\n  Amy ,Smith,2012-04-03,le27gh\n");
  BOOST_REQUIRE(normalised.youngCarer);
  BOOST_TEST(normalised.youngCarer->postcode == "LE2 7GH");
  BOOST_TEST(normalised.youngCarer->givenName == "Amy");
}

BOOST_AUTO_TEST_CASE(rows_without_what_the_register_requires_are_rejected_with_reasons) {
  auto noName = onlyRow("forename,surname,dob,postcode\n,Smith,2012-04-03,LE2 7GH\n");
  BOOST_TEST(!noName.youngCarer);
  BOOST_TEST(noName.rejection.rfind("given_name:", 0) == 0);
  auto noDob = onlyRow("forename,surname,dob\nAmy,Smith,\n");
  BOOST_TEST(!noDob.youngCarer);
  BOOST_TEST(noDob.rejection.rfind("date_of_birth:", 0) == 0);
  auto adult = onlyRow("forename,surname,dob\nAmy,Smith,1990-01-01\n");
  BOOST_TEST(!adult.youngCarer);
  BOOST_TEST(adult.rejection.rfind("date_of_birth:", 0) == 0);
  auto shifted = onlyRow("forename,surname,dob,postcode\nAmy,Smith,2012-04-03,12 High St, LE2 7GH\n");
  BOOST_TEST(!shifted.youngCarer);
  BOOST_TEST(shifted.rejection.find("5 fields where the header has 4") != std::string::npos);
  auto trailingComma = onlyRow("forename,surname,dob\nAmy,Smith,2012-04-03,\n");
  BOOST_TEST(trailingComma.youngCarer.has_value());
  auto empty = onlyRow("forename,surname,dob\n,,\n");
  BOOST_TEST(empty.rejection == "the row is empty");
}

BOOST_AUTO_TEST_CASE(the_linkage_files_read_as_the_linkage_parser_reads_them) {
  for (const char* name : {"school", "gp", "referrals"}) {
    const std::string text = slurp(std::string(YCR_SOURCE_DIR) + "/tests/data/linkage/" + name + ".csv");
    auto expected = matching::parseLinkageCsv(text);
    auto t = parseCsv(text);
    BOOST_REQUIRE(expected);
    BOOST_REQUIRE(t);
    auto m = mapped(*t);
    BOOST_REQUIRE_EQUAL(t->records.size(), expected->size());
    for (std::size_t i = 0; i < t->records.size(); ++i) {
      auto p = personRecordOf(t->records[i], m);
      const auto& e = (*expected)[i].record;
      BOOST_REQUIRE(p.givenName == e.givenName);
      BOOST_REQUIRE(p.familyName == e.familyName);
      BOOST_REQUIRE(p.dateOfBirth == e.dateOfBirth);
      BOOST_REQUIRE(p.postcode == e.postcode);
      BOOST_REQUIRE(p.schoolUrn == e.schoolUrn);
      BOOST_REQUIRE(p.address == e.address);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
