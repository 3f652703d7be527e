// Runs every plain-text scenario in tests/scenarios/*.scenario (format: tests/scenarios/README.md) and checks
// that together they exercise every row of the transition table from every state it lists, and every guard.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "ycr/pathways/engine.h"

namespace fs = std::filesystem;
using namespace ycr;
using namespace ycr::pathways;

namespace {

std::string trim(std::string s) {
  auto notSpace = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

std::vector<std::string> splitClauses(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string part;
  while (std::getline(ss, part, ';'))
    if (!trim(part).empty()) out.push_back(trim(part));
  return out;
}

bool takePrefix(std::string& clause, const std::string& prefix) {
  if (clause.rfind(prefix, 0) != 0) return false;
  if (clause.size() > prefix.size() && clause[prefix.size()] != ' ' && clause[prefix.size()] != ':')
    return false;
  clause = trim(clause.substr(prefix.size()));
  if (!clause.empty() && clause[0] == ':') clause = trim(clause.substr(1));
  return true;
}

// A scenario's working state: the case, the person acting and the day.
struct World {
  std::optional<CaseFacts> facts = CaseFacts{};
  Date today{};
  Actor actor{1, Role::caseworker};
  bool todaySet = false;
};

struct Outcome {
  std::optional<Result<Transition>> transition;
  std::optional<Result<IntakeOutcome>> intake;
  const DomainError* error() const {
    if (transition && !transition->ok()) return &transition->error();
    if (intake && !intake->ok()) return &intake->error();
    return nullptr;
  }
};

struct Coverage {
  std::set<std::pair<std::size_t, CaseState>> rows;  // (row, from) pairs that moved a case
  std::set<std::string> guards;                      // guards seen failing
  std::set<IntakeKind> intakeKinds;
  int scenarios = 0;
};

class Runner {
 public:
  Runner(const Engine& engine, Coverage& coverage) : engine_(engine), coverage_(coverage) {}

  // Returns an error message for a line that cannot be read or a check that does not hold.
  std::string given(const std::string& text) {
    for (std::string c : splitClauses(text)) {
      std::string err = givenClause(c);
      if (!err.empty()) return err;
    }
    return {};
  }

  std::string when(const std::string& text) {
    auto clauses = splitClauses(text);
    if (clauses.empty()) return "'when' needs an event";
    if (!world_.todaySet && world_.facts) world_.today = world_.facts->referralReceived;
    std::string first = clauses[0];
    outcome_ = Outcome{};
    if (takePrefix(first, "referral received")) {
      IntakeRequest r;
      auto d = parseIsoDate(first);
      if (!d) return "bad date '" + first + "'";
      r.receivedAt = *d;
      r.dateOfBirth = world_.facts ? world_.facts->dateOfBirth : dateOfBirth_;
      r.intakeTeam = "Young carers team";
      for (std::size_t i = 1; i < clauses.size(); ++i) {
        std::string c = clauses[i];
        if (takePrefix(c, "safeguarding concern")) {
          r.safeguardingConcern = true;
          r.safeguardingDetail = c;
        } else if (takePrefix(c, "intake team")) {
          r.intakeTeam = c;
        } else {
          return "unknown referral detail '" + clauses[i] + "'";
        }
      }
      if (!world_.todaySet) world_.today = r.receivedAt;
      outcome_.intake = engine_.intake(world_.facts, r, world_.today);
      if (!outcome_.intake->ok())
        for (const auto& f : outcome_.intake->error().fields) coverage_.guards.insert(f.code);
      if (outcome_.intake->ok()) {
        coverage_.intakeKinds.insert(outcome_.intake->value().kind);
        world_.facts = outcome_.intake->value().after;
      }
      return {};
    }
    auto event = parseEnum<Event>(first);
    if (!event) return "unknown event '" + first + "'";
    if (!world_.facts) return "no case to apply '" + first + "' to";
    EventRequest r;
    r.event = *event;
    for (std::size_t i = 1; i < clauses.size(); ++i) {
      std::string c = clauses[i];
      if (takePrefix(c, "reason")) {
        r.reason = c;
      } else if (takePrefix(c, "close reason")) {
        auto v = parseEnum<CloseReason>(c);
        if (!v) return "unknown close reason '" + c + "'";
        r.closeReason = v;
      } else if (takePrefix(c, "review outcome")) {
        r.reviewOutcome = c;
      } else if (takePrefix(c, "late reason")) {
        r.lateReason = c;
      } else if (takePrefix(c, "receiving service")) {
        r.receivingService = c;
      } else if (takePrefix(c, "assign to")) {
        r.assignTo = std::stoll(c);
      } else if (takePrefix(c, "assign team")) {
        r.assignTeam = c;
      } else {
        return "unknown event detail '" + clauses[i] + "'";
      }
    }
    CaseFacts before = *world_.facts;
    outcome_.transition = engine_.apply(before, r, world_.actor, world_.today);
    if (outcome_.transition->ok()) {
      const Transition& t = outcome_.transition->value();
      coverage_.rows.insert({t.row, t.from});
      world_.facts = t.after;
    } else {
      for (const auto& f : outcome_.transition->error().fields) coverage_.guards.insert(f.code);
    }
    return {};
  }

  std::string then(const std::string& text) {
    if (!outcome_.transition && !outcome_.intake) return "'then' before any 'when'";
    for (std::string c : splitClauses(text)) {
      std::string err = thenClause(c);
      if (!err.empty()) return err;
    }
    return {};
  }

 private:
  std::string givenClause(std::string c) {
    auto date = [&](std::optional<Date>& out) -> std::string {
      auto d = parseIsoDate(c);
      if (!d) return "bad date '" + c + "'";
      out = d;
      return {};
    };
    if (c == "no case") {
      world_.facts.reset();
      return {};
    }
    if (takePrefix(c, "today")) {
      std::optional<Date> d;
      auto e = date(d);
      if (e.empty()) world_.today = *d, world_.todaySet = true;
      return e;
    }
    if (takePrefix(c, "role")) {
      auto r = parseEnum<Role>(c);
      if (!r) return "unknown role '" + c + "'";
      world_.actor.role = *r;
      return {};
    }
    if (takePrefix(c, "user")) {
      world_.actor.userId = std::stoll(c);
      return {};
    }
    if (takePrefix(c, "date of birth")) {
      std::optional<Date> d;
      auto e = date(d);
      if (!e.empty()) return e;
      dateOfBirth_ = *d;
      if (world_.facts) world_.facts->dateOfBirth = *d;
      return {};
    }
    if (!world_.facts) return "'" + c + "' needs a case (remove 'no case')";
    CaseFacts& f = *world_.facts;
    if (takePrefix(c, "state")) {
      auto s = parseEnum<CaseState>(c);
      if (!s) return "unknown state '" + c + "'";
      f.state = *s;
      return {};
    }
    if (takePrefix(c, "close reason")) {
      auto v = parseEnum<CloseReason>(c);
      if (!v) return "unknown close reason '" + c + "'";
      f.closeReason = v;
      return {};
    }
    if (takePrefix(c, "referral received")) {
      std::optional<Date> d;
      auto e = date(d);
      if (e.empty()) f.referralReceived = *d;
      return e;
    }
    if (takePrefix(c, "safeguarding escalated")) return date(f.safeguardingEscalated);
    if (takePrefix(c, "safeguarding returned")) return date(f.safeguardingReturned);
    if (takePrefix(c, "planning from")) return date(f.planningFrom);
    if (takePrefix(c, "plan agreed")) return date(f.planAgreed);
    if (takePrefix(c, "review due")) return date(f.reviewDue);
    if (c == "regulation 4 recorded") return f.regulation4Recorded = true, std::string{};
    if (c == "transition assessment ready") return f.transitionAssessmentReady = true, std::string{};
    if (takePrefix(c, "owner user")) return f.ownerUserId = std::stoll(c), std::string{};
    if (takePrefix(c, "owner team")) return f.ownerTeam = c, std::string{};
    if (c == "no owner") {
      f.ownerUserId.reset();
      f.ownerTeam.clear();
      return {};
    }
    return "unknown 'given' clause '" + c + "'";
  }

  std::string thenClause(std::string c) {
    const DomainError* err = outcome_.error();
    auto errorText = [&] {
      std::string s = std::string(ycr::toString(err->code)) + ": " + err->detail;
      for (const auto& f : err->fields) s += " [" + f.field + " " + f.code + "]";
      return s;
    };
    if (takePrefix(c, "refused")) {
      if (!err || err->code != ErrorCode::transition_refused)
        return "expected a refusal, got " + (err ? errorText() : std::string("success"));
      if (!c.empty() && takePrefix(c, "allowed")) {
        std::vector<std::string> want;
        std::stringstream ss(c);
        std::string e;
        while (std::getline(ss, e, ',')) want.push_back(trim(e));
        auto have = err->allowed;
        std::sort(want.begin(), want.end());
        std::sort(have.begin(), have.end());
        if (want != have) {
          std::string got;
          for (auto& h : have) got += h + " ";
          return "allowed events differ; got: " + got;
        }
      }
      return {};
    }
    bool guard = takePrefix(c, "guard failed");
    if (guard || takePrefix(c, "invalid")) {
      ErrorCode want = guard ? ErrorCode::guard_failed : ErrorCode::validation;
      if (!err || err->code != want)
        return std::string("expected ") + ycr::toString(want) + " '" + c + "', got " +
               (err ? errorText() : std::string("success"));
      bool named = std::any_of(err->fields.begin(), err->fields.end(),
                               [&](const FieldError& f) { return f.code == c || f.field == c; });
      if (!named) return "expected '" + c + "' among the errors, got " + errorText();
      return {};
    }
    if (err) return "expected success for '" + c + "', got " + errorText();
    const CaseFacts& f = *world_.facts;
    std::optional<NextAction> next;
    std::vector<Effect> effects;
    if (outcome_.transition) {
      next = outcome_.transition->value().nextAction;
      effects = outcome_.transition->value().effects;
    } else {
      next = outcome_.intake->value().nextAction;
      effects = outcome_.intake->value().effects;
    }
    auto expectDate = [&](std::optional<Date> have, const std::string& what) -> std::string {
      auto want = parseIsoDate(c);
      if (!want) return "bad date '" + c + "'";
      if (have != want) return what + " expected " + c + ", got " + (have ? formatIsoDate(*have) : "none");
      return {};
    };
    if (takePrefix(c, "state")) {
      if (std::string(ycr::toString(f.state)) != c)
        return "state expected " + c + ", got " + std::string(ycr::toString(f.state));
      return {};
    }
    if (takePrefix(c, "close reason")) {
      std::string have = f.closeReason ? std::string(ycr::toString(*f.closeReason)) : "none";
      return have == c ? std::string{} : "close reason expected " + c + ", got " + have;
    }
    if (c == "no next action")
      return next ? "expected no next action, got '" + next->action + "'" : std::string{};
    if (takePrefix(c, "next action due")) {
      return expectDate(next ? std::optional<Date>(next->due) : std::nullopt, "next action due");
    }
    if (takePrefix(c, "next action")) {
      if (!next || next->action != c)
        return "next action expected '" + c + "', got '" + (next ? next->action : "") + "'";
      return {};
    }
    if (takePrefix(c, "review due")) return expectDate(f.reviewDue, "review due");
    if (takePrefix(c, "assessment due"))
      return expectDate(engine_.clocks(f, world_.today).assessment.due, "assessment due");
    if (takePrefix(c, "owner user")) {
      if (f.ownerUserId != std::stoll(c)) return "owner user expected " + c;
      return {};
    }
    if (c == "no owner user") return f.ownerUserId ? "expected no owner user" : std::string{};
    if (takePrefix(c, "owner team"))
      return f.ownerTeam == c ? std::string{} : "owner team expected " + c + ", got " + f.ownerTeam;
    if (c == "late" || c == "not late") {
      bool late = outcome_.transition && outcome_.transition->value().late;
      return late == (c == "late") ? std::string{} : "expected " + c;
    }
    if (takePrefix(c, "referrer status")) {
      return referrerStatus(f.state) == c
                 ? std::string{}
                 : "referrer status expected " + c + ", got " + referrerStatus(f.state);
    }
    bool include = takePrefix(c, "effects include");
    if (include || takePrefix(c, "effects exclude")) {
      std::stringstream ss(c);
      std::string e;
      while (std::getline(ss, e, ',')) {
        auto effect = parseEnum<Effect>(trim(e));
        if (!effect) return "unknown effect '" + trim(e) + "'";
        bool has = std::find(effects.begin(), effects.end(), *effect) != effects.end();
        if (has != include) return std::string("effect ") + trim(e) + (include ? " missing" : " present");
      }
      return {};
    }
    if (takePrefix(c, "intake")) {
      static const std::map<std::string, IntakeKind> kinds = {{"new_case", IntakeKind::new_case},
                                                              {"reopened", IntakeKind::reopened},
                                                              {"joined", IntakeKind::joined}};
      if (!outcome_.intake || !kinds.count(c) || outcome_.intake->value().kind != kinds.at(c))
        return "intake expected " + c;
      return {};
    }
    return "unknown 'then' clause '" + c + "'";
  }

  const Engine& engine_;
  Coverage& coverage_;
  World world_;
  Outcome outcome_;
  Date dateOfBirth_{};

 public:
  void reset() {
    world_ = World{};
    CaseFacts& f = *world_.facts;
    // Valid defaults so each scenario states only what matters to it.
    f.dateOfBirth = *parseIsoDate("2012-04-03");
    f.referralReceived = *parseIsoDate("2023-12-22");
    f.ownerTeam = "Young carers team";
    dateOfBirth_ = f.dateOfBirth;
    outcome_ = Outcome{};
  }
};

Engine makeEngine() {
  auto calendar = WorkingDayCalendar::loadFile(YCR_SOURCE_DIR "/pathways/data/bank-holidays.json");
  BOOST_REQUIRE(calendar.ok());
  return Engine(PathwayConfig{}, calendar.value());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(scenario_test)

BOOST_AUTO_TEST_CASE(every_scenario_file_holds_and_together_they_cover_the_table) {
  Engine engine = makeEngine();
  Coverage coverage;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(YCR_SOURCE_DIR "/tests/scenarios"))
    if (entry.path().extension() == ".scenario") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  BOOST_REQUIRE(!files.empty());

  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line, title;
    int lineNo = 0;
    Runner runner(engine, coverage);
    bool open = false;
    std::string pending;  // the last keyword, so 'and' continues it
    while (std::getline(in, line)) {
      ++lineNo;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      std::string where = path.filename().string() + ":" + std::to_string(lineNo) + " (" + title + ")";
      std::string rest = line;
      std::string err;
      if (takePrefix(rest, "scenario")) {
        title = rest;
        runner.reset();
        open = true;
        pending.clear();
        ++coverage.scenarios;
        continue;
      }
      if (!open) {
        BOOST_ERROR(where << ": a line before the first 'scenario:'");
        continue;
      }
      std::string keyword;
      if (takePrefix(rest, "given"))
        keyword = "given";
      else if (takePrefix(rest, "when"))
        keyword = "when";
      else if (takePrefix(rest, "then"))
        keyword = "then";
      else if (takePrefix(rest, "and")) {
        // 'and' adds to the facts, whether before the first 'when' or between steps of a journey.
        if (pending == "when") {
          BOOST_ERROR(where << ": an event's details follow it on the same line, after ';'");
          continue;
        }
        keyword = "given";
      } else {
        BOOST_ERROR(where << ": a line must start with scenario, given, when, then or and: " << line);
        continue;
      }
      if (keyword == "given")
        err = runner.given(rest);
      else if (keyword == "when")
        err = runner.when(rest);
      else
        err = runner.then(rest);
      pending = keyword;
      if (!err.empty()) BOOST_ERROR(where << ": " << err);
    }
  }
  BOOST_TEST_MESSAGE(coverage.scenarios << " scenarios run");

  auto table = transitionTable();
  for (std::size_t i = 0; i < table.size(); ++i)
    for (CaseState from : table[i].from)
      BOOST_CHECK_MESSAGE(coverage.rows.count({i, from}), "no scenario moves a case along row "
                                                              << i << " (" << ycr::toString(table[i].event)
                                                              << ") from " << ycr::toString(from));
  for (const auto& g : enumSpellings<Guard>())
    BOOST_CHECK_MESSAGE(coverage.guards.count(g), "no scenario shows the guard " << g << " failing");
  for (IntakeKind k : {IntakeKind::new_case, IntakeKind::reopened, IntakeKind::joined})
    BOOST_CHECK_MESSAGE(coverage.intakeKinds.count(k),
                        "no scenario shows intake kind " << static_cast<int>(k));
}

BOOST_AUTO_TEST_SUITE_END()
