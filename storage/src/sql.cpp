#include "ycr/storage/sql.h"

#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <cctype>
#include <stdexcept>

namespace ycr::storage {

namespace {

bool blank(const char* tail) {
  if (!tail) return true;
  for (; *tail; ++tail)
    if (!std::isspace(static_cast<unsigned char>(*tail)) && *tail != ';') return false;
  return true;
}

// The same exception types Poco::Data raised before statements were prepared here, so callers'
// handling (isConstraintViolation, the store's guard) is unchanged. Primary codes only: Poco maps those.
[[noreturn]] void fail(sqlite3* db, int rc, const std::string& sql) {
  Poco::Data::SQLite::Utility::throwException(db, rc & 0xff, sql);
  throw Poco::Data::SQLite::SQLiteException("SQLite error " + std::to_string(rc),
                                            sql);  // rc was OK: not reached
}

void bindAll(sqlite3* db, sqlite3_stmt* stmt, const std::vector<Param>& params, const std::string& sql) {
  if (static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt)) != params.size())
    throw Poco::Data::SQLite::ParameterCountMismatchException(
        std::to_string(params.size()) + " values for " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
            " parameters",
        sql);
  int i = 0;
  for (const auto& p : params) {
    ++i;
    // The values outlive the statement's use (the caller holds them until run() returns, and the
    // bindings are cleared before then), so SQLite need not copy them.
    const int rc = std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Null>)
            return sqlite3_bind_null(stmt, i);
          else if constexpr (std::is_same_v<T, long long>)
            return sqlite3_bind_int64(stmt, i, v);
          else if constexpr (std::is_same_v<T, double>)
            return sqlite3_bind_double(stmt, i, v);
          else
            return sqlite3_bind_text(stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
        },
        p);
    if (rc != SQLITE_OK) fail(db, rc, sql);
  }
}

Poco::Dynamic::Var columnValue(sqlite3_stmt* stmt, int c) {
  switch (sqlite3_column_type(stmt, c)) {
    case SQLITE_NULL: return {};
    case SQLITE_INTEGER: return static_cast<Poco::Int64>(sqlite3_column_int64(stmt, c));
    case SQLITE_FLOAT: return sqlite3_column_double(stmt, c);
    default: {
      // Text (or a blob, which nothing here stores): the bytes as they are.
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, c));
      return std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, c)));
    }
  }
}

// Gives the statement back reset, with its bindings cleared, however the use ended: a statement
// left mid-step would keep its read snapshot open and could stop COMMIT or a checkpoint.
class Use {
 public:
  Use(StatementCache* cache, const std::string& sql, sqlite3_stmt* stmt)
      : cache_(cache), sql_(sql), stmt_(stmt) {}
  ~Use() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    if (cache_)
      cache_->release(sql_, stmt_);
    else
      sqlite3_finalize(stmt_);
  }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

 private:
  StatementCache* cache_;
  const std::string& sql_;
  sqlite3_stmt* stmt_;
};

}  // namespace

// ---------------- the statement cache ----------------

StatementCache::StatementCache(sqlite3* db, std::size_t capacity)
    : db_(db), capacity_(capacity ? capacity : 1) {}

StatementCache::~StatementCache() {
  for (auto& e : entries_) sqlite3_finalize(e.stmt);
}

sqlite3_stmt* StatementCache::take(const std::string& sql) {
  if (auto it = bySql_.find(sql); it != bySql_.end()) {
    auto entry = it->second;
    entries_.splice(entries_.begin(), entries_, entry);
    if (!entry->inUse) {
      entry->inUse = true;
      ++reused_;
      return entry->stmt;
    }
    // The same SQL again while the first use is still stepping: a statement of its own, not kept.
    sqlite3_stmt* extra = nullptr;
    const int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()) + 1, &extra, nullptr);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
    ++prepared_;
    return extra;
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()) + 1,
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) fail(db_, rc, sql);
  if (!stmt || !blank(tail)) {
    sqlite3_finalize(stmt);
    return nullptr;
  }
  ++prepared_;
  // Room first: the least recently used statement not in use goes.
  while (entries_.size() >= capacity_) {
    auto victim = std::prev(entries_.end());
    while (victim->inUse && victim != entries_.begin()) --victim;
    if (victim->inUse) break;
    sqlite3_finalize(victim->stmt);
    bySql_.erase(victim->sql);
    entries_.erase(victim);
  }
  entries_.push_front({sql, stmt, true});
  bySql_[sql] = entries_.begin();
  return stmt;
}

void StatementCache::release(const std::string& sql, sqlite3_stmt* stmt) {
  if (auto it = bySql_.find(sql); it != bySql_.end() && it->second->stmt == stmt) {
    it->second->inUse = false;
    return;
  }
  sqlite3_finalize(stmt);
}

// ---------------- Sql ----------------

Sql::Sql(Poco::Data::Session& session, StatementCache* cache)
    : session_(&session), db_(Poco::Data::SQLite::Utility::dbHandle(session)), cache_(cache) {}

void Sql::detach() {
  session_ = nullptr;
  db_ = nullptr;
  cache_ = nullptr;
}

template <class OnRow>
std::size_t Sql::run(const std::string& sql, const std::vector<Param>& params, OnRow&& onRow, bool cached) {
  if (!db_) throw std::logic_error("a write transaction's repositories were used after commit()");
  sqlite3_stmt* stmt = cache_ && cached ? cache_->take(sql) : nullptr;
  StatementCache* owner = stmt ? cache_ : nullptr;
  const char* tail = nullptr;
  if (!stmt) {
    const int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()) + 1, &stmt, &tail);
    if (rc != SQLITE_OK) fail(db_, rc, sql);
    if (!stmt) return 0;  // only a comment or whitespace
  }
  std::size_t changed = 0;
  {
    Use use(owner, sql, stmt);
    bindAll(db_, stmt, params, sql);
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(db_, rc, sql);
      std::vector<Poco::Dynamic::Var> values;
      values.reserve(static_cast<std::size_t>(columns));
      for (int c = 0; c < columns; ++c) values.push_back(columnValue(stmt, c));
      onRow(Row(std::move(values)));
    }
    if (!sqlite3_stmt_readonly(stmt)) changed = static_cast<std::size_t>(sqlite3_changes(db_));
  }
  // A script of several statements (migrations and the like): the rest run in turn, without values.
  if (!blank(tail)) {
    if (!params.empty())
      throw Poco::Data::SQLite::ParameterCountMismatchException("values for a script of several statements",
                                                                sql);
    changed += run(std::string(tail), params, onRow, false);
  }
  return changed;
}

Date Row::date(std::size_t i) const {
  auto d = parseIsoDate(str(i));
  if (!d) throw std::runtime_error("stored date is not ISO: " + str(i));
  return *d;
}

std::optional<Date> Row::optDate(std::size_t i) const {
  if (isNull(i)) return std::nullopt;
  return parseIsoDate(str(i));
}

std::optional<Timestamp> Row::optTime(std::size_t i) const {
  if (isNull(i) || str(i).empty()) return std::nullopt;
  return time(i);
}

Timestamp Row::time(std::size_t i) const {
  auto t = parseIsoTimestamp(str(i));
  if (!t) throw std::runtime_error("stored time is not ISO: " + str(i));
  return *t;
}

std::vector<Row> Sql::query(const std::string& sql, const std::vector<Param>& params) {
  std::vector<Row> rows;
  run(sql, params, [&](Row&& r) { rows.push_back(std::move(r)); });
  return rows;
}

std::optional<Row> Sql::one(const std::string& sql, const std::vector<Param>& params) {
  std::optional<Row> first;
  run(sql, params, [&](Row&& r) {
    if (!first) first.emplace(std::move(r));
  });
  return first;
}

void Sql::forEach(const std::string& sql, const std::vector<Param>& params,
                  const std::function<void(Row&&)>& visit) {
  run(sql, params, visit);
}

std::size_t Sql::exec(const std::string& sql, const std::vector<Param>& params) {
  return run(sql, params, [](Row&&) {});
}

Id Sql::insert(const std::string& sql, const std::vector<Param>& params) {
  auto row = one(sql, params);
  if (!row) throw std::runtime_error("insert returned no id");
  return row->i64(0);
}

bool isConstraintViolation(const std::exception& e) {
  if (dynamic_cast<const Poco::Data::SQLite::ConstraintViolationException*>(&e)) return true;
  std::string what = e.what();
  if (auto* pe = dynamic_cast<const Poco::Exception*>(&e)) {
    what += ' ';  // appended, not " " + ...: GCC 12 -O3 reports a false -Wrestrict overlap
    what += pe->displayText();
  }
  for (auto& c : what) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return what.find("constraint") != std::string::npos || what.find("unique") != std::string::npos;
}

}  // namespace ycr::storage
