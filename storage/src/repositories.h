#pragma once
// SQL implementations of core's repositories, each bound to one connection for the life
// of a Transaction. Shared by every SQL backend; dialect differences are kept out of here.

#include "ycr/core/repositories.h"
#include "ycr/core/young_person.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

// A cared-for person's conditions as stored: their names, comma-separated (sql_households.cpp).
std::string joinConditions(const std::vector<Condition>& conditions);

class SqlOrganisations final : public OrganisationRepository {
 public:
  explicit SqlOrganisations(Sql& sql) : sql_(sql) {}
  Result<Id> create(const Organisation& org) override;
  std::optional<Organisation> findById(Id id) override;
  std::optional<Organisation> findByName(const std::string& name) override;
  std::vector<Organisation> list() override;
  std::vector<Organisation> activeOfKind(OrganisationKind kind, std::size_t limit) override;

 private:
  Sql& sql_;
};

class SqlUsers final : public UserRepository {
 public:
  explicit SqlUsers(Sql& sql) : sql_(sql) {}
  Result<Id> create(const User& user) override;
  std::optional<User> findById(Id id) override;
  std::optional<User> findByUsername(const std::string& username) override;
  std::vector<User> list() override;
  std::vector<User> activeAt(Id organisationId, Role role) override;
  Status setActive(Id id, bool active) override;
  Status setPasswordHash(Id id, const std::string& hash) override;
  Status setMustChangePassword(Id id, bool must) override;
  Status setTotpSecret(Id id, const std::string& secret) override;
  Result<bool> acceptTotpStep(Id id, long long step) override;
  Status replaceRecoveryCodes(Id id, const std::vector<std::string>& codeHashes) override;
  Result<bool> useRecoveryCode(Id id, const std::string& codeHash) override;
  int unusedRecoveryCodes(Id id) override;

 private:
  Sql& sql_;
};

class SqlSessions final : public SessionRepository {
 public:
  explicit SqlSessions(Sql& sql) : sql_(sql) {}
  Status create(const SessionRecord& session) override;
  std::optional<SessionRecord> find(const std::string& tokenHash) override;
  Status touch(const std::string& tokenHash, Timestamp at) override;
  Status revoke(const std::string& tokenHash) override;
  Status revokeAllForUser(Id userId) override;
  std::vector<SessionRecord> listActiveForUser(Id userId, Timestamp now) override;
  Status revokeAllForUserExcept(Id userId, const std::string& keepTokenHash) override;
  Status completeSecondFactor(const std::string& tokenHash) override;

 private:
  Sql& sql_;
};

class SqlYoungCarers final : public YoungCarerRepository {
 public:
  explicit SqlYoungCarers(Sql& sql) : sql_(sql) {}
  Result<Id> create(const YoungCarer& yc) override;
  std::optional<YoungCarer> findById(Id id) override;
  Status update(const YoungCarer& yc) override;
  Page<YoungCarer> search(const YoungCarerQuery& query) override;
  std::optional<Id> findExact(const std::string& givenName, const std::string& familyName,
                              const Date& dateOfBirth, const std::string& postcode) override;
  std::vector<CaredForPerson> caredFor(Id youngCarerId) override;
  void forEachLive(Id after, const std::function<void(const YoungCarer&)>& visit) override;
  void forEachIdentityKey(const std::function<void(std::string_view)>& visit) override;
  std::pair<std::int64_t, std::int64_t> changeRange() override;
  std::vector<std::pair<Id, std::optional<YoungCarer>>> changedSince(std::int64_t seq) override;
  std::vector<Id> changedIdsSince(std::int64_t seq) override;
  void pruneChanges(std::int64_t keep) override;
  // The people cared for and households are in sql_households.cpp.
  Result<Id> addCaredFor(const CaredForPerson& person, std::optional<Id> referralId) override;
  std::optional<CaredForPerson> findCaredFor(Id caredForId) override;
  std::vector<CaredForPerson> caringFor(Id personId) override;
  Result<Id> linkCaredFor(Id caredForId, std::optional<Id> personId) override;

 private:
  Sql& sql_;
};

class SqlReferrals final : public ReferralRepository {
 public:
  explicit SqlReferrals(Sql& sql) : sql_(sql) {}
  Result<Id> create(const Referral& referral) override;
  std::optional<Referral> findByReference(const std::string& reference) override;
  Page<Referral> listByOrganisation(std::optional<Id> organisationId, int limit, int offset) override;
  Page<Referral> listForService(const std::string& ownerTeam, int limit, int offset) override;
  std::vector<Referral> listForCase(Id caseId) override;

 private:
  Sql& sql_;
};

class SqlCases final : public CaseRepository {
 public:
  explicit SqlCases(Sql& sql) : sql_(sql) {}
  Result<Id> create(const Case& c) override;
  std::optional<Case> findById(Id id) override;
  std::optional<Case> findByYoungCarer(Id youngCarerId) override;
  Status update(const Case& c) override;
  Page<Case> list(const CaseQuery& query) override;
  Result<Id> appendEvent(const CaseEvent& event) override;
  std::vector<CaseEvent> timeline(Id caseId) override;
  Result<Id> addTask(const CaseTask& task) override;
  std::vector<CaseTask> tasks(Id caseId) override;
  // The task methods are in sql_tasks.cpp.
  std::optional<CaseTask> findTask(Id taskId) override;
  std::vector<CaseTask> listTasks(const TaskQuery& query) override;
  Status updateTask(const CaseTask& task, TaskStatus expected) override;
  Result<Id> appendTaskEvent(const TaskEvent& event) override;
  std::vector<TaskEvent> taskEvents(Id caseId) override;
  std::vector<CaseTask> tasksToEscalate(Date day, int limit) override;
  Status markEscalated(Id taskId, Date day) override;

 private:
  Sql& sql_;
};

class SqlAuditLog final : public AuditLog {
 public:
  explicit SqlAuditLog(Sql& sql) : sql_(sql) {}
  Status append(AuditEvent event) override;
  Page<AuditEvent> query(const AuditQuery& query) override;
  // Reads entries in sequence order, in batches, for verification.
  std::vector<AuditEvent> range(std::int64_t fromSeq, int limit);

 private:
  Sql& sql_;
};

// The folded names that search matches against.
std::string searchKeyFor(const YoungCarer& yc);

}  // namespace ycr::storage
