#include "ycr/core/indicators.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "ycr/core/validation.h"

namespace ycr {

namespace {

constexpr double kEpsilon = 1e-9;

// The pathway's and partners' indicators: decisions, assessments, identification, think family, schools,
// cards, transition and reviews.
std::vector<IndicatorDefinition> pathwayDefinitions() {
  using D = Direction;
  using B = Basis;
  return {
      {"referrals_decided_within_1_working_day", "Referrals decided within 1 working day",
       "Referrals received in the period whose next step was decided (and the referrer told) within 1 "
       "working "
       "day of receipt, as Working Together requires",
       "referrals received in the period and decided within 1 working day",
       "referrals received in the period", D::higher_is_better, 95, 10, "percent", B::share_of_children},
      {"assessments_within_45_working_days", "Assessments completed within 45 working days",
       "Young carers' needs assessments completed in the period within 45 working days of the referral "
       "(counted from the referral, not from acceptance)",
       "assessments completed in the period within 45 working days of the referral",
       "assessments completed in the period", D::higher_is_better, 90, 10, "percent", B::share_of_children},
      {"young_carers_identified", "Young carers identified against the prevalence estimate",
       "Young carers aged 5-17 known to the register at the end of the period, against the number the "
       "configured prevalence (default 2.1%) of the configured population aged 5-17 suggests",
       "young carers aged 5-17 on the register with an open case at the end of the period",
       "estimated young carers aged 5-17 in the area (prevalence x population, from configuration)",
       D::higher_is_better, 25, 10, "percent", B::share_of_estimate},
      {"referrals_from_adult_social_care", "Referrals from adult social care (think family)",
       "Share of referrals in the period that came through adult social care, the measure of whole-family "
       "working (the action plan's baseline of referrals from Adults and Communities)",
       "referrals received in the period through adult social care", "referrals received in the period",
       D::higher_is_better, 10, 5, "percent", B::share_of_children},
      {"adult_social_care_tasks_on_time", "Support from adult social care is timely",
       "Tasks left for adult social care at intake (to assess the cared-for adult's needs; to offer a young "
       "adult carer a carer's assessment, Care Act 2014 s10) falling due in the period that adult social "
       "care "
       "accepted or completed by the due day (UK local date); cancelled tasks are left out, and a task not "
       "yet taken up counts once it is overdue",
       "tasks for adult social care due in the period accepted or completed by the due day",
       "tasks for adult social care due in the period, not cancelled", D::higher_is_better, 90, 10, "percent",
       B::share_of_children},
      {"schools_with_active_champion", "Schools with an active young carer champion",
       "Schools with a named young carer champion in post on the period's last day, as the young carers "
       "service keeps them (a champion counts from their first day in post to their last; the action "
       "plan: 40% of secondary schools on the way to 75%)",
       "schools with an active young carer champion (with a list configured, only schools on it, matched "
       "by URN)",
       "schools on the area's list (schools_file), else the configured number (schools_total), else the "
       "schools on the register",
       D::higher_is_better, 75, 35, "percent", B::share_of_organisations},
      {"id_cards_for_those_wanting_one", "Young carers with an ID card",
       "Young carers eligible for an ID card who want one and hold a valid card at the end of the period; "
       "one who has not been asked counts as wanting one, one who said no (their latest answer) does not",
       "eligible young carers wanting a card who hold a valid card", "eligible young carers who want a card",
       D::higher_is_better, 90, 15, "percent", B::share_of_children},
      {"transition_assessments_16_17", "Transition assessments for 16-17 year olds",
       "Young carers aged 16 or 17 at the end of the period who have had a transition assessment "
       "(Care Act 2014 s63)",
       "young carers aged 16-17 with an open case who have had a transition assessment",
       "young carers aged 16-17 with an open case", D::higher_is_better, 80, 15, "percent",
       B::share_of_children},
      {"reviews_on_time", "Reviews completed on time",
       "Support plan reviews due in the period that were completed by their due date",
       "reviews due in the period completed by the due date", "reviews due in the period",
       D::higher_is_better, 90, 10, "percent", B::share_of_children},
  };
}

// Young carers' lives beyond the case record: breaks, support beyond breaks (issue 27) and wellbeing.
std::vector<IndicatorDefinition> lifeDefinitions() {
  using D = Direction;
  using B = Basis;
  return {
      {"young_carers_receiving_short_breaks", "Young carers receiving short breaks",
       "Young carers who attended a short break, trip or residential (a break from caring) on some day of "
       "the period while their case was open, from finalised registers; the target is a number and must be "
       "set locally",
       "young carers who attended a break in the period", "", D::higher_is_better, 100, 20, "count",
       B::count_of_children},
      {"emergency_plans_in_place", "Young carers with an emergency plan",
       "Young carers with an open case at the end of the period whose agreed support plan in force then "
       "has an emergency plan running (what happens if the person they care for is taken ill or they cannot "
       "care: \"carers are supported to plan for emergencies\")",
       "young carers with an open case whose plan in force at the period's end has an emergency plan",
       "young carers with an open case at the end of the period", D::higher_is_better, 75, 25, "percent",
       B::share_of_children},
      {"young_carers_accessing_sport_and_leisure", "Young carers accessing sport and leisure",
       "Young carers with an open case at the end of the period whose agreed support plan in force then has "
       "sport and leisure running (Halton: \"number of young carers access sport/leisure facilities\"); the "
       "target is a number and must be set locally",
       "young carers with sport and leisure in the plan in force at the period's end", "",
       D::higher_is_better, 50, 20, "count", B::count_of_children},
      {"young_carers_with_money_advice", "Young carers with advice on money and benefits",
       "Young carers with an open case at the end of the period whose agreed support plan in force then has "
       "advice on money and benefits running; the target is a number and must be set locally",
       "young carers with money and benefits advice in the plan in force at the period's end", "",
       D::higher_is_better, 25, 10, "count", B::count_of_children},
      {"personal_budgets_16_plus", "Young carers aged 16 or over with a personal budget",
       "Young carers aged 16 or over with an open case at the end of the period whose agreed support plan in "
       "force then has a personal budget running (Leicestershire: \"increase in number of young carers 16+ "
       "accessing personal budgets\"); the target is a number and must be set locally",
       "young carers aged 16 or over with a personal budget in the plan in force at the period's end", "",
       D::higher_is_better, 10, 5, "count", B::count_of_children},
      {"absence_for_caring_reduced", "Young carers missing less school for caring",
       "Terms ending in the period of school-age young carers who missed sessions because of caring in their "
       "first recorded term, where the share of possible sessions missed for caring fell below that first "
       "term's (the strategies' \"% decrease in non-attendance rates due to caring role\", counted in young "
       "carers' terms; a term ends on 31 December, 31 March or 31 August)",
       "terms in the period in which the young carer missed a smaller share of sessions for caring than in "
       "their first recorded term",
       "terms in the period of young carers who missed sessions for caring in their first recorded term",
       D::higher_is_better, 60, 15, "percent", B::share_of_children},
      {"young_carers_feel_listened_to", "Young carers who feel listened to and respected",
       "Answers to the survey \"Being listened to\" (feeling-heard) that agree with both \"The people who "
       "support me listen to me\" and \"I am treated with respect\" (the strategies' \"young carers report "
       "feeling listened to and respected\"). Answers are kept by financial year only, so a year's answers "
       "count in the period holding its last day, 31 March",
       "answers in financial years ending in the period agreeing with both questions",
       "answers in financial years ending in the period to both questions", D::higher_is_better, 80, 15,
       "percent", B::share_of_children},
      {"complaints_answered_on_time", "Complaints answered on time",
       "Answers owed to complaints to the young carers service that fell due in the period, at every stage "
       "of "
       "the Children Act 1989 representations procedure (local resolution, complaint_response_working_days "
       "after receipt, by default 10; investigation and review panel, from the day the complainant asked), "
       "given by the due day (the extended day where more time was given); one not yet given counts once "
       "it is overdue",
       "complaint answers due in the period given by the due day",
       "complaint answers due in the period (given, or overdue)", D::higher_is_better, 90, 10, "percent",
       B::share_of_children},
      {"wellbeing_improved_at_review", "Wellbeing improved at review",
       "Reviews in the period where the MACA-YC18 total went down or the PANOC-YC20 negative score went down "
       "since the previous measure",
       "reviews in the period with MACA total down or PANOC negative down",
       "reviews in the period with both measures taken now and before", D::higher_is_better, 60, 15,
       "percent", B::share_of_children},
  };
}

std::vector<IndicatorDefinition> makeDefinitions() {
  auto all = pathwayDefinitions();
  for (auto& d : lifeDefinitions()) all.push_back(std::move(d));
  return all;
}

bool unbounded(long long hi) {
  return hi == ValueRange::unbounded;
}

// Narrows the parts of parts[0] + parts[1] = total to what the total allows, and the total to
// what the parts allow.
void balance(ValueRange& a, ValueRange& b, ValueRange& total) {
  for (int round = 0; round < 3; ++round) {
    if (!unbounded(total.hi)) {
      a.hi = unbounded(a.hi) ? total.hi - b.lo : std::min(a.hi, total.hi - b.lo);
      b.hi = unbounded(b.hi) ? total.hi - a.lo : std::min(b.hi, total.hi - a.lo);
    }
    if (!unbounded(b.hi)) a.lo = std::max(a.lo, total.lo - b.hi);
    if (!unbounded(a.hi)) b.lo = std::max(b.lo, total.lo - a.hi);
    total.lo = std::max(total.lo, a.lo + b.lo);
    if (!unbounded(a.hi) && !unbounded(b.hi))
      total.hi = unbounded(total.hi) ? a.hi + b.hi : std::min(total.hi, a.hi + b.hi);
  }
}

// The band every value in [lo, hi] falls in, or not_applicable if they span bands.
Rag decisiveRag(const IndicatorDefinition& indicator, double lo, double hi, double target) {
  const Rag low = rag(indicator, lo, target);
  return low == rag(indicator, hi, target) ? low : Rag::not_applicable;
}

double percent(long long numerator, long long denominator) {
  return 100.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
}

}  // namespace

const std::vector<IndicatorDefinition>& indicatorDefinitions() {
  static const std::vector<IndicatorDefinition> definitions = makeDefinitions();
  return definitions;
}

const IndicatorDefinition* findIndicator(std::string_view id) {
  for (const auto& d : indicatorDefinitions())
    if (d.id == id) return &d;
  return nullptr;
}

Result<StagedTarget> parseStagedTarget(std::string_view text) {
  auto bad = [](const std::string& message) {
    return DomainError::field("target", "invalid_target", message);
  };
  StagedTarget stages;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = text.find(',', start);
    const std::string stage = validation::trim(
        std::string(text.substr(start, comma == std::string_view::npos ? text.npos : comma - start)));
    const std::size_t until = stage.find(" until ");
    const std::string figure = validation::trim(stage.substr(0, until));
    TargetStage s;
    const auto [end, ec] = std::from_chars(figure.data(), figure.data() + figure.size(), s.target);
    if (figure.empty() || ec != std::errc() || end != figure.data() + figure.size())
      return bad("'" + stage + "' is not a target: give a number, or a number until a date");
    if (until != std::string::npos) {
      const std::string day = validation::trim(stage.substr(until + 7));
      s.until = parseIsoDate(day);
      if (!s.until) return bad("'" + day + "' is not a date like 2026-03-31");
      if (!stages.empty() && !(*stages.back().until < *s.until))
        return bad("The stages' days must be in order, each after the one before");
    }
    if (!s.until && comma != std::string_view::npos)
      return bad("Only the last stage has no date: give each stage before it as '40 until 2025-03-31'");
    stages.push_back(s);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (stages.back().until)
    return bad(
        "The last stage has no date: it is the target after the dated stages (e.g. '40 until 2025-03-31, "
        "75')");
  return stages;
}

double targetFor(const IndicatorDefinition& indicator, const IndicatorTargets& overrides,
                 const Date& periodEnd) {
  const auto found = overrides.find(indicator.id);
  if (found == overrides.end() || found->second.empty()) return indicator.defaultTarget;
  for (const auto& stage : found->second)
    if (!stage.until || !(*stage.until < periodEnd)) return stage.target;
  return found->second.back().target;
}

Status validateTargets(const IndicatorTargets& overrides) {
  FieldErrors errors;
  for (const auto& [id, stages] : overrides) {
    const IndicatorDefinition* indicator = findIndicator(id);
    const std::string field = "targets." + id;
    if (!indicator) {
      errors.add(field, "unknown_indicator", "There is no indicator called " + id);
      continue;
    }
    for (const auto& [target, until] : stages) {
      if (!std::isfinite(target) || target < 0) {
        errors.add(field, "invalid_target", "A target must be a number of at least 0");
      } else if (indicator->unit == "percent" && target > 100 &&
                 indicator->basis != Basis::share_of_estimate) {
        errors.add(field, "invalid_target", "A percentage target cannot be over 100");
      }
    }
  }
  if (!errors.empty()) return errors.toError("The indicator targets have errors");
  return {};
}

Rag rag(const IndicatorDefinition& indicator, double value, double target) {
  // shortfall: how far the value misses the target, in the indicator's direction.
  const double shortfall =
      indicator.direction == Direction::higher_is_better ? target - value : value - target;
  if (shortfall <= kEpsilon) return Rag::green;
  if (shortfall <= indicator.amberTolerance + kEpsilon) return Rag::amber;
  return Rag::red;
}

IndicatorValue evaluate(const IndicatorDefinition& indicator, long long numerator, long long denominator,
                        double target, DisclosurePolicy policy) {
  if (numerator < 0 || (indicator.basis != Basis::count_of_children && denominator < 0))
    throw std::invalid_argument("evaluate: negative count");
  const DisclosureRule rule = ruleFor(policy);
  IndicatorValue out;
  out.id = indicator.id;
  out.target = target;

  // A single count with no total beside it can only be a primary suppression.
  const ValueRange primaryRange{rule.suppressFrom, rule.suppressTo};

  switch (indicator.basis) {
    case Basis::count_of_children: {
      const Cell n = publish(numerator, rule);
      out.numerator = n.value;
      if (n.value) {
        out.value = static_cast<double>(*n.value);
        out.rag = rag(indicator, *out.value, target);
      } else {
        out.rag = decisiveRag(indicator, static_cast<double>(primaryRange.lo),
                              static_cast<double>(primaryRange.hi), target);
      }
      return out;
    }
    case Basis::share_of_organisations: {
      out.numerator = numerator;
      out.denominator = denominator;
      if (denominator > 0) {
        out.value = percent(numerator, denominator);
        out.rag = rag(indicator, *out.value, target);
      }
      return out;
    }
    case Basis::share_of_estimate: {
      const Cell n = publish(numerator, rule);
      out.numerator = n.value;
      out.denominator = denominator;
      if (denominator <= 0) return out;
      if (n.value) {
        out.value = percent(*n.value, denominator);
        out.rag = rag(indicator, *out.value, target);
      } else {
        out.rag = decisiveRag(indicator, percent(primaryRange.lo, denominator),
                              percent(primaryRange.hi, denominator), target);
      }
      return out;
    }
    case Basis::share_of_children: break;
  }

  if (numerator > denominator) throw std::invalid_argument("evaluate: numerator above denominator");
  // The numerator and its complement are two cells of one table whose total is the denominator,
  // so the complement (e.g. the few referrals NOT decided in time) is protected too.
  const CountTable table{{"numerator", "complement"}, {"count"}, {{numerator}, {denominator - numerator}}};
  const ProtectedTable published = protect(table, rule);
  const Cell& n = published.cells[0][0];
  const Cell& c = published.cells[1][0];
  const Cell& d = published.columnTotals[0];
  out.numerator = n.value;
  out.denominator = d.value;
  if (denominator == 0) return out;
  if (n.value && d.value && *d.value > 0) {
    out.value = percent(*n.value, *d.value);
    out.rag = rag(indicator, *out.value, target);
    return out;
  }
  ValueRange nr = consistentValues(n, rule);
  ValueRange cr = consistentValues(c, rule);
  ValueRange dr = consistentValues(d, rule);
  balance(nr, cr, dr);
  // Smallest share: fewest in the numerator, most in the complement; largest the other way.
  if (unbounded(cr.hi) && unbounded(nr.hi)) return out;
  const double lo = unbounded(cr.hi) ? 0.0 : (nr.lo + cr.hi == 0 ? 0.0 : percent(nr.lo, nr.lo + cr.hi));
  const double hi = unbounded(nr.hi) ? 100.0 : (nr.hi + cr.lo == 0 ? 100.0 : percent(nr.hi, nr.hi + cr.lo));
  out.rag = decisiveRag(indicator, lo, hi, target);
  return out;
}

long long estimatedYoungCarers(long long population5to17, double prevalencePercent) {
  return std::llround(static_cast<double>(population5to17) * prevalencePercent / 100.0);
}

}  // namespace ycr
