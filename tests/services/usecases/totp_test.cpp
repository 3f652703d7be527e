// TOTP (totp.cpp) against RFC 6238's published test vectors (Appendix B, SHA-1), the one-step
// window, base32 both ways and the otpauth URI authenticator apps read.

#include "ycr/services/totp.h"

#include <boost/test/unit_test.hpp>

using namespace ycr;
using namespace ycr::services;

namespace {
Timestamp at(long long unixSeconds) {
  return Timestamp(std::chrono::seconds(unixSeconds));
}
const std::string kRfcSecret = "12345678901234567890";  // RFC 6238's SHA-1 seed (ASCII)

struct Vector {
  long long time;
  const char* code;
};
const Vector kVectors[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                           {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
}  // namespace

BOOST_AUTO_TEST_SUITE(totp_test)

BOOST_AUTO_TEST_CASE(rfc_6238_sha1_test_vectors) {
  for (const auto& v : kVectors) BOOST_TEST_CONTEXT(v.time) {
      BOOST_TEST(totp::code(kRfcSecret, totp::stepAt(at(v.time)), 8) == v.code);
      // Six digits are the last six of the same truncation.
      BOOST_TEST(totp::code(kRfcSecret, totp::stepAt(at(v.time))) == std::string(v.code).substr(2));
    }
}

BOOST_AUTO_TEST_CASE(a_code_matches_its_step_and_one_either_side_only) {
  const auto now = at(1111111111);
  const auto step = totp::stepAt(now);
  BOOST_TEST(*totp::match(kRfcSecret, totp::code(kRfcSecret, step), now) == step);
  BOOST_TEST(*totp::match(kRfcSecret, totp::code(kRfcSecret, step - 1), now) == step - 1);
  BOOST_TEST(*totp::match(kRfcSecret, totp::code(kRfcSecret, step + 1), now) == step + 1);
  BOOST_TEST(!totp::match(kRfcSecret, totp::code(kRfcSecret, step - 2), now));
  BOOST_TEST(!totp::match(kRfcSecret, totp::code(kRfcSecret, step + 2), now));
  BOOST_TEST(!totp::match(kRfcSecret, "12345", now));
  BOOST_TEST(!totp::match("", totp::code("", step), now));
}

BOOST_AUTO_TEST_CASE(base32_round_trips_and_reads_what_people_type) {
  BOOST_TEST(totp::base32("12345678901234567890") == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  BOOST_TEST(totp::base32("f") == "MY");  // RFC 4648's examples, without padding
  BOOST_TEST(totp::base32("foobar") == "MZXW6YTBOI");
  BOOST_TEST(*totp::fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == "12345678901234567890");
  BOOST_TEST(*totp::fromBase32("mzxw 6ytb oi") == "foobar");
  BOOST_TEST(!totp::fromBase32("not base32!"));
}

BOOST_AUTO_TEST_CASE(the_provisioning_uri_and_qr_code) {
  auto uri = totp::provisioningUri("Young carers service", "cw.one", kRfcSecret);
  BOOST_TEST(uri ==
             "otpauth://totp/Young%20carers%20service%3Acw.one?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
             "&issuer=Young%20carers%20service&algorithm=SHA1&digits=6&period=30");
  auto svg = totp::qrSvg(uri);
  BOOST_REQUIRE(svg);
  BOOST_TEST(svg->rfind("<svg", 0) == 0);
  BOOST_TEST(svg->find("h1v1h-1z") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
