// Schools and their young carer champions (school_champions.h) in pages, for a young carers service's
// case staff and administrators: every school on the register with its champions in post today; a
// school's champions past and present, with naming a new one; recording that a champion stepped down.
// Everything goes through SchoolChampions, as the API's /api/v1/champions... does.

#include "ycr/services/school_champions.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const Access kSchoolKeepers = Access::only({Role::caseworker, Role::team_manager, Role::admin});

std::string schoolHref(Id id) {
  return "/schools/" + std::to_string(id);
}

std::string championHref(Id id) {
  return "/champions/" + std::to_string(id);
}

// "Mrs J. Patel, Head of Year 9", escaped.
std::string whoAndPost(const SchoolChampion& c) {
  return escape(c.name) + (c.post.empty() ? "" : ", " + escape(c.post));
}

Response schoolsPage(WebSite& site, SchoolChampions& champions, WebRequest& req) {
  auto schools = champions.schools(req.who());
  if (!schools) return site.failurePage(req, schools.error());
  std::size_t with = 0;
  for (const auto& v : *schools) with += v.champions.empty() ? 0 : 1;
  Page p;
  p.title = "Schools and their champions";
  p.wide = true;
  p.navCurrent = "/schools";
  p.body = "<h1 class=\"govuk-heading-l\">Schools and their champions</h1>\n<p class=\"govuk-body\">" +
           std::to_string(with) + " of " + std::to_string(schools->size()) +
           " schools on the register have a young carer champion in post today. A school is added to the "
           "register by an administrator.</p>\n";
  if (schools->empty()) {
    p.body += "<p class=\"govuk-body\">No schools on the register yet.</p>\n";
    return site.page(req, 200, std::move(p));
  }
  TableSpec t;
  t.headings = {"School", "URN", "District", "Champion in post"};
  for (const auto& v : *schools) {
    std::string inPost;
    for (const auto& c : v.champions) inPost += (inPost.empty() ? "" : "<br>") + whoAndPost(c);
    t.rowsHtml.push_back(
        {"<a class=\"govuk-link\" href=\"" + schoolHref(v.school.id) + "\">" + escape(v.school.name) + "</a>",
         escape(v.school.identifier), escape(v.school.district),
         inPost.empty() ? tag("None", "grey") : inPost});
  }
  p.body += table(t);
  return site.page(req, 200, std::move(p));
}

std::string nameForm(const WebRequest& req, const SchoolChampionsView& v, const PageErrors& errors) {
  const Form& f = req.form;
  std::string accountChoice;
  if (!v.accounts.empty()) {
    std::vector<Choice> choices = {{"", "No account", ""}};
    for (const auto& a : v.accounts) choices.push_back({std::to_string(a.id), a.displayName, ""});
    accountChoice =
        select("user_id", "Their account on the register (optional)", choices, f.get("user_id"), errors);
  }
  return "<h2 class=\"govuk-heading-m\">Name a champion</h2>\n<form method=\"post\" action=\"" +
         schoolHref(v.school.id) + "/champions\" novalidate>\n" + csrfField(req.csrfToken) +
         textInput({.id = "name",
                    .label = "Their name",
                    .hint = "As the school knows them, for example Mrs J. Patel",
                    .value = f.get("name"),
                    .autocomplete = "off",
                    .spellcheck = false},
                   errors) +
         textInput({.id = "post",
                    .label = "Their post in the school (optional)",
                    .hint = "For example, Head of Year 9",
                    .value = f.get("post")},
                   errors) +
         dateInput("since", "When did they take it on?", "For example, 1 9 2026", f, errors) + accountChoice +
         button("Name the champion") + "\n</form>\n";
}

Response schoolRecordPage(WebSite& site, SchoolChampions& champions, WebRequest& req, Id id, int status,
                          const PageErrors& errors) {
  auto v = champions.school(req.who(), id);
  if (!v) return site.failurePage(req, v.error());
  Page p;
  p.title = v->school.name;
  p.wide = true;
  p.navCurrent = "/schools";
  p.backHref = "/schools";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) +
           "<span class=\"govuk-caption-l\">School</span><h1 class=\"govuk-heading-l\">" +
           escape(v->school.name) + "</h1>\n" +
           summaryList(
               {{"URN", escape(v->school.identifier.empty() ? "Not given" : v->school.identifier), "", ""},
                {"District", escape(v->school.district.empty() ? "Not given" : v->school.district), "", ""},
                {"On the register", v->school.active ? "Yes" : tag("Deactivated", "grey"), "", ""}});
  p.body += "<h2 class=\"govuk-heading-m\">Young carer champions</h2>\n";
  if (v->champions.empty()) {
    p.body += "<p class=\"govuk-body\">No champion has been named at this school.</p>\n";
  } else {
    TableSpec t;
    t.headings = {"Champion", "From", "To", "Why they stepped down"};
    for (const auto& c : v->champions)
      t.rowsHtml.push_back(
          {whoAndPost(c), escape(humanDate(c.since)),
           c.until ? escape(humanDate(*c.until))
                   : tag("In post", "green") + " <a class=\"govuk-link\" href=\"" + championHref(c.id) +
                         "/end\">Record that they stepped down<span class=\"govuk-visually-hidden\">: " +
                         escape(c.name) + "</span></a>",
           multiline(c.endReason)});
    p.body += table(t);
  }
  if (v->school.active) p.body += nameForm(req, *v, errors);
  return site.page(req, status, std::move(p));
}

Response nameChampion(WebSite& site, SchoolChampions& champions, WebRequest& req, Id schoolId) {
  const Form& f = req.form;
  PageErrors errors;
  ChampionInput in;
  in.name = f.get("name");
  in.post = f.get("post");
  in.since = readDateInput(f, "since", "The first day in post", errors);
  if (!f.get("user_id").empty()) {
    auto id = parseId(f.get("user_id"));
    in.userId = id ? static_cast<long long>(*id) : 0;
  }
  if (f.get("name").empty()) errors.add("name", "Enter their name");
  if (!errors.empty()) return schoolRecordPage(site, champions, req, schoolId, 422, errors);
  auto named = champions.name(req.who(), schoolId, in);
  if (named) return redirect(schoolHref(schoolId));
  if (named.error().code != ErrorCode::validation) return site.failurePage(req, named.error());
  errors.addDomain(named.error());
  return schoolRecordPage(site, champions, req, schoolId, 422, errors);
}

Response endPage(WebSite& site, SchoolChampions& champions, WebRequest& req, Id championId, int status,
                 const PageErrors& errors) {
  auto found = champions.champion(req.who(), championId);
  if (!found) return site.failurePage(req, found.error());
  const auto& v = *found;
  const auto& c = v.champions.front();
  Page p;
  p.title = "Record that " + c.name + " stepped down";
  p.navCurrent = "/schools";
  p.backHref = schoolHref(v.school.id);
  p.hasErrors = !errors.empty();
  const Form& f = req.form;
  p.body = errorSummary(errors) + "<span class=\"govuk-caption-l\">" + escape(v.school.name) +
           "</span><h1 class=\"govuk-heading-l\">Record that " + escape(c.name) + " stepped down</h1>\n" +
           "<p class=\"govuk-body\">Champion since " + escape(humanDate(c.since)) +
           ". The school counts as having a champion up to their last day.</p>\n<form method=\"post\" "
           "action=\"" +
           championHref(c.id) + "/end\" novalidate>\n" + csrfField(req.csrfToken) +
           dateInput("until", "What was their last day as champion?", "For example, 20 7 2026", f, errors) +
           textarea({.id = "reason", .label = "Why did they step down? (optional)", .value = f.get("reason")},
                    errors, 3) +
           button("Record it") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response endChampion(WebSite& site, SchoolChampions& champions, WebRequest& req, Id championId) {
  const Form& f = req.form;
  PageErrors errors;
  ChampionEndInput in;
  in.until = readDateInput(f, "until", "The last day in post", errors);
  in.reason = f.get("reason");
  if (!errors.empty()) return endPage(site, champions, req, championId, 422, errors);
  auto ended = champions.end(req.who(), championId, in);
  if (ended) return redirect(schoolHref(ended->organisationId));
  if (ended.error().code != ErrorCode::validation) return site.failurePage(req, ended.error());
  errors.addDomain(ended.error());
  return endPage(site, champions, req, championId, 422, errors);
}

}  // namespace

void addSchoolPages(WebSite& site, SchoolChampions& champions) {
  site.add({"GET", "/schools", "web.schools", kSchoolKeepers,
            [&site, &champions](WebRequest& req) { return schoolsPage(site, champions, req); }});
  site.add({"GET", "/schools/{id}", "web.school", kSchoolKeepers,
            site.withId([&site, &champions](WebRequest& req, Id id) {
              return schoolRecordPage(site, champions, req, id, 200, {});
            })});
  site.add({"POST", "/schools/{id}/champions", "web.champion.name", kSchoolKeepers,
            site.withId([&site, &champions](WebRequest& req, Id id) {
              return nameChampion(site, champions, req, id);
            })});
  site.add({"GET", "/champions/{id}/end", "web.champion.end_form", kSchoolKeepers,
            site.withId([&site, &champions](WebRequest& req, Id id) {
              return endPage(site, champions, req, id, 200, {});
            })});
  site.add({"POST", "/champions/{id}/end", "web.champion.end", kSchoolKeepers,
            site.withId([&site, &champions](WebRequest& req, Id id) {
              return endChampion(site, champions, req, id);
            })});
}

}  // namespace ycr::services::web
