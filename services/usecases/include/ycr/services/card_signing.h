#pragma once
// Signed verification tokens for young carer ID cards. The QR code on a card opens
// /verify/{token}; the token names the card and carries the issuer's Ed25519 signature, so a
// forged or altered token never verifies, even before the register is asked about the card.
//
// Token format, version 1 (what an offline verifier needs):
//   token     = base64url without padding (RFC 4648 section 5) of  payload || signature   (94 chars)
//   payload   = 0x01 || the card number's 10 digits as one 5-byte big-endian unsigned integer
//               ("YC0314159266" -> 314159266 -> 00 12 b9 b0 a2); the "YC" prefix is implied
//   signature = Ed25519 (RFC 8032, pure) over  "ycr-idcard-v1" (13 ASCII bytes, no NUL) || payload
// The signature covers a context string so a signature made for another purpose with the same key
// can never pass as a card token. A token proves only that the issuer printed this number; whether
// the card is still active comes from the register. After a key is rotated, a verifier tries
// each published public key in turn.
//
// Public key publication: publicKeyPem() is an RFC 8410 SubjectPublicKeyInfo PEM block, the form
// `openssl pkey -pubin` reads; publicKeyBase64() is the raw 32-byte key in standard base64.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "ycr/core/result.h"

namespace ycr::services {

inline constexpr std::string_view kCardTokenContext = "ycr-idcard-v1";
inline constexpr unsigned char kCardTokenVersion = 1;
inline constexpr std::size_t kCardTokenLength = 94;  // characters
inline constexpr std::string_view kCardSigningKeyFile = "card-signing.key";
inline constexpr std::string_view kCardSigningPublicFile = "card-signing.pub";

class CardSigner {
 public:
  using Seed = std::array<unsigned char, 32>;
  using PublicKey = std::array<unsigned char, 32>;

  // Loads keyDir/card-signing.key (the raw 32-byte Ed25519 seed, mode 0600), or creates it when
  // absent (and keyDir itself, mode 0700). Creation is atomic: the seed is written to a temporary
  // file that is then hard-linked into place, so a concurrent `ycr serve` never sees half a key and
  // never overwrites one another instance created first. keyDir/card-signing.pub (the PEM public
  // key) is written when absent and must match the secret key when present. Errors (code
  // unavailable, detail worded for the operator): a key file of the wrong size, not a regular file,
  // or readable or writable by group or others; a public key file that does not match; I/O errors.
  static Result<CardSigner> loadOrCreate(const std::string& keyDir);
  // A signer from a known seed, for tests and for tools that hold the seed elsewhere.
  static CardSigner fromSeed(const Seed& seed);

  CardSigner(CardSigner&& other) noexcept;
  CardSigner& operator=(CardSigner&& other) noexcept;
  CardSigner(const CardSigner&) = delete;
  CardSigner& operator=(const CardSigner&) = delete;
  ~CardSigner();  // wipes the secret key

  // The token for a card number in any spelling normaliseCardNumber accepts; a validation error
  // (field "number") if it is not a valid card number.
  Result<std::string> token(std::string_view cardNumber) const;
  // The card number (stored form, "YC0314159266") when the token is genuine and signed by this
  // key. Anything else - malformed, truncated, extended, altered, another key's or another
  // version's token - is an error: malformed when it cannot be a token at all, not_found when the
  // signature does not hold ("not a genuine card").
  Result<std::string> verify(std::string_view token) const;
  // The same check against a published public key, for verifiers that hold no secret.
  static Result<std::string> verifyWith(const PublicKey& publicKey, std::string_view token);

  const PublicKey& publicKey() const { return publicKey_; }
  std::string publicKeyBase64() const;
  std::string publicKeyPem() const;

 private:
  CardSigner() = default;
  std::array<unsigned char, 64> secretKey_{};  // libsodium's form: seed || public key
  PublicKey publicKey_{};
};

}  // namespace ycr::services
