#pragma once
// Young carers' needs assessments (Children Act 1989 s17ZA; Young Carers (Needs Assessments)
// Regulations 2015), transition assessments (Care Act 2014 s63-64) and reviews, and the support
// plan items they lead to. Domain rules only: no storage, no HTTP.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/questionnaire.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

enum class AssessmentKind { needs, transition, review };
YCR_ENUM_NAMES(AssessmentKind, "needs_assessment", "transition_assessment", "review")

enum class AssessmentStatus { draft, completed };
YCR_ENUM_NAMES(AssessmentStatus, "draft", "completed")

// Care Act 2014 s63: the lawful bases for a transition assessment of a young carer.
enum class TransitionConsent {
  consented,
  lacks_capacity_best_interests,         // lacks capacity and the assessment is in their best interests
  refused_but_risk_of_abuse_or_neglect,  // refused, but is experiencing or at risk of abuse or neglect
  not_recorded
};
YCR_ENUM_NAMES(TransitionConsent, "consented", "lacks_capacity_best_interests",
               "refused_but_risk_of_abuse_or_neglect", "not_recorded")

// What a review decided. `continue_` is spelled "continue" everywhere outside C++.
enum class ReviewOutcome { continue_, change_plan, start_transition, close };
YCR_ENUM_NAMES(ReviewOutcome, "continue", "change_plan", "start_transition", "close")

// The matters a needs assessment must determine (Young Carers (Needs Assessments) Regulations 2015,
// reg 4), each recorded in the assessor's words.
struct Regulation4Matters {
  std::string careProvided;                   // amount, nature and type of care the young carer provides
  std::string familyReliance;                 // how far the family relies on that care
  std::string effectOnWellbeing;              // whether caring affects the young carer's well-being
  std::string effectOnEducation;              // ... their education
  std::string effectOnDevelopment;            // ... their development
  std::string excessiveOrInappropriateTasks;  // given their age, sex, wishes and feelings
  std::string preventableByServicesToFamily;  // could services to the cared-for person or another
                                              // family member prevent the need ("whole family")
};

// One matter of Regulation 4: its API field name and how to ask for it, in people's words.
struct Regulation4Matter {
  std::string field;  // e.g. "matters.care_provided"
  std::string description;
  std::string Regulation4Matters::*member;
};
const std::vector<Regulation4Matter>& regulation4Matters();

// Everyone who takes part receives a written record of the assessment.
struct WrittenRecordRecipient {
  std::string who;  // e.g. "Young carer", "Mother (Ms A Smith)"
  std::optional<Date> sentOn;
};

struct Assessment {
  Id id = 0;
  Id caseId = 0;
  Id youngCarerId = 0;
  AssessmentKind kind = AssessmentKind::needs;
  AssessmentStatus status = AssessmentStatus::draft;

  Regulation4Matters matters;
  std::string wishesAndFeelings;  // the young carer's wishes, feelings and preferences
  std::string outcomesWanted;     // the outcomes the young carer wants
  std::string differencesOfOpinion;
  std::vector<std::string> participants;
  std::vector<WrittenRecordRecipient> writtenRecordTo;

  // The decision: does the young carer have needs for support, and which services meet them.
  std::optional<bool> needsForSupport;
  std::vector<std::string> servicesToMeetNeeds;

  // Scored measures; each keeps its answers and questionnaire version.
  std::optional<Score> maca;
  std::optional<Score> panoc;

  std::vector<Id> caredForPersonIds;
  // A new needs assessment for people already assessed is owed only after a change.
  bool changeInCircumstances = false;
  std::string changeDetail;

  // Transition assessments (Care Act 2014 s63-64).
  TransitionConsent consent = TransitionConsent::not_recorded;
  std::string ableAndWillingNow;      // able and willing to care now?
  std::string ableAndWillingAfter18;  // ... and after 18?
  std::string workEducationTrainingRecreation;

  // Reviews.
  std::optional<ReviewOutcome> reviewOutcome;
  std::string changesInCircumstances;  // since the last assessment or review

  std::optional<Id> assessorUserId;
  Timestamp createdAt{};
  Timestamp updatedAt{};
  std::optional<Timestamp> completedAt;
};

// Longest free-text field, and most list entries, accepted.
inline constexpr std::size_t kMaxAssessmentTextLength = 20000;
inline constexpr std::size_t kMaxShortTextLength = 200;
inline constexpr std::size_t kMaxListEntries = 50;

// A draft may be incomplete, but what is there must be sound: linked to a case and young carer,
// enumerations in range, text within limits, dates real, measures of the right questionnaire.
Status validateDraft(const Assessment& assessment);

// Everything a completed assessment of its kind must record:
// - all kinds: participants; a change in circumstances explained if one is claimed;
// - needs: every Regulation 4 matter, wishes and feelings, outcomes wanted, a decision (and the
//   services when there are needs for support), and who received the written record and when;
// - transition: consent or the lawful reason to assess without it, able and willing now and after
//   18, outcomes wanted, work, education, training and recreation, and the written record;
// - review: the outcome and both measures repeated (MACA-YC18 and PANOC-YC20).
// Field errors name each missing matter so the assessor sees every gap at once.
Status validateForCompletion(const Assessment& assessment);

// The completed needs assessment of the same young carer that already covers every cared-for
// person of `proposed`, if any; none when `proposed` records a change in circumstances.
std::optional<Id> coveringAssessment(const Assessment& proposed, const std::vector<Assessment>& previous);
// A new needs assessment is not owed when one was done for the same cared-for person(s) and nothing
// has changed (Young Carers (Needs Assessments) Regulations 2015). A flag for the assessor, not a bar.
bool notOwed(const Assessment& proposed, const std::vector<Assessment>& previous);

// The commissioners' well-being indicator, defined here and only here: a young carer's well-being
// improved when, against the baseline, their MACA-YC18 total went down (less caring activity) or
// their PANOC-YC20 negative-outcomes subscale went down. Missing measures count as no improvement.
bool wellbeingImproved(const std::optional<ScoreChange>& maca, const std::optional<ScoreChange>& panoc);

// A review's measures against the most recent earlier completed needs assessment or review of the
// same young carer that has the same measure (chosen per measure).
struct ReviewComparison {
  std::optional<Id> macaBaselineId;
  std::optional<Id> panocBaselineId;
  std::optional<ScoreChange> maca;
  std::optional<ScoreChange> panoc;
  bool wellbeingImproved = false;
};
ReviewComparison compareWithBaseline(const Assessment& review, const std::vector<Assessment>& previous);

// Support plans.
enum class ServiceType {
  young_carers_group,
  one_to_one_support,
  short_break,
  school_support,
  counselling_or_mental_health_support,
  whole_family_support_from_adult_services,
  id_card,
  information_and_advice,
  // Support beyond breaks, which the strategies count (issue 27 item 4): access to sport and leisure
  // (Halton: "number of young carers access sport/leisure facilities"), advice on money and benefits,
  // a personal budget (Leicestershire: "young carers 16+ have access to personal budgets"), and a plan
  // for what happens if the person they care for is taken ill or they cannot care ("supported to plan
  // for emergencies").
  sport_and_leisure,
  money_and_benefits_advice,
  personal_budget,
  emergency_plan,
  other
};
YCR_ENUM_NAMES(ServiceType, "young_carers_group", "one_to_one_support", "short_break", "school_support",
               "counselling_or_mental_health_support", "whole_family_support_from_adult_services", "id_card",
               "information_and_advice", "sport_and_leisure", "money_and_benefits_advice", "personal_budget",
               "emergency_plan", "other")

// The age from which a young carer can hold a personal budget (the strategies' "personal budgets for
// young carers 16+").
inline constexpr int kPersonalBudgetMinimumAge = 16;

struct SupportPlanItem {
  ServiceType type = ServiceType::other;
  std::string provider;
  Date start{};
  std::optional<Date> end;
  std::string notes;  // required for `other`, to say what the service is
};

// At least one item; each with a provider, real dates, an end not before its start; a personal budget
// starting no earlier than the young carer's 16th birthday (checked when their date of birth is given).
Status validate(const std::vector<SupportPlanItem>& plan, std::optional<Date> dateOfBirth = std::nullopt);

}  // namespace ycr
