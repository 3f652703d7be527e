// The daily retention run inside `ycr serve`, on its own thread, as the notices worker
// (services/src/notice_delivery.cpp) runs beside the HTTP server.

#include <spdlog/spdlog.h>

#include "ycr/services/retention.h"

namespace ycr::services {

RetentionWorker::RetentionWorker(Store& store, const Clock& clock, RetentionSettings settings)
    : retention_(store, clock, settings), clock_(clock), settings_(settings) {}

RetentionWorker::~RetentionWorker() {
  stop();
}

void RetentionWorker::start() {
  thread_ = std::thread([this] { loop(); });
}

void RetentionWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

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

void RetentionWorker::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      (void)runIfDue();
    } catch (const std::exception& e) {
      spdlog::error("retention run: {}", e.what());
    }
    lock.lock();
    wake_.wait_for(lock, std::chrono::minutes(1), [this] { return stopping_; });
  }
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
