// Arbitrary bodies to the real API routes, in process, through the App's own routing table: the
// first byte picks a route (and who calls it), the rest is the JSON body. The contract: a body the
// service cannot use is a 4xx problem document, never a 500 and never an exception out of the
// handler (the HTTP layer would turn one into a 500).
#include <Poco/JSON/Parser.h>

#include "fuzz_app.h"
#include "fuzz_support.h"

using namespace ycr;
using namespace ycr::services;

namespace {

enum class Who { anyone, admin, caseworker, referrer };

struct Target {
  const char* method;
  const char* path;
  Who who;
};

// POST, PUT and PATCH routes that read a body; ids name the records the App starts with.
constexpr Target kTargets[] = {
    {"POST", "/api/v1/referrals", Who::referrer},
    {"POST", "/api/v1/referrals", Who::caseworker},
    {"POST", "/api/v1/young-carers", Who::caseworker},
    {"PATCH", "/api/v1/young-carers/1", Who::caseworker},
    {"POST", "/api/v1/young-carers/search", Who::caseworker},
    {"POST", "/api/v1/cases/1/events", Who::caseworker},
    {"POST", "/api/v1/cases/1/assessments", Who::caseworker},
    {"PUT", "/api/v1/cases/1/support-plan", Who::caseworker},
    {"POST", "/api/v1/young-carers/1/id-cards", Who::caseworker},
    {"POST", "/api/v1/sessions", Who::anyone},
    {"POST", "/api/v1/organisations", Who::admin},
    {"POST", "/api/v1/users", Who::admin},
    {"POST", "/api/v1/account/password", Who::referrer},
};
constexpr std::size_t kTargetCount = sizeof kTargets / sizeof kTargets[0];

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& f = fuzz::FuzzApp::get();
  const Target& t = kTargets[data[0] % kTargetCount];
  const std::string body(fuzz::text(data + 1, size - 1));
  const std::string what = std::string(t.method) + " " + t.path + " " + body;

  auto match = f.app->router().match(t.method, t.path);
  FUZZ_CHECK(match.route && match.route->jsonBody, what);
  RequestContext ctx;
  ctx.method = t.method;
  ctx.path = t.path;
  ctx.params = match.params;
  ctx.body = body;
  ctx.contentType = "application/json";
  ctx.clientAddress = "127.0.0.1";
  switch (t.who) {
    case Who::admin:
      ctx.principal = f.admin.principal;
      break;
    case Who::caseworker:
      ctx.principal = f.caseworker.principal;
      break;
    case Who::referrer:
      ctx.principal = f.referrer.principal;
      break;
    case Who::anyone:
      break;
  }
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
