// School attendance (school_attendance.h): a young carer's year group and what their school said of
// each term's attendance, with the absences put down to caring, for their case staff and their school's
// own staff. Ids only in the paths.
//   GET  /api/v1/young-carers/{id}/school-attendance
//   POST /api/v1/young-carers/{id}/school-attendance  {"academic_year", "term", "sessions_possible",
//   "sessions_missed", "missed_for_caring"}
// and a school's own staff importing a CSV of them (SchoolAttendance::importCsv):
//   POST /api/v1/school/attendance-imports  {"csv": "the file's text"}

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/school_attendance.h"

namespace ycr::services {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr termAttendanceJson(const TermAttendance& a) {
  Object::Ptr o = new Object;
  o->set("id", a.id);
  o->set("academic_year", a.academicYear);
  o->set("term", std::string(toString(a.term)));
  o->set("sessions_possible", a.sessionsPossible);
  o->set("sessions_missed", a.sessionsMissed);
  o->set("missed_for_caring", a.missedForCaring);
  o->set("source", std::string(toString(a.source)));
  o->set("recorded_at", formatIsoTimestamp(a.recordedAt));
  o->set("recorded_by_organisation_id", a.recordedByOrganisation ? Var(*a.recordedByOrganisation) : Var());
  o->set("corrects", a.corrects ? Var(*a.corrects) : Var());
  return o;
}

namespace {

Object::Ptr attendanceViewJson(const SchoolAttendanceView& v) {
  Object::Ptr o = new Object;
  o->set("young_carer_id", v.youngCarerId);
  o->set("school_urn", v.schoolUrn);
  o->set("year_group", v.yearGroup ? Var(*v.yearGroup) : Var());
  o->set("year_group_name", v.yearGroup ? Var(yearGroupName(*v.yearGroup)) : Var());
  Array::Ptr terms = new Array;
  for (const auto& t : v.terms) terms->add(termAttendanceJson(t));
  o->set("terms", terms);
  Array::Ptr history = new Array;
  for (const auto& t : v.history) history->add(termAttendanceJson(t));
  o->set("history", history);
  o->set("corrected", v.corrected);
  return o;
}

AttendanceInput readAttendanceInput(JsonInput& in) {
  AttendanceInput a;
  a.academicYear = in.string("academic_year", true);
  a.term = in.string("term", true);
  a.sessionsPossible = in.integer("sessions_possible", true);
  a.sessionsMissed = in.integer("sessions_missed", true);
  a.missedForCaring = in.integer("missed_for_caring", true);
  in.rejectUnknown();
  return a;
}

std::string readCsv(JsonInput& in) {
  auto csv = in.string("csv", true);
  in.rejectUnknown();
  return csv.value_or("");
}

Object::Ptr reportJson(const AttendanceImportReport& r) {
  Object::Ptr o = new Object;
  o->set("rows", r.rows);
  o->set("recorded", r.recorded);
  o->set("corrected", r.corrected);
  o->set("unchanged", r.unchanged);
  Array::Ptr problems = new Array;
  for (const auto& p : r.problems) {
    Object::Ptr j = new Object;
    j->set("row", static_cast<Poco::UInt64>(p.row));
    j->set("reason", p.reason);
    problems->add(j);
  }
  o->set("problems", problems);
  return o;
}

}  // namespace

void addSchoolAttendanceRoutes(Router& router, SchoolAttendance& attendance) {
  const auto allowed = Access::only({Role::caseworker, Role::team_manager, Role::referrer});
  const std::string path = "/api/v1/young-carers/{id}/school-attendance";
  router.add(
      {"GET", path, "school_attendance.read", allowed, withId([&attendance](RequestContext& ctx, Id id) {
         return okOr<SchoolAttendanceView>(attendance.get(ctx.who(), id), 200, attendanceViewJson);
       })});
  router.add(
      {"POST", path, "school_attendance.record", allowed, withId([&attendance](RequestContext& ctx, Id id) {
         auto input = readBody<AttendanceInput>(ctx, readAttendanceInput);
         if (!input) return Response::problem(input.error());
         return okOr<SchoolAttendanceView>(attendance.record(ctx.who(), id, *input), 201, attendanceViewJson);
       }),
       true});
  router.add({"POST", "/api/v1/school/attendance-imports", "school_attendance.import",
              Access::only({Role::referrer}),
              [&attendance](RequestContext& ctx) {
                auto csv = readBody<std::string>(ctx, readCsv);
                if (!csv) return Response::problem(csv.error());
                return okOr<AttendanceImportReport>(attendance.importCsv(ctx.who(), *csv), 200, reportJson);
              },
              true});
}

}  // namespace ycr::services
