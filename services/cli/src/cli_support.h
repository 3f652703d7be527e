#pragma once
// What the command line's subcommands share (services/cli/src/cli.cpp), so that a group of them can live
// in a file of its own (services/cli/src/cli_data_protection.cpp).

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "ycr/core/result.h"
#include "ycr/services/config.h"
#include "ycr/storage/sqlite_store.h"

namespace ycr::services::cli_support {

// Applies file, then environment, then flags: each later source overrides the earlier.
struct Settings {
  std::string configFile;
  std::vector<std::string> overrides;  // --set key=value
  std::string database, bind;
  int port = -1;
};

Result<Config> resolve(const Settings& s, char** env);
// Prints the error; the exit status for it (2: the input was wrong, 1: anything else).
int fail(const DomainError& e);
void addCommonOptions(CLI::App* cmd, Settings& s);
Result<std::unique_ptr<storage::SqliteStore>> openMigrated(const Config& c);

// `ycr export --young-carer ID` (subject access) and `ycr retention run [--dry-run]`, acting as the
// data protection role from the command line.
void addExportCommand(CLI::App& cli, Settings& s, char** env);
void addRetentionCommand(CLI::App& cli, Settings& s, char** env);

}  // namespace ycr::services::cli_support
