#include "ycr/services/demo_data.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string_view>

#include "demo_activities.h"
#include "demo_champions.h"
#include "demo_feedback.h"
#include "demo_random.h"
#include "demo_school_attendance.h"
#include "demo_support_plans.h"
#include "demo_surveys.h"
#include "demo_words.h"
#include "ycr/core/assessment.h"
#include "ycr/services/app.h"
#include "ycr/services/assessments.h"
#include "ycr/services/id_cards.h"
#include "ycr/storage/sqlite_store.h"

namespace ycr::services {
namespace {

using namespace demo;
using pathways::Event;

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
  std::string name;
};

struct Door {
  Id organisationId = 0;
  std::string name;
};

struct Doors {
  std::vector<Place> schools;
  std::vector<Place> gps;
  std::map<OrganisationKind, std::vector<Door>> other;  // by kind
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
Result<Doors> createDoors(Transaction& tx, Rng& rng, Timestamp at, const std::string& own, long long& made) {
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
      const std::string name = stem + " " + kind;
      auto id = organisation(tx, OrganisationKind::school, name, std::to_string(urn), district, at);
      if (!id) return id.error();
      d.schools.push_back({*id, std::to_string(urn), district, name});
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
    const std::string name = s + " Medical Centre";
    auto id = organisation(tx, OrganisationKind::gp_practice, name, code, district, at);
    if (!id) return id.error();
    d.gps.push_back({*id, code, district, name});
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
      {OrganisationKind::carers_centre, own},  // the service's own door: it met the child itself
  };
  for (const auto& [kind, name] : others) {
    auto id = organisation(tx, kind, name, "", "", at);
    if (!id) return id.error();
    d.other[kind].push_back({*id, name});
  }
  made = static_cast<long long>(d.schools.size() + d.gps.size() + others.size());
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
  std::string reason;         // as the service records it: the request's reason or the receiving service
  std::string reviewOutcome;  // complete_review
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
          default: return steps;
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
      // Steps of one day keep their order, so a record made at one step never predates the one before.
      Timestamp at = during(rng_, next);
      if (!steps.empty() && at <= steps.back().at)
        at = steps.back().at + std::chrono::minutes(between(rng_, 1, 30));
      steps.push_back({at, *t, r.event, !r.reason.empty() ? r.reason : r.receivingService, r.reviewOutcome});
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

// ---- the young person's story (the words of its records: demo_words.h) ----

double clamp01(double x) {
  return std::clamp(x, 0.02, 0.95);
}

// A draw from Beta(a, b), for how much a young person cares.
double beta(Rng& rng, double a, double b) {
  const double x = std::gamma_distribution<double>(a, 1.0)(rng);
  const double y = std::gamma_distribution<double>(b, 1.0)(rng);
  return x / (x + y);
}

// What a young carer's records say as their case moves: assessments, reviews, support plans and cards,
// built while the case events are written, so each record sits inside the case's own timeline.
struct Story {
  Id youngCarerId = 0;
  Id caseId = 0;
  YoungCarer youngCarer;
  std::string schoolName;                // empty when not at school
  std::vector<CaredForPerson> caredFor;  // with their ids
  // How much the young person cares, and how many negative and positive outcomes they report (0..1).
  double caring = 0, negative = 0, positive = 0;
  bool measured = false;
  std::vector<Assessment> completed;  // needs assessments and reviews, the baselines of later reviews
  std::set<ServiceType> services;     // what the latest assessment or review decided
  std::vector<SupportPlan> plans;
  std::vector<DemoCard> cards;
  std::vector<CardChange> cardChanges;
  bool open = true;
  std::vector<std::pair<Date, std::optional<Date>>> openSpans;  // each episode's [opened, closed)
  void opens(const Date& day) {
    if (!open || openSpans.empty()) openSpans.push_back({day, std::nullopt});
    open = true;
  }
  void closes(const Date& day) {
    if (open && !openSpans.empty()) openSpans.back().second = day;
    open = false;
  }
  std::optional<Id> needsAssessment;  // the one the next complete_assessment completes
  std::optional<Id> review;           // likewise for complete_review
};

struct Generator {
  const pathways::Engine& engine;
  const DemoDataOptions& options;
  Rng rng;
  Doors doors;
  DemoDataSummary summary;
  ActivityProgramme programme;
  Id service = 0;  // the intake team's organisation

  // The door a referral came through: the child's own school or surgery where the route is one of them.
  Door referralDoor(OrganisationKind kind, const std::optional<Place>& school,
                    const std::optional<Place>& gp) {
    if (kind == OrganisationKind::school) {
      const Place& p = school ? *school : oneOf(rng, doors.schools);
      return {p.organisationId, p.name};
    }
    if (kind == OrganisationKind::gp_practice) {
      const Place& p = gp ? *gp : oneOf(rng, doors.gps);
      return {p.organisationId, p.name};
    }
    return oneOf(rng, doors.other.at(kind));
  }

  // ---- measures ----

  // Answers to every item of a questionnaire: each a binomial draw over the scale's points, with the
  // chance of the higher points given per item.
  std::vector<int> answer(const Questionnaire& q, const std::function<double(int)>& chanceOfMore) {
    std::vector<int> values;
    for (const auto& p : q.scale) values.push_back(p.value);
    std::sort(values.begin(), values.end());
    std::vector<int> out;
    for (const auto& item : q.items) {
      const double x = clamp01(chanceOfMore(item.number));
      std::size_t points = 0;
      for (std::size_t k = 1; k < values.size(); ++k)
        if (chance(rng, x)) ++points;
      out.push_back(values[points]);
    }
    return out;
  }

  // How strongly a MACA-YC18 item's subscale applies to this family (ids from the questionnaire data).
  static double macaWeight(const Questionnaire& q, int item, const Story& story) {
    const Subscale* in = nullptr;
    for (const auto& s : q.subscales)
      if (std::find(s.items.begin(), s.items.end(), item) != s.items.end()) in = &s;
    if (!in) return 1.0;
    auto cares = [&](auto&& pred) { return std::any_of(story.caredFor.begin(), story.caredFor.end(), pred); };
    if (in->id == "personal_care")
      return cares([](const CaredForPerson& p) {
        return std::any_of(p.conditions.begin(), p.conditions.end(), [](Condition c) {
          return c == Condition::physical_illness_or_disability || c == Condition::frailty ||
                 c == Condition::long_term_illness;
        });
      })
                 ? 1.3
                 : 0.6;
    if (in->id == "sibling_care")
      return cares([](const CaredForPerson& p) { return p.relationship == Relationship::sibling; }) ? 1.5
                                                                                                    : 0.9;
    if (in->id == "emotional_care") return 1.3;
    if (in->id == "financial_practical") return 0.7;
    return 1.0;
  }

  // MACA-YC18 and PANOC-YC20 as the young person answers them today, scored by the service's rules.
  Status measure(Story& story, Assessment& a) {
    const QuestionnaireSet& set = *options.questionnaires;
    const Questionnaire& maca = *set.latest(kMacaId);
    const Questionnaire& panoc = *set.latest(kPanocId);
    const Subscale* negative = panoc.findSubscale(kPanocNegativeSubscale);
    auto macaAnswers = answer(maca, [&](int item) { return story.caring * macaWeight(maca, item, story); });
    auto panocAnswers = answer(panoc, [&](int item) {
      const bool isNegative = negative && std::find(negative->items.begin(), negative->items.end(), item) !=
                                              negative->items.end();
      return isNegative ? story.negative : story.positive;
    });
    auto m = set.score(kMacaId, std::nullopt, macaAnswers);
    if (!m) return m.error();
    auto p = set.score(kPanocId, std::nullopt, panocAnswers);
    if (!p) return p.error();
    a.maca = std::move(m.value());
    a.panoc = std::move(p.value());
    return {};
  }

  void firstMeasures(Story& story) {
    story.caring = beta(rng, 1.8, 4.4);
    story.negative = clamp01(0.08 + 0.55 * story.caring + std::normal_distribution<double>(0, 0.1)(rng));
    story.positive = clamp01(std::normal_distribution<double>(0.55, 0.15)(rng));
    story.measured = true;
  }

  // Between assessments caring and its burden drift, on the whole downwards while support lasts.
  void drift(Story& story) {
    story.caring = clamp01(story.caring + std::normal_distribution<double>(-0.015, 0.06)(rng));
    story.negative = clamp01(story.negative + std::normal_distribution<double>(-0.015, 0.07)(rng));
    story.positive = clamp01(story.positive + std::normal_distribution<double>(0.01, 0.05)(rng));
  }

  // ---- records ----

  std::vector<Id> caredForIds(const Story& story) {
    std::vector<Id> ids;
    for (const auto& p : story.caredFor) ids.push_back(p.id);
    return ids;
  }

  std::vector<std::string> participants(const Story& story) {
    std::vector<std::string> out{"Young carer"};
    for (const auto& p : story.caredFor) {
      std::string who = calledBy(p);
      if (!who.empty()) who[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(who[0])));
      out.push_back(who);
    }
    out.push_back("Young carers worker");
    return out;
  }

  std::vector<WrittenRecordRecipient> writtenRecord(const Story& story, std::optional<Date> sentOn) {
    std::vector<WrittenRecordRecipient> out;
    for (const auto& who : participants(story))
      if (who != "Young carers worker") out.push_back({who, sentOn});
    return out;
  }

  std::set<ServiceType> chooseServices(const Story& story) {
    std::set<ServiceType> s;
    const bool knownToAdultServices =
        std::any_of(story.caredFor.begin(), story.caredFor.end(),
                    [](const CaredForPerson& p) { return p.knownToAdultSocialCare; });
    if (chance(rng, 0.65)) s.insert(ServiceType::young_carers_group);
    if (chance(rng, 0.35)) s.insert(ServiceType::one_to_one_support);
    if (chance(rng, 0.3)) s.insert(ServiceType::short_break);
    if (!story.schoolName.empty() && chance(rng, 0.4)) s.insert(ServiceType::school_support);
    if (chance(rng, story.negative > 0.45 ? 0.4 : 0.1))
      s.insert(ServiceType::counselling_or_mental_health_support);
    if (chance(rng, knownToAdultServices ? 0.35 : 0.1))
      s.insert(ServiceType::whole_family_support_from_adult_services);
    if (chance(rng, 0.45)) s.insert(ServiceType::id_card);
    if (chance(rng, 0.3)) s.insert(ServiceType::information_and_advice);
    if (chance(rng, 0.03)) s.insert(ServiceType::other);
    addSupportBeyondBreaks(s, rng, ageOn(story.youngCarer.dateOfBirth, options.until));
    if (s.empty()) s.insert(ServiceType::young_carers_group);
    return s;
  }

  std::vector<std::string> serviceList(const std::set<ServiceType>& services) {
    std::vector<std::string> out;
    for (auto t : services) out.push_back(serviceWords(t));
    return out;
  }

  Result<Id> writeAssessment(Sink& out, Story& story, Assessment& a) {
    a.caseId = story.caseId;
    a.youngCarerId = story.youngCarerId;
    // The record Assessments::create and complete leave behind.
    AssessmentRecord r;
    r.caseId = a.caseId;
    r.youngCarerId = a.youngCarerId;
    r.kind = a.kind;
    r.status = a.status;
    r.document = assessmentDocument(a);
    r.createdAt = a.createdAt;
    r.updatedAt = a.updatedAt;
    r.completedAt = a.completedAt;
    r.macaBand = macaBandOf(a);
    if (a.kind == AssessmentKind::review && a.status == AssessmentStatus::completed)
      r.wellbeingImproved = compareWithBaseline(a, story.completed).wellbeingImproved;
    auto id = out.assessment(r);
    if (!id) return id;
    a.id = *id;
    ++summary.assessments;
    if (a.status == AssessmentStatus::completed && a.kind != AssessmentKind::transition)
      story.completed.push_back(a);
    return id;
  }

  // A needs assessment started at `start`, completed at `done` if the case got that far.
  Result<Id> needsAssessment(Sink& out, Story& story, Timestamp start, std::optional<Timestamp> done) {
    Assessment a;
    a.kind = AssessmentKind::needs;
    a.createdAt = a.updatedAt = start;
    if (done) {
      a.status = AssessmentStatus::completed;
      a.completedAt = a.updatedAt = *done;
    }
    const bool again = std::any_of(story.completed.begin(), story.completed.end(),
                                   [](const Assessment& x) { return x.kind == AssessmentKind::needs; });
    if (!story.measured)
      firstMeasures(story);
    else
      drift(story);
    story.services = chooseServices(story);

    const CaredForPerson& main = story.caredFor.front();
    const std::string name = story.youngCarer.givenName;
    const std::string who = calledBy(main);
    const Condition condition = main.conditions.empty() ? Condition::other : main.conditions.front();
    const int hours = 3 + static_cast<int>(story.caring * 35);
    Regulation4Matters& m = a.matters;
    m.careProvided = name + " cares for " + who + ", who has " + std::string(conditionWords(condition)) +
                     ", about " + std::to_string(hours) +
                     " hours a week: " + std::string(caringTasks(condition)) + ".";
    m.familyReliance =
        story.caring < 0.25 ? "The family manages most of the care; " + name + " helps when asked."
        : story.caring < 0.45
            ? "The family relies on " + name + " most evenings and at weekends."
            : who + " relies on " + name + " every day; there is no other adult at home to share the care.";
    m.effectOnWellbeing =
        story.negative < 0.35
            ? name + " is proud of helping and still has time for friends."
            : name + " is often tired and worried about " + who + ", and finds it hard to relax.";
    const bool mostlyWritten = done.has_value() || chance(rng, 0.4);  // a draft may be well under way
    if (mostlyWritten) {
      m.effectOnEducation = story.caring < 0.35 ? "No effect on attendance; homework mostly done on time."
                                                : "Late or absent on bad mornings; homework often missed.";
      m.effectOnDevelopment = story.caring < 0.35
                                  ? "Goes to clubs and sees friends out of school."
                                  : "Has stopped going to clubs and rarely goes out with friends.";
      m.excessiveOrInappropriateTasks =
          story.caring >= 0.5 ? "Intimate personal care and night-time care are inappropriate at " + name +
                                    "'s age and must stop."
                              : "No tasks judged excessive; lifting to be reviewed with the family.";
      m.preventableByServicesToFamily =
          main.knownToAdultSocialCare
              ? "Adult social care to review " + who + "'s care package so that " + name +
                    " is not relied on."
              : "A needs assessment for " + who + " from adult social care has been requested.";
      a.wishesAndFeelings =
          name + " wants to keep helping " + who + " but would like more time for friends and schoolwork.";
      a.outcomesWanted =
          "To have regular breaks, keep up at school and know who to call if " + who + " is unwell.";
      if (chance(rng, 0.2))
        a.differencesOfOpinion = who + " feels " + name + " does less than " + name + " describes.";
      a.participants = participants(story);
      a.needsForSupport = true;
      a.servicesToMeetNeeds = serviceList(story.services);
      if (done) {
        a.writtenRecordTo = writtenRecord(story, ukLocalDate(*done));
        if (auto s = measure(story, a); !s) return s.error();
      }
    }
    a.caredForPersonIds = caredForIds(story);
    if (again) {
      a.changeInCircumstances = true;
      a.changeDetail = "Referred again after the case was closed: " + who + "'s health has changed.";
    }
    return writeAssessment(out, story, a);
  }

  // A review started at `start`, completed at `done` with `outcome` if the case got that far.
  Result<Id> review(Sink& out, Story& story, Timestamp start, std::optional<Timestamp> done,
                    const std::string& outcome) {
    Assessment a;
    a.kind = AssessmentKind::review;
    a.createdAt = a.updatedAt = start;
    a.caredForPersonIds = caredForIds(story);
    if (done) {
      a.status = AssessmentStatus::completed;
      a.completedAt = a.updatedAt = *done;
      a.reviewOutcome = parseEnum<ReviewOutcome>(outcome);
      a.participants = participants(story);
      drift(story);
      if (auto s = measure(story, a); !s) return s.error();
      const std::string name = story.youngCarer.givenName;
      const std::string who = calledBy(story.caredFor.front());
      const int before = story.completed.empty() || !story.completed.back().maca
                             ? a.maca->total
                             : story.completed.back().maca->total;
      a.changesInCircumstances =
          a.maca->total < before   ? who + "'s new care package has started; " + name + " does less at home."
          : a.maca->total > before ? who + "'s health has been worse this term; " + name + " is doing more."
                                   : "No change at home since the last review.";
      if (a.reviewOutcome == ReviewOutcome::change_plan) {
        // One service added or stopped.
        const auto all = enumSpellings<ServiceType>();
        const auto t = *parseEnum<ServiceType>(oneOf(rng, all));
        if (story.services.count(t) && story.services.size() > 1)
          story.services.erase(t);
        else
          story.services.insert(t);
      }
    }
    return writeAssessment(out, story, a);
  }

  // A transition assessment (Care Act 2014 s63) started on entering transition.
  Result<Id> transitionAssessment(Sink& out, Story& story, Timestamp start, std::optional<Timestamp> done) {
    Assessment a;
    a.kind = AssessmentKind::transition;
    a.createdAt = a.updatedAt = start;
    a.caredForPersonIds = caredForIds(story);
    const std::string name = story.youngCarer.givenName;
    const std::string who = calledBy(story.caredFor.front());
    a.ableAndWillingNow = name + " is able and willing to keep helping " + who + " for now.";
    if (done) {
      a.status = AssessmentStatus::completed;
      a.completedAt = a.updatedAt = *done;
      const int roll = between(rng, 0, 99);
      a.consent = roll < 94   ? TransitionConsent::consented
                  : roll < 96 ? TransitionConsent::lacks_capacity_best_interests
                              : TransitionConsent::refused_but_risk_of_abuse_or_neglect;
      a.ableAndWillingAfter18 =
          chance(rng, 0.5) ? name + " wants to go to college and share the care with adult services."
                           : name + " is willing to carry on caring after 18 with a carer's assessment.";
      a.outcomesWanted = "A college place, a part-time job and a break from caring each week.";
      a.workEducationTrainingRecreation =
          story.schoolName.empty() ? "Looking for an apprenticeship; plays football at weekends."
                                   : "Studying at " + story.schoolName + "; part-time job at weekends.";
      a.participants = participants(story);
      a.writtenRecordTo = writtenRecord(story, ukLocalDate(*done));
    }
    return writeAssessment(out, story, a);
  }

  // The plan's services from `agreed`, none starting after `until` or after the case `ends`.
  std::vector<SupportPlanItem> planItems(const Story& story, Date agreed, std::optional<Date> ends) {
    Date last = options.until;
    if (ends && *ends < last) last = *ends;
    std::vector<SupportPlanItem> items;
    for (auto t : story.services) {
      SupportPlanItem item;
      item.type = t;
      item.provider = providerFor(t, rng, options.intakeTeam, story.schoolName);
      item.start = t == ServiceType::id_card || t == ServiceType::information_and_advice
                       ? agreed
                       : addDays(agreed, between(rng, 0, 14));
      if (last < item.start) item.start = std::max(agreed, last);
      if (t == ServiceType::personal_budget &&
          ageOn(story.youngCarer.dateOfBirth, item.start) < kPersonalBudgetMinimumAge)
        continue;  // from 16 only (validate)
      switch (t) {
        case ServiceType::short_break:
          item.end = addDays(item.start, between(rng, 2, 120));
          item.notes = chance(rng, 0.5) ? "Residential weekend and activity days" : "Monthly activity days";
          break;
        case ServiceType::one_to_one_support: item.end = addDays(item.start, between(rng, 60, 180)); break;
        case ServiceType::counselling_or_mental_health_support:
          item.end = addDays(item.start, between(rng, 42, 120));
          item.notes = "Six to twelve sessions";
          break;
        case ServiceType::information_and_advice: item.end = item.start; break;
        case ServiceType::other:
          item.notes =
              "Contribution to driving lessons so the young carer can take their parent to appointments";
          break;
        default: describeSupportBeyondBreaks(item, rng); break;
      }
      if (ends && item.end && *ends < *item.end) item.end = std::max(item.start, *ends);
      items.push_back(std::move(item));
    }
    if (items.empty())  // only a personal budget, and too young for it
      items.push_back({ServiceType::young_carers_group, options.intakeTeam, agreed, std::nullopt, ""});
    return items;
  }

  // A plan recorded between `planningFrom` and `agreed` (or by `until`, still a draft), superseding the
  // plan agreed before it.
  void plan(Story& story, Date planningFrom, std::optional<Date> agreed, std::optional<Date> reviewDue,
            std::optional<Date> ends) {
    const Date by = agreed ? addDays(*agreed, -1) : options.until;
    const int room = std::max(
        0, static_cast<int>((std::chrono::sys_days(by) - std::chrono::sys_days(planningFrom)).count()));
    SupportPlan p;
    p.caseId = story.caseId;
    p.version = static_cast<int>(story.plans.size()) + 1;
    p.status = agreed ? SupportPlanStatus::agreed : SupportPlanStatus::draft;
    p.recordedAt = during(rng, addDays(planningFrom, between(rng, 0, room)));
    p.agreedOn = agreed;
    p.reviewDue = reviewDue;
    p.items = planItems(story, agreed.value_or(ukLocalDate(p.recordedAt)), ends);
    if (agreed)
      for (auto& earlier : story.plans)
        if (earlier.status == SupportPlanStatus::agreed) {
          earlier.status = SupportPlanStatus::superseded;
          earlier.supersededOn = agreed;
        }
    story.plans.push_back(std::move(p));
  }

  // ---- cards ----

  // Issues a card on `day` as IdCards::issue would (or renews an expired one), if the young carer may have
  // one: an open case, no card active that day, under the scheme's upper age.
  Status issueCard(Sink& out, Story& story, Date day) {
    for (std::size_t i = 0; i < story.cards.size(); ++i) {
      DemoCard& c = story.cards[i];
      if (c.now.status != CardStatus::active) continue;
      if (effectiveStatus(c.now, day) == CardStatus::active) return {};
      // Expired: renewed rather than a second card.
      auto expires = expiryFor(options.cardPolicy, day, story.youngCarer.dateOfBirth);
      if (!expires) return {};
      c.now.expires = *expires;
      c.renewed = day;
      c.renewalDecided = false;
      story.cardChanges.push_back({CardChange::Kind::renew, i, day, *expires, {}, {}, {}});
      return {};
    }
    auto expires = expiryFor(options.cardPolicy, day, story.youngCarer.dateOfBirth);
    if (!expires) return {};
    IdCard card;
    card.youngCarerId = story.youngCarerId;
    card.createdAt = during(rng, day);
    auto number = out.cardNumber(card.createdAt);
    if (!number) return number.error();
    card.number = *number;
    card.issued = day;
    card.expires = *expires;
    card.status = CardStatus::active;
    for (const auto& area : enumSpellings<SharingArea>())
      if (chance(rng, 0.75)) card.sharing.push_back(*parseEnum<SharingArea>(area));
    if (card.sharing.empty()) card.sharing.push_back(SharingArea::medication);
    card.youngCarerConsent = true;
    const int roll = between(rng, 0, 99);
    if (roll < 85) {
      card.parentConsent = std::string(kParentConsentGiven);
    } else if (roll < 95) {
      card.parentConsent = std::string(kParentConsentNotSought);
      card.parentConsentNote = "The young carer asked for the card themselves and is old enough to decide";
    } else {
      card.parentConsent = std::string(kParentConsentNotGiven);
      card.parentConsentNote = "Parent declined; the young carer understands the card and wants one";
    }
    if (auto valid = validateIssue(card); !valid) return valid.error();
    DemoCard d{card, card, std::nullopt, std::nullopt, false};
    if (chance(rng, 0.04)) d.lostOn = addDays(day, between(rng, 20, 250));
    story.cards.push_back(std::move(d));
    story.cardChanges.push_back({CardChange::Kind::issue, story.cards.size() - 1, day, *expires, {}, {}, {}});
    ++summary.idCards;
    return {};
  }

  // What happens to the cards before `day` while nothing happens to the case: lost cards are replaced,
  // and most cards that run out are renewed, both only while the case is open.
  Status passTime(Sink& out, Story& story, Date day) {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i < story.cards.size() && !changed; ++i) {
        if (story.cards[i].now.status != CardStatus::active || !story.open) continue;
        const IdCard current = story.cards[i].now;
        if (auto lost = story.cards[i].lostOn; lost && *lost < day && !(options.until < *lost) &&
                                               effectiveStatus(current, *lost) == CardStatus::active) {
          story.cards[i].lostOn.reset();
          IdCard replacement = current;
          replacement.createdAt = during(rng, *lost);
          auto number = out.cardNumber(replacement.createdAt);
          if (!number) return number.error();
          replacement.number = *number;
          replacement.issued = *lost;
          replacement.statusReason.clear();
          replacement.replacedBy.reset();
          const std::string note = chance(rng, 0.5) ? "Lost at school" : "Reported lost";
          story.cards[i].now.status = CardStatus::lost;
          story.cards[i].now.statusReason = note;
          story.cards[i].now.replacedBy = replacement.number;
          story.cards.push_back({replacement, replacement, std::nullopt, std::nullopt, false});
          story.cardChanges.push_back(
              {CardChange::Kind::issue, story.cards.size() - 1, *lost, {}, {}, {}, {}});
          story.cardChanges.push_back(
              {CardChange::Kind::status, i, *lost, {}, CardStatus::lost, note, replacement.number});
          ++summary.idCards;
          changed = true;
          continue;
        }
        DemoCard& c = story.cards[i];
        if (c.renewalDecided || !(addDays(c.now.expires, 1) < day)) continue;
        c.renewalDecided = true;
        if (!chance(rng, 0.6)) continue;
        const Date since = c.renewed.value_or(c.now.issued);
        Date on = addDays(c.now.expires, between(rng, -20, 25));
        if (!(since < on)) on = addDays(since, 1);
        if (!(on < day) || options.until < on) continue;
        auto expires = expiryFor(options.cardPolicy, on, story.youngCarer.dateOfBirth);
        if (!expires) continue;
        c.now.expires = *expires;
        c.renewed = on;
        c.renewalDecided = false;
        story.cardChanges.push_back({CardChange::Kind::renew, i, on, *expires, {}, {}, {}});
        changed = true;
      }
    }
    return {};
  }

  // A closed case's cards stop verifying (register.cpp, revoke_id_cards).
  void revokeCards(Story& story, const std::optional<CloseReason>& reason) {
    std::string why = "Case closed";
    if (reason) why += " (" + std::string(toString(*reason)) + ")";
    for (std::size_t i = 0; i < story.cards.size(); ++i)
      if (story.cards[i].now.status == CardStatus::active) {
        story.cards[i].now.status = CardStatus::revoked;
        story.cards[i].now.statusReason = why;
        story.cardChanges.push_back(
            {CardChange::Kind::status, i, {}, {}, CardStatus::revoked, why, std::nullopt});
      }
  }

  // ---- one young carer ----

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

    Story story;
    story.youngCarerId = yc.id;
    story.caseId = *caseId;
    story.youngCarer = yc;
    if (atSchool) story.schoolName = school.name;

    // Every step in order, for looking ahead: a record started at one step is finished at a later one.
    std::vector<const Step*> steps;
    for (const auto& episode : episodes)
      for (const auto& s : episode) steps.push_back(&s);
    auto nextAfter = [&](std::size_t k) { return k + 1 < steps.size() ? steps[k + 1] : nullptr; };
    auto dayOf = [](const Step* s) { return ukLocalDate(s->at); };
    // The step that ends the episode running at step k, if it ends.
    auto endAfter = [&](std::size_t k) -> const Step* {
      for (std::size_t j = k + 1; j < steps.size(); ++j)
        if (!pathways::isOpen(steps[j]->transition.to)) return steps[j];
      return nullptr;
    };

    std::size_t k = 0;  // index into steps
    for (std::size_t i = 0; i < arrivals.size(); ++i) {
      const Arrival& a = arrivals[i];
      if (auto s = passTime(out, story, a.day); !s) return s;
      Referral r;
      r.reference =
          "DEMO-" + std::to_string(options.seed) + "-" + std::to_string(yc.id) + "-" + std::to_string(i + 1);
      r.route = a.route;
      const Door door = referralDoor(a.route, atSchool ? std::optional(school) : std::nullopt,
                                     yc.gpPracticeOds.empty() ? std::nullopt : std::optional(gp));
      r.organisationId = door.organisationId;
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
          auto id = out.caredFor(person, *refId);
          if (!id) return id.error();
          person.id = *id;
          story.caredFor.push_back(std::move(person));
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
      // The intake's wording (register.cpp).
      ev.reason = "Referral " + r.reference + " from " + door.name;
      ev.referralId = *refId;
      if (auto id = out.caseEvent(ev); !id) return id.error();
      ++summary.caseEvents;
      story.opens(a.day);

      for (std::size_t e = 0; e < episodes[i].size(); ++e, ++k) {
        const Step& s = *steps[k];
        const Date day = dayOf(&s);
        if (auto st = passTime(out, story, day); !st) return st;
        const Step* next = nextAfter(k);
        CaseEvent ce;
        ce.reason = s.reason;
        switch (s.event) {
          case Event::start_assessment: {
            // Still a draft when the register ends; none when the case moved on without it (a later
            // episode's assessment would otherwise meet a second draft, which the service refuses).
            const bool completes = next && next->event == Event::complete_assessment;
            if (next && !completes) break;
            auto id = needsAssessment(out, story, s.at, completes ? std::optional(next->at) : std::nullopt);
            if (!id) return id.error();
            story.needsAssessment = *id;
            break;
          }
          case Event::complete_assessment:
            // Completed through the assessment, as Assessments::complete records it.
            if (story.needsAssessment)
              ce.reason = "Assessment " + std::to_string(*story.needsAssessment) + " completed";
            story.needsAssessment.reset();
            break;
          case Event::start_review: {
            const bool completes = next && next->event == Event::complete_review;
            if (next && !completes) break;
            auto id = review(out, story, s.at, completes ? std::optional(next->at) : std::nullopt,
                             completes ? next->reviewOutcome : std::string());
            if (!id) return id.error();
            story.review = *id;
            break;
          }
          case Event::complete_review:
            if (story.review) ce.reason = "Assessment " + std::to_string(*story.review) + " completed";
            story.review.reset();
            break;
          case Event::agree_plan: {
            const Step* ends = endAfter(k);
            plan(story, k > 0 ? dayOf(steps[k - 1]) : day, day, s.transition.reviewDue,
                 ends ? std::optional(dayOf(ends)) : std::nullopt);
            if (story.services.count(ServiceType::id_card)) {
              // Issued within days of the plan, before anything else happens to the case.
              Date on = addDays(day, between(rng, 0, 10));
              const Date limit = next ? addDays(dayOf(next), -1) : options.until;
              if (limit < on) on = limit;
              if (!(on < day))
                if (auto st = issueCard(out, story, on); !st) return st;
            }
            break;
          }
          default: break;
        }
        if (s.transition.to == CaseState::transition && s.transition.from != CaseState::transition) {
          // Completed before the hand-over (the engine's transition_assessment_ready), or in time.
          const Step* leaves = endAfter(k);
          std::optional<Timestamp> done;
          if (leaves && leaves->event == Event::hand_over) {
            const int room =
                static_cast<int>((std::chrono::sys_days(dayOf(leaves)) - std::chrono::sys_days(day)).count());
            done = room >= 2 ? during(rng, addDays(day, between(rng, 1, room - 1)))
                             : s.at + std::chrono::minutes(1);
          } else {
            const Date by = leaves ? dayOf(leaves) : addDays(options.until, 1);
            const Date on = addDays(day, between(rng, 14, 120));
            if (on < by) done = during(rng, on);
          }
          // A draft only while the case is still in transition, as for needs assessments above.
          if (done || !leaves)
            if (auto id = transitionAssessment(out, story, s.at, done); !id) return id.error();
        }
        ce.caseId = *caseId;
        ce.at = s.at;
        ce.event = std::string(toString(s.event));
        ce.fromState = s.transition.from;
        ce.toState = s.transition.to;
        ce.closeReason = s.transition.closeReason;
        ce.late = s.transition.late;
        ce.lateReason = s.transition.lateReason;
        if (auto id = out.caseEvent(ce); !id) return id.error();
        ++summary.caseEvents;
        if (!pathways::isOpen(s.transition.to)) story.closes(day);
        if (std::find(s.transition.effects.begin(), s.transition.effects.end(),
                      pathways::Effect::revoke_id_cards) != s.transition.effects.end())
          revokeCards(story, s.transition.closeReason);
      }
    }
    if (auto s = passTime(out, story, addDays(options.until, 1)); !s) return s;
    // A plan being written when the register ends is a draft.
    if (facts.state == CaseState::support_planning && !steps.empty() && chance(rng, 0.85))
      plan(story, dayOf(steps.back()), std::nullopt, std::nullopt, std::nullopt);
    return finish(out, story);
  }

  // What follows the case's timeline: its plans, its cards, and places on the service's activities while
  // it was open with an agreed plan.
  Status finish(Sink& out, const Story& story) {
    if (auto s = out.supportPlans(story.plans); !s) return s;
    summary.supportPlans += static_cast<long long>(story.plans.size());
    if (auto s = out.idCards(story.cards, story.cardChanges); !s) return s;
    auto places = programme.placesFor(out, story.youngCarerId, supportedSpans(story));
    if (!places) return places.error();
    summary.activityPlaces += *places;
    summary.activities = programme.activities();
    auto terms = schoolAttendanceFor(out, story.youngCarerId, story.youngCarer.dateOfBirth, story.openSpans,
                                     story.caring, options.until, options.seed);
    if (!terms) return terms.error();
    summary.schoolTerms += *terms;
    std::vector<Date> issued, reviewed;
    for (const auto& c : story.cards) issued.push_back(c.asIssued.issued);
    for (const auto& a : story.completed)
      if (a.kind == AssessmentKind::review && a.completedAt) reviewed.push_back(ukLocalDate(*a.completedAt));
    auto surveys = surveysFor(out, story.youngCarerId, issued, reviewed, options.until, options.seed);
    if (!surveys) return surveys.error();
    summary.surveyInvitations += surveys->invitations;
    summary.surveyResponses += surveys->responses;
    auto said = feedbackFor(out, service, story.youngCarerId, story.openSpans, engine.calendar(),
                            options.complaints, options.until, options.seed);
    if (!said) return said.error();
    summary.feedback += *said;
    return {};
  }

  // Each episode from the first plan agreed in it, with whether its plans had short breaks or a group.
  static std::vector<SupportedSpan> supportedSpans(const Story& story) {
    std::vector<SupportedSpan> out;
    for (const auto& [opened, closed] : story.openSpans) {
      SupportedSpan span{opened, closed, false, false};
      std::optional<Date> first;
      for (const auto& p : story.plans) {
        if (!p.agreedOn || *p.agreedOn < opened || (closed && !(*p.agreedOn < *closed))) continue;
        if (!first || *p.agreedOn < *first) first = p.agreedOn;
        for (const auto& item : p.items) {
          span.breaks = span.breaks || item.type == ServiceType::short_break;
          span.groups = span.groups || item.type == ServiceType::young_carers_group;
        }
      }
      if (!first) continue;
      span.from = *first;
      out.push_back(span);
    }
    return out;
  }
};

}  // namespace

namespace {

Status validOptions(const DemoDataOptions& options) {
  if (options.youngCarers < 0)
    return DomainError::field("young_carers", "invalid_number", "Give 0 or more young carers");
  if (options.years < 1 || options.years > 30)
    return DomainError::field("years", "invalid_number", "Give 1 to 30 years");
  if (!options.questionnaires || !options.questionnaires->latest(kMacaId) ||
      !options.questionnaires->latest(kPanocId))
    return DomainError::unavailable("Demo data needs the MACA-YC18 and PANOC-YC20 questionnaires");
  return {};
}

Status createDoorsOnce(Store& store, Generator& g) {
  const Timestamp createdAt = ukStartOfDay(addDays(g.options.until, -365 * g.options.years - 1));
  auto tx = store.begin(true);
  auto doors = createDoors(*tx, g.rng, createdAt, g.options.intakeTeam, g.summary.organisations);
  if (!doors) return doors.error();
  g.doors = std::move(doors.value());
  auto champions = championsFor(*tx, ukLocalDate(createdAt), g.options.until, g.options.seed);
  if (!champions) return champions.error();
  g.summary.champions = *champions;
  // The activities are the intake team's service's, so that its staff see them.
  if (!tx->organisations().findByName(g.options.intakeTeam)) ++g.summary.organisations;
  auto service = organisation(*tx, OrganisationKind::carers_centre, g.options.intakeTeam, "", "", createdAt);
  if (!service) return service.error();
  g.programme = ActivityProgramme(*service, g.options.until, g.options.seed);
  g.service = *service;
  return tx->commit();
}

// One audit event per batch: generated records are not anyone's reading or changing of a child's
// record, so the trail says which young carers a run created, from which seed, not each row.
AuditEvent batchAudit(const DemoDataOptions& options, long long first, long long last) {
  return unattributedEvent(ukStartOfDay(options.until), "demo_data.generate", "register", "",
                           "seed " + std::to_string(options.seed) + ": young carers " +
                               std::to_string(first) + " to " + std::to_string(last));
}

}  // namespace

Result<DemoDataSummary> generateDemoData(Store& store, const pathways::Engine& engine,
                                         const DemoDataOptions& options) {
  if (auto s = validOptions(options); !s) return s.error();
  Generator g{engine, options, Rng(options.seed), {}, {}, {}};
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
  Generator g{engine, options, Rng(options.seed), {}, {}, {}};
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
  if (auto s = store.bulkWrite([](Transaction&, sqlite3*) -> Status { return {}; }, true); !s)
    return s.error();
  return g.summary;
}

Result<DemoDataSummary> loadDemoRegister(App& app, DemoDataOptions options) {
  options.intakeTeam = app.config().intakeTeam;
  options.complaints = app.config().complaints;
  options.questionnaires = &app.assessments().questionnaires();
  options.cardPolicy = cardSettingsFrom(app.config()).policy;
  return loadDemoData(app.store(), app.engine(), options);
}

}  // namespace ycr::services
