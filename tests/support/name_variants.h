#pragma once
// The given-name variants the product ships (core/data/diminutives.csv), loaded once for the tests
// that match names.

#include <boost/test/unit_test.hpp>
#include <string>

#include "ycr/core/matching/compare.h"

namespace ycr::test_support {

inline const matching::NameVariants& variants() {
  static const matching::NameVariants table = [] {
    auto loaded =
        matching::NameVariants::loadFile(std::string(YCR_SOURCE_DIR) + "/core/data/diminutives.csv");
    BOOST_REQUIRE(loaded.ok());
    return *loaded;
  }();
  return table;
}

}  // namespace ycr::test_support
