#pragma once
namespace ycr::services {
// The release this binary was built from.
const char* version();
}  // namespace ycr::services
