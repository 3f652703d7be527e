#include "demo_surveys.h"

#include <random>

#include "ycr/services/surveys.h"

namespace ycr::services::demo {
namespace {

// The shipped surveys' shapes (core/data/surveys/*.json): five questions on a 1-5 scale, links for 28 days.
constexpr int kItems = 5;
constexpr int kLinkDays = 28;

class Surveyor {
 public:
  Surveyor(Sink& out, Id youngCarerId, const Date& until, std::uint64_t seed)
      : out_(out),
        youngCarerId_(youngCarerId),
        until_(until),
        rng_(seed ^ 0x5a7e11u ^ (static_cast<std::uint64_t>(youngCarerId) * 0x9e3779b97f4a7c15ull)) {}

  // Sent `delay` days after the occasion, if that day has come; answered or not.
  Status ask(const std::string& surveyId, SurveyOccasionKind occasion, const Date& on, int delay) {
    const Date sent = addDays(on, delay);
    if (after(sent, until_)) return {};
    SurveyInvitation i;
    i.youngCarerId = youngCarerId_;
    i.surveyId = surveyId;
    i.surveyVersion = 1;
    i.occasion = occasion;
    i.occasionOn = on;
    i.createdAt = ukStartOfDay(sent) + std::chrono::hours(11);
    i.expiresAt = i.createdAt + std::chrono::days(kLinkDays);
    // A token no one holds: the hash of random text, as a link long since given out would leave.
    i.tokenHash = surveyTokenHash(std::to_string(rng_()) + "-" + std::to_string(rng_()));
    const Date answered = addDays(sent, static_cast<int>(u() * 10));
    const bool answers = u() < 0.6 && !after(answered, until_);
    if (answers) i.usedAt = ukStartOfDay(answered) + std::chrono::hours(17);
    if (auto id = out_.surveyInvitation(i); !id) return id.error();
    ++counts.invitations;
    if (!answers) return {};
    SurveyResponse r{surveyId, 1, financialYearOf(answered), {}};
    for (int item = 0; item < kItems; ++item) r.answers.push_back(answer());
    if (auto id = out_.surveyResponse(r); !id) return id.error();
    ++counts.responses;
    return {};
  }

  double u() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  DemoSurveyCounts counts;

 private:
  // Mostly agreeing, as such surveys find; now and then a question left out.
  int answer() {
    const double r = u();
    if (r < 0.04) return kUnanswered;
    if (r < 0.08) return 1;
    if (r < 0.14) return 2;
    if (r < 0.3) return 3;
    return r < 0.7 ? 4 : 5;
  }

  Sink& out_;
  Id youngCarerId_;
  Date until_;
  std::mt19937_64 rng_;
};

}  // namespace

Result<DemoSurveyCounts> surveysFor(Sink& out, Id youngCarerId, const std::vector<Date>& cardsIssued,
                                    const std::vector<Date>& reviewsCompleted, const Date& until,
                                    std::uint64_t seed) {
  Surveyor s(out, youngCarerId, until, seed);
  for (const auto& issued : cardsIssued)
    if (auto st = s.ask("id-card-year-one", SurveyOccasionKind::card_issued, issued,
                        365 + static_cast<int>(s.u() * 30));
        !st)
      return st.error();
  for (const auto& reviewed : reviewsCompleted)
    if (s.u() < 0.7)
      if (auto st = s.ask("feeling-heard", SurveyOccasionKind::review_completed, reviewed,
                          static_cast<int>(s.u() * 14));
          !st)
        return st.error();
  return s.counts;
}

}  // namespace ycr::services::demo
