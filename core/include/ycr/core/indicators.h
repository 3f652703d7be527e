#pragma once
// The strategy's performance indicators, defined in ONE place, and how each is RAG-rated.
// The indicators come from the local action plans the product was designed from (Leicestershire
// young carers action plan, Halton and Somerset strategies): identify young carers, decide and
// assess on time, "think family" referrals from adult services, a young carer champion in every
// school, ID cards, transition, reviews, short breaks and wellbeing. Default targets are starting
// points only; every target is overridable by configuration (IndicatorTargets, id -> target).
//
// RAG, as the Leicestershire action plan uses it: green "achieved", amber "in progress", red "of
// concern or overdue". Here: green when the value is at or better than the target; amber when it
// misses the target by no more than amberTolerance (inclusive); red beyond. "Better" is above for
// higher_is_better and below for lower_is_better. Values are compared with a tolerance of 1e-9 so
// that 3 of 4 is exactly 75%.
//
// Disclosure: the figures behind an indicator are counts of children, so evaluate() publishes
// them through the disclosure policy before anything else is computed (see Basis):
//  - the value is computed from the PUBLISHED (rounded) numerator and denominator, never from the
//    true ones: a percentage of true counts next to rounded counts would undo the rounding
//    (65% next to "15 of 20" can only be 13 of 20). So with rounding policies the value is
//    approximate, by up to a few points for small denominators;
//  - a suppressed numerator or denominator makes the value n/a (nullopt);
//  - the RAG then comes from what is published: if every true value consistent with the
//    published figures falls in one band, that band is shown (a suppressed handful of young
//    carers identified against an estimate of 2,310 is red against 25% whatever it is);
//    otherwise not_applicable. The RAG therefore never tells more than the published figures do.
//    For a share of children a suppressed numerator or complement hides both (secondary
//    suppression), so a share within a few children of 0% or 100% has no value and no RAG;
//  - a true denominator of 0 gives value n/a and RAG not_applicable.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ycr/core/disclosure.h"
#include "ycr/core/model.h"
#include "ycr/core/result.h"

namespace ycr {

enum class Direction { higher_is_better, lower_is_better };
YCR_ENUM_NAMES(Direction, "higher_is_better", "lower_is_better")

enum class Rag { red, amber, green, not_applicable };
YCR_ENUM_NAMES(Rag, "red", "amber", "green", "not_applicable")

// What the indicator counts, which decides how disclosure control applies.
enum class Basis {
  share_of_children,       // numerator children among denominator children: the numerator and the
                           // complement (denominator - numerator) are protected as one table
  share_of_estimate,       // children against a configured estimate (not a count of anyone): the
                           // numerator is protected, the estimate is published as it is
  share_of_organisations,  // schools and other organisations: facts about organisations, no control
  count_of_children        // a count of children (unit "count"); the denominator is not used
};
YCR_ENUM_NAMES(Basis, "share_of_children", "share_of_estimate", "share_of_organisations", "count_of_children")

struct IndicatorDefinition {
  std::string id;
  std::string title;
  std::string definition;
  std::string numerator;
  std::string denominator;
  Direction direction = Direction::higher_is_better;
  double defaultTarget = 0;
  double amberTolerance = 0;  // how far short of the target is still amber, in the unit
  std::string unit;           // "percent" or "count"
  Basis basis = Basis::share_of_children;
};

// The indicators, in report order. Ids are stable: configuration and the API use them.
const std::vector<IndicatorDefinition>& indicatorDefinitions();
const IndicatorDefinition* findIndicator(std::string_view id);

// A target in stages, as the strategies set them ("40% of secondary schools with a champion by March 2025,
// then 75%, then all"): each stage's figure holds until its last day, and the last stage, which has none,
// from then on. One figure is one stage.
struct TargetStage {
  double target = 0;
  std::optional<Date> until;  // inclusive; none for the last stage
};
using StagedTarget = std::vector<TargetStage>;
// "75", or "40 until 2025-03-31, 75 until 2026-03-31, 100": dated stages in order of their days, then one
// figure without a date. The error names what is wrong; the figures are checked by validateTargets.
Result<StagedTarget> parseStagedTarget(std::string_view text);

// Configured targets, indicator id -> target, overriding the defaults.
using IndicatorTargets = std::map<std::string, StagedTarget>;
// The target of a report whose period ends on `periodEnd`: the first stage whose last day is on or after
// it, else the last stage; the indicator's default when none is configured.
double targetFor(const IndicatorDefinition& indicator, const IndicatorTargets& overrides,
                 const Date& periodEnd);
// Unknown ids and impossible targets (negative; a percent over 100) as field errors.
Status validateTargets(const IndicatorTargets& overrides);

Rag rag(const IndicatorDefinition& indicator, double value, double target);

struct IndicatorValue {
  std::string id;
  std::optional<long long> numerator;    // as published; nullopt = suppressed
  std::optional<long long> denominator;  // as published; nullopt = suppressed or not used (counts)
  std::optional<double> value;           // percent or count from the published figures; nullopt = n/a
  double target = 0;
  Rag rag = Rag::not_applicable;
};

// numerator and denominator are protected counts (disclosure.h; never true ones outside tests of the
// rules), the denominator ignored for count_of_children; a
// numerator above the denominator of a share of children, or a negative count, is a bug in the
// caller: std::invalid_argument.
IndicatorValue evaluate(const IndicatorDefinition& indicator, long long numerator, long long denominator,
                        double target, DisclosurePolicy policy);

// The denominator of "young carers identified": the configured prevalence (percent, e.g. 2.1)
// of the area's configured population aged 5-17, to the nearest whole child.
long long estimatedYoungCarers(long long population5to17, double prevalencePercent);

}  // namespace ycr
