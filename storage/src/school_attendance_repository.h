#pragma once
// SQL implementation of core's SchoolAttendanceRepository: termly attendance, never changed (migration
// 0025).

#include "ycr/core/school_attendance.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlSchoolAttendance final : public SchoolAttendanceRepository {
 public:
  explicit SqlSchoolAttendance(Sql& sql) : sql_(sql) {}
  Result<Id> add(const TermAttendance& record) override;
  std::vector<TermAttendance> forYoungCarer(Id youngCarerId) override;
  std::vector<TermAttendance> inForce() override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
