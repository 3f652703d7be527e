#pragma once
// Pieces of the JSON API shared by the route files (defined in api.cpp unless said).

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/assessment.h"
#include "ycr/core/model.h"
#include "ycr/services/households.h"
#include "ycr/services/http.h"

namespace ycr::services {

// A whole-number query parameter: absent gives the fallback; otherwise it must be in [min, max].
Result<int> intQuery(const RequestContext& ctx, const std::string& key, int fallback, int min, int max);
// {"items": [...], "total": n, "limit": n, "offset": n}
Poco::JSON::Object::Ptr pageJson(Poco::JSON::Array::Ptr items, std::int64_t total, int limit, int offset);
// Reads a request body that must be one JSON object through `read`; every field error it (or
// JsonInput::rejectUnknown) records is returned together.
template <class T>
Result<T> readBody(const RequestContext& ctx, const std::function<T(JsonInput&)>& read) {
  auto parsed = parseJsonObject(ctx.body);
  if (!parsed) return parsed.error();
  FieldErrors errors;
  JsonInput in(parsed.value(), "", errors);
  T value = read(in);
  if (!errors.empty()) return errors.toError();
  return value;
}

// The answer to a use case's result: its problem, or `status` with the value as JSON.
template <class T>
Response okOr(const Result<T>& r, int status,
              const std::function<Poco::JSON::Object::Ptr(const T&)>& toJson) {
  if (!r) return Response::problem(r.error());
  return Response::json(status, toJson(r.value()));
}

// A date as the API writes it (YYYY-MM-DD), or null.
Poco::Dynamic::Var optDate(const std::optional<Date>& d);
// A time as the API writes it (RFC 3339, UTC), or null.
Poco::Dynamic::Var optTime(const std::optional<Timestamp>& t);
// A record's id, or null.
Poco::Dynamic::Var optId(const std::optional<Id>& id);

// A figure as disclosure control publishes it: the number, or "suppressed" when it is hidden. One word
// for every count, indicator and survey figure.
Poco::Dynamic::Var publishedFigure(const std::optional<long long>& value);

// A case task as the API shows it (api_tasks.cpp), with the name of whom it is addressed to and the
// working days it is overdue (0: not overdue).
Poco::JSON::Object::Ptr taskJson(const CaseTask& task, const std::string& addressedTo,
                                 int workingDaysOverdue);

// An audit entry as the API shows it to auditors (api_admin.cpp), its chain hash included.
Poco::JSON::Object::Ptr auditEventJson(const AuditEvent& e);

// A young carer's record as the API shows it to case staff.
Poco::JSON::Object::Ptr youngCarerJson(const YoungCarer& y);

// The household as the API shows it, alone and in a case (api_households.cpp).
Poco::JSON::Array::Ptr householdJson(const std::vector<HouseholdMember>& household);

// A support plan's items as the API shows them, in a plan and in a subject access document
// (api_assessments.cpp).
Poco::JSON::Array::Ptr planItemsJson(const std::vector<SupportPlanItem>& items);

}  // namespace ycr::services
