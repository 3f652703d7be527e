#include "ycr/storage/sqlite_store.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "sqlite_unit_of_work.h"
#include "ycr/core/audit.h"
#include "ycr/storage/errors.h"
#include "ycr/storage/migrations.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

namespace {

// Turns database failures at the storage edge into domain errors: the database unable to serve now
// (errors.h) is unavailable, a 503 to try again; anything else is a fault of ours, internal (a 500),
// not to be retried.
template <class F>
auto guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    const std::string what = e.what();
    const auto* poco = dynamic_cast<const Poco::Exception*>(&e);
    const std::string detail = poco ? poco->displayText() : what;
    if (isUnavailable(e))
      return DomainError::unavailable("The database could not complete the request: " + detail);
    return DomainError::internal("The database refused the request: " + detail);
  }
}

}  // namespace

// A connection keeps its prepared statements for its whole life: most requests run the same few
// statements, and preparing them (parsing, planning, compiling the triggers) cost more than running them.
struct SqliteStore::Connection {
  static constexpr std::size_t kOpenTimeoutSeconds = 0;
  // Opened without Poco's login timeout: Poco retries a failed open every 10 ms until the timeout
  // (60 s by default), so a disk that failed while a connection was being opened held the request
  // for a minute. SQLite's own busy timeout already waits out locks; any other failure is final.
  explicit Connection(const std::string& path)
      : session(std::make_unique<Poco::Data::Session>("SQLite", path, kOpenTimeoutSeconds)),
        statements(Poco::Data::SQLite::Utility::dbHandle(*session)) {}
  sqlite3* db() const { return Poco::Data::SQLite::Utility::dbHandle(*session); }

  std::unique_ptr<Poco::Data::Session> session;
  StatementCache statements;  // declared after the session, so finalized before the session closes
  bool mapped = false;        // reads the database file through a memory map (SqliteStore::acquire)
};

using Connection = SqliteStore::Connection;

// A transaction with a connection of its own: every read, and the bulk writers, which hold the
// write lock alone (SqliteStore::exclusive).
class SqliteTransaction final : public SqliteUnitOfWork {
 public:
  SqliteTransaction(std::unique_ptr<Connection> connection,
                    std::function<void(std::unique_ptr<Connection>)> release,
                    std::unique_lock<std::mutex> writeLock, bool write, bool settleStatistics = true)
      : SqliteUnitOfWork(*connection->session, &connection->statements),
        write_(write),
        settleStatistics_(settleStatistics),
        connection_(std::move(connection)),
        release_(std::move(release)),
        writeLock_(std::move(writeLock)) {
    try {
      sql_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      // No destructor runs for a constructor that throws: the connection (unharmed: the database was
      // busy past the timeout, or could not be read) goes back to the pool here, or its place is lost.
      release_(std::move(connection_));
      throw;
    }
  }

  ~SqliteTransaction() override {
    // SQLite rolls a transaction back itself when a write fails for want of disk space or on an I/O
    // error (at a statement or at COMMIT): then there is nothing left to undo, and a ROLLBACK would fail.
    if (!done_ && !sqlite3_get_autocommit(connection_->db())) {
      try {
        sql_.exec("ROLLBACK");
      } catch (...) {
        // The connection is unusable; drop it rather than return it to the pool.
        connection_.reset();
      }
    }
    // Handed back even when dropped (null), so that the pool counts its place free again: a place
    // lost at each failed write had every request waiting for a connection once the disk filled.
    release_(std::move(connection_));
  }

  using Transaction::commit;
  Status commit(const CommitHooks& hooks) override {
    return guarded([&]() -> Status {
      // The precomputed counts follow this transaction's writes in the same commit (stats_cube.h).
      if (write_ && settleStatistics_) statistics_.settle();
      sql_.exec("COMMIT");
      done_ = true;
      if (hooks.joined) hooks.joined();  // the write lock is still held: no later writer has started
      return {};
    });
  }

 private:
  void countsNeeded() override {
    if (write_) statistics_.settle();
  }
  bool write_;
  bool settleStatistics_;
  std::unique_ptr<Connection> connection_;
  std::function<void(std::unique_ptr<Connection>)> release_;
  std::unique_lock<std::mutex> writeLock_;
  bool done_ = false;
};

// Group commit. Writers take turns on one SQLite transaction: each runs its work inside a savepoint
// of it, and on commit() either hands the turn to a writer already waiting (which joins the same
// transaction) or, when none waits or the group is full, commits the whole group: one COMMIT, one
// fsync for every writer in it. Each commit() returns only when the COMMIT holding its work is
// on disk, with that COMMIT's outcome: if it fails, nothing of the group is stored and every
// member hears so. A member that fails or gives up rolls back to its savepoint, taking nothing of
// the others with it; if SQLite has rolled back the whole transaction (a full disk or an I/O error
// mid-statement can), the group is broken and every member that had joined it hears so.
// The turns are the write lock, so the audit chain, the change log and duplicate detection see
// one writer at a time exactly as before; only the fsync is shared.
struct SqliteStore::WriteGroup {
  std::unique_ptr<Connection> connection;
  int joined = 0;       // members whose work is in the transaction (their savepoint released)
  bool broken = false;  // SQLite rolled the transaction back under a member
  bool done = false;    // committed or abandoned; guarded by SqliteStore::groupMutex_
  Status result;        // the group's outcome, for every member that joined
  std::vector<std::function<void()>> abandoned;  // members' CommitHooks::abandoned, run if it fails
};

using WriteGroup = SqliteStore::WriteGroup;

class GroupMemberTransaction final : public SqliteUnitOfWork {
 public:
  GroupMemberTransaction(SqliteStore& store, std::shared_ptr<WriteGroup> group,
                         std::unique_lock<std::mutex> turn)
      : SqliteUnitOfWork(*group->connection->session, &group->connection->statements),
        store_(store),
        group_(std::move(group)),
        turn_(std::move(turn)) {
    try {
      sql_.exec("SAVEPOINT member");
    } catch (...) {
      group_->broken = group_->broken || sqlite3_get_autocommit(sql_.handle());
      store_.endTurn(turn_, group_);
      throw;
    }
  }

  ~GroupMemberTransaction() override {
    if (turn_.owns_lock()) {
      // Given up (no commit, or a commit that failed before joining): undo this member's work only.
      try {
        if (sqlite3_get_autocommit(sql_.handle())) {
          group_->broken = true;
        } else {
          sql_.exec("ROLLBACK TO member");
          sql_.exec("RELEASE member");
        }
      } catch (...) {
        group_->broken = true;
      }
      store_.endTurn(turn_, group_);
    }
  }

  using Transaction::commit;
  Status commit(const CommitHooks& hooks) override {
    if (!turn_.owns_lock()) return DomainError::internal("commit() called twice");
    auto joined = guarded([&]() -> Status {
      sql_.exec("RELEASE member");
      ++group_->joined;
      return {};
    });
    if (!joined) return joined;  // the destructor rolls this member back
    if (hooks.joined) hooks.joined();
    if (hooks.abandoned) group_->abandoned.push_back(hooks.abandoned);
    sql_.detach();  // the group's connection is the next writer's once this turn ends
    store_.endTurn(turn_, group_);
    return store_.awaitGroup(*group_);
  }

 private:
  void countsNeeded() override { statistics_.settle(); }
  SqliteStore& store_;
  std::shared_ptr<WriteGroup> group_;
  std::unique_lock<std::mutex> turn_;
};

SqliteStore::SqliteStore(SqliteOptions options) : options_(std::move(options)) {}

SqliteStore::~SqliteStore() {
  if (!settler_.joinable()) return;
  {
    std::lock_guard lock(settleMutex_);
    stopping_ = true;
  }
  settleWake_.notify_all();
  settler_.join();
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const SqliteOptions& options) {
  static const bool registered = [] {
    Poco::Data::SQLite::Connector::registerConnector();
    return true;
  }();
  (void)registered;
  try {
    auto parent = std::filesystem::path(options.path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    std::unique_ptr<SqliteStore> store(new SqliteStore(options));
    auto first = store->connect();
    store->created_ = 1;
    store->release(std::move(first));  // fail now, not at the first request, if the file cannot be opened
    if (options.settleCountsAfterMs > 0)
      store->settler_ = std::thread([s = store.get()] { s->settleWhenPending(); });
    return store;
  } catch (const std::exception& e) {
    return DomainError::unavailable("Cannot open the database at " + options.path + ": " + e.what());
  }
}

std::unique_ptr<Connection> SqliteStore::connect() {
  auto connection = std::make_unique<Connection>(options_.path);
  Sql sql(*connection->session);
  sql.exec("PRAGMA busy_timeout = " + std::to_string(options_.busyTimeoutMs));
  sql.query("PRAGMA journal_mode = WAL");
  sql.exec("PRAGMA synchronous = FULL");
  sql.exec("PRAGMA foreign_keys = ON");
  // A batch of inserts into a large register touches pages all over the name and identity indexes;
  // with SQLite's default 2 MB page cache they were written out to the WAL and read back within the
  // transaction. 64 MB per connection at most, taken only as pages are used.
  sql.exec("PRAGMA cache_size = -65536");
  return connection;
}

// Whether a connection reads the database file through a memory map, or one read() a page.
//
// Reports and the write groups that hold them read far more pages than any cache holds (the indicator
// report walks a year of case events); through a map they take a sixth less time than a read() a page
// (stats_bench at 100,000 young carers: kpis p50 400 against 485 ms). But SQLite unmaps the whole file,
// and empties the connection's page cache, at the start of every transaction after another connection
// has committed, and each page is then faulted in again: with an audit entry committed for every record
// read, a reading connection paid that at nearly every request (GET a case: 1,100 against 1,700 a second
// unmapped, tests/bench/README.md). So writers read through the map and readers do not; the pool hands
// each the kind of connection it last was, where one is idle.
constexpr long long kMapBytes = 2147418112;

void SqliteStore::useMap(Connection& connection, bool mapped) {
  if (connection.mapped == mapped) return;
  Sql(*connection.session).query("PRAGMA mmap_size = " + std::to_string(mapped ? kMapBytes : 0));
  connection.mapped = mapped;
}

std::unique_ptr<Connection> SqliteStore::acquire(bool mapped) {
  std::unique_ptr<Connection> connection;
  {
    std::unique_lock lock(mutex_);
    for (;;) {
      // An idle connection of the kind asked for; else a new one while the pool has room; else any idle
      // one, switched (a switch costs the whole map's pages faulted in again: see useMap).
      auto same =
          std::find_if(idle_.rbegin(), idle_.rend(), [&](const auto& c) { return c->mapped == mapped; });
      if (same != idle_.rend() || (!idle_.empty() && created_ >= options_.poolSize)) {
        auto chosen = same != idle_.rend() ? std::prev(same.base()) : std::prev(idle_.end());
        connection = std::move(*chosen);
        idle_.erase(chosen);
        break;
      }
      if (created_ < options_.poolSize) {
        ++created_;
        lock.unlock();
        try {
          connection = connect();
        } catch (...) {
          std::lock_guard again(mutex_);
          --created_;
          throw;
        }
        break;
      }
      available_.wait(lock);
    }
  }
  try {
    useMap(*connection, mapped);
  } catch (...) {
    release(std::move(connection));
    throw;
  }
  return connection;
}

void SqliteStore::release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection) {
    idle_.push_back(std::move(connection));
  } else {
    --created_;
  }
  available_.notify_one();
}

std::unique_ptr<Transaction> SqliteStore::begin(bool write) {
  if (!write)
    return std::make_unique<SqliteTransaction>(
        acquire(false), [this](std::unique_ptr<Connection> c) { release(std::move(c)); },
        std::unique_lock<std::mutex>(), false);
  ++writersWaiting_;
  std::unique_lock turn(writeMutex_);
  --writersWaiting_;
  if (!group_) {
    auto group = std::make_shared<WriteGroup>();
    group->connection = acquire(true);
    try {
      Sql(*group->connection->session).exec("BEGIN IMMEDIATE");
    } catch (...) {
      release(std::move(group->connection));
      throw;
    }
    group_ = std::move(group);
  }
  return std::make_unique<GroupMemberTransaction>(*this, group_, std::move(turn));
}

void SqliteStore::endTurn(std::unique_lock<std::mutex>& turn, const std::shared_ptr<WriteGroup>& group) {
  constexpr int kMaxMembers = 64;  // a bound on how long the first member waits for its answer
  sqlite3* db = group->connection->db();
  if (!group->broken && sqlite3_get_autocommit(db)) group->broken = true;
  if (!group->broken && group->joined > 0 && group->joined < kMaxMembers && writersWaiting_ > 0) {
    turn.unlock();  // a writer is waiting for the turn: it joins this group, or closes it
    return;
  }
  closeGroup(group);
  turn.unlock();
}

// Takes the group by value: it may be group_ itself, which this resets.
void SqliteStore::closeGroup(std::shared_ptr<WriteGroup> group) {
  Status result;
  sqlite3* db = group->connection->db();
  Sql sql(*group->connection->session);
  Sql cached(*group->connection->session, &group->connection->statements);
  bool countsLeftPending = false;
  if (group->broken) {
    result =
        DomainError::unavailable("The database could not complete the request: the transaction was lost");
  } else if (group->joined > 0) {
    result = guarded([&]() -> Status {
      // The precomputed counts follow the group's writes (stats_cube.h): in this commit, once for all
      // its members, or later by the counts' worker for every group of that moment at once. A child's
      // counts touch a few hundred pages of stats_cells, most of them the same for the next child, so
      // settling many together writes a fraction of the pages that settling each one did.
      SqlStatistics statistics(cached);
      if (options_.settleCountsAfterMs > 0)
        countsLeftPending = statistics.pending();
      else
        statistics.settle();
      sql.exec("COMMIT");
      ++groupCommits_;
      committedWriters_ += group->joined;
      return {};
    });
  }
  // Nothing to keep (no member joined), a broken group, or a COMMIT that failed: undo what is left.
  if (!sqlite3_get_autocommit(db)) {
    try {
      sql.exec("ROLLBACK");
    } catch (...) {
      group->connection.reset();  // unusable: dropped, and its pool place freed by release()
    }
  }
  release(std::move(group->connection));
  if (!result)
    for (const auto& undo : group->abandoned) {  // before the turn passes to a later writer
      try {
        undo();
      } catch (...) {
        // An undo that fails leaves in-memory state ahead of the database; catch-ups mend it.
      }
    }
  if (group_ == group) group_.reset();
  countsLeftPending = countsLeftPending && result.ok();
  {
    std::lock_guard lock(groupMutex_);
    group->done = true;
    group->result = std::move(result);
  }
  groupDone_.notify_all();
  if (countsLeftPending) countsPending();
}

void SqliteStore::countsPending() {
  {
    std::lock_guard lock(settleMutex_);
    countsPending_ = true;
  }
  settleWake_.notify_one();
}

// The counts' worker: waits for a commit that left counts pending, lets the writes of the next
// moments gather, and settles them all in one writer's turn. On closing it settles what is left.
// A failed pass (a full disk, say) is tried again a second later; the marks stay in stats_pending,
// so nothing is lost in the meantime, and any count read in a writing transaction settles first.
void SqliteStore::settleWhenPending() {
  const auto gather = std::chrono::milliseconds(options_.settleCountsAfterMs);
  constexpr auto kRetry = std::chrono::seconds(1);
  std::unique_lock lock(settleMutex_);
  for (;;) {
    settleWake_.wait(lock, [&] { return stopping_ || countsPending_; });
    if (!stopping_) settleWake_.wait_for(lock, gather, [&] { return stopping_; });
    const bool last = stopping_;
    if (countsPending_) {
      countsPending_ = false;
      lock.unlock();
      const bool settled = settleCounts().ok();
      lock.lock();
      if (!settled) {
        countsPending_ = true;
        if (!stopping_) settleWake_.wait_for(lock, kRetry, [&] { return stopping_; });
      }
    }
    if (last) return;
  }
}

Status SqliteStore::settleCounts() {
  return guarded([&]() -> Status {
    auto tx = begin(true);
    static_cast<SqliteUnitOfWork&>(*tx).settleCounts();
    return tx->commit();
  });
}

Status SqliteStore::awaitGroup(WriteGroup& group) {
  std::unique_lock lock(groupMutex_);
  groupDone_.wait(lock, [&] { return group.done; });
  return group.result;
}

std::unique_lock<std::mutex> SqliteStore::exclusive() {
  std::unique_lock turn(writeMutex_);
  if (group_) closeGroup(group_);  // left open for a writer that was waiting; this turn commits it
  return turn;
}

std::unique_ptr<Transaction> SqliteStore::beginBulk() {
  constexpr int kBulkCheckpointPages = 10000, kDefaultCheckpointPages = 1000;  // SQLite's default
  auto writeLock = exclusive();
  auto connection = acquire(true);
  sqlite3_wal_autocheckpoint(connection->db(), kBulkCheckpointPages);
  return std::make_unique<SqliteTransaction>(
      std::move(connection),
      [this](std::unique_ptr<Connection> c) {
        if (c) sqlite3_wal_autocheckpoint(c->db(), kDefaultCheckpointPages);
        release(std::move(c));
      },
      std::move(writeLock), true);
}

Status SqliteStore::bulkWrite(const std::function<Status(Transaction&, sqlite3*)>& work,
                              bool settleStatistics) {
  return guarded([&]() -> Status {
    auto writeLock = exclusive();
    auto connection = acquire(true);
    sqlite3* db = connection->db();
    // Generated data can be generated again: a bulk commit skips the fsync (a crash may lose the last
    // batches, never corrupt the database), and the connection goes back to FULL afterwards.
    // Every insert fires the statistics triggers, so SQLite keeps a statement journal that outgrows
    // its in-memory allowance within a batch and went to a temporary file, write by write: in memory
    // instead for the load.
    sqlite3_exec(db, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY", nullptr, nullptr, nullptr);
    SqliteTransaction tx(
        std::move(connection),
        [this](std::unique_ptr<Connection> c) {
          if (c)
            sqlite3_exec(c->db(), "PRAGMA synchronous = FULL; PRAGMA temp_store = DEFAULT", nullptr, nullptr,
                         nullptr);
          release(std::move(c));
        },
        std::move(writeLock), true, settleStatistics);
    if (auto s = work(tx, db); !s) return s;
    return tx.commit();
  });
}

Status SqliteStore::healthCheck() {
  return guarded([&]() -> Status {
    auto tx = begin(false);
    auto& sql = static_cast<SqliteUnitOfWork&>(*tx).sql();
    sql.one("SELECT 1");
    return {};
  });
}

int SqliteStore::schemaVersion() {
  auto tx = begin(false);
  auto& sql = static_cast<SqliteUnitOfWork&>(*tx).sql();
  auto exists = sql.one("SELECT COUNT(*) FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  if (!exists || exists->i64(0) == 0) return 0;
  return static_cast<int>(sql.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")->i64(0));
}

Result<std::vector<int>> SqliteStore::migrate(int upTo) {
  return guarded([&]() -> Result<std::vector<int>> {
    std::vector<int> applied;
    {
      auto tx = begin(true);
      static_cast<SqliteUnitOfWork&>(*tx).sql().exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
      if (auto s = tx->commit(); !s) return s.error();
    }
    int current = schemaVersion();
    for (const auto& m : embeddedMigrations()) {
      if (m.version <= current || m.version > upTo) continue;
      // SQLite parses the script itself (statements, comments, triggers), all in one transaction
      // with the record of the migration, so a failed migration leaves no trace.
      auto writer = exclusive();
      sqlite3* db = nullptr;
      if (sqlite3_open_v2(options_.path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "cannot open";
        sqlite3_close(db);
        return DomainError::unavailable("Cannot open " + options_.path + ": " + msg);
      }
      sqlite3_busy_timeout(db, options_.busyTimeoutMs);
      std::string script = "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;\n" + m.sql +
                           "\n;INSERT INTO schema_migrations(version, name) VALUES (" +
                           std::to_string(m.version) + ", '" + m.name + "');\nCOMMIT;";
      char* err = nullptr;
      int rc = sqlite3_exec(db, script.c_str(), nullptr, nullptr, &err);
      std::string message = err ? err : "";
      sqlite3_free(err);
      if (rc != SQLITE_OK) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close(db);
      if (rc != SQLITE_OK)
        return DomainError::unavailable("Migration " + m.name + " failed and was rolled back: " + message);
      applied.push_back(m.version);
    }
    if (!applied.empty()) {
      // Records that existed before the precomputed counts did are counted now, not at the first request.
      if (auto s = settleCounts(); !s) return s.error();
    }
    return applied;
  });
}

Result<std::string> SqliteStore::verifyAudit() {
  return guarded([&]() -> Result<std::string> {
    auto tx = begin(false);
    auto& log = static_cast<SqliteUnitOfWork&>(*tx).sqlAudit();
    std::string prev = audit::kGenesisHash;
    std::int64_t next = 1;
    std::int64_t checked = 0;
    for (;;) {
      auto batch = log.range(next, 5000);
      if (batch.empty()) break;
      if (auto broken = audit::verify(batch, prev, next))
        return DomainError::conflict("Audit entry " + std::to_string(broken->seq) + " " + broken->problem);
      prev = batch.back().hash;
      next = batch.back().seq + 1;
      checked += static_cast<std::int64_t>(batch.size());
    }
    return std::to_string(checked);
  });
}

Status SqliteStore::backupTo(const std::string& path) {
  return guarded([&]() -> Status {
    if (std::filesystem::exists(path))
      return DomainError::conflict("The backup file " + path + " exists already");
    auto connection = acquire(true);
    Sql sql(*connection->session);
    sql.exec("VACUUM INTO ?", {path});
    release(std::move(connection));
    return {};
  });
}

}  // namespace ycr::storage
