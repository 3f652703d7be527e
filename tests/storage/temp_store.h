#pragma once
// A migrated SQLite store in a directory of its own for one test, removed with it: the storage tests'
// shared fixture. The directory is named by the process and the fixture's address, so tests run in
// parallel (CTest -j, two suites at once) never share a file.

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>

#include "ycr/storage/sqlite_store.h"

namespace ycr::test_support {

struct TempStore {
  std::filesystem::path dir;
  std::unique_ptr<storage::SqliteStore> store;

  // `name` tells a left-behind directory's test; `connections` is the store's pool; migrated up to
  // `upTo` (a test of an upgrade starts before it).
  explicit TempStore(const std::string& name, int connections = 2, int upTo = kLatest)
      : dir(std::filesystem::temp_directory_path() /
            ("ycr-" + name + "-" + std::to_string(::getpid()) + "-" +
             std::to_string(reinterpret_cast<std::uintptr_t>(this)))),
        connections_(connections) {
    std::filesystem::create_directories(dir);
    open(upTo);
  }
  ~TempStore() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  std::string path() const { return (dir / "test.db").string(); }
  static constexpr int kLatest = std::numeric_limits<int>::max();

  // Opens (again, after the last store is closed) and migrates up to `upTo`.
  void open(int upTo = kLatest) {
    store.reset();
    auto s = storage::SqliteStore::open({path(), connections_, 5000});
    BOOST_REQUIRE(s);
    BOOST_REQUIRE(s.value()->migrate(upTo));
    store = std::move(s.value());
  }

 private:
  int connections_;
};

}  // namespace ycr::test_support
