#pragma once
// Tasks that reach the service they are addressed to ("no wrong door, both ways", issue 21): a
// referral about a child caring for an adult not known to adult social care leaves a task for adult
// services; their practitioners list, accept and complete it here. Each call is one transaction in
// which the change, its history row and its audit entry commit together.
//
// Addressing: a task names a kind of service (assignedTo, e.g. "adult_social_care"). It is addressed
// to an organisation when created, by the household's area (area_routing.h). When no organisation can
// be chosen then, the task is left unaddressed and is resolved when read: it belongs to the one active
// organisation of its kind at that time, and to nobody outside the case's own service while there are
// several. The first organisation to act on an unaddressed task has it addressed to itself from then on.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/pathways/calendar.h"
#include "ycr/services/auth.h"

namespace ycr::services {

// The one active organisation of a kind, if there is exactly one.
std::optional<Organisation> soleOrganisationFor(Transaction& tx, OrganisationKind kind);
// The one active organisation of the kind of service a task names (assignedTo), if there is exactly
// one; nothing for a kind that is not an organisation kind.
std::optional<Organisation> soleOrganisationFor(Transaction& tx, const CaseTask& task);
// Escalation when overdue (issue 21): a task not completed (nor cancelled) is overdue from the first
// working day after its due day, counted on the pathway's calendar (bank holidays included), as its
// due day was. Worked out when read, never stored: the owning service's case staff (team managers
// first, on their dashboard) see it on their task lists and the case page, with the working days
// overdue. 0 while it is not overdue.
int workingDaysOverdue(const CaseTask& task, const Date& today, const pathways::WorkingDayCalendar& calendar);
// Who a task is addressed to, as people say it: the organisation's name, or the kind of service
// when it is not addressed to one yet.
std::string addresseeName(Transaction& tx, const CaseTask& task);

// A task as the service it is addressed to sees it: what is asked, of whom, by whom, and what
// the adult's needs are (the relationship and conditions of the person cared for). Nothing about
// the child beyond the case number to quote when calling the case's service.
struct TaskView {
  CaseTask task;
  std::string addressedTo;  // addresseeName
  std::string caseService;  // the service that owns the case: whom to ask about it
  std::optional<CaredForPerson> caredFor;
  int workingDaysOverdue = 0;  // workingDaysOverdue() today
};

class Tasks {
 public:
  Tasks(Store& store, const Clock& clock, const pathways::WorkingDayCalendar& calendar);

  // The tasks addressed to the caller's organisation, and for case staff also the tasks of their
  // own service's cases, most urgent first (at most 200); only the overdue ones when asked.
  Result<std::vector<TaskView>> list(const Principal& who, std::optional<TaskStatus> status,
                                     bool overdueOnly = false);
  // The same list, whole, for a file to take away: audited as task.export with the status, the
  // format and the count before anything is released; longer than kMaxExportRows is refused.
  Result<std::vector<TaskView>> exportList(const Principal& who, std::optional<TaskStatus> status,
                                           bool overdueOnly, const std::string& format);
  // One task, to the organisation it is addressed to or case staff of the case's service (audited);
  // to anyone else it does not exist.
  Result<TaskView> task(const Principal& who, Id taskId);
  // open -> accepted. Only the organisation the task is addressed to may; to anyone else the task
  // does not exist (404, audited as refused).
  Result<TaskView> accept(const Principal& who, Id taskId, const std::string& note);
  // open or accepted -> completed, with what the service found.
  Result<TaskView> complete(const Principal& who, Id taskId, TaskOutcome outcome, const std::string& note);

  // Escalation when overdue, told once: each task overdue today and not escalated yet is marked
  // escalated and its case's young carers service is sent a task_overdue notice (the case number, the
  // addressee and the days overdue; nothing about the child or the adult), audited without an actor
  // (the schedule did it). Each task in a transaction of its own, the mark first, so two instances
  // over one database escalate it once. Returns how many were escalated. `ycr serve` runs it every
  // minute (App::startTaskEscalation).
  int escalateOverdue();

  static constexpr std::size_t kMaxNote = 2000;
  static constexpr std::size_t kMaxExportRows = 50000;

 private:
  Result<TaskView> move(const Principal& who, Id taskId, TaskStatus to, std::optional<TaskOutcome> outcome,
                        const std::string& note);
  TaskView viewOf(Transaction& tx, const CaseTask& task) const;
  std::vector<TaskView> scopedTasks(Transaction& tx, const Principal& who, std::optional<TaskStatus> status,
                                    bool overdueOnly, int limit) const;

  Store& store_;
  const Clock& clock_;
  const pathways::WorkingDayCalendar& calendar_;
};

}  // namespace ycr::services
