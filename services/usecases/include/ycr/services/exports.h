#pragma once
// Staff exports (issue 26 item 5): a work list of cases, or the tasks for other services, taken
// away as a CSV or spreadsheet file. The rows come from the same use cases as the lists on screen
// (Register::exportCases, Tasks::exportList), so scoping and audit are theirs; this file only
// turns rows into files.
//
// Formula safety: every CSV cell goes through text::csvCell (RFC 4180 quoting; a cell beginning with
// = + - @, a tab or a carriage return gets a leading ' so a spreadsheet does not run it). Every
// spreadsheet cell is written as a string, never a formula or a number, so it is shown as it was
// typed ("-Smith", "+44 ...", "=1+1") and never evaluated.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/result.h"
#include "ycr/services/register.h"
#include "ycr/services/tasks.h"

namespace ycr::services {

enum class ExportFormat { csv, xlsx };
std::optional<ExportFormat> parseExportFormat(std::string_view text);
std::string_view formatName(ExportFormat format);

// A list as a table of text.
struct Sheet {
  std::string title;     // the worksheet's name (at most 31 characters, none of []:*?/\)
  std::string fileStem;  // the download's file name without its extension: no personal data
  std::vector<std::string> headings;
  std::vector<std::vector<std::string>> rows;
};

Sheet caseSheet(const std::vector<CaseListItem>& items, const std::string& fileStem);
Sheet taskSheet(const std::vector<TaskView>& views, const std::string& fileStem);

// UTF-8 with a byte order mark, CRLF line ends. The mark is there for Excel, which reads a CSV
// without one in the machine's legacy code page and turns "Zoë" into "ZoÃ«"; LibreOffice, Python's
// utf-8-sig and most CSV readers skip it.
std::string sheetCsv(const Sheet& sheet);
// An Office Open XML workbook (libxlsxwriter) of one worksheet, headings bold and frozen. Written to a
// private temporary directory (mode 0700) that is removed before this returns.
Result<std::string> sheetXlsx(const Sheet& sheet);

}  // namespace ycr::services
