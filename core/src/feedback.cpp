#include "ycr/core/feedback.h"

#include <algorithm>
#include <cctype>

#include "ycr/core/validation.h"

namespace ycr {
namespace {

using validation::isBlank;

constexpr std::size_t kMaxFeedbackText = 4000;

void checkText(FieldErrors& errors, const std::string& field, const std::string& text,
               const std::string& what) {
  if (isBlank(text))
    errors.add(field, "required", what);
  else if (text.size() > kMaxFeedbackText)
    errors.add(field, "too_long", "This is longer than " + std::to_string(kMaxFeedbackText) + " characters");
}

}  // namespace

std::string complaintStageWords(int stage) {
  switch (stage) {
    case 1: return "local resolution";
    case 2: return "investigation";
    case 3: return "review panel";
    default: return "stage " + std::to_string(stage);
  }
}

Status validateNew(const Feedback& f, const Date& today) {
  FieldErrors errors;
  if (!f.received.ok())
    errors.add("received_on", "invalid_date", "The day it was received is not a real date");
  else if (today < f.received)
    errors.add("received_on", "in_future", "The day it was received cannot be after today");
  checkText(errors, "summary", f.summary, "Say what was said");
  if (!errors.empty()) return errors.toError("The record has errors");
  return {};
}

Status validateResponse(const Feedback& complaint, ComplaintOutcome outcome, const Date& respondedOn,
                        const std::string& response, const Date& today) {
  if (complaint.kind != FeedbackKind::complaint)
    return DomainError::conflict("A compliment has no outcome to record");
  if (complaint.outcome)
    return DomainError::conflict("This complaint's outcome was recorded on " +
                                 formatIsoDate(complaint.respondedOn.value_or(complaint.received)));
  FieldErrors errors;
  if (static_cast<std::size_t>(outcome) >= std::size(EnumNames<ComplaintOutcome>::names))
    errors.add("outcome", "invalid_choice", "Choose upheld, partly upheld, not upheld or withdrawn");
  if (!respondedOn.ok())
    errors.add("responded_on", "invalid_date", "The day of the response is not a real date");
  else if (respondedOn < complaint.received)
    errors.add("responded_on", "before_received", "The response cannot come before the complaint");
  else if (complaint.stageAskedOn && respondedOn < *complaint.stageAskedOn)
    errors.add("responded_on", "before_asked",
               "The response cannot come before the complainant asked for the " +
                   complaintStageWords(complaint.stage) + " stage");
  else if (today < respondedOn)
    errors.add("responded_on", "in_future", "The day of the response cannot be after today");
  checkText(errors, "response", response, "Say what was done or said in reply");
  if (!errors.empty()) return errors.toError("The outcome has errors");
  return {};
}

Status validateNextStage(const Feedback& complaint, const Date& askedOn,
                         const std::optional<Date>& lastDayToAsk, const Date& today) {
  if (complaint.kind != FeedbackKind::complaint) return DomainError::conflict("A compliment has no stages");
  if (!complaint.outcome || !complaint.respondedOn)
    return DomainError::conflict("This complaint has not been answered yet: answer it before the next stage");
  if (*complaint.outcome == ComplaintOutcome::withdrawn)
    return DomainError::conflict(
        "This complaint was withdrawn: a complainant who wants it looked at again "
        "makes a new complaint");
  if (complaint.stage >= kComplaintStages)
    return DomainError::conflict(
        "This complaint has been to a review panel, the last stage of the procedure");
  if (!askedOn.ok())
    return DomainError::field("asked_on", "invalid_date", "The day they asked is not a real date");
  if (askedOn < *complaint.respondedOn)
    return DomainError::field(
        "asked_on", "before_answer",
        "They cannot have asked before the answer, given on " + formatIsoDate(*complaint.respondedOn));
  if (today < askedOn)
    return DomainError::field("asked_on", "in_future", "The day they asked cannot be after today");
  if (lastDayToAsk && *lastDayToAsk < askedOn)
    return DomainError::field("asked_on", "too_late",
                              "The next stage is asked for within " +
                                  std::to_string(kComplaintNextStageWorkingDays) +
                                  " working days of the answer (by " + formatIsoDate(*lastDayToAsk) +
                                  "): record a later request as a new complaint");
  return {};
}

}  // namespace ycr
