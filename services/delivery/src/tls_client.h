#pragma once
// The one TLS client context both notice senders use (smtp_sender.cpp: SMTP with STARTTLS;
// notify_sender.cpp: GOV.UK Notify over HTTPS).

#include <Poco/Net/Context.h>

#include <string>

namespace ycr::services {

// Strict: the chain to a trusted authority (the system's, Debian's ca-certificates, and `caFile` when
// given) and, by Poco's extended verification, the server's name. Initialises Poco's SSL on first use.
Poco::Net::Context::Ptr strictTlsClient(const std::string& caFile = "");

}  // namespace ycr::services
