#include "ycr/services/feedback.h"

#include "ycr/core/validation.h"
#include "ycr/services/policy.h"

namespace ycr::services {
namespace {

Status requireFeedbackStaff(const Principal& who) {
  if (policy::worksCases(who)) return {};
  return DomainError::forbidden(
      "Only a young carers service's case staff keep its compliments and complaints");
}

// A choice the API names by its spelling: absent or unknown is a field error.
template <class E>
std::optional<E> choice(FieldErrors& errors, const std::optional<std::string>& text, const std::string& field,
                        const std::string& words) {
  if (!text || text->empty()) {
    errors.add(field, "required", "Choose " + words);
    return std::nullopt;
  }
  auto value = parseEnum<E>(*text);
  if (!value) errors.add(field, "invalid_choice", "Choose " + words);
  return value;
}

Result<Feedback> readNew(const FeedbackInput& in) {
  FieldErrors errors;
  Feedback f;
  auto kind = choice<FeedbackKind>(errors, in.kind, "kind", "complaint or compliment");
  auto from = choice<FeedbackFrom>(errors, in.from, "from",
                                   "who it came from: young carer, parent or carer, professional or other");
  auto received = validation::dateField(errors, in.receivedOn, "received_on", "the day it was received");
  if (in.youngCarerId && *in.youngCarerId <= 0)
    errors.add("young_carer_id", "not_found", "There is no young carer with that id");
  if (!errors.empty()) return errors.toError("The record has errors");
  f.kind = *kind;
  f.from = *from;
  f.received = *received;
  f.summary = in.summary.value_or("");
  if (in.youngCarerId) f.youngCarerId = static_cast<Id>(*in.youngCarerId);
  return f;
}

}  // namespace

ComplimentsAndComplaints::ComplimentsAndComplaints(Store& store, const Clock& clock,
                                                   const pathways::WorkingDayCalendar& calendar,
                                                   const ComplaintProcedure& procedure)
    : store_(store), clock_(clock), calendar_(calendar), procedure_(procedure) {}

FeedbackView ComplimentsAndComplaints::viewOf(Feedback f) const {
  const bool complaint = f.kind == FeedbackKind::complaint;
  const bool overdue = complaint && !f.outcome && f.responseDue && *f.responseDue < clock_.today();
  std::optional<Date> nextStageBy;
  if (complaint && f.outcome && *f.outcome != ComplaintOutcome::withdrawn && f.respondedOn &&
      f.stage < kComplaintStages)
    nextStageBy = calendar_.addWorkingDays(*f.respondedOn, kComplaintNextStageWorkingDays, true);
  return {std::move(f), overdue, nextStageBy};
}

Result<FeedbackList> ComplimentsAndComplaints::list(const Principal& who, const std::string& kind) {
  if (auto s = requireFeedbackStaff(who); !s) return s.error();
  std::optional<FeedbackKind> only;
  if (!kind.empty() && !(only = parseEnum<FeedbackKind>(kind)))
    return DomainError::field("kind", "invalid_choice", "kind is complaint or compliment");
  auto tx = store_.begin(false);
  FeedbackList out;
  for (auto& f : tx->feedback().forOrganisation(who.organisationId)) {
    if (only && f.kind != *only) continue;
    auto v = viewOf(std::move(f));
    if (v.record.kind == FeedbackKind::complaint && !v.record.outcome) ++out.openComplaints;
    if (v.overdue) ++out.overdueComplaints;
    out.items.push_back(std::move(v));
  }
  auto e =
      auditEventFor(who, clock_.now(), "feedback.list", "organisation", std::to_string(who.organisationId));
  e.detail = std::to_string(out.items.size()) + " records";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

Result<FeedbackView> ComplimentsAndComplaints::get(const Principal& who, Id id) {
  if (auto s = requireFeedbackStaff(who); !s) return s.error();
  auto tx = store_.begin(false);
  auto f = tx->feedback().findById(id);
  if (!f || f->organisationId != who.organisationId) return DomainError::notFound("There is no such record");
  if (auto s = appendAudit(store_, std::move(tx),
                           auditEventFor(who, clock_.now(), "feedback.read", "feedback", std::to_string(id)));
      !s)
    return s.error();
  return viewOf(std::move(*f));
}

Result<FeedbackView> ComplimentsAndComplaints::record(const Principal& who, const FeedbackInput& input) {
  if (auto s = requireFeedbackStaff(who); !s) return s.error();
  auto f = readNew(input);
  if (!f) return f.error();
  if (auto s = validateNew(*f, clock_.today()); !s) return s.error();
  auto tx = store_.begin(true);
  if (f->youngCarerId) {
    auto c = tx->cases().findByYoungCarer(*f->youngCarerId);
    auto y = tx->youngCarers().findById(*f->youngCarerId);
    if (!y || y->mergedInto || y->anonymisedAt || !c || !policy::canWorkCase(who, *c))
      return DomainError::field("young_carer_id", "not_found", "There is no young carer with that id");
  }
  f->organisationId = who.organisationId;
  f->recordedBy = who.userId;
  f->recordedAt = clock_.now();
  if (f->kind == FeedbackKind::complaint)
    f->responseDue = calendar_.addWorkingDays(f->received, procedure_.at(1).answerWorkingDays, true);
  auto id = tx->feedback().add(*f);
  if (!id) return id.error();
  f->id = *id;
  auto e = auditEventFor(who, clock_.now(), "feedback.record", "feedback", std::to_string(*id));
  e.detail = std::string(toString(f->kind)) + " from " + std::string(toString(f->from)) +
             (f->youngCarerId ? " about young carer " + std::to_string(*f->youngCarerId) : "");
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(std::move(*f));
}

Result<FeedbackView> ComplimentsAndComplaints::respond(const Principal& who, Id id,
                                                       const FeedbackOutcomeInput& input) {
  if (auto s = requireFeedbackStaff(who); !s) return s.error();
  FieldErrors errors;
  auto outcome = choice<ComplaintOutcome>(errors, input.outcome, "outcome",
                                          "upheld, partly upheld, not upheld or withdrawn");
  auto on = validation::dateField(errors, input.respondedOn, "responded_on", "the day of the answer");
  if (!errors.empty()) return errors.toError("The outcome has errors");
  auto tx = store_.begin(true);
  auto f = tx->feedback().findById(id);
  if (!f || f->organisationId != who.organisationId) return DomainError::notFound("There is no such record");
  const std::string response = input.response.value_or("");
  if (auto s = validateResponse(*f, *outcome, *on, response, clock_.today()); !s) return s.error();
  auto done = tx->feedback().respond(id, *outcome, *on, response, who.userId);
  if (!done) return done.error();
  if (!*done) return DomainError::conflict("This complaint's outcome has just been recorded by someone else");
  auto e = auditEventFor(who, clock_.now(), "feedback.respond", "feedback", std::to_string(id));
  e.detail = std::string(toString(*outcome));
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto updated = tx->feedback().findById(id);
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(std::move(*updated));
}

Result<FeedbackView> ComplimentsAndComplaints::extend(const Principal& who, Id id,
                                                      const std::optional<std::string>& reason) {
  if (auto s = requireFeedbackStaff(who); !s) return s.error();
  if (who.role != Role::team_manager)
    return DomainError::forbidden("Only a team manager gives a complaint more time to answer");
  const std::string why = validation::trim(reason.value_or(""));
  if (why.empty()) return DomainError::field("reason", "required", "Enter why the complaint needs more time");
  if (why.size() > kMaxReason)
    return DomainError::field("reason", "too_long", "The reason must be 2,000 characters or fewer");
  auto tx = store_.begin(true);
  auto f = tx->feedback().findById(id);
  if (!f || f->organisationId != who.organisationId) return DomainError::notFound("There is no such record");
  const Date today = clock_.today();
  if (f->kind != FeedbackKind::complaint || f->outcome || !f->responseDue)
    return DomainError::conflict("Only a complaint not yet answered can be given more time");
  const int more = procedure_.at(f->stage).extensionWorkingDays;
  if (more == 0)
    return DomainError::conflict("At the " + complaintStageWords(f->stage) +
                                 " stage no more time is given: answer by " + formatIsoDate(*f->responseDue));
  if (f->extendedOn)
    return DomainError::conflict("This complaint was given more time on " + formatIsoDate(*f->extendedOn) +
                                 "; each stage can be extended once");
  // Agreed while there is still time: an overdue answer is given, not put off.
  if (*f->responseDue < today)
    return DomainError::conflict("The answer was due on " + formatIsoDate(*f->responseDue) +
                                 ": an overdue complaint is answered, not extended");
  const Date due = calendar_.addWorkingDays(*f->responseDue, more, true);
  auto done = tx->feedback().extend(id, due, today, why, who.userId);
  if (!done) return done.error();
  if (!*done)
    return DomainError::conflict("This complaint has just been answered or extended by someone else");
  auto e = auditEventFor(who, clock_.now(), "feedback.extend", "feedback", std::to_string(id));
  e.detail = "due " + formatIsoDate(*f->responseDue) + " -> " + formatIsoDate(due);
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto updated = tx->feedback().findById(id);
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(std::move(*updated));
}

Result<FeedbackView> ComplimentsAndComplaints::nextStage(const Principal& who, Id id,
                                                         const std::optional<std::string>& askedOn) {
  if (auto s = requireFeedbackStaff(who); !s) return s.error();
  FieldErrors errors;
  auto asked = validation::dateField(errors, askedOn, "asked_on", "the day they asked");
  if (!errors.empty()) return errors.toError("The request has errors");
  auto tx = store_.begin(true);
  auto f = tx->feedback().findById(id);
  if (!f || f->organisationId != who.organisationId) return DomainError::notFound("There is no such record");
  if (auto s = validateNextStage(*f, *asked, viewOf(*f).nextStageBy, clock_.today()); !s) return s.error();
  const int stage = f->stage + 1;
  const Date due = calendar_.addWorkingDays(*asked, procedure_.at(stage).answerWorkingDays, true);
  auto done = tx->feedback().openNextStage(id, f->stage, *asked, due);
  if (!done) return done.error();
  if (!*done) return DomainError::conflict("This complaint has just been moved on by someone else");
  auto e = auditEventFor(who, clock_.now(), "feedback.next_stage", "feedback", std::to_string(id));
  e.detail = "stage " + std::to_string(stage) + ", due " + formatIsoDate(due);
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto updated = tx->feedback().findById(id);
  if (auto s = tx->commit(); !s) return s.error();
  return viewOf(std::move(*updated));
}

}  // namespace ycr::services
