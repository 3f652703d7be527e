#include "retention_repository.h"

#include <string>
#include <vector>

namespace ycr::storage {
namespace {

// The record and every record merged into it: anonymised together, held together.
constexpr const char* kFamily = "(SELECT id FROM young_carers WHERE id = ?1 OR merged_into = ?1)";

// What anonymising changes, table by table. Kept, because the commissioners' figures read them
// (storage/src/stats_cube.cpp, storage/src/indicator_facts.cpp): gender, ethnicity, date of birth,
// school, the postcode's outward code, referral routes and dates, relationships and conditions of the
// people cared for, case events' states and dates, assessment kinds, bands and dates, card dates. The
// record's id, the referral references and the case history's shape stay, so counts and the audit
// trail (which holds ids, never names) still add up.
// The record itself: ?1 its id, ?2 the time.
constexpr const char* kAnonymiseRecord =
    "UPDATE young_carers SET given_name = 'Anonymised', family_name = 'record', preferred_name = '', "
    "search_key = '', identity_key = 'anonymised:' || id, address = '', "
    "postcode = CASE WHEN instr(postcode, ' ') > 0 THEN substr(postcode, 1, instr(postcode, ' ') - 1) "
    "ELSE postcode END, gp_practice_ods = '', nhs_number = '', communication_needs = '', "
    "anonymised_at = ?2, updated_at = ?2 WHERE id IN (SELECT id FROM young_carers WHERE id = ?1 OR "
    "merged_into = ?1)";

// Everything else about it: ?1 its id.
std::vector<std::string> anonymiseRelated() {
  const std::string f = kFamily;
  const std::string cases = "(SELECT id FROM cases WHERE young_carer_id IN " + f + ")";
  return {
      "UPDATE referrals SET caring_summary = '', safeguarding_detail = '', described_given_name = '', "
      "described_family_name = '', described_date_of_birth = '', described_postcode = '' WHERE "
      "young_carer_id IN " +
          f,
      "UPDATE cared_for_people SET adult_social_care_reference = '' WHERE young_carer_id IN " + f,
      "UPDATE case_events SET reason = '', late_reason = '' WHERE case_id IN " + cases,
      "UPDATE case_tasks SET description = 'Anonymised', note = '' WHERE case_id IN " + cases,
      "UPDATE task_events SET note = '' WHERE case_id IN " + cases,
      "UPDATE assessment_amendments SET reason = '', before_json = '{}', after_json = '{}' WHERE "
      "assessment_id IN (SELECT id FROM assessments WHERE young_carer_id IN " +
          f + ")",
      "UPDATE assessments SET document = '{}' WHERE young_carer_id IN " + f,
      "UPDATE support_plan_items SET notes = '' WHERE plan_id IN (SELECT id FROM support_plans WHERE "
      "case_id IN " +
          cases + ")",
      "UPDATE id_cards SET parent_consent_note = '', status_reason = '' WHERE young_carer_id IN " + f,
      "UPDATE activity_places SET reason = '' WHERE young_carer_id IN " + f,
      "UPDATE sharing_consents SET note = '' WHERE young_carer_id IN " + f,
      "UPDATE feedback SET summary = 'Anonymised', response = '', extension_reason = '' WHERE young_carer_id "
      "IN " +
          f,
      "UPDATE complaint_stages SET response = '', extension_reason = '' WHERE feedback_id IN (SELECT id FROM "
      "feedback WHERE young_carer_id IN " +
          f + ")",
      "UPDATE match_reviews SET evidence = '[]', cautions = '[]', decision_reason = '' WHERE "
      "young_carer_id IN " +
          f + " OR candidate_id IN " + f,
      // A merge keeps whole rows for its undo: they go, and with them the undo.
      "UPDATE merges SET before_rows = '[]', after_rows = '[]' WHERE survivor_id IN " + f +
          " OR absorbed_id IN " + f,
  };
}

LegalHold holdFromRow(const Row& r) {
  LegalHold h;
  h.id = r.i64(0);
  h.youngCarerId = r.i64(1);
  h.reason = r.str(2);
  h.placedBy = r.optId(3);
  h.placedAt = r.time(4);
  h.releasedBy = r.optId(5);
  h.releasedAt = r.optTime(6);
  h.releaseReason = r.str(7);
  return h;
}

std::vector<Id> idsOf(const std::vector<Row>& rows) {
  std::vector<Id> out;
  for (const auto& r : rows) out.push_back(r.i64(0));
  return out;
}

}  // namespace

std::vector<RetentionCandidate> SqlRetention::due(Timestamp closedOnOrBefore, Date bornOnOrBefore,
                                                  int limit) {
  // The case's latest closing event is when it closed; a case open again is not due. A record that
  // never had a case (registered, never referred) counts from its last change, as if closed then.
  const auto rows = sql_.query(
      "SELECT yid, cid, closed_at, dob FROM (SELECT y.id AS yid, c.id AS cid, y.date_of_birth AS dob, "
      "COALESCE((SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.to_state IN ('closed', "
      "'handed_over')), c.updated_at) AS closed_at FROM cases c JOIN young_carers y ON y.id = "
      "c.young_carer_id WHERE c.state IN ('closed', 'handed_over') AND y.anonymised_at IS NULL AND "
      "y.merged_into IS NULL AND y.date_of_birth <= ?1 UNION ALL SELECT y.id, NULL, y.date_of_birth, "
      "y.updated_at FROM young_carers y WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.young_carer_id = "
      "y.id) AND y.anonymised_at IS NULL AND y.merged_into IS NULL AND y.date_of_birth <= ?1) WHERE "
      "closed_at <= ?2 ORDER BY yid LIMIT ?3",
      {iso(bornOnOrBefore), iso(closedOnOrBefore), static_cast<long long>(limit)});
  std::vector<RetentionCandidate> out;
  for (const auto& r : rows) {
    RetentionCandidate c;
    c.youngCarerId = r.i64(0);
    c.caseId = r.optId(1).value_or(0);  // 0: the record never had a case
    c.closedAt = r.time(2);
    c.dateOfBirth = r.date(3);
    const long long id = static_cast<long long>(c.youngCarerId);
    c.merged = idsOf(sql_.query("SELECT id FROM young_carers WHERE merged_into = ? ORDER BY id", {id}));
    c.holds = idsOf(sql_.query(std::string("SELECT id FROM legal_holds WHERE released_at IS NULL AND "
                                           "young_carer_id IN ") +
                                   kFamily + " ORDER BY id",
                               {id}));
    out.push_back(std::move(c));
  }
  return out;
}

Status SqlRetention::anonymise(Id youngCarerId, Timestamp at) {
  const long long id = static_cast<long long>(youngCarerId);
  if (!sql_.one("SELECT 1 FROM young_carers WHERE id = ? AND anonymised_at IS NULL", {id}))
    return DomainError::notFound("No such young carer, or already anonymised");
  // Checked in the writing transaction itself: a hold placed since the run read what was due wins.
  if (sql_.one(
          std::string("SELECT 1 FROM legal_holds WHERE released_at IS NULL AND young_carer_id IN ") + kFamily,
          {id}))
    return DomainError::conflict("A legal hold keeps the record");
  static const std::vector<std::string> related = anonymiseRelated();
  for (const auto& statement : related) sql_.exec(statement, {id});
  sql_.exec(kAnonymiseRecord, {id, iso(at)});
  return {};
}

Result<Id> SqlRetention::placeHold(const LegalHold& h) {
  return sql_.insert(
      "INSERT INTO legal_holds(young_carer_id, reason, placed_by, placed_at) VALUES (?, ?, ?, ?) RETURNING "
      "id",
      {static_cast<long long>(h.youngCarerId), h.reason, optId(h.placedBy), iso(h.placedAt)});
}

Status SqlRetention::releaseHold(Id holdId, std::optional<Id> by, Timestamp at, const std::string& reason) {
  const auto n = sql_.exec(
      "UPDATE legal_holds SET released_by = ?, released_at = ?, release_reason = ? WHERE id = ? AND "
      "released_at IS NULL",
      {optId(by), iso(at), reason, static_cast<long long>(holdId)});
  if (n == 0) return DomainError::conflict("The legal hold is already released");
  return {};
}

std::vector<LegalHold> SqlRetention::selectHolds(const std::string& where, const std::vector<Param>& params) {
  std::vector<LegalHold> out;
  for (const auto& r : sql_.query("SELECT id, young_carer_id, reason, placed_by, placed_at, released_by, "
                                  "released_at, release_reason FROM legal_holds " +
                                      where,
                                  params))
    out.push_back(holdFromRow(r));
  return out;
}

std::optional<LegalHold> SqlRetention::findHold(Id holdId) {
  auto found = selectHolds("WHERE id = ?", {static_cast<long long>(holdId)});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<LegalHold> SqlRetention::holdsFor(Id youngCarerId) {
  return selectHolds("WHERE young_carer_id = ? ORDER BY id", {static_cast<long long>(youngCarerId)});
}

Result<Id> SqlRetention::saveRun(const RetentionRun& run) {
  return sql_.insert(
      "INSERT INTO retention_runs(run_at, dry_run, started_by, report) VALUES (?, ?, ?, ?) RETURNING id",
      {iso(run.runAt), flag(run.dryRun), run.startedBy, run.reportJson});
}

Status SqlRetention::setRunReport(Id runId, const std::string& reportJson) {
  sql_.exec("UPDATE retention_runs SET report = ? WHERE id = ?", {reportJson, static_cast<long long>(runId)});
  return {};
}

std::vector<RetentionRun> SqlRetention::runs(int limit, int offset) {
  std::vector<RetentionRun> out;
  for (const auto& r :
       sql_.query("SELECT id, run_at, dry_run, started_by, report FROM retention_runs ORDER BY "
                  "id DESC LIMIT ? OFFSET ?",
                  {static_cast<long long>(limit), static_cast<long long>(offset)})) {
    RetentionRun run;
    run.id = r.i64(0);
    run.runAt = r.time(1);
    run.dryRun = r.boolean(2);
    run.startedBy = r.str(3);
    run.reportJson = r.str(4);
    out.push_back(std::move(run));
  }
  return out;
}

}  // namespace ycr::storage
