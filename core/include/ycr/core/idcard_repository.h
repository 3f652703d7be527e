#pragma once
// The storage contract for young carer ID cards (see idcard.h for the rules). Runs inside a
// Transaction like every other repository, so a card change and its audit event commit together.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/idcard.h"
#include "ycr/core/result.h"

namespace ycr {

// Whether a young carer wants an ID card, as they said; the strategies count cards for those who do.
struct IdCardWish {
  Id id = 0;
  Id youngCarerId = 0;
  bool wantsCard = true;
  std::optional<Id> recordedBy;  // none: the register's own records (demo data)
  Timestamp recordedAt{};
};

class IdCardRepository {
 public:
  virtual ~IdCardRepository() = default;
  // Takes the next serial from the card sequence and returns its card number. Serials are never
  // reused; a rolled-back transaction gives its serial back.
  virtual Result<std::string> nextNumber(Timestamp at) = 0;
  // Stores a card whose number came from nextNumber(); returns its row id.
  virtual Result<Id> create(const IdCard& card) = 0;
  virtual std::optional<IdCard> findByNumber(const std::string& number) = 0;
  // Newest first.
  virtual std::vector<IdCard> listForYoungCarer(Id youngCarerId) = 0;
  // Cards stored as active (whether or not past their expiry).
  virtual std::vector<IdCard> activeForYoungCarer(Id youngCarerId) = 0;
  virtual Status setStatus(const std::string& number, CardStatus status, const std::string& reason,
                           const std::optional<std::string>& replacedBy) = 0;
  // Renewal: a new validity period on the same number, and the card active again. The first
  // issue date is kept, so counts of cards issued do not count a renewal as a new card.
  virtual Status renew(const std::string& number, Date renewedOn, Date expires) = 0;
  // Answers are kept; the latest recorded is the one in force (none: nothing recorded).
  virtual Result<Id> addWish(const IdCardWish& wish) = 0;
  virtual std::optional<IdCardWish> latestWish(Id youngCarerId) = 0;
  virtual std::vector<IdCardWish> wishes(Id youngCarerId) = 0;  // oldest first

  // Counts for commissioners.
  // Cards stored as active, issued on or before `today` and not past their last valid day.
  virtual std::int64_t cardsActive(Date today) = 0;
  // Cards first issued from `from` to `to`, both inclusive (replacements for lost cards count;
  // renewals do not).
  virtual std::int64_t cardsIssued(Date from, Date to) = 0;
  // Young carers with an open case, under `upperAge` on `today`, holding no card that is active
  // on `today`, who have not said they do not want one; merged records are not counted.
  virtual std::int64_t youngCarersEligibleWithoutCard(Date today, int upperAge) = 0;
};

}  // namespace ycr
