// School attendance (school_attendance.h) in pages: the case page's school, year group and termly
// attendance; the page where case staff record a term's figures and see every record; and the same page
// for the school's own staff, reached from their list of young carers (/school/young-carers). Everything
// goes through SchoolAttendance, as the API's /api/v1/young-carers/{id}/school-attendance does.

#include "ycr/services/school_attendance.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const std::vector<Choice>& termChoices() {
  static const std::vector<Choice> choices = {
      {"autumn", "Autumn", ""}, {"spring", "Spring", ""}, {"summer", "Summer", ""}};
  return choices;
}

std::string termName(const TermAttendance& t) {
  return humanise(toString(t.term)) + " term " + t.academicYear;
}

std::string yearGroupText(const std::optional<int>& yearGroup) {
  return yearGroup ? yearGroupName(*yearGroup) + " (by age)" : "Not of school age";
}

// The terms in force, newest first; with the history, every record, each saying what it corrected.
std::string termsTable(const std::vector<TermAttendance>& terms, const std::string& caption) {
  TableSpec t;
  t.caption = caption;
  t.headings = {"Term", "Sessions possible", "Missed", "Missed because of caring", "Recorded"};
  for (const auto& a : terms)
    t.rowsHtml.push_back(
        {escape(termName(a)), std::to_string(a.sessionsPossible), std::to_string(a.sessionsMissed),
         std::to_string(a.missedForCaring),
         escape(humanTimestamp(a.recordedAt)) + "<br><span class=\"govuk-body-s\">" +
             escape(a.source == AttendanceSource::imported ? "Imported from the school's file" : "Entered") +
             (a.corrects ? ", correcting an earlier record" : "") + "</span>"});
  return table(t);
}

// A whole number typed into a box: nothing for blank (the use case says it is required).
std::optional<long long> readCount(const Form& f, const std::string& name, const std::string& what,
                                   PageErrors& errors) {
  const std::string v = f.get(name);
  if (v.empty()) return std::nullopt;
  if (v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos) {
    errors.add(name, what + " must be a whole number, like 12");
    return std::nullopt;
  }
  return std::stoll(v);
}

struct Where {
  std::string action;  // the form posts here
  std::string backHref;
  std::string navCurrent;
};

Response attendancePage(WebSite& site, const Clock& clock, SchoolAttendance& attendance, WebRequest& req,
                        Id youngCarerId, const Where& where, int status, const PageErrors& errors) {
  auto v = attendance.get(req.who(), youngCarerId);
  if (!v) return site.failurePage(req, v.error());
  const Form& f = req.form;
  Page p;
  p.title = "School attendance";
  p.navCurrent = where.navCurrent;
  p.backHref = where.backHref;
  p.hasErrors = !errors.empty();
  p.body =
      errorSummary(errors) + "<span class=\"govuk-caption-l\">" + escape(v->name) +
      "</span>\n<h1 class=\"govuk-heading-l\">School attendance</h1>\n" +
      summaryList({{"School (URN)", escape(v->schoolUrn.empty() ? "Not recorded" : v->schoolUrn), "", ""},
                   {"Year group", escape(yearGroupText(v->yearGroup)), "", ""}});
  if (!v->terms.empty()) p.body += termsTable(v->terms, "Each term as last recorded, newest first");
  if (v->history.size() > v->terms.size()) p.body += termsTable(v->history, "Every record, oldest first");
  const std::string year =
      f.get("academic_year").empty() ? academicYearOf(clock.today()) : f.get("academic_year");
  p.body +=
      "<h2 class=\"govuk-heading-m\">Record a term's attendance</h2>\n<p class=\"govuk-body\">In "
      "sessions (a morning or an afternoon), as the school's register counts them. Recording a term "
      "again corrects it; the earlier figures are kept.</p>\n<form method=\"post\" action=\"" +
      where.action + "\" novalidate>\n" + csrfField(req.csrfToken) +
      textInput({.id = "academic_year",
                 .label = "Academic year",
                 .hint = "For example, " + academicYearOf(clock.today()),
                 .value = year,
                 .widthClass = "govuk-input--width-5"},
                errors) +
      radios({.name = "term",
              .legend = "Term",
              .choices = termChoices(),
              .selected = {f.get("term")},
              .inlineChoices = true},
             errors) +
      textInput({.id = "sessions_possible",
                 .label = "Sessions possible",
                 .value = f.get("sessions_possible"),
                 .widthClass = "govuk-input--width-4"},
                errors) +
      textInput({.id = "sessions_missed",
                 .label = "Sessions missed",
                 .hint = "Absences of any kind",
                 .value = f.get("sessions_missed"),
                 .widthClass = "govuk-input--width-4"},
                errors) +
      textInput({.id = "missed_for_caring",
                 .label = "Of those, missed because of caring",
                 .value = f.get("missed_for_caring"),
                 .widthClass = "govuk-input--width-4"},
                errors) +
      button("Record attendance") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response recordAttendance(WebSite& site, const Clock& clock, SchoolAttendance& attendance, WebRequest& req,
                          Id youngCarerId, const Where& where, const std::string& done) {
  const Form& f = req.form;
  PageErrors errors;
  AttendanceInput in;
  in.academicYear = f.get("academic_year");
  in.term = f.get("term");
  if (f.get("term").empty()) errors.add("term", "Select the term");
  in.sessionsPossible = readCount(f, "sessions_possible", "Sessions possible", errors);
  in.sessionsMissed = readCount(f, "sessions_missed", "Sessions missed", errors);
  in.missedForCaring = readCount(f, "missed_for_caring", "Sessions missed because of caring", errors);
  if (!errors.empty()) return attendancePage(site, clock, attendance, req, youngCarerId, where, 422, errors);
  auto recorded = attendance.record(req.who(), youngCarerId, in);
  if (recorded) return redirect(done);
  if (recorded.error().code != ErrorCode::validation) return site.failurePage(req, recorded.error());
  errors.addDomain(recorded.error());
  return attendancePage(site, clock, attendance, req, youngCarerId, where, 422, errors);
}

std::string attendanceHref(Id caseId) {
  return "/cases/" + std::to_string(caseId) + "/school-attendance";
}

Where caseWhere(Id caseId) {
  return {attendanceHref(caseId), "/cases/" + std::to_string(caseId), "/cases"};
}

Where schoolWhere(Id youngCarerId) {
  return {"/school/young-carers/" + std::to_string(youngCarerId) + "/attendance", "/school/young-carers",
          "/school/young-carers"};
}

// A school's staff upload their spreadsheet saved as CSV, or paste its rows; the answer says what was
// recorded and lists each row that was not, with why (SchoolAttendance::importCsv).
Response importPage(WebSite& site, const Clock& clock, WebRequest& req, int status, const PageErrors& errors,
                    const AttendanceImportReport* report) {
  Page p;
  p.title = "Import attendance";
  p.navCurrent = "/school/young-carers";
  p.backHref = "/school/young-carers";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Import attendance</h1>\n";
  if (report) {
    p.body +=
        panel("Attendance imported",
              escape(std::to_string(report->rows) + (report->rows == 1 ? " row: " : " rows: ") +
                     std::to_string(report->recorded) + " recorded, " + std::to_string(report->corrected) +
                     " corrected, " + std::to_string(report->unchanged) + " unchanged, " +
                     std::to_string(report->problems.size()) + " not recorded"));
    if (!report->problems.empty()) {
      TableSpec t;
      t.caption = "Rows not recorded";
      t.headings = {"Row", "Why"};
      for (const auto& pr : report->problems)
        t.rowsHtml.push_back({std::to_string(pr.row), escape(pr.reason)});
      p.body += table(t);
    }
  }
  p.body +=
      "<p class=\"govuk-body\">Save your spreadsheet as CSV and upload it, or paste its rows. The first row "
      "names the "
      "columns: UPN (optional), given name, family name, date of birth, term (autumn, spring or summer), "
      "academic year (like " +
      escape(academicYearOf(clock.today())) +
      "), sessions possible, sessions missed, missed because of caring.</p>\n<p class=\"govuk-body\">Each "
      "row is matched only with your young carers who agreed to share with your school, by their names and "
      "date of birth exactly. A row that matches no one, or more than one, is listed for you to check: it is "
      "never guessed.</p>\n<form method=\"post\" action=\"/school/attendance-import\" "
      "enctype=\"multipart/form-data\" novalidate>\n" +
      csrfField(req.csrfToken) +
      fileUpload({.id = "csv_file", .label = "Upload the CSV file"}, errors, ".csv,text/csv") +
      textarea({.id = "csv", .label = "Or paste the rows (CSV)", .value = report ? "" : req.form.get("csv")},
               errors, 12) +
      button("Import attendance") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response importAttendance(WebSite& site, const Clock& clock, SchoolAttendance& attendance, WebRequest& req) {
  PageErrors errors;
  // A file chosen wins over pasted rows; the file's problems are shown beside its field.
  const bool uploaded = !isBlank(req.form.get("csv_file"));
  const std::string csv = req.form.get(uploaded ? "csv_file" : "csv");
  if (isBlank(csv)) {
    errors.add("csv_file", "Choose your CSV file, or paste its rows");
    return importPage(site, clock, req, 422, errors, nullptr);
  }
  auto report = attendance.importCsv(req.who(), csv);
  if (report) return importPage(site, clock, req, 200, errors, &*report);
  if (report.error().code != ErrorCode::validation) return site.failurePage(req, report.error());
  errors.addDomain(report.error(), uploaded ? std::map<std::string, std::string>{{"csv", "csv_file"}}
                                            : std::map<std::string, std::string>{});
  return importPage(site, clock, req, 422, errors, nullptr);
}

}  // namespace

std::string schoolSection(const CaseView& view) {
  std::string h =
      "<h2 class=\"govuk-heading-m\">School</h2>\n" +
      summaryList(
          {{"School (URN)",
            escape(view.youngCarer.schoolUrn.empty() ? "Not recorded" : view.youngCarer.schoolUrn), "", ""},
           {"Year group", escape(yearGroupText(view.yearGroup)), "", ""}});
  if (view.schoolAttendance.empty())
    h += "<p class=\"govuk-body\">No attendance recorded.</p>\n";
  else
    h += termsTable(view.schoolAttendance, "Attendance each term, newest first");
  return h + "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + attendanceHref(view.caseRecord.id) +
         "\">Record a term's attendance</a></p>\n";
}

void addSchoolAttendancePages(WebSite& site, Register& reg, const Clock& clock,
                              SchoolAttendance& attendance) {
  // Case staff reach the young carer through the case (an audited case read, as the sharing page does).
  site.add({"GET", "/cases/{id}/school-attendance", "web.case.school_attendance", kStaff,
            site.withId([&site, &reg, &clock, &attendance](WebRequest& req, Id id) {
              auto view = reg.caseView(req.who(), id);
              if (!view) return site.failurePage(req, view.error());
              return attendancePage(site, clock, attendance, req, view->youngCarer.id, caseWhere(id), 200,
                                    {});
            })});
  site.add({"POST", "/cases/{id}/school-attendance", "web.case.school_attendance_record", kStaff,
            site.withId([&site, &reg, &clock, &attendance](WebRequest& req, Id id) {
              auto view = reg.caseView(req.who(), id);
              if (!view) return site.failurePage(req, view.error());
              return recordAttendance(site, clock, attendance, req, view->youngCarer.id, caseWhere(id),
                                      "/cases/" + std::to_string(id) + "?moved=attendance_recorded");
            })});
  // A school's own staff reach the young carer from their list; SchoolAttendance checks it is theirs.
  const Access school = Access::only({Role::referrer});
  site.add({"GET", "/school/young-carers/{id}/attendance", "web.school.attendance", school,
            site.withId([&site, &clock, &attendance](WebRequest& req, Id id) {
              return attendancePage(site, clock, attendance, req, id, schoolWhere(id), 200, {});
            })});
  site.add({"POST", "/school/young-carers/{id}/attendance", "web.school.attendance_record", school,
            site.withId([&site, &clock, &attendance](WebRequest& req, Id id) {
              return recordAttendance(site, clock, attendance, req, id, schoolWhere(id),
                                      "/school/young-carers/" + std::to_string(id) + "/attendance");
            })});
  site.add({"GET", "/school/attendance-import", "web.school.attendance_import", school,
            [&site, &clock](WebRequest& req) { return importPage(site, clock, req, 200, {}, nullptr); }});
  site.add({"POST", "/school/attendance-import", "web.school.attendance_import_run", school,
            [&site, &clock, &attendance](WebRequest& req) {
              return importAttendance(site, clock, attendance, req);
            }});
}

}  // namespace ycr::services::web
