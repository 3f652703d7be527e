#pragma once
// A young person as a form or a referral describes them, before validation. Shared by the
// API, referral intake and bulk import so every door applies the same rules.

#include <optional>
#include <string>

#include "ycr/core/model.h"
#include "ycr/core/result.h"

namespace ycr {

struct YoungPersonInput {
  std::optional<std::string> givenName, familyName, preferredName, dateOfBirth, postcode, address, schoolUrn,
      gpPracticeOds, nhsNumber, gender, ethnicity, communicationNeeds;
  std::optional<bool> youngAdultCarer;
};

// Validates every field and returns the normalised record, or every field error at once.
// `prefix` names the object in field errors (e.g. "young_person").
Result<YoungCarer> buildYoungCarer(const YoungPersonInput& in, const Date& today,
                                   const std::string& prefix = "");

// Applies the fields present in `in` to an existing record (a partial update), with the same rules.
Result<YoungCarer> applyChanges(YoungCarer existing, const YoungPersonInput& in, const Date& today);

// The names of the fields (as the API names them) whose values differ between two versions of a
// record, e.g. "given_name, date_of_birth" ("" when none): what a correction changed, not the values.
std::string changedFields(const YoungCarer& before, const YoungCarer& after);

// The key exact identity compares: names folded without spaces, date of birth, postcode without
// spaces. "Zoë O'Brien-Smith", 2012-04-03, "LE2 7GH" -> "zoe|obriensmith|2012-04-03|le27gh".
std::string identityKey(const std::string& givenName, const std::string& familyName, const Date& dob,
                        const std::string& postcode);
std::string identityKey(const YoungCarer& yc);

}  // namespace ycr
