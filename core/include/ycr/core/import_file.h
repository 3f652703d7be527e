#pragma once
// Spreadsheets as providers send them: CSV with any column names, any of the usual date forms
// and line endings. One reader for `ycr import` (rows validated with the register's own rules)
// and `ycr linkage-eval` (rows read as the matcher sees them), so both read a file alike.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/matching/matcher.h"
#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

// One data record of a CSV file and the line it starts on (1-based, counting every line of the
// file, so a spreadsheet user can find it).
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  std::size_t headerLine = 0;
  std::vector<std::string> header;
  std::vector<CsvRecord> records;
};

// RFC 4180: fields separated by commas, optionally double-quoted ("" for a quote, commas and
// line breaks allowed inside quotes); CRLF, LF or CR line endings; a UTF-8 byte order mark is
// skipped. Lines starting with '#' before the header are comments; empty lines are skipped
// (they are no row). A quote left open at the end of the file is an error naming its line.
Result<CsvTable> parseCsv(std::string_view text);

// The fields an import row may carry.
enum class ImportField {
  source_ref,
  given_name,
  family_name,
  preferred_name,
  date_of_birth,
  postcode,
  address,
  school_urn,
  gp_practice_ods,
  nhs_number,
  gender,
  ethnicity
};
inline constexpr std::size_t kImportFieldCount = 12;
const char* toString(ImportField field);
std::optional<ImportField> parseImportField(std::string_view name);

// A header folded for recognition: ASCII letters and digits only, lower case ("Date of birth"
// -> "dateofbirth", "Post-code" -> "postcode").
std::string headerKey(std::string_view header);
// The field a common header names ("First name", "Forename", "Surname", "DOB", "Post code",
// "School URN", "Ref", "ID", ...), or none.
std::optional<ImportField> recogniseHeader(std::string_view header);
// The column with this header: exactly as written first, then by headerKey.
std::optional<std::size_t> findColumn(const std::vector<std::string>& header, std::string_view name);

struct ColumnMapping {
  std::array<std::optional<std::size_t>, kImportFieldCount> columns;
  std::vector<std::string> ignored;  // headers of columns no field reads
  std::size_t width = 0;             // fields in the header

  std::optional<std::size_t> column(ImportField f) const { return columns[static_cast<std::size_t>(f)]; }
  // "given_name <- First name, family_name <- Surname, ..." for the command's summary.
  std::string describe(const std::vector<std::string>& header) const;
};

// Maps fields to columns: each `maps` entry "field=column" first (as given to --map), then
// recognised headers for the fields still unmapped. A --map naming an unknown field or a
// column not in the header, two headers recognised as one field, or a field in `required`
// left unmapped are errors naming the field (code "map" or "required").
Result<ColumnMapping> mapColumns(const std::vector<std::string>& header, const std::vector<std::string>& maps,
                                 const std::vector<ImportField>& required = {});
// The fields a register import cannot do without.
std::vector<ImportField> registerRequiredFields();

// A data record validated as a register record would be.
struct PreparedImportRow {
  std::size_t line = 0;
  std::string sourceRef;                 // the reference column, else "line N"
  std::optional<YoungCarer> youngCarer;  // the record to file; empty when rejected
  std::vector<std::string> flagged;      // optional fields left empty, each "field: why"
  std::string rejection;                 // why, when rejected
};

// Validates with the register's rules (young_person.h): names, date of birth (ISO, d/m/yyyy or
// yyyymmdd) and the register's age rules are required, and a row failing them is rejected with
// the reasons. An optional field that fails (postcode, school URN, NHS number, gender, ...) is
// left empty and flagged, and the rest of the row is kept; so is a missing postcode, which a
// form would require but a spreadsheet often lacks. A row with more fields than the header
// (usually an unquoted comma) is rejected; missing trailing fields are empty.
PreparedImportRow prepareImportRow(const CsvRecord& record, const ColumnMapping& mapping, const Date& today);

// The record as the matcher reads it, without the register's rules (for linkage evaluation):
// an unreadable or missing date of birth is left empty.
matching::PersonRecord personRecordOf(const CsvRecord& record, const ColumnMapping& mapping);

}  // namespace ycr
