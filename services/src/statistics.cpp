#include "ycr/services/statistics.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "ycr/core/text.h"

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
bool before(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) < std::chrono::sys_days(b);
}

std::optional<Date> dateParam(FieldErrors& errors, const std::string& name, const std::string& text) {
  auto d = parseIsoDate(text);
  if (!d) errors.add(name, "invalid_date", name + " must be a date like 2024-04-01");
  return d;
}

// Alphabetical as a reader expects it, whatever the list's capitals, accents and punctuation
// ("St. Albans" before "st Anne's", "Église" before "Elm"); the URN orders schools of the same name.
bool byName(const ListedSchool& a, const ListedSchool& b) {
  return std::make_tuple(text::fold(a.name), a.urn) < std::make_tuple(text::fold(b.name), b.urn);
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
  // Whole months only: periods a day apart would let two answers be subtracted to isolate the children
  // referred on that day (disclosure.h, DIFFERENCING, point 2).
  const Date today = clock_.today();
  std::optional<Date> from = request.from.empty()
                                 ? std::optional(firstOfMonth(addMonths(firstOfMonth(today), -11)))
                                 : dateParam(errors, "from", request.from);
  std::optional<Date> to =
      request.to.empty() ? std::optional(lastOfMonth(today)) : dateParam(errors, "to", request.to);
  if (from && *from != firstOfMonth(*from))
    errors.add("from", "not_month_start",
               "from must be the first day of a month (counts cover whole months)");
  if (to && *to != lastOfMonth(*to))
    errors.add("to", "not_month_end", "to must be the last day of a month (counts cover whole months)");
  if (from && to && before(*to, *from)) errors.add("to", "before_from", "to must not be before from");
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
  if (!errors.empty()) return errors.toError("The statistics request has errors");
  report.from = *from;
  report.to = *to;

  auto tx = store_.begin(true);
  const CountResult result = tx->statistics().count(
      {report.measure, report.by, report.from, report.to, std::max<long long>(settings_.minimumPopulation, 1)});

  CountTable table;
  if (report.by.size() == 2) {
    for (const auto& r : result.rows) {
      if (std::find(table.rowLabels.begin(), table.rowLabels.end(), r.values[0]) == table.rowLabels.end())
        table.rowLabels.push_back(r.values[0]);
      if (std::find(table.colLabels.begin(), table.colLabels.end(), r.values[1]) == table.colLabels.end())
        table.colLabels.push_back(r.values[1]);
    }
    std::sort(table.colLabels.begin(), table.colLabels.end());
    table.cells.assign(table.rowLabels.size(), std::vector<long long>(table.colLabels.size(), 0));
    for (const auto& r : result.rows) {
      auto i =
          std::find(table.rowLabels.begin(), table.rowLabels.end(), r.values[0]) - table.rowLabels.begin();
      auto j =
          std::find(table.colLabels.begin(), table.colLabels.end(), r.values[1]) - table.colLabels.begin();
      table.cells[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = r.count;
    }
  } else if (report.by.size() == 1) {
    table.colLabels = {"count"};
    for (const auto& r : result.rows) {
      table.rowLabels.push_back(r.values[0]);
      table.cells.push_back({r.count});
    }
  } else {
    table.rowLabels = {"total"};
    table.colLabels = {"count"};
    table.cells = {{result.total}};
  }
  const QueryGuard guard{settings_.minimumPopulation};
  const ProtectedTable published = answerCounts(guard, result.population, table, settings_.policy);
  report.withheld = published.withheld;
  report.total = published.grandTotal;
  if (report.by.size() == 1) {
    for (std::size_t i = 0; i < published.rowLabels.size(); ++i)
      report.rows.push_back({{published.rowLabels[i]}, published.cells[i][0]});
  } else if (report.by.size() == 2) {
    for (std::size_t i = 0; i < published.rowLabels.size(); ++i) {
      for (std::size_t j = 0; j < published.colLabels.size(); ++j)
        report.rows.push_back({{published.rowLabels[i], published.colLabels[j]}, published.cells[i][j]});
      report.firstTotals.push_back({{published.rowLabels[i]}, published.rowTotals[i]});
    }
    for (std::size_t j = 0; j < published.colLabels.size(); ++j)
      report.secondTotals.push_back({{published.colLabels[j]}, published.columnTotals[j]});
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

Result<KpiReport> Statistics::kpis(const Principal& who, const std::string& fromText,
                                   const std::string& toText) {
  FieldErrors errors;
  const Date today = clock_.today();
  std::optional<Date> to = toText.empty() ? std::optional(today) : dateParam(errors, "to", toText);
  std::optional<Date> from;
  if (!fromText.empty())
    from = dateParam(errors, "from", fromText);
  else if (to)
    from = addDays(addMonths(*to, -12), 1);
  if (from && to && before(*to, *from)) errors.add("to", "before_from", "to must not be before from");
  if (!errors.empty()) return errors.toError("The indicators request has errors");

  KpiReport report;
  report.policy = settings_.policy;
  report.from = *from;
  report.to = *to;
  const auto& cfg = engine_.config();
  const auto& calendar = engine_.calendar();

  auto tx = store_.begin(true);
  auto& stats = tx->statistics();
  for (const auto& def : indicatorDefinitions()) {
    KpiLine line;
    line.definition = &def;
    const double target = targetFor(def, settings_.targets);
    ShareCount share;
    if (def.id == "referrals_decided_within_1_working_day") {
      // The case's first step after the referral, against the engine's decision due date. A referral
      // still inside its clock and not yet decided is left out until it is decided or overdue.
      for (const auto& d : stats.decisionDays(*from, *to)) {
        const Date due =
            calendar.addWorkingDays(d.received, cfg.decisionWorkingDays, cfg.receiptDayIsDayZero);
        if (d.decided) {
          share.denominator += d.referrals;
          if (!before(due, *d.decided)) share.numerator += d.referrals;
        } else if (before(due, today)) {
          share.denominator += d.referrals;
        }
      }
      line.note = "Decided: the case's first step after the referral (acknowledge, escalate or close)";
    } else if (def.id == "assessments_within_45_working_days") {
      share = stats.assessmentsOnTime(*from, *to);
    } else if (def.id == "young_carers_identified") {
      share.numerator = stats.openCasesAged(*to, 5, 17);
      share.denominator = estimatedYoungCarers(settings_.population5to17, settings_.prevalencePercent);
      if (settings_.population5to17 <= 0)
        line.note = "Set population_5_to_17 (the area's population aged 5-17) to compare with the estimate";
    } else if (def.id == "referrals_from_adult_social_care") {
      share = stats.referralsThroughRoute(*from, *to, OrganisationKind::adult_social_care);
    } else if (def.id == "reviews_on_time") {
      // Reviews fall due reviewIntervalMonths after the plan was agreed or the last review continued
      // support (the engine's schedule_review); a case closed or moved to transition first owes none.
      const int months = cfg.reviewIntervalMonths;
      for (const auto& d : stats.reviewDays(addDays(addMonths(*from, -months), -4), *to)) {
        const Date due = addMonths(d.scheduled, months);
        if (!within(due, *from, *to)) continue;
        if (d.completed) {
          share.denominator += d.reviews;
          if (!before(due, *d.completed)) share.numerator += d.reviews;
        } else if (d.endedWithoutReview && !before(due, *d.endedWithoutReview)) {
          continue;
        } else if (before(due, today)) {
          share.denominator += d.reviews;
        }
      }
    } else if (def.id == "id_cards_for_those_wanting_one") {
      // Active cards at the end of the period among young carers eligible for one (an open case,
      // under the card upper age). Whether a young carer wants a card is not recorded, so every
      // eligible young carer counts.
      share = stats.cardCoverage(*to, settings_.cardUpperAge);
      line.note = "Eligible: an open case and under the card upper age; wanting a card is not recorded";
    } else if (def.id == "wellbeing_improved_at_review") {
      // Completed reviews in the period whose MACA total or PANOC negative score fell since the
      // baseline (ycr::wellbeingImproved, the one definition).
      auto w = tx->assessments().wellbeingImproved(ukStartOfDay(*from), ukStartOfDay(addDays(*to, 1)));
      share.numerator = w.improved;
      share.denominator = w.reviews;
    } else if (def.id == "young_carers_receiving_short_breaks") {
      share.numerator = stats.youngCarersWithShortBreak(*from, *to);
      line.note = "From agreed support plans: a short break in force on a day of the period while the case "
                  "was open; attendance itself is not recorded";
    } else if (def.id == "schools_with_active_champion") {
      // The named champion is the school's active referrer account. The denominator is the area's list
      // of schools (schools_file), else its size alone (schools_total), else the schools on the register.
      if (!settings_.listedSchools.empty()) {
        // Only listed schools count: a champion at a school outside the area (an independent school,
        // a neighbour's) is not progress on the area's list. Schools are matched by URN.
        const auto& listed = settings_.listedSchools;
        const auto identifiers = stats.championSchoolIdentifiers(*to);
        const std::set<std::string> champions(identifiers.begin(), identifiers.end());
        std::vector<ListedSchool> without;
        share.denominator = static_cast<long long>(listed.size());
        for (const auto& school : listed) {
          if (champions.count(school.urn))
            ++share.numerator;
          else
            without.push_back(school);
        }
        std::sort(without.begin(), without.end(), byName);
        line.schoolsWithoutChampion = std::move(without);
        line.note =
            "Champion: an active referrer account at a school on the list, matched by URN; out of the " +
            std::to_string(listed.size()) + " schools in schools_file";
      } else if (settings_.schoolsTotal > 0) {
        share = stats.schoolsWithChampion(*to);
        share.denominator = settings_.schoolsTotal;
        share.numerator = std::min(share.numerator, share.denominator);
        line.note = "Champion: an active referrer account at the school; out of schools_total";
      } else {
        share = stats.schoolsWithChampion(*to);
        line.note =
            "Champion: an active referrer account at the school; out of the schools on the register (set "
            "schools_file or schools_total for the area's list)";
      }
    } else if (def.id == "transition_assessments_16_17") {
      share = stats.transitionCoverage(*to, 16, 17);
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

}  // namespace ycr::services
