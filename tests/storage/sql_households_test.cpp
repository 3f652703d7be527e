// Households in SQLite (sql_households.cpp, migration 0020): a register from before households gets one
// person for each row and the same figures; a row stored without a person is a person of its own; a
// row links to another's person, or to a new one, only when asked.

#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <set>
#include <tuple>

#include "ycr/storage/migrations.h"
#include "ycr/storage/sqlite_store.h"

using namespace ycr;
namespace fs = std::filesystem;

namespace {

struct HouseholdDb {
  fs::path dir;
  std::string path;
  HouseholdDb() {
    dir = fs::temp_directory_path() / ("ycr-households-" + std::to_string(::getpid()) + "-" +
                                       std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(dir);
    path = (dir / "test.db").string();
  }
  ~HouseholdDb() { fs::remove_all(dir); }

  void exec(sqlite3* db, const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string message = err ? err : "";
    sqlite3_free(err);
    BOOST_REQUIRE_MESSAGE(rc == SQLITE_OK, message);
  }
  // Rows of a query, each as its columns joined by '|'.
  std::multiset<std::string> rows(const std::string& sql) {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    BOOST_REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::multiset<std::string> out;
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        auto text = sqlite3_column_text(s, c);
        row += (c ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      out.insert(row);
    }
    sqlite3_finalize(s);
    sqlite3_close(db);
    return out;
  }
  std::unique_ptr<storage::SqliteStore> open() {
    auto opened = storage::SqliteStore::open({path, 2, 5000});
    BOOST_REQUIRE(opened.ok());
    return std::move(opened.value());
  }
};

const char* const kYoungCarers =
    "INSERT INTO young_carers(id, given_name, family_name, search_key, identity_key, date_of_birth, "
    "created_at, "
    "updated_at) VALUES (1, 'Ada', 'Okafor', 'ada okafor', 'a', '2011-04-02', '2024-01-01T09:00:00Z', "
    "'2024-01-01T09:00:00Z'), (2, 'Ben', 'Okafor', 'ben okafor', 'b', '2013-09-17', '2024-01-01T09:00:00Z', "
    "'2024-01-01T09:00:00Z');"
    "INSERT INTO cared_for_people(young_carer_id, relationship, conditions) VALUES "
    "(1, 'parent', 'mental_ill_health'), (1, 'grandparent', ''), (2, 'parent', 'alcohol,mental_ill_health');";

}  // namespace

BOOST_AUTO_TEST_SUITE(sql_households_test)

BOOST_AUTO_TEST_CASE(a_register_from_before_households_gets_a_person_for_each_row_and_the_same_figures) {
  HouseholdDb db;
  {
    // Migrations 0001 to 0019 as `ycr migrate` applied them, and people cared for recorded then.
    sqlite3* raw = nullptr;
    BOOST_REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
    db.exec(raw,
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at "
            "TEXT NOT "
            "NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
    for (const auto& m : storage::embeddedMigrations())
      if (m.version < 20)
        db.exec(raw, "BEGIN;\n" + m.sql + "\n;INSERT INTO schema_migrations(version, name) VALUES (" +
                         std::to_string(m.version) + ", '" + m.name + "');\nCOMMIT;");
    db.exec(raw, kYoungCarers);
    sqlite3_close(raw);
  }
  const auto figures = db.rows("SELECT young_carer_id, relationship, condition FROM stats_care");
  BOOST_TEST(figures.size() == 4u);

  auto store = db.open();
  auto applied = store->migrate();
  BOOST_REQUIRE(applied.ok());
  BOOST_REQUIRE(!applied.value().empty());
  BOOST_TEST(applied.value().front() == 20);  // and any later ones
  // One person each: nobody said any two rows are the same person.
  BOOST_TEST(db.rows("SELECT COUNT(DISTINCT person_id), COUNT(*) FROM cared_for_people") ==
             std::multiset<std::string>{"3|3"});
  BOOST_TEST(db.rows("SELECT COUNT(*) FROM cared_for_people WHERE person_id NOT IN (SELECT id FROM "
                     "household_members)") == std::multiset<std::string>{"0"});
  BOOST_TEST(db.rows("SELECT young_carer_id, relationship, condition FROM stats_care") == figures);
}

BOOST_AUTO_TEST_CASE(rows_link_to_a_person_only_when_asked) {
  HouseholdDb db;
  auto store = db.open();
  BOOST_REQUIRE(store->migrate().ok());
  {
    sqlite3* raw = nullptr;
    BOOST_REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
    db.exec(raw, "DELETE FROM cared_for_people");
    db.exec(raw, kYoungCarers);
    sqlite3_close(raw);
  }
  auto tx = store->begin(true);
  auto& people = tx->youngCarers();
  auto adaMum = people.caredFor(1).front(), benMum = people.caredFor(2).front();
  BOOST_TEST(adaMum.personId != 0);
  BOOST_TEST(benMum.personId != adaMum.personId);

  // A row stored for a person joins them; one stored without is a new person.
  CaredForPerson same = benMum;
  same.personId = adaMum.personId;
  auto joined = people.addCaredFor(same, std::nullopt);
  BOOST_REQUIRE(joined.ok());
  BOOST_TEST(people.findCaredFor(*joined)->personId == adaMum.personId);

  auto linked = people.linkCaredFor(benMum.id, adaMum.personId);
  BOOST_REQUIRE(linked.ok());
  BOOST_TEST(*linked == adaMum.personId);
  BOOST_TEST(people.caringFor(adaMum.personId).size() == 3u);
  auto alone = people.linkCaredFor(benMum.id, std::nullopt);
  BOOST_REQUIRE(alone.ok());
  BOOST_TEST(*alone != adaMum.personId);
  BOOST_TEST(people.caringFor(adaMum.personId).size() == 2u);
  BOOST_TEST(people.caringFor(*alone).size() == 1u);

  BOOST_TEST((people.linkCaredFor(benMum.id, Id{999999}).error().code == ErrorCode::not_found));
  BOOST_TEST((people.linkCaredFor(999999, adaMum.personId).error().code == ErrorCode::not_found));
  BOOST_TEST(!people.findCaredFor(999999));
}

BOOST_AUTO_TEST_SUITE_END()
