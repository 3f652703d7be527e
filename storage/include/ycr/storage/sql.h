#pragma once
// A thin layer over Poco::Data for the repositories: positional parameters of a few kinds,
// rows as Dynamic::Var values. Database exceptions stay below this line.

#include <Poco/Data/Session.h>
#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "ycr/core/model.h"

namespace ycr::storage {

struct Null {};
using Param = std::variant<Null, long long, std::string, double>;

inline Param optId(const std::optional<Id>& id) { return id ? Param(static_cast<long long>(*id)) : Param(Null{}); }
inline Param optText(const std::optional<std::string>& s) { return s ? Param(*s) : Param(Null{}); }
inline Param flag(bool b) { return Param(static_cast<long long>(b ? 1 : 0)); }
inline Param iso(const Date& d) { return Param(formatIsoDate(d)); }
inline Param iso(Timestamp t) { return Param(formatIsoTimestamp(t)); }
inline Param optIso(const std::optional<Date>& d) { return d ? iso(*d) : Param(Null{}); }

class Row {
 public:
  explicit Row(std::vector<Poco::Dynamic::Var> cols) : cols_(std::move(cols)) {}
  bool isNull(std::size_t i) const { return cols_.at(i).isEmpty(); }
  std::string str(std::size_t i) const { return isNull(i) ? std::string() : cols_.at(i).convert<std::string>(); }
  long long i64(std::size_t i) const { return isNull(i) ? 0 : cols_.at(i).convert<long long>(); }
  double f64(std::size_t i) const { return isNull(i) ? 0.0 : cols_.at(i).convert<double>(); }
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  std::optional<Id> optId(std::size_t i) const { return isNull(i) ? std::nullopt : std::optional<Id>(i64(i)); }
  std::optional<std::string> optStr(std::size_t i) const {
    return isNull(i) ? std::nullopt : std::optional<std::string>(str(i));
  }
  Date date(std::size_t i) const;
  std::optional<Date> optDate(std::size_t i) const;
  Timestamp time(std::size_t i) const;
  std::size_t size() const { return cols_.size(); }

 private:
  std::vector<Poco::Dynamic::Var> cols_;
};

class Sql {
 public:
  explicit Sql(Poco::Data::Session& session) : session_(session) {}
  std::vector<Row> query(const std::string& sql, const std::vector<Param>& params = {});
  std::optional<Row> one(const std::string& sql, const std::vector<Param>& params = {});
  // Returns the number of rows changed.
  std::size_t exec(const std::string& sql, const std::vector<Param>& params = {});
  // Runs an INSERT ... RETURNING id and returns the id.
  Id insert(const std::string& sql, const std::vector<Param>& params);
  Poco::Data::Session& session() { return session_; }

 private:
  Poco::Data::Session& session_;
};

// True when the exception is a unique or foreign key constraint failure.
bool isConstraintViolation(const std::exception& e);

}  // namespace ycr::storage
