#include "demo_champions.h"

#include <map>
#include <string>
#include <vector>

#include "demo_random.h"
#include "ycr/core/validation.h"

namespace ycr::services::demo {
namespace {

const std::vector<std::string> kTitles = {"Mrs", "Mr", "Ms", "Miss", "Dr"};
const std::vector<std::string> kInitials = {"A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "J.",
                                            "K.", "L.", "M.", "N.", "P.", "R.", "S.", "T."};
const std::vector<std::string> kFamilies = {"Patel",  "Khan",    "Smith",     "Jones",     "O'Connor",
                                            "Begum",  "Nowak",   "Okafor",    "Clarke",    "Mistry",
                                            "Hughes", "Ahmed",   "Walsh",     "Thompson",  "Kaur",
                                            "Ward",   "Brennan", "Evans-Lee", "Chowdhury", "Wright"};
const std::vector<std::string> kPosts = {"Head of Year 8",
                                         "Head of Year 10",
                                         "SENCo",
                                         "Pastoral lead",
                                         "Assistant Head",
                                         "Learning mentor",
                                         "Family support worker",
                                         "Designated safeguarding lead"};
const std::vector<std::string> kReasons = {"Left the school", "Took another post in the school", "Retired",
                                           "On long-term leave; the school named someone else"};

bool secondary(const std::string& name) {
  for (const char* kind : {"Academy", "High School", "Community College"})
    if (name.find(kind) != std::string::npos) return true;
  return false;
}

}  // namespace

Result<long long> championsFor(Transaction& tx, const Date& from, const Date& until, std::uint64_t seed) {
  Rng rng(seed ^ 0xc4a3710e5ULL);
  auto dayWithin = [&](const Date& a, int days) { return addDays(a, between(rng, 0, std::max(0, days))); };
  auto morningOf = [](const Date& day) { return ukStartOfDay(day) + std::chrono::hours(9); };
  const int span = static_cast<int>((std::chrono::sys_days(until) - std::chrono::sys_days(from)).count());
  // A school's own account on the register (the demo's champion account) holds the post now.
  std::map<Id, User> accounts;
  for (auto& u : tx.users().list())
    if (u.role == Role::referrer && u.active && validation::name("name", u.displayName))
      accounts.emplace(u.organisationId, std::move(u));
  long long made = 0;
  for (const auto& school : tx.organisations().list()) {
    if (school.kind != OrganisationKind::school || !tx.schoolChampions().forSchool(school.id).empty())
      continue;
    const auto account = accounts.find(school.id);
    const bool hasAccount = account != accounts.end();
    if (!chance(rng, secondary(school.name) ? 0.8 : 0.35) && !hasAccount) continue;
    // The first one named in the register's first two thirds, as the network grew.
    Date since = dayWithin(from, span * 2 / 3);
    while (!(until < since)) {
      // A third step down after one to three years; most are followed after a gap.
      const Date last = dayWithin(addDays(since, 365), 2 * 365);
      const bool stepsDown = chance(rng, 0.35) && last < until;
      SchoolChampion c;
      c.organisationId = school.id;
      c.name = oneOf(rng, kTitles) + " " + oneOf(rng, kInitials) + " " + oneOf(rng, kFamilies);
      if (chance(rng, 0.8)) c.post = oneOf(rng, kPosts);
      if (hasAccount && !stepsDown) {
        c.name = account->second.displayName;
        c.userId = account->second.id;
      }
      c.since = since;
      c.recordedAt = morningOf(since);
      auto id = tx.schoolChampions().add(c);
      if (!id) return id.error();
      ++made;
      if (!stepsDown) break;
      auto ended = tx.schoolChampions().end(*id, last, oneOf(rng, kReasons), std::nullopt, morningOf(last));
      if (!ended) return ended.error();
      if (!chance(rng, 0.75) && !hasAccount) break;
      since = dayWithin(addDays(last, 1), 120);
      if (hasAccount && until < since) since = until;  // the account's holder is in post by the end
    }
  }
  return made;
}

}  // namespace ycr::services::demo
