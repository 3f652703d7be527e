#pragma once
// The JSON API's routes, by group: each group is added to the routing table by the composition root
// (app.cpp), is defined in the api_*.cpp file named beside it, and is given the use cases its routes
// call, never the server, the store or the other use cases.

#include <functional>

#include "ycr/services/accounts.h"
#include "ycr/services/activities.h"
#include "ycr/services/administration.h"
#include "ycr/services/assessments.h"
#include "ycr/services/auth.h"
#include "ycr/services/client_address.h"
#include "ycr/services/consents.h"
#include "ycr/services/feedback.h"
#include "ycr/services/households.h"
#include "ycr/services/http.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/identity.h"
#include "ycr/services/register.h"
#include "ycr/services/retention.h"
#include "ycr/services/school_attendance.h"
#include "ycr/services/school_champions.h"
#include "ycr/services/statistics.h"
#include "ycr/services/subject_access.h"
#include "ycr/services/surveys.h"
#include "ycr/services/tasks.h"

namespace ycr::services {

// Ready to serve: the database answers and its schema is the one this binary was built for.
struct Readiness {
  bool database = false;
  int schemaVersion = 0;
  int expectedSchemaVersion = 0;
  bool ready() const { return database && schemaVersion == expectedSchemaVersion; }
};

// What /healthz, /readyz and /api/v1/version ask of the composition root: does the store answer, and
// is its schema the one this binary was built for.
struct ServiceChecks {
  std::function<Status()> health;
  std::function<Readiness()> readiness;
};

// Health and readiness, referrals, young carers and their records, events on a case: api.cpp.
void addApiRoutes(Router& router, Register& reg, Authenticator& auth, const ServiceChecks& checks);
// A person's own account: password, sessions, second factor: api_account.cpp.
void addAccountRoutes(Router& router, Accounts& accounts);
// Activities and breaks, places offered, attendance registers: api_activities.cpp.
void addActivityRoutes(Router& router, Activities& activities);
// /api/v1/organisations..., /api/v1/users... (admin) and /api/v1/audit (auditor): api_admin.cpp.
void addAdminRoutes(Router& router, Administration& administration);
// Assessments, support plans and questionnaires: api_assessments.cpp.
void addAssessmentRoutes(Router& router, Assessments& assessments);
// Work lists of cases and their exports: api_cases.cpp.
void addCaseRoutes(Router& router, Register& reg, const Clock& clock);
// GET and POST /api/v1/organisations/{id}/champions, POST /api/v1/champions/{id}/end: api_champions.cpp.
void addChampionRoutes(Router& router, SchoolChampions& champions);
// GET and POST /api/v1/young-carers/{id}/consents: api_consents.cpp.
void addConsentRoutes(Router& router, Consents& consents);
// GET and POST /api/v1/feedback...: api_feedback.cpp.
void addFeedbackRoutes(Router& router, ComplimentsAndComplaints& feedback);
// A young carer's household: api_households.cpp.
void addHouseholdRoutes(Router& router, Households& households);
// ID cards: issuing and managing them (staff), the printable card, the public verification page
// behind the QR code and the public key for offline checks: api_id_cards.cpp.
void addIdCardRoutes(Router& router, IdCards& idCards, RateLimiter& verifyLimiter);
// The match review queue, merge and undo: api_identity.cpp.
void addIdentityRoutes(Router& router, Identity& identity);
// The notices outbox, for administrators: api_notices.cpp.
void addNoticeRoutes(Router& router, Administration& administration);
// Data protection (auditor): legal holds, what is due, runs: api_retention.cpp.
void addRetentionRoutes(Router& router, Retention& retention);
// GET and POST /api/v1/young-carers/{id}/school-attendance: api_school_attendance.cpp.
void addSchoolAttendanceRoutes(Router& router, SchoolAttendance& attendance);
// GET /api/v1/stats/counts and /api/v1/stats/kpis (commissioners and team managers only; nobody else,
// since these are the only figures a commissioner may see): api_statistics.cpp.
void addStatisticsRoutes(Router& router, Statistics& statistics);
// GET /api/v1/young-carers/{id}/subject-access (auditor): JSON, or the HTML document with
// ?format=html or Accept: text/html: api_subject_access.cpp.
void addSubjectAccessRoutes(Router& router, SubjectAccess& subjectAccess);
// Routes under /api/v1/surveys: api_surveys.cpp.
void addSurveyRoutes(Router& router, Surveys& surveys);
// Tasks addressed to the caller's organisation, accepted and completed: api_tasks.cpp.
void addTaskRoutes(Router& router, Tasks& tasks, const Clock& clock);

}  // namespace ycr::services
