#include "ycr/services/importer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "ycr/core/text.h"
#include "ycr/core/validation.h"

namespace ycr::services {

const char* toString(ImportOutcome outcome) {
  switch (outcome) {
    case ImportOutcome::new_record: return "new";
    case ImportOutcome::linked: return "linked";
    case ImportOutcome::needs_review: return "needs_review";
    case ImportOutcome::rejected: return "rejected";
    case ImportOutcome::already_imported: return "already_imported";
  }
  return "";
}

namespace {

using Stopwatch = std::chrono::steady_clock;

std::string scoreText(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

std::string csvField(const std::string& s) {
  return text::csvCell(s);
}

// A rejected row is not simply dropped: what it does say (a name with a date of birth, a postcode or
// an address) is matched against the register, and the records at or above the review threshold are
// named in the report, for a person to look at before adding what is missing there or correcting
// the row and importing it again. Records this run has only planned (a dry run's provisional ids)
// are left out: they are not on the register.
void reportRejected(const std::string& rejection, const matching::PersonRecord& identity,
                    const IdentityResolver& resolver, ImportReportRow& out) {
  out.reason = rejection;
  const bool named = !identity.givenName.empty() || !identity.familyName.empty();
  if (!named || (!identity.dateOfBirth && identity.postcode.empty() && identity.address.empty())) return;
  const auto found = resolver.resolve(identity);
  if (found.linkTo && *found.linkTo < kProvisionalIds) out.mayBe.push_back(*found.linkTo);
  for (const auto& c : found.toReview)
    if (c.id < kProvisionalIds && std::find(out.mayBe.begin(), out.mayBe.end(), c.id) == out.mayBe.end())
      out.mayBe.push_back(c.id);
  std::string ids;
  for (Id id : out.mayBe) ids += (ids.empty() ? "" : " or ") + std::to_string(id);
  if (!ids.empty())
    out.reason += "; it may be young carer " + ids +
                  " on the register: add what is missing there, or correct the row and import it again";
}

}  // namespace

Importer::Importer(Store& store, IdentityResolver& resolver, const Clock& clock,
                   matching::NameVariants variants)
    : store_(store), resolver_(resolver), clock_(clock), variants_(std::move(variants)) {}

namespace {

// A row's decision, made in file order; the writer carries it out. Records this run created
// are known by provisional ids (kProvisionalIds + line) until the writer has written them.
struct PlannedRow {
  std::size_t report = 0;  // its row in the summary
  std::size_t line = 0;
  std::string sourceRef;
  Id linkTo = 0;                     // linked to this record
  std::optional<YoungCarer> record;  // or this record created, with its provisional id
  std::vector<matching::Candidate> toReview;
  std::string reason;                   // why (for a record queued for review)
  std::vector<std::string> sameAsLine;  // per pair to review: " (same child as line N)" or empty
};

// One batch's decisions on their way through the writer, and what the writer made of them.
struct WriteJob {
  std::size_t firstLine = 0, lastLine = 0;
  std::size_t rowsBefore = 0;  // the summary's rows before the batch's first
  std::vector<PlannedRow> planned;
  std::array<std::size_t, kImportOutcomeCount> counts{};
  Timestamp at{};
  Status status;
  std::vector<std::pair<YoungCarer, std::size_t>> created;   // as written, and their lines
  std::vector<std::pair<std::size_t, Id>> ids;               // summary row -> young carer id
  std::vector<std::pair<std::size_t, std::string>> reasons;  // summary row -> reason naming records
};

DomainError importFailure(const std::exception& ex) {
  return DomainError::unavailable(std::string("The import could not be completed: ") + ex.what());
}

std::string reviewReason(const std::string& reason, const std::vector<matching::Candidate>& toReview,
                         const std::vector<std::string>& sameAsLine) {
  std::string with;
  for (std::size_t k = 0; k < toReview.size(); ++k)
    with += (with.empty() ? "" : ", ") +
            (toReview[k].id < kProvisionalIds ? "record " + std::to_string(toReview[k].id)
                                              : std::string("a record")) +
            sameAsLine[k];
  return "possible match queued for review: " + reason + " (" + with + ")";
}

// Writes an import's batches in order on a thread of its own, so that one batch is written and
// committed while the next is decided. Once a batch fails, none after it is written.
class BatchWriter {
 public:
  BatchWriter(Store& store, const ImportOptions& options) : store_(store), options_(options) {
    thread_ = std::thread([this] { loop(); });
  }
  ~BatchWriter() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  void submit(std::shared_ptr<WriteJob> job) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(std::move(job));
    }
    wake_.notify_all();
  }
  // Until `job` is written, or refused.
  void await(const WriteJob& job) {
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return finished_.count(&job) != 0; });
    finished_.erase(&job);
  }
  // Whether the record `id` is one this import created: the exact-identity lookup leaves them to
  // the matcher, since whether it could see one would depend on how far the writer had got.
  bool created(Id id) const {
    std::lock_guard lock(mutex_);
    return own_.count(id) != 0;
  }

 private:
  void loop() {
    for (;;) {
      std::shared_ptr<WriteJob> job;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      if (failed_) {
        job->status = DomainError::unavailable("not written: an earlier batch of the import failed");
      } else {
        try {
          job->status = write(*job);
        } catch (const std::exception& ex) {
          job->status = importFailure(ex);
        }
        if (!job->status) failed_ = true;
      }
      {
        std::lock_guard lock(mutex_);
        finished_.insert(job.get());
      }
      done_.notify_all();
    }
  }

  Status write(WriteJob& job) {
    auto tx = store_.beginBulk();
    std::unordered_map<Id, Id> madeHere;  // provisional -> written, for the rest of the batch
    auto real = [&](Id id) {
      if (id < kProvisionalIds) return id;
      if (auto it = madeHere.find(id); it != madeHere.end()) return it->second;
      auto it = realOf_.find(id);
      return it == realOf_.end() ? id : it->second;
    };
    std::vector<ImportedRow> recorded;
    recorded.reserve(job.planned.size());
    for (auto& row : job.planned) {
      if (!row.record) {
        const Id to = real(row.linkTo);
        job.ids.emplace_back(row.report, to);
        recorded.push_back({options_.source, row.sourceRef, to, "linked", job.at});
        continue;
      }
      YoungCarer yc = std::move(*row.record);
      const Id provisional = yc.id;
      yc.id = 0;
      auto id = tx->youngCarers().create(yc);
      if (!id) return id.error();
      yc.id = *id;
      madeHere[provisional] = yc.id;
      {
        std::lock_guard lock(mutex_);
        own_.insert(yc.id);
      }
      job.ids.emplace_back(row.report, yc.id);
      const bool review = !row.toReview.empty();
      for (auto& c : row.toReview) c.id = real(c.id);
      const std::string source = "import " + options_.source + " ref " + row.sourceRef;
      if (auto s = queueReviews(*tx, yc.id, row.toReview, source, job.at); !s) return s;
      if (review)
        job.reasons.emplace_back(row.report, reviewReason(row.reason, row.toReview, row.sameAsLine));
      auto e = unattributedEvent(job.at, "young_carer.create", "young_carer", std::to_string(yc.id),
                                 source + " line " + std::to_string(row.line) + " by " + options_.actor +
                                     (review ? "; possible match queued: " + row.reason : ""));
      if (auto s = tx->audit().append(e); !s) return s;
      recorded.push_back({options_.source, row.sourceRef, yc.id, review ? "needs_review" : "new", job.at});
      job.created.emplace_back(std::move(yc), row.line);
    }
    IdentityResolver::pruneChangeLog(*tx);
    if (auto s = tx->imports().recordMany(recorded); !s) return s;
    // One event for the batch records what every row came to, links and rejections included.
    auto e = unattributedEvent(job.at, "import.batch", "import", options_.source,
                               "lines " + std::to_string(job.firstLine) + "-" + std::to_string(job.lastLine) +
                                   " by " + options_.actor + ":");
    for (std::size_t o = 0; o < kImportOutcomeCount; ++o)
      e.detail += std::string(o ? ", " : " ") + std::to_string(job.counts[o]) + " " +
                  toString(static_cast<ImportOutcome>(o));
    if (auto s = tx->audit().append(e); !s) return s;
    if (auto s = tx->commit(); !s) return s;
    realOf_.insert(madeHere.begin(), madeHere.end());
    return {};
  }

  Store& store_;
  const ImportOptions& options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, done_;
  std::deque<std::shared_ptr<WriteJob>> queue_;
  std::set<const WriteJob*> finished_;
  std::unordered_set<Id> own_;
  bool stopping_ = false;
  // The writer thread's own.
  std::unordered_map<Id, Id> realOf_;  // provisional -> written, for batches committed
  bool failed_ = false;
  std::thread thread_;  // last: started once everything it uses is constructed
};

}  // namespace

Result<ImportSummary> Importer::run(const CsvTable& table, const ColumnMapping& mapping,
                                    const ImportOptions& options) {
  if (validation::trim(options.source).empty())
    return DomainError::field("source", "required", "Name the source of the file (--source)");
  const auto started = Stopwatch::now();
  const Date today = clock_.today();
  ImportSummary summary;
  summary.rows.reserve(table.records.size());

  // What earlier runs imported from this source, read once for the whole file.
  std::unordered_map<std::string, ImportedRow> earlier;
  {
    auto tx = store_.begin(false);
    for (auto& r : tx->imports().forSource(options.source)) earlier.emplace(r.sourceRef, std::move(r));
  }
  std::unordered_map<std::string, std::size_t> refLine;  // source_ref -> line, within this file
  // Record created by this run -> its line; by provisional id, and by its id once written.
  std::unordered_map<Id, std::size_t> createdAt;
  std::vector<Id> provisional;  // dry run: ids filed in the index

  const std::size_t total = table.records.size();
  const std::size_t batch = options.batchSize == 0 ? 1000 : options.batchSize;
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  // Three stages overlap. Matching is most of the cost, so it runs ahead, on worker threads, one
  // batch in front. Each row is then decided in file order, on its candidates plus those among
  // the records this run created that the workers could not see (`recent`), scored with the
  // index's model, so the second row about a child always finds the first. And a writer thread
  // writes and commits the decided batch while the next is decided. A batch's records are filed
  // in the index two batches later, once written, and only while no workers run: batch N is
  // matched against the index with the records of batches up to N-3 in it, and `recent` holds
  // those of N-2, N-1 and N. Decisions depend on the batch size, never on the number of threads
  // or on timing.
  struct Batch {
    std::size_t first = 0, last = 0;
    std::vector<PreparedImportRow> rows;
    std::vector<std::optional<std::vector<matching::Candidate>>> ahead;
    std::vector<char> mayBeKnown;          // the resolver has seen a record with the row's exact identity
    std::vector<std::optional<Id>> exact;  // the register's record with the row's exact identity
    std::exception_ptr failed;             // the first thing that went wrong in a worker
    std::mutex failedLock;
    std::vector<std::thread> workers;
    void fail(std::exception_ptr e) {
      std::lock_guard lock(failedLock);
      if (!failed) failed = std::move(e);
    }
    bool hasFailed() {
      std::lock_guard lock(failedLock);
      return failed != nullptr;
    }
    void join() {
      for (auto& t : workers) t.join();
      workers.clear();
    }
    ~Batch() { join(); }  // the workers write into this batch
  };
  auto launch = [&](std::size_t first) {
    auto b = std::make_unique<Batch>();
    b->first = first;
    b->last = std::min(total, first + batch);
    b->rows.resize(b->last - first);
    b->ahead.resize(b->last - first);
    b->mayBeKnown.resize(b->last - first);
    b->exact.resize(b->last - first);
    auto next = std::make_shared<std::atomic<std::size_t>>(0);       // the next row to prepare
    auto nextMatch = std::make_shared<std::atomic<std::size_t>>(0);  // and to match
    auto prepared = std::make_shared<std::latch>(threads);           // every row prepared
    Batch* raw = b.get();
    const bool lookUp = !options.dryRun;
    auto work = [this, raw, next, nextMatch, prepared, lookUp, &table, &mapping, &earlier,
                 today](unsigned t) {
      // Exact identity, as at referral intake, only with a postcode: names and a birthday alone are
      // shared by namesakes. Asked of the database only when the resolver has seen a record with
      // that identity (its own or one another instance wrote, up to its last catch-up): for most
      // rows of a file it has not, and the lookup is most of the cost of a row once the writer
      // runs (each commit empties the reading connection's page cache).
      // A worker that throws (out of memory, say) stops the import with its reason, like a failed
      // batch, rather than the process; it still arrives at the barrier, or the others would wait.
      try {
        for (std::size_t k; (k = next->fetch_add(1)) < raw->rows.size();) {
          auto& row = raw->rows[k];
          row = prepareImportRow(table.records[raw->first + k], mapping, today);
          raw->mayBeKnown[k] = lookUp && row.youngCarer && !row.youngCarer->postcode.empty() &&
                               !earlier.count(row.sourceRef) && resolver_.mayHoldIdentity(*row.youngCarer);
        }
      } catch (...) {
        raw->fail(std::current_exception());
      }
      prepared->arrive_and_wait();
      if (raw->hasFailed()) return;
      // The first worker looks up the batch's possibly known identities at once.
      if (t == 0 && lookUp) {
        try {
          std::vector<YoungCarer> lookup;
          std::vector<std::size_t> at;
          for (std::size_t k = 0; k < raw->rows.size(); ++k)
            if (raw->mayBeKnown[k]) {
              lookup.push_back(*raw->rows[k].youngCarer);
              at.push_back(k);
            }
          if (!lookup.empty()) {
            auto tx = store_.begin(false);
            auto found = tx->imports().findExactMany(lookup);
            for (std::size_t j = 0; j < found.size(); ++j) raw->exact[at[j]] = found[j];
          }
        } catch (...) {
          raw->fail(std::current_exception());
        }
      }
      // And the matcher, for every row: the exact record may turn out to be one this run created.
      try {
        for (std::size_t k; (k = nextMatch->fetch_add(1)) < raw->rows.size();)
          if (raw->rows[k].youngCarer && !earlier.count(raw->rows[k].sourceRef))
            raw->ahead[k] = resolver_.decisionCandidatesFor(*raw->rows[k].youngCarer, 10);
      } catch (...) {
        raw->fail(std::current_exception());
      }
    };
    for (unsigned t = 0; t < threads; ++t) b->workers.emplace_back(work, t);
    return b;
  };
  matching::MatchIndex recent(variants_);          // records this run created that the workers did not see
  std::deque<std::vector<Id>> recentBatches;       // their provisional ids, by batch
  std::deque<std::shared_ptr<WriteJob>> inFlight;  // decided, not yet filed
  std::optional<BatchWriter> writer;
  if (!options.dryRun) writer.emplace(store_, options);

  Status failure;
  // Waits for the oldest batch in flight to be written, then files its records and completes
  // its report rows; on a failure, drops its rows and every later one from the report.
  auto collect = [&] {
    auto job = std::move(inFlight.front());
    inFlight.pop_front();
    if (writer) writer->await(*job);
    if (!job->status) {
      failure = job->status;
      summary.rows.resize(job->rowsBefore);
      return;
    }
    for (const auto& [row, id] : job->ids) summary.rows[row].youngCarerId = id;
    for (auto& [row, reason] : job->reasons) summary.rows[row].reason = std::move(reason);
    for (const auto& [yc, line] : job->created) {
      resolver_.filed(yc);
      createdAt[yc.id] = line;
      if (options.dryRun) provisional.push_back(yc.id);
    }
    for (std::size_t o = 0; o < kImportOutcomeCount; ++o) summary.counts[o] += job->counts[o];
  };

  // Decides one batch's rows in file order.
  auto decide = [&](Batch& current, WriteJob& job) {
    auto& prepared = current.rows;
    auto& ahead = current.ahead;
    std::vector<Id>& createdNow = recentBatches.emplace_back();
    if (current.failed) std::rethrow_exception(current.failed);
    // Records this run created are left to the matcher: whether the lookup could see one depended
    // on how far the writer had got.
    auto& exact = current.exact;
    for (auto& e : exact)
      if (e && writer && writer->created(*e)) e.reset();
    for (std::size_t i = current.first; i < current.last; ++i) {
      auto& row = prepared[i - current.first];
      ImportReportRow out;
      out.line = row.line;
      out.sourceRef = row.sourceRef;
      out.flagged = std::move(row.flagged);
      auto finish = [&](ImportOutcome o) {
        out.outcome = o;
        ++job.counts[static_cast<std::size_t>(o)];
        summary.rows.push_back(std::move(out));
        if (options.progress) options.progress(i + 1, total);
      };
      if (auto it = earlier.find(row.sourceRef); it != earlier.end()) {
        out.youngCarerId = it->second.youngCarerId;
        out.reason =
            "imported before (" + it->second.outcome + ", " + formatIsoTimestamp(it->second.importedAt) + ")";
        finish(ImportOutcome::already_imported);
        continue;
      }
      if (auto [it, fresh] = refLine.emplace(row.sourceRef, row.line); !fresh) {
        out.reason = "source_ref '" + row.sourceRef + "' is also on line " + std::to_string(it->second) +
                     "; each row needs its own reference";
        finish(ImportOutcome::rejected);
        continue;
      }
      if (!row.youngCarer) {
        reportRejected(row.rejection, personRecordOf(table.records[i], mapping), resolver_, out);
        finish(ImportOutcome::rejected);
        continue;
      }
      YoungCarer yc = std::move(*row.youngCarer);
      PlannedRow plan;
      plan.report = summary.rows.size();
      plan.line = row.line;
      plan.sourceRef = row.sourceRef;

      std::optional<Id> linkTo;
      std::optional<double> linkScore;
      std::string reason;
      if (exact[i - current.first]) {
        linkTo = exact[i - current.first];
        reason = "same names, date of birth and postcode";
      }
      if (!linkTo) {
        auto& fromIndex = ahead[i - current.first];
        auto candidates = fromIndex ? std::move(*fromIndex) : resolver_.decisionCandidatesFor(yc, 10);
        if (auto among = resolver_.decisionCandidatesAmong(yc, recent, 10); !among.empty()) {
          for (auto& c : among)
            if (std::none_of(candidates.begin(), candidates.end(),
                             [&](const auto& k) { return k.id == c.id; }))
              candidates.push_back(std::move(c));
          std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) {
            return a.score != b.score ? a.score > b.score : a.id < b.id;
          });
          if (candidates.size() > 10) candidates.resize(10);
        }
        auto decision = matching::decide(candidates, resolver_.thresholds());
        if (!candidates.empty()) out.score = std::round(candidates.front().score * 100) / 100;
        reason = decision.reason;
        if (decision.decision == matching::MatchDecision::link) {
          linkTo = decision.linkTo;
          for (const auto& c : candidates)
            if (c.id == *linkTo) linkScore = std::round(c.score * 100) / 100;
        } else if (decision.decision == matching::MatchDecision::review) {
          for (auto id : decision.toReview)
            for (const auto& c : candidates)
              if (c.id == id) plan.toReview.push_back(c);
        }
      }
      auto sameAsLine = [&](Id id) -> std::string {
        auto it = createdAt.find(id);
        return it == createdAt.end() ? std::string()
                                     : " (same child as line " + std::to_string(it->second) + ")";
      };

      if (linkTo) {
        // The existing record stays as it is: the row only says this source knows the child.
        if (linkScore) out.score = linkScore;
        out.reason = reason + sameAsLine(*linkTo);
        if (*linkTo < kProvisionalIds) out.youngCarerId = linkTo;
        plan.linkTo = *linkTo;
        job.planned.push_back(std::move(plan));
        finish(ImportOutcome::linked);
        continue;
      }

      const bool review = !plan.toReview.empty();
      for (const auto& c : plan.toReview) plan.sameAsLine.push_back(sameAsLine(c.id));
      out.reason = review ? reviewReason(reason, plan.toReview, plan.sameAsLine) : reason;
      plan.reason = std::move(reason);
      yc.createdAt = yc.updatedAt = job.at;
      yc.id = kProvisionalIds + static_cast<Id>(out.line);
      // Among `recent` at once, so a later row about the same child finds this one.
      createdAt[yc.id] = out.line;
      (void)recent.add(personOf(yc));
      createdNow.push_back(yc.id);
      if (options.dryRun) job.created.emplace_back(yc, out.line);
      plan.record = std::move(yc);
      job.planned.push_back(std::move(plan));
      finish(review ? ImportOutcome::needs_review : ImportOutcome::new_record);
    }
  };

  Status undecided;  // a batch that could not be decided (the register could not be read)
  // Before any batch's workers start, the index takes in whatever other instances registered,
  // corrected or merged meanwhile, so that a child they registered during a long import is found
  // like any other. This run's own records are filed by collect, as they are written; their
  // entries in the change log are passed over.
  auto catchUp = [&] {
    try {
      auto tx = store_.begin(false);
      resolver_.catchUp(*tx, [&](Id id) { return writer && writer->created(id); });
      return true;
    } catch (const std::exception& ex) {
      undecided = importFailure(ex);
      return false;
    }
  };
  std::unique_ptr<Batch> current;
  if (total) {
    std::lock_guard lock(resolver_.intakeLock());
    if (catchUp()) current = launch(0);
  }
  for (std::size_t first = 0; current && first < total; first += batch) {
    current->join();
    // Serialises against referral intake in this process.
    std::lock_guard lock(resolver_.intakeLock());
    // The batch decided two before this one goes into the index before the next batch's
    // workers start; this batch's workers saw the one before that, so it leaves `recent`.
    while (inFlight.size() >= 2 && failure) collect();
    if (!failure || !catchUp()) break;
    while (recentBatches.size() > 2) {
      for (Id id : recentBatches.front()) (void)recent.remove(id);
      recentBatches.pop_front();
    }
    std::unique_ptr<Batch> following = current->last < total ? launch(current->last) : nullptr;
    auto job = std::make_shared<WriteJob>();
    job->firstLine = table.records[current->first].line;
    job->lastLine = table.records[current->last - 1].line;
    job->rowsBefore = summary.rows.size();
    job->at = clock_.now();
    try {
      decide(*current, *job);
    } catch (const std::exception& ex) {
      undecided = importFailure(ex);
      summary.rows.resize(job->rowsBefore);
      break;
    }
    if (writer) writer->submit(job);
    inFlight.push_back(std::move(job));
    current = std::move(following);
  }
  if (current) current->join();
  {
    std::lock_guard lock(resolver_.intakeLock());
    while (!inFlight.empty() && failure) collect();
  }
  writer.reset();  // every batch submitted is written or refused by now
  if (failure && !undecided) failure = undecided;
  for (Id id : provisional) resolver_.forget(id);
  if (!failure) {
    auto e = failure.error();
    e.detail += " (lines before " +
                std::to_string(summary.rows.size() < total ? table.records[summary.rows.size()].line : 0) +
                " were imported; re-running the file skips them)";
    return e;
  }
  summary.seconds = std::chrono::duration<double>(Stopwatch::now() - started).count();
  return summary;
}

std::string formatImportReport(const std::vector<ImportReportRow>& rows) {
  std::string out = "line,source_ref,outcome,young_carer_id,matched_score,reason,flagged_fields,may_be\n";
  for (const auto& r : rows) {
    std::string flagged, mayBe;
    for (const auto& f : r.flagged) flagged += (flagged.empty() ? "" : " | ") + f;
    for (Id id : r.mayBe) mayBe += (mayBe.empty() ? "" : " | ") + std::to_string(id);
    out += std::to_string(r.line) + "," + csvField(r.sourceRef) + "," + toString(r.outcome) + "," +
           (r.youngCarerId ? std::to_string(*r.youngCarerId) : "") + "," +
           (r.score ? scoreText(*r.score) : "") + "," + csvField(r.reason) + "," + csvField(flagged) + "," +
           csvField(mayBe) + "\n";
  }
  return out;
}

}  // namespace ycr::services
