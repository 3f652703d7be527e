#pragma once
// Work `ycr serve` does beside the HTTP server, on a thread of its own: the notices delivery and
// the daily retention run. Each round runs `work`, logs what it throws under the worker's name, and
// waits `interval` or until stopped; stop() (and the destructor) waits for a round in progress.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace ycr::services {

class PeriodicWorker {
 public:
  PeriodicWorker(std::string name, std::chrono::milliseconds interval, std::function<void()> work);
  ~PeriodicWorker();
  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;
  void start();
  void stop();

 private:
  void loop();
  std::string name_;
  std::chrono::milliseconds interval_;
  std::function<void()> work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace ycr::services
