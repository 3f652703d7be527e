#include "ycr/services/metrics.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <sstream>

namespace ycr::services {

namespace {

// Label values are route patterns and method names we chose, but escape anyway (the format's rules).
std::string escapeLabel(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

const char* knownMethod(const std::string& m) {
  for (const char* k : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
    if (m == k) return k;
  return "other";
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, knownMethod(method), status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::exposition() const {
  std::ostringstream out;
  {
    std::lock_guard lock(mutex_);
    out << "# HELP ycr_http_requests_total HTTP requests answered, by route pattern, method and status.\n"
           "# TYPE ycr_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      const auto& [route, method, status] = key;
      out << "ycr_http_requests_total{route=\"" << escapeLabel(route) << "\",method=\"" << method
          << "\",status=\"" << status << "\"} " << n << "\n";
    }
    out << "# HELP ycr_http_request_duration_seconds Time to answer an HTTP request, by route pattern.\n"
           "# TYPE ycr_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
      const auto r = escapeLabel(route);
      for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out << "ycr_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"" << number(kBuckets[i])
            << "\"} " << h.buckets[i] << "\n";
      out << "ycr_http_request_duration_seconds_bucket{route=\"" << r << "\",le=\"+Inf\"} " << h.count
          << "\n";
      out << "ycr_http_request_duration_seconds_sum{route=\"" << r << "\"} " << number(h.sum) << "\n";
      out << "ycr_http_request_duration_seconds_count{route=\"" << r << "\"} " << h.count << "\n";
    }
  }
  if (gauges_) {
    for (const auto& g : gauges_()) {
      out << "# HELP " << g.name << " " << g.help << "\n# TYPE " << g.name << " gauge\n" << g.name;
      if (!g.labels.empty()) out << "{" << g.labels << "}";
      out << " " << number(g.value) << "\n";
    }
  }
  return out.str();
}

std::string RouteLabeller::label(const std::string& method, const std::string& uri) const {
  std::string path;
  try {
    path = Poco::URI(uri).getPath();
  } catch (const Poco::Exception&) {
    return "unmatched";
  }
  if (path.rfind("/assets/", 0) == 0) return "/assets/*";
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  for (const Router* r : {&api_, &web_}) {
    auto m = r->match(method == "HEAD" ? "GET" : method, path);
    if (m.route) return m.route->pattern;
  }
  return "unmatched";
}

namespace {

class CountingHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  CountingHandler(Poco::Net::HTTPRequestHandler* inner, std::string method, std::string route,
                  Metrics& metrics)
      : inner_(inner), method_(std::move(method)), route_(std::move(route)), metrics_(metrics) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    auto started = std::chrono::steady_clock::now();
    inner_->handleRequest(request, response);
    metrics_.observe(method_, route_, static_cast<int>(response.getStatus()),
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
  std::string method_, route_;
  Metrics& metrics_;
};

class CountingFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  CountingFactory(Poco::Net::HTTPRequestHandlerFactory* inner, RouteLabeller labeller, Metrics& metrics)
      : inner_(inner), labeller_(std::move(labeller)), metrics_(metrics) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override {
    auto* h = inner_->createRequestHandler(request);
    if (!h) return nullptr;
    return new CountingHandler(h, request.getMethod(), labeller_.label(request.getMethod(), request.getURI()),
                               metrics_);
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandlerFactory> inner_;
  RouteLabeller labeller_;
  Metrics& metrics_;
};

class MetricsEndpoint final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit MetricsEndpoint(const Metrics& metrics) : metrics_(metrics) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    std::string path;
    try {
      path = Poco::URI(request.getURI()).getPath();
    } catch (const Poco::Exception&) {
    }
    std::string body;
    if (path != "/metrics") {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_FOUND);
      response.setContentType("text/plain; charset=utf-8");
      body = "Not found: metrics are at /metrics\n";
    } else if (request.getMethod() != "GET" && request.getMethod() != "HEAD") {
      response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED);
      response.set("Allow", "GET, HEAD");
      response.setContentType("text/plain; charset=utf-8");
    } else {
      response.setContentType("text/plain; version=0.0.4; charset=utf-8");
      body = metrics_.exposition();
    }
    response.set("Cache-Control", "no-store");
    response.setContentLength64(static_cast<Poco::Int64>(body.size()));
    auto& out = response.send();
    if (request.getMethod() != "HEAD") out << body;
  }

 private:
  const Metrics& metrics_;
};

class EndpointFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit EndpointFactory(const Metrics& metrics) : metrics_(metrics) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new MetricsEndpoint(metrics_);
  }

 private:
  const Metrics& metrics_;
};

}  // namespace

Poco::Net::HTTPRequestHandlerFactory* makeMetricsHandlerFactory(Poco::Net::HTTPRequestHandlerFactory* inner,
                                                                RouteLabeller labeller, Metrics& metrics) {
  return new CountingFactory(inner, std::move(labeller), metrics);
}

Poco::Net::HTTPRequestHandlerFactory* makeMetricsEndpointFactory(const Metrics& metrics) {
  return new EndpointFactory(metrics);
}

}  // namespace ycr::services
