#include "administration_repository.h"

namespace ycr::storage {

Status SqlAdministration::setOrganisationActive(Id organisationId, bool active) {
  if (sql_.exec("UPDATE organisations SET active = ? WHERE id = ?",
                {flag(active), static_cast<long long>(organisationId)}) == 0)
    return DomainError::notFound("There is no organisation with that id");
  return {};
}

Status SqlAdministration::setNoticesEmail(Id organisationId, const std::string& address) {
  if (sql_.exec("UPDATE organisations SET notices_email = ? WHERE id = ?",
                {address, static_cast<long long>(organisationId)}) == 0)
    return DomainError::notFound("There is no organisation with that id");
  return {};
}

}  // namespace ycr::storage
