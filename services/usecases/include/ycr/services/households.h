#pragma once
// Households (issue 21 item 2): a person cared for is one household member that every young carer
// caring for them links to (migration 0020). Each child keeps their own relationship to the person
// as their referral described it (mum to one, grandmother to another); what is known of the person
// is what all of those descriptions say together. Links are made by people, never guessed: a referral
// or a member of staff names the row already on the register ("same as cared-for person 12"), and
// staff can undo a wrong link. Adult social care is asked once per person, not once per child.

#include <Poco/JSON/Array.h>

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/repositories.h"
#include "ycr/pathways/engine.h"
#include "ycr/services/auth.h"

namespace ycr::services {

// Another young carer caring for the same person, as a viewer who may work their case sees them.
struct HouseholdCarer {
  Id youngCarerId = 0;
  Id caredForId = 0;  // their row describing the person
  std::optional<Id> caseId;
  std::string name;  // given and family name
  Relationship relationship = Relationship::parent;
};

// One person a young carer cares for, with the household around them.
struct HouseholdMember {
  CaredForPerson caredFor;            // this child's own description of the person
  std::vector<Condition> conditions;  // every condition any child's description records
  bool knownToAdultSocialCare = false;
  std::vector<std::string> adultSocialCareReferences;
  std::vector<HouseholdCarer> otherCarers;  // only those whose case the viewer may work
};

// The people a young carer cares for, each with the other young carers caring for them that `who` may
// see (case staff of their cases' service); others are left out, not counted.
std::vector<HouseholdMember> householdOf(Transaction& tx, const Principal& who, Id youngCarerId);

// What a read of the household shows of other children, for its audit entry: "household: young
// carers 12, 15" (ids only), or "" when it names nobody else.
std::string householdShown(const std::vector<HouseholdMember>& household);

struct CaredForInput;  // register.h

// A referral's people cared for, validated: every field error at once, each under cared_for[i].
Result<std::vector<CaredForPerson>> buildCaredFor(const std::vector<CaredForInput>& inputs);

// Intake: stores a referral's people cared for (`people`, built from `inputs`) for the young carer,
// each a household member: the one of the row an input names as the same person
// (same_as_cared_for_person), else a new one. A row the referrer may not see (whose case they may not
// work) is refused as if it did not exist (422 on cared_for[i].same_as_cared_for_person). Sets each
// person's id and personId.
Status storeCaredFor(Transaction& tx, const Principal& who, Id youngCarerId, Id referralId,
                     std::vector<CaredForPerson>& people, const std::vector<CaredForInput>& inputs);

// One task per adult: of the whole-family tasks for a referral's people (already stored, with their
// person), those for a person another child's description says is known to adult social care are
// dropped, as are those for a person with a task for adult social care still open or accepted; that
// task gets a history row noting the new referral instead. Returns the tasks still to create.
Result<std::vector<pathways::WholeFamilyTask>> oneTaskPerAdult(Transaction& tx,
                                                               std::vector<pathways::WholeFamilyTask> tasks,
                                                               const std::vector<CaredForPerson>& people,
                                                               const std::string& referralReference,
                                                               const Principal& who, Timestamp now);

// Staff linking and unlinking on the case page and the API (POST/DELETE
// /api/v1/young-carers/{id}/cared-for/{cfid}/household). Each is one transaction with its audit entry.
class Households {
 public:
  Households(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // The young carer's row `caredForId` is the same person as row `sameAs` (of another young carer
  // whose case `who` may work): it links to that row's person. Returns the young carer's household.
  Result<std::vector<HouseholdMember>> link(const Principal& who, Id youngCarerId, Id caredForId, Id sameAs);
  // The row is a person of their own again (a wrong link undone).
  Result<std::vector<HouseholdMember>> unlink(const Principal& who, Id youngCarerId, Id caredForId);

 private:
  Result<std::vector<HouseholdMember>> change(const Principal& who, Id youngCarerId, Id caredForId,
                                              std::optional<Id> sameAs);

  Store& store_;
  const Clock& clock_;
};

}  // namespace ycr::services
