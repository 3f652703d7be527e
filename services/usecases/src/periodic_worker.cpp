#include "ycr/services/periodic_worker.h"

#include <spdlog/spdlog.h>

namespace ycr::services {

PeriodicWorker::PeriodicWorker(std::string name, std::chrono::milliseconds interval,
                               std::function<void()> work)
    : name_(std::move(name)), interval_(interval), work_(std::move(work)) {}

PeriodicWorker::~PeriodicWorker() {
  stop();
}

void PeriodicWorker::start() {
  thread_ = std::thread([this] { loop(); });
}

void PeriodicWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicWorker::loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      work_();
    } catch (const std::exception& e) {
      spdlog::error("{}: {}", name_, e.what());
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace ycr::services
