#include "ycr/services/card_signing.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "ycr/core/idcard.h"

namespace ycr::services {
namespace {

constexpr std::size_t kPayloadBytes = 1 + 5;
constexpr std::size_t kTokenBytes = kPayloadBytes + crypto_sign_BYTES;
static_assert(sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1 ==
              kCardTokenLength);
static_assert(crypto_sign_SEEDBYTES == 32 && crypto_sign_PUBLICKEYBYTES == 32 &&
              crypto_sign_SECRETKEYBYTES == 64);

// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 section 4): the 32 key bytes follow.
constexpr unsigned char kSpkiPrefix[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                         0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

// sodium_init is thread-safe and idempotent; the static makes later calls free.
void ensureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

std::string base64(const unsigned char* bytes, std::size_t n, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(n, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, variant);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

// The signed bytes: the context string, then the payload. Sized once and filled with memcpy
// (GCC 12 at -O2 reports a false array-bounds error for vector::insert here).
std::vector<unsigned char> signedMessage(const unsigned char* payload) {
  std::vector<unsigned char> message(kCardTokenContext.size() + kPayloadBytes);
  std::memcpy(message.data(), kCardTokenContext.data(), kCardTokenContext.size());
  std::memcpy(message.data() + kCardTokenContext.size(), payload, kPayloadBytes);
  return message;
}

std::string errnoText() {
  return std::strerror(errno);
}

DomainError keyError(const std::string& detail) {
  return DomainError::unavailable("Card signing key: " + detail);
}

// Reads exactly n bytes or fails.
bool readAll(int fd, unsigned char* out, std::size_t n) {
  while (n > 0) {
    ssize_t got = ::read(fd, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    n -= static_cast<std::size_t>(got);
  }
  return true;
}

bool writeAll(int fd, const void* data, std::size_t n) {
  auto p = static_cast<const unsigned char*>(data);
  while (n > 0) {
    ssize_t put = ::write(fd, p, n);
    if (put < 0 && errno == EINTR) continue;
    if (put <= 0) return false;
    p += put;
    n -= static_cast<std::size_t>(put);
  }
  return true;
}

void syncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// Loads the seed, or says why the file cannot be trusted. Nothing when the file does not exist.
Result<bool> loadSeed(const std::string& path, CardSigner::Seed& seed) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    return keyError("cannot open " + path + ": " + errnoText());
  }
  struct stat st {};
  std::string problem;
  if (::fstat(fd, &st) != 0) {
    problem = "cannot inspect " + path + ": " + errnoText();
  } else if (!S_ISREG(st.st_mode)) {
    problem = path + " is not a regular file";
  } else if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    problem = path + " has mode " + mode +
              " and may be read or changed by others; it must be 0600 (chmod 600 " + path + ")";
  } else if (st.st_size != static_cast<off_t>(seed.size())) {
    problem = path + " has " + std::to_string(st.st_size) + " bytes; a card signing key has exactly " +
              std::to_string(seed.size());
  } else if (!readAll(fd, seed.data(), seed.size())) {
    problem = "cannot read " + path + ": " + errnoText();
  }
  ::close(fd);
  if (!problem.empty()) {
    sodium_memzero(seed.data(), seed.size());
    return keyError(problem);
  }
  return true;
}

// Writes a fresh seed under a temporary name and links it into place, so the key file is either
// absent or complete, and an existing one is never replaced.
Status createSeedFile(const std::string& dir, const std::string& path) {
  CardSigner::Seed seed{};
  randombytes_buf(seed.data(), seed.size());
  std::string tmp = dir + "/.card-signing.key.XXXXXX";
  int fd = ::mkstemp(tmp.data());  // mode 0600
  if (fd < 0) return keyError("cannot create a key file in " + dir + ": " + errnoText());
  bool written = ::fchmod(fd, 0600) == 0 && writeAll(fd, seed.data(), seed.size()) && ::fsync(fd) == 0;
  sodium_memzero(seed.data(), seed.size());
  std::string failure = written ? "" : errnoText();
  ::close(fd);
  if (!written) {
    ::unlink(tmp.c_str());
    return keyError("cannot write " + tmp + ": " + failure);
  }
  int linked = ::link(tmp.c_str(), path.c_str());
  int linkErrno = errno;
  ::unlink(tmp.c_str());
  // Another instance created the key first: theirs is the key, and it is loaded next.
  if (linked != 0 && linkErrno != EEXIST)
    return keyError("cannot create " + path + ": " + std::strerror(linkErrno));
  syncDirectory(dir);
  return {};
}

Status writePublicFile(const std::string& dir, const std::string& path, const std::string& pem) {
  std::string tmp = dir + "/.card-signing.pub.XXXXXX";
  int fd = ::mkstemp(tmp.data());
  if (fd < 0) return keyError("cannot create a file in " + dir + ": " + errnoText());
  bool written = ::fchmod(fd, 0644) == 0 && writeAll(fd, pem.data(), pem.size()) && ::fsync(fd) == 0;
  std::string failure = written ? "" : errnoText();
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    if (written) failure = errnoText();
    ::unlink(tmp.c_str());
    return keyError("cannot write " + path + ": " + failure);
  }
  syncDirectory(dir);
  return {};
}

Result<std::string> readSmallTextFile(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return keyError("cannot open " + path + ": " + errnoText());
  std::string text;
  char buf[512];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0 && text.size() < 4096) text.append(buf, n);
  std::fclose(f);
  return text;
}

}  // namespace

CardSigner CardSigner::fromSeed(const Seed& seed) {
  ensureSodium();
  CardSigner signer;
  crypto_sign_seed_keypair(signer.publicKey_.data(), signer.secretKey_.data(), seed.data());
  return signer;
}

Result<CardSigner> CardSigner::loadOrCreate(const std::string& keyDir) {
  ensureSodium();
  if (keyDir.empty()) return keyError("no key directory configured");
  // Parent folders are created as needed (like the database's); the key folder itself is 0700.
  std::error_code ec;
  auto parent = std::filesystem::path(keyDir).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (::mkdir(keyDir.c_str(), 0700) != 0 && errno != EEXIST)
    return keyError("cannot create directory " + keyDir + ": " + errnoText());
  const std::string keyPath = keyDir + "/" + std::string(kCardSigningKeyFile);
  const std::string pubPath = keyDir + "/" + std::string(kCardSigningPublicFile);

  Seed seed{};
  auto loaded = loadSeed(keyPath, seed);
  if (!loaded) return loaded.error();
  if (!*loaded) {
    if (auto created = createSeedFile(keyDir, keyPath); !created) return created.error();
    loaded = loadSeed(keyPath, seed);
    if (!loaded) return loaded.error();
    if (!*loaded) return keyError(keyPath + " vanished just after it was created");
  }
  CardSigner signer = fromSeed(seed);
  sodium_memzero(seed.data(), seed.size());

  const std::string pem = signer.publicKeyPem();
  struct stat st {};
  if (::stat(pubPath.c_str(), &st) != 0) {
    if (errno != ENOENT) return keyError("cannot inspect " + pubPath + ": " + errnoText());
    if (auto written = writePublicFile(keyDir, pubPath, pem); !written) return written.error();
  } else {
    auto published = readSmallTextFile(pubPath);
    if (!published) return published.error();
    if (*published != pem)
      return keyError(pubPath + " does not match " + keyPath +
                      "; cards would be checked against the wrong key. Remove the .pub file to have it "
                      "written again from the secret key");
  }
  return signer;
}

CardSigner::CardSigner(CardSigner&& other) noexcept
    : secretKey_(other.secretKey_), publicKey_(other.publicKey_) {
  sodium_memzero(other.secretKey_.data(), other.secretKey_.size());
}

CardSigner& CardSigner::operator=(CardSigner&& other) noexcept {
  if (this != &other) {
    secretKey_ = other.secretKey_;
    publicKey_ = other.publicKey_;
    sodium_memzero(other.secretKey_.data(), other.secretKey_.size());
  }
  return *this;
}

CardSigner::~CardSigner() {
  sodium_memzero(secretKey_.data(), secretKey_.size());
}

Result<std::string> CardSigner::token(std::string_view cardNumber) const {
  auto number = normaliseCardNumber(cardNumber);
  if (!number)
    return DomainError::field("number", "invalid_card_number", "Not a valid young carer card number");
  std::uint64_t value = 0;
  for (char c : number->substr(2)) value = value * 10 + static_cast<std::uint64_t>(c - '0');

  std::array<unsigned char, kTokenBytes> bytes{};
  bytes[0] = kCardTokenVersion;
  for (std::size_t i = 0; i < 5; ++i) bytes[1 + i] = static_cast<unsigned char>(value >> (8 * (4 - i)));
  auto message = signedMessage(bytes.data());
  crypto_sign_detached(bytes.data() + kPayloadBytes, nullptr, message.data(), message.size(),
                       secretKey_.data());
  return base64(bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

Result<std::string> CardSigner::verify(std::string_view token) const {
  return verifyWith(publicKey_, token);
}

Result<std::string> CardSigner::verifyWith(const PublicKey& publicKey, std::string_view token) {
  ensureSodium();
  const auto notAToken = [] { return DomainError::malformed("This is not a young carer card code"); };
  if (token.size() != kCardTokenLength) return notAToken();
  std::array<unsigned char, kTokenBytes> bytes{};
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), token.data(), token.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      length != kTokenBytes || end != token.data() + token.size())
    return notAToken();
  // One token per card: an encoding differing only in its unused final bits is refused (libsodium
  // 1.0.18 already does; this keeps it true whatever the version).
  if (base64(bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING) != token)
    return notAToken();
  if (bytes[0] != kCardTokenVersion) return notAToken();

  // libsodium's verification is constant-time and refuses non-canonical and small-order values.
  auto message = signedMessage(bytes.data());
  if (crypto_sign_verify_detached(bytes.data() + kPayloadBytes, message.data(), message.size(),
                                  publicKey.data()) != 0)
    return DomainError::notFound("This card could not be verified: it was not issued by this register");

  std::uint64_t value = 0;
  for (std::size_t i = 0; i < 5; ++i) value = (value << 8) | bytes[1 + i];
  if (value > 9'999'999'999ULL) return notAToken();
  std::string digits(10, '0');
  for (std::size_t i = digits.size(); i-- > 0; value /= 10) digits[i] = static_cast<char>('0' + value % 10);
  auto number = normaliseCardNumber("YC" + digits);
  if (!number) return notAToken();
  return *number;
}

std::string CardSigner::publicKeyBase64() const {
  return base64(publicKey_.data(), publicKey_.size(), sodium_base64_VARIANT_ORIGINAL);
}

std::string CardSigner::publicKeyPem() const {
  std::array<unsigned char, sizeof kSpkiPrefix + 32> der{};
  std::memcpy(der.data(), kSpkiPrefix, sizeof kSpkiPrefix);
  std::memcpy(der.data() + sizeof kSpkiPrefix, publicKey_.data(), publicKey_.size());
  return "-----BEGIN PUBLIC KEY-----\n" + base64(der.data(), der.size(), sodium_base64_VARIANT_ORIGINAL) +
         "\n-----END PUBLIC KEY-----\n";
}

}  // namespace ycr::services
