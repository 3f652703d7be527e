#pragma once
// School and education (issue 27 item 2): a young carer's national curriculum year group, and what their
// school says of their attendance each term, with the absences put down to caring. The strategies
// measure the "% decrease in non-attendance rates due to caring role"; young carers say they often miss
// education. Figures are sessions (a morning or an afternoon), as school registers count them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

// The three terms of an English school year, in order.
enum class Term { autumn, spring, summer };
YCR_ENUM_NAMES(Term, "autumn", "spring", "summer")

// Whether school or case staff typed the figures in, or a school's CSV brought them.
enum class AttendanceSource { entered, imported };
YCR_ENUM_NAMES(AttendanceSource, "entered", "imported")

// The year group a child born on `dateOfBirth` is in on `on` by age, with England's 1 September cut-off:
// 0 is Reception (4 on the 31 August before), 1 to 13 are Years 1 to 13. None before Reception or after
// Year 13. A child taught out of their year group (held back, or moved up) is the school's to say; the
// register shows the year by age and says so.
std::optional<int> yearGroupOn(const Date& dateOfBirth, const Date& on);
// "Reception", "Year 7".
std::string yearGroupName(int yearGroup);
// The academic year a day falls in, written as schools write it: 1 September 2026 to 31 August 2027 is
// "2026/27".
std::string academicYearOf(const Date& day);
// Whether text is an academic year in that form: "YYYY/YY" with the second year the one after the first.
bool isAcademicYear(std::string_view text);
// The term a day falls in, near enough for "this term": September to December autumn, January to March
// spring, April to August summer (Easter moves; the summer holiday belongs to no term and is counted
// with the summer before it).
Term termOf(const Date& day);
// The same term a year before: "2026/27" becomes "2025/26".
std::string academicYearBefore(std::string_view academicYear);

// What a school said of one young carer's attendance in one term. A second record for the same term
// corrects the first, which is kept: the history says who said what, and when.
struct TermAttendance {
  Id id = 0;
  Id youngCarerId = 0;
  std::string academicYear;  // "2026/27"
  Term term = Term::autumn;
  int sessionsPossible = 0;
  int sessionsMissed = 0;   // absences of any kind, at most sessionsPossible
  int missedForCaring = 0;  // of those, put down to caring; at most sessionsMissed
  AttendanceSource source = AttendanceSource::entered;
  std::optional<Id> recordedBy;              // none only for records the register generates (demo data)
  std::optional<Id> recordedByOrganisation;  // the school, or the young carers service
  Timestamp recordedAt{};
  std::optional<Id> corrects;  // the earlier record for the same term this one replaces
};

class SchoolAttendanceRepository {
 public:
  virtual ~SchoolAttendanceRepository() = default;
  // Adds a record; `corrects` is set by the caller to the term's current record, if any.
  virtual Result<Id> add(const TermAttendance& record) = 0;
  // Every record for the young carer, corrected ones included, oldest first.
  virtual std::vector<TermAttendance> forYoungCarer(Id youngCarerId) = 0;
  // The records in force on the whole register: the latest for each young carer and term.
  virtual std::vector<TermAttendance> inForce() = 0;
};

// The records in force, one per term (the latest for each), newest term first.
std::vector<TermAttendance> currentTerms(const std::vector<TermAttendance>& history);

// The last day of a term as termOf counts terms: 31 December, 31 March or 31 August. A term is counted in
// the period holding this day. Nothing for an academic year not written like "2026/27".
std::optional<Date> termEndDay(std::string_view academicYear, Term term);

// The strategies' "% decrease in non-attendance rates due to caring role", counted in young carers' terms
// so that it can pass disclosure control (which counts people, never sessions). A young carer's baseline is
// their first term in force with sessions possible; if they missed sessions for caring then, each later
// term with sessions possible is a measure, and it is reduced when the share of possible sessions missed
// for caring is below the baseline's. A young carer who missed none for caring at the baseline has nothing
// to reduce and gives no measure.
struct CaringAbsenceMeasure {
  Id youngCarerId = 0;
  Date termEnd{};  // termEndDay of the measured term
  bool reduced = false;
};
// The measures of every young carer in `inForce` (records in force, one per young carer and term, in any
// order), by young carer and then term.
std::vector<CaringAbsenceMeasure> caringAbsenceMeasures(const std::vector<TermAttendance>& inForce);

}  // namespace ycr
