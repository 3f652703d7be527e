#pragma once
// SQL for the commissioners' counts and the indicators' inputs (statistics_repository.h), over the
// dimension tables that migration 0004's triggers keep up to date and the precomputed counts of 0005.

#include <memory>

#include "stats_cube.h"
#include "ycr/core/statistics_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlStatistics final : public StatisticsRepository {
 public:
  explicit SqlStatistics(Sql& sql);
  // Brings the precomputed counts up to date with this transaction's writes (stats_cube.h).
  long long settle();
  // Whether any young carer is marked for the counts to follow (cheap: two cached lookups).
  bool pending();
  CountResult count(const CountQuery& query) override;
  std::vector<CumulativeRow> cumulative(Measure measure, const std::vector<Dimension>& groups,
                                        const std::vector<int>& monthEnds) override;
  NoiseKey noiseKey() override;
  std::vector<DecisionDay> decisionDays(Date from, Date to) override;
  ShareCount assessmentsOnTime(Date from, Date to) override;
  ShareCount caringAbsenceReduced(Date from, Date to) override;
  long long openCasesAged(Date on, int minAge, int maxAge) override;
  ShareCount transitionCoverage(Date on, int minAge, int maxAge) override;
  ShareCount cardCoverage(Date on, int upperAge) override;
  ShareCount supportCoverage(Date on, ServiceType type, int minAge) override;
  ShareCount referralsThroughRoute(Date from, Date to, OrganisationKind route) override;
  std::vector<ReviewDay> reviewDays(Date from, Date to) override;
  std::vector<TaskDueDay> adultSocialCareTaskDays(Date from, Date to) override;
  long long youngCarersWithShortBreak(Date from, Date to) override;
  std::vector<std::pair<int, long long>> youngCarersWithShortBreakByMonth(Date to) override;
  std::vector<SurveyAgreement> surveyAgreement(const std::string& surveyId, int item, int otherItem,
                                               int agreeFrom) override;
  ShareCount schoolsWithChampion(Date on) override;
  std::vector<std::string> championSchoolIdentifiers(Date on) override;

 private:
  StatsCube& cube();
  sqlite3* db();
  Sql& sql_;
  std::unique_ptr<StatsCube> cube_;
  sqlite3* cubeDb_ = nullptr;
};

}  // namespace ycr::storage
