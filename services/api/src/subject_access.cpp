// Subject access: gathers one young person's whole record through the repositories the case page and
// the audit route use, into one JSON document whose sections are in a fixed order. Every object that
// may carry someone else's details says whether it is for redaction review ("redact") and why.

#include "ycr/services/subject_access.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "subject_access_rows.h"
#include "ycr/core/validation.h"

namespace ycr::services {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;
using namespace subject_access_rows;

Object::Ptr section(const std::string& id, const std::string& title, Array::Ptr items) {
  auto o = obj();
  o->set("id", id);
  o->set("title", title);
  o->set("items", items);
  return o;
}

// Every audit row about one record, oldest first, page by page (the trail's pages are newest first).
void auditOf(Transaction& tx, const std::string& type, const std::string& id,
             std::map<std::int64_t, AuditEvent>& out,
             const std::function<bool(const AuditEvent&)>& keep = {}) {
  AuditQuery q;
  q.recordType = type;
  q.recordId = id;
  q.limit = 500;
  for (q.offset = 0;; q.offset += q.limit) {
    auto page = tx.audit().query(q);
    for (auto& e : page.items)
      if (!keep || keep(e)) out.emplace(e.seq, std::move(e));
    if (static_cast<std::int64_t>(q.offset + q.limit) >= page.total || page.items.empty()) break;
  }
}

// What the document is, who made it and when, whose record it was asked for and whose it is.
Object::Ptr documentHead(const Principal& who, Timestamp now, Id requested, Id subject) {
  auto doc = obj();
  doc->set("format", std::string(kSubjectAccessFormat));
  doc->set("schema_version", kSubjectAccessSchemaVersion);
  doc->set("generated_at", formatIsoTimestamp(now));
  auto by = obj();
  by->set("user_id", who.userId > 0 ? Var(who.userId) : Var());
  by->set("name", who.displayName);
  doc->set("generated_by", by);
  doc->set("requested_young_carer_id", requested);
  doc->set("young_carer_id", subject);
  doc->set("redaction",
           std::string("Objects marked \"redact\": true hold someone else's details or information whose "
                       "release is for the data protection officer to decide; \"redact_reason\" says why. "
                       "Nothing has been removed."));
  return doc;
}

// The audit entry of an export: by whom (the command line has no user), whose record, which format.
AuditEvent exportAudit(const Principal& who, Timestamp now, Id youngCarerId, const std::string& format) {
  auto e = auditEventFor(who, now, "subject_access.export", "young_carer", std::to_string(youngCarerId));
  e.detail = "format " + format;
  if (who.userId <= 0) {
    e.actorUserId.reset();
    e.actorOrganisationId.reset();
    e.detail += " by " + who.displayName;
  }
  return e;
}

}  // namespace

Principal commandLineDataProtection() {
  Principal p;
  p.userId = 0;
  p.username = "command line";
  // Which operating system account ran it, as `ycr import` records.
  const passwd* pw = ::getpwuid(::geteuid());
  p.displayName = std::string("the command line (") + (pw && pw->pw_name ? pw->pw_name : "unknown") + ")";
  p.role = Role::auditor;
  return p;
}

Result<Page<YoungCarer>> SubjectAccess::find(const Principal& who, const std::string& text) {
  if (who.role != Role::auditor)
    return DomainError::forbidden("Only the data protection role searches every record");
  if (validation::trim(text).empty())
    return DomainError::field("q", "required", "Enter a name to search for");
  if (!validation::isValidUtf8(text) || text.size() > 200)
    return DomainError::field("q", "invalid", "Enter a name of up to 200 characters");
  auto tx = store_.begin(false);
  YoungCarerQuery q;
  q.text = text;
  q.limit = 50;
  auto page = tx->youngCarers().search(q);
  auto e = auditEventFor(who, clock_.now(), "young_carer.search", "young_carer", "");
  e.detail = std::to_string(page.items.size()) + " results, every service's records (data protection)";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return page;
}

Result<RecordSummary> SubjectAccess::summary(const Principal& who, Id youngCarerId) {
  if (who.role != Role::auditor)
    return DomainError::forbidden("Only the data protection role reads this page");
  auto tx = store_.begin(false);
  auto y = tx->youngCarers().findById(youngCarerId);
  if (!y) return DomainError::notFound("There is no young carer with that id");
  RecordSummary out{*y, tx->cases().findByYoungCarer(youngCarerId)};
  auto e = auditEventFor(who, clock_.now(), "young_carer.read", "young_carer", std::to_string(youngCarerId));
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

namespace {

// The identity reviews that name the young carer, whatever their status.
std::vector<MatchReview> reviewsNaming(Transaction& tx, Id youngCarerId) {
  MatchReviewQuery q;
  q.status.reset();
  q.youngCarerId = youngCarerId;
  q.limit = 500;
  return tx.matchReviews().list(q).items;
}

}  // namespace

namespace {

// The records a child's export covers.
struct HeldRecords {
  YoungCarer subject;               // the record the child is now held under
  std::vector<YoungCarer> records;  // it, and every record merged into it (and into those)
  std::vector<Merge> merges;        // the merges that did it, undone ones included
  std::set<Id> own;                 // the ids of `records`
};

HeldRecords heldRecords(Transaction& tx, const YoungCarer& requested) {
  HeldRecords h{requested, {}, {}, {}};
  // A merged-away record leads to its survivor.
  for (int hops = 0; h.subject.mergedInto && hops < 20; ++hops) {
    auto next = tx.youngCarers().findById(*h.subject.mergedInto);
    if (!next) break;
    h.subject = *next;
  }
  h.records = {h.subject};
  h.own = {h.subject.id};
  for (std::size_t i = 0; i < h.records.size() && i < 1000; ++i)
    for (auto& m : tx.merges().intoSurvivor(h.records[i].id)) {
      if (!m.undoneAt && !h.own.count(m.absorbedId))
        if (auto absorbed = tx.youngCarers().findById(m.absorbedId)) {
          h.own.insert(absorbed->id);
          h.records.push_back(*absorbed);
        }
      h.merges.push_back(std::move(m));
    }
  return h;
}

}  // namespace

Result<Poco::JSON::Object::Ptr> SubjectAccess::exportRecord(const Principal& who, Id youngCarerId,
                                                            const std::string& format) {
  if (who.role != Role::auditor)
    return DomainError::forbidden(
        "Only the data protection role (auditor) may export a young person's record.");
  auto tx = store_.begin(false);
  auto requested = tx->youngCarers().findById(youngCarerId);
  if (!requested) return DomainError::notFound("There is no young carer with that id");
  auto [subject, records, merges, own] = heldRecords(*tx, *requested);

  Gatherer g(*tx);
  Array::Ptr people = new Array, caredFor = new Array, referrals = new Array, cases = new Array,
             assessments = new Array, plans = new Array, cards = new Array, tasks = new Array,
             reviews = new Array, mergeItems = new Array, audit = new Array, activities = new Array,
             consents = new Array, notices = new Array, cardWishes = new Array, surveys = new Array,
             feedback = new Array;
  std::map<std::int64_t, AuditEvent> trail;
  std::set<Id> reviewIds;
  for (const auto& y : records) {
    people->add(g.youngPerson(y, y.id == subject.id ? "current" : "merged_away"));
    const std::string yid = std::to_string(y.id);
    auditOf(*tx, "young_carer", yid, trail);
    // Listing a young carer's cards is recorded against the card type with the young carer's id.
    auditOf(*tx, "id_card", yid, trail, [](const AuditEvent& e) { return e.action == "id_card.list"; });
    for (const auto& p : tx->youngCarers().caredFor(y.id)) caredFor->add(g.caredFor(p));
    if (auto c = tx->cases().findByYoungCarer(y.id)) {
      cases->add(g.caseRecord(*c));
      const std::string cid = std::to_string(c->id);
      auditOf(*tx, "case", cid, trail);
      for (const auto& r : tx->referrals().listForCase(c->id)) {
        referrals->add(g.referral(r));
        auditOf(*tx, "referral", r.reference, trail);
      }
      auto events = tx->cases().taskEvents(c->id);
      for (const auto& t : tx->cases().tasks(c->id)) {
        tasks->add(g.task(t, events));
        auditOf(*tx, "task", std::to_string(t.id), trail);
      }
      for (const auto& n : tx->notices().forCase(c->id)) notices->add(g.notice(n));
      auto versions = tx->assessments().plans(c->id);
      std::reverse(versions.begin(), versions.end());  // oldest first, like every other section
      for (const auto& p : versions) plans->add(g.plan(p));
    }
    for (const auto& a : tx->assessments().listForYoungCarer(y.id)) {
      assessments->add(g.assessment(a));
      auditOf(*tx, "assessment", std::to_string(a.id), trail);
    }
    for (const auto& [a, p] : tx->activities().forYoungCarer(y.id)) activities->add(g.activityPlace(a, p));
    for (const auto& c : tx->consents().history(y.id)) consents->add(g.consent(c));
    for (const auto& w : tx->idCards().wishes(y.id)) cardWishes->add(g.cardWish(w));
    for (const auto& i : tx->surveys().invitationsFor(y.id)) surveys->add(g.surveyInvitation(i));
    for (const auto& f : tx->feedback().forYoungCarer(y.id)) feedback->add(g.feedback(f));
    auto held = tx->idCards().listForYoungCarer(y.id);
    std::reverse(held.begin(), held.end());
    for (const auto& c : held) {
      cards->add(g.card(c));
      auditOf(*tx, "id_card", c.number, trail);
    }
    for (const auto& m : reviewsNaming(*tx, y.id))
      if (reviewIds.insert(m.id).second) {
        reviews->add(g.identityReview(m, own));
        auditOf(*tx, "match_review", std::to_string(m.id), trail);
      }
  }
  for (const auto& m : merges) {
    mergeItems->add(g.merge(m));
    auditOf(*tx, "merge", std::to_string(m.id), trail);
  }
  for (const auto& [seq, e] : trail) audit->add(g.auditEvent(e));

  const Timestamp now = clock_.now();
  auto doc = documentHead(who, now, youngCarerId, subject.id);
  Array::Ptr sections = new Array;
  sections->add(section("young_person", "The young person's record", people));
  sections->add(section("merges", "Records merged into this one", mergeItems));
  sections->add(section("cared_for", "People cared for", caredFor));
  sections->add(section("referrals", "Referrals", referrals));
  sections->add(section("cases", "Case and its timeline", cases));
  sections->add(section("assessments", "Assessments and their amendments", assessments));
  sections->add(section("support_plans", "Support plans", plans));
  sections->add(section("id_cards", "ID cards", cards));
  sections->add(section("id_card_wishes", "Whether they wanted an ID card", cardWishes));
  sections->add(section("sharing", "What they agreed to share, and with whom", consents));
  sections->add(section("tasks", "Tasks for other services", tasks));
  sections->add(section("notices", "Notices sent to other organisations about the case", notices));
  sections->add(section("activities", "Activities and breaks offered, and attendance", activities));
  sections->add(
      section("surveys", "Surveys sent (the answers are kept apart from the young person)", surveys));
  sections->add(section("feedback", "Compliments and complaints about them", feedback));
  sections->add(section("identity_reviews", "Possible duplicate records reviewed", reviews));
  sections->add(section("audit_trail", "Who viewed and changed the record, and when", audit));
  sections->add(section("staff", "Staff named in this record", g.staff()));
  doc->set("sections", sections);

  // Who exported whose record, and when. Recorded before anything is released.
  if (auto s = appendAudit(store_, std::move(tx), exportAudit(who, now, youngCarerId, format)); !s)
    return s.error();
  return doc;
}

std::string subjectAccessJsonText(const Poco::JSON::Object::Ptr& document) {
  std::ostringstream out;
  document->stringify(out, 2);
  out << "\n";
  return out.str();
}

}  // namespace ycr::services
