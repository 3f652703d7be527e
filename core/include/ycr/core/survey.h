#pragma once
// Young carers' own voice (issue 27 item 3): short surveys, defined as data (core/data/surveys/*.json),
// that a young carer answers on their phone from a single-use link, without an account. The strategies
// ask for a "satisfaction survey conducted at the end of year 1, on young carers who have been issued
// with an ID card" and for young carers to "report feeling listened to and respected".
//
// - A survey's questions, scale and instructions are a Questionnaire (questionnaire.h), read by the same
//   loader; the survey adds when it is asked (its occasions) and how long a link works.
// - An invitation names the young carer, the survey and why it was sent; its token is stored only as a
//   hash, and it can be used once.
// - An answer is stored WITHOUT the young carer or the invitation: only the survey, its version and the
//   financial year it was given in. So nothing the register shows or publishes can tie an answer to a
//   young person (a person holding the database file could still try to line up the order and times of
//   invitations used with the order of answers; the register does not claim more than "not linked").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/questionnaire.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

// What in the register makes a young carer due to be asked: a year (or so) after a card was issued, a
// review completed, being handed over to adult services. `asked` is staff asking at another time.
enum class SurveyOccasionKind { card_issued, review_completed, handed_over, asked };
YCR_ENUM_NAMES(SurveyOccasionKind, "card_issued", "review_completed", "handed_over", "asked")

// When a survey is due: `afterDays` after the occasion, and still due for `withinDays` more.
struct SurveyWhen {
  SurveyOccasionKind on = SurveyOccasionKind::asked;
  int afterDays = 0;
  int withinDays = 30;
};

struct Survey {
  Questionnaire questions;  // id, version, title, instructions, scale and items; no bands or flags
  std::vector<SurveyWhen> when;
  int linkValidDays = 28;  // how long an invitation's link works
  // The scale values that count as agreeing (e.g. 4 and 5 of 1-5): the results' "agreed" share.
  int agreeFrom = 0;
};

// Checks what the questionnaire check does not: at least one item, occasions with sensible days, a
// link that works 1 to 90 days, agreeFrom on the scale.
Status validate(const Survey& survey);

// The financial year a day falls in, as councils write it: 1 April 2026 to 31 March 2027 is "2026/27".
std::string financialYearOf(const Date& day);
// Whether text is a financial year in that form, and its first and last days.
bool isFinancialYear(std::string_view text);
Date financialYearStart(std::string_view financialYear);
Date financialYearEnd(std::string_view financialYear);

struct SurveyInvitation {
  Id id = 0;
  Id youngCarerId = 0;
  std::string surveyId;
  int surveyVersion = 0;
  SurveyOccasionKind occasion = SurveyOccasionKind::asked;
  std::optional<Date> occasionOn;  // the day of the card, review or hand-over that made it due
  std::optional<Id> createdBy;     // none only for invitations the register generates (demo data)
  Timestamp createdAt{};
  Timestamp expiresAt{};
  std::string tokenHash;  // SHA-256 of the token, hex; the token itself is never stored
  std::optional<Timestamp> usedAt;
};

// One answered survey, with nothing that says whose it was. answers[i] answers item i + 1, kUnanswered
// for a question left out.
struct SurveyResponse {
  std::string surveyId;
  int surveyVersion = 0;
  std::string financialYear;
  std::vector<int> answers;
};

// How many answers gave `value` to item `item` of a survey version, over one financial year.
struct SurveyAnswerCount {
  int version = 0;
  int item = 0;
  int value = 0;
  long long count = 0;
};

// A young carer the register shows was through an occasion between two days (inclusive).
struct SurveyOccasion {
  Id youngCarerId = 0;
  SurveyOccasionKind kind = SurveyOccasionKind::asked;
  Date on{};
};

class SurveyRepository {
 public:
  virtual ~SurveyRepository() = default;
  virtual Result<Id> addInvitation(const SurveyInvitation& invitation) = 0;
  virtual std::optional<SurveyInvitation> invitationByTokenHash(const std::string& tokenHash) = 0;
  // Every invitation sent to the young carer, oldest first.
  virtual std::vector<SurveyInvitation> invitationsFor(Id youngCarerId) = 0;
  // Marks the invitation used unless it already is: false when it was (a second use of the link).
  virtual Result<bool> markUsed(Id invitationId, Timestamp at) = 0;
  // Ends, at `at`, the young carer's unused links to a survey still working then: a new link replaces
  // them, so one person holds one working link to a survey. Returns how many.
  virtual std::size_t withdrawOpen(Id youngCarerId, const std::string& surveyId, Timestamp at) = 0;
  virtual Result<Id> addResponse(const SurveyResponse& response) = 0;
  // Responses to each version of a survey in a financial year: (version, count), by version.
  virtual std::vector<std::pair<int, long long>> responseCounts(const std::string& surveyId,
                                                                const std::string& financialYear) = 0;
  virtual std::vector<SurveyAnswerCount> answerCounts(const std::string& surveyId,
                                                      const std::string& financialYear) = 0;
  // Cards issued, reviews completed or hand-overs between the two days, one row per young carer (the
  // latest occasion of the kind). `asked` has none.
  virtual std::vector<SurveyOccasion> occasions(SurveyOccasionKind kind, const Date& from,
                                                const Date& to) = 0;
};

}  // namespace ycr
