#include "ycr/services/identity.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <sstream>

#include "ycr/core/young_person.h"
#include "ycr/pathways/table.h"
#include "ycr/services/id_cards.h"
#include "ycr/services/policy.h"

namespace ycr::services {

// ---------------- the resolver ----------------

matching::PersonRecord personOf(const YoungCarer& yc) {
  matching::PersonRecord p;
  p.id = yc.id;
  p.givenName = yc.givenName;
  p.familyName = yc.familyName;
  p.dateOfBirth = yc.dateOfBirth;
  p.postcode = yc.postcode;
  p.schoolUrn = yc.schoolUrn;
  p.address = yc.address;
  return p;
}

IdentityResolver::IdentityResolver(matching::NameVariants variants, IdentitySettings settings)
    : index_(std::move(variants)), settings_(settings) {}

Status IdentityResolver::load(Store& store) {
  auto tx = store.begin(false);
  catchUp(*tx);
  return {};
}

void IdentityResolver::catchUp(Transaction& tx, const std::function<bool(Id)>& leave) {
  std::lock_guard lock(catchUpLock_);
  auto& records = tx.youngCarers();
  const auto [first, last] = records.changeRange();
  if (!loaded_ || (first > changeMark_ + 1)) {
    // First look, or the log was pruned past the mark: the whole register, as it stands in this
    // transaction, which the log's last entry also describes.
    index_.clear();
    records.forEachLive(0, [&](const YoungCarer& yc) {
      if (!leave || !leave(yc.id)) (void)index_.add(personOf(yc));
    });
    reloadIdentities(records);
    changeMark_ = last;
    loaded_ = true;
    return;
  }
  if (last <= changeMark_) return;
  // A changed record is filed as it now is; a removed one forgotten.
  auto take = [&](Id id, const std::optional<YoungCarer>& yc) {
    if (yc)
      filed(*yc);
    else
      forget(id);
  };
  if (leave) {
    // Most of the changes are likely the caller's own (an import's batches): only the ids are
    // read, and then the few records left to take.
    for (Id id : records.changedIdsSince(changeMark_))
      if (!leave(id)) take(id, records.findById(id));
  } else {
    for (const auto& [id, yc] : records.changedSince(changeMark_)) take(id, yc);
  }
  changeMark_ = last;
  // Past its capacity the filter answers "may be" more and more often: built again, bigger.
  bool full = false;
  {
    std::shared_lock lock(identitiesMutex_);
    full = identities_.size() > identities_.capacity();
  }
  if (full) reloadIdentities(records);
}

void IdentityResolver::reloadIdentities(YoungCarerRepository& records) {
  constexpr std::size_t kSmallest = std::size_t{1} << 16;
  KeyFilter fresh(std::max(kSmallest, 2 * index_.size()));
  records.forEachIdentityKey([&](std::string_view key) { fresh.add(key); });
  std::unique_lock lock(identitiesMutex_);
  identities_ = std::move(fresh);
}

bool IdentityResolver::mayHoldIdentity(const YoungCarer& yc) const {
  const auto key = identityKey(yc);
  std::shared_lock lock(identitiesMutex_);
  return identities_.mayContain(key);
}

void IdentityResolver::pruneChangeLog(Transaction& tx) {
  tx.youngCarers().pruneChanges(kChangesKept);
}

matching::MatchThresholds IdentityResolver::thresholds() const {
  auto scaled = matching::MatchThresholds::forRegister(index_.size());
  scaled.margin = settings_.margin;
  if (settings_.linkScore) scaled.link = *settings_.linkScore;
  if (settings_.reviewScore) scaled.review = *settings_.reviewScore;
  return scaled;
}

IdentityResolution IdentityResolver::resolve(const matching::PersonRecord& person) const {
  const auto t = thresholds();
  auto candidates = index_.matchFrom(person, t.weighedFrom(), 10);
  auto outcome = matching::decide(candidates, t);
  IdentityResolution r;
  r.decision = outcome.decision;
  r.linkTo = outcome.linkTo;
  r.reason = outcome.reason;
  for (auto id : outcome.toReview)
    for (const auto& c : candidates)
      if (c.id == id) r.toReview.push_back(c);
  return r;
}

std::vector<matching::Candidate> IdentityResolver::candidatesFor(const YoungCarer& yc, int limit) const {
  return index_.match(personOf(yc), limit);
}

std::vector<matching::Candidate> IdentityResolver::decisionCandidatesFor(const YoungCarer& yc,
                                                                         int limit) const {
  return index_.matchFrom(personOf(yc), thresholds().weighedFrom(), limit);
}

std::vector<matching::Candidate> IdentityResolver::decisionCandidatesAmong(const YoungCarer& yc,
                                                                           const matching::MatchIndex& pool,
                                                                           int limit) const {
  return index_.matchAmong(personOf(yc), pool, thresholds().weighedFrom(), limit);
}

void IdentityResolver::filed(const YoungCarer& yc) {
  // The catch-up mark is left alone: only catchUp, which reads the change log after it, may move it;
  // the next catch-up reads this change again and files the record as it is then.
  const auto key = identityKey(yc);
  {
    std::unique_lock lock(identitiesMutex_);
    identities_.add(key);
  }
  // A merged record is found through the one it joined; an anonymised one is found no more.
  if (yc.mergedInto || yc.anonymisedAt) {
    forget(yc.id);
    return;
  }
  if (!index_.update(personOf(yc))) (void)index_.add(personOf(yc));
}

void IdentityResolver::forget(Id id) {
  (void)index_.remove(id);
}

std::string evidenceJson(const std::vector<matching::FieldEvidence>& evidence) {
  Poco::JSON::Array arr;
  for (const auto& e : evidence) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("field", e.field);
    o->set("level", e.level);
    o->set("weight", std::round(e.weight * 100) / 100);
    o->set("this_record", e.left);
    o->set("other_record", e.right);
    arr.add(o);
  }
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(arr, out);
  return out.str();
}

std::string cautionsJson(const std::vector<std::string>& cautions) {
  Poco::JSON::Array arr;
  for (const auto& c : cautions) arr.add(c);
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(arr, out);
  return out.str();
}

Status queueReviews(Transaction& tx, Id youngCarerId, const std::vector<matching::Candidate>& candidates,
                    const std::string& source, Timestamp at) {
  for (const auto& c : candidates) {
    if (c.id == youngCarerId || tx.matchReviews().rejectedPair(youngCarerId, c.id)) continue;
    MatchReview review;
    review.youngCarerId = youngCarerId;
    review.candidateId = c.id;
    review.score = std::round(c.score * 100) / 100;
    review.evidenceJson = evidenceJson(c.evidence);
    review.cautionsJson = cautionsJson(c.cautions);
    review.source = source;
    review.createdAt = at;
    if (auto id = tx.matchReviews().create(review); !id && id.error().code != ErrorCode::conflict)
      return id.error();
  }
  return {};
}

// ---------------- the use cases ----------------

Identity::Identity(Store& store, const Clock& clock, IdentityResolver& resolver)
    : store_(store), clock_(clock), resolver_(resolver) {}

namespace {

DomainError noSuchYoungCarer() {
  return DomainError::notFound("There is no young carer with that id");
}

bool visible(Transaction& tx, const Principal& who, Id youngCarerId) {
  return policy::canSeeYoungCarer(who, tx.cases().findByYoungCarer(youngCarerId));
}

// The rows a merge moves from the absorbed record to the survivor (and its undo moves back); each table
// must be one storage lets a merge change (kMergeTables in storage/src/identity_repository.cpp). Activity
// places follow too, but not all of them (rowsToMove).
constexpr std::array<const char*, 9> kRowsThatFollowTheChild = {
    "referrals",         "cared_for_people", "assessments",        "id_cards", "sharing_consents",
    "school_attendance", "id_card_wishes",   "survey_invitations", "feedback"};

// The absorbed record and the rows that move with it to the survivor (its case apart).
std::vector<std::pair<std::string, Id>> rowsToMove(Transaction& tx, Id survivorId, Id absorbedId) {
  std::vector<std::pair<std::string, Id>> rows = {{"young_carers", absorbedId}};
  for (const char* table : kRowsThatFollowTheChild)
    for (Id id : tx.merges().rowsOf(table, absorbedId)) rows.emplace_back(table, id);
  // Places on activities move too, so what the child attended counts once, on the survivor. Where both
  // records hold a place on one activity, the survivor's stands and the absorbed one stays where it was
  // (one child, one place); the merge's own record shows it.
  std::set<Id> survivorActivities;
  for (const auto& [activity, place] : tx.activities().forYoungCarer(survivorId))
    survivorActivities.insert(activity.id);
  for (const auto& [activity, place] : tx.activities().forYoungCarer(absorbedId))
    if (!survivorActivities.contains(activity.id)) rows.emplace_back("activity_places", place.id);
  return rows;
}

Status audited(Transaction& tx, AuditEvent e) {
  if (auto s = tx.audit().append(std::move(e)); !s) return s;
  return tx.commit();
}

// The columns whose values differ between two images of one row.
std::vector<std::string> changedColumns(const RowImage& before, const RowImage& after) {
  std::vector<std::string> names;
  for (const auto& [name, value] : before.columns)
    if (const auto* v = after.column(name); !v || !(*v == value)) names.push_back(name);
  return names;
}

}  // namespace

Result<MatchView> Identity::viewOf(Transaction& tx, const MatchReview& review) {
  auto a = tx.youngCarers().findById(review.youngCarerId);
  auto b = tx.youngCarers().findById(review.candidateId);
  if (!a || !b) return DomainError::internal("a possible match refers to a missing record");
  return MatchView{review, *a, *b};
}

Result<Page<MatchView>> Identity::matches(const Principal& who, const MatchReviewQuery& query) {
  auto tx = store_.begin(true);
  auto page = tx->matchReviews().list(query);
  Page<MatchView> out;
  out.total = page.total;
  for (const auto& review : page.items) {
    if (!visible(*tx, who, review.youngCarerId) || !visible(*tx, who, review.candidateId)) {
      --out.total;
      continue;
    }
    auto view = viewOf(*tx, review);
    if (!view) return view.error();
    out.items.push_back(std::move(view.value()));
  }
  auto e = auditEventFor(who, clock_.now(), "match.list", "match_review", "");
  e.detail = std::to_string(out.items.size()) + " shown";
  if (auto s = audited(*tx, e); !s) return s.error();
  return out;
}

Result<MatchView> Identity::match(const Principal& who, Id reviewId) {
  auto tx = store_.begin(true);
  auto review = tx->matchReviews().findById(reviewId);
  if (!review || !visible(*tx, who, review->youngCarerId) || !visible(*tx, who, review->candidateId))
    return DomainError::notFound("There is no possible match with that id");
  auto view = viewOf(*tx, *review);
  if (!view) return view.error();
  if (auto s = audited(
          *tx, auditEventFor(who, clock_.now(), "match.read", "match_review", std::to_string(reviewId)));
      !s)
    return s.error();
  return view;
}

Result<MatchView> Identity::decide(const Principal& who, Id reviewId, bool sameChild,
                                   const std::string& reason, std::optional<Id> survivor) {
  std::lock_guard lock(resolver_.intakeLock());
  auto tx = store_.begin(true);
  auto review = tx->matchReviews().findById(reviewId);
  if (!review || !visible(*tx, who, review->youngCarerId) || !visible(*tx, who, review->candidateId))
    return DomainError::notFound("There is no possible match with that id");
  if (review->status != MatchReviewStatus::pending)
    return DomainError::conflict("This possible match was already decided: " +
                                 std::string(toString(review->status)));
  const Timestamp now = clock_.now();
  std::optional<Merge> merged;
  if (sameChild) {
    Id keep = survivor.value_or(review->candidateId);
    if (keep != review->candidateId && keep != review->youngCarerId)
      return DomainError::field("survivor_id", "not_in_pair", "Choose one of the two records to keep");
    Id absorbed = keep == review->candidateId ? review->youngCarerId : review->candidateId;
    auto m = mergeIn(*tx, who, keep, absorbed, reason.empty() ? "confirmed possible match" : reason);
    if (!m) return m.error();
    merged = std::move(m.value());
    review->mergeId = merged->id;
  }
  review->status = sameChild ? MatchReviewStatus::confirmed : MatchReviewStatus::rejected;
  review->decidedAt = now;
  review->decidedBy = who.userId;
  review->decisionReason = reason;
  if (auto s = tx->matchReviews().update(*review); !s) return s.error();
  auto e = auditEventFor(who, now, sameChild ? "match.confirm" : "match.reject", "match_review",
                         std::to_string(reviewId));
  e.reason = reason;
  if (merged) e.detail = "merge " + std::to_string(merged->id);
  auto view = viewOf(*tx, *review);
  if (!view) return view.error();
  if (auto s = audited(*tx, e); !s) return s.error();
  if (merged) {
    resolver_.forget(merged->absorbedId);
    resolver_.filed(view->youngCarer.id == merged->survivorId ? view->youngCarer : view->candidate);
  }
  return view;
}

Result<Merge> Identity::mergeIn(Transaction& tx, const Principal& who, Id survivorId, Id absorbedId,
                                const std::string& reason) {
  if (survivorId == absorbedId)
    return DomainError::field("other_id", "same_record", "A record cannot be merged with itself");
  auto survivor = tx.youngCarers().findById(survivorId);
  auto absorbed = tx.youngCarers().findById(absorbedId);
  if (!survivor || !visible(tx, who, survivorId)) return noSuchYoungCarer();
  if (!absorbed || !visible(tx, who, absorbedId))
    return DomainError::field("other_id", "not_found", "There is no young carer with that id");
  if (survivor->mergedInto)
    return DomainError::conflict("Record " + std::to_string(survivorId) + " was already merged into record " +
                                 std::to_string(*survivor->mergedInto));
  if (absorbed->mergedInto)
    return DomainError::conflict("Record " + std::to_string(absorbedId) + " was already merged into record " +
                                 std::to_string(*absorbed->mergedInto));
  const Timestamp now = clock_.now();
  auto& merges = tx.merges();

  // Every row the merge will change, captured before any change.
  auto rows = rowsToMove(tx, survivorId, absorbedId);
  auto absorbedCase = tx.cases().findByYoungCarer(absorbedId);
  auto survivorCase = tx.cases().findByYoungCarer(survivorId);
  if (absorbedCase) rows.emplace_back("cases", absorbedCase->id);

  Merge m;
  m.survivorId = survivorId;
  m.absorbedId = absorbedId;
  m.mergedAt = now;
  m.mergedBy = who.userId;
  m.reason = reason;
  for (const auto& [table, id] : rows) {
    auto image = merges.capture(table, id);
    if (!image) return image.error();
    m.before.push_back(std::move(image.value()));
  }

  // The absorbed record's ID cards stop working: the child keeps (or is issued) the survivor's.
  auto revoked = revokeCardsFor(tx, absorbedId, "merged into record " + std::to_string(survivorId), now);
  if (!revoked) return revoked.error();
  m.revokedCards = std::move(revoked.value());

  const StoredValue toSurvivor{StoredValue::Kind::integer, static_cast<long long>(survivorId), 0, {}};
  for (const auto& [table, id] : rows) {
    if (table == "young_carers" || table == "cases") continue;
    if (auto s = merges.restore(table, id, {{"young_carer_id", toSurvivor}}); !s) return s.error();
  }
  if (absorbedCase && !survivorCase) {
    if (auto s = merges.restore("cases", absorbedCase->id, {{"young_carer_id", toSurvivor}}); !s)
      return s.error();
  } else if (absorbedCase && pathways::isOpen(absorbedCase->state)) {
    // One child, one open case: the survivor's carries on; the absorbed one closes, its history kept.
    Case closed = *absorbedCase;
    CaseEvent ev;
    ev.caseId = closed.id;
    ev.at = now;
    ev.actorUserId = who.userId;
    ev.event = "merged";
    ev.fromState = closed.state;
    ev.toState = CaseState::closed;
    ev.closeReason = CloseReason::merged;
    ev.reason = "Merged into record " + std::to_string(survivorId) + (reason.empty() ? "" : ": " + reason);
    closed.state = CaseState::closed;
    closed.closeReason = CloseReason::merged;
    closed.nextAction.clear();
    closed.nextActionDue.reset();
    closed.updatedAt = now;
    if (auto s = tx.cases().update(closed); !s) return s.error();
    if (auto id = tx.cases().appendEvent(ev); !id) return id.error();
  }
  YoungCarer gone = *absorbed;
  gone.mergedInto = survivorId;
  gone.updatedAt = now;
  if (auto s = tx.youngCarers().update(gone); !s) return s.error();

  for (const auto& before : m.before) {
    auto image = merges.capture(before.table, before.id);
    if (!image) return image.error();
    m.after.push_back(std::move(image.value()));
  }
  auto id = merges.create(m);
  if (!id) return id.error();
  m.id = *id;
  auto e = auditEventFor(who, now, "young_carer.merge", "young_carer", std::to_string(survivorId));
  e.reason = reason;
  e.detail = "absorbed record " + std::to_string(absorbedId) + ", merge " + std::to_string(m.id) + ", " +
             std::to_string(m.revokedCards.size()) + " ID card(s) revoked";
  if (auto s = tx.audit().append(e); !s) return s.error();
  return m;
}

Result<MergeView> Identity::merge(const Principal& who, Id survivorId, Id absorbedId,
                                  const std::string& reason) {
  std::lock_guard lock(resolver_.intakeLock());
  auto tx = store_.begin(true);
  auto m = mergeIn(*tx, who, survivorId, absorbedId, reason);
  if (!m) return m.error();
  auto survivor = tx->youngCarers().findById(survivorId);
  auto absorbed = tx->youngCarers().findById(absorbedId);
  if (auto s = tx->commit(); !s) return s.error();
  resolver_.forget(absorbedId);
  return MergeView{std::move(m.value()), *survivor, *absorbed};
}

Result<MergeView> Identity::undo(const Principal& who, Id mergeId, const std::string& reason) {
  std::lock_guard lock(resolver_.intakeLock());
  auto tx = store_.begin(true);
  auto m = tx->merges().findById(mergeId);
  if (!m || !visible(*tx, who, m->survivorId)) return DomainError::notFound("There is no merge with that id");
  if (m->undoneAt) return DomainError::conflict("This merge has already been undone");
  if (m->before.size() != m->after.size())
    return DomainError::internal("the merge's stored rows do not pair up");
  const Timestamp now = clock_.now();

  // Check every changed column still holds what the merge wrote before writing anything.
  std::vector<std::vector<std::pair<std::string, StoredValue>>> writes;
  for (std::size_t i = 0; i < m->before.size(); ++i) {
    const auto& before = m->before[i];
    const auto& after = m->after[i];
    auto current = tx->merges().capture(before.table, before.id);
    if (!current)
      return DomainError::conflict("The " + before.table + " row " + std::to_string(before.id) +
                                   " changed since the merge (it is gone); undo it by hand");
    std::vector<std::pair<std::string, StoredValue>> columns;
    for (const auto& name : changedColumns(before, after)) {
      const auto* now_ = current->column(name);
      const auto* was = after.column(name);
      if (!now_ || !was || !(*now_ == *was))
        return DomainError::conflict("The " + before.table + " row " + std::to_string(before.id) + " (" +
                                     name +
                                     ") changed since the merge, so it cannot be undone automatically");
      columns.emplace_back(name, *before.column(name));
    }
    writes.push_back(std::move(columns));
  }
  std::optional<CaseEvent> reopened;
  for (std::size_t i = 0; i < m->before.size(); ++i) {
    const auto& before = m->before[i];
    if (auto s = tx->merges().restore(before.table, before.id, writes[i]); !s) return s.error();
    if (before.table == "cases") {
      const auto* was = before.column("state");
      const auto* then = m->after[i].column("state");
      if (was && then && !(*was == *then)) {
        CaseEvent ev;
        ev.caseId = before.id;
        ev.at = now;
        ev.actorUserId = who.userId;
        ev.event = "merge_undone";
        ev.fromState = parseEnum<CaseState>(then->text).value_or(CaseState::closed);
        ev.toState = parseEnum<CaseState>(was->text).value_or(CaseState::referred);
        ev.reason = "Merge " + std::to_string(mergeId) + " undone" + (reason.empty() ? "" : ": " + reason);
        reopened = ev;
      }
    }
  }
  if (reopened)
    if (auto id = tx->cases().appendEvent(*reopened); !id) return id.error();
  if (auto s = tx->merges().markUndone(mergeId, now, who.userId); !s) return s.error();
  // A confirmed possible match that caused the merge goes back to the queue for a fresh decision.
  auto reviews =
      tx->matchReviews().list({.status = MatchReviewStatus::confirmed, .youngCarerId = m->absorbedId});
  for (auto review : reviews.items)
    if (review.mergeId == mergeId) {
      review.status = MatchReviewStatus::pending;
      review.decidedAt.reset();
      review.decidedBy.reset();
      review.decisionReason = "merge " + std::to_string(mergeId) + " undone";
      review.mergeId.reset();
      if (auto s = tx->matchReviews().update(review); !s) return s.error();
    }
  auto e = auditEventFor(who, now, "young_carer.merge_undo", "young_carer", std::to_string(m->survivorId));
  e.reason = reason;
  e.detail = "restored record " + std::to_string(m->absorbedId) + ", merge " + std::to_string(mergeId) +
             ", " + std::to_string(m->revokedCards.size()) + " ID card(s) reinstated";
  if (auto s = tx->audit().append(e); !s) return s.error();
  auto survivor = tx->youngCarers().findById(m->survivorId);
  auto absorbed = tx->youngCarers().findById(m->absorbedId);
  auto stored = tx->merges().findById(mergeId);
  if (!survivor || !absorbed || !stored) return DomainError::internal("merged records vanished during undo");
  if (auto s = tx->commit(); !s) return s.error();
  resolver_.filed(*absorbed);
  resolver_.filed(*survivor);
  return MergeView{std::move(*stored), *survivor, *absorbed};
}

Result<MergeView> Identity::mergeRecord(const Principal& who, Id mergeId) {
  auto tx = store_.begin(true);
  auto m = tx->merges().findById(mergeId);
  if (!m || !visible(*tx, who, m->survivorId)) return DomainError::notFound("There is no merge with that id");
  auto survivor = tx->youngCarers().findById(m->survivorId);
  auto absorbed = tx->youngCarers().findById(m->absorbedId);
  if (!survivor || !absorbed) return DomainError::internal("a merge refers to a missing record");
  if (auto s = audited(*tx, auditEventFor(who, clock_.now(), "merge.read", "merge", std::to_string(mergeId)));
      !s)
    return s.error();
  return MergeView{std::move(*m), *survivor, *absorbed};
}

}  // namespace ycr::services
