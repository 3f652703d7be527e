#include "repositories.h"

#include <Poco/Exception.h>

#include "ycr/core/audit.h"
#include "ycr/core/text.h"

namespace ycr::storage {
namespace {

template <class E>
E enumOr(const std::string& text, E fallback) {
  auto v = parseEnum<E>(text);
  return v ? *v : fallback;
}

// ---- organisations ----
constexpr const char* kOrgColumns = "id, kind, name, identifier, district, active, created_at, notices_email";
Organisation orgFromRow(const Row& r) {
  return {.id = r.i64(0),
          .kind = enumOr(r.str(1), OrganisationKind::other),
          .name = r.str(2),
          .identifier = r.str(3),
          .district = r.str(4),
          .active = r.boolean(5),
          .createdAt = r.time(6),
          .noticesEmail = r.str(7)};
}

// ---- young carers ----
constexpr const char* kYoungCarerColumns =
    "id, given_name, family_name, preferred_name, date_of_birth, gender, ethnicity, address, postcode, "
    "school_urn, gp_practice_ods, nhs_number, communication_needs, young_adult_carer, merged_into, "
    "created_at, updated_at, anonymised_at";
YoungCarer youngCarerFromRow(const Row& r) {
  YoungCarer y;
  y.id = r.i64(0);
  y.givenName = r.str(1);
  y.familyName = r.str(2);
  y.preferredName = r.str(3);
  y.dateOfBirth = r.date(4);
  y.gender = r.str(5);
  y.ethnicity = r.str(6);
  y.address = r.str(7);
  y.postcode = r.str(8);
  y.schoolUrn = r.str(9);
  y.gpPracticeOds = r.str(10);
  y.nhsNumber = r.str(11);
  y.communicationNeeds = r.str(12);
  y.youngAdultCarer = r.boolean(13);
  y.mergedInto = r.optId(14);
  y.createdAt = r.time(15);
  y.updatedAt = r.time(16);
  if (!r.isNull(17)) y.anonymisedAt = r.time(17);
  return y;
}

// ---- referrals ----
constexpr const char* kReferralColumns =
    "id, reference, organisation_id, route, referrer_user_id, received_at, recorded_at, young_carer_id, "
    "case_id, "
    "caring_summary, young_person_aware, parent_aware, safeguarding_concern, safeguarding_detail, "
    "described_given_name, described_family_name, described_date_of_birth, described_postcode";
Referral referralFromRow(const Row& r) {
  Referral x;
  x.id = r.i64(0);
  x.reference = r.str(1);
  x.organisationId = r.i64(2);
  x.route = enumOr(r.str(3), OrganisationKind::other);
  x.referrerUserId = r.i64(4);
  x.receivedAt = r.time(5);
  x.recordedAt = r.time(6);
  x.youngCarerId = r.i64(7);
  x.caseId = r.optId(8);
  x.caringSummary = r.str(9);
  x.youngPersonAware = r.boolean(10);
  x.parentAware = r.boolean(11);
  x.safeguardingConcern = r.boolean(12);
  x.safeguardingDetail = r.str(13);
  x.describedGivenName = r.str(14);
  x.describedFamilyName = r.str(15);
  x.describedDateOfBirth = r.str(16);
  x.describedPostcode = r.str(17);
  return x;
}

// ---- cases ----
constexpr const char* kCaseColumns =
    "id, young_carer_id, state, close_reason, owner_team, owner_user_id, next_action, next_action_due, "
    "referral_received, safeguarding_escalated, safeguarding_returned, planning_from, plan_agreed, "
    "review_due, "
    "opened_at, updated_at, version";
Case caseFromRow(const Row& r) {
  Case c;
  c.id = r.i64(0);
  c.youngCarerId = r.i64(1);
  c.state = enumOr(r.str(2), CaseState::referred);
  if (!r.isNull(3)) c.closeReason = parseEnum<CloseReason>(r.str(3));
  c.ownerTeam = r.str(4);
  c.ownerUserId = r.optId(5);
  c.nextAction = r.str(6);
  c.nextActionDue = r.optDate(7);
  c.referralReceived = r.date(8);
  c.safeguardingEscalated = r.optDate(9);
  c.safeguardingReturned = r.optDate(10);
  c.planningFrom = r.optDate(11);
  c.planAgreed = r.optDate(12);
  c.reviewDue = r.optDate(13);
  c.openedAt = r.time(14);
  c.updatedAt = r.time(15);
  c.version = r.i64(16);
  return c;
}

constexpr const char* kEventColumns =
    "id, case_id, at, actor_user_id, event, from_state, to_state, reason, close_reason, late, late_reason, "
    "referral_id";
CaseEvent eventFromRow(const Row& r) {
  CaseEvent e;
  e.id = r.i64(0);
  e.caseId = r.i64(1);
  e.at = r.time(2);
  e.actorUserId = r.optId(3);
  e.event = r.str(4);
  e.fromState = enumOr(r.str(5), CaseState::referred);
  e.toState = enumOr(r.str(6), CaseState::referred);
  e.reason = r.str(7);
  if (!r.isNull(8)) e.closeReason = parseEnum<CloseReason>(r.str(8));
  e.late = r.boolean(9);
  e.lateReason = r.str(10);
  e.referralId = r.optId(11);
  return e;
}

constexpr const char* kAuditColumns =
    "seq, at, actor_user_id, actor_organisation_id, action, record_type, record_id, outcome, reason, detail, "
    "prev_hash, hash";
AuditEvent auditFromRow(const Row& r) {
  AuditEvent a;
  a.seq = r.i64(0);
  a.at = r.time(1);
  a.actorUserId = r.optId(2);
  a.actorOrganisationId = r.optId(3);
  a.action = r.str(4);
  a.recordType = r.str(5);
  a.recordId = r.str(6);
  a.outcome = r.str(7);
  a.reason = r.str(8);
  a.detail = r.str(9);
  a.prevHash = r.str(10);
  a.hash = r.str(11);
  return a;
}

std::string select(const char* columns, const char* table) {
  return std::string("SELECT ") + columns + " FROM " + table;
}

}  // namespace

std::string searchKeyFor(const YoungCarer& yc) {
  // Appended, not " " + ...: GCC 12 at -O3 reports a -Wrestrict overlap that cannot happen.
  std::string key(1, ' ');
  key += text::fold(yc.givenName + " " + yc.familyName + " " + yc.preferredName);
  key += ' ';
  return key;
}

// ---------------- organisations ----------------
Result<Id> SqlOrganisations::create(const Organisation& o) {
  try {
    return sql_.insert(
        "INSERT INTO organisations(kind, name, identifier, district, active, created_at, notices_email) "
        "VALUES (?,?,?,?,?,?,?) RETURNING id",
        {std::string(toString(o.kind)), o.name, o.identifier, o.district, flag(o.active), iso(o.createdAt),
         o.noticesEmail});
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e))
      return DomainError::conflict("An organisation called '" + o.name + "' exists");
    throw;
  }
}
std::optional<Organisation> SqlOrganisations::findById(Id id) {
  auto r = sql_.one(select(kOrgColumns, "organisations") + " WHERE id = ?", {static_cast<long long>(id)});
  return r ? std::optional(orgFromRow(*r)) : std::nullopt;
}
std::optional<Organisation> SqlOrganisations::findByName(const std::string& name) {
  auto r = sql_.one(select(kOrgColumns, "organisations") + " WHERE name = ?", {name});
  return r ? std::optional(orgFromRow(*r)) : std::nullopt;
}
std::vector<Organisation> SqlOrganisations::list() {
  std::vector<Organisation> out;
  for (auto& r : sql_.query(select(kOrgColumns, "organisations") + " ORDER BY name"))
    out.push_back(orgFromRow(r));
  return out;
}

std::vector<Organisation> SqlOrganisations::activeOfKind(OrganisationKind kind, std::size_t limit) {
  std::vector<Organisation> out;
  for (auto& r :
       sql_.query(select(kOrgColumns, "organisations") + " WHERE kind = ? AND active = 1 ORDER BY id LIMIT ?",
                  {std::string(toString(kind)), static_cast<long long>(limit)}))
    out.push_back(orgFromRow(r));
  return out;
}

// ---------------- users ----------------
Status SqlSessions::create(const SessionRecord& s) {
  sql_.exec(
      "INSERT INTO sessions(token_hash, user_id, created_at, last_seen_at, expires_at, revoked, "
      "second_factor_pending) VALUES (?,?,?,?,?,0,?)",
      {s.tokenHash, static_cast<long long>(s.userId), iso(s.createdAt), iso(s.lastSeenAt), iso(s.expiresAt),
       flag(s.secondFactorPending)});
  return {};
}
std::optional<SessionRecord> SqlSessions::find(const std::string& tokenHash) {
  auto r = sql_.one(
      "SELECT token_hash, user_id, created_at, last_seen_at, expires_at, revoked, rowid, "
      "second_factor_pending "
      "FROM sessions WHERE token_hash = ?",
      {tokenHash});
  if (!r) return std::nullopt;
  return SessionRecord{r->str(0),  r->i64(1),     r->time(2), r->time(3),
                       r->time(4), r->boolean(5), r->i64(6),  r->boolean(7)};
}
Status SqlSessions::touch(const std::string& tokenHash, Timestamp at) {
  sql_.exec("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?", {iso(at), tokenHash});
  return {};
}
Status SqlSessions::revoke(const std::string& tokenHash) {
  sql_.exec("UPDATE sessions SET revoked = 1 WHERE token_hash = ?", {tokenHash});
  return {};
}
Status SqlSessions::revokeAllForUser(Id userId) {
  sql_.exec("UPDATE sessions SET revoked = 1 WHERE user_id = ?", {static_cast<long long>(userId)});
  return {};
}
std::vector<SessionRecord> SqlSessions::listActiveForUser(Id userId, Timestamp now) {
  std::vector<SessionRecord> out;
  for (auto& r :
       sql_.query("SELECT token_hash, user_id, created_at, last_seen_at, expires_at, revoked, rowid, "
                  "second_factor_pending FROM sessions WHERE user_id = ? AND revoked = 0 AND expires_at > ? "
                  "ORDER BY created_at DESC, rowid DESC",
                  {static_cast<long long>(userId), iso(now)}))
    out.push_back(SessionRecord{r.str(0), r.i64(1), r.time(2), r.time(3), r.time(4), r.boolean(5), r.i64(6),
                                r.boolean(7)});
  return out;
}
Status SqlSessions::completeSecondFactor(const std::string& tokenHash) {
  sql_.exec("UPDATE sessions SET second_factor_pending = 0 WHERE token_hash = ?", {tokenHash});
  return {};
}
Status SqlSessions::revokeAllForUserExcept(Id userId, const std::string& keepTokenHash) {
  sql_.exec("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND token_hash <> ?",
            {static_cast<long long>(userId), keepTokenHash});
  return {};
}

// ---------------- young carers ----------------
Result<Id> SqlYoungCarers::create(const YoungCarer& y) {
  return sql_.insert(
      "INSERT INTO young_carers(given_name, family_name, preferred_name, search_key, identity_key, "
      "date_of_birth, "
      "gender, ethnicity, address, postcode, school_urn, gp_practice_ods, nhs_number, communication_needs, "
      "young_adult_carer, merged_into, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
      "RETURNING id",
      {y.givenName, y.familyName, y.preferredName, searchKeyFor(y), identityKey(y), iso(y.dateOfBirth),
       y.gender, y.ethnicity, y.address, y.postcode, y.schoolUrn, y.gpPracticeOds, y.nhsNumber,
       y.communicationNeeds, flag(y.youngAdultCarer), optId(y.mergedInto), iso(y.createdAt),
       iso(y.updatedAt)});
}
std::optional<YoungCarer> SqlYoungCarers::findById(Id id) {
  auto r =
      sql_.one(select(kYoungCarerColumns, "young_carers") + " WHERE id = ?", {static_cast<long long>(id)});
  return r ? std::optional(youngCarerFromRow(*r)) : std::nullopt;
}
Status SqlYoungCarers::update(const YoungCarer& y) {
  auto n = sql_.exec(
      "UPDATE young_carers SET given_name=?, family_name=?, preferred_name=?, search_key=?, identity_key=?, "
      "date_of_birth=?, gender=?, ethnicity=?, address=?, postcode=?, school_urn=?, gp_practice_ods=?, "
      "nhs_number=?, communication_needs=?, young_adult_carer=?, merged_into=?, updated_at=? WHERE id=?",
      {y.givenName, y.familyName, y.preferredName, searchKeyFor(y), identityKey(y), iso(y.dateOfBirth),
       y.gender, y.ethnicity, y.address, y.postcode, y.schoolUrn, y.gpPracticeOds, y.nhsNumber,
       y.communicationNeeds, flag(y.youngAdultCarer), optId(y.mergedInto), iso(y.updatedAt),
       static_cast<long long>(y.id)});
  if (n == 0) return DomainError::notFound("No such young carer");
  return {};
}
void SqlYoungCarers::forEachLive(Id from, const std::function<void(const YoungCarer&)>& visit) {
  long long after = static_cast<long long>(from);
  for (;;) {
    auto rows = sql_.query(
        select(kYoungCarerColumns, "young_carers") +
            " WHERE id > ? AND merged_into IS NULL AND anonymised_at IS NULL ORDER BY id LIMIT 5000",
        {after});
    if (rows.empty()) return;
    for (const auto& r : rows) visit(youngCarerFromRow(r));
    after = rows.back().i64(0);
  }
}

void SqlYoungCarers::forEachIdentityKey(const std::function<void(std::string_view)>& visit) {
  // Read from the identity index alone (it holds every key), not the records.
  sql_.forEach("SELECT identity_key FROM young_carers", {}, [&](Row&& r) { visit(r.str(0)); });
}

std::pair<std::int64_t, std::int64_t> SqlYoungCarers::changeRange() {
  // Each bound in a query of its own, so that each is one step down the primary key: SQLite reads
  // a lone min() or max() from the end of the index, while both in one query scanned the whole
  // log, ~100 ms at a million entries.
  auto r = sql_.one(
      "SELECT COALESCE((SELECT MIN(seq) FROM young_carer_changes), 0), "
      "COALESCE((SELECT MAX(seq) FROM young_carer_changes), 0)");
  return {r->i64(0), r->i64(1)};
}
std::vector<std::pair<Id, std::optional<YoungCarer>>> SqlYoungCarers::changedSince(std::int64_t seq) {
  // One read for them all, the changed id last (the record's columns are empty when it was removed).
  constexpr std::size_t kChangedId = 18;  // after kYoungCarerColumns
  std::vector<std::pair<Id, std::optional<YoungCarer>>> out;
  for (const auto& r : sql_.query(std::string("SELECT ") + kYoungCarerColumns +
                                      ", c.young_carer_id FROM (SELECT DISTINCT young_carer_id FROM "
                                      "young_carer_changes WHERE seq > ?) c LEFT JOIN young_carers ON "
                                      "young_carers.id = c.young_carer_id",
                                  {static_cast<long long>(seq)}))
    out.emplace_back(static_cast<Id>(r.i64(kChangedId)),
                     r.isNull(0) ? std::nullopt : std::optional(youngCarerFromRow(r)));
  return out;
}
std::vector<Id> SqlYoungCarers::changedIdsSince(std::int64_t seq) {
  std::vector<Id> out;
  for (const auto& r : sql_.query("SELECT DISTINCT young_carer_id FROM young_carer_changes WHERE seq > ?",
                                  {static_cast<long long>(seq)}))
    out.push_back(static_cast<Id>(r.i64(0)));
  return out;
}
void SqlYoungCarers::pruneChanges(std::int64_t keep) {
  sql_.exec("DELETE FROM young_carer_changes WHERE seq <= (SELECT MAX(seq) FROM young_carer_changes) - ?",
            {static_cast<long long>(keep)});
}

Page<YoungCarer> SqlYoungCarers::search(const YoungCarerQuery& q) {
  // Every word of the query must start a word of a name: "zoe ob" finds "Zoë O'Brien".
  std::string where = " WHERE merged_into IS NULL AND anonymised_at IS NULL";
  std::vector<Param> params;
  if (!q.visibleToService.empty()) {
    where +=
        " AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.young_carer_id = young_carers.id AND c.owner_team <> "
        "?)";
    params.emplace_back(q.visibleToService);
  }
  std::string folded = text::fold(q.text);
  std::size_t start = 0;
  while (start < folded.size()) {
    auto end = folded.find(' ', start);
    if (end == std::string::npos) end = folded.size();
    std::string word = folded.substr(start, end - start);
    if (!word.empty()) {
      where += " AND instr(search_key, ?) > 0";
      params.emplace_back(" " + word);
    }
    start = end + 1;
  }
  Page<YoungCarer> page;
  page.total = sql_.one("SELECT COUNT(*) FROM young_carers" + where, params)->i64(0);
  auto pageParams = params;
  pageParams.emplace_back(static_cast<long long>(q.limit));
  pageParams.emplace_back(static_cast<long long>(q.offset));
  for (auto& r : sql_.query(select(kYoungCarerColumns, "young_carers") + where +
                                " ORDER BY family_name, given_name, id LIMIT ? OFFSET ?",
                            pageParams))
    page.items.push_back(youngCarerFromRow(r));
  return page;
}
std::optional<Id> SqlYoungCarers::findExact(const std::string& givenName, const std::string& familyName,
                                            const Date& dob, const std::string& postcode) {
  auto r = sql_.one(
      "SELECT COALESCE(merged_into, id) FROM young_carers WHERE identity_key = ? ORDER BY id LIMIT 1",
      {identityKey(givenName, familyName, dob, postcode)});
  return r ? std::optional<Id>(r->i64(0)) : std::nullopt;
}
// ---------------- referrals ----------------
Result<Id> SqlReferrals::create(const Referral& x) {
  try {
    return sql_.insert(
        "INSERT INTO referrals(reference, organisation_id, route, referrer_user_id, received_at, "
        "recorded_at, "
        "young_carer_id, case_id, caring_summary, young_person_aware, parent_aware, safeguarding_concern, "
        "safeguarding_detail, described_given_name, described_family_name, described_date_of_birth, "
        "described_postcode) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        {x.reference, static_cast<long long>(x.organisationId), std::string(toString(x.route)),
         x.referrerUserId ? Param(static_cast<long long>(x.referrerUserId)) : Param(Null{}),
         iso(x.receivedAt), iso(x.recordedAt), static_cast<long long>(x.youngCarerId), optId(x.caseId),
         x.caringSummary, flag(x.youngPersonAware), flag(x.parentAware), flag(x.safeguardingConcern),
         x.safeguardingDetail, x.describedGivenName, x.describedFamilyName, x.describedDateOfBirth,
         x.describedPostcode});
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e)) return DomainError::conflict("That referral reference is already in use");
    throw;
  }
}
std::optional<Referral> SqlReferrals::findByReference(const std::string& reference) {
  auto r = sql_.one(select(kReferralColumns, "referrals") + " WHERE reference = ?", {reference});
  return r ? std::optional(referralFromRow(*r)) : std::nullopt;
}
Page<Referral> SqlReferrals::listByOrganisation(std::optional<Id> orgId, int limit, int offset) {
  std::string where = orgId ? " WHERE organisation_id = ?" : "";
  std::vector<Param> params;
  if (orgId) params.emplace_back(static_cast<long long>(*orgId));
  Page<Referral> page;
  page.total = sql_.one("SELECT COUNT(*) FROM referrals" + where, params)->i64(0);
  params.emplace_back(static_cast<long long>(limit));
  params.emplace_back(static_cast<long long>(offset));
  for (auto& r : sql_.query(select(kReferralColumns, "referrals") + where +
                                " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?",
                            params))
    page.items.push_back(referralFromRow(r));
  return page;
}
Page<Referral> SqlReferrals::listForService(const std::string& ownerTeam, int limit, int offset) {
  const std::string where = " WHERE case_id IN (SELECT id FROM cases WHERE owner_team = ?)";
  Page<Referral> page;
  page.total = sql_.one("SELECT COUNT(*) FROM referrals" + where, {ownerTeam})->i64(0);
  for (auto& r : sql_.query(select(kReferralColumns, "referrals") + where +
                                " ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?",
                            {ownerTeam, static_cast<long long>(limit), static_cast<long long>(offset)}))
    page.items.push_back(referralFromRow(r));
  return page;
}
std::vector<Referral> SqlReferrals::listForCase(Id caseId) {
  std::vector<Referral> out;
  for (auto& r :
       sql_.query(select(kReferralColumns, "referrals") + " WHERE case_id = ? ORDER BY received_at, id",
                  {static_cast<long long>(caseId)}))
    out.push_back(referralFromRow(r));
  return out;
}

// ---------------- cases ----------------
Result<Id> SqlCases::create(const Case& c) {
  try {
    return sql_.insert(
        "INSERT INTO cases(young_carer_id, state, close_reason, owner_team, owner_user_id, next_action, "
        "next_action_due, referral_received, safeguarding_escalated, safeguarding_returned, planning_from, "
        "plan_agreed, review_due, opened_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0) "
        "RETURNING id",
        {static_cast<long long>(c.youngCarerId), std::string(toString(c.state)),
         c.closeReason ? Param(std::string(toString(*c.closeReason))) : Param(Null{}), c.ownerTeam,
         optId(c.ownerUserId), c.nextAction, optIso(c.nextActionDue), iso(c.referralReceived),
         optIso(c.safeguardingEscalated), optIso(c.safeguardingReturned), optIso(c.planningFrom),
         optIso(c.planAgreed), optIso(c.reviewDue), iso(c.openedAt), iso(c.updatedAt)});
  } catch (const Poco::Exception& e) {
    if (isConstraintViolation(e)) return DomainError::conflict("This young carer already has a case");
    throw;
  }
}
std::optional<Case> SqlCases::findById(Id id) {
  auto r = sql_.one(select(kCaseColumns, "cases") + " WHERE id = ?", {static_cast<long long>(id)});
  return r ? std::optional(caseFromRow(*r)) : std::nullopt;
}
std::optional<Case> SqlCases::findByYoungCarer(Id ycId) {
  auto r =
      sql_.one(select(kCaseColumns, "cases") + " WHERE young_carer_id = ?", {static_cast<long long>(ycId)});
  return r ? std::optional(caseFromRow(*r)) : std::nullopt;
}
Status SqlCases::update(const Case& c) {
  auto n = sql_.exec(
      "UPDATE cases SET young_carer_id=?, state=?, close_reason=?, owner_team=?, owner_user_id=?, "
      "next_action=?, "
      "next_action_due=?, referral_received=?, safeguarding_escalated=?, safeguarding_returned=?, "
      "planning_from=?, "
      "plan_agreed=?, review_due=?, updated_at=?, version=version+1 WHERE id=? AND version=?",
      {static_cast<long long>(c.youngCarerId), std::string(toString(c.state)),
       c.closeReason ? Param(std::string(toString(*c.closeReason))) : Param(Null{}), c.ownerTeam,
       optId(c.ownerUserId), c.nextAction, optIso(c.nextActionDue), iso(c.referralReceived),
       optIso(c.safeguardingEscalated), optIso(c.safeguardingReturned), optIso(c.planningFrom),
       optIso(c.planAgreed), optIso(c.reviewDue), iso(c.updatedAt), static_cast<long long>(c.id),
       static_cast<long long>(c.version)});
  if (n == 0) {
    if (!findById(c.id)) return DomainError::notFound("No such case");
    return DomainError::conflict("The case was changed by someone else; reload it and try again");
  }
  return {};
}
Page<Case> SqlCases::list(const CaseQuery& q) {
  std::string where = " WHERE 1=1";
  std::vector<Param> params;
  if (q.state) {
    where += " AND state = ?";
    params.emplace_back(std::string(toString(*q.state)));
  }
  if (q.openOnly) where += " AND state NOT IN ('closed', 'handed_over')";
  if (q.ownerUserId) {
    where += " AND owner_user_id = ?";
    params.emplace_back(static_cast<long long>(*q.ownerUserId));
  }
  if (!q.ownerTeam.empty()) {
    where += " AND owner_team = ?";
    params.emplace_back(q.ownerTeam);
  }
  if (q.overdueOnly) {
    where += " AND next_action_due < ? AND state NOT IN ('closed', 'handed_over')";
    params.emplace_back(iso(q.today));
  }
  Page<Case> page;
  page.total = sql_.one("SELECT COUNT(*) FROM cases" + where, params)->i64(0);
  params.emplace_back(static_cast<long long>(q.limit));
  params.emplace_back(static_cast<long long>(q.offset));
  // Due dates sort as text; a case without a due date (closed) goes last.
  for (auto& r : sql_.query(select(kCaseColumns, "cases") + where +
                                " ORDER BY next_action_due IS NULL, next_action_due, id LIMIT ? OFFSET ?",
                            params))
    page.items.push_back(caseFromRow(r));
  return page;
}
Result<Id> SqlCases::appendEvent(const CaseEvent& e) {
  return sql_.insert(
      "INSERT INTO case_events(case_id, at, actor_user_id, event, from_state, to_state, reason, "
      "close_reason, late, "
      "late_reason, referral_id) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(e.caseId), iso(e.at), optId(e.actorUserId), e.event,
       std::string(toString(e.fromState)), std::string(toString(e.toState)), e.reason,
       e.closeReason ? Param(std::string(toString(*e.closeReason))) : Param(Null{}), flag(e.late),
       e.lateReason, optId(e.referralId)});
}
std::vector<CaseEvent> SqlCases::timeline(Id caseId) {
  std::vector<CaseEvent> out;
  for (auto& r : sql_.query(select(kEventColumns, "case_events") + " WHERE case_id = ? ORDER BY id",
                            {static_cast<long long>(caseId)}))
    out.push_back(eventFromRow(r));
  return out;
}
// ---------------- audit ----------------
Status SqlAuditLog::append(AuditEvent e) {
  // Runs inside the caller's write transaction, which holds SQLite's write lock, so the
  // last entry cannot change between reading it and appending after it.
  auto last = sql_.one("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1");
  e.seq = last ? last->i64(0) + 1 : 1;
  e.prevHash = last ? last->str(1) : audit::kGenesisHash;
  e.hash = audit::computeHash(e);
  sql_.exec(
      "INSERT INTO audit_events(seq, at, actor_user_id, actor_organisation_id, action, record_type, "
      "record_id, "
      "outcome, reason, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
      {static_cast<long long>(e.seq), iso(e.at), optId(e.actorUserId), optId(e.actorOrganisationId), e.action,
       e.recordType, e.recordId, e.outcome, e.reason, e.detail, e.prevHash, e.hash});
  return {};
}
Page<AuditEvent> SqlAuditLog::query(const AuditQuery& q) {
  std::string where = " WHERE 1=1";
  std::vector<Param> params;
  if (!q.recordType.empty()) {
    where += " AND record_type = ?";
    params.emplace_back(q.recordType);
  }
  if (!q.recordId.empty()) {
    where += " AND record_id = ?";
    params.emplace_back(q.recordId);
  }
  if (q.actorUserId) {
    where += " AND actor_user_id = ?";
    params.emplace_back(static_cast<long long>(*q.actorUserId));
  }
  if (q.from) {
    where += " AND at >= ?";
    params.emplace_back(iso(*q.from));
  }
  if (q.to) {
    where += " AND at < ?";
    params.emplace_back(iso(*q.to));
  }
  Page<AuditEvent> page;
  page.total = sql_.one("SELECT COUNT(*) FROM audit_events" + where, params)->i64(0);
  params.emplace_back(static_cast<long long>(q.limit));
  params.emplace_back(static_cast<long long>(q.offset));
  for (auto& r : sql_.query(
           select(kAuditColumns, "audit_events") + where + " ORDER BY seq DESC LIMIT ? OFFSET ?", params))
    page.items.push_back(auditFromRow(r));
  return page;
}
std::vector<AuditEvent> SqlAuditLog::range(std::int64_t fromSeq, int limit) {
  std::vector<AuditEvent> out;
  for (auto& r : sql_.query(select(kAuditColumns, "audit_events") + " WHERE seq >= ? ORDER BY seq LIMIT ?",
                            {static_cast<long long>(fromSeq), static_cast<long long>(limit)}))
    out.push_back(auditFromRow(r));
  return out;
}

}  // namespace ycr::storage
