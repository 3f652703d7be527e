// Metrics (metrics.cpp) and readiness (/readyz, App::readiness): the exposition format, requests
// labelled by route pattern and never by a concrete path, the separate metrics listener, and an
// App that will not serve an unmigrated database when migrate_on_start is false.

#include "ycr/services/metrics.h"

#include <boost/test/unit_test.hpp>

#include "service_fixture.h"
#include "ycr/storage/migrations.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::services;
using test_support::contains;

BOOST_AUTO_TEST_SUITE(metrics_test)

BOOST_AUTO_TEST_CASE(exposition_counts_requests_and_fills_cumulative_buckets) {
  Metrics m([] { return std::vector<MetricGauge>{{"ycr_database_up", "Up.", 1, ""}}; });
  m.observe("GET", "/api/v1/cases/{id}", 200, 0.003);
  m.observe("GET", "/api/v1/cases/{id}", 200, 0.2);
  m.observe("BREW", "/api/v1/cases/{id}", 404, 20);
  auto text = m.exposition();
  BOOST_TEST(contains(text, "# TYPE ycr_http_requests_total counter\n"));
  BOOST_TEST(contains(
      text, "ycr_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"GET\",status=\"200\"} 2\n"));
  // A method nobody routes is counted as "other", so clients cannot invent label values.
  BOOST_TEST(contains(
      text, "ycr_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"other\",status=\"404\"} 1\n"));
  BOOST_TEST(contains(text, "# TYPE ycr_http_request_duration_seconds histogram\n"));
  BOOST_TEST(contains(
      text, "ycr_http_request_duration_seconds_bucket{route=\"/api/v1/cases/{id}\",le=\"0.005\"} 1\n"));
  BOOST_TEST(contains(
      text, "ycr_http_request_duration_seconds_bucket{route=\"/api/v1/cases/{id}\",le=\"0.25\"} 2\n"));
  BOOST_TEST(
      contains(text, "ycr_http_request_duration_seconds_bucket{route=\"/api/v1/cases/{id}\",le=\"10\"} 2\n"));
  BOOST_TEST(contains(
      text, "ycr_http_request_duration_seconds_bucket{route=\"/api/v1/cases/{id}\",le=\"+Inf\"} 3\n"));
  BOOST_TEST(contains(text, "ycr_http_request_duration_seconds_count{route=\"/api/v1/cases/{id}\"} 3\n"));
  BOOST_TEST(contains(text, "# TYPE ycr_database_up gauge\nycr_database_up 1\n"));
}

BOOST_AUTO_TEST_CASE(the_metrics_listener_serves_requests_by_route_pattern) {
  test_support::ServiceFixture s("metrics", "2024-03-04T10:00:00Z");
  s.config.metricsPort = 0;  // any free port, loopback (metrics_bind's default)
  s.start();
  BOOST_REQUIRE(s.app->metricsPort() > 0);
  BOOST_REQUIRE(s.app->metricsPort() != s.app->port());
  BOOST_TEST(s.send("GET", "/healthz").status == 200);
  BOOST_TEST(s.send("GET", "/api/v1/cases/4821").status == 401);
  BOOST_TEST(s.send("GET", "/no-such-page-9931").status == 404);
  auto scraped = test_support::send(s.app->metricsPort(), "GET", "/metrics");
  BOOST_TEST(scraped.status == 200);
  BOOST_TEST(contains(scraped.contentType, "text/plain; version=0.0.4"));
  BOOST_TEST(contains(scraped.body,
                      "ycr_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1\n"));
  BOOST_TEST(
      contains(scraped.body,
               "ycr_http_requests_total{route=\"/api/v1/cases/{id}\",method=\"GET\",status=\"401\"} 1\n"));
  BOOST_TEST(contains(scraped.body, "route=\"unmatched\""));
  // Identifiers and unknown paths never become labels.
  BOOST_TEST(!contains(scraped.body, "4821"));
  BOOST_TEST(!contains(scraped.body, "9931"));
  BOOST_TEST(contains(scraped.body, "ycr_database_up 1\n"));
  BOOST_TEST(contains(scraped.body, "ycr_database_pending_migrations 0\n"));
  BOOST_TEST(contains(scraped.body, "ycr_http_threads_max 16\n"));
  BOOST_TEST(test_support::send(s.app->metricsPort(), "GET", "/healthz").status == 404);
  // The public port does not serve them.
  BOOST_TEST(!contains(s.send("GET", "/metrics").body, "ycr_http_requests_total"));
}

BOOST_AUTO_TEST_CASE(metrics_are_off_unless_a_port_is_set) {
  test_support::ServiceFixture s("metrics-off", "2024-03-04T10:00:00Z");
  s.start();
  BOOST_TEST(s.app->metricsPort() == 0);
}

BOOST_AUTO_TEST_CASE(readyz_says_ready_when_the_schema_is_current) {
  test_support::ServiceFixture s("readyz", "2024-03-04T10:00:00Z");
  s.start();
  auto r = s.send("GET", "/readyz");
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.str("status") == "ok");
  BOOST_TEST(r.str("migrations") == "current");
  auto ready = s.app->readiness();
  BOOST_TEST(ready.schemaVersion == storage::embeddedMigrations().back().version);
}

BOOST_AUTO_TEST_CASE(without_migrate_on_start_an_unmigrated_database_is_refused_until_migrated) {
  test_support::ServiceFixture s("no-migrate", "2024-03-04T10:00:00Z");
  s.config.migrateOnStart = false;
  auto refused = App::create(s.config, s.clock, s.ids);
  BOOST_REQUIRE(!refused);
  BOOST_TEST(contains(refused.error().detail, "ycr migrate"));
  {
    auto store = storage::SqliteStore::open({s.config.database, 1, 5000});
    BOOST_REQUIRE(store);
    BOOST_REQUIRE(store.value()->migrate());
  }
  s.start();
  BOOST_TEST(s.send("GET", "/readyz").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
