#include "ycr/services/config.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <Poco/UUID.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "ycr/core/notice_repository.h"
#include "ycr/core/validation.h"
#include "ycr/services/client_address.h"

#ifndef YCR_DEFAULT_DATA_DIR
#define YCR_DEFAULT_DATA_DIR "."
#endif

namespace ycr::services {
namespace {

Status toInt(const std::string& key, const std::string& value, int& out, int min, int max) {
  int v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size() || v < min || v > max)
    return DomainError::field(
        key, "invalid_number",
        key + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  out = v;
  return {};
}

Status toBool(const std::string& key, const std::string& value, bool& out) {
  if (value == "true" || value == "1" || value == "yes") {
    out = true;
  } else if (value == "false" || value == "0" || value == "no") {
    out = false;
  } else {
    return DomainError::field(key, "invalid_boolean", key + " must be true or false");
  }
  return {};
}

Status toDouble(const std::string& key, const std::string& value, double& out, double min, double max) {
  char* end = nullptr;
  double v = value.empty() ? 0 : std::strtod(value.c_str(), &end);
  if (value.empty() || end != value.c_str() + value.size() || !std::isfinite(v) || v < min || v > max)
    return DomainError::field(
        key, "invalid_number",
        key + " must be a number from " + std::to_string(min) + " to " + std::to_string(max));
  out = v;
  return {};
}

Status toLong(const std::string& key, const std::string& value, long long& out, long long min,
              long long max) {
  long long v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size() || v < min || v > max)
    return DomainError::field(
        key, "invalid_number",
        key + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  out = v;
  return {};
}

// A matching score threshold, or "auto" to scale it with the register's size.
Status routesInto(const std::string& key, const std::string& value, std::vector<DistrictRoute>& out) {
  auto routes = parseDistrictRoutes(key, value);
  if (!routes) return routes.error();
  out = std::move(routes.value());
  return {};
}

Status toScore(const std::string& key, const std::string& value, std::optional<double>& out) {
  if (value == "auto") {
    out.reset();
    return {};
  }
  double v = 0;
  if (auto s = toDouble(key, value, v, -64, 128); !s)
    return DomainError::field(key, "invalid_number", key + " must be auto or a score from -64 to 128");
  out = v;
  return {};
}

// target.<indicator id>: a target overriding the indicator's default, one figure or in stages
// (parseStagedTarget), checked as validateTargets does.
Status toTarget(Config& c, const std::string& id, const std::string& value) {
  auto stages = parseStagedTarget(value);
  Status checked = stages ? validateTargets({{id, *stages}}) : Status(stages.error());
  if (!checked) {
    auto e = checked.error();
    for (auto& f : e.fields) f.field = "target." + id;
    e.detail = "target." + id + ": " + (e.fields.empty() ? e.detail : e.fields.front().message);
    return e;
  }
  c.indicatorTargets[id] = *stages;
  return {};
}

// champion_schools: whether the champion indicator counts every listed school or the secondary ones.
Status toChampionSchools(Config& c, const std::string& value) {
  if (value != "all" && value != "secondary")
    return DomainError::field("champion_schools", "invalid_choice",
                              "champion_schools must be all or secondary");
  c.championSchoolsSecondary = value == "secondary";
  return {};
}

using Setter = std::function<Status(Config&, const std::string&)>;

// target.<id> for every indicator (indicators.h), so defining an indicator makes its target configurable.
std::map<std::string, Setter> withIndicatorTargets(std::map<std::string, Setter> table) {
  for (const auto& indicator : indicatorDefinitions()) {
    const std::string id = indicator.id;
    table.emplace("target." + id, [id](Config& c, const std::string& v) { return toTarget(c, id, v); });
  }
  return table;
}

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = withIndicatorTargets({
      {"bind", [](Config& c, const std::string& v) -> Status { c.bind = v; return {}; }},
      {"port", [](Config& c, const std::string& v) { return toInt("port", v, c.port, 0, 65535); }},
      {"database", [](Config& c, const std::string& v) -> Status { c.database = v; return {}; }},
      {"max_threads", [](Config& c, const std::string& v) { return toInt("max_threads", v, c.maxThreads, 1, 1024); }},
      {"max_queued", [](Config& c, const std::string& v) { return toInt("max_queued", v, c.maxQueued, 1, 100000); }},
      {"db_pool_size", [](Config& c, const std::string& v) { return toInt("db_pool_size", v, c.dbPoolSize, 1, 256); }},
      {"counts_settle_ms",
       [](Config& c, const std::string& v) { return toInt("counts_settle_ms", v, c.countsSettleMs, 0, 60000); }},
      {"max_body_bytes",
       [](Config& c, const std::string& v) -> Status {
         int n = 0;
         if (auto s = toInt("max_body_bytes", v, n, 1024, 1 << 30); !s) return s;
         c.maxBodyBytes = static_cast<std::size_t>(n);
         return {};
       }},
      {"max_header_bytes",
       [](Config& c, const std::string& v) -> Status {
         int n = 0;
         if (auto s = toInt("max_header_bytes", v, n, 1024, 1 << 20); !s) return s;
         c.maxHeaderBytes = static_cast<std::size_t>(n);
         return {};
       }},
      {"max_header_fields",
       [](Config& c, const std::string& v) { return toInt("max_header_fields", v, c.maxHeaderFields, 8, 100); }},
      {"request_timeout_seconds",
       [](Config& c, const std::string& v) { return toInt("request_timeout_seconds", v, c.requestTimeoutSeconds, 1, 3600); }},
      {"keep_alive_seconds",
       [](Config& c, const std::string& v) { return toInt("keep_alive_seconds", v, c.keepAliveSeconds, 0, 3600); }},
      {"require_second_factor",
       [](Config& c, const std::string& v) { return toBool("require_second_factor", v, c.requireSecondFactor); }},
      {"migrate_on_start", [](Config& c, const std::string& v) { return toBool("migrate_on_start", v, c.migrateOnStart); }},
      {"metrics_bind", [](Config& c, const std::string& v) -> Status { c.metricsBind = v; return {}; }},
      {"metrics_port", [](Config& c, const std::string& v) { return toInt("metrics_port", v, c.metricsPort, -1, 65535); }},
      {"data_dir", [](Config& c, const std::string& v) -> Status { c.dataDir = v; return {}; }},
      {"key_dir", [](Config& c, const std::string& v) -> Status { c.keyDir = v; return {}; }},
      {"demo_register", [](Config& c, const std::string& v) { return toBool("demo_register", v, c.demoRegister); }},
      {"web_secure_cookie", [](Config& c, const std::string& v) { return toBool("web_secure_cookie", v, c.webSecureCookie); }},
      {"web_assets_dir", [](Config& c, const std::string& v) -> Status { c.webAssetsDir = v; return {}; }},
      {"log_level",
       [](Config& c, const std::string& v) -> Status {
         static const std::vector<std::string> ok = {"trace", "debug", "info", "warn", "error", "critical", "off"};
         if (std::find(ok.begin(), ok.end(), v) == ok.end())
           return DomainError::field("log_level", "invalid_choice", "log_level must be one of trace, debug, info, warn, error, critical, off");
         c.logLevel = v;
         return {};
       }},
      {"session_idle_minutes",
       [](Config& c, const std::string& v) { return toInt("session_idle_minutes", v, c.sessionIdleMinutes, 1, 1440); }},
      {"session_absolute_hours",
       [](Config& c, const std::string& v) { return toInt("session_absolute_hours", v, c.sessionAbsoluteHours, 1, 168); }},
      {"sign_in_free_attempts",
       [](Config& c, const std::string& v) { return toInt("sign_in_free_attempts", v, c.signInFreeAttempts, 1, 100); }},
      {"sign_in_max_delay_seconds",
       [](Config& c, const std::string& v) { return toInt("sign_in_max_delay_seconds", v, c.signInMaxDelaySeconds, 1, 86400); }},
      {"password_hash_cost",
       [](Config& c, const std::string& v) -> Status {
         if (v != "interactive" && v != "moderate" && v != "min")
           return DomainError::field("password_hash_cost", "invalid_choice", "password_hash_cost must be interactive, moderate or min");
         c.passwordHashCost = v;
         return {};
       }},
      {"intake_team",
       [](Config& c, const std::string& v) -> Status {
         if (validation::trim(v).empty()) return DomainError::field("intake_team", "required", "intake_team must not be empty");
         c.intakeTeam = v;
         return {};
       }},
      {"young_carers_service_by_district",
       [](Config& c, const std::string& v) { return routesInto("young_carers_service_by_district", v, c.youngCarersServiceByDistrict); }},
      {"adult_social_care_by_district",
       [](Config& c, const std::string& v) { return routesInto("adult_social_care_by_district", v, c.adultSocialCareByDistrict); }},
      {"adult_social_care_default", [](Config& c, const std::string& v) -> Status { c.adultSocialCareDefault = validation::trim(v); return {}; }},
      {"decision_working_days",
       [](Config& c, const std::string& v) { return toInt("decision_working_days", v, c.pathway.decisionWorkingDays, 0, 30); }},
      {"assessment_working_days",
       [](Config& c, const std::string& v) { return toInt("assessment_working_days", v, c.pathway.assessmentWorkingDays, 1, 365); }},
      {"review_interval_months",
       [](Config& c, const std::string& v) { return toInt("review_interval_months", v, c.pathway.reviewIntervalMonths, 1, 24); }},
      {"transition_age",
       [](Config& c, const std::string& v) { return toInt("transition_age", v, c.pathway.transitionAge, 13, 17); }},
      {"adult_grace_days",
       [](Config& c, const std::string& v) { return toInt("adult_grace_days", v, c.pathway.adultGraceDays, 0, 366); }},
      {"young_adult_carer_upper_age",
       [](Config& c, const std::string& v) { return toInt("young_adult_carer_upper_age", v, c.pathway.youngAdultCarerUpperAge, 18, 25); }},
      {"receipt_day_is_day_zero",
       [](Config& c, const std::string& v) { return toBool("receipt_day_is_day_zero", v, c.pathway.receiptDayIsDayZero); }},
      {"card_validity_months",
       [](Config& c, const std::string& v) { return toInt("card_validity_months", v, c.cardValidityMonths, 1, 60); }},
      {"card_upper_age", [](Config& c, const std::string& v) { return toInt("card_upper_age", v, c.cardUpperAge, 18, 25); }},
      {"issuer_name",
       [](Config& c, const std::string& v) -> Status {
         if (validation::trim(v).empty()) return DomainError::field("issuer_name", "required", "issuer_name must not be empty");
         c.issuerName = v;
         return {};
       }},
      {"issuer_phone", [](Config& c, const std::string& v) -> Status { c.issuerPhone = v; return {}; }},
      {"public_base_url",
       [](Config& c, const std::string& v) -> Status {
         if ((v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) || v.find_first_of(" \t\r\n?#") != std::string::npos)
           return DomainError::field("public_base_url", "invalid_url",
                                     "public_base_url must be an http:// or https:// address without a query");
         c.publicBaseUrl = v;
         return {};
       }},
      {"verify_rate_per_minute",
       [](Config& c, const std::string& v) { return toInt("verify_rate_per_minute", v, c.verifyRatePerMinute, 1, 100000); }},
      {"trusted_proxies",
       [](Config& c, const std::string& v) -> Status {
         if (auto p = TrustedProxies::parse(v); !p) return p.error();
         c.trustedProxies = v;
         return {};
       }},
      {"accessibility_statement_file",
       [](Config& c, const std::string& v) -> Status { c.accessibilityStatementFile = v; return {}; }},
      {"privacy_notice_file", [](Config& c, const std::string& v) -> Status { c.privacyNoticeFile = v; return {}; }},
      {"contact_email",
       [](Config& c, const std::string& v) -> Status {
         if (!v.empty() && (v.find('@') == std::string::npos || v.find_first_of(" \t\r\n<>\"") != std::string::npos))
           return DomainError::field("contact_email", "invalid_email", "contact_email must be an email address");
         c.contactEmail = v;
         return {};
       }},
      {"bank_holidays_file",
       [](Config& c, const std::string& v) -> Status { c.pathway.bankHolidaysFile = v; return {}; }},
      {"disclosure_policy",
       [](Config& c, const std::string& v) -> Status {
         auto p = parseEnum<DisclosurePolicy>(v);
         if (!p) return DomainError::field("disclosure_policy", "invalid_choice", "disclosure_policy must be nhs_digital, dfe or ons_10_5");
         c.disclosurePolicy = *p;
         return {};
       }},
      {"minimum_population",
       [](Config& c, const std::string& v) { return toLong("minimum_population", v, c.minimumPopulation, 1, 1000000); }},
      {"population_5_to_17",
       [](Config& c, const std::string& v) { return toLong("population_5_to_17", v, c.population5to17, 0, 100000000); }},
      {"disclosure_noise_sigma",
       [](Config& c, const std::string& v) {
         return toDouble("disclosure_noise_sigma", v, c.disclosureNoiseSigma, 1, 50);
       }},
      {"stats_requests_per_minute",
       [](Config& c, const std::string& v) {
         return toLong("stats_requests_per_minute", v, c.statsRequestsPerMinute, 0, 1000000);
       }},
      {"stats_requests_per_day",
       [](Config& c, const std::string& v) { return toLong("stats_requests_per_day", v, c.statsRequestsPerDay, 0, 100000000); }},
      {"stats_flag_after",
       [](Config& c, const std::string& v) { return toLong("stats_flag_after", v, c.statsFlagAfter, 0, 100000000); }},
      {"prevalence_percent",
       [](Config& c, const std::string& v) { return toDouble("prevalence_percent", v, c.prevalencePercent, 0, 100); }},
      {"match_link_score", [](Config& c, const std::string& v) { return toScore("match_link_score", v, c.matchLinkScore); }},
      {"match_review_score",
       [](Config& c, const std::string& v) { return toScore("match_review_score", v, c.matchReviewScore); }},
      {"match_margin", [](Config& c, const std::string& v) { return toDouble("match_margin", v, c.matchMargin, 0, 64); }},
      {"name_variants_file",
       [](Config& c, const std::string& v) -> Status { c.nameVariantsFile = v; return {}; }},
      {"schools_total", [](Config& c, const std::string& v) { return toLong("schools_total", v, c.schoolsTotal, 0, 100000); }},
      {"schools_file", [](Config& c, const std::string& v) -> Status { c.schoolsFile = v; return {}; }},
      {"champion_schools", toChampionSchools},
  });
  return table;
}

// A GOV.UK Notify template id: a UUID, as Notify shows it on the template's page.
Status toTemplateId(const std::string& key, const std::string& v, std::string& out) {
  Poco::UUID id;
  if (v.size() != 36 || !id.tryParse(v))
    return DomainError::field(key, "invalid_template_id",
                              key + " must be a template id (a UUID) from GOV.UK Notify");
  out = v;
  return {};
}

// Notify's API over HTTPS; plain HTTP only to this machine (a local stand-in, or a proxy on it), so
// the API key's tokens never cross a network in the clear.
Status toNotifyBaseUrl(Config& c, const std::string& v) {
  Poco::URI uri;
  try {
    uri = Poco::URI(v);
  } catch (const Poco::Exception&) {
  }
  const bool loopback =
      uri.getHost() == "127.0.0.1" || uri.getHost() == "localhost" || uri.getHost() == "::1";
  if (uri.getHost().empty() || !(uri.getScheme() == "https" || (uri.getScheme() == "http" && loopback)) ||
      !uri.getQuery().empty())
    return DomainError::field("notify_base_url", "invalid_url",
                              "notify_base_url must be an https:// address (http:// only to this machine)");
  c.notices.notifyBaseUrl = v;
  return {};
}

// notify_template.<kind> for every kind of notice, so each can have a template of its own.
std::map<std::string, Setter> withNotifyTemplates(std::map<std::string, Setter> table) {
  for (auto kind : kNoticeKinds) {
    const std::string key = "notify_template." + std::string(kind);
    table.emplace(key, [key, kind](Config& c, const std::string& v) {
      return toTemplateId(key, v, c.notices.notifyTemplates[std::string(kind)]);
    });
  }
  return table;
}

// Notices by email or GOV.UK Notify (NoticeSettings), kept apart from the main table so each stays short.
const std::map<std::string, Setter>& noticeSetters() {
  using C = Config;
  using S = const std::string&;
  static const std::map<std::string, Setter> table = withNotifyTemplates(std::map<std::string, Setter>{
      {"smtp_host",
       [](C& c, S v) -> Status {
         c.notices.smtpHost = v;
         return {};
       }},
      {"smtp_port", [](C& c, S v) { return toInt("smtp_port", v, c.notices.smtpPort, 1, 65535); }},
      {"smtp_from",
       [](C& c, S v) -> Status {
         c.notices.smtpFrom = v;
         return {};
       }},
      {"smtp_user",
       [](C& c, S v) -> Status {
         c.notices.smtpUser = v;
         return {};
       }},
      {"smtp_password",
       [](C& c, S v) -> Status {
         c.notices.smtpPassword = v;
         return {};
       }},
      {"smtp_starttls", [](C& c, S v) { return toBool("smtp_starttls", v, c.notices.smtpStartTls); }},
      {"smtp_ca_file",
       [](C& c, S v) -> Status {
         c.notices.smtpCaFile = v;
         return {};
       }},
      {"notice_max_attempts",
       [](C& c, S v) { return toInt("notice_max_attempts", v, c.notices.maxAttempts, 1, 100); }},
      {"notice_retry_seconds",
       [](C& c, S v) { return toInt("notice_retry_seconds", v, c.notices.retrySeconds, 1, 86400); }},
      {"notice_retry_max_seconds",
       [](C& c, S v) { return toInt("notice_retry_max_seconds", v, c.notices.retryMaxSeconds, 1, 604800); }},
      {"notice_poll_seconds",
       [](C& c, S v) { return toInt("notice_poll_seconds", v, c.notices.pollSeconds, 1, 3600); }},
      {"notify_api_key_file",
       [](C& c, S v) -> Status {
         c.notices.notifyApiKeyFile = v;
         return {};
       }},
      {"notify_base_url", [](C& c, S v) { return toNotifyBaseUrl(c, v); }},
      {"notify_template_id",
       [](C& c, S v) { return toTemplateId("notify_template_id", v, c.notices.notifyTemplateId); }},
  });
  return table;
}

// Retention (RetentionSettings): periods are the council's, so only their bounds are checked here. The
// age is at least 18: a record of a child still under 18 is never due.
const std::map<std::string, Setter>& retentionSetters() {
  using C = Config;
  using S = const std::string&;
  static const std::map<std::string, Setter> table = {
      {"retention_after_closure_years",
       [](C& c, S v) {
         return toInt("retention_after_closure_years", v, c.retention.afterClosureYears, 0, 100);
       }},
      {"retention_until_age",
       [](C& c, S v) { return toInt("retention_until_age", v, c.retention.untilAge, 18, 120); }},
      {"retention_daily", [](C& c, S v) { return toBool("retention_daily", v, c.retention.daily); }},
      {"retention_run_hour",
       [](C& c, S v) { return toInt("retention_run_hour", v, c.retention.runHour, 0, 23); }},
      {"retention_batch_limit",
       [](C& c, S v) { return toInt("retention_batch_limit", v, c.retention.batchLimit, 1, 1000000); }},
  };
  return table;
}

// Complaints (ComplaintProcedure, core/feedback.h): the working days of each stage of the procedure, and
// the more time a team manager may give once (0: none).
const std::map<std::string, Setter>& complaintSetters() {
  using C = Config;
  using S = const std::string&;
  static const std::map<std::string, Setter> table = {
      {"complaint_response_working_days",
       [](C& c, S v) {
         return toInt("complaint_response_working_days", v, c.complaints.stages[0].answerWorkingDays, 1, 65);
       }},
      {"complaint_extension_working_days",
       [](C& c, S v) {
         return toInt("complaint_extension_working_days", v, c.complaints.stages[0].extensionWorkingDays, 0,
                      65);
       }},
      {"complaint_investigation_working_days",
       [](C& c, S v) {
         return toInt("complaint_investigation_working_days", v, c.complaints.stages[1].answerWorkingDays, 1,
                      65);
       }},
      {"complaint_investigation_extension_working_days",
       [](C& c, S v) {
         return toInt("complaint_investigation_extension_working_days", v,
                      c.complaints.stages[1].extensionWorkingDays, 0, 65);
       }},
      {"complaint_review_panel_working_days",
       [](C& c, S v) {
         return toInt("complaint_review_panel_working_days", v, c.complaints.stages[2].answerWorkingDays, 1,
                      65);
       }},
  };
  return table;
}

const std::map<std::string, Setter>& allSetters() {
  static const std::map<std::string, Setter> all = [] {
    auto m = setters();
    m.insert(noticeSetters().begin(), noticeSetters().end());
    m.insert(retentionSetters().begin(), retentionSetters().end());
    m.insert(complaintSetters().begin(), complaintSetters().end());
    return m;
  }();
  return all;
}

}  // namespace

Status Config::set(const std::string& key, const std::string& value) {
  auto it = allSetters().find(key);
  if (it == allSetters().end())
    return DomainError::field(key, "unknown_setting", "There is no setting called " + key);
  return it->second(*this, value);
}

std::vector<std::string> Config::keys() {
  std::vector<std::string> out;
  for (const auto& [k, _] : allSetters()) out.push_back(k);
  return out;
}

std::string installedDataDir() {
  static const std::string dir = [] {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec || exe.parent_path().filename() != "bin") return std::string();
    auto share = exe.parent_path().parent_path() / "share" / "ycr";
    return std::filesystem::is_regular_file(share / "pathways/data/bank-holidays.json", ec) ? share.string()
                                                                                            : std::string();
  }();
  return dir;
}

namespace {
// The installed tree when there is one, so an installed ycr never reads the source tree (which
// may not exist, or be hidden by the unit's ProtectHome).
std::string defaultDataDir() {
  auto installed = installedDataDir();
  return installed.empty() ? std::string(YCR_DEFAULT_DATA_DIR) : installed;
}
}  // namespace

std::string Config::shippedDataPath(const std::string& relative) const {
  return (dataDir.empty() ? defaultDataDir() : dataDir) + "/" + relative;
}

std::string Config::bankHolidaysPath() const {
  if (!pathway.bankHolidaysFile.empty()) return pathway.bankHolidaysFile;
  return shippedDataPath("pathways/data/bank-holidays.json");
}

std::string Config::questionnairesPath() const {
  return shippedDataPath("core/data/questionnaires");
}

std::string Config::surveysPath() const {
  return shippedDataPath("core/data/surveys");
}

std::string Config::nameVariantsPath() const {
  return nameVariantsFile.empty() ? shippedDataPath("core/data/diminutives.csv") : nameVariantsFile;
}

std::string Config::webAssetsRoot() const {
  return webAssetsDir.empty() ? defaultDataDir() : webAssetsDir;
}

Status loadConfigFile(Config& config, const std::string& path) {
  std::ifstream in(path);
  if (!in) return DomainError::field("config", "not_found", "Cannot read the configuration file " + path);
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    std::string t = validation::trim(line);
    if (t.empty() || t[0] == '#') continue;
    auto eq = t.find('=');
    if (eq == std::string::npos)
      return DomainError::field("config", "malformed",
                                path + ":" + std::to_string(lineNo) + ": expected 'name = value'");
    std::string key = validation::trim(t.substr(0, eq));
    std::string value = validation::trim(t.substr(eq + 1));
    if (auto s = config.set(key, value); !s) {
      auto e = s.error();
      e.detail = path + ":" + std::to_string(lineNo) + ": " + e.detail;
      return e;
    }
  }
  return {};
}

const std::vector<std::string>& scriptVariables() {
  static const std::vector<std::string> names = {"YCR_CONFIG",   "YCR_SOURCE_DIR",      "YCR_ADMIN_PASSWORD",
                                                 "YCR_DEMO",     "YCR_SKIP_SANITIZERS", "YCR_BUILD_TARGET",
                                                 "YCR_BUILD_DIR"};
  return names;
}

Status loadEnvironment(Config& config, char** env, std::vector<std::string>* notSettings) {
  for (char** e = env; e && *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("YCR_", 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string key = entry.substr(4, eq - 4);
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // The environment is shared with the scripts (YCR_DEMO, YCR_SKIP_SANITIZERS, ...): only a
    // variable naming a setting is read. A bad value of a real setting still stops everything.
    if (allSetters().find(key) == allSetters().end()) {
      const std::string name = entry.substr(0, eq);
      const auto& known = scriptVariables();
      if (notSettings && std::find(known.begin(), known.end(), name) == known.end())
        notSettings->push_back(name);
      continue;
    }
    if (auto s = config.set(key, entry.substr(eq + 1)); !s) return s;
  }
  return {};
}

}  // namespace ycr::services
