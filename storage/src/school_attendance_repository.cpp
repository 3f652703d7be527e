#include "school_attendance_repository.h"

namespace ycr::storage {

Result<Id> SqlSchoolAttendance::add(const TermAttendance& a) {
  return sql_.insert(
      "INSERT INTO school_attendance(young_carer_id, academic_year, term, sessions_possible, "
      "sessions_missed, "
      "missed_for_caring, source, recorded_by, recorded_by_organisation, recorded_at, corrects) VALUES "
      "(?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(a.youngCarerId), a.academicYear, std::string(toString(a.term)),
       static_cast<long long>(a.sessionsPossible), static_cast<long long>(a.sessionsMissed),
       static_cast<long long>(a.missedForCaring), std::string(toString(a.source)), optId(a.recordedBy),
       optId(a.recordedByOrganisation), iso(a.recordedAt), optId(a.corrects)});
}

namespace {

constexpr const char* kAttendanceColumns =
    "SELECT id, young_carer_id, academic_year, term, sessions_possible, sessions_missed, missed_for_caring, "
    "source, recorded_by, recorded_by_organisation, recorded_at, corrects FROM school_attendance ";

std::vector<TermAttendance> records(const std::vector<Row>& rows) {
  std::vector<TermAttendance> out;
  for (const auto& r : rows) {
    auto term = parseEnum<Term>(r.str(3));
    if (!term) continue;  // written from the enum only
    TermAttendance a;
    a.id = r.i64(0);
    a.youngCarerId = r.i64(1);
    a.academicYear = r.str(2);
    a.term = *term;
    a.sessionsPossible = static_cast<int>(r.i64(4));
    a.sessionsMissed = static_cast<int>(r.i64(5));
    a.missedForCaring = static_cast<int>(r.i64(6));
    a.source = parseEnum<AttendanceSource>(r.str(7)).value_or(AttendanceSource::entered);
    a.recordedBy = r.optId(8);
    a.recordedByOrganisation = r.optId(9);
    a.recordedAt = r.time(10);
    a.corrects = r.optId(11);
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::vector<TermAttendance> SqlSchoolAttendance::forYoungCarer(Id youngCarerId) {
  return records(sql_.query(std::string(kAttendanceColumns) + "WHERE young_carer_id = ? ORDER BY id",
                            {static_cast<long long>(youngCarerId)}));
}

std::vector<TermAttendance> SqlSchoolAttendance::inForce() {
  return records(sql_.query(std::string(kAttendanceColumns) +
                            "WHERE id IN (SELECT max(id) FROM school_attendance "
                            "GROUP BY young_carer_id, academic_year, term) ORDER BY id"));
}

}  // namespace ycr::storage
