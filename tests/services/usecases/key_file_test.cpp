// Keys in the key directory and the sealing of second-factor secrets (key_file.cpp): a key is
// made once and read back the same, a damaged key file is refused, and a sealed secret opens only
// with its key, for its account, unchanged.

#include "ycr/services/key_file.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>

using namespace ycr;
using namespace ycr::services;

namespace {

struct KeyDir {
  explicit KeyDir(const std::string& name = "a")
      : path(std::filesystem::temp_directory_path() /
             ("ycr-key-file-" + std::to_string(::getpid()) + "-" + name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~KeyDir() { std::filesystem::remove_all(path); }
  std::filesystem::path path;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(key_file)

BOOST_AUTO_TEST_CASE(a_key_is_made_once_and_read_back_the_same) {
  KeyDir dir;
  auto first = loadOrCreateKey(dir.path.string(), "test.key", 32, "the test key");
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST(first->size() == 32u);
  auto second = loadOrCreateKey(dir.path.string(), "test.key", 32, "the test key");
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST(*first == *second);
  auto perms = std::filesystem::status(dir.path / "test.key").permissions();
  const auto othersAndGroup = std::filesystem::perms::group_all | std::filesystem::perms::others_all;
  BOOST_TEST(((perms & othersAndGroup) == std::filesystem::perms::none));  // 0600: the service's alone
}

BOOST_AUTO_TEST_CASE(a_damaged_key_file_or_no_key_directory_is_refused_in_words) {
  KeyDir dir;
  std::ofstream(dir.path / "short.key") << "too short";
  auto shorter = loadOrCreateKey(dir.path.string(), "short.key", 32, "the test key");
  BOOST_TEST_REQUIRE(!shorter.ok());
  BOOST_TEST(shorter.error().detail.find("is damaged") != std::string::npos);
  std::ofstream(dir.path / "long.key") << std::string(33, 'k');
  BOOST_TEST(!loadOrCreateKey(dir.path.string(), "long.key", 32, "the test key").ok());
  auto none = loadOrCreateKey("", "test.key", 32, "the test key");
  BOOST_TEST_REQUIRE(!none.ok());
  BOOST_TEST(none.error().detail.find("key_dir") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_sealed_secret_opens_only_with_its_key_for_its_account_unchanged) {
  KeyDir dir, other("b");
  auto sealer = SecretSealer::loadOrCreate(dir.path.string());
  BOOST_TEST_REQUIRE(sealer.ok());
  const std::string secret = "twenty bytes secret!";
  auto sealed = sealer->seal(secret, "user 7");
  BOOST_TEST(sealed.find(secret) == std::string::npos);
  BOOST_TEST(sealer->seal(secret, "user 7") != sealed);  // a fresh nonce each time
  BOOST_TEST(sealer->open(sealed, "user 7").value_or("") == secret);

  BOOST_TEST(!sealer->open(sealed, "user 8"));  // copied onto another account
  auto tampered = sealed;
  tampered[30] = static_cast<char>(tampered[30] ^ 1);
  BOOST_TEST(!sealer->open(tampered, "user 7"));
  BOOST_TEST(!sealer->open(sealed.substr(0, 39), "user 7"));
  BOOST_TEST(!sealer->open("", "user 7"));
  BOOST_TEST(!SecretSealer::loadOrCreate((other.path / "missing").string()).ok());  // no such directory
  auto elsewhere = SecretSealer::loadOrCreate(other.path.string());
  BOOST_TEST_REQUIRE(elsewhere.ok());
  BOOST_TEST(!elsewhere->open(sealed, "user 7"));  // a new key directory: the old seals do not open
}

BOOST_AUTO_TEST_SUITE_END()
