// The Register's case lists (on screen and exported) and a case's timeline: audited reads of what
// the rest of register.cpp writes.

#include <chrono>

#include "ycr/services/policy.h"
#include "ycr/services/register.h"

namespace ycr::services {

Result<std::vector<CaseEvent>> Register::timeline(const Principal& who, Id caseId) {
  auto tx = store_.begin(false);
  auto c = tx->cases().findById(caseId);
  if (!c || !policy::canWorkCase(who, *c)) return DomainError::notFound("There is no case with that id");
  auto events = tx->cases().timeline(caseId);
  if (auto s =
          appendAudit(store_, std::move(tx), auditFor(who, "case.timeline", "case", std::to_string(caseId)));
      !s)
    return s.error();
  return events;
}

// One scoping for every list of cases, on screen or exported: staff see their own service's cases.
Page<CaseListItem> Register::scopedCases(Transaction& tx, const Principal& who, CaseQuery query) const {
  query.today = clock_.today();
  query.ownerTeam = who.organisationName;
  auto page = tx.cases().list(query);
  Page<CaseListItem> out;
  out.total = page.total;
  for (auto& c : page.items) {
    CaseListItem item;
    if (auto yc = tx.youngCarers().findById(c.youngCarerId))
      item.youngCarerName =
          (yc->preferredName.empty() ? yc->givenName : yc->preferredName) + " " + yc->familyName;
    item.overdue = pathways::isOpen(c.state) && c.nextActionDue &&
                   std::chrono::sys_days(*c.nextActionDue) < std::chrono::sys_days(query.today);
    item.caseRecord = std::move(c);
    out.items.push_back(std::move(item));
  }
  return out;
}

Result<Page<CaseListItem>> Register::cases(const Principal& who, CaseQuery query) {
  auto tx = store_.begin(false);
  auto out = scopedCases(*tx, who, query);
  auto e = auditFor(who, "case.list", "case", "");
  e.detail = std::to_string(out.items.size()) + " cases";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return out;
}

Result<std::vector<CaseListItem>> Register::exportCases(const Principal& who, CaseQuery query,
                                                        const std::string& listName,
                                                        const std::string& format) {
  query.limit = static_cast<int>(kMaxExportRows) + 1;
  query.offset = 0;
  auto tx = store_.begin(false);
  auto page = scopedCases(*tx, who, query);
  if (page.items.size() > kMaxExportRows)
    return DomainError::field("list", "too_many",
                              "The list has more than " + std::to_string(kMaxExportRows) +
                                  " cases; narrow it (by state or owner) to export it");
  // Which list, in which format, how many rows: never whose.
  auto e = auditFor(who, "case.export", "case", "");
  e.detail = listName + ", " + format + ", " + std::to_string(page.items.size()) + " cases";
  if (auto s = appendAudit(store_, std::move(tx), e); !s) return s.error();
  return std::move(page.items);
}

}  // namespace ycr::services
