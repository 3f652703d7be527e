#pragma once
// What each bulk import did with each row, keyed by (source, the row's own reference), so that
// re-running a file creates nothing new.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

struct ImportedRow {
  std::string source;
  std::string sourceRef;
  std::optional<Id> youngCarerId;
  std::string outcome;  // new | linked | needs_review
  Timestamp importedAt{};
};

class ImportRepository {
 public:
  virtual ~ImportRepository() = default;
  // Conflict when the (source, source_ref) pair was already recorded.
  virtual Status record(const ImportedRow& row) = 0;
  // Many rows in few statements (a batch of an import); conflict as above, nothing recorded then.
  virtual Status recordMany(const std::vector<ImportedRow>& rows) = 0;
  // Exact identity (folded names, date of birth, postcode) of many records in few statements, as
  // YoungCarerRepository::findExact answers it for one: per record, the young carer found (the
  // survivor when that record was merged away), or none.
  virtual std::vector<std::optional<Id>> findExactMany(const std::vector<YoungCarer>& people) = 0;
  virtual std::optional<ImportedRow> find(const std::string& source, const std::string& sourceRef) = 0;
  // Every row recorded for a source, to check a whole file at once.
  virtual std::vector<ImportedRow> forSource(const std::string& source) = 0;
};

}  // namespace ycr
