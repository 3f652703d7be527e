#pragma once
// Commissioners' statistics as the API and the reports page give them.

#include "ycr/services/http.h"

namespace ycr::services {

struct CountsReport;
// A counts report as CSV, suppressed figures marked, with a download file name.
Response countsCsv(const CountsReport& report);

}  // namespace ycr::services
