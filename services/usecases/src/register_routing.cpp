// Which young carers service owns a case (issue 21 item 5): at intake, the service for the child's home
// area (area_routing.h); afterwards, whoever it is assigned or transferred to. Assigning a case (the
// pathway's `assign` event) goes to a worker, to the team, or to another young carers service: a
// transfer, for a child who moves into another service's area. The case goes with its whole history
// (referrals, assessments, plans, tasks, timeline), because all of it hangs off the case and its record;
// the new service's staff see it and the old service's no longer do.

#include <spdlog/spdlog.h>

#include "ycr/core/validation.h"
#include "ycr/services/register.h"

namespace ycr::services {

Result<std::string> Register::intakeService(Transaction& tx, const std::string& home,
                                            const std::optional<Case>& existing) const {
  // A referral joining an open case stays with its owner and needs no service: nothing to look up.
  if (existing && pathways::isOpen(existing->state) && !existing->ownerTeam.empty()) return std::string();
  if (auto service = routing_.youngCarersServices.organisationFor(tx, home)) return service->name;
  spdlog::error(
      "referral not taken: no active young carers service serves the child's area; intake_team "
      "must name an active carers_centre organisation (ycr organisation add --kind carers_centre)");
  return DomainError::unavailable("No young carers service is active on this register");
}

Result<std::optional<Organisation>> Register::checkAssignment(Transaction& tx, const Principal& who,
                                                              const Case& c,
                                                              const pathways::EventRequest& request) const {
  if (request.event != pathways::Event::assign) return std::optional<Organisation>{};
  const std::string team = validation::trim(request.assignTeam);
  const bool transfer = !team.empty() && team != c.ownerTeam;
  if (request.assignTo) {
    auto worker = tx.users().findById(*request.assignTo);
    if (!worker || !worker->active || worker->organisationId != who.organisationId ||
        (worker->role != Role::caseworker && worker->role != Role::team_manager))
      return DomainError::field("assign_to", "invalid_worker",
                                "Choose an active caseworker or team manager in your service");
    if (transfer)
      return DomainError::field("assign_to", "not_in_receiving_service",
                                "Transfer the case without a worker: the receiving service allocates one");
  }
  if (!transfer) return std::optional<Organisation>{};
  auto to = tx.organisations().findByName(team);
  if (!isActive(to, OrganisationKind::carers_centre))
    return DomainError::field("assign_team", "unknown_service",
                              "Choose a young carers service on the register: '" + team + "' is not one");
  if (who.role != Role::team_manager)
    return DomainError::forbidden("Only a team manager transfers a case to another service");
  // The receiving service reads why on the timeline: it has no other way to know.
  if (validation::trim(request.reason).empty())
    return DomainError::field("reason", "required", "Enter why the case is moving to " + to->name);
  return std::optional<Organisation>{std::move(*to)};
}

std::vector<Organisation> Register::otherServices(const Principal& who) {
  auto tx = store_.begin(false);
  std::vector<Organisation> out;
  for (auto& o : tx->organisations().activeOfKind(OrganisationKind::carers_centre, 200))
    if (o.id != who.organisationId) out.push_back(std::move(o));
  return out;
}

std::string transferWords(const std::string& from, const std::string& to, const std::string& reason) {
  return "Transferred from " + from + " to " + to + (reason.empty() ? "" : ": " + reason);
}

}  // namespace ycr::services
