// The browser's session: the cookie that carries the API's session token, and the synchroniser
// tokens (CSRF) that every form posts back.

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string hex(const unsigned char* data, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

std::string attributes(const CookieSettings& settings) {
  // Strict: the browser never sends the cookie with a request started by another site.
  return std::string("; Path=/; HttpOnly; SameSite=Strict") + (settings.secure ? "; Secure" : "");
}

}  // namespace

std::string sessionCookie(const std::string& token, const CookieSettings& settings) {
  // No Max-Age: a session cookie, gone when the browser closes; the server expires it too.
  return std::string(kSessionCookie) + "=" + token + attributes(settings);
}

std::string expiredSessionCookie(const CookieSettings& settings) {
  return std::string(kSessionCookie) + "=" + attributes(settings) + "; Max-Age=0";
}

std::string signInCookie(const std::string& nonce, const CookieSettings& settings) {
  return std::string(kSignInCookie) + "=" + nonce + attributes(settings);
}

std::string randomToken() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  return hex(bytes, sizeof bytes);
}

CsrfTokens::CsrfTokens(std::string key) : key_(std::move(key)) {}

Result<CsrfTokens> CsrfTokens::loadOrCreate(const std::string& keyDir) {
  if (sodium_init() < 0) return DomainError::unavailable("libsodium could not start");
  const std::string path = keyDir + "/csrf.key";
  std::string key(crypto_auth_hmacsha256_KEYBYTES, '\0');
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    // Created once, readable only by the service, like the card signing key beside it.
    int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out >= 0) {
      crypto_auth_hmacsha256_keygen(reinterpret_cast<unsigned char*>(key.data()));
      bool ok = ::write(out, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(out) == 0;
      ::close(out);
      if (!ok) return DomainError::unavailable("Cannot write the form key " + path + ": " + std::strerror(errno));
      return CsrfTokens(std::move(key));
    }
    if (errno != EEXIST)
      return DomainError::unavailable("Cannot create the form key " + path + ": " + std::strerror(errno));
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // another process created it first
  }
  if (fd < 0) return DomainError::unavailable("Cannot read the form key " + path + ": " + std::strerror(errno));
  ssize_t n = ::read(fd, key.data(), key.size());
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()))
    return DomainError::unavailable("The form key " + path + " is damaged; delete it to make a new one");
  return CsrfTokens(std::move(key));
}

std::string CsrfTokens::tokenFor(const std::string& secret) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key_.data()), key_.size());
  static const char label[] = "ycr csrf v1\n";
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(label), sizeof label - 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return hex(mac, sizeof mac);
}

bool CsrfTokens::verify(const std::string& secret, const std::string& token) const {
  if (secret.empty()) return false;
  std::string expected = tokenFor(secret);
  if (token.size() != expected.size()) return false;
  return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

}  // namespace ycr::services::web
