// The web front end's request handling: cookies and sign-in state, CSRF on every POST, role
// checks (signed-out people are sent to sign in, wrong roles get 403), static assets, security
// headers, and the one server factory that sends API paths to the API and the rest here.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

#include "ycr/services/accounts.h"
#include "ycr/services/web.h"
#include "ycr/storage/errors.h"

namespace ycr::services::web {

struct WebSite::Drafts {
  std::mutex mutex;
  struct Entry {
    std::chrono::steady_clock::time_point touched;
    Form form;
  };
  std::map<std::string, Entry> entries;
  static constexpr std::size_t kMax = 5000;  // bounded: the oldest drafts go first
};

WebSite::WebSite(Authenticator& auth, Register& reg, const TrustedProxies& proxies, WebSettings settings,
                 CsrfTokens csrf)
    : auth_(auth),
      reg_(reg),
      proxies_(proxies),
      settings_(std::move(settings)),
      csrf_(std::move(csrf)),
      drafts_(std::make_unique<Drafts>()) {}

WebSite::~WebSite() = default;

void WebSite::add(WebRoute route) {
  router_.add({route.method, route.pattern, route.name, route.access, nullptr});
  routes_.push_back(std::move(route));
}

namespace {

std::map<std::string, std::string> parseCookies(const std::string& header) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < header.size()) {
    auto end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(start, end - start);
    start = end + 1;
    auto b = part.find_first_not_of(' ');
    if (b == std::string::npos) continue;
    part = part.substr(b);
    auto eq = part.find('=');
    if (eq == std::string::npos) continue;
    std::string name = part.substr(0, eq);
    std::string value = part.substr(eq + 1);
    while (!value.empty() && value.back() == ' ') value.pop_back();
    out.emplace(name, value);  // the first cookie of a name wins, as browsers send the most specific first
  }
  return out;
}

void addSecurityHeaders(Response& r, bool asset) {
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (asset) {
    // Assets change only with a new release; an hour is short enough to pick up a release.
    r.headers.emplace_back("Cache-Control", "public, max-age=3600");
    return;
  }
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Frame-Options", "DENY");
  // Pages show personal data: never stored by the browser or a proxy.
  r.headers.emplace_back("Cache-Control", "no-store");
}

}  // namespace

Response WebSite::page(const WebRequest& req, int status, Page p) const {
  LayoutContext context = req.layoutContext();
  context.demoRegister = settings_.demoRegister;
  return htmlResponse(status, layout(p, context));
}

Response WebSite::errorPage(const WebRequest& req, int status, const std::string& title,
                            const std::string& message) const {
  Page p;
  p.title = title;
  p.body = "<h1 class=\"govuk-heading-l\">" + escape(title) + "</h1>\n<p class=\"govuk-body\">" +
           escape(message) + "</p>\n";
  if (req.signedIn())
    p.body += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" + escape(homeFor(req.who().role)) +
              "\">Go to your start page</a></p>\n";
  return page(req, status, std::move(p));
}

WebHandler WebSite::withId(std::function<Response(WebRequest&, Id)> handle) const {
  return [this, handle = std::move(handle)](WebRequest& req) {
    auto id = idParam(req.ctx, "id");
    if (!id) return failurePage(req, id.error());
    return handle(req, *id);
  };
}

Response WebSite::failurePage(const WebRequest& req, const DomainError& error) const {
  switch (error.code) {
    case ErrorCode::not_found:
      return errorPage(
          req, 404, "Page not found",
          "If you typed the web address, check it is correct. The record may not exist, or may belong "
          "to another service.");
    case ErrorCode::forbidden:
      return errorPage(req, 403, "You cannot do this",
                       error.detail.empty() ? "Your role does not allow this." : error.detail);
    case ErrorCode::conflict:
    case ErrorCode::transition_refused:
    case ErrorCode::guard_failed:
    case ErrorCode::validation:
      return errorPage(req, httpStatusFor(error.code), "That could not be done", error.detail);
    case ErrorCode::throttled:
      return errorPage(req, 429, "Too many attempts", "Wait a few minutes, then try again.");
    default:
      return errorPage(req, httpStatusFor(error.code), "Sorry, there is a problem with the service",
                       "Try again later. Nothing you entered has been saved.");
  }
}

Form WebSite::draft(const std::string& journey, const WebRequest& req) {
  std::lock_guard lock(drafts_->mutex);
  auto it = drafts_->entries.find(journey + ":" + req.who().tokenHash);
  if (it == drafts_->entries.end()) return {};
  it->second.touched = std::chrono::steady_clock::now();
  return it->second.form;
}

void WebSite::saveDraft(const std::string& journey, const WebRequest& req, Form form) {
  std::lock_guard lock(drafts_->mutex);
  auto& entries = drafts_->entries;
  if (entries.size() >= Drafts::kMax) {
    auto oldest = std::min_element(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.second.touched < b.second.touched;
    });
    entries.erase(oldest);
  }
  entries[journey + ":" + req.who().tokenHash] = {std::chrono::steady_clock::now(), std::move(form)};
}

void WebSite::clearDraft(const std::string& journey, const WebRequest& req) {
  std::lock_guard lock(drafts_->mutex);
  drafts_->entries.erase(journey + ":" + req.who().tokenHash);
}

// ---------------- assets ----------------

std::optional<std::string> assetFile(const std::string& root, const std::string& urlPath) {
  const std::string prefix = "/assets/";
  if (urlPath.rfind(prefix, 0) != 0) return std::nullopt;
  std::string rest = urlPath.substr(prefix.size());
  if (rest.empty() || rest.size() > 200) return std::nullopt;
  // Every segment a plain name: no "..", no hidden files, no backslashes or control characters.
  std::size_t start = 0;
  while (start <= rest.size()) {
    auto end = rest.find('/', start);
    if (end == std::string::npos) end = rest.size();
    std::string seg = rest.substr(start, end - start);
    if (seg.empty() || seg[0] == '.') return std::nullopt;
    for (unsigned char c : seg)
      if (c < 0x20 || c == '\\' || c == 0x7f || c == ':') return std::nullopt;
    start = end + 1;
  }
  std::string file;
  if (rest.rfind("ycr/", 0) == 0)
    file = root + "/services/web/assets/" + rest.substr(4);
  else if (rest == "govuk-frontend.min.css" || rest == "govuk-frontend.min.js")
    file = root + "/node_modules/govuk-frontend/dist/govuk/" + rest;
  else if (rest.rfind("fonts/", 0) == 0 || rest.rfind("images/", 0) == 0 || rest.rfind("rebrand/", 0) == 0 ||
           rest == "manifest.json")
    file = root + "/node_modules/govuk-frontend/dist/govuk/assets/" + rest;
  else
    return std::nullopt;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::string contentTypeFor(const std::string& file) {
  static const std::pair<const char*, const char*> types[] = {
      {".css", "text/css"},        {".js", "text/javascript"}, {".mjs", "text/javascript"},
      {".woff2", "font/woff2"},    {".woff", "font/woff"},     {".svg", "image/svg+xml"},
      {".png", "image/png"},       {".ico", "image/x-icon"},   {".json", "application/manifest+json"},
      {".map", "application/json"}};
  for (const auto& [ext, type] : types) {
    std::string e(ext);
    if (file.size() >= e.size() && file.compare(file.size() - e.size(), e.size(), e) == 0) return type;
  }
  return "application/octet-stream";
}

Response WebSite::serveAsset(const std::string& method, const std::string& path) const {
  Response r;
  if (method != "GET" && method != "HEAD") {
    r.status = 405;
    r.contentType = "text/plain";
    r.body = "Method not allowed";
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  auto file = assetFile(settings_.assetsRoot, path);
  std::ifstream in;
  if (file) in.open(*file, std::ios::binary);
  if (!file || !in) {
    r.status = 404;
    r.contentType = "text/plain";
    r.body = "Not found";
    return r;
  }
  std::ostringstream body;
  body << in.rdbuf();
  r.status = 200;
  r.contentType = contentTypeFor(*file);
  r.body = body.str();
  return r;
}

// ---------------- dispatch ----------------

// The posted form into req.form, or the page refusing a body no page of this service sends.
std::optional<Response> WebSite::readForm(WebRequest& req, const Incoming& in) const {
  std::string type = in.contentType.substr(0, in.contentType.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type == "application/x-www-form-urlencoded") {
    req.form = Form::parse(in.body);
    return std::nullopt;
  }
  if (type != "multipart/form-data")
    return errorPage(req, 415, "The form could not be read", "Send the form from this service's pages.");
  auto form = Form::parseMultipart(in.body, in.contentType);
  if (!form)
    return errorPage(req, 400, "The form could not be read", "Go back, choose the file again and send it.");
  req.form = std::move(*form);
  return std::nullopt;
}

Response WebSite::handle(const Incoming& in, std::string* routeName) {
  std::string unused;
  std::string& name = routeName ? *routeName : unused;
  name = "web.unmatched";
  WebRequest req;
  Poco::URI uri;
  try {
    uri = Poco::URI(in.uri);
    req.ctx.path = uri.getPath();
    for (const auto& [k, v] : uri.getQueryParameters()) req.ctx.query[k] = v;
  } catch (const Poco::Exception&) {
    Response r = errorPage(req, 400, "The address could not be read", "Check the web address and try again.");
    addSecurityHeaders(r, false);
    return r;
  }
  req.ctx.method = in.method;
  req.ctx.clientAddress = in.clientAddress;
  if (req.ctx.path.size() > 1 && req.ctx.path.back() == '/') req.ctx.path.pop_back();

  if (req.ctx.path.rfind("/assets/", 0) == 0) {
    name = "web.asset";
    Response r = serveAsset(in.method, req.ctx.path);
    addSecurityHeaders(r, r.status == 200);
    return r;
  }

  auto cookies = parseCookies(in.cookieHeader);
  bool staleCookie = false;
  if (auto it = cookies.find(kSessionCookie); it != cookies.end() && !it->second.empty()) {
    auto principal = auth_.authenticate(it->second);
    if (principal) {
      req.ctx.principal = *principal;
      req.sessionToken = it->second;
      req.csrfToken = csrf_.tokenFor(req.sessionToken);
    } else {
      staleCookie = true;  // expired or signed out elsewhere: cleared below
    }
  }
  if (auto it = cookies.find(kSignInCookie); it != cookies.end()) req.signInNonce = it->second;

  Response r = [&]() -> Response {
    auto match = router_.match(in.method, req.ctx.path);
    if (!match.route) {
      if (!match.allowedMethods.empty()) {
        Response refused = errorPage(req, 405, "This page cannot be used like that",
                                     "Go back and use the page's buttons and links.");
        std::string allow;
        for (const auto& m : match.allowedMethods) allow += (allow.empty() ? "" : ", ") + m;
        refused.headers.emplace_back("Allow", allow);
        return refused;
      }
      return errorPage(req, 404, "Page not found", "If you typed the web address, check it is correct.");
    }
    const WebRoute& route = routes_[static_cast<std::size_t>(match.route - router_.routes().data())];
    name = route.name;
    req.ctx.params = std::move(match.params);
    if (!route.access.isPublic) {
      if (!req.signedIn()) return redirect("/sign-in");
      // A one-time password to replace or a second factor to give or enrol comes before any page.
      if (accountStep(req.who()) != AccountStep::none && !route.duringAccountSetup)
        return redirect(startPageFor(req.who()));
      if (!route.access.allows(req.who().role)) {
        reg_.auditRefusal(req.who(), route.name, "page", req.ctx.path,
                          "role " + std::string(toString(req.who().role)) + " may not");
        return errorPage(req, 403, "You cannot see this page",
                         "Your role does not give you access to this page.");
      }
    }
    if (in.method == "POST") {
      if (auto refused = readForm(req, in)) return std::move(*refused);
      if (route.checkCsrf && !csrf_.verify(req.sessionToken, req.form.get("csrf_token"))) {
        if (req.signedIn())
          reg_.auditRefusal(req.who(), route.name, "page", req.ctx.path, "form token missing or wrong");
        return errorPage(
            req, 403, "Your form could not be sent",
            "The form had expired or did not come from this service. Go back, reload the page and "
            "try again.");
      }
    }
    return route.handler(req);
  }();
  if (staleCookie) r.headers.emplace_back("Set-Cookie", expiredSessionCookie(settings_.cookies));
  addSecurityHeaders(r, false);
  return r;
}

// ---------------- HTTP ----------------

namespace {

class WebHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  WebHandler(WebSite& site, std::size_t maxBodyBytes) : site_(site), maxBodyBytes_(maxBodyBytes) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    auto started = std::chrono::steady_clock::now();
    std::string routeName = "web.unmatched";
    Response r;
    try {
      r = dispatch(request, routeName);
    } catch (const std::exception& e) {
      spdlog::error("request failed: route={} error={}", routeName, e.what());
      // The database unable to serve (disk error, full disk, locked too long) is the service being
      // unavailable, not broken: the transaction was rolled back and the page can be tried again.
      const bool unavailable = storage::isUnavailable(e);
      r = htmlResponse(
          unavailable ? 503 : 500,
          "<!DOCTYPE html><html lang=\"en\"><title>Sorry, there is a problem with the service</title>"
          "<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p></html>");
      r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
      r.headers.emplace_back("Cache-Control", "no-store");
    }
    send(request, response, r);
    auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (routeName != "web.asset")
      spdlog::info("{} {} {} {:.1f}ms", request.getMethod(), routeName, r.status, ms);
  }

 private:
  Response dispatch(Poco::Net::HTTPServerRequest& request, std::string& routeName) {
    WebSite::Incoming in;
    in.method = request.getMethod();
    in.uri = request.getURI();
    in.cookieHeader = request.get("Cookie", "");
    in.contentType = request.getContentType();
    in.clientAddress = clientAddressOf(request, site_.trustedProxies());
    if (in.method == "POST") {
      if (request.hasContentLength() &&
          request.getContentLength64() > static_cast<Poco::Int64>(maxBodyBytes_))
        return tooLarge();
      auto& stream = request.stream();
      char buf[8192];
      while (stream) {
        stream.read(buf, sizeof buf);
        in.body.append(buf, static_cast<std::size_t>(stream.gcount()));
        if (in.body.size() > maxBodyBytes_) return tooLarge();
      }
    }
    return site_.handle(in, &routeName);
  }

  Response tooLarge() const {
    Response r =
        htmlResponse(413,
                     "<!DOCTYPE html><html lang=\"en\"><title>The form is too large</title>"
                     "<h1>The form is too large</h1><p>Shorten your answers and try again.</p></html>");
    r.headers.emplace_back("Connection", "close");
    r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    return r;
  }

  static void send(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                   const Response& r) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    for (const auto& [k, v] : r.headers) response.add(k, v);
    bool text = r.contentType.rfind("text/", 0) == 0 || r.contentType.find("json") != std::string::npos ||
                r.contentType.find("svg") != std::string::npos;
    bool hasCharset = r.contentType.find("charset") != std::string::npos;
    response.setContentType(text && !hasCharset ? r.contentType + "; charset=utf-8" : r.contentType);
    response.setContentLength64(static_cast<Poco::Int64>(r.body.size()));
    auto& out = response.send();
    if (request.getMethod() != "HEAD") out.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  }

  WebSite& site_;
  std::size_t maxBodyBytes_;
};

class SiteFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  SiteFactory(Poco::Net::HTTPRequestHandlerFactory* api, const Router& apiRouter, WebSite& site,
              std::size_t maxBody)
      : api_(api), apiRouter_(apiRouter), site_(site), maxBody_(maxBody) {}

  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override {
    // The API's handler answers a request line that is not HTTP/1.x (isHttp1Version).
    if (!isHttp1Version(request.getVersion()) || isApi(request)) return api_->createRequestHandler(request);
    return new WebHandler(site_, maxBody_);
  }

 private:
  bool isApi(const Poco::Net::HTTPServerRequest& request) const {
    std::string path;
    try {
      path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
      return true;  // the API's handler answers unreadable addresses with a problem document
    }
    if (path == "/api" || path.rfind("/api/", 0) == 0) return true;
    if (path.size() > 1 && path.back() == '/') path.pop_back();
    auto match = apiRouter_.match(request.getMethod(), path);
    return match.route != nullptr || !match.allowedMethods.empty();
  }

  std::unique_ptr<Poco::Net::HTTPRequestHandlerFactory> api_;
  const Router& apiRouter_;
  WebSite& site_;
  std::size_t maxBody_;
};

}  // namespace

Poco::Net::HTTPRequestHandlerFactory* makeSiteHandlerFactory(Poco::Net::HTTPRequestHandlerFactory* api,
                                                             const Router& apiRouter, WebSite& site,
                                                             std::size_t maxBodyBytes) {
  return new SiteFactory(api, apiRouter, site, maxBodyBytes);
}

std::optional<Id> parseId(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  Id id = static_cast<Id>(std::stoll(text));
  if (id <= 0) return std::nullopt;
  return id;
}

}  // namespace ycr::services::web
