// The subject access route: a thin handler that reads the id and the format, calls the use case and
// answers with the JSON or the printable HTML document. Nothing personal goes in the URL.

#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/subject_access.h"

namespace ycr::services {

Response subjectAccessResponse(const Poco::JSON::Object::Ptr& document, const std::string& format) {
  if (format != "html") return Response{200, "application/json", subjectAccessJsonText(document), {}};
  Response r{200, "text/html; charset=utf-8", subjectAccessHtml(document), {}};
  // The page's own style, and nothing else: no script, no fetches, no frames.
  r.headers.emplace_back("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri "
                         "'none'; form-action 'none'");
  return r;  // never cached: the server marks every answer no-store
}

void addSubjectAccessRoutes(Router& router, SubjectAccess& subjectAccess) {
  router.add({"GET", "/api/v1/young-carers/{id}/subject-access", "subject_access.export",
              Access::only({Role::auditor}), withId([&subjectAccess](RequestContext& ctx, Id id) {
                std::string format = ctx.queryValue("format");
                if (format.empty())
                  format = ctx.accept.find("text/html") != std::string::npos ? "html" : "json";
                if (format != "json" && format != "html")
                  return Response::problem(
                      DomainError::field("format", "invalid_choice", "format must be json or html"));
                auto document = subjectAccess.exportRecord(ctx.who(), id, format);
                if (!document) return Response::problem(document.error());
                return subjectAccessResponse(*document, format);
              })});
}

}  // namespace ycr::services
