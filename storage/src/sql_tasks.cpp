// Case tasks: work addressed to another service (adult social care assessing a cared-for adult),
// its status as that service moves it, and the history of those moves.

#include "repositories.h"

namespace ycr::storage {
namespace {

template <class E>
std::optional<E> optEnum(const std::optional<std::string>& text) {
  return text ? parseEnum<E>(*text) : std::nullopt;
}

template <class E>
Param optEnumParam(const std::optional<E>& value) {
  return value ? Param(std::string(toString(*value))) : Param(Null{});
}

constexpr const char* kTaskColumns =
    "t.id, t.case_id, t.kind, t.description, t.assigned_to, t.due, t.status, t.cared_for_person_id, "
    "t.created_at, t.organisation_id, t.outcome, t.note, t.updated_at";

CaseTask taskFromRow(const Row& r) {
  CaseTask t;
  t.id = r.i64(0);
  t.caseId = r.i64(1);
  t.kind = r.str(2);
  t.description = r.str(3);
  t.assignedTo = r.str(4);
  t.due = r.date(5);
  t.status = parseEnum<TaskStatus>(r.str(6)).value_or(TaskStatus::open);
  t.caredForPersonId = r.optId(7);
  t.createdAt = r.time(8);
  t.organisationId = r.optId(9);
  t.outcome = optEnum<TaskOutcome>(r.optStr(10));
  t.note = r.str(11);
  t.updatedAt = r.time(12);  // migration 0017 gave older rows their creation time
  return t;
}

}  // namespace

Result<Id> SqlCases::addTask(const CaseTask& t) {
  return sql_.insert(
      "INSERT INTO case_tasks(case_id, kind, description, assigned_to, due, status, cared_for_person_id, "
      "created_at, organisation_id, outcome, note, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(t.caseId), t.kind, t.description, t.assignedTo, iso(t.due),
       std::string(toString(t.status)), optId(t.caredForPersonId), iso(t.createdAt), optId(t.organisationId),
       optEnumParam(t.outcome), t.note, iso(t.createdAt)});
}

std::vector<CaseTask> SqlCases::tasks(Id caseId) {
  std::vector<CaseTask> out;
  for (auto& r : sql_.query(std::string("SELECT ") + kTaskColumns +
                                " FROM case_tasks t WHERE t.case_id = ? ORDER BY t.due, t.id",
                            {static_cast<long long>(caseId)}))
    out.push_back(taskFromRow(r));
  return out;
}

std::optional<CaseTask> SqlCases::findTask(Id taskId) {
  auto r = sql_.one(std::string("SELECT ") + kTaskColumns + " FROM case_tasks t WHERE t.id = ?",
                    {static_cast<long long>(taskId)});
  if (!r) return std::nullopt;
  return taskFromRow(*r);
}

std::vector<CaseTask> SqlCases::listTasks(const TaskQuery& q) {
  std::vector<std::string> any;
  std::vector<Param> params;
  if (q.organisationId) {
    any.push_back("t.organisation_id = ?");
    params.emplace_back(static_cast<long long>(*q.organisationId));
  }
  if (!q.unaddressedService.empty()) {
    any.push_back("(t.organisation_id IS NULL AND t.assigned_to = ?)");
    params.emplace_back(q.unaddressedService);
  }
  if (!q.caseOwnerTeam.empty()) {
    any.push_back("t.case_id IN (SELECT id FROM cases WHERE owner_team = ?)");
    params.emplace_back(q.caseOwnerTeam);
  }
  if (any.empty()) return {};  // nothing asked for: nothing, never everything
  std::string where = " WHERE (";
  for (std::size_t i = 0; i < any.size(); ++i) where += (i ? " OR " : "") + any[i];
  where += ")";
  if (q.status) {
    where += " AND t.status = ?";
    params.emplace_back(std::string(toString(*q.status)));
  }
  if (q.overdueOn) {
    where += " AND t.status IN ('open', 'accepted') AND t.due < ?";
    params.emplace_back(iso(*q.overdueOn));
  }
  params.emplace_back(static_cast<long long>(q.limit));
  std::vector<CaseTask> out;
  for (auto& r : sql_.query(std::string("SELECT ") + kTaskColumns + " FROM case_tasks t" + where +
                                " ORDER BY t.due, t.id LIMIT ?",
                            params))
    out.push_back(taskFromRow(r));
  return out;
}

Status SqlCases::updateTask(const CaseTask& t, TaskStatus expected) {
  auto n = sql_.exec(
      "UPDATE case_tasks SET status = ?, organisation_id = ?, outcome = ?, note = ?, updated_at = ? "
      "WHERE id = ? AND status = ?",
      {std::string(toString(t.status)), optId(t.organisationId), optEnumParam(t.outcome), t.note,
       iso(t.updatedAt), static_cast<long long>(t.id), std::string(toString(expected))});
  if (n == 0) {
    if (!findTask(t.id)) return DomainError::notFound("There is no task with that id");
    return DomainError::conflict("The task was changed by someone else; reload it and try again");
  }
  return {};
}

std::vector<CaseTask> SqlCases::tasksToEscalate(Date day, int limit) {
  std::vector<CaseTask> out;
  for (auto& r : sql_.query(std::string("SELECT ") + kTaskColumns +
                                " FROM case_tasks t WHERE t.escalated_on IS NULL AND t.status IN ('open', "
                                "'accepted') AND t.due < ? ORDER BY t.due, t.id LIMIT ?",
                            {iso(day), static_cast<long long>(limit)}))
    out.push_back(taskFromRow(r));
  return out;
}

Status SqlCases::markEscalated(Id taskId, Date day) {
  if (sql_.exec("UPDATE case_tasks SET escalated_on = ? WHERE id = ? AND escalated_on IS NULL",
                {iso(day), static_cast<long long>(taskId)}) == 0)
    return DomainError::conflict("The task was escalated already");
  return {};
}

Result<Id> SqlCases::appendTaskEvent(const TaskEvent& e) {
  return sql_.insert(
      "INSERT INTO task_events(task_id, case_id, at, actor_user_id, actor_organisation_id, from_status, "
      "to_status, outcome, note) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(e.taskId), static_cast<long long>(e.caseId), iso(e.at), optId(e.actorUserId),
       optId(e.actorOrganisationId), std::string(toString(e.fromStatus)), std::string(toString(e.toStatus)),
       optEnumParam(e.outcome), e.note});
}

std::vector<TaskEvent> SqlCases::taskEvents(Id caseId) {
  std::vector<TaskEvent> out;
  for (auto& r :
       sql_.query("SELECT id, task_id, case_id, at, actor_user_id, actor_organisation_id, from_status, "
                  "to_status, outcome, note FROM task_events WHERE case_id = ? ORDER BY id",
                  {static_cast<long long>(caseId)})) {
    TaskEvent e;
    e.id = r.i64(0);
    e.taskId = r.i64(1);
    e.caseId = r.i64(2);
    e.at = r.time(3);
    e.actorUserId = r.optId(4);
    e.actorOrganisationId = r.optId(5);
    e.fromStatus = parseEnum<TaskStatus>(r.str(6)).value_or(TaskStatus::open);
    e.toStatus = parseEnum<TaskStatus>(r.str(7)).value_or(TaskStatus::open);
    e.outcome = optEnum<TaskOutcome>(r.optStr(8));
    e.note = r.str(9);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace ycr::storage
