#pragma once
// Storage contract for assessments (needs, transition, review), their audited amendments and the
// support plans they lead to. The assessment itself is kept as a JSON document written and read by
// services; storage indexes what queries need (kind, status, completion time, the review's
// well-being verdict) without reading documents.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/assessment.h"
#include "ycr/core/model.h"
#include "ycr/core/result.h"

namespace ycr {

struct AssessmentRecord {
  Id id = 0;
  Id caseId = 0;
  Id youngCarerId = 0;
  AssessmentKind kind = AssessmentKind::needs;
  AssessmentStatus status = AssessmentStatus::draft;
  // The whole assessment, MACA-YC18 and PANOC-YC20 answers with their questionnaire version
  // included, so scores can be recomputed if the questionnaire data is corrected.
  std::string document;
  std::optional<Id> assessorUserId;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<Timestamp> completedAt;
  // Completed reviews only: the commissioners' well-being indicator (ycr::wellbeingImproved).
  std::optional<bool> wellbeingImproved;
  // The MACA-YC18 band id of the document's score ("" when no MACA-YC18 was taken), for commissioners'
  // counts by band; nullopt only for rows written before it was recorded (App start fills them in).
  std::optional<std::string> macaBand;
};

// A change to a completed assessment: who, when, why, and the document before and after.
struct AssessmentAmendment {
  Id id = 0;
  Id assessmentId = 0;
  std::optional<Id> amendedBy;
  Timestamp amendedAt{};
  std::string reason;
  std::string before;
  std::string after;
};

// How many completed reviews in a period showed improved well-being, of how many.
struct WellbeingCount {
  std::int64_t reviews = 0;
  std::int64_t improved = 0;
};

enum class SupportPlanStatus { draft, agreed, superseded };
YCR_ENUM_NAMES(SupportPlanStatus, "draft", "agreed", "superseded")

// One version of a case's support plan. A draft is recorded and may be replaced until the
// agree_plan event agrees it; agreeing it supersedes the plan agreed before.
struct SupportPlan {
  Id id = 0;
  Id caseId = 0;
  int version = 0;  // 1, 2, ... per case
  SupportPlanStatus status = SupportPlanStatus::draft;
  std::vector<SupportPlanItem> items;
  std::optional<Id> recordedBy;
  Timestamp recordedAt{};
  std::optional<Date> agreedOn;
  std::optional<Date> reviewDue;
  std::optional<Date> supersededOn;
};

class AssessmentRepository {
 public:
  virtual ~AssessmentRepository() = default;

  virtual Result<Id> create(const AssessmentRecord& record) = 0;
  virtual std::optional<AssessmentRecord> findById(Id id) = 0;
  // Writes status, document, updated and completed times and the well-being verdict.
  virtual Status update(const AssessmentRecord& record) = 0;
  // Oldest first.
  virtual std::vector<AssessmentRecord> listForCase(Id caseId) = 0;
  // The same without the documents (`document` empty): what the pathway needs at every read of a case.
  virtual std::vector<AssessmentRecord> listHeadersForCase(Id caseId) = 0;
  virtual std::vector<AssessmentRecord> listForYoungCarer(Id youngCarerId) = 0;

  virtual Result<Id> addAmendment(const AssessmentAmendment& amendment) = 0;
  virtual std::vector<AssessmentAmendment> amendments(Id assessmentId) = 0;

  // Completed assessments after id `after` whose MACA band has not been recorded (written before it
  // was), in id order, at most `limit`.
  virtual std::vector<AssessmentRecord> completedWithoutBand(Id after, std::size_t limit) = 0;

  // Completed reviews with completed_at in [from, to), and how many of them improved well-being.
  virtual WellbeingCount wellbeingImproved(Timestamp from, Timestamp to) = 0;

  // Support plans. createPlan numbers the version itself and returns the new plan's id.
  virtual Result<Id> createPlan(const SupportPlan& plan) = 0;
  virtual Status replacePlanItems(Id planId, const std::vector<SupportPlanItem>& items, Timestamp at,
                                  std::optional<Id> by) = 0;
  virtual std::optional<SupportPlan> draftPlan(Id caseId) = 0;
  // The agreed plan in force, if any.
  virtual std::optional<SupportPlan> currentPlan(Id caseId) = 0;
  // Every version, newest first.
  virtual std::vector<SupportPlan> plans(Id caseId) = 0;
  // Agrees the draft and supersedes the plan agreed before it, together.
  virtual Status agreePlan(Id planId, Date on, std::optional<Date> reviewDue) = 0;
};

}  // namespace ycr
