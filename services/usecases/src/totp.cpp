#include "ycr/services/totp.h"

#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/URI.h>
#include <qrencode.h>
#include <sodium.h>

#include <memory>

namespace ycr::services::totp {

long long stepAt(Timestamp t) {
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  return seconds / kStepSeconds;
}

std::string code(const std::string& secret, long long step, int digits) {
  // libsodium has no HMAC-SHA1, which RFC 6238 authenticators use; Poco Foundation's does.
  Poco::HMACEngine<Poco::SHA1Engine> hmac(secret);
  unsigned char counter[8];
  for (int i = 7; i >= 0; --i) {
    counter[i] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  hmac.update(counter, sizeof counter);
  const auto& mac = hmac.digest();
  const int offset = mac[19] & 0x0f;
  const unsigned long binary = (static_cast<unsigned long>(mac[offset] & 0x7f) << 24) |
                               (static_cast<unsigned long>(mac[offset + 1]) << 16) |
                               (static_cast<unsigned long>(mac[offset + 2]) << 8) | mac[offset + 3];
  unsigned long modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string out = std::to_string(binary % modulus);
  return std::string(static_cast<std::size_t>(digits) - out.size(), '0') + out;
}

std::optional<long long> match(const std::string& secret, const std::string& given, Timestamp now) {
  if (secret.empty() || given.size() != 6) return std::nullopt;
  const long long current = stepAt(now);
  std::optional<long long> found;
  for (long long step = current - 1; step <= current + 1; ++step) {
    auto expected = code(secret, step);
    if (sodium_memcmp(expected.data(), given.data(), expected.size()) == 0 && !found) found = step;
  }
  return found;
}

std::string base32(const std::string& bytes) {
  static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string provisioningUri(const std::string& issuer, const std::string& account,
                            const std::string& secret) {
  std::string label, iss;
  Poco::URI::encode(issuer + ":" + account, ":/?#[]@!$&'()*+,;=% ", label);
  Poco::URI::encode(issuer, ":/?#[]@!$&'()*+,;=% ", iss);
  return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + iss +
         "&algorithm=SHA1&digits=6&period=30";
}

namespace {
struct QrDeleter {
  void operator()(QRcode* c) const { QRcode_free(c); }
};
}  // namespace

std::optional<std::string> qrSvg(const std::string& text) {
  std::unique_ptr<QRcode, QrDeleter> qr(QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return std::nullopt;
  const int quiet = 4, size = qr->width + 2 * quiet;
  std::string path;
  for (int y = 0; y < qr->width; ++y)
    for (int x = 0; x < qr->width; ++x)
      if (qr->data[y * qr->width + x] & 1)
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(size) + " " +
         std::to_string(size) + "\" width=\"" + std::to_string(size * 5) + "\" height=\"" +
         std::to_string(size * 5) +
         "\" role=\"img\" aria-label=\"QR code for your authenticator app\" shape-rendering=\"crispEdges\">"
         "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"" +
         path + "\"/></svg>";
}

}  // namespace ycr::services::totp

namespace ycr::services::totp {
std::optional<std::string> fromBase32(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    int v;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a';
    else if (c >= '2' && c <= '7')
      v = c - '2' + 26;
    else if (c == ' ' || c == '=' || c == '-')
      continue;
    else
      return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}
}  // namespace ycr::services::totp
