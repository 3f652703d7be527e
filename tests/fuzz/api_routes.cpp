// Arbitrary bodies to every API route that reads one, in process, through the App's own routing
// table: the first byte picks a route and who calls it, the rest is the JSON body. The contract: a body the
// service cannot use is a 4xx problem document, never a 500 and never an exception out of the
// handler (the HTTP layer would turn one into a 500).
#include <Poco/JSON/Parser.h>

#include <string>
#include <vector>

#include "fuzz_app.h"
#include "fuzz_support.h"

using namespace ycr;
using namespace ycr::services;

namespace {

struct Target {
  const ycr::services::Route* route;
  std::string path;            // the pattern with every {parameter} naming record 1
  const fuzz::Person* caller;  // null: a public route, called signed out
};

// Every route that reads a JSON body (20 today), taken from the App's own routing table, so a route
// added later is fuzzed without anyone listing it. Each is called by every person it allows (a
// caseworker, a team manager, an admin, a school's referrer: a referral from two doors), or by
// the caseworker when it allows none of them; ids name the records the App starts with.
std::vector<Target> targets(fuzz::FuzzApp& f) {
  std::vector<Target> out;
  for (const auto& route : f.app->router().routes()) {
    if (!route.jsonBody) continue;
    std::string path;
    for (std::size_t i = 0; i < route.pattern.size(); ++i) {
      if (route.pattern[i] == '{') {
        i = route.pattern.find('}', i);
        path += '1';
      } else {
        path += route.pattern[i];
      }
    }
    if (route.access.isPublic) {
      out.push_back({&route, path, nullptr});
      continue;
    }
    const std::size_t before = out.size();
    for (const fuzz::Person* p : {&f.caseworker, &f.manager, &f.admin, &f.referrer})
      if (route.access.allows(p->principal.role)) out.push_back({&route, path, p});
    if (out.size() == before) out.push_back({&route, path, &f.caseworker});  // refused: still a path to fuzz
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& f = fuzz::FuzzApp::get();
  static const std::vector<Target> kTargets = targets(f);
  FUZZ_CHECK(!kTargets.empty(), "no route reads a JSON body");
  const Target& t = kTargets[data[0] % kTargets.size()];
  const std::string body(fuzz::text(data + 1, size - 1));
  const std::string what = t.route->method + " " + t.path + " " + body;

  auto match = f.app->router().match(t.route->method, t.path);
  FUZZ_CHECK(match.route == t.route, what);
  RequestContext ctx;
  ctx.method = t.route->method;
  ctx.path = t.path;
  ctx.params = match.params;
  ctx.body = body;
  ctx.contentType = "application/json";
  ctx.clientAddress = "127.0.0.1";
  if (t.caller) ctx.principal = t.caller->principal;
  Response r;
  try {
    r = match.route->handler(ctx);
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "an exception left the handler", what + " : " + e.what());
  }
  FUZZ_CHECK(r.status != 500 && r.status != 503, what + " -> " + std::to_string(r.status) + " " + r.body);
  FUZZ_CHECK(r.status >= 200 && r.status < 500, what + " -> " + std::to_string(r.status));
  if (r.status >= 400) {
    // A problem document (RFC 9457) whose status is the response's.
    FUZZ_CHECK(r.contentType == "application/problem+json", what);
    auto doc = Poco::JSON::Parser().parse(r.body).extract<Poco::JSON::Object::Ptr>();
    FUZZ_CHECK(doc->getValue<int>("status") == r.status && doc->has("type") && doc->has("errors"), what);
  }
  return 0;
}
