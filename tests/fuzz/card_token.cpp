// ID card tokens as /verify/{token} reads them (services/card_signing.cpp verify) and card numbers
// as typed (core idcard normaliseCardNumber). Only a token this key signed verifies, and then it is
// exactly the token the signer makes for that number; a number in any accepted spelling normalises
// to one stored form that its printed form reads back as.
#include "fuzz_support.h"
#include "ycr/core/idcard.h"
#include "ycr/services/card_signing.h"

using namespace ycr;
using namespace ycr::services;

namespace {

const CardSigner& signer() {
  static const CardSigner s = [] {
    CardSigner::Seed seed{};
    for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(i * 7 + 1);
    return CardSigner::fromSeed(seed);
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);

  auto verified = signer().verify(in);
  if (verified) {
    FUZZ_CHECK(isValidCardNumber(*verified), input);
    auto token = signer().token(*verified);
    FUZZ_CHECK(token && *token == in, input + " -> " + *verified);
  } else {
    FUZZ_CHECK(verified.error().code == ErrorCode::malformed || verified.error().code == ErrorCode::not_found,
               input);
  }
  auto withPublic = CardSigner::verifyWith(signer().publicKey(), in);
  FUZZ_CHECK(withPublic.ok() == verified.ok(), input);

  if (auto number = normaliseCardNumber(in)) {
    FUZZ_CHECK(isValidCardNumber(*number) && normaliseCardNumber(*number) == number,
               input + " -> " + *number);
    auto printed = formatCardNumberForPrint(*number);
    FUZZ_CHECK(printed && normaliseCardNumber(*printed) == number, input + " -> " + *number);
    auto token = signer().token(in);
    FUZZ_CHECK(token && token->size() == kCardTokenLength, input);
    auto back = signer().verify(*token);
    FUZZ_CHECK(back && *back == *number, input + " -> " + *token);
  } else {
    FUZZ_CHECK(!signer().token(in), input);
  }
  return 0;
}
