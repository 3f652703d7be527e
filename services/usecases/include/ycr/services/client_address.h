#pragma once
// Who is on the other end of a request. Behind a reverse proxy every connection comes from the
// proxy, so the client's address is read from X-Forwarded-For, but only as far as the proxies we
// trust wrote it: the header is read from the right, skipping addresses of trusted proxies, and the
// first address that is not one is the client. Anything further left was written by the client
// and could say anything; a connection from an address that is not a trusted proxy is its own
// client whatever its headers say.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/result.h"

namespace ycr::services {

class TrustedProxies {
 public:
  // "127.0.0.1, ::1, 10.0.0.0/8": addresses and CIDR networks, separated by commas or spaces;
  // "none" (or empty) trusts no proxy. Errors name the entry that cannot be read.
  static Result<TrustedProxies> parse(const std::string& list);
  // The default: the proxy on this machine (deploy/nginx.conf), exactly 127.0.0.1 and ::1.
  static TrustedProxies loopback();

  bool trusts(const std::string& address) const;
  // The client's address, given the connection's peer and every X-Forwarded-For value in order.
  std::string clientAddress(const std::string& peer, const std::vector<std::string>& forwardedFor) const;

 private:
  struct Network {
    std::array<unsigned char, 16> bytes{};
    std::size_t length = 4;  // 4 (IPv4) or 16 (IPv6)
    unsigned prefix = 32;
  };
  std::vector<Network> networks_;
};

// The key a rate limit counts an address under: an IPv4 address itself, an IPv6 address's /64
// network (one subscriber's allocation, which a client can otherwise walk through freely).
std::string rateLimitKey(const std::string& address);

}  // namespace ycr::services
