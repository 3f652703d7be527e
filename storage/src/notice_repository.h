#pragma once
// SQL implementation of core's NoticeRepository: the notices outbox (migration 0019).

#include "ycr/core/notice_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlNotices final : public NoticeRepository {
 public:
  explicit SqlNotices(Sql& sql) : sql_(sql) {}
  Result<Id> add(const Notice& notice) override;
  std::vector<Notice> due(Timestamp now, int limit) override;
  std::optional<Notice> findById(Id id) override;
  Status recordAttempt(const Notice& notice) override;
  std::vector<Notice> list(int limit, int offset) override;
  std::int64_t count() override;
  std::vector<Notice> forCase(Id caseId) override;

 private:
  std::vector<Notice> select(const std::string& where, const std::vector<Param>& params);
  Sql& sql_;
};

}  // namespace ycr::storage
