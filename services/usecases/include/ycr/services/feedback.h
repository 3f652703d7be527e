#pragma once
// Compliments and complaints (core/include/ycr/core/feedback.h) as a young carers service keeps them:
// its case staff (caseworkers and team managers) record what their own service received, and a
// complaint's outcome; the young carer it concerns must be one whose case they work. A complaint is due
// an answer complaint_response_working_days working days after it was received (the pathway's bank
// holiday calendar), and may climb the procedure's later stages (ComplaintProcedure), each with its own
// clock. Every record, answer, move and read is audited, without the text.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/feedback.h"
#include "ycr/core/repositories.h"
#include "ycr/pathways/calendar.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct FeedbackInput {
  std::optional<std::string> kind, from, receivedOn, summary;
  std::optional<long long> youngCarerId;
};

struct FeedbackOutcomeInput {
  std::optional<std::string> outcome, respondedOn, response;
};

// A record as staff see it: overdue while a complaint is unanswered after its due day; nextStageBy, the
// last day the complainant may ask for the next stage, once a stage below the last has an answer other
// than a withdrawal (kComplaintNextStageWorkingDays after it).
struct FeedbackView {
  Feedback record;
  bool overdue = false;
  std::optional<Date> nextStageBy;
};

struct FeedbackList {
  std::vector<FeedbackView> items;  // newest received first
  int openComplaints = 0;
  int overdueComplaints = 0;
};

class ComplimentsAndComplaints {
 public:
  ComplimentsAndComplaints(Store& store, const Clock& clock, const pathways::WorkingDayCalendar& calendar,
                           const ComplaintProcedure& procedure);

  // The caller's service's records; `kind` empty for both.
  Result<FeedbackList> list(const Principal& who, const std::string& kind);
  Result<FeedbackView> get(const Principal& who, Id id);
  Result<FeedbackView> record(const Principal& who, const FeedbackInput& input);
  Result<FeedbackView> respond(const Principal& who, Id id, const FeedbackOutcomeInput& input);
  // More time to answer a complaint: once a stage, by a team manager, while it is open and not yet
  // overdue; the due day moves the stage's extensionWorkingDays on (a stage with none refuses) and the
  // reason is kept (audited without it).
  Result<FeedbackView> extend(const Principal& who, Id id, const std::optional<std::string>& reason);
  // The complainant, not satisfied with the answer, asked on `askedOn` for the next stage: within
  // kComplaintNextStageWorkingDays of the answer, not after a withdrawal nor beyond the review panel.
  // The answered stage is kept among the earlier stages; the next is due its working days after the
  // request.
  Result<FeedbackView> nextStage(const Principal& who, Id id, const std::optional<std::string>& askedOn);

  // The complaints procedure's stages and their working days (complaints_procedure), as the pages tell them.
  const ComplaintProcedure& procedure() const { return procedure_; }

  static constexpr std::size_t kMaxReason = 2000;

 private:
  FeedbackView viewOf(Feedback f) const;
  Store& store_;
  const Clock& clock_;
  const pathways::WorkingDayCalendar& calendar_;
  ComplaintProcedure procedure_;
};

// A record as the API writes it, here and in the subject access export.
Poco::JSON::Object::Ptr feedbackJson(const Feedback& record, bool overdue);

}  // namespace ycr::services
