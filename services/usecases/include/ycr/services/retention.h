#pragma once
// Retention (issue 26 item 3, UK GDPR Article 5(1)(e)): a closed record is kept until both the young
// person's `untilAge` birthday and `afterClosureYears` years after the case closed have passed, then
// anonymised in place. The default, until the 25th birthday and at least 6 years after closure, follows
// the practice many councils use for children's social care records (kept until the 25th birthday),
// with the six years of the usual limitation period for claims after the last contact; a council with
// a different schedule (much longer for looked-after children) sets its own. Periods are configuration,
// never code (Config::retention).
//
// Anonymised, never deleted: the stub keeps only what the commissioners' figures read (gender,
// ethnicity, date of birth, school, the postcode's outward code, and the dates, routes and states of
// its referrals, case and assessments), so historical figures do not move; names, address, full
// postcode, NHS number, GP practice and every free text go (storage/src/retention_repository.cpp
// lists them). Deleting rows would change the figures the issue requires to stay the same.
//
// A legal hold placed by the data protection role (auditor) stops it until released. Each run writes
// a report (counts and record ids, never names) to retention_runs and the audit trail.

#include <Poco/JSON/Object.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"
#include "ycr/services/config.h"
#include "ycr/services/periodic_worker.h"

namespace ycr::services {

// One record the schedule has reached: when it became due, and the holds that keep it.
struct RetentionDue {
  Id youngCarerId = 0;
  Id caseId = 0;
  Date closedOn{};
  Date dueOn{};  // the later of the closure anniversary and the birthday
  std::vector<Id> holds;
  std::vector<Id> merged;
};

struct RetentionReport {
  Id runId = 0;
  Timestamp runAt{};
  bool dryRun = false;
  std::string startedBy;
  RetentionSettings schedule;
  std::vector<Id> anonymised;  // a dry run: would be
  std::vector<Id> held;
  std::vector<Id> failed;
};

Poco::JSON::Object::Ptr retentionReportJson(const RetentionReport& report);
Poco::JSON::Object::Ptr retentionDueJson(const RetentionDue& due);
Poco::JSON::Object::Ptr legalHoldJson(const LegalHold& hold);

class Retention {
 public:
  Retention(Store& store, const Clock& clock, RetentionSettings settings)
      : store_(store), clock_(clock), settings_(settings) {}
  const RetentionSettings& settings() const { return settings_; }

  // What a run now would do (auditor only; audited).
  Result<std::vector<RetentionDue>> due(const Principal& who);
  // Anonymises every due record not held (none for a dry run), each in its own transaction with its
  // audit entry, then saves and audits the report. `who` is the auditor, the command line or the
  // schedule (retentionSchedule()).
  Result<RetentionReport> run(const Principal& who, bool dryRun);
  Result<LegalHold> placeHold(const Principal& who, Id youngCarerId, const std::string& reason);
  Result<LegalHold> releaseHold(const Principal& who, Id holdId, const std::string& reason);
  Result<std::vector<LegalHold>> holds(const Principal& who, Id youngCarerId);
  Result<std::vector<RetentionRun>> runs(const Principal& who, int limit, int offset);
  // Erasure on request (UK GDPR Article 17), before the schedule reaches the record: the same
  // anonymisation, audited as young_carer.erase with the reason. Refused (409) while the case is open,
  // a legal hold keeps the record, or it was merged into another (erase that one).
  Result<YoungCarer> erase(const Principal& who, Id youngCarerId, const std::string& reason);

 private:
  std::vector<RetentionDue> dueNow(Transaction& tx);
  Status anonymiseOne(const Principal& who, const RetentionDue& due);
  Status saveReport(const Principal& who, RetentionReport& report);
  Store& store_;
  const Clock& clock_;
  RetentionSettings settings_;
};

// Why a record may not be corrected: it was merged into another, or anonymised (never filled in again).
std::optional<DomainError> refuseCorrection(const YoungCarer& record);

// The principal of the daily run inside `ycr serve`: the data protection role, no account.
Principal retentionSchedule();

// The daily run inside `ycr serve`: once a day at or after runHour (UK local), checked every minute.
// The day a record falls due under the schedule: once its young person has reached untilAge and
// afterClosureYears have passed since its case closed (or since its last change, for a record that
// never had a case).
Date retentionDueOn(const RetentionSettings& settings, const Date& dateOfBirth, const Date& closedOn);

class RetentionWorker {
 public:
  RetentionWorker(Store& store, const Clock& clock, RetentionSettings settings);
  void start() { worker_.start(); }
  void stop() { worker_.stop(); }
  // One check: runs when the hour has come and today has no run yet; true when it ran.
  bool runIfDue();

 private:
  Retention retention_;
  const Clock& clock_;
  RetentionSettings settings_;
  std::optional<Date> lastRun_;
  PeriodicWorker worker_;  // last: stopped before the rest goes
};

// None when retention_daily is off (one line in the log says so).
std::unique_ptr<RetentionWorker> startRetentionWorker(Store& store, const Clock& clock,
                                                      const RetentionSettings& settings);

}  // namespace ycr::services
