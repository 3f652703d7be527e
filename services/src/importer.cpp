#include "ycr/services/importer.h"

#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <thread>
#include <unordered_map>

#include "ycr/core/validation.h"

namespace ycr::services {

const char* toString(ImportOutcome outcome) {
  switch (outcome) {
    case ImportOutcome::new_record:
      return "new";
    case ImportOutcome::linked:
      return "linked";
    case ImportOutcome::needs_review:
      return "needs_review";
    case ImportOutcome::rejected:
      return "rejected";
    case ImportOutcome::already_imported:
      return "already_imported";
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
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

Importer::Importer(Store& store, IdentityResolver& resolver, const Clock& clock,
                   matching::NameVariants variants)
    : store_(store), resolver_(resolver), clock_(clock), variants_(std::move(variants)) {}

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
  std::unordered_map<Id, std::size_t> createdAt;         // record created by this run -> its line
  std::vector<Id> provisional;                           // dry run: ids filed in the index

  const std::size_t total = table.records.size();
  const std::size_t batch = options.batchSize == 0 ? 1000 : options.batchSize;
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  // Matching is most of the cost, so it runs ahead, on worker threads, one batch in front: while
  // batch N is decided and written, batch N+1 is matched against the index as it stood before
  // batch N-1's records were filed into it (nothing is filed while those workers run). Each row
  // is then decided in file order on its candidates plus those among the records this run
  // created in the batch before and in its own batch so far (`recent`), scored with the index's
  // model, so the second row about a child always finds the first. Decisions depend on the batch
  // size, never on the number of threads or on timing.
  struct Batch {
    std::size_t first = 0, last = 0;
    std::vector<PreparedImportRow> rows;
    std::vector<std::optional<std::vector<matching::Candidate>>> ahead;
    std::vector<std::thread> workers;
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
    auto next = std::make_shared<std::atomic<std::size_t>>(0);
    Batch* raw = b.get();
    auto work = [this, raw, next, &table, &mapping, &earlier, today] {
      for (std::size_t k; (k = next->fetch_add(1)) < raw->rows.size();) {
        raw->rows[k] = prepareImportRow(table.records[raw->first + k], mapping, today);
        if (raw->rows[k].youngCarer && !earlier.count(raw->rows[k].sourceRef))
          raw->ahead[k] = resolver_.decisionCandidatesFor(*raw->rows[k].youngCarer, 10);
      }
    };
    for (unsigned t = 0; t < threads; ++t) b->workers.emplace_back(work);
    return b;
  };
  matching::MatchIndex recent(variants_);  // records this run created, not yet in `ahead`
  std::vector<Id> createdBefore;  // by the previous batch

  Status failure;
  std::unique_ptr<Batch> current = total ? launch(0) : nullptr;
  for (std::size_t first = 0; first < total && failure.ok(); first += batch) {
    current->join();
    const std::size_t last = current->last;
    std::unique_ptr<Batch> following = last < total ? launch(last) : nullptr;
    // Serialises against referral intake in this process; held until the batch is filed.
    std::lock_guard lock(resolver_.intakeLock());
    auto tx = options.dryRun ? store_.begin(false) : store_.beginBulk();
    const Timestamp now = clock_.now();
    std::vector<YoungCarer> createdThisBatch;
    std::array<std::size_t, kImportOutcomeCount> batchCounts{};
    const std::size_t rowsBefore = summary.rows.size();
    auto& prepared = current->rows;
    auto& ahead = current->ahead;

    auto attempt = [&]() -> Status {
      // Exact identity first, as at referral intake (it sees records other processes wrote),
      // looked up for the whole batch at once; only with a postcode: names and a birthday alone
      // are shared by namesakes. (Two rows of one batch about the same child are found by the
      // matcher, which has the first among `recent` by the time the second is decided.)
      std::vector<std::optional<Id>> exact(prepared.size());
      if (!options.dryRun) {
        std::vector<YoungCarer> lookup;
        std::vector<std::size_t> at;
        for (std::size_t k = 0; k < prepared.size(); ++k)
          if (prepared[k].youngCarer && !prepared[k].youngCarer->postcode.empty() &&
              !earlier.count(prepared[k].sourceRef)) {
            lookup.push_back(*prepared[k].youngCarer);
            at.push_back(k);
          }
        auto found = tx->imports().findExactMany(lookup);
        for (std::size_t j = 0; j < found.size(); ++j) exact[at[j]] = found[j];
      }
      std::vector<ImportedRow> recorded;
      for (std::size_t i = first; i < last; ++i) {
        auto& row = prepared[i - first];
        ImportReportRow out;
        out.line = row.line;
        out.sourceRef = row.sourceRef;
        out.flagged = std::move(row.flagged);
        auto finish = [&](ImportOutcome o) {
          out.outcome = o;
          ++batchCounts[static_cast<std::size_t>(o)];
          summary.rows.push_back(std::move(out));
          if (options.progress) options.progress(i + 1, total);
        };
        if (auto it = earlier.find(row.sourceRef); it != earlier.end()) {
          out.youngCarerId = it->second.youngCarerId;
          out.reason = "imported before (" + it->second.outcome + ", " +
                       formatIsoTimestamp(it->second.importedAt) + ")";
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
          out.reason = row.rejection;
          finish(ImportOutcome::rejected);
          continue;
        }
        YoungCarer yc = std::move(*row.youngCarer);

        std::optional<Id> linkTo;
        std::optional<double> linkScore;
        std::string reason;
        std::vector<matching::Candidate> toReview;
        if (exact[i - first]) {
          linkTo = exact[i - first];
          reason = "same names, date of birth and postcode";
        }
        if (!linkTo) {
          auto candidates =
              ahead[i - first] ? std::move(*ahead[i - first]) : resolver_.decisionCandidatesFor(yc, 10);
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
                if (c.id == id) toReview.push_back(c);
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
          if (!options.dryRun) recorded.push_back({options.source, out.sourceRef, linkTo, "linked", now});
          finish(ImportOutcome::linked);
          continue;
        }

        const bool review = !toReview.empty();
        out.reason = review ? "possible match queued for review: " + reason : reason;
        if (review) {
          std::string with;
          for (const auto& c : toReview)
            with += (with.empty() ? "" : ", ") +
                    (c.id < kProvisionalIds ? "record " + std::to_string(c.id) : std::string("a record")) +
                    sameAsLine(c.id);
          out.reason += " (" + with + ")";
        }
        yc.createdAt = yc.updatedAt = now;
        if (options.dryRun) {
          yc.id = kProvisionalIds + static_cast<Id>(out.line);
          provisional.push_back(yc.id);
        } else {
          auto id = tx->youngCarers().create(yc);
          if (!id) return id.error();
          yc.id = *id;
          out.youngCarerId = yc.id;
          const std::string source = "import " + options.source + " ref " + out.sourceRef;
          if (auto s = queueReviews(*tx, yc.id, toReview, source, now); !s) return s;
          AuditEvent e;
          e.at = now;
          e.action = "young_carer.create";
          e.recordType = "young_carer";
          e.recordId = std::to_string(yc.id);
          e.outcome = "ok";
          e.detail = "import " + options.source + " ref " + out.sourceRef + " line " +
                     std::to_string(out.line) + " by " + options.actor +
                     (review ? "; possible match queued: " + reason : "");
          if (auto s = tx->audit().append(e); !s) return s;
          recorded.push_back({options.source, out.sourceRef, yc.id, review ? "needs_review" : "new", now});
        }
        // Among `recent` at once, so a later row about the same child finds this one.
        createdAt[yc.id] = out.line;
        (void)recent.add(personOf(yc));
        createdThisBatch.push_back(std::move(yc));
        finish(review ? ImportOutcome::needs_review : ImportOutcome::new_record);
      }
      if (options.dryRun) return {};
      IdentityResolver::pruneChangeLog(*tx);
      if (auto s = tx->imports().recordMany(recorded); !s) return s;
      // One event for the batch records what every row came to, links and rejections included.
      AuditEvent e;
      e.at = now;
      e.action = "import.batch";
      e.recordType = "import";
      e.recordId = options.source;
      e.outcome = "ok";
      e.detail = "lines " + std::to_string(table.records[first].line) + "-" +
                 std::to_string(table.records[last - 1].line) + " by " + options.actor + ":";
      for (std::size_t o = 0; o < kImportOutcomeCount; ++o)
        e.detail += std::string(o ? ", " : " ") + std::to_string(batchCounts[o]) + " " +
                    toString(static_cast<ImportOutcome>(o));
      if (auto s = tx->audit().append(e); !s) return s;
      return tx->commit();
    };

    Status s;
    try {
      s = attempt();
    } catch (const std::exception& ex) {
      s = DomainError::unavailable(std::string("The database could not complete the import: ") + ex.what());
    }
    // The next batch's workers read the index: nothing is filed until they are done.
    if (following) following->join();
    if (!s) {
      // Nothing of the batch was kept, and none of it was filed.
      for (const auto& yc : createdThisBatch) createdAt.erase(yc.id);
      summary.rows.resize(rowsBefore);
      failure = s;
      break;
    }
    for (const auto& yc : createdThisBatch) resolver_.filed(yc);
    // The previous batch's records are in the index the next batch was matched against.
    for (Id id : createdBefore) {
      (void)recent.remove(id);
    }
    createdBefore.clear();
    for (const auto& yc : createdThisBatch) createdBefore.push_back(yc.id);
    for (std::size_t o = 0; o < kImportOutcomeCount; ++o) summary.counts[o] += batchCounts[o];
    current = std::move(following);
  }
  if (current) current->join();
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
  std::string out = "line,source_ref,outcome,young_carer_id,matched_score,reason,flagged_fields\n";
  for (const auto& r : rows) {
    std::string flagged;
    for (const auto& f : r.flagged) flagged += (flagged.empty() ? "" : " | ") + f;
    out += std::to_string(r.line) + "," + csvField(r.sourceRef) + "," + toString(r.outcome) + "," +
           (r.youngCarerId ? std::to_string(*r.youngCarerId) : "") + "," +
           (r.score ? scoreText(*r.score) : "") + "," + csvField(r.reason) + "," + csvField(flagged) + "\n";
  }
  return out;
}

Result<LinkageEvaluation> evaluateLinkage(const std::vector<matching::PersonRecord>& records,
                                          const std::vector<std::string>& truth,
                                          const matching::NameVariants& variants) {
  if (records.size() != truth.size()) return DomainError::internal("every record needs its truth label");
  LinkageEvaluation ev;
  ev.records = records.size();
  const auto started = Stopwatch::now();
  matching::MatchIndex index(variants);
  std::vector<matching::PersonRecord> numbered = records;
  for (std::size_t i = 0; i < numbered.size(); ++i) numbered[i].id = static_cast<Id>(i + 1);
  auto resolution =
      matching::resolveRecords(numbered, index, matching::MatchThresholds::forRegister(records.size()));
  ev.seconds = std::chrono::duration<double>(Stopwatch::now() - started).count();
  // Truth labels as numbers; an empty label is a child of its own (nothing known about it).
  std::map<std::string, Id> labels;
  std::vector<Id> truthIds;
  truthIds.reserve(truth.size());
  for (std::size_t i = 0; i < truth.size(); ++i) {
    if (truth[i].empty()) {
      ++ev.withoutTruth;
      truthIds.push_back(-static_cast<Id>(i + 1));
      continue;
    }
    truthIds.push_back(labels.emplace(truth[i], static_cast<Id>(labels.size() + 1)).first->second);
  }
  ev.pairwise = matching::evaluatePairwise(truthIds, resolution.clusterOf);
  ev.counts = resolution.counts;
  return ev;
}

}  // namespace ycr::services
