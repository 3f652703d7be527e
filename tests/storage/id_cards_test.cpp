#include <boost/test/unit_test.hpp>

#include "support/dates.h"
#include "temp_store.h"

using namespace ycr;
using test_support::at;
using test_support::day;

namespace ycr::test_support {

// A migrated database in a temporary directory with one organisation, removed afterwards.
struct CardStoreFixture : test_support::TempStore {
  CardStoreFixture() : TempStore("idcards") {}

  // A young carer born on `dob` with a case in `state`; returns the young carer's id.
  Id youngCarer(Transaction& tx, const std::string& name, const char* dob, CaseState state) {
    YoungCarer y;
    y.givenName = name;
    y.familyName = "Example";
    y.dateOfBirth = day(dob);
    y.postcode = "LE1 1AA";
    y.createdAt = y.updatedAt = at("2025-01-01T09:00:00Z");
    auto id = tx.youngCarers().create(y);
    BOOST_REQUIRE(id);
    Case c;
    c.youngCarerId = *id;
    c.state = state;
    if (state == CaseState::closed) c.closeReason = CloseReason::needs_met;
    c.ownerTeam = "Young carers service";
    c.referralReceived = day("2025-01-01");
    c.openedAt = c.updatedAt = y.createdAt;
    BOOST_REQUIRE(tx.cases().create(c));
    return *id;
  }

  IdCard card(Transaction& tx, Id youngCarerId, const char* issued, const char* expires) {
    IdCard c;
    auto number = tx.idCards().nextNumber(at("2025-01-01T09:00:00Z"));
    BOOST_REQUIRE(number);
    c.number = *number;
    c.youngCarerId = youngCarerId;
    c.issued = day(issued);
    c.expires = day(expires);
    c.youngCarerConsent = true;
    c.parentConsent = "given";
    c.sharing = {SharingArea::medication, SharingArea::discharge_or_care_planning};
    c.createdAt = at("2025-01-01T09:00:00Z");
    auto id = tx.idCards().create(c);
    BOOST_REQUIRE(id);
    c.id = *id;
    return c;
  }
};

}  // namespace ycr::test_support

BOOST_FIXTURE_TEST_SUITE(id_cards_test, test_support::CardStoreFixture)

BOOST_AUTO_TEST_CASE(numbers_come_from_a_sequence_with_valid_check_digits_and_are_never_reused) {
  std::string first, second;
  {
    auto tx = store->begin(true);
    first = *tx->idCards().nextNumber(at("2025-01-01T09:00:00Z"));
    BOOST_REQUIRE(tx->commit());
  }
  {
    // A rolled-back transaction gives its serial back, so numbers stay dense.
    auto tx = store->begin(true);
    (void)tx->idCards().nextNumber(at("2025-01-01T09:00:00Z"));
  }
  {
    auto tx = store->begin(true);
    second = *tx->idCards().nextNumber(at("2025-01-01T09:00:00Z"));
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST(first == makeCardNumber(1));
  BOOST_TEST(second == makeCardNumber(2));
  BOOST_TEST(isValidCardNumber(first));
  BOOST_TEST(isValidCardNumber(second));
}

BOOST_AUTO_TEST_CASE(a_card_round_trips_and_changes_status) {
  auto tx = store->begin(true);
  Id yc = youngCarer(*tx, "Sam", "2012-04-03", CaseState::supported);
  IdCard stored = card(*tx, yc, "2025-01-10", "2026-01-09");
  auto found = tx->idCards().findByNumber(stored.number);
  BOOST_REQUIRE(found);
  BOOST_TEST(found->youngCarerId == yc);
  BOOST_TEST(formatIsoDate(found->expires) == "2026-01-09");
  BOOST_TEST(found->sharing.size() == 2u);
  BOOST_TEST((found->sharing[1] == SharingArea::discharge_or_care_planning));
  BOOST_TEST(found->parentConsent == "given");
  BOOST_TEST(!found->replacedBy.has_value());

  IdCard replacement = card(*tx, yc, "2025-02-01", "2026-01-09");
  BOOST_REQUIRE(
      tx->idCards().setStatus(stored.number, CardStatus::lost, "left on a bus", replacement.number));
  found = tx->idCards().findByNumber(stored.number);
  BOOST_TEST((found->status == CardStatus::lost));
  BOOST_TEST(found->statusReason == "left on a bus");
  BOOST_TEST(found->replacedBy.value_or("") == replacement.number);
  auto active = tx->idCards().activeForYoungCarer(yc);
  BOOST_REQUIRE(active.size() == 1u);
  BOOST_TEST(active[0].number == replacement.number);
  BOOST_TEST(tx->idCards().listForYoungCarer(yc).size() == 2u);

  BOOST_REQUIRE(tx->idCards().renew(replacement.number, day("2025-12-01"), day("2026-11-30")));
  found = tx->idCards().findByNumber(replacement.number);
  BOOST_TEST(formatIsoDate(found->expires) == "2026-11-30");
  BOOST_TEST(formatIsoDate(found->issued) == "2025-02-01");  // the first issue date is kept
  BOOST_TEST(!tx->idCards().setStatus("YC0000000000", CardStatus::revoked, "x", std::nullopt));
}

BOOST_AUTO_TEST_CASE(counts_of_active_and_issued_cards) {
  auto tx = store->begin(true);
  Id a = youngCarer(*tx, "Ana", "2012-01-01", CaseState::supported);
  Id b = youngCarer(*tx, "Ben", "2012-01-01", CaseState::supported);
  card(*tx, a, "2025-01-10", "2026-01-09");
  IdCard revoked = card(*tx, b, "2025-03-01", "2026-02-28");
  card(*tx, b, "2024-06-01", "2025-05-31");
  BOOST_REQUIRE(tx->idCards().setStatus(revoked.number, CardStatus::revoked, "closed", std::nullopt));

  struct Row {
    const char* today;
    std::int64_t active;
  };
  for (auto row : std::vector<Row>{
           {"2025-01-09", 1}, {"2025-05-31", 2}, {"2025-06-01", 1}, {"2026-01-09", 1}, {"2026-01-10", 0}}) {
    BOOST_TEST_CONTEXT(row.today) {
      BOOST_TEST(tx->idCards().cardsActive(day(row.today)) == row.active);
    }
  }
  BOOST_TEST(tx->idCards().cardsIssued(day("2025-01-01"), day("2025-12-31")) == 2);
  BOOST_TEST(tx->idCards().cardsIssued(day("2025-01-10"), day("2025-01-10")) == 1);
  BOOST_TEST(tx->idCards().cardsIssued(day("2024-01-01"), day("2025-01-09")) == 1);
}

BOOST_AUTO_TEST_CASE(eligible_young_carers_without_a_card) {
  auto tx = store->begin(true);
  const Date today = day("2026-02-28");
  struct Row {
    const char* name;
    const char* dob;
    CaseState state;
    const char* cardExpires;  // nullptr: no card
    bool counted;
  };
  const std::vector<Row> rows = {
      {"open, no card", "2012-05-01", CaseState::supported, nullptr, true},
      {"open, card expired", "2012-05-01", CaseState::reviewing, "2026-02-27", true},
      {"open, card active", "2012-05-01", CaseState::supported, "2026-02-28", false},
      {"closed case", "2012-05-01", CaseState::closed, nullptr, false},
      {"handed over", "2008-01-01", CaseState::handed_over, nullptr, false},
      {"18 today", "2008-02-28", CaseState::transition, nullptr, false},
      {"born 29 February, 18 on 1 March", "2008-02-29", CaseState::transition, nullptr, true},
  };
  for (const auto& row : rows) {
    Id id = youngCarer(*tx, row.name, row.dob, row.state);
    if (row.cardExpires) card(*tx, id, "2025-03-01", row.cardExpires);
  }
  std::int64_t expected = 0;
  for (const auto& row : rows) expected += row.counted ? 1 : 0;
  BOOST_TEST(tx->idCards().youngCarersEligibleWithoutCard(today, 18) == expected);
  // A scheme that keeps young adult carers to 25 also counts the 18-year-old; a handed-over case is not open.
  BOOST_TEST(tx->idCards().youngCarersEligibleWithoutCard(today, 25) == expected + 1);

  // One who says they do not want a card is not waiting for one; their latest answer is the one that counts.
  const Id asked = youngCarer(*tx, "says no, then yes", "2012-05-01", CaseState::supported);
  const Timestamp at = *parseIsoTimestamp("2026-02-01T10:00:00Z");
  BOOST_TEST(tx->idCards().youngCarersEligibleWithoutCard(today, 18) == expected + 1);
  BOOST_REQUIRE(tx->idCards().addWish({0, asked, false, std::nullopt, at}));
  BOOST_TEST(tx->idCards().youngCarersEligibleWithoutCard(today, 18) == expected);
  BOOST_TEST(!tx->idCards().latestWish(asked)->wantsCard);
  BOOST_REQUIRE(tx->idCards().addWish({0, asked, true, std::nullopt, at}));
  BOOST_TEST(tx->idCards().youngCarersEligibleWithoutCard(today, 18) == expected + 1);
  BOOST_TEST(tx->idCards().latestWish(asked)->wantsCard);
  BOOST_TEST(!tx->idCards().latestWish(youngCarer(*tx, "not asked", "2012-05-01", CaseState::supported)));
}

BOOST_AUTO_TEST_SUITE_END()
