#pragma once
// The authorisation matrix's expected answers (authorisation_matrix_test.cpp runs them): for every
// route, what each role and a caller with no token gets, for records of their own organisation and of
// another. Only that test includes this.

#include <array>

#include "ycr/core/model.h"

namespace ycr::matrix {

// Columns of the matrix: who calls.
enum Caller { none, admin, caseworker, team_manager, referrer, commissioner, auditor, kCallers };
const char* const kCallerNames[kCallers] = {"no token", "admin",        "caseworker", "team_manager",
                                            "referrer", "commissioner", "auditor"};
constexpr Role kRoles[kCallers] = {Role::admin,    Role::admin,        Role::caseworker, Role::team_manager,
                                   Role::referrer, Role::commissioner, Role::auditor};  // [none] unused

// Whose record the request reaches: the caller's own organisation's, or another's. Routes that
// reach no organisation's record have only an `own` row.
enum class Scope { own, other };

struct Cell {
  const char* method;
  const char* pattern;
  Scope scope;
  //                     none  admin  cw   tm   ref  comm  aud
  std::array<int, kCallers> expected;
};

// clang-format off
const Cell kMatrix[] = {
  {"GET",    "/healthz",                              Scope::own,   {200, 200, 200, 200, 200, 200, 200}},
  {"GET",    "/readyz",                               Scope::own,   {200, 200, 200, 200, 200, 200, 200}},
  {"GET",    "/api/v1/version",                       Scope::own,   {200, 200, 200, 200, 200, 200, 200}},
  {"GET",    "/api/v1/openapi.json",                  Scope::own,   {200, 200, 200, 200, 200, 200, 200}},
  {"POST",   "/api/v1/sessions",                      Scope::own,   {201, 201, 201, 201, 201, 201, 201}},
  {"DELETE", "/api/v1/sessions/current",              Scope::own,   {401, 204, 204, 204, 204, 204, 204}},

  {"POST",   "/api/v1/young-carers",                  Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"GET",    "/api/v1/young-carers",                  Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/young-carers/search",           Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/young-carers/{id}",             Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  // A young carer whose case another service owns does not exist for its staff.
  {"GET",    "/api/v1/young-carers/{id}",             Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  // The data protection role (auditor) corrects any service's record, with a reason (rectification).
  {"PATCH",  "/api/v1/young-carers/{id}",             Scope::own,   {401, 403, 200, 200, 403, 403, 200}},
  {"PATCH",  "/api/v1/young-carers/{id}",             Scope::other, {401, 403, 404, 404, 403, 403, 200}},

  {"POST",   "/api/v1/referrals",                     Scope::own,   {401, 403, 201, 201, 201, 403, 403}},
  {"GET",    "/api/v1/referrals",                     Scope::own,   {401, 403, 200, 200, 200, 403, 403}},
  {"GET",    "/api/v1/referrals/{ref}",               Scope::own,   {401, 403, 200, 200, 200, 403, 403}},
  // Another school's referral does not exist as far as a referrer can tell, nor another
  // service's referral for its staff (policy::canSeeReferral).
  {"GET",    "/api/v1/referrals/{ref}",               Scope::other, {401, 403, 404, 404, 404, 403, 403}},

  {"GET",    "/api/v1/cases",                         Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}",                    Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}",                    Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}/timeline",           Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}/timeline",           Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/cases/{id}/events",             Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/cases/{id}/events",             Scope::other, {401, 403, 404, 404, 403, 403, 403}},

  // Everyone's own account: only their own, so the same answer for every role.
  {"GET",    "/api/v1/account",                       Scope::own,   {401, 200, 200, 200, 200, 200, 200}},
  {"POST",   "/api/v1/account/password",              Scope::own,   {401, 422, 422, 422, 422, 422, 422}},
  {"GET",    "/api/v1/account/sessions",              Scope::own,   {401, 200, 200, 200, 200, 200, 200}},
  {"DELETE", "/api/v1/account/sessions/{id}",         Scope::own,   {401, 404, 404, 404, 404, 404, 404}},
  {"POST",   "/api/v1/account/second-factor/enrolment", Scope::own, {401, 200, 200, 200, 200, 200, 200}},
  {"PUT",    "/api/v1/account/second-factor",         Scope::own,   {401, 422, 422, 422, 422, 422, 422}},
  {"POST",   "/api/v1/sessions/current/second-factor", Scope::own,  {401, 409, 409, 409, 409, 409, 409}},

  {"GET",    "/api/v1/organisations",                 Scope::own,   {401, 200, 403, 403, 403, 403, 403}},
  {"GET",    "/api/v1/notices",                       Scope::own,   {401, 200, 403, 403, 403, 403, 403}},
  {"POST",   "/api/v1/organisations",                 Scope::own,   {401, 201, 403, 403, 403, 403, 403}},
  {"POST",   "/api/v1/organisations/{id}/deactivate", Scope::own,   {401, 200, 403, 403, 403, 403, 403}},
  {"PUT",    "/api/v1/organisations/{id}/notices-email", Scope::own, {401, 200, 403, 403, 403, 403, 403}},
  {"GET",    "/api/v1/users",                         Scope::own,   {401, 200, 403, 403, 403, 403, 403}},
  {"POST",   "/api/v1/users",                         Scope::own,   {401, 201, 403, 403, 403, 403, 403}},
  {"POST",   "/api/v1/users/{id}/deactivate",         Scope::own,   {401, 200, 403, 403, 403, 403, 403}},
  {"POST",   "/api/v1/users/{id}/reset-password",     Scope::own,   {401, 200, 403, 403, 403, 403, 403}},
  // A new account has no authenticator: nothing to reset (409) for the administrator, refused to the rest.
  {"POST",   "/api/v1/users/{id}/reset-second-factor", Scope::own,  {401, 409, 403, 403, 403, 403, 403}},
  {"GET",    "/api/v1/audit",                         Scope::own,   {401, 403, 403, 403, 403, 403, 200}},
  // Subject access: the data protection role (auditor) answers for the whole authority, whichever
  // service owns the young carer's case; nobody else exports a record.
  {"GET",    "/api/v1/young-carers/{id}/subject-access", Scope::own,   {401, 403, 403, 403, 403, 403, 200}},
  {"GET",    "/api/v1/young-carers/{id}/subject-access", Scope::other, {401, 403, 403, 403, 403, 403, 200}},
  // Retention: legal holds, what is due and runs, for the data protection role alone.
  {"POST",   "/api/v1/young-carers/{id}/legal-holds", Scope::own,   {401, 403, 403, 403, 403, 403, 201}},
  {"POST",   "/api/v1/young-carers/{id}/legal-holds", Scope::other, {401, 403, 403, 403, 403, 403, 201}},
  {"GET",    "/api/v1/young-carers/{id}/legal-holds", Scope::own,   {401, 403, 403, 403, 403, 403, 200}},
  {"POST",   "/api/v1/legal-holds/{id}/release",      Scope::own,   {401, 403, 403, 403, 403, 403, 200}},
  {"GET",    "/api/v1/retention/due",                 Scope::own,   {401, 403, 403, 403, 403, 403, 200}},
  // Erasure on request: the auditor alone, refused while the case is open.
  {"POST",   "/api/v1/young-carers/{id}/erasure",     Scope::own,   {401, 403, 403, 403, 403, 403, 409}},
  {"POST",   "/api/v1/retention/runs",                Scope::own,   {401, 403, 403, 403, 403, 403, 201}},
  {"GET",    "/api/v1/retention/runs",                Scope::own,   {401, 403, 403, 403, 403, 403, 200}},

  // Consent to share: the staff of the young carer's service; a school's own staff see the young
  // carers who agreed to share with it (the own school here has a URN and no such young carer yet).
  {"GET",    "/api/v1/young-carers/{id}/consents",    Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/young-carers/{id}/consents",    Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/consents",    Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/consents",    Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/school/young-carers",           Scope::own,   {401, 403, 403, 403, 200, 403, 403}},
  // School attendance: the young carer's case staff, and the staff of their own school while the young
  // person agrees to share with it (the own school's young carer here has agreed; the other school's
  // staff find no such young carer).
  {"GET",    "/api/v1/young-carers/{id}/school-attendance", Scope::own,   {401, 403, 200, 200, 200, 403, 403}},
  {"GET",    "/api/v1/young-carers/{id}/school-attendance", Scope::other, {401, 403, 404, 404, 404, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/school-attendance", Scope::own,   {401, 403, 201, 201, 201, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/school-attendance", Scope::other, {401, 403, 404, 404, 404, 403, 403}},
  // A school's own staff import its CSV; rows reach only its own young carers who agreed to share.
  {"POST",   "/api/v1/school/attendance-imports",     Scope::own,   {401, 403, 403, 403, 200, 403, 403}},

  // Surveys: case staff of the young carer's service send them and see who is due; results (a whole ended
  // financial year, disclosure-controlled) are for commissioners and team managers.
  {"GET",    "/api/v1/surveys",                       Scope::own,   {401, 403, 200, 200, 403, 200, 403}},
  {"POST",   "/api/v1/surveys/invitations",           Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/surveys/invitations",           Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/surveys/invitations",           Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/surveys/invitations",           Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/surveys/due",                   Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/surveys/{id}/results",          Scope::own,   {401, 403, 403, 200, 403, 200, 403}},

  // ID cards: staff of the service that owns the young carer's case; verification is public.
  {"POST",   "/api/v1/young-carers/{id}/id-cards",    Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/id-cards",    Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  // Compliments and complaints: the receiving service's case staff only; another service's are not found.
  {"GET",    "/api/v1/feedback",                      Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/feedback",                      Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"GET",    "/api/v1/feedback/{id}",                 Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/feedback/{id}",                 Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/feedback/{id}/outcome",         Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/feedback/{id}/outcome",         Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  // More time to answer is agreed by a team manager.
  {"POST",   "/api/v1/feedback/{id}/extend",          Scope::own,   {401, 403, 403, 200, 403, 403, 403}},
  {"POST",   "/api/v1/feedback/{id}/extend",          Scope::other, {401, 403, 403, 404, 403, 403, 403}},
  // The complainant's request for the next stage is recorded by the case staff.
  {"POST",   "/api/v1/feedback/{id}/next-stage",      Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/feedback/{id}/next-stage",      Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/champions",                     Scope::own,   {401, 200, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/organisations/{id}/champions",  Scope::own,   {401, 200, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/organisations/{id}/champions",  Scope::own,   {401, 201, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/champions/{id}/end",            Scope::own,   {401, 200, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/young-carers/{id}/id-card-wish", Scope::own,  {401, 403, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/young-carers/{id}/id-card-wish", Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/young-carers/{id}/id-cards",    Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/young-carers/{id}/id-cards",    Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/id-cards/{number}/renew",       Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/id-cards/{number}/renew",       Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/id-cards/{number}/lost",        Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/id-cards/{number}/revoke",      Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/id-cards/{number}/revoke",      Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/id-cards/{number}/card.svg",    Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/id-cards/{number}/card.svg",    Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/id-cards/public-key",           Scope::own,   {200, 200, 200, 200, 200, 200, 200}},
  {"GET",    "/verify/{token}",                       Scope::own,   {200, 200, 200, 200, 200, 200, 200}},

  // Assessments and support plans: staff of the service that owns the case.
  {"POST",   "/api/v1/cases/{id}/assessments",        Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/cases/{id}/assessments",        Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}/assessments",        Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}/assessments",        Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/assessments/{id}",              Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/assessments/{id}",              Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"PUT",    "/api/v1/assessments/{id}",              Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/assessments/{id}",              Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  // Allowed callers reach the completion rules: an empty draft is refused naming what is missing.
  {"POST",   "/api/v1/assessments/{id}/complete",     Scope::own,   {401, 403, 422, 422, 403, 403, 403}},
  {"POST",   "/api/v1/assessments/{id}/complete",     Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/questionnaires",                Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/cases/{id}/support-plan",       Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/cases/{id}/support-plan",       Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}/support-plan",       Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/cases/{id}/support-plan",       Scope::other, {401, 403, 404, 404, 403, 403, 403}},

  // Commissioners' statistics: disclosure-controlled, never a child's record.
  {"GET",    "/api/v1/stats/counts",                  Scope::own,   {401, 403, 403, 200, 403, 200, 403}},
  {"GET",    "/api/v1/stats/kpis",                    Scope::own,   {401, 403, 403, 200, 403, 200, 403}},

  // Identity: possible matches, merges and their undoing, for staff who can see both records.
  {"GET",    "/api/v1/matches",                       Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/matches/{id}",                  Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/matches/{id}",                  Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/matches/{id}/decision",         Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/matches/{id}/decision",         Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/merge",       Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/young-carers/{id}/merge",       Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"GET",    "/api/v1/merges/{id}",                   Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/merges/{id}",                   Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/merges/{id}/undo",              Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/merges/{id}/undo",              Scope::other, {401, 403, 404, 404, 403, 403, 403}},

  // Households: staff of the service that owns both young carers' cases.
  {"PUT",    "/api/v1/young-carers/{id}/cared-for/{cfid}/household", Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/young-carers/{id}/cared-for/{cfid}/household", Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"DELETE", "/api/v1/young-carers/{id}/cared-for/{cfid}/household", Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"DELETE", "/api/v1/young-carers/{id}/cared-for/{cfid}/household", Scope::other, {401, 403, 404, 404, 403, 403, 403}},

  // Tasks: the task is the own case's, addressed to adult social care, which no caller here works
  // for; to everyone else it does not exist (tasks_api_test has the addressee's side).
  {"GET",    "/api/v1/tasks",                         Scope::own,   {401, 403, 200, 200, 200, 403, 403}},
  {"POST",   "/api/v1/tasks/{id}/accept",             Scope::own,   {401, 403, 404, 404, 404, 403, 403}},
  {"POST",   "/api/v1/tasks/{id}/complete",           Scope::own,   {401, 403, 404, 404, 404, 403, 403}},

  // Activities and their registers: the staff of the service that runs them.
  {"GET",    "/api/v1/activities",                    Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/activities",                    Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"GET",    "/api/v1/activities/{id}",               Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"GET",    "/api/v1/activities/{id}",               Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/activities/{id}/places",        Scope::own,   {401, 403, 201, 201, 403, 403, 403}},
  {"POST",   "/api/v1/activities/{id}/places",        Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"DELETE", "/api/v1/activities/{id}/places/{young_carer_id}", Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"DELETE", "/api/v1/activities/{id}/places/{young_carer_id}", Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"PUT",    "/api/v1/activities/{id}/register",      Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"PUT",    "/api/v1/activities/{id}/register",      Scope::other, {401, 403, 404, 404, 403, 403, 403}},
  {"POST",   "/api/v1/activities/{id}/finalise",      Scope::own,   {401, 403, 200, 200, 403, 403, 403}},
  {"POST",   "/api/v1/activities/{id}/finalise",      Scope::other, {401, 403, 404, 404, 403, 403, 403}},
};
// clang-format on

}  // namespace ycr::matrix
