#pragma once
// Days and instants written out in the tests as ISO 8601 text: day("2024-03-04"),
// at("2024-03-04T10:00:00Z"). A mistyped one throws, failing its test, rather than reading as no date.

#include <stdexcept>
#include <string>
#include <string_view>

#include "ycr/core/time.h"

namespace ycr::test_support {

inline Date day(std::string_view iso) {
  auto parsed = parseIsoDate(iso);
  if (!parsed) throw std::invalid_argument("bad date in test: " + std::string(iso));
  return *parsed;
}

inline Timestamp at(std::string_view iso) {
  auto parsed = parseIsoTimestamp(iso);
  if (!parsed) throw std::invalid_argument("bad timestamp in test: " + std::string(iso));
  return *parsed;
}

}  // namespace ycr::test_support
