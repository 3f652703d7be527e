#pragma once
// Young carers' own voice (issue 27 item 3; the model and what is and is not linked: core/survey.h).
//
// - Case staff of a young carer's service send them a survey: the register makes a single-use link,
//   <public_base_url>/survey/<token> (256 random bits; only the hash is stored), to give the young
//   person by text, email or on paper, or emailed by the register to an address the young person gives
//   for it (notices.h, writeSurveyLinkNotice): the register has no contact details of young people, and
//   keeps that address and the link only until the email is sent. Staff see which of their young
//   carers are due a survey by its occasions (a card issued a year ago, a review completed, a hand-over)
//   and have not been sent it since.
// - The young person opens the link on any device, without an account, and answers once; a used,
//   expired or unknown link says so and nothing else (web_pages_survey_answer.cpp).
// - Commissioners and staff see the results of a survey for a WHOLE FINANCIAL YEAR THAT HAS ENDED, and
//   nothing finer: per question, how many answers gave each point of the scale, under the configured
//   disclosure policy with secondary suppression (core/disclosure.h, protect). An answer falls in
//   exactly one published table, which no longer changes once its year has ended, and no filter or
//   period narrower than the year is offered, so there are no overlapping tables to difference.

#include <Poco/JSON/Object.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/disclosure.h"
#include "ycr/core/repositories.h"
#include "ycr/core/survey.h"
#include "ycr/services/auth.h"

namespace ycr::services {

// The surveys in use, every version kept (answers are read against the version they were given on).
class SurveySet {
 public:
  Status add(Survey survey);  // conflict if the id and version are already present
  const Survey* find(const std::string& id, int version) const;
  const Survey* latest(const std::string& id) const;
  std::vector<const Survey*> latestOfEach() const;  // by id

 private:
  std::map<std::string, std::map<int, Survey>, std::less<>> byId_;
};

// core/data/surveys/*.json: a questionnaire (questionnaire_loader.h: id, version, title, instructions,
// text_status, scale, items) with
//   "when": [{"on": "card_issued" | "review_completed" | "handed_over" | "asked", "after_days": 365,
//             "within_days": 60}, ...], "link_valid_days": 28, "agree_from": 4
// Any bad file refuses the whole set, naming the file.
Result<Survey> surveyFromJson(const Poco::JSON::Object::Ptr& json);
Result<SurveySet> loadSurveys(const std::string& dir);

// The SHA-256 of a link's token, hex: what is stored and looked up.
std::string surveyTokenHash(const std::string& token);

struct SurveyInvitationMade {
  SurveyInvitation invitation;
  std::string token;     // shown once, in the link; never stored
  std::string link;      // <public_base_url>/survey/<token>
  bool emailed = false;  // written to the outbox for the address given
};

// A young carer due a survey: the occasion that makes them due, and no invitation to the survey since.
struct SurveyDue {
  Id youngCarerId = 0;
  std::string name;  // as staff know them, for the staff page; never in a URL
  std::string surveyId;
  std::string surveyTitle;
  SurveyOccasion occasion;
};

// What a link opens: a survey to answer, or why not. `survey` is set only when open.
enum class SurveyLinkState { open, used, expired, unknown };
struct SurveyLink {
  SurveyLinkState state = SurveyLinkState::unknown;
  const Survey* survey = nullptr;
  Timestamp expiresAt{};
};

// The published results of one version of a survey over one financial year.
struct SurveyVersionResults {
  int version = 0;
  std::string title;
  std::vector<ScalePoint> scale;
  std::vector<Item> items;
  Cell responses;  // how many answered this version (published on its own)
  // rows: items in order; columns: scale points in order; row totals: answers. Empty (no rows) when
  // `responses` is suppressed: too few answered to publish any of their answers.
  ProtectedTable answers;
  int agreeFrom = 0;
};
struct SurveyResults {
  std::string surveyId;
  std::string title;
  std::string financialYear;
  DisclosurePolicy policy = DisclosurePolicy::nhs_digital;
  std::vector<SurveyVersionResults> versions;  // versions answered in the year, in order
  std::vector<std::string> availableYears;     // ended financial years that may be asked for, newest first
};

class Surveys {
 public:
  // `sendsEmail`: the register has a way to send notices (smtp_host or notify_api_key_file), so a link
  // can be emailed.
  Surveys(Store& store, const Clock& clock, const SurveySet& surveys, std::string publicBaseUrl,
          DisclosurePolicy policy, bool sendsEmail);

  const SurveySet& set() const { return surveys_; }
  bool sendsEmail() const { return sendsEmail_; }
  // Case staff of the young carer's service; the survey's latest version. `occasion` says why (its day
  // optional); `sendTo`, when not blank, the email address the young person gave for the link (a field
  // error on "send_to" when it is not one, or when the register sends no email). Audited with the
  // survey, the occasion and whether it was emailed, never the token or the address.
  Result<SurveyInvitationMade> invite(const Principal& who, Id youngCarerId, const std::string& surveyId,
                                      SurveyOccasionKind occasion, std::optional<Date> occasionOn,
                                      const std::string& sendTo = "");
  // Case staff: their own service's young carers due a survey, by occasion day, oldest first.
  Result<std::vector<SurveyDue>> due(const Principal& who);
  // Case staff: the invitations sent to one of their young carers, oldest first (never a token).
  Result<std::vector<SurveyInvitation>> invitationsFor(const Principal& who, Id youngCarerId);
  // Anyone with the link.
  SurveyLink open(const std::string& token);
  // Stores the answers (answers[i] for item i + 1, kUnanswered to leave one out; at least one answered,
  // each on the scale: field errors "answers[i]") and uses up the link in one transaction. A link that
  // is not open gives its state and stores nothing.
  Result<SurveyLinkState> answer(const std::string& token, const std::vector<int>& answers);
  // Commissioners and staff. `financialYear` empty: the latest ended year. A year not ended yet, or
  // not a financial year, is a validation error on "year".
  Result<SurveyResults> results(const Principal& who, const std::string& surveyId,
                                const std::string& financialYear);

 private:
  Store& store_;
  const Clock& clock_;
  const SurveySet& surveys_;
  std::string publicBaseUrl_;
  DisclosurePolicy policy_;
  bool sendsEmail_;
};

}  // namespace ycr::services
