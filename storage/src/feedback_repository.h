#pragma once
// SQL implementation of core's FeedbackRepository: compliments and complaints (migration 0029), and
// complaints' earlier stages (0035).

#include "ycr/core/feedback.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlFeedback final : public FeedbackRepository {
 public:
  explicit SqlFeedback(Sql& sql) : sql_(sql) {}
  Result<Id> add(const Feedback& f) override;
  std::optional<Feedback> findById(Id id) override;
  std::vector<Feedback> forOrganisation(Id organisationId) override;
  std::vector<Feedback> forYoungCarer(Id youngCarerId) override;
  Result<bool> respond(Id id, ComplaintOutcome outcome, const Date& respondedOn, const std::string& response,
                       std::optional<Id> respondedBy) override;
  Result<bool> extend(Id id, const Date& newDue, const Date& on, const std::string& reason,
                      std::optional<Id> by) override;
  Result<bool> openNextStage(Id id, int from, const Date& askedOn, const Date& due) override;
  std::vector<DueComplaint> complaintsDue(const Date& from, const Date& to) override;

 private:
  std::vector<Feedback> select(const std::string& where, const std::vector<Param>& params);
  std::vector<ComplaintStage> earlierStages(Id id);
  Sql& sql_;
};

}  // namespace ycr::storage
