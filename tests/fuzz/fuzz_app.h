// One App for the fuzz targets that go through the service itself (routes, pages, the HTTP
// server): a database in a scratch directory (in memory when /dev/shm exists), a fixed clock,
// an organisation of each kind that matters, an admin, a caseworker, a team manager and a school's referrer
// with sessions, and one referral filed so that young carer 1 and case 1 exist. Made once per process.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "ycr/core/ids.h"
#include "ycr/core/time.h"
#include "ycr/services/app.h"

namespace ycr::fuzz {

struct Person {
  std::string token;  // the session's bearer token (also the pages' cookie value)
  services::Principal principal;
};

struct FuzzApp {
  std::filesystem::path dir;
  FixedClock clock{*parseIsoTimestamp("2024-03-01T10:00:00Z")};
  RandomIdSource ids;
  services::Config config;
  std::unique_ptr<services::App> app;
  Id service = 0, school = 0;
  Person admin, caseworker, manager, referrer;

  // The process's App, created on first use; `listening` starts the HTTP server too.
  static FuzzApp& get(bool listening = false);
  ~FuzzApp();
};

}  // namespace ycr::fuzz
