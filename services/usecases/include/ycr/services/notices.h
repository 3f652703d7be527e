#pragma once
// Notices to people outside the service (issue 21 item 4): the referrer is told of acknowledgement,
// decision and closure (status and reference only), the receiving service of a hand-over, children's
// social care of a safeguarding escalation, an adult service of a task addressed to it. Each is
// written to the outbox (core/notice_repository.h) in the transaction of the change it tells of, and
// sent afterwards by NoticeDelivery. A notice never carries a child's name, date of birth, address or
// caring details: email is not a safe place for them, and the reference lets the reader look it up.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "ycr/core/model.h"
#include "ycr/core/repositories.h"
#include "ycr/pathways/engine.h"
#include "ycr/services/config.h"
#include "ycr/services/periodic_worker.h"

namespace ycr::services {

// Writes the notices a case's transition calls for, in the caller's transaction. `serviceName` is
// the service that made the change, named in the text.
Status writeTransitionNotices(Transaction& tx, const Case& updated, const pathways::Transition& transition,
                              const pathways::EventRequest& request, const std::string& serviceName,
                              Timestamp now);

// A transition's effects recorded in its transaction: the assessment's (assessments.h) and the
// notices. The service named is the case's owning team.
Status recordEffects(Transaction& tx, const Case& updated, const pathways::Transition& transition,
                     const pathways::EventRequest& request, Timestamp now);

// Adds a task and the notice of it to the organisation it is addressed to, in one transaction.
Status addTaskWithNotice(Transaction& tx, const CaseTask& task, const std::string& referralReference,
                         const std::string& serviceName, Timestamp now);

// Writes the notice of a new task to the organisation it is addressed to (none when unaddressed).
Status writeTaskNotice(Transaction& tx, const CaseTask& task, const std::string& referralReference,
                       const std::string& serviceName, Timestamp now);

// Tells a case's young carers service (`service`) that a task it made for another organisation is
// `workingDaysOverdue` working days overdue (Tasks::escalateOverdue).
Status writeTaskOverdueNotice(Transaction& tx, const CaseTask& task, const Organisation& service,
                              const std::string& addressee, int workingDaysOverdue, Timestamp now);

// Tells the young carers service a case was transferred to (register_routing.cpp): the case's number
// and who sent it, never the child's name or details.
Status writeTransferNotice(Transaction& tx, const Case& c, const Organisation& to, const std::string& from,
                           Timestamp now);

// Emails a young person their survey link (surveys.h), at the address they gave for it: no name, nothing
// about their caring, only who asks, the link and until when it works. The address and the link are
// kept only until the notice is sent or has failed for good (forgetOnceDone).
Status writeSurveyLinkNotice(Transaction& tx, const std::string& address, const std::string& link,
                             Timestamp expires, const std::string& serviceName, Timestamp now);
// A survey link notice that is done with (sent, or failed for good) loses its address and link.
void forgetOnceDone(Notice& notice);

// The delay before the next attempt after `attempts` failed ones: retrySeconds doubled at each
// failure, capped at retryMaxSeconds.
std::chrono::seconds retryDelay(int attempts, const NoticeSettings& settings);

// What a sender says of one attempt: accepted (`error` empty), or not and why. A refusal no retry can
// change (GOV.UK Notify's 400, a mail server's 5xx to the recipient or the message) is `permanent`.
struct SendOutcome {
  SendOutcome() = default;
  SendOutcome(std::string why, bool permanentRefusal = false)  // NOLINT: a reason converts implicitly
      : error(std::move(why)), permanent(permanentRefusal) {}
  std::string error;
  bool permanent = false;
};

// Records one delivery attempt's outcome on the notice: sent, or retried later, or failed for good
// when the refusal was permanent or maxAttempts have failed.
void recordOutcome(Notice& notice, const SendOutcome& outcome, Timestamp now, const NoticeSettings& settings);

// The email address check used for an organisation's notices address (one @, a dotted domain, no
// spaces or header-breaking characters).
bool plausibleEmail(const std::string& address);

// Hands one notice to the mail server or GOV.UK Notify and says what came of it. Replaced in tests.
using NoticeSender = std::function<SendOutcome(const Notice&)>;

// Sends every due notice once and returns how many were sent. Each is first claimed in a transaction
// of its own (its next attempt moved kNoticeLease on), so two workers over one database, in one
// process or two, never both send it; then sent, and the outcome marked in another transaction.
// While the send lasts, the claim is renewed every settings.claimRenewal, so a send slower than the
// lease (a mail server that answers a byte at a time, each within its socket timeout) keeps it.
// A worker that dies between the claim and the mark leaves the notice due again once the lease ends.
inline constexpr std::chrono::minutes kNoticeLease{5};
int deliverDueNotices(Store& store, const NoticeSender& send, const Clock& clock,
                      const NoticeSettings& settings);

// The worker thread of `ycr serve`: delivers due notices every pollSeconds until stopped.
class NoticeDelivery {
 public:
  NoticeDelivery(Store& store, NoticeSender send, const Clock& clock, NoticeSettings settings);
  void start() { worker_.start(); }
  void stop() { worker_.stop(); }

 private:
  Store& store_;
  NoticeSender send_;
  const Clock& clock_;
  NoticeSettings settings_;
  PeriodicWorker worker_;  // last: stopped before the rest goes
};

// The worker `ycr serve` runs, with the sender noticeSenderFor chose (App::startNoticeDelivery): none,
// and one line in the log saying notices stay pending, when neither smtp_host nor
// notify_api_key_file is set.
std::unique_ptr<NoticeDelivery> startNoticeDelivery(Store& store, const Clock& clock,
                                                    const NoticeSettings& settings,
                                                    std::optional<NoticeSender> sender);

}  // namespace ycr::services
