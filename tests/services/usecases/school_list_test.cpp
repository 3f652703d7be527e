#include "ycr/services/school_list.h"

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "support/files.h"
#include "ycr/services/config.h"

using namespace ycr;
using namespace ycr::services;
using test_support::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kPath = "/srv/ycr/schools.csv";

// The error detail for a list that must be refused.
std::string refusal(const std::string& text) {
  auto list = parseSchoolList(text, kPath);
  BOOST_REQUIRE_MESSAGE(!list, "accepted: " + text);
  return list.error().detail;
}

bool mentions(const std::string& detail, const std::string& part) {
  BOOST_TEST_MESSAGE(detail);
  return detail.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(school_list_test)

BOOST_AUTO_TEST_CASE(a_list_is_read_as_spreadsheets_save_it) {
  // Byte order mark, CRLF, headers in any case and order, quoted fields, other columns ignored.
  auto list = parseSchoolList(
      "\xEF\xBB\xBF"
      "LA,Name,URN\r\n"
      "855,\"St Mary's C of E (VA) Primary, Loughborough\",120345\r\n"
      "855,\"Zoë \"\"Heights\"\" Academy\", 137001 \r\n",
      kPath);
  BOOST_REQUIRE(static_cast<bool>(list));
  BOOST_REQUIRE_EQUAL(list->schools.size(), 2u);
  BOOST_TEST(list->schools[0].urn == "120345");
  BOOST_TEST(list->schools[0].name == "St Mary's C of E (VA) Primary, Loughborough");
  BOOST_TEST(list->schools[0].line == 2u);
  BOOST_TEST(list->schools[1].urn == "137001");  // spaces round a URN are a spreadsheet's, not the URN's
  BOOST_TEST(list->schools[1].name == "Zoë \"Heights\" Academy");
  BOOST_TEST(list->schools[1].line == 3u);
  // LF endings and blank lines read alike.
  auto lf = parseSchoolList("urn,name\n\n100001,Oak Academy\n", kPath);
  BOOST_REQUIRE(static_cast<bool>(lf));
  BOOST_TEST(lf->schools.size() == 1u);
  BOOST_TEST(lf->schools[0].line == 3u);
}

BOOST_AUTO_TEST_CASE(a_missing_column_is_refused_naming_the_header_line) {
  BOOST_TEST(mentions(refusal("urn,school\n100001,Oak Academy\n"),
                      kPath + ":1: the header must have columns urn and "
                              "name; missing name"));
  BOOST_TEST(mentions(refusal("# exported from GIAS\nid,name\n100001,Oak Academy\n"), kPath + ":2:"));
  BOOST_TEST(mentions(refusal("# exported from GIAS\nid,name\n100001,Oak Academy\n"), "missing urn"));
  BOOST_TEST(mentions(refusal("a,b\n1,2\n"), "missing both"));
  BOOST_TEST(mentions(refusal(""), kPath + ": the file has no header row"));
}

BOOST_AUTO_TEST_CASE(a_malformed_or_repeated_urn_is_refused_naming_its_line) {
  BOOST_TEST(
      mentions(refusal("urn,name\n100001,Oak Academy\n10002,Elm Primary\n"), kPath + ":3: the URN '10002'"));
  BOOST_TEST(mentions(refusal("urn,name\r\n100001,Oak Academy\r\nURN-3,Ash\r\n"), kPath + ":3:"));
  BOOST_TEST(mentions(refusal("urn,name\n100001,Oak Academy\n,Ash College\n"), kPath + ":3: the URN ''"));
  const auto twice = refusal("urn,name\n100001,Oak Academy\n100002,Elm\n100001,Oak Academy (again)\n");
  BOOST_TEST(mentions(twice, kPath + ":4: the URN 100001 is listed twice (first on line 2)"));
}

BOOST_AUTO_TEST_CASE(a_school_without_a_name_or_a_broken_file_is_refused) {
  BOOST_TEST(
      mentions(refusal("urn,name\n100001,Oak Academy\n100002,  \n"), kPath + ":3: the school with URN 100002 "
                                                                             "needs a name"));
  BOOST_TEST(mentions(refusal("urn,name\n100001\n"), kPath + ":2: the school with URN 100001 needs a name"));
  // A quote left open swallows the rest of the file; the line it opened on is named.
  BOOST_TEST(
      mentions(refusal("urn,name\n100001,Oak Academy\n100002,\"Elm Primary\n100003,Ash\n"), kPath + ":3:"));
  BOOST_TEST(mentions(refusal("urn,name\n"), kPath + ": the file lists no schools"));
  BOOST_TEST(mentions(refusal("urn,name\n100001,Caf\xE9\n"), kPath + ": the file is not UTF-8 text"));
}

BOOST_AUTO_TEST_CASE(an_unreadable_file_is_refused_naming_it) {
  TempDir dir("school-list");
  const std::string missing = (dir.path / "no-such.csv").string();
  auto gone = loadSchoolList(missing);
  BOOST_REQUIRE(!gone);
  BOOST_TEST(mentions(gone.error().detail,
                      "schools_file " + missing + ": cannot read the file: there is no such file"));
  auto folder = loadSchoolList(dir.path.string());
  BOOST_REQUIRE(!folder);
  BOOST_TEST(mentions(folder.error().detail, "cannot read the file"));
  auto read = loadSchoolList(dir.write("schools.csv", "urn,name\n100001,Oak Academy\n"));
  BOOST_REQUIRE(static_cast<bool>(read));
  BOOST_TEST(read->schools.at(0).name == "Oak Academy");
}

BOOST_AUTO_TEST_CASE(the_setting_names_a_list_that_excludes_schools_total) {
  TempDir dir("school-list");
  Config c;
  auto none = configuredSchools(c);
  BOOST_REQUIRE(static_cast<bool>(none));
  BOOST_TEST(none->empty());
  BOOST_REQUIRE(
      static_cast<bool>(c.set("schools_file", dir.write("s.csv", "urn,name\n100002,Elm\n100001,Oak\n"))));
  auto listed = configuredSchools(c);
  BOOST_REQUIRE(static_cast<bool>(listed));
  BOOST_REQUIRE_EQUAL(listed->size(), 2u);
  BOOST_TEST(listed->at(0).urn == "100002");
  BOOST_TEST(listed->at(0).name == "Elm");
  BOOST_TEST(listed->at(1).urn == "100001");
  BOOST_REQUIRE(static_cast<bool>(c.set("schools_total", "40")));
  auto both = configuredSchools(c);
  BOOST_REQUIRE(!both);
  BOOST_TEST(mentions(both.error().detail, "Set schools_file or schools_total, not both"));
  // The setting is read from a configuration file like any other.
  Config fromFile;
  const std::string list = dir.write("area.csv", "urn,name\n100001,Oak\n");
  BOOST_REQUIRE(
      static_cast<bool>(loadConfigFile(fromFile, dir.write("ycr.conf", "schools_file = " + list + "\n"))));
  BOOST_TEST(fromFile.schoolsFile == list);
}

BOOST_AUTO_TEST_CASE(secondary_schools_are_told_apart_by_their_phase) {
  // Get Information About Schools' own column names, and its phases.
  auto list = parseSchoolList(
      "URN,EstablishmentName,PhaseOfEducation (name)\n"
      "100001,Oak Academy,Secondary\n100002,Elm Primary,Primary\n100003,Ash School,All-through\n"
      "100004,Birch Middle,Middle deemed secondary\n100005,Yew Sixth Form,16 plus\n100006,Fir,\n",
      kPath);
  BOOST_REQUIRE(static_cast<bool>(list));
  BOOST_TEST(list->hasPhase);
  std::vector<bool> secondary;
  for (const auto& s : list->schools) secondary.push_back(s.secondary);
  BOOST_TEST(secondary == (std::vector<bool>{true, false, true, true, false, false}),
             boost::test_tools::per_element());
  BOOST_TEST(list->schools[0].name == "Oak Academy");
  BOOST_TEST(list->schools[4].phase == "16 plus");
  BOOST_TEST(!parseSchoolList("urn,name\n100001,Oak\n", kPath)->hasPhase);

  TempDir dir("school-list");
  Config c;
  BOOST_REQUIRE(static_cast<bool>(c.set("champion_schools", "secondary")));
  BOOST_TEST(!static_cast<bool>(c.set("champion_schools", "primary")));
  auto none = configuredSchools(c);  // no list: the register cannot tell
  BOOST_REQUIRE(!none);
  BOOST_TEST(mentions(none.error().detail, "champion_schools = secondary needs schools_file"));
  BOOST_REQUIRE(static_cast<bool>(
      c.set("schools_file",
            dir.write("phases.csv", "urn,name,phase\n100001,Oak,Secondary\n100002,Elm,Primary\n"))));
  auto listed = configuredSchools(c);
  BOOST_REQUIRE(static_cast<bool>(listed));
  BOOST_REQUIRE_EQUAL(listed->size(), 1u);
  BOOST_TEST(listed->at(0).name == "Oak");
  BOOST_REQUIRE(
      static_cast<bool>(c.set("schools_file", dir.write("no-phase.csv", "urn,name\n100001,Oak\n"))));
  BOOST_TEST(mentions(configuredSchools(c).error().detail, "needs a phase column"));
  BOOST_REQUIRE(static_cast<bool>(
      c.set("schools_file", dir.write("primary.csv", "urn,name,phase\n100002,Elm,Primary\n"))));
  BOOST_TEST(mentions(configuredSchools(c).error().detail, "lists no Secondary"));
}

BOOST_AUTO_TEST_SUITE_END()
