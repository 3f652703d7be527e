// Making a referral (question pages, check your answers, confirmation with the reference) and
// the referrals list with status tags. Answers are kept server-side between pages (a draft per
// session) and submitted through the same Register::submitReferral as the API.

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const std::string kJourney = "referral";
const std::string kReceipt = "referral-receipt";

const Access kReferrers = Access::only({Role::referrer, Role::caseworker, Role::team_manager});

std::vector<Choice> relationshipChoices() {
  return {{"parent", "Parent", ""},
          {"step_parent", "Step-parent", ""},
          {"sibling", "Brother or sister", ""},
          {"grandparent", "Grandparent", ""},
          {"other_relative", "Another relative", ""},
          {"friend", "Family friend", ""}};
}

std::vector<Choice> conditionChoices() {
  return {{"physical_illness_or_disability", "Physical illness or disability", ""},
          {"mental_ill_health", "Mental ill health", ""},
          {"sensory", "Sight or hearing loss", ""},
          {"learning_disability", "Learning disability", ""},
          {"alcohol", "Alcohol misuse", ""},
          {"drugs", "Drug misuse", ""},
          {"frailty", "Frailty", ""},
          {"long_term_illness", "Long-term illness", ""},
          {"other", "Something else", ""}};
}

std::vector<Choice> yesNo() {
  return {{"yes", "Yes", ""}, {"no", "No", ""}};
}

std::string referralText(const std::vector<Choice>& choices, const std::string& value) {
  for (const auto& c : choices)
    if (c.value == value) return c.text;
  return value;
}

std::string referralStatusColour(const std::string& status) {
  if (status == "being_assessed") return "yellow";
  if (status == "supported") return "green";
  if (status == "closed") return "grey";
  return "blue";
}

// Each question page: its path, the fields it owns, and how to check and draw them.
struct Step {
  std::string path;
  std::string title;
  std::vector<std::string> fields;
};

const std::vector<Step>& steps() {
  static const std::vector<Step> s = {
      {"/referrals/new/young-person",
       "About the young person",
       {"given_name", "family_name", "date-of-birth-day", "date-of-birth-month", "date-of-birth-year",
        "postcode"}},
      {"/referrals/new/caring", "Their caring role", {"caring_summary", "relationship", "conditions"}},
      {"/referrals/new/consent",
       "Consent and safeguarding",
       {"young_person_aware", "parent_aware", "safeguarding_concern", "safeguarding_detail"}},
  };
  return s;
}

PageErrors checkStep(std::size_t index, const Form& f, const Date& today) {
  PageErrors errors;
  if (index == 0) {
    if (isBlank(f.get("given_name"))) errors.add("given_name", "Enter the young person's first name");
    if (isBlank(f.get("family_name"))) errors.add("family_name", "Enter the young person's last name");
    auto dob = readDateInput(f, "date-of-birth", "Date of birth", errors);
    if (isBlank(f.get("postcode"))) errors.add("postcode", "Enter the young person's postcode");
    // The register's own rules (name characters and length, age, real postcode), with its wording.
    YoungPersonInput in;
    in.givenName = f.get("given_name");
    in.familyName = f.get("family_name");
    in.postcode = f.get("postcode");
    in.dateOfBirth = dob.value_or("");
    // 18 to 25 is a young adult carer, taken like anyone (referredPerson); only older is refused.
    auto built = buildYoungCarer(referredPerson(in, today).input, today, "");
    if (!built) {
      PageErrors domain;
      domain.addDomain(built.error(), {{"date_of_birth", "date-of-birth"}});
      for (const auto& e : domain.all())
        if (e.fieldId != "date-of-birth")
          errors.add(e.fieldId, e.message);
        else if (dob)
          errors.add(e.fieldId, e.message, "date-of-birth-day");
    }
  } else if (index == 1) {
    if (isBlank(f.get("caring_summary")))
      errors.add("caring_summary", "Describe what the young person does to care for someone");
    else if (f.get("caring_summary").size() > 4000)
      errors.add("caring_summary", "The description must be 4,000 characters or fewer");
    if (f.get("relationship").empty()) errors.add("relationship", "Select who the young person cares for");
  } else {
    if (f.get("young_person_aware").empty())
      errors.add("young_person_aware", "Select yes if the young person knows about this referral");
    if (f.get("parent_aware").empty())
      errors.add("parent_aware", "Select yes if a parent or carer knows about this referral");
    if (f.get("safeguarding_concern").empty())
      errors.add("safeguarding_concern", "Select yes if you have a safeguarding concern");
    else if (f.get("safeguarding_concern") == "yes" && isBlank(f.get("safeguarding_detail")))
      errors.add("safeguarding_detail", "Describe the safeguarding concern");
  }
  return errors;
}

std::string stepBody(std::size_t index, const Form& f, const PageErrors& errors, const std::string& token,
                     const std::string& action) {
  const Step& step = steps()[index];
  std::string h = errorSummary(errors);
  h += "<span class=\"govuk-caption-l\">Make a referral</span>\n";
  h += "<form method=\"post\" action=\"" + escape(action) + "\" novalidate>\n" + csrfField(token);
  if (index == 0) {
    h += "<h1 class=\"govuk-heading-l\">" + escape(step.title) + "</h1>\n";
    h += textInput({"given_name", "First name", "", f.get("given_name"), "text", "off",
                    "govuk-!-width-one-half", false, false},
                   errors);
    h += textInput({"family_name", "Last name", "", f.get("family_name"), "text", "off",
                    "govuk-!-width-one-half", false, false},
                   errors);
    h += dateInput("date-of-birth", "Date of birth", "For example, 27 3 2012", f, errors);
    h += textInput({"postcode", "Postcode", "Where the young person lives", f.get("postcode"), "text", "off",
                    "govuk-input--width-10", false, false},
                   errors);
  } else if (index == 1) {
    h += "<h1 class=\"govuk-heading-l\">" + escape(step.title) + "</h1>\n";
    h += textarea({.id = "caring_summary",
                   .label = "What does the young person do to care for someone?",
                   .hint = "For example, helps with medication, cooking, looking after a brother or sister, "
                           "emotional support",
                   .value = f.get("caring_summary")},
                  errors);
    h += radios({"relationship",
                 "Who do they care for?",
                 "If they care for more than one person, choose the main one",
                 relationshipChoices(),
                 {f.get("relationship")}},
                errors);
    h += checkboxes({"conditions", "What is the person they care for living with?", "Select all that apply",
                     conditionChoices(), f.all("conditions")},
                    errors);
  } else {
    h += "<h1 class=\"govuk-heading-l\">" + escape(step.title) + "</h1>\n";
    h += radios({"young_person_aware",
                 "Does the young person know about this referral?",
                 "",
                 yesNo(),
                 {f.get("young_person_aware")},
                 false,
                 true},
                errors);
    h += radios({"parent_aware",
                 "Does a parent or carer know about this referral?",
                 "",
                 yesNo(),
                 {f.get("parent_aware")},
                 false,
                 true},
                errors);
    h += radios({"safeguarding_concern",
                 "Do you have a safeguarding concern about the young person?",
                 "If a child is at immediate risk, call the police on 999 now",
                 yesNo(),
                 {f.get("safeguarding_concern")},
                 false,
                 true},
                errors);
    h += textarea({.id = "safeguarding_detail",
                   .label = "If yes, describe the concern",
                   .hint = "Leave this empty if you answered no",
                   .value = f.get("safeguarding_detail")},
                  errors, 4);
  }
  h += button("Continue") + "\n</form>\n";
  return h;
}

// The first question page whose answers are missing or wrong, or steps().size() when all are fine.
std::size_t firstIncomplete(const Form& draft, const Date& today) {
  for (std::size_t i = 0; i < steps().size(); ++i)
    if (!checkStep(i, draft, today).empty()) return i;
  return steps().size();
}

ReferralInput referralFrom(const Form& f) {
  ReferralInput r;
  r.youngPerson.givenName = f.get("given_name");
  r.youngPerson.familyName = f.get("family_name");
  char buf[48];  // room for any int, though the parts are checked to be short
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", std::atoi(f.get("date-of-birth-year").c_str()),
                std::atoi(f.get("date-of-birth-month").c_str()),
                std::atoi(f.get("date-of-birth-day").c_str()));
  r.youngPerson.dateOfBirth = std::string(buf);
  r.youngPerson.postcode = f.get("postcode");
  r.caringSummary = f.get("caring_summary");
  CaredForInput person;
  person.relationship = f.get("relationship");
  person.conditions = f.all("conditions");
  r.caredFor.push_back(person);
  r.youngPersonAware = f.get("young_person_aware") == "yes";
  r.parentAware = f.get("parent_aware") == "yes";
  r.safeguardingConcern = f.get("safeguarding_concern") == "yes";
  if (r.safeguardingConcern) r.safeguardingDetail = f.get("safeguarding_detail");
  return r;
}

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

Response checkPage(WebSite& site, WebRequest& req, int status, const Form& f, const PageErrors& errors) {
  auto change = [](const std::string& path) { return path + "?return=check"; };
  std::vector<std::string> conditions;
  for (const auto& c : f.all("conditions")) conditions.push_back(escape(referralText(conditionChoices(), c)));
  std::string conditionsHtml;
  for (std::size_t i = 0; i < conditions.size(); ++i) conditionsHtml += (i ? "<br>" : "") + conditions[i];
  Page p;
  p.title = "Check your answers before sending the referral";
  p.hasErrors = !errors.empty();
  p.backHref = steps().back().path;
  p.body = errorSummary(errors) +
           "<h1 class=\"govuk-heading-l\">Check your answers before sending the referral</h1>\n";
  p.body += "<h2 class=\"govuk-heading-m\">About the young person</h2>\n";
  p.body += summaryList({
      {"Name", escape(f.get("given_name") + " " + f.get("family_name")), change(steps()[0].path), "name"},
      {"Date of birth",
       escape(f.get("date-of-birth-day") + "/" + f.get("date-of-birth-month") + "/" +
              f.get("date-of-birth-year")),
       change(steps()[0].path), "date of birth"},
      {"Postcode", escape(f.get("postcode")), change(steps()[0].path), "postcode"},
  });
  p.body += "<h2 class=\"govuk-heading-m\">Their caring role</h2>\n";
  p.body += summaryList({
      {"What they do", multiline(f.get("caring_summary")), change(steps()[1].path), "what they do"},
      {"Who they care for", escape(referralText(relationshipChoices(), f.get("relationship"))),
       change(steps()[1].path), "who they care for"},
      {"Living with", conditionsHtml.empty() ? "Not given" : conditionsHtml, change(steps()[1].path),
       "what the person is living with"},
  });
  p.body += "<h2 class=\"govuk-heading-m\">Consent and safeguarding</h2>\n";
  p.body += summaryList({
      {"Young person knows", escape(referralText(yesNo(), f.get("young_person_aware"))),
       change(steps()[2].path), "whether the young person knows"},
      {"Parent or carer knows", escape(referralText(yesNo(), f.get("parent_aware"))), change(steps()[2].path),
       "whether a parent or carer knows"},
      {"Safeguarding concern",
       f.get("safeguarding_concern") == "yes" ? "Yes: " + multiline(f.get("safeguarding_detail")) : "No",
       change(steps()[2].path), "safeguarding concern"},
  });
  p.body +=
      "<h2 class=\"govuk-heading-m\">Now send your referral</h2>\n<p class=\"govuk-body\">By sending this "
      "referral you confirm that, to the best of your knowledge, the details you are providing are "
      "correct.</p>\n<form method=\"post\" action=\"/referrals/new/check\" novalidate>\n" +
      csrfField(req.csrfToken) + button("Accept and send") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// Previous and next links for the referrals list, when there is more than one page.
std::string pagination(int pageNo, int perPage, std::int64_t total) {
  const bool more = total > static_cast<std::int64_t>(pageNo) * perPage;
  if (!more && pageNo == 1) return "";
  auto link = [](const char* side, int page, const char* rel, const char* words) {
    return std::string("<div class=\"govuk-pagination__") + side +
           "\"><a class=\"govuk-link govuk-pagination__link\" href=\"/referrals?page=" +
           std::to_string(page) + "\" rel=\"" + rel + "\"><span class=\"govuk-pagination__link-title\">" +
           words + "<span class=\"govuk-visually-hidden\"> page</span></span></a></div>";
  };
  return "<nav class=\"govuk-pagination\" aria-label=\"Pagination\">" +
         (pageNo > 1 ? link("prev", pageNo - 1, "prev", "Previous") : "") +
         (more ? link("next", pageNo + 1, "next", "Next") : "") + "</nav>\n";
}

}  // namespace

void addReferralPages(WebSite& site, Register& reg, const Clock& clock) {
  site.add(
      {"GET", "/referrals/new", "web.referral.start", kReferrers, [&site](WebRequest& req) {
         Page p;
         p.title = "Make a referral";
         p.navCurrent = "/referrals/new";
         p.body =
             "<h1 class=\"govuk-heading-xl\">Refer a young carer</h1>\n"
             "<p class=\"govuk-body\">Use this service to refer a child or young person who helps to look "
             "after someone in their family with an illness, disability, mental ill health or an "
             "addiction.</p>\n<p class=\"govuk-body\">You will need:</p>\n"
             "<ul class=\"govuk-list govuk-list--bullet\"><li>their name, date of birth and "
             "postcode</li><li>what they do to care for someone</li><li>whether they and their family "
             "know about the referral</li></ul>\n<p class=\"govuk-body\">It takes around 5 minutes. You "
             "will get a reference number when you send it.</p>\n"
             "<a href=\"/referrals/new/young-person\" role=\"button\" draggable=\"false\" "
             "class=\"govuk-button govuk-button--start\" data-module=\"govuk-button\">Start now"
             "<svg class=\"govuk-button__start-icon\" xmlns=\"http://www.w3.org/2000/svg\" width=\"17.5\" "
             "height=\"19\" viewBox=\"0 0 33 40\" aria-hidden=\"true\" focusable=\"false\"><path "
             "fill=\"currentColor\" d=\"M0 0h13l20 20-20 20H0l20-20z\" /></svg></a>\n" +
             warningText("If a child is at immediate risk of harm, call the police on 999.");
         return site.page(req, 200, std::move(p));
       }});

  for (std::size_t i = 0; i < steps().size(); ++i) {
    const Step& step = steps()[i];
    auto action = [i](const WebRequest& req) {
      return steps()[i].path + (req.query("return") == "check" ? "?return=check" : "");
    };
    site.add({"GET", step.path, "web.referral.step" + std::to_string(i + 1), kReferrers,
              [&site, i, action](WebRequest& req) {
                Page p;
                p.title = steps()[i].title;
                p.navCurrent = "/referrals/new";
                p.backHref = i == 0 ? "/referrals/new" : steps()[i - 1].path;
                p.body = stepBody(i, site.draft(kJourney, req), {}, req.csrfToken, action(req));
                return site.page(req, 200, std::move(p));
              }});
    site.add({"POST", step.path, "web.referral.step" + std::to_string(i + 1) + ".submit", kReferrers,
              [&site, &clock, i, action](WebRequest& req) {
                Form draft = site.draft(kJourney, req);
                // Unticked checkboxes send nothing, so each of this page's fields is replaced whole.
                for (const auto& field : steps()[i].fields) draft.setAll(field, req.form.all(field));
                site.saveDraft(kJourney, req, draft);
                auto errors = checkStep(i, req.form, clock.today());
                if (!errors.empty()) {
                  Page p;
                  p.title = steps()[i].title;
                  p.hasErrors = true;
                  p.navCurrent = "/referrals/new";
                  p.backHref = i == 0 ? "/referrals/new" : steps()[i - 1].path;
                  p.body = stepBody(i, req.form, errors, req.csrfToken, action(req));
                  return site.page(req, 422, std::move(p));
                }
                if (req.query("return") == "check" || i + 1 == steps().size())
                  return redirect("/referrals/new/check");
                return redirect(steps()[i + 1].path);
              }});
  }

  site.add(
      {"GET", "/referrals/new/check", "web.referral.check", kReferrers, [&site, &clock](WebRequest& req) {
         Form draft = site.draft(kJourney, req);
         auto missing = firstIncomplete(draft, clock.today());
         if (missing < steps().size()) return redirect(steps()[missing].path);
         return checkPage(site, req, 200, draft, {});
       }});

  site.add({"POST", "/referrals/new/check", "web.referral.submit", kReferrers,
            [&site, &reg, &clock](WebRequest& req) {
              Form draft = site.draft(kJourney, req);
              auto missing = firstIncomplete(draft, clock.today());
              if (missing < steps().size()) return redirect(steps()[missing].path);
              auto receipt = reg.submitReferral(req.who(), referralFrom(draft));
              if (!receipt) {
                if (receipt.error().code != ErrorCode::validation)
                  return site.failurePage(req, receipt.error());
                PageErrors errors;
                for (const auto& f : receipt.error().fields) errors.add("", messageFor(f));
                return checkPage(site, req, 422, draft, errors);
              }
              site.clearDraft(kJourney, req);
              Form done;
              done.set("reference", receipt->reference);
              done.set("decision_due", humanDate(receipt->decisionDue));
              site.saveDraft(kReceipt, req, done);
              return redirect("/referrals/new/confirmation");
            }});

  site.add({"GET", "/referrals/new/confirmation", "web.referral.confirmation", kReferrers,
            [&site](WebRequest& req) {
              Form done = site.draft(kReceipt, req);
              if (done.get("reference").empty()) return redirect("/referrals");
              Page p;
              p.title = "Referral sent";
              p.navCurrent = "/referrals/new";
              p.body =
                  panel("Referral sent",
                        "Your reference number<br><strong>" + escape(done.get("reference")) + "</strong>") +
                  "<h2 class=\"govuk-heading-m\">What happens next</h2>\n<p class=\"govuk-body\">The young "
                  "carers service will decide what to do by <strong>" +
                  escape(done.get("decision_due")) +
                  "</strong>. You can follow its status in <a class=\"govuk-link\" href=\"/referrals\">your "
                  "referrals</a>.</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" "
                  "href=\"/referrals/new\">Make another referral</a></p>\n";
              return site.page(req, 200, std::move(p));
            }});

  site.add({"GET", "/referrals", "web.referral.list", kReferrers, [&site, &reg](WebRequest& req) {
              int pageNo = 1;
              auto pageText = req.query("page");
              if (!pageText.empty() && pageText.size() < 6 &&
                  pageText.find_first_not_of("0123456789") == std::string::npos)
                pageNo = std::max(1, std::stoi(pageText));
              const int perPage = 25;
              auto list = reg.referrals(req.who(), perPage, (pageNo - 1) * perPage);
              if (!list) return site.failurePage(req, list.error());
              bool referrer = req.who().role == Role::referrer;
              Page p;
              p.title = referrer ? "Your organisation's referrals" : "Referrals";
              p.navCurrent = "/referrals";
              p.wide = true;
              p.body = "<h1 class=\"govuk-heading-l\">" + escape(p.title) + "</h1>\n";
              if (list->items.empty()) {
                p.body += "<p class=\"govuk-body\">There are no referrals yet.</p>\n";
              } else {
                TableSpec t;
                t.caption = std::to_string(list->total) + (list->total == 1 ? " referral" : " referrals");
                t.headings = {"Reference", "Received", "Status"};
                if (!referrer) t.headings.push_back("Case");
                for (const auto& v : list->items) {
                  std::vector<std::string> row = {escape(v.referral.reference),
                                                  escape(humanTimestamp(v.referral.receivedAt)),
                                                  tag(humanise(v.status), referralStatusColour(v.status))};
                  if (!referrer)
                    row.push_back(v.referral.caseId ? "<a class=\"govuk-link\" href=\"/cases/" +
                                                          std::to_string(*v.referral.caseId) +
                                                          "\">View case<span "
                                                          "class=\"govuk-visually-hidden\"> for referral " +
                                                          escape(v.referral.reference) + "</span></a>"
                                                    : "");
                  t.rowsHtml.push_back(std::move(row));
                }
                p.body += table(t);
                p.body += pagination(pageNo, perPage, list->total);
              }
              p.body +=
                  "<p class=\"govuk-body\"><a class=\"govuk-button\" data-module=\"govuk-button\" "
                  "role=\"button\" draggable=\"false\" href=\"/referrals/new\">Make a referral</a></p>\n";
              return site.page(req, 200, std::move(p));
            }});
}

}  // namespace ycr::services::web
