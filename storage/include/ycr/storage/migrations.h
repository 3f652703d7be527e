#pragma once
// Versioned schema migrations, embedded from storage/migrations/NNNN_name.sql at build time.

#include <string>
#include <vector>

namespace ycr::storage {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& embeddedMigrations();

}  // namespace ycr::storage
