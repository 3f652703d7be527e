#pragma once
// Where ycr demo-data's generated records go (demo_data.cpp): the repositories, one by one as the service
// writes them, or the bulk writer's prepared statements. Both write the same rows (demo_data_test).

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/storage/bulk_writer.h"

namespace ycr::services::demo {

// An ID card's life in the demo register: as first issued, as it stands now, and when it was last renewed.
struct DemoCard {
  IdCard asIssued;
  IdCard now;
  std::optional<Date> renewed;
  std::optional<Date> lostOn;  // decided at issue: the day it will be reported lost, if it is
  bool renewalDecided = false;
};

// One change to a young carer's cards, in the order the service would have made it.
struct CardChange {
  enum class Kind { issue, renew, status };
  Kind kind = Kind::issue;
  std::size_t card = 0;  // index into the young carer's cards
  Date on{};             // renew: the renewal day
  Date expires{};        // renew: the new last valid day
  CardStatus status = CardStatus::active;
  std::string reason;
  std::optional<std::string> replacedBy;
};

// Where generated records go: the repositories, one by one as the service writes them, or the bulk
// writer's prepared statements (the same rows, much faster).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Result<Id> youngCarer(const YoungCarer& y) = 0;
  virtual Result<Id> caseRecord(const Case& c) = 0;
  virtual Result<Id> referral(const Referral& r) = 0;
  virtual Result<Id> caredFor(const CaredForPerson& p, Id referralId) = 0;
  virtual Result<Id> caseEvent(const CaseEvent& e) = 0;
  virtual Result<Id> assessment(const AssessmentRecord& a) = 0;
  // A case's plan versions in the order they were recorded, each as it finally stands.
  virtual Status supportPlans(const std::vector<SupportPlan>& plans) = 0;
  virtual Result<std::string> cardNumber(Timestamp at) = 0;
  virtual Status idCards(const std::vector<DemoCard>& cards, const std::vector<CardChange>& changes) = 0;
  // An activity as it finally stands (finalised or not), then each place on it as it finally stands.
  virtual Result<Id> activity(const Activity& a) = 0;
  virtual Result<Id> activityPlace(const ActivityPlace& p) = 0;
  // A term's attendance as the young carer's school reported it.
  virtual Result<Id> termAttendance(const TermAttendance& t) = 0;
  // A compliment or complaint as it finally stands (a complaint's outcome included).
  virtual Result<Id> feedback(const Feedback& f) = 0;
  // A survey link sent, and an answered survey (kept with no young carer: core/survey.h).
  virtual Result<Id> surveyInvitation(const SurveyInvitation& i) = 0;
  virtual Result<Id> surveyResponse(const SurveyResponse& r) = 0;
};

class RepositorySink final : public Sink {
 public:
  explicit RepositorySink(Transaction& tx) : tx_(tx) {}
  Result<Id> youngCarer(const YoungCarer& y) override { return tx_.youngCarers().create(y); }
  Result<Id> caseRecord(const Case& c) override { return tx_.cases().create(c); }
  Result<Id> referral(const Referral& r) override { return tx_.referrals().create(r); }
  Result<Id> caredFor(const CaredForPerson& p, Id referralId) override {
    return tx_.youngCarers().addCaredFor(p, referralId);
  }
  Result<Id> caseEvent(const CaseEvent& e) override { return tx_.cases().appendEvent(e); }
  Result<Id> assessment(const AssessmentRecord& a) override { return tx_.assessments().create(a); }
  // As the service does it: each version recorded as a draft, then agreed (superseding the one before).
  Status supportPlans(const std::vector<SupportPlan>& plans) override {
    for (const auto& p : plans) {
      SupportPlan draft = p;
      draft.status = SupportPlanStatus::draft;
      draft.agreedOn.reset();
      draft.reviewDue.reset();
      draft.supersededOn.reset();
      auto id = tx_.assessments().createPlan(draft);
      if (!id) return id.error();
      if (p.status != SupportPlanStatus::draft)
        if (auto s = tx_.assessments().agreePlan(*id, *p.agreedOn, p.reviewDue); !s) return s;
    }
    return {};
  }
  Result<std::string> cardNumber(Timestamp at) override { return tx_.idCards().nextNumber(at); }
  // Replays each issue, renewal, loss and revocation as IdCards and revokeCardsFor make them.
  Status idCards(const std::vector<DemoCard>& cards, const std::vector<CardChange>& changes) override {
    for (const auto& c : changes) {
      const std::string& number = cards[c.card].asIssued.number;
      Status s;
      switch (c.kind) {
        case CardChange::Kind::issue:
          if (auto id = tx_.idCards().create(cards[c.card].asIssued); !id) return id.error();
          break;
        case CardChange::Kind::renew: s = tx_.idCards().renew(number, c.on, c.expires); break;
        case CardChange::Kind::status:
          s = tx_.idCards().setStatus(number, c.status, c.reason, c.replacedBy);
          break;
      }
      if (!s) return s;
    }
    return {};
  }
  // Added, and finalised at once if it was: its places are written after it, each as the register recorded
  // it (the rows the service's own order leaves; Activities keeps that order, the repository need not).
  Result<Id> activity(const Activity& a) override {
    auto id = tx_.activities().add(a);
    if (id && a.finalisedAt)
      if (auto s = tx_.activities().finalise(*id, a.finalisedBy, *a.finalisedAt); !s) return s.error();
    return id;
  }
  Result<Id> activityPlace(const ActivityPlace& p) override {
    auto id = tx_.activities().addPlace(p);
    if (!id || !p.attendance) return id;
    ActivityPlace recorded = p;
    recorded.id = *id;
    if (auto s = tx_.activities().recordAttendance(recorded); !s) return s.error();
    return id;
  }
  Result<Id> termAttendance(const TermAttendance& t) override { return tx_.schoolAttendance().add(t); }
  // As the service does it: recorded, then answered; each earlier stage answered and taken further.
  Result<Id> feedback(const Feedback& f) override {
    Feedback received = f;
    if (!f.earlierStages.empty()) received.responseDue = f.earlierStages.front().responseDue;
    auto id = tx_.feedback().add(received);
    if (!id) return id;
    for (std::size_t i = 0; i < f.earlierStages.size(); ++i) {
      const ComplaintStage& s = f.earlierStages[i];
      if (auto done = tx_.feedback().respond(*id, s.outcome, s.respondedOn, s.response, s.respondedBy); !done)
        return done.error();
      const bool last = i + 1 == f.earlierStages.size();
      const Date asked = last ? *f.stageAskedOn : *f.earlierStages[i + 1].askedOn;
      const Date due = last ? *f.responseDue : f.earlierStages[i + 1].responseDue;
      if (auto moved = tx_.feedback().openNextStage(*id, s.stage, asked, due); !moved) return moved.error();
    }
    if (f.outcome) {
      auto done = tx_.feedback().respond(*id, *f.outcome, *f.respondedOn, f.response, f.recordedBy);
      if (!done) return done.error();
    }
    return id;
  }
  Result<Id> surveyInvitation(const SurveyInvitation& i) override { return tx_.surveys().addInvitation(i); }
  Result<Id> surveyResponse(const SurveyResponse& r) override { return tx_.surveys().addResponse(r); }

 private:
  Transaction& tx_;
};

class BulkSink final : public Sink {
 public:
  explicit BulkSink(storage::BulkWriter& w) : w_(w) {}
  Result<Id> youngCarer(const YoungCarer& y) override { return w_.youngCarer(y); }
  Result<Id> caseRecord(const Case& c) override { return w_.caseRecord(c); }
  Result<Id> referral(const Referral& r) override { return w_.referral(r); }
  Result<Id> caredFor(const CaredForPerson& p, Id referralId) override { return w_.caredFor(p, referralId); }
  Result<Id> caseEvent(const CaseEvent& e) override { return w_.caseEvent(e); }
  Result<Id> assessment(const AssessmentRecord& a) override { return w_.assessment(a); }
  Status supportPlans(const std::vector<SupportPlan>& plans) override {
    for (const auto& p : plans) w_.supportPlan(p);
    return {};
  }
  Result<std::string> cardNumber(Timestamp at) override { return w_.cardNumber(at); }
  // Each card's final row once, in order of issue; a lost card names its replacement once that exists.
  Status idCards(const std::vector<DemoCard>& cards, const std::vector<CardChange>&) override {
    for (const auto& c : cards) w_.idCard(c.now, c.renewed);
    for (const auto& c : cards)
      if (c.now.replacedBy) w_.cardReplacedBy(c.now.number, *c.now.replacedBy);
    return {};
  }
  Result<Id> activity(const Activity& a) override { return w_.activity(a); }
  Result<Id> activityPlace(const ActivityPlace& p) override { return w_.activityPlace(p); }
  Result<Id> termAttendance(const TermAttendance& t) override { return w_.termAttendance(t); }
  Result<Id> feedback(const Feedback& f) override { return w_.feedback(f); }
  Result<Id> surveyInvitation(const SurveyInvitation& i) override { return w_.surveyInvitation(i); }
  Result<Id> surveyResponse(const SurveyResponse& r) override { return w_.surveyResponse(r); }

 private:
  storage::BulkWriter& w_;
};

}  // namespace ycr::services::demo
