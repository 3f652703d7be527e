// The JSON API's case routes: work lists (and their exports), a case, its timeline, and the events
// that move it along the pathway.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "ycr/core/validation.h"
#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/export_response.h"
#include "ycr/services/policy.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr clockJson(const pathways::ClockDue& c) {
  Object::Ptr o = new Object;
  o->set("due", formatIsoDate(c.due));
  o->set("running", c.running);
  o->set("overdue", c.overdue);
  return o;
}

Object::Ptr caseSummaryJson(const Case& c, bool overdue) {
  Object::Ptr o = new Object;
  o->set("id", c.id);
  o->set("young_carer_id", c.youngCarerId);
  o->set("state", std::string(toString(c.state)));
  o->set("close_reason",
         c.closeReason ? Poco::Dynamic::Var(std::string(toString(*c.closeReason))) : Poco::Dynamic::Var());
  Object::Ptr owner = new Object;
  owner->set("team", c.ownerTeam);
  owner->set("user_id", c.ownerUserId ? Poco::Dynamic::Var(*c.ownerUserId) : Poco::Dynamic::Var());
  o->set("owner", owner);
  Object::Ptr next = new Object;
  next->set("action", c.nextAction);
  next->set("due", optDate(c.nextActionDue));
  next->set("overdue", overdue);
  o->set("next_action", next);
  o->set("referral_received", formatIsoDate(c.referralReceived));
  o->set("plan_agreed", optDate(c.planAgreed));
  o->set("review_due", optDate(c.reviewDue));
  o->set("opened_at", formatIsoTimestamp(c.openedAt));
  o->set("updated_at", formatIsoTimestamp(c.updatedAt));
  o->set("version", c.version);
  return o;
}

// The young carer's places on the caller's service's activities and breaks, with what the register says.
Array::Ptr activityPlacesJson(const CaseView& v) {
  Array::Ptr out = new Array;
  for (const auto& [a, p] : v.activities) {
    Object::Ptr j = new Object;
    j->set("activity_id", a.id);
    j->set("kind", std::string(toString(a.kind)));
    j->set("title", a.title);
    j->set("starts_on", formatIsoDate(a.startsOn));
    j->set("ends_on", formatIsoDate(a.endsOn));
    j->set("finalised", a.finalisedAt.has_value());
    j->set("offered_at", formatIsoTimestamp(p.offeredAt));
    j->set("attendance",
           p.attendance ? Poco::Dynamic::Var(std::string(toString(*p.attendance))) : Poco::Dynamic::Var());
    j->set("reason", p.reason);
    out->add(j);
  }
  return out;
}

// The young carer as the case shows them, with their school and year group.
Object::Ptr caseYoungCarerJson(const CaseView& v) {
  Object::Ptr yc = new Object;
  yc->set("id", v.youngCarer.id);
  yc->set("given_name", v.youngCarer.givenName);
  yc->set("family_name", v.youngCarer.familyName);
  yc->set("preferred_name", v.youngCarer.preferredName);
  yc->set("date_of_birth", formatIsoDate(v.youngCarer.dateOfBirth));
  yc->set("school_urn", v.youngCarer.schoolUrn);
  // By age today (England's 1 September cut-off), not stored: school_attendance.h says why.
  yc->set("year_group", v.yearGroup ? Poco::Dynamic::Var(*v.yearGroup) : Poco::Dynamic::Var());
  yc->set("year_group_name",
          v.yearGroup ? Poco::Dynamic::Var(yearGroupName(*v.yearGroup)) : Poco::Dynamic::Var());
  return yc;
}

Object::Ptr caseViewJson(const CaseView& v) {
  auto o = caseSummaryJson(v.caseRecord, v.overdue);
  o->set("young_carer", caseYoungCarerJson(v));
  o->set("young_adult_carer", v.youngAdultCarer);
  Object::Ptr clocks = new Object;
  clocks->set("decision", clockJson(v.clocks.decision));
  clocks->set("assessment", clockJson(v.clocks.assessment));
  clocks->set("review",
              v.clocks.review ? Poco::Dynamic::Var(clockJson(*v.clocks.review)) : Poco::Dynamic::Var());
  clocks->set("transition_planning", clockJson(v.clocks.transitionPlanning));
  clocks->set("adulthood", clockJson(v.clocks.adulthood));
  clocks->set("beyond_calendar", v.clocks.beyondCalendar);
  o->set("clocks", clocks);
  Array::Ptr allowed = new Array;
  for (auto e : v.allowedEvents) allowed->add(std::string(toString(e)));
  o->set("allowed_events", allowed);
  Array::Ptr tasks = new Array;
  for (const auto& t : v.tasks) {
    auto addressee = v.taskAddressees.find(t.id);
    auto late = v.taskWorkingDaysOverdue.find(t.id);
    auto j = taskJson(t, addressee == v.taskAddressees.end() ? t.assignedTo : addressee->second,
                      late == v.taskWorkingDaysOverdue.end() ? 0 : late->second);
    Array::Ptr history = new Array;
    for (const auto& e : v.taskEvents) {
      if (e.taskId != t.id) continue;
      Object::Ptr h = new Object;
      h->set("at", formatIsoTimestamp(e.at));
      h->set("actor_user_id", e.actorUserId ? Poco::Dynamic::Var(*e.actorUserId) : Poco::Dynamic::Var());
      h->set("actor_organisation_id",
             e.actorOrganisationId ? Poco::Dynamic::Var(*e.actorOrganisationId) : Poco::Dynamic::Var());
      h->set("from", std::string(toString(e.fromStatus)));
      h->set("to", std::string(toString(e.toStatus)));
      h->set("outcome",
             e.outcome ? Poco::Dynamic::Var(std::string(toString(*e.outcome))) : Poco::Dynamic::Var());
      h->set("note", e.note);
      history->add(h);
    }
    j->set("history", history);
    tasks->add(j);
  }
  o->set("tasks", tasks);
  Array::Ptr people = new Array;
  for (const auto& p : v.caredFor) {
    Object::Ptr j = new Object;
    j->set("id", p.id);
    j->set("relationship", std::string(toString(p.relationship)));
    Array::Ptr conditions = new Array;
    for (auto c : p.conditions) conditions->add(std::string(toString(c)));
    j->set("conditions", conditions);
    j->set("lives_with_young_carer", p.livesWithYoungCarer);
    j->set("known_to_adult_social_care", p.knownToAdultSocialCare);
    j->set("adult_social_care_reference", p.adultSocialCareReference);
    j->set("person_id", p.personId);
    people->add(j);
  }
  o->set("cared_for", people);
  o->set("household", householdJson(v.household));
  o->set("sharing", sharingJson(v.sharing));
  // Newest first: what each referrer said the young carer does.
  Array::Ptr referrals = new Array;
  for (const auto& r : v.referrals) {
    Object::Ptr j = new Object;
    j->set("reference", r.reference);
    j->set("received_at", formatIsoTimestamp(r.receivedAt));
    j->set("route", std::string(toString(r.route)));
    j->set("caring_summary", r.caringSummary);
    referrals->add(j);
  }
  o->set("referrals", referrals);
  o->set("activities", activityPlacesJson(v));
  Array::Ptr attendance = new Array;
  for (const auto& t : v.schoolAttendance) attendance->add(termAttendanceJson(t));
  o->set("school_attendance", attendance);
  return o;
}

Object::Ptr eventJson(const CaseEvent& e) {
  Object::Ptr o = new Object;
  o->set("id", e.id);
  o->set("at", formatIsoTimestamp(e.at));
  o->set("actor_user_id", e.actorUserId ? Poco::Dynamic::Var(*e.actorUserId) : Poco::Dynamic::Var());
  o->set("event", e.event);
  o->set("from", std::string(toString(e.fromState)));
  o->set("to", std::string(toString(e.toState)));
  o->set("reason", e.reason);
  o->set("close_reason",
         e.closeReason ? Poco::Dynamic::Var(std::string(toString(*e.closeReason))) : Poco::Dynamic::Var());
  o->set("late", e.late);
  o->set("late_reason", e.lateReason);
  return o;
}

Result<pathways::EventRequest> readEvent(const RequestContext& ctx,
                                         std::optional<std::int64_t>& expectedVersion) {
  return readBody<pathways::EventRequest>(ctx, [&](JsonInput& in) {
    pathways::EventRequest r;
    auto event = in.string("event", true);
    if (event) {
      if (auto e = parseEnum<pathways::Event>(*event))
        r.event = *e;
      else
        in.errors().add("event", "unknown_event", "There is no event called " + *event);
    }
    r.reason = in.string("reason").value_or("");
    if (auto cr = in.string("close_reason")) {
      if (auto c = parseEnum<CloseReason>(*cr))
        r.closeReason = *c;
      else
        in.errors().add("close_reason", "invalid_choice", "Choose a close reason from the list");
    }
    r.reviewOutcome = in.string("review_outcome").value_or("");
    r.lateReason = in.string("late_reason").value_or("");
    r.receivingService = in.string("receiving_service").value_or("");
    if (auto a = in.integer("assign_to")) r.assignTo = *a;
    r.assignTeam = validation::trim(in.string("assign_team").value_or(""));
    expectedVersion = in.integer("expected_version");
    in.rejectUnknown();
    return r;
  });
}

// GET /api/v1/cases: a work list, a page at a time, or (format=csv|xlsx) the whole list as a file
// (exports.h), with the same filters and scoping.
Response caseList(Register& reg, const Clock& clock, RequestContext& ctx) {
  // format=csv|xlsx: the whole list as a file (exports.h), the same filters and scoping.
  std::optional<ExportFormat> file;
  if (auto f = ctx.queryValue("format", "json"); f != "json") {
    file = parseExportFormat(f);
    if (!file)
      return Response::problem(
          DomainError::field("format", "invalid_choice", "format must be json, csv or xlsx"));
    for (const char* paging : {"limit", "offset"})
      if (ctx.query.count(paging))
        return Response::problem(DomainError::field(
            paging, "not_with_format", "An export is the whole list: leave out limit and offset"));
  }
  CaseQuery q;
  auto limit = intQuery(ctx, "limit", 50, 1, 200);
  if (!limit) return Response::problem(limit.error());
  auto offset = intQuery(ctx, "offset", 0, 0, 10000000);
  if (!offset) return Response::problem(offset.error());
  q.limit = *limit;
  q.offset = *offset;
  // The list's name for the audit trail: its filters as given, never a child.
  std::string listName;
  auto named = [&listName](const std::string& filter) { listName += (listName.empty() ? "" : " ") + filter; };
  if (auto s = ctx.queryValue("state"); !s.empty()) {
    q.state = parseEnum<CaseState>(s);
    if (!q.state)
      return Response::problem(
          DomainError::field("state", "invalid_choice", "There is no state called " + s));
    named("state=" + s);
  }
  if (auto o = ctx.queryValue("owner"); !o.empty()) {
    if (o == "me")
      q.ownerUserId = ctx.who().userId;
    else if (o.find_first_not_of("0123456789") == std::string::npos && o.size() < 18)
      q.ownerUserId = std::stoll(o);
    else
      return Response::problem(DomainError::field("owner", "invalid", "owner must be a user id or me"));
    named("owner=" + o);
  }
  auto overdue = ctx.queryValue("overdue");
  if (!overdue.empty() && overdue != "true" && overdue != "false")
    return Response::problem(
        DomainError::field("overdue", "invalid_boolean", "overdue must be true or false"));
  q.overdueOnly = overdue == "true";
  if (q.overdueOnly) named("overdue=true");
  auto open = ctx.queryValue("open");
  if (!open.empty() && open != "true" && open != "false")
    return Response::problem(DomainError::field("open", "invalid_boolean", "open must be true or false"));
  q.openOnly = open == "true";
  if (q.openOnly) named("open=true");
  if (file) {
    auto rows =
        reg.exportCases(ctx.who(), q, listName.empty() ? "all" : listName, std::string(formatName(*file)));
    if (!rows) return Response::problem(rows.error());
    return exportResponse(caseSheet(*rows, "cases-" + formatIsoDate(clock.today())), *file);
  }
  auto page = reg.cases(ctx.who(), q);
  if (!page) return Response::problem(page.error());
  Array::Ptr items = new Array;
  for (const auto& item : page->items) {
    auto j = caseSummaryJson(item.caseRecord, item.overdue);
    j->set("young_carer_name", item.youngCarerName);
    items->add(j);
  }
  return Response::json(200, pageJson(items, page->total, *limit, *offset));
}

}  // namespace

void addCaseRoutes(Router& router, Register& reg, const Clock& clock) {
  const auto staff = Access::only({Role::caseworker, Role::team_manager});

  router.add({"GET", "/api/v1/cases", "case.list", staff,
              [&reg, &clock](RequestContext& ctx) { return caseList(reg, clock, ctx); }});
  router.add({"GET", "/api/v1/cases/{id}", "case.read", staff, withId([&reg](RequestContext& ctx, Id id) {
                return okOr<CaseView>(reg.caseView(ctx.who(), id), 200, caseViewJson);
              })});
  router.add({"GET", "/api/v1/cases/{id}/timeline", "case.timeline", staff,
              withId([&reg](RequestContext& ctx, Id id) {
                auto events = reg.timeline(ctx.who(), id);
                if (!events) return Response::problem(events.error());
                Array::Ptr items = new Array;
                for (const auto& e : *events) items->add(eventJson(e));
                Object::Ptr o = new Object;
                o->set("case_id", id);
                o->set("events", items);
                return Response::json(200, o);
              })});
  router.add(
      {"POST", "/api/v1/cases/{id}/events", "case.event", staff, withId([&reg](RequestContext& ctx, Id id) {
         std::optional<std::int64_t> expectedVersion;
         auto request = readEvent(ctx, expectedVersion);
         if (!request) return Response::problem(request.error());
         return okOr<CaseView>(reg.applyEvent(ctx.who(), id, *request, expectedVersion), 200, caseViewJson);
       }),
       true});
}

}  // namespace ycr::services
