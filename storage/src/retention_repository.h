#pragma once
// SQL implementation of core's RetentionRepository (migration 0021).

#include "ycr/core/retention_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlRetention final : public RetentionRepository {
 public:
  explicit SqlRetention(Sql& sql) : sql_(sql) {}
  std::vector<RetentionCandidate> due(Timestamp closedOnOrBefore, Date bornOnOrBefore, int limit) override;
  Status anonymise(Id youngCarerId, Timestamp at) override;
  Result<Id> placeHold(const LegalHold& hold) override;
  Status releaseHold(Id holdId, std::optional<Id> by, Timestamp at, const std::string& reason) override;
  std::optional<LegalHold> findHold(Id holdId) override;
  std::vector<LegalHold> holdsFor(Id youngCarerId) override;
  Result<Id> saveRun(const RetentionRun& run) override;
  Status setRunReport(Id runId, const std::string& reportJson) override;
  std::vector<RetentionRun> runs(int limit, int offset) override;

 private:
  std::vector<LegalHold> selectHolds(const std::string& where, const std::vector<Param>& params);
  Sql& sql_;
};

}  // namespace ycr::storage
