#pragma once
// SQL implementation of core's SurveyRepository: invitations and unlinked answers (migration 0028).

#include "ycr/core/survey.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlSurveys final : public SurveyRepository {
 public:
  explicit SqlSurveys(Sql& sql) : sql_(sql) {}
  Result<Id> addInvitation(const SurveyInvitation& invitation) override;
  std::optional<SurveyInvitation> invitationByTokenHash(const std::string& tokenHash) override;
  std::vector<SurveyInvitation> invitationsFor(Id youngCarerId) override;
  Result<bool> markUsed(Id invitationId, Timestamp at) override;
  std::size_t withdrawOpen(Id youngCarerId, const std::string& surveyId, Timestamp at) override;
  Result<Id> addResponse(const SurveyResponse& response) override;
  std::vector<std::pair<int, long long>> responseCounts(const std::string& surveyId,
                                                        const std::string& financialYear) override;
  std::vector<SurveyAnswerCount> answerCounts(const std::string& surveyId,
                                              const std::string& financialYear) override;
  std::vector<SurveyOccasion> occasions(SurveyOccasionKind kind, const Date& from, const Date& to) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
