// Case staff's pages for activities and breaks (activities.h): the service's list, adding one, and
// one activity with its places, its register and finalising it. Every read and change goes through
// Activities, as the API's /api/v1/activities do; another service's activity is not found.

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const std::vector<Choice>& activityKindChoices() {
  static const std::vector<Choice> choices = {
      {"group", "Group", "A young carers group that meets regularly"},
      {"session", "Session", "A one-off session or workshop"},
      {"trip", "Trip", "A day out"},
      {"residential", "Residential", "Away overnight"},
      {"short_break", "Short break", "A break from caring (respite)"},
  };
  return choices;
}

std::string activityKindText(ActivityKind kind) {
  for (const auto& c : activityKindChoices())
    if (c.value == toString(kind)) return c.text;
  return "Activity";
}

const std::vector<Choice>& attendanceChoices() {
  static const std::vector<Choice> choices = {
      {"attended", "Attended", ""},
      {"cancelled", "Cancelled", "Called off beforehand: say why"},
      {"did_not_attend", "Did not attend", "Did not come, with no word"},
  };
  return choices;
}

std::string activityHref(Id id) {
  return "/activities/" + std::to_string(id);
}

std::string datesText(const Activity& a) {
  return a.startsOn == a.endsOn ? humanDate(a.startsOn)
                                : humanDate(a.startsOn) + " to " + humanDate(a.endsOn);
}

Response activitiesPage(WebSite& site, Activities& activities, WebRequest& req) {
  auto list = activities.list(req.who(), std::nullopt);
  if (!list) return site.failurePage(req, list.error());
  Page p;
  p.title = "Activities and breaks";
  p.navCurrent = "/activities";
  p.wide = true;
  p.body +=
      "<h1 class=\"govuk-heading-l\">Activities and breaks</h1>\n<p class=\"govuk-body\"><a "
      "class=\"govuk-button\" "
      "data-module=\"govuk-button\" role=\"button\" draggable=\"false\" href=\"/activities/new\">Add an "
      "activity</a></p>\n";
  if (list->empty()) {
    p.body += "<p class=\"govuk-body\">No activities from today on.</p>\n";
    return site.page(req, 200, std::move(p));
  }
  TableSpec t;
  t.caption = "From today on";
  t.headings = {"When", "Activity", "Places offered", "Attended", "Register"};
  t.numeric = {false, false, true, true, false};
  for (const auto& s : *list)
    t.rowsHtml.push_back(
        {escape(datesText(s.activity)),
         "<a class=\"govuk-link\" href=\"" + activityHref(s.activity.id) + "\">" + escape(s.activity.title) +
             "</a><br><span class=\"govuk-body-s\">" + escape(activityKindText(s.activity.kind)) + "</span>",
         std::to_string(s.places) + " of " + std::to_string(s.activity.capacity), std::to_string(s.attended),
         s.activity.finalisedAt ? tag("Finalised", "green") : tag("Open", "blue")});
  p.body += table(t);
  return site.page(req, 200, std::move(p));
}

Response newForm(WebSite& site, WebRequest& req, int status, const PageErrors& errors) {
  const Form& f = req.form;
  Page p;
  p.title = "Add an activity";
  p.navCurrent = "/activities";
  p.backHref = "/activities";
  p.hasErrors = !errors.empty();
  p.body =
      errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Add an activity</h1>\n" +
      "<form method=\"post\" action=\"/activities/new\" novalidate>\n" + csrfField(req.csrfToken) +
      radios({.name = "kind",
              .legend = "What kind of activity is it?",
              .choices = activityKindChoices(),
              .selected = {f.get("kind")}},
             errors) +
      textInput({.id = "title",
                 .label = "Name",
                 .hint = "For example, Tuesday young carers group",
                 .value = f.get("title")},
                errors) +
      dateInput("starts_on", "First day", "For example, 10 6 2025", f, errors) +
      dateInput("ends_on", "Last day (optional)", "For a residential or a break of several days", f, errors) +
      textInput({.id = "venue", .label = "Where (optional)", .value = f.get("venue")}, errors) +
      textInput({.id = "capacity",
                 .label = "Places",
                 .value = f.get("capacity"),
                 .type = "text",
                 .widthClass = "govuk-input--width-4"},
                errors) +
      textarea({.id = "transport_note",
                .label = "Transport (optional)",
                .hint = "Who is collected, and how",
                .value = f.get("transport_note")},
               errors, 3) +
      textarea({.id = "consent_note",
                .label = "Consent (optional)",
                .hint = "What consent is needed, such as a parent's for a trip, and how it is kept",
                .value = f.get("consent_note")},
               errors, 3) +
      button("Add activity") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response create(WebSite& site, Activities& activities, WebRequest& req) {
  const Form& f = req.form;
  PageErrors errors;
  ActivityInput in;
  in.kind = f.get("kind");
  in.title = f.get("title");
  // Blank answers get the page's own wording, all at once; everything else is the use case's.
  if (f.get("kind").empty()) errors.add("kind", "Select what kind of activity it is");
  if (f.get("title").find_first_not_of(" \t") == std::string::npos)
    errors.add("title", "Enter the activity's name");
  in.startsOn = readDateInput(f, "starts_on", "First day", errors);
  const bool hasEnd = !(f.get("ends_on-day") + f.get("ends_on-month") + f.get("ends_on-year")).empty();
  if (hasEnd) in.endsOn = readDateInput(f, "ends_on", "Last day", errors);
  in.venue = f.get("venue");
  in.transportNote = f.get("transport_note");
  in.consentNote = f.get("consent_note");
  const std::string capacity = f.get("capacity");
  if (!capacity.empty() && capacity.size() < 6 &&
      capacity.find_first_not_of("0123456789") == std::string::npos)
    in.capacity = std::stoll(capacity);
  else
    errors.add("capacity", "Enter the number of places, like 12");
  if (!errors.empty()) return newForm(site, req, 422, errors);
  auto created = activities.create(req.who(), in);
  if (created) return redirect(activityHref(created->id) + "?added=1");
  if (created.error().code != ErrorCode::validation) return site.failurePage(req, created.error());
  errors.addDomain(created.error(), {{"starts_on", "starts_on-day"}, {"ends_on", "ends_on-day"}});
  return newForm(site, req, 422, errors);
}

// The register as a form, a radio group per child, while it can be taken; a table once locked.
std::string registerHtml(const WebRequest& req, const ActivityView& v, bool open, const PageErrors& errors) {
  if (v.places.empty()) return "<p class=\"govuk-body\">No places have been offered yet.</p>\n";
  if (!open) {
    TableSpec t;
    t.caption = "Register";
    t.headings = {"Young carer", "Attendance", "Reason"};
    for (const auto& pl : v.places)
      t.rowsHtml.push_back(
          {escape(pl.name),
           pl.place.attendance ? escape(humanise(toString(*pl.place.attendance))) : "Not recorded",
           escape(pl.place.reason)});
    return table(t);
  }
  std::string h = "<form method=\"post\" action=\"" + activityHref(v.activity.id) +
                  "/register\" novalidate>\n" + csrfField(req.csrfToken) +
                  "<h2 class=\"govuk-heading-m\">Register</h2>\n";
  for (const auto& pl : v.places) {
    const std::string id = std::to_string(pl.place.youngCarerId);
    h += radios({.name = "attendance_" + id,
                 .legend = pl.name,
                 .choices = attendanceChoices(),
                 .selected = {pl.place.attendance ? std::string(toString(*pl.place.attendance)) : ""},
                 .inlineChoices = true,
                 .small = true},
                errors) +
         textInput({.id = "reason_" + id,
                    .label = "Why was " + pl.name + "'s place cancelled? (if it was)",
                    .value = pl.place.reason},
                   errors);
  }
  return h + button("Save register") + "\n</form>\n";
}

std::string offerHtml(Register& reg, const WebRequest& req, const ActivityView& v, const PageErrors& errors) {
  CaseQuery q;
  q.openOnly = true;
  q.limit = 500;
  auto cases = reg.cases(req.who(), q);
  if (!cases) return "";
  std::vector<Choice> choices{{"", "Choose a young carer", ""}};
  for (const auto& c : cases->items) {
    bool placed = false;
    for (const auto& pl : v.places) placed = placed || pl.place.youngCarerId == c.caseRecord.youngCarerId;
    if (!placed) choices.push_back({std::to_string(c.caseRecord.youngCarerId), c.youngCarerName, ""});
  }
  return "<form method=\"post\" action=\"" + activityHref(v.activity.id) + "/places\" novalidate>\n" +
         csrfField(req.csrfToken) + "<h2 class=\"govuk-heading-m\">Offer a place</h2>\n" +
         select("young_carer_id", "Young carer (open cases)", choices, "", errors) +
         button("Offer place", "secondary") + "\n</form>\n";
}

// Places not yet on the register can be taken back, so another young carer can have them.
std::string withdrawHtml(const WebRequest& req, const ActivityView& v, const PageErrors& errors) {
  std::vector<Choice> choices{{"", "Choose a young carer", ""}};
  for (const auto& pl : v.places)
    if (!pl.place.attendance) choices.push_back({std::to_string(pl.place.youngCarerId), pl.name, ""});
  if (choices.size() == 1) return "";
  return "<form method=\"post\" action=\"" + activityHref(v.activity.id) +
         "/places/withdraw\" novalidate>\n" + csrfField(req.csrfToken) +
         "<h2 class=\"govuk-heading-m\">Withdraw a place</h2>\n" +
         select("withdraw_young_carer_id", "Young carer (no attendance recorded yet)", choices, "", errors) +
         button("Withdraw place", "secondary") + "\n</form>\n";
}

Response activityPage(WebSite& site, Register& reg, Activities& activities, const Clock& clock,
                      WebRequest& req, Id id, int status, const PageErrors& errors) {
  auto v = activities.get(req.who(), id);
  if (!v) return site.failurePage(req, v.error());
  const auto& a = v->activity;
  const Date today = clock.today();
  const bool started = std::chrono::sys_days(a.startsOn) <= std::chrono::sys_days(today);
  const bool over = std::chrono::sys_days(a.endsOn) < std::chrono::sys_days(today);
  Page p;
  p.title = a.title;
  p.navCurrent = "/activities";
  p.backHref = "/activities";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors);
  if (!req.query("added").empty()) p.body += notificationBanner("The activity has been added", true);
  p.body +=
      "<span class=\"govuk-caption-l\">" + escape(activityKindText(a.kind)) +
      "</span>\n<h1 class=\"govuk-heading-l\">" + escape(a.title) + "</h1>\n" +
      summaryList(
          {{"When", escape(datesText(a)), "", ""},
           {"Where", escape(a.venue.empty() ? "Not given" : a.venue), "", ""},
           {"Places", std::to_string(v->places.size()) + " of " + std::to_string(a.capacity) + " offered", "",
            ""},
           {"Transport", a.transportNote.empty() ? "None recorded" : multiline(a.transportNote), "", ""},
           {"Consent", a.consentNote.empty() ? "None recorded" : multiline(a.consentNote), "", ""},
           {"Register", a.finalisedAt ? tag("Finalised", "green") : tag("Open", "blue"), "", ""}});
  const bool open = !a.finalisedAt && started;
  // id="register": an error about the register as a whole (locked, not yet taken) links here.
  p.body += "<div id=\"register\">\n" + registerHtml(req, *v, open, errors) + "</div>\n";
  if (!a.finalisedAt && !over && static_cast<int>(v->places.size()) < a.capacity)
    p.body += offerHtml(reg, req, *v, errors);
  if (!a.finalisedAt) p.body += withdrawHtml(req, *v, errors);
  if (open)
    p.body += "<form method=\"post\" action=\"" + activityHref(a.id) + "/finalise\" novalidate>\n" +
              csrfField(req.csrfToken) +
              warningText("Once finalised, the register cannot be changed: check every place first.") +
              button("Finalise register", "warning") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// A use case's refusal shown on the activity page: a field error beside its field, anything else
// (a full activity, a locked register) in the summary.
Response refused(WebSite& site, Register& reg, Activities& activities, const Clock& clock, WebRequest& req,
                 Id id, const DomainError& e, const std::string& field) {
  if (e.code == ErrorCode::not_found || e.code == ErrorCode::forbidden) return site.failurePage(req, e);
  PageErrors errors;
  if (e.code == ErrorCode::validation)
    errors.addDomain(e, {{"young_carer_id", "young_carer_id"}});
  else
    errors.add(field, e.detail);
  return activityPage(site, reg, activities, clock, req, id, e.code == ErrorCode::validation ? 422 : 409,
                      errors);
}

Response saveRegister(WebSite& site, Register& reg, Activities& activities, const Clock& clock,
                      WebRequest& req, Id id) {
  auto v = activities.get(req.who(), id);
  if (!v) return site.failurePage(req, v.error());
  std::vector<AttendanceEntry> entries;
  std::map<std::string, std::string> fieldIds;
  for (const auto& pl : v->places) {
    const std::string yc = std::to_string(pl.place.youngCarerId);
    fieldIds["entries[" + std::to_string(entries.size()) + "].reason"] = "reason_" + yc;
    fieldIds["entries[" + std::to_string(entries.size()) + "].attendance"] = "attendance_" + yc;
    entries.push_back(
        {pl.place.youngCarerId, req.form.get("attendance_" + yc), req.form.get("reason_" + yc)});
  }
  auto saved = activities.recordRegister(req.who(), id, entries);
  if (saved) return redirect(activityHref(id));
  if (saved.error().code != ErrorCode::validation)
    return refused(site, reg, activities, clock, req, id, saved.error(), "register");
  PageErrors errors;
  errors.addDomain(saved.error(), fieldIds);
  return activityPage(site, reg, activities, clock, req, id, 422, errors);
}

}  // namespace

void addActivityPages(WebSite& site, Register& reg, Activities& activities, const Clock& clock) {
  site.add({"GET", "/activities", "web.activities", kStaff,
            [&site, &activities](WebRequest& req) { return activitiesPage(site, activities, req); }});
  site.add({"GET", "/activities/new", "web.activity.new", kStaff,
            [&site](WebRequest& req) { return newForm(site, req, 200, {}); }});
  site.add({"POST", "/activities/new", "web.activity.create", kStaff,
            [&site, &activities](WebRequest& req) { return create(site, activities, req); }});
  site.add({"GET", "/activities/{id}", "web.activity", kStaff,
            site.withId([&site, &reg, &activities, &clock](WebRequest& req, Id id) {
              return activityPage(site, reg, activities, clock, req, id, 200, {});
            })});
  site.add({"POST", "/activities/{id}/places", "web.activity.place", kStaff,
            site.withId([&site, &reg, &activities, &clock](WebRequest& req, Id id) {
              auto yc = parseId(req.form.get("young_carer_id"));
              if (!yc) {
                PageErrors errors;
                errors.add("young_carer_id", "Choose the young carer to offer a place to");
                return activityPage(site, reg, activities, clock, req, id, 422, errors);
              }
              auto offered = activities.offerPlace(req.who(), id, *yc);
              if (!offered)
                return refused(site, reg, activities, clock, req, id, offered.error(), "young_carer_id");
              return redirect(activityHref(id));
            })});
  site.add({"POST", "/activities/{id}/places/withdraw", "web.activity.place_withdraw", kStaff,
            site.withId([&site, &reg, &activities, &clock](WebRequest& req, Id id) {
              auto yc = parseId(req.form.get("withdraw_young_carer_id"));
              if (!yc) {
                PageErrors errors;
                errors.add("withdraw_young_carer_id", "Choose the young carer whose place is withdrawn");
                return activityPage(site, reg, activities, clock, req, id, 422, errors);
              }
              auto withdrawn = activities.withdrawPlace(req.who(), id, *yc);
              if (!withdrawn)
                return refused(site, reg, activities, clock, req, id, withdrawn.error(),
                               "withdraw_young_carer_id");
              return redirect(activityHref(id));
            })});
  site.add({"POST", "/activities/{id}/register", "web.activity.register", kStaff,
            site.withId([&site, &reg, &activities, &clock](WebRequest& req, Id id) {
              return saveRegister(site, reg, activities, clock, req, id);
            })});
  site.add({"POST", "/activities/{id}/finalise", "web.activity.finalise", kStaff,
            site.withId([&site, &reg, &activities, &clock](WebRequest& req, Id id) {
              auto done = activities.finalise(req.who(), id);
              if (!done) return refused(site, reg, activities, clock, req, id, done.error(), "register");
              return redirect(activityHref(id));
            })});
}

}  // namespace ycr::services::web
