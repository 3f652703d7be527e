// Sign-in throttling is kept in the database, so instances serving one database share it: guesses
// refused by one are not granted by another, and the delay grows across them.

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "ycr/services/app.h"

using namespace ycr;
using namespace ycr::services;

namespace {

const char* kRightPassword = "correct horse battery staple";

// Two App instances over one database file, with one clock.
struct TwoInstances {
  std::filesystem::path dir;
  FixedClock clock{*parseIsoTimestamp("2024-03-04T10:00:00Z")};
  RandomIdSource ids;
  Config config;
  std::unique_ptr<App> first, second;

  TwoInstances() {
    spdlog::set_level(spdlog::level::warn);
    dir = std::filesystem::temp_directory_path() / ("ycr-throttle-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    config.database = (dir / "ycr.db").string();
    config.keyDir = (dir / "keys").string();
    config.dataDir = YCR_SOURCE_DIR;
    config.passwordHashCost = "min";
    config.signInFreeAttempts = 3;
    config.signInMaxDelaySeconds = 60;
    first = open();
    second = open();
    auto tx = first->store().begin(true);
    Organisation o;
    o.name = "Young carers service";
    o.kind = OrganisationKind::carers_centre;
    o.createdAt = clock.now();
    auto org = tx->organisations().create(o);
    BOOST_REQUIRE(org);
    User u;
    u.username = "caseworker";
    u.role = Role::caseworker;
    u.organisationId = *org;
    u.passwordHash = first->hasher().hash(kRightPassword);
    u.createdAt = clock.now();
    BOOST_REQUIRE(tx->users().create(u));
    BOOST_REQUIRE(tx->commit());
  }
  ~TwoInstances() {
    first.reset();
    second.reset();
    std::filesystem::remove_all(dir);
  }
  std::unique_ptr<App> open() {
    auto app = App::create(config, clock, ids);
    BOOST_REQUIRE_MESSAGE(app, (app ? "" : app.error().detail));
    return std::move(app.value());
  }
};

ErrorCode refusal(const Result<Authenticator::SignedIn>& r) {
  return r ? ErrorCode::internal : r.error().code;
}

std::string retryAfter(const Result<Authenticator::SignedIn>& r) {
  if (r) return "";
  for (const auto& f : r.error().fields)
    if (f.field == "retry_after") return f.message;
  return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sign_in_throttle_test)

BOOST_AUTO_TEST_CASE(failures_at_one_instance_throttle_sign_in_at_the_other) {
  TwoInstances t;
  const std::string address = "192.0.2.10";
  // Free attempts, spread over both instances.
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", "wrong guess one", address)) ==
             ErrorCode::unauthenticated);
  BOOST_TEST(refusal(t.second->auth().signIn("caseworker", "wrong guess two", address)) ==
             ErrorCode::unauthenticated);
  BOOST_TEST(refusal(t.first->auth().signIn("Caseworker", "wrong guess three", address)) ==
             ErrorCode::unauthenticated);
  // The third failure locks the account from that address for 1 s (2 on the whole-second clock:
  // the failure may have come at the end of its second), at both instances, even with the right
  // password.
  auto locked = t.second->auth().signIn("caseworker", kRightPassword, address);
  BOOST_TEST(refusal(locked) == ErrorCode::throttled);
  BOOST_TEST(retryAfter(locked) == "2");
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", kRightPassword, address)) == ErrorCode::throttled);

  t.clock.advance(std::chrono::seconds(1));  // at least 1 s of real time, but not yet its whole second
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", kRightPassword, address)) == ErrorCode::throttled);

  // The delay grows with each further failure, wherever it is made: 2 s, then 4 s (3 and 5).
  t.clock.advance(std::chrono::seconds(1));
  BOOST_TEST(refusal(t.second->auth().signIn("caseworker", "wrong guess four", address)) ==
             ErrorCode::unauthenticated);
  BOOST_TEST(retryAfter(t.first->auth().signIn("caseworker", kRightPassword, address)) == "3");
  t.clock.advance(std::chrono::seconds(3));
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", "wrong guess five", address)) ==
             ErrorCode::unauthenticated);
  BOOST_TEST(retryAfter(t.second->auth().signIn("caseworker", kRightPassword, address)) == "5");

  // Once the delay has passed the right password works, and success clears the count everywhere.
  t.clock.advance(std::chrono::seconds(5));
  BOOST_TEST(static_cast<bool>(t.second->auth().signIn("caseworker", kRightPassword, address)));
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", "wrong again", address)) ==
             ErrorCode::unauthenticated);
  BOOST_TEST(static_cast<bool>(t.first->auth().signIn("caseworker", kRightPassword, address)));
}

BOOST_AUTO_TEST_CASE(an_address_guessing_many_names_is_throttled_at_every_instance) {
  TwoInstances t;
  const std::string address = "203.0.113.5";
  // The address allows four times the free attempts (12 here), across different usernames.
  for (int i = 0; i < 12; ++i) {
    auto& app = i % 2 ? *t.first : *t.second;
    BOOST_TEST(refusal(app.auth().signIn("someone" + std::to_string(i), "guess", address)) ==
               ErrorCode::unauthenticated);
  }
  auto locked = t.first->auth().signIn("caseworker", kRightPassword, address);
  BOOST_TEST(refusal(locked) == ErrorCode::throttled);
  BOOST_TEST(refusal(t.second->auth().signIn("caseworker", kRightPassword, address)) == ErrorCode::throttled);
  // Another address is not held up by it.
  BOOST_TEST(static_cast<bool>(t.second->auth().signIn("caseworker", kRightPassword, "203.0.113.6")));
}

BOOST_AUTO_TEST_CASE(the_delay_never_exceeds_the_configured_maximum_and_old_failures_are_forgotten) {
  TwoInstances t;
  const std::string address = "192.0.2.20";
  Result<Authenticator::SignedIn> last = DomainError::internal("not tried");
  for (int i = 0; i < 12; ++i) {
    t.clock.advance(std::chrono::minutes(2));  // past any delay so far (at most 60 s)
    last = (i % 2 ? *t.first : *t.second).auth().signIn("caseworker", "still guessing", address);
    BOOST_TEST(refusal(last) == ErrorCode::unauthenticated);
  }
  BOOST_TEST(retryAfter(t.first->auth().signIn("caseworker", kRightPassword, address)) == "60");
  // A day after the last failure the count starts again: the next failure is a free one.
  t.clock.advance(std::chrono::hours(25));
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", "one more guess", address)) ==
             ErrorCode::unauthenticated);
  BOOST_TEST(static_cast<bool>(t.second->auth().signIn("caseworker", kRightPassword, address)));
}

BOOST_AUTO_TEST_CASE(nobody_can_lock_an_account_out_from_another_address) {
  TwoInstances t;
  // Someone guesses the caseworker's password from one address, far past the free attempts...
  for (int i = 0; i < 10; ++i) {
    t.clock.advance(std::chrono::minutes(2));
    BOOST_TEST(refusal(t.first->auth().signIn("caseworker", "guess " + std::to_string(i), "203.0.113.66")) ==
               ErrorCode::unauthenticated);
  }
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", kRightPassword, "203.0.113.66")) ==
             ErrorCode::throttled);
  // ...and the caseworker, at work, signs in with the right password at once, at either instance.
  BOOST_TEST(static_cast<bool>(t.second->auth().signIn("caseworker", kRightPassword, "192.0.2.44")));
  BOOST_TEST(static_cast<bool>(t.first->auth().signIn("Caseworker", kRightPassword, "2001:db8:1:2::44")));
  // The guesser is still held up.
  BOOST_TEST(refusal(t.second->auth().signIn("caseworker", kRightPassword, "203.0.113.66")) ==
             ErrorCode::throttled);
}

BOOST_AUTO_TEST_CASE(signing_in_to_ones_own_account_does_not_clear_an_addresss_failures) {
  TwoInstances t;
  const std::string address = "203.0.113.9";
  for (int i = 0; i < 11; ++i)
    BOOST_TEST(refusal(t.first->auth().signIn("made-up" + std::to_string(i), "guess", address)) ==
               ErrorCode::unauthenticated);
  BOOST_TEST(static_cast<bool>(t.first->auth().signIn("caseworker", kRightPassword, address)));
  // The twelfth made-up name still counts from eleven: the address is held up after it.
  BOOST_TEST(refusal(t.first->auth().signIn("made-up-12", "guess", address)) == ErrorCode::unauthenticated);
  BOOST_TEST(refusal(t.first->auth().signIn("made-up-13", "guess", address)) == ErrorCode::throttled);
}

BOOST_AUTO_TEST_CASE(an_ipv6_client_is_counted_by_its_64_network) {
  TwoInstances t;
  // Twelve made-up names, each from a different address in one /64.
  for (int i = 0; i < 12; ++i)
    BOOST_TEST(refusal(t.first->auth().signIn("someone" + std::to_string(i), "guess",
                                              "2001:db8:5:6::" + std::to_string(i + 1))) ==
               ErrorCode::unauthenticated);
  BOOST_TEST(refusal(t.first->auth().signIn("caseworker", kRightPassword, "2001:db8:5:6::ff")) ==
             ErrorCode::throttled);
  BOOST_TEST(static_cast<bool>(t.first->auth().signIn("caseworker", kRightPassword, "2001:db8:5:7::1")));
}

BOOST_AUTO_TEST_SUITE_END()
