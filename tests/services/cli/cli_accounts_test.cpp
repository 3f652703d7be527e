// Accounts from the command line: deactivating one ends its sessions at once and is audited.

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "ycr/services/app.h"
#include "ycr/services/cli.h"

using namespace ycr;
using namespace ycr::services;

namespace {

int cli(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  char* env[] = {nullptr};
  return runCli(static_cast<int>(argv.size()), argv.data(), env);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(cli_accounts_test)

BOOST_AUTO_TEST_CASE(deactivating_an_account_from_the_command_line_ends_its_sessions) {
  spdlog::set_level(spdlog::level::warn);
  auto dir = std::filesystem::temp_directory_path() / ("ycr-cli-accounts-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string database = (dir / "ycr.db").string();
  {
    FixedClock clock(*parseIsoTimestamp("2024-03-04T10:00:00Z"));
    RandomIdSource ids;
    Config config;
    config.database = database;
    config.keyDir = (dir / "keys").string();
    config.dataDir = YCR_SOURCE_DIR;
    config.passwordHashCost = "min";
    auto app = App::create(config, clock, ids);
    BOOST_REQUIRE(app);
    auto& store = app.value()->store();
    {
      auto tx = store.begin(true);
      Organisation o;
      o.name = "Young carers service";
      o.kind = OrganisationKind::carers_centre;
      o.createdAt = clock.now();
      auto org = tx->organisations().create(o);
      BOOST_REQUIRE(org);
      User u;
      u.username = "leaver";
      u.role = Role::caseworker;
      u.organisationId = *org;
      u.passwordHash = app.value()->hasher().hash("a long enough passphrase");
      u.createdAt = clock.now();
      BOOST_REQUIRE(tx->users().create(u));
      BOOST_REQUIRE(tx->commit());
    }
    auto session = app.value()->auth().signIn("leaver", "a long enough passphrase", "192.0.2.1");
    BOOST_REQUIRE(session);
    BOOST_REQUIRE(app.value()->auth().authenticate(session->token));

    BOOST_TEST(cli({"ycr", "user", "deactivate", "--database", database, "--username", "Leaver"}) == 0);
    auto after = app.value()->auth().authenticate(session->token);
    BOOST_TEST(!after);
    BOOST_TEST(!app.value()->auth().signIn("leaver", "a long enough passphrase", "192.0.2.1"));
    auto tx = store.begin(false);
    AuditQuery q;
    q.recordType = "user";
    bool audited = false;
    for (const auto& e : tx->audit().query(q).items) audited = audited || e.action == "user.deactivate";
    BOOST_TEST(audited);
  }
  BOOST_TEST(cli({"ycr", "user", "deactivate", "--database", database, "--username", "nobody"}) != 0);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(
    a_generated_password_is_one_time_and_a_lost_authenticator_is_removed_from_the_command_line) {
  spdlog::set_level(spdlog::level::warn);
  auto dir = std::filesystem::temp_directory_path() / ("ycr-cli-factor-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string database = (dir / "ycr.db").string();
  {
    FixedClock clock(*parseIsoTimestamp("2024-03-04T10:00:00Z"));
    RandomIdSource ids;
    Config config;
    config.database = database;
    config.keyDir = (dir / "keys").string();
    config.dataDir = YCR_SOURCE_DIR;
    config.passwordHashCost = "min";
    auto app = App::create(config, clock, ids);
    BOOST_REQUIRE(app);
    auto& store = app.value()->store();
    BOOST_REQUIRE(cli({"ycr", "organisation", "add", "--database", database, "--kind", "carers_centre",
                       "--name", "Young carers service"}) == 0);
    BOOST_REQUIRE(cli({"ycr", "user", "add", "--database", database, "--username", "new.worker", "--role",
                       "caseworker", "--organisation", "Young carers service"}) == 0);
    {
      auto tx = store.begin(false);
      auto u = tx->users().findByUsername("new.worker");
      BOOST_REQUIRE(u);
      BOOST_TEST(u->mustChangePassword);  // the printed password opens only its replacement
    }
    Id id = 0;
    {
      auto tx = store.begin(true);
      auto u = tx->users().findByUsername("new.worker");
      id = u->id;
      BOOST_REQUIRE(tx->users().setPasswordHash(id, app.value()->hasher().hash("a long enough passphrase")));
      BOOST_REQUIRE(tx->users().setMustChangePassword(id, false));
      BOOST_REQUIRE(tx->users().setTotpSecret(id, "12345678901234567890"));
      BOOST_REQUIRE(tx->users().replaceRecoveryCodes(id, {"a", "b"}));
      BOOST_REQUIRE(tx->commit());
    }
    auto session = app.value()->auth().signIn("new.worker", "a long enough passphrase", "192.0.2.1");
    BOOST_REQUIRE(session);
    BOOST_TEST(session->principal.secondFactorPending);

    BOOST_TEST(
        cli({"ycr", "user", "reset-second-factor", "--database", database, "--username", "new.worker"}) == 0);
    BOOST_TEST(!app.value()->auth().authenticate(session->token));
    auto tx = store.begin(false);
    auto u = tx->users().findByUsername("new.worker");
    BOOST_TEST(u->totpSecret.empty());
    BOOST_TEST(tx->users().unusedRecoveryCodes(id) == 0);
    AuditQuery q;
    q.recordType = "user";
    bool audited = false;
    for (const auto& e : tx->audit().query(q).items)
      audited = audited || e.action == "user.reset_second_factor";
    BOOST_TEST(audited);
  }
  BOOST_TEST(cli({"ycr", "user", "reset-second-factor", "--database", database, "--username", "nobody"}) !=
             0);
  std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
