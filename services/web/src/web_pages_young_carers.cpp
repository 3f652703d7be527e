// Caseworkers' and team managers' pages for young carers' records: find one (the words posted, never
// in the address), register one, and read one. Every read and change goes through Register, as the
// API's do.

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

YoungPersonInput youngPersonFrom(const Form& f, const std::optional<std::string>& dob) {
  YoungPersonInput in;
  in.givenName = f.get("given_name");
  in.familyName = f.get("family_name");
  in.dateOfBirth = dob.value_or("");
  in.postcode = f.get("postcode");
  if (!f.get("school_urn").empty()) in.schoolUrn = f.get("school_urn");
  return in;
}

std::string registerForm(const WebRequest& req, const PageErrors& errors) {
  const Form& f = req.form;
  return errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Register a young carer</h1>\n" +
         "<form method=\"post\" action=\"/young-carers/new\" novalidate>\n" + csrfField(req.csrfToken) +
         textInput({.id = "given_name",
                    .label = "First name",
                    .value = f.get("given_name"),
                    .autocomplete = "off",
                    .widthClass = "govuk-!-width-one-half",
                    .spellcheck = false},
                   errors) +
         textInput({.id = "family_name",
                    .label = "Last name",
                    .value = f.get("family_name"),
                    .autocomplete = "off",
                    .widthClass = "govuk-!-width-one-half",
                    .spellcheck = false},
                   errors) +
         dateInput("date-of-birth", "Date of birth", "For example, 27 3 2012", f, errors) +
         textInput({.id = "postcode",
                    .label = "Postcode",
                    .value = f.get("postcode"),
                    .autocomplete = "off",
                    .widthClass = "govuk-input--width-10",
                    .spellcheck = false},
                   errors) +
         textInput({.id = "school_urn",
                    .label = "School URN (optional)",
                    .hint = "The school's 6-digit DfE number",
                    .value = f.get("school_urn"),
                    .widthClass = "govuk-input--width-10",
                    .spellcheck = false},
                   errors) +
         button("Register young carer") + "\n</form>\n";
}

// Young carers found by name; q empty shows the form alone.
Response youngCarerSearchPage(WebSite& site, Register& reg, WebRequest& req, const std::string& q) {
  Page p;
  p.title = "Young carers";
  p.navCurrent = "/young-carers";
  p.wide = true;
  p.body =
      "<h1 class=\"govuk-heading-l\">Young carers</h1>\n<form method=\"post\" action=\"/young-carers\" "
      "novalidate>\n" +
      csrfField(req.csrfToken) +
      textInput({.id = "q",
                 .label = "Find a young carer by name",
                 .value = q,
                 .autocomplete = "off",
                 .widthClass = "govuk-!-width-one-half",
                 .spellcheck = false},
                {}) +
      button("Search", "secondary") + "\n</form>\n";
  if (!q.empty()) {
    YoungCarerQuery query;
    query.text = q;
    query.limit = 50;
    auto found = reg.findYoungCarers(req.who(), query);
    if (!found) return site.failurePage(req, found.error());
    if (found->items.empty()) {
      p.body += "<p class=\"govuk-body\">No young carers match &#8216;" + escape(q) + "&#8217;.</p>\n";
    } else {
      TableSpec t;
      t.caption = std::to_string(found->total) + (found->total == 1 ? " match" : " matches");
      t.headings = {"Name", "Date of birth", "Postcode"};
      for (const auto& y : found->items)
        t.rowsHtml.push_back({"<a class=\"govuk-link\" href=\"/young-carers/" + std::to_string(y.id) + "\">" +
                                  escape(fullName(y)) + "</a>",
                              escape(humanDate(y.dateOfBirth)), escape(y.postcode)});
      p.body += table(t);
    }
  }
  p.body +=
      "<p class=\"govuk-body\"><a class=\"govuk-button govuk-button--secondary\" "
      "data-module=\"govuk-button\" role=\"button\" draggable=\"false\" "
      "href=\"/young-carers/new\">Register a young carer</a></p>\n";
  return site.page(req, 200, std::move(p));
}

// The overdue tasks of the service's cases, for its team managers (escalation, tasks.h).
}  // namespace

void addYoungCarerPages(WebSite& site, Register& reg) {
  site.add({"GET", "/young-carers", "web.young_carer.search", kStaff,
            [&site, &reg](WebRequest& req) { return youngCarerSearchPage(site, reg, req, ""); }});
  site.add({"POST", "/young-carers", "web.young_carer.search.submit", kStaff, [&site, &reg](WebRequest& req) {
              return youngCarerSearchPage(site, reg, req, req.form.get("q"));
            }});

  site.add({"GET", "/young-carers/new", "web.young_carer.new", kStaff, [&site](WebRequest& req) {
              Page p;
              p.title = "Register a young carer";
              p.navCurrent = "/young-carers";
              p.backHref = "/young-carers";
              p.body = registerForm(req, {});
              return site.page(req, 200, std::move(p));
            }});

  site.add({"POST", "/young-carers/new", "web.young_carer.create", kStaff, [&site, &reg](WebRequest& req) {
              PageErrors errors;
              const Form& f = req.form;
              if (f.get("given_name").find_first_not_of(' ') == std::string::npos)
                errors.add("given_name", "Enter the young carer's first name");
              if (f.get("family_name").find_first_not_of(' ') == std::string::npos)
                errors.add("family_name", "Enter the young carer's last name");
              auto dob = readDateInput(f, "date-of-birth", "Date of birth", errors);
              if (f.get("postcode").find_first_not_of(' ') == std::string::npos)
                errors.add("postcode", "Enter the young carer's postcode");
              if (errors.empty()) {
                auto created = reg.registerYoungCarer(req.who(), youngPersonFrom(f, dob));
                if (created)
                  return redirect("/young-carers/" + std::to_string(created->id) + "?registered=1");
                if (created.error().code != ErrorCode::validation &&
                    created.error().code != ErrorCode::conflict)
                  return site.failurePage(req, created.error());
                errors.addDomain(created.error(), {{"date_of_birth", "date-of-birth"}});
              }
              Page p;
              p.title = "Register a young carer";
              p.navCurrent = "/young-carers";
              p.backHref = "/young-carers";
              p.hasErrors = true;
              p.body = registerForm(req, errors);
              return site.page(req, 422, std::move(p));
            }});

  site.add(
      {"GET", "/young-carers/{id}", "web.young_carer.read", kStaff,
       site.withId([&site, &reg](WebRequest& req, Id id) {
         auto y = reg.youngCarer(req.who(), id);
         if (!y) return site.failurePage(req, y.error());
         Page p;
         p.title = fullName(*y);
         p.navCurrent = "/young-carers";
         p.backHref = "/young-carers";
         if (!req.query("registered").empty()) p.body += notificationBanner("Young carer registered", true);
         p.body +=
             "<h1 class=\"govuk-heading-l\">" + escape(p.title) + "</h1>\n" +
             summaryList({{"Preferred name",
                           escape(y->preferredName.empty() ? "Not given" : y->preferredName), "", ""},
                          {"Date of birth", escape(humanDate(y->dateOfBirth)), "", ""},
                          {"Postcode", escape(y->postcode), "", ""},
                          {"School URN", escape(y->schoolUrn.empty() ? "Not given" : y->schoolUrn), "", ""},
                          {"Young adult carer", y->youngAdultCarer ? "Yes" : "No", "", ""},
                          {"Registered", escape(humanTimestamp(y->createdAt)), "", ""}});
         if (y->mergedInto)
           p.body += insetText("This record was merged into <a class=\"govuk-link\" href=\"/young-carers/" +
                               std::to_string(*y->mergedInto) + "\">record " +
                               std::to_string(*y->mergedInto) + "</a>.");
         p.body += "<ul class=\"govuk-list\">\n<li><a class=\"govuk-link\" href=\"/young-carers/" +
                   std::to_string(y->id) + "/id-cards\">ID cards</a></li>\n</ul>\n";
         return site.page(req, 200, std::move(p));
       })});
}

}  // namespace ycr::services::web
