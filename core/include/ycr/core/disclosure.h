#pragma once
// Disclosure control for the figures commissioners see. A commissioner must never be able to work out a
// small number about children, however many questions they ask, so every figure about children leaves
// through one mechanism:
//
// PROTECT ONCE, DERIVE EVERYTHING (services/usecases/src/statistics.cpp, Release; disclosure_noise.h)
//   The base cells are the precomputed counts (storage/src/stats_cube.h): for each measure and each table
//   of it (no dimension, one, or a pair), each group, and each month end, the true number of units from
//   the register's beginning to that month's end (for open cases, the stock on that day). Each base cell
//   gets ONE draw of discrete Gaussian noise N_Z(0, sigma^2), fixed by a secret key made once per register
//   (migration 0015), the cell's identity and its true value. Every published figure is then a function
//   of protected cells only: a period's count is the difference of the protected month ends around it, a
//   monthly breakdown the differences of consecutive ones (so months add up exactly to the period), an
//   open-cases figure the protected stock. The indicators' numerators and denominators are protected the
//   same way from their own cumulative counts (statistics.cpp, protectedShare).
//   GUARANTEE: whatever sequence of questions is asked, by however many accounts, through the JSON, CSV or
//   web reports, the answers are a function of the protected base cells, so they reveal nothing about the
//   true counts beyond those cells (the post-processing property). Each base cell is
//   1/(2 sigma^2)-zero-concentrated differentially private for a change of one unit (Canonne, Kamath and
//   Steinke 2020, Theorem 14); the costs compose over the cells one unit touches (every later month end of
//   each table of its measure). The practical claim, measured by tests/attack: an integer program over
//   every range of months recovers small counts no more often than a guess that never looks at an answer.
//   LIMITS: (a) one state of the register: a cell whose true value changes gets a new draw, so figures of
//   a month still changing are released again as it changes; (b) group labels (which districts, schools,
//   ethnicities occur) come from the register and are not protected; (c) changing the key or sigma
//   publishes everything again with fresh noise, which could be averaged: never on a live register.
//
// The rest of this file is how a protected figure LOOKS: the policies (suppression of small figures,
// rounding), applied to protected values, never to true ones. protect() (secondary suppression with an
// exact audit) is what an indicator's share applies to its protected numerator and complement.
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
// Rounding is to the nearest multiple of 5 (n mod 5 in 0..2 down, 3..4 up: 8->10, 12->10, 13->15).
//
// TABLES WITH TOTALS (protect)
//   Totals are computed from the counts given (protected ones: see above) before any rounding or
//   suppression and are then
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
};

// Applies primary and secondary suppression and rounding (see header comment). A ragged table or
// a negative count is a bug in the caller: std::invalid_argument.
ProtectedTable protect(const CountTable& table, const DisclosureRule& rule);
ProtectedTable protect(const CountTable& table, DisclosurePolicy policy);

}  // namespace ycr
