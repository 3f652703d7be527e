// One focused test for each bug the fault runs found, each failing without its fix.

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "service_fixture.h"
#include "sqlite_fault_vfs.h"
#include "ycr/core/repositories.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using test_faults::FaultVfs;
using test_faults::Op;

namespace fs = std::filesystem;

namespace {

// A store over a fresh file in its own directory, opened through the fault VFS.
struct StoreDir {
  fs::path dir;
  std::unique_ptr<storage::SqliteStore> store;
  explicit StoreDir(int poolSize) {
    FaultVfs::install().reset();
    dir = fs::temp_directory_path() /
          ("ycr-faults-store-" + std::to_string(::getpid()) + "-" +
           std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir);
    auto opened = storage::SqliteStore::open({(dir / "s.db").string(), poolSize, 1000});
    BOOST_REQUIRE(static_cast<bool>(opened));
    store = std::move(opened.value());
    BOOST_REQUIRE(static_cast<bool>(store->migrate()));
  }
  ~StoreDir() {
    FaultVfs::install().reset();
    store.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

// Runs `f` on its own thread; false when it has not finished within the time (it is left running:
// the test has failed and the process ends soon after).
template <class F>
bool finishesWithin(std::chrono::seconds limit, F f) {
  auto done = std::make_shared<std::promise<void>>();
  auto future = done->get_future();
  std::thread([f = std::move(f), done]() mutable {
    try {
      f();
    } catch (...) {
    }
    done->set_value();
  }).detach();
  return future.wait_for(limit) == std::future_status::ready;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fault_regressions)

// Database exceptions escaped the use cases and reached the HTTP layer's catch-all as 500
// "internal": a disk error is the service being unavailable (503), and the request can be retried.
BOOST_AUTO_TEST_CASE(a_storage_failure_is_a_503_problem_and_the_retry_succeeds) {
  test_support::ServiceFixture s("faults-503", "2024-03-05T10:00:00Z");
  auto& vfs = FaultVfs::install();
  s.start();
  Id service = s.organisation(s.config.intakeTeam, OrganisationKind::carers_centre);
  s.user("casey.worker", Role::caseworker, service);
  auto token = s.signIn("casey.worker");
  const std::string body =
      R"({"young_person":{"given_name":"Ana","family_name":"Silva","date_of_birth":"2011-02-03","postcode":"LE1 1AA"},)"
      R"("caring_summary":"Looks after her dad"})";
  vfs.reset();
  vfs.arm(Op::write, 1, 0, true);  // the disk is full from now on
  auto refused = s.send("POST", "/api/v1/referrals", body, token);
  vfs.disarm();
  BOOST_TEST(refused.isProblem(503), refused.status << " " << refused.body);
  BOOST_TEST(refused.body.find("SQL") == std::string::npos);  // nothing internal reaches the client
  auto again = s.send("POST", "/api/v1/referrals", body, token);
  BOOST_TEST(again.status == 201, again.body);
}

// Poco retried a connection whose opening failed every 10 ms for its login timeout, 60 s: with the
// disk failing, a request that needed a new pooled connection hung for a minute.
BOOST_AUTO_TEST_CASE(a_connection_that_cannot_be_opened_fails_at_once) {
  StoreDir d(4);
  auto& vfs = FaultVfs::install();
  auto held = d.store->begin(false);  // the pool's one open connection is busy: the next is opened
  vfs.arm(Op::read, vfs.counts()[Op::read] + 1, 0);
  auto started = std::chrono::steady_clock::now();
  BOOST_CHECK_THROW(d.store->begin(false), std::exception);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  BOOST_TEST(seconds < 5.0);
  vfs.disarm();
  held.reset();
  BOOST_TEST(static_cast<bool>(d.store->healthCheck()));
}

// A transaction whose BEGIN failed threw from its constructor, so its destructor never gave the
// pooled connection back: each such failure lost the pool a place, and once all were lost every
// request waited for a connection for ever.
BOOST_AUTO_TEST_CASE(a_failed_begin_gives_its_connection_back_to_the_pool) {
  StoreDir d(1);
  auto& vfs = FaultVfs::install();
  vfs.arm(Op::shm_lock, vfs.counts()[Op::shm_lock] + 1, 0);  // the WAL cannot be locked
  for (int i = 0; i < 3; ++i) BOOST_CHECK_THROW(d.store->begin(true), std::exception);
  vfs.disarm();
  bool ok = false;
  BOOST_REQUIRE_MESSAGE(finishesWithin(std::chrono::seconds(10),
                                       [&] {
                                         auto tx = d.store->begin(true);
                                         ok = static_cast<bool>(tx->commit());
                                       }),
                        "begin() still waiting for a connection after 10 s");
  BOOST_TEST(ok);
}

// Group commit (storage/src/sqlite_store.cpp): when the COMMIT that holds several writers fails
// (here its fsync), every one of them is told so and none of their work is stored; the members'
// `abandoned` hooks run; the store then takes the next writer as if nothing had happened.
BOOST_AUTO_TEST_CASE(a_failed_group_commit_fails_every_member_and_stores_none_of_them) {
  StoreDir d(8);
  auto& vfs = FaultVfs::install();
  auto entry = [](const std::string& id) {
    AuditEvent e;
    e.at = *parseIsoTimestamp("2025-03-01T09:00:00Z");
    e.action = "case.read";
    e.recordType = "case";
    e.recordId = id;
    e.outcome = "ok";
    return e;
  };
  auto stored = [&](const std::string& id) {
    auto tx = d.store->begin(false);
    AuditQuery q;
    q.recordId = id;
    return tx->audit().query(q).total;
  };
  constexpr int kOthers = 3;
  std::vector<std::thread> others;
  std::vector<int> unavailable(kOthers, 0);
  bool joined = false, abandoned = false;
  Status first;
  {
    auto tx = d.store->begin(true);
    BOOST_REQUIRE(tx->audit().append(entry("first")));
    for (int i = 0; i < kOthers; ++i)
      others.emplace_back([&, i] {
        auto s = appendAudit(*d.store, entry("member"));
        unavailable[static_cast<std::size_t>(i)] = !s && s.error().code == ErrorCode::unavailable;
      });
    for (int i = 0; i < 1000 && d.store->writersWaiting() < kOthers; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    BOOST_REQUIRE_EQUAL(d.store->writersWaiting(), kOthers);
    vfs.arm(Op::sync, vfs.counts()[Op::sync] + 1, 0);  // every fsync fails until mended
    CommitHooks hooks;
    hooks.joined = [&] { joined = true; };
    hooks.abandoned = [&] { abandoned = true; };
    first = tx->commit(hooks);
  }
  for (auto& t : others) t.join();
  vfs.disarm();
  BOOST_TEST(!first);
  BOOST_TEST((!first && first.error().code == ErrorCode::unavailable));
  for (int u : unavailable) BOOST_TEST(u == 1);
  BOOST_TEST(joined);
  BOOST_TEST(abandoned);
  BOOST_TEST(stored("first") == 0);
  BOOST_TEST(stored("member") == 0);
  BOOST_TEST(static_cast<bool>(appendAudit(*d.store, entry("after"))));
  BOOST_TEST(stored("after") == 1);
  BOOST_TEST(static_cast<bool>(d.store->verifyAudit()));
}

BOOST_AUTO_TEST_SUITE_END()
