#pragma once
// Prometheus metrics in the text exposition format (version 0.0.4): requests by route pattern,
// method and status, a latency histogram by route, and gauges read when scraped (database,
// server queue). Served on their own listener (metrics_bind:metrics_port, loopback by default), so
// nothing about the service's traffic is visible on the public port.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "ycr/services/http.h"

namespace ycr::services {

// A value read when scraped.
struct MetricGauge {
  std::string name, help;
  double value = 0;
  std::string labels;  // rendered, e.g. version="0.1.0"; empty for none
};

class Metrics {
 public:
  // Latency histogram bucket bounds, in seconds.
  static constexpr std::array<double, 11> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                      0.5,   1,    2.5,   5,    10};

  using GaugeSource = std::function<std::vector<MetricGauge>()>;

  explicit Metrics(GaugeSource gauges = {}) : gauges_(std::move(gauges)) {}

  // One finished request. route is a pattern ("/api/v1/cases/{id}"), never a concrete path, so
  // no identifier reaches the metrics and the number of series stays bounded.
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  // Everything, in the text exposition format.
  std::string exposition() const;

 private:
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  GaugeSource gauges_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, unsigned long long> requests_;  // route, method, status
  std::map<std::string, Histogram> latency_;                                          // by route
};

// The label for a request: the pattern of the API or web route it matches, "/assets/*" for web
// assets, "unmatched" otherwise.
class RouteLabeller {
 public:
  RouteLabeller(const Router& api, Router web) : api_(api), web_(std::move(web)) {}
  std::string label(const std::string& method, const std::string& uri) const;

 private:
  const Router& api_;
  Router web_;
};

// Wraps the service's handler factory so every request is counted and timed (takes ownership).
Poco::Net::HTTPRequestHandlerFactory* makeMetricsHandlerFactory(Poco::Net::HTTPRequestHandlerFactory* inner,
                                                                RouteLabeller labeller, Metrics& metrics);
// The metrics listener's factory: GET /metrics, and 404 for anything else.
Poco::Net::HTTPRequestHandlerFactory* makeMetricsEndpointFactory(const Metrics& metrics);

}  // namespace ycr::services
