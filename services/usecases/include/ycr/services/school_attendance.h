#pragma once
// School and education (issue 27 item 2): a young carer's year group, and their attendance each term
// with the absences put down to caring.
//
// - The year group is derived from the date of birth (England's 1 September cut-off) and shown, never
//   stored: the date of birth is already on the record, and a stored year would go stale every
//   September. A child taught out of their year group is the school's to know.
// - Termly attendance is recorded by the young carer's case staff, or by the staff of the school at the
//   young carer's URN (referrer accounts of a school organisation) while the young person has agreed to
//   share with their school; nothing recorded is not a yes (consents.h). To anyone else the record does
//   not exist.
// - One record per term is in force: a second record for the same term corrects the first, which is kept
//   with who said it and when (the history is shown beside the figures).
// Each record and each read is audited; neither the figures nor the names go into the audit detail.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/core/school_attendance.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct CaseView;

struct AttendanceInput {
  std::optional<std::string> academicYear, term;
  std::optional<long long> sessionsPossible, sessionsMissed, missedForCaring;
};

struct SchoolAttendanceView {
  Id youngCarerId = 0;
  std::string name;                     // as staff know them: preferred (or given) and family name
  std::string schoolUrn;                // where the register says they go, or empty
  std::optional<int> yearGroup;         // by age today (yearGroupOn)
  std::vector<TermAttendance> terms;    // in force, newest term first
  std::vector<TermAttendance> history;  // every record, oldest first
  bool corrected = false;               // the record just made corrected an earlier one
};

// The figures of one record, checked: a real academic year no later than this one, a term, and whole
// numbers with caring <= missed <= possible <= kMaxSessions. Field errors name the API's fields.
Result<TermAttendance> readTermAttendance(const AttendanceInput& input, const Date& today);
// Adds the record, naming the term's record in force (if any) as the one it corrects.
Result<TermAttendance> addTermAttendance(Transaction& tx, TermAttendance record);
// Whether the caller is the staff of the school the young carer goes to, and the young person has agreed
// to share with it, with their case open: the school's own rule for seeing and recording them.
bool schoolMaySee(Transaction& tx, const Principal& who, const YoungCarer& youngCarer);
// The spring school census young carer indicator (codeset CS118: N not declared, P identified by parent or
// guardian, S identified by the school) as far as the register can vouch for it from how the young carer
// came to the service: S when a referral came from this school itself; P when the young person or their
// family referred themselves (the self door) and so told the service, which tells the school with their
// agreement; P too when another service referred them, as the young carers service identified them to the
// school (Carers Trust's census advice to schools: a young carer identified "by the parents/carers or
// local young carers service" is P). The basis says which, for the school to check.
struct CensusFlag {
  std::string code;  // "S" or "P"
  std::string basis;
};
CensusFlag censusFlagFor(Transaction& tx, Id schoolOrganisationId, Id caseId);
// Fills the case view's year group and school attendance (and its activity places, placesSeenBy).
void addActivitiesAndSchool(Transaction& tx, const Principal& who, const Date& today, CaseView& view);

// A school's CSV file of termly attendance, as read back to the school: what was recorded and every row
// that was not, with its row (the line in the file, the header being row 1) and why.
struct AttendanceImportProblem {
  std::size_t row = 0;
  std::string reason;
};
struct AttendanceImportReport {
  int rows = 0;       // data rows in the file
  int recorded = 0;   // terms recorded for the first time
  int corrected = 0;  // terms whose record in force it corrected
  int unchanged = 0;  // rows saying what the record in force already says: nothing added
  std::vector<AttendanceImportProblem> problems;
};

class SchoolAttendance {
 public:
  SchoolAttendance(Store& store, const Clock& clock);

  static constexpr int kMaxSessions = 200;  // a term is at most about 15 weeks of 10 sessions

  // Case staff of the young carer's service, or their school's staff (schoolMaySee). Audited.
  Result<SchoolAttendanceView> get(const Principal& who, Id youngCarerId);
  // One term's figures, entered; corrects the term's record in force if there is one.
  Result<SchoolAttendanceView> record(const Principal& who, Id youngCarerId, const AttendanceInput& input);
  // A school's staff import a CSV (school_attendance_import.cpp): columns given name, family name, date
  // of birth, term, academic year, sessions possible, sessions missed, missed because of caring, and UPN
  // (optional, read by no one: the register holds no UPN). Each row is matched only against the school's
  // young carers who agreed to share with it (schoolMaySee), by given and family name folded as the
  // matcher folds them (accents, case, punctuation) and the date of birth; a row matching no one or more
  // than one is reported, never guessed, and never makes a young carer. The rows that match and add up are
  // recorded in one transaction, each audited as school_attendance.record; the file as
  // school_attendance.import with its counts.
  Result<AttendanceImportReport> importCsv(const Principal& who, std::string_view csv);
  static constexpr std::size_t kMaxImportRows = 5000;

 private:
  Store& store_;
  const Clock& clock_;
};

// One term's record as the API writes it, here and in the case (GET /api/v1/cases/{id}).
Poco::JSON::Object::Ptr termAttendanceJson(const TermAttendance& record);

}  // namespace ycr::services
