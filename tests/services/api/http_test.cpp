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

// A route's {id} reaches its handler only as a number; anything else is a record that does not exist.
BOOST_AUTO_TEST_CASE(with_id_hands_over_a_numeric_id_and_answers_anything_else_as_not_found) {
  std::vector<Id> seen;
  Handler h = withId([&](RequestContext&, Id id) {
    seen.push_back(id);
    return Response::json(200, Poco::JSON::Object::Ptr(new Poco::JSON::Object));
  });
  for (const std::string bad : {"", "abc", "-1", "1e3", "12 ", "0x1f", "1234567890123456789", "１２"}) {
    RequestContext ctx;
    ctx.params["id"] = bad;
    auto r = h(ctx);
    BOOST_TEST(r.status == 404, bad);
    BOOST_TEST(r.contentType == "application/problem+json", bad);
  }
  BOOST_TEST(seen.empty());
  RequestContext ctx;
  ctx.params["id"] = "42";
  BOOST_TEST(h(ctx).status == 200);
  BOOST_TEST((seen == std::vector<Id>{42}));
}

BOOST_AUTO_TEST_SUITE_END()
