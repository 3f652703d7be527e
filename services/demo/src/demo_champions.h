#pragma once
// The young carer champions of a demo register's schools (ycr demo-data, demo_data.cpp;
// school_champion.h), so that the schools' pages and the champion indicator have a history to show.

#include <cstdint>

#include "ycr/core/repositories.h"

namespace ycr::services::demo {

// A network that grows over the register's years: most secondary schools (academies, high schools,
// community colleges) name a champion, fewer primary schools; some step down (leaving the school,
// another post, retiring) and most of those are followed by someone else, from `from` to `until`. A
// school with an active referrer account (the demo's champion account) always has one, and that account's
// holder is the one in post now. Only the register's schools with no champion yet; its own random
// numbers, from `seed`. Returns how many.
Result<long long> championsFor(Transaction& tx, const Date& from, const Date& until, std::uint64_t seed);

}  // namespace ycr::services::demo
