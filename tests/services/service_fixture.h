// What the in-process HTTP tests share: a running App over a temporary database with a fixed
// clock, people of each role made straight through the store, an HTTP client for the API (bearer
// tokens), and the web pages either as a browser sees them (sign-in page, cookie, form token
// scraped from the page) or with a session made in process (the token as cookie, its CSRF token).

#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/Net/NameValueCollection.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ycr/services/app.h"
#include "ycr/services/web.h"

namespace ycr::test_support {

inline constexpr const char* kPassword = "correct horse battery staple";

// What an HTTP client saw.
struct Reply {
  int status = 0;
  std::string contentType;
  Poco::Net::NameValueCollection headers;
  std::string body;

  Poco::JSON::Object::Ptr json() const;
  std::string str(const std::string& key) const;
  // The field named by the first per-field error of a problem ("" when there is none).
  std::string firstErrorField() const;
  bool isProblem(int expected) const;
};

// One request on a fresh connection to the service on 127.0.0.1:port. A body goes with its type
// and length; a POST, PUT or PATCH without one says Content-Length: 0 so that its end is known.
Reply send(int port, const std::string& method, const std::string& path, const std::string& body = "",
           const std::string& token = "", const std::string& contentType = "application/json",
           const std::string& accept = "");

// The first value of a response header ("" when absent), and every value of it.
std::string header(const services::Response& r, const std::string& name);
std::vector<std::string> headers(const services::Response& r, const std::string& name);
// The form token in a page's hidden field.
std::string csrfIn(const std::string& html);
std::string urlEncode(const std::string& s);
bool contains(const std::string& text, const std::string& part);

// A fresh directory under the system's temporary one with its database and keys, and an App over
// it: adjust `config`, then create() (pages through WebSite::handle only) or start() (listening
// on a free port). Removed, files and all, when the fixture ends.
class ServiceFixture {
 public:
  ServiceFixture(const std::string& name, const char* now);
  virtual ~ServiceFixture();
  ServiceFixture(const ServiceFixture&) = delete;
  ServiceFixture& operator=(const ServiceFixture&) = delete;

  void create();
  void start();

  // Straight through the store, each in its own transaction.
  Id organisation(const std::string& name, OrganisationKind kind, const std::string& identifier = "");
  Id user(const std::string& username, Role role, Id organisation, const std::string& password = kPassword);
  std::optional<User> findUser(const std::string& username);

  // The API over HTTP (the App must be started).
  Reply send(const std::string& method, const std::string& path, const std::string& body = "",
             const std::string& token = "", const std::string& contentType = "application/json",
             const std::string& accept = "");
  Reply trySignIn(const std::string& username, const std::string& password);
  // A bearer token; the sign-in must succeed.
  std::string signIn(const std::string& username, const std::string& password = kPassword);

  // A session made in process, and the principal it stands for.
  std::string sessionFor(const std::string& username);
  services::Principal who(const std::string& token);

  std::filesystem::path dir;
  FixedClock clock;
  RandomIdSource ids;
  services::Config config;
  std::unique_ptr<services::App> app;
};

// The pages with sessions made in process: the session token is the cookie and forms carry the
// session's real CSRF token unless told not to.
class SessionPagesFixture : public ServiceFixture {
 public:
  using ServiceFixture::ServiceFixture;

  services::Response get(const std::string& uri, const std::string& token);
  services::Response post(const std::string& uri, const std::string& token, std::string body,
                          bool withToken = true);
};

// The pages as a browser sees them: sign in through the sign-in page and send the cookie it set.
class BrowserPagesFixture : public ServiceFixture {
 public:
  using ServiceFixture::ServiceFixture;

  services::Response get(const std::string& uri, const std::string& cookie = "");
  services::Response post(const std::string& uri, const std::string& body, const std::string& cookie = "");
  // Signs in through the pages; returns the Cookie header to send afterwards.
  std::string signIn(const std::string& username, const std::string& password = kPassword);
  // The form token of the session behind a cookie, as its pages carry it.
  std::string csrfFor(const std::string& cookie);
};

}  // namespace ycr::test_support
