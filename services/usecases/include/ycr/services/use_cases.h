#pragma once
// What the JSON API's routes and the web site's pages are given: the register's use cases, the store
// behind them as the Store interface, the settings and the clock. The composition root (app.h) builds
// the use cases and one of these; nothing below it knows the concrete store or the HTTP server.

#include <functional>
#include <utility>

#include "ycr/core/repositories.h"
#include "ycr/core/time.h"
#include "ycr/services/accounts.h"
#include "ycr/services/activities.h"
#include "ycr/services/administration.h"
#include "ycr/services/assessments.h"
#include "ycr/services/auth.h"
#include "ycr/services/client_address.h"
#include "ycr/services/config.h"
#include "ycr/services/feedback.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/identity.h"
#include "ycr/services/register.h"
#include "ycr/services/school_champions.h"
#include "ycr/services/statistics.h"
#include "ycr/services/surveys.h"
#include "ycr/services/tasks.h"

namespace ycr::services {

// Ready to serve: the database answers and its schema is the one this binary was built for.
struct Readiness {
  bool database = false;
  int schemaVersion = 0;
  int expectedSchemaVersion = 0;
  bool ready() const { return database && schemaVersion == expectedSchemaVersion; }
};

class UseCases {
 public:
  struct Parts {
    Store& store;
    const Config& config;
    const Clock& clock;
    Register& reg;
    Assessments& assessments;
    Tasks& tasks;
    Activities& activities;
    Surveys& surveys;
    ComplimentsAndComplaints& feedback;
    SchoolChampions& schoolChampions;
    Administration& administration;
    Statistics& statistics;
    Authenticator& auth;
    Accounts& accounts;
    IdCards& idCards;
    Identity& identity;
    RateLimiter& verifyLimiter;  // the ID card check's, per address
    const TrustedProxies& trustedProxies;
    std::function<Readiness()> readiness;  // asks the concrete store
  };
  explicit UseCases(Parts parts) : parts_(std::move(parts)) {}

  Store& store() { return parts_.store; }
  const Config& config() const { return parts_.config; }
  const Clock& clock() const { return parts_.clock; }
  Register& reg() { return parts_.reg; }
  Assessments& assessments() { return parts_.assessments; }
  Tasks& tasks() { return parts_.tasks; }
  Activities& activities() { return parts_.activities; }
  Surveys& surveys() { return parts_.surveys; }
  ComplimentsAndComplaints& feedback() { return parts_.feedback; }
  SchoolChampions& schoolChampions() { return parts_.schoolChampions; }
  Administration& administration() { return parts_.administration; }
  Statistics& statistics() { return parts_.statistics; }
  Authenticator& auth() { return parts_.auth; }
  Accounts& accounts() { return parts_.accounts; }
  IdCards& idCards() { return parts_.idCards; }
  Identity& identity() { return parts_.identity; }
  RateLimiter& verifyLimiter() { return parts_.verifyLimiter; }
  const TrustedProxies& trustedProxies() const { return parts_.trustedProxies; }
  Readiness readiness() const { return parts_.readiness(); }

 private:
  Parts parts_;
};

}  // namespace ycr::services
