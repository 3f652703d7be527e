#include "ycr/services/school_attendance.h"

#include "ycr/pathways/table.h"
#include "ycr/services/activities.h"
#include "ycr/services/policy.h"
#include "ycr/services/register.h"

namespace ycr::services {
namespace {

std::optional<int> readSessionCount(FieldErrors& errors, const std::string& field,
                                    const std::optional<long long>& value, const std::string& what) {
  if (!value) {
    errors.add(field, "required", "Enter " + what);
    return std::nullopt;
  }
  if (*value < 0) {
    errors.add(field, "negative", field + " cannot be negative");
    return std::nullopt;
  }
  if (*value > SchoolAttendance::kMaxSessions) {
    errors.add(
        field, "too_many",
        field + " can be at most " + std::to_string(SchoolAttendance::kMaxSessions) + " sessions in a term");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

// The young carer as the caller may reach them, and whether the caller is their school (not case staff).
struct Reach {
  std::optional<YoungCarer> youngCarer;
  bool asSchool = false;
};

Reach reach(Transaction& tx, const Principal& who, Id youngCarerId) {
  auto y = tx.youngCarers().findById(youngCarerId);
  if (!y || y->mergedInto || y->anonymisedAt) return {};
  auto c = tx.cases().findByYoungCarer(youngCarerId);
  if (policy::worksCases(who) && c && policy::canWorkCase(who, *c)) return {y, false};
  if (schoolMaySee(tx, who, *y)) return {y, true};
  return {};
}

Status requireCaller(const Principal& who) {
  if (policy::worksCases(who) ||
      (who.role == Role::referrer && who.organisationKind == OrganisationKind::school))
    return {};
  return DomainError::forbidden(
      "Only the young carer's case staff or their school's staff see their attendance");
}

SchoolAttendanceView viewOf(Transaction& tx, const YoungCarer& y, const Date& today) {
  SchoolAttendanceView v;
  v.youngCarerId = y.id;
  v.name = (y.preferredName.empty() ? y.givenName : y.preferredName) + " " + y.familyName;
  v.schoolUrn = y.schoolUrn;
  v.yearGroup = yearGroupOn(y.dateOfBirth, today);
  v.history = tx.schoolAttendance().forYoungCarer(y.id);
  v.terms = currentTerms(v.history);
  return v;
}

}  // namespace

Result<TermAttendance> readTermAttendance(const AttendanceInput& in, const Date& today) {
  FieldErrors errors;
  TermAttendance a;
  if (!in.academicYear || in.academicYear->empty())
    errors.add("academic_year", "required", "Enter the academic year, like " + academicYearOf(today));
  else if (!isAcademicYear(*in.academicYear))
    errors.add("academic_year", "invalid_academic_year",
               "academic_year must be written like " + academicYearOf(today));
  else if (*in.academicYear > academicYearOf(today))
    errors.add("academic_year", "future",
               "academic_year cannot be after this one (" + academicYearOf(today) + ")");
  else
    a.academicYear = *in.academicYear;
  if (!in.term || in.term->empty())
    errors.add("term", "required", "Select the term");
  else if (auto t = parseEnum<Term>(*in.term))
    a.term = *t;
  else
    errors.add("term", "invalid_term", "term must be autumn, spring or summer");
  auto possible = readSessionCount(errors, "sessions_possible", in.sessionsPossible, "the sessions possible");
  auto missed = readSessionCount(errors, "sessions_missed", in.sessionsMissed, "the sessions missed");
  auto caring = readSessionCount(errors, "missed_for_caring", in.missedForCaring,
                                 "how many sessions were missed because of caring");
  if (possible && missed && *missed > *possible)
    errors.add("sessions_missed", "more_than_possible",
               "sessions_missed cannot be more than sessions_possible");
  if (missed && caring && *caring > *missed)
    errors.add("missed_for_caring", "more_than_missed",
               "missed_for_caring cannot be more than sessions_missed");
  if (!errors.empty()) return errors.toError();
  a.sessionsPossible = *possible;
  a.sessionsMissed = *missed;
  a.missedForCaring = *caring;
  return a;
}

Result<TermAttendance> addTermAttendance(Transaction& tx, TermAttendance record) {
  for (const auto& r : currentTerms(tx.schoolAttendance().forYoungCarer(record.youngCarerId)))
    if (r.academicYear == record.academicYear && r.term == record.term) record.corrects = r.id;
  auto id = tx.schoolAttendance().add(record);
  if (!id) return id.error();
  record.id = *id;
  return record;
}

bool schoolMaySee(Transaction& tx, const Principal& who, const YoungCarer& y) {
  if (who.role != Role::referrer || who.organisationKind != OrganisationKind::school || y.schoolUrn.empty())
    return false;
  auto school = tx.organisations().findById(who.organisationId);
  if (!school || !school->active || school->identifier != y.schoolUrn) return false;
  auto c = tx.cases().findByYoungCarer(y.id);
  return c && pathways::isOpen(c->state) &&
         sharingState(tx.consents().history(y.id), SharingPartner::school) == SharingState::agreed;
}

CensusFlag censusFlagFor(Transaction& tx, Id schoolOrganisationId, Id caseId) {
  bool self = false;
  for (const auto& r : tx.referrals().listForCase(caseId)) {
    if (r.organisationId == schoolOrganisationId) return {"S", "Your school referred them"};
    self = self || r.route == OrganisationKind::self;
  }
  if (self) return {"P", "They or their family referred themselves to the young carers service"};
  return {"P", "The young carers service identified them (referred by another service) and told your school"};
}

void addActivitiesAndSchool(Transaction& tx, const Principal& who, const Date& today, CaseView& view) {
  view.activities = placesSeenBy(tx, who, view.youngCarer.id);
  view.yearGroup = yearGroupOn(view.youngCarer.dateOfBirth, today);
  view.schoolAttendance = currentTerms(tx.schoolAttendance().forYoungCarer(view.youngCarer.id));
}

SchoolAttendance::SchoolAttendance(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

Result<SchoolAttendanceView> SchoolAttendance::get(const Principal& who, Id youngCarerId) {
  if (auto s = requireCaller(who); !s) return s.error();
  auto tx = store_.begin(false);
  auto r = reach(*tx, who, youngCarerId);
  if (!r.youngCarer) return DomainError::notFound("There is no young carer with that id");
  auto v = viewOf(*tx, *r.youngCarer, clock_.today());
  auto e =
      auditEventFor(who, clock_.now(), "school_attendance.read", "young_carer", std::to_string(youngCarerId));
  e.detail = std::to_string(v.terms.size()) + " terms";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return v;
}

Result<SchoolAttendanceView> SchoolAttendance::record(const Principal& who, Id youngCarerId,
                                                      const AttendanceInput& input) {
  if (auto s = requireCaller(who); !s) return s.error();
  auto figures = readTermAttendance(input, clock_.today());
  if (!figures) return figures.error();
  auto tx = store_.begin(true);
  auto r = reach(*tx, who, youngCarerId);
  if (!r.youngCarer) return DomainError::notFound("There is no young carer with that id");
  figures->youngCarerId = youngCarerId;
  figures->source = AttendanceSource::entered;
  figures->recordedBy = who.userId;
  figures->recordedByOrganisation = who.organisationId;
  figures->recordedAt = clock_.now();
  auto added = addTermAttendance(*tx, *figures);
  if (!added) return added.error();
  auto e = auditEventFor(who, clock_.now(), "school_attendance.record", "young_carer",
                         std::to_string(youngCarerId));
  e.detail = added->academicYear + " " + std::string(toString(added->term)) +
             (added->corrects ? " correcting record " + std::to_string(*added->corrects) : "") +
             (r.asSchool ? " by the school" : "");
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto v = viewOf(*tx, *r.youngCarer, clock_.today());
  v.corrected = added->corrects.has_value();
  if (auto s = tx->commit(); !s) return s.error();
  return v;
}

}  // namespace ycr::services
