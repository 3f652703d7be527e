#include "ycr/services/tasks.h"

#include <algorithm>

#include "ycr/services/notices.h"
#include "ycr/services/policy.h"

namespace ycr::services {

std::optional<Organisation> soleOrganisationFor(Transaction& tx, OrganisationKind kind) {
  auto found = tx.organisations().activeOfKind(kind, 2);
  if (found.size() != 1) return std::nullopt;  // none, or several: which one is a matter for routing by area
  return std::move(found.front());
}

std::optional<Organisation> soleOrganisationFor(Transaction& tx, const CaseTask& task) {
  const auto kind = parseEnum<OrganisationKind>(task.assignedTo);
  if (!kind) return std::nullopt;
  return soleOrganisationFor(tx, *kind);
}

std::string addresseeName(Transaction& tx, const CaseTask& task) {
  if (task.organisationId) {
    if (auto o = tx.organisations().findById(*task.organisationId)) return o->name;
  } else if (auto o = soleOrganisationFor(tx, task)) {
    return o->name;
  }
  // Not addressed to an organisation (yet): the kind of service, as words.
  std::string words = task.assignedTo;
  std::replace(words.begin(), words.end(), '_', ' ');
  if (!words.empty() && words[0] >= 'a' && words[0] <= 'z')
    words[0] = static_cast<char>(words[0] - 'a' + 'A');
  return words;
}

int workingDaysOverdue(const CaseTask& task, const Date& today,
                       const pathways::WorkingDayCalendar& calendar) {
  if (task.status != TaskStatus::open && task.status != TaskStatus::accepted) return 0;
  return std::max(0, calendar.workingDaysBetween(task.due, today));
}

Tasks::Tasks(Store& store, const Clock& clock, const pathways::WorkingDayCalendar& calendar)
    : store_(store), clock_(clock), calendar_(calendar) {}

TaskView Tasks::viewOf(Transaction& tx, const CaseTask& task) const {
  TaskView v;
  v.task = task;
  v.addressedTo = addresseeName(tx, task);
  v.workingDaysOverdue = workingDaysOverdue(task, clock_.today(), calendar_);
  if (auto c = tx.cases().findById(task.caseId)) {
    v.caseService = c->ownerTeam;
    if (task.caredForPersonId)
      for (auto& p : tx.youngCarers().caredFor(c->youngCarerId))
        if (p.id == *task.caredForPersonId) v.caredFor = std::move(p);
  }
  return v;
}

// One scoping for every list of tasks, on screen or exported.
std::vector<TaskView> Tasks::scopedTasks(Transaction& tx, const Principal& who,
                                         std::optional<TaskStatus> status, bool overdueOnly,
                                         int limit) const {
  TaskQuery q;
  q.status = status;
  q.limit = limit;
  // Past the due day in the store; past a working day after it here (a Friday's task is not overdue
  // on Saturday).
  if (overdueOnly) q.overdueOn = clock_.today();
  if (who.role == Role::referrer || policy::worksCases(who)) {
    q.organisationId = who.organisationId;
    if (auto sole = soleOrganisationFor(tx, who.organisationKind); sole && sole->id == who.organisationId)
      q.unaddressedService = std::string(toString(who.organisationKind));
  }
  if (policy::worksCases(who)) q.caseOwnerTeam = who.organisationName;
  std::vector<TaskView> out;
  for (const auto& t : tx.cases().listTasks(q))
    if (!overdueOnly || workingDaysOverdue(t, clock_.today(), calendar_) > 0) out.push_back(viewOf(tx, t));
  return out;
}

Result<std::vector<TaskView>> Tasks::list(const Principal& who, std::optional<TaskStatus> status,
                                          bool overdueOnly) {
  auto tx = store_.begin(false);
  auto out = scopedTasks(*tx, who, status, overdueOnly, TaskQuery{}.limit);
  auto e = auditEventFor(who, clock_.now(), "task.list", "task", "");
  e.detail = std::to_string(out.size()) + " tasks" + (status ? " " + std::string(toString(*status)) : "") +
             (overdueOnly ? " overdue" : "");
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

Result<std::vector<TaskView>> Tasks::exportList(const Principal& who, std::optional<TaskStatus> status,
                                                bool overdueOnly, const std::string& format) {
  auto tx = store_.begin(false);
  auto out = scopedTasks(*tx, who, status, overdueOnly, static_cast<int>(kMaxExportRows) + 1);
  if (out.size() > kMaxExportRows)
    return DomainError::field(
        "status", "too_many",
        "The list has more than " + std::to_string(kMaxExportRows) + " tasks; choose a status to export it");
  auto e = auditEventFor(who, clock_.now(), "task.export", "task", "");
  e.detail = std::string(status ? toString(*status) : "all") + (overdueOnly ? " overdue" : "") + ", " +
             format + ", " + std::to_string(out.size()) + " tasks";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

Result<TaskView> Tasks::task(const Principal& who, Id taskId) {
  auto tx = store_.begin(false);
  auto t = tx->cases().findTask(taskId);
  std::optional<Id> sole;
  if (t && !t->organisationId)
    if (auto o = soleOrganisationFor(*tx, *t)) sole = o->id;
  auto c = t ? tx->cases().findById(t->caseId) : std::nullopt;
  auto e = auditEventFor(who, clock_.now(), "task.read", "task", std::to_string(taskId));
  if (!t || !(policy::isTaskAddressee(who, *t, sole) || (c && policy::canWorkCase(who, *c)))) {
    if (t) {
      e.outcome = "refused";
      e.reason = "task addressed to another organisation";
      (void)appendAudit(store_, std::move(tx), e);
    }
    return DomainError::notFound("There is no task with that id");
  }
  auto view = viewOf(*tx, *t);
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return view;
}

Result<TaskView> Tasks::accept(const Principal& who, Id taskId, const std::string& note) {
  return move(who, taskId, TaskStatus::accepted, std::nullopt, note);
}

Result<TaskView> Tasks::complete(const Principal& who, Id taskId, TaskOutcome outcome,
                                 const std::string& note) {
  return move(who, taskId, TaskStatus::completed, outcome, note);
}

Result<TaskView> Tasks::move(const Principal& who, Id taskId, TaskStatus to,
                             std::optional<TaskOutcome> outcome, const std::string& note) {
  if (note.size() > kMaxNote)
    return DomainError::field("note", "too_long",
                              "The note must be " + std::to_string(kMaxNote) + " characters or fewer");
  const Timestamp now = clock_.now();
  const std::string action = to == TaskStatus::accepted ? "task.accept" : "task.complete";
  auto tx = store_.begin(true);
  auto t = tx->cases().findTask(taskId);
  std::optional<Id> sole;
  if (t && !t->organisationId)
    if (auto o = soleOrganisationFor(*tx, *t)) sole = o->id;
  auto refuse = [&](const std::string& reason) {
    auto e = auditEventFor(who, now, action, "task", std::to_string(taskId));
    e.outcome = "refused";
    e.reason = reason;
    if (tx->audit().append(e)) (void)tx->commit();
  };
  // A task addressed to another organisation is reported as not found: its existence says something
  // about a child and an adult that the caller has no business knowing.
  if (!t || !policy::isTaskAddressee(who, *t, sole)) {
    if (t) refuse("task addressed to another organisation");
    return DomainError::notFound("There is no task with that id");
  }
  const bool allowed = to == TaskStatus::accepted
                           ? t->status == TaskStatus::open
                           : t->status == TaskStatus::open || t->status == TaskStatus::accepted;
  if (!allowed) {
    std::string detail = "This task is " + std::string(toString(t->status)) + "; it cannot be " +
                         std::string(to == TaskStatus::accepted ? "accepted" : "completed") + " now";
    refuse(detail);
    return DomainError::conflict(detail);
  }

  CaseTask updated = *t;
  updated.status = to;
  if (!updated.organisationId) updated.organisationId = who.organisationId;  // addressed from now on
  if (outcome) updated.outcome = outcome;
  if (!note.empty()) updated.note = note;
  updated.updatedAt = now;
  if (auto s = tx->cases().updateTask(updated, t->status); !s) return s.error();

  TaskEvent ev;
  ev.taskId = t->id;
  ev.caseId = t->caseId;
  ev.at = now;
  ev.actorUserId = who.userId;
  ev.actorOrganisationId = who.organisationId;
  ev.fromStatus = t->status;
  ev.toStatus = to;
  ev.outcome = outcome;
  ev.note = note;
  if (auto id = tx->cases().appendTaskEvent(ev); !id) return id.error();

  // The note stays in the task's history, not in the audit trail: it may hold the adult's details.
  auto audit = auditEventFor(who, now, action, "task", std::to_string(taskId));
  audit.detail = "case " + std::to_string(t->caseId) + ": " + std::string(toString(t->status)) + " -> " +
                 std::string(toString(to)) + (outcome ? "; outcome " + std::string(toString(*outcome)) : "");
  if (auto s = tx->audit().append(audit); !s) return s.error();
  auto view = viewOf(*tx, updated);
  if (auto s = tx->commit(); !s) return s.error();
  return view;
}

int Tasks::escalateOverdue() {
  const Date today = clock_.today();
  std::vector<CaseTask> candidates;
  {
    auto tx = store_.begin(false);
    candidates = tx->cases().tasksToEscalate(today, 500);
  }
  int escalated = 0;
  for (const auto& t : candidates) {
    // Due before today in the store, but a Friday's task is not overdue that weekend: it waits for Monday.
    const int late = workingDaysOverdue(t, today, calendar_);
    if (late <= 0) continue;
    const Timestamp now = clock_.now();
    auto tx = store_.begin(true);
    if (!tx->cases().markEscalated(t.id, today)) continue;  // another instance was first
    auto c = tx->cases().findById(t.caseId);
    auto service = c ? tx->organisations().findByName(c->ownerTeam) : std::nullopt;
    auto e = unattributedEvent(now, "task.escalate", "task", std::to_string(t.id),
                               "case " + std::to_string(t.caseId) + ": " + std::to_string(late) +
                                   " working days overdue; by the schedule");
    if (service) {
      if (auto s = writeTaskOverdueNotice(*tx, t, *service, addresseeName(*tx, t), late, now); !s) continue;
    } else {
      e.detail += "; no young carers service named " + (c ? c->ownerTeam : std::string("?")) + " to tell";
    }
    if (!tx->audit().append(e) || !tx->commit()) continue;
    ++escalated;
  }
  return escalated;
}

}  // namespace ycr::services
