#pragma once
// Who may see which records, by role and organisation: the one place those rules live.
// Route-level role checks are in api.cpp's routing table; record-level scoping is here.

#include <optional>

#include "ycr/core/model.h"
#include "ycr/services/auth.h"

namespace ycr::services::policy {

// Staff who work cases: caseworkers and team managers.
bool worksCases(const Principal& p);
// A case belongs to the service (team) that owns it; staff see their own service's cases.
bool canWorkCase(const Principal& p, const Case& c);
// Referrers see their own organisation's referrals (status only); case staff see the referrals
// whose case their own service owns.
bool canSeeReferral(const Principal& p, const Referral& r, const std::optional<Case>& c);
// Case staff see a young carer's record when their service owns the young carer's case, or
// when the young carer has no case yet (registered directly, not yet referred).
bool canSeeYoungCarer(const Principal& p, const std::optional<Case>& c);
// Whether the referral view may include the case link and the young person's details.
bool seesReferralDetail(const Principal& p);

}  // namespace ycr::services::policy

namespace ycr::services::policy {

// The organisation a task is addressed to acts on it: the one named on it, or, for a task not yet
// addressed to one, the sole active organisation of its kind (`soleOrganisation`, tasks.h).
bool isTaskAddressee(const Principal& p, const CaseTask& t, std::optional<Id> soleOrganisation);

}  // namespace ycr::services::policy
