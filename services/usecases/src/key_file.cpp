// Keys in the key directory, and the sealing of secrets with one of them.

#include "ycr/services/key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ycr::services {

Result<std::string> loadOrCreateKey(const std::string& keyDir, const std::string& fileName, std::size_t size,
                                    const std::string& what) {
  if (sodium_init() < 0) return DomainError::unavailable("libsodium could not start");
  if (keyDir.empty()) return DomainError::unavailable("No key directory is configured (key_dir) for " + what);
  const std::string path = keyDir + "/" + fileName;
  std::string key(size, '\0');
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    // Created once, readable only by the service, like the card signing key beside it.
    int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out >= 0) {
      randombytes_buf(key.data(), key.size());
      bool ok = ::write(out, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(out) == 0;
      ::close(out);
      if (!ok)
        return DomainError::unavailable("Cannot write " + what + " " + path + ": " + std::strerror(errno));
      return key;
    }
    if (errno != EEXIST)
      return DomainError::unavailable("Cannot create " + what + " " + path + ": " + std::strerror(errno));
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // another process created it first
  }
  if (fd < 0)
    return DomainError::unavailable("Cannot read " + what + " " + path + ": " + std::strerror(errno));
  ssize_t n = ::read(fd, key.data(), key.size());
  char extra;
  const bool longer = n == static_cast<ssize_t>(key.size()) && ::read(fd, &extra, 1) > 0;
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()) || longer)
    return DomainError::unavailable("The file of " + what + ", " + path + ", is damaged");
  return key;
}

Result<SecretSealer> SecretSealer::loadOrCreate(const std::string& keyDir) {
  auto key = loadOrCreateKey(keyDir, "secrets.key", crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
                             "the key that seals second-factor secrets");
  if (!key) return key.error();
  return SecretSealer(std::move(key.value()));
}

SecretSealer::SecretSealer(std::string key) : key_(std::move(key)) {}

std::string SecretSealer::seal(const std::string& plain, const std::string& boundTo) const {
  std::string out(
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES,
      '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
      reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(boundTo.data()), boundTo.size(), nullptr, nonce,
      reinterpret_cast<const unsigned char*>(key_.data()));
  return out;
}

std::optional<std::string> SecretSealer::open(const std::string& sealed, const std::string& boundTo) const {
  constexpr std::size_t overhead =
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (sealed.size() < overhead) return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  std::string plain(sealed.size() - overhead, '\0');
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &length, nullptr,
          nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          sealed.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          reinterpret_cast<const unsigned char*>(boundTo.data()), boundTo.size(), nonce,
          reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return std::nullopt;
  plain.resize(length);
  return plain;
}

}  // namespace ycr::services
