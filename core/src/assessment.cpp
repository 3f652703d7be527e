#include "ycr/core/assessment.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "ycr/core/validation.h"

namespace ycr {
namespace {

using validation::indexedField;
using validation::isBlank;

template <class E>
bool inRange(E value) {
  return static_cast<std::size_t>(value) < std::size(EnumNames<E>::names);
}

// The first day someone is `age` (a 29 February birthday falls on 1 March in common years, as in ageOn).
Date firstDayAged(const Date& dateOfBirth, int age) {
  const Date d = addMonths(dateOfBirth, 12 * age);
  return ageOn(dateOfBirth, d) < age ? addDays(d, 1) : d;
}

void checkLength(FieldErrors& errors, const std::string& field, const std::string& text, std::size_t max) {
  if (text.size() > max)
    errors.add(field, "too_long", "This is longer than " + std::to_string(max) + " characters");
}

void checkList(FieldErrors& errors, const std::string& field, const std::vector<std::string>& list) {
  if (list.size() > kMaxListEntries)
    errors.add(field, "too_many", "No more than " + std::to_string(kMaxListEntries) + " entries");
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (isBlank(list[i])) errors.add(indexedField(field, i), "required", "This entry is empty");
    checkLength(errors, indexedField(field, i), list[i], kMaxShortTextLength);
  }
}

void checkMeasure(FieldErrors& errors, const std::string& field, const std::optional<Score>& score,
                  std::string_view expectedId) {
  if (score && score->questionnaireId != expectedId)
    errors.add(field, "wrong_questionnaire",
               "This must be a " + std::string(expectedId) + " score, not " + score->questionnaireId);
}

void requireText(FieldErrors& errors, const std::string& field, const std::string& text,
                 const std::string& message) {
  if (isBlank(text)) errors.add(field, "required", message);
}

Timestamp completedTime(const Assessment& a) {
  return a.completedAt.value_or(a.updatedAt);
}

// The most recent completed needs assessment or review, before `review`, that has the measure.
const Assessment* baselineFor(const Assessment& review, const std::vector<Assessment>& previous,
                              std::optional<Score> Assessment::*measure) {
  const Assessment* best = nullptr;
  for (const auto& a : previous) {
    if (a.id == review.id || a.youngCarerId != review.youngCarerId || a.status != AssessmentStatus::completed)
      continue;
    if (a.kind != AssessmentKind::needs && a.kind != AssessmentKind::review) continue;
    if (!(a.*measure)) continue;
    if (review.completedAt && completedTime(a) >= *review.completedAt) continue;
    if (!best || completedTime(a) > completedTime(*best) ||
        (completedTime(a) == completedTime(*best) && a.id > best->id))
      best = &a;
  }
  return best;
}

}  // namespace

const std::vector<Regulation4Matter>& regulation4Matters() {
  static const std::vector<Regulation4Matter> matters = {
      {"matters.care_provided", "the amount, nature and type of care the young carer provides",
       &Regulation4Matters::careProvided},
      {"matters.family_reliance", "how far the family relies on the care the young carer provides",
       &Regulation4Matters::familyReliance},
      {"matters.effect_on_wellbeing", "whether caring affects the young carer's well-being",
       &Regulation4Matters::effectOnWellbeing},
      {"matters.effect_on_education", "whether caring affects the young carer's education",
       &Regulation4Matters::effectOnEducation},
      {"matters.effect_on_development", "whether caring affects the young carer's development",
       &Regulation4Matters::effectOnDevelopment},
      {"matters.excessive_or_inappropriate_tasks",
       "whether any caring tasks are excessive or inappropriate given the young carer's age, sex, wishes and "
       "feelings",
       &Regulation4Matters::excessiveOrInappropriateTasks},
      {"matters.preventable_by_services_to_family",
       "whether services to the person cared for or another family member could prevent the young carer's "
       "needs",
       &Regulation4Matters::preventableByServicesToFamily},
  };
  return matters;
}

Status validateDraft(const Assessment& a) {
  FieldErrors errors;
  if (a.caseId <= 0) errors.add("case_id", "required", "The assessment must belong to a case");
  if (a.youngCarerId <= 0)
    errors.add("young_carer_id", "required", "The assessment must be about a young carer");
  if (!inRange(a.kind))
    errors.add("kind", "invalid", "The kind must be needs_assessment, transition_assessment or review");
  if (!inRange(a.status)) errors.add("status", "invalid", "The status must be draft or completed");
  if (!inRange(a.consent))
    errors.add("consent", "invalid", "This is not a recognised basis for a transition assessment");
  if (a.reviewOutcome && !inRange(*a.reviewOutcome))
    errors.add("review_outcome", "invalid", "This is not a review outcome");

  for (const auto& m : regulation4Matters())
    checkLength(errors, m.field, a.matters.*m.member, kMaxAssessmentTextLength);
  const std::pair<const char*, const std::string*> texts[] = {
      {"wishes_and_feelings", &a.wishesAndFeelings},
      {"outcomes_wanted", &a.outcomesWanted},
      {"differences_of_opinion", &a.differencesOfOpinion},
      {"change_detail", &a.changeDetail},
      {"able_and_willing_now", &a.ableAndWillingNow},
      {"able_and_willing_after_18", &a.ableAndWillingAfter18},
      {"work_education_training_recreation", &a.workEducationTrainingRecreation},
      {"changes_in_circumstances", &a.changesInCircumstances},
  };
  for (const auto& [field, text] : texts) checkLength(errors, field, *text, kMaxAssessmentTextLength);

  checkList(errors, "participants", a.participants);
  checkList(errors, "services_to_meet_needs", a.servicesToMeetNeeds);

  if (a.writtenRecordTo.size() > kMaxListEntries)
    errors.add("written_record_to", "too_many",
               "No more than " + std::to_string(kMaxListEntries) + " entries");
  for (std::size_t i = 0; i < a.writtenRecordTo.size(); ++i) {
    const auto& r = a.writtenRecordTo[i];
    checkLength(errors, indexedField("written_record_to", i) + ".who", r.who, kMaxShortTextLength);
    if (isBlank(r.who))
      errors.add(indexedField("written_record_to", i) + ".who", "required", "Say who received the record");
    if (r.sentOn && !r.sentOn->ok())
      errors.add(indexedField("written_record_to", i) + ".sent_on", "invalid_date",
                 "This is not a real date");
  }

  if (a.caredForPersonIds.size() > kMaxListEntries)
    errors.add("cared_for_person_ids", "too_many",
               "No more than " + std::to_string(kMaxListEntries) + " entries");
  std::set<Id> seen;
  for (std::size_t i = 0; i < a.caredForPersonIds.size(); ++i) {
    if (a.caredForPersonIds[i] <= 0)
      errors.add(indexedField("cared_for_person_ids", i), "invalid", "This is not a cared-for person");
    else if (!seen.insert(a.caredForPersonIds[i]).second)
      errors.add(indexedField("cared_for_person_ids", i), "duplicate",
                 "This cared-for person is listed twice");
  }

  checkMeasure(errors, "maca", a.maca, kMacaId);
  checkMeasure(errors, "panoc", a.panoc, kPanocId);

  if (!errors.empty()) return errors.toError("The assessment has errors");
  return {};
}

Status validateForCompletion(const Assessment& a) {
  FieldErrors errors;
  if (auto draft = validateDraft(a); !draft) errors.merge(draft.error());

  if (a.participants.empty())
    errors.add("participants", "required",
               "Record who took part (the young carer, their parents, anyone they asked for)");
  if (a.changeInCircumstances)
    requireText(errors, "change_detail", a.changeDetail, "Describe the change in circumstances");

  const bool writtenRecordNeeded = a.kind == AssessmentKind::needs || a.kind == AssessmentKind::transition;
  if (writtenRecordNeeded) {
    if (a.writtenRecordTo.empty())
      errors.add("written_record_to", "required", "Record who received the written record of the assessment");
    for (std::size_t i = 0; i < a.writtenRecordTo.size(); ++i)
      if (!a.writtenRecordTo[i].sentOn)
        errors.add(
            indexedField("written_record_to", i) + ".sent_on", "required",
            "Record the date the written record was given to " +
                (isBlank(a.writtenRecordTo[i].who) ? std::string("this person") : a.writtenRecordTo[i].who));
  }

  switch (a.kind) {
    case AssessmentKind::needs:
      for (const auto& m : regulation4Matters())
        requireText(errors, m.field, a.matters.*m.member, "Record " + m.description);
      requireText(errors, "wishes_and_feelings", a.wishesAndFeelings,
                  "Record the young carer's wishes, feelings and preferences");
      requireText(errors, "outcomes_wanted", a.outcomesWanted, "Record the outcomes the young carer wants");
      if (!a.needsForSupport)
        errors.add("needs_for_support", "required", "Record whether the young carer has needs for support");
      else if (*a.needsForSupport && a.servicesToMeetNeeds.empty())
        errors.add("services_to_meet_needs", "required",
                   "The young carer has needs for support: record the services that will meet them");
      break;
    case AssessmentKind::transition:
      if (a.consent == TransitionConsent::not_recorded)
        errors.add(
            "consent", "required",
            "Record the young carer's consent, or the lawful reason to assess without it (lacks capacity "
            "and it is in their best interests; or refused but at risk of abuse or neglect)");
      requireText(errors, "able_and_willing_now", a.ableAndWillingNow,
                  "Record whether the young carer is able and willing to care now");
      requireText(errors, "able_and_willing_after_18", a.ableAndWillingAfter18,
                  "Record whether the young carer is able and willing to care after 18");
      requireText(errors, "outcomes_wanted", a.outcomesWanted, "Record the outcomes the young carer wants");
      requireText(errors, "work_education_training_recreation", a.workEducationTrainingRecreation,
                  "Record the young carer's work, education, training and recreation");
      break;
    case AssessmentKind::review:
      if (!a.reviewOutcome) errors.add("review_outcome", "required", "Record the outcome of the review");
      if (!a.maca) errors.add("maca", "required", "Repeat the MACA-YC18 questionnaire at the review");
      if (!a.panoc) errors.add("panoc", "required", "Repeat the PANOC-YC20 questionnaire at the review");
      break;
  }

  if (!errors.empty()) return errors.toError("The assessment cannot be completed yet");
  return {};
}

std::optional<Id> coveringAssessment(const Assessment& proposed, const std::vector<Assessment>& previous) {
  if (proposed.kind != AssessmentKind::needs || proposed.changeInCircumstances ||
      proposed.caredForPersonIds.empty())
    return std::nullopt;
  for (const auto& p : previous) {
    if (p.id == proposed.id || p.kind != AssessmentKind::needs || p.status != AssessmentStatus::completed ||
        p.youngCarerId != proposed.youngCarerId)
      continue;
    const bool coversAll =
        std::all_of(proposed.caredForPersonIds.begin(), proposed.caredForPersonIds.end(), [&](Id c) {
          return std::find(p.caredForPersonIds.begin(), p.caredForPersonIds.end(), c) !=
                 p.caredForPersonIds.end();
        });
    if (coversAll) return p.id;
  }
  return std::nullopt;
}

bool notOwed(const Assessment& proposed, const std::vector<Assessment>& previous) {
  return coveringAssessment(proposed, previous).has_value();
}

bool wellbeingImproved(const std::optional<ScoreChange>& maca, const std::optional<ScoreChange>& panoc) {
  const bool lessCaring = maca && maca->totalDelta < 0;
  const SubscaleChange* negative = panoc ? panoc->subscale(kPanocNegativeSubscale) : nullptr;
  const bool fewerNegativeOutcomes = negative && negative->delta < 0;
  return lessCaring || fewerNegativeOutcomes;
}

ReviewComparison compareWithBaseline(const Assessment& review, const std::vector<Assessment>& previous) {
  ReviewComparison c;
  if (review.maca)
    if (const Assessment* base = baselineFor(review, previous, &Assessment::maca)) {
      c.macaBaselineId = base->id;
      c.maca = compare(*base->maca, *review.maca);
    }
  if (review.panoc)
    if (const Assessment* base = baselineFor(review, previous, &Assessment::panoc)) {
      c.panocBaselineId = base->id;
      c.panoc = compare(*base->panoc, *review.panoc);
    }
  c.wellbeingImproved = wellbeingImproved(c.maca, c.panoc);
  return c;
}

Status validate(const std::vector<SupportPlanItem>& plan, std::optional<Date> dateOfBirth) {
  FieldErrors errors;
  if (plan.empty()) errors.add("items", "required", "A support plan needs at least one service");
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const auto& item = plan[i];
    const std::string at = indexedField("items", i);
    if (!inRange(item.type)) errors.add(at + ".type", "invalid", "This is not a recognised type of service");
    if (isBlank(item.provider)) errors.add(at + ".provider", "required", "Say who provides this service");
    checkLength(errors, at + ".provider", item.provider, kMaxShortTextLength);
    checkLength(errors, at + ".notes", item.notes, kMaxAssessmentTextLength);
    if (item.type == ServiceType::other && isBlank(item.notes))
      errors.add(at + ".notes", "required", "Describe the service");
    if (!item.start.ok()) errors.add(at + ".start", "invalid_date", "The start is not a real date");
    if (item.end && !item.end->ok())
      errors.add(at + ".end", "invalid_date", "The end is not a real date");
    else if (item.end && item.start.ok() && *item.end < item.start)
      errors.add(at + ".end", "before_start", "The service cannot end before it starts");
    if (item.type == ServiceType::personal_budget && dateOfBirth && dateOfBirth->ok() && item.start.ok() &&
        ageOn(*dateOfBirth, item.start) < kPersonalBudgetMinimumAge)
      errors.add(at + ".start", "under_16",
                 "A personal budget can start from the young carer's 16th birthday, " +
                     formatIsoDate(firstDayAged(*dateOfBirth, kPersonalBudgetMinimumAge)));
  }
  if (!errors.empty()) return errors.toError("The support plan has errors");
  return {};
}

}  // namespace ycr
