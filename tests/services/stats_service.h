#pragma once
// The statistics service under test (stats_api_test.cpp and the indicator tests beside it): a service on
// port 0 over a temporary database, with one account per role, and builders of a register written directly
// through the store so that every true count is known.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "service_fixture.h"
#include "support/dates.h"
#include "ycr/services/app.h"

namespace ycr::services::stats_fixture {

using Object = Poco::JSON::Object;

using test_support::at;
using test_support::Reply;

// A service on port 0 over a temporary database, with one account per role and a register of young
// carers written directly through the store so every true count is known.
struct StatsService {
  std::filesystem::path dir;
  FixedClock clock{at("2024-04-15T12:00:00Z")};
  RandomIdSource ids;
  std::unique_ptr<App> app;
  std::map<std::string, std::string> tokens;  // username -> bearer token
  int serial = 0;

  using Settings = std::vector<std::pair<std::string, std::string>>;
  explicit StatsService(const Settings& settings = Settings()) {
    dir = std::filesystem::temp_directory_path() /
          ("ycr-stats-api-" + std::to_string(::getpid()) + "-" + ids.token().substr(0, 12));
    std::filesystem::create_directories(dir);
    Config config;
    config.database = (dir / "t.db").string();
    config.port = 0;
    config.passwordHashCost = "min";
    config.requireSecondFactor = false;  // staff sign in with passwords to be refused the statistics
    // The counting and publishing rules on a hand-computed register, without noise: the noise itself is
    // tested in noisy_figures_* below and attacked in tests/attack.
    config.disclosureNoiseSigma = 0;
    for (const auto& [k, v] : settings) BOOST_REQUIRE(static_cast<bool>(config.set(k, v)));
    auto created = App::create(config, clock, ids);
    BOOST_REQUIRE_MESSAGE(created, (created ? "" : created.error().detail));
    app = std::move(created.value());
    BOOST_REQUIRE(static_cast<bool>(app->start()));
    {
      // A write transaction holds the store's write lock until it is destroyed: keep it scoped.
      auto tx = app->store().begin(true);
      for (auto [name, role, kind] : std::vector<std::tuple<std::string, Role, OrganisationKind>>{
               {"commissioner", Role::commissioner, OrganisationKind::commissioner},
               {"manager", Role::team_manager, OrganisationKind::carers_centre},
               {"caseworker", Role::caseworker, OrganisationKind::carers_centre},
               {"referrer", Role::referrer, OrganisationKind::school}}) {
        Organisation o;
        o.kind = kind;
        o.name = kind == OrganisationKind::carers_centre ? "Young carers service" : name + " org";
        auto existing = tx->organisations().findByName(o.name);
        Id orgId = existing ? existing->id : tx->organisations().create(o).value();
        User u;
        u.username = name;
        u.role = role;
        u.organisationId = orgId;
        u.passwordHash = app->hasher().hash("correct horse battery");
        auto userId = tx->users().create(u);
        BOOST_REQUIRE(static_cast<bool>(userId));
        if (kind == OrganisationKind::school) {  // the school's young carer champion, in post throughout
          SchoolChampion c;
          c.organisationId = orgId;
          c.name = "Ms Referrer";
          c.userId = *userId;
          c.since = Date{std::chrono::year{2000}, std::chrono::January, std::chrono::day{1}};
          BOOST_REQUIRE(static_cast<bool>(tx->schoolChampions().add(c)));
        }
      }
      BOOST_REQUIRE(static_cast<bool>(tx->commit()));
    }
    for (const auto& name : {"commissioner", "manager", "caseworker", "referrer"}) {
      auto r = request("POST", "/api/v1/sessions", "",
                       std::string("{\"username\":\"") + name + "\",\"password\":\"correct horse battery\"}");
      BOOST_REQUIRE_EQUAL(r.status, 201);
      tokens[name] = r.json()->getValue<std::string>("token");
    }
  }
  ~StatsService() {
    app.reset();
    std::filesystem::remove_all(dir);
  }

  Reply request(const std::string& method, const std::string& path, const std::string& who,
                const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(app->port()));
    Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!who.empty()) req.set("Authorization", "Bearer " + tokens.at(who));
    if (!body.empty()) {
      req.setContentType("application/json");
      req.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(req) << body;
    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    Reply r;
    r.status = resp.getStatus();
    r.contentType = resp.getContentType();
    Poco::StreamCopier::copyToString(in, r.body);
    return r;
  }
  Reply get(const std::string& path, const std::string& who = "commissioner") {
    return request("GET", path, who);
  }

  // One child referred on `received` through `route`; `decided` is the day of the case's first step.
  Id child(Transaction& tx, OrganisationKind route, const std::string& received, const std::string& decided,
           const std::string& dob = "2011-06-01") {
    ++serial;
    YoungCarer y;
    y.givenName = "Child" + std::to_string(serial);
    y.familyName = "Test";
    y.dateOfBirth = *parseIsoDate(dob);
    y.gender = serial % 2 ? "girl" : "boy";
    y.postcode = "LE2 7GH";
    y.createdAt = y.updatedAt = at(received);
    Id yc = tx.youngCarers().create(y).value();
    Case c;
    c.youngCarerId = yc;
    c.state = CaseState::screening;
    c.ownerTeam = "Young carers service";
    c.referralReceived = ukLocalDate(at(received));
    c.openedAt = c.updatedAt = at(received);
    Id caseId = tx.cases().create(c).value();
    Organisation o;
    o.kind = route;
    o.name = "door " + std::string(toString(route));
    auto existing = tx.organisations().findByName(o.name);
    Referral r;
    r.reference = "REF-" + std::to_string(serial);
    r.organisationId = existing ? existing->id : tx.organisations().create(o).value();
    r.route = route;
    r.receivedAt = r.recordedAt = at(received);
    r.youngCarerId = yc;
    r.caseId = caseId;
    Id refId = tx.referrals().create(r).value();
    CaseEvent e;
    e.caseId = caseId;
    e.at = at(received);
    e.event = "referral_received";
    e.referralId = refId;
    BOOST_REQUIRE(static_cast<bool>(tx.cases().appendEvent(e)));
    CaseEvent ack;
    ack.caseId = caseId;
    ack.at = at(decided);
    ack.event = "acknowledge";
    ack.fromState = CaseState::referred;
    ack.toState = CaseState::screening;
    BOOST_REQUIRE(static_cast<bool>(tx.cases().appendEvent(ack)));
    return caseId;
  }
  void assessment(Transaction& tx, Id caseId, bool late) {
    CaseEvent e;
    e.caseId = caseId;
    e.at = at("2024-03-01T10:00:00Z");
    e.event = "complete_assessment";
    e.fromState = CaseState::assessing;
    e.toState = CaseState::support_planning;
    e.late = late;
    BOOST_REQUIRE(static_cast<bool>(tx.cases().appendEvent(e)));
  }

  // February 2024: 14 children referred by schools, decided the next working day, and 6 by adult social
  // care, decided a week later. Received Monday 5 February: due Tuesday 6 February.
  std::vector<Id> february() {
    auto tx = app->store().begin(true);  // destroyed on return, before any request
    std::vector<Id> cases;
    for (int i = 0; i < 14; ++i)
      cases.push_back(child(*tx, OrganisationKind::school, "2024-02-05T10:00:00Z", "2024-02-06T09:00:00Z"));
    for (int i = 0; i < 6; ++i)
      cases.push_back(
          child(*tx, OrganisationKind::adult_social_care, "2024-02-05T10:00:00Z", "2024-02-12T09:00:00Z"));
    for (int i = 0; i < 16; ++i) assessment(*tx, cases[static_cast<std::size_t>(i)], i >= 10);
    BOOST_REQUIRE(static_cast<bool>(tx->commit()));
    return cases;
  }
};

// One indicator of the report for `period` ("from=...&to=..."), as a commissioner reads it.
inline Object::Ptr indicator(StatsService& s, const std::string& id, const std::string& period) {
  auto list = s.get("/api/v1/stats/kpis?" + period).json()->getArray("indicators");
  for (std::size_t i = 0; i < list->size(); ++i)
    if (list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == id)
      return list->getObject(static_cast<unsigned>(i));
  BOOST_FAIL("no indicator " + id);
  return {};
}

}  // namespace ycr::services::stats_fixture
