#pragma once
// SQL for the commissioners' counts and the indicators' inputs (statistics_repository.h), over the
// dimension tables that migration 0004's triggers keep up to date.

#include "ycr/core/statistics_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlStatistics final : public StatisticsRepository {
 public:
  explicit SqlStatistics(Sql& sql) : sql_(sql) {}
  CountResult count(const CountQuery& query) override;
  std::vector<DecisionDay> decisionDays(Date from, Date to) override;
  ShareCount assessmentsOnTime(Date from, Date to) override;
  long long openCasesAged(Date on, int minAge, int maxAge) override;
  ShareCount transitionCoverage(Date on, int minAge, int maxAge) override;
  ShareCount referralsThroughRoute(Date from, Date to, OrganisationKind route) override;
  std::vector<ReviewDay> reviewDays(Date from, Date to) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
