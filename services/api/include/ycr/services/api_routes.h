#pragma once
// The JSON API's routes, by group: each group is added to the routing table by the composition root
// (app.cpp), is defined in the api_*.cpp file named beside it, and is given the use cases
// (use_cases.h), never the server.

#include "ycr/services/http.h"
#include "ycr/services/use_cases.h"

namespace ycr::services {

// Health and readiness, referrals, young carers and their records, events on a case: api.cpp.
void addApiRoutes(Router& router, UseCases& useCases);
// A person's own account: password, sessions, second factor: api_account.cpp.
void addAccountRoutes(Router& router, UseCases& useCases);
// Activities and breaks, places offered, attendance registers: api_activities.cpp.
void addActivityRoutes(Router& router, UseCases& useCases);
// /api/v1/organisations..., /api/v1/users... (admin) and /api/v1/audit (auditor): api_admin.cpp.
void addAdminRoutes(Router& router, UseCases& useCases);
// Assessments, support plans and questionnaires: api_assessments.cpp.
void addAssessmentRoutes(Router& router, UseCases& useCases);
// Work lists of cases and their exports: api_cases.cpp.
void addCaseRoutes(Router& router, UseCases& useCases);
// GET and POST /api/v1/organisations/{id}/champions, POST /api/v1/champions/{id}/end: api_champions.cpp.
void addChampionRoutes(Router& router, UseCases& useCases);
// GET and POST /api/v1/young-carers/{id}/consents: api_consents.cpp.
void addConsentRoutes(Router& router, UseCases& useCases);
// GET and POST /api/v1/feedback...: api_feedback.cpp.
void addFeedbackRoutes(Router& router, UseCases& useCases);
// A young carer's household: api_households.cpp.
void addHouseholdRoutes(Router& router, UseCases& useCases);
// ID cards: issuing and managing them (staff), the printable card, the public verification page
// behind the QR code and the public key for offline checks: api_id_cards.cpp.
void addIdCardRoutes(Router& router, UseCases& useCases);
// The match review queue, merge and undo: api_identity.cpp.
void addIdentityRoutes(Router& router, UseCases& useCases);
// The notices outbox, for administrators: api_notices.cpp.
void addNoticeRoutes(Router& router, UseCases& useCases);
// Data protection (auditor): legal holds, what is due, runs: api_retention.cpp.
void addRetentionRoutes(Router& router, UseCases& useCases);
// GET and POST /api/v1/young-carers/{id}/school-attendance: api_school_attendance.cpp.
void addSchoolAttendanceRoutes(Router& router, UseCases& useCases);
// GET /api/v1/stats/counts and /api/v1/stats/kpis (commissioners and team managers only; nobody else,
// since these are the only figures a commissioner may see): api_statistics.cpp.
void addStatisticsRoutes(Router& router, UseCases& useCases);
// GET /api/v1/young-carers/{id}/subject-access (auditor): JSON, or the HTML document with
// ?format=html or Accept: text/html: api_subject_access.cpp.
void addSubjectAccessRoutes(Router& router, UseCases& useCases);
// Routes under /api/v1/surveys: api_surveys.cpp.
void addSurveyRoutes(Router& router, UseCases& useCases);
// Tasks addressed to the caller's organisation, accepted and completed: api_tasks.cpp.
void addTaskRoutes(Router& router, UseCases& useCases);

}  // namespace ycr::services
