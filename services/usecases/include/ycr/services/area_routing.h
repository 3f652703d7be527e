#pragma once
// Which organisation serves a postcode (issue 21, routing by area), for two things: the young carers
// service that owns a new or reopened case, and the adult social care organisation a whole-family task
// is addressed to. A region of several councils on one register (a city and a county sharing a
// postcode area) says which serves where: young_carers_service_by_district and
// adult_social_care_by_district map postcode areas ("LE"), districts ("LE2") and sectors ("LE2 7") to
// organisations by their exact name. An organisation is found, in order: the organisation of the
// longest entry the postcode lies in; the one active organisation of the kind when there is exactly
// one; the default (intake_team, adult_social_care_default); none.
//
// For cases, none means the referral cannot be given to anyone: `ycr serve` refuses to start unless
// intake_team names an active young carers service (carers_centre), so a referral never goes to a team
// name that no caseworker belongs to. For tasks, none means unaddressed, resolved when read (tasks.h).
//
// The postcode is the young carer's: the register keeps no address for the person cared for, and the
// adult who does not live with the young carer is most often in the same area.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"

namespace ycr::services {

// One entry of a *_by_district setting: where (upper case, as a normalised postcode spells it) and the
// organisation's exact name.
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

// Whether `o` can take work as an organisation of `kind`: it exists, is active and is of that kind.
bool isActive(const std::optional<Organisation>& o, OrganisationKind kind);

// The settings that route one kind of organisation, named as the configuration names them.
struct AreaRoutingSettings {
  OrganisationKind kind = OrganisationKind::adult_social_care;
  std::string byDistrictSetting;  // "adult_social_care_by_district"
  std::vector<DistrictRoute> byDistrict;
  std::string defaultSetting;  // "adult_social_care_default"
  std::string defaultOrganisation;
};

class AreaRouting {
 public:
  // No routes and no default: the one active organisation of the kind, or none.
  explicit AreaRouting(OrganisationKind kind = OrganisationKind::adult_social_care) : kind_(kind) {}
  // Every organisation mapped must be an active organisation of the kind on the register; anything else
  // is refused naming the setting, so a typo stops the service at start instead of leaving a
  // district's referrals or tasks with nobody. The default is checked too when `checkDefault`.
  static Result<AreaRouting> resolve(Transaction& tx, const AreaRoutingSettings& settings, bool checkDefault);
  // Refused, naming the setting, unless `name` is an active organisation of `kind`.
  static Result<Organisation> active(Transaction& tx, OrganisationKind kind, const std::string& setting,
                                     const std::string& what, const std::string& name);
  // The organisation serving this postcode. An organisation made inactive since the start is passed
  // over, as if it were not named.
  std::optional<Organisation> organisationFor(Transaction& tx, const std::string& postcode) const;
  // The household's postcode as a referral describes it (a known family may have moved), else the
  // young carer's record's.
  static std::string householdPostcode(const std::string& described, const std::string& recorded);

 private:
  // The organisation when it is active and of this routing's kind.
  std::optional<Organisation> serving(std::optional<Organisation> o) const;

  OrganisationKind kind_;
  std::map<std::string, Id> byArea_;
  std::string default_;
};

// Where each kind of referral work goes: the case to a young carers service, a whole-family task to
// adult social care.
struct Routing {
  AreaRouting youngCarersServices{OrganisationKind::carers_centre};
  AreaRouting adultSocialCare{OrganisationKind::adult_social_care};
};

}  // namespace ycr::services
