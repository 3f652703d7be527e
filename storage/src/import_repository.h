#pragma once
// The SQL implementation of ImportRepository (core/include/ycr/core/import_repository.h).

#include "ycr/core/import_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlImports final : public ImportRepository {
 public:
  explicit SqlImports(Sql& sql) : sql_(sql) {}
  Status record(const ImportedRow& row) override;
  Status recordMany(const std::vector<ImportedRow>& rows) override;
  std::vector<std::optional<Id>> findExactMany(const std::vector<YoungCarer>& people) override;
  std::optional<ImportedRow> find(const std::string& source, const std::string& sourceRef) override;
  std::vector<ImportedRow> forSource(const std::string& source) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
