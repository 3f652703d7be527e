#include "ycr/services/policy.h"

namespace ycr::services::policy {

bool worksCases(const Principal& p) {
  return p.role == Role::caseworker || p.role == Role::team_manager;
}

bool canWorkCase(const Principal& p, const Case& c) {
  return worksCases(p) && c.ownerTeam == p.organisationName;
}

bool canSeeReferral(const Principal& p, const Referral& r, const std::optional<Case>& c) {
  if (worksCases(p)) return c && canWorkCase(p, *c);
  if (p.role == Role::referrer) return r.organisationId == p.organisationId;
  return false;
}

bool canSeeYoungCarer(const Principal& p, const std::optional<Case>& c) {
  return worksCases(p) && (!c || canWorkCase(p, *c));
}

bool seesReferralDetail(const Principal& p) {
  return worksCases(p);
}

}  // namespace ycr::services::policy

namespace ycr::services::policy {

bool isTaskAddressee(const Principal& p, const CaseTask& t, std::optional<Id> soleOrganisation) {
  // Commissioners, auditors and administrators read no case work, addressed to their organisation or not.
  if (p.role != Role::referrer && !worksCases(p)) return false;
  if (t.organisationId) return *t.organisationId == p.organisationId;
  return t.assignedTo == toString(p.organisationKind) && soleOrganisation == p.organisationId;
}

}  // namespace ycr::services::policy
