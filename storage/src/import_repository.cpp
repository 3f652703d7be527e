#include "import_repository.h"

#include <Poco/Exception.h>

#include <unordered_map>

#include "repositories.h"

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
    sql_.exec(
        "INSERT INTO import_rows(source, source_ref, young_carer_id, outcome, imported_at) VALUES "
        "(?,?,?,?,?)",
        {row.source, row.sourceRef, optId(row.youngCarerId), row.outcome, iso(row.importedAt)});
    return {};
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e))
      return DomainError::conflict("Row " + row.sourceRef + " of " + row.source + " was already imported");
    throw;
  }
}

Status SqlImports::recordMany(const std::vector<ImportedRow>& rows) {
  // Kept well under SQLite's limit on parameters per statement.
  constexpr std::size_t kPerStatement = 200;
  try {
    for (std::size_t first = 0; first < rows.size(); first += kPerStatement) {
      const std::size_t last = std::min(rows.size(), first + kPerStatement);
      std::string sql =
          "INSERT INTO import_rows(source, source_ref, young_carer_id, outcome, imported_at) VALUES ";
      std::vector<Param> params;
      params.reserve((last - first) * 5);
      for (std::size_t i = first; i < last; ++i) {
        sql += i == first ? "(?,?,?,?,?)" : ",(?,?,?,?,?)";
        const auto& r = rows[i];
        params.insert(params.end(),
                      {r.source, r.sourceRef, optId(r.youngCarerId), r.outcome, iso(r.importedAt)});
      }
      sql_.exec(sql, params);
    }
    return {};
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e)) return DomainError::conflict("Some of these rows were already imported");
    throw;
  }
}

std::vector<std::optional<Id>> SqlImports::findExactMany(const std::vector<YoungCarer>& people) {
  constexpr std::size_t kPerStatement = 500;
  std::vector<std::string> keys;
  keys.reserve(people.size());
  for (const auto& p : people) keys.push_back(identityKey(p));
  std::unordered_map<std::string, Id> found;
  for (std::size_t first = 0; first < keys.size(); first += kPerStatement) {
    const std::size_t last = std::min(keys.size(), first + kPerStatement);
    std::string sql =
        "SELECT identity_key, COALESCE(merged_into, id) FROM young_carers WHERE identity_key IN (";
    std::vector<Param> params;
    for (std::size_t i = first; i < last; ++i) {
      sql += i == first ? "?" : ",?";
      params.emplace_back(keys[i]);
    }
    // The lowest id per key, as findExact takes the first.
    for (const auto& r : sql_.query(sql + ") ORDER BY id DESC", params)) found[r.str(0)] = r.i64(1);
  }
  std::vector<std::optional<Id>> out;
  out.reserve(keys.size());
  for (const auto& k : keys) {
    auto it = found.find(k);
    out.push_back(it == found.end() ? std::nullopt : std::optional<Id>(it->second));
  }
  return out;
}

std::optional<ImportedRow> SqlImports::find(const std::string& source, const std::string& sourceRef) {
  auto r =
      sql_.one(std::string(kImportColumns) + " WHERE source = ? AND source_ref = ?", {source, sourceRef});
  return r ? std::optional(importedFromRow(*r)) : std::nullopt;
}

std::vector<ImportedRow> SqlImports::forSource(const std::string& source) {
  std::vector<ImportedRow> out;
  for (const auto& r : sql_.query(std::string(kImportColumns) + " WHERE source = ?", {source}))
    out.push_back(importedFromRow(r));
  return out;
}

}  // namespace ycr::storage
