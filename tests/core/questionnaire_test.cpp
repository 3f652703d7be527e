#include "ycr/core/questionnaire.h"

#include <boost/test/unit_test.hpp>
#include <functional>

#include "support/field_errors.h"

using namespace ycr;
using test_support::hasField;

namespace {

// A small questionnaire of the same shape as the real ones: four items on a 0-2 scale, two
// subscales, total bands, bands and a flag on one subscale. The real data files are scored in
// tests/services/usecases/questionnaire_loader_test.cpp.
Questionnaire mini() {
  Questionnaire q;
  q.id = "mini";
  q.version = 1;
  q.title = "Mini";
  q.scale = {{0, "Never"}, {1, "Some of the time"}, {2, "A lot of the time"}};
  q.items = {{1, "One"}, {2, "Two"}, {3, "Three"}, {4, "Four"}};
  q.subscales = {{"first", "First", {1, 2}}, {"second", "Second", {3, 4}}};
  q.bands = {{"none", "None", 0, 0, ""},
             {"some", "Some", 1, 4, ""},
             {"lots", "Lots", 5, 8, ""},
             {"low", "Low", 0, 2, "second"},
             {"high", "High", 3, 4, "second"}};
  q.flags = {{"second_high", "Second is high", 3, 4, "second"}};
  return q;
}

std::string describe(const DomainError& e) {
  std::string out = e.detail;
  for (const auto& f : e.fields) out += "\n  " + f.field + " " + f.code + ": " + f.message;
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(questionnaire_test)

BOOST_AUTO_TEST_CASE(a_sound_questionnaire_is_valid) {
  auto status = validate(mini());
  BOOST_TEST(status.ok(), (status.ok() ? "" : describe(status.error())));
  BOOST_TEST(mini().lowestScore() == 0);
  BOOST_TEST(mini().highestScore() == 8);
  BOOST_TEST(mini().highestScore("second") == 4);
}

struct InvalidCase {
  const char* name;
  std::function<void(Questionnaire&)> spoil;
  const char* field;
  const char* code;
};

BOOST_AUTO_TEST_CASE(unusable_questionnaire_data_is_refused_with_the_reason) {
  const std::vector<InvalidCase> cases = {
      {"gap in total bands", [](Questionnaire& q) { q.bands[1].max = 3; }, "bands", "gap"},
      {"gap at the top", [](Questionnaire& q) { q.bands[2].max = 7; }, "bands", "gap"},
      {"gap in subscale bands", [](Questionnaire& q) { q.bands[4].min = 4; }, "bands", "gap"},
      {"overlapping bands", [](Questionnaire& q) { q.bands[2].min = 4; }, "bands", "overlap"},
      {"band beyond the highest score", [](Questionnaire& q) { q.bands[2].max = 9; }, "bands",
       "out_of_range"},
      {"band running backwards", [](Questionnaire& q) { q.bands[1].min = 5; }, "bands[1]", "invalid_range"},
      {"band of an unknown subscale", [](Questionnaire& q) { q.bands[3].subscale = "third"; },
       "bands[3].subscale", "unknown_subscale"},
      {"duplicate band id", [](Questionnaire& q) { q.bands[2].id = "some"; }, "bands[2].id", "duplicate"},
      {"subscale with an unknown item", [](Questionnaire& q) { q.subscales[1].items.push_back(5); },
       "subscales[1].items", "unknown_item"},
      {"subscale with item 0",
       [](Questionnaire& q) {
         q.subscales[0].items = {0, 1};
       },
       "subscales[0].items", "unknown_item"},
      {"subscale listing an item twice",
       [](Questionnaire& q) {
         q.subscales[0].items = {1, 1};
       },
       "subscales[0].items", "duplicate"},
      {"items out of sequence", [](Questionnaire& q) { q.items[2].number = 4; }, "items[2].number",
       "out_of_sequence"},
      {"item without text", [](Questionnaire& q) { q.items[0].text.clear(); }, "items[0].text", "required"},
      {"no items",
       [](Questionnaire& q) {
         q.items.clear();
         q.subscales.clear();
         q.bands.clear();
         q.flags.clear();
       },
       "items", "required"},
      {"duplicate scale value", [](Questionnaire& q) { q.scale[2].value = 1; }, "scale[2].value",
       "duplicate"},
      {"negative scale value", [](Questionnaire& q) { q.scale[0].value = -1; }, "scale[0].value", "invalid"},
      {"flag beyond its subscale", [](Questionnaire& q) { q.flags[0].max = 5; }, "flags[0]", "invalid_range"},
      {"flag of an unknown subscale", [](Questionnaire& q) { q.flags[0].subscale = "third"; },
       "flags[0].subscale", "unknown_subscale"},
      {"no version", [](Questionnaire& q) { q.version = 0; }, "version", "invalid"},
      {"no id", [](Questionnaire& q) { q.id.clear(); }, "id", "required"},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      Questionnaire q = mini();
      c.spoil(q);
      auto status = validate(q);
      BOOST_REQUIRE(!status.ok());
      BOOST_TEST((status.error().code == ErrorCode::validation));
      BOOST_TEST(hasField(status.error(), c.field, c.code), describe(status.error()));
    }
  }
}

// Found by tests/fuzz/questionnaire (corpus/questionnaire/scale_past_int.json): a scale value near
// INT_MAX loaded, then the highest score (items times the top value) overflowed an int.
BOOST_AUTO_TEST_CASE(a_scale_whose_scores_cannot_be_counted_is_refused) {
  Questionnaire q = mini();
  q.scale = {{0, "No"}, {2147483647, "Yes"}};
  q.flags = {{"high", "High", 0, 1, ""}};
  q.bands.clear();
  auto s = validate(q);
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(hasField(s.error(), "scale", "too_large"), describe(s.error()));
  q.scale = {{0, "No"}, {536870911, "Yes"}};  // 4 items: at most 2^31 - 4, under the largest int
  auto fits = validate(q);
  BOOST_TEST(fits.ok(), (fits.ok() ? "" : describe(fits.error())));
  auto top = score(q, {536870911, 536870911, 536870911, 536870911});
  BOOST_REQUIRE(top.ok());
  BOOST_TEST(top->total == 2147483644);
}

BOOST_AUTO_TEST_CASE(a_gap_is_described_with_the_missing_scores) {
  Questionnaire q = mini();
  q.bands[1].max = 3;  // 4 is in no band
  auto status = validate(q);
  BOOST_REQUIRE(!status.ok());
  BOOST_REQUIRE(!status.error().fields.empty());
  BOOST_TEST(status.error().fields[0].message == "No band of the total covers 4");
}

BOOST_AUTO_TEST_CASE(scoring_adds_items_subscales_bands_and_flags) {
  auto s = score(mini(), {2, 0, 1, 2});
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->questionnaireId == "mini");
  BOOST_TEST(s->version == 1);
  BOOST_TEST(s->total == 5);
  BOOST_REQUIRE(s->band.has_value());
  BOOST_TEST(s->band->id == "lots");
  BOOST_TEST(s->band->label == "Lots");
  BOOST_REQUIRE(s->subscale("first"));
  BOOST_TEST(s->subscale("first")->score == 2);
  BOOST_TEST(!s->subscale("first")->band.has_value());
  BOOST_TEST(s->subscale("second")->score == 3);
  BOOST_TEST(s->subscale("second")->band->id == "high");
  BOOST_TEST(s->flagged("second_high"));
  BOOST_TEST((s->answers == std::vector<int>{2, 0, 1, 2}));

  auto calm = score(mini(), {0, 0, 0, 0});
  BOOST_REQUIRE(calm.ok());
  BOOST_TEST(calm->band->id == "none");
  BOOST_TEST(calm->flags.empty());
}

struct AnswerCase {
  const char* name;
  std::vector<int> answers;
  std::vector<std::pair<std::string, std::string>> expected;  // field, code
};

BOOST_AUTO_TEST_CASE(unanswered_and_off_scale_answers_are_refused_item_by_item) {
  const std::vector<AnswerCase> cases = {
      {"no answers",
       {},
       {{"answers[0]", "unanswered"},
        {"answers[1]", "unanswered"},
        {"answers[2]", "unanswered"},
        {"answers[3]", "unanswered"}}},
      {"last item missing", {0, 1, 2}, {{"answers[3]", "unanswered"}}},
      {"item left blank", {0, kUnanswered, 2, 1}, {{"answers[1]", "unanswered"}}},
      {"answer above the scale", {0, 1, 3, 1}, {{"answers[2]", "out_of_range"}}},
      {"negative answer", {-2, 1, 2, 1}, {{"answers[0]", "out_of_range"}}},
      {"too many answers", {0, 1, 2, 1, 0}, {{"answers", "too_many_answers"}}},
      {"several problems at once",
       {5, kUnanswered},
       {{"answers[0]", "out_of_range"},
        {"answers[1]", "unanswered"},
        {"answers[2]", "unanswered"},
        {"answers[3]", "unanswered"}}},
  };
  for (const auto& c : cases) {
    BOOST_TEST_CONTEXT(c.name) {
      auto s = score(mini(), c.answers);
      BOOST_REQUIRE(!s.ok());
      BOOST_TEST((s.error().code == ErrorCode::validation));
      BOOST_TEST(s.error().fields.size() == c.expected.size(), describe(s.error()));
      for (const auto& [field, code] : c.expected) BOOST_TEST(hasField(s.error(), field, code), field);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_refused_answer_names_the_item_for_people) {
  auto s = score(mini(), {0, 1, 7, 1});
  BOOST_REQUIRE(!s.ok());
  BOOST_TEST(s.error().fields.at(0).message == "Item 3 (\"Three\") has the answer 7; answers are 0, 1, 2");
}

BOOST_AUTO_TEST_CASE(compare_reports_total_subscale_band_and_flag_changes) {
  auto before = score(mini(), {2, 2, 2, 1});
  auto after = score(mini(), {1, 0, 1, 1});
  BOOST_REQUIRE(before.ok());
  BOOST_REQUIRE(after.ok());
  ScoreChange c = compare(*before, *after);
  BOOST_TEST(c.questionnaireId == "mini");
  BOOST_TEST(c.totalBefore == 7);
  BOOST_TEST(c.totalAfter == 3);
  BOOST_TEST(c.totalDelta == -4);
  BOOST_TEST(c.bandBefore->id == "lots");
  BOOST_TEST(c.bandAfter->id == "some");
  BOOST_REQUIRE(c.subscale("first"));
  BOOST_TEST(c.subscale("first")->delta == -3);
  BOOST_TEST(c.subscale("second")->before == 3);
  BOOST_TEST(c.subscale("second")->after == 2);
  BOOST_TEST(c.flagsRaised.empty());
  BOOST_TEST((c.flagsCleared == std::vector<std::string>{"second_high"}));

  ScoreChange back = compare(*after, *before);
  BOOST_TEST(back.totalDelta == 4);
  BOOST_TEST((back.flagsRaised == std::vector<std::string>{"second_high"}));
}

BOOST_AUTO_TEST_CASE(a_set_keeps_every_version_and_offers_the_latest) {
  QuestionnaireSet set;
  Questionnaire v1 = mini();
  Questionnaire v2 = mini();
  v2.version = 2;
  v2.title = "Mini, corrected";
  BOOST_TEST(set.add(v2).ok());
  BOOST_TEST(set.add(v1).ok());
  auto again = set.add(mini());
  BOOST_REQUIRE(!again.ok());
  BOOST_TEST((again.error().code == ErrorCode::conflict));
  BOOST_TEST(set.size() == 2u);
  BOOST_TEST((set.ids() == std::vector<std::string>{"mini"}));
  BOOST_REQUIRE(set.latest("mini"));
  BOOST_TEST(set.latest("mini")->title == "Mini, corrected");
  BOOST_REQUIRE(set.find("mini", 1));
  BOOST_TEST(set.find("mini", 1)->title == "Mini");
  BOOST_TEST(!set.find("mini", 3));
  BOOST_TEST(!set.latest("other"));

  auto byLatest = set.score("mini", std::nullopt, {1, 1, 1, 1});
  BOOST_REQUIRE(byLatest.ok());
  BOOST_TEST(byLatest->version == 2);
  auto byStored = set.score("mini", 1, {1, 1, 1, 1});
  BOOST_REQUIRE(byStored.ok());
  BOOST_TEST(byStored->version == 1);
  auto unknownVersion = set.score("mini", 3, {1, 1, 1, 1});
  BOOST_REQUIRE(!unknownVersion.ok());
  BOOST_TEST(hasField(unknownVersion.error(), "version", "unknown_version"));
  auto unknownId = set.score("other", std::nullopt, {1});
  BOOST_REQUIRE(!unknownId.ok());
  BOOST_TEST(hasField(unknownId.error(), "questionnaire_id", "unknown_questionnaire"));
  auto badAnswers = set.score("mini", 1, {1, 1});
  BOOST_REQUIRE(!badAnswers.ok());
  BOOST_TEST(hasField(badAnswers.error(), "answers[2]", "unanswered"));
}

BOOST_AUTO_TEST_SUITE_END()
