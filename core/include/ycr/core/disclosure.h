#pragma once
// Disclosure control for the counts commissioners see. A commissioner must never be able to
// identify a child however they slice the data, so every count about children leaves the system
// through this file: single counts through publish(), tables with totals through protect(), and
// ad hoc queries through answerCounts() (which adds the differencing defence of QueryGuard).
//
// POLICIES (DisclosurePolicy)
//   nhs_digital (default)  0 shown as 0; 1-7 suppressed; everything else rounded to the nearest 5.
//   dfe                    0 shown as 0; 1-5 suppressed (shown as "c"); everything else exact.
//   ons_10_5               0-9 suppressed, INCLUDING 0; everything else rounded to the nearest 5.
//                          ONS lets true structural zeros through, but nothing here can tell a
//                          structural zero from an empty group of children, and a published zero
//                          can itself disclose ("none of the young carers at school X are boys"
//                          tells the gender of every one of them). The safe reading is taken: 0 is
//                          suppressed like 1-9.
// Rounding is to the nearest multiple of 5 (n mod 5 in 0..2 down, 3..4 up: 8->10, 12->10, 13->15);
// it is deterministic, so the same true count always publishes the same figure and there is no
// random noise to average away over repeated queries.
//
// TABLES WITH TOTALS (protect)
//   Totals are computed from the true counts before any rounding or suppression and are then
//   published under the same policy as the cells. The table is treated as an extended
//   (rows+1) x (columns+1) array whose last row and column are the totals; every row and every
//   column of that array, margins included, is a "line" whose parts add up to its total.
//   1. Primary suppression: every figure (cell or total) the policy suppresses.
//   2. Secondary suppression, the line rule: any line with exactly one suppressed figure gets a
//      second one, the smallest non-zero published figure in that line (a cell before a total on
//      a tie, then the first in reading order), repeated across rows and columns until stable.
//      Zeros are never chosen: where the policy shows zeros the attacker knows a suppressed
//      figure is at least 1, so suppressing a zero would not hide it. When the only candidate is
//      a total, the total is suppressed.
//   3. Audit: the line rule alone is not enough, e.g. suppressed cells forming two closed blocks
//      joined by one cell in a shared row let that cell be recovered exactly by adding and
//      subtracting four line totals, and two suppressed cells of 1 in a DfE row totalling 2 are
//      both 1 because neither can be 0. So after the line rule every suppressed figure is
//      audited against an attacker who knows the policy, every published figure, that a
//      suppressed figure lies in [smallest suppressible value, unbounded) and that a published
//      rounded figure r stands for a true value in [r-2, r+2] (within the published range).
//      The table is a flow circulation over its lines and that constraint matrix is totally
//      unimodular, so a suppressed figure has another feasible integer value exactly when a
//      residual cycle through it exists; that test is exact for this attacker (it finds
//      everything linear programming or integer search over the published figures would). A
//      figure with no other feasible value is "pinned": the smallest non-zero published figure
//      in its row or column (or, failing that, in the table) is suppressed and the line rule and
//      audit run again. This ends, at worst with every non-zero figure suppressed, which pins
//      nothing.
//   With the rounding policies (nhs_digital, ons_10_5) secondary suppression is still applied:
//   the true total minus the rounded cells bounds the missing cell, and with enough cells at the
//   edge of their rounding intervals the bound closes to a single value (a row of 7 (suppressed),
//   12, 12, 12 has true total 43, published 45; 45-2 minus 3 x (10+2) = 7, so the 7 is exact).
//   GUARANTEE: every suppressed figure has at least two values consistent with everything
//   published in the same table. LIMITS, stated exactly: (a) no minimum width is guaranteed,
//   a suppressed 1 may be known to be 1 or 2; (b) the attacker is assumed not to invert the
//   choice of secondary cells (knowing that the smallest candidate was taken narrows ranges);
//   (c) only figures of one table are considered: the same counts published in another table
//   with other groupings, or outside knowledge about particular children, are not; (d) the
//   Cell::primary and Cell::secondary flags are for audit and tests and must not be published,
//   the published form of every suppressed figure is the same marker.
//
// DIFFERENCING (QueryGuard, answerCounts)
//   An ad hoc query is answered only when the population its filter selects (date range and other
//   filters, before grouping) is at least QueryGuard::minimumPopulation (default 10); otherwise
//   the whole answer is withheld, not just the small cells. Ad hoc answers are always rounded to
//   base 5: under dfe (whose exact figures could be subtracted exactly: 100 children in one date
//   range and 102 in a slightly longer one reveals a group of 2) they follow the nhs_digital
//   arithmetic, 1-7 suppressed, because with only 1-5 suppressed a published "5" would stand for
//   6 or 7 alone and two answers of "5" a group apart pin the group to 1. Every non-zero published ad
//   hoc figure therefore stands for at least three true values (ons_10_5's "10" for 10-12). What this
//   defends: subtracting two overlapping answers (two date ranges whose difference is a small group) gives
//   the published difference +-4, which never pins a difference of 1..threshold to one value; narrow filters
//   that isolate a handful of children get no answer at all. What it cannot defend: (1) an attacker who knows
//   exact facts about all but one child of a group learns about the last one from any published count; (2) a
//   long sequence of nested queries, each adding one child (e.g. a date range widened a day at a time), shows
//   where a rounded figure steps from one multiple of 5 to the next, and at those steps the true count is
//   known exactly, after which differences are exact; deterministic rounding makes this harder but not
//   impossible, so the counts endpoint should also limit query granularity (whole months) and rate, and audit
//   commissioners' queries; (3) the minimum population check uses the filter's population, so filters that
//   differ by fewer than minimumPopulation children but are each large are still answered (their difference
//   is protected only by rounding, point 2).

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"

namespace ycr {

enum class DisclosurePolicy { nhs_digital, dfe, ons_10_5 };
YCR_ENUM_NAMES(DisclosurePolicy, "nhs_digital", "dfe", "ons_10_5")

// The arithmetic of a policy: values suppressFrom..suppressTo are suppressed, the rest are
// rounded to the nearest multiple of roundingBase (1 = published exactly).
struct DisclosureRule {
  long long suppressFrom = 1;
  long long suppressTo = 7;
  long long roundingBase = 5;
};

DisclosureRule ruleFor(DisclosurePolicy policy);
// The rule for ad hoc (interactive) queries: the policy's rule if it rounds, else nhs_digital's.
DisclosureRule adHocRuleFor(DisclosurePolicy policy);

// A published figure. primary/secondary say why it was suppressed: for audit and tests only,
// never published (see header comment, limit d).
struct Cell {
  std::optional<long long> value;  // nullopt = suppressed
  bool primary = false;
  bool secondary = false;

  bool suppressed() const { return !value.has_value(); }
  bool operator==(const Cell&) const = default;
};

// One count on its own (no totals, so no secondary suppression is needed).
Cell publish(long long trueCount, const DisclosureRule& rule);
Cell publish(long long trueCount, DisclosurePolicy policy);

// The true values an attacker who knows the rule can infer from one published figure: the
// rounding interval of a published value, or [suppressFrom, unbounded) for a suppressed one
// (a suppressed figure may be a secondary suppression of any size).
struct ValueRange {
  static constexpr long long unbounded = -1;
  long long lo = 0;
  long long hi = unbounded;  // inclusive, or unbounded
  bool operator==(const ValueRange&) const = default;
};
ValueRange consistentValues(const Cell& published, const DisclosureRule& rule);

// True counts. One column for a one-dimensional table, several for two dimensions.
struct CountTable {
  std::vector<std::string> rowLabels;
  std::vector<std::string> colLabels;
  std::vector<std::vector<long long>> cells;  // cells[row][column], each >= 0
};

struct ProtectedTable {
  std::vector<std::string> rowLabels;
  std::vector<std::string> colLabels;
  std::vector<std::vector<Cell>> cells;  // cells[row][column]
  std::vector<Cell> rowTotals;           // one per row (mirror cells when there is one column)
  std::vector<Cell> columnTotals;        // one per column
  Cell grandTotal;
  // The query's population was below QueryGuard::minimumPopulation: every figure is suppressed.
  bool withheld = false;
};

// Applies primary and secondary suppression and rounding (see header comment). A ragged table or
// a negative count is a bug in the caller: std::invalid_argument.
ProtectedTable protect(const CountTable& table, const DisclosureRule& rule);
ProtectedTable protect(const CountTable& table, DisclosurePolicy policy);

// Differencing defence for ad hoc queries (see header comment).
struct QueryGuard {
  long long minimumPopulation = 10;

  bool filterAllowed(long long populationUnderFilter) const {
    return populationUnderFilter >= minimumPopulation;
  }
};

// The counts endpoint's one call: withheld when the filter's population is too small, otherwise
// protect() under adHocRuleFor(policy).
ProtectedTable answerCounts(const QueryGuard& guard, long long populationUnderFilter, const CountTable& table,
                            DisclosurePolicy policy);

}  // namespace ycr
