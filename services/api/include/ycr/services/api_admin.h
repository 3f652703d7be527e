#pragma once
// Routes for administrators (organisations and accounts) and auditors (the audit trail).

#include <Poco/JSON/Object.h>

#include "ycr/core/model.h"
#include "ycr/services/http.h"

namespace ycr::services {

// An organisation as the API shows it.
Poco::JSON::Object::Ptr organisationJson(const Organisation& organisation);

}  // namespace ycr::services
