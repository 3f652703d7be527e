#pragma once
// SQL implementation of core's AdministrationRepository.

#include "ycr/core/administration_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlAdministration final : public AdministrationRepository {
 public:
  explicit SqlAdministration(Sql& sql) : sql_(sql) {}
  Status setOrganisationActive(Id organisationId, bool active) override;
  Status setNoticesEmail(Id organisationId, const std::string& address) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
