#pragma once
// Keys that live beside the database but never in it (the key directory, key_dir): the form key,
// the sealing key for second-factor secrets. Each is created once, readable only by the service,
// and read back at every start; a backup of the database alone holds none of them.

#include <optional>
#include <string>

#include "ycr/core/result.h"

namespace ycr::services {

// The `size` random bytes in keyDir/fileName, written there (0600, O_EXCL, fsync) when the file
// does not exist yet. `what` names the key in errors ("the form key").
Result<std::string> loadOrCreateKey(const std::string& keyDir, const std::string& fileName, std::size_t size,
                                    const std::string& what);

// Secrets the service must read back but a copy of the database must not reveal: the TOTP
// secrets of staff accounts. XChaCha20-Poly1305 (libsodium) under a key in the key directory,
// each sealed value bound to the record it belongs to (its associated data), so a sealed secret
// copied onto another account does not open there.
class SecretSealer {
 public:
  static Result<SecretSealer> loadOrCreate(const std::string& keyDir);
  explicit SecretSealer(std::string key);

  // A fresh random nonce then the ciphertext and its tag.
  std::string seal(const std::string& plain, const std::string& boundTo) const;
  // nullopt when the value was not sealed by this key for `boundTo`, or was changed.
  std::optional<std::string> open(const std::string& sealed, const std::string& boundTo) const;

 private:
  std::string key_;
};

}  // namespace ycr::services
