#pragma once
// A staff export (exports.h) as an HTTP answer, for the API's and the pages' download routes.

#include "ycr/services/exports.h"
#include "ycr/services/http.h"

namespace ycr::services {

// The file as an attachment, named fileStem.csv or fileStem.xlsx.
Response exportResponse(const Sheet& sheet, ExportFormat format);

}  // namespace ycr::services
