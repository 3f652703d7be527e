#include "stats_cube.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "indicator_facts.h"
#include "sqlite_statement.h"

namespace ycr::storage {

namespace {

const std::string kNotRecorded = "not_recorded";

// Every figure is stored twice: in its month's row and in its year's row (month = kYearRows + year), so a
// long period or an open-case stock (everything up to the period's end) reads one row per whole year
// and per remaining month instead of one per month since the register began.
constexpr int kYearRows = 60000;
int yearRow(int month) {
  return kYearRows + month / 12;
}

// The rows that add up to months [from, to]: whole years from year rows, the rest from month rows.
std::vector<std::pair<int, int>> rowRanges(int from, int to, bool monthsOnly) {
  if (monthsOnly) return {{from, to}};
  const int firstYear = (from + 11) / 12;  // the first year starting at or after `from`
  const int lastYear = (to + 1) / 12 - 1;  // the last year ending at or before `to`
  if (firstYear > lastYear) return {{from, to}};
  std::vector<std::pair<int, int>> out{{kYearRows + firstYear, kYearRows + lastYear}};
  if (from < firstYear * 12) out.emplace_back(from, firstYear * 12 - 1);
  if ((lastYear + 1) * 12 <= to) out.emplace_back((lastYear + 1) * 12, to);
  return out;
}

// ---- the derivation: records -> facts ----

// The referral that describes something that happened on `day`: the latest received on or before it,
// else the first.
const ChildRecords::Referral* describing(const std::vector<const ChildRecords::Referral*>& byDay,
                                         const Date& day) {
  const ChildRecords::Referral* found = nullptr;
  for (const auto* r : byDay) {
    if (std::chrono::sys_days(r->day) > std::chrono::sys_days(day)) break;
    found = r;
  }
  if (!found && !byDay.empty()) found = byDay.front();
  return found;
}

CubeUnit unitFor(Measure m, int month, const ChildRecords::Referral* r) {
  CubeUnit u;
  u.measure = m;
  u.month = month;
  if (r) {
    u.route = r->route;
    u.ageBand = r->ageBand;
  }
  return u;
}

// ---- serialisation of facts (one text per young carer in stats_children) ----
std::string escaped(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::vector<std::string> fields(const std::string& line) {
  std::vector<std::string> out(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\t') {
      out.emplace_back();
    } else if (c == '\\' && i + 1 < line.size()) {
      const char n = line[++i];
      out.back() += n == 't' ? '\t' : n == 'n' ? '\n' : n;
    } else {
      out.back() += c;
    }
  }
  return out;
}

// ---- contributions: facts -> (measure, d1, v1, d2, v2, month) += delta ----
// Dimension codes in stats_cells: the Dimension's index + 1; 0 for "no dimension".
constexpr int code(Dimension d) {
  return static_cast<int>(d) + 1;
}
// A cell's key (Accumulator::addRow) holds each dimension's code (1 to 15) in four bits.
static_assert(std::size(EnumNames<Dimension>::names) < 16, "more dimensions need a wider key in addRow");

class Accumulator {
 public:
  std::uint32_t intern(const std::string& value) {
    const std::string& v = value.empty() ? kNotRecorded : value;
    auto [it, inserted] = ids_.emplace(v, static_cast<std::uint32_t>(names_.size()));
    if (inserted) {
      if (names_.size() >= 0xFFFF) throw std::runtime_error("statistics: too many distinct group values");
      names_.push_back(v);
    }
    return it->second;
  }

  void add(Measure m, int d1, std::uint32_t v1, int d2, std::uint32_t v2, int month, long long delta) {
    // Cells are keyed with d1 < d2, whatever order the pair was produced in.
    if (d2 != 0 && d1 > d2) {
      std::swap(d1, d2);
      std::swap(v1, v2);
    }
    addRow(m, d1, v1, d2, v2, month, delta);
    addRow(m, d1, v1, d2, v2, yearRow(month), delta);
  }

  void addRow(Measure m, int d1, std::uint32_t v1, int d2, std::uint32_t v2, int month, long long delta) {
    const std::uint64_t key = (static_cast<std::uint64_t>(m) << 56) | (static_cast<std::uint64_t>(d1) << 52) |
                              (static_cast<std::uint64_t>(d2) << 48) |
                              (static_cast<std::uint64_t>(month & 0xFFFF) << 32) |
                              (static_cast<std::uint64_t>(v1) << 16) | v2;
    deltas_[key] += delta;
  }

  // Adds (sign +1) or removes (sign -1) everything a young carer's facts add to the counts.
  void apply(const ChildFacts& f, long long sign) {
    struct Attr {
      int d;
      std::uint32_t v;
    };
    std::vector<Attr> child = {{code(Dimension::gender), intern(f.gender)},
                               {code(Dimension::ethnicity), intern(f.ethnicity)},
                               {code(Dimension::district), intern(f.district)},
                               {code(Dimension::school), intern(f.school)},
                               {code(Dimension::maca_band), intern(f.macaBand)}};
    if (f.service) child.push_back({code(Dimension::service), intern(*f.service)});
    std::vector<Attr> conditions, relationships;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;  // (condition, relationship)
    for (const auto& [rel, cond] : f.care) {
      const Attr c{code(Dimension::condition), intern(cond)}, r{code(Dimension::relationship), intern(rel)};
      if (std::none_of(conditions.begin(), conditions.end(), [&](const Attr& a) { return a.v == c.v; }))
        conditions.push_back(c);
      if (std::none_of(relationships.begin(), relationships.end(), [&](const Attr& a) { return a.v == r.v; }))
        relationships.push_back(r);
      pairs.emplace_back(c.v, r.v);
    }
    if (f.care.empty()) {
      // A child with no one recorded as cared for is counted under not_recorded, not dropped.
      const std::uint32_t none = intern("");
      conditions.push_back({code(Dimension::condition), none});
      relationships.push_back({code(Dimension::relationship), none});
      pairs.emplace_back(none, none);
    }
    std::vector<Attr> fixed;  // one value each: route, age band and the child's record
    for (const auto& u : f.units) {
      auto emit = [&](int d1, std::uint32_t v1, int d2, std::uint32_t v2) {
        add(u.measure, d1, v1, d2, v2, u.month, sign);
        if (u.endMonth >= 0) add(u.measure, d1, v1, d2, v2, u.endMonth, -sign);
      };
      fixed.clear();
      fixed.push_back({code(Dimension::route), intern(u.route)});
      fixed.push_back({code(Dimension::age_band), intern(u.ageBand)});
      fixed.insert(fixed.end(), child.begin(), child.end());
      if (!u.state.empty()) {
        // A pathway-state segment: only the groupings that include the state.
        const Attr s{code(Dimension::pathway_state), intern(u.state)};
        emit(s.d, s.v, 0, 0);
        for (const auto* set : {&fixed, &conditions, &relationships})
          for (const auto& a : *set) emit(a.d, a.v, s.d, s.v);
        continue;
      }
      emit(0, 0, 0, 0);
      for (const auto* set : {&fixed, &conditions, &relationships})
        for (const auto& a : *set) emit(a.d, a.v, 0, 0);
      for (std::size_t i = 0; i < fixed.size(); ++i) {
        for (std::size_t j = i + 1; j < fixed.size(); ++j)
          emit(fixed[i].d, fixed[i].v, fixed[j].d, fixed[j].v);
        for (const auto& c : conditions) emit(fixed[i].d, fixed[i].v, c.d, c.v);
        for (const auto& r : relationships) emit(fixed[i].d, fixed[i].v, r.d, r.v);
      }
      for (const auto& [c, r] : pairs) emit(code(Dimension::condition), c, code(Dimension::relationship), r);
    }
  }

  std::size_t size() const { return deltas_.size(); }

  void flush(sqlite3* db) {
    StatsStatement upsert(
        db,
        "INSERT INTO stats_cells(measure, d1, d2, month, v1, v2, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT(measure, d1, d2, month, v1, v2) DO UPDATE SET n = n + excluded.n");
    for (const auto& [key, delta] : deltas_) {
      if (delta == 0) continue;
      const int d1 = static_cast<int>((key >> 52) & 0xF), d2 = static_cast<int>((key >> 48) & 0xF);
      upsert.bind(1, static_cast<long long>(key >> 56))
          .bind(2, d1)
          .bind(3, d2)
          .bind(4, static_cast<long long>((key >> 32) & 0xFFFF))
          .bind(5, d1 ? names_[(key >> 16) & 0xFFFF] : std::string())
          .bind(6, d2 ? names_[key & 0xFFFF] : std::string())
          .bind(7, delta);
      upsert.run();
    }
    deltas_.clear();
  }

 private:
  std::unordered_map<std::string, std::uint32_t> ids_;
  std::vector<std::string> names_;
  std::unordered_map<std::uint64_t, long long> deltas_;
};

}  // namespace

std::string ChildFacts::serialise() const {
  std::string out = escaped(gender) + "\t" + escaped(ethnicity) + "\t" + escaped(district) + "\t" +
                    escaped(school) + "\t" + escaped(macaBand);
  if (service) out += "\t" + escaped(*service);
  for (const auto& [rel, cond] : care) out += "\nc\t" + escaped(rel) + "\t" + escaped(cond);
  for (const auto& u : units)
    out += "\nu\t" + std::to_string(static_cast<int>(u.measure)) + "\t" + std::to_string(u.month) + "\t" +
           std::to_string(u.endMonth) + "\t" + escaped(u.route) + "\t" + escaped(u.ageBand) + "\t" +
           escaped(u.state);
  return out;
}

ChildFacts ChildFacts::parse(const std::string& text) {
  ChildFacts f;
  std::size_t start = 0;
  bool first = true;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const auto v = fields(text.substr(start, end - start));
    start = end + 1;
    if (first) {
      first = false;
      // Four fields were written before the MACA band was counted (migration 0008), five before the
      // service was (migration 0036).
      if (v.size() < 4 || v.size() > 6) throw std::runtime_error("statistics: unreadable facts");
      f.gender = v[0];
      f.ethnicity = v[1];
      f.district = v[2];
      f.school = v[3];
      if (v.size() >= 5) f.macaBand = v[4];
      if (v.size() == 6) f.service = v[5];
    } else if (v.size() == 3 && v[0] == "c") {
      f.care.emplace_back(v[1], v[2]);
    } else if (v.size() == 7 && v[0] == "u") {
      CubeUnit u;
      u.measure = static_cast<Measure>(std::stoi(v[1]));
      u.month = std::stoi(v[2]);
      u.endMonth = std::stoi(v[3]);
      u.route = v[4];
      u.ageBand = v[5];
      u.state = v[6];
      f.units.push_back(std::move(u));
    } else {
      throw std::runtime_error("statistics: unreadable facts");
    }
  }
  return f;
}

ChildFacts deriveFacts(const ChildRecords& rec) {
  ChildFacts f;
  f.gender = rec.gender;
  f.ethnicity = rec.ethnicity;
  f.district = rec.district;
  f.school = rec.school;
  f.macaBand = rec.macaBand;
  f.service = rec.service;
  f.care = rec.care;
  std::sort(f.care.begin(), f.care.end());
  f.care.erase(std::unique(f.care.begin(), f.care.end()), f.care.end());

  std::vector<const ChildRecords::Referral*> byDay;
  for (const auto& r : rec.referrals) byDay.push_back(&r);
  std::sort(byDay.begin(), byDay.end(), [](const auto* a, const auto* b) {
    return std::chrono::sys_days(a->day) != std::chrono::sys_days(b->day)
               ? std::chrono::sys_days(a->day) < std::chrono::sys_days(b->day)
               : a->id < b->id;
  });
  for (const auto* r : byDay) f.units.push_back(unitFor(Measure::referrals_received, monthIndex(r->day), r));
  if (!byDay.empty())
    f.units.push_back(
        unitFor(Measure::young_carers_identified, monthIndex(byDay.front()->day), byDay.front()));

  int lastEventMonth = -1;
  for (const auto& e : rec.events) {
    lastEventMonth = std::max(lastEventMonth, monthIndex(e.day));
    if (e.toState == "transition" && e.fromState != "transition")
      f.units.push_back(unitFor(Measure::transitions, monthIndex(e.day), describing(byDay, e.day)));
    if (e.event == "complete_assessment")
      f.units.push_back(unitFor(Measure::assessments_completed, monthIndex(e.day), describing(byDay, e.day)));
  }
  for (const auto& issued : rec.cardsIssued)
    f.units.push_back(unitFor(Measure::id_cards_issued, monthIndex(issued), describing(byDay, issued)));
  for (const auto& first : rec.breaksAttended)
    f.units.push_back(unitFor(Measure::breaks_attended, monthIndex(first), describing(byDay, first)));

  for (const auto& ep : rec.episodes) {
    const int opened = monthIndex(ep.opened);
    const int closed = ep.closed ? monthIndex(*ep.closed) : -1;
    if (ep.closed && closed <= opened) continue;  // never open at the end of a month
    const ChildRecords::Referral* ref = nullptr;
    for (const auto& r : rec.referrals)
      if (r.id == ep.referralId) ref = &r;
    CubeUnit episode = unitFor(Measure::open_cases, opened, ref);
    episode.endMonth = closed;
    f.units.push_back(episode);
    // The state at the end of each month the episode is open: the last step recorded by then.
    const int last = ep.closed ? closed - 1 : std::max(opened, lastEventMonth);
    CubeUnit segment = episode;
    segment.state.clear();
    for (int month = opened; month <= last; ++month) {
      std::string state = kNotRecorded;
      long long latest = -1;
      for (const auto& e : rec.events)
        if (monthIndex(e.day) <= month && e.id > latest) {
          latest = e.id;
          state = e.toState;
        }
      if (state == segment.state) continue;
      if (!segment.state.empty()) {
        segment.endMonth = month;
        f.units.push_back(segment);
      }
      segment.state = state;
      segment.month = month;
    }
    segment.endMonth = closed;
    f.units.push_back(segment);
  }
  return f;
}

long long StatsCube::settle() {
  // Which of the migrations' tables exist yet: the migrator settles after each migration it applies.
  std::set<std::string> tables;
  {
    StatsStatement s(
        db_,
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('stats_pending', 'kpi_points', "
        "'kpi_breaks_attended')");
    while (s.step()) tables.insert(s.str(0));
  }
  // Before migration 0007 (the migrator's own first transaction) there is nothing to settle; before
  // 0009 there are no indicator facts, and before 0024 no facts of breaks attended.
  if (!tables.count("stats_pending")) return 0;
  const bool hasIndicatorFacts = tables.count("kpi_points") > 0;
  const bool hasBreakFacts = tables.count("kpi_breaks_attended") > 0;
  long long done = 0;
  Accumulator acc;
  for (;;) {
    std::vector<long long> ids;
    {
      StatsStatement s(db_, "SELECT young_carer_id FROM stats_pending ORDER BY young_carer_id LIMIT 20000");
      while (s.step()) ids.push_back(s.i64(0));
    }
    if (ids.empty()) break;
    const long long lo = ids.front(), hi = ids.back();
    std::map<long long, ChildRecords> records;
    for (long long id : ids) records[id];
    readChildRecords(db_, lo, hi, records, hasBreakFacts);
    std::map<long long, std::string> previous;
    {
      StatsStatement s(db_,
                       "SELECT s.young_carer_id, s.facts FROM stats_pending p CROSS JOIN stats_children s ON "
                       "s.young_carer_id = p.young_carer_id WHERE p.young_carer_id BETWEEN ?1 AND ?2");
      s.bind(1, lo).bind(2, hi);
      while (s.step()) previous[s.i64(0)] = s.str(1);
    }

    StatsStatement save(db_, "INSERT OR REPLACE INTO stats_children(young_carer_id, facts) VALUES (?1, ?2)");
    for (const auto& [id, rec] : records) {
      const ChildFacts now = deriveFacts(rec);
      const std::string text = now.serialise();
      auto old = previous.find(id);
      if (old != previous.end()) {
        if (old->second == text) continue;
        acc.apply(ChildFacts::parse(old->second), -1);
      }
      acc.apply(now, +1);
      save.bind(1, id).bind(2, text);
      save.run();
    }
    // The indicator report's precomputed inputs follow the same marks (indicator_facts.h).
    if (hasIndicatorFacts) refreshIndicatorFacts(db_, lo, hi, hasBreakFacts);
    StatsStatement clear(db_, "DELETE FROM stats_pending WHERE young_carer_id BETWEEN ?1 AND ?2");
    clear.bind(1, lo).bind(2, hi);
    clear.run();
    done += static_cast<long long>(ids.size());
    if (acc.size() > 2'000'000) acc.flush(db_);  // bounded memory on a national load
  }
  acc.flush(db_);
  return done;
}

CountResult StatsCube::count(const CountQuery& q) {
  std::vector<Dimension> groups;  // dimensions stored as d1/d2 (everything but month and quarter)
  for (auto d : q.by)
    if (d != Dimension::month && d != Dimension::quarter) groups.push_back(d);
  if (groups.size() > 2) throw std::invalid_argument("at most two dimensions");
  std::sort(groups.begin(), groups.end());
  const int d1 = groups.size() > 0 ? code(groups[0]) : 0;
  const int d2 = groups.size() > 1 ? code(groups[1]) : 0;
  const bool byTime = groups.size() != q.by.size();
  const bool stock = isStock(q.measure);
  const int to = monthIndex(q.to);
  const int from = stock ? 0 : monthIndex(q.from);
  const auto ranges = rowRanges(from, to, byTime);

  CountResult out;
  {
    StatsStatement s(
        db_,
        "SELECT COALESCE(SUM(n), 0) FROM stats_cells WHERE measure = ?1 AND d1 = 0 AND d2 = 0 AND month "
        "BETWEEN ?2 AND ?3");
    for (const auto& [lo, hi] : ranges) {
      s.bind(1, static_cast<long long>(q.measure)).bind(2, lo).bind(3, hi);
      s.step();
      out.total += s.i64(0);
      s.reset();
    }
  }
  if (q.by.empty()) return out;

  // Summed here rather than by GROUP BY: the rows arrive in key order by month, and a hash table is
  // cheaper than SQLite's sorter for the few thousand groups a count can have.
  struct Group {
    int month;
    std::string v1, v2;
    long long n;
  };
  std::unordered_map<std::string, Group> sums;
  StatsStatement s(
      db_, std::string("SELECT ") + (byTime ? "month" : "0") +
               ", v1, v2, n FROM stats_cells WHERE measure = ?1 AND d1 = ?2 AND d2 = ?3 AND month BETWEEN ?4 "
               "AND ?5");
  std::string key;
  for (const auto& [lo, hi] : ranges) {
    s.bind(1, static_cast<long long>(q.measure)).bind(2, d1).bind(3, d2).bind(4, lo).bind(5, hi);
    while (s.step()) {
      const int month = static_cast<int>(s.i64(0));
      key = std::to_string(month);
      key += '\x1f';
      key += s.text(1);
      key += '\x1f';
      key += s.text(2);
      auto [it, fresh] = sums.try_emplace(key);
      if (fresh) it->second = Group{month, s.str(1), s.str(2), 0};
      it->second.n += s.i64(3);
    }
    s.reset();
  }
  std::map<std::vector<std::string>, long long> groupsFound;
  for (const auto& [_, g] : sums) {
    if (g.n == 0) continue;
    std::vector<std::string> values;
    for (auto d : q.by) {
      if (d == Dimension::month)
        values.push_back(monthLabel(g.month));
      else if (d == Dimension::quarter)
        values.push_back(quarterLabel(g.month));
      else
        values.push_back(code(d) == d1 ? g.v1 : g.v2);
    }
    groupsFound[values] += g.n;
  }
  for (auto& [values, n] : groupsFound)
    if (n != 0) out.rows.push_back({values, n});
  return out;
}

std::vector<CumulativeRow> StatsCube::cumulative(Measure measure, const std::vector<Dimension>& groups,
                                                 const std::vector<int>& monthEnds) {
  if (groups.size() > 2) throw std::invalid_argument("at most two dimensions");
  for (auto d : groups)
    if (d == Dimension::month || d == Dimension::quarter)
      throw std::invalid_argument("month and quarter are not groups");
  if (monthEnds.empty() || !std::is_sorted(monthEnds.begin(), monthEnds.end()) ||
      std::adjacent_find(monthEnds.begin(), monthEnds.end()) != monthEnds.end())
    throw std::invalid_argument("month ends must be strictly ascending");
  std::vector<Dimension> sorted = groups;
  std::sort(sorted.begin(), sorted.end());
  const int d1 = sorted.size() > 0 ? code(sorted[0]) : 0;
  const int d2 = sorted.size() > 1 ? code(sorted[1]) : 0;
  const auto m = static_cast<long long>(measure);

  // Every group that has ever had a unit: each unit is also in its year's row, so the year rows name
  // them all without reading every month.
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  std::vector<long long> running;
  {
    StatsStatement s(
        db_,
        "SELECT DISTINCT v1, v2 FROM stats_cells WHERE measure = ?1 AND d1 = ?2 AND d2 = ?3 AND month >= ?4");
    s.bind(1, m).bind(2, d1).bind(3, d2).bind(4, kYearRows);
    while (s.step()) index.try_emplace({s.str(0), s.str(1)}, index.size());
  }
  running.assign(index.size(), 0);
  std::vector<std::vector<long long>> atEnd(index.size(), std::vector<long long>(monthEnds.size(), 0));
  auto add = [&](const std::string& v1, const std::string& v2, long long n) {
    const auto found = index.find({v1, v2});
    if (found != index.end()) running[found->second] += n;
  };

  // Up to the first end: whole years from year rows, the rest from month rows.
  StatsStatement s(
      db_,
      "SELECT month, v1, v2, n FROM stats_cells WHERE measure = ?1 AND d1 = ?2 AND d2 = ?3 AND month "
      "BETWEEN ?4 "
      "AND ?5 ORDER BY month");
  for (const auto& [lo, hi] : rowRanges(0, monthEnds.front(), false)) {
    s.bind(1, m).bind(2, d1).bind(3, d2).bind(4, lo).bind(5, hi);
    while (s.step()) add(s.str(1), s.str(2), s.i64(3));
    s.reset();
  }
  // Then month by month to the last end, taking each end's figures as it is passed.
  std::size_t e = 0;
  auto passEndsBefore = [&](int month) {
    for (; e < monthEnds.size() && monthEnds[e] < month; ++e)
      for (std::size_t g = 0; g < running.size(); ++g) atEnd[g][e] = running[g];
  };
  passEndsBefore(monthEnds.front() + 1);
  if (monthEnds.back() > monthEnds.front()) {
    s.bind(1, m).bind(2, d1).bind(3, d2).bind(4, monthEnds.front() + 1).bind(5, monthEnds.back());
    while (s.step()) {
      passEndsBefore(static_cast<int>(s.i64(0)));
      add(s.str(1), s.str(2), s.i64(3));
    }
    s.reset();
  }
  passEndsBefore(monthEnds.back() + 1);

  std::vector<CumulativeRow> out(index.size());
  for (const auto& [values, g] : index) {
    for (auto d : groups) out[g].values.push_back(code(d) == d1 ? values.first : values.second);
    out[g].atEnd = std::move(atEnd[g]);
  }
  return out;
}

}  // namespace ycr::storage
