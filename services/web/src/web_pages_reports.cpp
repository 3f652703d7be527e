// Commissioners' pages: the indicator report with RAG tags and bar charts, and the count
// explorer with a CSV download. Every figure comes from the Statistics use case, so it has been
// through disclosure control and the query is audited, exactly as through the API.

#include <Poco/URI.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ycr/services/api_statistics.h"
#include "ycr/services/web.h"

namespace ycr::services::web {
namespace {

const Access kReportReaders = Access::only({Role::commissioner, Role::team_manager});
const char* kSuppressedText = "[c]";

std::string ragColour(Rag rag) {
  switch (rag) {
    case Rag::red: return "red";
    case Rag::amber: return "orange";
    case Rag::green: return "green";
    case Rag::not_applicable: return "grey";
  }
  return "grey";
}

std::string ragText(Rag rag) {
  switch (rag) {
    case Rag::red: return "Red";
    case Rag::amber: return "Amber";
    case Rag::green: return "Green";
    case Rag::not_applicable: return "No rating";
  }
  return "No rating";
}

std::string indicatorFigureText(double v, const std::string& unit) {
  char buf[32];
  if (unit == "percent")
    std::snprintf(buf, sizeof buf, "%.1f%%", v);
  else
    std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

// A bar as wide as share (0 to 1) of the track, in 5% steps (CSS classes: no inline style).
std::string bar(double share, const std::string& modifier) {
  int step = static_cast<int>(std::lround(std::clamp(share, 0.0, 1.0) * 20)) * 5;
  return "<span class=\"ycr-bar-chart__bar ycr-w-" + std::to_string(step) +
         (modifier.empty() ? std::string() : " ycr-bar-chart__bar--" + modifier) +
         "\" aria-hidden=\"true\"></span>";
}

// The listed schools without a champion (schools_file), folded away under the indicator so the table
// stays scannable; the commissioner opens it to see where to act.
std::string schoolsWithoutChampion(const KpiLine& line) {
  if (!line.schoolsWithoutChampion || line.schoolsWithoutChampion->empty()) return "";
  const auto& schools = *line.schoolsWithoutChampion;
  std::string h =
      "<details class=\"govuk-details govuk-!-margin-top-2 govuk-!-margin-bottom-0\">\n"
      "<summary class=\"govuk-details__summary\"><span class=\"govuk-details__summary-text\">" +
      std::string(schools.size() == 1 ? "The listed school"
                                      : "The " + std::to_string(schools.size()) + " listed schools") +
      " without a champion</span></summary>\n<div class=\"govuk-details__text\">\n"
      "<ul class=\"govuk-list govuk-body-s\">\n";
  for (const auto& school : schools)
    h += "<li>" + escape(school.name) + " <span class=\"govuk-hint govuk-body-s\">(URN " +
         escape(school.urn) + ")</span></li>\n";
  return h + "</ul>\n</div>\n</details>";
}

// The months a period can start or end in: this month and the 35 before it.
std::vector<Choice> monthChoices(const Date& today, bool end) {
  static const char* names[] = {"January", "February", "March",     "April",   "May",      "June",
                                "July",    "August",   "September", "October", "November", "December"};
  std::vector<Choice> out;
  auto ym = std::chrono::year_month(today.year(), today.month());
  for (int i = 0; i < 36; ++i) {
    auto m = ym - std::chrono::months(i);
    unsigned month = static_cast<unsigned>(m.month());
    char value[48];
    if (end) {
      auto last = std::chrono::year_month_day_last(m.year(), std::chrono::month_day_last(m.month()));
      std::snprintf(value, sizeof value, "%04d-%02u-%02u", static_cast<int>(m.year()), month,
                    static_cast<unsigned>(last.day()));
    } else {
      std::snprintf(value, sizeof value, "%04d-%02u-01", static_cast<int>(m.year()), month);
    }
    out.push_back(
        {value, std::string(names[month - 1]) + " " + std::to_string(static_cast<int>(m.year())), ""});
  }
  return out;
}

std::string periodForm(const std::string& action, const Date& today, const std::string& from,
                       const std::string& to, const PageErrors& errors, const std::string& extraFields) {
  std::string h = "<form method=\"get\" action=\"" + escape(action) + "\" novalidate>\n" + extraFields;
  h += "<div class=\"ycr-button-row\">\n";
  // A period that is not whole months (the indicators' default, 12 months to today) is offered as it is.
  auto withCurrent = [](std::vector<Choice> choices, const std::string& value) {
    bool listed =
        std::any_of(choices.begin(), choices.end(), [&](const Choice& c) { return c.value == value; });
    if (auto d = parseIsoDate(value); !listed && d)
      choices.insert(choices.begin(), {value, humanDate(*d), ""});
    return choices;
  };
  h += select("from", "From", withCurrent(monthChoices(today, false), from), from, errors);
  h += select("to", "To", withCurrent(monthChoices(today, true), to), to, errors);
  h += "</div>\n" + button("Show figures", "secondary") + "\n</form>\n";
  return h;
}

std::vector<Choice> measureChoices() {
  return {
      {"referrals_received", "Referrals received", "Every referral received in the period"},
      {"young_carers_identified", "Young carers identified",
       "Each child once, by their first referral in the period"},
      {"open_cases", "Open cases", "Cases open at the end of the period"},
      {"transitions", "Transitions to adult services", "Cases entering transition in the period"},
      {"assessments_completed", "Needs assessments completed",
       "Each needs assessment completed in the period"},
      {"id_cards_issued", "ID cards issued", "Replacements for lost cards included"},
      {"breaks_attended", "Breaks attended",
       "Places attended at short breaks, trips and residentials starting in the period, once the register "
       "is finalised"}};
}

std::vector<Choice> dimensionChoices(const std::string& none) {
  std::vector<Choice> out = {{"", none, ""}};
  for (const auto& [value, text] : std::vector<std::pair<std::string, std::string>>{
           {"route", "Where the referral came from"},
           {"age_band", "Age band"},
           {"gender", "Gender"},
           {"ethnicity", "Ethnic group"},
           {"district", "District (postcode area)"},
           {"school", "School"},
           {"condition", "Condition of the person cared for"},
           {"relationship", "Relationship to the person cared for"},
           {"maca_band", "Amount of caring (MACA-YC18 band)"},
           {"service", "Young carers service"},
           {"pathway_state", "Stage of support"},
           {"month", "Month"},
           {"quarter", "Quarter"}})
    out.push_back({value, text, ""});
  return out;
}

std::string choiceText(const std::vector<Choice>& choices, const std::string& value) {
  for (const auto& c : choices)
    if (c.value == value) return c.text;
  return value;
}

CountsRequest countsRequestFrom(const WebRequest& req) {
  CountsRequest r;
  r.measure = req.query("measure");
  for (const auto& key : {"by", "then_by"})
    if (auto v = req.query(key); !v.empty()) r.by.push_back(v);
  r.from = req.query("from");
  r.to = req.query("to");
  return r;
}

std::string countsQuery(const WebRequest& req) {
  std::string q;
  for (const auto& key : {"measure", "by", "then_by", "from", "to"}) {
    auto v = req.query(key);
    if (v.empty()) continue;
    std::string encoded;
    Poco::URI::encode(v, "&=+?#/ ", encoded);
    q += (q.empty() ? "?" : "&") + std::string(key) + "=" + encoded;
  }
  return q;
}

// The counts page's questions: what to count and by what, up to two breakdowns.
std::string countsFields(const WebRequest& req, const PageErrors& errors) {
  return radios({.name = "measure",
                 .legend = "What do you want to count?",
                 .choices = measureChoices(),
                 .selected = {req.query("measure")},
                 .small = true},
                errors) +
         "<div class=\"ycr-button-row\">\n" +
         select("by", "Break down by", dimensionChoices("No breakdown"), req.query("by"), errors) +
         select("then_by", "Then by", dimensionChoices("No second breakdown"), req.query("then_by"), errors) +
         "</div>\n";
}

}  // namespace

void addReportPages(WebSite& site, const Clock& clock, Statistics& statistics) {
  site.add({"GET", "/reports/indicators", "web.report.indicators", kReportReaders,
            [&site, &clock, &statistics](WebRequest& req) {
              auto report = statistics.kpis(req.who(), req.query("from"), req.query("to"));
              PageErrors errors;
              if (!report) {
                if (report.error().code != ErrorCode::validation)
                  return site.failurePage(req, report.error());
                errors.addDomain(report.error());
                report = statistics.kpis(req.who(), "", "");
                if (!report) return site.failurePage(req, report.error());
              }
              Page p;
              p.title = "Indicators";
              p.navCurrent = "/reports/indicators";
              p.wide = true;
              p.hasErrors = !errors.empty();
              p.body = errorSummary(errors) +
                       "<h1 class=\"govuk-heading-l\">Indicators</h1>\n<p class=\"govuk-body\">" +
                       escape(humanDate(report->from)) + " to " + escape(humanDate(report->to)) +
                       ". Figures are rounded and small numbers are hidden (" + kSuppressedText +
                       ") to protect children's privacy. Young carers' own views: <a class=\"govuk-link\" "
                       "href=\"/surveys\">survey results</a>.</p>\n";
              p.body += periodForm("/reports/indicators", clock.today(), formatIsoDate(report->from),
                                   formatIsoDate(report->to), errors, "");
              TableSpec t;
              t.caption = "Indicators and their ratings";
              t.headings = {"Indicator", "Figure", "Target", "Rating"};
              t.numeric = {false, true, true, false};
              std::string chart =
                  "<h2 class=\"govuk-heading-m\">Indicators against their targets</h2>\n"
                  "<ul class=\"ycr-bar-chart\">\n";
              for (const auto& line : report->indicators) {
                const auto& def = *line.definition;
                const auto& v = line.value;
                std::string figure;
                if (!line.available)
                  figure = "Not recorded yet";
                else if (v.value)
                  figure = indicatorFigureText(*v.value, def.unit);
                else
                  figure = v.numerator ? "Not available" : std::string(kSuppressedText);
                std::string detail;
                if (line.available && def.unit == "percent" && v.value)
                  detail = "<br><span class=\"govuk-hint govuk-body-s\">" +
                           (v.numerator ? std::to_string(*v.numerator) : std::string(kSuppressedText)) +
                           " of " +
                           (v.denominator ? std::to_string(*v.denominator) : std::string(kSuppressedText)) +
                           "</span>";
                t.rowsHtml.push_back(
                    {"<strong>" + escape(def.title) + "</strong><br><span class=\"govuk-body-s\">" +
                         escape(def.definition) + "</span>" +
                         (line.note.empty()
                              ? ""
                              : "<br><span class=\"govuk-body-s\">" + escape(line.note) + "</span>") +
                         schoolsWithoutChampion(line),
                     escape(figure) + detail, escape(indicatorFigureText(v.target, def.unit)),
                     tag(ragText(line.available ? v.rag : Rag::not_applicable),
                         ragColour(line.available ? v.rag : Rag::not_applicable))});
                if (line.available && v.value && def.unit == "percent") {
                  std::string colour = v.rag == Rag::red     ? "red"
                                       : v.rag == Rag::amber ? "amber"
                                       : v.rag == Rag::green ? "green"
                                                             : "";
                  chart += "<li class=\"ycr-bar-chart__item\"><span>" + escape(def.title) +
                           "</span><span class=\"ycr-bar-chart__track\">" + bar(*v.value / 100.0, colour) +
                           "<span>" + escape(indicatorFigureText(*v.value, def.unit)) + " (target " +
                           escape(indicatorFigureText(v.target, def.unit)) + ", " + escape(ragText(v.rag)) +
                           ")</span></span></li>\n";
                }
              }
              chart += "</ul>\n";
              p.body += table(t) + chart;
              return site.page(req, 200, std::move(p));
            }});

  site.add(
      {"GET", "/reports/counts", "web.report.counts", kReportReaders,
       [&site, &clock, &statistics](WebRequest& req) {
         const Date today = clock.today();
         Page p;
         p.title = "Counts";
         p.navCurrent = "/reports/counts";
         p.wide = true;
         std::string results;
         PageErrors errors;
         std::string from = req.query("from"), to = req.query("to");
         // The default period: the 12 months ending with this one, as the API's.
         if (from.empty()) from = monthChoices(today, false)[11].value;
         if (to.empty()) to = monthChoices(today, true)[0].value;
         if (req.ctx.query.count("measure") || req.ctx.query.count("from")) {
           if (req.query("measure").empty())
             errors.add("measure", "Select what to count");
           else if (!req.query("then_by").empty() && req.query("by").empty())
             errors.add("by", "Select a first breakdown before a second one");
           else if (!req.query("then_by").empty() && req.query("then_by") == req.query("by"))
             errors.add("then_by", "Select a different second breakdown");
           if (errors.empty()) {
             auto report = statistics.counts(req.who(), countsRequestFrom(req));
             if (!report) {
               if (report.error().code != ErrorCode::validation) return site.failurePage(req, report.error());
               errors.addDomain(report.error());
             } else {
               from = formatIsoDate(report->from);
               to = formatIsoDate(report->to);
               std::string measure = choiceText(measureChoices(), req.query("measure"));
               results += "<h2 class=\"govuk-heading-m\">" + escape(measure) + ", " +
                          escape(humanDate(report->from)) + " to " + escape(humanDate(report->to)) +
                          "</h2>\n";
               if (report->withheld) {
                 results += insetText(
                     "These figures are withheld: the selection covers too few children to "
                     "publish any figure safely.");
               } else {
                 TableSpec t;
                 t.caption = "Counts";
                 for (const auto& d : report->by)
                   t.headings.push_back(choiceText(dimensionChoices(""), std::string(toString(d))));
                 t.headings.push_back("Count");
                 t.numeric.assign(report->by.size(), false);
                 t.numeric.push_back(true);
                 long long largest = 1;
                 for (const auto& row : report->rows)
                   if (row.count.value) largest = std::max(largest, *row.count.value);
                 std::string chart = "<ul class=\"ycr-bar-chart\">\n";
                 for (const auto& row : report->rows) {
                   std::vector<std::string> cells;
                   std::string label;
                   for (const auto& v : row.values) {
                     cells.push_back(escape(v.empty() ? "Not recorded" : humanise(v)));
                     label += (label.empty() ? "" : ", ") + (v.empty() ? "Not recorded" : humanise(v));
                   }
                   std::string text = publishedText(row.count, kSuppressedText);
                   cells.push_back(escape(text));
                   t.rowsHtml.push_back(std::move(cells));
                   if (report->by.size() == 1)
                     chart += "<li class=\"ycr-bar-chart__item\"><span>" + escape(label) +
                              "</span><span class=\"ycr-bar-chart__track\">" +
                              bar(row.count.value ? static_cast<double>(*row.count.value) / largest : 0, "") +
                              "<span>" + escape(text) + "</span></span></li>\n";
                 }
                 std::vector<std::string> totalRow(report->by.size(), "");
                 if (!totalRow.empty()) totalRow[0] = "<strong>Total</strong>";
                 totalRow.push_back("<strong>" + escape(publishedText(report->total, kSuppressedText)) +
                                    "</strong>");
                 t.rowsHtml.push_back(std::move(totalRow));
                 chart += "</ul>\n";
                 results += table(t);
                 if (report->by.size() == 1 && !report->rows.empty()) results += chart;
                 results += "<p class=\"govuk-body-s\">" + std::string(kSuppressedText) +
                            " means the figure is hidden to protect children's privacy.</p>\n";
               }
               results += "<p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/reports/counts.csv" +
                          escape(countsQuery(req)) + "\" download>Download these counts (CSV)</a></p>\n";
             }
           }
         }
         p.hasErrors = !errors.empty();
         const std::string fields = countsFields(req, errors);
         p.body =
             errorSummary(errors) + "<h1 class=\"govuk-heading-l\">Counts</h1>\n" +
             "<p class=\"govuk-body\">Count young carers, referrals, cases, assessments, cards and breaks, "
             "by up to two characteristics. Periods are whole months.</p>\n" +
             periodForm("/reports/counts", today, from, to, errors, fields) + results;
         return site.page(req, errors.empty() ? 200 : 422, std::move(p));
       }});

  site.add({"GET", "/reports/counts.csv", "web.report.counts_csv", kReportReaders,
            [&site, &statistics](WebRequest& req) {
              auto report = statistics.counts(req.who(), countsRequestFrom(req));
              if (!report) return site.failurePage(req, report.error());
              return countsCsv(*report);
            }});
}

}  // namespace ycr::services::web
