#include "ycr/services/demo_data.h"

#include <array>
#include <map>
#include <random>
#include <string_view>

#include <sqlite3.h>

#include "ycr/storage/bulk_writer.h"
#include "ycr/storage/sqlite_store.h"

namespace ycr::services {
namespace {

using pathways::Event;
using Rng = std::mt19937_64;

template <class T>
struct Weighted {
  T value;
  int weight;
};

template <class T, std::size_t N>
const T& pick(Rng& rng, const std::array<Weighted<T>, N>& items) {
  int total = 0;
  for (const auto& i : items) total += i.weight;
  int r = std::uniform_int_distribution<int>(0, total - 1)(rng);
  for (const auto& i : items) {
    if (r < i.weight) return i.value;
    r -= i.weight;
  }
  return items.back().value;
}

template <class T>
const T& oneOf(Rng& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<std::size_t>(0, items.size() - 1)(rng)];
}

int between(Rng& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool chance(Rng& rng, double p) {
  return std::uniform_real_distribution<double>(0, 1)(rng) < p;
}
bool after(const Date& a, const Date& b) {
  return std::chrono::sys_days(a) > std::chrono::sys_days(b);
}

// Names by the 2021 census's high-level groups, so the register looks like a Leicestershire one.
struct Names {
  std::vector<std::string> girls, boys, family;
};
const std::map<EthnicGroup, Names>& namesByGroup() {
  static const std::map<EthnicGroup, Names> names = {
      {EthnicGroup::white,
       {{"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Lily", "Freya", "Ella", "Poppy",
         "Evie", "Chloe", "Jessica", "Ruby", "Millie", "Zofia", "Maja"},
        {"Oliver", "George", "Harry", "Jack", "Noah", "Charlie", "Leo", "Oscar", "Alfie", "Thomas", "Jacob",
         "Freddie", "Archie", "Joshua", "Kacper", "Jakub"},
        {"Smith",    "Jones",  "Taylor",   "Brown",  "Williams", "Wilson",   "Johnson", "Davies",
         "Robinson", "Wright", "Thompson", "Evans",  "Walker",   "White",    "Roberts", "Green",
         "Hall",     "Wood",   "Jackson",  "Clarke", "Nowak",    "Kowalski", "O'Brien", "Murphy"}}},
      {EthnicGroup::asian,
       {{"Aisha", "Priya", "Anaya", "Zara", "Maryam", "Fatima", "Simran", "Kiran", "Inaya", "Riya", "Hafsa",
         "Jasleen"},
        {"Muhammad", "Arjun", "Aarav", "Ibrahim", "Yusuf", "Rohan", "Harjit", "Ayaan", "Zayn", "Dev", "Hamza",
         "Omar"},
        {"Patel", "Khan", "Mistry", "Ahmed", "Singh", "Kaur", "Hussain", "Chauhan", "Parmar", "Begum", "Ali",
         "Lad", "Shah", "Chen", "Nguyen"}}},
      {EthnicGroup::black,
       {{"Amara", "Precious", "Blessing", "Nia", "Zainab", "Imani", "Adaeze", "Abena"},
        {"David", "Emmanuel", "Kwame", "Tobi", "Daniel", "Samuel", "Chidi", "Kofi"},
        {"Okafor", "Mensah", "Adeyemi", "Osei", "Campbell", "Francis", "Abdi", "Mohamed", "Asante", "Eze"}}},
      {EthnicGroup::mixed,
       {{"Maya", "Layla", "Aaliyah", "Jade", "Leah", "Skye"},
        {"Jayden", "Tyler", "Kai", "Reuben", "Elijah", "Marcus"},
        {"Campbell", "Smith", "Brown", "Patel-Jones", "Williams", "Thomas", "Edwards"}}},
      {EthnicGroup::other,
       {{"Yasmin", "Noor", "Leila", "Sara"},
        {"Ali", "Karim", "Ahmad", "Mateo"},
        {"Haddad", "Rahimi", "Mahmoud", "Yilmaz", "Silva", "Costa"}}},
      {EthnicGroup::not_stated,
       {{"Emma", "Hannah", "Sofia", "Mia"},
        {"James", "Adam", "Ethan", "Lucas"},
        {"Smith", "Patel", "Brown", "Khan", "Jones"}}},
  };
  return names;
}

const std::vector<std::string> kDistricts = {"LE1",  "LE2",  "LE3",  "LE4",  "LE5",  "LE7",
                                             "LE8",  "LE9",  "LE10", "LE11", "LE12", "LE13",
                                             "LE16", "LE17", "LE18", "LE19", "LE65", "LE67"};
const std::vector<std::string> kStreets = {
    "Narborough Road", "London Road",    "Belgrave Gate", "Welford Road", "Hinckley Road", "Melton Road",
    "Uppingham Road",  "Aylestone Road", "Station Road",  "Church Lane",  "High Street",   "Forest Road"};
constexpr std::string_view kInwardLetters = "ABDEFGHJLNPQRSTUWXYZ";

struct Place {
  Id organisationId = 0;
  std::string code;  // URN or ODS code
  std::string district;
};

struct Doors {
  std::vector<Place> schools;
  std::vector<Place> gps;
  std::map<OrganisationKind, std::vector<Id>> other;  // by kind
};

Result<Id> organisation(Transaction& tx, OrganisationKind kind, const std::string& name,
                        const std::string& identifier, const std::string& district, Timestamp at) {
  if (auto existing = tx.organisations().findByName(name)) return existing->id;
  Organisation o;
  o.kind = kind;
  o.name = name;
  o.identifier = identifier;
  o.district = district;
  o.createdAt = at;
  return tx.organisations().create(o);
}

// The organisations the referrals come through, created once (reused when they exist).
Result<Doors> createDoors(Transaction& tx, Rng& rng, Timestamp at, long long& created) {
  Doors d;
  const std::vector<std::string> schoolStems = {
      "Oakfield",         "Beaumont",    "Castle",    "Rushey Mead", "Soar Valley",
      "Brookvale",        "Hamilton",    "Glenfield", "Riverside",   "Winstanley",
      "Humphrey Perkins", "Lutterworth", "Ashby",     "Thurnby",     "Wigston"};
  const std::vector<std::string> schoolKinds = {"Primary School", "Academy", "Community College",
                                                "High School", "Church of England Primary School"};
  int urn = 120001;
  for (const auto& stem : schoolStems)
    for (const auto& kind : schoolKinds) {
      std::string district = oneOf(rng, kDistricts);
      auto id =
          organisation(tx, OrganisationKind::school, stem + " " + kind, std::to_string(urn), district, at);
      if (!id) return id.error();
      d.schools.push_back({*id, std::to_string(urn), district});
      urn += between(rng, 3, 40);
    }
  const std::vector<std::string> surgeries = {"Highfields", "Spinney Hill", "Westcotes",  "Evington",
                                              "Oadby",      "Loughborough", "Hinckley",   "Market Harborough",
                                              "Coalville",  "Syston",       "Braunstone", "Belgrave",
                                              "Melton",     "Wigston",      "Anstey"};
  int ods = 82001;
  for (const auto& s : surgeries) {
    std::string district = oneOf(rng, kDistricts);
    std::string code = "C" + std::to_string(ods);
    auto id = organisation(tx, OrganisationKind::gp_practice, s + " Medical Centre", code, district, at);
    if (!id) return id.error();
    d.gps.push_back({*id, code, district});
    ods += between(rng, 1, 9);
  }
  const std::vector<std::pair<OrganisationKind, std::string>> others = {
      {OrganisationKind::health, "Leicestershire Partnership NHS Trust"},
      {OrganisationKind::health, "University Hospitals of Leicester NHS Trust"},
      {OrganisationKind::health, "School Nursing Service"},
      {OrganisationKind::adult_social_care, "Leicestershire County Council Adult Social Care"},
      {OrganisationKind::adult_social_care, "Leicester City Council Adult Social Care"},
      {OrganisationKind::childrens_social_care, "Children's Social Care First Response"},
      {OrganisationKind::early_help, "Early Help Team North"},
      {OrganisationKind::early_help, "Early Help Team South"},
      {OrganisationKind::voluntary, "Barnardo's Young Carers Project"},
      {OrganisationKind::voluntary, "Carers Trust Leicestershire"},
      {OrganisationKind::voluntary, "Turning Point"},
      {OrganisationKind::self, "Self or family referral"},
      {OrganisationKind::other, "Youth Service"},
      {OrganisationKind::carers_centre, "Young carers service"},
  };
  for (const auto& [kind, name] : others) {
    auto id = organisation(tx, kind, name, "", "", at);
    if (!id) return id.error();
    d.other[kind].push_back(*id);
  }
  created = static_cast<long long>(d.schools.size() + d.gps.size() + others.size());
  return d;
}

Timestamp during(Rng& rng, const Date& day) {
  return ukStartOfDay(day) + std::chrono::hours(8) + std::chrono::minutes(between(rng, 0, 9 * 60));
}

// One simulated step, ready to store.
struct Step {
  Timestamp at{};
  pathways::Transition transition;
  pathways::Event event{};
};

class Simulator {
 public:
  Simulator(const pathways::Engine& engine, Rng& rng) : engine_(engine), rng_(rng) {}

  // Moves the case from `from` until the next step would fall after `limit`.
  std::vector<Step> run(pathways::CaseFacts& f, Date from, Date limit) {
    std::vector<Step> steps;
    Date day = from;
    for (int guard = 0; guard < 60 && pathways::isOpen(f.state); ++guard) {
      pathways::EventRequest r;
      int delay = 0;
      const int age = ageOn(f.dateOfBirth, day);
      if (chance(rng_, 0.015)) {
        r.event = Event::close;
        r.closeReason = chance(rng_, 0.5) ? CloseReason::moved_away : CloseReason::declined;
        delay = between(rng_, 1, 40);
      } else {
        switch (f.state) {
          case CaseState::referred:
            r.event = Event::acknowledge;
            delay = chance(rng_, 0.9) ? between(rng_, 0, 1) : between(rng_, 2, 4);
            break;
          case CaseState::screening:
            if (chance(rng_, 0.04)) {
              r.event = Event::escalate_safeguarding;
              r.reason = "Concern about neglect at home";
            } else if (chance(rng_, 0.2)) {
              r.event = Event::signpost;
            } else {
              r.event = Event::accept_for_assessment;
            }
            delay = between(rng_, 0, 3);
            break;
          case CaseState::safeguarding:
            r.event = Event::safeguarding_returned;
            delay = between(rng_, 3, 25);
            break;
          case CaseState::awaiting_assessment:
            r.event = Event::start_assessment;
            delay = between(rng_, 2, 20);
            break;
          case CaseState::assessing:
            r.event = Event::complete_assessment;
            r.lateReason = "The family asked to rearrange visits";
            f.regulation4Recorded = true;
            delay = between(rng_, 8, 45);
            break;
          case CaseState::support_planning:
            r.event = Event::agree_plan;
            delay = between(rng_, 3, 22);
            break;
          case CaseState::supported:
            if (age >= 16 && chance(rng_, 0.35)) {
              r.event = Event::start_transition;
              delay = between(rng_, 5, 60);
            } else {
              r.event = Event::start_review;
              const Date due = f.reviewDue.value_or(addMonths(day, 6));
              const int lead = between(rng_, -15, 25);  // most reviews start before they are due
              delay = std::max(
                  1,
                  static_cast<int>((std::chrono::sys_days(due) - std::chrono::sys_days(day)).count()) - lead);
            }
            break;
          case CaseState::reviewing: {
            r.event = Event::complete_review;
            delay = between(rng_, 0, 12);
            const int roll = between(rng_, 0, 99);
            if (roll < 62) {
              r.reviewOutcome = "continue";
            } else if (roll < 72) {
              r.reviewOutcome = "change_plan";
            } else if (roll < 80 && age >= 16) {
              r.reviewOutcome = "start_transition";
            } else {
              r.reviewOutcome = "close";
              r.closeReason = chance(rng_, 0.6) ? CloseReason::needs_met : CloseReason::no_longer_caring;
            }
            break;
          }
          case CaseState::transition:
            r.event = Event::hand_over;
            r.receivingService = "Leicestershire Adult Carers Service";
            f.transitionAssessmentReady = true;
            delay = between(rng_, 30, 300);
            break;
          default:
            return steps;
        }
      }
      const Date next = addDays(day, delay);
      if (after(next, limit)) break;
      auto t = engine_.apply(f, r, actor_, next);
      if (!t) {
        // Usually the young person turned 18 in a children's state: the service closes the case.
        pathways::EventRequest close;
        close.event = Event::close;
        close.closeReason = CloseReason::no_longer_caring;
        t = engine_.apply(f, close, actor_, next);
        if (!t) break;
        r = close;
      }
      steps.push_back({during(rng_, next), *t, r.event});
      f = t->after;
      day = next;
    }
    return steps;
  }

 private:
  const pathways::Engine& engine_;
  Rng& rng_;
  pathways::Actor actor_{0, Role::team_manager};
};

// Where generated records go: the repositories, one by one as the service writes them, or the bulk
// writer's prepared statements (the same rows, much faster).
class Sink {
 public:
  virtual ~Sink() = default;
  virtual Result<Id> youngCarer(const YoungCarer& y) = 0;
  virtual Result<Id> caseRecord(const Case& c) = 0;
  virtual Result<Id> referral(const Referral& r) = 0;
  virtual Result<Id> caredFor(const CaredForPerson& p, Id referralId) = 0;
  virtual Result<Id> caseEvent(const CaseEvent& e) = 0;
};

class RepositorySink final : public Sink {
 public:
  explicit RepositorySink(Transaction& tx) : tx_(tx) {}
  Result<Id> youngCarer(const YoungCarer& y) override { return tx_.youngCarers().create(y); }
  Result<Id> caseRecord(const Case& c) override { return tx_.cases().create(c); }
  Result<Id> referral(const Referral& r) override { return tx_.referrals().create(r); }
  Result<Id> caredFor(const CaredForPerson& p, Id referralId) override {
    return tx_.youngCarers().addCaredFor(p, referralId);
  }
  Result<Id> caseEvent(const CaseEvent& e) override { return tx_.cases().appendEvent(e); }

 private:
  Transaction& tx_;
};

class BulkSink final : public Sink {
 public:
  explicit BulkSink(storage::BulkWriter& w) : w_(w) {}
  Result<Id> youngCarer(const YoungCarer& y) override { return w_.youngCarer(y); }
  Result<Id> caseRecord(const Case& c) override { return w_.caseRecord(c); }
  Result<Id> referral(const Referral& r) override { return w_.referral(r); }
  Result<Id> caredFor(const CaredForPerson& p, Id referralId) override { return w_.caredFor(p, referralId); }
  Result<Id> caseEvent(const CaseEvent& e) override { return w_.caseEvent(e); }

 private:
  storage::BulkWriter& w_;
};

struct Generator {
  const pathways::Engine& engine;
  const DemoDataOptions& options;
  Rng rng;
  Doors doors;
  DemoDataSummary summary;

  // The door a referral came through: the child's own school or surgery where the route is one of them.
  Id referralDoor(OrganisationKind kind, std::optional<Id> school, std::optional<Id> gp) {
    if (kind == OrganisationKind::school) return school ? *school : oneOf(rng, doors.schools).organisationId;
    if (kind == OrganisationKind::gp_practice) return gp ? *gp : oneOf(rng, doors.gps).organisationId;
    return oneOf(rng, doors.other.at(kind));
  }

  Status one(Sink& out) {
    static constexpr std::array<Weighted<EthnicGroup>, 6> ethnicities = {{{EthnicGroup::white, 56},
                                                                          {EthnicGroup::asian, 25},
                                                                          {EthnicGroup::black, 7},
                                                                          {EthnicGroup::mixed, 6},
                                                                          {EthnicGroup::other, 3},
                                                                          {EthnicGroup::not_stated, 3}}};
    static constexpr std::array<Weighted<Gender>, 4> genders = {
        {{Gender::girl, 52}, {Gender::boy, 45}, {Gender::non_binary, 1}, {Gender::not_stated, 2}}};
    static constexpr std::array<Weighted<int>, 13> ages = {{{5, 2},
                                                            {6, 3},
                                                            {7, 4},
                                                            {8, 6},
                                                            {9, 7},
                                                            {10, 8},
                                                            {11, 11},
                                                            {12, 12},
                                                            {13, 12},
                                                            {14, 12},
                                                            {15, 10},
                                                            {16, 8},
                                                            {17, 5}}};
    static constexpr std::array<Weighted<OrganisationKind>, 9> routes = {
        {{OrganisationKind::school, 35},
         {OrganisationKind::gp_practice, 6},
         {OrganisationKind::health, 9},
         {OrganisationKind::adult_social_care, 10},
         {OrganisationKind::early_help, 10},
         {OrganisationKind::voluntary, 10},
         {OrganisationKind::self, 10},
         {OrganisationKind::childrens_social_care, 6},
         {OrganisationKind::other, 4}}};
    static constexpr std::array<Weighted<Relationship>, 6> relationships = {
        {{Relationship::parent, 62},
         {Relationship::step_parent, 5},
         {Relationship::sibling, 19},
         {Relationship::grandparent, 9},
         {Relationship::other_relative, 4},
         {Relationship::friend_, 1}}};
    static constexpr std::array<Weighted<Condition>, 9> conditions = {
        {{Condition::physical_illness_or_disability, 30},
         {Condition::mental_ill_health, 28},
         {Condition::long_term_illness, 12},
         {Condition::learning_disability, 9},
         {Condition::alcohol, 6},
         {Condition::drugs, 4},
         {Condition::sensory, 4},
         {Condition::frailty, 4},
         {Condition::other, 3}}};

    const Date until = options.until;
    const auto span = std::chrono::days(365 * options.years);
    const Date earliest{std::chrono::sys_days(until) - span};

    // The young person.
    YoungCarer yc;
    const EthnicGroup group = pick(rng, ethnicities);
    const Gender gender = pick(rng, genders);
    const Names& names = namesByGroup().at(group);
    const bool girl = gender == Gender::girl || (gender != Gender::boy && chance(rng, 0.5));
    yc.givenName = oneOf(rng, girl ? names.girls : names.boys);
    yc.familyName = oneOf(rng, names.family);
    yc.gender = std::string(toString(gender));
    yc.ethnicity = std::string(toString(group));
    const Date firstReferral{std::chrono::sys_days(earliest) +
                             std::chrono::days(between(rng, 0, static_cast<int>(span.count()) - 1))};
    const int age = pick(rng, ages);
    yc.dateOfBirth = Date{std::chrono::sys_days(addMonths(firstReferral, -12 * age)) -
                          std::chrono::days(between(rng, 1, 364))};
    const Place& school = oneOf(rng, doors.schools);
    const Place& gp = oneOf(rng, doors.gps);
    const bool atSchool = ageOn(yc.dateOfBirth, firstReferral) < 16 || chance(rng, 0.6);
    const std::string district = chance(rng, 0.7) ? school.district : oneOf(rng, kDistricts);
    yc.postcode = district + " " + std::to_string(between(rng, 0, 9)) + kInwardLetters[between(rng, 0, 19)] +
                  kInwardLetters[between(rng, 0, 19)];
    yc.address = std::to_string(between(rng, 1, 240)) + " " + oneOf(rng, kStreets) + ", Leicester";
    if (atSchool) yc.schoolUrn = school.code;
    if (chance(rng, 0.93)) yc.gpPracticeOds = gp.code;
    yc.createdAt = yc.updatedAt = during(rng, firstReferral);
    auto ycId = out.youngCarer(yc);
    if (!ycId) return ycId.error();
    yc.id = *ycId;
    ++summary.youngCarers;

    // The first referral opens the case; the pathway runs until the second referral (if any) or until.
    Simulator sim(engine, rng);
    pathways::IntakeRequest intake{yc.dateOfBirth, firstReferral, chance(rng, 0.03), "", options.intakeTeam};
    if (intake.safeguardingConcern) intake.safeguardingDetail = "Child described as caring alone overnight";
    auto opened = engine.intake(std::nullopt, intake, firstReferral);
    if (!opened) return opened.error();
    pathways::CaseFacts facts = opened->after;

    struct Arrival {
      Date day;
      Timestamp at;
      pathways::IntakeOutcome outcome;
      OrganisationKind route;
      bool safeguarding;
    };
    std::vector<Arrival> arrivals{
        {firstReferral, during(rng, firstReferral), *opened, pick(rng, routes), intake.safeguardingConcern}};
    std::vector<std::vector<Step>> episodes;

    std::optional<Date> second;
    if (options.referralsPerYoungCarer >= 2) {
      Date last = until;
      const Date eighteen = addDays(dateOfReachingAge(yc.dateOfBirth, 18), -1);
      if (after(last, eighteen)) last = eighteen;
      const int room =
          static_cast<int>((std::chrono::sys_days(last) - std::chrono::sys_days(firstReferral)).count());
      if (room >= 1) second = addDays(firstReferral, between(rng, 1, std::min(room, 1000)));
    }
    episodes.push_back(sim.run(facts, firstReferral, second ? addDays(*second, -1) : until));
    if (second) {
      pathways::IntakeRequest again{yc.dateOfBirth, *second, false, "", options.intakeTeam};
      auto outcome = engine.intake(facts, again, *second);
      if (outcome) {
        facts = outcome->after;
        arrivals.push_back({*second, during(rng, *second), *outcome, pick(rng, routes), false});
        episodes.push_back(sim.run(facts, *second, until));
      }
    }

    // The case as it stands now.
    Case c;
    c.youngCarerId = yc.id;
    c.state = facts.state;
    c.closeReason = facts.closeReason;
    c.referralReceived = facts.referralReceived;
    c.safeguardingEscalated = facts.safeguardingEscalated;
    c.safeguardingReturned = facts.safeguardingReturned;
    c.planningFrom = facts.planningFrom;
    c.planAgreed = facts.planAgreed;
    c.reviewDue = facts.reviewDue;
    c.ownerTeam = facts.ownerTeam;
    if (pathways::isOpen(facts.state)) {
      auto next = engine.nextActionFor(facts, until);
      c.nextAction = next.action;
      c.nextActionDue = next.due;
    }
    c.openedAt = arrivals.front().at;
    c.updatedAt = episodes.back().empty() ? arrivals.back().at : episodes.back().back().at;
    auto caseId = out.caseRecord(c);
    if (!caseId) return caseId.error();

    for (std::size_t i = 0; i < arrivals.size(); ++i) {
      const Arrival& a = arrivals[i];
      Referral r;
      r.reference =
          "DEMO-" + std::to_string(options.seed) + "-" + std::to_string(yc.id) + "-" + std::to_string(i + 1);
      r.route = a.route;
      r.organisationId =
          referralDoor(a.route, atSchool ? std::optional(school.organisationId) : std::nullopt,
                       yc.gpPracticeOds.empty() ? std::nullopt : std::optional(gp.organisationId));
      r.receivedAt = r.recordedAt = a.at;
      r.youngCarerId = yc.id;
      r.caseId = *caseId;
      r.caringSummary = "Helps at home with personal care, medication and looking after siblings";
      r.youngPersonAware = true;
      r.parentAware = chance(rng, 0.9);
      r.safeguardingConcern = a.safeguarding;
      r.describedGivenName = yc.givenName;
      r.describedFamilyName = yc.familyName;
      r.describedDateOfBirth = formatIsoDate(yc.dateOfBirth);
      r.describedPostcode = yc.postcode;
      auto refId = out.referral(r);
      if (!refId) return refId.error();
      ++summary.referrals;
      if (i == 0) {
        const int people = chance(rng, 0.8) ? 1 : 2;
        for (int p = 0; p < people; ++p) {
          CaredForPerson person;
          person.youngCarerId = yc.id;
          person.relationship = pick(rng, relationships);
          person.conditions.push_back(pick(rng, conditions));
          if (chance(rng, 0.3)) {
            Condition extra = pick(rng, conditions);
            if (extra != person.conditions.front()) person.conditions.push_back(extra);
          }
          person.livesWithYoungCarer = chance(rng, 0.85);
          person.knownToAdultSocialCare = chance(rng, 0.4);
          if (auto id = out.caredFor(person, *refId); !id) return id.error();
        }
      }
      CaseEvent ev;
      ev.caseId = *caseId;
      ev.at = a.at;
      ev.event = a.outcome.kind == pathways::IntakeKind::new_case   ? "referral_received"
                 : a.outcome.kind == pathways::IntakeKind::reopened ? "reopened_by_referral"
                                                                    : "referral_joined";
      ev.fromState = a.outcome.from.value_or(a.outcome.to);
      ev.toState = a.outcome.to;
      ev.reason = "Referral " + r.reference + " from " + std::string(toString(r.route));
      ev.referralId = *refId;
      if (auto id = out.caseEvent(ev); !id) return id.error();
      ++summary.caseEvents;
      for (const auto& s : episodes[i]) {
        CaseEvent e;
        e.caseId = *caseId;
        e.at = s.at;
        e.event = std::string(toString(s.event));
        e.fromState = s.transition.from;
        e.toState = s.transition.to;
        e.closeReason = s.transition.closeReason;
        e.late = s.transition.late;
        e.lateReason = s.transition.lateReason;
        if (auto id = out.caseEvent(e); !id) return id.error();
        ++summary.caseEvents;
      }
    }
    return {};
  }
};

}  // namespace

namespace {

Status validOptions(const DemoDataOptions& options) {
  if (options.youngCarers < 0)
    return DomainError::field("young_carers", "invalid_number", "Give 0 or more young carers");
  if (options.years < 1 || options.years > 30)
    return DomainError::field("years", "invalid_number", "Give 1 to 30 years");
  return {};
}

Status createDoorsOnce(Store& store, Generator& g) {
  const Timestamp createdAt = ukStartOfDay(addDays(g.options.until, -365 * g.options.years - 1));
  auto tx = store.begin(true);
  auto doors = createDoors(*tx, g.rng, createdAt, g.summary.organisations);
  if (!doors) return doors.error();
  g.doors = std::move(doors.value());
  return tx->commit();
}

// One audit event per batch: generated records are not anyone's reading or changing of a child's
// record, so the trail says which young carers a run created, from which seed, not each row.
AuditEvent batchAudit(const DemoDataOptions& options, long long first, long long last) {
  AuditEvent a;
  a.at = ukStartOfDay(options.until);
  a.action = "demo_data.generate";
  a.recordType = "register";
  a.outcome = "ok";
  a.detail = "seed " + std::to_string(options.seed) + ": young carers " + std::to_string(first) + " to " +
             std::to_string(last);
  return a;
}

}  // namespace

Result<DemoDataSummary> generateDemoData(Store& store, const pathways::Engine& engine,
                                         const DemoDataOptions& options) {
  if (auto s = validOptions(options); !s) return s.error();
  Generator g{engine, options, Rng(options.seed), {}, {}};
  if (auto s = createDoorsOnce(store, g); !s) return s.error();
  const long long batch = std::max(1, options.batchSize);
  for (long long done = 0; done < options.youngCarers;) {
    const long long n = std::min(batch, options.youngCarers - done);
    auto tx = store.begin(true);
    RepositorySink out(*tx);
    for (long long i = 0; i < n; ++i)
      if (auto s = g.one(out); !s) return s.error();
    if (auto s = tx->audit().append(batchAudit(options, done + 1, done + n)); !s) return s.error();
    if (auto s = tx->commit(); !s) return s.error();
    done += n;
    if (options.progress) options.progress(done, options.youngCarers);
  }
  return g.summary;
}

Result<DemoDataSummary> loadDemoData(storage::SqliteStore& store, const pathways::Engine& engine,
                                     const DemoDataOptions& options) {
  if (auto s = validOptions(options); !s) return s.error();
  Generator g{engine, options, Rng(options.seed), {}, {}};
  if (auto s = createDoorsOnce(store, g); !s) return s.error();
  const long long batch = std::max<long long>(1, options.bulkBatchSize);
  for (long long done = 0; done < options.youngCarers;) {
    const long long n = std::min(batch, options.youngCarers - done);
    auto written = store.bulkWrite(
        [&](Transaction& tx, sqlite3* db) -> Status {
          // Large random inserts into the name and identity indexes: keep their pages in memory.
          sqlite3_exec(db, "PRAGMA cache_size = -262144", nullptr, nullptr, nullptr);
          storage::BulkWriter writer(db);
          BulkSink out(writer);
          for (long long i = 0; i < n; ++i)
            if (auto s = g.one(out); !s) return s;
          return tx.audit().append(batchAudit(options, done + 1, done + n));
        },
        false);
    if (!written) return written.error();
    done += n;
    if (options.progress) options.progress(done, options.youngCarers);
  }
  // The precomputed counts of every young carer loaded, in one pass (stats_cube.h).
  if (options.progress) options.progress(-1, options.youngCarers);
  if (auto s = store.bulkWrite([](Transaction&, sqlite3*) -> Status { return {}; }, true); !s) return s.error();
  return g.summary;
}

}  // namespace ycr::services
