#pragma once
// A realistic synthetic register for demonstrations and benchmarks: young carers with UK names across
// ethnic groups, schools (DfE URNs), GP practices (ODS codes), Leicestershire districts, referrals through
// every door in plausible proportions, people cared for with their conditions, and cases in every pathway
// state. Cases are moved by the real pathway Engine (intake and apply) over simulated dates, so states,
// clocks and timelines are consistent with what the service itself would have recorded. Along the way the
// case gets what the service would have recorded beside its events: needs assessments (every Regulation 4
// matter, MACA-YC18 and PANOC-YC20 scored by the service's questionnaires), reviews with their measures
// and well-being verdict, transition assessments, support plan versions, and ID cards (issued, renewed,
// lost and replaced, revoked when the case closes). The intake team's service runs groups, short breaks,
// trips and residentials, and supported young carers have places on them with finalised registers
// (demo_activities.h). The same seed and end date give the same register.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "ycr/core/feedback.h"
#include "ycr/core/idcard.h"
#include "ycr/core/questionnaire.h"
#include "ycr/core/repositories.h"
#include "ycr/pathways/engine.h"

namespace ycr::storage {
class SqliteStore;
}

namespace ycr::services {

struct DemoDataOptions {
  long long youngCarers = 1000;
  std::uint64_t seed = 1;
  int referralsPerYoungCarer = 2;  // 1 or 2: a second referral reopens a closed case or joins an open one
  Date until{};                    // the simulated "today": nothing happens after it
  int years = 6;                   // first referrals are spread over this many years before `until`
  int batchSize = 5000;            // young carers per transaction
  int bulkBatchSize = 50000;       // young carers per transaction when loading in bulk
  std::string intakeTeam = "Young carers service";
  ComplaintProcedure complaints;  // each stage's working days, as configured (feedback.h)
  // The questionnaires the service scores with (loadQuestionnaires); required: assessments and reviews
  // answer the latest MACA-YC18 and PANOC-YC20.
  const QuestionnaireSet* questionnaires = nullptr;
  CardPolicy cardPolicy;  // card_validity_months and card_upper_age, as the service issues cards
  // Called after each batch with (young carers written, total); loadDemoData calls it with -1 written
  // when it starts counting the loaded register into the precomputed counts.
  std::function<void(long long, long long)> progress;
};

struct DemoDataSummary {
  long long youngCarers = 0;
  long long referrals = 0;
  long long caseEvents = 0;
  long long organisations = 0;
  long long champions = 0;    // schools' young carer champions, past and present
  long long assessments = 0;  // needs, review and transition, drafts included
  long long supportPlans = 0;
  long long idCards = 0;     // replacements for lost cards included
  long long activities = 0;  // groups, short breaks, trips and residentials the service ran
  long long activityPlaces = 0;
  long long schoolTerms = 0;        // termly school attendance records
  long long surveyInvitations = 0;  // survey links sent (core/survey.h)
  long long surveyResponses = 0;    // surveys answered, kept with no young carer
  long long feedback = 0;           // compliments and complaints the service received
};

// What a run created, in words: "300 young carers, 590 referrals, ...".
std::string describe(const DemoDataSummary& summary);

// Through the repositories, one transaction per batchSize young carers.
Result<DemoDataSummary> generateDemoData(Store& store, const pathways::Engine& engine,
                                         const DemoDataOptions& options);

// The same register (same seed, same rows) written with prepared statements in large transactions,
// one audit event per batch, and the precomputed counts brought up to date once at the end: a
// million young carers in minutes rather than hours. SQLite only.
Result<DemoDataSummary> loadDemoData(storage::SqliteStore& store, const pathways::Engine& engine,
                                     const DemoDataOptions& options);

class App;
// loadDemoData into an App's own store, with what the service itself uses filled in (its pathway engine,
// intake team, questionnaires and card policy): the demonstration register tests and benchmarks look at.
// `options` gives the size, seed, dates and progress; the rest of it is overwritten.
Result<DemoDataSummary> loadDemoRegister(App& app, DemoDataOptions options);

}  // namespace ycr::services
