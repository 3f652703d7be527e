// Schools' young carer champions against a real SQLite file (migration 0034): a champion's time in post,
// ending it once, ending every post of a deactivated account, the schools indicator reading who was in
// post on a day, and the upgrade that made each school's active referrer account its champion.

#include <boost/test/unit_test.hpp>

#include "support/dates.h"
#include "temp_store.h"

using namespace ycr;
using namespace ycr::storage;
using test_support::day;

namespace {

struct ChampionsDb : test_support::TempStore {
  explicit ChampionsDb(int upTo = kLatest) : TempStore("champions", 2, upTo) {}
  Id school(const std::string& name) {
    auto tx = store->begin(true);
    Organisation o;
    o.kind = OrganisationKind::school;
    o.name = name;
    o.createdAt = *parseIsoTimestamp("2023-01-01T09:00:00Z");
    auto id = tx->organisations().create(o);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    return *id;
  }
  Id account(Id organisation, const std::string& username, Role role, const char* created,
             bool active = true) {
    auto tx = store->begin(true);
    User u;
    u.username = username;
    u.displayName = "Ms " + username;
    u.role = role;
    u.organisationId = organisation;
    u.active = active;
    u.passwordHash = "x";
    u.createdAt = *parseIsoTimestamp(created);
    auto id = tx->users().create(u);
    BOOST_REQUIRE(id);
    if (!active) BOOST_REQUIRE(tx->users().setActive(*id, false));
    BOOST_REQUIRE(tx->commit());
    return *id;
  }
  Id champion(Id school, const char* since, std::optional<Id> user = std::nullopt) {
    auto tx = store->begin(true);
    SchoolChampion c;
    c.organisationId = school;
    c.name = "Mrs J. Patel";
    c.post = "Head of Year 9";
    c.userId = user;
    c.since = day(since);
    c.recordedAt = *parseIsoTimestamp("2024-01-01T09:00:00Z");
    auto id = tx->schoolChampions().add(c);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    return *id;
  }
  long long withChampion(const char* on) {
    auto tx = store->begin(true);
    return tx->statistics().schoolsWithChampion(day(on)).numerator;
  }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(school_champions_storage)

BOOST_AUTO_TEST_CASE(a_champion_counts_from_their_first_day_to_their_last) {
  ChampionsDb db;
  Id oak = db.school("Oak Academy");
  db.school("Elm Primary");
  Id c = db.champion(oak, "2024-02-01");
  BOOST_TEST(db.withChampion("2024-01-31") == 0);
  BOOST_TEST(db.withChampion("2024-02-01") == 1);
  {
    auto tx = db.store->begin(true);
    auto ended = tx->schoolChampions().end(c, day("2024-07-19"), "Left the school", std::nullopt,
                                           *parseIsoTimestamp("2024-07-20T09:00:00Z"));
    BOOST_REQUIRE(ended);
    BOOST_TEST(*ended);
    auto again = tx->schoolChampions().end(c, day("2024-07-20"), "Again", std::nullopt,
                                           *parseIsoTimestamp("2024-07-20T09:00:00Z"));
    BOOST_REQUIRE(again);
    BOOST_TEST(!*again);  // stepped down once; the first answer stands
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST(db.withChampion("2024-07-19") == 1);  // the last day counts
  BOOST_TEST(db.withChampion("2024-07-20") == 0);
  auto tx = db.store->begin(false);
  auto found = tx->schoolChampions().findById(c);
  BOOST_REQUIRE(found);
  BOOST_TEST(formatIsoDate(*found->until) == "2024-07-19");
  BOOST_TEST(found->endReason == "Left the school");
  BOOST_TEST(tx->schoolChampions().inPostOn(day("2024-03-01")).size() == 1u);
  BOOST_TEST(tx->schoolChampions().inPostOn(day("2024-08-01")).empty());
}

BOOST_AUTO_TEST_CASE(a_school_with_two_champions_counts_once_and_the_history_lists_those_in_post_first) {
  ChampionsDb db;
  Id oak = db.school("Oak Academy");
  Id first = db.champion(oak, "2023-09-04");
  db.champion(oak, "2024-01-08");
  Id latest = db.champion(oak, "2024-04-15");
  {
    auto tx = db.store->begin(true);
    BOOST_REQUIRE(tx->schoolChampions().end(first, day("2024-03-28"), "", std::nullopt,
                                            *parseIsoTimestamp("2024-03-28T09:00:00Z")));
    BOOST_REQUIRE(tx->commit());
  }
  BOOST_TEST(db.withChampion("2024-05-01") == 1);
  auto tx = db.store->begin(false);
  auto history = tx->schoolChampions().forSchool(oak);
  BOOST_REQUIRE(history.size() == 3u);
  BOOST_TEST(history[0].id == latest);  // in post, latest to start first
  BOOST_TEST(history[2].id == first);   // stepped down, last
}

BOOST_AUTO_TEST_CASE(a_deactivated_account_ends_only_its_own_posts_and_never_before_they_began) {
  ChampionsDb db;
  Id oak = db.school("Oak Academy");
  Id patel = db.account(oak, "patel", Role::referrer, "2024-01-01T09:00:00Z");
  Id jones = db.account(oak, "jones", Role::referrer, "2024-01-01T09:00:00Z");
  Id mine = db.champion(oak, "2024-02-01", patel);
  Id later = db.champion(oak, "2024-06-10", patel);  // named again from a day after the account goes
  Id other = db.champion(oak, "2024-02-01", jones);
  auto tx = db.store->begin(true);
  auto ended = tx->schoolChampions().endForAccount(patel, day("2024-06-03"), "Their account was deactivated",
                                                   std::nullopt, *parseIsoTimestamp("2024-06-03T09:00:00Z"));
  BOOST_REQUIRE(ended);
  BOOST_TEST(*ended == 2);
  BOOST_TEST(formatIsoDate(*tx->schoolChampions().findById(mine)->until) == "2024-06-03");
  BOOST_TEST(formatIsoDate(*tx->schoolChampions().findById(later)->until) == "2024-06-10");
  BOOST_TEST(!tx->schoolChampions().findById(other)->until);
}

// Before migration 0034 a school's champion was its active referrer account, counted from the day it was
// made. The upgrade turns each into a champion in post from that day, so earlier figures stand.
BOOST_AUTO_TEST_CASE(
    the_upgrade_makes_each_active_school_referrer_its_champion_from_the_day_the_account_was_made) {
  ChampionsDb db(33);  // the register before champions were records of their own
  Id oak = db.school("Oak Academy");
  Id elm = db.school("Elm Primary");
  db.school("Ash College");
  Id service = [&] {
    auto tx = db.store->begin(true);
    Organisation o;
    o.kind = OrganisationKind::carers_centre;
    o.name = "Young carers service";
    o.createdAt = *parseIsoTimestamp("2023-01-01T09:00:00Z");
    auto id = tx->organisations().create(o);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    return *id;
  }();
  Id oakChampion = db.account(oak, "oak.champion", Role::referrer, "2024-01-10T09:00:00Z");
  db.account(elm, "elm.champion", Role::referrer, "2024-01-10T09:00:00Z", false);  // deactivated: not counted
  db.account(service, "casey", Role::caseworker, "2024-01-10T09:00:00Z");          // not a school
  db.open();
  auto tx = db.store->begin(false);
  auto champions = tx->schoolChampions().inPostOn(day("2024-01-10"));
  BOOST_REQUIRE(champions.size() == 1u);
  BOOST_TEST(champions[0].organisationId == oak);
  BOOST_TEST(champions[0].userId.value_or(0) == oakChampion);
  BOOST_TEST(champions[0].name == "Ms oak.champion");
  BOOST_TEST(tx->schoolChampions().inPostOn(day("2024-01-09")).empty());
  tx.reset();
  BOOST_TEST(db.withChampion("2024-03-31") == 1);
}

BOOST_AUTO_TEST_SUITE_END()
