#include "ycr/services/card_signing.h"

#include <sodium.h>
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

#include "support/files.h"

using namespace ycr;
using namespace ycr::services;
using test_support::readFile;
using test_support::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

CardSigner::Seed seedOf(unsigned char fill) {
  CardSigner::Seed seed{};
  for (std::size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<unsigned char>(fill + i);
  return seed;
}

std::vector<unsigned char> decode(const std::string& token) {
  std::vector<unsigned char> bytes(token.size());
  std::size_t n = 0;
  BOOST_REQUIRE(sodium_base642bin(bytes.data(), bytes.size(), token.data(), token.size(), nullptr, &n,
                                  nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0);
  bytes.resize(n);
  return bytes;
}

std::string encode(const std::vector<unsigned char>& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.pop_back();
  return out;
}

// A token built by hand from the format documented in card_signing.h, as an offline verifier
// written elsewhere would read it.
std::string handMadeToken(const CardSigner::Seed& seed, unsigned char version,
                          std::vector<unsigned char> payload, std::string_view context = kCardTokenContext) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_seed_keypair(pk, sk, seed.data());
  payload.insert(payload.begin(), version);
  std::vector<unsigned char> message(context.begin(), context.end());
  message.insert(message.end(), payload.begin(), payload.end());
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, message.data(), message.size(), sk);
  payload.insert(payload.end(), sig, sig + sizeof sig);
  return encode(payload);
}

unsigned modeOf(const fs::path& p) {
  struct stat st {};
  BOOST_REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(card_signing_test)

BOOST_AUTO_TEST_CASE(a_genuine_token_verifies_to_its_card_number) {
  auto signer = CardSigner::fromSeed(seedOf(1));
  for (std::string number : {"YC0314159266", "YC0000000013", "YC9999999990", "YC1234567894"}) {
    BOOST_TEST_CONTEXT(number) {
      auto token = signer.token(number);
      BOOST_REQUIRE(token.ok());
      BOOST_TEST(token->size() == kCardTokenLength);
      BOOST_TEST(token->find_first_not_of(kAlphabet) == std::string::npos);  // safe in a URL path as is
      auto verified = signer.verify(*token);
      BOOST_REQUIRE(verified.ok());
      BOOST_TEST(*verified == number);
    }
  }
  // Any accepted spelling of the number gives the same token.
  BOOST_TEST(signer.token("yc 0314 1592 66").value() == signer.token("YC0314159266").value());
}

BOOST_AUTO_TEST_CASE(no_token_for_an_invalid_card_number) {
  auto signer = CardSigner::fromSeed(seedOf(1));
  for (std::string bad : {"", "YC0314159267", "YC031415926", "hello"}) {
    auto token = signer.token(bad);
    BOOST_REQUIRE(!token.ok());
    BOOST_TEST(token.error().code == ErrorCode::validation);
  }
}

BOOST_AUTO_TEST_CASE(the_documented_format_is_what_is_signed_and_checked) {
  const auto seed = seedOf(9);
  auto signer = CardSigner::fromSeed(seed);
  // YC0314159266 -> 314159266 -> 00 12 b9 b0 a2, as the header says.
  const std::string byHand = handMadeToken(seed, 1, {0x00, 0x12, 0xb9, 0xb0, 0xa2});
  BOOST_TEST(byHand == signer.token("YC0314159266").value());
  BOOST_TEST(signer.verify(byHand).value() == "YC0314159266");

  // Genuinely signed but not a valid card token: another version, an invalid check digit, a value
  // beyond ten digits, or a signature made without the context string.
  const std::vector<std::pair<const char*, std::string>> refused = {
      {"version 2", handMadeToken(seed, 2, {0x00, 0x12, 0xb9, 0xb0, 0xa2})},
      {"version 0", handMadeToken(seed, 0, {0x00, 0x12, 0xb9, 0xb0, 0xa2})},
      {"bad check digit", handMadeToken(seed, 1, {0x00, 0x12, 0xb9, 0xb0, 0xa3})},
      {"eleven digits", handMadeToken(seed, 1, {0xff, 0xff, 0xff, 0xff, 0xff})},
      {"no context", handMadeToken(seed, 1, {0x00, 0x12, 0xb9, 0xb0, 0xa2}, "")},
      {"other context", handMadeToken(seed, 1, {0x00, 0x12, 0xb9, 0xb0, 0xa2}, "ycr-idcard-v2")},
  };
  for (const auto& [what, token] : refused) {
    BOOST_TEST_CONTEXT(what) {
      BOOST_TEST(!signer.verify(token).ok());
    }
  }
}

BOOST_AUTO_TEST_CASE(every_altered_character_and_byte_is_refused) {
  auto signer = CardSigner::fromSeed(seedOf(1));
  const std::string genuine = signer.token("YC0314159266").value();
  int tried = 0;
  // Every other character at every position of the printed token.
  for (std::size_t i = 0; i < genuine.size(); ++i) {
    for (char c : kAlphabet) {
      if (c == genuine[i]) continue;
      std::string altered = genuine;
      altered[i] = c;
      BOOST_TEST(!signer.verify(altered).ok(), "altered at " << i << ": " << altered);
      ++tried;
    }
  }
  // Every bit of every byte of the decoded token.
  const auto bytes = decode(genuine);
  BOOST_REQUIRE(bytes.size() == 70u);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      auto altered = bytes;
      altered[i] ^= static_cast<unsigned char>(1u << bit);
      BOOST_TEST(!signer.verify(encode(altered)).ok(), "byte " << i << " bit " << bit);
      ++tried;
    }
  }
  BOOST_TEST(tried == 94 * 63 + 70 * 8);
}

BOOST_AUTO_TEST_CASE(truncated_extended_and_made_up_tokens_are_refused) {
  auto signer = CardSigner::fromSeed(seedOf(1));
  const std::string genuine = signer.token("YC0314159266").value();
  for (std::size_t n = 0; n < genuine.size(); ++n) {
    auto result = signer.verify(genuine.substr(0, n));
    BOOST_TEST(!result.ok(), "prefix of " << n);
    BOOST_TEST(!signer.verify(genuine.substr(genuine.size() - n)).ok(), "suffix of " << n);
  }
  const std::vector<std::string> refused = {
      "",
      genuine + "A",
      "A" + genuine,
      genuine + "==",
      genuine + " ",
      " " + genuine,
      genuine + "\n",
      genuine + genuine,
      genuine.substr(0, 47) + " " + genuine.substr(47),
      std::string(kCardTokenLength, 'A'),
      std::string(kCardTokenLength, '_'),
      std::string(kCardTokenLength, '%'),
      std::string(genuine.size(), '\0'),
      encode(std::vector<unsigned char>(70, 0)),
      "../../etc/passwd",
  };
  for (const auto& token : refused) {
    BOOST_TEST_CONTEXT("token '" << token << "'") {
      auto result = signer.verify(token);
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST(result.error().code == ErrorCode::malformed);
    }
  }
  // Random well-formed tokens: the right shape, never a genuine signature.
  for (int i = 0; i < 200; ++i) {
    std::vector<unsigned char> random(70);
    randombytes_buf(random.data(), random.size());
    random[0] = kCardTokenVersion;
    auto result = signer.verify(encode(random));
    BOOST_REQUIRE(!result.ok());
    BOOST_TEST(result.error().code == ErrorCode::not_found);
  }
}

BOOST_AUTO_TEST_CASE(another_keys_token_is_refused) {
  auto ours = CardSigner::fromSeed(seedOf(1));
  auto theirs = CardSigner::fromSeed(seedOf(2));
  BOOST_TEST(ours.publicKeyBase64() != theirs.publicKeyBase64());
  const std::string foreign = theirs.token("YC0314159266").value();
  auto result = ours.verify(foreign);
  BOOST_REQUIRE(!result.ok());
  BOOST_TEST(result.error().code == ErrorCode::not_found);
  // A verifier holding only the published key of the right issuer accepts it.
  BOOST_TEST(CardSigner::verifyWith(theirs.publicKey(), foreign).value() == "YC0314159266");
  BOOST_TEST(!CardSigner::verifyWith(ours.publicKey(), foreign).ok());
}

BOOST_AUTO_TEST_CASE(public_key_is_published_as_rfc8410_pem) {
  auto signer = CardSigner::fromSeed(seedOf(1));
  const std::string pem = signer.publicKeyPem();
  const std::string head = "-----BEGIN PUBLIC KEY-----\n", tail = "\n-----END PUBLIC KEY-----\n";
  BOOST_REQUIRE(pem.size() > head.size() + tail.size());
  BOOST_TEST(pem.substr(0, head.size()) == head);
  BOOST_TEST(pem.substr(pem.size() - tail.size()) == tail);
  const std::string body = pem.substr(head.size(), pem.size() - head.size() - tail.size());
  std::vector<unsigned char> der(64);
  std::size_t n = 0;
  BOOST_REQUIRE(sodium_base642bin(der.data(), der.size(), body.data(), body.size(), nullptr, &n, nullptr,
                                  sodium_base64_VARIANT_ORIGINAL) == 0);
  BOOST_REQUIRE(n == 44u);
  const std::vector<unsigned char> prefix = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                             0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
  BOOST_TEST(std::vector<unsigned char>(der.begin(), der.begin() + 12) == prefix,
             boost::test_tools::per_element());
  BOOST_TEST(std::equal(signer.publicKey().begin(), signer.publicKey().end(), der.begin() + 12));
  BOOST_TEST(signer.publicKeyBase64().size() == 44u);
}

BOOST_AUTO_TEST_CASE(key_files_are_created_private_and_reloaded) {
  TempDir tmp("card-keys");
  const fs::path dir = tmp.path / "keys";
  auto first = CardSigner::loadOrCreate(dir.string());
  BOOST_REQUIRE_MESSAGE(first.ok(), (first.ok() ? std::string() : first.error().detail));
  BOOST_TEST(modeOf(dir) == 0700u);
  BOOST_TEST(modeOf(dir / "card-signing.key") == 0600u);
  BOOST_TEST(fs::file_size(dir / "card-signing.key") == 32u);
  BOOST_TEST(readFile(dir / "card-signing.pub") == first->publicKeyPem());
  // No temporary files left behind.
  BOOST_TEST(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);

  auto second = CardSigner::loadOrCreate(dir.string());
  BOOST_REQUIRE(second.ok());
  BOOST_TEST(second->publicKeyBase64() == first->publicKeyBase64());
  // A token printed before a restart still verifies after it.
  BOOST_TEST(second->verify(first->token("YC0314159266").value()).value() == "YC0314159266");

  // A lost .pub file is written again from the secret key.
  fs::remove(dir / "card-signing.pub");
  auto third = CardSigner::loadOrCreate(dir.string());
  BOOST_REQUIRE(third.ok());
  BOOST_TEST(third->publicKeyBase64() == first->publicKeyBase64());
  BOOST_TEST(readFile(dir / "card-signing.pub") == first->publicKeyPem());

  // Two directories, two different keys.
  auto other = CardSigner::loadOrCreate((tmp.path / "other").string());
  BOOST_REQUIRE(other.ok());
  BOOST_TEST(other->publicKeyBase64() != first->publicKeyBase64());
}

BOOST_AUTO_TEST_CASE(untrustworthy_key_files_are_refused_with_a_clear_reason) {
  struct Row {
    const char* what;
    void (*spoil)(const fs::path& dir);
    const char* mentions;
  };
  const std::vector<Row> table = {
      {"readable by group",
       [](const fs::path& d) { fs::permissions(d / "card-signing.key", fs::perms(0640)); }, "0640"},
      {"readable by all", [](const fs::path& d) { fs::permissions(d / "card-signing.key", fs::perms(0644)); },
       "must be 0600"},
      {"too short", [](const fs::path& d) { fs::resize_file(d / "card-signing.key", 31); }, "31 bytes"},
      {"too long", [](const fs::path& d) { fs::resize_file(d / "card-signing.key", 64); }, "64 bytes"},
      {"a directory",
       [](const fs::path& d) {
         fs::remove(d / "card-signing.key");
         fs::create_directory(d / "card-signing.key");
       },
       "not a regular file"},
      {"public key of another issuer",
       [](const fs::path& d) {
         std::ofstream(d / "card-signing.pub", std::ios::trunc)
             << CardSigner::fromSeed(seedOf(5)).publicKeyPem();
       },
       "does not match"},
  };
  for (const auto& row : table) {
    BOOST_TEST_CONTEXT(row.what) {
      TempDir tmp("card-keys");
      BOOST_REQUIRE(CardSigner::loadOrCreate(tmp.path.string()).ok());
      row.spoil(tmp.path);
      auto result = CardSigner::loadOrCreate(tmp.path.string());
      BOOST_REQUIRE(!result.ok());
      BOOST_TEST(result.error().code == ErrorCode::unavailable);
      BOOST_TEST(result.error().detail.find(row.mentions) != std::string::npos, result.error().detail);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
