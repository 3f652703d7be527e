#include "ycr/core/disclosure_noise.h"

#include <sodium.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace ycr {

DeterministicStream::DeterministicStream(const std::array<unsigned char, 32>& seed) : seed_(seed) {}

void DeterministicStream::refill() {
  static const std::array<unsigned char, crypto_stream_chacha20_ietf_NONCEBYTES> nonce{};
  buffer_.fill(0);
  crypto_stream_chacha20_ietf_xor_ic(buffer_.data(), buffer_.data(), buffer_.size(), nonce.data(), block_,
                                     seed_.data());
  block_ += static_cast<std::uint32_t>(buffer_.size() / 64);
  used_ = 0;
}

std::uint64_t DeterministicStream::next64() {
  if (used_ + 8 > buffer_.size()) refill();
  std::uint64_t x = 0;
  for (int i = 0; i < 8; ++i) x = (x << 8) | buffer_[used_++];
  return x;
}

std::uint64_t DeterministicStream::below(std::uint64_t n) {
  if (n <= 1) return 0;
  // The largest multiple of n that fits, so every residue is equally likely.
  const std::uint64_t limit =
      std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % n;
  for (;;) {
    const std::uint64_t x = next64();
    if (x < limit) return x % n;
  }
}

bool DeterministicStream::bernoulli(std::uint64_t numerator, std::uint64_t denominator) {
  return below(denominator) < numerator;
}

namespace {

// 128-bit intermediates: the squared distance below can pass 2^64 in the discrete Laplace's far tail.
__extension__ typedef unsigned __int128 u128;
__extension__ typedef __int128 i128;

// Bernoulli(exp(-a/b)) for 0 <= a/b <= 1: CKS Algorithm 1 (von Neumann's series).
bool bernoulliExpUnit(DeterministicStream& bits, std::uint64_t a, std::uint64_t b) {
  std::uint64_t k = 1;
  while (bits.bernoulli(a, b * k)) ++k;
  return k % 2 == 1;
}

// Bernoulli(exp(-a/b)) for any a/b >= 0: one Bernoulli(exp(-1)) per whole unit, then the fraction.
bool bernoulliExp(DeterministicStream& bits, u128 a, std::uint64_t b) {
  while (a >= b) {
    if (!bernoulliExpUnit(bits, 1, 1)) return false;
    a -= b;
  }
  return bernoulliExpUnit(bits, static_cast<std::uint64_t>(a), b);
}

// The discrete Laplace distribution with scale t (P(x) proportional to exp(-|x|/t)): CKS Algorithm 2.
long long discreteLaplace(DeterministicStream& bits, std::uint64_t t) {
  for (;;) {
    const std::uint64_t u = bits.below(t);
    if (!bernoulliExp(bits, u, t)) continue;
    std::uint64_t v = 0;
    while (bernoulliExpUnit(bits, 1, 1)) ++v;
    const std::uint64_t x = u + t * v;
    const bool negative = bits.bernoulli(1, 2);
    if (negative && x == 0) continue;
    return negative ? -static_cast<long long>(x) : static_cast<long long>(x);
  }
}

}  // namespace

long long sampleDiscreteGaussian(DeterministicStream& bits, long long sigmaHundredths) {
  if (sigmaHundredths < 1 || sigmaHundredths > 5000) throw std::invalid_argument("sigma out of range");
  // sigma^2 = s2 / 10000 exactly.
  const std::uint64_t s2 =
      static_cast<std::uint64_t>(sigmaHundredths) * static_cast<std::uint64_t>(sigmaHundredths);
  const std::uint64_t t = static_cast<std::uint64_t>(sigmaHundredths / 100) + 1;
  for (;;) {
    // CKS Algorithm 3: accept a discrete Laplace draw y with probability
    // exp(-(|y| - sigma^2/t)^2 / (2 sigma^2)) = exp(-(|y| 10000 t - s2)^2 / (2 * 10000 * t^2 * s2)).
    const long long y = discreteLaplace(bits, t);
    const std::uint64_t magnitude = static_cast<std::uint64_t>(y < 0 ? -y : y);
    const i128 diff = static_cast<i128>(magnitude) * 10000 * t - static_cast<i128>(s2);
    const u128 numerator = static_cast<u128>(diff * diff);
    const std::uint64_t denominator = 2ULL * 10000ULL * t * t * s2;
    if (bernoulliExp(bits, numerator, denominator)) return y;
  }
}

CellNoise::CellNoise(const NoiseKey& key, double sigma)
    : key_(key), sigmaHundredths_(std::llround(sigma * 100)) {
  if (!(sigma >= 0) || sigma > 50) throw std::invalid_argument("CellNoise: sigma must be in [0, 50]");
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

long long CellNoise::noise(std::string_view identity, long long trueValue) const {
  if (sigmaHundredths_ == 0) return 0;
  std::string message(identity);
  message += '\0';
  message += std::to_string(trueValue);
  std::array<unsigned char, 32> seed{};
  crypto_generichash(seed.data(), seed.size(), reinterpret_cast<const unsigned char*>(message.data()),
                     message.size(), key_.data(), key_.size());
  DeterministicStream bits(seed);
  return sampleDiscreteGaussian(bits, sigmaHundredths_);
}

}  // namespace ycr
