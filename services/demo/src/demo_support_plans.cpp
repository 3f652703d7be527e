#include "demo_support_plans.h"

namespace ycr::services::demo {

std::string serviceWords(ServiceType t) {
  switch (t) {
    case ServiceType::young_carers_group: return "Young carers group";
    case ServiceType::one_to_one_support: return "One-to-one support";
    case ServiceType::short_break: return "Short breaks";
    case ServiceType::school_support: return "Support at school from the young carer champion";
    case ServiceType::counselling_or_mental_health_support: return "Counselling";
    case ServiceType::whole_family_support_from_adult_services:
      return "Whole-family support from adult social care";
    case ServiceType::id_card: return "Young carer ID card";
    case ServiceType::information_and_advice: return "Information and advice";
    case ServiceType::sport_and_leisure: return "Leisure centre pass";
    case ServiceType::money_and_benefits_advice: return "Advice on Carer's Allowance and family benefits";
    case ServiceType::personal_budget: return "Personal budget";
    case ServiceType::emergency_plan: return "Emergency plan";
    case ServiceType::other: return "Driving lessons fund";
  }
  return "Support";
}

std::string providerFor(ServiceType t, std::mt19937_64& rng, const std::string& intakeTeam,
                        const std::string& schoolName) {
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  switch (t) {
    case ServiceType::short_break: return chance(0.5) ? "Carers Trust Leicestershire" : intakeTeam;
    case ServiceType::school_support: return schoolName.empty() ? intakeTeam : schoolName;
    case ServiceType::counselling_or_mental_health_support: return "Leicestershire Partnership NHS Trust";
    case ServiceType::whole_family_support_from_adult_services:
      return "Leicestershire County Council Adult Social Care";
    case ServiceType::one_to_one_support: return chance(0.3) ? "Barnardo's Young Carers Project" : intakeTeam;
    case ServiceType::sport_and_leisure: return "Leicester City Council Sport Services";
    case ServiceType::money_and_benefits_advice: return "Citizens Advice LeicesterShire";
    case ServiceType::personal_budget: return "Leicestershire County Council";
    default: return intakeTeam;
  }
}

void addSupportBeyondBreaks(std::set<ServiceType>& services, std::mt19937_64& rng, int age) {
  auto chance = [&](double p) { return std::bernoulli_distribution(p)(rng); };
  if (chance(0.25)) services.insert(ServiceType::sport_and_leisure);
  if (chance(0.15)) services.insert(ServiceType::money_and_benefits_advice);
  if (age >= kPersonalBudgetMinimumAge && chance(0.3)) services.insert(ServiceType::personal_budget);
  if (chance(0.5)) services.insert(ServiceType::emergency_plan);
}

void describeSupportBeyondBreaks(SupportPlanItem& item, std::mt19937_64& rng) {
  auto days = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  switch (item.type) {
    case ServiceType::sport_and_leisure:
      item.end = addDays(item.start, days(90, 365));
      item.notes = "Free pass to the district leisure centre, with a friend";
      break;
    case ServiceType::money_and_benefits_advice:
      item.end = addDays(item.start, days(14, 60));
      item.notes = "Citizens Advice checking the family's benefits with the parent's agreement";
      break;
    case ServiceType::personal_budget:
      item.end = addDays(item.start, 365);
      item.notes = "For driving lessons and a gym membership, reviewed at 12 months";
      break;
    case ServiceType::emergency_plan:
      item.notes = "Who to call and who looks after the family if the person cared for is taken ill";
      break;
    default: break;
  }
}

}  // namespace ycr::services::demo
