// Limits that keep the service up: header size and count, and request bodies a route did not read
// (which must never be taken for the next request on a keep-alive connection).

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <vector>

#include "service_fixture.h"

using namespace ycr;
using namespace ycr::services;

namespace {

struct SessionReply {
  int status = 0;
  std::string contentType;
  std::string body;
};

struct LimitedServer : test_support::ServiceFixture {
  explicit LimitedServer(int maxThreads = 16, int requestTimeoutSeconds = 30)
      : ServiceFixture("limits", "2024-03-04T10:00:00Z") {
    config.maxHeaderBytes = 4096;
    config.maxHeaderFields = 20;
    config.maxThreads = maxThreads;
    config.requestTimeoutSeconds = requestTimeoutSeconds;
    start();
  }
  std::unique_ptr<Poco::Net::HTTPClientSession> connect() const {
    auto s =
        std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", static_cast<Poco::UInt16>(app->port()));
    s->setKeepAlive(true);
    s->setTimeout(Poco::Timespan(10, 0));
    return s;
  }
};

SessionReply exchange(Poco::Net::HTTPClientSession& session, Poco::Net::HTTPRequest& request,
                      const std::string& body = "") {
  if (!body.empty()) request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  auto& in = session.receiveResponse(response);
  SessionReply r;
  r.status = response.getStatus();
  r.contentType = response.getContentType();
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

SessionReply healthz(Poco::Net::HTTPClientSession& session) {
  Poco::Net::HTTPRequest request("GET", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
  return exchange(session, request);
}

std::string problemType(const SessionReply& r) {
  return Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("type");
}

// What a client sent an unparseable request gets: the bytes before the connection ended, and whether it
// ended (closed or reset by the server) rather than being left open past the timeout.
struct RawExchange {
  std::string received;
  bool ended = false;
};

RawExchange sendRaw(Poco::UInt16 port, const std::string& request) {
  Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
  socket.setSendTimeout(Poco::Timespan(10, 0));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  RawExchange r;
  try {
    for (std::size_t sent = 0; sent < request.size();)
      sent += static_cast<std::size_t>(
          socket.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent)));
  } catch (const Poco::TimeoutException&) {
    return r;  // the server stopped reading without ending the connection
  } catch (const Poco::Exception&) {
    // Reset while sending: the server had refused and closed. The reply may still be readable.
  }
  char buffer[4096];
  for (;;) {
    try {
      int n = socket.receiveBytes(buffer, static_cast<int>(sizeof buffer));
      if (n <= 0) break;
      r.received.append(buffer, static_cast<std::size_t>(n));
    } catch (const Poco::TimeoutException&) {
      return r;
    } catch (const Poco::Exception&) {
      break;  // reset
    }
  }
  r.ended = true;
  return r;
}

std::string manyFields(int count) {
  std::string out;
  for (int i = 0; i < count; ++i) out += "X-" + std::to_string(i) + ": y\r\n";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_limits_test)

BOOST_AUTO_TEST_CASE(too_many_header_fields_get_a_431_problem_and_the_next_request_is_served) {
  LimitedServer server;
  auto connection = server.connect();
  auto& session = *connection;
  Poco::Net::HTTPRequest request("GET", "/api/v1/version", Poco::Net::HTTPMessage::HTTP_1_1);
  for (int i = 0; i < 25; ++i) request.set("X-Filler-" + std::to_string(i), "x");
  auto refused = exchange(session, request);
  BOOST_TEST(refused.status == 431);
  BOOST_TEST(refused.contentType.rfind("application/problem+json", 0) == 0);
  BOOST_TEST(problemType(refused) == "urn:ycr:problem:request_header_fields_too_large");
  auto next = healthz(session);
  BOOST_TEST(next.status == 200);
}

BOOST_AUTO_TEST_CASE(headers_over_the_configured_size_get_a_431_problem) {
  LimitedServer server;
  auto connection = server.connect();
  auto& session = *connection;
  Poco::Net::HTTPRequest request("GET", "/api/v1/version", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Big-One", std::string(3000, 'a'));
  request.set("X-Big-Two", std::string(3000, 'b'));
  auto refused = exchange(session, request);
  BOOST_TEST(refused.status == 431);
  BOOST_TEST(problemType(refused) == "urn:ycr:problem:request_header_fields_too_large");
  BOOST_TEST(healthz(session).status == 200);
  // Just under the limit is served.
  Poco::Net::HTTPRequest fits("GET", "/api/v1/version", Poco::Net::HTTPMessage::HTTP_1_1);
  fits.set("X-Fits", std::string(3000, 'c'));
  BOOST_TEST(exchange(session, fits).status == 200);
}

BOOST_AUTO_TEST_CASE(headers_past_what_the_http_parser_accepts_are_refused_without_harm) {
  LimitedServer server;
  const auto port = static_cast<Poco::UInt16>(server.app->port());
  // Opened before, used after: the refusals leave other connections alone.
  auto keptOpen = server.connect();
  BOOST_TEST(healthz(*keptOpen).status == 200);

  // Just past the parser's limits (one value over 8 KiB; 101 fields), each request sent whole in one write
  // and read whole by the server before it refuses: the 400 always arrives, then the connection ends.
  const std::string request = "GET /api/v1/version HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  const std::size_t valueLimit = 8192;  // Poco::Net::MessageHeader::MAX_VALUE_LENGTH, private in Poco 1.11
  for (const auto& sent : {request + "X-Long: " + std::string(valueLimit + 1, 'h') + "\r\n\r\n",
                           request + manyFields(Poco::Net::MessageHeader().getFieldLimit() + 1) + "\r\n"}) {
    auto r = sendRaw(port, sent);
    BOOST_TEST(r.ended);
    BOOST_TEST(r.received.rfind("HTTP/1.1 400", 0) == 0, r.received.substr(0, 40));
  }

  // Far past them (64 KiB; 500 fields): the server refuses with most of the request unread, so the kernel
  // may reset the connection before the client reads the 400, or while it is still sending. Either way
  // the connection ends and nothing but a 400 is ever answered.
  for (const auto& sent : {request + "X-Huge: " + std::string(64 * 1024, 'h') + "\r\n\r\n",
                           request + manyFields(500) + "\r\n"}) {
    auto r = sendRaw(port, sent);
    BOOST_TEST(r.ended);
    BOOST_TEST((r.received.empty() || r.received.rfind("HTTP/1.1 400", 0) == 0), r.received.substr(0, 40));
  }

  BOOST_TEST(healthz(*keptOpen).status == 200);
  auto connection = server.connect();
  BOOST_TEST(healthz(*connection).status == 200);
}

BOOST_AUTO_TEST_CASE(a_body_refused_unread_is_not_taken_for_the_next_request) {
  LimitedServer server;
  auto connection = server.connect();
  auto& session = *connection;
  // Refused before the body is read: not signed in.
  Poco::Net::HTTPRequest post("POST", "/api/v1/referrals", Poco::Net::HTTPMessage::HTTP_1_1);
  post.setContentType("application/json");
  auto refused = exchange(session, post, R"({"young_person":{"given_name":"Zoë"}})");
  BOOST_TEST(refused.status == 401);
  BOOST_TEST(healthz(session).status == 200);
  // Refused for its content type, and a route that takes no body at all.
  Poco::Net::HTTPRequest text("POST", "/api/v1/sessions", Poco::Net::HTTPMessage::HTTP_1_1);
  text.setContentType("text/plain");
  BOOST_TEST(exchange(session, text, "username=admin").status == 415);
  BOOST_TEST(healthz(session).status == 200);
  Poco::Net::HTTPRequest wrongMethod("PUT", "/healthz", Poco::Net::HTTPMessage::HTTP_1_1);
  wrongMethod.setContentType("application/json");
  BOOST_TEST(exchange(session, wrongMethod, R"({"status":"ok"})").status == 405);
  BOOST_TEST(healthz(session).status == 200);
}

BOOST_AUTO_TEST_CASE(clients_that_stall_mid_request_are_cut_off_and_cannot_hold_every_thread) {
  LimitedServer server(2, 1);  // two worker threads, one second without progress allowed
  // Four clients start a request and send nothing more: twice as many as there are threads.
  std::vector<Poco::Net::StreamSocket> stalled;
  for (int i = 0; i < 4; ++i) {
    Poco::Net::StreamSocket socket(
        Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(server.app->port())));
    const std::string partial = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
    socket.sendBytes(partial.data(), static_cast<int>(partial.size()));
    stalled.push_back(socket);
  }
  const auto started = std::chrono::steady_clock::now();
  auto connection = server.connect();
  BOOST_TEST(healthz(*connection).status == 200);
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST(std::chrono::duration_cast<std::chrono::seconds>(waited).count() < 8);
  // The stalled connections were closed by the server.
  char byte = 0;
  for (auto& socket : stalled) {
    socket.setReceiveTimeout(Poco::Timespan(5, 0));
    int received = -1;
    try {
      received = socket.receiveBytes(&byte, 1);
    } catch (const Poco::Exception&) {
      received = 0;  // reset by the server: closed as well
    }
    BOOST_TEST(received <= 0);
  }
}

// Found by tests/fuzz/http_server (corpus/http_server/garbled_request_line): Poco reads a request line
// without spaces across the next line, so the version is "Bearer", and would answer "Bearer 400 ...".
BOOST_AUTO_TEST_CASE(a_request_line_that_is_not_http_1_is_answered_as_http_1_1) {
  LimitedServer server;
  const auto port = static_cast<Poco::UInt16>(server.app->port());
  for (const std::string& request : {std::string("GEP/1.1\r\nAuthorization: Bearer abc\r\nHost: x\r\n\r\n"),
                                     std::string("GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n")}) {
    BOOST_TEST_CONTEXT(request) {
      auto r = sendRaw(port, request);
      BOOST_TEST(r.ended);
      BOOST_TEST(r.received.rfind("HTTP/1.1 400 ", 0) == 0u, r.received.substr(0, 100));
      BOOST_TEST(r.received.find("application/problem+json") != std::string::npos, r.received);
    }
  }
  auto session = server.connect();
  BOOST_TEST(healthz(*session).status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
