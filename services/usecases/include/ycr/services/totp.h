#pragma once
// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA1, 30-second steps,
// 6 digits, the form every authenticator app reads from an otpauth:// QR code.

#include <optional>
#include <string>

#include "ycr/core/time.h"

namespace ycr::services::totp {

inline constexpr int kStepSeconds = 30;

// The time step a moment falls in (Unix seconds / 30).
long long stepAt(Timestamp t);
// The code for a step, `digits` long, zero-padded (RFC 4226 dynamic truncation).
std::string code(const std::string& secret, long long step, int digits = 6);
// The step a code matches at `now`, allowing one step either side for clock drift; nullopt when
// it matches none. Compared in constant time.
std::optional<long long> match(const std::string& secret, const std::string& code, Timestamp now);
// RFC 4648 base32 without padding, as authenticator apps take secrets.
std::string base32(const std::string& bytes);
// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string provisioningUri(const std::string& issuer, const std::string& account, const std::string& secret);
// A QR code of `text` as an SVG image (black modules on white with a quiet zone), or nullopt when
// the text is too long for one.
std::optional<std::string> qrSvg(const std::string& text);

}  // namespace ycr::services::totp

namespace ycr::services::totp {
// The bytes of an RFC 4648 base32 text (case and spaces ignored); nullopt when it is not base32.
std::optional<std::string> fromBase32(const std::string& text);
}  // namespace ycr::services::totp
