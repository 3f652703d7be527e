#include "ycr/core/disclosure.h"

#include <cstddef>
#include <stdexcept>
#include <utility>

namespace ycr {

DisclosureRule ruleFor(DisclosurePolicy policy) {
  switch (policy) {
    case DisclosurePolicy::nhs_digital: return {1, 7, 5};
    case DisclosurePolicy::dfe: return {1, 5, 1};
    case DisclosurePolicy::ons_10_5: return {0, 9, 5};
  }
  return {1, 7, 5};
}

namespace {

bool suppressedByRule(long long x, const DisclosureRule& rule) {
  return x >= rule.suppressFrom && x <= rule.suppressTo;
}

long long rounded(long long x, long long base) {
  return (x + base / 2) / base * base;
}

}  // namespace

Cell publish(long long trueCount, const DisclosureRule& rule) {
  if (suppressedByRule(trueCount, rule)) return Cell{std::nullopt, true, false};
  return Cell{rounded(trueCount, rule.roundingBase), false, false};
}

Cell publish(long long trueCount, DisclosurePolicy policy) {
  return publish(trueCount, ruleFor(policy));
}

ValueRange consistentValues(const Cell& published, const DisclosureRule& rule) {
  if (published.suppressed()) return {rule.suppressFrom, ValueRange::unbounded};
  // Every true value that rounds to the published one and is not itself suppressed.
  const long long r = *published.value;
  const long long half = rule.roundingBase / 2;
  long long lo = r - half < 0 ? 0 : r - half;
  long long hi = r + (rule.roundingBase - 1 - half);
  while (lo <= hi && (suppressedByRule(lo, rule) || rounded(lo, rule.roundingBase) != r)) ++lo;
  while (hi >= lo && (suppressedByRule(hi, rule) || rounded(hi, rule.roundingBase) != r)) --hi;
  return {lo, hi};
}

namespace {

enum class CellStatus { published, primary, secondary };

// The table with its margins: entry (rows, c) is row total, (r, cols) column total,
// (rows, cols) grand total. Every row and column of it is a line whose parts sum to its total.
class Extended {
 public:
  Extended(const CountTable& table, const DisclosureRule& rule) : rule_(rule) {
    rows_ = table.cells.size();
    cols_ = table.colLabels.size();
    if (table.rowLabels.size() != rows_)
      throw std::invalid_argument("protect: row labels do not match cells");
    if (cols_ == 0) throw std::invalid_argument("protect: a table needs at least one column");
    value_.assign((rows_ + 1) * (cols_ + 1), 0);
    for (std::size_t r = 0; r < rows_; ++r) {
      if (table.cells[r].size() != cols_) throw std::invalid_argument("protect: ragged table");
      for (std::size_t c = 0; c < cols_; ++c) {
        const long long x = table.cells[r][c];
        if (x < 0) throw std::invalid_argument("protect: negative count");
        at(r, c) = x;
        at(r, cols_) += x;
        at(rows_, c) += x;
        at(rows_, cols_) += x;
      }
    }
    status_.assign(value_.size(), CellStatus::published);
    for (std::size_t i = 0; i < value_.size(); ++i)
      if (suppressedByRule(value_[i], rule_)) status_[i] = CellStatus::primary;
  }

  void run() {
    for (;;) {
      applyLineRule();
      const auto pinned = firstPinned();
      if (!pinned) return;
      if (!suppressNear(*pinned)) return;  // nothing left to suppress; cannot happen (see header)
    }
  }

  ProtectedTable result(const CountTable& table) const {
    ProtectedTable out;
    out.rowLabels = table.rowLabels;
    out.colLabels = table.colLabels;
    out.cells.resize(rows_);
    for (std::size_t r = 0; r < rows_; ++r) {
      for (std::size_t c = 0; c < cols_; ++c) out.cells[r].push_back(cell(r, c));
      out.rowTotals.push_back(cell(r, cols_));
    }
    for (std::size_t c = 0; c < cols_; ++c) out.columnTotals.push_back(cell(rows_, c));
    out.grandTotal = cell(rows_, cols_);
    return out;
  }

 private:
  std::size_t index(std::size_t r, std::size_t c) const { return r * (cols_ + 1) + c; }
  long long& at(std::size_t r, std::size_t c) { return value_[index(r, c)]; }
  bool suppressed(std::size_t i) const { return status_[i] != CellStatus::published; }
  bool isTotal(std::size_t i) const { return i / (cols_ + 1) == rows_ || i % (cols_ + 1) == cols_; }

  Cell cell(std::size_t r, std::size_t c) const {
    const std::size_t i = index(r, c);
    switch (status_[i]) {
      case CellStatus::primary: return Cell{std::nullopt, true, false};
      case CellStatus::secondary: return Cell{std::nullopt, false, true};
      case CellStatus::published: break;
    }
    return publish(value_[i], rule_);
  }

  // Entries of line k: rows 0..rows_ first, then columns 0..cols_.
  std::vector<std::size_t> line(std::size_t k) const {
    std::vector<std::size_t> out;
    if (k <= rows_) {
      for (std::size_t c = 0; c <= cols_; ++c) out.push_back(index(k, c));
    } else {
      for (std::size_t r = 0; r <= rows_; ++r) out.push_back(index(r, k - rows_ - 1));
    }
    return out;
  }
  std::size_t lineCount() const { return rows_ + 1 + cols_ + 1; }

  // The smallest non-zero published entry among candidates; a cell before a total on a tie.
  std::optional<std::size_t> smallestCandidate(const std::vector<std::size_t>& candidates) const {
    std::optional<std::size_t> best;
    for (std::size_t i : candidates) {
      if (suppressed(i) || value_[i] == 0) continue;
      if (!best || value_[i] < value_[*best] || (value_[i] == value_[*best] && isTotal(*best) && !isTotal(i)))
        best = i;
    }
    return best;
  }

  void applyLineRule() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (std::size_t k = 0; k < lineCount(); ++k) {
        const auto entries = line(k);
        std::size_t count = 0;
        for (std::size_t i : entries) count += suppressed(i) ? 1 : 0;
        if (count != 1) continue;
        if (const auto pick = smallestCandidate(entries)) {
          status_[*pick] = CellStatus::secondary;
          changed = true;
        }
      }
    }
  }

  // The audit. Each entry is an arc of a circulation over the lines (row nodes 0..rows_, column
  // nodes after them): a cell flows row -> column, a row total column-margin -> row, a column total
  // column -> row-margin, the grand total row-margin -> column-margin, so every line balances.
  struct Arc {
    std::size_t from;
    std::size_t to;
    long long flow;
    long long lo;
    long long hi;  // ValueRange::unbounded for none
  };

  Arc arc(std::size_t i) const {
    const std::size_t r = i / (cols_ + 1);
    const std::size_t c = i % (cols_ + 1);
    const std::size_t rowNode = r;
    const std::size_t colNode = rows_ + 1 + c;
    Arc a{};
    if (r == rows_ && c == cols_) {
      a.from = rowNode;
      a.to = colNode;
    } else if (r == rows_ || c == cols_) {
      a.from = colNode;
      a.to = rowNode;
    } else {
      a.from = rowNode;
      a.to = colNode;
    }
    a.flow = value_[i];
    const ValueRange range = suppressed(i) ? ValueRange{rule_.suppressFrom, ValueRange::unbounded}
                                           : consistentValues(cell(r, c), rule_);
    a.lo = range.lo;
    a.hi = range.hi;
    return a;
  }

  // Is there a path from source to target in the residual graph that does not use entry skip?
  // next[n] lists (node, entry) pairs: the residual edges leaving n and the entry each belongs to.
  static bool residualPath(const std::vector<std::vector<std::pair<std::size_t, std::size_t>>>& next,
                           std::size_t skip, std::size_t source, std::size_t target) {
    std::vector<bool> seen(next.size(), false);
    std::vector<std::size_t> stack{source};
    seen[source] = true;
    while (!stack.empty()) {
      const std::size_t n = stack.back();
      stack.pop_back();
      if (n == target) return true;
      for (const auto& [m, entry] : next[n])
        if (entry != skip && !seen[m]) {
          seen[m] = true;
          stack.push_back(m);
        }
    }
    return false;
  }

  // The first suppressed entry, in reading order, with no other feasible value. An entry found to have
  // one keeps it for good: every later suppression (line rule or suppressNear) turns a published
  // figure's rounding interval into the wider [suppressFrom, unbounded), which only adds residual
  // edges, so those entries are not audited again. The result is the same as auditing every entry
  // each time, without the quadratic cost on large tables.
  std::optional<std::size_t> firstPinned() {
    const std::size_t nodes = rows_ + 1 + cols_ + 1;
    std::vector<Arc> arcs;
    arcs.reserve(value_.size());
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> next(nodes);
    for (std::size_t i = 0; i < value_.size(); ++i) {
      arcs.push_back(arc(i));
      const Arc& a = arcs.back();
      if (a.hi == ValueRange::unbounded || a.flow < a.hi) next[a.from].emplace_back(a.to, i);
      if (a.flow > a.lo) next[a.to].emplace_back(a.from, i);
    }
    audited_.resize(value_.size(), false);
    for (std::size_t i = 0; i < value_.size(); ++i) {
      if (!suppressed(i) || audited_[i]) continue;
      const Arc& a = arcs[i];
      const bool canRise = residualPath(next, i, a.to, a.from);
      const bool canFall = a.flow > a.lo && residualPath(next, i, a.from, a.to);
      if (!canRise && !canFall) return i;
      audited_[i] = true;
    }
    return std::nullopt;
  }

  bool suppressNear(std::size_t pinned) {
    std::vector<std::size_t> candidates = line(pinned / (cols_ + 1));
    const auto column = line(rows_ + 1 + pinned % (cols_ + 1));
    candidates.insert(candidates.end(), column.begin(), column.end());
    auto pick = smallestCandidate(candidates);
    if (!pick) {
      std::vector<std::size_t> all(value_.size());
      for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
      pick = smallestCandidate(all);
    }
    if (!pick) return false;
    status_[*pick] = CellStatus::secondary;
    return true;
  }

  DisclosureRule rule_;
  std::size_t rows_ = 0;
  std::size_t cols_ = 0;
  std::vector<long long> value_;
  std::vector<CellStatus> status_;
  std::vector<bool> audited_;  // suppressed entries known to have another feasible value
};

}  // namespace

ProtectedTable protect(const CountTable& table, const DisclosureRule& rule) {
  Extended extended(table, rule);
  extended.run();
  return extended.result(table);
}

ProtectedTable protect(const CountTable& table, DisclosurePolicy policy) {
  return protect(table, ruleFor(policy));
}

}  // namespace ycr
