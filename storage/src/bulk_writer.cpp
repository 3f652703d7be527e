#include "ycr/storage/bulk_writer.h"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include "id_card_repository.h"
#include "repositories.h"

namespace ycr::storage {

// One prepared INSERT of the bulk load, its values bound in order.
class BulkInsert {
 public:
  BulkInsert(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("bulk load: ") + sqlite3_errmsg(db));
  }
  ~BulkInsert() { sqlite3_finalize(s_); }
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  BulkInsert& text(const std::string& v) {
    sqlite3_bind_text(s_, ++n_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  BulkInsert& text(std::string_view v) { return text(std::string(v)); }
  BulkInsert& integer(long long v) {
    sqlite3_bind_int64(s_, ++n_, v);
    return *this;
  }
  BulkInsert& null() {
    sqlite3_bind_null(s_, ++n_);
    return *this;
  }
  BulkInsert& date(const Date& d) { return text(formatIsoDate(d)); }
  BulkInsert& date(const std::optional<Date>& d) { return d ? date(*d) : null(); }
  BulkInsert& time(Timestamp t) { return text(formatIsoTimestamp(t)); }
  BulkInsert& id(std::optional<Id> v) { return v ? integer(*v) : null(); }

  Id run() {
    const int rc = sqlite3_step(s_);
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
    n_ = 0;
    if (rc != SQLITE_DONE) throw std::runtime_error(std::string("bulk load: ") + sqlite3_errmsg(db_));
    return sqlite3_last_insert_rowid(db_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  int n_ = 0;
};

// The same columns as the repositories' create() (repositories.cpp).
struct BulkWriter::Statements {
  explicit Statements(sqlite3* db)
      : youngCarer(
            db,
            "INSERT INTO young_carers(given_name, family_name, preferred_name, search_key, identity_key, "
            "date_of_birth, gender, ethnicity, address, postcode, school_urn, gp_practice_ods, nhs_number, "
            "communication_needs, young_adult_carer, merged_into, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        caseRecord(
            db,
            "INSERT INTO cases(young_carer_id, state, close_reason, owner_team, owner_user_id, next_action, "
            "next_action_due, referral_received, safeguarding_escalated, safeguarding_returned, "
            "planning_from, plan_agreed, review_due, opened_at, updated_at, version) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)"),
        referral(db,
                 "INSERT INTO referrals(reference, organisation_id, route, referrer_user_id, received_at, "
                 "recorded_at, young_carer_id, case_id, caring_summary, young_person_aware, parent_aware, "
                 "safeguarding_concern, safeguarding_detail, described_given_name, described_family_name, "
                 "described_date_of_birth, described_postcode) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        caredFor(db,
                 "INSERT INTO cared_for_people(young_carer_id, referral_id, relationship, conditions, "
                 "lives_with_young_carer, known_to_adult_social_care, adult_social_care_reference) "
                 "VALUES (?,?,?,?,?,?,?)"),
        caseEvent(db,
                  "INSERT INTO case_events(case_id, at, actor_user_id, event, from_state, to_state, reason, "
                  "close_reason, late, late_reason, referral_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        assessment(
            db,
            "INSERT INTO assessments(case_id, young_carer_id, kind, status, document, assessor_user_id, "
            "created_at, updated_at, completed_at, wellbeing_improved, maca_band) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        supportPlan(
            db,
            "INSERT INTO support_plans(case_id, version, status, recorded_by, recorded_at, agreed_on, "
            "review_due, superseded_on) VALUES (?,?,?,?,?,?,?,?)"),
        planItem(db,
                 "INSERT INTO support_plan_items(plan_id, position, type, provider, start_on, end_on, notes) "
                 "VALUES (?,?,?,?,?,?,?)"),
        cardSerial(db, "INSERT INTO id_card_serials(taken_at) VALUES (?)"),
        idCard(db,
               "INSERT INTO id_cards(number, serial, young_carer_id, issued, expires, renewed, status, "
               "status_reason, sharing, young_carer_consent, parent_consent, parent_consent_note, "
               "replaced_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,NULL,?)"),
        cardReplacedBy(db, "UPDATE id_cards SET replaced_by = ? WHERE number = ?"),
        activity(db,
                 "INSERT INTO activities(organisation_id, kind, title, starts_on, ends_on, venue, capacity, "
                 "transport_note, consent_note, created_by, created_at, finalised_at, finalised_by) "
                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        activityPlace(db,
                      "INSERT INTO activity_places(activity_id, young_carer_id, offered_at, offered_by, "
                      "attendance, reason, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?)"),
        termAttendance(
            db,
            "INSERT INTO school_attendance(young_carer_id, academic_year, term, sessions_possible, "
            "sessions_missed, missed_for_caring, source, recorded_by, recorded_by_organisation, "
            "recorded_at, corrects) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        surveyInvitation(
            db,
            "INSERT INTO survey_invitations(young_carer_id, survey_id, survey_version, occasion, "
            "occasion_on, created_by, created_at, expires_at, token_hash, used_at) VALUES "
            "(?,?,?,?,?,?,?,?,?,?)"),
        surveyResponse(
            db, "INSERT INTO survey_responses(survey_id, survey_version, financial_year) VALUES (?,?,?)"),
        surveyAnswer(db, "INSERT INTO survey_answers(response_id, item, value) VALUES (?,?,?)"),
        feedback(
            db,
            "INSERT INTO feedback(organisation_id, kind, from_whom, young_carer_id, received_on, summary, "
            "recorded_by, recorded_at, response_due, outcome, responded_on, response, responded_by, stage, "
            "stage_asked_on) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
        complaintStage(db,
                       "INSERT INTO complaint_stages(feedback_id, stage, asked_on, response_due, outcome, "
                       "responded_on, response, responded_by) VALUES (?,?,?,?,?,?,?,?)") {}
  BulkInsert youngCarer, caseRecord, referral, caredFor, caseEvent, assessment, supportPlan, planItem,
      cardSerial, idCard, cardReplacedBy, activity, activityPlace, termAttendance, surveyInvitation,
      surveyResponse, surveyAnswer, feedback, complaintStage;
};

BulkWriter::BulkWriter(sqlite3* db) : s_(std::make_unique<Statements>(db)) {}
BulkWriter::~BulkWriter() = default;

Id BulkWriter::youngCarer(const YoungCarer& y) {
  return s_->youngCarer.text(y.givenName)
      .text(y.familyName)
      .text(y.preferredName)
      .text(searchKeyFor(y))
      .text(identityKey(y))
      .date(y.dateOfBirth)
      .text(y.gender)
      .text(y.ethnicity)
      .text(y.address)
      .text(y.postcode)
      .text(y.schoolUrn)
      .text(y.gpPracticeOds)
      .text(y.nhsNumber)
      .text(y.communicationNeeds)
      .integer(y.youngAdultCarer ? 1 : 0)
      .id(y.mergedInto)
      .time(y.createdAt)
      .time(y.updatedAt)
      .run();
}

Id BulkWriter::caseRecord(const Case& c) {
  auto& s = s_->caseRecord.integer(c.youngCarerId).text(toString(c.state));
  if (c.closeReason)
    s.text(toString(*c.closeReason));
  else
    s.null();
  return s.text(c.ownerTeam)
      .id(c.ownerUserId)
      .text(c.nextAction)
      .date(c.nextActionDue)
      .date(c.referralReceived)
      .date(c.safeguardingEscalated)
      .date(c.safeguardingReturned)
      .date(c.planningFrom)
      .date(c.planAgreed)
      .date(c.reviewDue)
      .time(c.openedAt)
      .time(c.updatedAt)
      .run();
}

Id BulkWriter::referral(const Referral& x) {
  auto& s = s_->referral.text(x.reference).integer(x.organisationId).text(toString(x.route));
  if (x.referrerUserId)
    s.integer(x.referrerUserId);
  else
    s.null();
  return s.time(x.receivedAt)
      .time(x.recordedAt)
      .integer(x.youngCarerId)
      .id(x.caseId)
      .text(x.caringSummary)
      .integer(x.youngPersonAware ? 1 : 0)
      .integer(x.parentAware ? 1 : 0)
      .integer(x.safeguardingConcern ? 1 : 0)
      .text(x.safeguardingDetail)
      .text(x.describedGivenName)
      .text(x.describedFamilyName)
      .text(x.describedDateOfBirth)
      .text(x.describedPostcode)
      .run();
}

Id BulkWriter::caredFor(const CaredForPerson& p, std::optional<Id> referralId) {
  return s_->caredFor.integer(p.youngCarerId)
      .id(referralId)
      .text(toString(p.relationship))
      .text(joinConditions(p.conditions))
      .integer(p.livesWithYoungCarer ? 1 : 0)
      .integer(p.knownToAdultSocialCare ? 1 : 0)
      .text(p.adultSocialCareReference)
      .run();
}

Id BulkWriter::caseEvent(const CaseEvent& e) {
  auto& s = s_->caseEvent.integer(e.caseId)
                .time(e.at)
                .id(e.actorUserId)
                .text(e.event)
                .text(toString(e.fromState))
                .text(toString(e.toState))
                .text(e.reason);
  if (e.closeReason)
    s.text(toString(*e.closeReason));
  else
    s.null();
  return s.integer(e.late ? 1 : 0).text(e.lateReason).id(e.referralId).run();
}

Id BulkWriter::assessment(const AssessmentRecord& a) {
  auto& s = s_->assessment.integer(a.caseId)
                .integer(a.youngCarerId)
                .text(toString(a.kind))
                .text(toString(a.status))
                .text(a.document)
                .id(a.assessorUserId)
                .time(a.createdAt)
                .time(a.updatedAt);
  if (a.completedAt)
    s.time(*a.completedAt);
  else
    s.null();
  if (a.wellbeingImproved)
    s.integer(*a.wellbeingImproved ? 1 : 0);
  else
    s.null();
  if (a.macaBand)
    s.text(*a.macaBand);
  else
    s.null();
  return s.run();
}

Id BulkWriter::supportPlan(const SupportPlan& p) {
  const Id id = s_->supportPlan.integer(p.caseId)
                    .integer(p.version)
                    .text(toString(p.status))
                    .id(p.recordedBy)
                    .time(p.recordedAt)
                    .date(p.agreedOn)
                    .date(p.reviewDue)
                    .date(p.supersededOn)
                    .run();
  long long position = 0;
  for (const auto& item : p.items)
    s_->planItem.integer(id)
        .integer(position++)
        .text(toString(item.type))
        .text(item.provider)
        .date(item.start)
        .date(item.end)
        .text(item.notes)
        .run();
  return id;
}

std::string BulkWriter::cardNumber(Timestamp takenAt) {
  const Id serial = s_->cardSerial.time(takenAt).run();
  if (serial < 0 || static_cast<std::uint64_t>(serial) > kMaxCardSerial)
    throw std::runtime_error("bulk load: the card number sequence is exhausted");
  return makeCardNumber(static_cast<std::uint64_t>(serial));
}

Id BulkWriter::idCard(const IdCard& c, std::optional<Date> renewed) {
  // The serial is the number's digits without the check digit (as SqlIdCards::create reads it).
  return s_->idCard.text(c.number)
      .integer(std::stoll(c.number.substr(2, 9)))
      .integer(c.youngCarerId)
      .date(c.issued)
      .date(c.expires)
      .date(renewed)
      .text(toString(c.status))
      .text(c.statusReason)
      .text(joinSharing(c.sharing))
      .integer(c.youngCarerConsent ? 1 : 0)
      .text(c.parentConsent)
      .text(c.parentConsentNote)
      .time(c.createdAt)
      .run();
}

void BulkWriter::cardReplacedBy(const std::string& number, const std::string& replacement) {
  s_->cardReplacedBy.text(replacement).text(number).run();
}

Id BulkWriter::activity(const Activity& a) {
  auto& s = s_->activity.integer(a.organisationId)
                .text(toString(a.kind))
                .text(a.title)
                .date(a.startsOn)
                .date(a.endsOn)
                .text(a.venue)
                .integer(a.capacity)
                .text(a.transportNote)
                .text(a.consentNote)
                .id(a.createdBy)
                .time(a.createdAt);
  if (a.finalisedAt)
    s.time(*a.finalisedAt);
  else
    s.null();
  return s.id(a.finalisedBy).run();
}

Id BulkWriter::activityPlace(const ActivityPlace& p) {
  auto& s = s_->activityPlace.integer(p.activityId).integer(p.youngCarerId).time(p.offeredAt).id(p.offeredBy);
  if (p.attendance)
    s.text(toString(*p.attendance));
  else
    s.null();
  s.text(p.reason);
  if (p.recordedAt)
    s.time(*p.recordedAt);
  else
    s.null();
  return s.id(p.recordedBy).run();
}

Id BulkWriter::termAttendance(const TermAttendance& t) {
  return s_->termAttendance.integer(t.youngCarerId)
      .text(t.academicYear)
      .text(toString(t.term))
      .integer(t.sessionsPossible)
      .integer(t.sessionsMissed)
      .integer(t.missedForCaring)
      .text(toString(t.source))
      .id(t.recordedBy)
      .id(t.recordedByOrganisation)
      .time(t.recordedAt)
      .id(t.corrects)
      .run();
}

Id BulkWriter::surveyInvitation(const SurveyInvitation& i) {
  auto& insert = s_->surveyInvitation.integer(i.youngCarerId)
                     .text(i.surveyId)
                     .integer(i.surveyVersion)
                     .text(toString(i.occasion))
                     .date(i.occasionOn)
                     .id(i.createdBy)
                     .time(i.createdAt)
                     .time(i.expiresAt)
                     .text(i.tokenHash);
  return (i.usedAt ? insert.time(*i.usedAt) : insert.null()).run();
}

Id BulkWriter::surveyResponse(const SurveyResponse& r) {
  Id id = s_->surveyResponse.text(r.surveyId).integer(r.surveyVersion).text(r.financialYear).run();
  for (std::size_t i = 0; i < r.answers.size(); ++i)
    if (r.answers[i] != kUnanswered)
      s_->surveyAnswer.integer(id).integer(static_cast<long long>(i + 1)).integer(r.answers[i]).run();
  return id;
}

Id BulkWriter::feedback(const Feedback& f) {
  auto& i = s_->feedback.integer(f.organisationId)
                .text(toString(f.kind))
                .text(toString(f.from))
                .id(f.youngCarerId)
                .date(f.received)
                .text(f.summary)
                .id(f.recordedBy)
                .time(f.recordedAt)
                .date(f.responseDue);
  (f.outcome ? i.text(toString(*f.outcome)) : i.null()).date(f.respondedOn).text(f.response);
  const Id id = i.id(f.outcome ? f.recordedBy : std::nullopt).integer(f.stage).date(f.stageAskedOn).run();
  for (const auto& s : f.earlierStages)
    s_->complaintStage.integer(id)
        .integer(s.stage)
        .date(s.askedOn)
        .date(s.responseDue)
        .text(toString(s.outcome))
        .date(s.respondedOn)
        .text(s.response)
        .id(s.respondedBy)
        .run();
  return id;
}

}  // namespace ycr::storage
