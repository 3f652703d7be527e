#include "ycr/core/assessment.h"

#include <boost/test/unit_test.hpp>
#include <functional>

#include "support/dates.h"

using namespace ycr;
using test_support::at;

namespace {

// Questionnaires of the real shape, built in code because core cannot read JSON; the data files
// themselves are tested in tests/services/usecases/questionnaire_loader_test.cpp.
Questionnaire macaShape() {
  Questionnaire q;
  q.id = std::string(kMacaId);
  q.version = 1;
  q.title = "MACA-YC18";
  q.scale = {{0, "Never"}, {1, "Some of the time"}, {2, "A lot of the time"}};
  for (int n = 1; n <= 18; ++n) q.items.push_back({n, "Item " + std::to_string(n)});
  const char* ids[] = {"domestic",      "household_management", "financial_practical",
                       "personal_care", "emotional_care",       "sibling_care"};
  for (int s = 0; s < 6; ++s) q.subscales.push_back({ids[s], ids[s], {3 * s + 1, 3 * s + 2, 3 * s + 3}});
  q.bands = {{"none", "None", 0, 0, ""},
             {"low", "Low", 1, 9, ""},
             {"moderate", "Moderate", 10, 13, ""},
             {"high", "High", 14, 17, ""},
             {"very_high", "Very high", 18, 36, ""}};
  return q;
}

Questionnaire panocShape() {
  Questionnaire q;
  q.id = std::string(kPanocId);
  q.version = 1;
  q.title = "PANOC-YC20";
  q.scale = {{0, "Never"}, {1, "Some of the time"}, {2, "A lot of the time"}};
  for (int n = 1; n <= 20; ++n) q.items.push_back({n, "Item " + std::to_string(n)});
  q.subscales = {{"positive", "Positive", {1, 2, 3, 4, 7, 8, 15, 18, 19, 20}},
                 {"negative", "Negative", {5, 6, 9, 10, 11, 12, 13, 14, 16, 17}}};
  q.flags = {{"few_positive_outcomes", "Few positive", 0, 12, "positive"},
             {"many_negative_outcomes", "Many negative", 9, 20, "negative"}};
  return q;
}

// Spreads `points` over the given items, 2 at a time.
void spread(std::vector<int>& answers, const std::vector<int>& items, int points) {
  for (int n : items) {
    int v = std::min(points, 2);
    answers[static_cast<std::size_t>(n - 1)] = v;
    points -= v;
  }
}

Score maca(int total) {
  std::vector<int> answers(18, 0);
  std::vector<int> all;
  for (int n = 1; n <= 18; ++n) all.push_back(n);
  spread(answers, all, total);
  return score(macaShape(), answers).value();
}

Score panoc(int positive, int negative) {
  Questionnaire q = panocShape();
  std::vector<int> answers(20, 0);
  spread(answers, q.subscales[0].items, positive);
  spread(answers, q.subscales[1].items, negative);
  return score(q, answers).value();
}

// A needs assessment ready to complete; each test spoils only what it is about.
Assessment completeNeeds() {
  Assessment a;
  a.id = 10;
  a.caseId = 1;
  a.youngCarerId = 2;
  a.kind = AssessmentKind::needs;
  a.matters.careProvided = "Cooks tea most nights; helps Mum with her medication morning and evening";
  a.matters.familyReliance = "Mum relies on her for medication; Dad works nights";
  a.matters.effectOnWellbeing = "Tired, worries about Mum at school";
  a.matters.effectOnEducation = "Late twice a week; homework often not done";
  a.matters.effectOnDevelopment = "Has stopped going to football";
  a.matters.excessiveOrInappropriateTasks = "Managing medication is inappropriate at 12";
  a.matters.preventableByServicesToFamily = "A care package for Mum would remove the medication task";
  a.wishesAndFeelings = "Wants to keep helping but not with medicines";
  a.outcomesWanted = "Go back to football; get to school on time";
  a.participants = {"Young carer", "Mother"};
  a.writtenRecordTo = {{"Young carer", parseIsoDate("2024-03-01")}, {"Mother", parseIsoDate("2024-03-01")}};
  a.needsForSupport = true;
  a.servicesToMeetNeeds = {"Young carers group", "Referral to adult social care for Mum"};
  a.caredForPersonIds = {7};
  a.status = AssessmentStatus::completed;
  a.completedAt = at("2024-03-01T12:00:00Z");
  return a;
}

Assessment completeTransition() {
  Assessment a;
  a.id = 20;
  a.caseId = 1;
  a.youngCarerId = 2;
  a.kind = AssessmentKind::transition;
  a.consent = TransitionConsent::consented;
  a.ableAndWillingNow = "Able and willing to help with shopping";
  a.ableAndWillingAfter18 = "Willing, but not if she goes to university";
  a.outcomesWanted = "Go to university in Leeds";
  a.workEducationTrainingRecreation = "A levels; part-time job on Saturdays";
  a.participants = {"Young carer"};
  a.writtenRecordTo = {{"Young carer", parseIsoDate("2025-01-10")}};
  return a;
}

Assessment completeReview() {
  Assessment a;
  a.id = 30;
  a.caseId = 1;
  a.youngCarerId = 2;
  a.kind = AssessmentKind::review;
  a.reviewOutcome = ReviewOutcome::continue_;
  a.maca = maca(12);
  a.panoc = panoc(14, 6);
  a.participants = {"Young carer"};
  a.status = AssessmentStatus::completed;
  a.completedAt = at("2024-09-01T12:00:00Z");
  return a;
}

bool hasField(const Status& s, const std::string& field, const std::string& code = "") {
  if (s.ok()) return false;
  for (const auto& f : s.error().fields)
    if (f.field == field && (code.empty() || f.code == code)) return true;
  return false;
}

std::string messageFor(const Status& s, const std::string& field) {
  if (s.ok()) return {};
  for (const auto& f : s.error().fields)
    if (f.field == field) return f.message;
  return {};
}

std::string describe(const Status& s) {
  if (s.ok()) return "ok";
  std::string out = s.error().detail;
  for (const auto& f : s.error().fields) out += "\n  " + f.field + " " + f.code + ": " + f.message;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(assessment_test)

BOOST_AUTO_TEST_CASE(enumerations_have_their_api_spellings) {
  BOOST_TEST(toString(AssessmentKind::needs) == "needs_assessment");
  BOOST_TEST(toString(AssessmentKind::transition) == "transition_assessment");
  BOOST_TEST(toString(AssessmentKind::review) == "review");
  BOOST_TEST((parseEnum<ReviewOutcome>("continue") == ReviewOutcome::continue_));
  BOOST_TEST((parseEnum<TransitionConsent>("refused_but_risk_of_abuse_or_neglect") ==
              TransitionConsent::refused_but_risk_of_abuse_or_neglect));
  BOOST_TEST(toString(ServiceType::whole_family_support_from_adult_services) ==
             "whole_family_support_from_adult_services");
  BOOST_TEST(!parseEnum<AssessmentKind>("needs").has_value());
}

BOOST_AUTO_TEST_CASE(complete_assessments_of_each_kind_can_be_completed) {
  for (const auto& a : {completeNeeds(), completeTransition(), completeReview()}) {
    BOOST_TEST_CONTEXT(toString(a.kind)) {
      auto status = validateForCompletion(a);
      BOOST_TEST(status.ok(), describe(status));
    }
  }
}

BOOST_AUTO_TEST_CASE(completion_is_refused_while_any_regulation_4_matter_is_missing) {
  for (const auto& matter : regulation4Matters()) {
    BOOST_TEST_CONTEXT(matter.field) {
      for (const char* missing : {"", "   \n"}) {
        Assessment a = completeNeeds();
        a.matters.*matter.member = missing;
        auto status = validateForCompletion(a);
        BOOST_REQUIRE(!status.ok());
        BOOST_TEST(status.error().fields.size() == 1u, describe(status));
        BOOST_TEST(hasField(status, matter.field, "required"));
        BOOST_TEST(messageFor(status, matter.field) == "Record " + matter.description);
      }
    }
  }
  BOOST_TEST(regulation4Matters().size() == 7u);
  BOOST_TEST(messageFor(validateForCompletion([] {
                          Assessment a = completeNeeds();
                          a.matters.careProvided.clear();
                          return a;
                        }()),
                        "matters.care_provided") ==
             "Record the amount, nature and type of care the young carer provides");
}

BOOST_AUTO_TEST_CASE(an_empty_needs_assessment_lists_every_gap_at_once) {
  Assessment a;
  a.caseId = 1;
  a.youngCarerId = 2;
  BOOST_TEST(validateDraft(a).ok());
  auto status = validateForCompletion(a);
  BOOST_REQUIRE(!status.ok());
  for (const auto& m : regulation4Matters()) BOOST_TEST(hasField(status, m.field), m.field);
  for (const char* f :
       {"wishes_and_feelings", "outcomes_wanted", "needs_for_support", "participants", "written_record_to"})
    BOOST_TEST(hasField(status, f, "required"), f);
}

struct CompletionCase {
  const char* name;
  std::function<Assessment()> build;
  const char* field;  // nullptr: completes
};

BOOST_AUTO_TEST_CASE(a_needs_assessment_records_a_decision_participants_and_the_written_record) {
  const std::vector<CompletionCase> cases = {
      {"no decision",
       [] {
         auto a = completeNeeds();
         a.needsForSupport.reset();
         return a;
       },
       "needs_for_support"},
      {"needs but no services",
       [] {
         auto a = completeNeeds();
         a.servicesToMeetNeeds.clear();
         return a;
       },
       "services_to_meet_needs"},
      {"no needs and no services",
       [] {
         auto a = completeNeeds();
         a.needsForSupport = false;
         a.servicesToMeetNeeds.clear();
         return a;
       },
       nullptr},
      {"nobody took part",
       [] {
         auto a = completeNeeds();
         a.participants.clear();
         return a;
       },
       "participants"},
      {"no written record",
       [] {
         auto a = completeNeeds();
         a.writtenRecordTo.clear();
         return a;
       },
       "written_record_to"},
      {"written record without a date",
       [] {
         auto a = completeNeeds();
         a.writtenRecordTo[1].sentOn.reset();
         return a;
       },
       "written_record_to[1].sent_on"},
      {"no wishes and feelings",
       [] {
         auto a = completeNeeds();
         a.wishesAndFeelings = " ";
         return a;
       },
       "wishes_and_feelings"},
      {"no outcomes wanted",
       [] {
         auto a = completeNeeds();
         a.outcomesWanted.clear();
         return a;
       },
       "outcomes_wanted"},
      {"change claimed but not described",
       [] {
         auto a = completeNeeds();
         a.changeInCircumstances = true;
         return a;
       },
       "change_detail"},
      {"change described",
       [] {
         auto a = completeNeeds();
         a.changeInCircumstances = true;
         a.changeDetail = "Mum's MS has progressed";
         return a;
       },
       nullptr},
      {"differences of opinion may be empty",
       [] {
         auto a = completeNeeds();
         a.differencesOfOpinion.clear();
         return a;
       },
       nullptr},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto status = validateForCompletion(c.build());
      if (!c.field) {
        BOOST_TEST(status.ok(), describe(status));
      } else {
        BOOST_TEST(hasField(status, c.field, "required"), describe(status));
        BOOST_TEST((!status.ok() && status.error().code == ErrorCode::validation));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_written_record_names_who_received_it) {
  Assessment a = completeNeeds();
  a.writtenRecordTo[0].sentOn.reset();
  BOOST_TEST(messageFor(validateForCompletion(a), "written_record_to[0].sent_on") ==
             "Record the date the written record was given to Young carer");
}

BOOST_AUTO_TEST_CASE(drafts_may_be_incomplete_but_not_unsound) {
  const std::vector<CompletionCase> cases = {
      {"bare draft",
       [] {
         Assessment a;
         a.caseId = 1;
         a.youngCarerId = 2;
         return a;
       },
       nullptr},
      {"no case",
       [] {
         Assessment a;
         a.youngCarerId = 2;
         return a;
       },
       "case_id"},
      {"no young carer",
       [] {
         Assessment a;
         a.caseId = 1;
         return a;
       },
       "young_carer_id"},
      {"kind out of range",
       [] {
         auto a = completeNeeds();
         a.kind = static_cast<AssessmentKind>(7);
         return a;
       },
       "kind"},
      {"consent out of range",
       [] {
         auto a = completeNeeds();
         a.consent = static_cast<TransitionConsent>(9);
         return a;
       },
       "consent"},
      {"review outcome out of range",
       [] {
         auto a = completeNeeds();
         a.reviewOutcome = static_cast<ReviewOutcome>(4);
         return a;
       },
       "review_outcome"},
      {"text too long",
       [] {
         auto a = completeNeeds();
         a.matters.effectOnEducation.assign(kMaxAssessmentTextLength + 1, 'x');
         return a;
       },
       "matters.effect_on_education"},
      {"participant too long",
       [] {
         auto a = completeNeeds();
         a.participants[0].assign(kMaxShortTextLength + 1, 'x');
         return a;
       },
       "participants[0]"},
      {"empty participant",
       [] {
         auto a = completeNeeds();
         a.participants.push_back("");
         return a;
       },
       "participants[2]"},
      {"not a real date",
       [] {
         auto a = completeNeeds();
         a.writtenRecordTo[0].sentOn =
             Date{std::chrono::year{2023}, std::chrono::February, std::chrono::day{30}};
         return a;
       },
       "written_record_to[0].sent_on"},
      {"recipient without a name",
       [] {
         auto a = completeNeeds();
         a.writtenRecordTo[0].who = "";
         return a;
       },
       "written_record_to[0].who"},
      {"PANOC answers in the MACA slot",
       [] {
         auto a = completeNeeds();
         a.maca = panoc(10, 10);
         return a;
       },
       "maca"},
      {"cared-for person twice",
       [] {
         auto a = completeNeeds();
         a.caredForPersonIds = {7, 7};
         return a;
       },
       "cared_for_person_ids[1]"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto status = validateDraft(c.build());
      if (!c.field)
        BOOST_TEST(status.ok(), describe(status));
      else
        BOOST_TEST(hasField(status, c.field), describe(status));
      // Whatever makes a draft unsound also stops completion.
      if (c.field) BOOST_TEST(hasField(validateForCompletion(c.build()), c.field));
    }
  }
}

struct ConsentCase {
  TransitionConsent consent;
  bool completes;
};

BOOST_AUTO_TEST_CASE(a_transition_assessment_needs_consent_or_a_lawful_reason) {
  const std::vector<ConsentCase> cases = {
      {TransitionConsent::consented, true},
      {TransitionConsent::lacks_capacity_best_interests, true},
      {TransitionConsent::refused_but_risk_of_abuse_or_neglect, true},
      {TransitionConsent::not_recorded, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(toString(c.consent)) {
      Assessment a = completeTransition();
      a.consent = c.consent;
      auto status = validateForCompletion(a);
      BOOST_TEST(status.ok() == c.completes, describe(status));
      BOOST_TEST(hasField(status, "consent", "required") == !c.completes);
    }
  }
  // The Regulation 4 matters belong to the young carer's needs assessment, not this one.
  BOOST_TEST(completeTransition().matters.careProvided.empty());
}

BOOST_AUTO_TEST_CASE(a_transition_assessment_covers_caring_now_and_after_18_and_the_young_persons_future) {
  const std::vector<CompletionCase> cases = {
      {"able and willing now",
       [] {
         auto a = completeTransition();
         a.ableAndWillingNow.clear();
         return a;
       },
       "able_and_willing_now"},
      {"able and willing after 18",
       [] {
         auto a = completeTransition();
         a.ableAndWillingAfter18.clear();
         return a;
       },
       "able_and_willing_after_18"},
      {"outcomes",
       [] {
         auto a = completeTransition();
         a.outcomesWanted.clear();
         return a;
       },
       "outcomes_wanted"},
      {"work, education, training, recreation",
       [] {
         auto a = completeTransition();
         a.workEducationTrainingRecreation.clear();
         return a;
       },
       "work_education_training_recreation"},
      {"written record",
       [] {
         auto a = completeTransition();
         a.writtenRecordTo.clear();
         return a;
       },
       "written_record_to"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto status = validateForCompletion(c.build());
      BOOST_TEST(hasField(status, c.field, "required"), describe(status));
    }
  }
}

BOOST_AUTO_TEST_CASE(a_review_records_its_outcome_and_repeats_both_measures) {
  const std::vector<CompletionCase> cases = {
      {"outcome",
       [] {
         auto a = completeReview();
         a.reviewOutcome.reset();
         return a;
       },
       "review_outcome"},
      {"MACA-YC18",
       [] {
         auto a = completeReview();
         a.maca.reset();
         return a;
       },
       "maca"},
      {"PANOC-YC20",
       [] {
         auto a = completeReview();
         a.panoc.reset();
         return a;
       },
       "panoc"},
      {"participants",
       [] {
         auto a = completeReview();
         a.participants.clear();
         return a;
       },
       "participants"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto status = validateForCompletion(c.build());
      BOOST_TEST(hasField(status, c.field, "required"), describe(status));
    }
  }
}

struct NotOwedCase {
  const char* name;
  std::function<void(Assessment& proposed, std::vector<Assessment>& previous)> arrange;
  bool notOwed;
};

BOOST_AUTO_TEST_CASE(a_new_needs_assessment_is_not_owed_for_the_same_people_without_a_change) {
  const std::vector<NotOwedCase> cases = {
      {"same cared-for person, nothing changed", [](Assessment&, std::vector<Assessment>&) {}, true},
      {"change in circumstances recorded",
       [](Assessment& p, std::vector<Assessment>&) { p.changeInCircumstances = true; }, false},
      {"a different cared-for person",
       [](Assessment& p, std::vector<Assessment>&) { p.caredForPersonIds = {8}; }, false},
      {"one more cared-for person",
       [](Assessment& p, std::vector<Assessment>&) {
         p.caredForPersonIds = {7, 8};
       },
       false},
      {"one of the people assessed before",
       [](Assessment& p, std::vector<Assessment>& prev) {
         prev[0].caredForPersonIds = {7, 8};
         p.caredForPersonIds = {8};
       },
       true},
      {"previous one still a draft",
       [](Assessment&, std::vector<Assessment>& prev) { prev[0].status = AssessmentStatus::draft; }, false},
      {"previous one was a transition assessment",
       [](Assessment&, std::vector<Assessment>& prev) { prev[0].kind = AssessmentKind::transition; }, false},
      {"previous one about another young carer",
       [](Assessment&, std::vector<Assessment>& prev) { prev[0].youngCarerId = 99; }, false},
      {"proposed is a review",
       [](Assessment& p, std::vector<Assessment>&) { p.kind = AssessmentKind::review; }, false},
      {"no cared-for person named yet",
       [](Assessment& p, std::vector<Assessment>&) { p.caredForPersonIds.clear(); }, false},
      {"no previous assessment", [](Assessment&, std::vector<Assessment>& prev) { prev.clear(); }, false},
      {"the proposed one itself, already completed",
       [](Assessment& p, std::vector<Assessment>& prev) { prev[0].id = p.id; }, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      Assessment proposed;
      proposed.id = 50;
      proposed.caseId = 1;
      proposed.youngCarerId = 2;
      proposed.caredForPersonIds = {7};
      std::vector<Assessment> previous = {completeNeeds()};
      c.arrange(proposed, previous);
      BOOST_TEST(notOwed(proposed, previous) == c.notOwed);
      if (c.notOwed)
        BOOST_TEST((coveringAssessment(proposed, previous) == std::optional<Id>(previous[0].id)));
    }
  }
}

struct WellbeingCase {
  const char* name;
  int macaBefore, macaAfter;
  int negativeBefore, negativeAfter;
  bool improved;
};

BOOST_AUTO_TEST_CASE(wellbeing_improves_when_caring_or_negative_outcomes_go_down) {
  const std::vector<WellbeingCase> cases = {
      {"both down", 20, 15, 12, 8, true},
      {"caring down only", 20, 19, 12, 12, true},
      {"negative outcomes down only", 20, 20, 12, 11, true},
      {"caring down, negative outcomes up", 20, 12, 8, 14, true},
      {"nothing changed", 20, 20, 12, 12, false},
      {"both up", 10, 14, 4, 9, false},
      {"caring up, negative outcomes unchanged", 10, 11, 4, 4, false},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      Assessment baseline = completeNeeds();
      baseline.maca = maca(c.macaBefore);
      baseline.panoc = panoc(10, c.negativeBefore);
      Assessment review = completeReview();
      review.maca = maca(c.macaAfter);
      review.panoc = panoc(10, c.negativeAfter);
      ReviewComparison r = compareWithBaseline(review, {baseline});
      BOOST_TEST(r.wellbeingImproved == c.improved);
      BOOST_REQUIRE(r.maca.has_value());
      BOOST_REQUIRE(r.panoc.has_value());
      BOOST_TEST(r.maca->totalDelta == c.macaAfter - c.macaBefore);
      BOOST_TEST(r.panoc->subscale(kPanocNegativeSubscale)->delta == c.negativeAfter - c.negativeBefore);
    }
  }
  BOOST_TEST(!wellbeingImproved(std::nullopt, std::nullopt));
}

BOOST_AUTO_TEST_CASE(a_review_is_compared_with_the_most_recent_earlier_completed_assessment_or_review) {
  Assessment needs = completeNeeds();  // March 2024
  needs.maca = maca(20);
  needs.panoc = panoc(8, 12);

  Assessment firstReview = completeReview();  // September 2024
  firstReview.id = 31;
  firstReview.maca = maca(16);
  firstReview.panoc = panoc(10, 10);

  Assessment draftReview = firstReview;  // never completed: not a baseline
  draftReview.id = 32;
  draftReview.status = AssessmentStatus::draft;
  draftReview.completedAt = at("2024-12-01T12:00:00Z");
  draftReview.maca = maca(2);

  Assessment otherChild = firstReview;
  otherChild.id = 33;
  otherChild.youngCarerId = 99;
  otherChild.completedAt = at("2025-01-01T12:00:00Z");

  Assessment review = completeReview();  // March 2025
  review.id = 40;
  review.completedAt = at("2025-03-01T12:00:00Z");
  review.maca = maca(16);
  review.panoc = panoc(13, 11);

  ReviewComparison c = compareWithBaseline(review, {needs, draftReview, firstReview, otherChild, review});
  BOOST_TEST((c.macaBaselineId == std::optional<Id>(31)));
  BOOST_TEST((c.panocBaselineId == std::optional<Id>(31)));
  BOOST_TEST(c.maca->totalDelta == 0);
  BOOST_TEST(c.maca->bandBefore->id == "high");
  BOOST_TEST(c.maca->bandAfter->id == "high");
  BOOST_TEST(c.panoc->subscale("negative")->delta == 1);
  BOOST_TEST(c.panoc->subscale("positive")->delta == 3);
  BOOST_TEST(!c.wellbeingImproved);

  // Without the first review, the needs assessment is the baseline: caring went down from 20 to 16.
  ReviewComparison fromNeeds = compareWithBaseline(review, {needs});
  BOOST_TEST((fromNeeds.macaBaselineId == std::optional<Id>(10)));
  BOOST_TEST(fromNeeds.maca->totalDelta == -4);
  BOOST_TEST(fromNeeds.maca->bandBefore->id == "very_high");
  BOOST_TEST((fromNeeds.panoc->flagsCleared == std::vector<std::string>{"few_positive_outcomes"}));
  BOOST_TEST(fromNeeds.panoc->flagsRaised.empty());
  BOOST_TEST(fromNeeds.wellbeingImproved);

  // A baseline without PANOC-YC20 leaves that change unknown; each measure finds its own baseline.
  Assessment needsMacaOnly = needs;
  needsMacaOnly.panoc.reset();
  ReviewComparison partial = compareWithBaseline(review, {needsMacaOnly});
  BOOST_TEST(partial.maca.has_value());
  BOOST_TEST(!partial.panoc.has_value());
  BOOST_TEST(!partial.panocBaselineId.has_value());

  // Assessments completed after the review are not its baseline.
  Assessment later = firstReview;
  later.id = 41;
  later.completedAt = at("2025-06-01T12:00:00Z");
  BOOST_TEST(!compareWithBaseline(review, {later}).maca.has_value());
}

struct PlanCase {
  const char* name;
  std::function<void(std::vector<SupportPlanItem>&)> change;
  const char* field;  // nullptr: valid
};

BOOST_AUTO_TEST_CASE(a_support_plan_has_services_with_sensible_dates) {
  const std::vector<PlanCase> cases = {
      {"valid plan", [](std::vector<SupportPlanItem>&) {}, nullptr},
      {"open-ended service", [](std::vector<SupportPlanItem>& p) { p[0].end.reset(); }, nullptr},
      {"ends the day it starts", [](std::vector<SupportPlanItem>& p) { p[0].end = p[0].start; }, nullptr},
      {"no services", [](std::vector<SupportPlanItem>& p) { p.clear(); }, "items"},
      {"ends before it starts",
       [](std::vector<SupportPlanItem>& p) { p[1].end = parseIsoDate("2024-03-31"); }, "items[1].end"},
      {"no start", [](std::vector<SupportPlanItem>& p) { p[0].start = Date{}; }, "items[0].start"},
      {"no provider", [](std::vector<SupportPlanItem>& p) { p[0].provider = " "; }, "items[0].provider"},
      {"other without a description",
       [](std::vector<SupportPlanItem>& p) {
         p[0].type = ServiceType::other;
         p[0].notes.clear();
       },
       "items[0].notes"},
      {"type out of range", [](std::vector<SupportPlanItem>& p) { p[0].type = static_cast<ServiceType>(42); },
       "items[0].type"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      std::vector<SupportPlanItem> plan = {
          {ServiceType::young_carers_group, "Carers centre", *parseIsoDate("2024-03-04"),
           parseIsoDate("2024-09-04"), ""},
          {ServiceType::school_support, "Young carer champion", *parseIsoDate("2024-04-01"), std::nullopt,
           "Homework club"},
      };
      c.change(plan);
      auto status = validate(plan);
      if (!c.field)
        BOOST_TEST(status.ok(), describe(status));
      else
        BOOST_TEST(hasField(status, c.field), describe(status));
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
