// The OpenAPI description and the routing table must describe the same API.

#include "ycr/services/openapi.h"

#include <Poco/JSON/Parser.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>

#include "ycr/services/app.h"

using namespace ycr::services;

BOOST_AUTO_TEST_SUITE(openapi_test)

BOOST_AUTO_TEST_CASE(every_route_is_described_and_every_description_is_routed) {
  Poco::JSON::Parser parser;
  auto doc = parser.parse(openApiDocument()).extract<Poco::JSON::Object::Ptr>();
  BOOST_TEST(doc->getValue<std::string>("openapi").rfind("3.", 0) == 0);
  std::set<std::string> described;
  auto paths = doc->getObject("paths");
  for (const auto& path : paths->getNames()) {
    auto item = paths->getObject(path);
    for (const char* method : {"get", "post", "put", "patch", "delete"}) {
      if (!item->has(method)) continue;
      std::string m = method;
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      described.insert(m + " " + path);
    }
  }
  // A router with every route the service serves, built without a database.
  std::set<std::string> routed;
  Router router;
  ycr::FixedClock clock(*ycr::parseIsoTimestamp("2024-01-01T00:00:00Z"));
  ycr::RandomIdSource ids;
  Config config;
  auto dir = std::filesystem::temp_directory_path() / ("ycr-openapi-" + std::to_string(::getpid()));
  config.database = (dir / "ycr.db").string();
  config.keyDir = (dir / "keys").string();
  config.dataDir = YCR_SOURCE_DIR;
  config.passwordHashCost = "min";
  auto app = App::create(config, clock, ids);
  BOOST_REQUIRE(app);
  for (const auto& r : app.value()->router().routes()) routed.insert(r.method + " " + r.pattern);
  for (const auto& r : routed) BOOST_TEST_CONTEXT(r) {
      BOOST_TEST(described.count(r) == 1);
    }
  for (const auto& d : described) BOOST_TEST_CONTEXT(d) {
      BOOST_TEST(routed.count(d) == 1);
    }
  app.value().reset();
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
