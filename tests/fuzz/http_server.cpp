// Raw bytes to the running service over a loopback connection: Poco reads the request line and
// header fields, then the project's own handling runs (header limits, the client address through
// trusted proxies, bearer tokens, content types, body limits and chunked bodies, the split between
// API and pages, cookies). The first byte picks a prefix that makes the request authorised or not;
// the rest is sent as is and the connection half-closed. The service must answer with an HTTP
// response that is not a 500, or close the connection on input it cannot read.
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/StreamSocket.h>

#include "fuzz_app.h"
#include "fuzz_support.h"

using namespace ycr;
using namespace ycr::services;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& f = fuzz::FuzzApp::get(true);
  std::string request(fuzz::text(data + 1, size - 1));
  // Bit 0: a caseworker's bearer token after the request line; bit 1: the referrer's page cookie.
  auto lineEnd = request.find("\r\n");
  if (lineEnd != std::string::npos) {
    std::string extra;
    if (data[0] & 1) extra += "Authorization: Bearer " + f.caseworker.token + "\r\n";
    if (data[0] & 2) extra += "Cookie: ycr_session=" + f.referrer.token + "\r\n";
    request.insert(lineEnd + 2, extra);
  }
  // Sign-out ends a session the next inputs use.
  if (request.find("sign-out") != std::string::npos || request.find("sessions/") != std::string::npos)
    return 0;

  Poco::Net::StreamSocket socket;
  socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(f.app->port())));
  socket.setReceiveTimeout(Poco::Timespan(10, 0));
  std::size_t sent = 0;
  try {
    while (sent < request.size()) {
      int n = socket.sendBytes(request.data() + sent, static_cast<int>(request.size() - sent));
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    socket.shutdownSend();
  } catch (const Poco::Exception&) {
    // The service may refuse and close before reading everything (a 431 or 413): it still answers.
  }
  std::string reply;
  char buf[4096];
  try {
    for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;)
      reply.append(buf, static_cast<std::size_t>(n));
  } catch (const Poco::TimeoutException&) {
    fuzz::fail(__FILE__, __LINE__, "no answer within 10 s", request);
  } catch (const Poco::Exception&) {
    // A reset after the answer: what arrived is judged below.
  }
  socket.close();
  if (reply.empty()) return 0;  // Poco closes on a request it cannot read at all
  FUZZ_CHECK(reply.rfind("HTTP/1.", 0) == 0, request + " -> " + reply.substr(0, 200));
  const std::string status = reply.substr(9, 3);
  FUZZ_CHECK(status != "500" && status != "503", request + " -> " + reply.substr(0, 400));
  return 0;
}
