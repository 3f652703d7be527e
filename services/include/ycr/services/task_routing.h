#pragma once
// Which adult social care organisation a task is addressed to when it is made (issue 21, routing by
// area). An area with more than one adult social care organisation (a city council and a county
// council sharing a postcode area) says which serves where: adult_social_care_by_district maps
// postcode areas ("LE"), districts ("LE2") and sectors ("LE2 7") to organisations by their exact
// name, as intake_team names its service. A task goes to, in order: the organisation of the longest
// entry the household's postcode lies in; the one active adult social care organisation when there
// is exactly one; adult_social_care_default; nobody (unaddressed, resolved when read: tasks.h).
//
// The household's postcode is the young carer's: the register keeps no address for the person cared
// for, and the adult who does not live with the young carer is most often in the same area.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"

namespace ycr::services {

// One entry of adult_social_care_by_district: where (upper case, as a normalised postcode spells
// it) and the organisation's exact name.
struct DistrictRoute {
  std::string area;
  std::string organisation;
};

// Parses "LE1, LE2: Leicester City adult social care; LE: Leicestershire adult social care"; an
// empty value maps nothing. Errors name the setting.
Result<std::vector<DistrictRoute>> parseDistrictRoutes(const std::string& setting, const std::string& value);

// The sector, district and area a normalised postcode lies in, longest first ("LE2 7", "LE2",
// "LE"); nothing for an empty or malformed postcode.
std::vector<std::string> postcodeAreas(const std::string& postcode);

class TaskRouting {
 public:
  // No routes and no default: the one active organisation, or nobody.
  TaskRouting() = default;
  // Every organisation named must be an active adult social care organisation on the register;
  // anything else is refused naming the setting, so a typo stops the service at start instead of
  // leaving a district's tasks unaddressed.
  static Result<TaskRouting> resolve(Transaction& tx, const std::vector<DistrictRoute>& byDistrict,
                                     const std::string& defaultOrganisation);
  // The organisation a new adult social care task about a household at this postcode goes to. An
  // organisation made inactive since the start is passed over, as if it were not named.
  std::optional<Organisation> adultSocialCareFor(Transaction& tx, const std::string& postcode) const;
  // The household's postcode as a referral describes it (a known family may have moved), else the
  // young carer's record's.
  static std::string householdPostcode(const std::string& described, const std::string& recorded);

 private:
  std::map<std::string, Id> byArea_;
  std::optional<Id> default_;
};

}  // namespace ycr::services
