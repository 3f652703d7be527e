#include "ycr/services/cli.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "cli_support.h"
#include "ycr/core/validation.h"
#include "ycr/services/administration.h"
#include "ycr/services/app.h"
#include "ycr/services/demo_data.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/import_command.h"
#include "ycr/services/notice_senders.h"
#include "ycr/services/questionnaire_loader.h"
#include "ycr/services/retention.h"
#include "ycr/services/school_champions.h"
#include "ycr/services/version.h"
#include "ycr/storage/migrations.h"

namespace ycr::services {
using namespace cli_support;

namespace cli_support {

Result<Config> resolve(const Settings& s, char** env) {
  Config c;
  std::string file = s.configFile;
  if (file.empty())
    if (const char* f = std::getenv("YCR_CONFIG")) file = f;
  if (!file.empty())
    if (auto st = loadConfigFile(c, file); !st) return st.error();
  std::vector<std::string> notSettings;
  if (auto st = loadEnvironment(c, env, &notSettings); !st) return st.error();
  for (const auto& name : notSettings)
    std::cerr << "ycr: " << name << " is not a setting or a script variable; ignored\n";
  for (const auto& kv : s.overrides) {
    auto eq = kv.find('=');
    if (eq == std::string::npos)
      return DomainError::field("set", "malformed", "--set takes name=value, got " + kv);
    if (auto st = c.set(kv.substr(0, eq), kv.substr(eq + 1)); !st) return st.error();
  }
  if (!s.database.empty()) c.database = s.database;
  if (!s.bind.empty()) c.bind = s.bind;
  if (s.port >= 0) c.port = s.port;
  return c;
}

int fail(const DomainError& e) {
  std::cerr << "ycr: " << e.detail << "\n";
  for (const auto& f : e.fields)
    if (f.message != e.detail) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return e.code == ErrorCode::validation || e.code == ErrorCode::malformed ? 2 : 1;
}

void addCommonOptions(CLI::App* cmd, Settings& s) {
  cmd->add_option("--config", s.configFile, "Configuration file (name = value lines); also YCR_CONFIG");
  cmd->add_option("--database", s.database, "SQLite database file (default var/ycr.db); also YCR_DATABASE");
  cmd->add_option("--set", s.overrides, "Override any setting: --set name=value (repeatable)");
}

Result<std::unique_ptr<storage::SqliteStore>> openMigrated(const Config& c) {
  auto store = storage::SqliteStore::open({c.database, 2, 5000});
  if (!store) return store.error();
  if (auto m = store.value()->migrate(); !m) return m.error();
  return std::move(store.value());
}

}  // namespace cli_support

namespace {

std::atomic<bool> stopRequested{false};

// 2026-12-05T02:30:00Z as 20261205T023000Z: a file name that sorts by time.
std::string compactStamp(Timestamp ts) {
  std::string out;
  for (char c : formatIsoTimestamp(ts))
    if (c != '-' && c != ':') out += c;
  return out;
}

// As the API deactivates an account: inactive, and a school's champion's time in post ended today.
Status deactivateAccount(Transaction& tx, const User& user) {
  if (auto st = tx.users().setActive(user.id, false); !st) return st;
  auto ended = endChampionsOfAccount(tx, user.id, SystemClock().now(), std::nullopt);
  return ended ? Status{} : Status{ended.error()};
}

// What an operator does to one account from the command line, when no administrator can sign in: `change`
// alters the account inside the transaction, then its sessions end and `action` is audited with it.
// Prints nothing; any failure is thrown as the command's error.
User changeAccountByName(const Config& config, const std::string& username, const std::string& action,
                         const std::function<Status(Transaction&, const User&)>& change) {
  auto store = openMigrated(config);
  if (!store) throw CLI::RuntimeError(fail(store.error()));
  auto name = validation::username("username", username);
  if (!name) throw CLI::RuntimeError(fail(name.error()));
  auto tx = store.value()->begin(true);
  auto u = tx->users().findByUsername(*name);
  if (!u)
    throw CLI::RuntimeError(fail(DomainError::notFound("There is no account called '" + username + "'")));
  if (auto st = change(*tx, *u); !st) throw CLI::RuntimeError(fail(st.error()));
  if (auto st = tx->sessions().revokeAllForUser(u->id); !st) throw CLI::RuntimeError(fail(st.error()));
  auto a =
      unattributedEvent(SystemClock().now(), action, "user", std::to_string(u->id), "by the command line");
  if (auto st = tx->audit().append(a); !st) throw CLI::RuntimeError(fail(st.error()));
  if (auto st = tx->commit(); !st) throw CLI::RuntimeError(fail(st.error()));
  return *u;
}

std::string readPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct OrganisationOptions {
  std::string kind, name, identifier, district, noticesEmail;
};

// The administrator's use cases (administration.h) as the command line runs them: the same rules as the
// API and the admin pages (a school's URN, names unique without regard to case or accents, an active
// organisation for an account), as commandLineAdministrator. Any failure is thrown as the command's error.
class CommandLineAdministration {
 public:
  explicit CommandLineAdministration(const Config& config)
      : store_(opened(config)),
        hasher_(config.passwordHashCost),
        admin_(*store_, clock_, hasher_, passwords_) {}

  Organisation addOrganisation(const OrganisationOptions& in) {
    OrganisationInput input{in.kind, in.name, in.identifier, in.district, in.noticesEmail};
    return orThrow(admin_.createOrganisation(commandLineAdministrator(), input));
  }

  // At the organisation of that name; without `input.password`, a one-time password is made and returned.
  AccountWithPassword addUser(UserInput input, const std::string& organisation) {
    auto o = store_->begin(false)->organisations().findByName(organisation);
    if (!o)
      throw CLI::RuntimeError(fail(DomainError::notFound("There is no organisation called '" + organisation +
                                                         "'; add it with 'ycr organisation add'")));
    input.organisationId = o->id;
    return orThrow(admin_.createAccount(commandLineAdministrator(), input));
  }

 private:
  static std::unique_ptr<storage::SqliteStore> opened(const Config& config) {
    auto store = openMigrated(config);
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    return std::move(store.value());
  }
  template <class T>
  static T orThrow(Result<T> r) {
    if (!r) throw CLI::RuntimeError(fail(r.error()));
    return std::move(r.value());
  }

  std::unique_ptr<storage::SqliteStore> store_;
  SystemClock clock_;
  PasswordHasher hasher_;
  RandomPasswordGenerator passwords_;
  Administration admin_;
};

// `ycr notices deliver`: every due notice attempted once, as the worker of `ycr serve` would.
void deliverNoticesOnce(const Config& config) {
  auto sender = noticeSenderFor(config.notices);
  if (sender && !sender.value())
    sender =
        DomainError::field("smtp_host", "required", "Set smtp_host or notify_api_key_file to send notices");
  if (!sender) throw CLI::RuntimeError(fail(sender.error()));
  auto store = openMigrated(config);
  if (!store) throw CLI::RuntimeError(fail(store.error()));
  SystemClock clock;
  int sent = deliverDueNotices(*store.value(), *sender.value(), clock, config.notices);
  std::cout << "Sent " << sent << " notice(s)\n";
}

}  // namespace

int runCli(int argc, char** argv, char** env) {
  CLI::App cli{"ycr: the young carers register (case register and referral pathway engine)"};
  cli.set_version_flag("--version", std::string("ycr ") + version());
  cli.require_subcommand(1);
  Settings s;

  // ---- serve ----
  auto* serve = cli.add_subcommand("serve", "Run the HTTP service (JSON API and web pages)");
  addCommonOptions(serve, s);
  serve->add_option("--port", s.port, "TCP port (default 8080); also YCR_PORT");
  serve->add_option("--bind", s.bind, "Address to listen on (default 127.0.0.1); also YCR_BIND");
  serve->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    spdlog::set_level(spdlog::level::from_str(config->logLevel));
    SystemClock clock;
    RandomIdSource ids;
    auto app = App::create(*config, clock, ids);
    if (!app) throw CLI::RuntimeError(fail(app.error()));
    if (auto st = app.value()->checkIntakeService(); !st) throw CLI::RuntimeError(fail(st.error()));
    if (auto st = app.value()->start(); !st) throw CLI::RuntimeError(fail(st.error()));
    auto delivery = app.value()->startNoticeDelivery();
    auto retention = startRetentionWorker(app.value()->store(), clock, config->retention);
    auto escalation = app.value()->startTaskEscalation();
    spdlog::info("ycr {} listening on http://{}:{} (database {})", version(), config->bind,
                 app.value()->port(), config->database);
    std::signal(SIGINT, [](int) { stopRequested = true; });
    std::signal(SIGTERM, [](int) { stopRequested = true; });
    while (!stopRequested) ::usleep(200 * 1000);
    spdlog::info("stopping: finishing requests in progress");
    app.value()->stop();
  });

  // ---- migrate ----
  auto* migrate = cli.add_subcommand("migrate", "Create or upgrade the database schema");
  addCommonOptions(migrate, s);
  std::string migrateBackupDir;
  migrate->add_option(
      "--backup-dir", migrateBackupDir,
      "Before applying pending migrations to an existing database, copy it into this directory");
  migrate->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto store = storage::SqliteStore::open({config->database, 1, 5000});
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    // A database that already holds a schema is copied before any pending migration touches it.
    const auto& known = storage::embeddedMigrations();
    const int from = store.value()->schemaVersion();
    if (!migrateBackupDir.empty() && from > 0 && !known.empty() && from < known.back().version) {
      std::error_code ec;
      std::filesystem::create_directories(migrateBackupDir, ec);
      auto copy = migrateBackupDir + "/ycr-before-migration-" + std::to_string(from) + "-" +
                  compactStamp(SystemClock().now()) + ".db";
      if (auto st = store.value()->backupTo(copy); !st) throw CLI::RuntimeError(fail(st.error()));
      std::cout << "Backed up " << config->database << " (schema version " << from << ") to " << copy << "\n";
    }
    auto applied = store.value()->migrate();
    if (!applied) throw CLI::RuntimeError(fail(applied.error()));
    if (applied->empty())
      std::cout << "Database " << config->database << " is up to date (schema version "
                << store.value()->schemaVersion() << ").\n";
    for (int v : *applied) std::cout << "Applied migration " << v << "\n";
  });

  // ---- organisation add ----
  auto* org = cli.add_subcommand("organisation", "Manage organisations");
  org->require_subcommand(1);
  auto* orgAdd =
      org->add_subcommand("add", "Add an organisation (a school, GP practice, carers centre, ...)");
  addCommonOptions(orgAdd, s);
  OrganisationOptions orgAdd_;
  orgAdd
      ->add_option("--kind", orgAdd_.kind,
                   "school, gp_practice, health, adult_social_care, childrens_social_care, "
                   "early_help, voluntary, carers_centre, commissioner, self, other")
      ->required();
  orgAdd->add_option("--name", orgAdd_.name, "The organisation's name")->required();
  orgAdd->add_option("--urn,--ods,--identifier", orgAdd_.identifier,
                     "DfE URN (schools) or ODS code (GP practices)");
  orgAdd->add_option("--district", orgAdd_.district, "District or area");
  orgAdd->add_option("--notices-email", orgAdd_.noticesEmail, "Where the organisation's notices are emailed");
  orgAdd->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto o = CommandLineAdministration(*config).addOrganisation(orgAdd_);
    std::cout << "Added organisation " << o.id << " (" << o.name << ")\n";
  });
  // ---- notices deliver ----
  auto* notices = cli.add_subcommand("notices", "The outbox of notices to other organisations");
  notices->require_subcommand(1);
  auto* deliver = notices->add_subcommand("deliver", "Send every due notice once, now, and exit");
  addCommonOptions(deliver, s);
  deliver->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    deliverNoticesOnce(*config);
  });

  // ---- user add ----
  auto* user = cli.add_subcommand("user", "Manage user accounts");
  user->require_subcommand(1);
  auto* userAdd = user->add_subcommand("add", "Add a user account");
  addCommonOptions(userAdd, s);
  std::string username, role, organisation, displayName;
  bool passwordStdin = false;
  userAdd->add_option("--username", username, "Sign-in name")->required();
  userAdd->add_option("--role", role, "admin, caseworker, team_manager, referrer, commissioner or auditor")
      ->required();
  userAdd
      ->add_option("--organisation", organisation,
                   "Name of the user's organisation (created with 'organisation add')")
      ->required();
  userAdd->add_option("--display-name", displayName, "Name shown to colleagues");
  userAdd->add_flag("--password-stdin", passwordStdin, "Read the password from standard input (one line)");
  userAdd->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    UserInput input;
    input.username = username;
    input.displayName = displayName.empty() ? username : displayName;
    input.role = role;
    if (passwordStdin) input.password = readPasswordFromStdin();
    auto made = CommandLineAdministration(*config).addUser(input, organisation);
    std::cout << "Added user " << made.account.username << " (" << role << ", " << organisation << ")\n";
    // Shown on this terminal only: replaced at first sign-in.
    if (!made.oneTimePassword.empty()) std::cout << "One-time password: " << made.oneTimePassword << "\n";
  });

  // ---- user deactivate ----
  // For when no administrator can sign in; the API's POST /api/v1/users/{id}/deactivate otherwise.
  auto* userDeactivate =
      user->add_subcommand("deactivate", "Deactivate an account and end its sessions at once");
  addCommonOptions(userDeactivate, s);
  std::string deactivateName;
  userDeactivate->add_option("--username", deactivateName, "Sign-in name")->required();
  userDeactivate->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    const User u = changeAccountByName(*config, deactivateName, "user.deactivate", deactivateAccount);
    std::cout << "Deactivated " << u.username << "; their sessions have ended.\n";
  });

  // ---- user reset-second-factor ----
  // For someone who lost both their authenticator and their recovery codes: they enrol again at
  // their next sign-in (when their role requires it). Run by whoever runs the server, after
  // checking who is asking; audited.
  auto* userResetFactor = user->add_subcommand(
      "reset-second-factor", "Remove an account's authenticator and recovery codes and end its sessions");
  addCommonOptions(userResetFactor, s);
  std::string resetFactorName;
  userResetFactor->add_option("--username", resetFactorName, "Sign-in name")->required();
  userResetFactor->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    const User u = changeAccountByName(
        *config, resetFactorName, "user.reset_second_factor",
        [](Transaction& tx, const User& user) { return tx.users().setTotpSecret(user.id, ""); });
    std::cout << "Removed " << u.username << "'s second factor; their sessions have ended.\n";
  });

  // ---- audit verify ----
  auto* audit = cli.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  auto* verify =
      audit->add_subcommand("verify", "Check the audit trail's hash chain; non-zero exit on tampering");
  addCommonOptions(verify, s);
  verify->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto store = storage::SqliteStore::open({config->database, 1, 5000});
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    auto checked = store.value()->verifyAudit();
    if (!checked) {
      std::cerr << "ycr: audit trail broken: " << checked.error().detail << "\n";
      throw CLI::RuntimeError(3);
    }
    std::cout << "Audit trail intact: " << *checked << " entries verified.\n";
  });

  // ---- backup ----
  auto* backup =
      cli.add_subcommand("backup", "Write a consistent copy of the database while the service runs");
  addCommonOptions(backup, s);
  std::string backupTo;
  backup->add_option("--to", backupTo, "Path of the backup file (must not exist)")->required();
  backup->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto store = storage::SqliteStore::open({config->database, 1, 5000});
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    if (auto st = store.value()->backupTo(backupTo); !st) throw CLI::RuntimeError(fail(st.error()));
    std::cout << "Backed up " << config->database << " to " << backupTo << "\n";
  });

  // ---- card print ----
  auto* card = cli.add_subcommand("card", "Young carer ID cards");
  card->require_subcommand(1);
  auto* cardPrint =
      card->add_subcommand("print", "Write a card as SVG (front and back, bank-card size) for printing");
  addCommonOptions(cardPrint, s);
  std::string cardNumber, cardOut;
  cardPrint->add_option("NUMBER", cardNumber, "The card number, e.g. YC 0000 0000 13")->required();
  cardPrint->add_option("--out", cardOut, "Write the SVG to this file instead of standard output");
  cardPrint->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    auto signer = CardSigner::loadOrCreate(config->keyDir);
    if (!signer) throw CLI::RuntimeError(fail(signer.error()));
    auto store = openMigrated(*config);
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    auto tx = store.value()->begin(true);
    auto svg = renderStoredCard(*tx, *signer, cardSettingsFrom(*config), cardNumber);
    if (!svg) throw CLI::RuntimeError(fail(svg.error()));
    auto a = unattributedEvent(SystemClock().now(), "id_card.print", "id_card",
                               normaliseCardNumber(cardNumber).value_or(cardNumber), "by the command line");
    if (auto st = tx->audit().append(a); !st) throw CLI::RuntimeError(fail(st.error()));
    if (cardOut.empty()) {
      std::cout << *svg;
    } else {
      std::ofstream out(cardOut, std::ios::binary | std::ios::trunc);
      out << *svg;
      out.close();
      if (!out) throw CLI::RuntimeError(fail(DomainError::unavailable("Cannot write " + cardOut)));
    }
    // Recorded only once the card was written out.
    if (auto st = tx->commit(); !st) throw CLI::RuntimeError(fail(st.error()));
    if (!cardOut.empty()) std::cout << "Wrote card " << a.recordId << " to " << cardOut << "\n";
  });

  addExportCommand(cli, s, env);
  addRetentionCommand(cli, s, env);

  // ---- demo-data ----
  auto* demo = cli.add_subcommand(
      "demo-data", "Fill the database with a realistic synthetic register (never on live data)");
  addCommonOptions(demo, s);
  long long demoYoungCarers = 1000;
  std::uint64_t demoSeed = 1;
  int demoReferrals = 2;
  std::string demoUntil;
  demo->add_option("--young-carers", demoYoungCarers, "How many young carers to create")->required();
  demo->add_option("--seed", demoSeed,
                   "Random seed: the same seed and --until give the same register (default 1)");
  demo->add_option("--referrals-each", demoReferrals, "Referrals per young carer, 1 or 2 (default 2)");
  demo->add_option("--until", demoUntil, "The simulated today, YYYY-MM-DD (default: today)");
  demo->callback([&] {
    auto config = resolve(s, env);
    if (!config) throw CLI::RuntimeError(fail(config.error()));
    DemoDataOptions options;
    options.youngCarers = demoYoungCarers;
    options.seed = demoSeed;
    options.referralsPerYoungCarer = demoReferrals;
    options.intakeTeam = config->intakeTeam;
    options.complaints = config->complaints;
    options.until = SystemClock().today();
    if (!demoUntil.empty()) {
      auto d = parseIsoDate(demoUntil);
      if (!d)
        throw CLI::RuntimeError(
            fail(DomainError::field("until", "invalid_date", "--until must be YYYY-MM-DD")));
      options.until = *d;
    }
    auto store = openMigrated(*config);
    if (!store) throw CLI::RuntimeError(fail(store.error()));
    auto calendar = pathways::WorkingDayCalendar::loadFile(config->bankHolidaysPath());
    if (!calendar) throw CLI::RuntimeError(fail(calendar.error()));
    pathways::Engine engine(config->pathway, std::move(calendar.value()));
    // Assessments are scored, and cards issued, as the service would: same questionnaires, same card policy.
    auto questionnaires = loadQuestionnaires(config->questionnairesPath());
    if (!questionnaires) throw CLI::RuntimeError(fail(questionnaires.error()));
    options.questionnaires = &questionnaires.value();
    options.cardPolicy = cardSettingsFrom(*config).policy;
    const auto started = std::chrono::steady_clock::now();
    options.progress = [started](long long done, long long total) {
      const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      if (done < 0) {
        std::cerr << "\ndemo-data: counting them into the commissioners' figures..." << std::flush;
        return;
      }
      std::cerr << "\rdemo-data: " << done << "/" << total << " young carers ("
                << static_cast<long long>(secs > 0 ? static_cast<double>(done) / secs : 0.0) << "/s)"
                << std::flush;
    };
    auto summary = loadDemoData(*store.value(), engine, options);
    std::cerr << "\n";
    if (!summary) throw CLI::RuntimeError(fail(summary.error()));
    std::cout << "Created " << describe(*summary) << " in " << config->database << "\n";
  });

  // ---- import ----
  auto* import =
      cli.add_subcommand("import", "Import young people from a provider's CSV file, one record per child");
  addCommonOptions(import, s);
  ImportCommand importCommand;
  import->add_option("FILE", importCommand.file, "The CSV file (UTF-8, a header row, any column names)");
  import->add_option("--source", importCommand.source,
                     "Who the file comes from, e.g. school-census-2024 (required)");
  import->add_option("--map", importCommand.maps,
                     "field=column, e.g. --map given_name=\"Child forename\" (repeatable; see README)");
  import->add_flag("--dry-run", importCommand.dryRun, "Resolve and report, write nothing");
  import->add_option("--report", importCommand.reportPath, "Write a CSV report, one row per input row");
  import->callback([&] {
    auto config = resolve(s, env);
  if (!config) throw CLI::RuntimeError(fail(config.error()));
  spdlog::set_level(spdlog::level::warn);
  SystemClock clock;
  if (int code = runImport(*config, importCommand, clock); code != 0) throw CLI::RuntimeError(code);
});

// ---- linkage-eval ----
auto* linkage =
    cli.add_subcommand("linkage-eval", "Resolve CSV rows among themselves and score against known truth");
addCommonOptions(linkage, s);
LinkageEvalCommand linkageCommand;
linkage->add_option("FILE", linkageCommand.files, "CSV file(s), resolved together in the order given");
linkage->add_option("--truth-column", linkageCommand.truthColumn,
                    "The column holding each row's true identity");
linkage->add_option("--map", linkageCommand.maps, "field=column (repeatable), as for import");
linkage->callback([&] {
  auto config = resolve(s, env);
  if (!config) throw CLI::RuntimeError(fail(config.error()));
  if (int code = runLinkageEval(*config, linkageCommand); code != 0) throw CLI::RuntimeError(code);
});

try {
  cli.parse(argc, argv);
} catch (const CLI::RuntimeError& e) {
  return cli.exit(e);  // a command's own status (1 failure, 2 bad input, 3 audit trail broken)
} catch (const CLI::ParseError& e) {
  // --help and --version exit 0; every usage error (an unknown option, a missing one, a bad
  // number) exits 2 as documented, not CLI11's own codes (104-109).
  const int code = cli.exit(e);
  return code == 0 ? 0 : 2;
}
return 0;
}  // namespace ycr::services

}  // namespace ycr::services
