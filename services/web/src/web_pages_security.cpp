// A person's own security: changing their password (and replacing a one-time one before anything
// else), their sessions, and the second factor: enrolling an authenticator app by QR code, the
// recovery codes, and the code asked for after the password. Thin over Accounts (accounts.h).

#include "ycr/services/accounts.h"
#include "ycr/services/totp.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const std::map<std::string, std::string> kPasswordFields = {{"current_password", "current_password"},
                                                            {"new_password", "new_password"}};

Response passwordPage(WebSite& site, WebRequest& req, int status, const PageErrors& errors) {
  const bool oneTime = req.who().mustChangePassword;
  Page p;
  p.title = oneTime ? "Choose your own password" : "Change your password";
  p.hasErrors = !errors.empty();
  p.backHref = oneTime ? "" : "/account";
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">" + p.title + "</h1>\n";
  if (oneTime)
    p.body +=
        "<p class=\"govuk-body\">You signed in with a one-time password. Choose a password only you know "
        "before you continue.</p>\n";
  p.body +=
      "<p class=\"govuk-body\">Use at least 12 characters. A few unrelated words are easy to remember and "
      "hard to guess. Your other sessions will end.</p>\n"
      "<form method=\"post\" action=\"/account/password\" novalidate>\n" +
      csrfField(req.csrfToken) +
      textInput({"current_password", oneTime ? "One-time password" : "Current password", "", "", "password",
                 "current-password", "govuk-!-width-one-half", false, false},
                errors) +
      textInput({"new_password", "New password", "", "", "password", "new-password", "govuk-!-width-one-half",
                 false, false},
                errors) +
      button("Change password") + "\n</form>\n";
  (void)site;
  return site.page(req, status, std::move(p));
}

Response enrolPage(WebSite& site, WebRequest& req, int status, const PageErrors& errors, const Enrolment& e) {
  Page p;
  p.title = "Set up your authenticator app";
  p.hasErrors = !errors.empty();
  p.backHref = accountStep(req.who()) == AccountStep::none ? "/account" : "";
  p.body = errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Set up your authenticator app</h1>\n";
  if (req.who().secondFactorRequired && !req.who().secondFactorEnrolled)
    p.body +=
        "<p class=\"govuk-body\">Your role lets you see children's records, so you sign in with a code from "
        "an authenticator app as well as your password.</p>\n";
  p.body +=
      "<ol class=\"govuk-list govuk-list--number\">\n"
      "<li>Open an authenticator app on your phone (for example Microsoft Authenticator or Google "
      "Authenticator) and add an account.</li>\n"
      "<li>Scan the QR code, or type in the key below it.</li>\n"
      "<li>Enter the 6-digit code the app shows.</li>\n</ol>\n"
      "<div class=\"govuk-!-margin-bottom-4\">" +
      e.qrSvg + "</div>\n<p class=\"govuk-body\">Key: <code id=\"totp-secret\">" + escape(e.secret) +
      "</code></p>\n<form method=\"post\" action=\"/account/two-factor\" novalidate>\n" +
      csrfField(req.csrfToken) + "<input type=\"hidden\" name=\"secret\" value=\"" + escape(e.secret) +
      "\">\n" +
      textInput({"code", "Code from the app", "6 digits", "", "text", "one-time-code", "govuk-input--width-5",
                 false, false},
                errors) +
      button("Continue") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

Response codePage(WebSite& site, WebRequest& req, int status, const PageErrors& errors) {
  Page p;
  p.title = "Enter the code from your authenticator app";
  p.hasErrors = !errors.empty();
  p.body = errorSummary(errors) +
           "<h1 class=\"govuk-heading-l\">Enter the code from your authenticator app</h1>\n" +
           "<form method=\"post\" action=\"/sign-in/two-factor\" novalidate>\n" + csrfField(req.csrfToken) +
           textInput({"code", "Code", "The 6 digits your app shows, or one of your recovery codes", "",
                      "text", "one-time-code", "govuk-input--width-10", false, false},
                     errors) +
           button("Continue") + "\n</form>\n";
  return site.page(req, status, std::move(p));
}

// POST /account/two-factor: the first code from the authenticator app confirms the enrolment; the recovery
// codes are shown once.
Response confirmSecondFactor(WebSite& site, Accounts& accounts, WebRequest& req) {
  auto codes = accounts.confirmEnrolment(req.who(), req.form.get("secret"), req.form.get("code"));
  if (!codes) {
    if (codes.error().fields.empty()) return site.failurePage(req, codes.error());
    PageErrors errors;
    errors.addDomain(codes.error(), {{"code", "code"}, {"secret", "code"}});
    // The same secret again, so a code typed a moment late still matches the app.
    Enrolment again;
    auto bytes = totp::fromBase32(req.form.get("secret"));
    if (bytes && bytes->size() >= 16) {
      again.secret = totp::base32(*bytes);
      again.uri = totp::provisioningUri(accounts.issuer(), req.who().username, *bytes);
      again.qrSvg = totp::qrSvg(again.uri).value_or("");
    } else {
      auto e = accounts.beginEnrolment(req.who());
      if (!e) return site.failurePage(req, e.error());
      again = *e;
    }
    return enrolPage(site, req, 422, errors, again);
  }
  std::string list = "<ul class=\"govuk-list\" id=\"recovery-codes\">\n";
  for (const auto& c : *codes) list += "<li><code>" + escape(c) + "</code></li>\n";
  list += "</ul>\n";
  Page p;
  p.title = "Your recovery codes";
  p.body = panel("Your authenticator app is set up", "") +
           "<h2 class=\"govuk-heading-m\">Your recovery codes</h2>\n" +
           warningText("These are shown once. Keep them somewhere safe, away from your phone.") +
           "<p class=\"govuk-body\">If you lose your phone, sign in with one of these instead of a code. "
           "Each works once.</p>\n" +
           list + "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"" +
           escape(homeFor(req.who().role)) + "\">Continue</a></p>\n";
  return site.page(req, 200, std::move(p));
}

}  // namespace

std::string startPageFor(const Principal& who) {
  switch (accountStep(who)) {
    case AccountStep::second_factor: return "/sign-in/two-factor";
    case AccountStep::change_password: return "/account/password";
    case AccountStep::enrol_second_factor: return "/account/two-factor";
    case AccountStep::none: break;
  }
  return homeFor(who.role);
}

namespace {

// GET /account/sessions: where the person is signed in, each session but this one with a way to end it.
Response sessionsPage(WebSite& site, Accounts& accounts, WebRequest& req) {
  TableSpec t;
  t.caption = "Where you are signed in";
  t.headings = {"Signed in", "Last active", "Ends by", ""};
  for (const auto& s : accounts.sessions(req.who())) {
    std::string action = s.current
                             ? tag("This session", "green")
                             : "<form method=\"post\" action=\"/account/sessions/" + std::to_string(s.id) +
                                   "/end\" novalidate>" + csrfField(req.csrfToken) +
                                   button("End this session", "secondary") + "</form>";
    t.rowsHtml.push_back({escape(formatIsoTimestamp(s.createdAt)), escape(formatIsoTimestamp(s.lastSeenAt)),
                          escape(formatIsoTimestamp(s.expiresAt)), action});
  }
  Page p;
  p.title = "Your sessions";
  p.backHref = "/account";
  p.wide = true;
  p.body =
      "<h1 class=\"govuk-heading-l\">Your sessions</h1>\n<p class=\"govuk-body\">End any session you "
      "do not recognise, then change your password.</p>\n" +
      table(t);
  return site.page(req, 200, std::move(p));
}

}  // namespace

void addSecurityPages(WebSite& site, Accounts& accounts) {
  const auto anyone = Access::signedIn();
  site.add({"GET", "/account/password", "web.account.password", anyone,
            [&site](WebRequest& req) {
              if (accountStep(req.who()) == AccountStep::second_factor)
                return redirect(startPageFor(req.who()));
              return passwordPage(site, req, 200, {});
            },
            true, true});
  site.add({"POST", "/account/password", "web.account.password.submit", anyone,
            [&site, &accounts](WebRequest& req) {
              auto s = accounts.changePassword(req.who(), req.form.get("current_password"),
                                               req.form.get("new_password"));
              if (!s) {
                if (s.error().fields.empty()) return site.failurePage(req, s.error());
                PageErrors errors;
                errors.addDomain(s.error(), kPasswordFields);
                return passwordPage(site, req, 422, errors);
              }
              auto who = req.who();
              who.mustChangePassword = false;
              return redirect(accountStep(who) == AccountStep::none ? "/account?changed=password"
                                                                    : startPageFor(who));
            },
            true, true});

  site.add({"GET", "/account/sessions", "web.account.sessions", anyone,
            [&site, &accounts](WebRequest& req) { return sessionsPage(site, accounts, req); }});
  site.add({"POST", "/account/sessions/{id}/end", "web.account.sessions.end", anyone,
            site.withId([&site, &accounts](WebRequest& req, Id id) {
              if (auto s = accounts.endSession(req.who(), id); !s) return site.failurePage(req, s.error());
              return redirect("/account/sessions");
            })});

  site.add({"GET", "/account/two-factor", "web.account.two_factor", anyone,
            [&site, &accounts](WebRequest& req) {
              auto e = accounts.beginEnrolment(req.who());
              if (!e) return redirect(startPageFor(req.who()));
              return enrolPage(site, req, 200, {}, *e);
            },
            true, true});
  site.add({"POST", "/account/two-factor", "web.account.two_factor.submit", anyone,
            [&site, &accounts](WebRequest& req) { return confirmSecondFactor(site, accounts, req); }, true,
            true});

  site.add({"GET", "/sign-in/two-factor", "web.sign_in.two_factor", anyone,
            [&site](WebRequest& req) {
              if (accountStep(req.who()) != AccountStep::second_factor)
                return redirect(startPageFor(req.who()));
              return codePage(site, req, 200, {});
            },
            true, true});
  site.add({"POST", "/sign-in/two-factor", "web.sign_in.two_factor.submit", anyone,
            [&site, &accounts](WebRequest& req) {
              auto s = accounts.giveSecondFactor(req.who(), req.form.get("code"));
              if (!s) {
                if (s.error().code == ErrorCode::unauthenticated) {
                  Response r = redirect("/sign-in");
                  r.headers.emplace_back("Set-Cookie", expiredSessionCookie(site.settings().cookies));
                  return r;
                }
                if (s.error().fields.empty()) return site.failurePage(req, s.error());
                PageErrors errors;
                errors.add("code", "The code is not right, or has been used already");
                return codePage(site, req, 422, errors);
              }
              auto who = req.who();
              who.secondFactorPending = false;
              return redirect(startPageFor(who));
            },
            true, true});
}

}  // namespace ycr::services::web
