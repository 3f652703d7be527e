#pragma once
// The random choices ycr demo-data makes (demo_data.cpp and its parts), each part from its own
// generator seeded from the run's seed, so that a register is reproduced exactly from it.

#include <array>
#include <random>
#include <vector>

namespace ycr::services::demo {

using Rng = std::mt19937_64;

template <class T>
struct Weighted {
  T value;
  int weight;
};

template <class T, std::size_t N>
const T& pick(Rng& rng, const std::array<Weighted<T>, N>& items) {
  int total = 0;
  for (const auto& i : items) total += i.weight;
  int r = std::uniform_int_distribution<int>(0, total - 1)(rng);
  for (const auto& i : items) {
    if (r < i.weight) return i.value;
    r -= i.weight;
  }
  return items.back().value;
}

template <class T>
const T& oneOf(Rng& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

inline int between(Rng& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

inline bool chance(Rng& rng, double p) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

}  // namespace ycr::services::demo
