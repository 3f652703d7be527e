#include "ycr/services/client_address.h"

#include <Poco/Net/IPAddress.h>

#include <cstring>

#include "ycr/core/validation.h"

namespace ycr::services {
namespace {

// An address as bytes; IPv4-mapped IPv6 (::ffff:192.0.2.1) is read as the IPv4 address it maps.
std::optional<std::pair<std::array<unsigned char, 16>, std::size_t>> addressBytes(const std::string& text) {
  Poco::Net::IPAddress a;
  if (text.empty() || !Poco::Net::IPAddress::tryParse(text, a)) return std::nullopt;
  std::array<unsigned char, 16> bytes{};
  auto length = static_cast<std::size_t>(a.length());
  if (length != 4 && length != 16) return std::nullopt;
  std::memcpy(bytes.data(), a.addr(), length);
  if (length == 16 && a.isIPv4Mapped()) {
    std::memmove(bytes.data(), bytes.data() + 12, 4);
    std::fill(bytes.begin() + 4, bytes.end(), 0);
    length = 4;
  }
  return std::make_pair(bytes, length);
}

// One X-Forwarded-For entry as an address: "192.0.2.1", "2001:db8::1", "[2001:db8::1]:443" or
// "192.0.2.1:51000" (some proxies add the port).
std::optional<std::string> forwardedAddress(std::string entry) {
  entry = validation::trim(entry);
  if (!entry.empty() && entry.front() == '[') {
    auto close = entry.find(']');
    if (close == std::string::npos) return std::nullopt;
    entry = entry.substr(1, close - 1);
  } else if (auto colon = entry.find(':');
             colon != std::string::npos && entry.find(':', colon + 1) == std::string::npos) {
    entry = entry.substr(0, colon);  // IPv4 with a port: IPv6 has more than one colon
  }
  if (!addressBytes(entry)) return std::nullopt;
  return entry;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::string& list) {
  TrustedProxies proxies;
  std::string entry;
  auto flush = [&]() -> Status {
    if (entry.empty() || entry == "none") {
      entry.clear();
      return {};
    }
    Network n;
    std::string address = entry;
    std::optional<unsigned> prefix;
    if (auto slash = entry.find('/'); slash != std::string::npos) {
      address = entry.substr(0, slash);
      const std::string bits = entry.substr(slash + 1);
      if (bits.empty() || bits.size() > 3 || bits.find_first_not_of("0123456789") != std::string::npos)
        return DomainError::field(
            "trusted_proxies", "invalid_address",
            "trusted_proxies: " + entry + " is not an address or a network (a.b.c.d/n)");
      prefix = static_cast<unsigned>(std::stoi(bits));
    }
    auto bytes = addressBytes(address);
    if (!bytes || (prefix && *prefix > bytes->second * 8))
      return DomainError::field("trusted_proxies", "invalid_address",
                                "trusted_proxies: " + entry + " is not an address or a network (a.b.c.d/n)");
    n.bytes = bytes->first;
    n.length = bytes->second;
    n.prefix = prefix.value_or(static_cast<unsigned>(n.length * 8));
    proxies.networks_.push_back(n);
    entry.clear();
    return {};
  };
  for (char c : list) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (auto s = flush(); !s) return s.error();
    } else {
      entry += c;
    }
  }
  if (auto s = flush(); !s) return s.error();
  return proxies;
}

TrustedProxies TrustedProxies::loopback() {
  return *parse("127.0.0.1, ::1");
}

bool TrustedProxies::trusts(const std::string& address) const {
  auto bytes = addressBytes(address);
  if (!bytes) return false;
  for (const auto& n : networks_) {
    if (n.length != bytes->second) continue;
    unsigned whole = n.prefix / 8, rest = n.prefix % 8;
    if (std::memcmp(n.bytes.data(), bytes->first.data(), whole) != 0) continue;
    if (rest) {
      auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
      if ((n.bytes[whole] & mask) != (bytes->first[whole] & mask)) continue;
    }
    return true;
  }
  return false;
}

std::string TrustedProxies::clientAddress(const std::string& peer,
                                          const std::vector<std::string>& forwardedFor) const {
  if (!trusts(peer)) return peer;
  std::vector<std::string> hops;
  for (const auto& value : forwardedFor) {
    std::size_t start = 0;
    while (start <= value.size()) {
      auto comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      hops.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
  }
  // From the right: each trusted proxy vouches for the address to its left, until one is not a proxy.
  std::string client = peer;
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (validation::trim(*it).empty()) continue;
    auto address = forwardedAddress(*it);
    // Not an address: whatever wrote it is not to be believed, so the last known hop is the client.
    if (!address) return client;
    client = *address;
    if (!trusts(client)) return client;
  }
  return client;
}

std::string rateLimitKey(const std::string& address) {
  auto bytes = addressBytes(address);
  if (!bytes || bytes->second == 4) return address;
  static const char* hex = "0123456789abcdef";
  std::string key;
  for (std::size_t i = 0; i < 8; ++i) {
    key += hex[bytes->first[i] >> 4];
    key += hex[bytes->first[i] & 15];
    if (i % 2 == 1) key += ':';
  }
  return key + ":/64";
}

}  // namespace ycr::services
