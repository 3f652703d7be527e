#pragma once
// The bulk import's tests (import_test.cpp, import_rejected_test.cpp): a register in a scratch
// directory with its identity resolver, and an import of CSV text into it as `ycr import` runs one.

#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/name_variants.h"
#include "ycr/services/importer.h"
#include "ycr/storage/sqlite_store.h"

namespace ycr::services {
inline std::ostream& operator<<(std::ostream& out, ImportOutcome o) {
  return out << toString(o);
}
}  // namespace ycr::services

namespace ycr::test_support {

using services::IdentityResolver;
using services::IdentitySettings;
using services::Importer;
using services::ImportOptions;
using services::ImportSummary;

struct ImportFixture {
  std::filesystem::path dir;
  FixedClock clock{*parseIsoTimestamp("2024-09-02T09:00:00Z")};
  std::unique_ptr<storage::SqliteStore> store;
  std::unique_ptr<IdentityResolver> resolver;

  ImportFixture() {
    spdlog::set_level(spdlog::level::warn);
    dir = std::filesystem::temp_directory_path() / ("ycr-import-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    auto s = storage::SqliteStore::open({(dir / "ycr.db").string(), 2, 5000});
    BOOST_REQUIRE(s);
    store = std::move(s.value());
    BOOST_REQUIRE(store->migrate());
    resolver = std::make_unique<IdentityResolver>(variants(), IdentitySettings{});
    BOOST_REQUIRE(resolver->load(*store));
  }
  ~ImportFixture() {
    store.reset();
    std::filesystem::remove_all(dir);
  }

  ImportSummary import(const std::string& csv, const std::string& source, bool dryRun = false,
                       std::size_t batch = 1000, const std::vector<std::string>& maps = {},
                       unsigned threads = 0) {
    auto t = parseCsv(csv);
    BOOST_REQUIRE(t);
    auto m = mapColumns(t->header, maps, registerRequiredFields());
    BOOST_REQUIRE_MESSAGE(m, (m ? "" : m.error().detail));
    ImportOptions o;
    o.source = source;
    o.dryRun = dryRun;
    o.batchSize = batch;
    o.threads = threads;
    auto r = Importer(*store, *resolver, clock, variants()).run(*t, *m, o);
    BOOST_REQUIRE_MESSAGE(r, (r ? "" : r.error().detail));
    return std::move(r.value());
  }
  std::size_t count(const std::string& table) {
    auto tx = store->begin(false);
    std::size_t n = 0;
    if (table == "young_carers")
      tx->youngCarers().forEachLive(0, [&](const YoungCarer&) { ++n; });
    else if (table == "import_rows")
      n = tx->imports().forSource("school").size() + tx->imports().forSource("gp").size();
    else if (table == "audit")
      n = static_cast<std::size_t>(tx->audit().query(AuditQuery{}).total);
    return n;
  }
  YoungCarer youngCarer(const std::string& given, const std::string& family, const std::string& dob,
                        const std::string& postcode, const std::string& school = "") {
    YoungCarer yc;
    yc.givenName = given;
    yc.familyName = family;
    yc.dateOfBirth = *parseIsoDate(dob);
    yc.postcode = postcode;
    yc.schoolUrn = school;
    yc.createdAt = yc.updatedAt = clock.now();
    return yc;
  }
  // SQL on a connection of its own, as another program sharing the database would run it.
  void execSql(const std::string& sql) {
    sqlite3* db = nullptr;
    BOOST_REQUIRE(sqlite3_open((dir / "ycr.db").string().c_str(), &db) == SQLITE_OK);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    BOOST_REQUIRE(rc == SQLITE_OK);
  }
  Id registered(const std::string& given, const std::string& family, const std::string& dob,
                const std::string& postcode, const std::string& school = "") {
    YoungCarer yc = youngCarer(given, family, dob, postcode, school);
    auto tx = store->begin(true);
    auto id = tx->youngCarers().create(yc);
    BOOST_REQUIRE(id);
    BOOST_REQUIRE(tx->commit());
    yc.id = *id;
    resolver->filed(yc);
    return *id;
  }
};

}  // namespace ycr::test_support
