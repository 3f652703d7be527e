#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/name_variants.h"
#include "ycr/core/matching/index.h"
#include "ycr/core/matching/synthetic.h"

using namespace ycr;
using namespace ycr::matching;
using test_support::variants;

namespace {

PersonRecord person(Id id, std::string given, std::string family, const char* dob, std::string postcode) {
  return {id, std::move(given), std::move(family), parseFlexibleDate(dob), std::move(postcode), "", ""};
}

bool contains(const std::vector<Id>& ids, Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(matching_index_test)

BOOST_AUTO_TEST_CASE(blocking_finds_the_child_under_common_errors) {
  MatchIndex index(variants());
  BOOST_REQUIRE(index.add(person(1, "William", "Clarke", "2012-04-03", "LE2 7GH")).ok());
  BOOST_REQUIRE(index.add(person(2, "Aisha", "Begum", "2009-11-20", "WA7 1SP")).ok());
  struct Row {
    const char* what;
    PersonRecord probe;
    Id expected;
  };
  const std::vector<Row> rows = {
      {"day and month swapped, given name typo, postcode missing",
       person(0, "Wiliam", "Clarke", "2012-03-04", ""), 1},
      {"day and month swapped, family name changed", person(0, "Will", "Shaw", "2012-03-04", ""), 1},
      {"nickname, new district, DOB wrong", person(0, "Bill", "Clarke", "2001-01-01", "LE5 1AA"), 1},
      {"names swapped, DOB wrong", person(0, "Clarke", "William", "2001-01-01", ""), 1},
      {"family typo, same postcode sector", person(0, "Ayesha", "Begam", "2009-11-21", "WA7 1XX"), 2},
  };
  for (const auto& r : rows) BOOST_TEST(contains(index.candidates(r.probe, 100), r.expected), r.what);
  BOOST_TEST(index.candidates(person(0, "Nobody", "Known", "1999-01-01", "TA1 1AA"), 100).empty());
  // A swapped date alone proposes a whole day's births, so it needs a name key as well.
  BOOST_TEST(index.candidates(person(0, "Zzz", "Yyy", "2012-03-04", ""), 100).empty());
  BOOST_TEST(contains(index.candidates(person(0, "Zzz", "Clarke", "2012-03-04", ""), 100), 1));
  // So does the same date of birth, or the postcode district: a day's births in a county are
  // hundreds of children who share nothing else.
  BOOST_TEST(index.candidates(person(0, "Zzz", "Yyy", "2012-04-03", ""), 100).empty());
  BOOST_TEST(index.candidates(person(0, "Zzz", "Yyy", "2012-04-03", "WA7 1SQ"), 100).empty());
  // A full postcode is a block of its own (a street's households, a few dozen records at most):
  // it finds a child whose names and date of birth are all wrong or missing.
  BOOST_TEST(contains(index.candidates(person(0, "Zzz", "Yyy", "1999-01-01", "WA7 1SP"), 100), 2));
  BOOST_TEST(contains(index.candidates(person(0, "", "", "", "WA7 1SP"), 100), 2));
  BOOST_TEST(contains(index.candidates(person(0, "Zzz", "Yyy", "2012-04-03", "LE2 9ZZ"), 100), 1));
  BOOST_TEST(contains(index.candidates(person(0, "Zzz", "Clerk", "2012-04-03", ""), 100), 1));
  // A postcode sector's children of one year need a name key too: here the family name, when
  // the month of birth is wrong as well.
  BOOST_TEST(index.candidates(person(0, "Zzz", "Yyy", "2012-09-09", "LE2 7AA"), 100).empty());
  BOOST_TEST(contains(index.candidates(person(0, "Xavier", "Clarke", "2012-09-09", "LE2 7AA"), 100), 1));
}

BOOST_AUTO_TEST_CASE(the_home_finds_a_child_whose_names_date_and_postcode_are_all_mistyped) {
  // Issue 20's harsh data: a second referral with the given name blank, the family name, the date
  // of birth and the postcode each mistyped, shares no name, date or postcode key with the first.
  // Its address still names the home: the house and flat numbers and the street's sound.
  MatchIndex index(variants());
  PersonRecord filed = person(1, "Anjali", "Patel", "2011-02-21", "NG2 0UN");
  filed.address = "Flat 6, 28 Cheddon Drive";
  BOOST_REQUIRE(index.add(filed).ok());
  PersonRecord probe = person(0, "", "Pat3l", "2016-02-21", "NG2 9NU");
  for (const char* written :
       {"Flat 6, 28 Cheddon Drive", "28 Cheddon Dr, flat 6", "Flat 6, 28 Chedon Drive"}) {
    probe.address = written;
    BOOST_TEST(contains(index.candidates(probe, 100), 1), written);
  }
  // Another house in the street, or the same number in another street, is not the home.
  for (const char* elsewhere : {"Flat 6, 30 Cheddon Drive", "Flat 6, 28 Melton Drive"}) {
    probe.address = elsewhere;
    BOOST_TEST(!contains(index.candidates(probe, 100), 1), elsewhere);
  }
}

BOOST_AUTO_TEST_CASE(add_remove_and_update_keep_the_index_consistent) {
  MatchIndex index(variants());
  BOOST_REQUIRE(index.add(person(1, "Jakub", "Nowak", "2010-06-01", "LE4 5TB")).ok());
  BOOST_TEST(index.size() == 1u);
  auto duplicate = index.add(person(1, "Other", "Child", "2011-01-01", ""));
  BOOST_REQUIRE(!duplicate.ok());
  BOOST_CHECK(duplicate.error().code == ErrorCode::conflict);

  // A record is never its own candidate.
  BOOST_TEST(index.candidates(person(1, "Jakub", "Nowak", "2010-06-01", "LE4 5TB"), 10).empty());
  BOOST_TEST(contains(index.candidates(person(7, "Jakub", "Nowak", "2010-06-01", "LE4 5TB"), 10), 1));

  // After a merge the survivor carries corrected details and is found under them.
  BOOST_REQUIRE(index.update(person(1, "Jakub", "Nowak-Smith", "2010-06-02", "TA1 2AB")).ok());
  BOOST_TEST(index.match(person(7, "Jakub", "Nowak-Smith", "2010-06-02", "TA1 2AB")).front().id == 1);
  BOOST_TEST(index.candidates(person(7, "Zed", "Qwerty", "2010-06-01", ""), 10).empty());

  BOOST_REQUIRE(index.remove(1).ok());
  BOOST_TEST(index.size() == 0u);
  BOOST_TEST(index.match(person(7, "Jakub", "Nowak-Smith", "2010-06-02", "TA1 2AB")).empty());
  BOOST_CHECK(index.remove(1).error().code == ErrorCode::not_found);
  BOOST_CHECK(index.update(person(1, "A", "B", "2010-01-01", "")).error().code == ErrorCode::not_found);
  // A freed slot is reused without confusion.
  BOOST_REQUIRE(index.add(person(3, "Zofia", "Mazur", "2012-02-02", "LE1 1AA")).ok());
  BOOST_TEST(index.match(person(8, "Zofia", "Mazur", "2012-02-02", "LE1 1AA")).front().id == 3);
}

BOOST_AUTO_TEST_CASE(match_explains_every_candidate_best_first) {
  MatchIndex index(variants());
  BOOST_REQUIRE(index.add(person(1, "Olivia", "Brown", "2013-01-09", "LE3 1AB")).ok());
  BOOST_REQUIRE(index.add(person(2, "Olivia", "Brown", "2013-01-19", "LE3 1AB")).ok());
  auto candidates = index.match(person(0, "Olivia", "Brown", "9/1/2013", "le31ab"));
  BOOST_REQUIRE(candidates.size() == 2u);
  BOOST_TEST(candidates[0].id == 1);
  BOOST_TEST(candidates[0].score > candidates[1].score);
  BOOST_REQUIRE(candidates[0].evidence.size() == kFieldCount);
  double sum = 0;
  for (const auto& e : candidates[0].evidence) sum += e.weight;
  BOOST_TEST(sum == candidates[0].score, boost::test_tools::tolerance(1e-9));
  BOOST_TEST(candidates[0].evidence[3].field == "postcode");
  BOOST_TEST(candidates[0].evidence[3].level == "full");
  BOOST_TEST(candidates[0].evidence[3].left == "LE3 1AB");
  BOOST_TEST(index.match(person(0, "Olivia", "Brown", "9/1/2013", "le31ab"), 1).size() == 1u);
}

BOOST_AUTO_TEST_CASE(lookups_touch_few_records_in_a_large_register) {
  SyntheticGenerator gen;
  auto people = gen.population(50000);
  MatchIndex index(variants());
  for (const auto& p : people) BOOST_REQUIRE(index.add(p).ok());
  MatchStats stats;
  ErrorRates rates;
  for (std::size_t i = 0; i < 200; ++i) {
    PersonRecord probe = gen.duplicate(people[i * 37], rates);
    probe.id = 0;
    auto candidates = index.match(probe, 5, &stats);
    (void)candidates;
  }
  BOOST_TEST(stats.candidatesTouched / 200 < 600u);
}

// Lookups compare candidates from compact fingerprints (interned names and postcodes, a Bloom
// signature of the address) instead of the records themselves; they must reach exactly the
// levels compareRecords does, or the wrong candidates would be ranked first.
BOOST_AUTO_TEST_CASE(lookups_compare_candidates_exactly_as_compare_records) {
  SyntheticConfig config;
  config.districts = {"LE2", "LE3"};  // dense blocks: many candidates per probe
  SyntheticGenerator gen(config);
  auto people = gen.population(8000);
  // Hand-made edge cases: double-barrelled, spaced and crossed names, a missing date of birth,
  // an outward code alone, accents, no address, one-letter names.
  people.push_back({8001, "Mary Jane", "Smith-Jones", parseFlexibleDate("2012-04-03"), "LE2 7GH", "100001",
                    "Flat 2, 14 Oak Road"});
  people.push_back({8002, "Smith", "Mary", parseFlexibleDate("2012-04-03"), "LE2", "", ""});
  people.push_back({8003, "Zoë", "O'Brien", std::nullopt, "LE2 7GH", "100001", "14 Oak Road"});
  people.push_back({8004, "J", "Smith Jones", parseFlexibleDate("2012-03-04"), "", "", "14 Oak Rd Flat 2"});
  MatchIndex index(variants());
  for (const auto& p : people) BOOST_REQUIRE(index.add(p).ok());
  // Slots are reused and records re-filed: fingerprints must follow.
  for (Id id = 1; id <= 400; id += 4) BOOST_REQUIRE(index.remove(id).ok());
  for (Id id = 2; id <= 400; id += 4) {
    auto moved = people[static_cast<std::size_t>(id - 1)];
    moved.postcode = "LE3 9ZZ";
    moved.address = "1 New Street";
    BOOST_REQUIRE(index.update(moved).ok());
    people[static_cast<std::size_t>(id - 1)] = moved;
  }
  for (Id id = 1; id <= 400; id += 4) BOOST_REQUIRE(index.add(people[static_cast<std::size_t>(id - 1)]).ok());

  ErrorRates rates;
  rates.givenTypo = rates.familyTypo = 0.3;
  rates.swappedNames = rates.nickname = rates.hyphenOrSpace = 0.2;
  rates.moved = rates.postcodeSlip = rates.dayMonthSwapped = 0.2;
  std::vector<PersonRecord> probes;
  for (std::size_t i = 0; i < 300; ++i)
    probes.push_back(gen.duplicate(people[(i * 131) % people.size()], rates));
  for (std::size_t i = 8000; i < people.size(); ++i) probes.push_back(people[i]);
  for (auto& p : probes) p.id = 0;
  probes.push_back(
      {0, "Mary-Jane", "Smith", parseFlexibleDate("2012-04-03"), "le27gh", "100001", "flat 2 14 oak road"});
  probes.push_back({0, "Mary", "Smith", parseFlexibleDate("2012-04-03"), "LE2 7", "", "14 oak road flat 2"});

  std::size_t compared = 0, namesSwapped = 0, addressesShared = 0;
  for (const auto& probe : probes) {
    const PreparedRecord a = prepare(probe, variants());
    for (const auto& [id, fast] : index.comparisons(probe)) {
      const ComparisonVector slow =
          compareRecords(a, prepare(people[static_cast<std::size_t>(id - 1)], variants()), variants());
      ++compared;
      namesSwapped += slow.namesSwapped;
      addressesShared += slow.level(Field::address) == 0;
      BOOST_TEST_CONTEXT(probe.givenName << " " << probe.familyName << " vs record " << id) {
        BOOST_TEST(fast.levels == slow.levels, boost::test_tools::per_element());
        BOOST_TEST(fast.namesSwapped == slow.namesSwapped);
      }
    }
  }
  BOOST_TEST(compared > 5000u);  // the blocks really were dense
  BOOST_TEST(namesSwapped > 0u);
  BOOST_TEST(addressesShared > 0u);
}

BOOST_AUTO_TEST_CASE(estimation_from_the_register_installs_a_sensible_model) {
  SyntheticGenerator gen;
  auto people = gen.population(5000);
  MatchIndex index(variants());
  for (const auto& p : people) {
    BOOST_REQUIRE(index.add(p).ok());
    PersonRecord copy = gen.duplicate(p, ErrorRates{});
    copy.id = p.id + 100000;
    BOOST_REQUIRE(index.add(copy).ok());
  }
  auto model = index.estimateModel(50000, 50000, 7);
  BOOST_TEST(model.matchProportion > 0.0);
  // Exact agreement on date of birth is strong evidence; u near 1/4750 for 13 birth cohorts.
  BOOST_TEST(model.weight(Field::date_of_birth, 0) > 6.0);
  BOOST_TEST(model.fields[2].u[0] < 0.002);
  BOOST_TEST(model.fields[0].m[0] > 0.5);
  BOOST_TEST(index.model().weight(Field::postcode, 0) == model.weight(Field::postcode, 0));
}

BOOST_AUTO_TEST_CASE(concurrent_lookups_and_changes_are_safe) {
  SyntheticGenerator gen;
  auto people = gen.population(2000);
  MatchIndex index(variants());
  for (std::size_t i = 0; i < 1000; ++i) BOOST_REQUIRE(index.add(people[i]).ok());
  std::thread writer([&] {
    for (std::size_t i = 1000; i < 2000; ++i) (void)index.add(people[i]);
    for (std::size_t i = 0; i < 500; ++i) (void)index.remove(people[i].id);
  });
  std::size_t found = 0;
  for (std::size_t i = 500; i < 1000; ++i) {
    PersonRecord probe = people[i];
    probe.id = 0;
    auto candidates = index.match(probe, 1);
    found += !candidates.empty() && candidates.front().id == people[i].id;
  }
  writer.join();
  BOOST_TEST(found == 500u);
  BOOST_TEST(index.size() == 1500u);
}

BOOST_AUTO_TEST_SUITE_END()
