#pragma once
// A thin layer over SQLite for the repositories: positional parameters of a few kinds, rows as
// Dynamic::Var values. Database exceptions (Poco::Data::SQLite's types) stay below this line.
// The SQL written here stays valid PostgreSQL; preparing and caching it is this layer's business.

#include <Poco/Data/Session.h>
#include <Poco/Dynamic/Var.h>

#include <cstddef>
#include <functional>
#include <list>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "ycr/core/model.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ycr::storage {

struct Null {};
using Param = std::variant<Null, long long, std::string, double>;

inline Param optId(const std::optional<Id>& id) {
  return id ? Param(static_cast<long long>(*id)) : Param(Null{});
}
inline Param optText(const std::optional<std::string>& s) {
  return s ? Param(*s) : Param(Null{});
}
inline Param flag(bool b) {
  return Param(static_cast<long long>(b ? 1 : 0));
}
inline Param iso(const Date& d) {
  return Param(formatIsoDate(d));
}
inline Param iso(Timestamp t) {
  return Param(formatIsoTimestamp(t));
}
inline Param optIso(const std::optional<Date>& d) {
  return d ? iso(*d) : Param(Null{});
}
inline Param optIso(const std::optional<Timestamp>& t) {
  return t ? iso(*t) : Param(Null{});
}

class Row {
 public:
  explicit Row(std::vector<Poco::Dynamic::Var> cols) : cols_(std::move(cols)) {}
  bool isNull(std::size_t i) const { return cols_.at(i).isEmpty(); }
  std::string str(std::size_t i) const {
    return isNull(i) ? std::string() : cols_.at(i).convert<std::string>();
  }
  long long i64(std::size_t i) const { return isNull(i) ? 0 : cols_.at(i).convert<long long>(); }
  double f64(std::size_t i) const { return isNull(i) ? 0.0 : cols_.at(i).convert<double>(); }
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  std::optional<Id> optId(std::size_t i) const {
    return isNull(i) ? std::nullopt : std::optional<Id>(i64(i));
  }
  std::optional<std::string> optStr(std::size_t i) const {
    return isNull(i) ? std::nullopt : std::optional<std::string>(str(i));
  }
  Date date(std::size_t i) const;
  std::optional<Date> optDate(std::size_t i) const;
  std::optional<Timestamp> optTime(std::size_t i) const;  // NULL or empty: none
  Timestamp time(std::size_t i) const;
  std::size_t size() const { return cols_.size(); }

 private:
  std::vector<Poco::Dynamic::Var> cols_;
};

// One SQLite connection's prepared statements, by SQL text, so a statement run again is not
// parsed and planned again. Bounded: the least recently used is finalized when a new one would
// exceed the capacity. Statements are only ever held here reset, so they hold no read snapshot
// or lock between uses. Must be destroyed before its connection is closed.
class StatementCache {
 public:
  explicit StatementCache(sqlite3* db, std::size_t capacity = 256);
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // A reset statement for the SQL, prepared now if not held; nullptr (and nothing held) when the
  // text is not exactly one statement. The caller gives it back with release().
  sqlite3_stmt* take(const std::string& sql);
  void release(const std::string& sql, sqlite3_stmt* stmt);

  sqlite3* db() const { return db_; }
  std::size_t size() const { return entries_.size(); }
  std::size_t capacity() const { return capacity_; }
  std::size_t prepared() const { return prepared_; }  // statements compiled so far
  std::size_t reused() const { return reused_; }      // uses served by a statement already compiled

 private:
  struct Entry {
    std::string sql;
    sqlite3_stmt* stmt;
    bool inUse;
  };
  sqlite3* db_;
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> bySql_;
  std::size_t prepared_ = 0;
  std::size_t reused_ = 0;
};

class Sql {
 public:
  // Without a cache each call prepares and finalizes its statement.
  explicit Sql(Poco::Data::Session& session, StatementCache* cache = nullptr);
  std::vector<Row> query(const std::string& sql, const std::vector<Param>& params = {});
  std::optional<Row> one(const std::string& sql, const std::vector<Param>& params = {});
  // Hands each row to `visit` as it is read, for results too large to hold at once.
  void forEach(const std::string& sql, const std::vector<Param>& params,
               const std::function<void(Row&&)>& visit);
  // Returns the number of rows changed.
  std::size_t exec(const std::string& sql, const std::vector<Param>& params = {});
  // Runs an INSERT ... RETURNING id and returns the id.
  Id insert(const std::string& sql, const std::vector<Param>& params);
  Poco::Data::Session& session() {
    if (!session_) throw std::logic_error("a write transaction's repositories were used after commit()");
    return *session_;
  }
  sqlite3* handle() { return db_; }
  // Cuts this, and every repository built on it, off its connection: a write transaction's
  // connection is the next writer's once it has committed (sqlite_store.cpp), and any later use
  // throws std::logic_error rather than run on another writer's transaction.
  void detach();

 private:
  template <class OnRow>
  std::size_t run(const std::string& sql, const std::vector<Param>& params, OnRow&& onRow,
                  bool cached = true);

  Poco::Data::Session* session_;
  sqlite3* db_;
  StatementCache* cache_;
};

// True when the exception is a unique or foreign key constraint failure.
bool isConstraintViolation(const std::exception& e);

}  // namespace ycr::storage
