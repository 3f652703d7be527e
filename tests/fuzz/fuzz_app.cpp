#include "fuzz_app.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <random>

#include "fuzz_support.h"
#include "ycr/services/web.h"

namespace ycr::fuzz {
namespace {

constexpr const char* kPassword = "correct horse battery staple";

void require(bool ok, const std::string& what) {
  if (!ok) fail(__FILE__, __LINE__, "fuzz App set-up", what);
}

Id organisation(services::App& app, const FixedClock& clock, const std::string& name, OrganisationKind kind) {
  auto tx = app.store().begin(true);
  Organisation o;
  o.name = name;
  o.kind = kind;
  o.createdAt = clock.now();
  auto id = tx->organisations().create(o);
  require(id.ok() && tx->commit().ok(), "organisation " + name);
  return *id;
}

Person person(FuzzApp& f, const std::string& username, Role role, Id org) {
  {
    auto tx = f.app->store().begin(true);
    User u;
    u.username = username;
    u.displayName = username;
    u.role = role;
    u.organisationId = org;
    u.passwordHash = f.app->hasher().hash(kPassword);
    u.createdAt = f.clock.now();
    auto id = tx->users().create(u);
    require(id.ok() && tx->commit().ok(), "user " + username);
  }
  auto signedIn = f.app->auth().signIn(username, kPassword, "127.0.0.1");
  require(signedIn.ok(), "sign-in " + username);
  return {signedIn->token, signedIn->principal};
}

}  // namespace

FuzzApp& FuzzApp::get(bool listening) {
  static FuzzApp* instance = [listening] {
    spdlog::set_level(spdlog::level::off);
    auto* f = new FuzzApp;
    std::error_code ec;
    const auto base = std::filesystem::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                          ? std::filesystem::path("/dev/shm")
                          : std::filesystem::temp_directory_path();
    f->dir = base / ("ycr-fuzz-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(f->dir);
    static std::filesystem::path scratch = f->dir;  // removed at exit; the App itself is left to the OS
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(scratch, ignored);
    });
    f->config.database = (f->dir / "ycr.db").string();
    f->config.keyDir = (f->dir / "keys").string();
    f->config.port = 0;
    f->config.dataDir = YCR_SOURCE_DIR;
    f->config.passwordHashCost = "min";
    f->config.requireSecondFactor = false;
    f->config.keepAliveSeconds = 0;  // one request per connection: the target reads until the server closes
    f->config.requestTimeoutSeconds = 2;
    f->config.maxBodyBytes = 64 * 1024;
    f->config.dbPoolSize = 2;
    f->config.maxThreads = 2;
    auto created = services::App::create(f->config, f->clock, f->ids);
    require(created.ok(), created ? "" : created.error().detail);
    f->app = std::move(created.value());
    if (listening) require(f->app->start().ok(), "start");
    f->service = organisation(*f->app, f->clock, "Young carers service", OrganisationKind::carers_centre);
    f->school = organisation(*f->app, f->clock, "Hamilton Academy", OrganisationKind::school);
    f->admin = person(*f, "admin1", Role::admin, f->service);
    f->caseworker = person(*f, "caseworker1", Role::caseworker, f->service);
    f->manager = person(*f, "manager1", Role::team_manager, f->service);
    f->referrer = person(*f, "champion1", Role::referrer, f->school);
    // Young carer 1 and case 1, through the API's own route.
    auto match = f->app->router().match("POST", "/api/v1/referrals");
    require(match.route != nullptr, "the referral route");
    services::RequestContext ctx;
    ctx.method = "POST";
    ctx.path = "/api/v1/referrals";
    ctx.contentType = "application/json";
    ctx.clientAddress = "127.0.0.1";
    ctx.principal = f->caseworker.principal;
    ctx.body = R"({"young_person":{"given_name":"Amira","family_name":"Khan","date_of_birth":"2010-05-06",)"
               R"("postcode":"LE2 7GH"},"caring_summary":"Helps mum with her medication",)"
               R"("cared_for":[{"relationship":"parent","conditions":["mental_ill_health"],)"
               R"("known_to_adult_social_care":false}]})";
    auto r = match.route->handler(ctx);
    require(r.status == 201, "the first referral: " + r.body);
    return f;
  }();
  return *instance;
}

FuzzApp::~FuzzApp() {
  app.reset();
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
}

}  // namespace ycr::fuzz
