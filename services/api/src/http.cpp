#include "ycr/services/http.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <sstream>

#include "ycr/services/accounts.h"
#include "ycr/storage/errors.h"

namespace ycr::services {

int httpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation: return 422;
    case ErrorCode::malformed: return 400;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::transition_refused: return 409;
    case ErrorCode::guard_failed: return 422;
    case ErrorCode::unauthenticated: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::throttled: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

namespace {

const char* titleFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::validation: return "The request has errors";
    case ErrorCode::malformed: return "The request could not be read";
    case ErrorCode::not_found: return "Not found";
    case ErrorCode::conflict: return "Conflict with the current state";
    case ErrorCode::transition_refused: return "That step is not allowed now";
    case ErrorCode::guard_failed: return "That step cannot be taken yet";
    case ErrorCode::unauthenticated: return "Sign in required";
    case ErrorCode::forbidden: return "Not allowed";
    case ErrorCode::throttled: return "Too many attempts";
    case ErrorCode::unavailable: return "Service unavailable";
    case ErrorCode::internal: return "Something went wrong";
  }
  return "Something went wrong";
}

std::string problemType(const std::string& code) {
  return "urn:ycr:problem:" + code;
}

Response plainProblem(int status, const std::string& code, const std::string& title,
                      const std::string& detail) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("type", problemType(code));
  o->set("title", title);
  o->set("status", status);
  o->set("detail", detail);
  o->set("errors", Poco::JSON::Array::Ptr(new Poco::JSON::Array));
  Response r = Response::json(status, o);
  r.contentType = "application/problem+json";
  return r;
}

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace

Response Response::json(int status, const Poco::JSON::Object::Ptr& object) {
  return Response{status, "application/json", toJsonString(object), {}};
}

Response Response::json(int status, const Poco::JSON::Array::Ptr& array) {
  std::ostringstream out;
  array->stringify(out);
  return Response{status, "application/json", out.str(), {}};
}

Response Response::noContent() {
  return Response{204, "", "", {}};
}

Response Response::problem(const DomainError& e) {
  int status = httpStatusFor(e.code);
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  std::string code = e.code == ErrorCode::validation ? "validation" : toString(e.code);
  o->set("type", problemType(code));
  o->set("title", titleFor(e.code));
  o->set("status", status);
  // Internal and infrastructure details never reach a client.
  o->set("detail", e.code == ErrorCode::internal || e.code == ErrorCode::unavailable
                       ? std::string("The service could not complete the request. Try again later.")
                       : e.detail);
  Poco::JSON::Array::Ptr errors = new Poco::JSON::Array;
  Response r;
  for (const auto& f : e.fields) {
    if (f.field == "retry_after") {
      r.headers.emplace_back("Retry-After", f.message);
      continue;
    }
    Poco::JSON::Object::Ptr fe = new Poco::JSON::Object;
    fe->set("field", f.field);
    fe->set("code", f.code);
    fe->set("message", f.message);
    errors->add(fe);
  }
  o->set("errors", errors);
  if (!e.allowed.empty()) {
    Poco::JSON::Array::Ptr allowed = new Poco::JSON::Array;
    for (const auto& a : e.allowed) allowed->add(a);
    o->set("allowed_events", allowed);
  }
  r.status = status;
  r.contentType = "application/problem+json";
  r.body = toJsonString(o);
  return r;
}

bool isHttp1Version(const std::string& version) {
  return version == Poco::Net::HTTPMessage::HTTP_1_1 || version == Poco::Net::HTTPMessage::HTTP_1_0;
}

bool Access::allows(Role role) const {
  if (isPublic || roles.empty()) return true;
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

void Router::add(Route route) {
  routes_.push_back(std::move(route));
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match result;
  auto parts = splitPath(path);
  for (const auto& route : routes_) {
    auto pattern = splitPath(route.pattern);
    if (pattern.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < parts.size() && ok; ++i) {
      const auto& p = pattern[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        if (parts[i].empty())
          ok = false;
        else
          params[p.substr(1, p.size() - 2)] = parts[i];
      } else {
        ok = p == parts[i];
      }
    }
    if (!ok) continue;
    if (route.method == method || (method == "HEAD" && route.method == "GET")) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
    result.allowedMethods.push_back(route.method);
  }
  return result;
}

std::string clientAddressOf(const Poco::Net::HTTPServerRequest& request, const TrustedProxies& proxies) {
  std::vector<std::string> forwardedFor;
  for (auto it = request.find("X-Forwarded-For");
       it != request.end() && Poco::icompare(it->first, "X-Forwarded-For") == 0; ++it)
    forwardedFor.push_back(it->second);
  return proxies.clientAddress(request.clientAddress().host().toString(), forwardedFor);
}

namespace {

class ApiHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  ApiHandler(const Router& router, const ServerLimits& limits, const AuthenticateFn& authenticate,
             const AuditRefusalFn& auditRefusal)
      : router_(router), limits_(limits), authenticate_(authenticate), auditRefusal_(auditRefusal) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    auto started = std::chrono::steady_clock::now();
    std::string routeName = "unmatched";
    Response r;
    if (!isHttp1Version(request.getVersion())) {
      response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
      response.setKeepAlive(false);
      r = plainProblem(400, "malformed", "The request could not be read", "Send an HTTP/1.1 request.");
      r.headers.emplace_back("Connection", "close");
      send(request, response, r);
      spdlog::info("{} {} {}", "-", routeName, r.status);
      return;
    }
    try {
      r = dispatch(request, routeName);
    } catch (const std::exception& e) {
      if (storage::isUnavailable(e)) {
        // The database cannot serve now (a full disk, an I/O error, locked too long): try again later.
        spdlog::warn("request refused, the database is unavailable: route={} error={}", routeName, e.what());
        r = Response::problem(DomainError::unavailable(e.what()));
      } else {
        spdlog::error("request failed: route={} error={}", routeName, e.what());
        r = plainProblem(500, "internal", "Something went wrong",
                         "The service could not complete the request.");
      }
    } catch (...) {
      spdlog::error("request failed: route={} unknown error", routeName);
      r = plainProblem(500, "internal", "Something went wrong",
                       "The service could not complete the request.");
    }
    // A body the route did not read (a refusal before reading it, or a route that takes none) would
    // otherwise be read as the start of the next request on this keep-alive connection.
    const bool closing = std::any_of(r.headers.begin(), r.headers.end(), [](const auto& h) {
      return h.first == "Connection" && h.second == "close";
    });
    if (closing) {
      response.setKeepAlive(false);
    } else if (!discardUnreadBody(request)) {
      response.setKeepAlive(false);
      r.headers.emplace_back("Connection", "close");
    }
    send(request, response, r);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    // Method, route name and status only: never a body, a query string or personal data.
    spdlog::info("{} {} {} {:.1f}ms", request.getMethod(), routeName, r.status, ms);
  }

 private:
  Response dispatch(Poco::Net::HTTPServerRequest& request, std::string& routeName) {
    if (auto refused = headerLimits(request)) return *refused;
    Poco::URI uri;
    try {
      uri = Poco::URI(request.getURI());
    } catch (const Poco::Exception&) {
      return plainProblem(400, "malformed", "The request could not be read", "The address is not valid.");
    }
    RequestContext ctx;
    ctx.method = request.getMethod();
    ctx.path = uri.getPath();
    if (ctx.path.size() > 1 && ctx.path.back() == '/') ctx.path.pop_back();
    try {
      for (const auto& [k, v] : uri.getQueryParameters()) {
        ctx.query[k] = v;
        ctx.queryAll[k].push_back(v);
      }
    } catch (const Poco::Exception&) {
      return plainProblem(400, "malformed", "The request could not be read",
                          "The query string is not valid.");
    }
    ctx.clientAddress = clientAddressOf(request, limits_.trustedProxies);
    ctx.accept = request.get("Accept", "");

    auto match = router_.match(ctx.method, ctx.path);
    if (!match.route) {
      if (!match.allowedMethods.empty()) {
        Response r = plainProblem(405, "method_not_allowed", "Method not allowed",
                                  "This address does not accept " + ctx.method + ".");
        std::string allow;
        for (const auto& m : match.allowedMethods) allow += (allow.empty() ? "" : ", ") + m;
        r.headers.emplace_back("Allow", allow);
        return r;
      }
      return plainProblem(404, "not_found", "Not found", "There is nothing at this address.");
    }
    const Route& route = *match.route;
    routeName = route.name;
    ctx.params = std::move(match.params);

    if (!route.access.isPublic) {
      std::string auth = request.get("Authorization", "");
      std::string token;
      if (auth.size() > 7 && (auth.compare(0, 7, "Bearer ") == 0 || auth.compare(0, 7, "bearer ") == 0))
        token = auth.substr(7);
      // Bearer tokens only: the browser's session cookie is for the pages, which check CSRF tokens;
      // accepting it here would let another site drive the API with a signed-in person's cookie.
      auto principal = authenticate_(token);
      if (!principal) {
        Response r = Response::problem(principal.error());
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
        return r;
      }
      ctx.principal = *principal;
      if (auto step = accountStep(*principal); step != AccountStep::none && !route.duringAccountSetup) {
        auto e = DomainError::forbidden(step == AccountStep::second_factor ? "Give your second factor first."
                                        : step == AccountStep::change_password
                                            ? "Replace your one-time password first."
                                            : "Set up your second factor first.");
        e.fields.push_back({"session", stepName(step), e.detail});
        return Response::problem(e);
      }
      if (!route.access.allows(principal->role)) {
        if (auditRefusal_)
          auditRefusal_(ctx, route, "role " + std::string(toString(principal->role)) + " may not");
        return Response::problem(DomainError::forbidden("Your role does not allow this."));
      }
    }

    if (route.jsonBody) {
      std::string type = request.getContentType();
      auto semi = type.find(';');
      std::string mediaType = type.substr(0, semi);
      while (!mediaType.empty() && mediaType.back() == ' ') mediaType.pop_back();
      if (mediaType != "application/json" && mediaType != "application/merge-patch+json")
        return plainProblem(415, "unsupported_media_type", "Unsupported media type",
                            "Send the request body as application/json.");
      if (request.hasContentLength() &&
          request.getContentLength64() > static_cast<Poco::Int64>(limits_.maxBodyBytes))
        return tooLarge(request);
      // Read at most one byte more than allowed, so a chunked body cannot exhaust memory.
      std::string body;
      auto& in = request.stream();
      char buf[8192];
      while (in) {
        in.read(buf, sizeof buf);
        body.append(buf, static_cast<std::size_t>(in.gcount()));
        if (body.size() > limits_.maxBodyBytes) return tooLarge(request);
      }
      ctx.body = std::move(body);
      ctx.contentType = mediaType;
    }
    return route.handler(ctx);
  }

  // The configured header limits, checked before anything else is read from the request.
  std::optional<Response> headerLimits(const Poco::Net::HTTPServerRequest& request) const {
    std::size_t bytes =
        request.getMethod().size() + request.getURI().size() + request.getVersion().size() + 4;
    for (const auto& [name, value] : request) bytes += name.size() + value.size() + 4;
    if (request.size() <= limits_.maxHeaderFields && bytes <= limits_.maxHeaderBytes) return std::nullopt;
    Response r =
        plainProblem(431, "request_header_fields_too_large", "Request header fields too large",
                     "Send at most " + std::to_string(limits_.maxHeaderFields) + " header fields and " +
                         std::to_string(limits_.maxHeaderBytes) + " bytes of headers.");
    r.headers.emplace_back("Connection", "close");
    return r;
  }

  // Reads what is left of a request body, up to maxBodyBytes; false when the connection cannot be
  // reused (more than that is left, or the body's end is marked only by closing the connection).
  bool discardUnreadBody(Poco::Net::HTTPServerRequest& request) const {
    const bool chunked = request.getChunkedTransferEncoding();
    if (!chunked && !request.hasContentLength()) {
      const std::string& m = request.getMethod();
      return m == "GET" || m == "HEAD" || m == "DELETE" || m == "OPTIONS";
    }
    if (!chunked && request.getContentLength64() == 0) return true;
    auto& in = request.stream();
    char buf[8192];
    std::size_t drained = 0;
    while (in && drained <= limits_.maxBodyBytes) {
      in.read(buf, sizeof buf);
      drained += static_cast<std::size_t>(in.gcount());
    }
    return in.eof() && drained <= limits_.maxBodyBytes;
  }

  // Reads and discards what the client is still sending (up to a bound), so the refusal reaches
  // it instead of being lost to a connection reset, then closes the connection.
  Response tooLarge(Poco::Net::HTTPServerRequest& request) const {
    auto& in = request.stream();
    char buf[8192];
    std::size_t drained = 0;
    while (in && drained < 8 * limits_.maxBodyBytes) {
      in.read(buf, sizeof buf);
      drained += static_cast<std::size_t>(in.gcount());
    }
    Response r =
        plainProblem(413, "payload_too_large", "Request body too large",
                     "The request body must be at most " + std::to_string(limits_.maxBodyBytes) + " bytes.");
    r.headers.emplace_back("Connection", "close");
    return r;
  }

  static void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   const Response& r) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Cache-Control", "no-store");
    response.set("Referrer-Policy", "no-referrer");
    response.set("X-Frame-Options", "DENY");
    for (const auto& [k, v] : r.headers) response.set(k, v);
    if (r.status == 204) {
      response.setContentLength(0);
      response.send();
      return;
    }
    if (!r.contentType.empty()) {
      bool text = r.contentType.find("json") != std::string::npos || r.contentType.rfind("text/", 0) == 0 ||
                  r.contentType.find("svg") != std::string::npos;
      response.setContentType(text && r.contentType.find("charset") == std::string::npos
                                  ? r.contentType + "; charset=utf-8"
                                  : r.contentType);
    }
    response.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    auto& out = response.send();
    if (request.getMethod() != "HEAD") out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  }

  const Router& router_;
  const ServerLimits& limits_;
  const AuthenticateFn& authenticate_;
  const AuditRefusalFn& auditRefusal_;
};

class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  Factory(const Router& router, ServerLimits limits, AuthenticateFn authenticate, AuditRefusalFn auditRefusal)
      : router_(router),
        limits_(limits),
        authenticate_(std::move(authenticate)),
        auditRefusal_(std::move(auditRefusal)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new ApiHandler(router_, limits_, authenticate_, auditRefusal_);
  }

 private:
  const Router& router_;
  ServerLimits limits_;
  AuthenticateFn authenticate_;
  AuditRefusalFn auditRefusal_;
};

}  // namespace

Poco::Net::HTTPRequestHandlerFactory* makeHandlerFactory(const Router& router, ServerLimits limits,
                                                         AuthenticateFn authenticate,
                                                         AuditRefusalFn auditRefusal) {
  return new Factory(router, limits, std::move(authenticate), std::move(auditRefusal));
}

Result<Id> idParam(const RequestContext& ctx, const std::string& name) {
  auto it = ctx.params.find(name);
  const std::string text = it == ctx.params.end() ? std::string() : it->second;
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return DomainError::notFound("There is nothing at this address");
  return static_cast<Id>(std::stoll(text));
}

Handler withId(std::function<Response(RequestContext&, Id)> handle) {
  return [handle = std::move(handle)](RequestContext& ctx) {
    auto id = idParam(ctx, "id");
    if (!id) return Response::problem(id.error());
    return handle(ctx, *id);
  };
}

}  // namespace ycr::services
