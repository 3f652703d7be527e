#pragma once
// The noise of disclosure control (disclosure.h, PROTECT ONCE, DERIVE EVERYTHING): every base cell
// gets one draw from the discrete Gaussian distribution N_Z(0, sigma^2), fixed by a secret key, the
// cell's identity and its true value, so asking for the same cell again returns the same figure and
// there is nothing to average away.
//
// The sampler is the exact one of Canonne, Kamath and Steinke, "The Discrete Gaussian for
// Differential Privacy" (NeurIPS 2020), Algorithms 1-3: rejection from a discrete Laplace using only
// integer arithmetic and uniform integers, so there is no floating-point rounding to leak through
// (Mironov, "On Significance of the Least Significant Bits for Differential Privacy", CCS 2012).
// sigma is held as a whole number of hundredths, so sigma^2 is an exact rational.
// The uniform integers come from ChaCha20 (libsodium) keyed by BLAKE2b(key, identity, value):
// without the key the draws are unpredictable; with it (the database holds it) they can be reproduced.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ycr {

using NoiseKey = std::array<unsigned char, 32>;

// A stream of uniform random integers, fixed by its 32-byte seed.
class DeterministicStream {
 public:
  explicit DeterministicStream(const std::array<unsigned char, 32>& seed);
  std::uint64_t next64();
  // Uniform in [0, n), n >= 1, by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t n);
  // True with probability numerator / denominator (0 <= numerator <= denominator, denominator >= 1).
  bool bernoulli(std::uint64_t numerator, std::uint64_t denominator);

 private:
  void refill();
  std::array<unsigned char, 32> seed_;
  std::array<unsigned char, 512> buffer_{};
  std::size_t used_ = 512;
  std::uint32_t block_ = 0;
};

// One draw from N_Z(0, sigma^2) with sigma = sigmaHundredths / 100 (1 to 5000: the integer
// arithmetic below stays inside 64 bits up to sigma 50).
long long sampleDiscreteGaussian(DeterministicStream& bits, long long sigmaHundredths);

// The noise of disclosure control: noise(identity, value) is the same number every time for the same
// key, sigma, identity and true value, and an independent draw for any other.
class CellNoise {
 public:
  // sigma: the noise's standard deviation; 0 adds none (only for tests of the counting rules: the
  // configuration never gives it, see Config::disclosureNoiseSigma).
  CellNoise(const NoiseKey& key, double sigma);
  long long noise(std::string_view identity, long long trueValue) const;
  long long protect(std::string_view identity, long long trueValue) const {
    return trueValue + noise(identity, trueValue);
  }
  double sigma() const { return static_cast<double>(sigmaHundredths_) / 100.0; }

 private:
  NoiseKey key_;
  long long sigmaHundredths_;
};

}  // namespace ycr
