#pragma once
// Schools' young carer champions as named people with a history (core/include/ycr/core/school_champion.h),
// kept by a young carers service's case staff (caseworkers and team managers) and administrators: who is
// the champion at each school on the register, since when, and who held it before. They are staff of
// schools, not children, so these records are not part of any young carer's record; every change is
// audited. The indicator schools_with_active_champion counts schools with one in post on a period's
// last day.

#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct ChampionInput {
  std::optional<std::string> name, post, since;
  std::optional<long long> userId;  // their referrer account at the school
};

struct ChampionEndInput {
  std::optional<std::string> until, reason;
};

// A school with its champions: on the list of schools those in post today; on a school's own page
// all of them, those in post first, then the latest to start first.
struct SchoolChampionsView {
  struct Account {
    Id id = 0;
    std::string displayName;
  };
  Organisation school;
  std::vector<SchoolChampion> champions;
  std::vector<Account> accounts;  // a school's own page: its active referrer accounts, to link a champion to
};

class SchoolChampions {
 public:
  SchoolChampions(Store& store, const Clock& clock);

  // Every active school on the register, by name, each with its champions in post today.
  Result<std::vector<SchoolChampionsView>> schools(const Principal& who);
  // One school's champions, past and present.
  Result<SchoolChampionsView> school(const Principal& who, Id schoolId);
  // One champion, as their school's view with them alone among its champions.
  Result<SchoolChampionsView> champion(const Principal& who, Id championId);
  // Names a champion at an active school; refused while the same account is already in post there.
  Result<SchoolChampion> name(const Principal& who, Id schoolId, const ChampionInput& input);
  // Records that a champion stepped down: their last day and, if given, why.
  Result<SchoolChampion> end(const Principal& who, Id championId, const ChampionEndInput& input);

 private:
  Store& store_;
  const Clock& clock_;
};

// A deactivated account's champion has left the post that day (`at` in England), wherever it is
// deactivated (the API, the command line); `by` the administrator, if any. Returns how many posts ended.
Result<int> endChampionsOfAccount(Transaction& tx, Id userId, Timestamp at, std::optional<Id> by);

Poco::JSON::Object::Ptr championJson(const SchoolChampion& champion);

}  // namespace ycr::services
