#include "survey_repository.h"

namespace ycr::storage {
namespace {

const char* const kInvitationColumns =
    "SELECT id, young_carer_id, survey_id, survey_version, occasion, occasion_on, created_by, created_at, "
    "expires_at, token_hash, used_at FROM survey_invitations ";

SurveyInvitation invitationFrom(const Row& r) {
  SurveyInvitation i;
  i.id = r.i64(0);
  i.youngCarerId = r.i64(1);
  i.surveyId = r.str(2);
  i.surveyVersion = static_cast<int>(r.i64(3));
  i.occasion = parseEnum<SurveyOccasionKind>(r.str(4)).value_or(SurveyOccasionKind::asked);
  i.occasionOn = r.optDate(5);
  i.createdBy = r.optId(6);
  i.createdAt = r.time(7);
  i.expiresAt = r.time(8);
  i.tokenHash = r.str(9);
  i.usedAt = r.optTime(10);
  return i;
}

// The latest day of each kind of occasion per young carer, between two days. Timestamps are compared
// by their date part.
const char* occasionQuery(SurveyOccasionKind kind) {
  switch (kind) {
    case SurveyOccasionKind::card_issued:
      return "SELECT young_carer_id, MAX(issued) FROM id_cards WHERE issued BETWEEN ? AND ? "
             "GROUP BY young_carer_id ORDER BY young_carer_id";
    case SurveyOccasionKind::review_completed:
      return "SELECT young_carer_id, MAX(substr(completed_at, 1, 10)) FROM assessments WHERE kind = 'review' "
             "AND status = 'completed' AND substr(completed_at, 1, 10) BETWEEN ? AND ? "
             "GROUP BY young_carer_id ORDER BY young_carer_id";
    case SurveyOccasionKind::handed_over:
      return "SELECT c.young_carer_id, MAX(substr(e.at, 1, 10)) FROM case_events e JOIN cases c ON c.id = "
             "e.case_id WHERE e.to_state = 'handed_over' AND substr(e.at, 1, 10) BETWEEN ? AND ? "
             "GROUP BY c.young_carer_id ORDER BY c.young_carer_id";
    case SurveyOccasionKind::asked: break;
  }
  return nullptr;
}

}  // namespace

Result<Id> SqlSurveys::addInvitation(const SurveyInvitation& i) {
  return sql_.insert(
      "INSERT INTO survey_invitations(young_carer_id, survey_id, survey_version, occasion, occasion_on, "
      "created_by, created_at, expires_at, token_hash, used_at) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(i.youngCarerId), i.surveyId, static_cast<long long>(i.surveyVersion),
       std::string(toString(i.occasion)), optIso(i.occasionOn), optId(i.createdBy), iso(i.createdAt),
       iso(i.expiresAt), i.tokenHash, optIso(i.usedAt)});
}

std::optional<SurveyInvitation> SqlSurveys::invitationByTokenHash(const std::string& tokenHash) {
  auto r = sql_.one(std::string(kInvitationColumns) + "WHERE token_hash = ?", {tokenHash});
  if (!r) return std::nullopt;
  return invitationFrom(*r);
}

std::vector<SurveyInvitation> SqlSurveys::invitationsFor(Id youngCarerId) {
  std::vector<SurveyInvitation> out;
  for (const auto& r : sql_.query(std::string(kInvitationColumns) + "WHERE young_carer_id = ? ORDER BY id",
                                  {static_cast<long long>(youngCarerId)}))
    out.push_back(invitationFrom(r));
  return out;
}

Result<bool> SqlSurveys::markUsed(Id invitationId, Timestamp at) {
  return sql_.exec("UPDATE survey_invitations SET used_at = ? WHERE id = ? AND used_at IS NULL",
                   {iso(at), static_cast<long long>(invitationId)}) == 1;
}

std::size_t SqlSurveys::withdrawOpen(Id youngCarerId, const std::string& surveyId, Timestamp at) {
  return sql_.exec(
      "UPDATE survey_invitations SET expires_at = ? WHERE young_carer_id = ? AND survey_id = ? AND used_at "
      "IS "
      "NULL AND expires_at > ?",
      {iso(at), static_cast<long long>(youngCarerId), surveyId, iso(at)});
}

Result<Id> SqlSurveys::addResponse(const SurveyResponse& response) {
  Id id = sql_.insert(
      "INSERT INTO survey_responses(survey_id, survey_version, financial_year) VALUES (?,?,?) RETURNING id",
      {response.surveyId, static_cast<long long>(response.surveyVersion), response.financialYear});
  for (std::size_t i = 0; i < response.answers.size(); ++i)
    if (response.answers[i] != kUnanswered)
      sql_.exec("INSERT INTO survey_answers(response_id, item, value) VALUES (?,?,?)",
                {static_cast<long long>(id), static_cast<long long>(i + 1),
                 static_cast<long long>(response.answers[i])});
  return id;
}

std::vector<std::pair<int, long long>> SqlSurveys::responseCounts(const std::string& surveyId,
                                                                  const std::string& financialYear) {
  std::vector<std::pair<int, long long>> out;
  for (const auto& r : sql_.query("SELECT survey_version, COUNT(*) FROM survey_responses WHERE survey_id = ? "
                                  "AND financial_year = ? GROUP BY survey_version ORDER BY survey_version",
                                  {surveyId, financialYear}))
    out.emplace_back(static_cast<int>(r.i64(0)), r.i64(1));
  return out;
}

std::vector<SurveyAnswerCount> SqlSurveys::answerCounts(const std::string& surveyId,
                                                        const std::string& financialYear) {
  std::vector<SurveyAnswerCount> out;
  for (const auto& r : sql_.query(
           "SELECT s.survey_version, a.item, a.value, COUNT(*) FROM survey_answers a JOIN survey_responses s "
           "ON s.id = a.response_id WHERE s.survey_id = ? AND s.financial_year = ? "
           "GROUP BY s.survey_version, a.item, a.value ORDER BY 1, 2, 3",
           {surveyId, financialYear}))
    out.push_back(
        {static_cast<int>(r.i64(0)), static_cast<int>(r.i64(1)), static_cast<int>(r.i64(2)), r.i64(3)});
  return out;
}

std::vector<SurveyOccasion> SqlSurveys::occasions(SurveyOccasionKind kind, const Date& from, const Date& to) {
  std::vector<SurveyOccasion> out;
  const char* sql = occasionQuery(kind);
  if (!sql) return out;
  for (const auto& r : sql_.query(sql, {iso(from), iso(to)})) {
    auto on = parseIsoDate(r.str(1));
    if (on) out.push_back({r.i64(0), kind, *on});
  }
  return out;
}

}  // namespace ycr::storage
