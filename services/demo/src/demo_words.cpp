#include "demo_words.h"

#include "ycr/services/demo_data.h"

namespace ycr::services::demo {

std::string calledBy(const CaredForPerson& p) {
  const bool first = p.id % 2 == 0;
  switch (p.relationship) {
    case Relationship::parent: return first ? "Mum" : "Dad";
    case Relationship::step_parent: return first ? "Stepmum" : "Stepdad";
    case Relationship::sibling: return first ? "their sister" : "their brother";
    case Relationship::grandparent: return first ? "Nan" : "Grandad";
    case Relationship::other_relative: return first ? "their aunt" : "their uncle";
    case Relationship::friend_: return "a family friend";
  }
  return "a family member";
}

std::string_view conditionWords(Condition c) {
  switch (c) {
    case Condition::physical_illness_or_disability: return "a physical disability";
    case Condition::mental_ill_health: return "mental ill health";
    case Condition::sensory: return "sight and hearing loss";
    case Condition::learning_disability: return "a learning disability";
    case Condition::alcohol: return "alcohol misuse";
    case Condition::drugs: return "drug misuse";
    case Condition::frailty: return "frailty";
    case Condition::long_term_illness: return "a long-term illness";
    case Condition::other: return "a health condition";
  }
  return "a health condition";
}

std::string_view caringTasks(Condition c) {
  switch (c) {
    case Condition::physical_illness_or_disability:
    case Condition::frailty: return "helping them move around, get washed and dressed, and cooking";
    case Condition::mental_ill_health:
      return "keeping them company, noticing when they are low and making sure they eat";
    case Condition::sensory: return "reading letters, going with them to appointments and shopping";
    case Condition::learning_disability:
      return "helping with routines, money and getting ready in the morning";
    case Condition::alcohol:
    case Condition::drugs:
      return "running the house, getting younger siblings to school and watching out for them at night";
    case Condition::long_term_illness:
      return "collecting prescriptions, reminding them to take medication and housework";
    case Condition::other: return "housework and keeping them company";
  }
  return "housework";
}

}  // namespace ycr::services::demo

namespace ycr::services {

// The demo register as `ycr demo-data` reports it: what was made, in words.
std::string describe(const DemoDataSummary& s) {
  auto n = [](long long count, const char* what) { return std::to_string(count) + " " + what; };
  return n(s.youngCarers, "young carers, ") + n(s.referrals, "referrals and ") +
         n(s.caseEvents, "case events (") + n(s.organisations, "organisations, ") +
         n(s.champions, "school champions past and present), ") + n(s.assessments, "assessments, ") +
         n(s.supportPlans, "support plans, ") + n(s.idCards, "ID cards, ") +
         n(s.activities, "activities and breaks with ") + n(s.activityPlaces, "places, ") +
         n(s.schoolTerms, "terms of school attendance, ") + n(s.surveyInvitations, "surveys sent and ") +
         n(s.surveyResponses, "answered, ") + n(s.feedback, "compliments and complaints");
}

}  // namespace ycr::services
