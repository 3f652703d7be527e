// Settings from the environment (config.cpp): only YCR_ variables that name a setting are read;
// the scripts' own variables are not settings and never stop ycr.

#include "ycr/services/config.h"

#include <boost/test/unit_test.hpp>

using namespace ycr;
using namespace ycr::services;

namespace {

Status load(Config& c, std::vector<std::string> entries, std::vector<std::string>* notSettings = nullptr) {
  std::vector<char*> env;
  for (auto& e : entries) env.push_back(e.data());
  env.push_back(nullptr);
  return loadEnvironment(c, env.data(), notSettings);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(config_test)

BOOST_AUTO_TEST_CASE(settings_are_read_and_script_variables_are_not_settings) {
  Config c;
  std::vector<std::string> ignored;
  BOOST_TEST(static_cast<bool>(
      load(c,
           {"YCR_PORT=8099", "YCR_DEMO=0", "YCR_SKIP_SANITIZERS=1", "YCR_BUILD_TARGET=ycr",
            "YCR_ADMIN_PASSWORD=x", "YCR_BUILD_DIR=build", "YCR_TRUSTED_PROXIES=none", "PATH=/usr/bin"},
           &ignored)));
  BOOST_TEST(c.port == 8099);
  BOOST_TEST(c.trustedProxies == "none");
  BOOST_TEST(ignored.empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_variable_is_reported_and_a_bad_value_still_stops) {
  Config c;
  std::vector<std::string> ignored;
  BOOST_TEST(static_cast<bool>(load(c, {"YCR_DATABSE=typo.db"}, &ignored)));
  BOOST_TEST(ignored == std::vector<std::string>{"YCR_DATABSE"});
  BOOST_TEST(c.database == "var/ycr.db");
  auto bad = load(c, {"YCR_PORT=eighty"});
  BOOST_TEST(!bad);
  // Unknown names in a file or --set are still refused.
  BOOST_TEST(!c.set("demo", "0"));
}

BOOST_AUTO_TEST_CASE(young_adult_carers_are_kept_to_25_at_most) {
  // DOMAIN.md: young adult carers are 18 to 25, and intake refuses anyone older whatever the setting, so
  // a setting that promised more would be a promise intake breaks.
  Config c;
  BOOST_TEST(static_cast<bool>(c.set("young_adult_carer_upper_age", "25")));
  BOOST_TEST(c.pathway.youngAdultCarerUpperAge == 25);
  BOOST_TEST(static_cast<bool>(c.set("young_adult_carer_upper_age", "21")));
  BOOST_TEST(!c.set("young_adult_carer_upper_age", "26"));
  BOOST_TEST(!c.set("young_adult_carer_upper_age", "17"));
}

BOOST_AUTO_TEST_SUITE_END()
