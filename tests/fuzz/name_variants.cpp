// The name variants file (name_variants_file, core/data/diminutives.csv; matching NameVariants::parse):
// any text reads or is refused, every name it lists is known, and its groups are ones the table has.
#include "fuzz_support.h"
#include "ycr/core/matching/compare.h"
#include "ycr/core/matching/normalise.h"

using namespace ycr;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);
  auto variants = matching::NameVariants::parse(in);
  if (!variants) return 0;
  std::string_view rest = in;
  while (!rest.empty()) {
    std::string_view line = fuzz::take(rest, "\n");
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos || line[first] == '#') continue;
    std::string_view names = line;
    while (!names.empty()) {
      const std::string compact = matching::compactName(fuzz::take(names, ","));
      if (compact.empty()) continue;
      FUZZ_CHECK(variants->isKnown(compact), input + " : " + compact);
      auto primary = variants->primaryGroup(compact);
      FUZZ_CHECK(primary.has_value() == !variants->groupsOf(compact).empty(), input + " : " + compact);
      if (primary) FUZZ_CHECK(*primary < variants->groupCount(), input + " : " + compact);
    }
  }
  return 0;
}
