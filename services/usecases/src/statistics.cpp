#include "ycr/services/statistics.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

namespace ycr::services {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ",") + i;
  return out;
}

Date firstOfMonth(const Date& d) {
  return d.year() / d.month() / std::chrono::day{1};
}
Date lastOfMonth(const Date& d) {
  return d.year() / d.month() / std::chrono::last;
}

bool within(const Date& d, const Date& from, const Date& to) {
  return std::chrono::sys_days(d) >= std::chrono::sys_days(from) &&
         std::chrono::sys_days(d) <= std::chrono::sys_days(to);
}
std::optional<Date> dateParam(FieldErrors& errors, const std::string& name, const std::string& text) {
  auto d = parseIsoDate(text);
  if (!d) errors.add(name, "invalid_date", name + " must be a date like 2024-04-01");
  return d;
}

AuditEvent statsAudit(const Principal& who, Timestamp at, std::string action, std::string detail) {
  auto e = auditEventFor(who, at, std::move(action), "statistics", "");
  e.detail = std::move(detail);
  return e;
}

}  // namespace

std::string publishedText(const Cell& cell, const std::string& suppressedMarker) {
  return cell.value ? std::to_string(*cell.value) : suppressedMarker;
}

Statistics::Statistics(Store& store, const Clock& clock, const pathways::Engine& engine,
                       StatisticsSettings settings)
    : store_(store), clock_(clock), engine_(engine), settings_(std::move(settings)) {}

namespace {

// The day every cumulative indicator figure counts from: before any register.
const Date kEpoch = std::chrono::year(1900) / std::chrono::January / std::chrono::day(1);

// Whole months only (disclosure.h: the base cells are month ends). Defaults: the 12 months ending with
// this month.
struct Period {
  Date from{};
  Date to{};
};
std::optional<Period> wholeMonths(FieldErrors& errors, const std::string& fromText, const std::string& toText,
                                  const Date& today) {
  std::optional<Date> from = fromText.empty()
                                 ? std::optional(firstOfMonth(addMonths(firstOfMonth(today), -11)))
                                 : dateParam(errors, "from", fromText);
  std::optional<Date> to =
      toText.empty() ? std::optional(lastOfMonth(today)) : dateParam(errors, "to", toText);
  if (from && *from != firstOfMonth(*from))
    errors.add("from", "not_month_start",
               "from must be the first day of a month (figures cover whole months)");
  if (to && *to != lastOfMonth(*to))
    errors.add("to", "not_month_end", "to must be the last day of a month (figures cover whole months)");
  if (from && to && before(*to, *from)) errors.add("to", "before_from", "to must not be before from");
  if (!from || !to || !errors.empty()) return std::nullopt;
  return Period{*from, *to};
}

// Every figure about children leaves through a Release (disclosure.h, PROTECT ONCE, DERIVE EVERYTHING):
// the true cumulative counts at month ends (the base cells) each get their one draw of noise, and every
// published figure is a difference or a value of those protected cells, never of a true count.
class Release {
 public:
  Release(StatisticsRepository& stats, const CellNoise& noise) : stats_(stats), noise_(noise) {}

  // Protected figures of `measure` over months [a, b], grouped by `by` (at most two dimensions, at most one
  // of them month or quarter), keyed by the groups' values in `by`'s order. Groups that have never had a
  // unit are left out; every other group gets a figure, true zeros included.
  std::map<std::vector<std::string>, long long> figures(Measure measure, const std::vector<Dimension>& by,
                                                        int a, int b) const {
    std::vector<Dimension> groups;
    std::optional<Dimension> time;
    for (auto d : by) {
      if (d == Dimension::month || d == Dimension::quarter)
        time = d;
      else
        groups.push_back(d);
    }
    std::sort(groups.begin(), groups.end());  // one table, one identity, whatever order `by` names them in
    const bool stock = measure == Measure::open_cases;
    std::vector<int> ends;
    if (stock) ends = {b};
    if (!stock)
      for (int m = a - 1; m <= b; m = (time || m == b) ? m + 1 : b) ends.push_back(m);
    auto rows = stats_.cumulative(measure, groups, ends);
    if (groups.empty() && rows.empty()) rows.push_back({{}, std::vector<long long>(ends.size(), 0)});

    std::map<std::vector<std::string>, long long> out;
    for (const auto& row : rows) {
      std::vector<long long> noisy(ends.size());
      for (std::size_t e = 0; e < ends.size(); ++e)
        noisy[e] = noise_.protect(cellIdentity(measure, groups, row.values, ends[e]), row.atEnd[e]);
      auto key = [&](const std::string& timeLabel) {
        std::vector<std::string> values;
        for (auto d : by) {
          if (d == Dimension::month || d == Dimension::quarter) {
            values.push_back(timeLabel);
          } else {
            const auto at = std::find(groups.begin(), groups.end(), d) - groups.begin();
            values.push_back(row.values[static_cast<std::size_t>(at)]);
          }
        }
        return values;
      };
      if (stock) {
        out[key("")] = noisy[0];
      } else if (!time) {
        out[key("")] = noisy[1] - noisy[0];
      } else {
        // Month m's cumulative figure is noisy[m - (a - 1)]; a quarter cut by the period counts its part.
        auto at = [&](int month) { return noisy[static_cast<std::size_t>(month - (a - 1))]; };
        for (int m = a; m <= b;) {
          const int last = *time == Dimension::month ? m : std::min(b, m - m % 3 + 2);
          out[key(*time == Dimension::month ? monthLabel(m) : quarterLabel(m))] = at(last) - at(m - 1);
          m = last + 1;
        }
      }
    }
    return out;
  }

  // One protected figure from a true cumulative count (`upTo(T)`: from the beginning to the end of month T):
  // over months [a, b] for a flow, at the end of b for a stock.
  long long flow(const std::string& name, int a, int b, const std::function<long long(int)>& upTo) const {
    return at(name, b, upTo(b)) - at(name, a - 1, upTo(a - 1));
  }
  long long stock(const std::string& name, int b, long long trueValue) const {
    return at(name, b, trueValue);
  }

 private:
  long long at(const std::string& name, int monthEnd, long long trueValue) const {
    return noise_.protect("indicator\x1f" + name + "\x1f" + monthLabel(monthEnd), trueValue);
  }

  static std::string cellIdentity(Measure measure, const std::vector<Dimension>& groups,
                                  const std::vector<std::string>& values, int monthEnd) {
    std::string id = "count\x1f" + std::string(toString(measure));
    for (std::size_t i = 0; i < groups.size(); ++i) {
      id += '\x1f';
      id += toString(groups[i]);
      id += '=';
      id += values[i];
    }
    return id + '\x1f' + monthLabel(monthEnd);
  }

  StatisticsRepository& stats_;
  const CellNoise& noise_;
};

// How a protected figure looks under the policy: never below 0, then suppressed or rounded.
Cell shown(long long protectedValue, const DisclosureRule& rule) {
  return publish(std::max<long long>(protectedValue, 0), rule);
}

}  // namespace

Result<CountsReport> Statistics::counts(const Principal& who, const CountsRequest& request) {
  FieldErrors errors;
  CountsReport report;
  report.policy = settings_.policy;
  if (request.measure.empty()) {
    errors.add("measure", "required", "Choose a measure: " + joined(enumSpellings<Measure>()));
  } else if (auto m = parseEnum<Measure>(request.measure)) {
    report.measure = *m;
  } else {
    errors.add(
        "measure", "invalid_choice",
        "There is no measure called " + request.measure + "; choose " + joined(enumSpellings<Measure>()));
  }
  if (request.by.size() > 2) errors.add("by", "too_many", "Break a count down by at most two dimensions");
  for (const auto& b : request.by) {
    auto d = parseEnum<Dimension>(b);
    if (!d) {
      errors.add("by", "invalid_choice",
                 "There is no dimension called " + b + "; choose " + joined(enumSpellings<Dimension>()));
    } else if (std::find(report.by.begin(), report.by.end(), *d) != report.by.end()) {
      errors.add("by", "duplicate", "Each dimension may be given once");
    } else {
      report.by.push_back(*d);
    }
  }
  const bool twoTimes = std::count_if(report.by.begin(), report.by.end(), [](Dimension d) {
                          return d == Dimension::month || d == Dimension::quarter;
                        }) > 1;
  if (twoTimes) errors.add("by", "two_periods", "Break a count down by month or by quarter, not both");
  const auto period = wholeMonths(errors, request.from, request.to, clock_.today());
  if (!request.measure.empty() && parseEnum<Measure>(request.measure)) {
    for (auto d : report.by)
      if (!dimensionApplies(report.measure, d))
        errors.add("by", "not_applicable",
                   d == Dimension::pathway_state
                       ? "pathway_state breaks down open_cases only (the state at the end of the period)"
                       : std::string(toString(d)) +
                             " breaks down measures counted over the period, not open_cases (counted on its "
                             "last day)");
  }
  if (!errors.empty() || !period) return errors.toError("The statistics request has errors");
  report.from = period->from;
  report.to = period->to;

  auto tx = store_.begin(true);
  if (auto s = enforceAllowance(*tx, who); !s) return s.error();
  auto& stats = tx->statistics();
  const CellNoise noise(stats.noiseKey(), settings_.noiseSigma);
  const Release release(stats, noise);
  const int a = monthIndex(report.from), b = monthIndex(report.to);
  const DisclosureRule rule = ruleFor(settings_.policy);
  const auto totals = release.figures(report.measure, {}, a, b);
  const long long total = totals.empty() ? 0 : totals.begin()->second;
  // The differencing defence of old, kept as a reading aid: a period whose protected total is below the
  // minimum population is withheld whole. It decides on a protected figure, so it tells nothing more.
  report.withheld = total < settings_.minimumPopulation;
  auto publishAll = [&](const std::map<std::vector<std::string>, long long>& figures) {
    std::vector<PublishedRow> rows;
    for (const auto& [values, v] : figures) {
      if (v <= 0) continue;  // published as 0 or not at all: a group with nothing to show is left out
      rows.push_back({values, report.withheld ? Cell{std::nullopt, true, false} : shown(v, rule)});
    }
    return rows;
  };
  report.total = report.withheld ? Cell{std::nullopt, true, false} : shown(total, rule);
  if (!report.by.empty()) report.rows = publishAll(release.figures(report.measure, report.by, a, b));
  if (report.by.size() == 2) {
    report.firstTotals = publishAll(release.figures(report.measure, {report.by[0]}, a, b));
    report.secondTotals = publishAll(release.figures(report.measure, {report.by[1]}, a, b));
  }

  std::vector<std::string> by;
  for (auto d : report.by) by.emplace_back(toString(d));
  auto audit = statsAudit(who, clock_.now(), "stats.counts",
                          "measure=" + std::string(toString(report.measure)) + " by=" + joined(by) +
                              " from=" + formatIsoDate(report.from) + " to=" + formatIsoDate(report.to) +
                              " policy=" + std::string(toString(report.policy)) +
                              (report.withheld ? " withheld" : ""));
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

namespace {

// An indicator's true numerator and denominator from the register's beginning to the end of a month.
using ShareUpTo = std::function<ShareCount(int month)>;

// The protected numerator and denominator of a share over months [a, b] (or at the end of b, for a stock),
// the numerator kept within the denominator so the share reads as one.
ShareCount protectedShare(const Release& release, const std::string& id, int a, int b, const ShareUpTo& upTo,
                          bool stock) {
  std::map<int, ShareCount> cache;
  auto at = [&](int month) -> const ShareCount& {
    auto found = cache.find(month);
    if (found == cache.end()) found = cache.emplace(month, upTo(month)).first;
    return found->second;
  };
  long long numerator = 0, denominator = 0;
  if (stock) {
    numerator = release.stock(id + "\x1fnumerator", b, at(b).numerator);
    denominator = release.stock(id + "\x1f"
                                     "denominator",
                                b, at(b).denominator);
  } else {
    numerator = release.flow(id + "\x1fnumerator", a, b, [&](int m) { return at(m).numerator; });
    denominator = release.flow(id + "\x1f"
                                    "denominator",
                               a, b, [&](int m) { return at(m).denominator; });
  }
  denominator = std::max<long long>(denominator, 0);
  return {std::clamp<long long>(numerator, 0, denominator), denominator};
}

// Referrals received by the end of `month`, against the engine's decision due date: a referral still inside
// its clock and not yet decided is left out until it is decided or overdue.
ShareCount decidedOnTimeUpTo(StatisticsRepository& stats, int month,
                             const pathways::WorkingDayCalendar& calendar, const pathways::PathwayConfig& cfg,
                             const Date& today) {
  ShareCount s;
  for (const auto& d : stats.decisionDays(kEpoch, monthEnd(month))) {
    const Date due = calendar.addWorkingDays(d.received, cfg.decisionWorkingDays, cfg.receiptDayIsDayZero);
    if (d.decided) {
      s.denominator += d.referrals;
      if (!before(due, *d.decided)) s.numerator += d.referrals;
    } else if (before(due, today)) {
      s.denominator += d.referrals;
    }
  }
  return s;
}

// Complaints due an answer by the end of `month`, answered by their due day; one not yet answered counts
// (as late) once its due day has passed.
ShareCount complaintsAnsweredOnTimeUpTo(FeedbackRepository& feedback, int month, const Date& today) {
  ShareCount s;
  for (const auto& c : feedback.complaintsDue(kEpoch, monthEnd(month))) {
    if (c.respondedOn) {
      ++s.denominator;
      if (!before(c.due, *c.respondedOn)) ++s.numerator;
    } else if (before(c.due, today)) {
      ++s.denominator;
    }
  }
  return s;
}

// Reviews falling due by the end of `month`: they fall due intervalMonths after the plan was agreed or the
// last review continued support (the engine's schedule_review); a case closed or moved to transition first
// owes none, and a review not yet done counts once it is overdue.
ShareCount reviewsOnTimeUpTo(StatisticsRepository& stats, int month, int intervalMonths, const Date& today) {
  ShareCount s;
  for (const auto& d : stats.reviewDays(kEpoch, monthEnd(month))) {
    const Date due = addMonths(d.scheduled, intervalMonths);
    if (!within(due, kEpoch, monthEnd(month))) continue;
    if (d.completed) {
      s.denominator += d.reviews;
      if (!before(due, *d.completed)) s.numerator += d.reviews;
    } else if (d.endedWithoutReview && !before(due, *d.endedWithoutReview)) {
      continue;
    } else if (before(due, today)) {
      s.denominator += d.reviews;
    }
  }
  return s;
}

// Tasks for adult social care (not cancelled) due by the end of `month`: on time when first accepted or
// completed on or before the due day, UK local date (completing straight from open counts by the day of
// completion). A task not yet taken up is left out until its due day has passed, and counts as late from
// then.
ShareCount tasksTakenUpOnTimeUpTo(StatisticsRepository& stats, int month, const Date& today) {
  ShareCount s;
  for (const auto& d : stats.adultSocialCareTaskDays(kEpoch, monthEnd(month))) {
    if (d.takenUp) {
      s.denominator += d.tasks;
      if (!before(d.due, *d.takenUp)) s.numerator += d.tasks;
    } else if (before(d.due, today)) {
      s.denominator += d.tasks;
    }
  }
  return s;
}

// The indicators of support beyond breaks (issue 27 item 4), each counting young carers with one type of
// support in their plan in force (StatisticsRepository::supportCoverage).
struct SupportIndicator {
  std::string_view id;
  ServiceType type;
  int minAge;
};
constexpr SupportIndicator kSupportIndicators[] = {
    {"emergency_plans_in_place", ServiceType::emergency_plan, 0},
    {"young_carers_accessing_sport_and_leisure", ServiceType::sport_and_leisure, 0},
    {"young_carers_with_money_advice", ServiceType::money_and_benefits_advice, 0},
    {"personal_budgets_16_plus", ServiceType::personal_budget, kPersonalBudgetMinimumAge},
};
const SupportIndicator* supportIndicator(std::string_view id) {
  for (const auto& s : kSupportIndicators)
    if (s.id == id) return &s;
  return nullptr;
}

// Young carers with the support at the end of month b: a share of those with an open case, or for a count
// the numerator alone.
ShareCount supportShare(StatisticsRepository& stats, const Release& release, const IndicatorDefinition& def,
                        const SupportIndicator& support, int b) {
  auto at = [&](int month) { return stats.supportCoverage(monthEnd(month), support.type, support.minAge); };
  if (def.basis != Basis::count_of_children) return protectedShare(release, def.id, b, b, at, true);
  return {std::max<long long>(0, release.stock(def.id + "\x1fnumerator", b, at(b).numerator)), 0};
}

// Young carers who attended a break in each month of [a, b], on average: counted month by month so that the
// figure is a sum of protected monthly cells like every other.
long long shortBreaksAMonth(StatisticsRepository& stats, const Release& release, const std::string& id, int a,
                            int b) {
  const auto perMonth = stats.youngCarersWithShortBreakByMonth(monthEnd(b));
  const long long childMonths = release.flow(id + "\x1fnumerator", a, b, [&](int month) {
    long long n = 0;
    for (const auto& [m, count] : perMonth)
      if (m <= month) n += count;
    return n;
  });
  return std::llround(static_cast<double>(std::max<long long>(childMonths, 0)) / (b - a + 1));
}

// Answers agreeing with both of young_carers_feel_listened_to's questions, up to each month's end: a
// financial year's answers count at its last day, once it has ended (as the survey's own results; answers
// are kept by financial year only).
ShareUpTo feltListenedTo(StatisticsRepository& stats, int agreeFrom, const Date& today) {
  auto years = stats.surveyAgreement(kListenedToSurvey, kListenedToItem, kRespectedItem, agreeFrom);
  return [years = std::move(years), today](int month) {
    ShareCount s;
    for (const auto& y : years) {
      if (!isFinancialYear(y.financialYear)) continue;
      const Date last = financialYearEnd(y.financialYear);
      if (!before(last, today) || before(monthEnd(month), last)) continue;
      s.numerator += y.agreed;
      s.denominator += y.answered;
    }
    return s;
  };
}

// The flows that are one count of the repository's up to each month's end, for indicator `id`, with the
// report's note on them when they need one; none for the others.
std::optional<ShareUpTo> countedFlow(StatisticsRepository& stats, const std::string& id,
                                     const StatisticsSettings& settings, const Date& today,
                                     std::string& note) {
  if (id == "young_carers_feel_listened_to" && settings.listenedToAgreeFrom) {
    note =
        "Answers are kept by financial year: an ended year's answers count in the period holding its 31 "
        "March";
    return feltListenedTo(stats, *settings.listenedToAgreeFrom, today);
  }
  if (id == "assessments_within_45_working_days")
    return [&stats](int month) { return stats.assessmentsOnTime(kEpoch, monthEnd(month)); };
  if (id == "referrals_from_adult_social_care")
    return [&stats](int month) {
      return stats.referralsThroughRoute(kEpoch, monthEnd(month), OrganisationKind::adult_social_care);
    };
  if (id == "absence_for_caring_reduced")
    return [&stats](int month) { return stats.caringAbsenceReduced(kEpoch, monthEnd(month)); };
  return std::nullopt;
}

}  // namespace

Result<KpiReport> Statistics::kpis(const Principal& who, const std::string& fromText,
                                   const std::string& toText) {
  FieldErrors errors;
  const Date today = clock_.today();
  const auto period = wholeMonths(errors, fromText, toText, today);
  if (!errors.empty() || !period) return errors.toError("The indicators request has errors");

  KpiReport report;
  report.policy = settings_.policy;
  report.from = period->from;
  report.to = period->to;
  const int a = monthIndex(report.from), b = monthIndex(report.to);
  const auto& cfg = engine_.config();
  const auto& calendar = engine_.calendar();

  auto tx = store_.begin(true);
  if (auto s = enforceAllowance(*tx, who); !s) return s.error();
  auto& stats = tx->statistics();
  const CellNoise noise(stats.noiseKey(), settings_.noiseSigma);
  const Release release(stats, noise);
  for (const auto& def : indicatorDefinitions()) {
    KpiLine line;
    line.definition = &def;
    const double target = targetFor(def, settings_.targets, report.to);
    ShareCount share;
    auto flowShare = [&](const ShareUpTo& upTo) {
      return protectedShare(release, def.id, a, b, upTo, false);
    };
    auto stockShare = [&](const ShareUpTo& at) { return protectedShare(release, def.id, a, b, at, true); };
    if (def.id == "referrals_decided_within_1_working_day") {
      // The case's first step after the referral, against the engine's decision due date. A referral
      // still inside its clock and not yet decided is left out until it is decided or overdue.
      share = flowShare([&](int month) { return decidedOnTimeUpTo(stats, month, calendar, cfg, today); });
      line.note = "Decided: the case's first step after the referral (acknowledge, escalate or close)";
    } else if (auto flow = countedFlow(stats, def.id, settings_, today, line.note)) {
      share = flowShare(*flow);
    } else if (def.id == "young_carers_identified") {
      share.numerator = std::max<long long>(
          0, release.stock(def.id + "\x1fnumerator", b, stats.openCasesAged(monthEnd(b), 5, 17)));
      share.denominator = estimatedYoungCarers(settings_.population5to17, settings_.prevalencePercent);
      if (settings_.population5to17 <= 0)
        line.note = "Set population_5_to_17 (the area's population aged 5-17) to compare with the estimate";
    } else if (def.id == "reviews_on_time") {
      share = flowShare(
          [&](int month) { return reviewsOnTimeUpTo(stats, month, cfg.reviewIntervalMonths, today); });
    } else if (def.id == "adult_social_care_tasks_on_time") {
      share = flowShare([&](int month) { return tasksTakenUpOnTimeUpTo(stats, month, today); });
      line.note =
          "Taken up: the task's first acceptance or completion, on a UK day; cancelled tasks left out";
    } else if (def.id == "id_cards_for_those_wanting_one") {
      // Active cards at the end of the period among young carers eligible for one (an open case,
      // under the card upper age) who have not said no to one (their latest answer; not asked counts
      // as wanting one).
      share =
          stockShare([&](int month) { return stats.cardCoverage(monthEnd(month), settings_.cardUpperAge); });
      line.note = "Eligible: an open case and under the card upper age; not asked counts as wanting a card";
    } else if (def.id == "wellbeing_improved_at_review") {
      // Completed reviews in the period whose MACA total or PANOC negative score fell since the
      // baseline (ycr::wellbeingImproved, the one definition).
      share = flowShare([&](int month) {
        auto w = tx->assessments().wellbeingImproved(ukStartOfDay(kEpoch),
                                                     ukStartOfDay(addDays(monthEnd(month), 1)));
        return ShareCount{w.improved, w.reviews};
      });
    } else if (def.id == "young_carers_receiving_short_breaks") {
      share.numerator = shortBreaksAMonth(stats, release, def.id, a, b);
      line.note =
          "Young carers a month on average over the period; a register counts once it is finalised, and "
          "groups and sessions are not breaks";
    } else if (const auto* support = supportIndicator(def.id)) {
      share = supportShare(stats, release, def, *support, b);
      line.note = "From the agreed support plan in force at the period's end, while the case is open";
    } else if (def.id == "complaints_answered_on_time") {
      share =
          flowShare([&](int month) { return complaintsAnsweredOnTimeUpTo(tx->feedback(), month, today); });
      line.note = "A complaint not yet answered counts once its answer is overdue";
    } else if (def.id == "schools_with_active_champion") {
      schoolChampions(stats, report.to, line, share);
    } else if (def.id == "transition_assessments_16_17") {
      share = stockShare([&](int month) { return stats.transitionCoverage(monthEnd(month), 16, 17); });
      line.note = "A completed transition assessment by the period's end, in this or an earlier episode";
    } else {
      line.available = false;
      line.note = "Not computed by this version of the register";
      line.value =
          IndicatorValue{def.id, std::nullopt, std::nullopt, std::nullopt, target, Rag::not_applicable};
      report.indicators.push_back(std::move(line));
      continue;
    }
    line.value = evaluate(def, share.numerator, share.denominator, target, settings_.policy);
    report.indicators.push_back(std::move(line));
  }

  auto audit = statsAudit(who, clock_.now(), "stats.kpis",
                          "from=" + formatIsoDate(report.from) + " to=" + formatIsoDate(report.to) +
                              " policy=" + std::string(toString(report.policy)));
  if (auto s = tx->audit().append(audit); !s) return s.error();
  if (auto s = tx->commit(); !s) return s.error();
  return report;
}

// Every counts request is audited (stats.counts), so the audit log is the ledger: an account over its
// minute's or day's allowance is refused, and the request that reaches the flag threshold of the day is
// marked for auditors (stats.many_requests), once a day. A commissioner reconstructing tables asks hundreds
// of overlapping questions; the noise already makes that futile, and this makes it visible.
Status Statistics::enforceAllowance(Transaction& tx, const Principal& who) {
  const Timestamp now = clock_.now();
  auto asked = [&](std::chrono::seconds window) {
    AuditQuery q;
    q.recordType = "statistics";
    q.actorUserId = who.userId;
    q.from = now - window;
    q.limit = 1;
    return tx.audit().query(q).total;
  };
  const long long minute = settings_.requestsPerMinute > 0 ? asked(std::chrono::seconds(60)) : 0;
  if (settings_.requestsPerMinute > 0 && minute >= settings_.requestsPerMinute)
    return DomainError::throttled("Too many statistics requests this minute (" +
                                  std::to_string(settings_.requestsPerMinute) +
                                  " allowed); try again shortly");
  const bool daily = settings_.requestsPerDay > 0 || settings_.flagAfterRequests > 0;
  const long long day = daily ? asked(std::chrono::seconds(86400)) : 0;
  if (settings_.requestsPerDay > 0 && day >= settings_.requestsPerDay)
    return DomainError::throttled("The day's allowance of statistics requests (" +
                                  std::to_string(settings_.requestsPerDay) +
                                  ") is used up; try again tomorrow");
  if (settings_.flagAfterRequests > 0 && day == settings_.flagAfterRequests) {
    auto flag = statsAudit(who, now, "stats.many_requests",
                           std::to_string(day) +
                               " statistics requests in 24 hours: overlapping questions can be "
                               "an attempt to reconstruct small counts");
    if (auto s = tx.audit().append(flag); !s) return s;
  }
  return {};
}

}  // namespace ycr::services
