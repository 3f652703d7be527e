#pragma once
// The command line: ycr serve | migrate | organisation add | user add | audit verify | backup.
namespace ycr::services {
int runCli(int argc, char** argv, char** environ);
}  // namespace ycr::services
