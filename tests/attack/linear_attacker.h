#pragma once
// The integer program of the attackers of the indicators and survey results (tests/attack): unknown
// non-negative integer counts, and every published figure a constraint on a sum of them. The counts
// attacker (disclosure_attack_test.cpp) is the same program with one unknown a month of one group.
//
// Strict, the attacker who takes every answer at its word: a published figure r says its sum lies in the
// values that publish as r (consistentValues). Elastic, the attacker who knows answers may be noisy: every
// constraint may be missed by a slack, the least total slack is found first, and then only unknowns that fit
// the answers that well are kept (a least-absolute-deviation reconstruction).
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "attack_support.h"

namespace ycr::attack {

// A sum of unknowns: (unknown, coefficient), unknowns numbered from 0.
using Terms = std::vector<std::pair<int, double>>;

inline Terms plus(Terms a, const Terms& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
inline Terms minus(Terms a, const Terms& b) {
  for (const auto& [unknown, coefficient] : b) a.emplace_back(unknown, -coefficient);
  return a;
}

// A target of the attack: a sum of unknowns and its true value.
struct Target {
  Terms sum;
  long long truth = 0;
  std::string label = {};  // what it counts, for the report
};

class LinearAttacker {
 public:
  LinearAttacker(int unknowns, bool elastic) : elastic_(elastic) {
    lp_ = glp_create_prob();
    glp_add_cols(lp_, unknowns);
    for (int j = 1; j <= unknowns; ++j) {
      glp_set_col_bnds(lp_, j, GLP_LO, 0, 0);
      glp_set_col_kind(lp_, j, GLP_IV);
    }
  }
  ~LinearAttacker() { glp_delete_prob(lp_); }
  LinearAttacker(const LinearAttacker&) = delete;
  LinearAttacker& operator=(const LinearAttacker&) = delete;

  bool elastic() const { return elastic_; }
  // The labels of the targets pinned to their true value, exactly.
  const std::vector<std::string>& exactlyPinned() const { return exactlyPinned_; }

  // The sum lies in `range` (hi unbounded: at least lo).
  void learn(const Terms& sum, const ValueRange& range) {
    auto [index, value] = row(sum);
    if (elastic_) {
      const int slack = glp_add_cols(lp_, 2);
      for (int k = 0; k < 2; ++k) {
        glp_set_col_bnds(lp_, slack + k, GLP_LO, 0, 0);
        index.push_back(slack + k);
        value.push_back(k == 0 ? 1 : -1);
        slacks_.push_back(slack + k);
      }
    }
    const int r = glp_add_rows(lp_, 1);
    glp_set_mat_row(lp_, r, static_cast<int>(index.size()) - 1, index.data(), value.data());
    const auto lo = static_cast<double>(range.lo), hi = static_cast<double>(range.hi);
    if (range.hi == ValueRange::unbounded)
      glp_set_row_bnds(lp_, r, GLP_LO, lo, 0);
    else if (range.lo == range.hi)
      glp_set_row_bnds(lp_, r, GLP_FX, lo, 0);
    else
      glp_set_row_bnds(lp_, r, GLP_DB, lo, hi);
  }
  void learn(const Terms& sum, const Cell& published, const DisclosureRule& rule) {
    learn(sum, consistentValues(published, rule));
  }

  // For each target whose truth is in suppressFrom..suppressTo: its least and greatest value under the
  // answers; pinned when they are one value or two adjacent ones inside the small values, exactly when one.
  void attack(const std::vector<Target>& targets, const DisclosureRule& rule, Outcome& out) {
    const long long from = std::max<long long>(rule.suppressFrom, 1);
    std::vector<const Target*> small;
    for (const auto& t : targets)
      if (t.truth >= from && t.truth <= rule.suppressTo) {
        small.push_back(&t);
        ++out.smallValues[t.truth];
      }
    out.smallCells += static_cast<long long>(small.size());
    if (small.empty()) return;
    if (elastic_ && !capped_ && !capSlack()) {
      out.infeasible = true;
      return;
    }
    for (const Target* t : small) {
      const auto lo = minimum(t->sum, 1);
      const auto hi = minimum(t->sum, -1);
      if (!lo || !hi) {
        out.infeasible = true;
        return;
      }
      const long long low = std::llround(*lo), high = -std::llround(*hi);
      if (high - low > 1 || low < 1) continue;
      ++out.pinned;
      if (t->truth >= low && t->truth <= high) ++out.pinnedRight;
      if (low == high) ++out.exact;
      if (low == high && low == t->truth) {
        ++out.exactRight;
        exactlyPinned_.push_back(t->label);
      }
    }
  }

 private:
  std::pair<std::vector<int>, std::vector<double>> row(const Terms& sum) const {
    std::map<int, double> merged;  // GLPK takes each column once a row
    for (const auto& [unknown, coefficient] : sum) merged[unknown + 1] += coefficient;
    std::vector<int> index{0};
    std::vector<double> value{0};
    for (const auto& [column, coefficient] : merged)
      if (coefficient != 0) {
        index.push_back(column);
        value.push_back(coefficient);
      }
    return {index, value};
  }

  // The least total slack, then only the unknowns that fit that well.
  bool capSlack() {
    capped_ = true;
    Terms slack;
    for (int j : slacks_) slack.emplace_back(j - 1, 1);
    const auto best = minimum(slack, 1);
    if (!best) return false;
    auto [index, value] = row(slack);
    const int r = glp_add_rows(lp_, 1);
    glp_set_mat_row(lp_, r, static_cast<int>(index.size()) - 1, index.data(), value.data());
    glp_set_row_bnds(lp_, r, GLP_UP, 0, *best + 1e-6);
    return true;
  }

  // The least value of sign * sum; nullopt when infeasible.
  std::optional<double> minimum(const Terms& sum, double sign) {
    for (int j = 1; j <= glp_get_num_cols(lp_); ++j) glp_set_obj_coef(lp_, j, 0);
    for (const auto& [unknown, coefficient] : sum)
      glp_set_obj_coef(lp_, unknown + 1, glp_get_obj_coef(lp_, unknown + 1) + sign * coefficient);
    glp_set_obj_dir(lp_, GLP_MIN);
    glp_iocp params;
    glp_init_iocp(&params);
    params.presolve = GLP_ON;
    params.msg_lev = GLP_MSG_OFF;
    if (glp_intopt(lp_, &params) != 0 || glp_mip_status(lp_) != GLP_OPT) return std::nullopt;
    return glp_mip_obj_val(lp_);
  }

  bool elastic_;
  bool capped_ = false;
  std::vector<int> slacks_;
  std::vector<std::string> exactlyPinned_;
  glp_prob* lp_ = nullptr;
};

}  // namespace ycr::attack
