#include "ycr/pathways/engine.h"

#include <algorithm>

#include "ycr/core/validation.h"

namespace ycr::pathways {
namespace {

using validation::isBlank;

using std::chrono::sys_days;

bool contains(const std::vector<CaseState>& states, CaseState s) {
  return std::find(states.begin(), states.end(), s) != states.end();
}

// A guard's verdict: a validation problem (missing payload) or a refusal on the facts.
struct GuardFailure {
  bool validation = false;
  FieldError error;
};

std::string describe(Event e) {
  return std::string(toString(e));
}
std::string describe(CaseState s) {
  return std::string(toString(s));
}

std::string relationshipWords(Relationship r) {
  switch (r) {
    case Relationship::step_parent: return "step-parent";
    case Relationship::other_relative: return "relative";
    default: return std::string(toString(r));
  }
}

}  // namespace

Engine::Engine(PathwayConfig config, WorkingDayCalendar calendar)
    : config_(std::move(config)), calendar_(std::move(calendar)) {}

namespace {

struct Context {
  const PathwayConfig& config;
  const WorkingDayCalendar& calendar;
  const CaseFacts& facts;
  const EventRequest* request;  // null when only the case's facts are judged (allowedEvents)
  const Actor& actor;
  Date today;
  Event event = Event::acknowledge;  // the row's event being judged
};

Date adultCutoff(const PathwayConfig& c, const Date& dob) {
  return addDays(dateOfReachingAge(dob, c.adultAge), c.adultGraceDays);
}

bool isAdult(const PathwayConfig& c, const Date& dob, const Date& today) {
  return !before(today, adultCutoff(c, dob));
}

// See Engine::youngAdultCarerCase.
bool youngAdultCarerCase(const PathwayConfig& c, const CaseFacts& f) {
  return ageOn(f.dateOfBirth, f.referralReceived) >= c.adultAge;
}

// The day a case leaves the children's states: the adult age (plus grace days) for a child's case; for a
// young adult carer's case, the birthday after youngAdultCarerUpperAge (26 by default).
Date caseCutoff(const PathwayConfig& c, const CaseFacts& f) {
  if (youngAdultCarerCase(c, f)) return dateOfReachingAge(f.dateOfBirth, c.youngAdultCarerUpperAge + 1);
  return adultCutoff(c, f.dateOfBirth);
}

bool pastCaseAge(const PathwayConfig& c, const CaseFacts& f, const Date& today) {
  return !before(today, caseCutoff(c, f));
}

Date assessmentDue(const PathwayConfig& c, const WorkingDayCalendar& cal, const CaseFacts& f) {
  return cal.addWorkingDays(f.referralReceived, c.assessmentWorkingDays, c.receiptDayIsDayZero);
}

Date decisionDue(const PathwayConfig& c, const WorkingDayCalendar& cal, const CaseFacts& f) {
  // After children's social care hands a case back, the next step is decided within the same clock from then.
  Date from = f.safeguardingReturned ? *f.safeguardingReturned : f.referralReceived;
  return cal.addWorkingDays(from, c.decisionWorkingDays, c.receiptDayIsDayZero);
}

bool isPayloadGuard(Guard g) {
  switch (g) {
    case Guard::reason_required:
    case Guard::close_reason_required:
    case Guard::review_outcome_required:
    case Guard::late_reason_required:
    case Guard::receiving_service_required:
    case Guard::owner_required:
    case Guard::manager_closes_needs_met_or_declined:  // depends on the close reason given
      return true;
    default: return false;
  }
}

std::optional<GuardFailure> check(Guard g, const Context& x) {
  auto invalid = [g](std::string field, std::string message) {
    return GuardFailure{true, {std::move(field), std::string(toString(g)), std::move(message)}};
  };
  auto refuse = [g](std::string message) {
    return GuardFailure{false, {"", std::string(toString(g)), std::move(message)}};
  };
  const CaseFacts& f = x.facts;
  const EventRequest* r = x.request;
  switch (g) {
    case Guard::role_moves_cases:
      if (x.actor.role != Role::caseworker && x.actor.role != Role::team_manager)
        return refuse("Only a caseworker or team manager can move a case; a " +
                      std::string(toString(x.actor.role)) + " cannot");
      return std::nullopt;
    case Guard::under_adult_age:
      // Children's social care acts for children: an adult's safeguarding concern goes to adult social
      // care (Care Act 2014 s42), whatever kind of case it is.
      if (x.event == Event::escalate_safeguarding && isAdult(x.config, f.dateOfBirth, x.today))
        return refuse("The young person is " + std::to_string(x.config.adultAge) +
                      " or over: raise a safeguarding concern about an adult with adult social care "
                      "(Care Act 2014 s42), not children's social care");
      if (youngAdultCarerCase(x.config, f)) {
        if (pastCaseAge(x.config, f, x.today))
          return refuse("The young adult carer reached " +
                        std::to_string(x.config.youngAdultCarerUpperAge + 1) + " on " +
                        formatIsoDate(caseCutoff(x.config, f)) + ": hand over or close the case instead");
        return std::nullopt;
      }
      if (isAdult(x.config, f.dateOfBirth, x.today))
        return refuse("The young person reached " + std::to_string(x.config.adultAge) + " on " +
                      formatIsoDate(dateOfReachingAge(f.dateOfBirth, x.config.adultAge)) +
                      ": start transition, hand over or close the case instead");
      return std::nullopt;
    case Guard::reason_required:
      if (r && isBlank(r->reason))
        return invalid("reason", "Say why the case is escalated to children's social care");
      return std::nullopt;
    case Guard::close_reason_required:
      if (r && !r->closeReason) return invalid("close_reason", "Give the reason the case is closed");
      if (r && r->closeReason == CloseReason::handed_over)
        return invalid("close_reason", "A case is handed over with the hand_over event, not closed");
      return std::nullopt;
    case Guard::review_outcome_required:
      if (r && !parseEnum<ReviewOutcome>(r->reviewOutcome))
        return invalid("review_outcome",
                       "Give the review's outcome: continue, change_plan, start_transition or close");
      return std::nullopt;
    case Guard::late_reason_required:
      if (r && before(assessmentDue(x.config, x.calendar, f), x.today) && isBlank(r->lateReason))
        return invalid("late_reason", "The assessment was due on " +
                                          formatIsoDate(assessmentDue(x.config, x.calendar, f)) +
                                          ": record why it is late");
      return std::nullopt;
    case Guard::receiving_service_required:
      if (r && isBlank(r->receivingService))
        return invalid("receiving_service", "Name the adult carers' service taking the young person on");
      return std::nullopt;
    case Guard::owner_required:
      if (r && !r->assignTo && isBlank(r->assignTeam)) return invalid("assign_to", "Name the worker or team");
      return std::nullopt;
    case Guard::manager_closes_needs_met_or_declined:
      if (r && (r->closeReason == CloseReason::needs_met || r->closeReason == CloseReason::declined) &&
          x.actor.role != Role::team_manager)
        return refuse("Closing a case as " + std::string(toString(*r->closeReason)) +
                      " is a team manager's decision");
      return std::nullopt;
    case Guard::regulation4_recorded:
      if (!f.regulation4Recorded)
        return refuse("The assessment cannot complete until the Regulation 4 matters are recorded");
      return std::nullopt;
    case Guard::transition_age_reached:
      if (before(x.today, dateOfReachingAge(f.dateOfBirth, x.config.transitionAge)))
        return refuse("Transition planning starts at " + std::to_string(x.config.transitionAge) + ", on " +
                      formatIsoDate(dateOfReachingAge(f.dateOfBirth, x.config.transitionAge)));
      return std::nullopt;
    case Guard::transition_assessment_ready:
      // The transition assessment is a child's (Care Act s63, before 18). A young adult carer is an adult
      // already: the adult carers' service's own carer's assessment (s10) is what they are handed over to,
      // offered by the task left at intake, so nothing here waits on an assessment meant for children.
      if (youngAdultCarerCase(x.config, f)) return std::nullopt;
      if (!f.transitionAssessmentReady)
        return refuse(
            "The transition assessment needs the young person's consent, or a lawful reason to proceed "
            "without it (Care Act s63)");
      return std::nullopt;
  }
  return std::nullopt;
}

// What an effect records in the case's facts (`after`, starting as x.facts with the new state); the
// effects services carry out record nothing here.
void record(Effect e, const Context& x, CaseFacts& after, Transition& t) {
  const Date today = x.today;
  switch (e) {
    case Effect::restart_clocks: {
      // A new episode: the clocks run from today and the last episode's assessment facts no longer hold.
      CaseFacts fresh;
      fresh.state = after.state;
      fresh.dateOfBirth = x.facts.dateOfBirth;
      fresh.referralReceived = today;
      fresh.ownerUserId = x.facts.ownerUserId;
      fresh.ownerTeam = x.facts.ownerTeam;
      after = std::move(fresh);
      return;
    }
    case Effect::record_safeguarding_escalation:
      after.safeguardingEscalated = today;
      after.safeguardingReturned.reset();
      return;
    case Effect::record_safeguarding_return: after.safeguardingReturned = today; return;
    case Effect::judge_assessment_timeliness:
      if (before(assessmentDue(x.config, x.calendar, x.facts), today)) {
        t.late = true;
        t.lateReason = x.request->lateReason;
      }
      return;
    case Effect::start_planning: after.planningFrom = today; return;
    case Effect::record_plan_agreed: after.planAgreed = today; return;
    case Effect::schedule_review: after.reviewDue = addMonths(today, x.config.reviewIntervalMonths); return;
    case Effect::change_owner:
      if (x.request->assignTo) {
        after.ownerUserId = x.request->assignTo;
        if (!isBlank(x.request->assignTeam)) after.ownerTeam = x.request->assignTeam;
      } else {
        // Assigned to a team: the team allocates a worker.
        after.ownerUserId.reset();
        after.ownerTeam = x.request->assignTeam;
      }
      return;
    case Effect::notify_referrer:
    case Effect::refer_to_childrens_social_care:
    case Effect::notify_receiving_service:
    case Effect::revoke_id_cards: return;
  }
}

}  // namespace

std::vector<Event> Engine::allowedEvents(const CaseFacts& facts, const Actor& actor, Date today) const {
  Context x{config_, calendar_, facts, nullptr, actor, today};
  std::vector<Event> out;
  for (const Row& row : transitionTable()) {
    if (!contains(row.from, facts.state)) continue;
    if (std::find(out.begin(), out.end(), row.event) != out.end()) continue;
    x.event = row.event;
    bool ok = true;
    for (Guard g : row.guards)
      if (!isPayloadGuard(g) && check(g, x)) ok = false;
    if (ok) out.push_back(row.event);
  }
  return out;
}

Result<Transition> Engine::apply(const CaseFacts& facts, const EventRequest& request, const Actor& actor,
                                 Date today) const {
  std::vector<std::size_t> candidates;
  auto table = transitionTable();
  for (std::size_t i = 0; i < table.size(); ++i)
    if (table[i].event == request.event && contains(table[i].from, facts.state)) candidates.push_back(i);
  if (candidates.empty()) {
    std::vector<std::string> allowed;
    for (Event e : allowedEvents(facts, actor, today)) allowed.emplace_back(toString(e));
    return DomainError::refused(
        "A case that is " + describe(facts.state) + " cannot take the event " + describe(request.event),
        std::move(allowed));
  }

  // Several rows share an event only when the review's outcome chooses between them.
  std::size_t rowIndex = candidates.front();
  if (candidates.size() > 1) {
    auto outcome = parseEnum<ReviewOutcome>(request.reviewOutcome);
    auto match = std::find_if(candidates.begin(), candidates.end(),
                              [&](std::size_t i) { return outcome && table[i].outcome == outcome; });
    if (match != candidates.end()) rowIndex = *match;
  }
  const Row& row = table[rowIndex];

  Context x{config_, calendar_, facts, &request, actor, today, request.event};
  FieldErrors missing;
  for (Guard g : row.guards) {
    auto failure = check(g, x);
    if (!failure) continue;
    // Guards are judged in the table's order; missing details found before a refusal are reported first.
    if (!failure->validation && missing.empty()) {
      DomainError e = DomainError::guardFailed(failure->error.message);
      e.fields.push_back(std::move(failure->error));
      return e;
    }
    if (!failure->validation) break;
    missing.add(failure->error.field, failure->error.code, failure->error.message);
  }
  if (!missing.empty()) return missing.toError("The " + describe(request.event) + " event needs more detail");

  Transition t;
  t.from = facts.state;
  t.to = row.to.value_or(facts.state);
  t.event = request.event;
  t.row = rowIndex;
  CaseFacts after = facts;
  after.state = t.to;

  for (Effect e : row.effects) record(e, x, after, t);

  if (isOpen(t.to)) {
    after.closeReason.reset();
    // Every open case has an owner: whoever moves an unowned case takes it.
    if (!after.hasOwner()) after.ownerUserId = actor.userId;
    t.nextAction = nextActionFor(after, today);
  } else {
    after.closeReason = row.closeReason ? row.closeReason : request.closeReason;
    t.closeReason = after.closeReason;
  }

  t.effects = row.effects;
  bool statusChanged = referrerStatus(t.from) != referrerStatus(t.to);
  if (statusChanged &&
      std::find(t.effects.begin(), t.effects.end(), Effect::notify_referrer) == t.effects.end())
    t.effects.insert(t.effects.begin(), Effect::notify_referrer);
  t.ownerUserId = after.ownerUserId;
  t.ownerTeam = after.ownerTeam;
  t.reviewDue = after.reviewDue;
  t.closeReason = after.closeReason;
  t.after = std::move(after);
  return t;
}

NextAction Engine::nextActionFor(const CaseFacts& f, Date today) const {
  const auto& c = config_;
  const bool youngAdult = pathways::youngAdultCarerCase(c, f);
  if (isChildrensState(f.state) && pastCaseAge(c, f, today))
    return {youngAdult ? "Hand over or close: the young adult carer is past " +
                             std::to_string(c.youngAdultCarerUpperAge)
                       : "Start transition or close: the young person has reached adult age",
            caseCutoff(c, f)};
  switch (f.state) {
    case CaseState::referred:
      return {"Acknowledge the referral and decide the next step", decisionDue(c, calendar_, f)};
    case CaseState::screening: return {"Decide the next step", decisionDue(c, calendar_, f)};
    case CaseState::safeguarding:
      return {"Children's social care decision",
              calendar_.addWorkingDays(f.safeguardingEscalated.value_or(f.referralReceived),
                                       c.safeguardingDecisionWorkingDays, c.receiptDayIsDayZero)};
    case CaseState::awaiting_assessment:
      return {"Start the young carer's needs assessment", assessmentDue(c, calendar_, f)};
    case CaseState::assessing:
      return {"Complete the young carer's needs assessment", assessmentDue(c, calendar_, f)};
    case CaseState::support_planning:
      return {"Agree the support plan",
              calendar_.addWorkingDays(f.planningFrom.value_or(today), c.planningWorkingDays,
                                       c.receiptDayIsDayZero)};
    case CaseState::supported: {
      Date review = f.reviewDue.value_or(addMonths(f.planAgreed.value_or(today), c.reviewIntervalMonths));
      Date planning = dateOfReachingAge(f.dateOfBirth, c.transitionAge);
      // A young adult carer is already past transition: their next step is the review.
      if (!youngAdult && before(planning, review)) return {"Start transition planning", planning};
      return {"Review the support plan", review};
    }
    case CaseState::reviewing: return {"Complete the review", f.reviewDue.value_or(today)};
    case CaseState::transition:
      return {"Hand over to adult carers' services",
              youngAdult ? addDays(caseCutoff(c, f), -1)
                         : addDays(dateOfReachingAge(f.dateOfBirth, c.adultAge), -1)};
    case CaseState::handed_over:
    case CaseState::closed: return {"", today};
  }
  return {"", today};
}

Clocks Engine::clocks(const CaseFacts& f, Date today) const {
  const auto& c = config_;
  auto clock = [&](Date due, bool running) { return ClockDue{due, running, running && before(due, today)}; };
  const CaseState s = f.state;
  Clocks out;
  out.decision = clock(decisionDue(c, calendar_, f), s == CaseState::referred || s == CaseState::screening);
  out.assessment =
      clock(assessmentDue(c, calendar_, f),
            s == CaseState::referred || s == CaseState::screening || s == CaseState::safeguarding ||
                s == CaseState::awaiting_assessment || s == CaseState::assessing);
  if (f.reviewDue) out.review = clock(*f.reviewDue, s == CaseState::supported || s == CaseState::reviewing);
  // A young adult carer's case was opened after both: neither clock runs for it.
  const bool child = !pathways::youngAdultCarerCase(c, f);
  out.transitionPlanning = clock(
      dateOfReachingAge(f.dateOfBirth, c.transitionAge),
      child && (s == CaseState::awaiting_assessment || s == CaseState::assessing ||
                s == CaseState::support_planning || s == CaseState::supported || s == CaseState::reviewing));
  Date adult = dateOfReachingAge(f.dateOfBirth, c.adultAge);
  out.adulthood = ClockDue{adult, child && isOpen(s), child && isOpen(s) && !before(today, adult)};
  out.beyondCalendar = !calendar_.covers(out.decision.due) || !calendar_.covers(out.assessment.due);
  return out;
}

Result<IntakeOutcome> Engine::intake(const std::optional<CaseFacts>& existing, const IntakeRequest& r,
                                     Date today) const {
  FieldErrors errors;
  if (before(today, r.receivedAt))
    errors.add("received_at", "in_future", "A referral cannot be received in the future");
  if (r.safeguardingConcern && isBlank(r.safeguardingDetail))
    errors.add("safeguarding_detail", "required", "Describe the safeguarding concern");
  bool opening = !existing || !isOpen(existing->state);
  if (opening && before(r.receivedAt, r.dateOfBirth))
    errors.add("date_of_birth", "after_referral", "The date of birth is after the referral was received");
  if (isBlank(r.intakeTeam) && (opening || !existing->hasOwner()))
    errors.add("intake_team", "required", "Name the team that takes new referrals");
  if (!errors.empty()) return errors.toError("The referral has errors");

  IntakeOutcome out;
  CaseFacts after;
  if (opening) {
    // A young carer is under 18 at referral, a young adult carer 18 to 25 (DOMAIN.md): both are taken
    // and never turned away. Someone older is an adult carer, for the adult carers' service.
    if (ageOn(r.dateOfBirth, r.receivedAt) > config_.youngAdultCarerUpperAge) {
      DomainError e = DomainError::guardFailed(
          "The person was over " + std::to_string(config_.youngAdultCarerUpperAge) +
          " when the referral was received, older than a young adult carer: refer them to the adult "
          "carers' service for a carer's assessment (Care Act 2014 s10)");
      e.fields.push_back({"date_of_birth", std::string(toString(Guard::under_adult_age)), e.detail});
      return e;
    }
    out.kind = existing ? IntakeKind::reopened : IntakeKind::new_case;
    if (existing) out.from = existing->state;
    after.dateOfBirth = r.dateOfBirth;
    after.referralReceived = r.receivedAt;
    after.ownerTeam = r.intakeTeam;
    after.state = CaseState::referred;
    out.effects.push_back(Effect::notify_referrer);
    if (existing) out.effects.push_back(Effect::restart_clocks);
  } else {
    out.kind = IntakeKind::joined;
    out.from = existing->state;
    after = *existing;
    if (!after.hasOwner()) after.ownerTeam = r.intakeTeam;
    out.effects.push_back(Effect::notify_referrer);
  }
  // Safeguarding comes first; children's social care acts only for children.
  if (r.safeguardingConcern && after.state != CaseState::safeguarding &&
      !isAdult(config_, after.dateOfBirth, today)) {
    // A concern about a case past the first decision opens a new decision episode from this referral.
    if (after.state != CaseState::referred && after.state != CaseState::screening)
      after.referralReceived = r.receivedAt;
    after.state = CaseState::safeguarding;
    after.safeguardingEscalated = r.receivedAt;
    after.safeguardingReturned.reset();
    out.effects.push_back(Effect::refer_to_childrens_social_care);
  }
  out.to = after.state;
  out.nextAction = nextActionFor(after, today);
  out.after = std::move(after);
  return out;
}

bool Engine::youngAdultCarerCase(const CaseFacts& facts) const {
  return pathways::youngAdultCarerCase(config_, facts);
}

WholeFamilyTask Engine::youngAdultCarerTask(Date today) const {
  WholeFamilyTask t;
  t.action = "Adult carers service to offer a carer's assessment (Care Act 2014 s10)";
  t.due = calendar_.addWorkingDays(today, config_.adultServicesTaskWorkingDays, config_.receiptDayIsDayZero);
  return t;
}

std::vector<WholeFamilyTask> Engine::wholeFamilyTasks(const std::vector<CaredForPerson>& caredFor,
                                                      Date today) const {
  std::vector<WholeFamilyTask> tasks;
  Date due =
      calendar_.addWorkingDays(today, config_.adultServicesTaskWorkingDays, config_.receiptDayIsDayZero);
  for (const auto& p : caredFor) {
    if (p.knownToAdultSocialCare) continue;
    tasks.push_back(
        {p.id, p.relationship,
         "Adult social care to assess the needs of the cared-for " + relationshipWords(p.relationship), due});
  }
  return tasks;
}

}  // namespace ycr::pathways
