// The JSON request reader of services/http.cpp: typed reads that turn wrong input into field errors.

#include "ycr/services/http.h"

#include <boost/test/unit_test.hpp>

using namespace ycr;
using namespace ycr::services;

BOOST_AUTO_TEST_SUITE(http_test)

// Found by tests/fuzz/json_body (corpus/json_body/big_integer.json): past 2^63 the JSON parser keeps
// a number unsigned, and converting it threw from JsonInput::integer, which the API answered with 500.
BOOST_AUTO_TEST_CASE(whole_numbers_past_the_range_of_long_long_are_field_errors_not_exceptions) {
  for (const std::string number : {"18446744073709551615", "9223372036854775808"}) {
    BOOST_TEST_CONTEXT(number) {
      auto body = parseJsonObject("{\"limit\":" + number + "}");
      BOOST_REQUIRE(body.ok());
      FieldErrors errors;
      JsonInput in(body.value(), "", errors);
      std::optional<long long> limit;
      BOOST_CHECK_NO_THROW(limit = in.integer("limit"));
      BOOST_TEST(!limit.has_value());
      BOOST_REQUIRE(errors.all().size() == 1u);
      BOOST_TEST(errors.all()[0].field == "limit");
      BOOST_TEST(errors.all()[0].code == "out_of_range");
      BOOST_TEST(!jsonWholeNumber(body.value()->get("limit")).has_value());
    }
  }
  auto body = parseJsonObject(R"({"a":9223372036854775807,"b":-1234567890123,"c":"7"})");
  BOOST_REQUIRE(body.ok());
  BOOST_TEST(*jsonWholeNumber(body.value()->get("a")) == 9223372036854775807LL);
  BOOST_TEST(*jsonWholeNumber(body.value()->get("b")) == -1234567890123LL);
  BOOST_TEST(!jsonWholeNumber(body.value()->get("c")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
