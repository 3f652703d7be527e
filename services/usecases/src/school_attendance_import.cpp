// A school's CSV of termly attendance (SchoolAttendance::importCsv in school_attendance.h): matched only
// against the school's young carers who agreed to share with it, never guessed, never a new young carer.

#include <functional>
#include <map>
#include <tuple>
#include <variant>

#include "ycr/core/import_file.h"
#include "ycr/core/matching/normalise.h"
#include "ycr/core/validation.h"
#include "ycr/services/school_attendance.h"

namespace ycr::services {
namespace {

struct Columns {
  std::size_t given, family, dob, term, year, possible, missed, caring;
};

// The header's columns, by the names the file is asked to use ("Given name", "given_name", ...).
Result<Columns> columnsOf(const std::vector<std::string>& header) {
  const std::vector<std::pair<const char*, std::size_t Columns::*>> wanted = {
      {"given name", &Columns::given},       {"family name", &Columns::family},
      {"date of birth", &Columns::dob},      {"term", &Columns::term},
      {"academic year", &Columns::year},     {"sessions possible", &Columns::possible},
      {"sessions missed", &Columns::missed}, {"missed because of caring", &Columns::caring}};
  Columns c{};
  std::string missing;
  for (const auto& [name, member] : wanted) {
    if (auto at = findColumn(header, name))
      c.*member = *at;
    else
      missing += std::string(missing.empty() ? "" : ", ") + name;
  }
  if (!missing.empty())
    return DomainError::field("csv", "missing_columns",
                              "The file's first row must name the columns: missing " + missing);
  return c;
}

std::optional<long long> wholeNumberText(const std::string& text) {
  auto t = validation::trim(text);
  if (t.empty() || t.size() > 6) return std::nullopt;
  if (t[0] == '-' ? t.find_first_not_of("0123456789", 1) != std::string::npos || t.size() == 1
                  : t.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(t);
}

std::string key(const std::string& given, const std::string& family, const Date& dob) {
  return matching::foldName(given) + "|" + matching::foldName(family) + "|" + formatIsoDate(dob);
}

std::string firstProblem(const DomainError& e) {
  return e.fields.empty() ? e.detail : e.fields.front().message;
}

// One file's import in one transaction: the school's young carers to match against, and the report so far.
struct ImportRun {
  Transaction& tx;
  const Principal& who;
  Date today{};
  Timestamp now{};
  std::multimap<std::string, Id> known;                           // folded names and birthday -> young carer
  std::map<std::tuple<Id, std::string, Term>, std::size_t> seen;  // the row that gave each term
  AttendanceImportReport report;

  // The young carer a row names, or why it names none.
  std::variant<Id, std::string> match(const Columns& c,
                                      const std::function<std::string(std::size_t)>& field) const {
    auto dob = matching::parseFlexibleDate(field(c.dob));
    if (!dob || field(c.given).empty() || field(c.family).empty())
      return std::string("It needs a given name, a family name and a date of birth");
    auto [from, to] = known.equal_range(key(field(c.given), field(c.family), *dob));
    const auto matches = std::distance(from, to);
    if (matches == 0)
      return std::string("It matches none of your young carers who agreed to share with your school");
    if (matches > 1)
      return std::string("It matches more than one of your young carers: record it on their own pages");
    return from->second;
  }

  // Records one row; the value is why it was not recorded (empty when it was, or said nothing new).
  Result<std::string> row(const CsvRecord& record, const Columns& c) {
    auto field = [&](std::size_t column) {
      return column < record.fields.size() ? validation::trim(record.fields[column]) : std::string();
    };
    for (auto [column, name] :
         {std::pair{c.possible, "sessions possible"}, std::pair{c.missed, "sessions missed"},
          std::pair{c.caring, "missed because of caring"}})
      if (!field(column).empty() && !wholeNumberText(field(column)))
        return std::string(name) + " must be a whole number";
    AttendanceInput in{field(c.year), matching::foldName(field(c.term)), wholeNumberText(field(c.possible)),
                       wholeNumberText(field(c.missed)), wholeNumberText(field(c.caring))};
    auto figures = readTermAttendance(in, today);
    if (!figures) return firstProblem(figures.error());
    auto matched = match(c, field);
    if (auto* why = std::get_if<std::string>(&matched)) return *why;
    const Id youngCarerId = std::get<Id>(matched);
    auto [it, first] =
        seen.emplace(std::make_tuple(youngCarerId, figures->academicYear, figures->term), record.line);
    if (!first) return "The same young carer and term as row " + std::to_string(it->second);
    for (const auto& t : currentTerms(tx.schoolAttendance().forYoungCarer(youngCarerId)))
      if (t.academicYear == figures->academicYear && t.term == figures->term &&
          t.sessionsPossible == figures->sessionsPossible && t.sessionsMissed == figures->sessionsMissed &&
          t.missedForCaring == figures->missedForCaring) {
        ++report.unchanged;
        return std::string();
      }
    figures->youngCarerId = youngCarerId;
    figures->source = AttendanceSource::imported;
    figures->recordedBy = who.userId;
    figures->recordedByOrganisation = who.organisationId;
    figures->recordedAt = now;
    auto added = addTermAttendance(tx, *figures);
    if (!added) return added.error();
    ++(added->corrects ? report.corrected : report.recorded);
    auto e = auditEventFor(who, now, "school_attendance.record", "young_carer", std::to_string(youngCarerId));
    e.detail = added->academicYear + " " + std::string(toString(added->term)) + " imported by the school" +
               (added->corrects ? " correcting record " + std::to_string(*added->corrects) : "");
    if (auto s = tx.audit().append(e); !s) return s.error();
    return std::string();
  }
};

}  // namespace

Result<AttendanceImportReport> SchoolAttendance::importCsv(const Principal& who, std::string_view csv) {
  if (who.role != Role::referrer || who.organisationKind != OrganisationKind::school)
    return DomainError::forbidden("Only a school's own staff import its attendance");
  if (!validation::isValidUtf8(csv))
    return DomainError::field("csv", "not_utf8",
                              "The file is not UTF-8 text: save it as \"CSV UTF-8\" and send it again");
  auto table = parseCsv(csv);
  if (!table) return DomainError::field("csv", "invalid_csv", table.error().detail);
  auto columns = columnsOf(table->header);
  if (!columns) return columns.error();
  if (table->records.size() > kMaxImportRows)
    return DomainError::field("csv", "too_many_rows",
                              "A file has at most " + std::to_string(kMaxImportRows) + " rows: split it");
  auto tx = store_.begin(true);
  auto school = tx->organisations().findById(who.organisationId);
  if (!school || !school->active || school->identifier.empty())
    return DomainError::conflict(
        "Your school has no URN on the register: ask the young carers service's administrator to add it");
  ImportRun run{*tx, who, clock_.today(), clock_.now(), {}, {}, {}};
  for (Id id : tx->consents().agreedAtSchool(school->identifier)) {
    auto y = tx->youngCarers().findById(id);
    if (y && schoolMaySee(*tx, who, *y))
      run.known.emplace(key(y->givenName, y->familyName, y->dateOfBirth), id);
  }
  for (const auto& record : table->records) {
    ++run.report.rows;
    auto why = run.row(record, *columns);
    if (!why) return why.error();
    if (!why->empty()) run.report.problems.push_back({record.line, *why});
  }
  const auto& r = run.report;
  auto e = auditEventFor(who, run.now, "school_attendance.import", "organisation",
                         std::to_string(who.organisationId));
  e.detail = std::to_string(r.rows) + " rows: " + std::to_string(r.recorded) + " recorded, " +
             std::to_string(r.corrected) + " corrected, " + std::to_string(r.unchanged) + " unchanged, " +
             std::to_string(r.problems.size()) + " not recorded";
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return run.report;
}

}  // namespace ycr::services
