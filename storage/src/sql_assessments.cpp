#include "sql_assessments.h"

namespace ycr::storage {
namespace {

Param idParam(Id id) {
  return Param(static_cast<long long>(id));
}
Param optFlag(const std::optional<bool>& b) {
  return b ? flag(*b) : Param(Null{});
}

constexpr const char* kAssessmentColumns =
    "SELECT id, case_id, young_carer_id, kind, status, document, assessor_user_id, created_at, updated_at, "
    "completed_at, wellbeing_improved, maca_band FROM assessments";

// The same columns with an empty document in its place (listHeadersForCase).
constexpr const char* kAssessmentHeaderColumns =
    "SELECT id, case_id, young_carer_id, kind, status, '' AS document, assessor_user_id, created_at, "
    "updated_at, completed_at, wellbeing_improved, maca_band FROM assessments";

AssessmentRecord assessmentFromRow(const Row& r) {
  AssessmentRecord a;
  a.id = r.i64(0);
  a.caseId = r.i64(1);
  a.youngCarerId = r.i64(2);
  a.kind = parseEnum<AssessmentKind>(r.str(3)).value_or(AssessmentKind::needs);
  a.status = parseEnum<AssessmentStatus>(r.str(4)).value_or(AssessmentStatus::draft);
  a.document = r.str(5);
  a.assessorUserId = r.optId(6);
  a.createdAt = r.time(7);
  a.updatedAt = r.time(8);
  if (!r.isNull(9)) a.completedAt = r.time(9);
  if (!r.isNull(10)) a.wellbeingImproved = r.boolean(10);
  if (!r.isNull(11)) a.macaBand = r.str(11);
  return a;
}

constexpr const char* kPlanColumns =
    "SELECT id, case_id, version, status, recorded_by, recorded_at, agreed_on, review_due, superseded_on "
    "FROM support_plans";

}  // namespace

Result<Id> SqlAssessments::create(const AssessmentRecord& a) {
  return sql_.insert(
      "INSERT INTO assessments(case_id, young_carer_id, kind, status, document, assessor_user_id, "
      "created_at, "
      "updated_at, completed_at, wellbeing_improved, maca_band) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {idParam(a.caseId), idParam(a.youngCarerId), std::string(toString(a.kind)),
       std::string(toString(a.status)), a.document, optId(a.assessorUserId), iso(a.createdAt),
       iso(a.updatedAt), optIso(a.completedAt), optFlag(a.wellbeingImproved), optText(a.macaBand)});
}

std::optional<AssessmentRecord> SqlAssessments::findById(Id id) {
  auto r = sql_.one(std::string(kAssessmentColumns) + " WHERE id = ?", {idParam(id)});
  return r ? std::optional(assessmentFromRow(*r)) : std::nullopt;
}

Status SqlAssessments::update(const AssessmentRecord& a) {
  auto n = sql_.exec(
      "UPDATE assessments SET status = ?, document = ?, updated_at = ?, completed_at = ?, wellbeing_improved "
      "= ?, maca_band = ? WHERE id = ?",
      {std::string(toString(a.status)), a.document, iso(a.updatedAt), optIso(a.completedAt),
       optFlag(a.wellbeingImproved), optText(a.macaBand), idParam(a.id)});
  if (n == 0) return DomainError::notFound("There is no assessment with that id");
  return {};
}

std::vector<AssessmentRecord> SqlAssessments::listForCase(Id caseId) {
  return selectAssessments(kAssessmentColumns, "case_id = ? ORDER BY id", {idParam(caseId)});
}

std::vector<AssessmentRecord> SqlAssessments::listHeadersForCase(Id caseId) {
  return selectAssessments(kAssessmentHeaderColumns, "case_id = ? ORDER BY id", {idParam(caseId)});
}

std::vector<AssessmentRecord> SqlAssessments::listForYoungCarer(Id youngCarerId) {
  return selectAssessments(kAssessmentColumns, "young_carer_id = ? ORDER BY id", {idParam(youngCarerId)});
}

std::vector<AssessmentRecord> SqlAssessments::completedWithoutBand(Id after, std::size_t limit) {
  return selectAssessments(kAssessmentColumns,
                           "id > ? AND status = 'completed' AND maca_band IS NULL ORDER BY id LIMIT ?",
                           {idParam(after), static_cast<long long>(limit)});
}

std::vector<AssessmentRecord> SqlAssessments::selectAssessments(const char* columns, const std::string& where,
                                                                const std::vector<Param>& params) {
  std::vector<AssessmentRecord> out;
  for (auto& r : sql_.query(std::string(columns) + " WHERE " + where, params))
    out.push_back(assessmentFromRow(r));
  return out;
}

Result<Id> SqlAssessments::addAmendment(const AssessmentAmendment& a) {
  return sql_.insert(
      "INSERT INTO assessment_amendments(assessment_id, amended_by, amended_at, reason, before_json, "
      "after_json) "
      "VALUES (?,?,?,?,?,?) RETURNING id",
      {idParam(a.assessmentId), optId(a.amendedBy), iso(a.amendedAt), a.reason, a.before, a.after});
}

std::vector<AssessmentAmendment> SqlAssessments::amendments(Id assessmentId) {
  std::vector<AssessmentAmendment> out;
  for (auto& r :
       sql_.query("SELECT id, assessment_id, amended_by, amended_at, reason, before_json, after_json "
                  "FROM assessment_amendments WHERE assessment_id = ? ORDER BY id",
                  {idParam(assessmentId)})) {
    AssessmentAmendment a;
    a.id = r.i64(0);
    a.assessmentId = r.i64(1);
    a.amendedBy = r.optId(2);
    a.amendedAt = r.time(3);
    a.reason = r.str(4);
    a.before = r.str(5);
    a.after = r.str(6);
    out.push_back(std::move(a));
  }
  return out;
}

WellbeingCount SqlAssessments::wellbeingImproved(Timestamp from, Timestamp to) {
  // ISO UTC timestamps sort as text, so the period is a plain range on the index.
  auto r = sql_.one(
      "SELECT COUNT(*), COALESCE(SUM(wellbeing_improved), 0) FROM assessments "
      "WHERE kind = 'review' AND status = 'completed' AND completed_at >= ? AND completed_at < ?",
      {iso(from), iso(to)});
  return r ? WellbeingCount{r->i64(0), r->i64(1)} : WellbeingCount{};
}

void SqlAssessments::insertItems(Id planId, const std::vector<SupportPlanItem>& items) {
  long long position = 0;
  for (const auto& item : items)
    sql_.exec(
        "INSERT INTO support_plan_items(plan_id, position, type, provider, start_on, end_on, notes) "
        "VALUES (?,?,?,?,?,?,?)",
        {idParam(planId), Param(position++), std::string(toString(item.type)), item.provider, iso(item.start),
         optIso(item.end), item.notes});
}

Result<Id> SqlAssessments::createPlan(const SupportPlan& p) {
  auto next = sql_.one("SELECT COALESCE(MAX(version), 0) + 1 FROM support_plans WHERE case_id = ?",
                       {idParam(p.caseId)});
  Id id = sql_.insert(
      "INSERT INTO support_plans(case_id, version, status, recorded_by, recorded_at, agreed_on, review_due, "
      "superseded_on) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
      {idParam(p.caseId), Param(next->i64(0)), std::string(toString(p.status)), optId(p.recordedBy),
       iso(p.recordedAt), optIso(p.agreedOn), optIso(p.reviewDue), optIso(p.supersededOn)});
  insertItems(id, p.items);
  return id;
}

Status SqlAssessments::replacePlanItems(Id planId, const std::vector<SupportPlanItem>& items, Timestamp at,
                                        std::optional<Id> by) {
  // Only a draft may change; an agreed plan is history and is replaced by a new version.
  if (sql_.exec("UPDATE support_plans SET recorded_at = ?, recorded_by = ? WHERE id = ? AND status = 'draft'",
                {iso(at), optId(by), idParam(planId)}) == 0)
    return DomainError::conflict("Only a draft support plan can be changed");
  sql_.exec("DELETE FROM support_plan_items WHERE plan_id = ?", {idParam(planId)});
  insertItems(planId, items);
  return {};
}

std::vector<SupportPlan> SqlAssessments::selectPlans(const std::string& where,
                                                     const std::vector<Param>& params) {
  std::vector<SupportPlan> out;
  for (auto& r : sql_.query(std::string(kPlanColumns) + " " + where, params)) {
    SupportPlan p;
    p.id = r.i64(0);
    p.caseId = r.i64(1);
    p.version = static_cast<int>(r.i64(2));
    p.status = parseEnum<SupportPlanStatus>(r.str(3)).value_or(SupportPlanStatus::draft);
    p.recordedBy = r.optId(4);
    p.recordedAt = r.time(5);
    p.agreedOn = r.optDate(6);
    p.reviewDue = r.optDate(7);
    p.supersededOn = r.optDate(8);
    for (auto& i : sql_.query(
             "SELECT type, provider, start_on, end_on, notes FROM support_plan_items WHERE plan_id = ? "
             "ORDER BY position",
             {idParam(p.id)})) {
      SupportPlanItem item;
      item.type = parseEnum<ServiceType>(i.str(0)).value_or(ServiceType::other);
      item.provider = i.str(1);
      item.start = i.date(2);
      item.end = i.optDate(3);
      item.notes = i.str(4);
      p.items.push_back(std::move(item));
    }
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<SupportPlan> SqlAssessments::draftPlan(Id caseId) {
  auto found =
      selectPlans("WHERE case_id = ? AND status = 'draft' ORDER BY version DESC LIMIT 1", {idParam(caseId)});
  return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
}

std::optional<SupportPlan> SqlAssessments::currentPlan(Id caseId) {
  auto found =
      selectPlans("WHERE case_id = ? AND status = 'agreed' ORDER BY version DESC LIMIT 1", {idParam(caseId)});
  return found.empty() ? std::nullopt : std::optional(std::move(found.front()));
}

std::vector<SupportPlan> SqlAssessments::plans(Id caseId) {
  return selectPlans("WHERE case_id = ? ORDER BY version DESC", {idParam(caseId)});
}

Status SqlAssessments::agreePlan(Id planId, Date on, std::optional<Date> reviewDue) {
  auto plan =
      sql_.one("SELECT case_id FROM support_plans WHERE id = ? AND status = 'draft'", {idParam(planId)});
  if (!plan) return DomainError::conflict("Only a draft support plan can be agreed");
  sql_.exec(
      "UPDATE support_plans SET status = 'superseded', superseded_on = ? WHERE case_id = ? AND status = "
      "'agreed'",
      {iso(on), Param(plan->i64(0))});
  sql_.exec("UPDATE support_plans SET status = 'agreed', agreed_on = ?, review_due = ? WHERE id = ?",
            {iso(on), optIso(reviewDue), idParam(planId)});
  return {};
}

}  // namespace ycr::storage
