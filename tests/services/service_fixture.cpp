#include "service_fixture.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <random>
#include <regex>

namespace ycr::test_support {

using services::App;
using services::Response;

Poco::JSON::Object::Ptr Reply::json() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::string Reply::str(const std::string& key) const {
  return json()->getValue<std::string>(key);
}

std::string Reply::firstErrorField() const {
  auto errors = json()->getArray("errors");
  return errors && errors->size() > 0 ? errors->getObject(0)->getValue<std::string>("field") : "";
}

bool Reply::isProblem(int expected) const {
  return status == expected && contentType.rfind("application/problem+json", 0) == 0;
}

Reply send(int port, const std::string& method, const std::string& path, const std::string& body,
           const std::string& token, const std::string& contentType, const std::string& accept) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!token.empty()) request.set("Authorization", "Bearer " + token);
  if (!accept.empty()) request.set("Accept", accept);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.setContentType(contentType);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  auto& in = session.receiveResponse(response);
  Reply r;
  r.status = static_cast<int>(response.getStatus());
  r.contentType = response.getContentType();
  for (const auto& [name, value] : response) r.headers.add(name, value);
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

std::string header(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers)
    if (k == name) return v;
  return {};
}

std::vector<std::string> headers(const Response& r, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& [k, v] : r.headers)
    if (k == name) out.push_back(v);
  return out;
}

std::string csrfIn(const std::string& html) {
  std::smatch m;
  static const std::regex re("name=\"csrf_token\" value=\"([0-9a-f]+)\"");
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

std::string urlEncode(const std::string& s) {
  std::string out;
  Poco::URI::encode(s, "&=+?#/;:'\" <>", out);
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

ServiceFixture::ServiceFixture(const std::string& name, const char* now) : clock(*parseIsoTimestamp(now)) {
  spdlog::set_level(spdlog::level::warn);
  dir = std::filesystem::temp_directory_path() /
        ("ycr-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  config.database = (dir / "ycr.db").string();
  config.keyDir = (dir / "keys").string();
  config.port = 0;
  config.dataDir = YCR_SOURCE_DIR;
  config.passwordHashCost = "min";
  config.requireSecondFactor = false;  // on by default; the tests of the second factor turn it on
}

ServiceFixture::~ServiceFixture() {
  app.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

void ServiceFixture::create() {
  auto created = App::create(config, clock, ids);
  BOOST_REQUIRE_MESSAGE(created, (created ? "" : created.error().detail));
  app = std::move(created.value());
}

void ServiceFixture::start() {
  create();
  BOOST_REQUIRE(app->start());
}

Id ServiceFixture::organisation(const std::string& name, OrganisationKind kind,
                                const std::string& identifier) {
  auto tx = app->store().begin(true);
  Organisation o;
  o.name = name;
  o.kind = kind;
  o.identifier = identifier;
  o.createdAt = clock.now();
  auto id = tx->organisations().create(o);
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(tx->commit());
  return *id;
}

Id ServiceFixture::user(const std::string& username, Role role, Id organisation,
                        const std::string& password) {
  auto tx = app->store().begin(true);
  User u;
  u.username = username;
  u.displayName = username;
  u.role = role;
  u.organisationId = organisation;
  u.passwordHash = app->hasher().hash(password);
  u.createdAt = clock.now();
  auto id = tx->users().create(u);
  BOOST_REQUIRE(id);
  BOOST_REQUIRE(tx->commit());
  return *id;
}

std::optional<User> ServiceFixture::findUser(const std::string& username) {
  auto tx = app->store().begin(false);
  return tx->users().findByUsername(username);
}

Reply ServiceFixture::send(const std::string& method, const std::string& path, const std::string& body,
                           const std::string& token, const std::string& contentType,
                           const std::string& accept) {
  return test_support::send(app->port(), method, path, body, token, contentType, accept);
}

Reply ServiceFixture::trySignIn(const std::string& username, const std::string& password) {
  Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
  body->set("username", username);
  body->set("password", password);
  return send("POST", "/api/v1/sessions", services::toJsonString(body));
}

std::string ServiceFixture::signIn(const std::string& username, const std::string& password) {
  auto r = trySignIn(username, password);
  BOOST_REQUIRE_MESSAGE(r.status == 201, r.body);
  return r.str("token");
}

std::string ServiceFixture::sessionFor(const std::string& username) {
  auto s = app->auth().signIn(username, kPassword, "127.0.0.1");
  BOOST_REQUIRE(s);
  return s->token;
}

services::Principal ServiceFixture::who(const std::string& token) {
  return *app->auth().authenticate(token);
}

Response SessionPagesFixture::get(const std::string& uri, const std::string& token) {
  return app->web().handle(
      {"GET", uri, std::string(services::web::kSessionCookie) + "=" + token, "", "", "127.0.0.1"});
}

Response SessionPagesFixture::post(const std::string& uri, const std::string& token, std::string body,
                                   bool withToken) {
  if (withToken)
    body += (body.empty() ? "" : "&") + std::string("csrf_token=") + app->web().csrf().tokenFor(token);
  return app->web().handle({"POST", uri, std::string(services::web::kSessionCookie) + "=" + token,
                            "application/x-www-form-urlencoded", body, "127.0.0.1"});
}

Response BrowserPagesFixture::get(const std::string& uri, const std::string& cookie) {
  return app->web().handle({"GET", uri, cookie, "", "", "127.0.0.1"});
}

Response BrowserPagesFixture::post(const std::string& uri, const std::string& body,
                                   const std::string& cookie) {
  return app->web().handle({"POST", uri, cookie, "application/x-www-form-urlencoded", body, "127.0.0.1"});
}

std::string BrowserPagesFixture::signIn(const std::string& username, const std::string& password) {
  auto page = get("/sign-in");
  auto nonceCookie = header(page, "Set-Cookie");
  auto nonce = nonceCookie.substr(0, nonceCookie.find(';'));
  auto r =
      post("/sign-in",
           "csrf_token=" + csrfIn(page.body) + "&username=" + username + "&password=" + urlEncode(password),
           nonce);
  BOOST_REQUIRE_EQUAL(r.status, 303);
  auto cookies = headers(r, "Set-Cookie");
  BOOST_REQUIRE(!cookies.empty());
  return cookies.front().substr(0, cookies.front().find(';'));
}

std::string BrowserPagesFixture::csrfFor(const std::string& cookie) {
  return csrfIn(get("/account", cookie).body);
}

}  // namespace ycr::test_support
