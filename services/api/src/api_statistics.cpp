// Thin handlers for the statistics routes: read the query string strictly, call Statistics, and
// render what disclosure control published as JSON or CSV. Suppressed figures have one spelling
// ("suppressed" in JSON, "c" in CSV) whatever the reason, so primary and secondary suppression
// cannot be told apart.

#include "ycr/services/api_statistics.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cmath>
#include <set>

#include "ycr/core/text.h"
#include "ycr/services/api_common.h"
#include "ycr/services/api_routes.h"
#include "ycr/services/statistics.h"

namespace ycr::services {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kSuppressedCsv = "c";

Poco::Dynamic::Var figure(const Cell& c) {
  return publishedFigure(c.value);
}

// Unknown query parameters are refused, like unknown JSON fields: a misspelt filter must not
// silently return an unfiltered count. So is a second value of a parameter that takes one: which of
// measure=a&measure=b was meant cannot be guessed.
Status onlyParameters(const RequestContext& ctx, const std::set<std::string>& known,
                      const std::set<std::string>& repeatable = {}) {
  FieldErrors errors;
  for (const auto& [k, values] : ctx.queryAll) {
    if (!known.count(k))
      errors.add(k, "unknown_parameter", "There is no parameter called " + k);
    else if (values.size() > 1 && !repeatable.count(k))
      errors.add(k, "repeated", "Give " + k + " once");
  }
  if (!errors.empty()) return errors.toError("The request has unknown parameters");
  return {};
}

// `by` may be repeated (by=route&by=gender), comma-separated (by=route,gender), or both.
std::vector<std::string> splitList(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const auto& text : texts) {
    std::size_t start = 0;
    while (!text.empty() && start <= text.size()) {
      auto end = text.find(',', start);
      if (end == std::string::npos) end = text.size();
      out.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  return out;
}

std::string csvField(const std::string& s) {
  return text::csvCell(s);
}

Array::Ptr statisticsRowsJson(const std::vector<PublishedRow>& rows, const std::vector<Dimension>& dims) {
  Array::Ptr out = new Array;
  for (const auto& r : rows) {
    Object::Ptr o = new Object;
    for (std::size_t i = 0; i < r.values.size() && i < dims.size(); ++i)
      o->set(std::string(toString(dims[i])), r.values[i]);
    o->set("count", figure(r.count));
    out->add(o);
  }
  return out;
}

Response countsJson(const CountsReport& r) {
  Object::Ptr o = new Object;
  o->set("policy", std::string(toString(r.policy)));
  o->set("measure", std::string(toString(r.measure)));
  Array::Ptr by = new Array;
  for (auto d : r.by) by->add(std::string(toString(d)));
  o->set("by", by);
  o->set("from", formatIsoDate(r.from));
  o->set("to", formatIsoDate(r.to));
  o->set("rows", statisticsRowsJson(r.rows, r.by));
  if (r.by.size() == 2) {
    Object::Ptr totals = new Object;
    totals->set(std::string(toString(r.by[0])), statisticsRowsJson(r.firstTotals, {r.by[0]}));
    totals->set(std::string(toString(r.by[1])), statisticsRowsJson(r.secondTotals, {r.by[1]}));
    o->set("totals", totals);
  }
  o->set("total", figure(r.total));
  o->set("withheld", r.withheld);
  return Response::json(200, o);
}

}  // namespace

// Also the web front end's CSV download (web_pages_reports.cpp).
Response countsCsv(const CountsReport& r) {
  std::string body;
  for (auto d : r.by) body += std::string(toString(d)) + ",";
  body += "count\r\n";
  for (const auto& row : r.rows) {
    for (const auto& v : row.values) body += csvField(v) + ",";
    body += publishedText(row.count, kSuppressedCsv) + "\r\n";
  }
  if (!r.by.empty()) {
    body += "total";
    for (std::size_t i = 1; i < r.by.size(); ++i) body += ",";
    body += ",";
  }
  body += publishedText(r.total, kSuppressedCsv) + "\r\n";
  Response resp{200, "text/csv; charset=utf-8", body, {}};
  resp.headers.emplace_back("Content-Disposition",
                            "attachment; filename=\"" + std::string(toString(r.measure)) + "_" +
                                formatIsoDate(r.from) + "_" + formatIsoDate(r.to) + ".csv\"");
  return resp;
}

namespace {

Object::Ptr kpiJson(const KpiLine& line) {
  const auto& def = *line.definition;
  const auto& v = line.value;
  Object::Ptr o = new Object;
  o->set("id", def.id);
  o->set("title", def.title);
  o->set("definition", def.definition);
  o->set("numerator_definition", def.numerator);
  o->set("denominator_definition", def.denominator);
  o->set("available", line.available);
  const bool usesDenominator = def.basis != Basis::count_of_children;
  if (!line.available) {
    o->set("numerator", Poco::Dynamic::Var());
    o->set("denominator", Poco::Dynamic::Var());
  } else {
    o->set("numerator", publishedFigure(v.numerator));
    if (!usesDenominator)
      o->set("denominator", Poco::Dynamic::Var());
    else
      o->set("denominator", publishedFigure(v.denominator));
  }
  o->set("value", v.value ? Poco::Dynamic::Var(std::round(*v.value * 10.0) / 10.0) : Poco::Dynamic::Var());
  o->set("target", v.target);
  o->set("rag", std::string(toString(v.rag)));
  o->set("unit", def.unit);
  o->set("direction", std::string(toString(def.direction)));
  o->set("note", line.note);
  if (line.schoolsWithoutChampion) {
    // The URN and name as listed in schools_file, nothing about the accounts behind a champion.
    Array::Ptr schools = new Array;
    for (const auto& school : *line.schoolsWithoutChampion) {
      Object::Ptr s = new Object;
      s->set("urn", school.urn);
      s->set("name", school.name);
      schools->add(s);
    }
    o->set("schools_without_champion", schools);
  }
  return o;
}

}  // namespace

void addStatisticsRoutes(Router& router, Statistics& statistics) {
  const auto commissioners = Access::only({Role::commissioner, Role::team_manager});

  router.add(
      {"GET", "/api/v1/stats/counts", "stats.counts", commissioners, [&statistics](RequestContext& ctx) {
         if (auto s = onlyParameters(ctx, {"measure", "by", "from", "to", "format"}, {"by"}); !s)
           return Response::problem(s.error());
         const std::string format = ctx.queryValue("format", "json");
         if (format != "json" && format != "csv")
           return Response::problem(
               DomainError::field("format", "invalid_choice", "format must be json or csv"));
         CountsRequest request{ctx.queryValue("measure"), splitList(ctx.queryValues("by")),
                               ctx.queryValue("from"), ctx.queryValue("to")};
         auto report = statistics.counts(ctx.who(), request);
         if (!report) return Response::problem(report.error());
         return format == "csv" ? countsCsv(*report) : countsJson(*report);
       }});

  router.add({"GET", "/api/v1/stats/kpis", "stats.kpis", commissioners, [&statistics](RequestContext& ctx) {
                if (auto s = onlyParameters(ctx, {"from", "to"}); !s) return Response::problem(s.error());
                auto report = statistics.kpis(ctx.who(), ctx.queryValue("from"), ctx.queryValue("to"));
                if (!report) return Response::problem(report.error());
                Object::Ptr o = new Object;
                o->set("policy", std::string(toString(report->policy)));
                o->set("from", formatIsoDate(report->from));
                o->set("to", formatIsoDate(report->to));
                Array::Ptr items = new Array;
                for (const auto& line : report->indicators) items->add(kpiJson(line));
                o->set("indicators", items);
                return Response::json(200, o);
              }});
}

}  // namespace ycr::services
