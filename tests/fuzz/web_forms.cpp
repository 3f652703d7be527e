// The web pages' form bodies and cookies (services/web_site.cpp handle, web_form.cpp Form::parse and
// Form::parseMultipart, web_session.cpp CSRF tokens), in process. First byte: who (signed out, referrer,
// caseworker, admin) and which page; the rest is the form body, posted with the session's real form token so
// the page's own handler reads it. When the page byte says "raw", the rest is instead
// "METHOD URI\nCookie header\nbody" to reach routing, cookies and the CSRF check themselves.
// Every answer is a page (or a redirect or asset), never a 500 and never an exception; pages carry
// the security headers.
#include "fuzz_app.h"
#include "fuzz_support.h"
#include "ycr/services/web.h"

using namespace ycr;
using namespace ycr::services;

namespace {

// Pages that take a form; ids name the App's first records.
constexpr const char* kPages[] = {
    "/sign-in",
    "/sign-out",
    "/referrals/new/young-person",
    "/referrals/new/caring",
    "/referrals/new/consent",
    "/referrals/new/check",
    "/young-carers",
    "/young-carers/new",
    "/cases/1/events",
    "/cases/1/assessments",
    "/cases/1/support-plan/edit",
    "/cases/1/hand-over",
    "/cases/1/complete-review",
    "/young-carers/1/id-cards/new",
    "/admin/organisations/new",
    "/admin/users/new",
    "/account/password",
};
constexpr std::size_t kPageCount = sizeof kPages / sizeof kPages[0];

bool hasHeader(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  auto& f = fuzz::FuzzApp::get();
  auto& site = f.app->web();
  const fuzz::Person* who = nullptr;
  switch (data[0] & 3) {
    case 1: who = &f.referrer; break;
    case 2: who = &f.caseworker; break;
    case 3: who = &f.admin; break;
    default: break;
  }
  const std::size_t page = (data[0] >> 2) % (kPageCount + 1);
  std::string_view rest = fuzz::text(data + 1, size - 1);
  const std::string cookie = who ? std::string(web::kSessionCookie) + "=" + who->token : std::string();

  web::WebSite::Incoming in;
  in.clientAddress = "127.0.0.1";
  in.contentType = "application/x-www-form-urlencoded";
  if (page < kPageCount) {
    in.method = "POST";
    in.uri = kPages[page];
    in.cookieHeader = cookie;
    in.body = std::string(rest);
    if (who) in.body += "&csrf_token=" + site.csrf().tokenFor(who->token);
  } else {
    std::string_view requestLine = fuzz::take(rest, "\n");
    in.method = std::string(fuzz::take(requestLine, " "));
    in.uri = std::string(requestLine);
    in.cookieHeader = std::string(fuzz::take(rest, "\n"));
    if (who) in.cookieHeader += (in.cookieHeader.empty() ? "" : "; ") + cookie;
    in.body = std::string(rest);
  }
  const std::string what = in.method + " " + in.uri + " [" + in.cookieHeader + "] " + in.body;

  // Sign-out would end the session the next inputs use.
  if (in.uri.rfind("/sign-out", 0) == 0 || in.uri.rfind("/account/sessions", 0) == 0) return 0;

  Response r;
  std::string route;
  try {
    r = site.handle(in, &route);
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "an exception left the page", what + " : " + e.what());
  }
  FUZZ_CHECK(r.status != 500 && r.status != 503, what + " -> " + route + " " + std::to_string(r.status));
  FUZZ_CHECK(r.status >= 200 && r.status < 500, what + " -> " + route + " " + std::to_string(r.status));
  FUZZ_CHECK(hasHeader(r, "X-Content-Type-Options") && hasHeader(r, "Referrer-Policy"), what);
  if (r.contentType.rfind("text/html", 0) == 0)
    FUZZ_CHECK(hasHeader(r, "Content-Security-Policy") && hasHeader(r, "Cache-Control"), what);

  // The form readers on their own, on the raw body: as a urlencoded form, and as a multipart one (a page
  // with a file to upload), which it reads or says it cannot.
  const std::string raw(fuzz::text(data + 1, size - 1));
  const auto form = web::Form::parse(raw);
  (void)form.get("csrf_token");
  if (auto parts = web::Form::parseMultipart(raw, "multipart/form-data; boundary=ycr"))
    (void)parts->get("csv_file");
  return 0;
}
