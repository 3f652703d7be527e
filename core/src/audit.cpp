#include "ycr/core/audit.h"

#include <sodium.h>

#include "ycr/core/repositories.h"

namespace ycr::audit {
namespace {

void put(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

std::string optionalId(const std::optional<Id>& id) {
  return id ? std::to_string(*id) : std::string();
}

}  // namespace

std::string computeHash(const AuditEvent& e) {
  std::string canonical;
  put(canonical, std::to_string(e.seq));
  put(canonical, formatIsoTimestamp(e.at));
  put(canonical, optionalId(e.actorUserId));
  put(canonical, optionalId(e.actorOrganisationId));
  put(canonical, e.action);
  put(canonical, e.recordType);
  put(canonical, e.recordId);
  put(canonical, e.outcome);
  put(canonical, e.reason);
  put(canonical, e.detail);
  put(canonical, e.prevHash);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::optional<ChainBreak> verify(const std::vector<AuditEvent>& entries, const std::string& expectedPrev,
                                 std::int64_t expectedFirstSeq) {
  std::string prev = expectedPrev;
  std::int64_t seq = expectedFirstSeq;
  for (const auto& e : entries) {
    if (e.seq != seq) return ChainBreak{seq, "entry " + std::to_string(seq) + " is missing"};
    if (e.prevHash != prev) return ChainBreak{e.seq, "does not chain to the entry before it"};
    if (computeHash(e) != e.hash) return ChainBreak{e.seq, "content does not match its hash (edited)"};
    prev = e.hash;
    ++seq;
  }
  return std::nullopt;
}

}  // namespace ycr::audit

namespace ycr {

Status appendAudit(Store& store, AuditEvent event) {
  auto tx = store.begin(true);
  if (auto s = tx->audit().append(std::move(event)); !s) return s;
  return tx->commit();
}

Status appendAudit(Store& store, std::unique_ptr<Transaction> reading, AuditEvent event) {
  reading.reset();
  return appendAudit(store, std::move(event));
}

}  // namespace ycr
