#include "ycr/storage/sqlite_store.h"

#include <Poco/Data/SQLite/SQLiteException.h>
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

#include "support/dates.h"
#include "ycr/storage/errors.h"
#include "ycr/storage/migrations.h"

using namespace ycr;
using namespace ycr::storage;
using test_support::at;

namespace {

struct TempDb {
  std::filesystem::path dir;
  std::string path;
  TempDb() {
    dir = std::filesystem::temp_directory_path() / ("ycr-storage-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    path = (dir / "test.db").string();
  }
  ~TempDb() { std::filesystem::remove_all(dir); }
  std::unique_ptr<SqliteStore> open() {
    auto s = SqliteStore::open({path, 4, 5000});
    BOOST_REQUIRE(s);
    BOOST_REQUIRE(s.value()->migrate());
    return std::move(s.value());
  }
};

Id addOrganisation(Store& store, const std::string& name,
                   OrganisationKind kind = OrganisationKind::carers_centre) {
  auto tx = store.begin(true);
  Organisation o;
  o.kind = kind;
  o.name = name;
  o.createdAt = at("2024-01-01T09:00:00Z");
  auto id = tx->organisations().create(o);
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(tx->commit());
  return *id;
}

YoungCarer zoe() {
  YoungCarer y;
  y.givenName = "Zoë";
  y.familyName = "O'Brien-Smith";
  y.dateOfBirth = *parseIsoDate("2012-04-03");
  y.postcode = "LE2 7GH";
  y.createdAt = y.updatedAt = at("2024-01-01T09:00:00Z");
  return y;
}

// Runs one SQL statement straight against the file, as someone with the file (not the service) could.
void tamper(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

// An audit event of about one database page (3,000 bytes of detail), to fill the log and the file.
AuditEvent pageSizedEvent(int i) {
  AuditEvent e;
  e.at = at("2024-01-01T09:00:00Z");
  e.action = "test.page";
  e.recordType = "test";
  e.recordId = std::to_string(i);
  e.outcome = "ok";
  e.detail = std::string(3000, 'x');
  return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sqlite_store_test)

BOOST_AUTO_TEST_CASE(migrations_apply_in_order_once_and_rerun_cleanly) {
  TempDb db;
  auto s = SqliteStore::open({db.path, 2, 5000});
  BOOST_REQUIRE(s);
  auto& store = *s.value();
  BOOST_TEST(store.schemaVersion() == 0);
  auto first = store.migrate();
  BOOST_REQUIRE(first);
  BOOST_TEST(first->size() == embeddedMigrations().size());
  BOOST_TEST(store.schemaVersion() == embeddedMigrations().back().version);
  auto second = store.migrate();
  BOOST_REQUIRE(second);
  BOOST_TEST(second->empty());
  for (std::size_t i = 1; i < embeddedMigrations().size(); ++i)
    BOOST_TEST(embeddedMigrations()[i - 1].version < embeddedMigrations()[i].version);
}

BOOST_AUTO_TEST_CASE(database_runs_in_wal_with_full_sync_and_foreign_keys) {
  TempDb db;
  auto store = db.open();
  // A young carer that does not exist cannot be given a case: foreign keys are enforced.
  auto tx = store->begin(true);
  Case c;
  c.youngCarerId = 999;
  c.referralReceived = *parseIsoDate("2024-01-01");
  c.openedAt = c.updatedAt = at("2024-01-01T09:00:00Z");
  auto refused = tx->cases().create(c);
  BOOST_TEST(!refused.ok());
  tx.reset();
  sqlite3* raw = nullptr;
  sqlite3_open(db.path.c_str(), &raw);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &stmt, nullptr);
  sqlite3_step(stmt);
  std::string mode = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  sqlite3_finalize(stmt);
  sqlite3_close(raw);
  BOOST_TEST(mode == "wal");
}

BOOST_AUTO_TEST_CASE(young_carers_round_trip_with_awkward_names_and_are_found_by_folded_search) {
  TempDb db;
  auto store = db.open();
  Id id;
  {
    auto tx = store->begin(true);
    auto created = tx->youngCarers().create(zoe());
    BOOST_REQUIRE(created);
    id = *created;
    BOOST_REQUIRE(tx->commit());
  }
  auto tx = store->begin(false);
  auto back = tx->youngCarers().findById(id);
  BOOST_REQUIRE(back);
  BOOST_TEST(back->givenName == "Zoë");
  BOOST_TEST(back->familyName == "O'Brien-Smith");
  BOOST_TEST(formatIsoDate(back->dateOfBirth) == "2012-04-03");
  for (const char* q : {"zoe", "ZOË", "obrien", "o'brien", "zoe obr", "obriensmith"}) {
    auto page = tx->youngCarers().search({q, 10, 0, ""});
    BOOST_TEST_CONTEXT("query " << q) {
      BOOST_TEST(page.total == 1);
    }
  }
  BOOST_TEST(tx->youngCarers().search({"smith zoe x", 10, 0, ""}).total == 0);
  // Exact identity ignores case, accents, punctuation and spacing, not the date of birth.
  BOOST_TEST(
      tx->youngCarers().findExact("ZOE", "OBrien Smith", *parseIsoDate("2012-04-03"), "LE2 7GH").has_value());
  BOOST_TEST(!tx->youngCarers()
                  .findExact("Zoe", "O'Brien-Smith", *parseIsoDate("2012-03-04"), "LE2 7GH")
                  .has_value());
}

BOOST_AUTO_TEST_CASE(sql_and_markup_in_text_are_stored_verbatim) {
  TempDb db;
  auto store = db.open();
  auto y = zoe();
  y.communicationNeeds = "Robert'); DROP TABLE young_carers;-- <script>alert(1)</script>";
  auto tx = store->begin(true);
  auto id = tx->youngCarers().create(y);
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(tx->commit());
  auto rtx = store->begin(false);
  BOOST_TEST(rtx->youngCarers().findById(*id)->communicationNeeds == y.communicationNeeds);
}

BOOST_AUTO_TEST_CASE(one_case_per_young_carer_and_stale_updates_are_refused) {
  TempDb db;
  auto store = db.open();
  auto tx = store->begin(true);
  Id yc = *tx->youngCarers().create(zoe());
  Case c;
  c.youngCarerId = yc;
  c.referralReceived = *parseIsoDate("2024-01-05");
  c.nextAction = "Decide the next step";
  c.nextActionDue = *parseIsoDate("2024-01-08");
  c.ownerTeam = "Young carers service";
  c.openedAt = c.updatedAt = at("2024-01-05T09:00:00Z");
  auto id = tx->cases().create(c);
  BOOST_REQUIRE(id);
  auto dup = tx->cases().create(c);
  BOOST_REQUIRE(!dup);
  BOOST_TEST(dup.error().code == ErrorCode::conflict);
  auto stored = *tx->cases().findById(*id);
  stored.state = CaseState::screening;
  BOOST_REQUIRE(tx->cases().update(stored));
  auto stale = tx->cases().update(stored);  // still version 0
  BOOST_REQUIRE(!stale);
  BOOST_TEST(stale.error().code == ErrorCode::conflict);
  BOOST_TEST(tx->cases().findById(*id)->version == 1);
  BOOST_REQUIRE(tx->commit());
}

BOOST_AUTO_TEST_CASE(overdue_cases_are_listed_first_by_due_date) {
  TempDb db;
  auto store = db.open();
  auto tx = store->begin(true);
  const char* dues[] = {"2024-02-01", "2024-01-10", "2024-03-01"};
  int n = 0;
  for (const char* due : dues) {
    auto y = zoe();
    y.givenName = "Child" + std::string(1, static_cast<char>('A' + n++));
    Id yc = *tx->youngCarers().create(y);
    Case c;
    c.youngCarerId = yc;
    c.referralReceived = *parseIsoDate("2024-01-05");
    c.nextActionDue = *parseIsoDate(due);
    c.ownerTeam = "Young carers service";
    c.openedAt = c.updatedAt = at("2024-01-05T09:00:00Z");
    BOOST_REQUIRE(tx->cases().create(c));
  }
  BOOST_REQUIRE(tx->commit());
  auto rtx = store->begin(false);
  CaseQuery q;
  q.today = *parseIsoDate("2024-02-15");
  q.overdueOnly = true;
  auto overdue = rtx->cases().list(q);
  BOOST_REQUIRE(overdue.total == 2);
  BOOST_TEST(formatIsoDate(*overdue.items[0].nextActionDue) == "2024-01-10");
  BOOST_TEST(formatIsoDate(*overdue.items[1].nextActionDue) == "2024-02-01");
}

BOOST_AUTO_TEST_CASE(audit_chain_verifies_and_detects_edits_and_deletions) {
  TempDb db;
  auto store = db.open();
  for (int i = 0; i < 5; ++i) {
    auto tx = store->begin(true);
    AuditEvent e;
    e.at = at("2024-01-05T09:00:00Z");
    e.actorUserId = 1;
    e.action = "young_carer.read";
    e.recordType = "young_carer";
    e.recordId = std::to_string(i);
    e.outcome = "ok";
    BOOST_REQUIRE(tx->audit().append(e));
    BOOST_REQUIRE(tx->commit());
  }
  auto ok = store->verifyAudit();
  BOOST_REQUIRE(ok);
  BOOST_TEST(*ok == "5");
  store.reset();

  // The service itself refuses to change or delete audit rows.
  {
    sqlite3* raw = nullptr;
    sqlite3_open(db.path.c_str(), &raw);
    BOOST_TEST(sqlite3_exec(raw, "UPDATE audit_events SET actor_user_id = 2 WHERE seq = 3", nullptr, nullptr,
                            nullptr) != SQLITE_OK);
    sqlite3_close(raw);
  }
  // Someone with the file drops the guard and edits entry 3: verification names it.
  tamper(db.path,
         "DROP TRIGGER audit_events_no_update; UPDATE audit_events SET actor_user_id = 2 WHERE seq = 3");
  auto reopened = db.open();
  auto broken = reopened->verifyAudit();
  BOOST_REQUIRE(!broken);
  BOOST_TEST(broken.error().detail.find("Audit entry 3") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(audit_chain_detects_a_deleted_entry) {
  TempDb db;
  auto store = db.open();
  for (int i = 0; i < 4; ++i) {
    auto tx = store->begin(true);
    AuditEvent e;
    e.at = at("2024-01-05T09:00:00Z");
    e.action = "case.read";
    e.outcome = "ok";
    BOOST_REQUIRE(tx->audit().append(e));
    BOOST_REQUIRE(tx->commit());
  }
  store.reset();
  tamper(db.path, "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 2");
  auto broken = db.open()->verifyAudit();
  BOOST_REQUIRE(!broken);
  BOOST_TEST(broken.error().detail.find("Audit entry 2") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_uncommitted_transaction_leaves_nothing_behind) {
  TempDb db;
  auto store = db.open();
  {
    auto tx = store->begin(true);
    BOOST_REQUIRE(tx->youngCarers().create(zoe()));
  }  // destroyed without commit
  auto tx = store->begin(false);
  BOOST_TEST(tx->youngCarers().search({"zoe", 10, 0, ""}).total == 0);
}

BOOST_AUTO_TEST_CASE(backup_writes_a_consistent_copy) {
  TempDb db;
  auto store = db.open();
  addOrganisation(*store, "Young carers service");
  std::string copy = (db.dir / "backup.db").string();
  BOOST_REQUIRE(store->backupTo(copy));
  BOOST_TEST(!store->backupTo(copy));  // never overwrites
  auto restored = SqliteStore::open({copy, 1, 5000});
  BOOST_REQUIRE(restored);
  auto tx = restored.value()->begin(false);
  BOOST_TEST(tx->organisations().findByName("Young carers service").has_value());
}

// An import's batches leave copying the write-ahead log into the database to SQLite's checkpoint
// at 10,000 pages instead of 1,000; the connection goes back to the default afterwards. Seen from
// the database file: ~2,000 pages committed by an ordinary transaction are copied into it at once.
BOOST_AUTO_TEST_CASE(bulk_transactions_leave_the_checkpoint_until_ten_thousand_pages) {
  TempDb db;
  auto opened = SqliteStore::open({db.path, 1, 5000});  // one connection: the bulk one is reused after
  BOOST_REQUIRE(opened);
  auto& store = opened.value();
  BOOST_REQUIRE(store->migrate());
  auto writePages = [&](std::unique_ptr<Transaction> tx) {
    for (int i = 0; i < 2000; ++i) BOOST_REQUIRE(tx->audit().append(pageSizedEvent(i)));
    BOOST_REQUIRE(tx->commit());
  };
  const auto before = std::filesystem::file_size(db.path);
  writePages(store->beginBulk());
  BOOST_TEST(std::filesystem::file_size(db.path) == before);  // still in the log
  writePages(store->begin(true));
  BOOST_TEST(std::filesystem::file_size(db.path) > before + 2000 * 3000);  // both batches copied in
}

// A full disk (issue 28): a write that fails for want of space ends in SQLite rolling the
// transaction back itself, so the store's own ROLLBACK then fails. The connection must still be
// given back to the pool: each failed write lost one, and once the pool's places were gone every
// request waited for a connection for ever (ycr serve hung on a full disk).
BOOST_AUTO_TEST_CASE(writes_that_fail_for_want_of_space_give_their_connections_back) {
  TempDb db;
  auto opened = SqliteStore::open({db.path, 2, 5000});
  BOOST_REQUIRE(opened);
  auto store = std::move(opened.value());
  BOOST_REQUIRE(store->migrate());
  auto page = [](Transaction& tx, int i) { return tx.audit().append(pageSizedEvent(i)); };
  // On a thread of its own, so that a pool that has run dry fails the test rather than hangs it.
  auto done = std::make_shared<std::promise<std::string>>();
  auto answered = done->get_future();
  std::thread([s = store.get(), done, page] {
    for (int attempt = 0; attempt < 5; ++attempt) {
      // The database may not grow (as on a full disk): SQLITE_FULL, answered as unavailable.
      auto full = s->bulkWrite(
          [&](Transaction& tx, sqlite3* raw) -> Status {
            sqlite3_exec(raw, "PRAGMA max_page_count = 1", nullptr, nullptr, nullptr);
            for (int i = 0; i < 100; ++i)
              if (auto st = page(tx, i); !st) return st;
            return {};
          },
          true);
      if (full || full.error().code != ErrorCode::unavailable)
        return done->set_value("SQLITE_FULL not unavailable");
      // The transaction already rolled back by SQLite, as a failed COMMIT on a full disk leaves it.
      auto ended = s->bulkWrite(
          [&](Transaction&, sqlite3* raw) -> Status {
            sqlite3_exec(raw, "PRAGMA max_page_count = 1073741823; ROLLBACK", nullptr, nullptr, nullptr);
            return DomainError::unavailable("database or disk is full");
          },
          true);
      if (ended) return done->set_value("a failed write reported success");
    }
    // Both places in the pool are still there: a read and a write at once. Both end before the answer:
    // once it is given the test goes on to destroy the store, which a transaction still open here would
    // then use (a crash in whichever test ran next, seen in CI under load).
    std::string outcome;
    {
      auto reader = s->begin(false);
      auto writer = s->begin(true);
      if (!page(*writer, 1) || !writer->commit()) outcome = "the write after the failures failed";
    }
    done->set_value(outcome);
  }).detach();
  if (answered.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    (void)store.release();  // the waiting thread still uses it
    BOOST_FAIL("no connection left in the pool after writes failed on a full database");
  }
  BOOST_TEST(answered.get() == "");
}

// Another process holding the write lock past the busy timeout (a long import batch): begin()
// throws a failure the service answers as unavailable (503, not 500), and the connection it had
// taken goes back to the pool. It did not: no destructor runs when a constructor throws, so each
// such failure lost a place in the pool, and with the places gone every request waited for ever.
BOOST_AUTO_TEST_CASE(a_database_locked_past_the_busy_timeout_is_unavailable_and_the_pool_keeps_its_place) {
  TempDb db;
  db.open();  // migrated
  auto opened = SqliteStore::open({db.path, 1, 100});
  BOOST_REQUIRE(opened);
  auto store = std::move(opened.value());
  sqlite3* other = nullptr;
  BOOST_REQUIRE(sqlite3_open(db.path.c_str(), &other) == SQLITE_OK);
  BOOST_REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto done = std::make_shared<std::promise<std::string>>();
  auto answered = done->get_future();
  std::thread([s = store.get(), done, other] {
    for (int attempt = 0; attempt < 3; ++attempt) {
      try {
        auto tx = s->begin(true);
        return done->set_value("a write began while another process held the lock");
      } catch (const std::exception& e) {
        if (!isUnavailable(e)) return done->set_value(std::string("not unavailable: ") + e.what());
      }
    }
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    bool committed = false;
    {
      auto tx = s->begin(true);  // the pool's one place is still there
      committed = static_cast<bool>(tx->commit());
    }  // ended before the answer, after which the test destroys the store
    done->set_value(committed ? "" : "the write after the lock was released failed");
  }).detach();
  if (answered.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    (void)store.release();  // the waiting thread still uses it
    BOOST_FAIL("no connection left in the pool after the database was locked");
  }
  BOOST_TEST(answered.get() == "");
  sqlite3_close(other);
  // A full disk and I/O errors are unavailable too; a broken constraint or a bug is not.
  BOOST_TEST(isUnavailable(Poco::Data::SQLite::DatabaseFullException("database or disk is full")));
  BOOST_TEST(isUnavailable(Poco::Data::SQLite::IOErrorException("disk I/O error")));
  BOOST_TEST(!isUnavailable(Poco::Data::SQLite::ConstraintViolationException("UNIQUE constraint failed")));
  BOOST_TEST(!isUnavailable(std::runtime_error("stored date is not ISO")));
}

BOOST_AUTO_TEST_SUITE_END()
