#include "ycr/services/exports.h"

#include <xlsxwriter.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "ycr/core/text.h"

namespace ycr::services {
namespace {

std::string optDate(const std::optional<Date>& d) {
  return d ? formatIsoDate(*d) : std::string();
}

// A private directory for libxlsxwriter's file and its own temporary files, removed when done: the
// workbook holds children's names, so it is never readable by anyone else, nor left behind.
class PrivateDirectory {
 public:
  PrivateDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ycr-export-XXXXXX").string();
    if (char* made = ::mkdtemp(pattern.data())) path_ = made;  // mode 0700
  }
  ~PrivateDirectory() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  PrivateDirectory(const PrivateDirectory&) = delete;
  PrivateDirectory& operator=(const PrivateDirectory&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Excel reads _xHHHH_ in a string as an escaped character (libxlsxwriter escapes control characters
// that way, but not text that already looks like it), so "_x0041_" typed by a person would be shown as
// "A". Escaping its underscore (_x005F_) keeps it as typed.
std::string asTyped(const std::string& text) {
  auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && hex(text[i + 2]) && hex(text[i + 3]) &&
        hex(text[i + 4]) && hex(text[i + 5]) && text[i + 6] == '_')
      out += "_x005F";
    out += text[i];
  }
  return out;
}

}  // namespace

std::optional<ExportFormat> parseExportFormat(std::string_view text) {
  if (text == "csv") return ExportFormat::csv;
  if (text == "xlsx") return ExportFormat::xlsx;
  return std::nullopt;
}

std::string_view formatName(ExportFormat format) {
  return format == ExportFormat::csv ? "csv" : "xlsx";
}

Sheet caseSheet(const std::vector<CaseListItem>& items, const std::string& fileStem) {
  Sheet s;
  s.title = "Cases";
  s.fileStem = fileStem;
  s.headings = {
      "Case",          "Young carer", "Young carer record", "Stage",   "Close reason",      "Service",
      "Owner user id", "Next action", "Next action due",    "Overdue", "Referral received", "Plan agreed",
      "Review due"};
  for (const auto& item : items) {
    const Case& c = item.caseRecord;
    s.rows.push_back({std::to_string(c.id), item.youngCarerName, std::to_string(c.youngCarerId),
                      std::string(toString(c.state)),
                      c.closeReason ? std::string(toString(*c.closeReason)) : std::string(), c.ownerTeam,
                      c.ownerUserId ? std::to_string(*c.ownerUserId) : std::string(), c.nextAction,
                      optDate(c.nextActionDue), item.overdue ? "yes" : "no",
                      formatIsoDate(c.referralReceived), optDate(c.planAgreed), optDate(c.reviewDue)});
  }
  return s;
}

Sheet taskSheet(const std::vector<TaskView>& views, const std::string& fileStem) {
  Sheet s;
  s.title = "Tasks";
  s.fileStem = fileStem;
  s.headings = {"Task",       "Case",   "Case service", "What is asked", "For", "Person cared for",
                "Conditions", "Status", "Outcome",      "Note",          "Due"};
  for (const auto& v : views) {
    const CaseTask& t = v.task;
    std::string conditions;
    if (v.caredFor)
      for (auto c : v.caredFor->conditions)
        conditions += (conditions.empty() ? "" : "; ") + std::string(toString(c));
    s.rows.push_back(
        {std::to_string(t.id), std::to_string(t.caseId), v.caseService, t.description, v.addressedTo,
         v.caredFor ? std::string(toString(v.caredFor->relationship)) : std::string(), conditions,
         std::string(toString(t.status)), t.outcome ? std::string(toString(*t.outcome)) : std::string(),
         t.note, formatIsoDate(t.due)});
  }
  return s;
}

std::string sheetCsv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      out += text::csvCell(cells[i]);
    }
    out += "\r\n";
  };
  line(sheet.headings);
  for (const auto& row : sheet.rows) line(row);
  return out;
}

Result<std::string> sheetXlsx(const Sheet& sheet) {
  PrivateDirectory dir;
  if (dir.path().empty()) return DomainError::internal("Could not make a private directory for the export");
  const std::string file = (dir.path() / "export.xlsx").string();
  std::string tmpdir = dir.path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_FALSE;
  options.tmpdir = tmpdir.data();
  lxw_workbook* book = workbook_new_opt(file.c_str(), &options);
  if (!book) return DomainError::internal("Could not start the spreadsheet");
  lxw_worksheet* ws = workbook_add_worksheet(book, sheet.title.c_str());
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_error failed = LXW_NO_ERROR;
  // Strings only: worksheet_write_string never makes a formula or a number of what it is given.
  auto write = [&](lxw_row_t r, const std::vector<std::string>& cells, lxw_format* format) {
    for (std::size_t c = 0; c < cells.size() && failed == LXW_NO_ERROR; ++c)
      if (!cells[c].empty())
        failed = worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), asTyped(cells[c]).c_str(), format);
  };
  write(0, sheet.headings, bold);
  for (std::size_t r = 0; r < sheet.rows.size(); ++r)
    write(static_cast<lxw_row_t>(r + 1), sheet.rows[r], nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_error closed = workbook_close(book);  // frees the workbook whatever happened
  if (failed != LXW_NO_ERROR || closed != LXW_NO_ERROR)
    return DomainError::internal(std::string("Could not write the spreadsheet: ") +
                                 lxw_strerror(failed != LXW_NO_ERROR ? failed : closed));
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return DomainError::internal("Could not read the spreadsheet back");
  return bytes;
}

}  // namespace ycr::services
