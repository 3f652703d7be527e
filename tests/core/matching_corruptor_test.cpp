#include <boost/test/unit_test.hpp>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/name_variants.h"
#include "ycr/core/matching/corruptor.h"
#include "ycr/core/matching/decision.h"
#include "ycr/core/matching/index.h"

using namespace ycr;
using namespace ycr::matching;
using test_support::variants;

namespace {

ClericalConfig configAt(const std::string& strength, std::size_t people = 600) {
  ClericalConfig c;
  c.people = people;
  for (const auto& s : standardStrengths())
    if (s.name == strength) c.strength = s;
  return c;
}

std::string fieldOf(const std::string& applied) {
  auto colon = applied.find(':');
  if (colon != std::string::npos) return applied.substr(colon + 1);
  if (applied == "day_month_swapped" || applied == "dob_digit") return "date_of_birth";
  if (applied == "district_changed" || applied == "postcode_transposed") return "postcode";
  if (applied == "street_number_changed") return "address";
  if (applied == "school_changed") return "school";
  return applied;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matching_corruptor_test)

BOOST_AUTO_TEST_CASE(a_seed_gives_the_same_files) {
  auto a = generateClericalFile(configAt("medium", 200));
  auto b = generateClericalFile(configAt("medium", 200));
  BOOST_REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].record.givenName == b[i].record.givenName);
    BOOST_TEST(a[i].dateOfBirthText == b[i].dateOfBirthText);
  }
}

BOOST_AUTO_TEST_CASE(modifications_stay_within_the_strength) {
  Corruptor corruptor(3);
  PersonRecord p{0,
                 "Charlotte",
                 "Richardson",
                 Date{std::chrono::year{2012}, std::chrono::April, std::chrono::day{3}},
                 "LE2 7GH",
                 "120001",
                 "Flat 2, 14 Belgrave Road"};
  for (const auto& strength : standardStrengths()) {
    std::size_t most = 0;
    for (int i = 0; i < 500; ++i) {
      std::vector<std::string> applied;
      (void)corruptor.corrupt(p, strength, &applied);
      BOOST_TEST(!applied.empty());
      BOOST_TEST(applied.size() <= static_cast<std::size_t>(strength.maxPerRecord));
      std::map<std::string, int> perField;
      for (const auto& a : applied)
        if (a != "swapped_names") ++perField[fieldOf(a)];
      for (const auto& [field, n] : perField) BOOST_TEST(n <= strength.maxPerField, field);
      most = std::max(most, applied.size());
    }
    BOOST_TEST(most == static_cast<std::size_t>(strength.maxPerRecord), strength.name);
  }
}

BOOST_AUTO_TEST_CASE(every_kind_of_corruption_happens) {
  Corruptor corruptor(11);
  PersonRecord p{0,
                 "William",
                 "Thompson",
                 Date{std::chrono::year{2012}, std::chrono::April, std::chrono::day{3}},
                 "LE2 7GH",
                 "120001",
                 "14 Belgrave Road"};
  std::set<std::string> kinds;
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::string> applied;
    (void)corruptor.corrupt(p, standardStrengths().back(), &applied);
    kinds.insert(applied.begin(), applied.end());
  }
  for (const char* k : {"keyboard:given_name", "ocr:family_name", "phonetic:family_name", "edit:given_name",
                        "nickname:given_name", "missing:given_name", "missing:family_name",
                        "missing:date_of_birth", "missing:postcode", "swapped_names", "day_month_swapped",
                        "dob_digit", "district_changed", "street_number_changed"})
    BOOST_TEST(kinds.count(k) == 1u, k);
}

BOOST_AUTO_TEST_CASE(a_keyboard_slip_lands_on_a_neighbouring_key) {
  Corruptor corruptor(5);
  for (int i = 0; i < 200; ++i) {
    auto s = corruptor.keyboardTypo("qqqq");
    BOOST_TEST(s.size() == 4u);
    for (char c : s) BOOST_TEST((c == 'q' || c == 'w' || c == 'a' || c == '1'));
  }
}

BOOST_AUTO_TEST_CASE(files_hold_twins_and_up_to_five_duplicates) {
  auto rows = generateClericalFile(configAt("light", 2000));
  std::map<Id, std::size_t> perPerson;
  for (const auto& r : rows) ++perPerson[*r.truthId];
  std::size_t most = 0;
  for (const auto& [id, n] : perPerson) most = std::max(most, n);
  BOOST_TEST(most == 6u);  // the original and five duplicates
  // Twins: two people with one family name, date of birth and address, different given names.
  std::map<std::string, std::set<Id>> household;
  for (const auto& r : rows)
    if (r.record.dateOfBirth && !r.record.address.empty())
      household[r.record.familyName + "|" + r.dateOfBirthText + "|" + r.record.address].insert(*r.truthId);
  std::size_t twins = 0;
  for (const auto& [key, ids] : household) twins += ids.size() > 1;
  BOOST_TEST(twins >= 10u);
}

BOOST_AUTO_TEST_CASE(linkage_on_clerical_data_never_merges_different_children) {
  // The figures at each strength are printed (--log_level=message); precision is the promise.
  for (const auto& strength : standardStrengths()) {
    auto config = configAt(strength.name, 1000);
    auto rows = generateClericalFile(config);
    std::vector<PersonRecord> records;
    for (const auto& r : rows) records.push_back(r.record);
    MatchIndex index(variants());
    auto res = resolveRecords(records, index, MatchThresholds::forRegister(records.size()));
    auto s = scoreDedupe(rows, res);
    BOOST_TEST_MESSAGE("dedupe " << strength.name << ": precision " << s.pairs.precision << " recall "
                                 << s.pairs.recall << " F1 " << s.pairs.f1 << " review " << s.reviewShare
                                 << " recall if reviewed " << s.recallIfReviewed);
    BOOST_TEST(s.pairs.precision >= 0.995, strength.name);
    BOOST_TEST(s.recallIfReviewed >= s.pairs.recall);
    // Floors a little under what the matcher reaches at light (recall 0.81, 0.997 had the
    // reviews been decided), so a change that loses duplicates is noticed; not the targets.
    if (strength.name == "light") {
      BOOST_TEST(s.pairs.recall >= 0.80);
      BOOST_TEST(s.recallIfReviewed >= 0.99);
    }

    auto pair = generateClericalPair(config);
    std::vector<LinkageRow> both = pair.a;
    both.insert(both.end(), pair.b.begin(), pair.b.end());
    records.clear();
    for (const auto& r : both) records.push_back(r.record);
    MatchIndex linkIndex(variants());
    auto linked = resolveRecords(records, linkIndex, MatchThresholds::forRegister(records.size()));
    auto l = scoreLink(both, pair.a.size(), linked);
    BOOST_TEST_MESSAGE("link " << strength.name << ": precision " << l.pairs.precision << " recall "
                               << l.pairs.recall << " F1 " << l.pairs.f1 << " review " << l.reviewShare);
    BOOST_TEST(l.pairs.precision >= 0.995, strength.name);
    if (strength.name == "light") BOOST_TEST(l.pairs.recall >= 0.90);
  }
}

BOOST_AUTO_TEST_CASE(scores_count_pairs_across_files_and_reviews_decided_rightly) {
  // Rows 1,2 in A; 3,4 in B. Truth: 1~3, 2~4. Predicted: 3 linked to 1; 4 sent to review with 2.
  std::vector<LinkageRow> rows(4);
  rows[0].truthId = 10;
  rows[1].truthId = 20;
  rows[2].truthId = 10;
  rows[3].truthId = 20;
  Resolution res;
  res.clusterOf = {1, 2, 1, 4};
  res.reviewWith = {{}, {}, {}, {2}};
  res.counts.reviewed = 1;
  auto s = scoreLink(rows, 2, res);
  BOOST_TEST(s.pairs.truePairs == 2u);
  BOOST_TEST(s.pairs.correctPairs == 1u);
  BOOST_TEST(s.pairs.recall == 0.5);
  BOOST_TEST(s.recallIfReviewed == 1.0);
  BOOST_TEST(s.reviewShare == 0.25);
}

BOOST_AUTO_TEST_SUITE_END()
