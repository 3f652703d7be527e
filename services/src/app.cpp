#include "ycr/services/app.h"
#include "ycr/services/api_admin.h"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Timespan.h>

#include "ycr/services/api_id_cards.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/school_list.h"
#include "ycr/services/api_statistics.h"
#include "ycr/services/web.h"

namespace ycr::services {

App::App(const Config& config, const Clock& clock, IdSource& ids) : config_(config), clock_(clock), ids_(ids) {}
App::~App() { stop(); }

Result<std::unique_ptr<App>> App::create(const Config& config, const Clock& clock, IdSource& ids) {
  if (auto s = pathways::validate(config.pathway); !s) return s.error();
  // The area's list of schools (schools_file), checked before the database is opened.
  auto listedSchools = configuredSchools(config);
  if (!listedSchools) return listedSchools.error();
  std::unique_ptr<App> app(new App(config, clock, ids));
  auto store = storage::SqliteStore::open({config.database, config.dbPoolSize, 5000});
  if (!store) return store.error();
  app->store_ = std::move(store.value());
  if (auto m = app->store_->migrate(); !m) return m.error();
  auto calendar = pathways::WorkingDayCalendar::loadFile(config.bankHolidaysPath());
  if (!calendar) {
    auto e = calendar.error();
    e.detail = "Cannot load the bank holidays from " + config.bankHolidaysPath() + ": " + e.detail;
    return e;
  }
  app->engine_ = std::make_unique<pathways::Engine>(config.pathway, std::move(calendar.value()));
  app->hasher_ = std::make_unique<PasswordHasher>(config.passwordHashCost);
  app->accountThrottle_ =
      std::make_unique<SignInThrottle>(config.signInFreeAttempts, std::chrono::seconds(config.signInMaxDelaySeconds));
  app->addressThrottle_ = std::make_unique<SignInThrottle>(config.signInFreeAttempts * 4,
                                                           std::chrono::seconds(config.signInMaxDelaySeconds));
  app->auth_ = std::make_unique<Authenticator>(
      *app->store_, clock, ids, *app->hasher_,
      SessionPolicy{std::chrono::minutes(config.sessionIdleMinutes), std::chrono::hours(config.sessionAbsoluteHours)},
      *app->accountThrottle_, *app->addressThrottle_);
  auto variants = matching::NameVariants::loadFile(config.nameVariantsPath());
  if (!variants) {
    auto e = variants.error();
    e.detail = "Cannot load the name variants from " + config.nameVariantsPath() + ": " + e.detail;
    return e;
  }
  app->resolver_ = std::make_unique<IdentityResolver>(
      std::move(variants.value()), IdentitySettings{config.matchLinkScore, config.matchReviewScore, config.matchMargin});
  if (auto s = app->resolver_->load(*app->store_); !s) return s.error();
  app->identity_ = std::make_unique<Identity>(*app->store_, clock, *app->resolver_);
  app->register_ =
      std::make_unique<Register>(*app->store_, clock, ids, *app->engine_, *app->resolver_, config.intakeTeam);
  // The card signing key lives outside the database; created on first start.
  auto signer = CardSigner::loadOrCreate(config.keyDir);
  if (!signer) return signer.error();
  app->cardSigner_ = std::make_unique<CardSigner>(std::move(signer.value()));
  app->idCards_ = std::make_unique<IdCards>(*app->store_, clock, *app->cardSigner_, cardSettingsFrom(config));
  app->verifyLimiter_ = std::make_unique<RateLimiter>(clock, config.verifyRatePerMinute);
  auto proxies = TrustedProxies::parse(config.trustedProxies);
  if (!proxies) return proxies.error();
  app->trustedProxies_ = std::move(proxies.value());
  auto questionnaires = loadQuestionnaires(config.questionnairesPath());
  if (!questionnaires) return questionnaires.error();
  app->questionnaires_ = std::move(questionnaires.value());
  app->assessments_ = std::make_unique<Assessments>(*app->store_, clock, *app->engine_, app->questionnaires_);
  // Assessments completed before MACA bands were recorded (migration 0008): once, then nothing to do.
  if (auto scored = app->assessments_->recordMissingBands(); !scored) return scored.error();
  app->passwords_ = std::make_unique<RandomPasswordGenerator>();
  app->administration_ = std::make_unique<Administration>(*app->store_, clock, *app->hasher_, *app->passwords_);
  app->statistics_ = std::make_unique<Statistics>(
      *app->store_, clock, *app->engine_,
      StatisticsSettings{config.disclosurePolicy, config.minimumPopulation, config.population5to17,
                         config.prevalencePercent, config.indicatorTargets, config.schoolsTotal,
                         config.cardUpperAge, std::move(listedSchools.value()), config.disclosureNoiseSigma,
                         config.statsRequestsPerMinute, config.statsRequestsPerDay, config.statsFlagAfter});
  app->buildRoutes();
  if (auto s = web::checkInformationPages(config); !s) return s.error();
  auto csrf = web::CsrfTokens::loadOrCreate(config.keyDir);
  if (!csrf) return csrf.error();
  app->web_ = std::make_unique<web::WebSite>(
      *app, web::WebSettings{config.webAssetsRoot(), {config.webSecureCookie}}, std::move(csrf.value()));
  return app;
}

void App::buildRoutes() {
  addApiRoutes(router_, *this);
  addIdCardRoutes(router_, *this);
  addAssessmentRoutes(router_, *this);
  addAdminRoutes(router_, *this);
  addStatisticsRoutes(router_, *this);
  addIdentityRoutes(router_, *this);
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
        ServerLimits{config_.maxBodyBytes, config_.maxHeaderBytes, static_cast<std::size_t>(config_.maxHeaderFields),
                     trustedProxies_},
        [this](const std::string& token) { return auth_->authenticate(token); },
        [this](const RequestContext& ctx, const Route& route, const std::string& reason) {
          register_->auditRefusal(ctx.who(), route.name, "route", ctx.path, reason);
        });
    auto* factory = web::makeSiteHandlerFactory(apiFactory, router_, *web_, config_.maxBodyBytes);
    server_ = std::make_unique<Poco::Net::HTTPServer>(factory, socket, params);
    server_->start();
    return {};
  } catch (const Poco::Exception& e) {
    return DomainError::unavailable("Cannot listen on " + config_.bind + ":" + std::to_string(config_.port) + ": " +
                                    e.displayText());
  }
}

void App::stop() {
  if (server_) {
    server_->stopAll(true);
    server_.reset();
  }
}

int App::port() const { return server_ ? server_->port() : 0; }

}  // namespace ycr::services
