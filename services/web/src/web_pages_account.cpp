// Signing in and out, the start page for each role, and the account page.

#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

// The sign-in form's token: keyed to a random pre-session cookie, so another site cannot sign a
// person in to an account of its choosing (login CSRF).
std::string signInSecret(const std::string& nonce) {
  return "sign-in\n" + nonce;
}

Response signInPage(WebSite& site, WebRequest& req, int status, const PageErrors& errors,
                    const std::string& username) {
  std::string nonce = randomToken();
  Page p;
  p.title = "Sign in";
  p.hasErrors = !errors.empty();
  p.body =
      errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Sign in to the young carers register</h1>\n" +
      "<p class=\"govuk-body\">Use the username and password your administrator gave you.</p>\n" +
      "<form method=\"post\" action=\"/sign-in\" novalidate>\n" +
      csrfField(site.csrf().tokenFor(signInSecret(nonce))) +
      textInput(
          {"username", "Username", "", username, "text", "username", "govuk-!-width-one-half", false, false},
          errors) +
      textInput({"password", "Password", "", "", "password", "current-password", "govuk-!-width-one-half",
                 false, false},
                errors) +
      button("Sign in") + "\n</form>\n";
  Response r = site.page(req, status, std::move(p));
  r.headers.emplace_back("Set-Cookie", signInCookie(nonce, site.settings().cookies));
  return r;
}

// POST /sign-in: the session cookie and on to the next step, or the form again with what went wrong.
Response signIn(WebSite& site, Authenticator& auth, WebRequest& req) {
  if (!site.csrf().verify(signInSecret(req.signInNonce), req.form.get("csrf_token")) ||
      req.signInNonce.empty())
    return site.errorPage(req, 403, "Your form could not be sent",
                          "The sign-in form had expired. Go back, reload the page and try again.");
  std::string username = req.form.get("username");
  std::string password = req.form.get("password");
  PageErrors errors;
  if (username.find_first_not_of(' ') == std::string::npos) errors.add("username", "Enter your username");
  if (password.empty()) errors.add("password", "Enter your password");
  if (!errors.empty()) return signInPage(site, req, 422, errors, username);
  auto signedIn = auth.signIn(username, password, req.ctx.clientAddress);
  if (!signedIn) {
    if (signedIn.error().code == ErrorCode::throttled)
      errors.add("username", "Too many failed attempts. Wait a few minutes, then try again");
    else if (signedIn.error().code == ErrorCode::unauthenticated)
      errors.add("username", "Enter a correct username and password");
    else
      return site.failurePage(req, signedIn.error());
    return signInPage(site, req, signedIn.error().code == ErrorCode::throttled ? 429 : 422, errors, username);
  }
  Response r = redirect(startPageFor(signedIn->principal));
  r.headers.emplace_back("Set-Cookie", sessionCookie(signedIn->token, site.settings().cookies));
  r.headers.emplace_back("Set-Cookie", std::string(kSignInCookie) + "=; Path=/; HttpOnly; SameSite=Strict" +
                                           (site.settings().cookies.secure ? "; Secure" : "") +
                                           "; Max-Age=0");
  return r;
}

}  // namespace

void addAccountPages(WebSite& site, Authenticator& auth) {
  site.add({"GET", "/", "web.home", Access::publicRoute(), [&site](WebRequest& req) {
              (void)site;
              return redirect(req.signedIn() ? homeFor(req.who().role) : "/sign-in");
            }});

  site.add({"GET", "/sign-in", "web.sign_in", Access::publicRoute(), [&site](WebRequest& req) {
              if (req.signedIn()) return redirect(homeFor(req.who().role));
              return signInPage(site, req, 200, {}, "");
            }});

  site.add({"POST", "/sign-in", "web.sign_in.submit", Access::publicRoute(),
            [&site, &auth](WebRequest& req) { return signIn(site, auth, req); }, false});

  site.add({"POST", "/sign-out", "web.sign_out", Access::signedIn(),
            [&site, &auth](WebRequest& req) {
              if (auto s = auth.signOut(req.who()); !s) return site.failurePage(req, s.error());
              Response r = redirect("/signed-out");
              r.headers.emplace_back("Set-Cookie", expiredSessionCookie(site.settings().cookies));
              return r;
            },
            true, true});

  site.add({"GET", "/signed-out", "web.signed_out", Access::publicRoute(), [&site](WebRequest& req) {
              Page p;
              p.title = "You have signed out";
              p.body =
                  "<h1 class=\"govuk-heading-l\">You have signed out</h1>\n"
                  "<p class=\"govuk-body\">Your session has ended. Close the browser if you are on a shared "
                  "computer.</p>\n<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/sign-in\">Sign in "
                  "again</a></p>\n";
              return site.page(req, 200, std::move(p));
            }});

  site.add(
      {"GET", "/account", "web.account", Access::signedIn(), [&site](WebRequest& req) {
         const auto& who = req.who();
         Page p;
         p.title = "Your account";
         p.navCurrent = "/account";
         p.body =
             "<h1 class=\"govuk-heading-l\">Your account</h1>\n" +
             summaryList({{"Name", escape(who.displayName.empty() ? who.username : who.displayName), "", ""},
                          {"Username", escape(who.username), "", ""},
                          {"Role", escape(humanise(toString(who.role))), "", ""},
                          {"Organisation", escape(who.organisationName), "", ""}});
         if (req.query("changed") == "password")
           p.body = panel("Your password has been changed", "Your other sessions have ended.") + p.body;
         p.body +=
             "<h2 class=\"govuk-heading-m\">Security</h2>\n<ul class=\"govuk-list\">\n"
             "<li><a class=\"govuk-link\" href=\"/account/password\">Change your password</a></li>\n"
             "<li><a class=\"govuk-link\" href=\"/account/sessions\">See and end your sessions</a></li>\n"
             "<li><a class=\"govuk-link\" href=\"/account/two-factor\">" +
             std::string(who.secondFactorEnrolled ? "Set up a new authenticator app"
                                                  : "Set up an authenticator app") +
             "</a></li>\n</ul>\n";
         if (who.role == Role::auditor)
           p.body += insetText("The audit trail is read through the API: <code>GET /api/v1/audit</code>.");
         return site.page(req, 200, std::move(p));
       }});
}

}  // namespace ycr::services::web
