#pragma once
// The repositories of one SQLite transaction (sqlite_store.cpp runs them), kept apart so that the
// list grows here, one line a repository, and the store's own file stays about transactions.

#include "activity_repository.h"
#include "administration_repository.h"
#include "consent_repository.h"
#include "feedback_repository.h"
#include "id_card_repository.h"
#include "identity_repository.h"
#include "import_repository.h"
#include "notice_repository.h"
#include "repositories.h"
#include "retention_repository.h"
#include "school_attendance_repository.h"
#include "school_champion_repository.h"
#include "sign_in_throttle_repository.h"
#include "sql_assessments.h"
#include "statistics.h"
#include "survey_repository.h"
#include "ycr/storage/sql.h"

namespace ycr::storage {

// The repositories of one transaction, over one connection's statements.
class SqliteUnitOfWork : public Transaction {
 public:
  SqliteUnitOfWork(Poco::Data::Session& session, StatementCache* statements)
      : sql_(session, statements),
        organisations_(sql_),
        users_(sql_),
        sessions_(sql_),
        youngCarers_(sql_),
        referrals_(sql_),
        cases_(sql_),
        audit_(sql_),
        idCards_(sql_),
        assessments_(sql_),
        administration_(sql_),
        statistics_(sql_),
        matchReviews_(sql_),
        merges_(sql_),
        signInThrottle_(sql_),
        imports_(sql_),
        notices_(sql_),
        activities_(sql_),
        retention_(sql_),
        consents_(sql_),
        schoolAttendance_(sql_),
        schoolChampions_(sql_),
        feedback_(sql_),
        surveys_(sql_) {}

  OrganisationRepository& organisations() override { return organisations_; }
  UserRepository& users() override { return users_; }
  SessionRepository& sessions() override { return sessions_; }
  YoungCarerRepository& youngCarers() override { return youngCarers_; }
  ReferralRepository& referrals() override { return referrals_; }
  CaseRepository& cases() override { return cases_; }
  AuditLog& audit() override { return audit_; }
  IdCardRepository& idCards() override { return idCards_; }
  AssessmentRepository& assessments() override { return assessments_; }
  AdministrationRepository& administration() override { return administration_; }
  StatisticsRepository& statistics() override {
    countsNeeded();
    return statistics_;
  }
  MatchReviewRepository& matchReviews() override { return matchReviews_; }
  MergeRepository& merges() override { return merges_; }
  SignInThrottleRepository& signInThrottle() override { return signInThrottle_; }
  ImportRepository& imports() override { return imports_; }
  NoticeRepository& notices() override { return notices_; }
  ActivityRepository& activities() override { return activities_; }
  ConsentRepository& consents() override { return consents_; }
  SchoolAttendanceRepository& schoolAttendance() override { return schoolAttendance_; }
  SchoolChampionRepository& schoolChampions() override { return schoolChampions_; }
  FeedbackRepository& feedback() override { return feedback_; }
  SurveyRepository& surveys() override { return surveys_; }
  RetentionRepository& retention() override { return retention_; }
  SqlAuditLog& sqlAudit() { return audit_; }
  Sql& sql() { return sql_; }
  long long settleCounts() { return statistics_.settle(); }

 protected:
  // Before counts are read: a writing transaction brings them up to date with every commit so far
  // and its own writes (SqliteOptions::settleCountsAfterMs), so what it reads is exact. A reading
  // one cannot write: it reads them as the last settle left them.
  virtual void countsNeeded() {}

  Sql sql_;
  SqlOrganisations organisations_;
  SqlUsers users_;
  SqlSessions sessions_;
  SqlYoungCarers youngCarers_;
  SqlReferrals referrals_;
  SqlCases cases_;
  SqlAuditLog audit_;
  SqlIdCards idCards_;
  SqlAssessments assessments_;
  SqlAdministration administration_;
  SqlStatistics statistics_;
  SqlMatchReviews matchReviews_;
  SqlMerges merges_;
  SqlSignInThrottle signInThrottle_;
  SqlImports imports_;
  SqlNotices notices_;
  SqlActivities activities_;
  SqlRetention retention_;
  SqlConsents consents_;
  SqlSchoolAttendance schoolAttendance_;
  SqlSchoolChampions schoolChampions_;
  SqlFeedback feedback_;
  SqlSurveys surveys_;
};

}  // namespace ycr::storage
