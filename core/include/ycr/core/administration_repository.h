#pragma once
// What administrators change about organisations beyond creating them. Kept apart from
// OrganisationRepository so the register's own repositories stay as they are.

#include "ycr/core/model.h"
#include "ycr/core/result.h"

namespace ycr {

class AdministrationRepository {
 public:
  virtual ~AdministrationRepository() = default;
  // A deactivated organisation's people can no longer sign in or use their sessions.
  virtual Status setOrganisationActive(Id organisationId, bool active) = 0;
  // Where the organisation's notices go from now on (empty: nowhere; they are kept as failed).
  virtual Status setNoticesEmail(Id organisationId, const std::string& address) = 0;
};

}  // namespace ycr
