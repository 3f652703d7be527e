#include "ycr/pathways/table.h"

namespace ycr::pathways {
namespace {

using S = CaseState;
using E = Event;
using G = Guard;
using F = Effect;
using O = ReviewOutcome;
constexpr Guard R = Guard::role_moves_cases;  // first on every row: only case staff move cases

const std::vector<S> kOpen = {S::referred,  S::screening,        S::safeguarding, S::awaiting_assessment,
                              S::assessing, S::support_planning, S::supported,    S::reviewing,
                              S::transition};

// Design choices the guidance leaves open, and why:
// - A safeguarding concern raised at a later stage arrives as a referral (intake), so it has its own
//   reference and decision clock; the escalate event itself is for the first decision (referred, screening).
// - Children's social care hands a case back to screening, where the pathway re-decides the next step.
// - start_transition is open from any stage after acceptance: a 16-year-old identified late must not wait
//   for a full children's assessment before transition planning starts (Care Act s63: no gap at 18).
// - A closed case is reopened, never duplicated; reopening starts a new episode with fresh clocks.
// clang-format off
const std::vector<Row> kTable = {
    // from                                event                     outcome              guards (role_moves_cases: R)                               to                     close reason                               effects
    {{S::referred},                        E::acknowledge,           {},                  {R, G::under_adult_age},                                  S::screening,          {},                                        {F::notify_referrer}},
    {{S::referred, S::screening},          E::escalate_safeguarding, {},                  {R, G::under_adult_age, G::reason_required},              S::safeguarding,       {},                                        {F::record_safeguarding_escalation, F::refer_to_childrens_social_care}},
    {{S::screening},                       E::accept_for_assessment, {},                  {R, G::under_adult_age},                                  S::awaiting_assessment, {},                                       {}},
    {{S::screening},                       E::signpost,              {},                  {R, G::under_adult_age},                                  S::closed,             CloseReason::signposted_to_universal_services, {F::revoke_id_cards}},
    {{S::safeguarding},                    E::safeguarding_returned, {},                  {R, G::under_adult_age},                                  S::screening,          {},                                        {F::record_safeguarding_return}},
    {{S::awaiting_assessment},             E::start_assessment,      {},                  {R, G::under_adult_age},                                  S::assessing,          {},                                        {}},
    {{S::assessing},                       E::complete_assessment,   {},                  {R, G::under_adult_age, G::regulation4_recorded, G::late_reason_required}, S::support_planning, {},                       {F::judge_assessment_timeliness, F::start_planning}},
    {{S::support_planning},                E::agree_plan,            {},                  {R, G::under_adult_age},                                  S::supported,          {},                                        {F::record_plan_agreed, F::schedule_review}},
    {{S::supported},                       E::start_review,          {},                  {R, G::under_adult_age},                                  S::reviewing,          {},                                        {}},
    {{S::reviewing},                       E::complete_review,       O::continue_support, {R, G::under_adult_age, G::review_outcome_required},      S::supported,          {},                                        {F::schedule_review}},
    {{S::reviewing},                       E::complete_review,       O::change_plan,      {R, G::under_adult_age, G::review_outcome_required},      S::support_planning,   {},                                        {F::start_planning}},
    {{S::reviewing},                       E::complete_review,       O::start_transition, {R, G::under_adult_age, G::review_outcome_required, G::transition_age_reached}, S::transition, {},                      {}},
    {{S::reviewing},                       E::complete_review,       O::close,            {R, G::under_adult_age, G::review_outcome_required, G::close_reason_required, G::manager_closes_needs_met_or_declined}, S::closed, {}, {F::revoke_id_cards}},
    {{S::awaiting_assessment, S::assessing, S::support_planning, S::supported, S::reviewing},
                                           E::start_transition,      {},                  {R, G::transition_age_reached},                           S::transition,         {},                                        {}},
    {{S::transition},                      E::hand_over,             {},                  {R, G::receiving_service_required, G::transition_assessment_ready}, S::handed_over, CloseReason::handed_over,           {F::notify_receiving_service}},
    {kOpen,                                E::close,                 {},                  {R, G::close_reason_required, G::manager_closes_needs_met_or_declined}, S::closed, {},                                     {F::revoke_id_cards}},
    {{S::closed},                          E::reopen,                {},                  {R, G::under_adult_age},                                  S::referred,           {},                                        {F::restart_clocks}},
    {kOpen,                                E::assign,                {},                  {R, G::owner_required},                                   std::nullopt,          {},                                        {F::change_owner}},
};
// clang-format on

}  // namespace

std::span<const Row> transitionTable() {
  return kTable;
}

bool isOpen(CaseState state) {
  return state != S::closed && state != S::handed_over;
}

std::vector<CaseState> openStates() {
  return kOpen;
}

bool isChildrensState(CaseState state) {
  return isOpen(state) && state != S::transition;
}

std::string referrerStatus(CaseState state) {
  switch (state) {
    case S::referred:
    case S::screening:
    case S::safeguarding: return "received";
    case S::awaiting_assessment:
    case S::assessing: return "being_assessed";
    case S::support_planning:
    case S::supported:
    case S::reviewing:
    case S::transition: return "supported";
    case S::closed:
    case S::handed_over: return "closed";
  }
  return "received";
}

}  // namespace ycr::pathways
