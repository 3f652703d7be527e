#pragma once
// Random identifiers handed to people: bearer tokens and referral references. Injected
// as an interface so tests can make them predictable.

#include <cstddef>
#include <string>

namespace ycr {

class IdSource {
 public:
  virtual ~IdSource() = default;
  // A 256-bit random bearer token, base64url without padding.
  virtual std::string token() = 0;
  // A referral reference a person can read over the phone: "YCR-" and 8 Crockford base32
  // characters in two groups (no I, L, O or U), e.g. "YCR-7K3M-Q9TX".
  virtual std::string referralReference() = 0;
};

class RandomIdSource final : public IdSource {
 public:
  std::string token() override;
  std::string referralReference() override;
};

// Hex SHA-256, used to store tokens as hashes.
std::string sha256Hex(const std::string& data);
// Constant-time comparison of equal-length strings.
bool constantTimeEquals(const std::string& a, const std::string& b);

}  // namespace ycr
