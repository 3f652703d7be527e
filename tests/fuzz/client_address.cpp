// The trusted_proxies setting and X-Forwarded-For values (services/client_address.cpp). Input: the
// proxies list, a newline, the connection's peer, a newline, then X-Forwarded-For values one a line.
// A list either reads or is refused naming the entry; the client is the peer unless the peer is a
// trusted proxy, and then an address one of the values gave; a proxy always trusts itself.
#include "ycr/services/client_address.h"

#include <Poco/Net/IPAddress.h>

#include "fuzz_support.h"

using namespace ycr;
using namespace ycr::services;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest = fuzz::text(data, size);
  const std::string input(rest);
  const std::string list(fuzz::take(rest, "\n"));
  const std::string peer(fuzz::take(rest, "\n"));
  std::vector<std::string> forwardedFor;
  while (!rest.empty() && forwardedFor.size() < 32) forwardedFor.emplace_back(fuzz::take(rest, "\n"));

  auto proxies = TrustedProxies::parse(list);
  if (!proxies) {
    FUZZ_CHECK(proxies.error().fields.size() == 1 && proxies.error().fields[0].field == "trusted_proxies",
               input);
    return 0;
  }
  // Each plain address in the list is trusted.
  std::string_view entries = list;
  while (!entries.empty()) {
    std::string entry(fuzz::take(entries, ","));
    entry.erase(0, entry.find_first_not_of(" \t"));
    entry.erase(entry.find_last_not_of(" \t") + 1);
    Poco::Net::IPAddress a;
    if (entry.find_first_of(" \t/") == std::string::npos && Poco::Net::IPAddress::tryParse(entry, a))
      FUZZ_CHECK(proxies->trusts(entry), input + " : " + entry);
  }
  const std::string client = proxies->clientAddress(peer, forwardedFor);
  if (!proxies->trusts(peer)) {
    FUZZ_CHECK(client == peer, input);
  } else if (client != peer) {
    Poco::Net::IPAddress a;
    FUZZ_CHECK(Poco::Net::IPAddress::tryParse(client, a), input + " -> " + client);
    bool given = false;
    for (const auto& v : forwardedFor) given = given || v.find(client) != std::string::npos;
    FUZZ_CHECK(given, input + " -> " + client);
  }
  (void)rateLimitKey(peer);
  (void)rateLimitKey(client);
  return 0;
}
