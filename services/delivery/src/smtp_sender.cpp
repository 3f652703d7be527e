// Notices by SMTP (notice_senders.h): Poco's SMTP client, with STARTTLS when the settings ask for it.

#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureSMTPClientSession.h>

#include <fstream>

#include "tls_client.h"
#include "ycr/services/notice_senders.h"

namespace ycr::services {
namespace {

std::string domainOf(const std::string& address) {
  auto at = address.find('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

void fill(Poco::Net::MailMessage& m, const Notice& n, const NoticeSettings& s) {
  m.setSender(s.smtpFrom);
  m.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, n.address));
  m.setSubject(Poco::Net::MailMessage::encodeWord(n.subject, "UTF-8"));
  m.setContentType("text/plain; charset=UTF-8");
  // Stable per notice: a copy resent after a crash is recognisably the same message.
  m.set("Message-ID", "<notice-" + std::to_string(n.id) + "@" + domainOf(s.smtpFrom) + ">");
  m.setContent(n.body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
}

void sendOver(Poco::Net::SMTPClientSession& session, const Notice& n, const NoticeSettings& s) {
  if (s.smtpUser.empty())
    session.login();
  else
    session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, s.smtpUser, s.smtpPassword);
  Poco::Net::MailMessage m;
  fill(m, n, s);
  session.sendMessage(m);
  session.close();
}

// STARTTLS (RFC 3207): EHLO, STARTTLS, then EHLO again over TLS (sendOver's login) and the rest.
SendOutcome sendOverTls(const Notice& n, const NoticeSettings& s, const Poco::Net::Context::Ptr& context) {
  Poco::Net::SecureSMTPClientSession session(s.smtpHost, static_cast<Poco::UInt16>(s.smtpPort));
  session.setTimeout(Poco::Timespan(30, 0));
  session.login();
  if (!session.startTLS(context))
    return SendOutcome("The mail server " + s.smtpHost +
                       " does not offer STARTTLS, which smtp_starttls requires");
  sendOver(session, n, s);
  return {};
}

}  // namespace

Poco::Net::Context::Ptr strictTlsClient(const std::string& caFile) {
  Poco::Net::initializeSSL();
  return new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, caFile, Poco::Net::Context::VERIFY_STRICT,
                                9, true);
}

namespace {

// SMTP settings that would send nothing or send a password in the clear.
Status checkSmtp(const NoticeSettings& s) {
  const bool local = s.smtpHost == "localhost" || s.smtpHost == "::1" || s.smtpHost.rfind("127.", 0) == 0;
  if (!s.smtpUser.empty() && !s.smtpStartTls && !local)
    return DomainError::field("smtp_starttls", "required",
                              "Set smtp_starttls = true: smtp_user's password would cross the network to " +
                                  s.smtpHost + " in the clear");
  if (!s.smtpCaFile.empty()) {
    if (!s.smtpStartTls)
      return DomainError::field("smtp_ca_file", "unused",
                                "smtp_ca_file is used only with smtp_starttls = true");
    if (!std::ifstream(s.smtpCaFile))
      return DomainError::field("smtp_ca_file", "not_found", "Cannot read " + s.smtpCaFile);
  }
  return {};
}

}  // namespace

Result<NoticeSender> smtpSender(const NoticeSettings& settings) {
  if (auto checked = checkSmtp(settings); !checked) return checked.error();
  Poco::Net::Context::Ptr context;
  if (settings.smtpStartTls) context = strictTlsClient(settings.smtpCaFile);
  return NoticeSender([settings, context](const Notice& n) -> SendOutcome {
    try {
      if (context) return sendOverTls(n, settings, context);
      Poco::Net::SMTPClientSession session(settings.smtpHost, static_cast<Poco::UInt16>(settings.smtpPort));
      session.setTimeout(Poco::Timespan(30, 0));
      sendOver(session, n, settings);
      return {};
    } catch (const Poco::Net::SMTPException& e) {
      // Poco puts the server's reply code in the exception. A 5xx to the recipient or to the message
      // itself will be the same tomorrow (RFC 5321 4.2.1); anything else (the server down, 4xx, a
      // refused login or sender, which configuration can mend) is tried again.
      const bool refusedThis = e.message().rfind("Recipient rejected", 0) == 0 ||
                               e.message().rfind("The server rejected the message", 0) == 0;
      return SendOutcome(e.displayText(), refusedThis && e.code() >= 500 && e.code() < 600);
    } catch (const Poco::Exception& e) {
      return e.displayText();
    } catch (const std::exception& e) {
      return SendOutcome(e.what());
    }
  });
}

}  // namespace ycr::services
