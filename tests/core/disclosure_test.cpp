#include "ycr/core/disclosure.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

using namespace ycr;

namespace ycr {
// So that failing checks print the published figure.
std::ostream& operator<<(std::ostream& out, const Cell& c) {
  return out << (c.value ? std::to_string(*c.value) : "c") << (c.primary ? " (primary)" : "")
             << (c.secondary ? " (secondary)" : "");
}
}  // namespace ycr

namespace {

constexpr long long kBig = 1'000'000'000'000LL;  // "unbounded" for the attacker's arithmetic

std::string shown(const Cell& c) {
  return c.value ? std::to_string(*c.value) : "c";
}

// The published table as an extended (rows+1) x (cols+1) array, margins last.
std::vector<std::vector<Cell>> extended(const ProtectedTable& t) {
  std::vector<std::vector<Cell>> e;
  for (std::size_t r = 0; r < t.cells.size(); ++r) {
    e.push_back(t.cells[r]);
    e.back().push_back(t.rowTotals[r]);
  }
  e.push_back(t.columnTotals);
  e.back().push_back(t.grandTotal);
  return e;
}

std::vector<std::vector<long long>> extendedTruth(const CountTable& t) {
  const std::size_t rows = t.cells.size(), cols = t.colLabels.size();
  std::vector<std::vector<long long>> e(rows + 1, std::vector<long long>(cols + 1, 0));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      e[r][c] = t.cells[r][c];
      e[r][cols] += t.cells[r][c];
      e[rows][c] += t.cells[r][c];
      e[rows][cols] += t.cells[r][c];
    }
  return e;
}

struct Range {
  long long lo;
  long long hi;
};

// The attacker of the brief: starts from what each published figure says about its true value
// (rounding interval; a suppressed figure is at least the smallest suppressible value) and, for
// every row and column including the margins, narrows each part to total minus the other parts
// and each total to the sum of its parts, until nothing changes.
std::vector<std::vector<Range>> intervalAttack(const ProtectedTable& t, const DisclosureRule& rule) {
  const auto pub = extended(t);
  const std::size_t R = pub.size() - 1, C = pub[0].size() - 1;
  std::vector<std::vector<Range>> x(R + 1, std::vector<Range>(C + 1));
  for (std::size_t r = 0; r <= R; ++r)
    for (std::size_t c = 0; c <= C; ++c) {
      const ValueRange v = consistentValues(pub[r][c], rule);
      x[r][c] = {v.lo, v.hi == ValueRange::unbounded ? kBig : v.hi};
    }
  auto narrowLine = [&](std::vector<Range*> parts, Range* total) {
    bool changed = false;
    long long sumLo = 0, sumHi = 0;
    for (auto* p : parts) sumLo += p->lo, sumHi += p->hi;
    for (auto* p : parts) {
      const long long lo = total->lo - (sumHi - p->hi);
      const long long hi = total->hi - (sumLo - p->lo);
      if (lo > p->lo) p->lo = lo, changed = true;
      if (hi < p->hi) p->hi = hi, changed = true;
    }
    sumLo = 0, sumHi = 0;
    for (auto* p : parts) sumLo += p->lo, sumHi += p->hi;
    if (sumLo > total->lo) total->lo = sumLo, changed = true;
    if (sumHi < total->hi) total->hi = sumHi, changed = true;
    return changed;
  };
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r <= R; ++r) {
      std::vector<Range*> parts;
      for (std::size_t c = 0; c < C; ++c) parts.push_back(&x[r][c]);
      changed |= narrowLine(parts, &x[r][C]);
    }
    for (std::size_t c = 0; c <= C; ++c) {
      std::vector<Range*> parts;
      for (std::size_t r = 0; r < R; ++r) parts.push_back(&x[r][c]);
      changed |= narrowLine(parts, &x[R][c]);
    }
  }
  return x;
}

// The linear attacker: is a suppressed figure a fixed combination of published ones? True when
// its unit vector lies in the row space of the line equations restricted to the unknowns
// (rank test by Gaussian elimination). Exact for exactly published figures (dfe).
bool linearlyDetermined(const ProtectedTable& t, std::size_t targetRow, std::size_t targetCol) {
  const auto pub = extended(t);
  const std::size_t R = pub.size() - 1, C = pub[0].size() - 1;
  std::vector<std::pair<std::size_t, std::size_t>> unknowns;
  for (std::size_t r = 0; r <= R; ++r)
    for (std::size_t c = 0; c <= C; ++c)
      if (pub[r][c].suppressed()) unknowns.emplace_back(r, c);
  auto column = [&](std::size_t r, std::size_t c) {
    return std::find(unknowns.begin(), unknowns.end(), std::make_pair(r, c)) - unknowns.begin();
  };
  std::vector<std::vector<double>> m;
  for (std::size_t r = 0; r <= R; ++r) {  // row r: parts - total = 0
    std::vector<double> eq(unknowns.size(), 0.0);
    for (std::size_t c = 0; c <= C; ++c)
      if (pub[r][c].suppressed()) eq[column(r, c)] = c == C ? -1.0 : 1.0;
    m.push_back(eq);
  }
  for (std::size_t c = 0; c <= C; ++c) {
    std::vector<double> eq(unknowns.size(), 0.0);
    for (std::size_t r = 0; r <= R; ++r)
      if (pub[r][c].suppressed()) eq[column(r, c)] = r == R ? -1.0 : 1.0;
    m.push_back(eq);
  }
  auto rank = [](std::vector<std::vector<double>> a) {
    std::size_t rk = 0;
    const std::size_t n = a.empty() ? 0 : a[0].size();
    for (std::size_t col = 0; col < n && rk < a.size(); ++col) {
      std::size_t pivot = rk;
      for (std::size_t i = rk; i < a.size(); ++i)
        if (std::fabs(a[i][col]) > std::fabs(a[pivot][col])) pivot = i;
      if (std::fabs(a[pivot][col]) < 1e-9) continue;
      std::swap(a[pivot], a[rk]);
      for (std::size_t i = 0; i < a.size(); ++i)
        if (i != rk) {
          const double f = a[i][col] / a[rk][col];
          for (std::size_t j = 0; j < n; ++j) a[i][j] -= f * a[rk][j];
        }
      ++rk;
    }
    return rk;
  };
  const std::size_t before = rank(m);
  std::vector<double> unit(unknowns.size(), 0.0);
  unit[column(targetRow, targetCol)] = 1.0;
  m.push_back(unit);
  return rank(m) == before;
}

CountTable table(std::vector<std::vector<long long>> cells) {
  CountTable t;
  for (std::size_t r = 0; r < cells.size(); ++r) t.rowLabels.push_back("r" + std::to_string(r));
  for (std::size_t c = 0; c < cells.at(0).size(); ++c) t.colLabels.push_back("c" + std::to_string(c));
  t.cells = std::move(cells);
  return t;
}

// Runs both attacks on a protected table and checks everything a commissioner sees.
void assertProtected(const CountTable& truth, const ProtectedTable& published, const DisclosureRule& rule) {
  const auto pub = extended(published);
  const auto real = extendedTruth(truth);
  const auto ranges = intervalAttack(published, rule);
  for (std::size_t r = 0; r < pub.size(); ++r)
    for (std::size_t c = 0; c < pub[r].size(); ++c) {
      const Cell& cell = pub[r][c];
      const long long x = real[r][c];
      BOOST_TEST_CONTEXT("figure (" << r << "," << c << ") true " << x << " published " << shown(cell)) {
        // Every published figure is the policy's figure for the true count.
        if (!cell.suppressed()) BOOST_TEST(cell == publish(x, rule));
        // Everything the policy suppresses is suppressed.
        if (x >= rule.suppressFrom && x <= rule.suppressTo) BOOST_TEST(cell.suppressed());
        // The attack is sound: the truth is always among the values it allows.
        BOOST_TEST(ranges[r][c].lo <= x);
        BOOST_TEST(x <= ranges[r][c].hi);
        if (cell.suppressed()) {
          BOOST_TEST(ranges[r][c].lo < ranges[r][c].hi, "pinned to " << ranges[r][c].lo);
          if (rule.roundingBase == 1) BOOST_TEST(!linearlyDetermined(published, r, c));
        }
      }
    }
}

const DisclosurePolicy kPolicies[] = {DisclosurePolicy::nhs_digital, DisclosurePolicy::dfe,
                                      DisclosurePolicy::ons_10_5};

}  // namespace

BOOST_AUTO_TEST_SUITE(disclosure_test)

BOOST_AUTO_TEST_CASE(each_policy_suppresses_and_rounds_single_counts) {
  struct Row {
    long long count;
    const char* nhs;
    const char* dfe;
    const char* ons;
    const char* dfeAdHoc;
  };
  const Row rows[] = {
      {0, "0", "0", "c", "0"},
      {1, "c", "c", "c", "c"},
      {5, "c", "c", "c", "c"},
      {6, "c", "6", "c", "c"},
      {7, "c", "7", "c", "c"},
      {8, "10", "8", "c", "10"},
      {9, "10", "9", "c", "10"},
      {10, "10", "10", "10", "10"},
      {12, "10", "12", "10", "10"},
      {13, "15", "13", "15", "15"},
      {1000, "1000", "1000", "1000", "1000"},
  };
  for (const auto& row : rows) {
    BOOST_TEST_CONTEXT("count " << row.count) {
      BOOST_TEST(shown(publish(row.count, DisclosurePolicy::nhs_digital)) == row.nhs);
      BOOST_TEST(shown(publish(row.count, DisclosurePolicy::dfe)) == row.dfe);
      BOOST_TEST(shown(publish(row.count, DisclosurePolicy::ons_10_5)) == row.ons);
      const Cell c = publish(row.count, DisclosurePolicy::nhs_digital);
      BOOST_TEST(c.primary == c.suppressed());
      BOOST_TEST(!c.secondary);
    }
  }
}

BOOST_AUTO_TEST_CASE(policies_have_one_spelling_and_nhs_digital_is_the_default) {
  BOOST_TEST(toString(DisclosurePolicy::nhs_digital) == "nhs_digital");
  BOOST_TEST((parseEnum<DisclosurePolicy>("ons_10_5") == DisclosurePolicy::ons_10_5));
  BOOST_TEST((parseEnum<DisclosurePolicy>("dfe") == DisclosurePolicy::dfe));
  BOOST_TEST(!parseEnum<DisclosurePolicy>("DfE").has_value());
  BOOST_TEST(static_cast<int>(DisclosurePolicy{}) == static_cast<int>(DisclosurePolicy::nhs_digital));
}

BOOST_AUTO_TEST_CASE(a_published_figure_tells_the_attacker_a_range) {
  const auto nhs = ruleFor(DisclosurePolicy::nhs_digital);
  const auto ons = ruleFor(DisclosurePolicy::ons_10_5);
  const auto dfe = ruleFor(DisclosurePolicy::dfe);
  BOOST_TEST((consistentValues(publish(0, nhs), nhs) == ValueRange{0, 0}));
  BOOST_TEST((consistentValues(publish(9, nhs), nhs) == ValueRange{8, 12}));
  BOOST_TEST((consistentValues(publish(1000, nhs), nhs) == ValueRange{998, 1002}));
  BOOST_TEST((consistentValues(publish(3, nhs), nhs) == ValueRange{1, ValueRange::unbounded}));
  BOOST_TEST((consistentValues(publish(12, ons), ons) == ValueRange{10, 12}));
  BOOST_TEST((consistentValues(publish(0, ons), ons) == ValueRange{0, ValueRange::unbounded}));
  BOOST_TEST((consistentValues(publish(6, dfe), dfe) == ValueRange{6, 6}));
}

BOOST_AUTO_TEST_CASE(one_dimensional_tables_get_a_second_suppression) {
  struct Case {
    DisclosurePolicy policy;
    std::vector<long long> counts;
    std::vector<std::string> cells;
    std::string total;
  };
  const Case cases[] = {
      // The 3 alone could be worked back from the total: the smallest other count goes too.
      {DisclosurePolicy::dfe, {3, 20, 40, 9}, {"c", "20", "40", "c"}, "72"},
      {DisclosurePolicy::nhs_digital, {3, 20, 40, 9}, {"c", "20", "40", "c"}, "70"},
      // Zeros are never the second suppression: zero is shown, so hiding it would hide nothing.
      {DisclosurePolicy::dfe, {2, 0, 30}, {"c", "0", "c"}, "32"},
      // A small total is itself suppressed, which already protects the one small cell.
      {DisclosurePolicy::dfe, {4, 0, 0}, {"c", "0", "0"}, "c"},
      // Two 1s summing to a published 2 would both be pinned (neither can be 0): a third goes.
      {DisclosurePolicy::dfe, {1, 1, 10}, {"c", "c", "c"}, "12"},
      // ONS suppresses zeros, so a lone small count hides among them with no secondary needed.
      {DisclosurePolicy::ons_10_5, {0, 4, 50, 12}, {"c", "c", "50", "10"}, "65"},
      {DisclosurePolicy::nhs_digital, {0, 0, 0}, {"0", "0", "0"}, "0"},
      {DisclosurePolicy::nhs_digital, {25, 40, 12}, {"25", "40", "10"}, "75"},
  };
  for (const auto& k : cases) {
    CountTable t;
    t.colLabels = {"young carers"};
    for (auto n : k.counts) {
      t.rowLabels.push_back("group");
      t.cells.push_back({n});
    }
    const auto p = protect(t, k.policy);
    BOOST_TEST_CONTEXT(toString(k.policy) << " total " << k.total) {
      std::vector<std::string> cells;
      for (std::size_t r = 0; r < p.cells.size(); ++r) {
        cells.push_back(shown(p.cells[r][0]));
        BOOST_TEST(p.rowTotals[r] == p.cells[r][0]);  // one column: row totals mirror the cells
      }
      BOOST_TEST(cells == k.cells, boost::test_tools::per_element());
      BOOST_TEST(shown(p.columnTotals[0]) == k.total);
      BOOST_TEST(shown(p.grandTotal) == k.total);
      assertProtected(t, p, ruleFor(k.policy));
    }
  }
}

BOOST_AUTO_TEST_CASE(two_dimensional_secondary_suppression_closes_a_rectangle) {
  const auto t = table({{20, 3, 15}, {12, 25, 30}, {18, 22, 9}});
  const auto p = protect(t, DisclosurePolicy::dfe);
  const std::vector<std::vector<std::string>> expected = {
      {"20", "c", "c"}, {"12", "25", "30"}, {"18", "c", "c"}};
  for (std::size_t r = 0; r < 3; ++r) {
    std::vector<std::string> row;
    for (const auto& c : p.cells[r]) row.push_back(shown(c));
    BOOST_TEST(row == expected[r], boost::test_tools::per_element());
  }
  BOOST_TEST(p.cells[0][1].primary);
  BOOST_TEST(p.cells[0][2].secondary);
  BOOST_TEST(p.cells[2][1].secondary);
  BOOST_TEST(p.cells[2][2].secondary);
  BOOST_TEST(shown(p.rowTotals[0]) == "38");
  BOOST_TEST(shown(p.columnTotals[1]) == "50");
  BOOST_TEST(shown(p.grandTotal) == "154");
  assertProtected(t, p, ruleFor(DisclosurePolicy::dfe));
}

BOOST_AUTO_TEST_CASE(a_small_total_is_protected_in_the_margins) {
  // Row 0 totals 4, suppressed; its cells are 4 and 0s. The margin column then has one
  // suppressed total, which must not be recoverable from the grand total.
  const auto t = table({{4, 0, 0}, {30, 12, 40}, {25, 16, 9}});
  const auto p = protect(t, DisclosurePolicy::dfe);
  BOOST_TEST(p.rowTotals[0].suppressed());
  std::size_t suppressedTotals = 0;
  for (const auto& c : p.rowTotals) suppressedTotals += c.suppressed() ? 1 : 0;
  BOOST_TEST((suppressedTotals >= 2 || p.grandTotal.suppressed()));
  assertProtected(t, p, ruleFor(DisclosurePolicy::dfe));
}

BOOST_AUTO_TEST_CASE(two_closed_blocks_joined_by_one_cell_do_not_give_it_away) {
  // Primary suppressions at two 2x2 blocks plus (0,2) joining them: every row and column has two
  // or more suppressions, yet (0,2) = rows 0 and 1 minus columns 0 and 1. The audit must see it.
  const auto t = table({{2, 3, 4, 50, 60}, {5, 2, 70, 80, 40}, {60, 70, 3, 4, 90}, {50, 40, 5, 2, 30}});
  const auto p = protect(t, DisclosurePolicy::dfe);
  std::size_t secondaries = 0;
  for (const auto& row : p.cells)
    for (const auto& c : row) secondaries += c.secondary ? 1 : 0;
  BOOST_TEST(secondaries >= 1);
  BOOST_TEST(!linearlyDetermined(p, 0, 2));
  assertProtected(t, p, ruleFor(DisclosurePolicy::dfe));
}

BOOST_AUTO_TEST_CASE(rounding_alone_can_pin_a_cell_so_rounded_tables_get_secondary_suppression) {
  // 7, 12, 12, 12: true total 43 publishes 45. With only the 7 suppressed the attacker knows it is
  // 1-7, and 43..47 minus three figures of 8..12 gives at least 7: the 7 is exact.
  const auto t = table({{7, 12, 12, 12}});
  const auto nhs = ruleFor(DisclosurePolicy::nhs_digital);
  const auto total = consistentValues(publish(43, nhs), nhs);
  const auto other = consistentValues(publish(12, nhs), nhs);
  const long long lowest = total.lo - 3 * other.hi;
  BOOST_TEST(std::max(lowest, nhs.suppressFrom) == nhs.suppressTo);  // pinned without secondaries
  const auto p = protect(t, DisclosurePolicy::nhs_digital);
  std::size_t suppressedInRow = 0;
  for (const auto& c : p.cells[0]) suppressedInRow += c.suppressed() ? 1 : 0;
  BOOST_TEST(suppressedInRow >= 2);
  assertProtected(t, p, nhs);
}

BOOST_AUTO_TEST_CASE(attack_on_random_tables_never_pins_a_suppressed_figure) {
  std::mt19937 random(20240601);
  std::uniform_int_distribution<int> dims(1, 5);
  std::uniform_int_distribution<long long> small(0, 9), medium(0, 40), large(0, 400);
  std::uniform_int_distribution<int> pick(0, 9);
  for (int n = 0; n < 400; ++n) {
    const int rows = dims(random), cols = dims(random);
    std::vector<std::vector<long long>> cells(rows, std::vector<long long>(cols));
    for (auto& row : cells)
      for (auto& x : row) {
        const int k = pick(random);
        x = k < 5 ? small(random) : k < 8 ? medium(random) : large(random);
      }
    const auto t = table(cells);
    for (auto policy : kPolicies) {
      BOOST_TEST_CONTEXT("table " << n << " (" << rows << "x" << cols << ") " << toString(policy)) {
        assertProtected(t, protect(t, policy), ruleFor(policy));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(large_sparse_tables_keep_every_suppressed_figure_unrecoverable_by_differencing) {
  // The shape of school by district or school by condition: many rows and columns, mostly small counts,
  // so secondary suppression has long chains to close. Every figure is checked by the attackers.
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> pick(0, 9);
  std::uniform_int_distribution<long long> small(0, 8), medium(5, 60);
  auto sparse = [&](std::size_t rows, std::size_t cols) {
    std::vector<std::vector<long long>> cells(rows, std::vector<long long>(cols));
    for (auto& row : cells)
      for (auto& x : row) x = pick(random) < 7 ? small(random) : medium(random);
    return table(cells);
  };
  const auto big = sparse(70, 24);
  for (auto policy : {DisclosurePolicy::nhs_digital, DisclosurePolicy::ons_10_5}) {
    BOOST_TEST_CONTEXT(toString(policy)) {
      const auto published = protect(big, policy);
      assertProtected(big, published, ruleFor(policy));
      long long suppressed = 0;
      for (const auto& row : published.cells)
        for (const auto& c : row) suppressed += c.suppressed() ? 1 : 0;
      BOOST_TEST(suppressed > 500);  // the chains really were long
    }
  }
  // Exact figures (dfe) also face the linear attacker, which is slower: a smaller table.
  const auto exact = sparse(24, 10);
  assertProtected(exact, protect(exact, DisclosurePolicy::dfe), ruleFor(DisclosurePolicy::dfe));
}

BOOST_AUTO_TEST_CASE(tables_of_small_counts_are_protected_exhaustively) {
  // Every 2x2 table of counts 0..7 (the range where suppression decides everything).
  for (long long a = 0; a <= 7; ++a)
    for (long long b = 0; b <= 7; ++b)
      for (long long c = 0; c <= 7; ++c)
        for (long long d = 0; d <= 7; ++d) {
          const auto t = table({{a, b}, {c, d}});
          for (auto policy : kPolicies) {
            BOOST_TEST_CONTEXT(a << " " << b << " / " << c << " " << d << " " << toString(policy)) {
              assertProtected(t, protect(t, policy), ruleFor(policy));
            }
          }
        }
}

BOOST_AUTO_TEST_CASE(malformed_tables_are_caller_bugs) {
  CountTable ragged = table({{1, 2}, {3, 4}});
  ragged.cells[1].pop_back();
  BOOST_CHECK_THROW(protect(ragged, DisclosurePolicy::nhs_digital), std::invalid_argument);
  BOOST_CHECK_THROW(protect(table({{1, -2}}), DisclosurePolicy::nhs_digital), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(the_same_true_count_always_publishes_the_same_figure) {
  const auto t = table({{3, 14, 27}, {8, 0, 41}});
  for (auto policy : kPolicies) {
    const auto first = protect(t, policy);
    for (int i = 0; i < 5; ++i) {
      const auto again = protect(t, policy);
      BOOST_TEST((again.cells == first.cells));
      BOOST_TEST(again.grandTotal == first.grandTotal);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
