#pragma once
// Compliments and complaints a young carers service receives (issue 27 item 3), recorded with their
// outcomes. The strategies ask the service to "establish number of complaints by young carers ... as a
// baseline" and that "young carers report feeling listened to and respected": a complaint is answered
// within a number of working days (complaint_response_working_days; by default the 10 working days of
// stage 1, local resolution, of the Children Act 1989 representations procedure (The Children Act 1989
// Representations Procedure (England) Regulations 2006), which a local authority's young carers service
// follows; a carers centre run by a charity sets its own), and its outcome is recorded; a compliment is
// recorded and shared, with no outcome.
//
// Who it came from says whose voice it is (the young carer themselves, their family, a professional);
// the young carer it concerns, when there is one, makes it part of their record: in their subject access
// export, carried by a merge, its text cleared when their record is anonymised.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

enum class FeedbackKind { complaint, compliment };
YCR_ENUM_NAMES(FeedbackKind, "complaint", "compliment")

enum class FeedbackFrom { young_carer, parent_or_carer, professional, other };
YCR_ENUM_NAMES(FeedbackFrom, "young_carer", "parent_or_carer", "professional", "other")

// What came of a complaint, in the words of complaints procedures.
enum class ComplaintOutcome { upheld, partly_upheld, not_upheld, withdrawn };
YCR_ENUM_NAMES(ComplaintOutcome, "upheld", "partly_upheld", "not_upheld", "withdrawn")

// The three stages of the Children Act 1989 representations procedure (the 2006 Regulations and
// "Getting the Best from Complaints"), as a complaint climbs them: each stage is answered within its
// working days, and a complainant not satisfied with an answer may ask for the next stage within
// kComplaintNextStageWorkingDays of it. Every length is configuration: a charity's own procedure may
// differ.
inline constexpr int kComplaintStages = 3;
inline constexpr int kDefaultComplaintResponseWorkingDays = 10;
// The stage's name as people say it ("local resolution").
std::string complaintStageWords(int stage);

struct ComplaintStageClock {
  int answerWorkingDays = 0;     // from receipt (stage 1) or from the day the stage was asked for
  int extensionWorkingDays = 0;  // more time a team manager may give once; 0: none
};

struct ComplaintProcedure {
  // Stage 1, local resolution: 10 working days, extendable to 20 for a complex complaint. Stage 2,
  // investigation: 25 working days, extendable to 65. Stage 3, review panel: the panel meets within 30
  // working days of the request, with no extension.
  ComplaintStageClock stages[kComplaintStages] = {
      {kDefaultComplaintResponseWorkingDays, 10}, {25, 40}, {30, 0}};
  const ComplaintStageClock& at(int stage) const { return stages[stage - 1]; }
};

// A complainant not satisfied asks for the next stage within this many working days of the answer.
inline constexpr int kComplaintNextStageWorkingDays = 20;

// A stage of a complaint that was answered before the complainant asked for the next one.
struct ComplaintStage {
  int stage = 1;
  std::optional<Date> askedOn;  // stages 2 and 3: when the complainant asked for it
  Date responseDue{};
  ComplaintOutcome outcome = ComplaintOutcome::not_upheld;
  Date respondedOn{};
  std::string response;
  std::optional<Id> respondedBy;
  std::optional<Date> extendedOn;
  std::string extensionReason;
  std::optional<Id> extendedBy;
};

struct Feedback {
  Id id = 0;
  Id organisationId = 0;  // the service that received it
  FeedbackKind kind = FeedbackKind::complaint;
  FeedbackFrom from = FeedbackFrom::young_carer;
  std::optional<Id> youngCarerId;  // the young carer it concerns, if any
  Date received{};
  std::string summary;  // what was said, in the service's words
  std::optional<Id> recordedBy;
  Timestamp recordedAt{};
  // Complaints only.
  std::optional<Date> responseDue;  // received (stage 1) or asked for (2, 3) + the stage's working days
  std::optional<ComplaintOutcome> outcome;
  std::optional<Date> respondedOn;
  std::string response;  // what was done or said in reply
  std::optional<Id> respondedBy;
  // More time to answer, agreed once by a team manager before the answer fell due (responseDue is
  // then the extended day), and why.
  std::optional<Date> extendedOn;
  std::string extensionReason;
  std::optional<Id> extendedBy;
  // The stage the fields above are for (complaints only): 1 until the complainant asks for the next,
  // and when they asked for it. The stages answered before it, in order.
  int stage = 1;
  std::optional<Date> stageAskedOn;
  std::vector<ComplaintStage> earlierStages;
};

// A new record: a real received day no later than today, a summary (not blank, at most 4,000
// characters); the response fields empty. Field errors name the API's fields.
Status validateNew(const Feedback& f, const Date& today);
// A complaint's outcome: the complaint still open, the response day real, not before it was received and
// not after today, and the response said (not blank, at most 4,000 characters).
Status validateResponse(const Feedback& complaint, ComplaintOutcome outcome, const Date& respondedOn,
                        const std::string& response, const Date& today);

// The complainant asking for the next stage: an answered complaint, not withdrawn, below the last stage;
// asked for on a real day not before the answer, not after today and not after `lastDayToAsk` (the
// answer's day moved kComplaintNextStageWorkingDays on; there is one whenever the complaint may move on).
Status validateNextStage(const Feedback& complaint, const Date& askedOn,
                         const std::optional<Date>& lastDayToAsk, const Date& today);

class FeedbackRepository {
 public:
  virtual ~FeedbackRepository() = default;
  virtual Result<Id> add(const Feedback& f) = 0;
  virtual std::optional<Feedback> findById(Id id) = 0;
  // The organisation's records, newest received first.
  virtual std::vector<Feedback> forOrganisation(Id organisationId) = 0;
  virtual std::vector<Feedback> forYoungCarer(Id youngCarerId) = 0;
  // Records the outcome of an open complaint; false when it was not open (already answered).
  virtual Result<bool> respond(Id id, ComplaintOutcome outcome, const Date& respondedOn,
                               const std::string& response, std::optional<Id> respondedBy) = 0;
  // Gives an open, not yet extended complaint a new due day; false when it was answered or extended.
  virtual Result<bool> extend(Id id, const Date& newDue, const Date& on, const std::string& reason,
                              std::optional<Id> by) = 0;
  // Keeps the answered stage `from` among the earlier stages and opens the next, asked for on `askedOn`
  // and due on `due`; false when the complaint is not answered at stage `from` (someone got there first).
  virtual Result<bool> openNextStage(Id id, int from, const Date& askedOn, const Date& due) = 0;
  // Complaints' answers that fell due in [from, to], at every stage, with the day each was given (if it
  // was).
  struct DueComplaint {
    Date due{};
    std::optional<Date> respondedOn;
  };
  virtual std::vector<DueComplaint> complaintsDue(const Date& from, const Date& to) = 0;
};

}  // namespace ycr
