#pragma once
// Routes for administrators (organisations and accounts) and auditors (the audit trail).

#include "ycr/services/http.h"

namespace ycr::services {

class App;

// Adds /api/v1/organisations..., /api/v1/users... (admin) and /api/v1/audit (auditor).
void addAdminRoutes(Router& router, App& app);

}  // namespace ycr::services
