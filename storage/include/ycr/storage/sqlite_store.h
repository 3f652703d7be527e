#pragma once
// The SQLite implementation of core's Store: WAL journal, synchronous=FULL (an acknowledged
// write survives power loss), foreign keys on, a busy timeout, and a fixed pool of connections
// each configured once when opened.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "ycr/core/repositories.h"

namespace Poco::Data {
class Session;
}
struct sqlite3;

namespace ycr::storage {

class GroupMemberTransaction;

struct SqliteOptions {
  std::string path;
  int poolSize = 8;
  int busyTimeoutMs = 5000;
  // When the commissioners' precomputed counts follow the writes (stats_cube.h). 0: in the commit of
  // every writing transaction. Above 0: a worker of the store brings them up to date this many
  // milliseconds after a write left any pending, for all the writes of that time at once; a count
  // read in a writing transaction brings them up to date first, so it is exact all the same.
  int settleCountsAfterMs = 0;
};

class SqliteStore final : public Store {
 public:
  // Opens (creating if need be) the database file; does not migrate.
  static Result<std::unique_ptr<SqliteStore>> open(const SqliteOptions& options);
  ~SqliteStore() override;

  std::unique_ptr<Transaction> begin(bool write) override;
  // Copies the write-ahead log into the database (a checkpoint) every 10,000 pages instead of
  // SQLite's 1,000: an import batch dirties thousands of index pages, and each checkpoint wrote
  // them all again. Pages written by several batches are copied once, at most ~40 MB later.
  std::unique_ptr<Transaction> beginBulk() override;
  Status healthCheck() override;

  // Applies every embedded migration not yet recorded, up to version `upTo` (a test of an upgrade stops
  // before it), each in its own transaction. Returns the versions applied.
  Result<std::vector<int>> migrate(int upTo = std::numeric_limits<int>::max());
  int schemaVersion();
  // For loading synthetic data in bulk: runs `work` in one write transaction, giving it the raw
  // connection for prepared statements as well as the repositories, and commits if it succeeds.
  // With settleStatistics false the precomputed counts are left marked for the next write to bring
  // up to date (the loader's last batch), so a large load recomputes them once, not per batch.
  Status bulkWrite(const std::function<Status(Transaction&, sqlite3*)>& work, bool settleStatistics);
  // Checks the whole audit chain; the first broken entry, if any.
  Result<std::string> verifyAudit();
  // An online, consistent copy of the database (SQLite's VACUUM INTO).
  Status backupTo(const std::string& path);
  // Brings the precomputed counts up to date now, in a writer's turn of its own.
  Status settleCounts();

  // Group commit, counted since opening: writing transactions committed, and the durable COMMITs
  // that held them (fewer when writers came together); writers waiting for their turn now.
  struct WriteCounts {
    long long writers = 0;
    long long commits = 0;
  };
  WriteCounts writeCounts() const { return {committedWriters_.load(), groupCommits_.load()}; }
  int writersWaiting() const { return writersWaiting_.load(); }

  struct Connection;  // a pooled connection with its prepared statements
  struct WriteGroup;  // writers sharing one transaction and one durable commit (sqlite_store.cpp)

 private:
  explicit SqliteStore(SqliteOptions options);
  std::unique_ptr<Connection> connect();
  // An idle connection (or a new one while the pool has room), reading through a memory map or not.
  std::unique_ptr<Connection> acquire(bool mapped);
  static void useMap(Connection& connection, bool mapped);
  void release(std::unique_ptr<Connection> connection);
  // Group commit (sqlite_store.cpp): the turn is the write lock.
  friend class GroupMemberTransaction;
  void endTurn(std::unique_lock<std::mutex>& turn, const std::shared_ptr<WriteGroup>& group);
  void closeGroup(std::shared_ptr<WriteGroup> group);
  Status awaitGroup(WriteGroup& group);
  // The write lock alone, with any open group committed first: migrations and bulk loads.
  std::unique_lock<std::mutex> exclusive();
  // The counts' worker (settleCountsAfterMs above 0): told when a commit left counts pending.
  void countsPending();
  void settleWhenPending();

  SqliteOptions options_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int created_ = 0;
  // Writers take turns here rather than spinning on SQLite's busy handler.
  std::mutex writeMutex_;
  std::atomic<int> writersWaiting_{0};
  std::atomic<long long> committedWriters_{0};
  std::atomic<long long> groupCommits_{0};
  std::shared_ptr<WriteGroup> group_;  // the open group, touched only by the writer whose turn it is
  std::mutex groupMutex_;
  std::condition_variable groupDone_;
  std::mutex settleMutex_;
  std::condition_variable settleWake_;
  bool countsPending_ = true;  // a crash may have left marks: the first pass looks
  bool stopping_ = false;
  std::thread settler_;  // last: started when the rest is ready, joined first
};

}  // namespace ycr::storage
