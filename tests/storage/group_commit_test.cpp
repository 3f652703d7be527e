// Group commit (storage/src/sqlite_store.cpp): writers that come together share one durable
// COMMIT, each answered with that COMMIT's outcome, and one writer giving up takes nothing of the
// others with it.

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "temp_store.h"
#include "ycr/core/audit.h"
#include "ycr/core/repositories.h"

using namespace ycr;
using namespace ycr::storage;

namespace {

// Eight connections: enough writers to form groups.
struct GroupDb : test_support::TempStore {
  GroupDb() : TempStore("group", 8) {}
};

AuditEvent entry(const std::string& what) {
  AuditEvent e;
  e.at = *parseIsoTimestamp("2025-03-01T09:00:00Z");
  e.outcome = "ok";
  e.action = "case.read";
  e.recordType = "case";
  e.recordId = what;
  return e;
}

long long entries(Store& store, const std::string& what) {
  auto tx = store.begin(false);
  AuditQuery q;
  q.recordId = what;
  q.limit = 1000;
  return tx->audit().query(q).total;
}

// Waits (at most 10 s) until `n` writers are queued for the turn.
void untilWaiting(const SqliteStore& store, int n) {
  for (int i = 0; i < 1000 && store.writersWaiting() < n; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  BOOST_REQUIRE_EQUAL(store.writersWaiting(), n);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(group_commit)

BOOST_AUTO_TEST_CASE(writers_waiting_together_share_one_commit_and_each_is_stored) {
  GroupDb db;
  auto before = db.store->writeCounts();
  constexpr int kWriters = 7;
  std::vector<std::thread> writers;
  std::vector<int> ok(kWriters, 0);
  {
    auto first = db.store->begin(true);  // holds the turn while the others queue behind it
    BOOST_REQUIRE(first->audit().append(entry("first")));
    for (int i = 0; i < kWriters; ++i)
      writers.emplace_back(
          [&, i] { ok[static_cast<std::size_t>(i)] = appendAudit(*db.store, entry("w")).ok(); });
    untilWaiting(*db.store, kWriters);
    BOOST_REQUIRE(first->commit());
  }
  for (auto& t : writers) t.join();
  for (int v : ok) BOOST_TEST(v == 1);
  auto after = db.store->writeCounts();
  BOOST_TEST(after.writers - before.writers == kWriters + 1);
  // All eight in one COMMIT is the usual outcome; a writer that reached the turn only after the
  // group had closed starts the next one. Eight commits would mean no grouping at all.
  BOOST_TEST(after.commits - before.commits <= 2);
  BOOST_TEST(entries(*db.store, "w") == kWriters);
  BOOST_TEST(entries(*db.store, "first") == 1);
  BOOST_TEST(db.store->verifyAudit().ok());
}

BOOST_AUTO_TEST_CASE(a_writer_that_gives_up_takes_nothing_of_its_group_with_it) {
  GroupDb db;
  std::thread quitter, keeper;
  int kept = 0;
  {
    auto first = db.store->begin(true);
    BOOST_REQUIRE(first->audit().append(entry("first")));
    quitter = std::thread([&] {
      auto tx = db.store->begin(true);
      (void)tx->audit().append(entry("given-up"));
    });  // destroyed without commit
    untilWaiting(*db.store, 1);
    BOOST_REQUIRE(first->commit());  // hands the turn to the quitter, whose group it is too
  }
  quitter.join();
  keeper = std::thread([&] { kept = appendAudit(*db.store, entry("after")).ok(); });
  keeper.join();
  BOOST_TEST(kept == 1);
  BOOST_TEST(entries(*db.store, "first") == 1);
  BOOST_TEST(entries(*db.store, "given-up") == 0);
  BOOST_TEST(entries(*db.store, "after") == 1);
  BOOST_TEST(db.store->verifyAudit().ok());
}

BOOST_AUTO_TEST_CASE(many_concurrent_writers_all_land_in_order_on_the_audit_chain) {
  GroupDb db;
  auto before = db.store->writeCounts();
  constexpr int kThreads = 8, kEach = 60;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        if (!appendAudit(*db.store, entry("t" + std::to_string(t)))) ++failures;
    });
  for (auto& t : threads) t.join();
  BOOST_TEST(failures.load() == 0);
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(entries(*db.store, "t" + std::to_string(t)) == kEach);
  auto after = db.store->writeCounts();
  BOOST_TEST(after.writers - before.writers == kThreads * kEach);
  BOOST_TEST(after.commits - before.commits <= after.writers - before.writers);
  BOOST_TEST(db.store->verifyAudit().ok());
}

BOOST_AUTO_TEST_CASE(a_bulk_writer_closes_an_open_group_before_its_own_work) {
  GroupDb db;
  std::thread bulk;
  Status bulkResult;
  {
    auto first = db.store->begin(true);
    BOOST_REQUIRE(first->audit().append(entry("member")));
    std::thread waiter([&] { (void)appendAudit(*db.store, entry("waiter")); });
    untilWaiting(*db.store, 1);
    bulk = std::thread([&] {
      bulkResult = db.store->bulkWrite(
          [](Transaction& tx, sqlite3*) { return tx.audit().append(entry("bulk")); }, true);
    });
    BOOST_REQUIRE(first->commit());
    waiter.join();
  }
  bulk.join();
  BOOST_TEST(bulkResult.ok());
  BOOST_TEST(entries(*db.store, "member") == 1);
  BOOST_TEST(entries(*db.store, "waiter") == 1);
  BOOST_TEST(entries(*db.store, "bulk") == 1);
  BOOST_TEST(db.store->verifyAudit().ok());
}

BOOST_AUTO_TEST_CASE(a_writing_transaction_cannot_be_used_after_its_commit) {
  GroupDb db;
  auto tx = db.store->begin(true);
  BOOST_REQUIRE(tx->audit().append(entry("once")));
  BOOST_REQUIRE(tx->commit());
  BOOST_CHECK_THROW((void)tx->audit().append(entry("again")), std::logic_error);
  BOOST_TEST(entries(*db.store, "again") == 0);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(commit_hooks)

BOOST_AUTO_TEST_CASE(joined_runs_at_the_writers_place_before_the_next_writer_and_abandoned_only_on_failure) {
  GroupDb db;
  std::vector<std::string> order;
  std::mutex orderMutex;
  auto note = [&](const std::string& what) {
    std::lock_guard lock(orderMutex);
    order.push_back(what);
  };
  std::thread second;
  std::atomic<bool> secondStored{false};  // checked here: Boost.Test's assertions are not thread-safe
  {
    auto first = db.store->begin(true);
    BOOST_REQUIRE(first->audit().append(entry("first")));
    second = std::thread([&] {
      auto tx = db.store->begin(true);
      note("second began");
      (void)tx->audit().append(entry("second"));
      CommitHooks hooks;
      hooks.joined = [&] { note("second joined"); };
      hooks.abandoned = [&] { note("second abandoned"); };
      secondStored = tx->commit(hooks).ok();
    });
    untilWaiting(*db.store, 1);
    CommitHooks hooks;
    hooks.joined = [&] { note("first joined"); };
    hooks.abandoned = [&] { note("first abandoned"); };
    BOOST_REQUIRE(first->commit(hooks));
  }
  second.join();
  BOOST_TEST(secondStored);
  const std::vector<std::string> expected{"first joined", "second began", "second joined"};
  BOOST_TEST(order == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_lone_writer_runs_joined_before_its_commit_returns_after_a_bulk_load) {
  GroupDb db;
  bool joined = false;
  Status result = db.store->bulkWrite(
      [&](Transaction& tx, sqlite3*) -> Status {
        if (auto s = tx.audit().append(entry("bulk")); !s) return s;
        return {};
      },
      true);
  BOOST_TEST(result.ok());
  auto tx = db.store->begin(true);
  BOOST_REQUIRE(tx->audit().append(entry("hooked")));
  CommitHooks hooks;
  hooks.joined = [&] { joined = true; };
  BOOST_TEST(tx->commit(hooks).ok());
  BOOST_TEST(joined);
  BOOST_TEST(entries(*db.store, "hooked") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
