// Postcodes as the register validates them (validation::postcode, every form and API field) and as
// the matcher reads them (matching::parsePostcode, spreadsheets). Both normalise; normalising twice
// changes nothing, and what the register accepts the matcher reads as the same full postcode.
#include "fuzz_support.h"
#include "ycr/core/matching/normalise.h"
#include "ycr/core/validation.h"

using namespace ycr;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);

  auto valid = validation::postcode("postcode", in);
  if (valid) {
    const std::string& pc = *valid;
    FUZZ_CHECK(pc.size() >= 6 && pc.size() <= 8 && pc[pc.size() - 4] == ' ', input + " -> " + pc);
    auto again = validation::postcode("postcode", pc);
    FUZZ_CHECK(again && *again == pc, input + " -> " + pc);
    auto read = matching::parsePostcode(in);
    FUZZ_CHECK(read && read->full == pc, input + " -> " + pc + " / " + (read ? read->full : "(none)"));
  } else {
    FUZZ_CHECK(valid.error().fields.size() == 1 && valid.error().fields[0].field == "postcode", input);
  }

  if (auto p = matching::parsePostcode(in)) {
    FUZZ_CHECK(!p->district.empty() && !p->area.empty(), input);
    FUZZ_CHECK(p->district.rfind(p->area, 0) == 0, input);
    if (!p->full.empty()) {
      FUZZ_CHECK(p->sector.rfind(p->district + " ", 0) == 0 && p->full.rfind(p->sector, 0) == 0, input);
      auto again = matching::parsePostcode(p->full);
      FUZZ_CHECK(again && again->full == p->full && again->district == p->district, input + " -> " + p->full);
    } else {
      FUZZ_CHECK(p->sector.empty(), input);
    }
  }
  return 0;
}
