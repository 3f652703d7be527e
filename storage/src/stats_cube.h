#pragma once
// Precomputed counts for commissioners, so that a count over a national register reads a few thousand
// summary rows instead of millions of records.
//
// HOW IT STAYS EXACT
//   Every count is a sum over young carers of what each one adds to it. The facts of one young carer
//   that matter (their record's groups, the people they care for, their referrals, the episodes and
//   states of their case, transitions, completed assessments, ID cards) are small, so they are
//   recomputed whole from the records whenever anything of theirs changes: triggers (migration 0007)
//   mark the young carer in stats_pending, and before the writing transaction commits, settle()
//   subtracts what the young carer's previous facts (kept in stats_children) added to stats_cells
//   and adds what the new facts add. Nothing is incremented by hand at the place of a write, so no
//   writer can forget it, and a correction of a record (a changed postcode, a cared-for person added
//   later) moves all of that child's figures at once.
//
// WHAT IS STORED
//   stats_cells(measure, d1, d2, month, v1, v2, n): for every measure, every dimension and every pair
//   of dimensions (d1 < d2; 0 for none), per month, how many units fall in each group. Flows
//   (referrals, first referrals, transitions, assessments, ID cards) count in the month they happened,
//   so a period's count is the sum over its months. Open cases are a stock: an episode adds 1 in the
//   month it opened and -1 in the month it closed, so the open cases at the end of month T are the sum
//   over months up to T; their pathway state is the state at each month's end, stored as segments
//   that add 1 where the state begins and -1 where it ends. Month and quarter are the month key itself.
//   Every figure is also added to its year's row, so a count reads one row per whole year and per
//   remaining month of its period (for open cases: everything up to the period's end).

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sqlite_statement.h"
#include "ycr/core/statistics_repository.h"

namespace ycr::storage {

// A statement of the statistics' own SQL, its failures named as theirs.
class StatsStatement : public SqliteStatement {
 public:
  StatsStatement(sqlite3* db, const std::string& sql) : SqliteStatement(db, sql, "statistics") {}
};

// One thing a young carer adds to the counts.
struct CubeUnit {
  Measure measure = Measure::referrals_received;
  int month = 0;      // when it happened (flows) or began counting (open cases)
  int endMonth = -1;  // open cases: the month it stopped counting; -1 while it still counts
  std::string route;
  std::string ageBand;
  std::string state;  // open cases' pathway-state segments only; empty for the episode itself
  bool operator==(const CubeUnit&) const = default;
};

struct ChildFacts {
  std::string gender, ethnicity, district, school;
  std::string macaBand;  // of the latest completed assessment with a MACA-YC18; empty: not recorded
  // The service owning the child's case; empty: not recorded. None in facts stored before the service
  // was counted (migration 0036): they added nothing to its cells, so taking them away takes none.
  std::optional<std::string> service;
  std::vector<std::pair<std::string, std::string>> care;  // (relationship, condition), distinct, sorted
  std::vector<CubeUnit> units;

  std::string serialise() const;
  static ChildFacts parse(const std::string& text);
  bool operator==(const ChildFacts&) const = default;
};

// Raw records of one young carer, as the cube reads them (exposed for tests of the derivation).
struct ChildRecords {
  struct Referral {
    long long id = 0;
    Date day{};
    std::string route, ageBand;
  };
  struct Event {
    long long id = 0;
    Date day{};  // UK local date
    std::string event, fromState, toState;
  };
  struct Episode {
    long long referralId = 0;  // 0 when none is recorded
    Date opened{};
    std::optional<Date> closed;
  };
  std::string gender, ethnicity, district, school;
  std::string macaBand;  // of the latest completed assessment that recorded one
  std::string service;   // the case's owner_team
  std::vector<std::pair<std::string, std::string>> care;
  std::vector<Referral> referrals;
  std::vector<Event> events;  // by id
  std::vector<Episode> episodes;
  std::vector<Date> cardsIssued;
  std::vector<Date> breaksAttended;  // the first day of each break attended, its register finalised
};

// The counting rules (statistics_repository.h states them in words).
ChildFacts deriveFacts(const ChildRecords& records);

// The records of the young carers marked in stats_pending with ids in [lo, hi] that their facts are derived
// from, into `records` (which holds an entry for each of them); `breaks`: whether migration 0024's activities
// exist yet (stats_cube_records.cpp).
void readChildRecords(sqlite3* db, long long lo, long long hi, std::map<long long, ChildRecords>& records,
                      bool breaks);

// Whether a measure is counted at the end of the period (open cases) rather than over it.
inline bool isStock(Measure m) {
  return m == Measure::open_cases;
}

class StatsCube {
 public:
  explicit StatsCube(sqlite3* db) : db_(db) {}

  // Brings stats_cells up to date for every young carer marked in stats_pending and clears the marks.
  // Must run inside a write transaction (SqliteTransaction::commit calls it). Returns the number of
  // young carers refreshed.
  long long settle();

  // True counts from stats_cells (storage validates nothing: the caller passes a query that
  // supportedDimension() allows).
  CountResult count(const CountQuery& q);

  // StatisticsRepository::cumulative: the true base cells of disclosure control.
  std::vector<CumulativeRow> cumulative(Measure measure, const std::vector<Dimension>& groups,
                                        const std::vector<int>& monthEnds);

 private:
  long long settleRange(long long lo, long long hi);
  sqlite3* db_;
};

}  // namespace ycr::storage
