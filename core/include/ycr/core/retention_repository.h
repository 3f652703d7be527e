#pragma once
// Storage of retention (issue 26 item 3): which closed records are past their schedule, legal holds
// that stop them being anonymised, the anonymisation itself, and the reports of runs. The schedule is
// the caller's (services/usecases/include/ycr/services/retention.h); storage only answers what is past the
// two cut-offs it is given.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

struct LegalHold {
  Id id = 0;
  Id youngCarerId = 0;
  std::string reason;
  std::optional<Id> placedBy;  // empty: the command line
  Timestamp placedAt{};
  std::optional<Id> releasedBy;
  std::optional<Timestamp> releasedAt;
  std::string releaseReason;
};

// A record whose case is closed (or handed over), closed on or before the closure cut-off, whose
// young person was born on or before the age cut-off, not yet anonymised and not merged into another.
struct RetentionCandidate {
  Id youngCarerId = 0;
  Id caseId = 0;
  Timestamp closedAt{};
  Date dateOfBirth{};
  std::vector<Id> holds;   // unreleased legal holds: the record is kept while any is
  std::vector<Id> merged;  // records merged into this one, anonymised with it
};

struct RetentionRun {
  Id id = 0;
  Timestamp runAt{};
  bool dryRun = false;
  std::string startedBy;
  std::string reportJson;
};

class RetentionRepository {
 public:
  virtual ~RetentionRepository() = default;
  virtual std::vector<RetentionCandidate> due(Timestamp closedOnOrBefore, Date bornOnOrBefore, int limit) = 0;
  // Blanks or replaces every personal detail of the record and of its referrals, assessments, plans,
  // tasks and identity reviews, keeping what the commissioners' figures read. Not found for an unknown
  // or already anonymised record; a conflict while an unreleased legal hold is on it.
  virtual Status anonymise(Id youngCarerId, Timestamp at) = 0;
  virtual Result<Id> placeHold(const LegalHold& hold) = 0;
  virtual Status releaseHold(Id holdId, std::optional<Id> by, Timestamp at, const std::string& reason) = 0;
  virtual std::optional<LegalHold> findHold(Id holdId) = 0;
  virtual std::vector<LegalHold> holdsFor(Id youngCarerId) = 0;
  virtual Result<Id> saveRun(const RetentionRun& run) = 0;
  virtual Status setRunReport(Id runId, const std::string& reportJson) = 0;
  virtual std::vector<RetentionRun> runs(int limit, int offset) = 0;
};

}  // namespace ycr
