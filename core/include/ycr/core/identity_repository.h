#pragma once
// Storage of identity decisions: possible matches waiting for a person (the review queue),
// and merges of two records about one child with what is needed to undo them exactly.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/page.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

enum class MatchReviewStatus { pending, confirmed, rejected, withdrawn };
YCR_ENUM_NAMES(MatchReviewStatus, "pending", "confirmed", "rejected", "withdrawn")

// A possible match: `youngCarerId` (the record a referral, import row or registration created)
// may be the same child as `candidateId` (already on the register). A person decides.
struct MatchReview {
  Id id = 0;
  Id youngCarerId = 0;
  Id candidateId = 0;
  double score = 0;          // log2 likelihood ratio
  std::string evidenceJson;  // per-field explanation, as the API shows it
  std::string cautionsJson;  // reasons never to link without a person (twins, siblings)
  std::string source;        // "referral R-...", "import school-2024.csv line 12", "registration"
  MatchReviewStatus status = MatchReviewStatus::pending;
  Timestamp createdAt{};
  std::optional<Timestamp> decidedAt;
  std::optional<Id> decidedBy;
  std::string decisionReason;
  std::optional<Id> mergeId;  // set when confirming merged the two records
};

struct MatchReviewQuery {
  std::optional<MatchReviewStatus> status = MatchReviewStatus::pending;
  std::optional<Id> youngCarerId;  // reviews involving this record on either side
  int limit = 50;
  int offset = 0;
};

// One stored column value, typed as the database holds it, so that undo writes back the
// very bytes that were there.
struct StoredValue {
  enum class Kind { null, integer, real, text } kind = Kind::null;
  long long integer = 0;
  double real = 0;
  std::string text;
  bool operator==(const StoredValue&) const = default;
};

// Every column of one row of one table, in the table's column order.
struct RowImage {
  std::string table;
  Id id = 0;
  std::vector<std::pair<std::string, StoredValue>> columns;
  const StoredValue* column(const std::string& name) const {
    for (const auto& [n, v] : columns)
      if (n == name) return &v;
    return nullptr;
  }
};

struct Merge {
  Id id = 0;
  Id survivorId = 0;
  Id absorbedId = 0;
  Timestamp mergedAt{};
  Id mergedBy = 0;
  std::string reason;
  std::vector<RowImage> before;  // the rows the merge changed, as they were
  std::vector<RowImage> after;   // the same rows as the merge left them
  std::vector<std::string> revokedCards;
  std::optional<Timestamp> undoneAt;
  std::optional<Id> undoneBy;
};

class MatchReviewRepository {
 public:
  virtual ~MatchReviewRepository() = default;
  // Conflict when the pair is already in the queue (in either order).
  virtual Result<Id> create(const MatchReview& review) = 0;
  virtual std::optional<MatchReview> findById(Id id) = 0;
  virtual Page<MatchReview> list(const MatchReviewQuery& query) = 0;
  virtual Status update(const MatchReview& review) = 0;
  // True when a person already said these two records are different children.
  virtual bool rejectedPair(Id a, Id b) = 0;
};

class MergeRepository {
 public:
  virtual ~MergeRepository() = default;
  virtual Result<Id> create(const Merge& merge) = 0;
  virtual std::optional<Merge> findById(Id id) = 0;
  virtual Status markUndone(Id id, Timestamp at, Id by) = 0;
  // The merges that absorbed records into this one, newest first.
  virtual std::vector<Merge> intoSurvivor(Id survivorId) = 0;

  // Row images of the tables a merge touches (young_carers, cases, referrals, cared_for_people,
  // assessments, id_cards, sharing_consents: the absorbed record's decisions to share come too, and the
  // latest about each partner is in force); other tables are refused.
  virtual Result<RowImage> capture(const std::string& table, Id id) = 0;
  // Ids of the rows of `table` whose young_carer_id is the given record.
  virtual std::vector<Id> rowsOf(const std::string& table, Id youngCarerId) = 0;
  // Writes the given columns of one row back.
  virtual Status restore(const std::string& table, Id id,
                         const std::vector<std::pair<std::string, StoredValue>>& columns) = 0;
};

}  // namespace ycr
