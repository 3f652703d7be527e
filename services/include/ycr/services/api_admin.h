#pragma once
// Routes for administrators (organisations and accounts) and auditors (the audit trail).

#include <Poco/JSON/Object.h>

#include "ycr/core/model.h"
#include "ycr/services/http.h"

namespace ycr::services {

class App;

// Adds /api/v1/organisations..., /api/v1/users... (admin) and /api/v1/audit (auditor).
void addAdminRoutes(Router& router, App& app);

// An organisation as the API shows it.
Poco::JSON::Object::Ptr organisationJson(const Organisation& organisation);

}  // namespace ycr::services
