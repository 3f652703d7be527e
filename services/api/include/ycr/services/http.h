#pragma once
// The HTTP plumbing: a routing table of {method, path pattern, name, access, handler}, one
// mapping from domain errors to problem+json (RFC 9457), and request bodies read strictly (json_input.h).

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/result.h"
#include "ycr/services/auth.h"
#include "ycr/services/client_address.h"
#include "ycr/services/json_input.h"

namespace ycr::services {

struct Response {
  int status = 200;
  std::string contentType = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const Poco::JSON::Object::Ptr& object);
  static Response json(int status, const Poco::JSON::Array::Ptr& array);
  static Response problem(const DomainError& error);
  static Response noContent();
};

// The HTTP status for each kind of domain failure: the only place statuses are chosen.
int httpStatusFor(ErrorCode code);

struct RequestContext {
  std::string method;
  std::string path;
  std::map<std::string, std::string> params;  // from the path, e.g. {id}
  std::map<std::string, std::string> query;   // decoded query string (last value wins)
  // Every value of each query parameter, in the order given (by=route&by=gender).
  std::map<std::string, std::vector<std::string>> queryAll;
  std::string body;
  std::string contentType;
  std::string accept;
  std::string clientAddress;
  std::optional<Principal> principal;

  const Principal& who() const { return *principal; }
  std::string queryValue(const std::string& key, const std::string& fallback = "") const {
    auto it = query.find(key);
    return it == query.end() ? fallback : it->second;
  }
  std::vector<std::string> queryValues(const std::string& key) const {
    auto it = queryAll.find(key);
    return it == queryAll.end() ? std::vector<std::string>{} : it->second;
  }
};

// Who may call a route. Organisation scoping (a referrer sees only their organisation's
// referrals, and so on) is decided in policy.h, close to the records.
struct Access {
  bool isPublic = false;
  std::vector<Role> roles;  // empty with isPublic=false: any signed-in person
  static Access publicRoute() { return {true, {}}; }
  static Access signedIn() { return {false, {}}; }
  static Access only(std::vector<Role> roles) { return {false, std::move(roles)}; }
  bool allows(Role role) const;
};

using Handler = std::function<Response(RequestContext&)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/cases/{id}/events"
  std::string name;     // stable name for logs and the authorisation matrix
  Access access;
  Handler handler;
  bool jsonBody = false;  // POST/PUT/PATCH with a JSON body
  // Open to a session that must first replace its password or give or enrol a second factor
  // (accountStep in accounts.h); every other route refuses such a session.
  bool duringAccountSetup = false;
};

class Router {
 public:
  void add(Route route);
  struct Match {
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::vector<std::string> allowedMethods;  // when the path matches but not the method
  };
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

struct ServerLimits {
  std::size_t maxBodyBytes = 1024 * 1024;
  // The request line and header fields together, and the number of fields: larger gets 431.
  // Poco refuses on its own (a bare 400) past 100 fields or a value over 8 KiB.
  std::size_t maxHeaderBytes = 16 * 1024;
  std::size_t maxHeaderFields = 64;
  // Whose X-Forwarded-For tells the client's address (not a limit, but read before anything else).
  TrustedProxies trustedProxies = TrustedProxies::loopback();
};

// The client address of a request: its peer, or through trusted proxies the forwarded address.
std::string clientAddressOf(const Poco::Net::HTTPServerRequest& request, const TrustedProxies& proxies);

// HTTP/1.0 or HTTP/1.1. Poco sends its response with whatever version the request line gave (a
// garbled line "GET/1.1" then "Authorization: Bearer ..." is read as version "Bearer", answered
// "Bearer 400 Bad Request"), so the API's handler answers any other version itself, as HTTP/1.1.
bool isHttp1Version(const std::string& version);

// Authenticates bearer tokens for the router; injected so tests can use real sessions.
using AuthenticateFn = std::function<Result<Principal>(const std::string& token)>;
// Records refusals (403) in the audit trail.
using AuditRefusalFn = std::function<void(const RequestContext&, const Route&, const std::string& reason)>;

// One handler object per request, built by this factory (Poco's model).
Poco::Net::HTTPRequestHandlerFactory* makeHandlerFactory(const Router& router, ServerLimits limits,
                                                         AuthenticateFn authenticate,
                                                         AuditRefusalFn auditRefusal);

// A numeric record id from the path; anything else is "not found" (never a crash or a 400).
Result<Id> idParam(const RequestContext& ctx, const std::string& name);

// The handler of a route whose address names one record by {id}: the id is read first, and an address
// whose id is no number is answered as a record that does not exist (404 problem), as idParam says.
Handler withId(std::function<Response(RequestContext&, Id)> handle);

}  // namespace ycr::services
