#pragma once
// `ycr import` and `ycr linkage-eval`: what the command line does once its options are read.
// Both return the process exit code: 0 done (an import with rejected rows is done), 2 bad usage,
// a file that cannot be read or columns that cannot be mapped, 1 any other failure.

#include <string>
#include <vector>

#include "ycr/core/time.h"
#include "ycr/services/config.h"

namespace ycr::services {

struct ImportCommand {
  std::string file;
  std::string source;
  std::vector<std::string> maps;  // field=column
  bool dryRun = false;
  std::string reportPath;
};
int runImport(const Config& config, const ImportCommand& command, const Clock& clock);

struct LinkageEvalCommand {
  std::vector<std::string> files;
  std::string truthColumn;
  std::vector<std::string> maps;
};
int runLinkageEval(const Config& config, const LinkageEvalCommand& command);

}  // namespace ycr::services
