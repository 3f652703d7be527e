#pragma once
// The SQL implementation of IdCardRepository (core/include/ycr/core/idcard_repository.h).

#include "ycr/core/idcard_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

// A card's sharing areas as the id_cards table stores them: "school,gp".
std::string joinSharing(const std::vector<SharingArea>& areas);

class SqlIdCards final : public IdCardRepository {
 public:
  explicit SqlIdCards(Sql& sql) : sql_(sql) {}
  Result<std::string> nextNumber(Timestamp at) override;
  Result<Id> create(const IdCard& card) override;
  std::optional<IdCard> findByNumber(const std::string& number) override;
  std::vector<IdCard> listForYoungCarer(Id youngCarerId) override;
  std::vector<IdCard> activeForYoungCarer(Id youngCarerId) override;
  Status setStatus(const std::string& number, CardStatus status, const std::string& reason,
                   const std::optional<std::string>& replacedBy) override;
  Status renew(const std::string& number, Date renewedOn, Date expires) override;
  Result<Id> addWish(const IdCardWish& wish) override;
  std::optional<IdCardWish> latestWish(Id youngCarerId) override;
  std::vector<IdCardWish> wishes(Id youngCarerId) override;
  std::int64_t cardsActive(Date today) override;
  std::int64_t cardsIssued(Date from, Date to) override;
  std::int64_t youngCarersEligibleWithoutCard(Date today, int upperAge) override;

 private:
  Sql& sql_;
};

}  // namespace ycr::storage
