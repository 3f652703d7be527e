// The outbox's worker: claims each due notice, hands it to the sender the settings chose
// (notice_senders.h) and records what came of it.

#include <spdlog/spdlog.h>

#include <algorithm>

#include "ycr/services/notices.h"

namespace ycr::services {

std::chrono::seconds retryDelay(int attempts, const NoticeSettings& s) {
  long long delay = s.retrySeconds;
  for (int i = 1; i < attempts && delay < s.retryMaxSeconds; ++i) delay *= 2;
  return std::chrono::seconds(std::min<long long>(delay, s.retryMaxSeconds));
}

void recordOutcome(Notice& n, const SendOutcome& outcome, Timestamp now, const NoticeSettings& s) {
  n.attempts += 1;
  n.lastError = outcome.error;
  if (outcome.error.empty()) {
    n.status = NoticeStatus::sent;
    n.sentAt = now;
    n.nextAttemptAt.reset();
  } else if (outcome.permanent || n.attempts >= s.maxAttempts) {
    n.status = NoticeStatus::failed;
    n.nextAttemptAt.reset();
  } else {
    n.nextAttemptAt = now + retryDelay(n.attempts, s);
  }
}

namespace {

// The oldest due notice, claimed for this worker until the lease ends; none when nothing is due.
std::optional<Notice> claimNext(Store& store, const Clock& clock) {
  auto tx = store.begin(true);
  auto due = tx->notices().due(clock.now(), 1);
  if (due.empty()) return std::nullopt;
  Notice n = std::move(due.front());
  Notice claimed = n;
  claimed.nextAttemptAt = clock.now() + kNoticeLease;
  if (!tx->notices().recordAttempt(claimed) || !tx->commit()) {
    spdlog::error("notice {}: it could not be claimed for sending", n.id);
    return std::nullopt;
  }
  return n;
}

// Renews a worker's claim on the notice it is sending, at once and then every `every`, until stopped:
// the claim is written again with its lease counted from now, so no other worker takes the notice
// however long the send lasts. Stopped (and joined) before the outcome is marked, so a renewal never
// overwrites the mark; a renewal that fails or throws is logged and tried again at the next interval.
std::unique_ptr<PeriodicWorker> renewClaim(Store& store, const Clock& clock, Notice claimed,
                                           std::chrono::milliseconds every) {
  auto worker = std::make_unique<PeriodicWorker>(
      "notice claim renewal", every, [&store, &clock, claimed = std::move(claimed)]() mutable {
        claimed.nextAttemptAt = clock.now() + kNoticeLease;
        auto tx = store.begin(true);
        if (!tx->notices().recordAttempt(claimed) || !tx->commit())
          spdlog::error("notice {}: its claim could not be renewed", claimed.id);
      });
  worker->start();
  return worker;
}

}  // namespace

int deliverDueNotices(Store& store, const NoticeSender& send, const Clock& clock, const NoticeSettings& s) {
  int sent = 0;
  for (int round = 0; round < 50; ++round) {
    auto claimed = claimNext(store, clock);
    if (!claimed) break;
    Notice& n = *claimed;
    SendOutcome outcome;
    {
      const auto renewal = renewClaim(store, clock, n, s.claimRenewal);
      outcome = send(n);
    }  // the renewal stops here
    recordOutcome(n, outcome, clock.now(), s);
    forgetOnceDone(n);
    // Marked only after the server accepted it, each in a transaction of its own.
    auto tx = store.begin(true);
    if (!tx->notices().recordAttempt(n) || !tx->commit()) {
      spdlog::error("notice {}: its delivery could not be recorded", n.id);
      continue;
    }
    if (n.status == NoticeStatus::sent) ++sent;
    if (n.status == NoticeStatus::failed) spdlog::error("notice {} failed for good: {}", n.id, n.lastError);
  }
  return sent;
}

NoticeDelivery::NoticeDelivery(Store& store, NoticeSender send, const Clock& clock, NoticeSettings settings)
    : store_(store),
      send_(std::move(send)),
      clock_(clock),
      settings_(std::move(settings)),
      worker_("notice delivery", std::chrono::seconds(settings_.pollSeconds), [this] {
        if (int sent = deliverDueNotices(store_, send_, clock_, settings_); sent > 0)
          spdlog::info("{} notice(s) sent", sent);
      }) {}

std::unique_ptr<NoticeDelivery> startNoticeDelivery(Store& store, const Clock& clock,
                                                    const NoticeSettings& settings,
                                                    std::optional<NoticeSender> sender) {
  if (!sender) {
    spdlog::warn(
        "neither smtp_host nor notify_api_key_file is set: notices are kept in the outbox, "
        "pending, and not sent");
    return nullptr;
  }
  auto delivery = std::make_unique<NoticeDelivery>(store, std::move(*sender), clock, settings);
  delivery->start();
  if (settings.notifyApiKeyFile.empty())
    spdlog::info("notices are emailed through {}:{}", settings.smtpHost, settings.smtpPort);
  else
    spdlog::info("notices are sent through GOV.UK Notify at {}", settings.notifyBaseUrl);
  return delivery;
}

}  // namespace ycr::services
