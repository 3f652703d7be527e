#pragma once
// Tasks that reach the service they are addressed to ("no wrong door, both ways", issue 21): a
// referral about a child caring for an adult not known to adult social care leaves a task for adult
// services; their practitioners list, accept and complete it here. Each call is one transaction in
// which the change, its history row and its audit entry commit together.
//
// Addressing: a task names a kind of service (assignedTo, e.g. "adult_social_care"). When the
// register holds exactly one active organisation of that kind, the task is addressed to it when
// created. When it does not (none yet, or several: routing by area is not built), the task is left
// unaddressed and is resolved when read: it belongs to the one active organisation of its kind at
// that time, and to nobody outside the case's own service while there are several. The first
// organisation to act on an unaddressed task has it addressed to itself from then on.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

// The one active organisation of a kind (an OrganisationKind spelling), if there is exactly one.
std::optional<Organisation> soleOrganisationFor(Transaction& tx, const std::string& kind);
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
};

class Tasks {
 public:
  Tasks(Store& store, const Clock& clock);

  // The tasks addressed to the caller's organisation, and for case staff also the tasks of their
  // own service's cases, most urgent first (at most 200).
  Result<std::vector<TaskView>> list(const Principal& who, std::optional<TaskStatus> status);
  // The same list, whole, for a file to take away: audited as task.export with the status, the
  // format and the count before anything is released; longer than kMaxExportRows is refused.
  Result<std::vector<TaskView>> exportList(const Principal& who, std::optional<TaskStatus> status,
                                           const std::string& format);
  // One task, to the organisation it is addressed to or case staff of the case's service (audited);
  // to anyone else it does not exist.
  Result<TaskView> task(const Principal& who, Id taskId);
  // open -> accepted. Only the organisation the task is addressed to may; to anyone else the task
  // does not exist (404, audited as refused).
  Result<TaskView> accept(const Principal& who, Id taskId, const std::string& note);
  // open or accepted -> completed, with what the service found.
  Result<TaskView> complete(const Principal& who, Id taskId, TaskOutcome outcome, const std::string& note);

  static constexpr std::size_t kMaxNote = 2000;
  static constexpr std::size_t kMaxExportRows = 50000;

 private:
  Result<TaskView> move(const Principal& who, Id taskId, TaskStatus to, std::optional<TaskOutcome> outcome,
                        const std::string& note);
  TaskView viewOf(Transaction& tx, const CaseTask& task) const;
  std::vector<TaskView> scopedTasks(Transaction& tx, const Principal& who, std::optional<TaskStatus> status,
                                    int limit) const;

  Store& store_;
  const Clock& clock_;
};

}  // namespace ycr::services
