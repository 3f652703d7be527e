#pragma once
// Subject access (UK GDPR Article 15): everything the register holds about one young person, for
// the data protection officer to answer a request within the month. The auditor role is the data
// protection role. Other people's details (cared-for people's health, referrers, another child's
// record in an identity review, staff names, safeguarding detail) are included, never dropped, and
// marked "redact": true with a reason: the officer decides what is released. Every export is itself
// audited ("subject_access.export").
//
// The document is JSON (format "ycr.subject_access", schema_version 1, described in the README);
// the HTML document is rendered from that same JSON, so the two cannot disagree.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

inline constexpr const char* kSubjectAccessFormat = "ycr.subject_access";
inline constexpr int kSubjectAccessSchemaVersion = 1;

// The principal the command line acts as: the data protection role with no account (its audit rows
// have no actor and say "by the command line (USER)", USER the operating system account, as
// `ycr import` records).
Principal commandLineDataProtection();

// A record as the data protection officer first sees it: the young person, where they are held now
// (merged into another record, anonymised) and their case, if any.
struct RecordSummary {
  YoungCarer youngCarer;
  std::optional<Case> caseRecord;
};

class SubjectAccess {
 public:
  SubjectAccess(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The data protection role's search: records of every service whose names match (case- and
  // accent-insensitive), at most 50, for finding whose record a request is about. Audited as
  // young_carer.search with the count; auditor only.
  Result<Page<YoungCarer>> find(const Principal& who, const std::string& text);
  // One record and its case, for the officer's page (auditor only; audited as young_carer.read).
  Result<RecordSummary> summary(const Principal& who, Id youngCarerId);

  // The whole record of young carer `youngCarerId` (a record merged into another is followed to the
  // one it was merged into, and every record merged into that one is included). Forbidden for any
  // role but auditor; not found for an unknown id. `format` ("json" or "html") is recorded in the
  // audit row, written before the document is returned: an export not recorded is not released.
  Result<Poco::JSON::Object::Ptr> exportRecord(const Principal& who, Id youngCarerId,
                                               const std::string& format);

 private:
  Store& store_;
  const Clock& clock_;
};

// The document as JSON text (UTF-8, not ASCII-escaped) and as a printable HTML page (everything
// escaped; a heading per section; items for redaction review marked).
std::string subjectAccessJsonText(const Poco::JSON::Object::Ptr& document);
std::string subjectAccessHtml(const Poco::JSON::Object::Ptr& document);

struct Response;
// The document as an HTTP answer: JSON, or the HTML page with a policy that allows it no script.
Response subjectAccessResponse(const Poco::JSON::Object::Ptr& document, const std::string& format);

}  // namespace ycr::services
