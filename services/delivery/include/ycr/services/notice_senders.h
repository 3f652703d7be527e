#pragma once
// The two ways a notice leaves the register, SMTP and GOV.UK Notify, and the choice between them
// from the settings. The outbox and its worker (notices.h) know only NoticeSender.

#include <optional>
#include <string>

#include "ycr/core/result.h"
#include "ycr/services/notices.h"

namespace ycr::services {

// An SMTP sender (Poco::Net::SMTPClientSession) for these settings, once they are checked: refused when
// a password would cross the network to another host in the clear (smtp_user without smtp_starttls), or
// smtp_ca_file is set without STARTTLS or cannot be read. Each message carries the Message-ID
// <notice-ID@DOMAIN>, stable per notice, so a message resent after a crash between the server's
// acceptance and the mark can be recognised as the same message.
Result<NoticeSender> smtpSender(const NoticeSettings& settings);

// A GOV.UK Notify API key, "{key name}-{service id}-{secret}": the service id and the secret are
// UUIDs (Notify's own clients read them from the end of the key, as a key name may hold hyphens).
struct NotifyKey {
  std::string serviceId;
  std::string secret;
};
std::optional<NotifyKey> parseNotifyKey(const std::string& text);

// A GOV.UK Notify sender (notify_sender.cpp): POST {notifyBaseUrl}/v2/notifications/email with the
// kind's template (notify_template.<kind>, else notifyTemplateId), the personalisation `subject` and
// `body`, and the reference notice-ID; authorised by a token (JWT, HS256) made from the key for each
// request. Accepted means Notify answered 201 Created.
NoticeSender notifySender(const NotifyKey& key, const NoticeSettings& settings);

// The sender the settings call for: GOV.UK Notify when notify_api_key_file is set (its key read and
// checked, a template for every kind), else SMTP when smtp_host is set, else none. Both set is an
// error: notices go one way.
Result<std::optional<NoticeSender>> noticeSenderFor(const NoticeSettings& settings);

}  // namespace ycr::services
