#include "ycr/core/idcard.h"

#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "support/dates.h"
#include "support/field_errors.h"

namespace ycr {
// Readable failure messages; static so other test files may print the same enums their own way.
static std::ostream& operator<<(std::ostream& os, CardStatus s) {
  return os << toString(s);
}
}  // namespace ycr

using namespace ycr;
using test_support::day;
using test_support::hasField;

namespace {

// A card that may be issued as it stands; each test changes only what it is about.
IdCard validCard() {
  IdCard card;
  card.number = makeCardNumber(42);
  card.youngCarerId = 7;
  card.issued = day("2024-03-01");
  card.expires = day("2025-02-28");
  card.sharing = {SharingArea::medication, SharingArea::discharge_or_care_planning};
  card.youngCarerConsent = true;
  card.parentConsent = "given";
  return card;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(idcard_test)

BOOST_AUTO_TEST_CASE(damm_check_digit_matches_the_published_example) {
  // Damm's worked example: 572 has check digit 4.
  BOOST_TEST(dammCheckDigit("572") == '4');
  BOOST_TEST(dammCheckDigit("5724") == '0');
}

BOOST_AUTO_TEST_CASE(card_numbers_from_serials) {
  const std::vector<std::pair<std::uint64_t, std::string>> table = {
      {1, "YC0000000013"},         {42, "YC0000000427"},        {31415926, "YC0314159266"},
      {123456789, "YC1234567894"}, {500000000, "YC5000000008"}, {999999999, "YC9999999990"},
  };
  for (const auto& [serial, number] : table) {
    BOOST_TEST_CONTEXT("serial " << serial) {
      BOOST_TEST(makeCardNumber(serial) == number);
      BOOST_TEST(isValidCardNumber(number));
    }
  }
  BOOST_CHECK_THROW((void)makeCardNumber(kMaxCardSerial + 1), std::out_of_range);
}

BOOST_AUTO_TEST_CASE(numbers_are_read_as_people_type_them) {
  const std::vector<std::pair<std::string, std::string>> accepted = {
      {"YC1234567894", "YC1234567894"},    {"yc1234567894", "YC1234567894"},
      {"YC 1234 5678 94", "YC1234567894"}, {" yc 1234 5678 94 ", "YC1234567894"},
      {"Yc-1234-5678-94", "YC1234567894"}, {"YC 0000 0000 13", "YC0000000013"},
  };
  for (const auto& [typed, stored] : accepted) {
    BOOST_TEST_CONTEXT("typed '" << typed << "'") {
      auto n = normaliseCardNumber(typed);
      BOOST_REQUIRE(n.has_value());
      BOOST_TEST(*n == stored);
    }
  }
  const std::vector<std::string> refused = {
      "",
      "YC",
      "1234567894",
      "YC123456789",
      "YC12345678945",
      "XC1234567894",
      "YD1234567894",
      "YC12345678A4",
      "YC1234567895",
      "YC 1234 5678 9 4 0",
      "YC１234567894",
      "YC+1234567894",
  };
  for (const auto& typed : refused) {
    BOOST_TEST_CONTEXT("typed '" << typed << "'") {
      BOOST_TEST(!isValidCardNumber(typed));
    }
  }
}

BOOST_AUTO_TEST_CASE(printed_form_is_grouped_for_reading_aloud) {
  BOOST_TEST(formatCardNumberForPrint("YC1234567894").value() == "YC 1234 5678 94");
  BOOST_TEST(formatCardNumberForPrint("yc 0000 0000 13").value() == "YC 0000 0000 13");
  BOOST_TEST(!formatCardNumberForPrint("YC1234567895").has_value());
}

BOOST_AUTO_TEST_CASE(every_single_digit_error_and_adjacent_transposition_is_caught) {
  std::vector<std::uint64_t> serials = {1, 42, 123456789, 999999999, 500000000, 31415926, 100000001};
  // A spread of serials across the range, so every digit value appears in every position.
  for (std::uint64_t s = 7; s <= kMaxCardSerial; s += 7'777'777) serials.push_back(s);
  int checked = 0;
  for (auto serial : serials) {
    const std::string number = makeCardNumber(serial);
    BOOST_TEST_CONTEXT("number " << number) {
      for (std::size_t i = 2; i < number.size(); ++i) {
        for (char c = '0'; c <= '9'; ++c) {
          if (c == number[i]) continue;
          std::string typo = number;
          typo[i] = c;
          BOOST_TEST(!isValidCardNumber(typo), "substitution accepted: " << typo);
          ++checked;
        }
        if (i + 1 < number.size() && number[i] != number[i + 1]) {
          std::string swapped = number;
          std::swap(swapped[i], swapped[i + 1]);
          BOOST_TEST(!isValidCardNumber(swapped), "transposition accepted: " << swapped);
          ++checked;
        }
      }
    }
  }
  BOOST_TEST(checked > 12000);
}

BOOST_AUTO_TEST_CASE(sharing_areas_have_one_spelling_and_plain_words) {
  BOOST_TEST(toString(SharingArea::discharge_or_care_planning) == "discharge_or_care_planning");
  BOOST_TEST((parseEnum<SharingArea>("prognosis") == SharingArea::prognosis));
  BOOST_TEST(!parseEnum<SharingArea>("housing").has_value());
  BOOST_TEST(plainWords(SharingArea::medication) == "Medication");
  BOOST_TEST(plainWords(SharingArea::discharge_or_care_planning) == "Discharge or care planning");
  BOOST_TEST(enumSpellings<CardStatus>() ==
                 (std::vector<std::string>{"active", "expired", "lost", "revoked", "replaced"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(expiry_is_a_year_capped_at_the_day_before_the_upper_age) {
  struct Row {
    int months;
    int upperAge;
    const char* issued;
    const char* dob;
    const char* expires;
  };
  const std::vector<Row> table = {
      {12, 18, "2024-03-01", "2012-05-10", "2025-02-28"},  // default: one year, last day inclusive
      {12, 18, "2024-01-15", "2010-06-20", "2025-01-14"},
      {12, 18, "2024-02-29", "2012-05-10", "2025-02-27"},  // 29 Feb + 12 months clamps to 28 Feb
      {24, 18, "2024-03-01", "2012-05-10", "2026-02-28"},
      {12, 18, "2024-03-01", "2006-09-10", "2024-09-09"},  // 18th birthday first: day before it
      {12, 18, "2024-03-01", "2006-03-02", "2024-03-01"},  // turns 18 tomorrow: valid today only
      {12, 25, "2024-03-01", "2006-09-10", "2025-02-28"},  // scheme to 25: the full year
      {12, 25, "2024-03-01", "1999-06-30", "2024-06-29"},  // capped the day before the 25th birthday
      {12, 18, "2024-03-01", "2008-02-29", "2025-02-28"},  // leap-day birthday, year not capped
      {12, 18, "2025-06-01", "2008-02-29", "2026-02-28"},  // 18 on 1 March 2026 in a common year
  };
  for (const auto& row : table) {
    BOOST_TEST_CONTEXT("issued " << row.issued << " born " << row.dob << " policy " << row.months << "m/"
                                 << row.upperAge) {
      auto expiry = expiryFor(CardPolicy{row.months, row.upperAge}, day(row.issued), day(row.dob));
      BOOST_REQUIRE(expiry.ok());
      BOOST_TEST(formatIsoDate(*expiry) == row.expires);
    }
  }
}

BOOST_AUTO_TEST_CASE(no_card_for_someone_at_or_over_the_upper_age) {
  struct Row {
    int upperAge;
    const char* issued;
    const char* dob;
  };
  const std::vector<Row> table = {
      {18, "2024-03-01", "2006-03-01"},  // 18th birthday today
      {18, "2024-03-01", "2000-01-01"},
      {25, "2024-03-01", "1999-03-01"},  // 25th birthday today
      {25, "2024-03-01", "1990-01-01"},
  };
  for (const auto& row : table) {
    BOOST_TEST_CONTEXT("born " << row.dob << " upper age " << row.upperAge) {
      auto expiry = expiryFor(CardPolicy{12, row.upperAge}, day(row.issued), day(row.dob));
      BOOST_REQUIRE(!expiry.ok());
      BOOST_TEST(expiry.error().code == ErrorCode::guard_failed);
    }
  }
}

BOOST_AUTO_TEST_CASE(nonsense_policies_and_dates_are_validation_errors) {
  auto badMonths = expiryFor(CardPolicy{0, 18}, day("2024-03-01"), day("2012-01-01"));
  BOOST_REQUIRE(!badMonths.ok());
  BOOST_TEST(hasField(badMonths.error(), "policy.validity_months", "out_of_range"));
  auto badAge = expiryFor(CardPolicy{12, 30}, day("2024-03-01"), day("2012-01-01"));
  BOOST_REQUIRE(!badAge.ok());
  BOOST_TEST(hasField(badAge.error(), "policy.upper_age", "out_of_range"));
  auto unborn = expiryFor(CardPolicy{}, day("2024-03-01"), day("2024-03-02"));
  BOOST_REQUIRE(!unborn.ok());
  BOOST_TEST(hasField(unborn.error(), "date_of_birth", "in_future"));
}

BOOST_AUTO_TEST_CASE(an_active_card_past_its_last_day_shows_as_expired) {
  IdCard card = validCard();  // last valid day 2025-02-28
  BOOST_TEST(effectiveStatus(card, day("2024-03-01")) == CardStatus::active);
  BOOST_TEST(effectiveStatus(card, day("2025-02-28")) == CardStatus::active);
  BOOST_TEST(effectiveStatus(card, day("2025-03-01")) == CardStatus::expired);
  // Lost, revoked and replaced say more than "expired" and stay as they are.
  for (auto status : {CardStatus::lost, CardStatus::revoked, CardStatus::replaced}) {
    card.status = status;
    BOOST_TEST(effectiveStatus(card, day("2024-06-01")) == status);
    BOOST_TEST(effectiveStatus(card, day("2026-06-01")) == status);
  }
}

BOOST_AUTO_TEST_CASE(issuing_needs_the_young_carers_consent_and_a_parent_decision) {
  BOOST_TEST(validateIssue(validCard()).ok());

  struct Row {
    const char* what;
    void (*change)(IdCard&);
    const char* field;  // nullptr: allowed
    const char* code;
  };
  const std::vector<Row> table = {
      {"no young carer consent", [](IdCard& c) { c.youngCarerConsent = false; }, "young_carer_consent",
       "consent_required"},
      {"parent not asked, no note", [](IdCard& c) { c.parentConsent = "not_sought"; }, "parent_consent_note",
       "required"},
      {"parent refused, blank note",
       [](IdCard& c) {
         c.parentConsent = "not_given";
         c.parentConsentNote = "  \n";
       },
       "parent_consent_note", "required"},
      {"parent not asked, with reason",
       [](IdCard& c) {
         c.parentConsent = "not_sought";
         c.parentConsentNote = "Parent in hospital; young person is 16 and competent";
       },
       nullptr, nullptr},
      {"parent refused, with reason",
       [](IdCard& c) {
         c.parentConsent = "not_given";
         c.parentConsentNote = "Parent worried about stigma; young person chose to go ahead";
       },
       nullptr, nullptr},
      {"unknown parent consent", [](IdCard& c) { c.parentConsent = "maybe"; }, "parent_consent",
       "invalid_choice"},
      {"bad number", [](IdCard& c) { c.number = "YC1234567895"; }, "number", "invalid_card_number"},
      {"repeated area",
       [](IdCard& c) {
         c.sharing = {SharingArea::diagnosis, SharingArea::medication, SharingArea::diagnosis};
       },
       "sharing", "duplicate"},
      {"no areas at all", [](IdCard& c) { c.sharing.clear(); }, nullptr, nullptr},
      {"expires before issue", [](IdCard& c) { c.expires = day("2024-02-29"); }, "expires", "before_issue"},
  };
  for (const auto& row : table) {
    BOOST_TEST_CONTEXT(row.what) {
      IdCard card = validCard();
      row.change(card);
      auto status = validateIssue(card);
      if (!row.field) {
        BOOST_TEST(status.ok());
      } else {
        BOOST_REQUIRE(!status.ok());
        BOOST_TEST(status.error().code == ErrorCode::validation);
        BOOST_TEST(hasField(status.error(), row.field, row.code));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(every_problem_is_reported_at_once) {
  IdCard card = validCard();
  card.youngCarerConsent = false;
  card.parentConsent = "not_given";
  auto status = validateIssue(card);
  BOOST_REQUIRE(!status.ok());
  BOOST_TEST(status.error().fields.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
