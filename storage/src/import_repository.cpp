#include "import_repository.h"

#include <Poco/Exception.h>

namespace ycr::storage {
namespace {

ImportedRow importedFromRow(const Row& r) {
  ImportedRow i;
  i.source = r.str(0);
  i.sourceRef = r.str(1);
  i.youngCarerId = r.optId(2);
  i.outcome = r.str(3);
  i.importedAt = r.time(4);
  return i;
}

constexpr const char* kImportColumns =
    "SELECT source, source_ref, young_carer_id, outcome, imported_at FROM import_rows";

}  // namespace

Status SqlImports::record(const ImportedRow& row) {
  try {
    sql_.exec("INSERT INTO import_rows(source, source_ref, young_carer_id, outcome, imported_at) VALUES (?,?,?,?,?)",
              {row.source, row.sourceRef, optId(row.youngCarerId), row.outcome, iso(row.importedAt)});
    return {};
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e))
      return DomainError::conflict("Row " + row.sourceRef + " of " + row.source + " was already imported");
    throw;
  }
}

std::optional<ImportedRow> SqlImports::find(const std::string& source, const std::string& sourceRef) {
  auto r = sql_.one(std::string(kImportColumns) + " WHERE source = ? AND source_ref = ?", {source, sourceRef});
  return r ? std::optional(importedFromRow(*r)) : std::nullopt;
}

std::vector<ImportedRow> SqlImports::forSource(const std::string& source) {
  std::vector<ImportedRow> out;
  for (const auto& r : sql_.query(std::string(kImportColumns) + " WHERE source = ?", {source}))
    out.push_back(importedFromRow(r));
  return out;
}

}  // namespace ycr::storage
