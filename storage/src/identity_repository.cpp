#include "identity_repository.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>

namespace ycr::storage {
namespace {

// The tables a merge may change; nothing else is read or written by table name.
constexpr std::array<const char*, 12> kMergeTables = {
    "young_carers",      "cases",          "referrals",          "cared_for_people",
    "assessments",       "id_cards",       "sharing_consents",   "activity_places",
    "school_attendance", "id_card_wishes", "survey_invitations", "feedback"};

bool mergeTable(const std::string& table) {
  return std::find_if(kMergeTables.begin(), kMergeTables.end(), [&](const char* t) { return table == t; }) !=
         kMergeTables.end();
}

bool plainIdentifier(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

constexpr const char* kReviewColumns =
    "SELECT id, young_carer_id, candidate_id, score, evidence, cautions, source, status, created_at, "
    "decided_at, "
    "decided_by, decision_reason, merge_id FROM match_reviews";

MatchReview reviewFromRow(const Row& r) {
  MatchReview m;
  m.id = r.i64(0);
  m.youngCarerId = r.i64(1);
  m.candidateId = r.i64(2);
  m.score = r.f64(3);
  m.evidenceJson = r.str(4);
  m.cautionsJson = r.str(5);
  m.source = r.str(6);
  m.status = parseEnum<MatchReviewStatus>(r.str(7)).value_or(MatchReviewStatus::pending);
  m.createdAt = r.time(8);
  if (!r.isNull(9)) m.decidedAt = r.time(9);
  m.decidedBy = r.optId(10);
  m.decisionReason = r.str(11);
  m.mergeId = r.optId(12);
  return m;
}

std::string formatReal(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

Poco::Dynamic::Var valueToJson(const StoredValue& v) {
  switch (v.kind) {
    case StoredValue::Kind::null: return Poco::Dynamic::Var();
    case StoredValue::Kind::integer: {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
      o->set("i", std::to_string(v.integer));
      return o;
    }
    case StoredValue::Kind::real: {
      Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
      o->set("r", formatReal(v.real));
      return o;
    }
    case StoredValue::Kind::text: return v.text;
  }
  return Poco::Dynamic::Var();
}

std::optional<StoredValue> valueFromJson(const Poco::Dynamic::Var& var) {
  StoredValue v;
  if (var.isEmpty()) return v;
  if (var.isString()) {
    v.kind = StoredValue::Kind::text;
    v.text = var.extract<std::string>();
    return v;
  }
  if (var.type() != typeid(Poco::JSON::Object::Ptr)) return std::nullopt;
  auto o = var.extract<Poco::JSON::Object::Ptr>();
  try {
    if (o->has("i")) {
      v.kind = StoredValue::Kind::integer;
      v.integer = std::stoll(o->getValue<std::string>("i"));
      return v;
    }
    if (o->has("r")) {
      v.kind = StoredValue::Kind::real;
      v.real = std::stod(o->getValue<std::string>("r"));
      return v;
    }
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

Param paramOf(const StoredValue& v) {
  switch (v.kind) {
    case StoredValue::Kind::null: return Null{};
    case StoredValue::Kind::integer: return v.integer;
    case StoredValue::Kind::real: return v.real;
    case StoredValue::Kind::text: return v.text;
  }
  return Null{};
}

}  // namespace

std::string rowImagesToJson(const std::vector<RowImage>& rows) {
  Poco::JSON::Array arr;
  for (const auto& row : rows) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("table", row.table);
    o->set("id", static_cast<Poco::Int64>(row.id));
    Poco::JSON::Array::Ptr cols = new Poco::JSON::Array;
    for (const auto& [name, value] : row.columns) {
      Poco::JSON::Array::Ptr pair = new Poco::JSON::Array;
      pair->add(name);
      pair->add(valueToJson(value));
      cols->add(pair);
    }
    o->set("columns", cols);
    arr.add(o);
  }
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(arr, out);
  return out.str();
}

Result<std::vector<RowImage>> rowImagesFromJson(const std::string& text) {
  std::vector<RowImage> rows;
  try {
    auto arr = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < arr->size(); ++i) {
      auto o = arr->getObject(static_cast<unsigned>(i));
      RowImage row;
      row.table = o->getValue<std::string>("table");
      row.id = o->getValue<Poco::Int64>("id");
      auto cols = o->getArray("columns");
      for (std::size_t c = 0; c < cols->size(); ++c) {
        auto pair = cols->getArray(static_cast<unsigned>(c));
        auto value = valueFromJson(pair->get(1));
        if (!value) return DomainError::internal("stored row image has an unreadable value");
        row.columns.emplace_back(pair->getElement<std::string>(0), *value);
      }
      rows.push_back(std::move(row));
    }
  } catch (const Poco::Exception& e) {
    return DomainError::internal("stored row images cannot be read: " + e.displayText());
  }
  return rows;
}

// ---------------- match reviews ----------------

Result<Id> SqlMatchReviews::create(const MatchReview& m) {
  try {
    return sql_.insert(
        "INSERT INTO match_reviews(young_carer_id, candidate_id, score, evidence, cautions, source, status, "
        "created_at, decision_reason, pair_low, pair_high) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        {static_cast<long long>(m.youngCarerId), static_cast<long long>(m.candidateId), m.score,
         m.evidenceJson, m.cautionsJson, m.source, std::string(toString(m.status)), iso(m.createdAt),
         m.decisionReason, static_cast<long long>(std::min(m.youngCarerId, m.candidateId)),
         static_cast<long long>(std::max(m.youngCarerId, m.candidateId))});
  } catch (const std::exception& e) {
    if (isConstraintViolation(e))
      return DomainError::conflict("These two records are already in the match queue");
    throw;
  }
}

std::optional<MatchReview> SqlMatchReviews::findById(Id id) {
  auto r = sql_.one(std::string(kReviewColumns) + " WHERE id = ?", {static_cast<long long>(id)});
  if (!r) return std::nullopt;
  return reviewFromRow(*r);
}

Page<MatchReview> SqlMatchReviews::list(const MatchReviewQuery& q) {
  std::string where = " WHERE 1=1";
  std::vector<Param> params;
  if (q.status) {
    where += " AND status = ?";
    params.emplace_back(std::string(toString(*q.status)));
  }
  if (q.youngCarerId) {
    where += " AND (young_carer_id = ? OR candidate_id = ?)";
    params.emplace_back(static_cast<long long>(*q.youngCarerId));
    params.emplace_back(static_cast<long long>(*q.youngCarerId));
  }
  Page<MatchReview> page;
  page.total = sql_.one("SELECT COUNT(*) FROM match_reviews" + where, params)->i64(0);
  auto pageParams = params;
  pageParams.emplace_back(static_cast<long long>(q.limit));
  pageParams.emplace_back(static_cast<long long>(q.offset));
  for (const auto& r : sql_.query(
           std::string(kReviewColumns) + where + " ORDER BY score DESC, id LIMIT ? OFFSET ?", pageParams))
    page.items.push_back(reviewFromRow(r));
  return page;
}

Status SqlMatchReviews::update(const MatchReview& m) {
  auto n = sql_.exec(
      "UPDATE match_reviews SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ?, merge_id = "
      "? "
      "WHERE id = ?",
      {std::string(toString(m.status)), m.decidedAt ? iso(*m.decidedAt) : Param(Null{}), optId(m.decidedBy),
       m.decisionReason, optId(m.mergeId), static_cast<long long>(m.id)});
  if (n == 0) return DomainError::notFound("There is no possible match with that id");
  return {};
}

bool SqlMatchReviews::rejectedPair(Id a, Id b) {
  auto r =
      sql_.one("SELECT 1 FROM match_reviews WHERE pair_low = ? AND pair_high = ? AND status = 'rejected'",
               {static_cast<long long>(std::min(a, b)), static_cast<long long>(std::max(a, b))});
  return r.has_value();
}

// ---------------- merges ----------------

namespace {

constexpr const char* kMergeColumns =
    "SELECT id, survivor_id, absorbed_id, merged_at, merged_by, reason, before_rows, after_rows, "
    "revoked_cards, "
    "undone_at, undone_by FROM merges";

std::optional<Merge> mergeFromRow(const Row& r) {
  Merge m;
  m.id = r.i64(0);
  m.survivorId = r.i64(1);
  m.absorbedId = r.i64(2);
  m.mergedAt = r.time(3);
  m.mergedBy = r.i64(4);
  m.reason = r.str(5);
  auto before = rowImagesFromJson(r.str(6));
  auto after = rowImagesFromJson(r.str(7));
  if (!before || !after) return std::nullopt;
  m.before = std::move(before.value());
  m.after = std::move(after.value());
  try {
    auto cards = Poco::JSON::Parser().parse(r.str(8)).extract<Poco::JSON::Array::Ptr>();
    for (std::size_t i = 0; i < cards->size(); ++i)
      m.revokedCards.push_back(cards->getElement<std::string>(static_cast<unsigned>(i)));
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
  if (!r.isNull(9)) m.undoneAt = r.time(9);
  m.undoneBy = r.optId(10);
  return m;
}

}  // namespace

Result<Id> SqlMerges::create(const Merge& m) {
  Poco::JSON::Array cards;
  for (const auto& c : m.revokedCards) cards.add(c);
  std::ostringstream cardsJson;
  Poco::JSON::Stringifier::condense(cards, cardsJson);
  return sql_.insert(
      "INSERT INTO merges(survivor_id, absorbed_id, merged_at, merged_by, reason, before_rows, after_rows, "
      "revoked_cards) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(m.survivorId), static_cast<long long>(m.absorbedId), iso(m.mergedAt),
       static_cast<long long>(m.mergedBy), m.reason, rowImagesToJson(m.before), rowImagesToJson(m.after),
       cardsJson.str()});
}

std::optional<Merge> SqlMerges::findById(Id id) {
  auto r = sql_.one(std::string(kMergeColumns) + " WHERE id = ?", {static_cast<long long>(id)});
  if (!r) return std::nullopt;
  return mergeFromRow(*r);
}

Status SqlMerges::markUndone(Id id, Timestamp at, Id by) {
  auto n = sql_.exec("UPDATE merges SET undone_at = ?, undone_by = ? WHERE id = ? AND undone_at IS NULL",
                     {iso(at), static_cast<long long>(by), static_cast<long long>(id)});
  if (n == 0) return DomainError::conflict("This merge has already been undone");
  return {};
}

std::vector<Merge> SqlMerges::intoSurvivor(Id survivorId) {
  std::vector<Merge> out;
  for (const auto& r : sql_.query(std::string(kMergeColumns) + " WHERE survivor_id = ? ORDER BY id DESC",
                                  {static_cast<long long>(survivorId)}))
    if (auto m = mergeFromRow(r)) out.push_back(std::move(*m));
  return out;
}

Result<RowImage> SqlMerges::capture(const std::string& table, Id id) {
  if (!mergeTable(table)) return DomainError::internal("a merge cannot read table " + table);
  Poco::Data::Statement stmt(sql_.session());
  Poco::Int64 key = static_cast<Poco::Int64>(id);
  stmt << "SELECT * FROM " + table + " WHERE id = ?", Poco::Data::Keywords::use(key);
  stmt.execute();
  Poco::Data::RecordSet rs(stmt);
  if (rs.rowCount() == 0) return DomainError::notFound("no " + table + " row " + std::to_string(id));
  RowImage image;
  image.table = table;
  image.id = id;
  for (std::size_t c = 0; c < rs.columnCount(); ++c) {
    const auto& var = rs.value(c, 0);
    StoredValue v;
    if (var.isEmpty()) {
      v.kind = StoredValue::Kind::null;
    } else if (var.isInteger()) {
      v.kind = StoredValue::Kind::integer;
      v.integer = var.convert<long long>();
    } else if (var.isNumeric()) {
      v.kind = StoredValue::Kind::real;
      v.real = var.convert<double>();
    } else {
      v.kind = StoredValue::Kind::text;
      v.text = var.convert<std::string>();
    }
    image.columns.emplace_back(rs.columnName(c), std::move(v));
  }
  return image;
}

std::vector<Id> SqlMerges::rowsOf(const std::string& table, Id youngCarerId) {
  std::vector<Id> ids;
  if (!mergeTable(table) || table == "young_carers") return ids;
  for (const auto& r : sql_.query("SELECT id FROM " + table + " WHERE young_carer_id = ? ORDER BY id",
                                  {static_cast<long long>(youngCarerId)}))
    ids.push_back(r.i64(0));
  return ids;
}

Status SqlMerges::restore(const std::string& table, Id id,
                          const std::vector<std::pair<std::string, StoredValue>>& columns) {
  if (!mergeTable(table)) return DomainError::internal("a merge cannot write table " + table);
  if (columns.empty()) return {};
  std::string sql = "UPDATE " + table + " SET ";
  std::vector<Param> params;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (!plainIdentifier(columns[i].first)) return DomainError::internal("bad column name in a row image");
    if (i) sql += ", ";
    sql += columns[i].first + " = ?";
    params.push_back(paramOf(columns[i].second));
  }
  sql += " WHERE id = ?";
  params.emplace_back(static_cast<long long>(id));
  if (sql_.exec(sql, params) != 1)
    return DomainError::conflict("the " + table + " row " + std::to_string(id) + " is gone");
  return {};
}

}  // namespace ycr::storage
