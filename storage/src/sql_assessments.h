#pragma once
// SQL implementation of core's AssessmentRepository (assessments, amendments, support plans).

#include "ycr/core/assessment_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlAssessments final : public AssessmentRepository {
 public:
  explicit SqlAssessments(Sql& sql) : sql_(sql) {}

  Result<Id> create(const AssessmentRecord& record) override;
  std::optional<AssessmentRecord> findById(Id id) override;
  Status update(const AssessmentRecord& record) override;
  std::vector<AssessmentRecord> listForCase(Id caseId) override;
  std::vector<AssessmentRecord> listHeadersForCase(Id caseId) override;
  std::vector<AssessmentRecord> listForYoungCarer(Id youngCarerId) override;
  std::vector<AssessmentRecord> completedWithoutBand(Id after, std::size_t limit) override;

  Result<Id> addAmendment(const AssessmentAmendment& amendment) override;
  std::vector<AssessmentAmendment> amendments(Id assessmentId) override;

  WellbeingCount wellbeingImproved(Timestamp from, Timestamp to) override;

  Result<Id> createPlan(const SupportPlan& plan) override;
  Status replacePlanItems(Id planId, const std::vector<SupportPlanItem>& items, Timestamp at,
                          std::optional<Id> by) override;
  std::optional<SupportPlan> draftPlan(Id caseId) override;
  std::optional<SupportPlan> currentPlan(Id caseId) override;
  std::vector<SupportPlan> plans(Id caseId) override;
  Status agreePlan(Id planId, Date on, std::optional<Date> reviewDue) override;

 private:
  // kAssessmentColumns or kAssessmentHeaderColumns, then " WHERE " and `where`.
  std::vector<AssessmentRecord> selectAssessments(const char* columns, const std::string& where,
                                                  const std::vector<Param>& params);
  void insertItems(Id planId, const std::vector<SupportPlanItem>& items);
  std::vector<SupportPlan> selectPlans(const std::string& where, const std::vector<Param>& params);

  Sql& sql_;
};

}  // namespace ycr::storage
