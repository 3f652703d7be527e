#pragma once
// Routes for commissioners' statistics: GET /api/v1/stats/counts and GET /api/v1/stats/kpis
// (commissioners and team managers only; nobody else, since these are the only figures a
// commissioner may see and case staff have no need of them through this door).

#include "ycr/services/http.h"

namespace ycr::services {

class App;
void addStatisticsRoutes(Router& router, App& app);

struct CountsReport;
// A counts report as CSV, suppressed figures marked, with a download file name.
Response countsCsv(const CountsReport& report);

}  // namespace ycr::services
