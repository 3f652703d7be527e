#pragma once
// Configuration: defaults, then a file (key = value), then YCR_* environment variables, then
// command-line flags. Every setting has one name, used alike in all three.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/disclosure.h"
#include "ycr/core/feedback.h"
#include "ycr/core/indicators.h"
#include "ycr/core/result.h"
#include "ycr/pathways/config.h"
#include "ycr/services/area_routing.h"

namespace ycr::services {

// Notices by email (notices.h): sent over SMTP to an organisation's notices address. With no host,
// notices wait in the outbox, pending.
struct NoticeSettings {
  std::string smtpHost;
  int smtpPort = 25;
  std::string smtpFrom = "young-carers@localhost";
  // With a user: AUTH LOGIN, after STARTTLS when smtpStartTls (required for a host other than this
  // one: noticeSenderFor refuses to send a password across a network in the clear).
  std::string smtpUser;
  std::string smtpPassword;
  // STARTTLS (RFC 3207) before anything is sent: the server's certificate checked against the system's
  // authorities (Debian's ca-certificates) and smtpCaFile (a PEM file, e.g. a council's own CA), and
  // its name against smtpHost. A server that does not offer it gets nothing.
  bool smtpStartTls = false;
  std::string smtpCaFile;
  int maxAttempts = 8;         // then the notice is marked failed
  int retrySeconds = 60;       // the first retry's delay, doubled at each failure ...
  int retryMaxSeconds = 3600;  // ... up to this
  int pollSeconds = 5;         // how often the worker looks for due notices
  // How often a worker renews its claim on the notice it is sending (notices.h: kNoticeLease). Not a
  // setting: tests shorten it.
  std::chrono::milliseconds claimRenewal{std::chrono::seconds(60)};
  // GOV.UK Notify instead of SMTP (notify_sender.cpp): the file holding the service's API key, the
  // API's address and the email template for every kind of notice, or for one kind
  // (notify_template.<kind>). Each template is given the personalisation `subject` and `body`.
  std::string notifyApiKeyFile;
  std::string notifyBaseUrl = "https://api.notifications.service.gov.uk";
  std::string notifyTemplateId;
  std::map<std::string, std::string> notifyTemplates;  // notice kind -> template id
};

// Retention (services/usecases/include/ycr/services/retention.h): a closed record is kept until the young
// person's `untilAge` birthday and at least `afterClosureYears` after the case closed, then anonymised.
struct RetentionSettings {
  int afterClosureYears = 6;
  int untilAge = 25;
  bool daily = true;      // `ycr serve` runs it once a day ...
  int runHour = 2;        // ... at or after this hour, UK local time
  int batchLimit = 1000;  // records anonymised per run at most; the rest wait for the next run
};

struct Config {
  // service
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string database = "var/ycr.db";
  int maxThreads = 16;
  int maxQueued = 64;
  int dbPoolSize = 8;
  // The commissioners' counts follow writes this many milliseconds later, for all the writes of that
  // time at once; 0: in each write's own commit (storage's SqliteOptions::settleCountsAfterMs).
  int countsSettleMs = 100;
  std::size_t maxBodyBytes = 1024 * 1024;
  std::size_t maxHeaderBytes = 16 * 1024;  // request line and header fields; larger gets 431
  int maxHeaderFields = 64;                // at most 100 (Poco's own limit)
  int requestTimeoutSeconds = 30;          // a client that sends nothing for this long is cut off
  int keepAliveSeconds = 10;
  std::string dataDir;  // shipped data (bank holidays, questionnaires); default: installedDataDir() or the
                        // source tree
  std::string keyDir = "var/keys";  // card signing keys, kept outside the database
  std::string logLevel = "info";
  // Whether `ycr serve` applies pending migrations itself (development, tests, the demo). An
  // installed service sets it false and runs `ycr migrate --backup-dir` first (deploy/ycr.service):
  // serve then refuses to start on a schema older than the binary's.
  bool migrateOnStart = true;
  // Prometheus metrics (/metrics) on their own listener, loopback by default; -1 = off, 0 = any
  // free port (tests).
  std::string metricsBind = "127.0.0.1";
  int metricsPort = -1;
  // sessions and sign-in
  int sessionIdleMinutes = 30;
  int sessionAbsoluteHours = 12;
  int signInFreeAttempts = 5;  // failures before the delay starts
  int signInMaxDelaySeconds = 900;
  std::string passwordHashCost = "interactive";  // interactive | moderate | min (tests only)
  // Staff who read children's records (admin, caseworker, team_manager) sign in with a TOTP code
  // too. On unless turned off: deploy/start.sh turns it off for the demonstration register only
  // (made-up children), and tests that are not about it turn it off.
  bool requireSecondFactor = true;
  // The young carers service (an active carers_centre organisation, by exact name) that owns new cases
  // when young_carers_service_by_district maps none to the child's area (area_routing.h).
  std::string intakeTeam = "Young carers service";
  std::vector<DistrictRoute> youngCarersServiceByDistrict;
  // Where tasks for adult social care go, by the household's postcode (area_routing.h): organisations
  // by exact name, checked against the register at start.
  std::vector<DistrictRoute> adultSocialCareByDistrict;
  std::string adultSocialCareDefault;
  // pathway policy
  pathways::PathwayConfig pathway;
  // working days to answer a complaint at each stage, and the extensions a team manager may give
  // (feedback.h)
  ComplaintProcedure complaints;
  // young carer ID cards
  int cardValidityMonths = 12;
  int cardUpperAge = 18;  // 18, or up to 25 for schemes that keep young adult carers
  std::string issuerName = "Young carers service";
  std::string issuerPhone;
  std::string publicBaseUrl = "http://127.0.0.1:8080";  // the QR code opens <public_base_url>/verify/<token>
  int verifyRatePerMinute = 30;                         // per client address
  // Proxies whose X-Forwarded-For is believed (client_address.h); "none" trusts none.
  std::string trustedProxies = "127.0.0.1, ::1";
  // The accessibility statement and privacy notice pages: a file of the page's own text (empty: the
  // shipped text, filled with issuer_name, issuer_phone and the contact below).
  std::string accessibilityStatementFile;
  std::string privacyNoticeFile;
  std::string contactEmail;  // shown on both pages; empty: "ask the service by phone"
  // commissioners' statistics
  DisclosurePolicy disclosurePolicy = DisclosurePolicy::nhs_digital;
  long long minimumPopulation = 10;  // a count whose protected total is below this is withheld whole
  // The noise on every base cell of commissioners' figures (disclosure.h). From configuration at least 1;
  // tests of the counting rules set 0 here directly.
  double disclosureNoiseSigma = 2.0;
  // A demonstration register (deploy/start.sh sets it with its own database): every page says so.
  bool demoRegister = false;
  long long statsRequestsPerMinute = 60;  // per account; 0: no limit
  long long statsRequestsPerDay = 2000;   // per account; 0: no limit
  long long statsFlagAfter = 300;         // requests in 24 hours that flag an account to auditors; 0: never
  long long population5to17 = 0;          // the area's population aged 5-17; 0 = not configured
  double prevalencePercent = 2.1;         // share of 5-17 year olds estimated to be young carers
  IndicatorTargets indicatorTargets;      // target.<indicator id> overrides
  long long schoolsTotal = 0;             // schools on the list for the champion indicator
  std::string schoolsFile;                // the area's schools (CSV: urn, name); excludes schools_total
  bool championSchoolsSecondary = false;  // champion_schools = secondary: the list's secondary schools only
  // identity resolution (scores are log2 likelihood ratios; unset = scaled to the register's size)
  std::optional<double> matchLinkScore;
  std::optional<double> matchReviewScore;
  double matchMargin = 6.0;
  std::string nameVariantsFile;  // diminutives and variants of given names; default: shipped list
  NoticeSettings notices;
  RetentionSettings retention;
  // web front end
  bool webSecureCookie = true;  // the session cookie is Secure (sent over HTTPS only) unless set false
  std::string
      webAssetsDir;  // holds services/web/assets and node_modules/govuk-frontend; default: the source root

  // Sets one setting by its name; unknown names and bad values are errors.
  Status set(const std::string& key, const std::string& value);
  // Every setting name, for --help and the README.
  static std::vector<std::string> keys();
  std::string bankHolidaysPath() const;
  std::string questionnairesPath() const;
  std::string surveysPath() const;  // core/data/surveys
  std::string nameVariantsPath() const;
  // A file shipped with ycr under data_dir (default: the built-in path).
  std::string shippedDataPath(const std::string& relative) const;
  std::string webAssetsRoot() const;
};

// <prefix>/share/ycr when the running binary is <prefix>/bin/ycr and that tree holds the shipped
// data (an installed ycr); empty otherwise (a build tree, which uses the source tree).
std::string installedDataDir();

// Loads a key = value file (# comments). Missing file is an error only when required.
Status loadConfigFile(Config& config, const std::string& path);
// Applies YCR_<KEY> variables that name a setting (upper case, e.g. YCR_DATABASE, YCR_PORT). Other
// YCR_ variables belong to the scripts (scriptVariables()) and are not settings; any that is
// neither a setting nor a script variable (a typo, most likely) is added to notSettings, so the
// command can say it is ignored.
Status loadEnvironment(Config& config, char** environ, std::vector<std::string>* notSettings = nullptr);
// The variables deploy/*.sh and the tests read, documented in the README; never settings.
const std::vector<std::string>& scriptVariables();

}  // namespace ycr::services
