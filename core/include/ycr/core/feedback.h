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

inline constexpr int kDefaultComplaintResponseWorkingDays = 10;
// A complex complaint's answer may be given this many working days more, once (the same procedure's
// local resolution: 10 working days, extendable to 20).
inline constexpr int kComplaintExtensionWorkingDays = 10;

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
  std::optional<Date> responseDue;  // received + the configured working days
  std::optional<ComplaintOutcome> outcome;
  std::optional<Date> respondedOn;
  std::string response;  // what was done or said in reply
  std::optional<Id> respondedBy;
  // More time to answer, agreed once by a team manager before the answer fell due (responseDue is
  // then the extended day), and why.
  std::optional<Date> extendedOn;
  std::string extensionReason;
  std::optional<Id> extendedBy;
};

// A new record: a real received day no later than today, a summary (not blank, at most 4,000
// characters); the response fields empty. Field errors name the API's fields.
Status validateNew(const Feedback& f, const Date& today);
// A complaint's outcome: the complaint still open, the response day real, not before it was received and
// not after today, and the response said (not blank, at most 4,000 characters).
Status validateResponse(const Feedback& complaint, ComplaintOutcome outcome, const Date& respondedOn,
                        const std::string& response, const Date& today);

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
  // Complaints whose response fell due in [from, to], with the day each was answered (if it was).
  struct DueComplaint {
    Date due{};
    std::optional<Date> respondedOn;
  };
  virtual std::vector<DueComplaint> complaintsDue(const Date& from, const Date& to) = 0;
};

}  // namespace ycr
