#pragma once
// Sign-in throttling state kept in the store, so several instances over one database share it.

#include <optional>
#include <string>

#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

class SignInThrottleRepository {
 public:
  virtual ~SignInThrottleRepository() = default;
  // Counts one more failure for the key at `at` and returns the failures now counted. Atomic in
  // the writing transaction, whichever instance records it.
  virtual Result<int> recordFailure(const std::string& key, Timestamp at) = 0;
  virtual Status lockUntil(const std::string& key, Timestamp until) = 0;
  // When the key may try again, if it is locked at all.
  virtual std::optional<Timestamp> lockedUntil(const std::string& key) = 0;
  virtual Status clear(const std::string& key) = 0;
  // Forgets every key whose last failure was before `before`.
  virtual Status forgetBefore(Timestamp before) = 0;
};

}  // namespace ycr
