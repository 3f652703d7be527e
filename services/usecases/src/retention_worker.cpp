// The daily retention run inside `ycr serve`, on a thread of its own (periodic_worker.h) checking once a
// minute whether the day's run is due.

#include <spdlog/spdlog.h>

#include "ycr/services/retention.h"

namespace ycr::services {

RetentionWorker::RetentionWorker(Store& store, const Clock& clock, RetentionSettings settings)
    : retention_(store, clock, settings),
      clock_(clock),
      settings_(settings),
      worker_("retention run", std::chrono::minutes(1), [this] { (void)runIfDue(); }) {}

bool RetentionWorker::runIfDue() {
  const Timestamp now = clock_.now();
  const Date today = ukLocalDate(now);
  const auto sinceMidnight = now - ukStartOfDay(today);
  if (lastRun_ == today || sinceMidnight < std::chrono::hours(settings_.runHour)) return false;
  lastRun_ = today;
  auto report = retention_.run(retentionSchedule(), false);
  if (!report) {
    spdlog::error("retention run: {}", report.error().detail);
    return true;
  }
  spdlog::info("retention run {}: {} anonymised, {} held, {} failed", report->runId,
               report->anonymised.size(), report->held.size(), report->failed.size());
  return true;
}

std::unique_ptr<RetentionWorker> startRetentionWorker(Store& store, const Clock& clock,
                                                      const RetentionSettings& settings) {
  if (!settings.daily) {
    spdlog::warn(
        "retention_daily is off: records past the retention schedule are kept until `ycr retention run`");
    return nullptr;
  }
  auto worker = std::make_unique<RetentionWorker>(store, clock, settings);
  worker->start();
  spdlog::info("retention runs daily from {:02}:00 (kept {} years after closure and until age {})",
               settings.runHour, settings.afterClosureYears, settings.untilAge);
  return worker;
}

}  // namespace ycr::services
