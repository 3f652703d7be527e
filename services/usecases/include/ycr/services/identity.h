#pragma once
// One record per child. The resolver keeps the register's identities in a blocking index so a
// referral, an import row or a registration is compared with the few plausible records, and
// decides: link to the child already known, ask a person (the match review queue), or create.
// The use cases let staff confirm or reject a possible match, merge two records, and undo a
// merge exactly.

#include <functional>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "ycr/core/identity_repository.h"
#include "ycr/core/key_filter.h"
#include "ycr/core/matching/decision.h"
#include "ycr/core/matching/index.h"
#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct IdentitySettings {
  // Unset: MatchThresholds::forRegister(size of the register), which rises with the register
  // because the prior odds of any one record being the child fall as it grows.
  std::optional<double> linkScore;
  std::optional<double> reviewScore;
  double margin = 6.0;
};

// Ids from here up are never register ids: a dry-run import files the records it would create in the
// index under kProvisionalIds + line, so later rows of the file resolve against them, and forgets them.
constexpr Id kProvisionalIds = Id{1} << 60;

// The identifying fields of a register record, as the matcher reads them.
matching::PersonRecord personOf(const YoungCarer& yc);

struct IdentityResolution {
  matching::MatchDecision decision = matching::MatchDecision::new_record;
  std::optional<Id> linkTo;
  std::vector<matching::Candidate> toReview;  // candidates a person must look at, best first
  std::string reason;
};

class IdentityResolver {
 public:
  IdentityResolver(matching::NameVariants variants, IdentitySettings settings);

  // Files every young carer not merged into another record. Called once at start.
  Status load(Store& store);
  // Takes in every record created, corrected, merged, unmerged or removed since this index last
  // looked, by this process or another sharing the database (the register's change log), so the
  // matcher never misses a child another instance just registered and never proposes a record
  // another instance merged away. When the log no longer reaches back to its mark, it reads the
  // whole register again.
  // `leave` names records the caller files itself when it is ready (an import's records written
  // but not yet filed): their changes are passed over, and the mark moves past them all the same.
  void catchUp(Transaction& tx, const std::function<bool(Id)>& leave = {});
  // Keeps the newest entries of the change log, enough for any instance that looks now and then;
  // called in writing transactions.
  static void pruneChangeLog(Transaction& tx);
  static constexpr std::int64_t kChangesKept = 1000000;
  std::size_t size() const { return index_.size(); }
  matching::MatchThresholds thresholds() const;

  IdentityResolution resolve(const matching::PersonRecord& person) const;
  // Scored candidates for a record already on the register (itself excluded).
  std::vector<matching::Candidate> candidatesFor(const YoungCarer& yc, int limit = 10) const;
  // The candidates a decision on the record weighs (MatchThresholds::weighedFrom), and the best of
  // the rest unexplained for its score: for deciding many records quickly (an import).
  std::vector<matching::Candidate> decisionCandidatesFor(const YoungCarer& yc, int limit = 10) const;
  // The record's candidates among records not yet filed (an import's newest), scored as
  // decisionCandidatesFor scores.
  std::vector<matching::Candidate> decisionCandidatesAmong(const YoungCarer& yc,
                                                           const matching::MatchIndex& pool,
                                                           int limit = 10) const;

  // False when no record on the register has the exact identity (identityKey) of `yc`, as far as
  // this resolver has caught up; true when one may have, and only the database can say which.
  bool mayHoldIdentity(const YoungCarer& yc) const;

  // Keeps the index in step with the register, after the change has committed.
  void filed(const YoungCarer& yc);
  void forget(Id id);

  // Held from resolving to committing and filing, so two referrals about one new child
  // arriving together cannot both create a record. Writers are serialised by the database
  // anyway; this only widens that to the matching that decides what to write.
  std::mutex& intakeLock() { return intakeLock_; }

 private:
  // Reads every exact identity on the register into a new filter sized for twice the register.
  void reloadIdentities(YoungCarerRepository& records);

  matching::MatchIndex index_;
  // The exact identities of every record the index has seen, merged ones included (a lookup by
  // identity answers with the survivor); kept alongside the index, never pruned: a key that is no
  // longer on the register only costs a database lookup.
  KeyFilter identities_;
  mutable std::shared_mutex identitiesMutex_;
  IdentitySettings settings_;
  // The last entry of the change log catchUp has read. Only catchUp moves it (filed() does not),
  // so a record filed ahead of the log, or an import's provisional id (2^60 + line), never hides
  // a change another instance made.
  std::int64_t changeMark_ = 0;
  bool loaded_ = false;
  std::mutex catchUpLock_;  // one catch-up at a time; it reads and moves the mark
  std::mutex intakeLock_;
};

// The per-field explanation of a candidate as JSON text (what the review queue shows).
std::string evidenceJson(const std::vector<matching::FieldEvidence>& evidence);
std::string cautionsJson(const std::vector<std::string>& cautions);

// Puts each candidate in the review queue against the new record, in the caller's transaction.
// Pairs a person already rejected are not asked again.
Status queueReviews(Transaction& tx, Id youngCarerId, const std::vector<matching::Candidate>& candidates,
                    const std::string& source, Timestamp at);

struct MatchView {
  MatchReview review;
  YoungCarer youngCarer;  // the newer record
  YoungCarer candidate;   // the record already on the register
};

struct MergeView {
  Merge merge;
  YoungCarer survivor;
  YoungCarer absorbed;
};

class Identity {
 public:
  Identity(Store& store, const Clock& clock, IdentityResolver& resolver);

  Result<Page<MatchView>> matches(const Principal& who, const MatchReviewQuery& query);
  Result<MatchView> match(const Principal& who, Id reviewId);
  // A person's decision on a possible match. Same child: the two records are merged, the one
  // already on the register surviving unless `survivor` names the other. Different children:
  // remembered, so the pair is never proposed again.
  Result<MatchView> decide(const Principal& who, Id reviewId, bool sameChild, const std::string& reason,
                           std::optional<Id> survivor);

  // Merges `absorbedId` into `survivorId`: referrals, people cared for, assessments and ID cards
  // move to the survivor (the absorbed record's cards are revoked); the absorbed record's case
  // moves too when the survivor has none, otherwise it is closed as "merged". Everything the
  // merge changed is kept so that undo can put it back.
  Result<MergeView> merge(const Principal& who, Id survivorId, Id absorbedId, const std::string& reason);
  // Puts back every column the merge changed, provided nothing has changed it since; otherwise
  // refuses, naming the record that changed, and changes nothing.
  Result<MergeView> undo(const Principal& who, Id mergeId, const std::string& reason);
  Result<MergeView> mergeRecord(const Principal& who, Id mergeId);

 private:
  Result<Merge> mergeIn(Transaction& tx, const Principal& who, Id survivorId, Id absorbedId,
                        const std::string& reason);
  Result<MatchView> viewOf(Transaction& tx, const MatchReview& review);

  Store& store_;
  const Clock& clock_;
  IdentityResolver& resolver_;
};

}  // namespace ycr::services
