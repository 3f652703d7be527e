#include "ycr/services/questionnaire_loader.h"

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <sstream>

#include "support/field_errors.h"
#include "support/files.h"

using namespace ycr;
using namespace ycr::services;
using test_support::hasField;
using test_support::readFile;
using test_support::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kDataDir = std::string(YCR_SOURCE_DIR) + "/core/data/questionnaires";

const QuestionnaireSet& realSet() {
  static const QuestionnaireSet set = [] {
    auto loaded = loadQuestionnaires(kDataDir);
    if (!loaded) throw std::runtime_error("cannot load questionnaires: " + loaded.error().detail);
    return std::move(loaded).value();
  }();
  return set;
}

const Questionnaire& realMaca() {
  return *realSet().latest(kMacaId);
}
const Questionnaire& realPanoc() {
  return *realSet().latest(kPanocId);
}

// Answers reaching `points` on the given items, 2 at a time.
void spread(std::vector<int>& answers, const std::vector<int>& items, int points) {
  for (int n : items) {
    int v = std::min(points, 2);
    answers[static_cast<std::size_t>(n - 1)] = v;
    points -= v;
  }
}

std::string stringify(const Poco::JSON::Object::Ptr& o) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(o, out);
  return out.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, "fixture text not found: " + from);
  return text.replace(at, from.size(), to);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(questionnaire_loader_test)

BOOST_AUTO_TEST_CASE(the_shipped_questionnaires_load_and_are_valid) {
  auto set = loadQuestionnaires(kDataDir);
  BOOST_REQUIRE_MESSAGE(set.ok(), (set.ok() ? "" : set.error().detail));
  BOOST_TEST((set->ids() == std::vector<std::string>{"maca-yc18", "panoc-yc20"}));
  const Questionnaire* maca = set->latest(kMacaId);
  const Questionnaire* panoc = set->latest(kPanocId);
  BOOST_REQUIRE(maca);
  BOOST_REQUIRE(panoc);
  for (const Questionnaire* q : {maca, panoc}) {
    BOOST_TEST(q->citation.find("Joseph, S., Becker, F. and Becker, S. (2009)") == 0u);
    BOOST_TEST(!q->textStatus.empty());
    BOOST_TEST(q->scale.size() == 3u);
    BOOST_TEST(q->scale[0].label == "Never");
    BOOST_TEST(q->scale[1].label == "Some of the time");
    BOOST_TEST(q->scale[2].label == "A lot of the time");
    BOOST_TEST(q->scale[2].value == 2);
  }
}

BOOST_AUTO_TEST_CASE(maca_has_the_eighteen_items_in_order_and_six_subscales_of_three) {
  const Questionnaire& q = realMaca();
  BOOST_TEST(q.items.size() == 18u);
  BOOST_TEST(q.items[0].text == "Clean your own bedroom");
  BOOST_TEST(q.items[4].text == "Take responsibility for shopping for food");
  BOOST_TEST(q.items[8].text.find("Interpret, sign") == 0u);
  BOOST_TEST(q.items[17].text == "Look after brothers or sisters on your own");
  const std::vector<std::string> ids = {"domestic",      "household_management", "financial_practical",
                                        "personal_care", "emotional_care",       "sibling_care"};
  BOOST_REQUIRE(q.subscales.size() == 6u);
  for (std::size_t s = 0; s < 6; ++s) {
    BOOST_TEST(q.subscales[s].id == ids[s]);
    const int first = static_cast<int>(3 * s + 1);
    BOOST_TEST((q.subscales[s].items == std::vector<int>{first, first + 1, first + 2}));
  }
  BOOST_TEST(q.subscaleNote.find("not confirmed") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(panoc_has_twenty_items_split_into_positive_and_negative) {
  const Questionnaire& q = realPanoc();
  BOOST_TEST(q.items.size() == 20u);
  BOOST_TEST(q.items[0].text == "Because of caring I feel I am doing something good");
  BOOST_REQUIRE(q.findSubscale("positive"));
  BOOST_REQUIRE(q.findSubscale("negative"));
  BOOST_TEST((q.findSubscale("positive")->items == std::vector<int>{1, 2, 3, 4, 7, 8, 15, 18, 19, 20}));
  BOOST_TEST((q.findSubscale("negative")->items == std::vector<int>{5, 6, 9, 10, 11, 12, 13, 14, 16, 17}));
  BOOST_TEST(q.bands.size() == 6u);  // interpretation of each subscale, no total bands
}

struct MacaBandCase {
  int total;
  const char* band;
};

BOOST_AUTO_TEST_CASE(maca_totals_fall_in_the_published_bands_at_every_boundary) {
  const std::vector<MacaBandCase> cases = {{0, "none"},      {1, "low"},        {9, "low"},
                                           {10, "moderate"}, {13, "moderate"},  {14, "high"},
                                           {17, "high"},     {18, "very_high"}, {36, "very_high"}};
  std::vector<int> all;
  for (int n = 1; n <= 18; ++n) all.push_back(n);
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("total " << c.total) {
      std::vector<int> answers(18, 0);
      spread(answers, all, c.total);
      auto s = score(realMaca(), answers);
      BOOST_REQUIRE(s.ok());
      BOOST_TEST(s->total == c.total);
      BOOST_REQUIRE(s->band.has_value());
      BOOST_TEST(s->band->id == c.band);
      BOOST_TEST(s->questionnaireId == "maca-yc18");
      BOOST_TEST(s->version == 1);
    }
  }
}

BOOST_AUTO_TEST_CASE(maca_subscales_add_their_three_items) {
  std::vector<int> answers(18, 0);
  answers[9] = 2;   // help dress or undress
  answers[10] = 1;  // help wash
  answers[17] = 2;  // look after siblings on own
  auto s = score(realMaca(), answers);
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->subscale("personal_care")->score == 3);
  BOOST_TEST(s->subscale("sibling_care")->score == 2);
  BOOST_TEST(s->subscale("domestic")->score == 0);
  BOOST_TEST(s->band->label == "Low amount of caring activity");
}

struct PanocCase {
  int positive;
  int negative;
  bool fewPositive;
  bool manyNegative;
  const char* positiveBand;
  const char* negativeBand;
};

BOOST_AUTO_TEST_CASE(panoc_concern_flags_rise_exactly_at_their_edges) {
  const std::vector<PanocCase> cases = {
      {12, 8, true, false, "few", "few"},    {13, 8, false, false, "many", "few"},
      {12, 9, true, true, "few", "many"},    {13, 9, false, true, "many", "many"},
      {0, 0, true, false, "none", "none"},   {1, 1, true, false, "few", "few"},
      {20, 20, false, true, "many", "many"},
  };
  const Questionnaire& q = realPanoc();
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT("positive " << c.positive << ", negative " << c.negative) {
      std::vector<int> answers(20, 0);
      spread(answers, q.findSubscale("positive")->items, c.positive);
      spread(answers, q.findSubscale("negative")->items, c.negative);
      auto s = score(q, answers);
      BOOST_REQUIRE(s.ok());
      BOOST_TEST(s->subscale("positive")->score == c.positive);
      BOOST_TEST(s->subscale("negative")->score == c.negative);
      BOOST_TEST(s->flagged("few_positive_outcomes") == c.fewPositive);
      BOOST_TEST(s->flagged("many_negative_outcomes") == c.manyNegative);
      BOOST_TEST(s->subscale("positive")->band->id == c.positiveBand);
      BOOST_TEST(s->subscale("negative")->band->id == c.negativeBand);
      BOOST_TEST(!s->band.has_value());
    }
  }
}

BOOST_AUTO_TEST_CASE(real_questionnaires_refuse_unanswered_and_off_scale_items) {
  std::vector<int> answers(18, 1);
  answers[3] = kUnanswered;
  answers[11] = 3;
  answers.pop_back();
  auto s = score(realMaca(), answers);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST((s.error().code == ErrorCode::validation));
  BOOST_TEST(s.error().fields.size() == 3u);
  BOOST_TEST(hasField(s.error(), "answers[3]", "unanswered"));
  BOOST_TEST(hasField(s.error(), "answers[11]", "out_of_range"));
  BOOST_TEST(hasField(s.error(), "answers[17]", "unanswered"));
  BOOST_TEST(s.error().fields[0].message == "Item 4 (\"Decorate rooms\") has not been answered");

  auto p = score(realPanoc(), std::vector<int>(21, 0));
  BOOST_REQUIRE(!p.ok());
  BOOST_TEST(hasField(p.error(), "answers", "too_many_answers"));
}

struct BadFileCase {
  const char* name;
  std::function<std::string(const std::string& maca)> content;
  ErrorCode code;
  const char* inDetail;  // the problem, as the detail words it
};

BOOST_AUTO_TEST_CASE(bad_questionnaire_files_are_refused_naming_the_file_and_the_problem) {
  const std::string maca = readFile(kDataDir + "/maca-yc18.v1.json");
  const std::vector<BadFileCase> cases = {
      {"not JSON", [](const std::string&) { return std::string("{\"id\": \"maca-yc18\", "); },
       ErrorCode::malformed, "not valid JSON"},
      {"empty file", [](const std::string&) { return std::string(); }, ErrorCode::malformed,
       "not valid JSON"},
      {"a list at the top", [](const std::string&) { return std::string("[1, 2]"); }, ErrorCode::malformed,
       "the top level must be an object"},
      {"no items", [](const std::string& m) { return replaced(m, "\"items\": [", "\"questions\": ["); },
       ErrorCode::validation, "items: \"items\" is missing"},
      {"version as text",
       [](const std::string& m) { return replaced(m, "\"version\": 1", "\"version\": \"1\""); },
       ErrorCode::validation, "version: \"version\" must be a whole number"},
      // Found by tests/fuzz/questionnaire: past 2^63 the JSON parser keeps a number unsigned, and
      // converting it threw out of loadQuestionnaire instead of refusing the file.
      {"version past 2^63",
       [](const std::string& m) {
         return replaced(m, "\"version\": 1", "\"version\": 18446744073709551615");
       },
       ErrorCode::validation, "version: \"version\" is too large"},
      {"version as a fraction",
       [](const std::string& m) { return replaced(m, "\"version\": 1", "\"version\": 1.5"); },
       ErrorCode::validation, "version: \"version\" must be a whole number"},
      {"band bound as true",
       [](const std::string& m) {
         return replaced(m, "\"min\": 0, \"max\": 0", "\"min\": true, \"max\": 0");
       },
       ErrorCode::validation, "bands[0].min"},
      {"item that is not an object",
       [](const std::string& m) {
         return replaced(m, "{\"number\": 4, \"text\": \"Decorate rooms\"}", "\"Decorate rooms\"");
       },
       ErrorCode::validation, "items[3] must be an object"},
      {"gap in bands",
       [](const std::string& m) {
         return replaced(m, "\"min\": 10, \"max\": 13", "\"min\": 11, \"max\": 13");
       },
       ErrorCode::validation, "No band of the total covers 10"},
      {"subscale with an unknown item",
       [](const std::string& m) { return replaced(m, "\"items\": [16, 17, 18]", "\"items\": [16, 17, 19]"); },
       ErrorCode::validation, "refers to item 19, which does not exist"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      TempDir dir("questionnaires");
      const std::string path = dir.write("broken.json", c.content(maca));
      auto q = loadQuestionnaire(path);
      BOOST_REQUIRE(!q.ok());
      BOOST_TEST((q.error().code == c.code));
      BOOST_TEST(q.error().detail.find(path) == 0u, q.error().detail);
      BOOST_TEST(q.error().detail.find(c.inDetail) != std::string::npos, q.error().detail);

      // One bad file refuses the whole directory, and the detail still names it.
      dir.write("panoc-yc20.v1.json", readFile(kDataDir + "/panoc-yc20.v1.json"));
      auto set = loadQuestionnaires(dir.path.string());
      BOOST_REQUIRE(!set.ok());
      BOOST_TEST(set.error().detail.find("broken.json") != std::string::npos, set.error().detail);
      BOOST_TEST(set.error().detail.find("panoc") == std::string::npos, set.error().detail);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_missing_file_or_directory_is_reported_not_crashed_on) {
  TempDir dir("questionnaires");
  auto q = loadQuestionnaire((dir.path / "absent.json").string());
  BOOST_REQUIRE(!q.ok());
  BOOST_TEST((q.error().code == ErrorCode::not_found));
  BOOST_TEST(q.error().detail.find("absent.json") != std::string::npos);

  auto empty = loadQuestionnaires(dir.path.string());
  BOOST_REQUIRE(!empty.ok());
  BOOST_TEST(empty.error().detail.find("no questionnaire files") != std::string::npos);

  auto absent = loadQuestionnaires((dir.path / "nowhere").string());
  BOOST_REQUIRE(!absent.ok());
  BOOST_TEST((absent.error().code == ErrorCode::not_found));
}

BOOST_AUTO_TEST_CASE(versions_are_kept_apart_and_the_latest_is_offered) {
  TempDir dir("questionnaires");
  const std::string maca = readFile(kDataDir + "/maca-yc18.v1.json");
  dir.write("maca-yc18.v1.json", maca);
  dir.write("maca-yc18.v2.json", replaced(replaced(maca, "\"version\": 1", "\"version\": 2"),
                                          "Clean your own bedroom", "Tidy your room"));
  dir.write("README.txt", "not a questionnaire");
  auto set = loadQuestionnaires(dir.path.string());
  BOOST_REQUIRE_MESSAGE(set.ok(), (set.ok() ? "" : set.error().detail));
  BOOST_TEST(set->size() == 2u);
  BOOST_TEST(set->latest(kMacaId)->version == 2);
  BOOST_TEST(set->latest(kMacaId)->items[0].text == "Tidy your room");
  BOOST_TEST(set->find(kMacaId, 1)->items[0].text == "Clean your own bedroom");

  dir.write("maca-copy.json", maca);  // version 1 again
  auto clash = loadQuestionnaires(dir.path.string());
  BOOST_REQUIRE(!clash.ok());
  BOOST_TEST((clash.error().code == ErrorCode::conflict));
  BOOST_TEST(clash.error().detail.find("version 1 is already defined") != std::string::npos,
             clash.error().detail);
}

BOOST_AUTO_TEST_CASE(a_questionnaire_written_as_json_reads_back_the_same) {
  for (const Questionnaire* q : {&realMaca(), &realPanoc()}) {
    BOOST_TEST_CONTEXT(q->id) {
      const std::string written = stringify(toJson(*q));
      Poco::JSON::Parser parser;
      auto back = questionnaireFromJson(parser.parse(written).extract<Poco::JSON::Object::Ptr>());
      BOOST_REQUIRE(back.ok());
      BOOST_TEST(stringify(toJson(*back)) == written);
      BOOST_TEST(back->items.size() == q->items.size());
      BOOST_TEST(back->flags.size() == q->flags.size());
    }
  }
}

BOOST_AUTO_TEST_CASE(scores_are_written_for_the_api_in_snake_case) {
  std::vector<int> answers(20, 0);
  answers[4] = 2;  // item 5, negative
  answers[0] = 1;  // item 1, positive
  auto s = score(realPanoc(), answers);
  BOOST_REQUIRE(s.ok());
  const std::string json = stringify(toJson(*s));
  BOOST_TEST(json.find("\"questionnaire_id\":\"panoc-yc20\",\"version\":1,\"answers\":[1,0,0,0,2,") == 1u,
             json);
  BOOST_TEST(json.find("\"total\":3,\"band\":null") != std::string::npos, json);
  BOOST_TEST(
      json.find(
          "{\"id\":\"negative\",\"label\":\"Negative outcomes\",\"score\":2,\"band\":{\"id\":\"few\",") !=
          std::string::npos,
      json);
  BOOST_TEST(json.find("\"flags\":[{\"id\":\"few_positive_outcomes\",") != std::string::npos, json);

  std::vector<int> macaAnswers(18, 1);
  auto m = score(realMaca(), macaAnswers);
  BOOST_REQUIRE(m.ok());
  BOOST_TEST(stringify(toJson(*m))
                 .find("\"band\":{\"id\":\"very_high\",\"label\":\"Very high amount of caring activity\"}") !=
             std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
