#include "ycr/services/export_response.h"

#include <utility>

namespace ycr::services {

Response exportResponse(const Sheet& sheet, ExportFormat format) {
  Response r;
  r.status = 200;
  if (format == ExportFormat::csv) {
    r.contentType = "text/csv; charset=utf-8";
    r.body = sheetCsv(sheet);
  } else {
    auto bytes = sheetXlsx(sheet);
    if (!bytes) return Response::problem(bytes.error());
    r.contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(*bytes);
  }
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + sheet.fileStem + "." +
                                                    std::string(formatName(format)) + "\"");
  return r;
}

}  // namespace ycr::services
