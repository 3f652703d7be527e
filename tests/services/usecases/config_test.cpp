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

BOOST_AUTO_TEST_CASE(adult_social_care_by_district_maps_areas_districts_and_sectors_to_names) {
  Config c;
  BOOST_REQUIRE(static_cast<bool>(c.set("adult_social_care_by_district",
                                        "le1, LE2 7 : Leicester City adult social care; LE: County ASC;")));
  BOOST_REQUIRE_EQUAL(c.adultSocialCareByDistrict.size(), 3u);
  BOOST_TEST(c.adultSocialCareByDistrict[0].area == "LE1");
  BOOST_TEST(c.adultSocialCareByDistrict[1].area == "LE2 7");
  BOOST_TEST(c.adultSocialCareByDistrict[1].organisation == "Leicester City adult social care");
  BOOST_TEST(c.adultSocialCareByDistrict[2].organisation == "County ASC");
  BOOST_TEST(static_cast<bool>(c.set("adult_social_care_by_district", "")));
  BOOST_TEST(c.adultSocialCareByDistrict.empty());
  // Each refusal names the setting.
  for (const char* bad :
       {"LE2 Leicester City", "LE2:", "LE2 7GH: City", "2LE: City", "LE2: City; le2: County", ": City"}) {
    auto s = c.set("adult_social_care_by_district", bad);
    BOOST_TEST(!s, bad);
    if (!s) BOOST_TEST(s.error().fields.at(0).field == "adult_social_care_by_district", bad);
  }
}

BOOST_AUTO_TEST_CASE(a_postcode_lies_in_its_sector_district_and_area_longest_first) {
  BOOST_TEST(postcodeAreas("LE2 7GH") == (std::vector<std::string>{"LE2 7", "LE2", "LE"}));
  BOOST_TEST(postcodeAreas("B1 1AA") == (std::vector<std::string>{"B1 1", "B1", "B"}));
  BOOST_TEST(postcodeAreas("").empty());
  BOOST_TEST(postcodeAreas("LE27GH").empty());
}

BOOST_AUTO_TEST_SUITE_END()
