#include "ycr/services/app.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Timespan.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <map>

#include "ycr/services/api_routes.h"
#include "ycr/services/feedback.h"
#include "ycr/services/households.h"
#include "ycr/services/metrics.h"
#include "ycr/services/notice_senders.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/retention.h"
#include "ycr/services/school_list.h"
#include "ycr/services/subject_access.h"
#include "ycr/services/surveys.h"
#include "ycr/services/version.h"
#include "ycr/services/web.h"
#include "ycr/storage/migrations.h"

namespace ycr::services {

App::App(const Config& config, const Clock& clock, IdSource& ids, std::optional<NoticeSender> noticeSender)
    : config_(config), clock_(clock), ids_(ids), noticeSender_(std::move(noticeSender)) {}

std::unique_ptr<NoticeDelivery> App::startNoticeDelivery() {
  return services::startNoticeDelivery(*store_, clock_, config_.notices,
                                       std::exchange(noticeSender_, std::nullopt));
}

std::unique_ptr<PeriodicWorker> App::startTaskEscalation() {
  auto worker = std::make_unique<PeriodicWorker>("task escalation", std::chrono::minutes(1), [this] {
    if (int n = tasks_->escalateOverdue(); n > 0) spdlog::info("{} overdue task(s) escalated", n);
  });
  worker->start();
  return worker;
}

Readiness App::readiness() {
  Readiness r;
  const auto& migrations = storage::embeddedMigrations();
  r.expectedSchemaVersion = migrations.empty() ? 0 : migrations.back().version;
  r.database = static_cast<bool>(store_->healthCheck());
  if (r.database) r.schemaVersion = store_->schemaVersion();
  return r;
}

// Read when scraped: the database, its schema, the server's threads and queue.
std::vector<MetricGauge> App::gauges() {
  std::vector<MetricGauge> g;
  g.push_back(
      {"ycr_build_info", "The running version of ycr.", 1, "version=\"" + std::string(version()) + "\""});
  auto r = readiness();
  g.push_back({"ycr_database_up", "1 when the database answers a query.", r.database ? 1.0 : 0.0, ""});
  g.push_back({"ycr_database_schema_version", "The database's schema version.", double(r.schemaVersion), ""});
  g.push_back({"ycr_database_pending_migrations", "Migrations this binary has that the database has not.",
               double(r.expectedSchemaVersion - r.schemaVersion), ""});
  std::error_code ec;
  for (const auto& [file, suffix] :
       {std::pair{config_.database, ""}, std::pair{config_.database + "-wal", "wal_"}}) {
    auto size = std::filesystem::file_size(file, ec);
    g.push_back({std::string("ycr_database_") + suffix + "size_bytes",
                 std::string("Size of the SQLite ") + (*suffix ? "write-ahead log" : "database file") + ".",
                 ec ? 0.0 : double(size), ""});
  }
  g.push_back({"ycr_ready", "1 when /readyz would answer 200.", r.ready() ? 1.0 : 0.0, ""});
  if (server_) {
    g.push_back({"ycr_http_threads_busy", "Request threads handling a connection.",
                 double(server_->currentThreads()), ""});
    g.push_back({"ycr_http_threads_max", "The request thread limit (max_threads).",
                 double(server_->maxThreads()), ""});
    g.push_back({"ycr_http_queued_connections", "Accepted connections waiting for a thread (max_queued).",
                 double(server_->queuedConnections()), ""});
    g.push_back({"ycr_http_refused_connections_total", "Connections refused because the queue was full.",
                 double(server_->refusedConnections()), ""});
  }
  return g;
}
App::~App() {
  stop();
}

namespace {

// A data file that did not load, saying which file and what it was to hold.
template <class T>
Result<T> loadedFrom(Result<T> loaded, const std::string& what, const std::string& path) {
  if (loaded) return loaded;
  auto e = loaded.error();
  e.detail = "Cannot load the " + what + " from " + path + ": " + e.detail;
  return e;
}

// intake_team is checked when the service starts (App::checkIntakeService), not here: a register is
// created, and its organisations added, by the same commands that open it.
Result<Routing> routingFrom(Store& store, const Config& config) {
  auto tx = store.begin(false);
  auto services =
      AreaRouting::resolve(*tx,
                           {OrganisationKind::carers_centre, "young_carers_service_by_district",
                            config.youngCarersServiceByDistrict, "intake_team", config.intakeTeam},
                           false);
  if (!services) return services.error();
  auto adults = AreaRouting::resolve(
      *tx,
      {OrganisationKind::adult_social_care, "adult_social_care_by_district", config.adultSocialCareByDistrict,
       "adult_social_care_default", config.adultSocialCareDefault},
      true);
  if (!adults) return adults.error();
  return Routing{std::move(services.value()), std::move(adults.value())};
}

// The organisations the routing settings name, each with the (first) setting naming it.
std::map<std::string, std::string> routedOrganisations(const Config& config) {
  std::map<std::string, std::string> named;
  named.emplace(config.intakeTeam, "intake_team");
  for (const auto& r : config.youngCarersServiceByDistrict)
    named.emplace(r.organisation, "young_carers_service_by_district");
  for (const auto& r : config.adultSocialCareByDistrict)
    named.emplace(r.organisation, "adult_social_care_by_district");
  if (!config.adultSocialCareDefault.empty())
    named.emplace(config.adultSocialCareDefault, "adult_social_care_default");
  return named;
}

StatisticsSettings statisticsSettingsFrom(const Config& config, std::vector<ListedSchool> schools,
                                          const SurveySet& surveys) {
  const Survey* listenedTo = surveys.latest(kListenedToSurvey);
  return StatisticsSettings{config.disclosurePolicy,
                            config.minimumPopulation,
                            config.population5to17,
                            config.prevalencePercent,
                            config.indicatorTargets,
                            config.schoolsTotal,
                            config.cardUpperAge,
                            std::move(schools),
                            config.disclosureNoiseSigma,
                            config.statsRequestsPerMinute,
                            config.statsRequestsPerDay,
                            config.statsFlagAfter,
                            listenedTo ? std::optional<int>(listenedTo->agreeFrom) : std::nullopt};
}

// Settings checked before the database is opened: the pathway's, and how notices are sent (the sender
// is kept, so a Notify key file is read once). The area's list of schools (schools_file) is checked next.
Result<std::optional<NoticeSender>> checkedSettings(const Config& config) {
  if (auto s = pathways::validate(config.pathway); !s) return s.error();
  return noticeSenderFor(config.notices);
}

}  // namespace

// The questionnaires assessments score and the young carers' voice: the surveys they answer (data
// files, shipped) and their compliments and complaints.
Status App::loadQuestionnairesAndSurveys() {
  auto questionnaires = loadQuestionnaires(config_.questionnairesPath());
  if (!questionnaires) return questionnaires.error();
  questionnaires_ = std::move(questionnaires.value());
  auto surveys = loadedFrom(loadSurveys(config_.surveysPath()), "surveys", config_.surveysPath());
  if (!surveys) return surveys.error();
  surveySet_ = std::move(surveys.value());
  surveys_ = std::make_unique<Surveys>(*store_, clock_, surveySet_, config_.publicBaseUrl,
                                       config_.disclosurePolicy, noticeSender_.has_value());
  feedback_ =
      std::make_unique<ComplimentsAndComplaints>(*store_, clock_, engine_->calendar(), config_.complaints);
  return {};
}

// The use cases that need nothing but the store, the clock and the pathway's calendar.
void App::createRecordKeeping() {
  tasks_ = std::make_unique<Tasks>(*store_, clock_, engine_->calendar());
  activities_ = std::make_unique<Activities>(*store_, clock_);
  schoolChampions_ = std::make_unique<SchoolChampions>(*store_, clock_);
}

Result<std::unique_ptr<App>> App::create(const Config& config, const Clock& clock, IdSource& ids) {
  auto sender = checkedSettings(config);
  if (!sender) return sender.error();
  auto listedSchools = configuredSchools(config);
  if (!listedSchools) return listedSchools.error();
  std::unique_ptr<App> app(new App(config, clock, ids, std::move(sender.value())));
  auto store = storage::SqliteStore::open({config.database, config.dbPoolSize, 5000, config.countsSettleMs});
  if (!store) return store.error();
  app->store_ = std::move(store.value());
  if (config.migrateOnStart) {
    if (auto m = app->store_->migrate(); !m) return m.error();
  } else if (auto r = app->readiness(); r.schemaVersion != r.expectedSchemaVersion) {
    // An installed service migrates in its own step, after a backup (deploy/ycr.service).
    return DomainError::unavailable(
        "The database " + config.database + " is at schema version " + std::to_string(r.schemaVersion) +
        " but this ycr needs " + std::to_string(r.expectedSchemaVersion) +
        ": back it up and run 'ycr migrate' (or 'ycr migrate --backup-dir DIR'), then start again");
  }
  auto calendar = loadedFrom(pathways::WorkingDayCalendar::loadFile(config.bankHolidaysPath()),
                             "bank holidays", config.bankHolidaysPath());
  if (!calendar) return calendar.error();
  app->engine_ = std::make_unique<pathways::Engine>(config.pathway, std::move(calendar.value()));
  app->hasher_ = std::make_unique<PasswordHasher>(config.passwordHashCost);
  app->accountThrottle_ = std::make_unique<SignInThrottle>(
      config.signInFreeAttempts, std::chrono::seconds(config.signInMaxDelaySeconds));
  app->addressThrottle_ = std::make_unique<SignInThrottle>(
      config.signInFreeAttempts * 4, std::chrono::seconds(config.signInMaxDelaySeconds));
  app->auth_ = std::make_unique<Authenticator>(*app->store_, clock, ids, *app->hasher_,
                                               SessionPolicy{std::chrono::minutes(config.sessionIdleMinutes),
                                                             std::chrono::hours(config.sessionAbsoluteHours)},
                                               *app->accountThrottle_, *app->addressThrottle_);
  // The roles that read children's identifiable records sign in with a second factor.
  if (config.requireSecondFactor)
    app->auth_->requireSecondFactorFor({Role::admin, Role::caseworker, Role::team_manager});
  auto variants = loadedFrom(matching::NameVariants::loadFile(config.nameVariantsPath()), "name variants",
                             config.nameVariantsPath());
  if (!variants) return variants.error();
  app->resolver_ = std::make_unique<IdentityResolver>(
      std::move(variants.value()),
      IdentitySettings{config.matchLinkScore, config.matchReviewScore, config.matchMargin});
  if (auto s = app->resolver_->load(*app->store_); !s) return s.error();
  app->identity_ = std::make_unique<Identity>(*app->store_, clock, *app->resolver_);
  // Where cases and adult social care tasks go (area_routing.h): each organisation mapped is checked.
  auto routing = routingFrom(*app->store_, config);
  if (!routing) return routing.error();
  app->register_ = std::make_unique<Register>(*app->store_, clock, ids, *app->engine_, *app->resolver_,
                                              std::move(routing.value()));
  // The card signing key lives outside the database; created on first start.
  auto signer = CardSigner::loadOrCreate(config.keyDir);
  if (!signer) return signer.error();
  app->cardSigner_ = std::make_unique<CardSigner>(std::move(signer.value()));
  // Second-factor secrets are sealed by a key in the key directory (made above), never stored in the clear.
  auto sealer = SecretSealer::loadOrCreate(config.keyDir);
  if (!sealer) return sealer.error();
  app->sealer_ = std::make_unique<SecretSealer>(std::move(sealer.value()));
  app->accounts_ =
      std::make_unique<Accounts>(*app->store_, clock, *app->hasher_, *app->sealer_, config.issuerName);
  app->idCards_ = std::make_unique<IdCards>(*app->store_, clock, *app->cardSigner_, cardSettingsFrom(config));
  app->verifyLimiter_ = std::make_unique<RateLimiter>(clock, config.verifyRatePerMinute);
  auto proxies = TrustedProxies::parse(config.trustedProxies);
  if (!proxies) return proxies.error();
  app->trustedProxies_ = std::move(proxies.value());
  if (auto s = app->loadQuestionnairesAndSurveys(); !s) return s.error();
  app->createRecordKeeping();
  app->assessments_ = std::make_unique<Assessments>(*app->store_, clock, *app->engine_, app->questionnaires_);
  // Assessments completed before MACA bands were recorded (migration 0008): once, then nothing to do.
  if (auto scored = app->assessments_->recordMissingBands(); !scored) return scored.error();
  app->passwords_ = std::make_unique<RandomPasswordGenerator>();
  app->administration_ = std::make_unique<Administration>(*app->store_, clock, *app->hasher_,
                                                          *app->passwords_, routedOrganisations(config));
  app->statistics_ = std::make_unique<Statistics>(
      *app->store_, clock, *app->engine_,
      statisticsSettingsFrom(config, std::move(listedSchools.value()), app->surveySet_));
  if (auto s = app->addRoutesAndPages(); !s) return s.error();
  App* self = app.get();
  app->metrics_ = std::make_unique<Metrics>([self] { return self->gauges(); });
  return app;
}

// The routes and the pages, each area given the use cases made above that it calls, and nothing else.
Status App::addRoutesAndPages() {
  consents_ = std::make_unique<Consents>(*store_, clock_);
  households_ = std::make_unique<Households>(*store_, clock_);
  attendance_ = std::make_unique<SchoolAttendance>(*store_, clock_);
  retention_ = std::make_unique<Retention>(*store_, clock_, config_.retention);
  subjectAccess_ = std::make_unique<SubjectAccess>(*store_, clock_);
  checks_ = ServiceChecks{[this] { return store_->healthCheck(); }, [this] { return readiness(); }};
  addApiRoutes(router_, *register_, *auth_, checks_);
  addIdCardRoutes(router_, *idCards_, *verifyLimiter_);
  addAssessmentRoutes(router_, *assessments_);
  addAdminRoutes(router_, *administration_);
  addStatisticsRoutes(router_, *statistics_);
  addIdentityRoutes(router_, *identity_);
  addAccountRoutes(router_, *accounts_);
  addCaseRoutes(router_, *register_, clock_);
  addTaskRoutes(router_, *tasks_, clock_);
  addNoticeRoutes(router_, *administration_);
  addActivityRoutes(router_, *activities_);
  addSubjectAccessRoutes(router_, *subjectAccess_);
  addHouseholdRoutes(router_, *households_);
  addConsentRoutes(router_, *consents_);
  addSchoolAttendanceRoutes(router_, *attendance_);
  addFeedbackRoutes(router_, *feedback_);
  addChampionRoutes(router_, *schoolChampions_);
  addSurveyRoutes(router_, *surveys_);
  addRetentionRoutes(router_, *retention_);
  if (auto s = web::checkInformationPages(config_); !s) return s.error();
  auto csrf = web::CsrfTokens::loadOrCreate(config_.keyDir);
  if (!csrf) return csrf.error();
  web_ = std::make_unique<web::WebSite>(
      *auth_, *register_, trustedProxies_,
      web::WebSettings{config_.webAssetsRoot(), {config_.webSecureCookie}, config_.demoRegister},
      std::move(csrf.value()));
  addPages(*web_);
  return {};
}

// The web site's pages, by area (web.h), in the order their patterns are tried.
void App::addPages(web::WebSite& site) {
  web::addAccountPages(site, *auth_);
  web::addSecurityPages(site, *accounts_);
  web::addReferralPages(site, *register_, clock_);
  web::addReportPages(site, clock_, *statistics_);
  web::addCasePages(site, *register_, clock_, *tasks_, *households_);
  web::addYoungCarerPages(site, *register_);
  web::addTaskPages(site, clock_, *tasks_);
  web::addAssessmentPages(site, *register_, *assessments_);
  web::addSupportPlanPages(site, *register_, *assessments_);
  web::addIdCardPages(site, *register_, *idCards_);
  web::addMatchPages(site, *identity_);
  web::addPathwayPages(site, *register_, *assessments_, clock_);
  web::addInformationPages(site, config_);
  web::addAdminPages(site, *administration_);
  web::addNoticePages(site, *administration_);
  web::addActivityPages(site, *register_, *activities_, clock_);
  web::addConsentPages(site, *register_, *consents_);
  web::addSchoolAttendancePages(site, *register_, clock_, *attendance_);
  web::addFeedbackPages(site, *register_, clock_, *feedback_);
  web::addSchoolPages(site, *schoolChampions_);
  web::addSurveyAnswerPages(site, *verifyLimiter_, *surveys_);
  web::addSurveyPages(site, *register_, clock_, *surveys_);
  web::addRetentionPages(site, *retention_);
  web::addDataProtectionPages(site, *register_, clock_, *retention_, *subjectAccess_);
}

Status App::checkIntakeService() {
  auto tx = store_->begin(false);
  auto service = AreaRouting::active(*tx, OrganisationKind::carers_centre, "intake_team", "new cases go to ",
                                     config_.intakeTeam);
  if (service) return {};
  // A register being set up (the package starts the service before anyone is added) has no
  // organisations yet: it starts, and takes no referral until the service is added (Register).
  if (!tx->organisations().list().empty()) return service.error();
  spdlog::warn(
      "no organisations on the register yet: referrals are refused until intake_team's service is "
      "added with ycr organisation add --kind carers_centre");
  return {};
}

Status App::start() {
  try {
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(config_.bind, static_cast<Poco::UInt16>(config_.port)), true);
    socket.listen(config_.maxQueued);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config_.maxThreads);
    params->setMaxQueued(config_.maxQueued);
    // A slow or idle client is cut off after the timeout, so it cannot hold a thread.
    params->setTimeout(Poco::Timespan(config_.requestTimeoutSeconds, 0));
    params->setKeepAlive(config_.keepAliveSeconds > 0);
    params->setKeepAliveTimeout(Poco::Timespan(config_.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setServerName("ycr");
    params->setSoftwareVersion("");
    auto* apiFactory = makeHandlerFactory(
        router_,
        ServerLimits{config_.maxBodyBytes, config_.maxHeaderBytes,
                     static_cast<std::size_t>(config_.maxHeaderFields), trustedProxies_},
        [this](const std::string& token) { return auth_->authenticate(token); },
        [this](const RequestContext& ctx, const Route& route, const std::string& reason) {
          register_->auditRefusal(ctx.who(), route.name, "route", ctx.path, reason);
        });
    auto* site = web::makeSiteHandlerFactory(apiFactory, router_, *web_, config_.maxBodyBytes);
    Router webPatterns;
    for (const auto& w : web_->routes()) webPatterns.add({w.method, w.pattern, w.name, w.access, nullptr});
    auto* factory =
        makeMetricsHandlerFactory(site, RouteLabeller(router_, std::move(webPatterns)), *metrics_);
    if (config_.metricsPort >= 0) {
      Poco::Net::ServerSocket metricsSocket;
      try {
        metricsSocket.bind(
            Poco::Net::SocketAddress(config_.metricsBind, static_cast<Poco::UInt16>(config_.metricsPort)),
            true);
        metricsSocket.listen(8);
      } catch (const Poco::Exception& e) {
        return DomainError::unavailable("Cannot listen for metrics on " + config_.metricsBind + ":" +
                                        std::to_string(config_.metricsPort) + ": " + e.displayText());
      }
      auto* metricsParams = new Poco::Net::HTTPServerParams;
      metricsParams->setMaxThreads(2);
      metricsParams->setTimeout(Poco::Timespan(config_.requestTimeoutSeconds, 0));
      metricsParams->setServerName("ycr");
      metricsParams->setSoftwareVersion("");
      metricsServer_ = std::make_unique<Poco::Net::HTTPServer>(makeMetricsEndpointFactory(*metrics_),
                                                               metricsSocket, metricsParams);
    }
    server_ = std::make_unique<Poco::Net::HTTPServer>(factory, socket, params);
    server_->start();
    if (metricsServer_) metricsServer_->start();
    return {};
  } catch (const Poco::Exception& e) {
    return DomainError::unavailable("Cannot listen on " + config_.bind + ":" + std::to_string(config_.port) +
                                    ": " + e.displayText());
  }
}

void App::stop() {
  if (metricsServer_) {
    metricsServer_->stopAll(true);
    metricsServer_.reset();
  }
  if (server_) {
    server_->stopAll(true);
    server_.reset();
  }
}

int App::port() const {
  return server_ ? server_->port() : 0;
}
int App::metricsPort() const {
  return metricsServer_ ? metricsServer_->port() : 0;
}

}  // namespace ycr::services
