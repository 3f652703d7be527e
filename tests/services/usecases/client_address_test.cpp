// The client's address behind trusted proxies (client_address.cpp), and sign-in throttling keyed
// on it through the real HTTP server: a forged X-Forwarded-For from an untrusted peer is ignored.

#include "ycr/services/client_address.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;

namespace {

TrustedProxies proxies(const std::string& list) {
  auto p = TrustedProxies::parse(list);
  BOOST_REQUIRE_MESSAGE(p, (p ? "" : p.error().detail));
  return *p;
}

// A sign-in through the server with the given X-Forwarded-For values (as from a proxy on loopback).
int signInStatus(int port, const std::string& username, const std::string& password,
                 const std::vector<std::string>& forwardedFor) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/v1/sessions", "HTTP/1.1");
  for (const auto& f : forwardedFor) request.add("X-Forwarded-For", f);
  const std::string body = R"({"username":")" + username + R"(","password":")" + password + "\"}";
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  auto& in = session.receiveResponse(response);
  std::string ignored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return static_cast<int>(response.getStatus());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client_address_test)

BOOST_AUTO_TEST_CASE(a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_says) {
  auto p = proxies("127.0.0.1, ::1");
  BOOST_TEST(p.clientAddress("198.51.100.7", {"203.0.113.1"}) == "198.51.100.7");
  BOOST_TEST(p.clientAddress("127.0.0.2", {"203.0.113.1"}) == "127.0.0.2");  // exactly 127.0.0.1, not 127/8
}

BOOST_AUTO_TEST_CASE(forwarded_for_is_read_from_the_right_through_trusted_proxies_only) {
  auto p = proxies("127.0.0.1 ::1 10.0.0.0/8");
  // nginx on this machine: the address it saw.
  BOOST_TEST(p.clientAddress("127.0.0.1", {"198.51.100.7"}) == "198.51.100.7");
  BOOST_TEST(p.clientAddress("::1", {"2001:db8::7"}) == "2001:db8::7");
  // A client's own entries to the left are not believed: the first untrusted from the right wins.
  BOOST_TEST(p.clientAddress("127.0.0.1", {"6.6.6.6, 198.51.100.7"}) == "198.51.100.7");
  BOOST_TEST(p.clientAddress("127.0.0.1", {"6.6.6.6", "198.51.100.7"}) ==
             "198.51.100.7");  // two header lines
  // A load balancer in front (10.1.2.3, trusted) passes its client on.
  BOOST_TEST(p.clientAddress("127.0.0.1", {"6.6.6.6, 198.51.100.7, 10.1.2.3"}) == "198.51.100.7");
  // Ports and brackets some proxies add.
  BOOST_TEST(p.clientAddress("127.0.0.1", {"198.51.100.7:51000"}) == "198.51.100.7");
  BOOST_TEST(p.clientAddress("127.0.0.1", {"[2001:db8::7]:443"}) == "2001:db8::7");
  // Nothing forwarded, or something that is not an address: the nearest known hop.
  BOOST_TEST(p.clientAddress("127.0.0.1", {}) == "127.0.0.1");
  BOOST_TEST(p.clientAddress("127.0.0.1", {"not-an-address"}) == "127.0.0.1");
  BOOST_TEST(p.clientAddress("127.0.0.1", {"junk, 10.1.2.3"}) == "10.1.2.3");
  // Only proxies all the way: the furthest of them.
  BOOST_TEST(p.clientAddress("127.0.0.1", {"10.9.9.9"}) == "10.9.9.9");
}

BOOST_AUTO_TEST_CASE(none_trusts_no_proxy_and_bad_entries_are_refused) {
  auto none = proxies("none");
  BOOST_TEST(none.clientAddress("127.0.0.1", {"198.51.100.7"}) == "127.0.0.1");
  BOOST_TEST(proxies("").clientAddress("127.0.0.1", {"198.51.100.7"}) == "127.0.0.1");
  BOOST_TEST(!TrustedProxies::parse("127.0.0.1, localhost"));
  BOOST_TEST(!TrustedProxies::parse("10.0.0.0/33"));
  BOOST_TEST(!TrustedProxies::parse("10.0.0.0/"));
  BOOST_TEST(proxies("192.168.0.0/16").trusts("192.168.200.1"));
  BOOST_TEST(!proxies("192.168.0.0/16").trusts("192.169.0.1"));
  BOOST_TEST(proxies("2001:db8::/32").trusts("2001:db8:ffff::1"));
  BOOST_TEST(proxies("127.0.0.1").trusts("::ffff:127.0.0.1"));  // IPv4-mapped is the IPv4 address
  Config c;
  BOOST_TEST(!c.set("trusted_proxies", "10.0.0.0/8, nginx"));
  BOOST_TEST(static_cast<bool>(c.set("trusted_proxies", "10.0.0.0/8, ::1")));
}

BOOST_AUTO_TEST_CASE(an_ipv6_client_is_rate_limited_by_its_64) {
  BOOST_TEST(rateLimitKey("198.51.100.7") == "198.51.100.7");
  BOOST_TEST(rateLimitKey("2001:db8:1:2:aaaa::1") == rateLimitKey("2001:db8:1:2:bbbb::9"));
  BOOST_TEST(rateLimitKey("2001:db8:1:2::1") != rateLimitKey("2001:db8:1:3::1"));
}

BOOST_AUTO_TEST_CASE(through_the_server_the_forwarded_address_is_the_one_throttled) {
  test_support::ServiceFixture s("client-address", "2024-03-04T10:00:00Z");
  s.config.signInFreeAttempts = 2;  // the address allows 8 failures with any names
  s.start();
  auto org = s.organisation("Young carers service", OrganisationKind::carers_centre);
  s.user("caseworker", Role::caseworker, org);
  const int port = s.app->port();
  // Made-up names from one client behind the proxy, each request forging a different address to
  // the left of the one the proxy wrote: the proxy's entry is what counts.
  for (int i = 0; i < 8; ++i)
    BOOST_TEST(signInStatus(port, "nobody" + std::to_string(i), "wrong password here",
                            {"10.0.0." + std::to_string(i) + ", 203.0.113.50"}) == 401);
  BOOST_TEST(signInStatus(port, "caseworker", test_support::kPassword, {"203.0.113.50"}) == 429);
  // The real user at another address signs in.
  BOOST_TEST(signInStatus(port, "caseworker", test_support::kPassword, {"192.0.2.80"}) == 201);
  // Guessing the caseworker's password from a third address locks only that address's attempts.
  for (int i = 0; i < 3; ++i)
    signInStatus(port, "caseworker", "wrong password number " + std::to_string(i), {"198.51.100.99"});
  BOOST_TEST(signInStatus(port, "caseworker", test_support::kPassword, {"198.51.100.99"}) == 429);
  BOOST_TEST(signInStatus(port, "caseworker", test_support::kPassword, {"192.0.2.81"}) == 201);
}

BOOST_AUTO_TEST_CASE(card_checks_are_limited_per_forwarded_client_not_per_proxy) {
  test_support::ServiceFixture s("client-address-verify", "2024-03-04T10:00:00Z");
  s.config.verifyRatePerMinute = 1;
  s.start();
  const int port = s.app->port();
  auto check = [&](const std::string& forwardedFor) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/verify/not-a-real-token", "HTTP/1.1");
    request.set("Accept", "application/json");
    request.add("X-Forwarded-For", forwardedFor);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    auto& in = session.receiveResponse(response);
    std::string ignored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return static_cast<int>(response.getStatus());
  };
  BOOST_TEST(check("198.51.100.1") != 429);
  BOOST_TEST(check("198.51.100.1") == 429);
  // Another client behind the same proxy has its own allowance.
  BOOST_TEST(check("198.51.100.2") != 429);
}

BOOST_AUTO_TEST_CASE(with_no_trusted_proxy_the_header_is_ignored) {
  test_support::ServiceFixture s("client-address-none", "2024-03-04T10:00:00Z");
  s.config.signInFreeAttempts = 1;
  s.config.trustedProxies = "none";
  s.start();
  auto org = s.organisation("Young carers service", OrganisationKind::carers_centre);
  s.user("caseworker", Role::caseworker, org);
  const int port = s.app->port();
  // Four failures from 127.0.0.1, each claiming another address: all count against 127.0.0.1.
  for (int i = 0; i < 4; ++i)
    BOOST_TEST(signInStatus(port, "nobody" + std::to_string(i), "wrong password here",
                            {"203.0.113." + std::to_string(i + 1)}) == 401);
  BOOST_TEST(signInStatus(port, "caseworker", test_support::kPassword, {"192.0.2.80"}) == 429);
}

BOOST_AUTO_TEST_SUITE_END()
