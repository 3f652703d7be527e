#pragma once
#include <string>
namespace ycr::services {
// The OpenAPI 3 description of every route (services/openapi.json, embedded at build time).
const std::string& openApiDocument();
}  // namespace ycr::services
