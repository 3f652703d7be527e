// Thousands of random event sequences (seeded, so every run is the same) checking the pathway's invariants.
#include <boost/test/unit_test.hpp>
#include <random>
#include <set>

#include "ycr/pathways/engine.h"

using namespace ycr;
using namespace ycr::pathways;

namespace {

// A recorded transition: the event as applied, and the facts kept in other records at that moment.
struct Step {
  EventRequest request;
  Actor actor;
  Date today;
  bool regulation4Recorded;
  bool transitionAssessmentReady;
};

EventRequest randomRequest(std::mt19937& rng) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  EventRequest r;
  r.event = static_cast<Event>(pick(static_cast<int>(enumSpellings<Event>().size())));
  // Payload present more often than not, so cases travel far.
  if (pick(4)) r.reason = "concern";
  if (pick(4))
    r.closeReason = static_cast<CloseReason>(pick(static_cast<int>(enumSpellings<CloseReason>().size())));
  static const char* outcomes[] = {"continue", "change_plan", "start_transition", "close", "", "nonsense"};
  r.reviewOutcome = outcomes[pick(6)];
  if (pick(3)) r.lateReason = "family illness";
  if (pick(3)) r.receivingService = "adult carers' service";
  if (pick(3)) r.assignTo = 100 + pick(5);
  if (pick(3)) r.assignTeam = "Team " + std::to_string(pick(3));
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(engine_random_test)

BOOST_AUTO_TEST_CASE(random_event_sequences_keep_the_invariants) {
  auto calendar = WorkingDayCalendar::loadFile(YCR_SOURCE_DIR "/pathways/data/bank-holidays.json");
  BOOST_REQUIRE(calendar.ok());
  const Engine engine(PathwayConfig{}, calendar.value());
  std::mt19937 rng(20231222);
  auto table = transitionTable();
  int moves = 0, refusals = 0, failures = 0;
  std::set<std::size_t> rowsUsed;

  for (int run = 0; run < 3000; ++run) {
    IntakeRequest intake;
    // Born 2004-2014, so some runs cross 16 and 18 as time passes.
    intake.dateOfBirth = addDays(*parseIsoDate("2004-01-01"), static_cast<int>(rng() % 3650));
    intake.receivedAt = addDays(*parseIsoDate("2019-01-01"), static_cast<int>(rng() % 2000));
    intake.safeguardingConcern = rng() % 5 == 0;
    intake.safeguardingDetail = "concern";
    intake.intakeTeam = "Intake team";
    Date today = intake.receivedAt;
    auto opened = engine.intake(std::nullopt, intake, today);
    if (!opened.ok()) {
      BOOST_REQUIRE((opened.error().code == ErrorCode::guard_failed));  // already an adult at referral
      continue;
    }
    const CaseFacts initial = opened->after;
    CaseFacts facts = initial;
    std::vector<Step> recorded;
    CaseFacts lastRecorded = initial;

    for (int i = 0; i < 40; ++i) {
      today = addDays(today, static_cast<int>(rng() % 40));
      Actor actor{static_cast<Id>(1 + rng() % 3), rng() % 8 == 0   ? Role::referrer
                                                  : rng() % 3 == 0 ? Role::team_manager
                                                                   : Role::caseworker};
      // Occasionally the Regulation 4 matters or the transition assessment are recorded elsewhere.
      if (rng() % 3 == 0) facts.regulation4Recorded = true;
      if (rng() % 4 == 0) facts.transitionAssessmentReady = true;
      EventRequest request = randomRequest(rng);
      // Mostly an event the case can take now, so journeys reach transition and handover; sometimes any
      // event.
      auto allowedNow = engine.allowedEvents(facts, actor, today);
      if (!allowedNow.empty() && rng() % 4 != 0) request.event = allowedNow[rng() % allowedNow.size()];
      const CaseFacts before = facts;
      auto result = engine.apply(facts, request, actor, today);
      if (!result.ok()) {
        // A refusal names exactly the events allowed now, and the refused one is not among them;
        // the case is untouched because the engine only ever returns a new set of facts.
        if (result.error().code == ErrorCode::transition_refused) {
          ++refusals;
          std::vector<std::string> allowed;
          for (Event e : engine.allowedEvents(facts, actor, today)) allowed.emplace_back(toString(e));
          BOOST_TEST((result.error().allowed == allowed));
          BOOST_TEST((std::find(allowed.begin(), allowed.end(), toString(request.event)) == allowed.end()));
        } else {
          ++failures;
          BOOST_TEST((result.error().code == ErrorCode::guard_failed ||
                      result.error().code == ErrorCode::validation));
          BOOST_TEST(!result.error().fields.empty(), "a failed guard does not say which");
        }
        BOOST_TEST((facts == before));
        continue;
      }
      const Transition& t = result.value();
      ++moves;
      rowsUsed.insert(t.row);
      // The state only moves along a row of the table.
      BOOST_REQUIRE(t.row < table.size());
      const Row& row = table[t.row];
      BOOST_TEST((row.event == request.event));
      BOOST_TEST((std::find(row.from.begin(), row.from.end(), t.from) != row.from.end()));
      BOOST_TEST((t.to == row.to.value_or(t.from)));
      BOOST_TEST((t.from == before.state && t.after.state == t.to));
      if (isOpen(t.to)) {
        BOOST_TEST(t.after.hasOwner(), "an open case without an owner");
        BOOST_TEST((t.nextAction.has_value() && !t.nextAction->action.empty()),
                   "an open case without a next action");
        BOOST_TEST(!t.after.closeReason.has_value());
      } else {
        BOOST_TEST(!t.nextAction.has_value());
        BOOST_TEST(t.after.closeReason.has_value(), "a closed case without a reason");
      }
      // The referrer hears of every change in what they may see.
      bool notified =
          std::find(t.effects.begin(), t.effects.end(), Effect::notify_referrer) != t.effects.end();
      if (referrerStatus(t.from) != referrerStatus(t.to)) BOOST_TEST(notified);
      recorded.push_back(
          {request, actor, today, before.regulation4Recorded, before.transitionAssessmentReady});
      facts = t.after;
      lastRecorded = t.after;
    }

    // Replaying the recorded transitions from the initial state reproduces the current state.
    CaseFacts replay = initial;
    for (const Step& s : recorded) {
      replay.regulation4Recorded = s.regulation4Recorded;
      replay.transitionAssessmentReady = s.transitionAssessmentReady;
      auto again = engine.apply(replay, s.request, s.actor, s.today);
      if (!again.ok()) BOOST_FAIL("a recorded transition failed on replay: " << again.error().detail);
      replay = again->after;
    }
    BOOST_TEST((replay == lastRecorded), "replay did not reproduce the case");
  }
  BOOST_TEST_MESSAGE(moves << " moves, " << refusals << " refusals, " << failures << " guard failures");
  BOOST_TEST(moves > 30000);
  BOOST_TEST(refusals > 1000);
  BOOST_TEST(rowsUsed.size() == table.size(), "random runs reached " << rowsUsed.size() << " rows");
}

BOOST_AUTO_TEST_SUITE_END()
