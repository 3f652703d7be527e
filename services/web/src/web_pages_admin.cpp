// Administrators' pages: organisations (list, add, deactivate) and user accounts (list, add,
// deactivate, reset a password). Every change goes through Administration, as the API's
// /api/v1/organisations and /api/v1/users do, so the rules and the audit trail are the same.
// A one-time password is shown once, on the page that answers the POST which made it: it is
// never put in an address, a draft or a later page.

#include <algorithm>

#include "ycr/services/administration.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

std::string organisationKindText(OrganisationKind kind) {
  switch (kind) {
    case OrganisationKind::school: return "School";
    case OrganisationKind::gp_practice: return "GP practice";
    case OrganisationKind::health: return "Health service";
    case OrganisationKind::adult_social_care: return "Adult social care";
    case OrganisationKind::childrens_social_care: return "Children's social care";
    case OrganisationKind::early_help: return "Early help";
    case OrganisationKind::voluntary: return "Voluntary or community organisation";
    case OrganisationKind::carers_centre: return "Young carers service or carers centre";
    case OrganisationKind::commissioner: return "Commissioner";
    case OrganisationKind::self: return "Self-referral (young people and families)";
    case OrganisationKind::other: return "Other";
  }
  return "Other";
}

std::vector<Choice> organisationKindChoices() {
  std::vector<Choice> out;
  for (auto k : {OrganisationKind::school, OrganisationKind::gp_practice, OrganisationKind::health,
                 OrganisationKind::adult_social_care, OrganisationKind::childrens_social_care,
                 OrganisationKind::early_help, OrganisationKind::voluntary, OrganisationKind::carers_centre,
                 OrganisationKind::commissioner, OrganisationKind::self, OrganisationKind::other}) {
    std::string hint;
    if (k == OrganisationKind::school) hint = "Needs the school's 6-digit DfE URN";
    if (k == OrganisationKind::gp_practice) hint = "Needs the practice's ODS code";
    out.push_back({std::string(toString(k)), organisationKindText(k), hint});
  }
  return out;
}

std::string roleText(Role role) {
  switch (role) {
    case Role::admin: return "Administrator";
    case Role::caseworker: return "Caseworker";
    case Role::team_manager: return "Team manager";
    case Role::referrer: return "Referrer";
    case Role::commissioner: return "Commissioner";
    case Role::auditor: return "Auditor";
  }
  return "Unknown";
}

std::vector<Choice> roleChoices() {
  return {
      {"referrer", roleText(Role::referrer),
       "Makes referrals and follows their status, for example a school's young carers champion"},
      {"caseworker", roleText(Role::caseworker), "Works on cases: assessments, support plans and ID cards"},
      {"team_manager", roleText(Role::team_manager), "A caseworker who also sees the service's indicators"},
      {"commissioner", roleText(Role::commissioner), "Sees figures only, never a child's record"},
      {"auditor", roleText(Role::auditor), "Reads the audit trail"},
      {"admin", roleText(Role::admin), "Manages organisations and accounts"}};
}

std::string activeTag(bool active) {
  return active ? tag("Active", "green") : tag("Deactivated", "grey");
}

std::string hiddenContext(const std::string& text) {
  return "<span class=\"govuk-visually-hidden\"> " + escape(text) + "</span>";
}

std::string buttonLink(const std::string& href, const std::string& text) {
  return "<a class=\"govuk-button govuk-button--secondary\" data-module=\"govuk-button\" role=\"button\" "
         "draggable=\"false\" href=\"" +
         escape(href) + "\">" + escape(text) + "</a>";
}

std::optional<Organisation> findOrganisation(const std::vector<Organisation>& list, Id id) {
  for (const auto& o : list)
    if (o.id == id) return o;
  return std::nullopt;
}

std::optional<Account> findAccount(const std::vector<Account>& list, Id id) {
  for (const auto& a : list)
    if (a.id == id) return a;
  return std::nullopt;
}

// The advice that goes with every one-time password the pages show.
std::string passwordAdvice(const std::string& displayName) {
  return "<h2 class=\"govuk-heading-m\">Pass the password on securely</h2>\n"
         "<p class=\"govuk-body\">This is the only time the password is shown. Give it to " +
         escape(displayName) +
         " yourself or by phone once you know it is them. Do not send it by email or in the same message as "
         "the username.</p>\n" +
         warningText(
             "If the password is lost, reset it again: nobody, including administrators, can see it "
             "later.") +
         "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/users\">Back to users</a></p>\n";
}

std::string oneTimePasswordPanel(const std::string& title, const std::string& username,
                                 const std::string& password) {
  return panel(title, "Username: <strong>" + escape(username) +
                          "</strong><br>One-time password:<br><strong class=\"ycr-one-time-password\">" +
                          escape(password) + "</strong>");
}

// ---------------- organisations ----------------

Response organisationForm(WebSite& site, const WebRequest& req, int status, const PageErrors& errors) {
  const Form& f = req.form;
  Page p;
  p.title = "Add an organisation";
  p.navCurrent = "/admin/organisations";
  p.backHref = "/admin/organisations";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Add an organisation</h1>\n" +
           "<form method=\"post\" action=\"/admin/organisations/new\" novalidate>\n" +
           csrfField(req.csrfToken) +
           textInput({.id = "name",
                      .label = "Name",
                      .value = f.get("name"),
                      .autocomplete = "off",
                      .widthClass = "govuk-!-width-two-thirds"},
                     errors) +
           radios({.name = "kind",
                   .legend = "What kind of organisation is it?",
                   .choices = organisationKindChoices(),
                   .selected = {f.get("kind")}},
                  errors) +
           textInput({.id = "identifier",
                      .label = "Identifier (optional for most kinds)",
                      .hint = "A school's DfE URN or a GP practice's ODS code",
                      .value = f.get("identifier"),
                      .autocomplete = "off",
                      .widthClass = "govuk-input--width-10",
                      .spellcheck = false},
                     errors) +
           textInput({.id = "district",
                      .label = "District (optional)",
                      .hint = "For example, Leicester",
                      .value = f.get("district"),
                      .autocomplete = "off",
                      .widthClass = "govuk-!-width-one-half"},
                     errors) +
           textInput({.id = "notices_email",
                      .label = "Notices email address (optional)",
                      .hint = "Where it is told of its referrals' status and of work addressed to it. "
                              "Without one it sees status here only",
                      .value = f.get("notices_email"),
                      .autocomplete = "off",
                      .widthClass = "govuk-!-width-two-thirds",
                      .spellcheck = false},
                     errors) +
           button("Add organisation") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// The organisation form's answers as the use case takes them.
OrganisationInput organisationInput(const Form& f) {
  OrganisationInput input;
  input.name = f.get("name");
  input.kind = f.get("kind");
  input.identifier = f.get("identifier");
  input.district = f.get("district");
  input.noticesEmail = f.get("notices_email");
  return input;
}

Response organisationsPage(WebSite& site, Administration& admin, const WebRequest& req) {
  auto list = admin.organisations(req.who());
  if (!list) return site.failurePage(req, list.error());
  auto sorted = *list;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Organisation& a, const Organisation& b) {
    return a.active != b.active ? a.active : a.name < b.name;
  });
  Page p;
  p.title = "Organisations";
  p.navCurrent = "/admin/organisations";
  p.wide = true;
  auto banner = [&](const std::string& key, const std::string& what) {
    auto id = parseId(req.query(key));
    if (!id) return;
    if (auto o = findOrganisation(*list, *id))
      p.body += notificationBanner(escape(o->name) + " " + what, true);
  };
  banner("added", "has been added");
  banner("deactivated", "has been deactivated");
  banner("notices", "notices email address has been saved");
  p.body +=
      "<h1 class=\"govuk-heading-l\">Organisations</h1>\n<p class=\"govuk-body\">Every account belongs to "
      "one organisation. A deactivated organisation cannot be given new accounts.</p>\n" +
      buttonLink("/admin/organisations/new", "Add an organisation") +
      "\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/admin/notices\">See the notices sent to "
      "organisations</a></p>\n";
  TableSpec t;
  t.caption = std::to_string(list->size()) + (list->size() == 1 ? " organisation" : " organisations");
  t.headings = {"Name", "Kind", "District", "Notices email", "Status", "Action"};
  for (const auto& o : sorted) {
    std::string action;
    if (o.active && o.id != req.who().organisationId)
      action = "<a class=\"govuk-link\" href=\"/admin/organisations/" + std::to_string(o.id) +
               "/deactivate\">Deactivate" + hiddenContext(o.name) + "</a>";
    else if (o.id == req.who().organisationId)
      action = "Your organisation";
    std::string name = escape(o.name);
    if (!o.identifier.empty()) name += "<br><span class=\"govuk-body-s\">" + escape(o.identifier) + "</span>";
    const std::string notices = escape(o.noticesEmail.empty() ? "None" : o.noticesEmail) +
                                "<br><a class=\"govuk-link\" href=\"/admin/organisations/" +
                                std::to_string(o.id) + "/notices-email\">Change" +
                                hiddenContext("notices email for " + o.name) + "</a>";
    t.rowsHtml.push_back({name, escape(organisationKindText(o.kind)),
                          escape(o.district.empty() ? "Not given" : o.district), notices, activeTag(o.active),
                          action});
  }
  p.body += table(t);
  return site.page(req, 200, std::move(p));
}

Response confirmOrganisationPage(WebSite& site, Administration& admin, const WebRequest& req, Id id) {
  auto list = admin.organisations(req.who());
  if (!list) return site.failurePage(req, list.error());
  auto org = findOrganisation(*list, id);
  if (!org) return site.failurePage(req, DomainError::notFound("There is no organisation with that id"));
  Page p;
  p.title = "Deactivate " + org->name;
  p.navCurrent = "/admin/organisations";
  p.backHref = "/admin/organisations";
  p.body = "<span class=\"govuk-caption-l\">Organisations</span>\n<h1 class=\"govuk-heading-l\">Deactivate " +
           escape(org->name) + "?</h1>\n";
  if (!org->active) {
    p.body +=
        "<p class=\"govuk-body\">This organisation is already deactivated.</p>\n<p class=\"govuk-body\">"
        "<a class=\"govuk-link\" href=\"/admin/organisations\">Back to organisations</a></p>\n";
    return site.page(req, 200, std::move(p));
  }
  p.body += summaryList({{"Kind", escape(organisationKindText(org->kind)), "", ""},
                         {"District", escape(org->district.empty() ? "Not given" : org->district), "", ""}}) +
            warningText(
                "No new accounts can be added to a deactivated organisation. This cannot be undone from "
                "these pages.") +
            "<form method=\"post\" action=\"/admin/organisations/" + std::to_string(org->id) +
            "/deactivate\" novalidate>\n" + csrfField(req.csrfToken) +
            "<div class=\"govuk-button-group\">\n" + button("Deactivate organisation", "warning") +
            "\n<a class=\"govuk-link\" href=\"/admin/organisations\">Cancel</a>\n</div>\n</form>\n";
  return site.page(req, 200, std::move(p));
}

// ---------------- accounts ----------------

std::vector<Choice> organisationChoices(const std::vector<Organisation>& list) {
  std::vector<Choice> out = {{"", "Choose an organisation", ""}};
  std::vector<Organisation> active;
  for (const auto& o : list)
    if (o.active) active.push_back(o);
  std::sort(active.begin(), active.end(),
            [](const Organisation& a, const Organisation& b) { return a.name < b.name; });
  for (const auto& o : active) out.push_back({std::to_string(o.id), o.name, ""});
  return out;
}

Response userForm(WebSite& site, Administration& admin, const WebRequest& req, int status,
                  const PageErrors& errors) {
  auto orgs = admin.organisations(req.who());
  if (!orgs) return site.failurePage(req, orgs.error());
  const Form& f = req.form;
  Page p;
  p.title = "Add a user";
  p.navCurrent = "/admin/users";
  p.backHref = "/admin/users";
  p.hasErrors = !errors.empty();
  p.body =
      errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Add a user</h1>\n" +
      "<form method=\"post\" action=\"/admin/users/new\" novalidate>\n" + csrfField(req.csrfToken) +
      textInput({.id = "display_name",
                 .label = "Full name",
                 .value = f.get("display_name"),
                 .autocomplete = "off",
                 .widthClass = "govuk-!-width-two-thirds",
                 .spellcheck = false},
                errors) +
      textInput(
          {.id = "username",
           .label = "Username",
           .hint = "What they type to sign in: lower-case letters, numbers, dots, hyphens or underscores",
           .value = f.get("username"),
           .autocomplete = "off",
           .widthClass = "govuk-!-width-one-half",
           .spellcheck = false},
          errors) +
      radios({.name = "role",
              .legend = "What is their role?",
              .choices = roleChoices(),
              .selected = {f.get("role")}},
             errors) +
      select("organisation_id", "Organisation they work for", organisationChoices(*orgs),
             f.get("organisation_id"), errors) +
      insetText("A one-time password is made for the new account and shown on the next page, once.") +
      button("Add user") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response usersPage(WebSite& site, Administration& admin, const WebRequest& req) {
  auto people = admin.accounts(req.who());
  if (!people) return site.failurePage(req, people.error());
  auto orgs = admin.organisations(req.who());
  if (!orgs) return site.failurePage(req, orgs.error());
  auto sorted = *people;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Account& a, const Account& b) {
    return a.active != b.active ? a.active : a.username < b.username;
  });
  Page p;
  p.title = "Users";
  p.navCurrent = "/admin/users";
  p.wide = true;
  if (auto id = parseId(req.query("deactivated")))
    if (auto a = findAccount(*people, *id))
      p.body += notificationBanner(escape(a->displayName) + " (" + escape(a->username) +
                                       ") has been deactivated and signed out everywhere",
                                   true);
  if (auto id = parseId(req.query("second_factor_reset")))
    if (auto a = findAccount(*people, *id))
      p.body +=
          notificationBanner(escape(a->displayName) + " (" + escape(a->username) +
                                 ")'s authenticator app and recovery codes have been removed and they have "
                                 "been signed out everywhere",
                             true);
  p.body +=
      "<h1 class=\"govuk-heading-l\">Users</h1>\n<p class=\"govuk-body\">Everyone who can sign in, with "
      "their role and organisation.</p>\n" +
      buttonLink("/admin/users/new", "Add a user") + "\n";
  TableSpec t;
  t.caption = std::to_string(people->size()) + (people->size() == 1 ? " user" : " users");
  t.headings = {"Username", "Name", "Role", "Organisation", "Second factor", "Status", "Actions"};
  for (const auto& a : sorted) {
    auto org = findOrganisation(*orgs, a.organisationId);
    std::string actions;
    if (a.active && a.id != req.who().userId) {
      const std::string base = "/admin/users/" + std::to_string(a.id);
      actions = "<ul class=\"govuk-list govuk-!-margin-bottom-0\"><li><a class=\"govuk-link\" href=\"" +
                base + "/reset-password\">Reset password" + hiddenContext("for " + a.username) + "</a></li>";
      if (a.secondFactorEnrolled)
        actions += "<li><a class=\"govuk-link\" href=\"" + base +
                   "/reset-second-factor\">Reset second factor" + hiddenContext("for " + a.username) +
                   "</a></li>";
      actions += "<li><a class=\"govuk-link\" href=\"" + base + "/deactivate\">Deactivate" +
                 hiddenContext(a.username) + "</a></li></ul>";
    } else if (a.id == req.who().userId) {
      actions = "You";
    }
    t.rowsHtml.push_back({escape(a.username), escape(a.displayName), escape(roleText(a.role)),
                          escape(org ? org->name : "Unknown"),
                          a.secondFactorEnrolled ? "Authenticator app" : "Not set up", activeTag(a.active),
                          actions});
  }
  p.body += table(t);
  return site.page(req, 200, std::move(p));
}

// The confirmation before deactivating or resetting: `what` is "deactivate", "reset-password" or
// "reset-second-factor".
Response confirmUserPage(WebSite& site, Administration& admin, const WebRequest& req, Id id,
                         const std::string& what) {
  auto people = admin.accounts(req.who());
  if (!people) return site.failurePage(req, people.error());
  auto account = findAccount(*people, id);
  if (!account) return site.failurePage(req, DomainError::notFound("There is no user with that id"));
  auto orgs = admin.organisations(req.who());
  if (!orgs) return site.failurePage(req, orgs.error());
  auto org = findOrganisation(*orgs, account->organisationId);
  const bool deactivate = what == "deactivate", secondFactor = what == "reset-second-factor";
  const std::string heading = (deactivate     ? "Deactivate "
                               : secondFactor ? "Reset the second factor of "
                                              : "Reset the password of ") +
                              account->displayName;
  Page p;
  p.title = heading;
  p.navCurrent = "/admin/users";
  p.backHref = "/admin/users";
  p.body = "<span class=\"govuk-caption-l\">Users</span>\n<h1 class=\"govuk-heading-l\">" + escape(heading) +
           "?</h1>\n" +
           summaryList({{"Username", escape(account->username), "", ""},
                        {"Role", escape(roleText(account->role)), "", ""},
                        {"Organisation", escape(org ? org->name : "Unknown"), "", ""},
                        {"Status", activeTag(account->active), "", ""}});
  if (deactivate && !account->active) {
    p.body +=
        "<p class=\"govuk-body\">This account is already deactivated.</p>\n<p class=\"govuk-body\">"
        "<a class=\"govuk-link\" href=\"/admin/users\">Back to users</a></p>\n";
    return site.page(req, 200, std::move(p));
  }
  if (secondFactor && !account->secondFactorEnrolled) {
    p.body +=
        "<p class=\"govuk-body\">This account has no authenticator app set up.</p>\n<p class=\"govuk-body\">"
        "<a class=\"govuk-link\" href=\"/admin/users\">Back to users</a></p>\n";
    return site.page(req, 200, std::move(p));
  }
  const char* warning =
      deactivate ? "They will be signed out everywhere at once and will not be able to sign in."
      : secondFactor
          ? "Only do this once you are sure who is asking. Their authenticator app and recovery codes "
            "stop working and they are signed out everywhere at once. At their next sign-in they "
            "give their password and set up an authenticator app again."
          : "Their current password stops working and they are signed out everywhere at once. You "
            "will see the new one-time password on the next page.";
  p.body += warningText(warning) + "<form method=\"post\" action=\"/admin/users/" +
            std::to_string(account->id) + "/" + what + "\" novalidate>\n" + csrfField(req.csrfToken) +
            "<div class=\"govuk-button-group\">\n" +
            button(deactivate     ? "Deactivate user"
                   : secondFactor ? "Reset second factor"
                                  : "Reset password",
                   deactivate || secondFactor ? "warning" : "") +
            "\n<a class=\"govuk-link\" href=\"/admin/users\">Cancel</a>\n</div>\n</form>\n";
  return site.page(req, 200, std::move(p));
}

Response passwordShownPage(WebSite& site, const WebRequest& req, const std::string& title,
                           const AccountWithPassword& result) {
  Page p;
  p.title = title;
  p.navCurrent = "/admin/users";
  p.body = oneTimePasswordPanel(title, result.account.username, result.oneTimePassword) +
           passwordAdvice(result.account.displayName);
  return site.page(req, 200, std::move(p));
}

// POST /admin/users/new: a new account, its first password shown once.
Response createAccount(WebSite& site, Administration& admin, WebRequest& req) {
  const Form& f = req.form;
  PageErrors errors;
  if (isBlank(f.get("display_name"))) errors.add("display_name", "Enter the person's full name");
  if (isBlank(f.get("username"))) errors.add("username", "Enter a username");
  if (f.get("role").empty()) errors.add("role", "Select their role");
  std::optional<Id> organisationId;
  if (f.get("organisation_id").empty())
    errors.add("organisation_id", "Select the organisation they work for");
  else if (!(organisationId = parseId(f.get("organisation_id"))))
    errors.add("organisation_id", "Select one of the organisations in the list");
  if (errors.empty()) {
    UserInput input;
    input.displayName = f.get("display_name");
    input.username = f.get("username");
    input.role = f.get("role");
    input.organisationId = static_cast<long long>(*organisationId);
    auto created = admin.createAccount(req.who(), input);
    if (created) return passwordShownPage(site, req, "User added", *created);
    const auto& e = created.error();
    if (e.code == ErrorCode::conflict)
      errors.add("username", "That username is taken; choose another");
    else if (e.code == ErrorCode::validation)
      errors.addDomain(e);
    else
      return site.failurePage(req, e);
  }
  return userForm(site, admin, req, 422, errors);
}

}  // namespace

void addAdminPages(WebSite& site, Administration& admin) {
  // ---- organisations ----
  site.add({"GET", "/admin/organisations", "web.admin.organisations", kAdmins,
            [&site, &admin](WebRequest& req) { return organisationsPage(site, admin, req); }});

  site.add({"GET", "/admin/organisations/new", "web.admin.organisation.new", kAdmins,
            [&site](WebRequest& req) { return organisationForm(site, req, 200, {}); }});

  site.add({"POST", "/admin/organisations/new", "web.admin.organisation.create", kAdmins,
            [&site, &admin](WebRequest& req) {
              const Form& f = req.form;
              PageErrors errors;
              // Blank answers get the page's own wording; everything else is the use case's.
              if (isBlank(f.get("name"))) errors.add("name", "Enter the organisation's name");
              if (f.get("kind").empty()) errors.add("kind", "Select what kind of organisation it is");
              if (errors.empty()) {
                auto created = admin.createOrganisation(req.who(), organisationInput(f));
                if (created) return redirect("/admin/organisations?added=" + std::to_string(created->id));
                const auto& e = created.error();
                if (e.code == ErrorCode::conflict) {
                  // The same name, or the same identifier for the kind: say which, beside its field.
                  errors.add(e.detail.find("identifier") != std::string::npos ? "identifier" : "name",
                             e.detail);
                } else if (e.code == ErrorCode::validation) {
                  errors.addDomain(e);
                } else {
                  return site.failurePage(req, e);
                }
              }
              return organisationForm(site, req, 422, errors);
            }});

  site.add({"GET", "/admin/organisations/{id}/deactivate", "web.admin.organisation.confirm_deactivate",
            kAdmins, site.withId([&site, &admin](WebRequest& req, Id id) {
              return confirmOrganisationPage(site, admin, req, id);
            })});

  site.add({"POST", "/admin/organisations/{id}/deactivate", "web.admin.organisation.deactivate", kAdmins,
            site.withId([&site, &admin](WebRequest& req, Id id) {
              auto done = admin.deactivateOrganisation(req.who(), id);
              if (!done) return site.failurePage(req, done.error());
              return redirect("/admin/organisations?deactivated=" + std::to_string(done->id));
            })});

  // ---- accounts ----
  site.add({"GET", "/admin/users", "web.admin.users", kAdmins,
            [&site, &admin](WebRequest& req) { return usersPage(site, admin, req); }});

  site.add({"GET", "/admin/users/new", "web.admin.user.new", kAdmins,
            [&site, &admin](WebRequest& req) { return userForm(site, admin, req, 200, {}); }});

  site.add({"POST", "/admin/users/new", "web.admin.user.create", kAdmins,
            [&site, &admin](WebRequest& req) { return createAccount(site, admin, req); }});

  for (const std::string what : {"deactivate", "reset-password", "reset-second-factor"}) {
    std::string routeWhat = what;
    std::replace(routeWhat.begin(), routeWhat.end(), '-', '_');
    site.add({"GET", "/admin/users/{id}/" + what, "web.admin.user.confirm_" + routeWhat, kAdmins,
              site.withId([&site, &admin, what](WebRequest& req, Id id) {
                return confirmUserPage(site, admin, req, id, what);
              })});
  }

  site.add({"POST", "/admin/users/{id}/deactivate", "web.admin.user.deactivate", kAdmins,
            site.withId([&site, &admin](WebRequest& req, Id id) {
              auto done = admin.deactivateAccount(req.who(), id);
              if (!done) return site.failurePage(req, done.error());
              return redirect("/admin/users?deactivated=" + std::to_string(done->id));
            })});

  site.add({"POST", "/admin/users/{id}/reset-second-factor", "web.admin.user.reset_second_factor", kAdmins,
            site.withId([&site, &admin](WebRequest& req, Id id) {
              auto done = admin.resetSecondFactor(req.who(), id);
              if (!done) return site.failurePage(req, done.error());
              return redirect("/admin/users?second_factor_reset=" + std::to_string(done->id));
            })});

  site.add({"POST", "/admin/users/{id}/reset-password", "web.admin.user.reset_password", kAdmins,
            site.withId([&site, &admin](WebRequest& req, Id id) {
              auto reset = admin.resetPassword(req.who(), id);
              if (!reset) return site.failurePage(req, reset.error());
              return passwordShownPage(site, req, "Password reset", *reset);
            })});
}

}  // namespace ycr::services::web
