#pragma once
// Writes many records with prepared statements, for loading synthetic registers (ycr demo-data) of a
// million young carers in minutes. The rows are exactly those the repositories write (same columns,
// same derived keys), and the database's own triggers still run, so the statistics tables and the
// precomputed counts are the same as if each record had come through the API. It checks nothing a
// use case checks: never feed it anything but generated data. Use inside SqliteStore::bulkWrite.
// Failures throw (bulkWrite turns them into a DomainError and rolls back).

#include <memory>
#include <optional>

#include "ycr/core/activity_repository.h"
#include "ycr/core/assessment_repository.h"
#include "ycr/core/feedback.h"
#include "ycr/core/idcard.h"
#include "ycr/core/model.h"
#include "ycr/core/school_attendance.h"
#include "ycr/core/survey.h"

struct sqlite3;

namespace ycr::storage {

class BulkWriter {
 public:
  explicit BulkWriter(sqlite3* db);
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  Id youngCarer(const YoungCarer& y);
  Id caseRecord(const Case& c);
  Id referral(const Referral& r);
  Id caredFor(const CaredForPerson& p, std::optional<Id> referralId);
  Id caseEvent(const CaseEvent& e);
  Id assessment(const AssessmentRecord& a);
  // A support plan as it finally stands (status, agreed and superseded dates) with its items; the
  // version is the plan's own (the repository numbers it, here the caller does).
  Id supportPlan(const SupportPlan& p);
  // The next card number from the card serial sequence, as SqlIdCards::nextNumber takes it.
  std::string cardNumber(Timestamp takenAt);
  // A card as it finally stands, renewal date included, but without replaced_by (the replacement
  // does not exist yet when the lost card is written): set it with cardReplacedBy afterwards.
  Id idCard(const IdCard& c, std::optional<Date> renewed);
  void cardReplacedBy(const std::string& number, const std::string& replacement);
  // An activity as it finally stands (finalised_at and finalised_by included), and a place with its
  // attendance as recorded (SqlActivities' columns).
  Id activity(const Activity& a);
  Id activityPlace(const ActivityPlace& p);
  // A term's school attendance as SqlSchoolAttendance::add writes it.
  Id termAttendance(const TermAttendance& t);
  // A compliment or complaint as it finally stands, its outcome and earlier stages included (SqlFeedback's
  // columns and complaint_stages).
  Id feedback(const Feedback& f);
  // A survey invitation, and an answered survey with its answers, as SqlSurveys writes them.
  Id surveyInvitation(const SurveyInvitation& i);
  Id surveyResponse(const SurveyResponse& r);

 private:
  struct Statements;
  std::unique_ptr<Statements> s_;
};

}  // namespace ycr::storage
