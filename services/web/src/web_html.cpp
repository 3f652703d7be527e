// HTML for the web front end: escaping, the page layout and GOV.UK Frontend components, with
// the markup of the Design System's Nunjucks macros (govuk-frontend 5.14) written out in C++.

#include <algorithm>
#include <charconv>

#include "ycr/services/web.h"

namespace ycr::services::web {

std::string multiline(const std::string& text) {
  std::string out;
  for (char c : escape(text)) {
    if (c == '\n')
      out += "<br>";
    else if (c != '\r')
      out += c;
  }
  return out;
}

// ---------------- errors ----------------

void PageErrors::add(std::string fieldId, std::string message, std::string anchor) {
  // One message per field: the first problem is the one to fix first.
  if (!fieldId.empty() && forField(fieldId)) return;
  errors_.push_back({std::move(fieldId), std::move(message), std::move(anchor)});
}

std::string messageFor(const FieldError& e) {
  // The domain's messages are written for people; a few name codes, which are reworded here.
  if (e.code == "invalid_choice") return "Select one of the options";
  if (e.code == "unknown_field" || e.code == "wrong_type") return "This answer could not be read; try again";
  return e.message;
}

void PageErrors::addDomain(const DomainError& error, const std::map<std::string, std::string>& fieldIds) {
  if (error.fields.empty()) {
    add("", error.detail);
    return;
  }
  for (const auto& f : error.fields) {
    auto it = fieldIds.find(f.field);
    std::string id = it != fieldIds.end() ? it->second : f.field;
    std::replace(id.begin(), id.end(), '.', '-');
    add(id, messageFor(f));
  }
}

std::optional<std::string> PageErrors::forField(const std::string& fieldId) const {
  for (const auto& e : errors_)
    if (e.fieldId == fieldId) return e.message;
  return std::nullopt;
}

// ---------------- layout ----------------
std::string homeFor(Role role) {
  switch (role) {
    case Role::referrer: return "/referrals";
    case Role::caseworker:
    case Role::team_manager: return "/cases";
    case Role::commissioner: return "/reports/indicators";
    case Role::admin: return "/admin/users";
    case Role::auditor: return "/account";
  }
  return "/account";
}

namespace {

struct NavItem {
  std::string href;
  std::string text;
};

std::vector<NavItem> navigationFor(const Principal& who) {
  switch (who.role) {
    case Role::referrer: {
      std::vector<NavItem> items = {{"/referrals/new", "Make a referral"}, {"/referrals", "Your referrals"}};
      // A school's staff also see its young carers who agreed to share with it (consents.h).
      if (who.organisationKind == OrganisationKind::school)
        items.push_back({"/school/young-carers", "Your young carers"});
      items.push_back({"/tasks", "Tasks"});
      return items;
    }
    case Role::caseworker:
    case Role::team_manager: {
      std::vector<NavItem> items = {{"/cases", "Cases"},
                                    {"/young-carers", "Young carers"},
                                    {"/matches", "Possible matches"},
                                    {"/activities", "Activities"},
                                    {"/feedback", "Compliments and complaints"},
                                    {"/schools", "Schools"},
                                    {"/referrals", "Referrals"},
                                    {"/referrals/new", "Make a referral"}};
      if (who.role == Role::team_manager) items.push_back({"/reports/indicators", "Indicators"});
      return items;
    }
    case Role::commissioner: return {{"/reports/indicators", "Indicators"}, {"/reports/counts", "Counts"}};
    case Role::admin:
      return {{"/admin/users", "Users"}, {"/admin/organisations", "Organisations"}, {"/schools", "Schools"}};
    case Role::auditor:
      return {{"/data-protection/records", "Records"},
              {"/data-protection/retention", "Retention"},
              {"/account", "Your account"}};
  }
  return {};
}

}  // namespace

std::string layout(const Page& page, const LayoutContext& context) {
  std::string h;
  h.reserve(page.body.size() + 6000);
  h += "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template govuk-template--rebranded\">\n<head>\n"
       "<meta charset=\"utf-8\">\n<title>";
  if (page.hasErrors) h += "Error: ";
  h +=
      escape(page.title) +
      " - Young carers register</title>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">\n"
      "<meta name=\"theme-color\" content=\"#1d70b8\">\n"
      "<link rel=\"icon\" sizes=\"48x48\" href=\"/assets/rebrand/images/favicon.ico\">\n"
      "<link rel=\"icon\" sizes=\"any\" href=\"/assets/rebrand/images/favicon.svg\" type=\"image/svg+xml\">\n"
      "<link rel=\"stylesheet\" href=\"/assets/govuk-frontend.min.css\">\n"
      "<link rel=\"stylesheet\" href=\"/assets/ycr/ycr.css\">\n"
      "<link rel=\"stylesheet\" href=\"/assets/ycr/caseworker.css\">\n"
      "</head>\n<body class=\"govuk-template__body\">\n"
      // The template's inline js-enabled snippet, moved to a file because the CSP forbids inline script.
      "<script src=\"/assets/ycr/js-enabled.js\"></script>\n"
      "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main "
      "content</a>\n";
  // Not a GOV.UK service, so no crown: the header names the service only.
  h += "<header class=\"govuk-header\" data-module=\"govuk-header\">\n"
       "<div class=\"govuk-header__container govuk-width-container\">\n"
       "<div class=\"govuk-header__logo\"><a href=\"/\" class=\"govuk-header__link "
       "govuk-header__link--homepage\">"
       "<span class=\"govuk-header__product-name ycr-header__name\">Young carers register</span></a></div>\n"
       "</div>\n</header>\n";
  h += "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" "
       "data-module=\"govuk-service-navigation\">\n<div class=\"govuk-width-container\">\n"
       "<div class=\"govuk-service-navigation__container\">\n";
  if (context.who) {
    auto items = navigationFor(*context.who);
    h += "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">\n";
    if (items.size() > 1)
      h += "<button type=\"button\" class=\"govuk-service-navigation__toggle "
           "govuk-js-service-navigation-toggle\" "
           "aria-controls=\"navigation\" hidden aria-hidden=\"true\">Menu</button>\n";
    h += "<ul class=\"govuk-service-navigation__list\" id=\"navigation\">\n";
    for (const auto& item : items) {
      bool current = item.href == page.navCurrent;
      h += std::string("<li class=\"govuk-service-navigation__item") +
           (current ? " govuk-service-navigation__item--active" : "") +
           "\"><a class=\"govuk-service-navigation__link\" href=\"" + escape(item.href) + "\"" +
           (current ? " aria-current=\"page\"" : "") + ">";
      h += current ? "<strong class=\"govuk-service-navigation__active-fallback\">" + escape(item.text) +
                         "</strong>"
                   : escape(item.text);
      h += "</a></li>\n";
    }
    h += "<li class=\"govuk-service-navigation__item ycr-sign-out\"><form method=\"post\" "
         "action=\"/sign-out\" "
         "class=\"ycr-inline-form\">" +
         csrfField(context.csrfToken) +
         "<button type=\"submit\" class=\"ycr-link-button govuk-service-navigation__link\">Sign out</button>"
         "</form></li>\n";
    h += "</ul>\n</nav>\n";
  }
  h += "</div>\n</div>\n</section>\n";
  h += "<div class=\"govuk-width-container\">\n"
       "<div class=\"govuk-phase-banner\"><p class=\"govuk-phase-banner__content\">"
       "<strong class=\"govuk-tag govuk-phase-banner__content__tag\">Beta</strong>"
       "<span class=\"govuk-phase-banner__text\">This is a new service. Tell your team manager what could be "
       "better.</span></p></div>\n";
  if (context.demoRegister)
    h += "<div class=\"govuk-warning-text ycr-demo-register\"><span class=\"govuk-warning-text__icon\" "
         "aria-hidden=\"true\">!</span><strong class=\"govuk-warning-text__text\"><span "
         "class=\"govuk-visually-hidden\">Warning</span>Demonstration register: every child and family in it "
         "is "
         "made up. Do not enter anyone's real details.</strong></div>\n";
  if (context.who)
    h += "<p class=\"govuk-body-s ycr-signed-in-as\">Signed in as " +
         escape(context.who->displayName.empty() ? context.who->username : context.who->displayName) + ", " +
         escape(context.who->organisationName) + "</p>\n";
  if (!page.backHref.empty())
    h += "<a href=\"" + escape(page.backHref) + "\" class=\"govuk-back-link\">Back</a>\n";
  h += "<main class=\"govuk-main-wrapper\" id=\"main-content\">\n<div class=\"govuk-grid-row\">\n<div "
       "class=\"";
  h += page.wide ? "govuk-grid-column-full" : "govuk-grid-column-two-thirds";
  h += "\">\n" + page.body + "\n</div>\n</div>\n</main>\n</div>\n";
  h += "<footer class=\"govuk-footer\">\n<div class=\"govuk-width-container\">\n"
       "<div class=\"govuk-footer__meta\">\n<div class=\"govuk-footer__meta-item "
       "govuk-footer__meta-item--grow\">\n"
       "<h2 class=\"govuk-visually-hidden\">Support links</h2>\n"
       "<ul class=\"govuk-footer__inline-list\">\n"
       "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" href=\"/accessibility\">"
       "Accessibility statement</a></li>\n"
       "<li class=\"govuk-footer__inline-list-item\"><a class=\"govuk-footer__link\" href=\"/privacy\">"
       "Privacy notice</a></li>\n</ul>\n"
       "<p class=\"govuk-body-s\">Young carers register. Records are confidential: every view and change is "
       "recorded.</p>\n</div>\n</div>\n</div>\n</footer>\n"
       "<script type=\"module\" src=\"/assets/ycr/init.mjs\"></script>\n</body>\n</html>\n";
  return h;
}

Response htmlResponse(int status, std::string html) {
  Response r;
  r.status = status;
  r.contentType = "text/html";
  r.body = std::move(html);
  return r;
}

Response redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.contentType = "text/html";
  r.body = "<!DOCTYPE html><title>See other</title><a href=\"" + escape(location) + "\">Continue</a>";
  r.headers.emplace_back("Location", location);
  return r;
}

// ---------------- components ----------------

std::string csrfField(const std::string& token) {
  return "<input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(token) + "\">";
}

std::string errorSummary(const PageErrors& errors) {
  if (errors.empty()) return {};
  std::string h =
      "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\">\n<div role=\"alert\">\n"
      "<h2 class=\"govuk-error-summary__title\">There is a problem</h2>\n<div "
      "class=\"govuk-error-summary__body\">\n"
      "<ul class=\"govuk-list govuk-error-summary__list\">\n";
  for (const auto& e : errors.all()) {
    if (e.fieldId.empty())
      h += "<li>" + escape(e.message) + "</li>\n";
    else
      h += "<li><a href=\"#" + escape(e.anchor.empty() ? e.fieldId : e.anchor) + "\">" + escape(e.message) +
           "</a></li>\n";
  }
  h += "</ul>\n</div>\n</div>\n</div>\n";
  return h;
}

std::string tag(const std::string& text, const std::string& colour) {
  return "<strong class=\"govuk-tag" + (colour.empty() ? std::string() : " govuk-tag--" + colour) + "\">" +
         escape(text) + "</strong>";
}

std::string button(const std::string& text, const std::string& variant, const std::string& name,
                   const std::string& value) {
  std::string h = "<button type=\"submit\" class=\"govuk-button";
  if (!variant.empty()) h += " govuk-button--" + variant;
  h += "\" data-module=\"govuk-button\"";
  if (!name.empty()) h += " name=\"" + escape(name) + "\" value=\"" + escape(value) + "\"";
  h += ">" + escape(text) + "</button>";
  return h;
}

std::string panel(const std::string& title, const std::string& bodyHtml) {
  return "<div class=\"govuk-panel govuk-panel--confirmation\">\n<h1 class=\"govuk-panel__title\">" +
         escape(title) + "</h1>\n<div class=\"govuk-panel__body\">" + bodyHtml + "</div>\n</div>\n";
}

std::string notificationBanner(const std::string& headingHtml, bool success) {
  std::string h =
      std::string("<div class=\"govuk-notification-banner") +
      (success ? " govuk-notification-banner--success\" role=\"alert\"" : "\" role=\"region\"") +
      " aria-labelledby=\"govuk-notification-banner-title\" data-module=\"govuk-notification-banner\">\n"
      "<div class=\"govuk-notification-banner__header\"><h2 class=\"govuk-notification-banner__title\" "
      "id=\"govuk-notification-banner-title\">" +
      (success ? "Success" : "Important") +
      "</h2></div>\n<div class=\"govuk-notification-banner__content\">\n"
      "<p class=\"govuk-notification-banner__heading\">" +
      headingHtml + "</p>\n</div>\n</div>\n";
  return h;
}

std::string insetText(const std::string& html) {
  return "<div class=\"govuk-inset-text\">" + html + "</div>\n";
}

std::string warningText(const std::string& text) {
  return "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" "
         "aria-hidden=\"true\">!</span>"
         "<strong class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>" +
         escape(text) + "</strong></div>\n";
}

std::string summaryList(const std::vector<SummaryRow>& rows) {
  bool anyAction =
      std::any_of(rows.begin(), rows.end(), [](const SummaryRow& r) { return !r.changeHref.empty(); });
  std::string h = "<dl class=\"govuk-summary-list\">\n";
  for (const auto& r : rows) {
    h += std::string("<div class=\"govuk-summary-list__row") +
         (anyAction && r.changeHref.empty() ? " govuk-summary-list__row--no-actions" : "") + "\">\n";
    h += "<dt class=\"govuk-summary-list__key\">" + escape(r.key) + "</dt>\n";
    h += "<dd class=\"govuk-summary-list__value\">" + r.valueHtml + "</dd>\n";
    if (!r.changeHref.empty())
      h += "<dd class=\"govuk-summary-list__actions\"><a class=\"govuk-link\" href=\"" +
           escape(r.changeHref) + "\">Change<span class=\"govuk-visually-hidden\"> " + escape(r.changeLabel) +
           "</span></a></dd>\n";
    h += "</div>\n";
  }
  h += "</dl>\n";
  return h;
}

std::string table(const TableSpec& spec) {
  std::string h = "<table class=\"govuk-table\">\n";
  if (!spec.caption.empty())
    h += "<caption class=\"govuk-table__caption govuk-table__caption--m\">" + escape(spec.caption) +
         "</caption>\n";
  h += "<thead class=\"govuk-table__head\"><tr class=\"govuk-table__row\">";
  for (std::size_t i = 0; i < spec.headings.size(); ++i) {
    bool num = i < spec.numeric.size() && spec.numeric[i];
    h += std::string("<th scope=\"col\" class=\"govuk-table__header") +
         (num ? " govuk-table__header--numeric" : "") + "\">" + escape(spec.headings[i]) + "</th>";
  }
  h += "</tr></thead>\n<tbody class=\"govuk-table__body\">\n";
  for (const auto& row : spec.rowsHtml) {
    h += "<tr class=\"govuk-table__row\">";
    for (std::size_t i = 0; i < row.size(); ++i) {
      bool num = i < spec.numeric.size() && spec.numeric[i];
      h += std::string("<td class=\"govuk-table__cell") + (num ? " govuk-table__cell--numeric" : "") + "\">" +
           row[i] + "</td>";
    }
    h += "</tr>\n";
  }
  h += "</tbody>\n</table>\n";
  return h;
}

namespace {

std::string errorMessage(const std::string& id, const std::string& message) {
  return "<p id=\"" + escape(id) +
         "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">"
         "Error:</span> " +
         escape(message) + "</p>\n";
}

std::string hintHtml(const std::string& id, const std::string& hint) {
  if (hint.empty()) return {};
  return "<div id=\"" + escape(id) + "-hint\" class=\"govuk-hint\">" + escape(hint) + "</div>\n";
}

std::string describedBy(const std::string& id, bool hint, bool error) {
  std::string ids;
  if (hint) ids += escape(id) + "-hint";
  if (error) ids += (ids.empty() ? "" : " ") + escape(id) + "-error";
  return ids.empty() ? std::string() : " aria-describedby=\"" + ids + "\"";
}

std::string labelHtml(const InputSpec& spec) {
  std::string label = "<label class=\"govuk-label" +
                      std::string(spec.labelIsHeading ? " govuk-label--l" : "") + "\" for=\"" +
                      escape(spec.id) + "\">" + escape(spec.label) + "</label>\n";
  if (spec.labelIsHeading) return "<h1 class=\"govuk-label-wrapper\">" + label + "</h1>\n";
  return label;
}

std::string fieldsetStart(const std::string& legend, bool heading, const std::string& describedByAttr) {
  std::string h = "<fieldset class=\"govuk-fieldset\"" + describedByAttr + ">\n";
  if (heading)
    h += "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--l\"><h1 "
         "class=\"govuk-fieldset__heading\">" +
         escape(legend) + "</h1></legend>\n";
  else
    h += "<legend class=\"govuk-fieldset__legend govuk-fieldset__legend--m\">" + escape(legend) +
         "</legend>\n";
  return h;
}

std::string choices(const ChoiceSpec& spec, const PageErrors& errors, bool radio) {
  auto error = errors.forField(spec.name);
  std::string h =
      std::string("<div class=\"govuk-form-group") + (error ? " govuk-form-group--error" : "") + "\">\n";
  h += fieldsetStart(spec.legend, spec.legendIsHeading,
                     describedBy(spec.name, !spec.hint.empty(), error.has_value()));
  h += hintHtml(spec.name, spec.hint);
  if (error) h += errorMessage(spec.name, *error);
  const std::string kind = radio ? "radios" : "checkboxes";
  h += "<div class=\"govuk-" + kind + (spec.inlineChoices ? " govuk-radios--inline" : "") +
       (spec.small ? " govuk-" + kind + "--small" : "") + "\" data-module=\"govuk-" + kind + "\">\n";
  for (std::size_t i = 0; i < spec.choices.size(); ++i) {
    const auto& c = spec.choices[i];
    // The first item takes the field's id, so the error summary's link lands on it.
    std::string id = i == 0 ? spec.name : spec.name + "-" + std::to_string(i + 1);
    bool checked = std::find(spec.selected.begin(), spec.selected.end(), c.value) != spec.selected.end();
    h += "<div class=\"govuk-" + kind + "__item\">\n<input class=\"govuk-" + kind + "__input\" id=\"" +
         escape(id) + "\" name=\"" + escape(spec.name) + "\" type=\"" + (radio ? "radio" : "checkbox") +
         "\" value=\"" + escape(c.value) + "\"" + (checked ? " checked" : "") +
         (c.hint.empty() ? "" : " aria-describedby=\"" + escape(id) + "-item-hint\"") + ">\n";
    h += "<label class=\"govuk-label govuk-" + kind + "__label\" for=\"" + escape(id) + "\">" +
         escape(c.text) + "</label>\n";
    if (!c.hint.empty())
      h += "<div id=\"" + escape(id) + "-item-hint\" class=\"govuk-hint govuk-" + kind + "__hint\">" +
           escape(c.hint) + "</div>\n";
    h += "</div>\n";
  }
  h += "</div>\n</fieldset>\n</div>\n";
  return h;
}

}  // namespace

std::string textInput(const InputSpec& spec, const PageErrors& errors) {
  auto error = errors.forField(spec.id);
  std::string h =
      std::string("<div class=\"govuk-form-group") + (error ? " govuk-form-group--error" : "") + "\">\n";
  h += labelHtml(spec) + hintHtml(spec.id, spec.hint);
  if (error) h += errorMessage(spec.id, *error);
  h += "<input class=\"govuk-input" + (spec.widthClass.empty() ? std::string() : " " + spec.widthClass) +
       (error ? " govuk-input--error" : "") + "\" id=\"" + escape(spec.id) + "\" name=\"" + escape(spec.id) +
       "\" type=\"" + escape(spec.type) + "\" value=\"" + escape(spec.value) + "\"" +
       (spec.autocomplete.empty() ? "" : " autocomplete=\"" + escape(spec.autocomplete) + "\"") +
       (spec.spellcheck ? "" : " spellcheck=\"false\"") +
       describedBy(spec.id, !spec.hint.empty(), error.has_value()) + ">\n</div>\n";
  return h;
}

std::string textarea(const InputSpec& spec, const PageErrors& errors, int rows) {
  auto error = errors.forField(spec.id);
  std::string h =
      std::string("<div class=\"govuk-form-group") + (error ? " govuk-form-group--error" : "") + "\">\n";
  h += labelHtml(spec) + hintHtml(spec.id, spec.hint);
  if (error) h += errorMessage(spec.id, *error);
  h += std::string("<textarea class=\"govuk-textarea") + (error ? " govuk-textarea--error" : "") +
       "\" id=\"" + escape(spec.id) + "\" name=\"" + escape(spec.id) + "\" rows=\"" + std::to_string(rows) +
       "\"" + describedBy(spec.id, !spec.hint.empty(), error.has_value()) + ">" + escape(spec.value) +
       "</textarea>\n</div>\n";
  return h;
}

std::string fileUpload(const InputSpec& spec, const PageErrors& errors, const std::string& accept) {
  auto error = errors.forField(spec.id);
  std::string h =
      std::string("<div class=\"govuk-form-group") + (error ? " govuk-form-group--error" : "") + "\">\n";
  h += labelHtml(spec) + hintHtml(spec.id, spec.hint);
  if (error) h += errorMessage(spec.id, *error);
  h += std::string("<input class=\"govuk-file-upload") + (error ? " govuk-file-upload--error" : "") +
       "\" id=\"" + escape(spec.id) + "\" name=\"" + escape(spec.id) + "\" type=\"file\" accept=\"" +
       escape(accept) + "\"" + describedBy(spec.id, !spec.hint.empty(), error.has_value()) + ">\n</div>\n";
  return h;
}

std::string radios(const ChoiceSpec& spec, const PageErrors& errors) {
  return choices(spec, errors, true);
}
std::string checkboxes(const ChoiceSpec& spec, const PageErrors& errors) {
  return choices(spec, errors, false);
}

std::string select(const std::string& id, const std::string& label, const std::vector<Choice>& options,
                   const std::string& selected, const PageErrors& errors) {
  auto error = errors.forField(id);
  std::string h =
      std::string("<div class=\"govuk-form-group") + (error ? " govuk-form-group--error" : "") + "\">\n";
  h += "<label class=\"govuk-label\" for=\"" + escape(id) + "\">" + escape(label) + "</label>\n";
  if (error) h += errorMessage(id, *error);
  h += std::string("<select class=\"govuk-select") + (error ? " govuk-select--error" : "") + "\" id=\"" +
       escape(id) + "\" name=\"" + escape(id) + "\"" + describedBy(id, false, error.has_value()) + ">\n";
  for (const auto& o : options)
    h += "<option value=\"" + escape(o.value) + "\"" + (o.value == selected ? " selected" : "") + ">" +
         escape(o.text) + "</option>\n";
  h += "</select>\n</div>\n";
  return h;
}

std::string dateInput(const std::string& name, const std::string& legend, const std::string& hint,
                      const Form& values, const PageErrors& errors, bool legendIsHeading) {
  auto error = errors.forField(name);
  std::string h =
      std::string("<div class=\"govuk-form-group") + (error ? " govuk-form-group--error" : "") + "\">\n";
  h += fieldsetStart(legend, legendIsHeading, describedBy(name, !hint.empty(), error.has_value()));
  // fieldsetStart adds role=group semantics through the fieldset element itself.
  h += hintHtml(name, hint);
  if (error) h += errorMessage(name, *error);
  h += "<div class=\"govuk-date-input\" id=\"" + escape(name) + "\">\n";
  struct Part {
    const char* suffix;
    const char* label;
    const char* width;
    const char* autocomplete;
  };
  const Part parts[] = {{"day", "Day", "2", "bday-day"},
                        {"month", "Month", "2", "bday-month"},
                        {"year", "Year", "4", "bday-year"}};
  bool birthday = name.find("birth") != std::string::npos;
  for (const auto& p : parts) {
    std::string id = name + "-" + p.suffix;
    h += "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\">\n<label class=\"govuk-label "
         "govuk-date-input__label\" for=\"" +
         escape(id) + "\">" + p.label +
         "</label>\n"
         "<input class=\"govuk-input govuk-date-input__input govuk-input--width-" +
         p.width + (error ? " govuk-input--error" : "") + "\" id=\"" + escape(id) + "\" name=\"" +
         escape(id) + "\" type=\"text\" inputmode=\"numeric\" value=\"" + escape(values.get(id)) + "\"" +
         (birthday ? std::string(" autocomplete=\"") + p.autocomplete + "\"" : std::string()) +
         ">\n</div></div>\n";
  }
  h += "</div>\n</fieldset>\n</div>\n";
  return h;
}

namespace {

std::optional<int> wholeNumber(const std::string& text) {
  std::string t;
  for (char c : text)
    if (c != ' ') t += c;
  if (t.empty() || t.size() > 4) return std::nullopt;
  int v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size()) return std::nullopt;
  return v;
}

}  // namespace

std::optional<std::string> readDateInput(const Form& form, const std::string& name, const std::string& label,
                                         PageErrors& errors) {
  // Wording from the Design System's date input pattern; the summary links to the first box to fix.
  auto day = form.get(name + "-day"), month = form.get(name + "-month"), year = form.get(name + "-year");
  std::string lower = label;
  if (!lower.empty()) lower[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(lower[0])));
  if (isBlank(day) && isBlank(month) && isBlank(year)) {
    errors.add(name, "Enter the " + lower, name + "-day");
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> missing;  // what, box
  if (isBlank(day)) missing.emplace_back("a day", "day");
  if (isBlank(month)) missing.emplace_back("a month", "month");
  if (isBlank(year)) missing.emplace_back("a year", "year");
  if (!missing.empty()) {
    std::string list = missing[0].first;
    if (missing.size() == 2) list += " and " + missing[1].first;
    errors.add(name, label + " must include " + list, name + "-" + missing[0].second);
    return std::nullopt;
  }
  auto d = wholeNumber(day), m = wholeNumber(month), y = wholeNumber(year);
  if (!d || !m || !y) {
    errors.add(name, label + " must be a real date", name + "-day");
    return std::nullopt;
  }
  if (*y < 1000) {
    errors.add(name, "Year must include 4 numbers", name + "-year");
    return std::nullopt;
  }
  char buf[48];  // room for any int, though the parts are checked to be short
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *y, *m, *d);
  if (!parseIsoDate(buf)) {
    errors.add(name, label + " must be a real date", name + "-day");
    return std::nullopt;
  }
  return std::string(buf);
}

}  // namespace ycr::services::web
