#include "ycr/services/notices.h"

#include <algorithm>

#include "ycr/pathways/table.h"
#include "ycr/services/assessments.h"
#include "ycr/services/consents.h"

namespace ycr::services {
namespace {

using pathways::Effect;
using pathways::Event;

// The one kind of notice addressed to a person rather than an organisation (writeSurveyLinkNotice).
constexpr const char* kSurveyLinkKind = "survey_link";

bool has(const pathways::Transition& t, Effect e) {
  return std::find(t.effects.begin(), t.effects.end(), e) != t.effects.end();
}

// The status words of the referral status page (pathways::referrerStatus), as a sentence says them.
std::string statusWords(CaseState state) {
  auto s = pathways::referrerStatus(state);
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

// What the referrer is told happened, and the notice's kind: acknowledgement, the decisions (accepted
// for assessment, signposted, supported after assessment), closure, reopening and hand-over: each
// change of the status the referral page shows. Nothing else is news to them. A safeguarding escalation is
// not: the referrer may be the parent the concern is about, so the pathway table gives that row no
// notify_referrer and the referrer's status stays "received" (Working Together: tell a parent only where it
// puts no child at risk).
struct News {
  std::string kind;
  std::string words;
};
std::optional<News> referrerNews(const pathways::Transition& t) {
  switch (t.event) {
    case Event::acknowledge: return News{"referral_acknowledged", "has been acknowledged"};
    case Event::accept_for_assessment: return News{"referral_accepted", "has been accepted for assessment"};
    case Event::signpost: return News{"referral_signposted", "has been closed: signposted to other services"};
    case Event::hand_over:
      return News{"referral_handed_over", "has been handed over to an adult carers' service"};
    case Event::reopen: return News{"referral_reopened", "has been reopened"};
    default: break;
  }
  if (t.to == CaseState::closed) return News{"referral_closed", "has been closed"};
  // The decision after assessment (or a transition plan started before it): support.
  if (pathways::referrerStatus(t.to) == "supported" && pathways::referrerStatus(t.from) != "supported")
    return News{"referral_supported", t.event == Event::complete_assessment
                                          ? "has been assessed, and the young person is being supported"
                                          : "has moved on: the young person is being supported"};
  return std::nullopt;
}

// The organisation's notices address, or why there is none (recorded on the notice).
void addressFrom(Transaction& tx, std::optional<Id> orgId, Notice& n) {
  n.recipientOrganisationId = orgId;
  auto org = orgId ? tx.organisations().findById(*orgId) : std::nullopt;
  if (!org) {
    n.lastError = "No organisation to send it to";
  } else if (org->noticesEmail.empty()) {
    n.lastError = "No notices email address for " + org->name + ": it sees status in the service";
  } else {
    n.address = org->noticesEmail;
    return;
  }
  // Nowhere to send it: it stays in the outbox as a record, never to be attempted.
  n.status = NoticeStatus::failed;
}

// A referrer whose kind of organisation is a sharing partner (consents.h) hears no more once the young
// person has refused or withdrawn sharing with it: the notice is kept in the outbox, never sent, saying why.
void withholdUnlessShared(Transaction& tx, Id youngCarerId, std::optional<Id> orgId, Notice& n) {
  auto org = orgId ? tx.organisations().findById(*orgId) : std::nullopt;
  if (!org || partnerMayHear(tx, org->kind, youngCarerId)) return;
  n.address.clear();
  n.lastError = "Not sent: the young person has not agreed to share their information with " +
                std::string(sharingPartnerWords(*partnerFor(org->kind)));
  n.status = NoticeStatus::failed;
}

Status add(Transaction& tx, Notice n, std::optional<Id> orgId, Timestamp now,
           std::optional<Id> consentOf = std::nullopt) {
  addressFrom(tx, orgId, n);
  if (consentOf) withholdUnlessShared(tx, *consentOf, orgId, n);
  n.createdAt = now;
  n.nextAttemptAt = now;
  if (auto id = tx.notices().add(n); !id) return id.error();
  return {};
}

// The case's newest referral: its reference is what the referrer knows the case by.
std::optional<Referral> latestReferral(Transaction& tx, Id caseId) {
  auto all = tx.referrals().listForCase(caseId);
  if (all.empty()) return std::nullopt;
  return all.back();
}

Status referrerNotice(Transaction& tx, const Referral& r, const pathways::Transition& t,
                      const std::string& service, Timestamp now) {
  auto what = referrerNews(t);
  if (!what) return {};
  Notice n;
  n.kind = what->kind;
  n.caseId = r.caseId;
  n.subject = "Referral " + r.reference + ": " + statusWords(t.to);
  n.body = "Your referral " + r.reference + " to " + service + " " + what->words +
           ".\n\nStatus: " + statusWords(t.to) +
           "\n\nYou can see the referral's status in the service at any time. For the young person's "
           "privacy this email gives no other details.\n";
  return add(tx, std::move(n), r.organisationId, now, r.youngCarerId);
}

Status handOverNotice(Transaction& tx, const Referral& r, const std::string& receiving,
                      const std::string& service, Timestamp now) {
  Notice n;
  n.kind = "hand_over";
  n.caseId = r.caseId;
  n.subject = "Hand-over from " + service + ": reference " + r.reference;
  n.body = service + " has handed over a young adult carer's case to " + receiving + " (reference " +
           r.reference + ").\n\nContact " + service + " for the details; this email gives none.\n";
  auto org = tx.organisations().findByName(receiving);
  return add(tx, std::move(n), org ? std::optional<Id>(org->id) : std::nullopt, now);
}

// Children's social care as the register knows it: the one active organisation of that kind.
std::optional<Id> childrensSocialCare(Transaction& tx) {
  auto found = tx.organisations().activeOfKind(OrganisationKind::childrens_social_care, 2);
  if (found.size() != 1) return std::nullopt;
  return found.front().id;
}

Status safeguardingNotice(Transaction& tx, const Referral& r, const std::string& service, Timestamp now) {
  Notice n;
  n.kind = "safeguarding_escalation";
  n.caseId = r.caseId;
  n.subject = "Safeguarding referral from " + service + ": reference " + r.reference;
  n.body = service + " has escalated a safeguarding concern about a young carer to you (reference " +
           r.reference + ").\n\nContact " + service + " now for the details; this email gives none.\n";
  return add(tx, std::move(n), childrensSocialCare(tx), now);
}

}  // namespace

Status writeTransitionNotices(Transaction& tx, const Case& updated, const pathways::Transition& t,
                              const pathways::EventRequest& request, const std::string& serviceName,
                              Timestamp now) {
  const bool toReferrer = has(t, Effect::notify_referrer);
  const bool toReceiving = has(t, Effect::notify_receiving_service);
  const bool toChildrens = has(t, Effect::refer_to_childrens_social_care);
  if (!toReferrer && !toReceiving && !toChildrens) return {};
  auto referral = latestReferral(tx, updated.id);
  if (!referral) return {};  // a case registered directly has no referrer to tell
  if (toReferrer)
    if (auto s = referrerNotice(tx, *referral, t, serviceName, now); !s) return s;
  if (toReceiving)
    if (auto s = handOverNotice(tx, *referral, request.receivingService, serviceName, now); !s) return s;
  if (toChildrens)
    if (auto s = safeguardingNotice(tx, *referral, serviceName, now); !s) return s;
  return {};
}

Status recordEffects(Transaction& tx, const Case& updated, const pathways::Transition& t,
                     const pathways::EventRequest& request, Timestamp now) {
  if (auto s = recordAssessmentEffects(tx, updated, t); !s) return s;
  const std::string service = updated.ownerTeam.empty() ? "the young carers service" : updated.ownerTeam;
  return writeTransitionNotices(tx, updated, t, request, service, now);
}

Status addTaskWithNotice(Transaction& tx, const CaseTask& task, const std::string& referralReference,
                         const std::string& serviceName, Timestamp now) {
  auto id = tx.cases().addTask(task);
  if (!id) return id.error();
  return writeTaskNotice(tx, task, referralReference, serviceName, now);
}

Status writeTaskNotice(Transaction& tx, const CaseTask& task, const std::string& referralReference,
                       const std::string& serviceName, Timestamp now) {
  Notice n;
  n.kind = "task_created";
  n.caseId = task.caseId;
  n.subject = "New task from " + serviceName + ": reference " + referralReference;
  n.body = serviceName + " has addressed a task to you (reference " + referralReference + "), due " +
           formatIsoDate(task.due) + ".\n\nSign in to the service to see it; this email gives no details.\n";
  return add(tx, std::move(n), task.organisationId, now);
}

Status writeTaskOverdueNotice(Transaction& tx, const CaseTask& task, const Organisation& service,
                              const std::string& addressee, int workingDaysOverdue, Timestamp now) {
  Notice n;
  n.kind = "task_overdue";
  n.caseId = task.caseId;
  const std::string days =
      std::to_string(workingDaysOverdue) + " working day" + (workingDaysOverdue == 1 ? "" : "s");
  n.subject = "Task overdue: case " + std::to_string(task.caseId);
  n.body = "The task for " + addressee + " on case " + std::to_string(task.caseId) + " was due on " +
           formatIsoDate(task.due) + " and is " + days +
           " overdue. Your team managers see it among the "
           "overdue tasks on their dashboard.\n\nSign in to the service to see it; this email gives no "
           "details.\n";
  return add(tx, std::move(n), service.id, now);
}

Status writeTransferNotice(Transaction& tx, const Case& c, const Organisation& to, const std::string& from,
                           Timestamp now) {
  Notice n;
  n.kind = "case_transferred";
  n.caseId = c.id;
  n.subject = from + " has transferred a case to you: case " + std::to_string(c.id);
  n.body = from + " has transferred case " + std::to_string(c.id) + " to " + to.name +
           ", with its history. It is waiting for a worker.\n\nSign in to the service to see it; this "
           "email gives no details.\n";
  return add(tx, std::move(n), to.id, now);
}

Status writeSurveyLinkNotice(Transaction& tx, const std::string& address, const std::string& link,
                             Timestamp expires, const std::string& serviceName, Timestamp now) {
  Notice n;
  n.kind = kSurveyLinkKind;
  n.address = address;
  n.subject = serviceName + ": a few questions for you";
  n.body = serviceName + " would like to know what you think of the support you get. It takes a few " +
           "minutes, and you do not need to sign in:\n\n" + link + "\n\nThe link works once, for " +
           std::to_string(std::chrono::duration_cast<std::chrono::days>(expires - now).count()) +
           " days. If you did not expect this email, you can ignore it.\n";
  n.createdAt = now;
  n.nextAttemptAt = now;
  if (auto id = tx.notices().add(n); !id) return id.error();
  return {};
}

void forgetOnceDone(Notice& n) {
  if (n.kind != kSurveyLinkKind || n.status == NoticeStatus::pending) return;
  n.address.clear();
  n.body = "A survey link, not kept once sent.";
}

bool plausibleEmail(const std::string& a) {
  if (a.size() > 254 || a.find_first_of(" \t\r\n<>,;\"") != std::string::npos) return false;
  auto at = a.find('@');
  if (at == 0 || at == std::string::npos || a.find('@', at + 1) != std::string::npos) return false;
  auto dot = a.find('.', at + 2);
  return dot != std::string::npos && dot + 1 < a.size();
}

}  // namespace ycr::services
