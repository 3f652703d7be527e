#pragma once
// Consent to share (issue 26 item 1): a young person's decisions about who their information may be
// shared with, each kept as it was made. The decision in force about a partner is the latest one
// (by the day it was made, then the order it was recorded); services/consents.h says what it governs.

#include <optional>
#include <string>
#include <vector>

#include "ycr/core/model.h"
#include "ycr/core/result.h"
#include "ycr/core/time.h"

namespace ycr {

// Whom the register may share a young carer's information with. `health` is their GP practice and
// other health services; `id_card_verifiers` are the health staff who check their ID card.
enum class SharingPartner { school, health, adult_social_care, id_card_verifiers };
YCR_ENUM_NAMES(SharingPartner, "school", "health", "adult_social_care", "id_card_verifiers")

enum class ConsentDecision { agreed, refused, withdrawn };
YCR_ENUM_NAMES(ConsentDecision, "agreed", "refused", "withdrawn")

// Who said it: the right to decide is the young person's; a parent or carer decides with them, or for
// a child who cannot yet understand what is being asked.
enum class ConsentGivenBy { young_person, parent_or_carer, young_person_and_parent };
YCR_ENUM_NAMES(ConsentGivenBy, "young_person", "parent_or_carer", "young_person_and_parent")

enum class ConsentMethod { in_person, phone, in_writing, online };
YCR_ENUM_NAMES(ConsentMethod, "in_person", "phone", "in_writing", "online")

struct SharingConsent {
  Id id = 0;
  Id youngCarerId = 0;
  SharingPartner partner = SharingPartner::school;
  ConsentDecision decision = ConsentDecision::agreed;
  ConsentGivenBy givenBy = ConsentGivenBy::young_person;
  ConsentMethod method = ConsentMethod::in_person;
  Date decidedOn{};
  std::string note;
  std::optional<Id> recordedBy;
  Timestamp recordedAt{};
};

// Where a partner stands: the latest decision, or nothing recorded.
enum class SharingState { not_recorded, agreed, refused, withdrawn };
YCR_ENUM_NAMES(SharingState, "not_recorded", "agreed", "refused", "withdrawn")

// The decision in force about `partner` in a history ordered as ConsentRepository::history gives it.
inline SharingState sharingState(const std::vector<SharingConsent>& history, SharingPartner partner) {
  SharingState state = SharingState::not_recorded;
  for (const auto& c : history)
    if (c.partner == partner)
      state = c.decision == ConsentDecision::agreed    ? SharingState::agreed
              : c.decision == ConsentDecision::refused ? SharingState::refused
                                                       : SharingState::withdrawn;
  return state;
}

class ConsentRepository {
 public:
  virtual ~ConsentRepository() = default;
  virtual Result<Id> add(const SharingConsent& consent) = 0;
  // Every decision about the young carer, oldest first: by the day it was made, then as recorded.
  virtual std::vector<SharingConsent> history(Id youngCarerId) = 0;
  // The young carers recorded at the school (by URN) whose decision in force about their school is
  // agreed; merged and anonymised records left out. By id.
  virtual std::vector<Id> agreedAtSchool(const std::string& urn) = 0;
};

}  // namespace ycr
