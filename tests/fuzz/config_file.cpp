// The configuration file (services/config.cpp loadConfigFile: key = value lines, # comments), read
// from an in-memory file. A file either loads, leaving every setting inside its documented range,
// or is refused with an error naming the file and line; loading never throws.
#include <sys/mman.h>
#include <unistd.h>

#include <cmath>

#include "fuzz_support.h"
#include "ycr/services/client_address.h"
#include "ycr/services/config.h"

using namespace ycr;
using namespace ycr::services;

namespace {

const std::string& memoryFile() {
  static const std::string path = [] {
    int fd = memfd_create("ycr-fuzz-config", 0);
    if (fd < 0) fuzz::fail(__FILE__, __LINE__, "memfd_create", "no in-memory file");
    return "/proc/self/fd/" + std::to_string(fd);
  }();
  return path;
}

void writeFile(std::string_view text) {
  const int fd = std::stoi(memoryFile().substr(std::string("/proc/self/fd/").size()));
  if (ftruncate(fd, 0) != 0 || pwrite(fd, text.data(), text.size(), 0) != static_cast<ssize_t>(text.size()))
    fuzz::fail(__FILE__, __LINE__, "write", "the in-memory file");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);
  writeFile(in);
  Config config;
  Status loaded;
  try {
    loaded = loadConfigFile(config, memoryFile());
  } catch (const std::exception& e) {
    fuzz::fail(__FILE__, __LINE__, "loadConfigFile threw", input + " : " + e.what());
  }
  if (!loaded) {
    // "<file>:<line>: ..." so the operator can go to the line.
    FUZZ_CHECK(loaded.error().detail.rfind(memoryFile() + ":", 0) == 0,
               input + " : " + loaded.error().detail);
    return 0;
  }
  FUZZ_CHECK(config.port >= 0 && config.port <= 65535, input);
  FUZZ_CHECK(config.metricsPort >= -1 && config.metricsPort <= 65535, input);
  FUZZ_CHECK(config.maxThreads >= 1 && config.dbPoolSize >= 1, input);
  FUZZ_CHECK(config.maxHeaderFields >= 8 && config.maxHeaderFields <= 100, input);
  FUZZ_CHECK(config.maxBodyBytes >= 1024 && config.maxHeaderBytes >= 1024, input);
  FUZZ_CHECK(std::isfinite(config.disclosureNoiseSigma) && config.disclosureNoiseSigma >= 1, input);
  FUZZ_CHECK(std::isfinite(config.prevalencePercent) && config.prevalencePercent >= 0 &&
                 config.prevalencePercent <= 100,
             input);
  FUZZ_CHECK(std::isfinite(config.matchMargin) && config.matchMargin >= 0, input);
  FUZZ_CHECK(config.cardUpperAge >= 18 && config.cardUpperAge <= 25, input);
  FUZZ_CHECK(config.publicBaseUrl.rfind("http://", 0) == 0 || config.publicBaseUrl.rfind("https://", 0) == 0,
             input);
  FUZZ_CHECK(!config.intakeTeam.empty() && !config.issuerName.empty(), input);
  // The proxies setting was checked when set, so the server's own parse of it cannot fail.
  FUZZ_CHECK(TrustedProxies::parse(config.trustedProxies), input);
  // Targets in stages: each figure finite and not negative, the dated stages in order, the last undated.
  for (const auto& [id, stages] : config.indicatorTargets) {
    FUZZ_CHECK(!stages.empty() && !stages.back().until, input);
    for (std::size_t i = 0; i < stages.size(); ++i) {
      FUZZ_CHECK(std::isfinite(stages[i].target) && stages[i].target >= 0, input);
      if (i + 1 < stages.size()) FUZZ_CHECK(stages[i].until.has_value(), input);
      if (i > 0 && i + 1 < stages.size()) FUZZ_CHECK(*stages[i - 1].until < *stages[i].until, input);
    }
  }
  return 0;
}
