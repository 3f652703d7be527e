#pragma once
// Consent to share (issue 26 item 1). Case staff record what a young person (and where right a
// parent or carer) agreed to share, with whom, when and how, and when they refused or withdrew it.
// Every decision is kept; the latest about a partner is in force, and the register acts on it:
//
// - school: a school is given the names of its young carers (GET /api/v1/school/young-carers) only
//   while they have agreed. Naming a child to a school is the register's own initiative, so nothing
//   recorded means no. A school that referred still hears what happened to its referral unless the
//   young person has refused or withdrawn.
// - health: a GP practice or health service that referred hears what happened to its referral
//   unless the young person has refused or withdrawn.
// - adult_social_care: the tasks that ask adult social care to assess a cared-for adult, or a young
//   adult carer, are made unless the young person has refused or withdrawn (the memorandum between
//   children's and adult services makes asking the default); refusing or withdrawing cancels the open
//   ones, and a referrer from adult social care hears nothing more of its referral.
// - id_card_verifiers: health staff checking an ID card see the areas it agrees they may share
//   information about unless the young person has refused or withdrawn; then they see none.
// A safeguarding escalation to children's social care never waits for consent (DPA 2018 Schedule 1
// paragraph 18; notices.h).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/services/auth.h"

namespace ycr::services {

struct ConsentInput {
  std::optional<std::string> partner, decision, givenBy, method, decidedOn, note;
};

struct PartnerSharing {
  SharingPartner partner = SharingPartner::school;
  SharingState state = SharingState::not_recorded;
  std::optional<SharingConsent> latest;
};

struct ConsentsView {
  Id youngCarerId = 0;
  std::vector<PartnerSharing> partners;  // every partner, in the order of SharingPartner
  std::vector<SharingConsent> history;   // oldest first
  int tasksCancelled = 0;                // by the decision just recorded
};

// The partner as a sentence names it: "their school", "adult social care".
std::string_view sharingPartnerWords(SharingPartner partner);
// The partner an organisation of this kind is, if its hearing about a child is a matter of consent.
std::optional<SharingPartner> partnerFor(OrganisationKind kind);
// False only when the young person has refused or withdrawn sharing with the partner.
bool mayShare(Transaction& tx, Id youngCarerId, SharingPartner partner);
// Whether an organisation of this kind may hear more about the young carer: yes unless it is a
// sharing partner (partnerFor) the young person has refused or withdrawn.
bool partnerMayHear(Transaction& tx, OrganisationKind kind, Id youngCarerId);
// Every partner's state from a history (oldest first).
std::vector<PartnerSharing> partnersFrom(const std::vector<SharingConsent>& history);

// A young carer as their school is told of them: the names the school knows them by, and since when
// they agreed. Nothing about whom they care for.
struct SchoolListEntry {
  Id youngCarerId = 0;  // for recording their attendance (school_attendance.h)
  std::string givenName, preferredName, familyName;
  Date dateOfBirth{};
  Date agreedOn{};
  // The census young carer indicator the register can vouch for, and why (censusFlagFor in
  // school_attendance.h); the latest term's attendance the school or the service recorded.
  std::string censusFlag, censusFlagBasis;
  std::optional<TermAttendance> latestTerm;
};

class Consents {
 public:
  Consents(Store& store, const Clock& clock);

  static constexpr std::size_t kMaxNote = 2000;

  // Case staff of the young carer's service only; to anyone else the record does not exist. Audited.
  Result<ConsentsView> get(const Principal& who, Id youngCarerId);
  // One decision, kept for good; the day it was made may not be after today. Refusing or withdrawing
  // sharing with adult social care cancels the case's open tasks for it, in the same transaction.
  Result<ConsentsView> record(const Principal& who, Id youngCarerId, const ConsentInput& input);
  // For the staff of a school (referrer accounts of a school organisation with its URN): the young
  // carers with an open case recorded at that school who have agreed to share with it, by family
  // name. It helps the school flag them in the January census and its champion reach them. Audited
  // with the count.
  Result<std::vector<SchoolListEntry>> schoolList(const Principal& who);

 private:
  Store& store_;
  const Clock& clock_;
};

// A decision and every partner's state as the API and the subject access export write them.
Poco::JSON::Object::Ptr consentJson(const SharingConsent& c);
Poco::JSON::Array::Ptr sharingJson(const std::vector<PartnerSharing>& partners);

}  // namespace ycr::services
