#include "ycr/services/config.h"

#include <charconv>
#include <fstream>
#include <functional>

#include "ycr/core/validation.h"

#ifndef YCR_DEFAULT_DATA_DIR
#define YCR_DEFAULT_DATA_DIR "."
#endif

namespace ycr::services {
namespace {

Status toInt(const std::string& key, const std::string& value, int& out, int min, int max) {
  int v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size() || v < min || v > max)
    return DomainError::field(key, "invalid_number",
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

using Setter = std::function<Status(Config&, const std::string&)>;

const std::map<std::string, Setter>& setters() {
  static const std::map<std::string, Setter> table = {
      {"bind", [](Config& c, const std::string& v) -> Status { c.bind = v; return {}; }},
      {"port", [](Config& c, const std::string& v) { return toInt("port", v, c.port, 0, 65535); }},
      {"database", [](Config& c, const std::string& v) -> Status { c.database = v; return {}; }},
      {"max_threads", [](Config& c, const std::string& v) { return toInt("max_threads", v, c.maxThreads, 1, 1024); }},
      {"max_queued", [](Config& c, const std::string& v) { return toInt("max_queued", v, c.maxQueued, 1, 100000); }},
      {"db_pool_size", [](Config& c, const std::string& v) { return toInt("db_pool_size", v, c.dbPoolSize, 1, 256); }},
      {"max_body_bytes",
       [](Config& c, const std::string& v) -> Status {
         int n = 0;
         if (auto s = toInt("max_body_bytes", v, n, 1024, 1 << 30); !s) return s;
         c.maxBodyBytes = static_cast<std::size_t>(n);
         return {};
       }},
      {"request_timeout_seconds",
       [](Config& c, const std::string& v) { return toInt("request_timeout_seconds", v, c.requestTimeoutSeconds, 1, 3600); }},
      {"keep_alive_seconds",
       [](Config& c, const std::string& v) { return toInt("keep_alive_seconds", v, c.keepAliveSeconds, 0, 3600); }},
      {"data_dir", [](Config& c, const std::string& v) -> Status { c.dataDir = v; return {}; }},
      {"key_dir", [](Config& c, const std::string& v) -> Status { c.keyDir = v; return {}; }},
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
       [](Config& c, const std::string& v) { return toInt("young_adult_carer_upper_age", v, c.pathway.youngAdultCarerUpperAge, 18, 30); }},
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
      {"bank_holidays_file",
       [](Config& c, const std::string& v) -> Status { c.pathway.bankHolidaysFile = v; return {}; }},
  };
  return table;
}

}  // namespace

Status Config::set(const std::string& key, const std::string& value) {
  auto it = setters().find(key);
  if (it == setters().end()) return DomainError::field(key, "unknown_setting", "There is no setting called " + key);
  return it->second(*this, value);
}

std::vector<std::string> Config::keys() {
  std::vector<std::string> out;
  for (const auto& [k, _] : setters()) out.push_back(k);
  return out;
}

std::string Config::bankHolidaysPath() const {
  if (!pathway.bankHolidaysFile.empty()) return pathway.bankHolidaysFile;
  std::string dir = dataDir.empty() ? std::string(YCR_DEFAULT_DATA_DIR) : dataDir;
  return dir + "/pathways/data/bank-holidays.json";
}

std::string Config::questionnairesPath() const {
  std::string dir = dataDir.empty() ? std::string(YCR_DEFAULT_DATA_DIR) : dataDir;
  return dir + "/core/data/questionnaires";
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

Status loadEnvironment(Config& config, char** env) {
  for (char** e = env; e && *e; ++e) {
    std::string entry = *e;
    if (entry.rfind("YCR_", 0) != 0) continue;
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string key = entry.substr(4, eq - 4);
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key == "config" || key == "source_dir" || key == "admin_password") continue;  // not settings
    if (auto s = config.set(key, entry.substr(eq + 1)); !s) return s;
  }
  return {};
}

}  // namespace ycr::services
