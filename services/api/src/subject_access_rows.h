#pragma once
// How each kind of row is written in a subject access export (subject_access.cpp gathers them): one
// JSON object per row, its keys in a fixed order, each saying whether it is for redaction review
// ("redact") and why. Only subject_access.cpp includes this.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include <set>
#include <string>

#include "ycr/core/repositories.h"
#include "ycr/services/api_common.h"
#include "ycr/services/consents.h"
#include "ycr/services/feedback.h"
#include "ycr/services/school_attendance.h"
#include "ycr/services/tasks.h"

namespace ycr::services::subject_access_rows {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Keys in the order written: the document reads the same every time, and the HTML follows it.
inline Object::Ptr obj() {
  return new Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

inline Var optId(const std::optional<Id>& id) {
  return id ? Var(*id) : Var();
}
inline Var optTimestamp(const std::optional<Timestamp>& t) {
  return t ? Var(formatIsoTimestamp(*t)) : Var();
}
template <class E>
Var optEnum(const std::optional<E>& e) {
  return e ? Var(std::string(toString(*e))) : Var();
}

inline void mark(Object::Ptr o, bool redact, const std::string& reason = "") {
  o->set("redact", redact);
  if (redact) o->set("redact_reason", reason);
}

// Documents stored as JSON (assessments, identity evidence) are shown as the JSON they are; text that
// does not parse is shown as text rather than lost.
inline Var parsedOrText(const std::string& text) {
  if (text.empty()) return Var();
  try {
    Poco::JSON::Parser parser;
    return parser.parse(text);
  } catch (const Poco::Exception&) {
    return Var(text);
  }
}

// Why each kind of third-party detail is marked (the officer's checklist; DPA 2018 Sch 2 para 16 is
// the exemption for information about other people, Sch 3 for serious harm in social work records).
constexpr const char* kCaredForReason =
    "health and care details of the person cared for (a third party): release only with their consent "
    "or where reasonable without it";
constexpr const char* kReferrerReason =
    "the referrer's identity (a third party): release only with their consent or where reasonable "
    "without it";
constexpr const char* kSafeguardingReason =
    "safeguarding detail: may be withheld where release would be likely to cause serious harm, and may "
    "name other people";
constexpr const char* kTaskReason =
    "work for another service about the person cared for (a third party), with that service's notes";
constexpr const char* kOtherChildReason =
    "compares this record with another young person's (possibly a sibling or twin): that child's "
    "details are a third party's";
constexpr const char* kStaffReason =
    "a member of staff's name: usually released where they acted in their professional role; the "
    "officer decides";
constexpr const char* kConsentNoteReason =
    "why a parent's consent was not given or sought: may describe a parent";

class Gatherer {
 public:
  explicit Gatherer(Transaction& tx) : tx_(tx) {}

  Var actor(const std::optional<Id>& userId) {
    if (userId && *userId > 0) staff_.insert(*userId);
    return optId(userId);
  }

  // The API's own form of the record (youngCarerJson), with which record it is and its school attendance.
  Object::Ptr youngPerson(const YoungCarer& y, const std::string& role) {
    auto o = youngCarerJson(y);
    o->set("record", role);
    // What their school said of each term's attendance, every record, corrected ones included.
    Array::Ptr attendance = new Array;
    for (const auto& t : tx_.schoolAttendance().forYoungCarer(y.id)) attendance->add(termAttendanceJson(t));
    o->set("school_attendance", attendance);
    mark(o, false);
    return o;
  }

  Object::Ptr caredFor(const CaredForPerson& p) {
    auto o = obj();
    o->set("id", p.id);
    o->set("young_carer_id", p.youngCarerId);
    o->set("relationship", std::string(toString(p.relationship)));
    Array::Ptr conditions = new Array;
    for (auto c : p.conditions) conditions->add(std::string(toString(c)));
    o->set("conditions", conditions);
    o->set("lives_with_young_carer", p.livesWithYoungCarer);
    o->set("known_to_adult_social_care", p.knownToAdultSocialCare);
    o->set("adult_social_care_reference", p.adultSocialCareReference);
    // The household (households.h): the person, and the other young carers' records caring for them.
    o->set("person_id", p.personId);
    Array::Ptr household = new Array;
    if (p.personId)
      for (const auto& other : tx_.youngCarers().caringFor(p.personId))
        if (other.youngCarerId != p.youngCarerId) {
          auto link = obj();
          link->set("cared_for_person_id", other.id);
          link->set("young_carer_id", other.youngCarerId);
          link->set("relationship", std::string(toString(other.relationship)));
          household->add(link);
        }
    o->set("also_cared_for_by", household);
    mark(o, true, kCaredForReason);
    return o;
  }

  Object::Ptr referral(const Referral& r) {
    auto o = obj();
    o->set("reference", r.reference);
    o->set("received_at", formatIsoTimestamp(r.receivedAt));
    o->set("recorded_at", formatIsoTimestamp(r.recordedAt));
    o->set("route", std::string(toString(r.route)));
    o->set("young_carer_id", r.youngCarerId);
    o->set("case_id", optId(r.caseId));
    o->set("caring_summary", r.caringSummary);
    o->set("young_person_aware", r.youngPersonAware);
    o->set("parent_aware", r.parentAware);
    o->set("safeguarding_concern", r.safeguardingConcern);
    auto described = obj();
    described->set("given_name", r.describedGivenName);
    described->set("family_name", r.describedFamilyName);
    described->set("date_of_birth", r.describedDateOfBirth);
    described->set("postcode", r.describedPostcode);
    o->set("young_person_as_described", described);
    auto organisation = obj();
    if (auto org = tx_.organisations().findById(r.organisationId)) {
      organisation->set("id", org->id);
      organisation->set("kind", std::string(toString(org->kind)));
      organisation->set("name", org->name);
      organisation->set("identifier", org->identifier);
    } else {
      organisation->set("id", r.organisationId);
    }
    o->set("referring_organisation", organisation);
    auto referrer = obj();
    if (r.referrerUserId > 0) {
      referrer->set("user_id", r.referrerUserId);
      if (auto u = tx_.users().findById(r.referrerUserId)) {
        referrer->set("display_name", u->displayName);
        referrer->set("username", u->username);
      }
    } else {
      referrer->set("user_id", Var());
    }
    mark(referrer, true, kReferrerReason);
    o->set("referrer", referrer);
    auto safeguarding = obj();
    safeguarding->set("detail", r.safeguardingDetail);
    mark(safeguarding, !r.safeguardingDetail.empty(), kSafeguardingReason);
    o->set("safeguarding_detail", safeguarding);
    Array::Ptr people = new Array;
    for (const auto& p : r.caredFor) people->add(caredFor(p));
    o->set("cared_for_as_described", people);
    return o;
  }

  Object::Ptr caseRecord(const Case& c) {
    auto o = obj();
    o->set("id", c.id);
    o->set("young_carer_id", c.youngCarerId);
    o->set("state", std::string(toString(c.state)));
    o->set("close_reason", optEnum(c.closeReason));
    o->set("owner_team", c.ownerTeam);
    o->set("owner_user_id", actor(c.ownerUserId));
    o->set("next_action", c.nextAction);
    o->set("next_action_due", optDate(c.nextActionDue));
    o->set("referral_received", formatIsoDate(c.referralReceived));
    o->set("safeguarding_escalated", optDate(c.safeguardingEscalated));
    o->set("safeguarding_returned", optDate(c.safeguardingReturned));
    o->set("planning_from", optDate(c.planningFrom));
    o->set("plan_agreed", optDate(c.planAgreed));
    o->set("review_due", optDate(c.reviewDue));
    o->set("opened_at", formatIsoTimestamp(c.openedAt));
    o->set("updated_at", formatIsoTimestamp(c.updatedAt));
    Array::Ptr timeline = new Array;
    for (const auto& e : tx_.cases().timeline(c.id)) {
      auto j = obj();
      j->set("at", formatIsoTimestamp(e.at));
      j->set("event", e.event);
      j->set("from_state", std::string(toString(e.fromState)));
      j->set("to_state", std::string(toString(e.toState)));
      j->set("reason", e.reason);
      j->set("close_reason", optEnum(e.closeReason));
      j->set("late", e.late);
      j->set("late_reason", e.lateReason);
      j->set("actor_user_id", actor(e.actorUserId));
      timeline->add(j);
    }
    o->set("timeline", timeline);
    return o;
  }

  Object::Ptr activityPlace(const Activity& a, const ActivityPlace& p) {
    auto o = obj();
    o->set("activity_id", a.id);
    o->set("kind", std::string(toString(a.kind)));
    o->set("title", a.title);
    o->set("starts_on", formatIsoDate(a.startsOn));
    o->set("ends_on", formatIsoDate(a.endsOn));
    o->set("offered_at", formatIsoTimestamp(p.offeredAt));
    o->set("offered_by", actor(p.offeredBy));
    o->set("attendance", optEnum(p.attendance));
    o->set("reason", p.reason);
    o->set("recorded_by", actor(p.recordedBy));
    mark(o, false);
    return o;
  }

  // The API's own form of a decision (consentJson), with who recorded it.
  Object::Ptr consent(const SharingConsent& c) {
    auto o = consentJson(c);
    o->set("recorded_by", actor(c.recordedBy));
    mark(o, false);
    return o;
  }

  // What the register told another organisation about the case, and whether it went.
  Object::Ptr notice(const Notice& n) {
    auto o = obj();
    o->set("kind", n.kind);
    auto org =
        n.recipientOrganisationId ? tx_.organisations().findById(*n.recipientOrganisationId) : std::nullopt;
    o->set("to", org ? Var(org->name) : Var());
    o->set("subject", n.subject);
    o->set("body", n.body);
    o->set("status", std::string(toString(n.status)));
    o->set("created_at", formatIsoTimestamp(n.createdAt));
    o->set("sent_at", n.sentAt ? Var(formatIsoTimestamp(*n.sentAt)) : Var());
    o->set("not_sent_because", n.lastError);
    mark(o, false);
    return o;
  }

  Object::Ptr task(const CaseTask& t, const std::vector<TaskEvent>& events) {
    auto o = obj();
    o->set("id", t.id);
    o->set("case_id", t.caseId);
    o->set("kind", t.kind);
    o->set("description", t.description);
    o->set("assigned_to", t.assignedTo);
    o->set("addressed_to", addresseeName(tx_, t));
    o->set("due", formatIsoDate(t.due));
    o->set("status", std::string(toString(t.status)));
    o->set("outcome", optEnum(t.outcome));
    o->set("note", t.note);
    o->set("cared_for_person_id", optId(t.caredForPersonId));
    o->set("created_at", formatIsoTimestamp(t.createdAt));
    o->set("updated_at", formatIsoTimestamp(t.updatedAt));
    Array::Ptr history = new Array;
    for (const auto& e : events) {
      if (e.taskId != t.id) continue;
      auto h = obj();
      h->set("at", formatIsoTimestamp(e.at));
      h->set("from", std::string(toString(e.fromStatus)));
      h->set("to", std::string(toString(e.toStatus)));
      h->set("outcome", optEnum(e.outcome));
      h->set("note", e.note);
      h->set("actor_user_id", actor(e.actorUserId));
      h->set("actor_organisation_id", optId(e.actorOrganisationId));
      history->add(h);
    }
    o->set("history", history);
    mark(o, t.caredForPersonId.has_value() || !t.note.empty() || history->size() > 0, kTaskReason);
    return o;
  }

  Object::Ptr assessment(const AssessmentRecord& a) {
    auto o = obj();
    o->set("id", a.id);
    o->set("case_id", a.caseId);
    o->set("young_carer_id", a.youngCarerId);
    o->set("kind", std::string(toString(a.kind)));
    o->set("status", std::string(toString(a.status)));
    o->set("assessor_user_id", actor(a.assessorUserId));
    o->set("created_at", formatIsoTimestamp(a.createdAt));
    o->set("updated_at", formatIsoTimestamp(a.updatedAt));
    o->set("completed_at", optTimestamp(a.completedAt));
    o->set("document", parsedOrText(a.document));
    Array::Ptr amendments = new Array;
    for (const auto& m : tx_.assessments().amendments(a.id)) {
      auto j = obj();
      j->set("amended_at", formatIsoTimestamp(m.amendedAt));
      j->set("amended_by", actor(m.amendedBy));
      j->set("reason", m.reason);
      j->set("before", parsedOrText(m.before));
      j->set("after", parsedOrText(m.after));
      amendments->add(j);
    }
    o->set("amendments", amendments);
    return o;
  }

  Object::Ptr plan(const SupportPlan& p) {
    auto o = obj();
    o->set("id", p.id);
    o->set("case_id", p.caseId);
    o->set("version", p.version);
    o->set("status", std::string(toString(p.status)));
    o->set("recorded_by", actor(p.recordedBy));
    o->set("recorded_at", formatIsoTimestamp(p.recordedAt));
    o->set("agreed_on", optDate(p.agreedOn));
    o->set("review_due", optDate(p.reviewDue));
    o->set("superseded_on", optDate(p.supersededOn));
    o->set("items", planItemsJson(p.items));
    return o;
  }

  Object::Ptr cardWish(const IdCardWish& w) {
    auto o = obj();
    o->set("wants_card", w.wantsCard);
    o->set("recorded_by", actor(w.recordedBy));
    o->set("recorded_at", formatIsoTimestamp(w.recordedAt));
    mark(o, false);
    return o;
  }

  // A compliment or complaint about them; what someone else said is theirs too, so it is checked first.
  Object::Ptr feedback(const Feedback& f) {
    auto o = feedbackJson(f, false);
    o->remove("overdue");  // of the day it is read, not part of the record
    o->set("recorded_by", actor(f.recordedBy));
    o->set("responded_by", actor(f.respondedBy));
    mark(o, f.from != FeedbackFrom::young_carer, "Said by someone other than the young person");
    return o;
  }

  // A survey sent: never its token (only a hash is kept) and never the answers, which are kept with no
  // young carer (core/survey.h) and so cannot be found for one.
  Object::Ptr surveyInvitation(const SurveyInvitation& i) {
    auto o = obj();
    o->set("survey_id", i.surveyId);
    o->set("survey_version", i.surveyVersion);
    o->set("occasion", std::string(toString(i.occasion)));
    o->set("occasion_on", optDate(i.occasionOn));
    o->set("sent_by", actor(i.createdBy));
    o->set("sent_at", formatIsoTimestamp(i.createdAt));
    o->set("link_ends_at", formatIsoTimestamp(i.expiresAt));
    o->set("answered_at", optTimestamp(i.usedAt));
    mark(o, false);
    return o;
  }

  Object::Ptr card(const IdCard& c) {
    auto o = obj();
    o->set("number", c.number);
    o->set("young_carer_id", c.youngCarerId);
    o->set("issued", formatIsoDate(c.issued));
    o->set("expires", formatIsoDate(c.expires));
    o->set("status", std::string(toString(c.status)));
    o->set("status_reason", c.statusReason);
    Array::Ptr sharing = new Array;
    for (auto s : c.sharing) sharing->add(std::string(toString(s)));
    o->set("information_sharing", sharing);
    o->set("young_carer_consent", c.youngCarerConsent);
    o->set("parent_consent", c.parentConsent);
    auto note = obj();
    note->set("text", c.parentConsentNote);
    mark(note, !c.parentConsentNote.empty(), kConsentNoteReason);
    o->set("parent_consent_note", note);
    o->set("replaced_by", c.replacedBy ? Var(*c.replacedBy) : Var());
    o->set("created_at", formatIsoTimestamp(c.createdAt));
    return o;
  }

  Object::Ptr identityReview(const MatchReview& m, const std::set<Id>& own) {
    auto o = obj();
    o->set("id", m.id);
    o->set("young_carer_id", m.youngCarerId);
    o->set("candidate_id", m.candidateId);
    o->set("score", m.score);
    o->set("source", m.source);
    o->set("status", std::string(toString(m.status)));
    o->set("created_at", formatIsoTimestamp(m.createdAt));
    o->set("decided_at", optTimestamp(m.decidedAt));
    o->set("decided_by", actor(m.decidedBy));
    o->set("decision_reason", m.decisionReason);
    o->set("merge_id", optId(m.mergeId));
    o->set("evidence", parsedOrText(m.evidenceJson));
    o->set("cautions", parsedOrText(m.cautionsJson));
    // Both sides this person's own records (a merge since): nobody else's details.
    mark(o, !(own.count(m.youngCarerId) && own.count(m.candidateId)), kOtherChildReason);
    return o;
  }

  Object::Ptr merge(const Merge& m) {
    auto o = obj();
    o->set("id", m.id);
    o->set("survivor_id", m.survivorId);
    o->set("absorbed_id", m.absorbedId);
    o->set("merged_at", formatIsoTimestamp(m.mergedAt));
    o->set("merged_by", actor(m.mergedBy));
    o->set("reason", m.reason);
    Array::Ptr revoked = new Array;
    for (const auto& n : m.revokedCards) revoked->add(n);
    o->set("revoked_cards", revoked);
    o->set("undone_at", optTimestamp(m.undoneAt));
    o->set("undone_by", actor(m.undoneBy));
    return o;
  }

  // As the audit API shows it (its hash lets the officer check the entry against `ycr audit verify`),
  // with the staff it names listed once in the staff section.
  Object::Ptr auditEvent(const AuditEvent& e) {
    actor(e.actorUserId);
    return auditEventJson(e);
  }

  // Everyone named by id above, once each.
  Array::Ptr staff() {
    Array::Ptr out = new Array;
    for (Id id : staff_) {
      auto o = obj();
      o->set("user_id", id);
      if (auto u = tx_.users().findById(id)) {
        o->set("display_name", u->displayName);
        o->set("role", std::string(toString(u->role)));
        auto org = tx_.organisations().findById(u->organisationId);
        o->set("organisation", org ? org->name : std::string());
      }
      mark(o, true, kStaffReason);
      out->add(o);
    }
    return out;
  }

 private:
  Transaction& tx_;
  std::set<Id> staff_;
};

}  // namespace ycr::services::subject_access_rows
