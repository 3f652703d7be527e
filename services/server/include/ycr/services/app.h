#pragma once
// The composition root: builds the store, engine, authenticator, use cases and routing table from a
// Config, gives each group of routes and pages the use cases it calls (api_routes.h, web.h), and runs
// the HTTP server. The only code that knows the concrete store. Tests build one on port 0 with a fixed
// clock.

#include <Poco/Net/HTTPServer.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ycr/core/ids.h"
#include "ycr/core/time.h"
#include "ycr/pathways/engine.h"
#include "ycr/services/accounts.h"
#include "ycr/services/activities.h"
#include "ycr/services/administration.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/assessments.h"
#include "ycr/services/auth.h"
#include "ycr/services/config.h"
#include "ycr/services/feedback.h"
#include "ycr/services/http.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/identity.h"
#include "ycr/services/notices.h"
#include "ycr/services/register.h"
#include "ycr/services/school_champions.h"
#include "ycr/services/statistics.h"
#include "ycr/services/surveys.h"
#include "ycr/services/tasks.h"
#include "ycr/storage/sqlite_store.h"

namespace ycr::services {

namespace web {
class WebSite;
}
class Metrics;
struct MetricGauge;

class App {
 public:
  // Opens (and migrates) the database and loads shipped data. Errors say what to fix.
  static Result<std::unique_ptr<App>> create(const Config& config, const Clock& clock, IdSource& ids);
  ~App();

  // Starts serving on config.bind:config.port (port 0 picks a free port), and the metrics
  // listener on metrics_bind:metrics_port when metrics_port is set.
  Status start();
  // Refused, naming intake_team, unless it names an active young carers service (a carers_centre
  // organisation): `ycr serve` asks before it listens, so no referral is given to a team that no
  // caseworker belongs to (area_routing.h). A register with no organisations at all, being set up,
  // passes with a warning: it cannot take a referral until its service is added.
  Status checkIntakeService();
  void stop();
  int port() const;
  int metricsPort() const;  // 0 when metrics are off

  // Ready to serve: the database answers and its schema is the one this binary was built for.
  Readiness readiness();
  Metrics& metrics() { return *metrics_; }
  // The worker that sends notices, with the sender the settings call for, chosen and checked when the
  // app was created (noticeSenderFor): once, for `ycr serve`.
  std::unique_ptr<NoticeDelivery> startNoticeDelivery();
  // The worker that escalates overdue tasks (Tasks::escalateOverdue), every minute, started.
  std::unique_ptr<PeriodicWorker> startTaskEscalation();

  storage::SqliteStore& store() { return *store_; }
  Register& reg() { return *register_; }
  Assessments& assessments() { return *assessments_; }
  Tasks& tasks() { return *tasks_; }
  Activities& activities() { return *activities_; }
  Surveys& surveys() { return *surveys_; }
  ComplimentsAndComplaints& feedback() { return *feedback_; }
  SchoolChampions& schoolChampions() { return *schoolChampions_; }
  Administration& administration() { return *administration_; }
  Statistics& statistics() { return *statistics_; }
  Authenticator& auth() { return *auth_; }
  Accounts& accounts() { return *accounts_; }
  const Router& router() const { return router_; }
  const Config& config() const { return config_; }
  const Clock& clock() const { return clock_; }
  const pathways::Engine& engine() const { return *engine_; }
  const PasswordHasher& hasher() const { return *hasher_; }
  IdCards& idCards() { return *idCards_; }
  Identity& identity() { return *identity_; }
  IdentityResolver& resolver() { return *resolver_; }
  RateLimiter& verifyLimiter() { return *verifyLimiter_; }
  const TrustedProxies& trustedProxies() const { return trustedProxies_; }
  web::WebSite& web() { return *web_; }

 private:
  App(const Config& config, const Clock& clock, IdSource& ids, std::optional<NoticeSender> noticeSender);
  Status addRoutesAndPages();
  void addPages(web::WebSite& site);
  Status loadQuestionnairesAndSurveys();
  void createRecordKeeping();  // tasks, activities and schools' champions
  std::vector<MetricGauge> gauges();

  Config config_;
  const Clock& clock_;
  IdSource& ids_;
  std::optional<NoticeSender> noticeSender_;
  std::unique_ptr<storage::SqliteStore> store_;
  std::unique_ptr<pathways::Engine> engine_;
  std::unique_ptr<PasswordHasher> hasher_;
  std::unique_ptr<SignInThrottle> accountThrottle_;
  std::unique_ptr<SignInThrottle> addressThrottle_;
  std::unique_ptr<Authenticator> auth_;
  std::unique_ptr<SecretSealer> sealer_;
  std::unique_ptr<Accounts> accounts_;
  std::unique_ptr<IdentityResolver> resolver_;
  std::unique_ptr<Identity> identity_;
  std::unique_ptr<Register> register_;
  std::unique_ptr<CardSigner> cardSigner_;
  std::unique_ptr<IdCards> idCards_;
  std::unique_ptr<RateLimiter> verifyLimiter_;
  TrustedProxies trustedProxies_ = TrustedProxies::loopback();
  QuestionnaireSet questionnaires_;
  std::unique_ptr<Assessments> assessments_;
  std::unique_ptr<Tasks> tasks_;
  std::unique_ptr<Activities> activities_;
  SurveySet surveySet_;
  std::unique_ptr<Surveys> surveys_;
  std::unique_ptr<ComplimentsAndComplaints> feedback_;
  std::unique_ptr<SchoolChampions> schoolChampions_;
  std::unique_ptr<PasswordGenerator> passwords_;
  std::unique_ptr<Administration> administration_;
  std::unique_ptr<Statistics> statistics_;
  std::unique_ptr<Consents> consents_;
  std::unique_ptr<Households> households_;
  std::unique_ptr<SchoolAttendance> attendance_;
  std::unique_ptr<Retention> retention_;
  std::unique_ptr<SubjectAccess> subjectAccess_;
  ServiceChecks checks_;
  Router router_;
  std::unique_ptr<web::WebSite> web_;  // the pages, served beside the API (web.h)
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<Poco::Net::HTTPServer> metricsServer_;
};

}  // namespace ycr::services
