// The browser's session: the cookie that carries the API's session token, and the synchroniser
// tokens (CSRF) that every form posts back.

#include <sodium.h>

#include "ycr/services/key_file.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

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

CsrfTokens::CsrfTokens(std::string key) : key_(std::move(key)) {}

Result<CsrfTokens> CsrfTokens::loadOrCreate(const std::string& keyDir) {
  auto key = loadOrCreateKey(keyDir, "csrf.key", crypto_auth_hmacsha256_KEYBYTES, "the form key");
  if (!key) return key.error();
  return CsrfTokens(std::move(key.value()));
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
