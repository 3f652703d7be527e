#pragma once
// Use cases for assessments (needs, transition, review), their amendments, and support plans.
// Like the register's, each call is one transaction with its audit event; completing an assessment
// moves the case along the pathway in that same transaction.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/assessment.h"
#include "ycr/core/assessment_repository.h"
#include "ycr/core/questionnaire.h"
#include "ycr/core/repositories.h"
#include "ycr/pathways/engine.h"
#include "ycr/services/auth.h"
#include "ycr/services/json_input.h"

namespace ycr::services {

// A questionnaire's answers as given: every item answered (JSON null is kUnanswered and refused),
// scored against `version`, or the latest version when none is given.
struct MeasureInput {
  std::vector<int> answers;
  std::optional<int> version;
};

// The content of an assessment as a person sends it. Header fields of `content` (id, case, status,
// times) are ignored: the use cases set them.
struct AssessmentInput {
  AssessmentKind kind = AssessmentKind::needs;  // create only
  Assessment content;
  std::optional<MeasureInput> maca;
  std::optional<MeasureInput> panoc;
  std::string amendmentReason;  // required to change a completed assessment
};

struct CompletionInput {
  std::string lateReason;                  // needs assessments completed after the 45-working-day deadline
  std::optional<CloseReason> closeReason;  // reviews whose outcome is close
  std::optional<std::int64_t> expectedVersion;  // the case's version, for optimistic concurrency
};

struct AssessmentView {
  Assessment assessment;
  // Needs assessments: a completed one of the same young carer already covers every cared-for person
  // and no change of circumstances is recorded, so a new one is not owed (a flag, not a bar).
  std::optional<Id> coveringAssessmentId;
  std::optional<ReviewComparison> comparison;  // completed reviews: measures against the baseline
  std::vector<AssessmentAmendment> amendments;
};

struct CompletionOutcome {
  AssessmentView view;
  CaseState caseState = CaseState::referred;  // the case's state after completion
  std::optional<pathways::Event> event;       // the pathway event applied, if any
};

struct SupportPlans {
  Id caseId = 0;
  std::optional<SupportPlan> current;  // agreed and in force
  std::optional<SupportPlan> draft;    // recorded, awaiting the agree_plan event
  std::vector<SupportPlan> history;    // every version, newest first
};

class Assessments {
 public:
  Assessments(Store& store, const Clock& clock, const pathways::Engine& engine,
              const QuestionnaireSet& questionnaires);

  Result<AssessmentView> create(const Principal& who, Id caseId, const AssessmentInput& input);
  // Replaces a draft's content; a completed assessment only with an amendment reason (recorded, audited).
  Result<AssessmentView> replace(const Principal& who, Id assessmentId, const AssessmentInput& input);
  Result<AssessmentView> get(const Principal& who, Id assessmentId);
  Result<std::vector<AssessmentView>> listForCase(const Principal& who, Id caseId);
  // Checks everything the kind requires, scores the measures, and moves the case: complete_assessment
  // for needs assessments, complete_review (with the review's outcome) for reviews.
  Result<CompletionOutcome> complete(const Principal& who, Id assessmentId, const CompletionInput& input);

  // Records the draft support plan (replacing an earlier draft); agree_plan agrees it.
  Result<SupportPlans> recordSupportPlan(const Principal& who, Id caseId,
                                         const std::vector<SupportPlanItem>& items);
  Result<SupportPlans> supportPlans(const Principal& who, Id caseId);

  const QuestionnaireSet& questionnaires() const { return questionnaires_; }

  // Scores the MACA-YC18 band of completed assessments written before bands were recorded (migration
  // 0008), so commissioners' counts by band include them. Run at start; returns how many were scored.
  Result<long long> recordMissingBands();

 private:
  AuditEvent auditFor(const Principal& who, std::string action, std::string recordType,
                      std::string recordId) const;
  Result<AssessmentView> viewOf(Transaction& tx, const AssessmentRecord& record, bool withAmendments) const;

  Store& store_;
  const Clock& clock_;
  const pathways::Engine& engine_;
  const QuestionnaireSet& questionnaires_;
};

// ---- the JSON shape of an assessment: the API's and the stored document's ----
// Content fields: "matters": {care_provided, family_reliance, effect_on_wellbeing, effect_on_education,
// effect_on_development, excessive_or_inappropriate_tasks, preventable_by_services_to_family},
// wishes_and_feelings, outcomes_wanted, differences_of_opinion, participants [text],
// written_record_to [{who, sent_on}], needs_for_support (bool|null), services_to_meet_needs [text],
// cared_for_person_ids [id], change_in_circumstances (bool), change_detail, consent, able_and_willing_now,
// able_and_willing_after_18, work_education_training_recreation, review_outcome, changes_in_circumstances,
// maca / panoc: {"answers": [0..2], "version"?: n, "questionnaire_id"?: id}.
// Reads the content fields into `input` (unknown fields are refused by the caller's rejectUnknown()).
void readAssessmentContent(JsonInput& in, AssessmentInput& input);
// Content fields; measures as scores ({questionnaire_id, version, answers, total, band, subscales, flags})
// when `scored`, else as the stored {questionnaire_id, version, answers}.
Poco::JSON::Object::Ptr assessmentContentJson(const Assessment& assessment, bool scored);
// The stored document of an assessment (content, and measures as answers with their version), exactly
// as the use cases write it; and the MACA-YC18 band id stored beside it ("" when none was taken).
// ycr demo-data writes its assessments through these too.
std::string assessmentDocument(const Assessment& assessment);
std::string macaBandOf(const Assessment& assessment);

// ---- what register.cpp asks of assessments when it moves a case ----
// Facts the pathway engine needs from assessments: transitionAssessmentReady (a transition assessment
// completed this episode). Never regulation4Recorded: only Assessments::complete records that.
void addAssessmentFacts(Transaction& tx, const Case& c, pathways::CaseFacts& facts);
// complete_assessment posted as a case event: guard_failed naming the needs assessment to complete instead
// (its completion moves the case), so the pathway never records an assessment that is a draft or absent.
DomainError completeTheAssessmentInstead(Transaction& tx, const Case& c);
// agree_plan needs a recorded (draft) support plan: guard_failed "Record the support plan first" if none.
Status checkAssessmentGuards(Transaction& tx, const Case& c, pathways::Event event);
// After agree_plan: the draft plan becomes the agreed one (superseding the last) with the engine's review
// date.
Status recordAssessmentEffects(Transaction& tx, const Case& updated, const pathways::Transition& transition);

}  // namespace ycr::services
