#include "ycr/core/young_person.h"

#include "ycr/core/text.h"
#include "ycr/core/validation.h"

namespace ycr {
namespace {

std::string path(const std::string& prefix, const char* field) {
  return prefix.empty() ? field : prefix + "." + field;
}

// Validates the fields that are present; `required` fields must be present.
void validateInto(YoungCarer& y, const YoungPersonInput& in, const Date& today, const std::string& prefix,
                  bool requireCore, FieldErrors& errors) {
  namespace v = validation;
  auto take = [&](auto result, auto& target) {
    if (result)
      target = std::move(result.value());
    else
      errors.merge(result.error());
  };
  if (in.givenName || requireCore)
    take(v::name(path(prefix, "given_name"), in.givenName.value_or("")), y.givenName);
  if (in.familyName || requireCore)
    take(v::name(path(prefix, "family_name"), in.familyName.value_or("")), y.familyName);
  if (in.preferredName)
    take(v::name(path(prefix, "preferred_name"), *in.preferredName, false), y.preferredName);
  if (in.youngAdultCarer) y.youngAdultCarer = *in.youngAdultCarer;
  if (in.dateOfBirth || requireCore) {
    auto dob = v::dateOfBirth(path(prefix, "date_of_birth"), in.dateOfBirth.value_or(""), today);
    if (dob) {
      y.dateOfBirth = *dob;
      if (auto age = v::ageForRegister(path(prefix, "date_of_birth"), *dob, today, y.youngAdultCarer); !age)
        errors.merge(age.error());
    } else {
      errors.merge(dob.error());
    }
  }
  if (in.postcode || requireCore)
    take(v::postcode(path(prefix, "postcode"), in.postcode.value_or("")), y.postcode);
  if (in.address) take(v::text(path(prefix, "address"), *in.address, 500), y.address);
  if (in.schoolUrn) {
    if (v::trim(*in.schoolUrn).empty())
      y.schoolUrn.clear();
    else
      take(v::schoolUrn(path(prefix, "school_urn"), *in.schoolUrn), y.schoolUrn);
  }
  if (in.gpPracticeOds) {
    if (v::trim(*in.gpPracticeOds).empty())
      y.gpPracticeOds.clear();
    else
      take(v::gpPracticeOds(path(prefix, "gp_practice_ods"), *in.gpPracticeOds), y.gpPracticeOds);
  }
  if (in.nhsNumber) {
    if (v::trim(*in.nhsNumber).empty())
      y.nhsNumber.clear();
    else
      take(v::nhsNumber(path(prefix, "nhs_number"), *in.nhsNumber), y.nhsNumber);
  }
  if (in.gender) {
    if (!in.gender->empty() && !parseEnum<Gender>(*in.gender))
      errors.add(path(prefix, "gender"), "invalid_choice",
                 "Choose girl, boy, non_binary, other or not_stated");
    else
      y.gender = *in.gender;
  }
  if (in.ethnicity) {
    if (!in.ethnicity->empty() && !parseEnum<EthnicGroup>(*in.ethnicity))
      errors.add(path(prefix, "ethnicity"), "invalid_choice",
                 "Choose asian, black, mixed, white, other or not_stated (2021 census groups)");
    else
      y.ethnicity = *in.ethnicity;
  }
  if (in.communicationNeeds)
    take(v::text(path(prefix, "communication_needs"), *in.communicationNeeds, 2000), y.communicationNeeds);
}

}  // namespace

Result<YoungCarer> buildYoungCarer(const YoungPersonInput& in, const Date& today, const std::string& prefix) {
  YoungCarer y;
  FieldErrors errors;
  validateInto(y, in, today, prefix, true, errors);
  if (!errors.empty()) return errors.toError();
  return y;
}

Result<YoungCarer> applyChanges(YoungCarer existing, const YoungPersonInput& in, const Date& today) {
  FieldErrors errors;
  YoungPersonInput effective = in;
  // Changing the young adult carer flag re-checks the age against the stored date of birth.
  if (in.youngAdultCarer && !in.dateOfBirth) effective.dateOfBirth = formatIsoDate(existing.dateOfBirth);
  validateInto(existing, effective, today, "", false, errors);
  if (!errors.empty()) return errors.toError();
  return existing;
}

std::string identityKey(const std::string& givenName, const std::string& familyName, const Date& dob,
                        const std::string& postcode) {
  auto folded = [](const std::string& s) {
    auto f = text::fold(s);
    std::erase(f, ' ');
    return f;
  };
  return folded(givenName) + "|" + folded(familyName) + "|" + formatIsoDate(dob) + "|" + folded(postcode);
}

std::string identityKey(const YoungCarer& yc) {
  return identityKey(yc.givenName, yc.familyName, yc.dateOfBirth, yc.postcode);
}

std::string changedFields(const YoungCarer& a, const YoungCarer& b) {
  std::string out;
  auto note = [&out](bool changed, const char* name) {
    if (!changed) return;
    if (!out.empty()) out += ", ";
    out += name;
  };
  note(a.givenName != b.givenName, "given_name");
  note(a.familyName != b.familyName, "family_name");
  note(a.preferredName != b.preferredName, "preferred_name");
  note(a.dateOfBirth != b.dateOfBirth, "date_of_birth");
  note(a.postcode != b.postcode, "postcode");
  note(a.address != b.address, "address");
  note(a.schoolUrn != b.schoolUrn, "school_urn");
  note(a.gpPracticeOds != b.gpPracticeOds, "gp_practice_ods");
  note(a.nhsNumber != b.nhsNumber, "nhs_number");
  note(a.gender != b.gender, "gender");
  note(a.ethnicity != b.ethnicity, "ethnicity");
  note(a.communicationNeeds != b.communicationNeeds, "communication_needs");
  note(a.youngAdultCarer != b.youngAdultCarer, "young_adult_carer");
  return out;
}

}  // namespace ycr
