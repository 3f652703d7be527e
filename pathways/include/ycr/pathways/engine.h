#pragma once
// The pathway engine: a pure function of (case facts, event, actor, today, configuration, calendar)
// returning the transition to record or the reason it is refused. It reads no clock and no database;
// services load the facts, call apply, and store the transition with its audit event in one transaction.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/pathways/calendar.h"
#include "ycr/pathways/config.h"
#include "ycr/pathways/table.h"

namespace ycr::pathways {

// What the engine needs to know about a case. Dates are those of the current episode (since the case
// was opened or last reopened). Facts kept in other records (regulation4Recorded, transitionAssessmentReady)
// are supplied by the caller and passed through unchanged, except that reopening clears them.
struct CaseFacts {
  CaseState state = CaseState::referred;
  std::optional<CloseReason> closeReason;
  Date dateOfBirth{};
  Date referralReceived{};                    // the current episode's referral; the clocks run from it
  std::optional<Date> safeguardingEscalated;  // when the case was last held for children's social care
  std::optional<Date> safeguardingReturned;   // when children's social care last handed it back
  std::optional<Date> planningFrom;           // when support planning began (assessment or review done)
  std::optional<Date> planAgreed;
  std::optional<Date> reviewDue;
  bool regulation4Recorded = false;
  bool transitionAssessmentReady = false;  // consent recorded, or a lawful reason to proceed without
  std::optional<Id> ownerUserId;
  std::string ownerTeam;

  bool hasOwner() const { return ownerUserId.has_value() || !ownerTeam.empty(); }
  bool operator==(const CaseFacts&) const = default;
};

// An event and the payload a person gave with it. Strings are empty when not given.
struct EventRequest {
  Event event = Event::acknowledge;
  std::string reason;                      // escalate_safeguarding; optional note otherwise
  std::optional<CloseReason> closeReason;  // close; complete_review with outcome close
  std::string reviewOutcome;     // complete_review: continue | change_plan | start_transition | close
  std::string lateReason;        // complete_assessment after the assessment deadline
  std::string receivingService;  // hand_over: the adult carers' service taking over
  std::optional<Id> assignTo;    // assign: a worker
  std::string assignTeam;        // assign: a team (empty keeps the team)
};

struct Actor {
  Id userId = 0;
  Role role = Role::caseworker;
};

struct NextAction {
  std::string action;
  Date due{};
  bool operator==(const NextAction&) const = default;
};

struct Transition {
  CaseState from = CaseState::referred;
  CaseState to = CaseState::referred;
  Event event = Event::acknowledge;
  std::size_t row = 0;                     // index into transitionTable()
  std::optional<CloseReason> closeReason;  // set iff `to` is closed or handed_over
  std::optional<NextAction> nextAction;    // set iff `to` is open
  std::vector<Effect> effects;
  bool late = false;  // the assessment completed after its deadline
  std::string lateReason;
  std::optional<Id> ownerUserId;
  std::string ownerTeam;
  std::optional<Date> reviewDue;
  CaseFacts after;  // the case's facts once the transition is recorded; store these
};

// A statutory or local clock: when it falls due, and whether it has passed while still running.
struct ClockDue {
  Date due{};
  bool running = false;  // the case is at the stage this clock governs
  bool overdue = false;  // running and today is after the due date
};

struct Clocks {
  ClockDue decision;               // decisionWorkingDays after the referral (or the safeguarding return)
  ClockDue assessment;             // 45 working days after the referral
  std::optional<ClockDue> review;  // when a plan is agreed
  ClockDue transitionPlanning;     // the date of reaching transitionAge
  ClockDue adulthood;              // the 18th birthday: handover must be done before it
  bool beyondCalendar = false;  // a due date falls outside the bank-holiday data: weekends only were counted
};

struct IntakeRequest {
  Date dateOfBirth{};  // the young person's, as the register holds it (used for a new or reopened case)
  Date receivedAt{};   // may be earlier than today (post, phone), never later
  bool safeguardingConcern = false;
  std::string safeguardingDetail;
  std::string intakeTeam;  // the team a new or reopened case goes to
};

enum class IntakeKind { new_case, reopened, joined };

struct IntakeOutcome {
  IntakeKind kind = IntakeKind::new_case;
  std::optional<CaseState> from;  // nullopt for a new case
  CaseState to = CaseState::referred;
  NextAction nextAction;  // the case is always open after intake
  std::vector<Effect> effects;
  CaseFacts after;
};

// Whole-family working: a task for adult social care (no care package may rely on a child).
struct WholeFamilyTask {
  Id caredForPersonId = 0;
  Relationship relationship = Relationship::parent;
  std::string action;
  Date due{};
};

class Engine {
 public:
  Engine(PathwayConfig config, WorkingDayCalendar calendar);

  // The transition an event makes, or why not: transition_refused (the event does not apply in this state;
  // DomainError::allowed lists what does), guard_failed or validation (field errors carry the Guard's
  // spelling as their code). Nothing about the case changes on failure.
  Result<Transition> apply(const CaseFacts& facts, const EventRequest& request, const Actor& actor,
                           Date today) const;
  // Events this actor may try now: rows from the current state whose role, age and case-fact guards pass
  // (payload guards are left to apply).
  std::vector<Event> allowedEvents(const CaseFacts& facts, const Actor& actor, Date today) const;
  Clocks clocks(const CaseFacts& facts, Date today) const;
  // The next action for an open case (what and by when); for a closed case, an empty action on today.
  NextAction nextActionFor(const CaseFacts& facts, Date today) const;

  // A referral arrives: opens a new case, reopens a closed one, or joins an open one. A young person
  // of the adult age up to youngAdultCarerUpperAge is a young adult carer: the case opens as for anyone
  // (same acknowledgement and clocks; see youngAdultCarerCase). Only someone older than that is refused
  // (guard under_adult_age, pointing to adult carers' services); a referral about an open case always
  // joins it.
  Result<IntakeOutcome> intake(const std::optional<CaseFacts>& existingCase, const IntakeRequest& request,
                               Date today) const;
  std::vector<WholeFamilyTask> wholeFamilyTasks(const std::vector<CaredForPerson>& caredFor,
                                                Date today) const;
  // A young adult carer (DOMAIN.md: 18 to 25, not a statutory category; adult services assess them under
  // the Care Act 2014 s10) referred to the register: the task for the adult carers' service.
  WholeFamilyTask youngAdultCarerTask(Date today) const;

  // Whether a case is a young adult carer's: the current episode's referral was received on or after
  // the adult age. Derived from the facts, never stored, so it cannot disagree with the date of birth;
  // a child's case that runs past 18 stays a child's case (transition and handover before 18).
  // A young adult carer's case follows the same pathway up to youngAdultCarerUpperAge (the register
  // keeps them, DOMAIN.md), except that children's social care is not asked to act for an adult.
  bool youngAdultCarerCase(const CaseFacts& facts) const;

  const PathwayConfig& config() const { return config_; }
  const WorkingDayCalendar& calendar() const { return calendar_; }

 private:
  PathwayConfig config_;
  WorkingDayCalendar calendar_;
};

}  // namespace ycr::pathways
