#pragma once
// SQL implementation of core's SignInThrottleRepository.

#include "ycr/core/sign_in_throttle_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlSignInThrottle final : public SignInThrottleRepository {
 public:
  explicit SqlSignInThrottle(Sql& sql) : sql_(sql) {}
  Result<int> recordFailure(const std::string& key, Timestamp at) override;
  Status lockUntil(const std::string& key, Timestamp until) override;
  std::optional<Timestamp> lockedUntil(const std::string& key) override;
  Status clear(const std::string& key) override;
  Status forgetBefore(Timestamp before) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
