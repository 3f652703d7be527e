#include "ycr/core/disclosure_noise.h"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <map>
#include <set>
#include <string>

using namespace ycr;

namespace {

NoiseKey keyOf(unsigned char b) {
  NoiseKey k{};
  k.fill(b);
  return k;
}

// P(x) for the discrete Gaussian N_Z(0, sigma^2): exp(-x^2 / 2 sigma^2), normalised over the integers.
std::map<long long, double> pmf(double sigma) {
  std::map<long long, double> p;
  double total = 0;
  for (long long x = -200; x <= 200; ++x)
    total += p[x] = std::exp(-static_cast<double>(x * x) / (2 * sigma * sigma));
  for (auto& [x, v] : p) v /= total;
  return p;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(disclosure_noise_test)

BOOST_AUTO_TEST_CASE(the_same_cell_and_value_always_get_the_same_noise) {
  const CellNoise noise(keyOf(7), 2.0);
  for (int i = 0; i < 50; ++i) {
    const std::string id = "count\x1freferrals_received\x1froute=gp\x1f" + std::to_string(i);
    BOOST_TEST(noise.noise(id, 3) == noise.noise(id, 3));
    BOOST_TEST(CellNoise(keyOf(7), 2.0).noise(id, 3) == noise.noise(id, 3));
  }
}

BOOST_AUTO_TEST_CASE(another_key_value_or_cell_is_an_independent_draw) {
  const CellNoise a(keyOf(1), 3.0), b(keyOf(2), 3.0);
  int sameKey = 0, sameValue = 0, sameCell = 0;
  for (int i = 0; i < 400; ++i) {
    const std::string id = "cell" + std::to_string(i);
    sameKey += a.noise(id, 5) == b.noise(id, 5);
    sameValue += a.noise(id, 5) == a.noise(id, 6);
    sameCell += a.noise(id, 5) == a.noise(id + "x", 5);
  }
  // Two independent draws with sigma 3 agree about 9.4% of the time (sum of P(x)^2): 38 in 400.
  for (int same : {sameKey, sameValue, sameCell}) {
    BOOST_TEST(same > 15);
    BOOST_TEST(same < 70);
  }
}

BOOST_AUTO_TEST_CASE(draws_follow_the_discrete_gaussian) {
  for (double sigma : {1.0, 2.0, 3.5}) {
    const CellNoise noise(keyOf(9), sigma);
    const int n = 40000;
    std::map<long long, int> seen;
    double sum = 0, squares = 0;
    for (int i = 0; i < n; ++i) {
      const long long x = noise.noise("draw" + std::to_string(i), 0);
      ++seen[x];
      sum += static_cast<double>(x);
      squares += static_cast<double>(x * x);
    }
    const double mean = sum / n, variance = squares / n - mean * mean;
    BOOST_TEST_CONTEXT("sigma " << sigma) {
      BOOST_TEST(std::abs(mean) < 4 * sigma / std::sqrt(n));
      // The discrete Gaussian's variance is within 1e-3 of sigma^2 for sigma >= 1.
      BOOST_TEST(std::abs(variance / (sigma * sigma) - 1) < 0.04);
      // Pearson's chi-square over the values with an expected count of at least 20.
      const auto p = pmf(sigma);
      double chi = 0;
      int bins = 0;
      for (const auto& [x, px] : p) {
        if (px * n < 20) continue;
        const double expected = px * n;
        const double d = seen[x] - expected;
        chi += d * d / expected;
        ++bins;
      }
      // 99.9th percentile of chi-square with bins - 1 degrees of freedom, conservatively 2 * (bins - 1) + 20.
      BOOST_TEST(chi < 2.0 * (bins - 1) + 20);
    }
  }
}

BOOST_AUTO_TEST_CASE(no_noise_when_sigma_is_zero) {
  const CellNoise none(keyOf(3), 0);
  for (long long v : {0LL, 1LL, 7LL, 1000LL}) BOOST_TEST(none.protect("any", v) == v);
}

BOOST_AUTO_TEST_CASE(a_sigma_out_of_range_is_a_bug) {
  BOOST_CHECK_THROW(CellNoise(keyOf(3), -1), std::invalid_argument);
  BOOST_CHECK_THROW(CellNoise(keyOf(3), 51), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_stream_is_uniform_and_fixed_by_its_seed) {
  std::array<unsigned char, 32> seed{};
  DeterministicStream a(seed), b(seed);
  std::map<std::uint64_t, int> counts;
  for (int i = 0; i < 60000; ++i) {
    const auto x = a.below(6);
    BOOST_TEST_REQUIRE(x == b.below(6));
    ++counts[x];
  }
  for (const auto& [x, c] : counts) {
    BOOST_TEST(x < 6u);
    BOOST_TEST(std::abs(c - 10000) < 400);
  }
}

BOOST_AUTO_TEST_SUITE_END()
