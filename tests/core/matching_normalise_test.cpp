#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "ycr/core/matching/normalise.h"

using namespace ycr;
using namespace ycr::matching;

BOOST_AUTO_TEST_SUITE(matching_normalise_test)

BOOST_AUTO_TEST_CASE(names_fold_to_a_comparable_form) {
  struct Row {
    const char* raw;
    const char* folded;
    const char* compact;
  };
  const std::vector<Row> rows = {
      {"O'Brien", "obrien", "obrien"},
      {"O\u2019Brien", "obrien", "obrien"},
      {"OBrien", "obrien", "obrien"},
      {"Zo\u00EB", "zoe", "zoe"},
      {"Zoe\u0308", "zoe", "zoe"},  // decomposed diaeresis
      {"Nguy\u1EC5n", "nguyen", "nguyen"},
      {"Ph\u1EA1m", "pham", "pham"},
      {"\u0110\u1EB7ng", "dang", "dang"},
      {"Al-Amin", "al amin", "alamin"},
      {"Al Amin", "al amin", "alamin"},
      {"  al   AMIN ", "al amin", "alamin"},
      {"Smith-Jones", "smith jones", "smithjones"},
      {"Stra\u00DFe", "strasse", "strasse"},
      {"\u00C6lfric", "aelfric", "aelfric"},
      {"S\u00F8ren", "soren", "soren"},
      {"\u0141ukasz", "lukasz", "lukasz"},
      {"Wi\u015Bniewski", "wisniewski", "wisniewski"},
      {"Ren\u00E9e", "renee", "renee"},
      {"Sin\u00E9ad", "sinead", "sinead"},
      {"St. John", "st john", "stjohn"},
      {"\u00D3 S\u00FAillebh\u00E1in", "o suillebhain", "osuillebhain"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.raw) {
      BOOST_TEST(foldName(r.raw) == r.folded);
      BOOST_TEST(compactName(r.raw) == r.compact);
    }
  }
}

BOOST_AUTO_TEST_CASE(compatibility_forms_fold_as_the_letters_they_show) {
  // Letters the validator accepts, pasted from a phone's full-width keyboard or a styled text
  // generator: Unicode's compatibility normalisation (NFKC) makes them the plain letters.
  struct Row {
    const char* raw;
    const char* folded;
  };
  const std::vector<Row> rows = {
      {"\uFF2E\uFF41\uFF44\uFF49\uFF41", "nadia"},                      // full-width Ｎａｄｉａ
      {"\U0001D413\U0001D421\U0001D41E", "the"},                        // mathematical bold 𝐓𝐡𝐞
      {"\U0001D43F\U0001D462\U0001D45B\U0001D454\U0001D462", "lungu"},  // mathematical italic
      {"\uFB01ona", "fiona"},                                           // the ligature ﬁ
      {"\uFF2C\uFF55\uFF4E\uFF47\uFF55\uFF0D\uFF23\uFF49\uFF42\uFF45\uFF4B", "lungu cibek"},
      {"Zo\u00EB", "zoe"},
      {"\u0645\u062D\u0645\u062F", "\u0645\u062D\u0645\u062F"},  // already normal: unchanged
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.raw) {
      BOOST_TEST(foldName(r.raw) == r.folded);
    }
  }
  BOOST_TEST(compactName("\uFF2E\uFF41\uFF44\uFF49\uFF41") == compactName("Nadia"));
}

BOOST_AUTO_TEST_CASE(folding_a_folded_name_gives_it_back) {
  // Folding drops joiners, apostrophes, spaces and accents that can keep characters apart in
  // NFKC (Hangul jamo, an Arabic letter and its madda, Indic marks): folding again must not
  // join them. Random names from the characters that do it, and a few written out.
  const std::vector<std::u32string> pieces = {
      U"\u1100", U"\u1161", U"\u11A8", U"\u200D", U"\u200C", U"'",      U" ",      U"-",
      U"\u0301", U"\u0627", U"\u0653", U"\u0915", U"\u093C", U"\u094D", U"\uFF21", U"\uFB01",
      U"e",      U"\u1E9B", U"\u0323", U"\u037A", U"\u00A8", U"\u3131", U"\u314F"};
  std::vector<std::string> names = {"\u1100\u200D\u1161", "\u1100 \u1161", "\u0627'\u0653",
                                    "\u0915\u094D'\u093C"};
  std::uint64_t state = 42;
  for (int i = 0; i < 20000; ++i) {
    std::u32string name;
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    for (auto n = 1 + (state >> 60); n > 0; --n) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      name += pieces[(state >> 33) % pieces.size()];
    }
    names.push_back(encodeUtf8(name));
  }
  int broken = 0;
  for (const auto& n : names) {
    const std::string folded = foldName(n), compact = compactName(n);
    if (foldName(folded) != folded || compactName(compact) != compact) {
      if (++broken <= 5) BOOST_ERROR("not idempotent: " << n << " -> " << folded << " / " << compact);
    }
  }
  BOOST_TEST(broken == 0);
}

BOOST_AUTO_TEST_CASE(other_scripts_are_kept_and_lower_cased) {
  BOOST_TEST(foldName("\u0418\u0412\u0410\u041D") == "\u0438\u0432\u0430\u043D");  // ИВАН -> иван
  BOOST_TEST(foldName("\u0645\u062D\u0645\u062F") == "\u0645\u062D\u0645\u062F");  // Arabic unchanged
  BOOST_TEST(foldName("\u738B \u82B3") == "\u738B \u82B3");                        // Chinese kept, space kept
}

BOOST_AUTO_TEST_CASE(any_bytes_are_tolerated) {
  const std::vector<std::string> garbage = {std::string("\xFF\xFE\x80", 3),
                                            std::string("Jo\xC3", 3),
                                            std::string("\xE2\x82", 2),
                                            std::string("\xC0\xAF", 2) /* overlong */,
                                            std::string("\xED\xA0\x80", 3) /* surrogate */,
                                            std::string("A\0B", 3),
                                            std::string(200, '\x80')};
  for (const auto& g : garbage) {
    std::string f = foldName(g);
    // Whatever came in, what comes out is valid UTF-8 that decodes and re-encodes unchanged.
    BOOST_TEST(encodeUtf8(decodeUtf8(f)) == f);
  }
  BOOST_TEST(foldName(std::string("Jo\xC3", 3)) == "jo");
  BOOST_TEST(compactName("") == "");
  BOOST_TEST(soundex("") == "#");
}

BOOST_AUTO_TEST_CASE(name_parts_split_double_barrelled_names) {
  BOOST_TEST(nameParts("Smith-Jones") == (std::vector<std::string>{"smith", "jones"}));
  BOOST_TEST(nameParts("Mary Ann") == (std::vector<std::string>{"mary", "ann"}));
  BOOST_TEST(nameParts("--").empty());
}

BOOST_AUTO_TEST_CASE(soundex_follows_the_american_rules) {
  struct Row {
    const char* name;
    const char* code;
  };
  // Published examples (US National Archives): Robert and Rupert R163, Ashcraft A261 (h does not
  // separate s and c), Tymczak T522, Pfister P236 (first letter's own code not repeated), Honeyman H555.
  const std::vector<Row> rows = {{"robert", "R163"},  {"rupert", "R163"},  {"ashcraft", "A261"},
                                 {"tymczak", "T522"}, {"pfister", "P236"}, {"honeyman", "H555"},
                                 {"lee", "L000"},     {"khan", "K500"},    {"kahn", "K500"}};
  for (const auto& r : rows) BOOST_TEST(soundex(r.name) == r.code, r.name);
}

BOOST_AUTO_TEST_CASE(postcodes_parse_into_their_units) {
  struct Row {
    const char* raw;
    const char* full;
    const char* sector;
    const char* district;
    const char* area;
  };
  const std::vector<Row> rows = {
      {"LE2 7GH", "LE2 7GH", "LE2 7", "LE2", "LE"},
      {"le27gh", "LE2 7GH", "LE2 7", "LE2", "LE"},
      {"  wa7 1sp ", "WA7 1SP", "WA7 1", "WA7", "WA"},
      {"SW1A 1AA", "SW1A 1AA", "SW1A 1", "SW1A", "SW"},
      {"M1 1AE", "M1 1AE", "M1 1", "M1", "M"},
      {"B33 8TH", "B33 8TH", "B33 8", "B33", "B"},
      {"TA1", "", "", "TA1", "TA"},
  };
  for (const auto& r : rows) {
    BOOST_TEST_CONTEXT(r.raw) {
      auto pc = parsePostcode(r.raw);
      BOOST_REQUIRE(pc.has_value());
      BOOST_TEST(pc->full == r.full);
      BOOST_TEST(pc->sector == r.sector);
      BOOST_TEST(pc->district == r.district);
      BOOST_TEST(pc->area == r.area);
    }
  }
  for (const char* bad : {"", "12345", "LE2 7G", "not a postcode", "LE2 7GH!", "1LE 7GH"})
    BOOST_TEST(!parsePostcode(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(dates_of_birth_are_read_as_spreadsheets_write_them) {
  const Date expected = *parseIsoDate("2012-04-03");
  for (const char* text : {"2012-04-03", "3/4/2012", "03/04/2012", "03-04-2012", "03.04.2012", "20120403",
                           " 2012-04-03 ", "2012-04-03 00:00:00", "3/4/2012 00:00"}) {
    auto d = parseFlexibleDate(text);
    BOOST_TEST_CONTEXT(text) {
      BOOST_REQUIRE(d.has_value());
      BOOST_TEST(formatIsoDate(*d) == formatIsoDate(expected));
    }
  }
  for (const char* bad : {"", "3/4/12", "2012-02-30", "31/02/2012", "2012/13/01", "abc", "201204031", "4/3"})
    BOOST_TEST(!parseFlexibleDate(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(address_tokens_expand_abbreviations) {
  BOOST_TEST(addressTokens("12 Oak Rd") == addressTokens("12, Oak Road"));
  BOOST_TEST(addressTokens("Flat 3, 12 Oak St") ==
             (std::vector<std::string>{"12", "3", "flat", "oak", "street"}));
  BOOST_TEST(addressTokens("").empty());
}

BOOST_AUTO_TEST_SUITE_END()
