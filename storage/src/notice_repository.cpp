#include "notice_repository.h"

namespace ycr::storage {
namespace {

constexpr const char* kNoticeColumns =
    "SELECT id, kind, recipient_organisation_id, address, subject, body, created_at, status, attempts, "
    "next_attempt_at, sent_at, last_error, case_id FROM notices ";

Notice noticeFromRow(const Row& r) {
  Notice n;
  n.id = r.i64(0);
  n.kind = r.str(1);
  n.recipientOrganisationId = r.optId(2);
  n.address = r.str(3);
  n.subject = r.str(4);
  n.body = r.str(5);
  n.createdAt = r.time(6);
  n.status = parseEnum<NoticeStatus>(r.str(7)).value_or(NoticeStatus::pending);
  n.attempts = static_cast<int>(r.i64(8));
  n.nextAttemptAt = r.optTime(9);
  n.sentAt = r.optTime(10);
  n.lastError = r.str(11);
  n.caseId = r.optId(12);
  return n;
}

}  // namespace

Result<Id> SqlNotices::add(const Notice& n) {
  return sql_.insert(
      "INSERT INTO notices(kind, recipient_organisation_id, address, subject, body, created_at, status, "
      "attempts, next_attempt_at, sent_at, last_error, case_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING "
      "id",
      {n.kind, optId(n.recipientOrganisationId), n.address, n.subject, n.body, iso(n.createdAt),
       std::string(toString(n.status)), static_cast<long long>(n.attempts), optIso(n.nextAttemptAt),
       optIso(n.sentAt), n.lastError, optId(n.caseId)});
}

std::vector<Notice> SqlNotices::select(const std::string& where, const std::vector<Param>& params) {
  std::vector<Notice> out;
  for (auto& r : sql_.query(kNoticeColumns + where, params)) out.push_back(noticeFromRow(r));
  return out;
}

std::vector<Notice> SqlNotices::due(Timestamp now, int limit) {
  // ISO timestamps in one zone compare as text.
  return select(
      "WHERE status = 'pending' AND address <> '' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
      "ORDER BY id LIMIT ?",
      {iso(now), static_cast<long long>(limit)});
}

std::optional<Notice> SqlNotices::findById(Id id) {
  auto rows = select("WHERE id = ?", {static_cast<long long>(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Status SqlNotices::recordAttempt(const Notice& n) {
  sql_.exec(
      "UPDATE notices SET status = ?, attempts = ?, next_attempt_at = ?, sent_at = ?, last_error = ?, "
      "address = ?, body = ? WHERE id = ?",
      {std::string(toString(n.status)), static_cast<long long>(n.attempts), optIso(n.nextAttemptAt),
       optIso(n.sentAt), n.lastError, n.address, n.body, static_cast<long long>(n.id)});
  return {};
}

std::vector<Notice> SqlNotices::list(int limit, int offset) {
  return select("ORDER BY id DESC LIMIT ? OFFSET ?",
                {static_cast<long long>(limit), static_cast<long long>(offset)});
}

std::int64_t SqlNotices::count() {
  return sql_.one("SELECT COUNT(*) FROM notices")->i64(0);
}

std::vector<Notice> SqlNotices::forCase(Id caseId) {
  return select("WHERE case_id = ? ORDER BY id", {static_cast<long long>(caseId)});
}

}  // namespace ycr::storage
