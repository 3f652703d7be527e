// The per-connection prepared statement cache under Sql: statements are reused, evicted least
// recently used first, always given back reset (no read lock or snapshot left behind), and errors
// still reach the repositories as the exceptions they handle.
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "ycr/storage/sql.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
using namespace ycr::storage;

namespace {

struct Scratch {
  std::filesystem::path dir;
  std::string path;
  Scratch() {
    Poco::Data::SQLite::Connector::registerConnector();
    dir = std::filesystem::temp_directory_path() / ("ycr-stmt-cache-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    path = (dir / "test.db").string();
  }
  ~Scratch() { std::filesystem::remove_all(dir); }
};

// A second writer on the same file, as another process would be: no busy wait, so a lock left
// behind shows as an immediate failure rather than a slow test.
struct OtherConnection {
  sqlite3* db = nullptr;
  explicit OtherConnection(const std::string& path) {
    BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_busy_timeout(db, 0);
  }
  ~OtherConnection() { sqlite3_close(db); }
  int run(const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr); }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(statement_cache)

BOOST_AUTO_TEST_CASE(a_statement_run_again_is_not_prepared_again) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  StatementCache cache(Poco::Data::SQLite::Utility::dbHandle(session));
  Sql sql(session, &cache);
  sql.exec("CREATE TABLE children (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
  for (const char* name : {"Zoë", "Ade", "Siân"})
    sql.exec("INSERT INTO children(name) VALUES (?)", {std::string(name)});
  const auto before = cache.prepared();
  for (int i = 0; i < 3; ++i) {
    auto row = sql.one("SELECT name FROM children WHERE id = ?", {static_cast<long long>(i + 1)});
    BOOST_REQUIRE(row);
    BOOST_TEST(row->str(0) == std::vector<std::string>({"Zoë", "Ade", "Siân"})[static_cast<std::size_t>(i)]);
  }
  BOOST_TEST(cache.prepared() == before + 1);
  BOOST_TEST(cache.reused() >= 2u + 2u);  // the INSERT twice, the SELECT twice
  // Values come back with their stored types, NULL as null.
  auto typed = sql.one("SELECT 42, 2.5, 'text', NULL");
  BOOST_REQUIRE(typed);
  BOOST_TEST(typed->i64(0) == 42);
  BOOST_TEST(typed->f64(1) == 2.5);
  BOOST_TEST(typed->str(2) == "text");
  BOOST_TEST(typed->isNull(3));
}

BOOST_AUTO_TEST_CASE(the_least_recently_used_statement_is_dropped_when_full) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  StatementCache cache(Poco::Data::SQLite::Utility::dbHandle(session), 2);
  Sql sql(session, &cache);
  sql.one("SELECT 1");
  sql.one("SELECT 2");
  sql.one("SELECT 1");  // now 2 is the least recently used
  sql.one("SELECT 3");
  BOOST_TEST(cache.size() == 2u);
  const auto prepared = cache.prepared();
  sql.one("SELECT 1");
  BOOST_TEST(cache.prepared() == prepared);  // still held
  sql.one("SELECT 2");
  BOOST_TEST(cache.prepared() == prepared + 1);  // was dropped, prepared again
  // Only the held statements are open on the connection.
  int open = 0;
  for (sqlite3_stmt* st = sqlite3_next_stmt(cache.db(), nullptr); st; st = sqlite3_next_stmt(cache.db(), st))
    ++open;
  BOOST_TEST(open == 2);
}

BOOST_AUTO_TEST_CASE(a_constraint_failure_is_still_a_constraint_violation_and_the_statement_stays_usable) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  StatementCache cache(Poco::Data::SQLite::Utility::dbHandle(session));
  Sql sql(session, &cache);
  sql.exec("CREATE TABLE organisations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  const std::string insert = "INSERT INTO organisations(name) VALUES (?) RETURNING id";
  BOOST_TEST(sql.insert(insert, {std::string("Leicester Carers")}) == 1);
  bool violation = false;
  try {
    sql.insert(insert, {std::string("Leicester Carers")});
  } catch (const Poco::Exception& e) {
    violation = isConstraintViolation(e);
  }
  BOOST_TEST(violation);
  BOOST_TEST(sql.insert(insert, {std::string("Somerset Carers")}) == 2);
  BOOST_CHECK_THROW(sql.exec("INSERT INTO nowhere VALUES (1)"), Poco::Exception);
  BOOST_CHECK_THROW(sql.exec("INSERT INTO organisations(name) VALUES (?)"),
                    Poco::Exception);  // a value short
}

BOOST_AUTO_TEST_CASE(through_the_store_a_duplicate_is_reported_as_a_conflict) {
  Scratch s;
  auto opened = SqliteStore::open({s.path, 2, 5000});
  BOOST_REQUIRE(opened);
  auto& store = *opened.value();
  BOOST_REQUIRE(store.migrate());
  Organisation o;
  o.kind = OrganisationKind::carers_centre;
  o.name = "Leicester Carers";
  o.createdAt = *parseIsoTimestamp("2024-01-01T09:00:00Z");
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto tx = store.begin(true);
    auto id = tx->organisations().create(o);
    if (attempt == 0) {
      BOOST_REQUIRE(id);
      BOOST_REQUIRE(tx->commit());
    } else {
      BOOST_REQUIRE(!id);
      BOOST_TEST((id.error().code == ErrorCode::conflict));
    }
  }
  // The failed transaction rolled back; the connection it used still works.
  for (int i = 0; i < 3; ++i) {
    auto tx = store.begin(true);
    o.name = "Somerset Carers " + std::to_string(i);
    BOOST_TEST(static_cast<bool>(tx->organisations().create(o)));
    BOOST_REQUIRE(tx->commit());
  }
  auto tx = store.begin(false);
  BOOST_TEST(tx->organisations().list().size() == 4u);
}

BOOST_AUTO_TEST_CASE(statements_are_reset_after_use_so_another_connection_can_write) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  StatementCache cache(Poco::Data::SQLite::Utility::dbHandle(session));
  Sql sql(session, &cache);
  // The rollback journal, where a reader's shared lock stops another connection's commit.
  sql.query("PRAGMA journal_mode = DELETE");
  sql.exec("CREATE TABLE referrals (id INTEGER PRIMARY KEY, reference TEXT NOT NULL)");
  for (int i = 0; i < 5; ++i)
    sql.exec("INSERT INTO referrals(reference) VALUES (?)", {"R" + std::to_string(i)});
  // One row taken of several; the failed statement below stops mid-run.
  BOOST_REQUIRE(sql.one("SELECT reference FROM referrals ORDER BY id"));
  // abs() of the smallest integer fails, on the last row in this order, after four rows came back.
  BOOST_CHECK_THROW(
      sql.query("SELECT reference, abs(-9223372036854775807 - id) FROM referrals ORDER BY id DESC"),
      Poco::Exception);
  OtherConnection other(s.path);
  BOOST_TEST(
      other.run("BEGIN IMMEDIATE; INSERT INTO referrals(reference) VALUES ('from elsewhere'); COMMIT") ==
      SQLITE_OK);
  // And this connection sees that write: it holds no old snapshot.
  BOOST_TEST(sql.one("SELECT COUNT(*) FROM referrals WHERE reference = ?", {std::string("from elsewhere")})
                 ->i64(0) == 1);
}

BOOST_AUTO_TEST_CASE(pooled_connections_hold_no_read_lock_between_transactions) {
  Scratch s;
  auto opened = SqliteStore::open({s.path, 2, 5000});
  BOOST_REQUIRE(opened);
  auto& store = *opened.value();
  BOOST_REQUIRE(store.migrate());
  for (int i = 0; i < 3; ++i) {
    auto tx = store.begin(false);
    tx->organisations().list();
    tx->youngCarers().findById(1);
  }
  // A truncating checkpoint waits for every reader to finish; a statement left un-reset in the pool
  // would keep it from ever completing.
  OtherConnection other(s.path);
  sqlite3_stmt* st = nullptr;
  BOOST_REQUIRE(sqlite3_prepare_v2(other.db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &st, nullptr) ==
                SQLITE_OK);
  BOOST_REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  BOOST_TEST(sqlite3_column_int(st, 0) == 0);  // not busy
  sqlite3_finalize(st);
}

BOOST_AUTO_TEST_CASE(the_cache_survives_a_rolled_back_transaction) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  StatementCache cache(Poco::Data::SQLite::Utility::dbHandle(session));
  Sql sql(session, &cache);
  sql.exec("CREATE TABLE cases (id INTEGER PRIMARY KEY, state TEXT NOT NULL)");
  const std::string insert = "INSERT INTO cases(state) VALUES (?)";
  sql.exec("BEGIN IMMEDIATE");
  sql.exec(insert, {std::string("referred")});
  sql.exec("ROLLBACK");
  const auto prepared = cache.prepared();
  sql.exec("BEGIN IMMEDIATE");
  sql.exec(insert, {std::string("assessing")});
  sql.exec("COMMIT");
  BOOST_TEST(cache.prepared() == prepared + 1);  // COMMIT only: BEGIN and the INSERT were reused
  auto rows = sql.query("SELECT state FROM cases");
  BOOST_REQUIRE(rows.size() == 1u);
  BOOST_TEST(rows[0].str(0) == "assessing");
}

BOOST_AUTO_TEST_CASE(a_script_of_several_statements_still_runs_whole) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  StatementCache cache(Poco::Data::SQLite::Utility::dbHandle(session));
  Sql sql(session, &cache);
  sql.exec("CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);");
  BOOST_TEST(sql.one("SELECT COUNT(*) FROM a")->i64(0) == 1);
  BOOST_TEST(sql.one("SELECT COUNT(*) FROM b")->i64(0) == 0);
  BOOST_TEST(cache.size() == 2u);  // the two SELECTs; the script itself is not held
}

BOOST_AUTO_TEST_CASE(destroying_the_cache_finalizes_every_statement) {
  Scratch s;
  Poco::Data::Session session("SQLite", s.path);
  sqlite3* db = Poco::Data::SQLite::Utility::dbHandle(session);
  {
    StatementCache cache(db);
    Sql sql(session, &cache);
    sql.one("SELECT 1");
    sql.one("SELECT 2");
    BOOST_TEST(sqlite3_next_stmt(db, nullptr) != nullptr);
  }
  BOOST_TEST(sqlite3_next_stmt(db, nullptr) == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
