#pragma once
// The SQL implementation of the identity repositories (core/include/ycr/core/identity_repository.h).

#include "ycr/core/identity_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

class SqlMatchReviews final : public MatchReviewRepository {
 public:
  explicit SqlMatchReviews(Sql& sql) : sql_(sql) {}
  Result<Id> create(const MatchReview& review) override;
  std::optional<MatchReview> findById(Id id) override;
  Page<MatchReview> list(const MatchReviewQuery& query) override;
  Status update(const MatchReview& review) override;
  bool rejectedPair(Id a, Id b) override;

 private:
  Sql& sql_;
};

class SqlMerges final : public MergeRepository {
 public:
  explicit SqlMerges(Sql& sql) : sql_(sql) {}
  Result<Id> create(const Merge& merge) override;
  std::optional<Merge> findById(Id id) override;
  Status markUndone(Id id, Timestamp at, Id by) override;
  std::vector<Merge> intoSurvivor(Id survivorId) override;
  Result<RowImage> capture(const std::string& table, Id id) override;
  std::vector<Id> rowsOf(const std::string& table, Id youngCarerId) override;
  Status restore(const std::string& table, Id id,
                 const std::vector<std::pair<std::string, StoredValue>>& columns) override;

 private:
  Sql& sql_;
};

// Row images as JSON text (typed values: null, {"i": "12"}, {"r": "0.5"}, or a string), for the
// merges table and for tests that compare records byte for byte.
std::string rowImagesToJson(const std::vector<RowImage>& rows);
Result<std::vector<RowImage>> rowImagesFromJson(const std::string& text);

}  // namespace ycr::storage
