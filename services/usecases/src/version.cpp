#include "ycr/services/version.h"
namespace ycr::services {
const char* version() {
  return YCR_VERSION;
}
}  // namespace ycr::services
