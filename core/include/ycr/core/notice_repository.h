#pragma once
// The outbox of notices to people outside the service (issue 21 item 4). A notice is written in the
// transaction of the change it tells of, and sent afterwards by a worker (services/notices.h), so a
// crash loses none: what was committed is still pending when the service starts again.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

enum class NoticeStatus { pending, sent, failed };
YCR_ENUM_NAMES(NoticeStatus, "pending", "sent", "failed")

// Every kind of notice the register writes (services/usecases/src/notices.cpp). Each kind can have its own
// GOV.UK Notify template (the setting notify_template.<kind>). All but survey_link go to organisations;
// survey_link goes to the address a young person gave for it, carries their single-use link, and loses
// both once it is sent or has failed for good (services/surveys.h).
inline constexpr std::array<std::string_view, 13> kNoticeKinds = {"referral_acknowledged",
                                                                  "referral_accepted",
                                                                  "referral_signposted",
                                                                  "referral_supported",
                                                                  "referral_handed_over",
                                                                  "referral_closed",
                                                                  "referral_reopened",
                                                                  "hand_over",
                                                                  "safeguarding_escalation",
                                                                  "task_created",
                                                                  "task_overdue",
                                                                  "case_transferred",
                                                                  "survey_link"};

struct Notice {
  Id id = 0;
  std::string kind;  // e.g. "referral_acknowledged", "task_created"
  std::optional<Id> recipientOrganisationId;
  std::string address;  // empty: nowhere to email it (last_error says why)
  std::string subject;
  std::string body;
  Timestamp createdAt{};
  NoticeStatus status = NoticeStatus::pending;
  int attempts = 0;
  std::optional<Timestamp> nextAttemptAt;
  std::optional<Timestamp> sentAt;
  std::string lastError;
  std::optional<Id> caseId;
};

class NoticeRepository {
 public:
  virtual ~NoticeRepository() = default;
  virtual Result<Id> add(const Notice& notice) = 0;
  // Pending notices with an address whose next attempt is due at `now`, oldest first.
  virtual std::vector<Notice> due(Timestamp now, int limit) = 0;
  virtual std::optional<Notice> findById(Id id) = 0;
  // Saves status, attempts, next_attempt_at, sent_at and last_error, and the address and body (cleared
  // once a survey link is done with).
  virtual Status recordAttempt(const Notice& notice) = 0;
  virtual std::vector<Notice> list(int limit, int offset) = 0;
  virtual std::int64_t count() = 0;
  virtual std::vector<Notice> forCase(Id caseId) = 0;
};

}  // namespace ycr
