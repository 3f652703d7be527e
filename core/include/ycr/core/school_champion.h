#pragma once
// A school's young carer champion as a named person with a history (issue 27 item 2). The strategies
// ask that "secondary schools/academies have a 'named' member of staff (to be known as 'young carers
// champions')", with staged targets for the share of schools that have one. A champion is in post from
// the day they took it on to the last day they held it; a school may have more than one at a time (a
// job share, a deputy), and the indicator asks whether it had at least one in post on a period's last
// day. The champion may have the school's referrer account, linked so that deactivating the account
// ends their time in post on that day.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

inline constexpr std::size_t kMaxChampionPost = 100;    // characters: "Head of Year 9", "SENCo"
inline constexpr std::size_t kMaxChampionReason = 500;  // why they stepped down

struct SchoolChampion {
  Id id = 0;
  Id organisationId = 0;      // the school
  std::string name;           // as the school knows them: "Mrs J. Patel"
  std::string post;           // their post in the school, may be empty
  std::optional<Id> userId;   // their referrer account at the school, if they have one
  Date since{};               // the first day in post
  std::optional<Date> until;  // the last day in post; none while they hold it
  std::string endReason;      // why they stepped down, may be empty
  std::optional<Id> recordedBy;
  Timestamp recordedAt{};
  std::optional<Id> endedBy;
  std::optional<Timestamp> endedAt;

  bool inPostOn(const Date& day) const { return !(day < since) && (!until || !(*until < day)); }
};

// A new champion: a name as validation::name accepts it (stored normalised), a post of at most
// kMaxChampionPost characters, a real first day no later than today, and no end yet. Field errors
// name the API's fields (name, post, since).
Status validateNew(SchoolChampion& champion, const Date& today);
// Stepping down: the champion still in post, the last day real, not before their first and not after
// today, and a reason of at most kMaxChampionReason characters (fields until, reason).
Status validateEnd(const SchoolChampion& champion, const Date& until, const std::string& reason,
                   const Date& today);

class SchoolChampionRepository {
 public:
  virtual ~SchoolChampionRepository() = default;
  virtual Result<Id> add(const SchoolChampion& champion) = 0;
  virtual std::optional<SchoolChampion> findById(Id id) = 0;
  // The school's champions, those in post first, then the latest to start first.
  virtual std::vector<SchoolChampion> forSchool(Id organisationId) = 0;
  // Every champion in post on `day`, at any school, by school then first day.
  virtual std::vector<SchoolChampion> inPostOn(const Date& day) = 0;
  // Ends a champion's time in post; false when it had already ended.
  virtual Result<bool> end(Id id, const Date& until, const std::string& reason, std::optional<Id> by,
                           Timestamp at) = 0;
  // Ends the time in post of every champion linked to the account and still in post (the account was
  // deactivated); returns how many.
  virtual Result<int> endForAccount(Id userId, const Date& until, const std::string& reason,
                                    std::optional<Id> by, Timestamp at) = 0;
};

}  // namespace ycr
