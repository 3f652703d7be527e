// The HTTP request line and header fields as the server reads them (Poco's HTTPRequest::read over a
// stream), then the project's own handling of what it read, as the API's dispatch does it: the
// address and query string (Poco::URI), the client's address through trusted proxies from every
// X-Forwarded-For field (client_address.cpp), and the rate-limit key of that address. A request
// Poco reads writes back to one it reads the same; the client address is the peer or an address
// a trusted proxy wrote.
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/IPAddress.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <sstream>

#include "fuzz_support.h"
#include "ycr/services/client_address.h"

using namespace ycr;
using namespace ycr::services;

namespace {

const TrustedProxies& proxies() {
  static const TrustedProxies p = *TrustedProxies::parse("127.0.0.1, ::1, 10.0.0.0/8, fd00::/8");
  return p;
}

// What RFC 9112 allows in a request line's parts and header fields: visible ASCII (and, in values,
// spaces and tabs). Poco also reads other bytes leniently; only well-formed requests must round-trip.
bool visible(const std::string& s, bool spaces = false) {
  for (unsigned char c : s)
    if (!((c > 0x20 && c < 0x7f) || (spaces && (c == ' ' || c == '\t')))) return false;
  return true;
}

bool wellFormed(const Poco::Net::HTTPRequest& r) {
  if (!visible(r.getMethod()) || !visible(r.getURI()) ||
      (r.getVersion() != "HTTP/1.0" && r.getVersion() != "HTTP/1.1"))
    return false;
  for (const auto& [name, value] : r)
    if (name.empty() || !visible(name) || name.find(':') != std::string::npos || !visible(value, true))
      return false;
  return true;
}

bool isAddress(const std::string& text) {
  Poco::Net::IPAddress a;
  return Poco::Net::IPAddress::tryParse(text, a);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(fuzz::text(data, size));
  Poco::Net::HTTPRequest request;
  try {
    std::istringstream in(input);
    request.read(in);
  } catch (const Poco::Exception&) {
    return 0;  // the server answers 400 and closes
  }

  // Written back and read again, a well-formed request is the same.
  std::ostringstream written;
  request.write(written);
  Poco::Net::HTTPRequest again;
  try {
    std::istringstream in(written.str());
    again.read(in);
  } catch (const Poco::Exception& e) {
    if (wellFormed(request))
      fuzz::fail(__FILE__, __LINE__, "a written request does not read back",
                 input + " -> " + written.str() + " : " + e.displayText());
  }
  if (wellFormed(request))
    FUZZ_CHECK(again.getMethod() == request.getMethod() && again.getURI() == request.getURI() &&
                   again.getVersion() == request.getVersion() && again.size() == request.size(),
               input + " -> " + written.str());

  // The address and query string, as dispatch reads them: refused or read, never thrown past.
  try {
    Poco::URI uri(request.getURI());
    (void)uri.getPath();
    (void)uri.getQueryParameters();
  } catch (const Poco::Exception&) {
  }

  // The client behind trusted proxies: every X-Forwarded-For field, in order.
  std::vector<std::string> forwardedFor;
  for (auto it = request.find("X-Forwarded-For");
       it != request.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0; ++it)
    forwardedFor.push_back(it->second);
  for (const std::string peer : {"127.0.0.1", "192.0.2.7", "::ffff:127.0.0.1", "10.1.2.3"}) {
    const std::string client = proxies().clientAddress(peer, forwardedFor);
    FUZZ_CHECK(client == peer || isAddress(client), input + " -> " + client);
    if (!proxies().trusts(peer)) FUZZ_CHECK(client == peer, input);
    const std::string key = rateLimitKey(client);
    FUZZ_CHECK(!key.empty(), input);
  }
  return 0;
}
