// The accessibility statement and the privacy notice, linked from every page's footer and open to
// everyone (signed in or not). The text is the organisation's to give: a file named by the settings
// accessibility_statement_file and privacy_notice_file, read at each request so an edit shows at
// once; without one, a default written for this service and filled from the settings (issuer_name,
// issuer_phone, contact_email), which the organisation should review.

#include <algorithm>
#include <fstream>
#include <sstream>

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

// A text file as page content: paragraphs separated by blank lines; a paragraph starting "## " is a
// heading, lines starting "- " a bulleted list. Everything is escaped: the file cannot add markup.
std::string renderText(const std::string& text) {
  std::istringstream in(text);
  std::string line, html;
  std::vector<std::string> paragraph;
  auto flush = [&] {
    if (paragraph.empty()) return;
    if (paragraph.front().rfind("## ", 0) == 0) {
      html += "<h2 class=\"govuk-heading-m\">" + escape(paragraph.front().substr(3)) + "</h2>\n";
      paragraph.erase(paragraph.begin());
    }
    bool list = !paragraph.empty() && std::all_of(paragraph.begin(), paragraph.end(),
                                                  [](const std::string& l) { return l.rfind("- ", 0) == 0; });
    if (list) {
      html += "<ul class=\"govuk-list govuk-list--bullet\">\n";
      for (const auto& l : paragraph) html += "<li>" + escape(l.substr(2)) + "</li>\n";
      html += "</ul>\n";
    } else if (!paragraph.empty()) {
      std::string joined;
      for (const auto& l : paragraph) joined += (joined.empty() ? "" : " ") + l;
      html += "<p class=\"govuk-body\">" + escape(joined) + "</p>\n";
    }
    paragraph.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      flush();
    } else {
      paragraph.push_back(line);
    }
  }
  flush();
  return html;
}

std::string contactLines(const Config& c) {
  std::string text;
  if (!c.issuerPhone.empty() && c.issuerPhone != "-") text += "- Telephone: " + c.issuerPhone + "\n";
  if (!c.contactEmail.empty()) text += "- Email: " + c.contactEmail + "\n";
  if (text.empty()) text = "- Ask " + c.issuerName + " through your usual contact there\n";
  return text;
}

std::string defaultAccessibilityStatement(const Config& c) {
  return "This accessibility statement applies to the young carers register run by " + c.issuerName +
         ".\n\n"
         "We want as many people as possible to be able to use this service. For example, you should be able "
         "to:\n\n"
         "- change colours, contrast levels and fonts using browser or device settings\n"
         "- zoom in up to 400% without the text spilling off the screen\n"
         "- navigate the whole service using just a keyboard\n"
         "- use the service with a screen reader\n\n"
         "The pages are built with the GOV.UK Design System and work without JavaScript.\n\n"
         "## How accessible this service is\n\n"
         "We believe the service meets the Web Content Accessibility Guidelines version 2.2 AA standard. "
         "Every "
         "page is checked automatically with axe-core, and every journey is tested using a keyboard alone. "
         "Printed young carer ID cards are images; what they say is also shown on the card's page.\n\n"
         "## Feedback and contact information\n\n"
         "If you need information in a different format, or find a problem with the accessibility of this "
         "service, contact " +
         c.issuerName + ":\n\n" + contactLines(c) +
         "\n"
         "## Enforcement procedure\n\n"
         "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
         "Bodies "
         "(Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy "
         "with how "
         "we respond to your complaint, contact the Equality Advisory and Support Service (EASS).\n\n"
         "## Preparation of this statement\n\n"
         "This is the statement shipped with the service. " +
         c.issuerName +
         " should review it after testing the service as it is set up, and publish its own (the "
         "accessibility_statement_file setting).\n";
}

std::string defaultPrivacyNotice(const Config& c) {
  return c.issuerName +
         " keeps this register to identify, assess and support young carers, as local "
         "authorities must under the Children and Families Act 2014 (young carers' needs assessments) and "
         "the "
         "Care Act 2014 (transition to adult services). " +
         c.issuerName +
         " is the data controller for the records in it.\n\n"
         "## What we keep\n\n"
         "- about young carers: name, date of birth, gender, ethnicity, address and postcode, school and GP "
         "practice, communication needs and consents\n"
         "- about the people they care for: relationship, conditions and whether adult social care knows "
         "them\n"
         "- referrals, assessments (including wellbeing questionnaires), support plans, reviews and ID "
         "cards\n"
         "- about staff: name, organisation, role and sign-in records\n\n"
         "## Why, and on what basis\n\n"
         "We use this information to carry out our public tasks for young carers (UK GDPR Article 6(1)(e)). "
         "Information about health is special category data, used for social care (Article 9(2)(h)) and for "
         "safeguarding children.\n\n"
         "## Who sees it\n\n"
         "Only staff of the service working with a young carer see their record. Schools, GP practices and "
         "other referrers see the status of the referrals they made, never the case. Commissioners see "
         "counts "
         "from which no child can be identified. Every view and change is recorded in an audit trail.\n\n"
         "## How long we keep it\n\n"
         "Records are kept while support continues and through transition to adult services, up to the age "
         "of " +
         std::to_string(c.pathway.youngAdultCarerUpperAge) +
         ", and then for as long as the organisation's retention schedule requires.\n\n"
         "## Cookies\n\n"
         "This service sets two cookies, both needed for it to work: one keeps you signed in (ycr_session), "
         "the other protects the sign-in form. There are no analytics or advertising cookies.\n\n"
         "## Your rights\n\n"
         "You can ask for a copy of the information held about you or your child, ask for it to be "
         "corrected, "
         "and in some cases object to its use or ask for it to be deleted. Contact " +
         c.issuerName + ":\n\n" + contactLines(c) +
         "\nIf you are unhappy with how your information is used, you can complain to the Information "
         "Commissioner's Office (ico.org.uk).\n\n"
         "## About this notice\n\n"
         "This is the notice shipped with the service. " +
         c.issuerName + " should review it and publish its own (the privacy_notice_file setting).\n";
}

// The configured file, or the default text when none is set.
std::optional<std::string> pageText(const std::string& file, const std::string& fallback) {
  if (file.empty()) return fallback;
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Response informationPage(WebSite& site, WebRequest& req, const std::string& title, const std::string& file,
                         const std::string& fallback) {
  auto text = pageText(file, fallback);
  if (!text)
    return site.errorPage(req, 503, "Sorry, this page is not available",
                          "The service cannot read this page's text. Try again later.");
  Page p;
  p.title = title;
  p.body = "<h1 class=\"govuk-heading-l\">" + escape(title) + "</h1>\n" + renderText(*text);
  return site.page(req, 200, std::move(p));
}

}  // namespace

Status checkInformationPages(const Config& config) {
  for (const auto& [setting, file] : {std::pair<std::string, std::string>{"accessibility_statement_file",
                                                                          config.accessibilityStatementFile},
                                      {"privacy_notice_file", config.privacyNoticeFile}}) {
    if (file.empty()) continue;
    if (!std::ifstream(file))
      return DomainError::field(setting, "not_found", setting + ": cannot read " + file);
  }
  return {};
}

void addInformationPages(WebSite& site, const Config& config) {
  site.add({"GET", "/accessibility", "web.accessibility", Access::publicRoute(),
            [&site, &config](WebRequest& req) {
              const auto& c = config;
              return informationPage(site, req, "Accessibility statement", c.accessibilityStatementFile,
                                     defaultAccessibilityStatement(c));
            }});
  site.add({"GET", "/privacy", "web.privacy", Access::publicRoute(), [&site, &config](WebRequest& req) {
              const auto& c = config;
              return informationPage(site, req, "Privacy notice", c.privacyNoticeFile,
                                     defaultPrivacyNotice(c));
            }});
}

}  // namespace ycr::services::web
