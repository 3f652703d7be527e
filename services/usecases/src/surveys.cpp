#include "ycr/services/surveys.h"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "ycr/core/validation.h"
#include "ycr/services/notices.h"
#include "ycr/services/policy.h"
#include "ycr/services/text.h"

namespace ycr::services {
namespace {

std::string displayName(const YoungCarer& y) {
  return (y.preferredName.empty() ? y.givenName : y.preferredName) + " " + y.familyName;
}

// The young carer, when the caller works their case (and the record is live).
std::optional<YoungCarer> caseStaffReach(Transaction& tx, const Principal& who, Id youngCarerId) {
  auto y = tx.youngCarers().findById(youngCarerId);
  if (!y || y->mergedInto || y->anonymisedAt) return std::nullopt;
  auto c = tx.cases().findByYoungCarer(youngCarerId);
  if (!c || !policy::canWorkCase(who, *c)) return std::nullopt;
  return y;
}

Status requireSurveyStaff(const Principal& who) {
  if (policy::worksCases(who)) return {};
  return DomainError::forbidden("Only case staff send surveys to young carers");
}

// Whether the young carer was sent the survey on or after a day.
bool invitedSince(const std::vector<SurveyInvitation>& sent, const std::string& surveyId, const Date& day) {
  return std::any_of(sent.begin(), sent.end(), [&](const SurveyInvitation& i) {
    return i.surveyId == surveyId &&
           std::chrono::sys_days(ukLocalDate(i.createdAt)) >= std::chrono::sys_days(day);
  });
}

SurveyLinkState stateOf(const SurveyInvitation& i, Timestamp now) {
  if (i.usedAt) return SurveyLinkState::used;
  if (i.expiresAt <= now) return SurveyLinkState::expired;
  return SurveyLinkState::open;
}

Status checkAnswers(const Survey& survey, const std::vector<int>& answers) {
  FieldErrors errors;
  const auto& q = survey.questions;
  if (answers.size() != q.items.size()) {
    errors.add("answers", "wrong_count",
               "answers must have one entry per question (" + std::to_string(q.items.size()) + ")");
    return errors.toError();
  }
  bool any = false;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i] == kUnanswered) continue;
    any = true;
    bool onScale = std::any_of(q.scale.begin(), q.scale.end(),
                               [&](const ScalePoint& p) { return p.value == answers[i]; });
    if (!onScale)
      errors.add("answers[" + std::to_string(i) + "]", "not_on_scale", "Choose one of the answers given");
  }
  if (!any) errors.add("answers", "none_answered", "Answer at least one question");
  if (!errors.empty()) return errors.toError("The answers have problems");
  return {};
}

// The ended financial years offered: the last five, whether or not anyone answered in them (which years
// hold answers is itself a small count).
std::vector<std::string> endedYears(const Date& today) {
  std::vector<std::string> out;
  Date day = addDays(financialYearStart(financialYearOf(today)), -1);
  for (int i = 0; i < 5; ++i) {
    out.push_back(financialYearOf(day));
    day = addDays(financialYearStart(out.back()), -1);
  }
  return out;
}

SurveyVersionResults versionResults(const Survey& s, long long responses,
                                    const std::vector<SurveyAnswerCount>& counts, DisclosurePolicy policy) {
  const auto& q = s.questions;
  SurveyVersionResults v{q.version, q.title, q.scale, q.items, publish(responses, policy), {}, s.agreeFrom};
  CountTable t;
  for (const auto& item : q.items) t.rowLabels.push_back(std::to_string(item.number));
  for (const auto& p : q.scale) t.colLabels.push_back(p.label);
  t.cells.assign(q.items.size(), std::vector<long long>(q.scale.size(), 0));
  for (const auto& c : counts) {
    if (c.version != q.version || c.item < 1 || c.item > static_cast<int>(q.items.size())) continue;
    for (std::size_t col = 0; col < q.scale.size(); ++col)
      if (q.scale[col].value == c.value) t.cells[static_cast<std::size_t>(c.item - 1)][col] += c.count;
  }
  v.answers = protect(t, policy);
  // Too few answered to publish how many did: no table of their answers is published either, not even
  // one of hidden figures. protect() guards the table on its own, but the responses beside it bound
  // every question's total, and a hidden count beside a published grand total pinned it
  // (tests/attack/survey_attack_test.cpp).
  if (v.responses.suppressed()) v.answers = ProtectedTable{};
  return v;
}

}  // namespace

std::string surveyTokenHash(const std::string& token) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hex(digest, sizeof digest);
}

Surveys::Surveys(Store& store, const Clock& clock, const SurveySet& surveys, std::string publicBaseUrl,
                 DisclosurePolicy policy, bool sendsEmail)
    : store_(store),
      clock_(clock),
      surveys_(surveys),
      publicBaseUrl_(std::move(publicBaseUrl)),
      policy_(policy),
      sendsEmail_(sendsEmail) {
  while (!publicBaseUrl_.empty() && publicBaseUrl_.back() == '/') publicBaseUrl_.pop_back();
}

Result<SurveyInvitationMade> Surveys::invite(const Principal& who, Id youngCarerId,
                                             const std::string& surveyId, SurveyOccasionKind occasion,
                                             std::optional<Date> occasionOn, const std::string& sendTo) {
  if (auto s = requireSurveyStaff(who); !s) return s.error();
  const std::string address = validation::trim(sendTo);
  if (!address.empty() && !sendsEmail_)
    return DomainError::field("send_to", "email_not_set_up",
                              "This register sends no email: pass the link on yourself");
  if (!address.empty() && !plausibleEmail(address))
    return DomainError::field("send_to", "invalid_email", "Enter an email address like name@example.org");
  const Survey* survey = surveys_.latest(surveyId);
  if (!survey) return DomainError::field("survey_id", "unknown_survey", "There is no survey with that id");
  if (occasionOn && std::chrono::sys_days(*occasionOn) > std::chrono::sys_days(clock_.today()))
    return DomainError::field("occasion_on", "future", "occasion_on cannot be in the future");
  auto tx = store_.begin(true);
  auto y = caseStaffReach(*tx, who, youngCarerId);
  if (!y) return DomainError::notFound("There is no young carer with that id");
  SurveyInvitationMade made;
  made.token = randomToken();
  made.link = publicBaseUrl_ + "/survey/" + made.token;
  auto& i = made.invitation;
  i.youngCarerId = youngCarerId;
  i.surveyId = survey->questions.id;
  i.surveyVersion = survey->questions.version;
  i.occasion = occasion;
  i.occasionOn = occasionOn;
  i.createdBy = who.userId;
  i.createdAt = clock_.now();
  i.expiresAt = i.createdAt + std::chrono::days(survey->linkValidDays);
  i.tokenHash = surveyTokenHash(made.token);
  const auto withdrawn = tx->surveys().withdrawOpen(youngCarerId, i.surveyId, i.createdAt);
  auto id = tx->surveys().addInvitation(i);
  if (!id) return id.error();
  i.id = *id;
  if (!address.empty()) {
    auto service = tx->organisations().findById(who.organisationId);
    if (auto s = writeSurveyLinkNotice(*tx, address, made.link, i.expiresAt,
                                       service ? service->name : "Your young carers service", i.createdAt);
        !s)
      return s.error();
    made.emailed = true;
  }
  auto e = auditEventFor(who, clock_.now(), "survey.invite", "young_carer", std::to_string(youngCarerId));
  e.detail = i.surveyId + " v" + std::to_string(i.surveyVersion) + " " + std::string(toString(occasion)) +
             ", invitation " + std::to_string(i.id) +
             (withdrawn ? ", replacing " + std::to_string(withdrawn) + " unused" : "") +
             (made.emailed ? ", emailed" : "");
  if (auto s = tx->audit().append(e); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return made;
}

Result<std::vector<SurveyDue>> Surveys::due(const Principal& who) {
  if (auto s = requireSurveyStaff(who); !s) return s.error();
  auto tx = store_.begin(false);
  const Date today = clock_.today();
  std::vector<SurveyDue> out;
  std::set<std::pair<Id, std::string>> listed;
  for (const Survey* survey : surveys_.latestOfEach())
    for (const auto& w : survey->when) {
      const Date to = addDays(today, -w.afterDays);
      for (const auto& o : tx->surveys().occasions(w.on, addDays(to, -w.withinDays), to)) {
        const auto& id = survey->questions.id;
        if (listed.count({o.youngCarerId, id})) continue;
        auto y = caseStaffReach(*tx, who, o.youngCarerId);
        if (!y || invitedSince(tx->surveys().invitationsFor(o.youngCarerId), id, o.on)) continue;
        listed.insert({o.youngCarerId, id});
        out.push_back({o.youngCarerId, displayName(*y), id, survey->questions.title, o});
      }
    }
  std::stable_sort(out.begin(), out.end(), [](const SurveyDue& a, const SurveyDue& b) {
    return std::chrono::sys_days(a.occasion.on) < std::chrono::sys_days(b.occasion.on);
  });
  auto e = auditEventFor(who, clock_.now(), "survey.due", "survey", "");
  e.detail = std::to_string(out.size()) + " due";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

Result<std::vector<SurveyInvitation>> Surveys::invitationsFor(const Principal& who, Id youngCarerId) {
  if (auto s = requireSurveyStaff(who); !s) return s.error();
  auto tx = store_.begin(false);
  if (!caseStaffReach(*tx, who, youngCarerId))
    return DomainError::notFound("There is no young carer with that id");
  auto sent = tx->surveys().invitationsFor(youngCarerId);
  auto e =
      auditEventFor(who, clock_.now(), "survey.invitations", "young_carer", std::to_string(youngCarerId));
  e.detail = std::to_string(sent.size()) + " invitations";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return sent;
}

SurveyLink Surveys::open(const std::string& token) {
  auto tx = store_.begin(false);
  auto i = tx->surveys().invitationByTokenHash(surveyTokenHash(token));
  if (!i) return {};
  const Survey* survey = surveys_.find(i->surveyId, i->surveyVersion);
  if (!survey) return {};
  SurveyLink link{stateOf(*i, clock_.now()), nullptr, i->expiresAt};
  if (link.state == SurveyLinkState::open) link.survey = survey;
  return link;
}

Result<SurveyLinkState> Surveys::answer(const std::string& token, const std::vector<int>& answers) {
  auto tx = store_.begin(true);
  auto i = tx->surveys().invitationByTokenHash(surveyTokenHash(token));
  const Survey* survey = i ? surveys_.find(i->surveyId, i->surveyVersion) : nullptr;
  if (!survey) return SurveyLinkState::unknown;
  const Timestamp now = clock_.now();
  if (auto state = stateOf(*i, now); state != SurveyLinkState::open) return state;
  if (auto s = checkAnswers(*survey, answers); !s) return s.error();
  auto used = tx->surveys().markUsed(i->id, now);
  if (!used) return used.error();
  if (!*used) return SurveyLinkState::used;
  auto response =
      tx->surveys().addResponse({i->surveyId, i->surveyVersion, financialYearOf(clock_.today()), answers});
  if (!response) return response.error();
  // The audit says a link was used, as used_at does; nothing of the answers.
  if (auto s = tx->audit().append(
          unattributedEvent(now, "survey.answer", "survey_invitation", std::to_string(i->id)));
      !s)
    return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return SurveyLinkState::open;
}

Result<SurveyResults> Surveys::results(const Principal& who, const std::string& surveyId,
                                       const std::string& financialYear) {
  if (who.role != Role::commissioner && who.role != Role::team_manager)
    return DomainError::forbidden("Only commissioners and team managers see survey results");
  const Survey* latest = surveys_.latest(surveyId);
  if (!latest) return DomainError::notFound("There is no survey with that id");
  SurveyResults r{surveyId, latest->questions.title, financialYear, policy_, {}, endedYears(clock_.today())};
  if (r.financialYear.empty()) r.financialYear = r.availableYears.front();
  if (!isFinancialYear(r.financialYear))
    return DomainError::field("year", "invalid_year", "year must be a financial year written like 2025/26");
  if (std::chrono::sys_days(financialYearEnd(r.financialYear)) >= std::chrono::sys_days(clock_.today()))
    return DomainError::field("year", "not_ended",
                              "Results are published only for whole financial years that have ended");
  auto tx = store_.begin(false);
  const auto counts = tx->surveys().answerCounts(surveyId, r.financialYear);
  for (const auto& [version, responses] : tx->surveys().responseCounts(surveyId, r.financialYear))
    if (const Survey* s = surveys_.find(surveyId, version))
      r.versions.push_back(versionResults(*s, responses, counts, policy_));
  if (r.versions.empty()) r.versions.push_back(versionResults(*latest, 0, counts, policy_));
  auto e = auditEventFor(who, clock_.now(), "survey.results", "survey", surveyId);
  e.detail = r.financialYear + " policy=" + std::string(toString(policy_));
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return r;
}

}  // namespace ycr::services
