#include "ycr/core/validation.h"

#include <boost/test/unit_test.hpp>
#include <set>
#include <sstream>

#include "ycr/core/matching/normalise.h"
#include "ycr/core/text.h"
#include "ycr/core/young_person.h"

using namespace ycr;
namespace v = ycr::validation;

namespace {
struct Row {
  const char* input;
  const char* expected;  // nullptr: refused
};
}  // namespace

BOOST_AUTO_TEST_SUITE(validation_test)

BOOST_AUTO_TEST_CASE(names_of_every_kind_are_accepted_and_tidied) {
  const Row cases[] = {
      {"O'Brien", "O'Brien"},
      {"Zoë", "Zoë"},
      {"Nguyễn", "Nguyễn"},
      {"Smith-Jones", "Smith-Jones"},
      {"Siobhán", "Siobhán"},
      {"  Mary   Ann  ", "Mary Ann"},
      {"D’Arcy", "D’Arcy"},
      {"St. John", "St. John"},
      {"محمد", "محمد"},
      {"王秀英", "王秀英"},
      {"Łukasz", "Łukasz"},
      {"José", "José"},
      {"李", "李"},
      {"J. R.", "J. R."},
      {"Zoe\u0308", "Zoe\u0308"},                // the accent typed as a combining mark
      {"प्रिया", "प्रिया"},                        // Devanagari: vowel signs and virama are marks
      {"Smith\u2010Jones", "Smith\u2010Jones"},  // U+2010 hyphen
      {"Smith\u2011Jones", "Smith\u2011Jones"},  // U+2011 non-breaking hyphen
      {"O\u02BCBrien", "O\u02BCBrien"},          // U+02BC modifier letter apostrophe
      {"", nullptr},
      {"   ", nullptr},
      {"Sm1th", nullptr},
      {"<script>", nullptr},
      {"Tab\tName", nullptr},
      {"Robert'); DROP", nullptr},
      {"Robert'); DROP TABLE", nullptr},
      {"\xff\xfe", nullptr},
      // No letter at all: these fold to nothing in the matcher.
      {"-", nullptr},
      {".", nullptr},
      {",", nullptr},
      {"'", nullptr},
      {"' -", nullptr},
      {"\u02BC", nullptr},
      {"\u0301", nullptr},  // a combining accent on nothing
      {"\u3164", nullptr},  // Hangul filler: a letter to Unicode that shows nothing
      // Symbols, emoji and punctuation that no name has.
      {"Ω≈ç√∫", nullptr},  // U+2248, U+221A, U+222B are maths symbols, not letters
      {"😀", nullptr},
      {"Amira 😀", nullptr},
      {"Ann (Annie)", nullptr},
      {"Smith, John", nullptr},
      {"Mary_Ann", nullptr},
      {"Amira\u200B", nullptr},  // zero-width space
  };
  for (const auto& c : cases) {
    auto r = v::name("given_name", c.input);
    BOOST_TEST_CONTEXT("name '" << c.input << "'") {
      BOOST_TEST(r.ok() == (c.expected != nullptr));
      if (r && c.expected) BOOST_TEST(*r == c.expected);
      if (!r) BOOST_TEST(r.error().fields.at(0).field == "given_name");
    }
  }
  BOOST_TEST(v::name("n", std::string(100, 'a')).ok());
  BOOST_TEST(!v::name("n", std::string(101, 'a')).ok());
  BOOST_TEST(v::name("n", std::string(100 * 2, '\0').replace(0, 200, 100, 'a')).ok());
  // Length counts characters, not bytes: 100 accented letters are allowed.
  std::string accented;
  for (int i = 0; i < 100; ++i) accented += "é";
  BOOST_TEST(v::name("n", accented).ok());
}

BOOST_AUTO_TEST_CASE(a_name_without_letters_is_refused_with_its_own_message) {
  for (const char* input : {"-", ".", "' -", "\u2019.\u2010"}) {
    auto r = v::name("family_name", input);
    BOOST_TEST_CONTEXT("name '" << input << "'") {
      BOOST_REQUIRE(!r);
      BOOST_TEST(r.error().fields.at(0).field == "family_name");
      BOOST_TEST(r.error().fields.at(0).code == "invalid_characters");
      BOOST_TEST(r.error().fields.at(0).message == "A name must include at least one letter");
    }
  }
  auto symbols = v::name("family_name", "Ω≈ç√∫");
  BOOST_REQUIRE(!symbols);
  BOOST_TEST(symbols.error().fields.at(0).message ==
             "A name can only include letters, spaces, hyphens, apostrophes and full stops");
}

// Every character on its own: whatever the validator accepts, the matcher and the register's
// folding keep something of, so two accepted names can never both fold to nothing and so be
// taken for the same child. (A name of several characters is accepted only with a letter in it.)
BOOST_AUTO_TEST_CASE(every_accepted_name_folds_to_something) {
  std::size_t accepted = 0, empty = 0;
  std::ostringstream examples;
  for (char32_t cp = 1; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    auto r = v::name("given_name", matching::encodeUtf8(std::u32string_view(&cp, 1)));
    if (!r) continue;
    ++accepted;
    if (!matching::compactName(*r).empty() && !text::fold(*r).empty()) continue;
    if (++empty <= 10) examples << " U+" << std::hex << std::uppercase << static_cast<std::uint32_t>(cp);
  }
  BOOST_TEST(empty == 0u, "accepted names that fold to nothing:" << examples.str());
  BOOST_TEST(accepted > 100000u);  // the letters of every script, ideographs most of them
  BOOST_TEST_MESSAGE(accepted << " characters are names on their own");
}

BOOST_AUTO_TEST_CASE(two_children_are_never_the_same_by_punctuation_alone) {
  const Date today = *parseIsoDate("2024-01-15");
  auto child = [&](const char* family) {
    YoungPersonInput in;
    in.givenName = "Amira";
    in.familyName = family;
    in.dateOfBirth = "2012-04-03";
    in.postcode = "LE2 7GH";
    return buildYoungCarer(in, today, "young_person");
  };
  // "-" and "." both fold to nothing, so these were one identity: now neither is a name.
  for (const char* family : {"-", ".", "' -"}) {
    auto r = child(family);
    BOOST_TEST_CONTEXT("family name '" << family << "'") {
      BOOST_REQUIRE(!r);
      BOOST_TEST(r.error().fields.at(0).field == "young_person.family_name");
    }
  }
  auto khan = child("Khan"), khanHyphen = child("Khan-");
  BOOST_REQUIRE(khan);
  BOOST_REQUIRE(khanHyphen);
  const std::string key = identityKey(*khan);
  BOOST_TEST(key.starts_with("amira|khan|"));
  BOOST_TEST(identityKey(*khanHyphen) == key);  // punctuation around letters still folds away
}

BOOST_AUTO_TEST_CASE(postcodes_are_normalised_or_refused) {
  const Row cases[] = {
      {"le2 7gh", "LE2 7GH"},  {"LE27GH", "LE2 7GH"}, {" wa7  1aa ", "WA7 1AA"}, {"SW1A 1AA", "SW1A 1AA"},
      {"ec1a1bb", "EC1A 1BB"}, {"M1 1AE", "M1 1AE"},  {"B33 8TH", "B33 8TH"},    {"CR2 6XH", "CR2 6XH"},
      {"TA1 1AA", "TA1 1AA"},  {"", nullptr},         {"NOT A CODE", nullptr},   {"LE2 7CI", nullptr},
      {"12345", nullptr},      {"LE2 7G", nullptr},   {"QE2 7GH", nullptr},      {"LE2-7GH", nullptr},
  };
  for (const auto& c : cases) {
    auto r = v::postcode("postcode", c.input);
    BOOST_TEST_CONTEXT("postcode '" << c.input << "'") {
      BOOST_TEST(r.ok() == (c.expected != nullptr));
      if (r && c.expected) BOOST_TEST(*r == c.expected);
    }
  }
}

BOOST_AUTO_TEST_CASE(school_urns_gp_codes_and_nhs_numbers) {
  BOOST_TEST(v::schoolUrn("u", "120345").ok());
  BOOST_TEST(!v::schoolUrn("u", "12034").ok());
  BOOST_TEST(!v::schoolUrn("u", "12O345").ok());
  BOOST_TEST(*v::gpPracticeOds("g", "c82001") == "C82001");
  BOOST_TEST(!v::gpPracticeOds("g", "C8200").ok());
  BOOST_TEST(!v::gpPracticeOds("g", "882001").ok());
  BOOST_TEST(*v::nhsNumber("n", "943 476 5919") == "9434765919");
  BOOST_TEST(!v::nhsNumber("n", "943 476 5918").ok());  // wrong check digit
  BOOST_TEST(!v::nhsNumber("n", "94347659").ok());
  BOOST_TEST(!v::nhsNumber("n", "abc").ok());
}

BOOST_AUTO_TEST_CASE(dates_of_birth_are_real_past_dates_and_ages_fit_the_register) {
  Date today = *parseIsoDate("2024-01-15");
  BOOST_TEST(v::dateOfBirth("d", "2012-04-03", today).ok());
  BOOST_TEST(v::dateOfBirth("d", "2012-02-29", today).ok());
  BOOST_TEST(!v::dateOfBirth("d", "2013-02-29", today).ok());
  BOOST_TEST(!v::dateOfBirth("d", "2024-01-16", today).ok());
  BOOST_TEST(!v::dateOfBirth("d", "03/04/2012", today).ok());
  BOOST_TEST(!v::dateOfBirth("d", "", today).ok());
  BOOST_TEST(v::ageForRegister("d", *parseIsoDate("2006-01-16"), today, false).ok());   // 17
  BOOST_TEST(!v::ageForRegister("d", *parseIsoDate("2006-01-15"), today, false).ok());  // 18 today
  BOOST_TEST(v::ageForRegister("d", *parseIsoDate("2003-01-15"), today, true).ok());  // 21, young adult carer
  BOOST_TEST(!v::ageForRegister("d", *parseIsoDate("1990-01-15"), today, true).ok());  // 34
}

BOOST_AUTO_TEST_CASE(a_young_person_is_built_with_every_error_reported_at_once) {
  YoungPersonInput in;
  in.givenName = "";
  in.familyName = "Jones";
  in.dateOfBirth = "2012-13-01";
  in.postcode = "nope";
  in.gender = "martian";
  auto r = buildYoungCarer(in, *parseIsoDate("2024-01-15"), "young_person");
  BOOST_REQUIRE(!r);
  std::set<std::string> fields;
  for (const auto& f : r.error().fields) fields.insert(f.field);
  BOOST_TEST(fields == (std::set<std::string>{"young_person.given_name", "young_person.date_of_birth",
                                              "young_person.postcode", "young_person.gender"}));
}

BOOST_AUTO_TEST_CASE(folding_makes_search_case_accent_and_punctuation_blind) {
  BOOST_TEST(text::fold("Zoë O'Brien-Smith") == "zoe obriensmith");
  BOOST_TEST(text::fold("NGUYỄN") == "nguyen");
  BOOST_TEST(text::fold("Siobhán  Ó Súilleabháin") == "siobhan o suilleabhain");
  BOOST_TEST(text::fold("Łukasz Straße") == "lukasz strasse");
  BOOST_TEST(text::fold("王秀英") == "王秀英");
  // Full-width and mathematical letters are accepted as letters, and read as the letters they show.
  BOOST_TEST(text::fold("\uFF2E\uFF41\uFF44\uFF49\uFF41 \U0001D413\U0001D421\U0001D41E") == "nadia the");
}

BOOST_AUTO_TEST_CASE(characters_pasted_from_word_processors_are_what_the_user_meant) {
  const Row cases[] = {
      // A no-break space is a space: tidied like one.
      {"Mary\u00A0Ann", "Mary Ann"},
      {"\u00A0Mary \u00A0 Ann\u00A0", "Mary Ann"},
      {"\u00A0", nullptr},
      // The left single quotation mark, typed for an apostrophe, kept as typed.
      {"O\u2018Brien", "O\u2018Brien"},
      {"\u2018", nullptr},
      // Zero-width non-joiner and joiner between letters: Persian (Mohammad\u200CReza) and Indic
      // scripts (after a virama, a mark) need them; anywhere else they hide nothing but themselves.
      {"\u0645\u062D\u0645\u062F\u200C\u0631\u0636\u0627",
       "\u0645\u062D\u0645\u062F\u200C\u0631\u0636\u0627"},
      {"\u0915\u094D\u200D\u0937\u093E", "\u0915\u094D\u200D\u0937\u093E"},
      {"\u200D", nullptr},
      {"\u200CAmira", nullptr},
      {"Amira\u200D", nullptr},
      {"Amira \u200D Khan", nullptr},
      {"Amira\u200C\u200CKhan", nullptr},
  };
  for (const auto& c : cases) {
    auto r = v::name("given_name", c.input);
    BOOST_TEST_CONTEXT("name '" << c.input << "'") {
      BOOST_TEST(r.ok() == (c.expected != nullptr));
      if (r && c.expected) BOOST_TEST(*r == c.expected);
    }
  }
  // The matcher and search read them as the space, the apostrophe and nothing.
  BOOST_TEST(matching::compactName(*v::name("n", "O\u2018Brien")) == "obrien");
  BOOST_TEST(text::fold(*v::name("n", "Mary\u00A0Ann")) == "mary ann");
  BOOST_TEST(matching::compactName("\u0645\u062D\u0645\u062F\u200C\u0631\u0636\u0627") ==
             matching::compactName("\u0645\u062D\u0645\u062F\u0631\u0636\u0627"));
}

BOOST_AUTO_TEST_SUITE_END()
