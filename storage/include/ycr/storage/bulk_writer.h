#pragma once
// Writes many records with prepared statements, for loading synthetic registers (ycr demo-data) of a
// million young carers in minutes. The rows are exactly those the repositories write (same columns,
// same derived keys), and the database's own triggers still run, so the statistics tables and the
// precomputed counts are the same as if each record had come through the API. It checks nothing a
// use case checks: never feed it anything but generated data. Use inside SqliteStore::bulkWrite.
// Failures throw (bulkWrite turns them into a DomainError and rolls back).

#include <memory>
#include <optional>

#include "ycr/core/model.h"

struct sqlite3;

namespace ycr::storage {

class BulkWriter {
 public:
  explicit BulkWriter(sqlite3* db);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  Id youngCarer(const YoungCarer& y);
  Id caseRecord(const Case& c);
  Id referral(const Referral& r);
  Id caredFor(const CaredForPerson& p, std::optional<Id> referralId);
  Id caseEvent(const CaseEvent& e);

 private:
  struct Statements;
  std::unique_ptr<Statements> s_;
};

}  // namespace ycr::storage
