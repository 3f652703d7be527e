#pragma once
// What a demo register's support plans hold beyond the young carers service's own support (ycr demo-data,
// demo_data.cpp): the services' words, and support beyond breaks (sport and leisure, advice on money and
// benefits, a personal budget from 16, an emergency plan) so that their indicators show something.

#include <random>
#include <set>
#include <string>

#include "ycr/core/assessment.h"

namespace ycr::services::demo {

// A plan's service in the words an assessment records it.
std::string serviceWords(ServiceType t);

// Who provides a service: the young carers service itself (`intakeTeam`) unless another provides it.
std::string providerFor(ServiceType t, std::mt19937_64& rng, const std::string& intakeTeam,
                        const std::string& schoolName);

// Adds support beyond breaks to what an assessment decided, each with the chance a carers service might
// arrange it; a personal budget only for a young carer of 16 or over (`age` when the plan is agreed).
void addSupportBeyondBreaks(std::set<ServiceType>& services, std::mt19937_64& rng, int age);

// The length and notes of an item of support beyond breaks, from its start; other items are left as they are.
void describeSupportBeyondBreaks(SupportPlanItem& item, std::mt19937_64& rng);

}  // namespace ycr::services::demo
