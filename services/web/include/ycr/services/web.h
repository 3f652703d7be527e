#pragma once
// The web front end: server-rendered HTML pages in the GOV.UK Design System's markup, served by
// `ycr serve` beside the API. Pages call the same use cases as the API (so rules, scoping and
// audit are the same) and work without JavaScript; GOV.UK Frontend's JS only enhances them.
//
// Security: the session token lives in an HttpOnly, SameSite=Strict cookie (Secure unless
// web_secure_cookie=false); every POST carries a synchroniser token derived from the session
// (HMAC with a server key); every HTML response has a strict Content Security Policy with no
// inline script or style. The JSON API never accepts the cookie, only bearer tokens.

#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/validation.h"
#include "ycr/services/accounts.h"
#include "ycr/services/activities.h"
#include "ycr/services/administration.h"
#include "ycr/services/assessments.h"
#include "ycr/services/auth.h"
#include "ycr/services/client_address.h"
#include "ycr/services/config.h"
#include "ycr/services/consents.h"
#include "ycr/services/feedback.h"
#include "ycr/services/households.h"
#include "ycr/services/http.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/identity.h"
#include "ycr/services/register.h"
#include "ycr/services/retention.h"
#include "ycr/services/school_attendance.h"
#include "ycr/services/school_champions.h"
#include "ycr/services/statistics.h"
#include "ycr/services/subject_access.h"
#include "ycr/services/surveys.h"
#include "ycr/services/tasks.h"
#include "ycr/services/text.h"

namespace ycr::services {
struct CaseView;
}  // namespace ycr::services

namespace ycr::services::web {

inline constexpr const char* kSessionCookie = "ycr_session";
inline constexpr const char* kSignInCookie = "ycr_sign_in";  // pre-session CSRF for the sign-in form
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

// ---------------- HTML ----------------

using services::escape;  // text.h
using validation::isBlank;
// Escaped text with its line breaks kept (as <br>).
std::string multiline(const std::string& text);

// A submitted form (application/x-www-form-urlencoded, or multipart/form-data from a page with a file to
// upload); repeated names keep every value in order.
class Form {
 public:
  static Form parse(const std::string& body);
  // Each part's content is the value of its name, a file's whole content included. None when the body is
  // not multipart as `contentType` (with its boundary) says.
  static std::optional<Form> parseMultipart(const std::string& body, const std::string& contentType);
  std::string get(const std::string& name) const;  // the first value, or ""
  std::vector<std::string> all(const std::string& name) const;
  bool has(const std::string& name) const;
  void set(const std::string& name, const std::string& value);
  // A date as the date input's three boxes (name-day, name-month, name-year); nothing when there is none.
  void setDate(const std::string& name, const std::optional<Date>& date);
  void setAll(const std::string& name, const std::vector<std::string>& values);  // replaces every value

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

// Problems with a page's answers: the id of the field to link to and a message for people.
struct PageError {
  std::string fieldId{};
  std::string message{};
  std::string anchor{};  // where the error summary links, when not the field id (a date's day box)
};

class PageErrors {
 public:
  void add(std::string fieldId, std::string message, std::string anchor = "");
  // Adds the use case's field errors, mapping API field names to page field ids and wording.
  void addDomain(const DomainError& error, const std::map<std::string, std::string>& fieldIds = {});
  std::optional<std::string> forField(const std::string& fieldId) const;
  bool empty() const { return errors_.empty(); }
  const std::vector<PageError>& all() const { return errors_; }

 private:
  std::vector<PageError> errors_;
};

// A message for people from a use case's field error (the domain's own wording, with the
// machine-flavoured ones reworded).
std::string messageFor(const FieldError& error);

struct Page {
  std::string title{};  // the <title> and usually the h1; "Error: " is prefixed when errors exist
  std::string body{};   // HTML inside <main>
  bool hasErrors = false;
  std::string backHref{};    // a back link above the content, if any
  std::string navCurrent{};  // href of the navigation item to mark as current
  bool wide = false;         // full width instead of two-thirds
};

struct LayoutContext {
  const Principal* who = nullptr;  // null when signed out
  std::string csrfToken;           // for the sign-out form
  bool demoRegister = false;       // every page says the register is made up (demo_register)
};

std::string layout(const Page& page, const LayoutContext& context);
Response htmlResponse(int status, std::string html);
Response redirect(const std::string& location);
// A positive record id typed in a query or a form; anything else is no id.
std::optional<Id> parseId(const std::string& text);  // 303 See Other: after a POST, or to sign in

// GOV.UK Frontend components (markup as in the Design System's macros).
std::string csrfField(const std::string& token);
std::string errorSummary(const PageErrors& errors);
std::string tag(const std::string& text, const std::string& colour = "");  // colour: green, red, ...
std::string taskStatusTag(TaskStatus status);  // a task for another service: open, accepted, ...
// A task's due day, tagged overdue with the working days when it is (tasks.h workingDaysOverdue).
std::string taskDueText(const Date& due, int workingDaysOverdue);
std::string button(const std::string& text, const std::string& variant = "", const std::string& name = "",
                   const std::string& value = "");
std::string panel(const std::string& title, const std::string& bodyHtml);
std::string notificationBanner(const std::string& headingHtml, bool success);
std::string insetText(const std::string& html);
std::string warningText(const std::string& text);

struct SummaryRow {
  std::string key{};
  std::string valueHtml{};
  std::string changeHref{};   // empty: no action
  std::string changeLabel{};  // visually hidden context for "Change"
};
std::string summaryList(const std::vector<SummaryRow>& rows);

struct TableSpec {
  std::string caption{};
  std::vector<std::string> headings{};
  std::vector<std::vector<std::string>> rowsHtml{};  // each cell is HTML
  std::vector<bool> numeric{};                       // per column, right-aligned figures
};
std::string table(const TableSpec& spec);

struct InputSpec {
  std::string id{};  // also the name
  std::string label{};
  std::string hint{};
  std::string value{};
  std::string type = "text";
  std::string autocomplete{};
  std::string widthClass{};  // e.g. govuk-input--width-10
  bool labelIsHeading = false;
  bool spellcheck = true;
};
std::string textInput(const InputSpec& spec, const PageErrors& errors);
std::string textarea(const InputSpec& spec, const PageErrors& errors, int rows = 5);
// A file to upload (GOV.UK Frontend's file upload); `accept` lists the types offered, e.g. ".csv,text/csv".
// The form around it must be sent as multipart/form-data.
std::string fileUpload(const InputSpec& spec, const PageErrors& errors, const std::string& accept);

struct Choice {
  std::string value{};
  std::string text{};
  std::string hint{};
};
struct ChoiceSpec {
  std::string name{};
  std::string legend{};
  std::string hint{};
  std::vector<Choice> choices;
  std::vector<std::string> selected{};
  bool legendIsHeading = false;
  bool inlineChoices = false;
  bool small = false;
};
std::string radios(const ChoiceSpec& spec, const PageErrors& errors);
std::string checkboxes(const ChoiceSpec& spec, const PageErrors& errors);
std::string select(const std::string& id, const std::string& label, const std::vector<Choice>& choices,
                   const std::string& selected, const PageErrors& errors);

// Day, month and year boxes: fields <name>-day, <name>-month, <name>-year; errors under <name>.
std::string dateInput(const std::string& name, const std::string& legend, const std::string& hint,
                      const Form& values, const PageErrors& errors, bool legendIsHeading = false);
// Reads a date input as YYYY-MM-DD, adding GOV.UK-style errors ("Date of birth must include a month").
// `label` is the question's noun, e.g. "Date of birth".
std::optional<std::string> readDateInput(const Form& form, const std::string& name, const std::string& label,
                                         PageErrors& errors);

// "3 April 2012" for a YYYY-MM-DD date, and "3 April 2012 at 9:30am" for an ISO timestamp.
std::string humanDate(const Date& date);
std::string humanTimestamp(const Timestamp& at);
using services::humanise;  // text.h

// ---------------- session and CSRF ----------------

struct CookieSettings {
  bool secure = true;
};
std::string sessionCookie(const std::string& token, const CookieSettings& settings);
std::string expiredSessionCookie(const CookieSettings& settings);
std::string signInCookie(const std::string& nonce, const CookieSettings& settings);

// Synchroniser tokens: HMAC-SHA256 of the session (or sign-in) secret under a server key.
class CsrfTokens {
 public:
  explicit CsrfTokens(std::string key);
  // Reads <keyDir>/csrf.key or creates it (32 random bytes, mode 0600), so tokens survive restarts.
  static Result<CsrfTokens> loadOrCreate(const std::string& keyDir);
  std::string tokenFor(const std::string& secret) const;
  bool verify(const std::string& secret, const std::string& token) const;  // constant time

 private:
  std::string key_;
};

using services::randomToken;  // text.h

// ---------------- assets ----------------

// The file behind an /assets/ path, under the assets root (the project root by default):
// /assets/ycr/* from services/web/, everything else from GOV.UK Frontend's compiled dist.
// Traversal (.., hidden files, backslashes, NUL) gives nullopt.
std::optional<std::string> assetFile(const std::string& root, const std::string& urlPath);
std::string contentTypeFor(const std::string& file);

// ---------------- routing ----------------

struct WebRequest {
  RequestContext ctx;     // method, path, params, query, client address, principal
  Form form;              // POST body
  std::string csrfToken;  // for forms rendered on this page
  std::string sessionToken;
  std::string signInNonce;  // the sign-in form's pre-session cookie

  const Principal& who() const { return ctx.who(); }
  bool signedIn() const { return ctx.principal.has_value(); }
  std::string query(const std::string& key) const { return ctx.queryValue(key); }
  LayoutContext layoutContext() const { return {ctx.principal ? &*ctx.principal : nullptr, csrfToken}; }
};

using WebHandler = std::function<Response(WebRequest&)>;

struct WebRoute {
  std::string method;
  std::string pattern;
  std::string name;
  Access access;
  WebHandler handler;
  bool checkCsrf = true;            // POSTs only; the sign-in form has its own pre-session token
  bool duringAccountSetup = false;  // as Route::duringAccountSetup; other pages redirect to the step
};

struct WebSettings {
  std::string assetsRoot;
  CookieSettings cookies;
  bool demoRegister = false;  // demo_register: a demonstration register, marked on every page
};

// Who may open the pages most of the site is made of.
inline const Access kStaff = Access::only({Role::caseworker, Role::team_manager});
inline const Access kAdmins = Access::only({Role::admin});
inline const Access kDataProtection = Access::only({Role::auditor});

// A young carer's name as the pages show it.
inline std::string fullName(const YoungCarer& yc) {
  return yc.givenName + " " + yc.familyName;
}

// The web front end: its routes, the referral drafts in progress and the request handler.
class WebSite {
 public:
  // Pages are added by the composition root (app.cpp), each area given the use cases it calls; the site
  // itself signs requests in and audits refusals.
  WebSite(Authenticator& auth, Register& reg, const TrustedProxies& proxies, WebSettings settings,
          CsrfTokens csrf);
  ~WebSite();

  void add(WebRoute route);
  const std::vector<WebRoute>& routes() const { return routes_; }
  const TrustedProxies& trustedProxies() const { return proxies_; }
  const WebSettings& settings() const { return settings_; }
  const CsrfTokens& csrf() const { return csrf_; }

  // Dispatches one request (already read); used by the HTTP handler and by tests.
  struct Incoming {
    std::string method;
    std::string uri;
    std::string cookieHeader;  // ycr_session, ycr_sign_in
    std::string contentType;
    std::string body;
    std::string clientAddress;
  };
  Response handle(const Incoming& in, std::string* routeName = nullptr);

  // A page rendered with the layout for this request.
  Response page(const WebRequest& req, int status, Page page) const;
  Response errorPage(const WebRequest& req, int status, const std::string& title,
                     const std::string& message) const;
  // A use case's failure as a page: not found, not allowed, conflict, or "try again".
  Response failurePage(const WebRequest& req, const DomainError& error) const;
  // The handler of a page whose address names one record by {id}: the id is read first, and an address
  // whose id is no number is the not-found page, as for a record that does not exist (idParam).
  WebHandler withId(std::function<Response(WebRequest&, Id)> handle) const;

  // Server-side drafts of multi-page journeys, keyed by the session (bounded; lost on restart).
  Form draft(const std::string& journey, const WebRequest& req);
  void saveDraft(const std::string& journey, const WebRequest& req, Form form);
  void clearDraft(const std::string& journey, const WebRequest& req);

 private:
  Response serveAsset(const std::string& method, const std::string& path) const;
  std::optional<Response> readForm(WebRequest& req, const Incoming& in) const;

  Authenticator& auth_;
  Register& reg_;
  const TrustedProxies& proxies_;
  WebSettings settings_;
  CsrfTokens csrf_;
  Router router_;  // patterns and access; handlers are routes_[i] for router_.routes()[i]
  std::vector<WebRoute> routes_;
  struct Drafts;
  std::unique_ptr<Drafts> drafts_;
};

// The pages, by area (web_pages_*.cpp), each given the use cases its pages call. The composition root
// (app.cpp) adds them, in the order their patterns are tried.
void addAccountPages(WebSite& site, Authenticator& auth);  // signing in and out
// Own password, sessions and second factor (web_pages_security.cpp).
void addSecurityPages(WebSite& site, Accounts& accounts);
void addReferralPages(WebSite& site, Register& reg, const Clock& clock);
void addReportPages(WebSite& site, const Clock& clock, Statistics& statistics);
void addAdminPages(WebSite& site, Administration& admin);
void addCasePages(WebSite& site, Register& reg, const Clock& clock, Tasks& tasks, Households& households);
// Find, register and read a young carer's record.
void addYoungCarerPages(WebSite& site, Register& reg);
// Tasks addressed to a partner service's organisation.
void addTaskPages(WebSite& site, const Clock& clock, Tasks& tasks);
// The notices outbox and organisations' notices addresses.
void addNoticePages(WebSite& site, Administration& administration);
// Activities and breaks, their places and registers.
void addActivityPages(WebSite& site, Register& reg, Activities& activities, const Clock& clock);
// What a young person agreed to share; a school's young carers.
void addConsentPages(WebSite& site, Register& reg, Consents& consents);
// A young carer's termly school attendance, for case staff and their school
// (web_pages_school_attendance.cpp).
void addSchoolAttendancePages(WebSite& site, Register& reg, const Clock& clock, SchoolAttendance& attendance);
void addFeedbackPages(WebSite& site, Register& reg, const Clock& clock, ComplimentsAndComplaints& feedback);
// Schools and their young carer champions (web_pages_schools.cpp).
void addSchoolPages(WebSite& site, SchoolChampions& champions);
// Assessments and reviews, their forms and questionnaires.
void addAssessmentPages(WebSite& site, Register& reg, Assessments& assessments);
// A case's support plan: read, record or change, agree (web_pages_support_plans.cpp).
void addSupportPlanPages(WebSite& site, Register& reg, Assessments& assessments);
// Surveys: the page a young carer answers on from their single-use link (web_pages_survey_answer.cpp),
// and staff's and commissioners' pages: who is due, sending, results (web_pages_surveys.cpp).
void addSurveyAnswerPages(WebSite& site, RateLimiter& verifyLimiter, Surveys& surveys);
void addSurveyPages(WebSite& site, Register& reg, const Clock& clock, Surveys& surveys);
void addIdCardPages(WebSite& site, Register& reg, IdCards& idCards);
// The match review queue and merges.
void addMatchPages(WebSite& site, Identity& identity);
// Events needing answers: completing a review, handing over.
void addPathwayPages(WebSite& site, Register& reg, Assessments& assessments, const Clock& clock);
// The accessibility statement and privacy notice (public).
void addInformationPages(WebSite& site, const Config& config);
// The files those pages are read from, when set, exist: checked at start.
Status checkInformationPages(const Config& config);
// The data protection role's retention page.
void addRetentionPages(WebSite& site, Retention& retention);
// The data protection role's records: find, export, correct, hold and erase (web_pages_data_protection.cpp).
void addDataProtectionPages(WebSite& site, Register& reg, const Clock& clock, Retention& retention,
                            SubjectAccess& subjectAccess);

// The case page's summary of what the young person agreed to share (web_pages_consents.cpp).
std::string sharingSection(const CaseView& view);
// The case page's school, year group and termly attendance (web_pages_school_attendance.cpp).
std::string schoolSection(const CaseView& view);

// The case page's surveys sent to the young carer and a link to send one (web_pages_surveys.cpp).
std::string surveySection(const CaseView& view);
// Where each role starts after signing in.
std::string homeFor(Role role);
// Where a session goes next: the page of the step it must take first (accounts.h), else homeFor.
std::string startPageFor(const Principal& who);

// One server for the API and the pages: API paths (/api/..., and every path the API router
// knows, such as /healthz and /verify/{token}) go to the API's handler, the rest to the site.
Poco::Net::HTTPRequestHandlerFactory* makeSiteHandlerFactory(Poco::Net::HTTPRequestHandlerFactory* api,
                                                             const Router& apiRouter, WebSite& site,
                                                             std::size_t maxBodyBytes);

}  // namespace ycr::services::web
