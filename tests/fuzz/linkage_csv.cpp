// The linkage file `ycr linkage-eval` reads (matching parseLinkageCsv): a fixed header, quoted
// fields, flexible dates. What is read is written back (formatLinkageCsv) and reads the same again.
#include "fuzz_support.h"
#include "ycr/core/matching/linkage.h"

using namespace ycr;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);
  (void)matching::splitCsvLine(in);
  auto rows = matching::parseLinkageCsv(in);
  if (!rows) return 0;
  const std::string written = matching::formatLinkageCsv(*rows);
  auto again = matching::parseLinkageCsv(written);
  FUZZ_CHECK(again, input + " -> " + written + " : " + (again ? "" : again.error().detail));
  FUZZ_CHECK(again->size() == rows->size(), input + " -> " + written);
  for (std::size_t i = 0; i < rows->size(); ++i) {
    const auto& a = (*rows)[i];
    const auto& b = (*again)[i];
    FUZZ_CHECK(a.sourceRef == b.sourceRef && a.truthId == b.truthId, input + " -> " + written);
    FUZZ_CHECK(a.record.givenName == b.record.givenName && a.record.familyName == b.record.familyName &&
                   a.record.dateOfBirth == b.record.dateOfBirth && a.record.postcode == b.record.postcode &&
                   a.record.schoolUrn == b.record.schoolUrn && a.record.address == b.record.address,
               input + " -> " + written);
  }
  return 0;
}
