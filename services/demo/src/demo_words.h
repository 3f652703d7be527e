#pragma once
// The words a demo register's assessments, reviews and plans use for the people young carers look after
// and what caring for them means (ycr demo-data, demo_data.cpp).

#include <string>
#include <string_view>

#include "ycr/core/model.h"

namespace ycr::services::demo {

// How the young carer speaks of the person they care for; fixed per person so every record agrees.
std::string calledBy(const CaredForPerson& p);
// A condition as a sentence names it ("mental ill health"), and what caring for it asks of a child.
std::string_view conditionWords(Condition c);
std::string_view caringTasks(Condition c);

}  // namespace ycr::services::demo
