#pragma once
// SQL implementation of core's ConsentRepository: decisions to share, never changed (migration 0023).

#include "ycr/core/consent.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlConsents final : public ConsentRepository {
 public:
  explicit SqlConsents(Sql& sql) : sql_(sql) {}
  Result<Id> add(const SharingConsent& consent) override;
  std::vector<SharingConsent> history(Id youngCarerId) override;
  std::vector<Id> agreedAtSchool(const std::string& urn) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
