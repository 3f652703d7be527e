// Notices through GOV.UK Notify (notice_senders.h): one POST /v2/notifications/email per notice, as Notify's
// API documents it. The request is authorised by a JSON Web Token (HS256) made afresh for each request
// from the service's API key; the notice's subject and body are the template's personalisation.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <Poco/UUID.h>
#include <sodium.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "tls_client.h"
#include "ycr/core/validation.h"
#include "ycr/services/notice_senders.h"
#include "ycr/services/version.h"

namespace ycr::services {
namespace {

bool isUuid(const std::string& s) {
  Poco::UUID id;
  return s.size() == 36 && id.tryParse(s);
}

std::string base64Url(const unsigned char* bytes, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string base64Url(const std::string& text) {
  return base64Url(reinterpret_cast<const unsigned char*>(text.data()), text.size());
}

// A fresh token for one request: Notify refuses one whose iat is more than 30 seconds from its clock.
std::string bearerToken(const NotifyKey& key) {
  const auto iat =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  Poco::JSON::Object claims;
  claims.set("iss", key.serviceId);
  claims.set("iat", static_cast<Poco::Int64>(iat));
  std::ostringstream claimsJson;
  claims.stringify(claimsJson);
  const std::string signingInput =
      base64Url(R"({"typ":"JWT","alg":"HS256"})") + "." + base64Url(claimsJson.str());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.secret.data()),
                              key.secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signingInput.data()),
                                signingInput.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return signingInput + "." + base64Url(mac, sizeof mac);
}

std::string requestBody(const Notice& n, const std::string& templateId) {
  Poco::JSON::Object personalisation;
  personalisation.set("subject", n.subject);
  personalisation.set("body", n.body);
  Poco::JSON::Object body;
  body.set("email_address", n.address);
  body.set("template_id", templateId);
  body.set("personalisation", personalisation);
  body.set("reference", "notice-" + std::to_string(n.id));
  std::ostringstream out;
  body.stringify(out);
  return out.str();
}

std::unique_ptr<Poco::Net::HTTPClientSession> sessionFor(const Poco::URI& uri) {
  if (uri.getScheme() == "http")
    return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
  static const Poco::Net::Context::Ptr context = strictTlsClient();
  return std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), context);
}

// Notify's own words for a refusal ({"errors": [{"error": ..., "message": ...}]}), or the raw text.
std::string refusal(int status, const std::string& text) {
  std::string detail = text.substr(0, 300);
  try {
    auto errors = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>()->getArray("errors");
    if (errors && errors->size() > 0) detail = errors->getObject(0)->optValue<std::string>("message", detail);
  } catch (const Poco::Exception&) {
  }
  return "GOV.UK Notify answered " + std::to_string(status) + ": " + detail;
}

SendOutcome post(const NotifyKey& key, const Poco::URI& base, const std::string& body) {
  auto session = sessionFor(base);
  session->setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/v2/notifications/email",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.set("Authorization", "Bearer " + bearerToken(key));
  request.set("User-Agent", std::string("ycr/") + version());
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session->sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::string text;
  Poco::StreamCopier::copyToString(session->receiveResponse(response), text);
  if (response.getStatus() == Poco::Net::HTTPResponse::HTTP_CREATED) return {};
  // Notify's 400s (a bad address, a team-only key, a missing placeholder) fail the same way every
  // time, so the notice fails at once; 403 (a key), 429 (the rate limit) and 5xx are tried again.
  return SendOutcome(refusal(response.getStatus(), text),
                     response.getStatus() == Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
}

}  // namespace

std::optional<NotifyKey> parseNotifyKey(const std::string& text) {
  const std::string key = validation::trim(text);
  if (key.size() < 74 || key[key.size() - 37] != '-' || key[key.size() - 74] != '-') return std::nullopt;
  NotifyKey k{key.substr(key.size() - 73, 36), key.substr(key.size() - 36)};
  if (!isUuid(k.serviceId) || !isUuid(k.secret)) return std::nullopt;
  return k;
}

NoticeSender notifySender(const NotifyKey& key, const NoticeSettings& settings) {
  return [key, settings, base = Poco::URI(settings.notifyBaseUrl)](const Notice& n) -> SendOutcome {
    auto kind = settings.notifyTemplates.find(n.kind);
    const std::string& templateId =
        kind != settings.notifyTemplates.end() ? kind->second : settings.notifyTemplateId;
    if (templateId.empty()) return SendOutcome("No GOV.UK Notify template for notices of kind " + n.kind);
    try {
      return post(key, base, requestBody(n, templateId));
    } catch (const Poco::Exception& e) {
      return e.displayText();
    } catch (const std::exception& e) {
      return SendOutcome(e.what());
    }
  };
}

Result<std::optional<NoticeSender>> noticeSenderFor(const NoticeSettings& s) {
  if (s.notifyApiKeyFile.empty()) {
    if (s.smtpHost.empty()) return std::optional<NoticeSender>();
    auto smtp = smtpSender(s);
    if (!smtp) return smtp.error();
    return std::optional<NoticeSender>(std::move(smtp.value()));
  }
  if (!s.smtpHost.empty())
    return DomainError::field("notify_api_key_file", "conflict",
                              "Set one of smtp_host and notify_api_key_file: notices go one way");
  std::ifstream in(s.notifyApiKeyFile);
  if (!in) return DomainError::field("notify_api_key_file", "not_found", "Cannot read " + s.notifyApiKeyFile);
  auto key =
      parseNotifyKey(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()));
  if (!key)
    return DomainError::field("notify_api_key_file", "invalid_key",
                              s.notifyApiKeyFile + " does not hold a GOV.UK Notify API key");
  for (auto kind : kNoticeKinds)
    if (s.notifyTemplateId.empty() && !s.notifyTemplates.count(std::string(kind)))
      return DomainError::field("notify_template_id", "required",
                                "Set notify_template_id (or notify_template." + std::string(kind) +
                                    ") to the GOV.UK Notify email template for notices");
  return std::optional<NoticeSender>(notifySender(*key, s));
}

}  // namespace ycr::services
