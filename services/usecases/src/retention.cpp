// Retention: the schedule's two cut-offs, the run (one transaction per record, each with its audit
// entry), legal holds and the reports. The SQL is storage's (storage/src/retention_repository.cpp).

#include "ycr/services/retention.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <sstream>

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Array::Ptr idArray(const std::vector<Id>& ids) {
  Array::Ptr a = new Array;
  for (Id id : ids) a->add(id);
  return a;
}

Status onlyDataProtection(const Principal& who) {
  if (who.role != Role::auditor)
    return DomainError::forbidden("Only the data protection role (auditor) may manage retention.");
  return {};
}

// Audit rows of the command line and the schedule have no actor; the detail says who.
AuditEvent auditOf(const Principal& who, Timestamp at, const std::string& action, const std::string& type,
                   const std::string& id) {
  if (who.userId <= 0) return unattributedEvent(at, action, type, id, "by " + who.displayName);
  return auditEventFor(who, at, action, type, id);
}

std::string startedByOf(const Principal& who) {
  return who.userId > 0 ? "user " + std::to_string(who.userId) : who.displayName;
}

std::string countsText(const RetentionReport& r) {
  std::ostringstream out;
  out << (r.dryRun ? "dry run: " : "") << r.anonymised.size() << (r.dryRun ? " due" : " anonymised") << ", "
      << r.held.size() << " held, " << r.failed.size() << " failed";
  return out.str();
}

Result<LegalHold> saveHold(Transaction& tx, const Principal& who, LegalHold hold, Timestamp now) {
  hold.placedAt = now;
  if (who.userId > 0) hold.placedBy = who.userId;
  auto id = tx.retention().placeHold(hold);
  if (!id) return id.error();
  hold.id = *id;
  auto e = auditOf(who, now, "legal_hold.place", "young_carer", std::to_string(hold.youngCarerId));
  e.detail = (e.detail.empty() ? "" : e.detail + "; ") + "hold " + std::to_string(hold.id);
  e.reason = hold.reason;
  if (auto s = tx.audit().append(e); !s) return s.error();
  if (auto s = tx.commit(); !s) return s.error();
  return hold;
}

Status requireReason(const std::string& reason) {
  if (reason.empty() || reason.size() > 2000)
    return DomainError::field("reason", "required", "Give the reason (up to 2000 characters)");
  return {};
}

}  // namespace

std::optional<DomainError> refuseCorrection(const YoungCarer& record) {
  if (record.mergedInto)
    return DomainError::conflict("This record was merged into record " + std::to_string(*record.mergedInto));
  if (record.anonymisedAt)
    return DomainError::conflict("This record was anonymised under the retention schedule");
  return std::nullopt;
}

Principal retentionSchedule() {
  Principal p;
  p.username = "schedule";
  p.displayName = "the daily retention schedule";
  p.role = Role::auditor;
  return p;
}

Object::Ptr retentionReportJson(const RetentionReport& r) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", r.runId);
  o->set("run_at", formatIsoTimestamp(r.runAt));
  o->set("dry_run", r.dryRun);
  o->set("started_by", r.startedBy);
  Object::Ptr schedule = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  schedule->set("after_closure_years", r.schedule.afterClosureYears);
  schedule->set("until_age", r.schedule.untilAge);
  o->set("schedule", schedule);
  Object::Ptr counts = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  counts->set(r.dryRun ? "due" : "anonymised", static_cast<Poco::UInt64>(r.anonymised.size()));
  counts->set("held", static_cast<Poco::UInt64>(r.held.size()));
  counts->set("failed", static_cast<Poco::UInt64>(r.failed.size()));
  o->set("counts", counts);
  o->set(r.dryRun ? "due" : "anonymised", idArray(r.anonymised));
  o->set("held", idArray(r.held));
  o->set("failed", idArray(r.failed));
  return o;
}

Object::Ptr retentionDueJson(const RetentionDue& d) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("young_carer_id", d.youngCarerId);
  o->set("case_id", d.caseId ? Poco::Dynamic::Var(d.caseId) : Poco::Dynamic::Var());  // none: never referred
  o->set("closed_on", formatIsoDate(d.closedOn));
  o->set("due_on", formatIsoDate(d.dueOn));
  o->set("held", !d.holds.empty());
  o->set("legal_holds", idArray(d.holds));
  o->set("merged_records", idArray(d.merged));
  return o;
}

Object::Ptr legalHoldJson(const LegalHold& h) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", h.id);
  o->set("young_carer_id", h.youngCarerId);
  o->set("reason", h.reason);
  o->set("placed_by", h.placedBy ? Poco::Dynamic::Var(*h.placedBy) : Poco::Dynamic::Var());
  o->set("placed_at", formatIsoTimestamp(h.placedAt));
  o->set("released", h.releasedAt.has_value());
  o->set("released_by", h.releasedBy ? Poco::Dynamic::Var(*h.releasedBy) : Poco::Dynamic::Var());
  o->set("released_at",
         h.releasedAt ? Poco::Dynamic::Var(formatIsoTimestamp(*h.releasedAt)) : Poco::Dynamic::Var());
  o->set("release_reason", h.releaseReason);
  return o;
}

Date retentionDueOn(const RetentionSettings& settings, const Date& dateOfBirth, const Date& closedOn) {
  return std::max(addMonths(closedOn, 12 * settings.afterClosureYears),
                  dateOfReachingAge(dateOfBirth, settings.untilAge));
}

std::vector<RetentionDue> Retention::dueNow(Transaction& tx) {
  // Due when both anniversaries have passed: closed on or before today less the years after closure,
  // and born on or before today less the age.
  const Date today = clock_.today();
  const Date closedBy = addMonths(today, -12 * settings_.afterClosureYears);
  const Timestamp closedBefore = ukStartOfDay(addDays(closedBy, 1)) - std::chrono::seconds(1);
  const Date bornBy = addMonths(today, -12 * settings_.untilAge);
  std::vector<RetentionDue> out;
  for (auto& c : tx.retention().due(closedBefore, bornBy, settings_.batchLimit)) {
    RetentionDue d;
    d.youngCarerId = c.youngCarerId;
    d.caseId = c.caseId;
    d.closedOn = ukLocalDate(c.closedAt);
    d.dueOn = retentionDueOn(settings_, c.dateOfBirth, d.closedOn);
    d.holds = std::move(c.holds);
    d.merged = std::move(c.merged);
    out.push_back(std::move(d));
  }
  return out;
}

Result<std::vector<RetentionDue>> Retention::due(const Principal& who) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  auto tx = store_.begin(false);
  auto found = dueNow(*tx);
  auto e = auditOf(who, clock_.now(), "retention.due", "retention", "");
  e.detail = (e.detail.empty() ? "" : e.detail + "; ") + std::to_string(found.size()) + " due";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return found;
}

Status Retention::anonymiseOne(const Principal& who, const RetentionDue& due) {
  auto tx = store_.begin(true);
  const Timestamp now = clock_.now();
  if (auto s = tx->retention().anonymise(due.youngCarerId, now); !s) return s;
  auto e = auditOf(who, now, "retention.anonymise", "young_carer", std::to_string(due.youngCarerId));
  e.reason =
      "retention schedule: closed " + formatIsoDate(due.closedOn) + ", due " + formatIsoDate(due.dueOn);
  if (!due.merged.empty()) e.detail += std::string(e.detail.empty() ? "" : "; ") + "with merged records";
  if (auto s = tx->audit().append(e); !s) return s;
  return tx->commit();
}

Status Retention::saveReport(const Principal& who, RetentionReport& report) {
  auto tx = store_.begin(true);
  RetentionRun run{0, report.runAt, report.dryRun, report.startedBy, ""};
  run.reportJson = "{}";
  auto id = tx->retention().saveRun(run);
  if (!id) return id.error();
  report.runId = *id;
  std::ostringstream json;
  retentionReportJson(report)->stringify(json);
  auto e = auditOf(who, report.runAt, "retention.run", "retention_run", std::to_string(*id));
  e.detail = (e.detail.empty() ? "" : e.detail + "; ") + countsText(report);
  if (auto s = tx->audit().append(e); !s) return s;
  if (auto s = tx->retention().setRunReport(*id, json.str()); !s) return s;
  return tx->commit();
}

Result<RetentionReport> Retention::run(const Principal& who, bool dryRun) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  RetentionReport report;
  report.runAt = clock_.now();
  report.dryRun = dryRun;
  report.startedBy = startedByOf(who);
  report.schedule = settings_;
  std::vector<RetentionDue> due;
  {
    auto tx = store_.begin(false);
    due = dueNow(*tx);
  }
  for (const auto& d : due) {
    if (!d.holds.empty()) {
      report.held.push_back(d.youngCarerId);
    } else if (dryRun) {
      report.anonymised.push_back(d.youngCarerId);
    } else if (auto s = anonymiseOne(who, d); s) {
      report.anonymised.push_back(d.youngCarerId);
    } else {
      report.failed.push_back(d.youngCarerId);
    }
  }
  if (auto s = saveReport(who, report); !s) return s.error();
  return report;
}

Result<LegalHold> Retention::placeHold(const Principal& who, Id youngCarerId, const std::string& reason) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  if (auto s = requireReason(reason); !s) return s.error();
  auto tx = store_.begin(true);
  auto record = tx->youngCarers().findById(youngCarerId);
  if (!record) return DomainError::notFound("No such young carer");
  if (record->anonymisedAt) return DomainError::conflict("The record is already anonymised");
  LegalHold hold;
  hold.youngCarerId = youngCarerId;
  hold.reason = reason;
  return saveHold(*tx, who, hold, clock_.now());
}

Result<LegalHold> Retention::releaseHold(const Principal& who, Id holdId, const std::string& reason) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  if (auto s = requireReason(reason); !s) return s.error();
  auto tx = store_.begin(true);
  auto hold = tx->retention().findHold(holdId);
  if (!hold) return DomainError::notFound("No such legal hold");
  const Timestamp now = clock_.now();
  std::optional<Id> by;
  if (who.userId > 0) by = who.userId;
  if (auto s = tx->retention().releaseHold(holdId, by, now, reason); !s) return s.error();
  auto e = auditOf(who, now, "legal_hold.release", "young_carer", std::to_string(hold->youngCarerId));
  e.detail = (e.detail.empty() ? "" : e.detail + "; ") + "hold " + std::to_string(holdId);
  e.reason = reason;
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  hold->releasedAt = now;
  hold->releasedBy = by;
  hold->releaseReason = reason;
  return *hold;
}

Result<std::vector<LegalHold>> Retention::holds(const Principal& who, Id youngCarerId) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  auto tx = store_.begin(false);
  if (!tx->youngCarers().findById(youngCarerId)) return DomainError::notFound("No such young carer");
  return tx->retention().holdsFor(youngCarerId);
}

Result<std::vector<RetentionRun>> Retention::runs(const Principal& who, int limit, int offset) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  auto tx = store_.begin(false);
  return tx->retention().runs(limit, offset);
}

Result<YoungCarer> Retention::erase(const Principal& who, Id youngCarerId, const std::string& reason) {
  if (auto s = onlyDataProtection(who); !s) return s.error();
  if (auto s = requireReason(reason); !s) return s.error();
  auto tx = store_.begin(true);
  auto record = tx->youngCarers().findById(youngCarerId);
  if (!record) return DomainError::notFound("No such young carer");
  if (auto refused = refuseCorrection(*record)) return *refused;
  auto c = tx->cases().findByYoungCarer(youngCarerId);
  if (c && c->state != CaseState::closed && c->state != CaseState::handed_over)
    return DomainError::conflict("The case is open: close it before erasing the record");
  const Timestamp now = clock_.now();
  if (auto s = tx->retention().anonymise(youngCarerId, now); !s) return s.error();
  auto e = auditOf(who, now, "young_carer.erase", "young_carer", std::to_string(youngCarerId));
  e.reason = reason;
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto erased = tx->youngCarers().findById(youngCarerId);
  if (auto s = tx->commit(); !s) return s.error();
  return *erased;
}

}  // namespace ycr::services
