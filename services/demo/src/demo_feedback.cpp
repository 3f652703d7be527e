#include "demo_feedback.h"

#include <random>

namespace ycr::services::demo {
namespace {

const char* const kCompliments[] = {
    "Thank you for the residential: it was the first weekend away she has had",
    "The group is the one place he can talk about his dad",
    "The worker rang the school and now the homework club lets her leave early on clinic days",
};
const char* const kComplaints[] = {
    "The Tuesday group was cancelled twice and nobody told us",
    "We were promised a call back about the ID card and nobody rang",
    "The minibus left before she got there after school",
};
const char* const kResponses[] = {
    "Apologised; sessions cancelled are now texted to families the day before",
    "Called back the same day and the card was issued the following week",
    "Explained the pick-up times; the driver now waits ten minutes at the school",
};

// A complaint's stages from the one received on `received` (stage 1) on: each answered within its
// working days mostly, a few late; an answered stage is taken further now and then, within the working
// days allowed to ask. Stops at `until`, the stage then open left unanswered.
void climbStages(Feedback& f, std::mt19937_64& rng, const pathways::WorkingDayCalendar& calendar,
                 const ComplaintProcedure& procedure, const Date& until, int which) {
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  auto upTo = [&](int n) { return std::uniform_int_distribution<int>(1, n)(rng); };
  Date from = f.received;
  for (f.stage = 1;; ++f.stage) {
    const int allowed = procedure.at(f.stage).answerWorkingDays;
    f.responseDue = calendar.addWorkingDays(from, allowed, true);
    const Date answered = calendar.addWorkingDays(from, chance(0.85) ? upTo(allowed) : allowed + upTo(10));
    if (until < answered) return;
    f.outcome = chance(0.5) ? ComplaintOutcome::upheld : ComplaintOutcome::partly_upheld;
    f.respondedOn = answered;
    f.response = kResponses[which];
    const Date asked = calendar.addWorkingDays(answered, upTo(kComplaintNextStageWorkingDays));
    if (f.stage == kComplaintStages || until < asked || !chance(f.stage == 1 ? 0.3 : 0.2)) return;
    ComplaintStage done;
    done.stage = f.stage;
    done.askedOn = f.stageAskedOn;
    done.responseDue = *f.responseDue;
    done.outcome = *f.outcome;
    done.respondedOn = answered;
    done.response = f.response;
    done.respondedBy = f.recordedBy;
    f.earlierStages.push_back(std::move(done));
    f.outcome.reset();
    f.respondedOn.reset();
    f.response.clear();
    f.stageAskedOn = from = asked;
  }
}

}  // namespace

Result<long long> feedbackFor(Sink& out, Id organisationId, Id youngCarerId,
                              const std::vector<std::pair<Date, std::optional<Date>>>& openSpans,
                              const pathways::WorkingDayCalendar& calendar,
                              const ComplaintProcedure& procedure, const Date& until, std::uint64_t seed) {
  std::mt19937_64 rng(seed ^
                      (0xfeedbacc0ULL + static_cast<std::uint64_t>(youngCarerId) * 0x9e3779b97f4a7c15ULL));
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  long long made = 0;
  for (const auto& [opened, closed] : openSpans) {
    const Date last = closed && *closed < until ? *closed : until;
    const int days = static_cast<int>((std::chrono::sys_days(last) - std::chrono::sys_days(opened)).count());
    if (days <= 0 || !chance(0.12)) continue;
    Feedback f;
    f.organisationId = organisationId;
    f.youngCarerId = youngCarerId;
    f.received = addDays(opened, std::uniform_int_distribution<int>(0, days)(rng));
    f.recordedAt = ukStartOfDay(f.received) + std::chrono::hours(11);
    f.from = chance(0.6) ? FeedbackFrom::young_carer : FeedbackFrom::parent_or_carer;
    f.kind = chance(0.7) ? FeedbackKind::compliment : FeedbackKind::complaint;
    if (f.kind == FeedbackKind::compliment) {
      f.summary = kCompliments[pick(3)];
    } else {
      const int which = pick(3);
      f.summary = kComplaints[which];
      climbStages(f, rng, calendar, procedure, until, which);
    }
    auto id = out.feedback(f);
    if (!id) return id.error();
    ++made;
  }
  return made;
}

}  // namespace ycr::services::demo
