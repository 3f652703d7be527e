#pragma once
// The storage contract. storage/ implements it for SQLite (tests/storage checks that
// implementation; PostgreSQL is not wired yet, issue 24). Everything a use case reads or writes in
// one request happens inside one Transaction, so a change and its audit row commit together.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/activity_repository.h"
#include "ycr/core/administration_repository.h"
#include "ycr/core/assessment_repository.h"
#include "ycr/core/consent.h"
#include "ycr/core/feedback.h"
#include "ycr/core/idcard_repository.h"
#include "ycr/core/identity_repository.h"
#include "ycr/core/import_repository.h"
#include "ycr/core/model.h"
#include "ycr/core/notice_repository.h"
#include "ycr/core/page.h"
#include "ycr/core/result.h"
#include "ycr/core/retention_repository.h"
#include "ycr/core/school_attendance.h"
#include "ycr/core/school_champion.h"
#include "ycr/core/sign_in_throttle_repository.h"
#include "ycr/core/statistics_repository.h"
#include "ycr/core/survey.h"

namespace ycr {

class OrganisationRepository {
 public:
  virtual ~OrganisationRepository() = default;
  virtual Result<Id> create(const Organisation& org) = 0;
  virtual std::optional<Organisation> findById(Id id) = 0;
  virtual std::optional<Organisation> findByName(const std::string& name) = 0;
  virtual std::vector<Organisation> list() = 0;
  // The active organisations of one kind, at most `limit` of them (by id): addressing a task asks
  // whether there is exactly one, at every referral, without reading every school on the register.
  virtual std::vector<Organisation> activeOfKind(OrganisationKind kind, std::size_t limit) = 0;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<Id> create(const User& user) = 0;
  virtual std::optional<User> findById(Id id) = 0;
  virtual std::optional<User> findByUsername(const std::string& username) = 0;
  virtual std::vector<User> list() = 0;
  // The organisation's active accounts in one role, by username.
  virtual std::vector<User> activeAt(Id organisationId, Role role) = 0;
  virtual Status setActive(Id id, bool active) = 0;
  virtual Status setPasswordHash(Id id, const std::string& hash) = 0;
  // Whether the account's password must be replaced at the next sign-in (a one-time password).
  virtual Status setMustChangePassword(Id id, bool must) = 0;
  // Enrols (non-empty secret) or removes (empty) the second factor; removing it also removes the
  // recovery codes.
  virtual Status setTotpSecret(Id id, const std::string& secret) = 0;
  // Records the time step of an accepted code; false when that step or a later one was already used.
  virtual Result<bool> acceptTotpStep(Id id, long long step) = 0;
  // Replaces the account's single-use recovery codes (stored as hashes).
  virtual Status replaceRecoveryCodes(Id id, const std::vector<std::string>& codeHashes) = 0;
  // Uses a recovery code once: true when an unused code with this hash existed.
  virtual Result<bool> useRecoveryCode(Id id, const std::string& codeHash) = 0;
  virtual int unusedRecoveryCodes(Id id) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status create(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> find(const std::string& tokenHash) = 0;
  virtual Status touch(const std::string& tokenHash, Timestamp at) = 0;
  virtual Status revoke(const std::string& tokenHash) = 0;
  virtual Status revokeAllForUser(Id userId) = 0;
  // The user's sessions not revoked and not past their absolute expiry, newest first.
  virtual std::vector<SessionRecord> listActiveForUser(Id userId, Timestamp now) = 0;
  // Ends every session of the user but one (after a password change, from the session that made it).
  virtual Status revokeAllForUserExcept(Id userId, const std::string& keepTokenHash) = 0;
  // The second factor was given: the session is a full one from now on.
  virtual Status completeSecondFactor(const std::string& tokenHash) = 0;
};

struct YoungCarerQuery {
  std::string text;  // matched against names, case- and accent-insensitive
  int limit = 20;
  int offset = 0;
  // When set, only young carers with no case or with a case owned by this service (team).
  std::string visibleToService;
};

class YoungCarerRepository {
 public:
  virtual ~YoungCarerRepository() = default;
  virtual Result<Id> create(const YoungCarer& yc) = 0;
  virtual std::optional<YoungCarer> findById(Id id) = 0;
  virtual Status update(const YoungCarer& yc) = 0;
  virtual Page<YoungCarer> search(const YoungCarerQuery& query) = 0;
  // Exact identity after normalisation: names folded, same date of birth and postcode.
  virtual std::optional<Id> findExact(const std::string& givenName, const std::string& familyName,
                                      const Date& dateOfBirth, const std::string& postcode) = 0;
  virtual std::vector<CaredForPerson> caredFor(Id youngCarerId) = 0;
  // Every record with an id above `after` not merged into another, in id order, read in batches
  // (for the match index).
  virtual void forEachLive(Id after, const std::function<void(const YoungCarer&)>& visit) = 0;
  // The exact identity (identityKey) of every record, merged ones included, in no order.
  virtual void forEachIdentityKey(const std::function<void(std::string_view)>& visit) = 0;
  // The log of changed records (new, corrected, merged, unmerged, removed), by sequence number:
  // the first and last kept (0 when empty), each record changed after `seq` as it is now (none:
  // removed) or only their ids, and pruning all but the newest `keep` entries.
  virtual std::pair<std::int64_t, std::int64_t> changeRange() = 0;
  virtual std::vector<std::pair<Id, std::optional<YoungCarer>>> changedSince(std::int64_t seq) = 0;
  virtual std::vector<Id> changedIdsSince(std::int64_t seq) = 0;
  virtual void pruneChanges(std::int64_t keep) = 0;
  // A person's personId links them to that household member; 0 makes them a new one.
  virtual Result<Id> addCaredFor(const CaredForPerson& person, std::optional<Id> referralId) = 0;
  // Households (migration 0020): one cared-for row by its id, every row (of any record) describing
  // the same household member, and linking a row to a member (`personId`) or to a new one of its own
  // (nullopt). Returns the member the row links to now.
  virtual std::optional<CaredForPerson> findCaredFor(Id caredForId) = 0;
  virtual std::vector<CaredForPerson> caringFor(Id personId) = 0;
  virtual Result<Id> linkCaredFor(Id caredForId, std::optional<Id> personId) = 0;
};

class ReferralRepository {
 public:
  virtual ~ReferralRepository() = default;
  virtual Result<Id> create(const Referral& referral) = 0;
  virtual std::optional<Referral> findByReference(const std::string& reference) = 0;
  virtual Page<Referral> listByOrganisation(std::optional<Id> organisationId, int limit, int offset) = 0;
  // Referrals whose case is owned by this service (team), newest first.
  virtual Page<Referral> listForService(const std::string& ownerTeam, int limit, int offset) = 0;
  virtual std::vector<Referral> listForCase(Id caseId) = 0;
};

struct CaseQuery {
  std::optional<CaseState> state;
  std::optional<Id> ownerUserId;
  std::string ownerTeam;
  bool overdueOnly = false;
  bool openOnly = false;
  Date today{};
  int limit = 50;
  int offset = 0;
};

// Which tasks to list: those addressed to an organisation, those of a kind of service not yet
// addressed to any organisation, and those of cases a team owns (each only when set; any matching
// one of them is listed), optionally of one status. Most urgent first.
struct TaskQuery {
  std::optional<Id> organisationId;
  std::string unaddressedService;  // e.g. "adult_social_care": unaddressed tasks for that service
  std::string caseOwnerTeam;
  std::optional<TaskStatus> status;
  // Only the tasks overdue on this day: not completed or cancelled, and due before it.
  std::optional<Date> overdueOn;
  int limit = 200;
};

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;
  virtual Result<Id> create(const Case& c) = 0;
  virtual std::optional<Case> findById(Id id) = 0;
  virtual std::optional<Case> findByYoungCarer(Id youngCarerId) = 0;
  // Refuses with a conflict when the stored version is not c.version (someone else moved it).
  virtual Status update(const Case& c) = 0;
  // Overdue first (by due date), then by due date.
  virtual Page<Case> list(const CaseQuery& query) = 0;
  virtual Result<Id> appendEvent(const CaseEvent& event) = 0;
  virtual std::vector<CaseEvent> timeline(Id caseId) = 0;
  virtual Result<Id> addTask(const CaseTask& task) = 0;
  virtual std::vector<CaseTask> tasks(Id caseId) = 0;
  virtual std::optional<CaseTask> findTask(Id taskId) = 0;
  virtual std::vector<CaseTask> listTasks(const TaskQuery& query) = 0;
  // Stores the task's status, organisation, outcome and note when its stored status is still
  // `expected`; a conflict otherwise (someone else moved it first).
  virtual Status updateTask(const CaseTask& task, TaskStatus expected) = 0;
  virtual Result<Id> appendTaskEvent(const TaskEvent& event) = 0;
  // Every task status change on a case, oldest first.
  virtual std::vector<TaskEvent> taskEvents(Id caseId) = 0;
  // Open or accepted tasks due before `day` and not escalated yet, oldest due first.
  virtual std::vector<CaseTask> tasksToEscalate(Date day, int limit) = 0;
  // Marks the task escalated on `day`; a conflict when it already was (another worker was first).
  virtual Status markEscalated(Id taskId, Date day) = 0;
};

struct AuditQuery {
  std::string recordType;
  std::string recordId;
  std::optional<Id> actorUserId;
  std::optional<Timestamp> from;
  std::optional<Timestamp> to;
  int limit = 100;
  int offset = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends with the next sequence number and a hash chained to the previous entry.
  virtual Status append(AuditEvent event) = 0;
  virtual Page<AuditEvent> query(const AuditQuery& query) = 0;
};

// What a writer asks to be done at its place in the order of writes (Transaction::commit).
struct CommitHooks {
  // Called once the transaction's work is in the commit that will hold it, before that commit is on
  // disk and before any later writer starts: for in-memory state that must follow the database's
  // order of writes (the match index), and for locks that need be held only so far.
  std::function<void()> joined;
  // Called if that commit then fails, still before any later writer starts: undoes `joined`.
  std::function<void()> abandoned;
};

// One unit of work. Destroying it without commit() rolls everything back. A writing transaction's
// repositories are not to be used after commit(): its connection may be another writer's by then.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual OrganisationRepository& organisations() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual YoungCarerRepository& youngCarers() = 0;
  virtual ReferralRepository& referrals() = 0;
  virtual CaseRepository& cases() = 0;
  virtual AuditLog& audit() = 0;
  virtual IdCardRepository& idCards() = 0;
  virtual AssessmentRepository& assessments() = 0;
  virtual AdministrationRepository& administration() = 0;
  virtual StatisticsRepository& statistics() = 0;
  virtual MatchReviewRepository& matchReviews() = 0;
  virtual MergeRepository& merges() = 0;
  virtual SignInThrottleRepository& signInThrottle() = 0;
  virtual ImportRepository& imports() = 0;
  virtual NoticeRepository& notices() = 0;
  virtual ActivityRepository& activities() = 0;
  virtual RetentionRepository& retention() = 0;
  virtual ConsentRepository& consents() = 0;
  virtual SchoolAttendanceRepository& schoolAttendance() = 0;
  virtual SchoolChampionRepository& schoolChampions() = 0;
  virtual FeedbackRepository& feedback() = 0;
  virtual SurveyRepository& surveys() = 0;
  // Returns once the commit holding this transaction's work is on disk, with that commit's outcome.
  virtual Status commit(const CommitHooks& hooks) = 0;
  Status commit() { return commit(CommitHooks{}); }
};

class Store {
 public:
  virtual ~Store() = default;
  // A writing transaction takes the write lock at once, so it cannot fail half-way on a lock upgrade.
  virtual std::unique_ptr<Transaction> begin(bool write) = 0;
  // A writing transaction in a run of many large ones (an import's batches): as durable as any,
  // but the store may leave its housekeeping to the end of the run.
  virtual std::unique_ptr<Transaction> beginBulk() { return begin(true); }
  virtual Status healthCheck() = 0;
};

// Appends one audit entry in a writing transaction of its own. Audited reads use it: the record is
// read in a reading transaction, beside the writers, and only its audit entry takes a writer's turn
// (sharing a durable commit with the writers of the moment). The read is answered after this returns.
Status appendAudit(Store& store, AuditEvent event);
// The same after ending the reading transaction the record was read in, so that its connection is back
// in the pool before this waits for a writer's turn (a reader waiting for a writer must not hold one).
Status appendAudit(Store& store, std::unique_ptr<Transaction> reading, AuditEvent event);

}  // namespace ycr
