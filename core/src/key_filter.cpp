#include "ycr/core/key_filter.h"

#include <algorithm>
#include <functional>

namespace ycr {
namespace {

constexpr std::size_t kKeysPerBlock = 16;  // 256 bits a block: 16 bits a key
// The Parquet specification's salts: odd constants, one per word, each picking the bit it sets.
constexpr std::uint32_t kSalt[8] = {0x47b6137bU, 0x44974d91U, 0x8824ad5bU, 0xa2b7289dU,
                                    0x705495c7U, 0x2df1424bU, 0x9efc4947U, 0x5c6bfb31U};

std::uint64_t hashOf(std::string_view key) {
  return std::hash<std::string_view>{}(key);
}

std::uint32_t bitOf(std::uint64_t hash, int word) {
  return std::uint32_t{1} << ((static_cast<std::uint32_t>(hash) * kSalt[word]) >> 27);
}

}  // namespace

KeyFilter::KeyFilter(std::size_t capacity)
    : blocks_(std::max<std::size_t>(1, (capacity + kKeysPerBlock - 1) / kKeysPerBlock), Block{}),
      capacity_(blocks_.size() * kKeysPerBlock) {}

std::size_t KeyFilter::blockOf(std::uint64_t hash) const {
  // The high half of the hash picks the block, the low half the bits within it.
  return static_cast<std::size_t>(((hash >> 32) * blocks_.size()) >> 32);
}

void KeyFilter::add(std::string_view key) {
  const auto hash = hashOf(key);
  auto& block = blocks_[blockOf(hash)];
  for (int w = 0; w < 8; ++w) block.words[w] |= bitOf(hash, w);
  ++size_;
}

bool KeyFilter::mayContain(std::string_view key) const {
  const auto hash = hashOf(key);
  const auto& block = blocks_[blockOf(hash)];
  for (int w = 0; w < 8; ++w)
    if (!(block.words[w] & bitOf(hash, w))) return false;
  return true;
}

}  // namespace ycr
