#pragma once
// The audit trail's hash chain: each entry's hash is SHA-256 over its content and the
// previous entry's hash, so any edit, insertion or deletion is detectable.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"

namespace ycr::audit {

inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// Hex SHA-256 of the entry's canonical form (every field but `hash`, length-prefixed).
std::string computeHash(const AuditEvent& event);

struct ChainBreak {
  std::int64_t seq;
  std::string problem;
};

// Checks a run of consecutive entries. `expectedPrev` is the hash the first entry must chain to.
std::optional<ChainBreak> verify(const std::vector<AuditEvent>& entries, const std::string& expectedPrev,
                                 std::int64_t expectedFirstSeq);

}  // namespace ycr::audit
