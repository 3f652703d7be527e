#pragma once
// The pathway as data: every move a case can make is one row {from, event, guards, to, effects}.
// Reading transitionTable() (table.cpp) tells a newcomer the whole pathway, who may make each move and
// what each records: the engine only walks it, judging the row's guards and applying its effects.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "ycr/core/model.h"

namespace ycr::pathways {

// What a caseworker or team manager can do to a case: the only way a case moves.
enum class Event {
  acknowledge,
  accept_for_assessment,
  signpost,
  escalate_safeguarding,
  safeguarding_returned,
  start_assessment,
  complete_assessment,
  agree_plan,
  start_review,
  complete_review,
  start_transition,
  hand_over,
  close,
  reopen,
  assign
};

// What a review decided; selects the row complete_review takes.
enum class ReviewOutcome { continue_support, change_plan, start_transition, close };

// The checks a row makes before it moves a case. Each spelling is also the machine code of the field
// error a failed guard returns, so clients and scenario files can tell which guard said no.
enum class Guard {
  // Who may move a case (every row lists it first):
  role_moves_cases,  // only caseworkers and team managers move cases
  // Rows that keep a young person in a children's state: refused from the day they reach the adult age
  // (plus the configured grace days). Only start_transition, close, assign and hand_over go on after that.
  under_adult_age,
  // Payload a person must give (missing -> validation error naming the field):
  reason_required,             // escalate_safeguarding: why
  close_reason_required,       // close, complete_review(close)
  review_outcome_required,     // complete_review
  late_reason_required,        // complete_assessment after the 45-working-day deadline
  receiving_service_required,  // hand_over: the adult carers' service named
  owner_required,              // assign: a worker or a team
  // Facts about the case (fail -> guard_failed):
  manager_closes_needs_met_or_declined,  // needs_met and declined are a team manager's decision
  regulation4_recorded,                  // the Regulation 4 matters are recorded in the assessment
  transition_age_reached,                // transition planning from the configured age (default 16)
  transition_assessment_ready  // consent recorded, or a lawful reason to proceed without (Care Act s63)
};

// What happens beyond the state change, in the row's order. The engine records the first group in the
// case's facts it returns (CaseFacts: the dates the clocks and reports read); services carry out the
// second in the same transaction.
enum class Effect {
  // Recorded by the engine:
  restart_clocks,                  // a new episode: decision and assessment clocks run from the new referral
                                   // (listed first: the last episode's facts no longer hold)
  record_safeguarding_escalation,  // escalated today; an earlier hand-back no longer stands
  record_safeguarding_return,      // handed back by children's social care today: the decision clock resumes
  judge_assessment_timeliness,     // late when completed after its due day, with the reason given
  start_planning,                  // the support plan's clock runs from today
  record_plan_agreed,              // the plan agreed today
  schedule_review,                 // review due = plan or review date + review interval
  change_owner,                    // the worker or team named (a team allocates a worker)
  // Carried out by services:
  notify_referrer,                 // the status the referrer sees changed (or the referral was acknowledged)
  refer_to_childrens_social_care,  // safeguarding comes first
  notify_receiving_service,        // the adult carers' service takes over
  revoke_id_cards                  // a closed case's ID cards stop verifying
};

struct Row {
  std::vector<CaseState> from;
  Event event;
  std::optional<ReviewOutcome> outcome;  // complete_review only: which outcome this row handles
  std::vector<Guard> guards;
  std::optional<CaseState> to;             // nullopt: the case stays where it is (assign)
  std::optional<CloseReason> closeReason;  // the reason a row closes with, when the row fixes it
  std::vector<Effect> effects;
};

// The whole pathway, in order.
std::span<const Row> transitionTable();

// States in which a case is live and must have an owner and a next action.
bool isOpen(CaseState state);
std::vector<CaseState> openStates();
// Open states that belong to children's services: all except transition.
bool isChildrensState(CaseState state);

// The four statuses a referrer may see: received, being_assessed, supported, closed.
std::string referrerStatus(CaseState state);

}  // namespace ycr::pathways

namespace ycr {
YCR_ENUM_NAMES(pathways::Event, "acknowledge", "accept_for_assessment", "signpost", "escalate_safeguarding",
               "safeguarding_returned", "start_assessment", "complete_assessment", "agree_plan",
               "start_review", "complete_review", "start_transition", "hand_over", "close", "reopen",
               "assign")
YCR_ENUM_NAMES(pathways::ReviewOutcome, "continue", "change_plan", "start_transition", "close")
YCR_ENUM_NAMES(pathways::Guard, "role_moves_cases", "under_adult_age", "reason_required",
               "close_reason_required", "review_outcome_required", "late_reason_required",
               "receiving_service_required", "owner_required", "manager_closes_needs_met_or_declined",
               "regulation4_recorded", "transition_age_reached", "transition_assessment_ready")
YCR_ENUM_NAMES(pathways::Effect, "restart_clocks", "record_safeguarding_escalation",
               "record_safeguarding_return", "judge_assessment_timeliness", "start_planning",
               "record_plan_agreed", "schedule_review", "change_owner", "notify_referrer",
               "refer_to_childrens_social_care", "notify_receiving_service", "revoke_id_cards")
}  // namespace ycr
