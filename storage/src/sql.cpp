#include "ycr/storage/sql.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <stdexcept>

namespace ycr::storage {

using Poco::Data::Statement;
using Poco::Data::Keywords::bind;

namespace {

void bindAll(Statement& stmt, const std::vector<Param>& params) {
  for (const auto& p : params) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Null>) {
            stmt.addBind(bind(Poco::Nullable<std::string>()));
          } else if constexpr (std::is_same_v<T, long long>) {
            stmt.addBind(bind(static_cast<Poco::Int64>(v)));
          } else {
            stmt.addBind(bind(v));
          }
        },
        p);
  }
}

}  // namespace

Date Row::date(std::size_t i) const {
  auto d = parseIsoDate(str(i));
  if (!d) throw std::runtime_error("stored date is not ISO: " + str(i));
  return *d;
}

std::optional<Date> Row::optDate(std::size_t i) const {
  if (isNull(i)) return std::nullopt;
  return parseIsoDate(str(i));
}

Timestamp Row::time(std::size_t i) const {
  auto t = parseIsoTimestamp(str(i));
  if (!t) throw std::runtime_error("stored time is not ISO: " + str(i));
  return *t;
}

std::vector<Row> Sql::query(const std::string& sql, const std::vector<Param>& params) {
  Statement stmt(session_);
  stmt << sql;
  bindAll(stmt, params);
  stmt.execute();
  Poco::Data::RecordSet rs(stmt);
  std::vector<Row> rows;
  std::size_t n = rs.rowCount(), cols = rs.columnCount();
  rows.reserve(n);
  for (std::size_t r = 0; r < n; ++r) {
    std::vector<Poco::Dynamic::Var> values;
    values.reserve(cols);
    for (std::size_t c = 0; c < cols; ++c) values.push_back(rs.value(c, r));
    rows.emplace_back(std::move(values));
  }
  return rows;
}

std::optional<Row> Sql::one(const std::string& sql, const std::vector<Param>& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::size_t Sql::exec(const std::string& sql, const std::vector<Param>& params) {
  Statement stmt(session_);
  stmt << sql;
  bindAll(stmt, params);
  return stmt.execute();
}

Id Sql::insert(const std::string& sql, const std::vector<Param>& params) {
  auto row = one(sql, params);
  if (!row) throw std::runtime_error("insert returned no id");
  return row->i64(0);
}

bool isConstraintViolation(const std::exception& e) {
  if (dynamic_cast<const Poco::Data::SQLite::ConstraintViolationException*>(&e)) return true;
  std::string what = e.what();
  if (auto* pe = dynamic_cast<const Poco::Exception*>(&e)) what += " " + pe->displayText();
  for (auto& c : what) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return what.find("constraint") != std::string::npos || what.find("unique") != std::string::npos;
}

}  // namespace ycr::storage
