#pragma once
// What a person does with their own account: change their password (re-entering the current one),
// replace a one-time password before anything else, enrol and give a TOTP second factor with
// single-use recovery codes, and see and end their own sessions. The HTTP routes and pages
// (api_account.cpp, web_pages_security.cpp) are thin over this.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/ids.h"
#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"
#include "ycr/services/key_file.h"

namespace ycr::services {

// What a session must do before anything else, in this order: give the second factor it enrolled
// (nothing about the account may change on the password alone), replace a one-time password,
// enrol the second factor its role requires.
enum class AccountStep { none, second_factor, change_password, enrol_second_factor };
AccountStep accountStep(const Principal& who);
const char* stepName(AccountStep step);

struct SessionView {
  Id id = 0;
  Timestamp createdAt{}, lastSeenAt{}, expiresAt{};
  bool current = false;
};

struct Enrolment {
  std::string secret;  // base32, to type in by hand and to send back with the first code
  std::string uri;     // otpauth://, what the QR code holds
  std::string qrSvg;
};

class Accounts {
 public:
  // issuer: the name an authenticator app shows beside the code (issuer_name). sealer: seals each
  // TOTP secret before it is stored and opens it to check a code.
  Accounts(Store& store, const Clock& clock, const PasswordHasher& hasher, const SecretSealer& sealer,
           std::string issuer);

  // Checks the current password (a wrong one is a field error on current_password), applies the
  // password rules, and ends every other session of the account.
  Status changePassword(const Principal& who, const std::string& current, const std::string& replacement);
  std::vector<SessionView> sessions(const Principal& who);
  Status endSession(const Principal& who, Id sessionId);

  // A fresh secret to enrol (nothing stored until confirmed with a code from it).
  Result<Enrolment> beginEnrolment(const Principal& who);
  // Stores the secret once a code from it matches, completes this session's second factor, and
  // returns ten new single-use recovery codes (shown once; only their hashes are kept).
  Result<std::vector<std::string>> confirmEnrolment(const Principal& who, const std::string& secretBase32,
                                                    const std::string& code);
  // Completes a session signed in with the password: a current code (each step used once) or an
  // unused recovery code. Five wrong answers end the session.
  Status giveSecondFactor(const Principal& who, const std::string& codeOrRecoveryCode);
  int recoveryCodesLeft(const Principal& who);
  // The name an authenticator app shows beside the code, as the enrolment page's link carries it.
  const std::string& issuer() const { return issuer_; }

 private:
  Store& store_;
  const Clock& clock_;
  const PasswordHasher& hasher_;
  const SecretSealer& sealer_;
  std::string issuer_;
  std::mutex failuresMutex_;
  std::map<std::string, int> failures_;  // wrong second factors by session token hash
};

}  // namespace ycr::services
