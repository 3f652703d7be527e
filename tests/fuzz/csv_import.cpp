// The import's spreadsheet reader (core import_file: parseCsv, the column mapping from headers and
// --map, each row validated as a register record) and the import report's CSV. Input: optional
// --map entries, one a line, then a NUL byte, then the file; without a NUL, the whole input is the file.
#include <chrono>

#include "fuzz_support.h"
#include "ycr/core/import_file.h"
#include "ycr/core/validation.h"
#include "ycr/services/importer.h"

using namespace ycr;
using namespace std::chrono;

namespace {

// Every field quoted (RFC 4180), so the text reads back to the same fields whatever they hold.
std::string writeCsv(const CsvTable& table) {
  auto line = [](const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i) out += ',';
      out += '"';
      for (char c : fields[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    return out + "\r\n";
  };
  std::string out = line(table.header);
  for (const auto& r : table.records) out += line(r.fields);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in = fuzz::text(data, size);
  std::vector<std::string> maps;
  if (in.find('\0') != std::string_view::npos) {
    std::string_view mapText = fuzz::take(in, std::string_view("\0", 1));
    while (!mapText.empty() && maps.size() < 16) maps.emplace_back(fuzz::take(mapText, "\n"));
  }
  const std::string input(in);

  auto table = parseCsv(in);
  if (!table) {
    FUZZ_CHECK(table.error().code == ErrorCode::malformed, input);
    return 0;
  }
  // Lines count up from the header; each record has at least one field.
  std::size_t last = table->headerLine;
  FUZZ_CHECK(last >= 1 && !table->header.empty(), input);
  for (const auto& r : table->records) {
    FUZZ_CHECK(r.line > last && !r.fields.empty(), input);
    last = r.line;
  }
  // Written out with every field quoted, the table reads back field for field.
  const std::string written = writeCsv(*table);
  auto again = parseCsv(written);
  FUZZ_CHECK(again, input + " -> " + written);
  FUZZ_CHECK(again->header == table->header && again->records.size() == table->records.size(), input);
  for (std::size_t i = 0; i < table->records.size(); ++i)
    FUZZ_CHECK(again->records[i].fields == table->records[i].fields, input);

  auto mapping = mapColumns(table->header, maps, registerRequiredFields());
  if (!mapping) {
    FUZZ_CHECK(mapping.error().code == ErrorCode::validation && !mapping.error().fields.empty(), input);
    // The matcher's reading needs no required fields.
    mapping = mapColumns(table->header, {});
    if (!mapping) return 0;
  }
  FUZZ_CHECK(mapping->width == table->header.size(), input);
  for (std::size_t f = 0; f < kImportFieldCount; ++f)
    if (auto c = mapping->columns[f]) FUZZ_CHECK(*c < mapping->width, input);
  (void)mapping->describe(table->header);

  const Date today{2024y / March / 1d};
  std::vector<services::ImportReportRow> report;
  for (std::size_t i = 0; i < table->records.size() && i < 64; ++i) {
    const auto& record = table->records[i];
    auto row = prepareImportRow(record, *mapping, today);
    FUZZ_CHECK(row.line == record.line && !row.sourceRef.empty(), input);
    FUZZ_CHECK(row.youngCarer.has_value() != !row.rejection.empty(), input);
    if (row.youngCarer) {
      // What is filed is what the register's own rules accept.
      const YoungCarer& y = *row.youngCarer;
      auto given = validation::name("given_name", y.givenName);
      FUZZ_CHECK(given && *given == y.givenName, input);
      auto family = validation::name("family_name", y.familyName);
      FUZZ_CHECK(family && *family == y.familyName, input);
      FUZZ_CHECK(y.dateOfBirth.ok() && sys_days(y.dateOfBirth) <= sys_days(today), input);
      if (!y.postcode.empty()) {
        auto pc = validation::postcode("postcode", y.postcode);
        FUZZ_CHECK(pc && *pc == y.postcode, input);
      }
      if (!y.schoolUrn.empty()) FUZZ_CHECK(validation::schoolUrn("urn", y.schoolUrn), input);
      if (!y.nhsNumber.empty()) FUZZ_CHECK(validation::nhsNumber("nhs", y.nhsNumber), input);
    }
    (void)personRecordOf(record, *mapping);
    services::ImportReportRow r;
    r.line = row.line;
    r.sourceRef = row.sourceRef;
    r.reason = row.rejection;
    r.flagged = row.flagged;
    report.push_back(std::move(r));
  }
  // The report is CSV again, one line per row after its header.
  auto reportTable = parseCsv(services::formatImportReport(report));
  FUZZ_CHECK(reportTable && reportTable->records.size() == report.size(), input);
  return 0;
}
