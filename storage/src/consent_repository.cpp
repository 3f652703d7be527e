#include "consent_repository.h"

namespace ycr::storage {

Result<Id> SqlConsents::add(const SharingConsent& c) {
  return sql_.insert(
      "INSERT INTO sharing_consents(young_carer_id, partner, decision, given_by, method, decided_on, note, "
      "recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
      {static_cast<long long>(c.youngCarerId), std::string(toString(c.partner)),
       std::string(toString(c.decision)), std::string(toString(c.givenBy)), std::string(toString(c.method)),
       iso(c.decidedOn), c.note, optId(c.recordedBy), iso(c.recordedAt)});
}

std::vector<SharingConsent> SqlConsents::history(Id youngCarerId) {
  std::vector<SharingConsent> out;
  for (const auto& r : sql_.query(
           "SELECT id, young_carer_id, partner, decision, given_by, method, decided_on, note, recorded_by, "
           "recorded_at FROM sharing_consents WHERE young_carer_id = ? ORDER BY decided_on, id",
           {static_cast<long long>(youngCarerId)})) {
    SharingConsent c;
    c.id = r.i64(0);
    c.youngCarerId = r.i64(1);
    // Written from the enums only; a value this build does not know would be a newer build's partner.
    auto partner = parseEnum<SharingPartner>(r.str(2));
    auto decision = parseEnum<ConsentDecision>(r.str(3));
    if (!partner || !decision) continue;
    c.partner = *partner;
    c.decision = *decision;
    c.givenBy = parseEnum<ConsentGivenBy>(r.str(4)).value_or(ConsentGivenBy::young_person);
    c.method = parseEnum<ConsentMethod>(r.str(5)).value_or(ConsentMethod::in_person);
    c.decidedOn = r.date(6);
    c.note = r.str(7);
    c.recordedBy = r.optId(8);
    c.recordedAt = r.time(9);
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<Id> SqlConsents::agreedAtSchool(const std::string& urn) {
  std::vector<Id> out;
  if (urn.empty()) return out;
  for (const auto& r : sql_.query(
           "SELECT y.id FROM young_carers y WHERE y.school_urn = ? AND y.merged_into IS NULL AND "
           "y.anonymised_at IS NULL AND (SELECT s.decision FROM sharing_consents s WHERE s.young_carer_id = "
           "y.id AND s.partner = 'school' ORDER BY s.decided_on DESC, s.id DESC LIMIT 1) = 'agreed' ORDER BY "
           "y.id",
           {urn}))
    out.push_back(r.i64(0));
  return out;
}

}  // namespace ycr::storage
