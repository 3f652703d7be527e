#pragma once
// A thin RAII layer over one sqlite3 statement, for the hot paths that avoid Poco's per-row
// variants (the counts cube and the indicator facts). Errors throw Poco's SQLite exception for the
// code, as sql.cpp does (so a full disk or an I/O error is told apart from a bug: storage::isUnavailable),
// naming what failed: callers run inside a transaction that the exception rolls back.

#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <string_view>

namespace ycr::storage {

class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, const std::string& sql, std::string what) : db_(db), what_(std::move(what)) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s_, nullptr) != SQLITE_OK) fail();
  }
  ~SqliteStatement() { sqlite3_finalize(s_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  SqliteStatement& bind(int i, long long v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  SqliteStatement& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail();
    return false;
  }
  // Runs to the end and makes the statement ready to be bound again.
  void run() {
    while (step()) {
    }
    reset();
  }
  void reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  long long i64(int c) const { return sqlite3_column_int64(s_, c); }
  bool isNull(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
  std::string_view text(int c) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
    return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c)))
             : std::string_view();
  }
  std::string str(int c) const { return std::string(text(c)); }

 private:
  [[noreturn]] void fail() const {
    Poco::Data::SQLite::Utility::throwException(db_, sqlite3_errcode(db_) & 0xff, what_);
    throw std::runtime_error(what_ + ": " + sqlite3_errmsg(db_));  // the code was OK: not reached
  }
  sqlite3* db_;
  std::string what_;
  sqlite3_stmt* s_ = nullptr;
};

}  // namespace ycr::storage
