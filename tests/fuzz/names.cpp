// Names and free text as typed into forms, API bodies and spreadsheets: validation::name and
// validation::text, the register's folding for search and identity (text::fold), the matcher's
// folding (foldName, compactName, nameParts, soundex), UTF-8 decoding, and text::csvCell, whose
// cells must read back through the import's own CSV reader unchanged.
#include "fuzz_support.h"
#include "ycr/core/import_file.h"
#include "ycr/core/matching/normalise.h"
#include "ycr/core/text.h"
#include "ycr/core/validation.h"

using namespace ycr;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in = fuzz::text(data, size);
  const std::string input(in);

  // A valid name is trimmed, its inner spaces folded, and valid again as it stands.
  if (auto n = validation::name("given_name", in)) {
    FUZZ_CHECK(!n->empty() && validation::isValidUtf8(*n), input);
    FUZZ_CHECK(n->front() != ' ' && n->back() != ' ' && n->find("  ") == std::string::npos, input);
    FUZZ_CHECK(validation::codePointCount(*n) <= validation::kMaxNameLength, input);
    auto again = validation::name("given_name", *n);
    FUZZ_CHECK(again && *again == *n, input);
    // It has a letter, which the folding keeps: names that fold to nothing would be one child.
    FUZZ_CHECK(!matching::compactName(*n).empty() && !text::fold(*n).empty(), input);
  }
  if (auto t = validation::text("caring_summary", in)) {
    FUZZ_CHECK(t->empty() || *t == in, input);
    FUZZ_CHECK(validation::isValidUtf8(*t), input);
  }

  // Folding is idempotent and yields words of lower-case text separated by single spaces.
  const std::string folded = text::fold(in);
  FUZZ_CHECK(text::fold(folded) == folded, input + " -> " + folded);
  FUZZ_CHECK(folded.empty() || (folded.front() != ' ' && folded.back() != ' '), input);
  FUZZ_CHECK(folded.find("  ") == std::string::npos, input);
  const std::string compact = matching::compactName(in);
  FUZZ_CHECK(matching::compactName(compact) == compact, input + " -> " + compact);
  FUZZ_CHECK(compact.find(' ') == std::string::npos, input);
  const std::string name = matching::foldName(in);
  FUZZ_CHECK(matching::foldName(name) == name, input + " -> " + name);
  for (const auto& part : matching::nameParts(in))
    FUZZ_CHECK(!part.empty() && part.find(' ') == std::string::npos, input);
  const std::string key = matching::soundex(compact);
  FUZZ_CHECK(!key.empty(), input);

  // UTF-8: what decodes re-encodes to valid UTF-8, and valid input survives the round trip.
  const std::u32string cps = matching::decodeUtf8(in);
  const std::string encoded = matching::encodeUtf8(cps);
  FUZZ_CHECK(validation::isValidUtf8(encoded), input);
  if (validation::isValidUtf8(in)) {
    FUZZ_CHECK(encoded == in, input);
    FUZZ_CHECK(cps.size() == validation::codePointCount(in), input);
  }

  // A CSV cell reads back as the value, with the leading quote that makes formulas inert.
  const std::string cell = text::csvCell(in);
  auto table = parseCsv("a,b\n" + cell + ",end\n");
  FUZZ_CHECK(table, input + " -> " + cell);
  FUZZ_CHECK(table->records.size() == 1 && table->records[0].fields.size() == 2, input + " -> " + cell);
  std::string expected = input;
  if (!in.empty() && std::string_view("=+-@\t\r").find(in.front()) != std::string_view::npos)
    expected = "'" + input;
  FUZZ_CHECK(table->records[0].fields[0] == expected && table->records[0].fields[1] == "end",
             input + " -> " + cell);
  return 0;
}
