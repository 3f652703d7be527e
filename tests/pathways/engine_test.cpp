#include "ycr/pathways/engine.h"

#include <boost/test/unit_test.hpp>
#include <set>

#include "support/dates.h"

using namespace ycr;
using namespace ycr::pathways;
using test_support::day;

namespace {

Engine engine(PathwayConfig config = {}) {
  auto calendar = WorkingDayCalendar::loadFile(YCR_SOURCE_DIR "/pathways/data/bank-holidays.json");
  BOOST_REQUIRE(calendar.ok());
  return Engine(config, calendar.value());
}

// A valid case by default; each test changes only what matters to it.
CaseFacts aCase(CaseState state = CaseState::referred) {
  CaseFacts f;
  f.state = state;
  f.dateOfBirth = day("2012-04-03");
  f.referralReceived = day("2023-12-22");
  f.ownerTeam = "Young carers team";
  return f;
}

const Actor kCaseworker{1, Role::caseworker};

EventRequest request(Event event) {
  EventRequest r;
  r.event = event;
  return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(engine_test)

BOOST_AUTO_TEST_CASE(the_table_is_well_formed) {
  auto table = transitionTable();
  std::set<std::pair<CaseState, Event>> seen;
  for (std::size_t i = 0; i < table.size(); ++i) {
    const Row& row = table[i];
    BOOST_TEST(!row.from.empty(), "row " << i);
    for (CaseState from : row.from) {
      // One row per (state, event) except where the review's outcome chooses.
      if (row.event != Event::complete_review) BOOST_TEST(seen.insert({from, row.event}).second, "row " << i);
      BOOST_TEST((row.event == Event::reopen || isOpen(from)), "row " << i << " leaves a closed state");
    }
    BOOST_TEST((row.outcome.has_value() == (row.event == Event::complete_review)), "row " << i);
    // Who may move a case is the first thing every row says, once.
    BOOST_TEST((!row.guards.empty() && row.guards.front() == Guard::role_moves_cases), "row " << i);
    BOOST_TEST(std::count(row.guards.begin(), row.guards.end(), Guard::role_moves_cases) == 1, "row " << i);
    // A new episode forgets the last one's facts, so it comes before anything else the row records.
    auto restart = std::find(row.effects.begin(), row.effects.end(), Effect::restart_clocks);
    BOOST_TEST((restart == row.effects.end() || restart == row.effects.begin()), "row " << i);
    if (row.closeReason) BOOST_TEST((row.to && !isOpen(*row.to)), "row " << i);
    // Children's states are guarded by age, except the ways out (transition, close, assign).
    bool toChildrens = row.to ? isChildrensState(*row.to) : false;
    bool guarded = std::count(row.guards.begin(), row.guards.end(), Guard::under_adult_age) > 0;
    if (toChildrens)
      BOOST_TEST(guarded, "row " << i << " moves into a children's state without the age guard");
  }
}

BOOST_AUTO_TEST_CASE(referrers_see_four_statuses) {
  std::set<std::string> statuses;
  for (const auto& s : enumSpellings<CaseState>()) statuses.insert(referrerStatus(*parseEnum<CaseState>(s)));
  BOOST_TEST((statuses == std::set<std::string>{"received", "being_assessed", "supported", "closed"}));
  BOOST_TEST(referrerStatus(CaseState::safeguarding) == "received");
  BOOST_TEST(referrerStatus(CaseState::transition) == "supported");
  BOOST_TEST(referrerStatus(CaseState::handed_over) == "closed");
}

BOOST_AUTO_TEST_CASE(allowed_events_follow_role_age_and_facts) {
  auto e = engine();
  auto names = [](std::vector<Event> events) {
    std::set<std::string> out;
    for (Event ev : events) out.insert(std::string(toString(ev)));
    return out;
  };
  BOOST_TEST((names(e.allowedEvents(aCase(), kCaseworker, day("2023-12-22"))) ==
              std::set<std::string>{"acknowledge", "escalate_safeguarding", "close", "assign"}));
  BOOST_TEST(e.allowedEvents(aCase(), {1, Role::referrer}, day("2023-12-22")).empty());
  // Until the Regulation 4 matters are recorded, completing is not offered.
  BOOST_TEST((names(e.allowedEvents(aCase(CaseState::assessing), kCaseworker, day("2024-01-10"))) ==
              std::set<std::string>{"close", "assign"}));
  auto recorded = aCase(CaseState::assessing);
  recorded.regulation4Recorded = true;
  BOOST_TEST(names(e.allowedEvents(recorded, kCaseworker, day("2024-01-10"))).count("complete_assessment") ==
             1);
  auto sixteen = aCase(CaseState::supported);
  sixteen.dateOfBirth = day("2008-01-10");
  BOOST_TEST(names(e.allowedEvents(sixteen, kCaseworker, day("2024-01-10"))).count("start_transition") == 1);
  BOOST_TEST(names(e.allowedEvents(sixteen, kCaseworker, day("2024-01-09"))).count("start_transition") == 0);
}

BOOST_AUTO_TEST_CASE(a_refusal_changes_nothing_and_says_what_is_allowed) {
  auto e = engine();
  auto f = aCase(CaseState::supported);
  auto r = e.apply(f, request(Event::acknowledge), kCaseworker, day("2024-01-10"));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().code == ErrorCode::transition_refused));
  BOOST_TEST(r.error().detail.find("supported") != std::string::npos);
  BOOST_TEST((std::set<std::string>(r.error().allowed.begin(), r.error().allowed.end()) ==
              std::set<std::string>{"start_review", "close", "assign"}));
}

BOOST_AUTO_TEST_CASE(grace_days_let_an_18_year_old_stay_a_little_longer) {
  PathwayConfig config;
  config.adultGraceDays = 30;
  auto e = engine(config);
  auto f = aCase(CaseState::supported);
  f.dateOfBirth = day("2005-12-20");
  f.referralReceived = day("2023-06-01");  // referred at 17: a child's case, not a young adult carer's
  f.reviewDue = day("2024-01-01");
  BOOST_TEST(e.apply(f, request(Event::start_review), kCaseworker, day("2024-01-10")).ok());
  auto late = e.apply(f, request(Event::start_review), kCaseworker, day("2024-01-19"));
  BOOST_REQUIRE(!late.ok());
  BOOST_TEST((late.error().code == ErrorCode::guard_failed));
  BOOST_TEST(e.nextActionFor(f, day("2024-01-19")).action ==
             "Start transition or close: the young person has reached adult age");
}

BOOST_AUTO_TEST_CASE(clocks_show_what_is_running_and_overdue) {
  auto e = engine();
  auto f = aCase(CaseState::screening);
  auto c = e.clocks(f, day("2023-12-28"));
  BOOST_TEST(formatIsoDate(c.decision.due) == "2023-12-27");
  BOOST_TEST(c.decision.running);
  BOOST_TEST(c.decision.overdue);
  BOOST_TEST(formatIsoDate(c.assessment.due) == "2024-02-28");
  BOOST_TEST(!c.assessment.overdue);
  BOOST_TEST(!c.review.has_value());
  BOOST_TEST(formatIsoDate(c.transitionPlanning.due) == "2028-04-03");
  BOOST_TEST(formatIsoDate(c.adulthood.due) == "2030-04-03");
  BOOST_TEST(!c.beyondCalendar);

  f.state = CaseState::supported;
  f.reviewDue = day("2024-06-01");
  c = e.clocks(f, day("2024-06-02"));
  BOOST_TEST(!c.decision.running);
  BOOST_TEST(!c.assessment.overdue);
  BOOST_REQUIRE(c.review.has_value());
  BOOST_TEST(c.review->overdue);

  auto beyond = aCase();
  beyond.referralReceived = day("2027-12-20");
  BOOST_TEST(e.clocks(beyond, day("2027-12-20")).beyondCalendar);
}

BOOST_AUTO_TEST_CASE(the_day_one_convention_is_configurable) {
  PathwayConfig config;
  config.receiptDayIsDayZero = false;
  auto e = engine(config);
  BOOST_TEST(formatIsoDate(e.nextActionFor(aCase(), day("2023-12-22")).due) == "2023-12-22");
}

BOOST_AUTO_TEST_CASE(intake_validates_the_referral) {
  auto e = engine();
  IntakeRequest r;
  r.dateOfBirth = day("2012-04-03");
  r.receivedAt = day("2024-01-11");
  r.safeguardingConcern = true;
  auto result = e.intake(std::nullopt, r, day("2024-01-10"));
  BOOST_REQUIRE(!result.ok());
  std::set<std::string> fields;
  for (const auto& f : result.error().fields) fields.insert(f.field);
  BOOST_TEST((fields == std::set<std::string>{"received_at", "safeguarding_detail", "intake_team"}));
}

// DOMAIN.md: young adult carers are 18 to 25; the register keeps them. A referral for one is never refused.
BOOST_AUTO_TEST_CASE(intake_takes_young_adult_carers_and_only_refuses_those_older) {
  auto e = engine();
  IntakeRequest r;
  r.receivedAt = day("2024-01-10");
  r.intakeTeam = "Young carers team";
  for (const char* dob : {"2005-12-20", "2006-01-10", "2002-07-01", "1998-01-11"}) {  // 18, 18, 21, 25
    r.dateOfBirth = day(dob);
    auto opened = e.intake(std::nullopt, r, day("2024-01-10"));
    BOOST_TEST_INFO("born " << dob);
    BOOST_REQUIRE(opened.ok());
    BOOST_TEST((opened->to == CaseState::referred));
    BOOST_TEST(e.youngAdultCarerCase(opened->after));
    BOOST_TEST(formatIsoDate(opened->nextAction.due) == "2024-01-11");  // the same 1-working-day decision
    BOOST_TEST(opened->nextAction.action == "Acknowledge the referral and decide the next step");
  }
  r.dateOfBirth = day("2006-01-11");  // 17: a young carer, as before
  auto child = e.intake(std::nullopt, r, day("2024-01-10"));
  BOOST_REQUIRE(child.ok());
  BOOST_TEST(!e.youngAdultCarerCase(child->after));
  r.dateOfBirth = day("1998-01-10");  // 26 that day
  auto older = e.intake(std::nullopt, r, day("2024-01-10"));
  BOOST_REQUIRE(!older.ok());
  BOOST_TEST((older.error().code == ErrorCode::guard_failed));
  BOOST_TEST(older.error().detail.find("adult carers' service") != std::string::npos);
  BOOST_TEST(older.error().detail.find("Care Act 2014 s10") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_young_adult_carers_case_has_no_transition_or_adulthood_clock) {
  auto e = engine();
  auto f = aCase(CaseState::supported);
  f.dateOfBirth = day("2003-05-05");  // 20 at referral
  f.reviewDue = day("2024-06-22");
  auto c = e.clocks(f, day("2024-01-10"));
  BOOST_TEST(!c.transitionPlanning.running);
  BOOST_TEST(!c.adulthood.running);
  BOOST_TEST(!c.adulthood.overdue);
  auto next = e.nextActionFor(f, day("2024-01-10"));
  BOOST_TEST(next.action == "Review the support plan");
  BOOST_TEST(formatIsoDate(next.due) == "2024-06-22");
  BOOST_TEST(e.apply(f, request(Event::start_review), kCaseworker, day("2024-01-10")).ok());
  auto task = e.youngAdultCarerTask(day("2024-01-10"));
  BOOST_TEST(task.action == "Adult carers service to offer a carer's assessment (Care Act 2014 s10)");
}

// Handing a young adult carer over to the adult carers' service does not wait on a transition
// assessment (Care Act s63 is for children); a young carer turning 18 still needs theirs.
BOOST_AUTO_TEST_CASE(a_young_adult_carer_is_handed_over_without_a_childs_transition_assessment) {
  auto e = engine();
  auto f = aCase(CaseState::transition);
  f.dateOfBirth = day("2003-05-05");  // 20 at referral
  f.transitionAssessmentReady = false;
  auto handOver = request(Event::hand_over);
  handOver.receivingService = "Adult carers service";
  auto adult = e.apply(f, handOver, kCaseworker, day("2024-01-10"));
  BOOST_REQUIRE_MESSAGE(adult.ok(), (adult.ok() ? std::string() : adult.error().detail));
  BOOST_TEST((adult->to == CaseState::handed_over));

  auto child = aCase(CaseState::transition);
  child.dateOfBirth = day("2006-05-05");  // 17 at referral, 17 now
  child.transitionAssessmentReady = false;
  auto refused = e.apply(child, handOver, kCaseworker, day("2024-01-10"));
  BOOST_REQUIRE(!refused.ok());
  BOOST_TEST(refused.error().detail.find("Care Act s63") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_reopened_case_forgets_the_last_episode_but_keeps_the_person) {
  auto e = engine();
  auto closed = aCase(CaseState::closed);
  closed.closeReason = CloseReason::moved_away;
  closed.regulation4Recorded = true;
  closed.planAgreed = day("2022-01-01");
  closed.reviewDue = day("2022-07-01");
  closed.ownerUserId = 9;
  IntakeRequest r;
  r.dateOfBirth = day("2012-04-03");
  r.receivedAt = day("2024-01-10");
  r.intakeTeam = "North team";
  auto result = e.intake(closed, r, day("2024-01-10"));
  BOOST_REQUIRE(result.ok());
  const CaseFacts& after = result->after;
  BOOST_TEST(!after.closeReason.has_value());
  BOOST_TEST(!after.regulation4Recorded);
  BOOST_TEST(!after.reviewDue.has_value());
  BOOST_TEST(!after.ownerUserId.has_value());
  BOOST_TEST(after.ownerTeam == "North team");
  BOOST_TEST(formatIsoDate(after.referralReceived) == "2024-01-10");
  BOOST_TEST((result->from == CaseState::closed));
}

BOOST_AUTO_TEST_CASE(whole_family_tasks_go_to_adult_social_care_for_people_it_does_not_know) {
  auto e = engine();
  CaredForPerson mum;
  mum.id = 11;
  mum.relationship = Relationship::parent;
  CaredForPerson stepdad;
  stepdad.id = 12;
  stepdad.relationship = Relationship::step_parent;
  CaredForPerson gran;
  gran.id = 13;
  gran.relationship = Relationship::grandparent;
  gran.knownToAdultSocialCare = true;
  auto tasks = e.wholeFamilyTasks({mum, stepdad, gran}, day("2023-12-22"));
  BOOST_REQUIRE(tasks.size() == 2u);
  BOOST_TEST(tasks[0].action == "Adult social care to assess the needs of the cared-for parent");
  BOOST_TEST(tasks[1].action == "Adult social care to assess the needs of the cared-for step-parent");
  BOOST_TEST(tasks[1].caredForPersonId == 12);
  // 10 working days from Fri 22 Dec 2023, skipping Christmas, Boxing Day and New Year's Day.
  BOOST_TEST(formatIsoDate(tasks[0].due) == "2024-01-10");
}

BOOST_AUTO_TEST_CASE(configuration_refuses_meaningless_clocks) {
  BOOST_TEST(validate(PathwayConfig{}).ok());
  PathwayConfig bad;
  bad.planningWorkingDays = 0;
  bad.adultServicesTaskWorkingDays = -1;
  bad.safeguardingDecisionWorkingDays = -1;
  auto status = validate(bad);
  BOOST_REQUIRE(!status.ok());
  BOOST_TEST(status.error().fields.size() == 3u);
}

BOOST_AUTO_TEST_SUITE_END()
