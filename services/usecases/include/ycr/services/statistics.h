#pragma once
// Commissioners' counts and the strategy's indicators. Every figure about children is derived from
// protected base cells (disclosure.h, PROTECT ONCE, DERIVE EVERYTHING) and then shaped by the policy
// (publish for counts, evaluate for indicators); every query is audited with its parameters, and the
// audit log is the ledger of each account's allowance (query accounting, defence in depth).

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/disclosure.h"
#include "ycr/core/indicators.h"
#include "ycr/core/repositories.h"
#include "ycr/pathways/engine.h"
#include "ycr/services/auth.h"
#include "ycr/services/school_list.h"

namespace ycr::services {

struct StatisticsSettings {
  DisclosurePolicy policy = DisclosurePolicy::nhs_digital;
  long long minimumPopulation = 10;
  long long population5to17 = 0;  // 0: not configured, so the prevalence indicator has no denominator
  double prevalencePercent = 2.1;
  IndicatorTargets targets;
  long long schoolsTotal = 0;
  int cardUpperAge = 18;  // ID cards are for young people under this age (card_upper_age)
  // The area's schools (schools_file); when set, the champion indicator is measured against them and
  // schoolsTotal is unused.
  std::vector<ListedSchool> listedSchools;
  // The standard deviation of the noise on every base cell (disclosure.h; disclosure_noise_sigma). 0 adds
  // none, which only tests of the counting rules use: the configuration refuses it.
  double noiseSigma = 2.0;
  // Query accounting, defence in depth (the guarantee does not rest on it): counts requests a minute and a
  // day per account (0: no limit), and the day's count at which the account is flagged to auditors.
  long long requestsPerMinute = 60;
  long long requestsPerDay = 2000;
  long long flagAfterRequests = 300;
  // The indicator young_carers_feel_listened_to reads answers to kListenedToSurvey's questions 1 and 2
  // agreeing from this scale value (the survey's agree_from); none when the survey is not in use.
  std::optional<int> listenedToAgreeFrom;
};

// The survey behind young_carers_feel_listened_to (core/data/surveys/feeling-heard.v1.json), and its two
// questions: "The people who support me listen to me" and "I am treated with respect".
inline constexpr const char* kListenedToSurvey = "feeling-heard";
inline constexpr int kListenedToItem = 1;
inline constexpr int kRespectedItem = 2;

// A counts request as given (query parameters); validated by Statistics::counts.
struct CountsRequest {
  std::string measure;
  std::vector<std::string> by;
  std::string from;  // YYYY-MM-DD, the first day of a month; default: 11 months before this month
  std::string to;    // YYYY-MM-DD, the last day of a month; default: the end of this month
};

struct PublishedRow {
  std::vector<std::string> values;  // one per dimension
  Cell count;
};

struct CountsReport {
  DisclosurePolicy policy = DisclosurePolicy::nhs_digital;
  Measure measure = Measure::referrals_received;
  std::vector<Dimension> by;
  Date from{};
  Date to{};
  std::vector<PublishedRow> rows;
  // Two dimensions: the totals of each value of the first and of the second dimension.
  std::vector<PublishedRow> firstTotals;
  std::vector<PublishedRow> secondTotals;
  Cell total;
  bool withheld = false;
};

struct KpiLine {
  const IndicatorDefinition* definition = nullptr;
  IndicatorValue value;
  bool available = true;  // false: the data behind it is not recorded by this version
  std::string note;
  // schools_with_active_champion with a schools_file: the listed schools without an active champion at
  // the period's end, by name, so commissioners know where to act. Schools, not children: published
  // as they are, outside disclosure control.
  std::optional<std::vector<ListedSchool>> schoolsWithoutChampion;
};

struct KpiReport {
  DisclosurePolicy policy = DisclosurePolicy::nhs_digital;
  Date from{};
  Date to{};
  std::vector<KpiLine> indicators;
};

class Statistics {
 public:
  Statistics(Store& store, const Clock& clock, const pathways::Engine& engine, StatisticsSettings settings);

  // Bad measure, dimension or date: a validation error naming the parameter.
  Result<CountsReport> counts(const Principal& who, const CountsRequest& request);
  // from/to as YYYY-MM-DD; default: the 12 months ending today.
  Result<KpiReport> kpis(const Principal& who, const std::string& from, const std::string& to);

  const StatisticsSettings& settings() const { return settings_; }

 private:
  Store& store_;
  const Clock& clock_;
  const pathways::Engine& engine_;
  StatisticsSettings settings_;

  Status enforceAllowance(Transaction& tx, const Principal& who);
  void schoolChampions(StatisticsRepository& stats, const Date& to, KpiLine& line, ShareCount& share) const;
};

// The spelling of a published figure: the number, or the one marker for every suppressed figure.
std::string publishedText(const Cell& cell, const std::string& suppressedMarker);

}  // namespace ycr::services
